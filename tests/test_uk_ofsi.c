/*
 * test_uk_ofsi.c - the OFSI ConList loader: the real list as .xlsx and as
 * CSV (counts checked against an independent count of Group IDs, PUTIN,
 * KOMID, both forms agreeing), and small fixtures for the quirks and for
 * broken files.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/csv.h"
#include "util/strmap.h"

static const char header[] =
    "Last Updated,14/04/2025\n"
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"
    "Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,"
    "Passport Details,National Identification Number,National Identification Details,Position,"
    "Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,"
    "Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,"
    "UK Sanctions List Date Designated,Last Updated,Group ID\n";

/* Rows of groups 1 and 2 interleaved; group 2 has no "Primary name" row. */
static const char rows[] =
    "KIM,Jong,Un,,,,Marshal,김정은,Hangul,Korean,08/01/1984,Pyongyang,North Korea,North Korea,"
    "\"(1) 123 (2) 456\",\"(1) DPRK passport (2) diplomatic\",,,Chairman,,,,,,,,,"
    "\"(UK Sanctions List Ref):DPR0001. (Gender):Male\",Individual,Primary name,,"
    "Democratic People's Republic of Korea,22/01/2018,22/01/2018,01/01/2020,1\n"
    "ACME TRADING,,,,,,,,,,,,,,,,,,,Street 1,,,,,Moscow,101000,Russia,"
    "\"(UK Sanctions List Ref):RUS0002. (IMO number):1234567 (Website):www.acme.ru\",Entity,Primary name variation,,Russia,25/02/2022,,,2\n"
    "KIM,Chong,Un,,,,,,,,00/00/1983,,,,,,,,,,,,,,,,,"
    "\"(UK Sanctions List Ref):DPR0001. (Gender):Male\",Individual,AKA,Low quality,"
    "Democratic People's Republic of Korea,22/01/2018,,,1\n"
    "KIM,Jong-un,,,,,,,,,,,,,,,,,,,,,,,,,,,Individual,AKA,Good quality,"
    "Democratic People's Republic of Korea,22/01/2018,,,1\n"
    "ACME OLD NAME,,,,,,,,,,,,,,,,,,,Street 1,,,,,Moscow,101000,Russia,"
    "\"(UK Sanctions List Ref):RUS0002. (IMO number):1234567 (Website):www.acme.ru\",Entity,FKA,,Russia,25/02/2022,,,2\n"
    ",,,,,,,,,,,,,,,,,,,,,,,,,,,,Individual,AKA,,Russia,,,,\n";

static void test_fixture_groups(void **state) {
    (void)state;
    embargo_store *store = load_ok(temp_table("conlist.csv", header, rows));
    assert_int_equal(embargo_store_count(store), 2);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->format, "uk-ofsi");
    assert_string_equal(src->published, "2025-04-14");
    assert_int_equal(src->n_skipped, 1); /* the row without a Group ID */
    const embargo_entity *kim = embargo_store_at(store, 0);
    assert_string_equal(kim->id, "uk:1");
    assert_int_equal(kim->kind, EMBARGO_KIND_PERSON);
    assert_string_equal(kim->names[0].full, "Jong Un KIM");
    assert_string_equal(kim->names[0].family, "KIM");
    assert_string_equal(kim->names[0].given, "Jong Un");
    assert_true(has_name(kim, "Chong Un KIM", EMBARGO_NAME_WEAK));
    assert_true(has_name(kim, "Jong-un KIM", EMBARGO_NAME_STRONG));
    assert_true(has_name(kim, "김정은", EMBARGO_NAME_STRONG));
    bool script = false;
    for (size_t i = 0; i < kim->n_names; i++)
        if (kim->names[i].original_script) script = strcmp(kim->names[i].lang, "ko") == 0;
    assert_true(script);
    assert_int_equal(kim->n_births, 2);
    assert_int_equal(kim->births[0].from.year, 1984);
    assert_int_equal(kim->births[1].from.year, 1983);
    assert_int_equal(kim->births[1].from.month, 0);
    assert_int_equal(kim->n_identifiers, 3); /* two passports and the list ref */
    assert_string_equal(kim->identifiers[1].value, "456");
    assert_string_equal(kim->identifiers[1].note, "diplomatic");
    assert_int_equal(kim->gender, EMBARGO_GENDER_MALE);
    assert_int_equal(kim->n_programs, 1);
    assert_string_equal(kim->programs[0].regime, "dprk");
    assert_int_equal(kim->n_titles, 2);
    assert_int_equal(kim->listed.from.year, 2018);
    const embargo_entity *acme = embargo_store_get(store, "uk:2");
    assert_non_null(acme);
    assert_string_equal(acme->names[0].full, "ACME TRADING"); /* a variation made primary */
    assert_int_equal(acme->names[0].quality, EMBARGO_NAME_PRIMARY);
    assert_true(has_name(acme, "ACME OLD NAME", EMBARGO_NAME_FORMER));
    assert_int_equal(acme->n_addresses, 1); /* repeated on both rows, kept once */
    assert_string_equal(acme->addresses[0].text, "Street 1, Moscow, 101000");
    bool imo = false, web = false;
    for (size_t i = 0; i < acme->n_identifiers; i++) {
        imo |= acme->identifiers[i].type == EMBARGO_ID_IMO && strcmp(acme->identifiers[i].value, "1234567") == 0;
        web |= acme->identifiers[i].type == EMBARGO_ID_WEBSITE && strcmp(acme->identifiers[i].value, "www.acme.ru") == 0;
    }
    assert_true(imo && web);
    embargo_store_destroy(store);
}

static void test_bad_values_warn(void **state) {
    (void)state;
    embargo_store *store = load_ok(temp_table("warn.csv", header,
        "X,,,,,,,,,,31/02/1999,,,,,,,,,,,,,,,,,,Individual,Primary name,,Russia,soon,,,7\n"
        "Y \xff,,,,,,,,,,,,,,,,,,,,,,,,,,,,Entity,Strange type,,Russia,,,,8\n"
        /* a person with name variations only (the fuzzer's leak) */
        "LEE,Ann,,,,,,,,,,,,,,,,,,,,,,,,,,,Individual,Primary name variation,,Russia,,,,9\n"
        "LI,Anne,,,,,,,,,,,,,,,,,,,,,,,,,,,Individual,Primary name variation,,Russia,,,,9\n"));
    const embargo_source *src = embargo_store_source(store, 0);
    assert_int_equal(embargo_store_count(store), 3);
    assert_string_equal(embargo_store_get(store, "uk:9")->names[0].full, "Ann LEE");
    assert_int_equal(src->n_warnings, 4); /* DOB, listing date, alias type, invalid UTF-8 */
    const embargo_entity *y = embargo_store_get(store, "uk:8");
    assert_non_null(strstr(y->names[0].full, "\xEF\xBF\xBD"));
    embargo_store_destroy(store);
}

static void expect_failure(const char *path, const char *fragment) {
    char *message = load_fails(path, NULL);
    if (!strstr(message, fragment)) fail_msg("message \"%s\" lacks \"%s\"", message, fragment);
    assert_non_null(strstr(message, path));
    free(message);
}

static void test_broken_files(void **state) {
    (void)state;
    /* truncated inside a quoted field */
    expect_failure(temp_table("cut.csv", header, "A,,,,,,,,,,,,,,,,,,,,,,,,,,,\"(UK Sanctions List Ref):X"), ":3: ");
    expect_failure(temp_file("empty.csv", "", 0), "empty");
    /* a header without Group ID is not a ConList */
    expect_failure(temp_file("nohead.csv", "Last Updated,14/04/2025\nName 6,Alias Type\n", 42), "not a list format");
    /* text named .xlsx, and a zip that is cut short */
    expect_failure(temp_file("conlist.xlsx", "Last Updated,14/04/2025\n", 24), "not a list format");
    expect_failure(temp_file("cut.xlsx", "PK\x03\x04\x14\x00\x00\x00", 8), "not a list format");
}

/* Distinct values of column COL in the CSV at PATH, from line FIRST on. */
static size_t count_distinct(const char *path, size_t col, long first) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    csv_reader r;
    csv_init(&r, f, ',');
    strmap seen;
    strmap_init(&seen);
    char **keys = NULL;
    size_t n = 0;
    while (csv_next(&r) == CSV_RECORD) {
        if (r.record_line < first || !*csv_field(&r, col)) continue;
        if (strmap_get(&seen, csv_field(&r, col), &(size_t){0})) continue;
        keys = realloc(keys, (n + 1) * sizeof *keys);
        keys[n] = strdup(csv_field(&r, col));
        assert_true(strmap_put(&seen, keys[n], n));
        n++;
    }
    for (size_t i = 0; i < n; i++) free(keys[i]);
    free(keys);
    strmap_free(&seen);
    csv_free(&r);
    fclose(f);
    return n;
}

static void check_real(const embargo_store *store) {
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->published, "2025-04-14");
    assert_int_equal(src->n_skipped, 0);
    const embargo_entity *putin = embargo_store_get(store, "uk:14196");
    assert_non_null(putin);
    assert_non_null(strstr(putin->names[0].full, "PUTIN"));
    assert_string_equal(putin->programs[0].regime, "russia");
    assert_int_equal(putin->births[0].from.year, 1952);
    const embargo_entity *komid = embargo_store_get(store, "uk:10892");
    assert_non_null(komid);
    assert_string_equal(komid->names[0].full, "KOREA MINING DEVELOPMENT TRADING CORPORATION");
    assert_true(has_name(komid, "KOMID", EMBARGO_NAME_STRONG));
    assert_string_equal(komid->programs[0].regime, "dprk");
}

static void test_real_list_both_forms(void **state) {
    (void)state;
    skip_without_lists();
    size_t groups = count_distinct(real_list("uk_ofsi/ConList.from_xlsx.csv"), 35, 3);
    print_message("independent count: %zu Group IDs\n", groups);
    assert_int_equal(groups, 4688);
    char *xlsx = strdup(real_list("uk_ofsi/ConList.xlsx"));
    embargo_store *a = load_ok(xlsx);
    embargo_store *b = load_ok(real_list("uk_ofsi/ConList.from_xlsx.csv"));
    assert_int_equal(embargo_store_count(a), groups);
    assert_int_equal(embargo_store_count(b), groups);
    check_real(a);
    check_real(b);
    for (size_t i = 0; i < groups; i++) {
        const embargo_entity *x = embargo_store_at(a, i), *y = embargo_store_at(b, i);
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->names[0].full, y->names[0].full);
        assert_int_equal(x->n_names, y->n_names);
        assert_int_equal(x->n_births, y->n_births);
        assert_int_equal(x->names[0].quality, EMBARGO_NAME_PRIMARY);
    }
    embargo_store_destroy(a);
    embargo_store_destroy(b);
    free(xlsx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_groups),
        cmocka_unit_test(test_bad_values_warn),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_real_list_both_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
