/*
 * test_ofac_csv.c - the OFAC legacy CSV loader: the real SDN, SDN 2024 and
 * consolidated sets (counts against MANIFEST.md, known entries, companions
 * reaching the entities, the 95% rule for Remarks statements), small fixtures
 * for the set join and for bad input, and the sniffers' strictness.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/csv.h"
#include "sources/load.h"

/* ---- a store that keeps its diagnostics ------------------------------- */

typedef struct {
    char text[64][512];
    size_t n, total;
} diag_log;

static void keep_diag(const embargo_diagnostic *d, void *user) {
    diag_log *log = user;
    if (log->n < 64) snprintf(log->text[log->n++], 512, "%s:%ld: %s", d->file, d->line, d->message);
    log->total++;
}

static embargo_store *load_logged(const char *path, diag_log *log, embargo_status *status) {
    embargo_store *store = embargo_store_new();
    assert_non_null(store);
    memset(log, 0, sizeof *log);
    embargo_store_set_diagnostics(store, keep_diag, log);
    *status = embargo_store_load_path(store, path);
    return store;
}

static bool log_has(const diag_log *log, const char *a, const char *b) {
    for (size_t i = 0; i < log->n; i++)
        if (strstr(log->text[i], a) && (!b || strstr(log->text[i], b))) return true;
    return false;
}

static size_t log_count(const diag_log *log, const char *a) {
    size_t n = 0;
    for (size_t i = 0; i < log->n; i++) n += strstr(log->text[i], a) != NULL;
    return n;
}

static const embargo_source *source_named(const embargo_store *store, const char *name) {
    for (size_t i = 0; i < embargo_store_source_count(store); i++)
        if (strcmp(embargo_store_source(store, i)->name, name) == 0) return embargo_store_source(store, i);
    return NULL;
}

static const embargo_identifier *find_id(const embargo_entity *e, embargo_id_type type) {
    for (size_t i = 0; i < e->n_identifiers; i++)
        if (e->identifiers[i].type == type) return &e->identifiers[i];
    return NULL;
}

static bool has_link(const embargo_entity *e, const char *relation, const char *name) {
    for (size_t i = 0; i < e->n_links; i++)
        if (strcmp(e->links[i].relation, relation) == 0 && strcmp(e->links[i].name, name) == 0) return true;
    return false;
}

/* Rows of a companion CSV (read with the plain CSV reader, independent of the loader). */
/* Occurrences of NEEDLE in the file at PATH (raw text, for statements in remarks). */
static size_t count_text(const char *path, const char *needle) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t count = 0, n = strlen(needle), matched = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        if (c == needle[matched]) {
            if (++matched == n) count++, matched = 0;
        } else {
            matched = c == needle[0] ? 1 : 0;
        }
    }
    fclose(f);
    return count;
}

static size_t count_rows(const char *path, size_t first_field, size_t last_field, bool need_value) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    csv_reader r;
    csv_init(&r, f, ',');
    size_t n = 0;
    while (csv_next(&r) == CSV_RECORD) {
        bool any = !need_value;
        for (size_t i = first_field; i <= last_field && !any; i++)
            any = strcmp(csv_field(&r, i), "-0- ") != 0 && csv_field(&r, i)[0];
        n += any;
    }
    csv_free(&r);
    fclose(f);
    return n;
}

/* ---- the real files ------------------------------------------------------ */

static void test_real_sdn_set(void **state) {
    (void)state;
    skip_without_lists();
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(real_list("ofac_sdn/sdn.csv"), &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    const embargo_source *src = source_named(store, "ofac");
    assert_non_null(src);
    assert_string_equal(src->format, "ofac-csv");
    assert_int_equal(src->n_entities, 8976);
    assert_int_equal(src->n_skipped, 0);

    const embargo_entity *kim = embargo_store_get(store, "ofac:20157");
    assert_non_null(kim);
    assert_int_equal(kim->kind, EMBARGO_KIND_PERSON);
    assert_string_equal(kim->names[0].full, "KIM, Jong Un");
    assert_string_equal(kim->names[0].family, "KIM");
    assert_string_equal(kim->names[0].given, "Jong Un");
    assert_int_equal(kim->n_births, 1);
    char date[32];
    assert_string_equal(embargo_date_format(&kim->births[0], date, sizeof date), "1984-01-08");
    assert_true(has_program(kim, "DPRK3"));
    assert_string_equal(kim->programs[0].regime, "dprk");

    const embargo_entity *komid = embargo_store_get(store, "ofac:9345");
    assert_non_null(komid);
    assert_true(has_name(komid, "KOMID", EMBARGO_NAME_WEAK));
    assert_true(has_program(komid, "NPWMD"));
    assert_true(has_program(komid, "DPRK2"));
    assert_true(komid->n_addresses >= 1);

    /* sdn_comments.csv continues 28263's remarks: "...a.k.a. 'snowsjo" + "hn'; Linked To: LAZARUS GROUP." */
    const embargo_entity *e = embargo_store_get(store, "ofac:28263");
    assert_non_null(e);
    assert_true(has_link(e, "linked to", "LAZARUS GROUP"));
    assert_true(has_name(e, "snowsjohn", EMBARGO_NAME_WEAK));

    /* Companions reach the entities: every alt row is a strong/former name unless reported. */
    size_t alt_rows = count_rows(real_list("ofac_sdn/alt.csv"), 0, 0, false);
    size_t add_rows = count_rows(real_list("ofac_sdn/add.csv"), 2, 4, true);
    size_t aliases = 0, addresses = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *x = embargo_store_at(store, i);
        for (size_t k = 0; k < x->n_names; k++)
            aliases += x->names[k].quality == EMBARGO_NAME_STRONG || x->names[k].quality == EMBARGO_NAME_FORMER;
        addresses += x->n_addresses;
    }
    /* Quoted f.k.a.s in the remarks are former names too; the rest come from alt.csv. */
    aliases -= count_text(real_list("ofac_sdn/sdn.csv"), "f.k.a. '") +
               count_text(real_list("ofac_sdn/sdn_comments.csv"), "f.k.a. '");
    size_t repeated = log_count(&log, "repeats one of its names");
    print_message("ofac_sdn: %zu alt rows, %zu aliases, %zu reported repeats; %zu add rows with text, "
                  "%zu addresses\n", alt_rows, aliases, repeated, add_rows, addresses);
    assert_int_equal(alt_rows, 11910);
    assert_int_equal(aliases + repeated, alt_rows);
    assert_int_equal(addresses, add_rows);
    embargo_store_destroy(store);
}

static void test_real_sdn_2024(void **state) {
    (void)state;
    skip_without_lists();
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(real_list("ofac_sdn_2024/sdn.csv"), &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    const embargo_source *src = source_named(store, "ofac");
    assert_non_null(src);
    assert_int_equal(src->n_entities, 14965);
    assert_int_equal(src->n_skipped, 0);
    const embargo_entity *putin = embargo_store_get(store, "ofac:35096");
    assert_non_null(putin);
    assert_true(has_program(putin, "RUSSIA-EO14024"));
    assert_non_null(embargo_store_get(store, "ofac:20157"));
    embargo_store_destroy(store);
}

static void test_real_cons(void **state) {
    (void)state;
    skip_without_lists();
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(real_list("ofac_cons/cons_prim.csv"), &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    const embargo_source *src = source_named(store, "ofac-cons");
    assert_non_null(src);
    assert_int_equal(src->n_entities, 442);
    size_t aliases = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *x = embargo_store_at(store, i);
        for (size_t k = 0; k < x->n_names; k++)
            aliases += x->names[k].quality == EMBARGO_NAME_STRONG || x->names[k].quality == EMBARGO_NAME_FORMER;
    }
    aliases -= count_text(real_list("ofac_cons/cons_prim.csv"), "f.k.a. '");
    assert_int_equal(aliases + log_count(&log, "repeats one of its names"),
                     count_rows(real_list("ofac_cons/cons_alt.csv"), 0, 0, false));
    embargo_store_destroy(store);
}

/* The folder walk loads both SDN versions side by side and skips the companions. */
static void test_real_folder_names(void **state) {
    (void)state;
    skip_without_lists();
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(real_list(""), &log, &status);
    const embargo_entity *a = embargo_store_get(store, "ofac:20157");
    const embargo_entity *b = embargo_store_get(store, "ofac@ofac_sdn_2024:20157");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a->names[0].full, "KIM, Jong Un");
    assert_string_equal(b->names[0].full, "KIM, Jong Un");
    assert_non_null(source_named(store, "ofac-cons"));
    for (size_t i = 0; i < embargo_store_source_count(store); i++) {
        const embargo_source *s = embargo_store_source(store, i);
        assert_null(strstr(s->path, "alt.csv"));
        assert_null(strstr(s->path, "add.csv"));
        assert_null(strstr(s->path, "comments.csv"));
    }
    embargo_store_destroy(store);
}

/* ---- the 95% rule -------------------------------------------------------- */

static size_t count_in(const char *text, const char *word) {
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, word)) != NULL; p += strlen(word)) n++;
    return n;
}

enum { RULE_DOB, RULE_NATIONALITY, RULE_PASSPORT, RULE_IMO, RULE_COUNT };
static const char *const rule_words[RULE_COUNT] = {"DOB ", "nationality ", "Passport ", "IMO "};

/* Counts the statements in the raw Remarks of PRIMARY (and COMMENTS), independently of the parser. */
static void count_raw(const char *primary, const char *comments, size_t raw[RULE_COUNT]) {
    const char *paths[2] = {primary, comments};
    size_t field[2] = {11, 1};
    for (int f = 0; f < 2; f++) {
        if (!paths[f]) continue;
        FILE *in = fopen(paths[f], "rb");
        assert_non_null(in);
        csv_reader r;
        csv_init(&r, in, ',');
        while (csv_next(&r) == CSV_RECORD)
            for (int k = 0; k < RULE_COUNT; k++) raw[k] += count_in(csv_field(&r, field[f]), rule_words[k]);
        csv_free(&r);
        fclose(in);
    }
}

static void check_rule(const char *label, const char *primary, const char *comments) {
    size_t raw[RULE_COUNT] = {0}, got[RULE_COUNT] = {0};
    count_raw(primary, comments, raw);
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(primary, &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (e->kind == EMBARGO_KIND_PERSON) got[RULE_DOB] += e->n_births;
        got[RULE_NATIONALITY] += e->n_nationalities;
        for (size_t k = 0; k < e->n_identifiers; k++) {
            got[RULE_PASSPORT] += e->identifiers[k].type == EMBARGO_ID_PASSPORT;
            got[RULE_IMO] += e->identifiers[k].type == EMBARGO_ID_IMO;
        }
    }
    for (int k = 0; k < RULE_COUNT; k++) {
        double pct = raw[k] ? 100.0 * (double)got[k] / (double)raw[k] : 100.0;
        print_message("%s: \"%s\" statements %zu, structured %zu (%.1f%%)\n", label, rule_words[k],
                      raw[k], got[k], pct);
        assert_true(raw[k] > 0);
        assert_true(pct >= 95.0);
        assert_true(got[k] <= raw[k]); /* nothing invented */
    }
    embargo_store_destroy(store);
}

static void test_real_remarks_95(void **state) {
    (void)state;
    skip_without_lists();
    char primary[4096], comments[4096];
    snprintf(primary, sizeof primary, "%s", real_list("ofac_sdn/sdn.csv"));
    snprintf(comments, sizeof comments, "%s", real_list("ofac_sdn/sdn_comments.csv"));
    check_rule("ofac_sdn", primary, comments);
    snprintf(primary, sizeof primary, "%s", real_list("ofac_sdn_2024/sdn.csv"));
    check_rule("ofac_sdn_2024", primary, NULL);
}

/* ---- fixtures ------------------------------------------------------------ */

static void test_fixture_set(void **state) {
    (void)state;
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(fixture("ofac_csv/set/sdn.csv"), &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    assert_int_equal(embargo_store_count(store), 5);

    const embargo_entity *kim = embargo_store_get(store, "ofac:20157");
    assert_non_null(kim);
    assert_true(has_name(kim, "KIM, Jong-un", EMBARGO_NAME_STRONG));
    assert_int_equal(kim->n_names, 2); /* the repeated alt row is reported, not added */
    assert_true(log_has(&log, "alt.csv:5:", "repeats"));
    assert_int_equal(kim->gender, EMBARGO_GENDER_MALE);
    assert_string_equal(kim->nationalities[0].code, "KP");
    const embargo_identifier *pass = find_id(kim, EMBARGO_ID_PASSPORT);
    assert_non_null(pass);
    assert_string_equal(pass->value, "472220033");
    assert_string_equal(pass->country, "KP");
    assert_string_equal(pass->note, "expires 17 Mar 2014");
    assert_string_equal(kim->titles[0], "Chairman of the Workers' Party of Korea");

    const embargo_entity *komid = embargo_store_get(store, "ofac:9345");
    assert_true(has_name(komid, "KOMID", EMBARGO_NAME_WEAK));
    assert_true(has_name(komid, "EXTERNAL TECHNOLOGY GENERAL CORPORATION", EMBARGO_NAME_FORMER));
    assert_int_equal(komid->n_addresses, 1); /* the all-empty address row adds nothing */
    assert_string_equal(komid->addresses[0].country, "KP");
    assert_int_equal(komid->kind, EMBARGO_KIND_ORGANIZATION);

    const embargo_entity *ship = embargo_store_get(store, "ofac:4234");
    assert_int_equal(ship->kind, EMBARGO_KIND_VESSEL);
    assert_string_equal(ship->flag, "RU");
    assert_string_equal(ship->vessel_type, "General Cargo");
    assert_string_equal(find_id(ship, EMBARGO_ID_CALL_SIGN)->value, "CL2685");
    assert_string_equal(find_id(ship, EMBARGO_ID_IMO)->value, "7000000");
    assert_string_equal(find_id(ship, EMBARGO_ID_MMSI)->value, "123456789");
    assert_true(has_link(ship, "owner", "Compania Navegacion Golfo S.A."));
    assert_non_null(strstr(ship->tonnage, "2597"));

    const embargo_entity *park = embargo_store_get(store, "ofac:28263");
    assert_true(has_name(park, "John", EMBARGO_NAME_WEAK)); /* "'Jo" + "hn'" across files */
    assert_true(has_link(park, "linked to", "LAZARUS GROUP"));
    assert_true(has_program(park, "CYBER2"));
    const embargo_name *alias = NULL;
    for (size_t i = 0; i < park->n_names; i++)
        if (strcmp(park->names[i].full, "PAK, Jin Hek") == 0) alias = &park->names[i];
    assert_non_null(alias);
    assert_string_equal(alias->family, "PAK");

    assert_true(log_has(&log, "alt.csv:6:", "99999"));  /* an alt row with no record */
    embargo_store_destroy(store);
}

static void test_fixture_cons_pairing(void **state) {
    (void)state;
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(fixture("ofac_csv/cons/cons_prim.csv"), &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    assert_non_null(source_named(store, "ofac-cons"));
    const embargo_entity *e = embargo_store_get(store, "ofac-cons:9640");
    assert_non_null(e);
    assert_true(has_name(e, "CHARITY OF HAMAS", EMBARGO_NAME_STRONG));
    assert_false(has_name(e, "WRONG SET", EMBARGO_NAME_STRONG));
    embargo_store_destroy(store);

    /* Loading the folder loads the set once; the alt.csv beside it is a companion. */
    store = load_logged(fixture("ofac_csv/cons"), &log, &status);
    assert_int_equal(embargo_store_count(store), 2);
    embargo_store_destroy(store);
}

static void expect_failure(const char *path, const char *where, embargo_status want) {
    embargo_status status;
    char *message = load_fails(path, &status);
    print_message("%s\n", message);
    assert_int_equal(status, want);
    assert_non_null(strstr(message, where));
    free(message);
}

static void test_fixture_truncated(void **state) {
    (void)state;
    expect_failure(fixture("ofac_csv/truncated_quote/sdn.csv"), "truncated_quote/sdn.csv:3:", EMBARGO_EFORMAT);
    expect_failure(fixture("ofac_csv/truncated_row/sdn.csv"), "truncated_row/sdn.csv:2:", EMBARGO_ETRUNCATED);
}

static void test_fixture_broken_row(void **state) {
    (void)state;
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(fixture("ofac_csv/broken_row/sdn.csv"), &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    assert_int_equal(embargo_store_count(store), 5);
    assert_int_equal(embargo_store_source(store, 0)->n_skipped, 2);
    assert_true(log_has(&log, "broken_row/sdn.csv:2:", "expected 12 fields"));
    assert_true(log_has(&log, "broken_row/sdn.csv:3:", "not a number"));
    embargo_store_destroy(store);
}

static void test_fixture_non_ascii(void **state) {
    (void)state;
    diag_log log;
    embargo_status status;
    embargo_store *store = load_logged(fixture("ofac_csv/non_ascii/sdn.csv"), &log, &status);
    assert_int_equal(status, EMBARGO_OK);
    assert_int_equal(embargo_store_count(store), 2);
    assert_true(log_has(&log, "non_ascii/sdn.csv:2:", "not ASCII"));
    assert_true(embargo_store_source(store, 0)->n_warnings >= 1);
    const embargo_entity *e = embargo_store_get(store, "ofac:475");
    assert_non_null(strstr(e->names[0].full, "\xEF\xBF\xBD")); /* U+FFFD, not raw bytes */
    embargo_store_destroy(store);
}

static void test_fixture_empty(void **state) {
    (void)state;
    expect_failure(fixture("ofac_csv/empty/sdn.csv"), "empty/sdn.csv", EMBARGO_EFORMAT);
}

/* ---- sniffing ------------------------------------------------------------ */

static const char *detect(const char *path) {
    static char head[LOAD_HEAD_SIZE];
    long n = load_read_head(path, head);
    assert_true(n > 0);
    const source_format *f = load_detect(path, head, (size_t)n);
    return f ? f->id : "none";
}

static void test_sniff_fixtures(void **state) {
    (void)state;
    assert_string_equal(detect(fixture("ofac_csv/set/sdn.csv")), "ofac-csv");
    assert_string_equal(detect(fixture("ofac_csv/set/alt.csv")), "ofac-alt");
    assert_string_equal(detect(fixture("ofac_csv/set/add.csv")), "ofac-add");
    assert_string_equal(detect(fixture("ofac_csv/set/sdn_comments.csv")), "ofac-comments");
    assert_true(strncmp(detect(fixture("ofac_csv/not_ofac/ids.csv")), "ofac", 4) != 0);
    assert_true(strncmp(detect(fixture("ofac_csv/not_ofac/nomark.csv")), "ofac", 4) != 0);
}

static void test_sniff_real(void **state) {
    (void)state;
    skip_without_lists();
    static const struct { const char *file, *want; } cases[] = {
        {"ofac_sdn/sdn.csv", "ofac-csv"}, {"ofac_sdn/alt.csv", "ofac-alt"},
        {"ofac_sdn/add.csv", "ofac-add"}, {"ofac_sdn/sdn_comments.csv", "ofac-comments"},
        {"ofac_sdn_2024/sdn.csv", "ofac-csv"}, {"ofac_cons/cons_prim.csv", "ofac-csv"},
        {"ofac_cons/cons_alt.csv", "ofac-alt"}, {"ofac_cons/cons_add.csv", "ofac-add"},
        {"ofac_cons/cons_comments.csv", "ofac-comments"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s", real_list(cases[i].file));
        assert_string_equal(detect(path), cases[i].want);
    }
    static const char *const others[] = {
        "us_csl/csl.csv", "us_csl/consolidated.csv", "us_bis_dpl/dpl.txt",
        "uk_ofsi/ConList.from_xlsx.csv", "au_dfat/regulation8_consolidated.from_xlsx.csv",
        "eu_oj_opensanctions/32017R1509.csv", "eu_fsf_derived/eur_Europe_parsed.csv",
        "un/UN_consolidated.xml", "population/us_congress_senzing.json",
    };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s", real_list(others[i]));
        const char *got = detect(path);
        if (strncmp(got, "ofac-", 5) == 0 && strcmp(got, "ofac-xml") != 0 &&
            strcmp(got, "ofac-enhanced-xml") != 0)
            fail_msg("%s detected as %s", others[i], got);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_sdn_set),
        cmocka_unit_test(test_real_sdn_2024),
        cmocka_unit_test(test_real_cons),
        cmocka_unit_test(test_real_folder_names),
        cmocka_unit_test(test_real_remarks_95),
        cmocka_unit_test(test_fixture_set),
        cmocka_unit_test(test_fixture_cons_pairing),
        cmocka_unit_test(test_fixture_truncated),
        cmocka_unit_test(test_fixture_broken_row),
        cmocka_unit_test(test_fixture_non_ascii),
        cmocka_unit_test(test_fixture_empty),
        cmocka_unit_test(test_sniff_fixtures),
        cmocka_unit_test(test_sniff_real),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
