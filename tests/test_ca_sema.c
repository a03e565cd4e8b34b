/*
 * test_ca_sema.c - Canada's SEMA/JVCFOA XML: the real file against the
 * MANIFEST, and fixtures for ids, kinds, aliases and broken files.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/load.h"

extern const source_format source_ca_sema;

static void test_real_file(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("ca_sema/cannada.xml"));
    assert_int_equal(embargo_store_source_count(store), 1);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->name, "ca");
    assert_null(src->published); /* none stated; latest DateOfListing is 2025-03-20 */
    assert_int_equal(src->n_entities, 4759);
    assert_int_equal(src->n_skipped, 0);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 3334);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_ORGANIZATION], 1316);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_VESSEL], 109);
    const embargo_entity *putin = embargo_store_get(store, "ca:russia-s1p1-503");
    assert_non_null(putin);
    assert_string_equal(putin->names[0].full, "Vladimir Vladimirovich PUTIN");
    assert_string_equal(putin->names[0].family, "PUTIN");
    assert_true(has_name(putin, "Владимир Владимирович Путин", EMBARGO_NAME_STRONG));
    assert_string_equal(putin->programs[0].code, "Russia");
    assert_string_equal(putin->programs[0].regime, "russia");
    assert_int_equal(putin->listed.from.year, 2022);
    assert_int_equal(putin->listed.from.month, 2);
    assert_int_equal(putin->listed.from.day, 28);
    assert_int_equal(putin->births[0].from.year, 1952);
    /* MANIFEST: 2426 records under "Russia / Russie"; no DPRK regime. */
    size_t russia = 0, dprk = 0, latest = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        russia += strncmp(e->source_id, "russia-", 7) == 0;
        dprk += strcmp(e->programs[0].regime, "dprk") == 0;
        size_t day = (size_t)e->listed.from.year * 10000 + e->listed.from.month * 100 + e->listed.from.day;
        if (day > latest) latest = day;
    }
    assert_int_equal(russia, 2426);
    assert_int_equal(dprk, 0);
    assert_int_equal(latest, 20250320);
    embargo_store_destroy(store);
}

static void test_fixture(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("ca_sema/small.xml"));
    assert_int_equal(embargo_store_count(store), 6);
    assert_int_equal(embargo_store_source(store, 0)->n_warnings, 1); /* "born in the early 1970s" */
    const embargo_entity *plant = embargo_store_get(store, "ca:belarus-s1p3-2");
    assert_non_null(plant);
    assert_int_equal(plant->kind, EMBARGO_KIND_ORGANIZATION);
    assert_string_equal(plant->names[0].full,
                        "Open Joint Stock Company \"Minsk Electrotechnical Plant named after V.I. Kozlov\"");
    /* The comma before a lower-case word stays; the language label goes. */
    assert_true(has_name(plant, "Федеральное агентство по делам Содружества, соотечественников", EMBARGO_NAME_STRONG));
    assert_true(has_name(plant, "МЭТЗ", EMBARGO_NAME_STRONG));
    assert_true(has_name(plant, "ОАО МНИПИ", EMBARGO_NAME_STRONG));
    const embargo_entity *ship = embargo_store_get(store, "ca:russia-s1.1-1");
    assert_non_null(ship);
    assert_int_equal(ship->kind, EMBARGO_KIND_VESSEL);
    assert_string_equal(ship->vessel_type, "General Cargo / Multi Purpose");
    assert_int_equal(ship->identifiers[0].type, EMBARGO_ID_IMO);
    assert_int_equal(ship->n_countries, 1);
    assert_string_equal(ship->countries[0].code, "RU");
    assert_string_equal(ship->countries[0].text, "Russia / Russie");
    assert_non_null(embargo_store_get(store, "ca:russia-s1.1-1-2")); /* the duplicate record */
    const embargo_entity *doe = embargo_store_get(store, "ca:jvcfor-7");
    assert_non_null(doe);
    assert_int_equal(doe->n_births, 2);
    assert_int_equal(doe->n_countries, 0); /* a regime, not a country */
    assert_string_equal(doe->titles[0], "Major General/major-général");
    assert_string_equal(doe->programs[0].code,
                        "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)");
    const embargo_entity *roe = embargo_store_get(store, "ca:venezuela-8");
    assert_true(has_name(roe, "Sergei", EMBARGO_NAME_WEAK));
    assert_true(has_name(roe, "Serhii ROE", EMBARGO_NAME_STRONG));
    embargo_store_destroy(store);
}

static void test_fixture_failures(void **state) {
    (void)state;
    embargo_status status;
    char *message = load_fails(fixture("ca_sema/truncated.xml"), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "truncated.xml:19:"));
    free(message);
    message = load_fails(fixture("ca_sema/broken_record.xml"), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    assert_non_null(strstr(message, "broken_record.xml:57:"));
    free(message);
    message = load_fails(fixture("ca_sema/invalid_utf8.xml"), &status);
    assert_non_null(strstr(message, "invalid_utf8.xml:44:"));
    assert_non_null(strstr(message, "UTF-8"));
    free(message);
    message = load_fails(fixture("ca_sema/empty.xml"), &status);
    assert_non_null(strstr(message, "empty"));
    free(message);
    message = load_fails(fixture("ca_sema/wrong_root.xml"), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    free(message);
    embargo_store *store = load_ok(fixture("ca_sema/empty_record.xml"));
    assert_int_equal(embargo_store_count(store), 6);
    assert_int_equal(embargo_store_source(store, 0)->n_skipped, 1);
    embargo_store_destroy(store);
}

static void test_sniff(void **state) {
    (void)state;
    char head[LOAD_HEAD_SIZE];
    long n = load_read_head(fixture("ca_sema/small.xml"), head);
    assert_ptr_equal(load_detect("x.xml", head, (size_t)n), &source_ca_sema);
    n = load_read_head(fixture("ca_sema/wrong_root.xml"), head);
    assert_ptr_not_equal(load_detect("x.xml", head, (size_t)n), &source_ca_sema);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_file),
        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_fixture_failures),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
