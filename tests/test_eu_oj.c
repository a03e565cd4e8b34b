/*
 * test_eu_oj.c - the EU Official Journal transcriptions (OpenSanctions CSV):
 * the three real regulations against the MANIFEST, and fixtures for the
 * quirks and the broken-file cases.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/load.h"

extern const source_format source_eu_oj;

/* True when A and B differ only in where they have spaces. */
static bool same_without_spaces(const char *a, const char *b) {
    for (;;) {
        while (*a == ' ') a++;
        while (*b == ' ') b++;
        if (*a != *b) return false;
        if (!*a) return true;
        a++, b++;
    }
}

static const embargo_source *only_source(embargo_store *store) {
    assert_int_equal(embargo_store_source_count(store), 1);
    return embargo_store_source(store, 0);
}

static void test_real_269_putin(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("eu_oj_opensanctions/32014R0269.csv"));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->name, "eu-269");
    assert_string_equal(src->format, "eu-oj");
    assert_null(src->published); /* the file states none; the OJ version is pinned upstream */
    assert_int_equal(src->n_entities, 2802);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 1984);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_ORGANIZATION], 818);
    assert_int_equal(src->n_skipped, 0);
    const embargo_entity *putin = embargo_store_get(store, "eu-269:I.PERSONS-669");
    assert_non_null(putin);
    assert_string_equal(putin->names[0].full, "Vladimir Vladimirovich PUTIN");
    assert_true(has_name(putin, "Влади мир Влади мирович ПУ ТИН", EMBARGO_NAME_STRONG));
    assert_true(has_name(putin, "Владимир Владимирович ПУТИН", EMBARGO_NAME_STRONG));
    assert_int_equal(putin->listed.from.year, 2022);
    assert_int_equal(putin->listed.from.month, 2);
    assert_int_equal(putin->listed.from.day, 25);
    assert_true(has_birth(putin, "1952-10-07"));
    assert_int_equal(putin->gender, EMBARGO_GENDER_MALE);
    assert_int_equal(putin->n_programs, 1);
    assert_string_equal(putin->programs[0].code, "EU-UKR");
    assert_string_equal(putin->programs[0].regime, "russia");
    /* Every entry is EU-UKR, and the stress repair touched Putin alone. */
    size_t repaired = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        assert_string_equal(e->programs[0].regime, "russia");
        for (size_t k = 0; k < e->n_names; k++)
            for (size_t j = 0; j < e->n_names; j++)
                if (strlen(e->names[j].full) < strlen(e->names[k].full) &&
                    same_without_spaces(e->names[k].full, e->names[j].full))
                    repaired++;
    }
    assert_int_equal(repaired, 1);
    embargo_store_destroy(store);
}

static void test_real_1509_komid(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("eu_oj_opensanctions/32017R1509.csv"));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->name, "eu-1509");
    assert_int_equal(src->n_entities, 326);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 157);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_ORGANIZATION], 94);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_VESSEL], 75);
    const embargo_entity *komid = embargo_store_get(store, "eu-1509:XIII.B-1");
    assert_non_null(komid);
    assert_string_equal(komid->names[0].full, "Korea Mining Development Trading Corporation");
    assert_true(has_name(komid, "KOMID", EMBARGO_NAME_STRONG));
    assert_string_equal(komid->programs[0].code, "EU-PRK");
    assert_string_equal(komid->programs[0].regime, "dprk");
    assert_int_equal(komid->listed.from.year, 2009);
    assert_int_equal(komid->listed.from.month, 4);
    assert_int_equal(komid->listed.from.day, 24);
    /* Record 1 of annex XIII.A is another party. */
    const embargo_entity *yun = embargo_store_get(store, "eu-1509:XIII.A-1");
    assert_non_null(yun);
    assert_string_equal(yun->names[0].full, "Yun Ho-jin");
    assert_true(has_birth(yun, "1944-10-13"));
    /* Vessels without a number are named by IMO. */
    const embargo_entity *ship = embargo_store_get(store, "eu-1509:XIII.B-imo8606173");
    assert_non_null(ship);
    assert_int_equal(ship->kind, EMBARGO_KIND_VESSEL);
    embargo_store_destroy(store);
}

static void test_real_833_annexes(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("eu_oj_opensanctions/32014R0833.csv"));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->name, "eu-833");
    assert_int_equal(src->n_entities, 1746);
    size_t annex_iv = 0, annex_xlii = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        assert_string_equal(e->programs[0].code, "EU-RUS");
        if (strncmp(e->source_id, "IV-", 3) == 0) annex_iv++;
        if (strncmp(e->source_id, "XLII-", 5) == 0) annex_xlii++;
    }
    assert_int_equal(annex_iv, 921);
    assert_int_equal(annex_xlii, 633);
    embargo_store_destroy(store);
}

static void test_fixture_quirks(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("eu_oj/small_32014R0269.csv"));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->name, "eu-269"); /* from the celex column */
    assert_int_equal(src->n_entities, 7);
    const embargo_entity *aks = embargo_store_get(store, "eu-269:I.PERSONS-1");
    assert_non_null(aks);
    /* "Latin (Cyrillic)" is two names, the second in the original script. */
    assert_true(has_name(aks, "Sergei Valerievich AKSENOV", EMBARGO_NAME_STRONG));
    assert_true(has_name(aks, "Сергей Валерьевич АКСЁНОВ", EMBARGO_NAME_STRONG));
    assert_true(has_birth(aks, "1970-01-18"));
    assert_true(has_birth(aks, "1965-03-29"));
    const embargo_entity *mam = embargo_store_get(store, "eu-269:I.PERSONS-1131");
    assert_non_null(mam);
    /* "оглы" follows a consonant and is a particle: no repair. */
    assert_int_equal(mam->n_names, 2);
    assert_true(has_birth(mam, "1967..1969"));
    assert_int_equal(mam->n_identifiers, 2);
    assert_string_equal(mam->nationalities[0].code, "RU");
    const embargo_entity *org = embargo_store_get(store, "eu-269:I.ENTITIES-1");
    assert_non_null(org);
    assert_int_equal(org->n_names, 2); /* company names are never "repaired" */
    assert_true(has_name(org, "Russian community", EMBARGO_NAME_STRONG)); /* quotes dropped */
    assert_int_equal(org->n_addresses, 2);
    const embargo_entity *ship = embargo_store_get(store, "eu-269:I.ENTITIES-imo9000001");
    assert_non_null(ship);
    assert_string_equal(ship->flag, "RU");
    /* The same unnumbered entry twice: the second gets "-2". */
    const embargo_entity *port = embargo_store_get(store, embargo_store_at(store, 5)->id);
    assert_int_equal(port->kind, EMBARGO_KIND_UNKNOWN);
    char twin[128];
    snprintf(twin, sizeof twin, "%s-2", port->id);
    assert_non_null(embargo_store_get(store, twin));
    embargo_store_destroy(store);
}

static void test_fixture_broken_row(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("eu_oj/broken_row.csv"));
    const embargo_source *src = only_source(store);
    assert_int_equal(src->n_entities, 2);
    assert_int_equal(src->n_skipped, 1);      /* the 10-field row */
    assert_int_equal(src->n_warnings, 1);     /* "10 October (year unknown)" */
    embargo_store_destroy(store);
}

static void test_fixture_failures(void **state) {
    (void)state;
    embargo_status status;
    char *message = load_fails(fixture("eu_oj/truncated.csv"), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "truncated.csv:2:"));
    free(message);
    message = load_fails(fixture("eu_oj/empty.csv"), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    assert_non_null(strstr(message, "empty"));
    free(message);
    /* Invalid UTF-8: the record loads with U+FFFD and a warning. */
    embargo_store *store = load_ok(fixture("eu_oj/invalid_utf8.csv"));
    const embargo_entity *aks = embargo_store_get(store, "eu-269:I.PERSONS-1");
    assert_string_equal(aks->names[0].full, "Sergey Valeryevich AKSY\xEF\xBF\xBDNOV");
    assert_int_equal(aks->names[0].original_script, 0);
    assert_int_equal(only_source(store)->n_warnings, 1);
    embargo_store_destroy(store);
    store = load_ok(fixture("eu_oj/header_only.csv"));
    assert_int_equal(embargo_store_count(store), 0);
    embargo_store_destroy(store);
}

static void test_sniff(void **state) {
    (void)state;
    char head[LOAD_HEAD_SIZE];
    long n = load_read_head(fixture("eu_oj/small_32014R0269.csv"), head);
    assert_true(n > 0);
    assert_ptr_equal(load_detect("x.csv", head, (size_t)n), &source_eu_oj);
    n = load_read_head(fixture("eu_fsf/small.csv"), head);
    assert_true(n > 0);
    assert_ptr_not_equal(load_detect("x.csv", head, (size_t)n), &source_eu_oj);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_269_putin),
        cmocka_unit_test(test_real_1509_komid),
        cmocka_unit_test(test_real_833_annexes),
        cmocka_unit_test(test_fixture_quirks),
        cmocka_unit_test(test_fixture_broken_row),
        cmocka_unit_test(test_fixture_failures),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
