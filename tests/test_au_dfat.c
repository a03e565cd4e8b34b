/*
 * test_au_dfat.c - the DFAT consolidated list loader: the real list as .xlsx
 * and as CSV (count checked against an independent count of base
 * references, PUTIN, KOMID and its aliases, both forms agreeing), and
 * fixtures for the quirks and for broken files.
 */
#include "support.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/csv.h"
#include "util/strmap.h"

static const char header[] =
    "Reference,Name of Individual or Entity,Type,Name Type,Date of Birth,Place of Birth,"
    "Citizenship,Address,Additional Information,Listing Information,Committees,Control Date\n";

static void test_fixture(void **state) {
    (void)state;
    embargo_store *store = load_ok(temp_table("dfat.csv", header,
        "2,MOHAMMAD HASSAN AKHUND,Individual,Primary Name,a) Approximately 1955- 1958 b) 1960,"
        "\"Pashmul village, Afghanistan\",Afghanistan,NA,Title: Mullah,Listed 2001,1988 (Taliban) ,2014-12-15\n"
        "5,ACME,Entity ,Primary Name,,,,Street 1,,,Autonomous (Russia),2024-11-11\n"
        "2a,\xd9\x85\xd8\xad\xd9\x85\xd8\xaf,Individual,Original Script,a) Approximately 1955- 1958 b) 1960,"
        "\"Pashmul village, Afghanistan\",Afghanistan,NA,Title: Mullah,Listed 2001,1988 (Taliban) ,2014-12-15\n"
        "2b,MULLAH HASSAN,Individual,aka,sometime in spring,,,,,,1988 (Taliban),2014-12-15\n"
        "5a,ACME OLD,entity,Formerly known as,,,,Street 1,,,Autonomous (Russia),2024-11-11\n"
        ",stray name without reference,,,,,,,,,,\n"
        ",,,,,,,,,,,\n\n\n"));
    assert_int_equal(embargo_store_count(store), 2);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->published, "2024-11-11");
    assert_int_equal(src->n_skipped, 1);
    assert_int_equal(src->n_warnings, 1); /* "sometime in spring" */
    const embargo_entity *p = embargo_store_get(store, "au:2");
    assert_non_null(p);
    assert_int_equal(p->kind, EMBARGO_KIND_PERSON);
    assert_string_equal(p->names[0].full, "MOHAMMAD HASSAN AKHUND");
    assert_int_equal(p->n_names, 3);
    assert_true(p->names[1].original_script);
    assert_true(has_name(p, "MULLAH HASSAN", EMBARGO_NAME_STRONG));
    assert_int_equal(p->n_births, 2);
    assert_int_equal(p->births[0].from.year, 1955);
    assert_int_equal(p->births[0].to.year, 1958);
    assert_true(p->births[0].circa);
    assert_int_equal(p->births[1].from.year, 1960);
    assert_int_equal(p->n_birth_places, 1);
    assert_int_equal(p->n_addresses, 0); /* "NA" */
    assert_int_equal(p->n_programs, 1);
    assert_string_equal(p->programs[0].code, "1988 (Taliban)");
    const embargo_entity *acme = embargo_store_get(store, "au:5");
    assert_int_equal(acme->kind, EMBARGO_KIND_ORGANIZATION);
    assert_true(has_name(acme, "ACME OLD", EMBARGO_NAME_FORMER));
    assert_int_equal(acme->n_addresses, 1);
    assert_string_equal(acme->programs[0].regime, "russia");
    embargo_store_destroy(store);
}

static void expect_failure(const char *path, const char *fragment) {
    char *message = load_fails(path, NULL);
    if (!strstr(message, fragment)) fail_msg("message \"%s\" lacks \"%s\"", message, fragment);
    free(message);
}

static void test_broken_files(void **state) {
    (void)state;
    expect_failure(temp_table("cut.csv", header, "2,A,Individual,Primary Name,\"never closed\n"), ":2: ");
    expect_failure(temp_file("empty.xlsx", "", 0), "empty");
    expect_failure(temp_file("other.csv", "Reference,Name\n1,A\n", 19), "not a list format");
    expect_failure(temp_file("fake.xlsx", "PK\x03\x04garbage", 11), "not a list format");
    /* invalid UTF-8 in a name: kept, replaced and reported */
    embargo_store *store = load_ok(temp_table("utf8.csv", header, "7,BAD \xc3\x28 NAME,Individual,Primary Name,,,,,,,X,2020-01-01\n"));
    assert_int_equal(embargo_store_source(store, 0)->n_warnings, 1);
    embargo_store_destroy(store);
}

/* Distinct leading numbers of the Reference column of the CSV at PATH. */
static size_t count_references(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    csv_reader r;
    csv_init(&r, f, ',');
    char *seen = calloc(100000, 1);
    size_t n = 0;
    while (csv_next(&r) == CSV_RECORD) {
        if (r.record_line == 1) continue;
        long ref = atol(csv_field(&r, 0));
        if (ref <= 0 || ref >= 100000 || !isdigit((unsigned char)csv_field(&r, 0)[0])) continue;
        if (!seen[ref]) n++;
        seen[ref] = 1;
    }
    free(seen);
    csv_free(&r);
    fclose(f);
    return n;
}

static void check_real(const embargo_store *store) {
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->published, "2024-11-11");
    assert_int_equal(src->n_skipped, 0);
    const embargo_entity *putin = embargo_store_get(store, "au:6678");
    assert_non_null(putin);
    assert_string_equal(putin->names[0].full, "Vladimir Vladimirovich PUTIN");
    assert_string_equal(putin->programs[0].regime, "russia");
    assert_int_equal(putin->births[0].from.year, 1952);
    assert_int_equal(putin->births[0].from.month, 10);
    const embargo_entity *komid = embargo_store_get(store, "au:1113");
    assert_non_null(komid);
    assert_string_equal(komid->names[0].full, "Korea Mining Development Trading Corporation");
    assert_int_equal(komid->n_names, 5); /* 1113 and 1113a-d */
    assert_true(has_name(komid, "KOMID", EMBARGO_NAME_STRONG));
    assert_string_equal(komid->programs[0].regime, "dprk");
}

static void test_real_list_both_forms(void **state) {
    (void)state;
    skip_without_lists();
    size_t refs = count_references(real_list("au_dfat/regulation8_consolidated.from_xlsx.csv"));
    print_message("independent count: %zu references\n", refs);
    assert_int_equal(refs, 3062);
    char *xlsx = strdup(real_list("au_dfat/regulation8_consolidated.xlsx"));
    embargo_store *a = load_ok(xlsx);
    embargo_store *b = load_ok(real_list("au_dfat/regulation8_consolidated.from_xlsx.csv"));
    assert_int_equal(embargo_store_count(a), refs);
    assert_int_equal(embargo_store_count(b), refs);
    check_real(a);
    check_real(b);
    size_t births = 0;
    for (size_t i = 0; i < refs; i++) {
        const embargo_entity *x = embargo_store_at(a, i), *y = embargo_store_at(b, i);
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->names[0].full, y->names[0].full);
        assert_int_equal(x->n_names, y->n_names);
        assert_int_equal(x->n_births, y->n_births);
        births += x->n_births;
    }
    print_message("%zu dates of birth; %zu DOB texts not understood\n", births,
                  embargo_store_source(a, 0)->n_warnings);
    assert_int_equal(embargo_store_source(a, 0)->n_warnings, embargo_store_source(b, 0)->n_warnings);
    embargo_store_destroy(a);
    embargo_store_destroy(b);
    free(xlsx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_real_list_both_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
