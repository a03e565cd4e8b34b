/*
 * test_un_xml.c - the UN Security Council consolidated list loader, on the
 * real list (skipped when it is absent) and on small hand-written fixtures
 * for each kind of bad input.
 */
#include "support.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define UN_FILE "un/UN_consolidated.xml"

/* ---- helpers ----------------------------------------------------------- */

static const embargo_entity *get(const embargo_store *store, const char *id) {
    const embargo_entity *e = embargo_store_get(store, id);
    if (!e) fail_msg("no entity %s", id);
    return e;
}

/* The name FULL of E with QUALITY, or NULL. */
static const embargo_name *find_name(const embargo_entity *e, const char *full, embargo_name_quality quality) {
    for (size_t i = 0; i < e->n_names; i++)
        if (strcmp(e->names[i].full, full) == 0 && e->names[i].quality == quality) return &e->names[i];
    return NULL;
}

static bool has_title(const embargo_entity *e, const char *title) {
    for (size_t i = 0; i < e->n_titles; i++)
        if (strcmp(e->titles[i], title) == 0) return true;
    return false;
}

static const embargo_identifier *find_identifier(const embargo_entity *e, const char *value) {
    for (size_t i = 0; i < e->n_identifiers; i++)
        if (strcmp(e->identifiers[i].value, value) == 0) return &e->identifiers[i];
    return NULL;
}

static void assert_listed(const embargo_entity *e, int year, int month, int day) {
    assert_int_equal(e->listed.from.year, year);
    assert_int_equal(e->listed.from.month, month);
    assert_int_equal(e->listed.from.day, day);
}

/* Loads PATH, expects failure with STATUS and a message holding WHERE ("file:line:") and WHAT. */
static void assert_load_fails(const char *path, embargo_status expected, const char *where, const char *what) {
    embargo_status status;
    char *message = load_fails(path, &status);
    if (status != expected || !strstr(message, where) || !strstr(message, what))
        fail_msg("%s: status %d (want %d), message \"%s\" (want \"%s\" and \"%s\")", path, status, expected,
                 message, where, what);
    free(message);
}

/* ---- the real list ----------------------------------------------------- */

static void test_real_counts_and_date(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list(UN_FILE));
    assert_int_equal(embargo_store_count(store), 1003);
    assert_int_equal(embargo_store_source_count(store), 1);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->name, "un");
    assert_string_equal(src->format, "un-xml");
    assert_string_equal(src->published, "2026-02-27");
    assert_int_equal(src->n_entities, 1003);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 730);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_ORGANIZATION], 273);
    assert_int_equal(src->n_skipped, 0);
    assert_false(src->incomplete);
    /* Every record has a program and a listing date. */
    size_t n_nationalities = 0, n_uncoded = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        assert_int_equal(e->n_programs, 1);
        assert_true(e->listed.from.year >= 1999);
        for (size_t j = 0; j < e->n_nationalities; j++, n_nationalities++)
            if (!e->nationalities[j].code[0]) n_uncoded++;
    }
    /* A measure for the country table, not a check of this loader. */
    print_message("%zu nationalities, %zu not matched to a country code\n", n_nationalities, n_uncoded);
    embargo_store_destroy(store);
}

static void test_real_komid(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list(UN_FILE));
    const embargo_entity *e = get(store, "un:KPe.001");
    assert_int_equal(e->kind, EMBARGO_KIND_ORGANIZATION);
    assert_string_equal(e->source_id, "KPe.001");
    assert_string_equal(e->names[0].full, "KOREA MINING DEVELOPMENT TRADING CORPORATION");
    assert_int_equal(e->names[0].quality, EMBARGO_NAME_PRIMARY);
    assert_int_equal(e->n_names, 5);
    assert_non_null(find_name(e, "CHANGGWANG SINYONG CORPORATION", EMBARGO_NAME_STRONG));
    assert_non_null(find_name(e, "EXTERNAL TECHNOLOGY GENERAL CORPORATION", EMBARGO_NAME_STRONG));
    assert_non_null(find_name(e, "DPRKN MINING DEVELOPMENT TRADING COOPERATION", EMBARGO_NAME_STRONG));
    assert_non_null(find_name(e, "\"KOMID\"", EMBARGO_NAME_STRONG));
    assert_int_equal(e->n_programs, 1);
    assert_string_equal(e->programs[0].code, "DPRK");
    assert_string_equal(e->programs[0].regime, "dprk");
    assert_listed(e, 2009, 4, 24);
    assert_int_equal(e->n_addresses, 1);
    assert_string_equal(e->addresses[0].country, "KP");
    assert_string_equal(e->addresses[0].city, "Pyongyang");
    assert_non_null(strstr(e->remarks, "Primary arms dealer"));
    embargo_store_destroy(store);
}

static void test_real_kpi009(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list(UN_FILE));
    const embargo_entity *e = get(store, "un:KPi.009");
    assert_int_equal(e->kind, EMBARGO_KIND_PERSON);
    assert_string_equal(e->names[0].full, "KIM KWANG-IL");
    assert_string_equal(e->names[0].family, "KIM"); /* the UN writes DPRK names family first */
    assert_string_equal(e->names[0].given, "KWANG-IL");
    assert_int_equal(e->n_births, 1);
    assert_true(has_birth(e, "1969-09-01"));
    assert_int_equal(e->n_nationalities, 1);
    assert_string_equal(e->nationalities[0].code, "KP");
    assert_true(has_title(e, "Tanchon Commercial Bank (TCB) official"));
    /* The same passport is listed three times, under French, Spanish and English labels. */
    assert_int_equal(e->n_identifiers, 1);
    const embargo_identifier *passport = find_identifier(e, "PS381420397");
    assert_non_null(passport);
    assert_int_equal(passport->type, EMBARGO_ID_PASSPORT);
    assert_string_equal(passport->country, "KP");
    assert_listed(e, 2013, 1, 22);
    assert_string_equal(e->programs[0].regime, "dprk");
    /* COMMENTS1 keeps its newlines. */
    assert_non_null(strstr(e->remarks, "Kim Kwang-il is a Tanchon Commercial Bank (TCB) official. In this\ncapacity"));
    embargo_store_destroy(store);
}

/*
 * Scans the raw file for records with a non-empty NAME_ORIGINAL_SCRIPT and
 * checks that each one's entity in STORE carries that name as an
 * original-script name (compared on its first bytes). Returns their count.
 */
static size_t scan_original_script(const char *path, const embargo_store *store) {
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[65536], ref[64] = "", original[1024] = "";
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        const char *p;
        if ((p = strstr(line, "<REFERENCE_NUMBER>")))
            sscanf(p + strlen("<REFERENCE_NUMBER>"), "%63[^<]", ref);
        if ((p = strstr(line, "<NAME_ORIGINAL_SCRIPT>")))
            sscanf(p + strlen("<NAME_ORIGINAL_SCRIPT>"), "%1023[^<]", original);
        if (!strstr(line, "</INDIVIDUAL>") && !strstr(line, "</ENTITY>")) continue;
        const char *name = original + strspn(original, " \t\r\n");
        if (*name) {
            char id[80];
            snprintf(id, sizeof id, "un:%s", ref);
            const embargo_entity *e = get(store, id);
            bool found = false;
            for (size_t i = 0; i < e->n_names; i++)
                if (e->names[i].original_script && strncmp(e->names[i].full, name, 8) == 0) found = true;
            if (!found) fail_msg("%s has no original-script name \"%s\"", id, name);
            n++;
        }
        ref[0] = original[0] = '\0';
    }
    fclose(f);
    return n;
}

static void test_real_original_script(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list(UN_FILE));
    size_t n = scan_original_script(real_list(UN_FILE), store);
    print_message("%zu records with NAME_ORIGINAL_SCRIPT, each has an original-script name\n", n);
    assert_true(n > 300);
    const embargo_entity *e = get(store, "un:QDi.368");
    assert_non_null(find_name(e, "Шамиль Магомедович Измайлов", EMBARGO_NAME_STRONG));
    assert_true(find_name(e, "Шамиль Магомедович Измайлов", EMBARGO_NAME_STRONG)->original_script);
    /* An alias NOTE "original script: ..." gives that alias's own script. */
    const embargo_name *alias = find_name(e, "Абу Ханифа", EMBARGO_NAME_WEAK);
    assert_non_null(alias);
    assert_true(alias->original_script);
    /* Russian names: given, patronymic, family. */
    assert_string_equal(e->names[0].given, "SHAMIL");
    assert_string_equal(e->names[0].patronymic, "MAGOMEDOVICH");
    assert_string_equal(e->names[0].family, "ISMAILOV");
    embargo_store_destroy(store);
}

static void test_real_dates_of_birth(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list(UN_FILE));
    assert_true(has_birth(get(store, "un:CDi.006"), "1978-04-28"));   /* EXACT with DATE */
    assert_true(has_birth(get(store, "un:CDi.001"), "1971"));         /* EXACT with YEAR */
    assert_true(has_birth(get(store, "un:CDi.004"), "1973-11"));      /* EXACT, NOTE "Nov. 1973" */
    assert_true(has_birth(get(store, "un:CDi.014"), "~1966"));        /* APPROXIMATELY */
    assert_true(has_birth(get(store, "un:TAi.002"), "~1955..1958"));  /* BETWEEN, NOTE Approximately */
    size_t circa = 0, ranges = 0, births = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        for (size_t j = 0; j < e->n_births; j++) {
            births++;
            if (e->births[j].circa) circa++;
            if (e->births[j].to.year > e->births[j].from.year) ranges++;
        }
    }
    print_message("%zu dates of birth: %zu circa, %zu ranges\n", births, circa, ranges);
    assert_true(circa >= 117);
    assert_int_equal(ranges, 31);
    /* An entity name with &amp; in the XML. */
    bool found = false;
    for (size_t i = 0; i < embargo_store_count(store); i++)
        if (strcmp(embargo_store_at(store, i)->names[0].full, "CHANG AN SHIPPING & TECHNOLOGY") == 0) found = true;
    assert_true(found);
    embargo_store_destroy(store);
}

/* ---- fixtures ---------------------------------------------------------- */

static void test_minimal_fixture(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("un/minimal.xml"));
    assert_int_equal(embargo_store_count(store), 2);
    assert_int_equal(support_diagnostics, 0);
    assert_string_equal(embargo_store_source(store, 0)->published, "2026-01-15");

    const embargo_entity *e = get(store, "un:KPi.901");
    assert_int_equal(e->kind, EMBARGO_KIND_PERSON);
    assert_string_equal(e->kind_text, "INDIVIDUAL");
    assert_string_equal(e->names[0].full, "RI TEST-IL");
    assert_string_equal(e->names[0].family, "RI");
    assert_string_equal(e->names[0].given, "TEST-IL");
    const embargo_name *original = find_name(e, "리테스트일", EMBARGO_NAME_STRONG);
    assert_non_null(original);
    assert_true(original->original_script);
    assert_non_null(find_name(e, "Ri Test Il", EMBARGO_NAME_STRONG));
    assert_non_null(find_name(e, "Tester", EMBARGO_NAME_WEAK));
    assert_non_null(find_name(e, "Тестер", EMBARGO_NAME_WEAK));
    assert_non_null(find_name(e, "Ri Old Name", EMBARGO_NAME_FORMER));
    assert_int_equal(e->n_names, 6);
    assert_int_equal(e->gender, EMBARGO_GENDER_MALE);
    assert_listed(e, 2016, 3, 2); /* "2016-03-02-05:00": an xs:date with a zone */
    assert_true(has_title(e, "General"));
    assert_true(has_title(e, "Director of a test bureau"));
    assert_true(has_title(e, "Member of a test committee"));
    assert_string_equal(e->nationalities[0].code, "KP");
    assert_int_equal(e->n_births, 5);
    assert_true(has_birth(e, "1960-05-04"));
    assert_true(has_birth(e, "1959"));
    assert_true(has_birth(e, "~1958"));
    assert_true(has_birth(e, "1955..1957"));
    assert_true(has_birth(e, "1961-05-04")); /* the alias's own date of birth */
    assert_int_equal(e->n_birth_places, 1);
    assert_string_equal(e->birth_places[0].text, "Hamhung, South Hamgyong, Democratic People's Republic of Korea");
    assert_string_equal(e->birth_places[0].country, "KP");
    assert_int_equal(e->n_addresses, 1);
    assert_string_equal(e->addresses[0].text, "1 Test Street, Pyongyang; as of 2020");
    assert_string_equal(e->addresses[0].city, "Pyongyang");
    assert_string_equal(e->addresses[0].country, "KP");
    assert_int_equal(e->n_identifiers, 2);
    const embargo_identifier *passport = find_identifier(e, "PS000000001");
    assert_non_null(passport);
    assert_int_equal(passport->type, EMBARGO_ID_PASSPORT);
    assert_string_equal(passport->label, "Passport");
    assert_string_equal(passport->country, "KP");
    assert_string_equal(passport->note, "issued 2015-01-02; Expires 1 Jan. 2020");
    assert_int_equal(find_identifier(e, "ID-42")->type, EMBARGO_ID_NATIONAL);
    assert_string_equal(e->remarks, "First line of the comment.\nSecond line of the comment.");

    const embargo_entity *org = get(store, "un:KPe.901");
    assert_int_equal(org->kind, EMBARGO_KIND_ORGANIZATION);
    assert_string_equal(org->names[0].full, "TEST TRADING CORPORATION");
    assert_null(org->names[0].family);
    assert_non_null(find_name(org, "\"TTC\"", EMBARGO_NAME_STRONG));
    assert_null(org->remarks);
    assert_listed(org, 2017, 8, 5);
    embargo_store_destroy(store);
}

static void test_broken_records_are_skipped(void **state) {
    (void)state;
    embargo_store *store = load_ok(fixture("un/broken_record.xml"));
    const embargo_source *src = embargo_store_source(store, 0);
    assert_int_equal(embargo_store_count(store), 2);
    /* no id at all; a blank name; a reused reference */
    assert_int_equal(src->n_skipped, 3);
    /* DATAID used as id; LISTED_ON not a date; date of birth not understood */
    assert_int_equal(src->n_warnings, 3);
    assert_false(src->incomplete);
    const embargo_entity *e = get(store, "un:900013");
    assert_string_equal(e->names[0].full, "ONLY DATAID");
    assert_null(e->names[0].family); /* not a name whose order is known */
    assert_int_equal(e->n_births, 0);
    assert_non_null(strstr(e->remarks, "30-35 years old"));
    assert_string_equal(get(store, "un:QDi.901")->names[0].full, "GOOD PERSON");
    embargo_store_destroy(store);
}

static void test_truncated(void **state) {
    (void)state;
    assert_load_fails(fixture("un/truncated.xml"), EMBARGO_ETRUNCATED, "truncated.xml:42:", "truncated");
    FILE *f = fopen(fixture("un/minimal.xml"), "rb");
    assert_non_null(f);
    char text[8192];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    /* Cut inside the root's start tag: not well-formed, at its line. */
    size_t root = (size_t)(strstr(text, "<CONSOLIDATED_LIST") - text);
    assert_load_fails(temp_file("cut.xml", text, root + 30), EMBARGO_EFORMAT, "cut.xml:3:", "not well-formed XML");
    /* Cut at every 97th byte past it: always "truncated" at a line, never a crash. */
    size_t start = (size_t)(strstr(text, "<INDIVIDUALS>") - text);
    for (size_t cut = start; cut + 20 < len; cut += 97) {
        embargo_status status;
        char *message = load_fails(temp_file("cut.xml", text, cut), &status);
        if (status != EMBARGO_ETRUNCATED || !strstr(message, "cut.xml:"))
            fail_msg("cut at %zu: status %d, \"%s\"", cut, status, message);
        free(message);
    }
}

static void test_malformed(void **state) {
    (void)state;
    assert_load_fails(fixture("un/malformed.xml"), EMBARGO_EFORMAT, "malformed.xml:9:",
                      "Opening and ending tag mismatch");
    static const char extra[] = "<CONSOLIDATED_LIST>\n</CONSOLIDATED_LIST>\n<MORE/>\n";
    assert_load_fails(temp_file("extra.xml", extra, strlen(extra)), EMBARGO_EFORMAT, "extra.xml:", "Extra content");
    assert_load_fails(fixture("un/doctype.xml"), EMBARGO_EFORMAT, "doctype.xml:", "DOCTYPE");
}

static void test_empty_and_foreign(void **state) {
    (void)state;
    assert_load_fails(fixture("un/empty.xml"), EMBARGO_EFORMAT, "empty.xml", "empty");
    assert_load_fails(fixture("un/not_un.xml"), EMBARGO_EFORMAT, "not_un.xml", "not a list format");
    /* Told by content, not by name. */
    static const char other[] = "<?xml version=\"1.0\"?>\n<catalog/>\n";
    assert_load_fails(temp_file("UN_consolidated.xml", other, strlen(other)), EMBARGO_EFORMAT,
                      "UN_consolidated.xml", "not a list format");
    static const char un[] = "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<CONSOLIDATED_LIST dateGenerated=\"2020-01-02\">"
                             "<INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>"
                             "<FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
    embargo_store *store = load_ok(temp_file("list.txt", un, strlen(un)));
    assert_int_equal(embargo_store_count(store), 1);
    assert_string_equal(embargo_store_source(store, 0)->published, "2020-01-02");
    embargo_store_destroy(store);
    /* A root with no records at all loads as an empty list. */
    static const char none[] = "<CONSOLIDATED_LIST dateGenerated=\"2020-01-02T00:00:00Z\"/>";
    store = load_ok(temp_file("none.xml", none, strlen(none)));
    assert_int_equal(embargo_store_count(store), 0);
    embargo_store_destroy(store);
}

static void test_invalid_utf8(void **state) {
    (void)state;
    assert_load_fails(fixture("un/bad_utf8.xml"), EMBARGO_EENCODING, "bad_utf8.xml:37:", "UTF-8");
}

/* libxml2 reports through the loader only: nothing of it reaches stderr. */
static void test_libxml2_prints_nothing(void **state) {
    (void)state;
    const char *capture = temp_file("stderr.txt", "", 0);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(capture, O_WRONLY | O_TRUNC);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    static const char *const bad[] = {"un/truncated.xml", "un/malformed.xml", "un/bad_utf8.xml", "un/doctype.xml"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        embargo_store *store = embargo_store_new();
        assert_int_not_equal(embargo_store_load_path(store, fixture(bad[i])), EMBARGO_OK);
        embargo_store_destroy(store);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    struct stat st;
    assert_int_equal(stat(capture, &st), 0);
    assert_int_equal(st.st_size, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_counts_and_date),
        cmocka_unit_test(test_real_komid),
        cmocka_unit_test(test_real_kpi009),
        cmocka_unit_test(test_real_original_script),
        cmocka_unit_test(test_real_dates_of_birth),
        cmocka_unit_test(test_minimal_fixture),
        cmocka_unit_test(test_broken_records_are_skipped),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_empty_and_foreign),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_libxml2_prints_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
