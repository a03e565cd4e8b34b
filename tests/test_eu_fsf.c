/*
 * test_eu_fsf.c - the EU FSF CSV projection: the real file against the
 * MANIFEST, and fixtures for the alias split, ids and broken files.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/load.h"

extern const source_format source_eu_fsf;

static const embargo_entity *find_primary(embargo_store *store, const char *name) {
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (strcmp(e->names[0].full, name) == 0) return e;
    }
    return NULL;
}

static void test_real_file(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("eu_fsf_derived/eur_Europe_parsed.csv"));
    assert_int_equal(embargo_store_source_count(store), 1);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->name, "eu-fsf");
    assert_null(src->published);
    assert_int_equal(src->n_entities, 5316);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 4110);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_ORGANIZATION], 1206);
    assert_int_equal(src->n_skipped, 0);
    const embargo_entity *putin = find_primary(store, "Vladimir Vladimirovich PUTIN");
    assert_non_null(putin);
    assert_string_equal(putin->id, "eu-fsf:vladimir-vladimirovich-putin-5c652170");
    /* The combining acute is kept as written. */
    assert_true(has_name(putin, "Влади\xCC\x81мир Влади\xCC\x81мирович ПУ\xCC\x81ТИН", EMBARGO_NAME_STRONG));
    const embargo_entity *komid = find_primary(store, "Korea Mining Development Trading Corporation");
    assert_non_null(komid);
    assert_true(has_name(komid, "\xE2\x80\x98KOMID\xE2\x80\x99", EMBARGO_NAME_STRONG));
    /* Double spaces folded. */
    assert_non_null(find_primary(store, "Marija Vladimirovna PUTINA"));
    /* MANIFEST: 906 have nationality Russia, 99 DPRK. */
    size_t ru = 0, kp = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        for (size_t k = 0; k < e->n_nationalities; k++) {
            ru += strcmp(e->nationalities[k].code, "RU") == 0;
            kp += strcmp(e->nationalities[k].code, "KP") == 0;
        }
    }
    assert_int_equal(ru, 906);
    assert_int_equal(kp, 99);
    embargo_store_destroy(store);
}

static void test_fixture_aliases_and_ids(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("eu_fsf/small.csv"));
    assert_int_equal(embargo_store_count(store), 8);
    const embargo_entity *bash = find_primary(store, "Al-Bashaair Trading Company, Ltd");
    assert_non_null(bash);
    assert_int_equal(bash->n_names, 3); /* ", Ltd" stays with its name */
    assert_true(has_name(bash, "Al-Bushair Trading Company, Ltd", EMBARGO_NAME_STRONG));
    const embargo_entity *lomo = find_primary(store, "JSC LOMO");
    assert_true(has_name(lomo, "LOMO, a. s.", EMBARGO_NAME_STRONG));
    const embargo_entity *tanz = find_primary(store, "Al Tanzani Ahmad");
    assert_true(has_name(tanz, "Bakr", EMBARGO_NAME_WEAK)); /* one word: weak */
    assert_true(has_name(tanz, "Ahmed Khalfan Ghailani", EMBARGO_NAME_STRONG));
    const embargo_entity *jihad = find_primary(store, "Abu Jihad");
    assert_string_equal(jihad->id, "eu-fsf:abu-jihad-ad1c0413");
    assert_int_equal(jihad->n_nationalities, 2);
    assert_string_equal(jihad->nationalities[0].code, "KP");
    assert_string_equal(jihad->nationalities[1].code, "RU");
    assert_non_null(embargo_store_get(store, "eu-fsf:abu-jihad-ad1c0413-2"));
    const embargo_entity *putina = find_primary(store, "Marija Vladimirovna PUTINA");
    assert_int_equal(putina->n_names, 3); /* the name itself is not repeated */
    embargo_store_destroy(store);
}

static void test_fixture_failures(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("eu_fsf/broken_row.csv"));
    assert_int_equal(embargo_store_count(store), 8);
    assert_int_equal(embargo_store_source(store, 0)->n_skipped, 1);
    embargo_store_destroy(store);
    embargo_status status;
    char *message = load_fails(fixture("eu_fsf/truncated.csv"), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "truncated.csv:4:"));
    free(message);
    message = load_fails(fixture("eu_fsf/empty.csv"), &status);
    assert_non_null(strstr(message, "empty"));
    free(message);
    store = load_ok(fixture("eu_fsf/invalid_utf8.csv"));
    const embargo_entity *putina = find_primary(store, "Marija Vladimirovna PUTINA");
    assert_true(has_name(putina, "Maria FAA\xEF\xBF\xBDSEN", EMBARGO_NAME_STRONG));
    assert_int_equal(embargo_store_source(store, 0)->n_warnings, 1);
    embargo_store_destroy(store);
    store = load_ok(fixture("eu_fsf/header_only.csv"));
    assert_int_equal(embargo_store_count(store), 0);
    embargo_store_destroy(store);
}

static void test_sniff(void **state) {
    (void)state;
    char head[LOAD_HEAD_SIZE];
    long n = load_read_head(fixture("eu_fsf/small.csv"), head);
    assert_ptr_equal(load_detect("x.csv", head, (size_t)n), &source_eu_fsf);
    n = load_read_head(fixture("eu_oj/small_32014R0269.csv"), head);
    assert_ptr_not_equal(load_detect("x.csv", head, (size_t)n), &source_eu_fsf);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_file),
        cmocka_unit_test(test_fixture_aliases_and_ids),
        cmocka_unit_test(test_fixture_failures),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
