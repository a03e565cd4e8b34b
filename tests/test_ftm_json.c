/*
 * test_ftm_json.c - FollowTheMoney JSON Lines, on fixtures written from the
 * FtM schema (no real FtM export is among the shared lists): parties,
 * Sanction entities attaching programs, skipped schemata, bad lines.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sources/load.h"

extern const source_format source_ftm_json;

static void test_entities(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("ftm_json/entities.ftm.json"));
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->name, "ftm");
    assert_int_equal(src->n_entities, 7);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 2);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_ORGANIZATION], 3);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_VESSEL], 1);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_AIRCRAFT], 1);
    assert_int_equal(src->n_skipped, 0);
    assert_int_equal(src->n_warnings, 1); /* Ownership 1, Address 1: one note */
    const embargo_entity *putin = embargo_store_get(store, "ftm:NK-putin");
    assert_non_null(putin);
    assert_string_equal(putin->names[0].full, "Vladimir Vladimirovich Putin");
    assert_string_equal(putin->names[0].given, "Vladimir");
    assert_string_equal(putin->names[0].family, "Putin");
    assert_string_equal(putin->names[0].patronymic, "Vladimirovich");
    assert_true(has_name(putin, "Vova", EMBARGO_NAME_WEAK));
    assert_string_equal(putin->nationalities[0].code, "RU");
    assert_int_equal(putin->gender, EMBARGO_GENDER_MALE);
    /* Both Sanctions, the earliest listing date. */
    assert_true(has_program_in(putin, "EU-UKR", "russia"));
    assert_true(has_program_in(putin, "RUSSIA-EO14024", "russia"));
    assert_int_equal(putin->listed.from.year, 2022);
    assert_int_equal(putin->listed.from.month, 2);
    assert_int_equal(putin->listed.from.day, 25);
    const embargo_entity *komid = embargo_store_get(store, "ftm:NK-komid");
    assert_true(has_name(komid, "KOMID", EMBARGO_NAME_STRONG));
    assert_true(has_name(komid, "External Technology General Corporation", EMBARGO_NAME_FORMER));
    assert_true(has_program_in(komid, "UN-DPRK", "dprk"));
    assert_int_equal(komid->listed.from.year, 2009);
    assert_int_equal(komid->n_identifiers, 5);
    const embargo_entity *ship = embargo_store_get(store, "ftm:NK-vessel");
    assert_int_equal(ship->kind, EMBARGO_KIND_VESSEL);
    assert_string_equal(ship->flag, "KP");
    assert_string_equal(ship->vessel_type, "Oil Tanker");
    assert_true(has_program_in(ship, "DPRK3", "dprk"));
    assert_int_equal(ship->births[0].from.year, 1985);
    const embargo_entity *kim = embargo_store_get(store, "ftm:NK-nameparts");
    assert_string_equal(kim->names[0].full, "Jong Un Kim");
    assert_null(embargo_store_get(store, "ftm:own-1"));
    assert_null(embargo_store_get(store, "ftm:eu-fsf-sanction-1"));
    embargo_store_destroy(store);
}

static void test_bad_lines(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("ftm_json/broken_line.ftm.json"));
    const embargo_source *src = embargo_store_source(store, 0);
    assert_int_equal(src->n_entities, 3);
    assert_int_equal(src->n_skipped, 3);   /* bad JSON, an array, no id */
    assert_int_equal(src->n_warnings, 1);  /* the invalid byte */
    const embargo_entity *c = embargo_store_get(store, "ftm:c");
    assert_string_equal(c->names[0].full, "Bad Byte \xEF\xBF\xBDHere");
    embargo_store_destroy(store);
    embargo_status status;
    char *message = load_fails(fixture("ftm_json/truncated.ftm.json"), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "truncated.ftm.json:2:"));
    free(message);
}

/* The line number of a bad line reaches the diagnostics. */
static long diag_lines[8];
static size_t n_diag_lines;
static void keep_line(const embargo_diagnostic *d, void *user) {
    (void)user;
    if (n_diag_lines < 8 && strstr(d->message, "skipped")) diag_lines[n_diag_lines++] = d->line;
}

static void test_bad_line_numbers(void **state) {
    (void)state;
    embargo_store *store = embargo_store_new();
    embargo_store_set_diagnostics(store, keep_line, NULL);
    n_diag_lines = 0;
    assert_int_equal(embargo_store_load_path(store, fixture("ftm_json/broken_line.ftm.json")), EMBARGO_OK);
    assert_int_equal(n_diag_lines, 3);
    assert_int_equal(diag_lines[0], 2);
    assert_int_equal(diag_lines[1], 3);
    assert_int_equal(diag_lines[2], 4);
    embargo_store_destroy(store);
}

static void test_empty_and_sniff(void **state) {
    (void)state;
    embargo_status status;
    const char *path = temp_file("empty.ftm.json", "", 0);
    char *message = load_fails(path, &status);
    assert_non_null(strstr(message, "empty"));
    free(message);
    unlink(path);
    char head[LOAD_HEAD_SIZE];
    long n = load_read_head(fixture("ftm_json/entities.ftm.json"), head);
    assert_ptr_equal(load_detect("x.json", head, (size_t)n), &source_ftm_json);
    n = load_read_head(fixture("senzing_json/mixed.json"), head);
    assert_ptr_not_equal(load_detect("x.json", head, (size_t)n), &source_ftm_json);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_bad_line_numbers),
        cmocka_unit_test(test_empty_and_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
