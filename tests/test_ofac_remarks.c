/*
 * test_ofac_remarks.c - the OFAC Remarks parser on the statement forms the
 * lists use, on statement splitting (quotes, parentheses, stray apostrophes)
 * and on text it must keep rather than read.
 */
#include "support.h"

#include <string.h>

#include "model/draft.h"
#include "sources/ofac_remarks.h"

static draft *d;

static int setup(void **state) {
    (void)state;
    d = draft_new();
    return d ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    draft_free(d);
    return 0;
}

/* Parses TEXT into a fresh draft of KIND; returns the entity view. */
static const embargo_entity *parse(embargo_kind kind, const char *text, ofac_remarks_stats *stats) {
    draft_reset(d);
    draft_set_kind(d, kind, NULL);
    ofac_remarks_stats local = {0};
    ofac_remarks_parse(d, text, strlen(text), stats ? stats : &local);
    assert_false(draft_failed(d));
    return draft_entity(d);
}

static const char *date_text(const embargo_date *date) {
    static char buf[64];
    return embargo_date_format(date, buf, sizeof buf);
}

static void test_dates(void **state) {
    (void)state;
    const embargo_entity *e = parse(EMBARGO_KIND_PERSON,
        "DOB 08 Jan 1984; alt. DOB 1958; DOB circa 1958; DOB 1958 to 1962; DOB Mar 1965.", NULL);
    assert_int_equal(e->n_births, 5);
    assert_string_equal(date_text(&e->births[0]), "1984-01-08");
    assert_string_equal(date_text(&e->births[1]), "1958");
    assert_string_equal(date_text(&e->births[2]), "~1958");
    assert_string_equal(date_text(&e->births[3]), "1958..1962");
    assert_string_equal(date_text(&e->births[4]), "1965-03");
    assert_null(e->remarks);
}

static void test_person_fields(void **state) {
    (void)state;
    ofac_remarks_stats stats = {0};
    const embargo_entity *e = parse(EMBARGO_KIND_PERSON,
        "POB Moscow, Russia; nationality Korea, North; alt. nationality Russia; "
        "citizen Russia; Gender Female; Passport 472220033 (Korea, North) expires 17 Mar 2014; "
        "alt. Passport 12345; National ID No. 99 (Russia); Cedula No. 16247821 (Colombia); "
        "Tax ID No. 7701234567 (Russia).", &stats);
    assert_int_equal(e->n_birth_places, 1);
    assert_string_equal(e->birth_places[0].country, "RU");
    assert_int_equal(e->n_nationalities, 2);
    assert_string_equal(e->nationalities[0].code, "KP");
    assert_string_equal(e->nationalities[1].code, "RU");
    assert_int_equal(e->n_citizenships, 1);
    assert_int_equal(e->gender, EMBARGO_GENDER_FEMALE);
    assert_int_equal(e->n_identifiers, 5);
    assert_int_equal(e->identifiers[0].type, EMBARGO_ID_PASSPORT);
    assert_string_equal(e->identifiers[0].value, "472220033");
    assert_string_equal(e->identifiers[0].country, "KP");
    assert_string_equal(e->identifiers[0].note, "expires 17 Mar 2014");
    assert_string_equal(e->identifiers[0].label, "Passport");
    assert_string_equal(e->identifiers[1].value, "12345");
    assert_int_equal(e->identifiers[2].type, EMBARGO_ID_NATIONAL);
    assert_int_equal(e->identifiers[3].type, EMBARGO_ID_NATIONAL);
    assert_string_equal(e->identifiers[3].value, "16247821");
    assert_int_equal(e->identifiers[4].type, EMBARGO_ID_TAX);
    assert_int_equal(stats.statements, 10);
    assert_int_equal(stats.structured, 10);
    assert_null(e->remarks);
}

static void test_other_identifiers(void **state) {
    (void)state;
    const embargo_entity *e = parse(EMBARGO_KIND_ORGANIZATION,
        "Registration ID 1027700000000 (Russia); SWIFT/BIC KBHBKPPY; "
        "Digital Currency Address - XBT 1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V; "
        "alt. Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c; "
        "Email Address info@example.kp; Website http://www.example.kp; "
        "Vessel Registration Identification IMO 9367619; MMSI 445112000; "
        "Company Number IMO 5123456; Organization Established Date 1990.", NULL);
    static const embargo_id_type want[] = {
        EMBARGO_ID_REGISTRATION, EMBARGO_ID_BIC, EMBARGO_ID_CRYPTO, EMBARGO_ID_CRYPTO,
        EMBARGO_ID_EMAIL, EMBARGO_ID_WEBSITE, EMBARGO_ID_IMO, EMBARGO_ID_MMSI, EMBARGO_ID_IMO,
    };
    assert_int_equal(e->n_identifiers, sizeof want / sizeof *want);
    for (size_t i = 0; i < e->n_identifiers; i++) assert_int_equal(e->identifiers[i].type, want[i]);
    assert_string_equal(e->identifiers[2].value, "1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V");
    assert_string_equal(e->identifiers[2].label, "Digital Currency Address - XBT");
    assert_string_equal(e->identifiers[6].value, "9367619");
    assert_string_equal(e->identifiers[8].value, "5123456");
    assert_int_equal(e->n_births, 1);
    assert_null(e->remarks);
}

static void test_links_and_aliases(void **state) {
    (void)state;
    const embargo_entity *e = parse(EMBARGO_KIND_PERSON,
        "a.k.a. 'KOMID'; f.k.a. 'OLD NAME'; a.k.a. 'PAK, Jin Hek'; a.k.a. 'ABU-'UMAR'; "
        "Linked To: RED MUNDIAL INMOBILIARIA, S.A. DE C.V.; Linked To: LAZARUS GROUP.", NULL);
    assert_int_equal(e->n_names, 4);
    assert_string_equal(e->names[0].full, "KOMID");
    assert_int_equal(e->names[0].quality, EMBARGO_NAME_WEAK);
    assert_string_equal(e->names[1].full, "OLD NAME");
    assert_string_equal(e->names[2].family, "PAK");
    assert_string_equal(e->names[2].given, "Jin Hek");
    assert_string_equal(e->names[3].full, "ABU-'UMAR");
    assert_int_equal(e->n_links, 2);
    assert_string_equal(e->links[0].name, "RED MUNDIAL INMOBILIARIA, S.A. DE C.V.");
    assert_string_equal(e->links[1].name, "LAZARUS GROUP");

    e = parse(EMBARGO_KIND_ORGANIZATION, "Linked To: KPD S.A.", NULL);
    assert_string_equal(e->links[0].name, "KPD S.A.");  /* the final '.' ends "S.A." */
}

static void test_splitting(void **state) {
    (void)state;
    /* A ';' inside an alias's quotes or inside parentheses does not split. */
    const embargo_entity *e = parse(EMBARGO_KIND_ORGANIZATION,
        "a.k.a. 'ALPHA; BETA'; Passport 123 (issued under the alias X; Alt. DOB: 10 October 1969); "
        "DOB 1950", NULL);
    assert_string_equal(e->names[0].full, "ALPHA; BETA");
    assert_int_equal(e->n_identifiers, 1);
    assert_non_null(strstr(e->identifiers[0].note, "Alt. DOB"));
    assert_int_equal(e->n_births, 1);

    /* A stray apostrophe or parenthesis does not swallow the statements after it. */
    e = parse(EMBARGO_KIND_PERSON, "a.k.a. 'NEVER CLOSED; DOB 1961; Chairman (of the; Gender Male", NULL);
    assert_int_equal(e->n_births, 1);
    assert_int_equal(e->gender, EMBARGO_GENDER_MALE);
}

static void test_kept_text(void **state) {
    (void)state;
    ofac_remarks_stats stats = {0};
    const embargo_entity *e = parse(EMBARGO_KIND_PERSON,
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; "
        "DOB sometime; Chairman of the Workers' Party of Korea.", &stats);
    assert_non_null(e->remarks);
    assert_string_equal(e->remarks, "Secondary sanctions risk: North Korea Sanctions Regulations, "
                        "sections 510.201 and 510.210; DOB sometime; Chairman of the Workers' Party of Korea");
    assert_int_equal(stats.statements, 3);
    assert_int_equal(stats.unreadable, 1);
    assert_int_equal(stats.kept, 3);
    assert_int_equal(e->n_births, 0);

    /* A passport statement without a number is kept as text, not made an identifier. */
    e = parse(EMBARGO_KIND_PERSON, "Passport issued in Sarajevo, Bosnia-Herzegovina; "
              "Passport and National ID were issued in Ulm, Germany", NULL);
    assert_int_equal(e->n_identifiers, 0);
    assert_non_null(strstr(e->remarks, "Sarajevo"));
    assert_non_null(strstr(e->remarks, "Ulm"));
}

static void test_split_id(void **state) {
    (void)state;
    char text[] = "472220033 (Korea, North) expires 17 Mar 2014";
    char *number, *country, *note;
    ofac_remarks_split_id(text, &number, &country, &note);
    assert_string_equal(number, "472220033");
    assert_string_equal(country, "Korea, North");
    assert_string_equal(note, "expires 17 Mar 2014");
    char plain[] = "A1234 issued 01 Jan 2010";
    ofac_remarks_split_id(plain, &number, &country, &note);
    assert_string_equal(number, "A1234");
    assert_null(country);
    assert_string_equal(note, "issued 01 Jan 2010");
    char start[] = "issued 21 Jun 1992 in Amman, Jordan";
    ofac_remarks_split_id(start, &number, &country, &note);
    assert_null(number);
    assert_string_equal(note, "issued 21 Jun 1992 in Amman, Jordan");
    char odd[] = " (Russia) ";
    ofac_remarks_split_id(odd, &number, &country, &note);
    assert_null(number);
}

static void test_garbage(void **state) {
    (void)state;
    static const char bytes[] = "\0;;'(;)\xff\xfe a.k.a. '' ; alt. ; DOB ; Linked To:; .";
    draft_reset(d);
    ofac_remarks_stats stats = {0};
    ofac_remarks_parse(d, bytes, sizeof bytes - 1, &stats);
    assert_false(stats.failed);
    assert_int_equal(draft_entity(d)->n_names, 0);
    ofac_remarks_parse(d, "", 0, &stats);
    ofac_remarks_parse(d, NULL, 0, &stats);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_person_fields),
        cmocka_unit_test(test_other_identifiers),
        cmocka_unit_test(test_links_and_aliases),
        cmocka_unit_test(test_splitting),
        cmocka_unit_test(test_kept_text),
        cmocka_unit_test(test_split_id),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
