/*
 * test_senzing_json.c - Senzing JSON Lines: the real us_congress population
 * (every record and every name must load), and fixtures for the layouts
 * the specification allows and for broken lines.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/load.h"

extern const source_format source_senzing_json;

static void test_real_population(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("population/us_congress_senzing.json"));
    assert_int_equal(embargo_store_source_count(store), 1);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->name, "us_congress");
    assert_true(src->reference_only);
    assert_null(src->published);
    assert_int_equal(src->n_entities, 1319);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 1317);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_UNKNOWN], 2); /* two positions */
    assert_int_equal(src->n_skipped, 0);
    assert_int_equal(src->n_warnings, 0);
    /* 1319 primary names and 33 aliases in the file: all of them. */
    size_t names = 0, births = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        names += e->n_names;
        births += e->n_births;
        assert_string_equal(e->nationalities[0].code, "US");
    }
    assert_int_equal(names, 1352);
    assert_int_equal(births, 1316);
    const embargo_entity *e = embargo_store_get(store, "us_congress:NK-AQ4HymsADSK2D63MkyTqfC");
    assert_non_null(e);
    assert_string_equal(e->names[0].full, "Jennifer L. McClellan");
    assert_int_equal(e->births[0].from.year, 1972);
    embargo_store_destroy(store);
}

static void test_layouts(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("senzing_json/mixed.json"));
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->name, "senzing"); /* DATA_SOURCE differs between records */
    assert_int_equal(src->n_entities, 3);
    const embargo_entity *bob = embargo_store_get(store, "senzing:1001");
    assert_non_null(bob);
    assert_string_equal(bob->names[0].full, "Robert J Smith");
    assert_string_equal(bob->names[0].family, "Smith");
    assert_string_equal(bob->names[1].full, "Bob Smith");
    assert_int_equal(bob->names[1].quality, EMBARGO_NAME_STRONG);
    assert_int_equal(bob->births[0].from.year, 1978);
    assert_int_equal(bob->gender, EMBARGO_GENDER_MALE);
    assert_string_equal(bob->addresses[0].city, "Las Vegas");
    assert_string_equal(bob->addresses[0].country, "US");
    assert_int_equal(bob->identifiers[0].type, EMBARGO_ID_PASSPORT);
    assert_string_equal(bob->identifiers[0].country, "US");
    const embargo_entity *acme = embargo_store_get(store, "senzing:2002"); /* a numeric RECORD_ID */
    assert_non_null(acme);
    assert_int_equal(acme->kind, EMBARGO_KIND_ORGANIZATION);
    assert_string_equal(acme->names[0].full, "Acme Tire Inc."); /* PRIMARY_NAME_ORG */
    assert_string_equal(acme->identifiers[0].label, "LEI");
    const embargo_entity *pos = embargo_store_get(store, "senzing:3003");
    assert_int_equal(pos->kind, EMBARGO_KIND_UNKNOWN);
    embargo_store_destroy(store);
}

static void test_bad_lines(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("senzing_json/broken_line.json"));
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->name, "us_congress");
    assert_int_equal(src->n_entities, 3);
    assert_int_equal(src->n_skipped, 2);  /* bad JSON (line 2), no RECORD_ID (line 3) */
    assert_int_equal(src->n_warnings, 1); /* the invalid byte, replaced */
    assert_string_equal(embargo_store_get(store, "us_congress:c")->names[0].full, "Ra\xEF\xBF\xBDl Grijalva");
    assert_string_equal(embargo_store_get(store, "us_congress:d")->names[0].full, "Donald M. Payne, Jr.");
    embargo_store_destroy(store);
    embargo_status status;
    char *message = load_fails(fixture("senzing_json/truncated.json"), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "truncated.json:2:"));
    free(message);
}

static void test_sniff_and_folder(void **state) {
    (void)state;
    char head[LOAD_HEAD_SIZE];
    long n = load_read_head(fixture("senzing_json/mixed.json"), head);
    assert_ptr_equal(load_detect("x.json", head, (size_t)n), &source_senzing_json);
    n = load_read_head(fixture("ftm_json/entities.ftm.json"), head);
    assert_ptr_not_equal(load_detect("x.json", head, (size_t)n), &source_senzing_json);
    /* Reference data is not loaded from a folder walk. */
    embargo_store *store = load_ok(fixture("senzing_json"));
    assert_int_equal(embargo_store_count(store), 0);
    embargo_store_destroy(store);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_population),
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_sniff_and_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
