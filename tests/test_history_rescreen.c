/*
 * test_history_rescreen.c - rescreening against the changed entities only
 * gives exactly the hits (parties, entities, scores) of a full rescreen
 * kept to those entities, on a synthetic customer base built from real
 * name tokens, with exact, misspelt and random names.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history/rescreen.h"
#include "support.h"

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void) {
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

typedef struct {
    char **items;
    size_t n, cap;
} strvec;

static void push(strvec *v, const char *s, size_t len) {
    if (v->n == v->cap) v->items = realloc(v->items, (v->cap = v->cap ? v->cap * 2 : 1024) * sizeof *v->items);
    v->items[v->n++] = strndup(s, len);
}

/* The words (3 letters or more) of every primary name of STORE. */
static void name_tokens(const embargo_store *store, strvec *out) {
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const char *s = embargo_store_at(store, i)->names[0].full;
        for (const char *p = s; *p;) {
            while (*p && !isalpha((unsigned char)*p)) p++;
            const char *start = p;
            while (*p && isalpha((unsigned char)*p)) p++;
            if (p - start >= 3) push(out, start, (size_t)(p - start));
        }
    }
}

/* N names: every 50th a changed entity's name, every 75th it misspelt, the rest 2-3 random tokens. */
static char **make_names(const embargo_store *store, const rescreen_set *changed, size_t n) {
    strvec tokens = {0};
    name_tokens(store, &tokens);
    char **names = calloc(n, sizeof *names);
    for (size_t i = 0; i < n; i++) {
        char text[512];
        if (i % 50 == 0 || i % 75 == 0) {
            const embargo_entity *e = embargo_store_get(store, changed->ids[next_rand() % changed->n]);
            snprintf(text, sizeof text, "%s", e->names[next_rand() % e->n_names].full);
            size_t len = strlen(text);
            if (i % 75 == 0 && len > 4) text[len / 2] = text[len / 2] == 'a' ? 'e' : 'a';
        } else {
            int k = 2 + (int)(next_rand() % 2);
            text[0] = '\0';
            for (int j = 0; j < k; j++) {
                strcat(text, j ? " " : "");
                strncat(text, tokens.items[next_rand() % tokens.n], 100);
            }
        }
        names[i] = strdup(text);
    }
    for (size_t i = 0; i < tokens.n; i++) free(tokens.items[i]);
    free(tokens.items);
    return names;
}

static void test_incremental_equals_full(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("ofac_sdn"));
    /* 50 changed entities, spread over the list. */
    const char *ids[50];
    size_t step = embargo_store_count(store) / 50;
    for (size_t i = 0; i < 50; i++) ids[i] = embargo_store_at(store, i * step + 7)->id;
    rescreen_set changed;
    assert_true(rescreen_set_from(ids, 50, &changed));
    assert_true(rescreen_set_has(&changed, ids[10]));
    char err[256];
    embargo_index *full = NULL, *part = NULL;
    assert_int_equal(embargo_index_build_memory(store, &full, err, sizeof err), EMBARGO_OK);
    assert_int_equal(embargo_index_build_memory_subset(store, rescreen_keep, &changed, &part, err, sizeof err), EMBARGO_OK);
    size_t n = 6000;
    char **names = make_names(store, &changed, n);
    embargo_query *q = calloc(n, sizeof *q);
    for (size_t i = 0; i < n; i++) q[i].name = names[i];
    rescreen_hits a = {0}, b = {0};
    assert_int_equal(rescreen_run(full, q, n, 0.80, &changed, 2, &a), EMBARGO_OK);
    assert_int_equal(rescreen_run(part, q, n, 0.80, NULL, 2, &b), EMBARGO_OK);
    print_message("%zu names: %zu hits on changed entities in full, %zu in incremental\n", n, a.n, b.n);
    assert_true(a.n > n / 50); /* the exact names at least */
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        assert_int_equal(a.items[i].party, b.items[i].party);
        assert_string_equal(a.items[i].entity, b.items[i].entity);
        assert_true(a.items[i].score == b.items[i].score);
    }
    /* A lower threshold finds more, still the same. */
    rescreen_hits_free(&a), rescreen_hits_free(&b);
    assert_int_equal(rescreen_run(full, q, n, 0.6, &changed, 2, &a), EMBARGO_OK);
    assert_int_equal(rescreen_run(part, q, n, 0.6, NULL, 1, &b), EMBARGO_OK);
    print_message("threshold 0.6: %zu and %zu hits\n", a.n, b.n);
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) assert_true(a.items[i].party == b.items[i].party && a.items[i].score == b.items[i].score);
    rescreen_hits_free(&a), rescreen_hits_free(&b);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names), free(q);
    embargo_index_close(full), embargo_index_close(part);
    rescreen_set_free(&changed);
    embargo_store_destroy(store);
}

static void assert_same_hits(const rescreen_hits *a, const rescreen_hits *b) {
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_int_equal(a->items[i].party, b->items[i].party);
        assert_string_equal(a->items[i].entity, b->items[i].entity);
        assert_true(a->items[i].score == b->items[i].score);
    }
}

/*
 * Replaces *NAME by a changed entity's name with every word of 6 letters or
 * more split in two ("Rosoboronexport" -> "Rosobo ronexport"): only the
 * search's joined pairs find such names again.
 */
static void split_words(const embargo_store *store, const rescreen_set *changed, char **name) {
    const embargo_entity *e = embargo_store_get(store, changed->ids[next_rand() % changed->n]);
    const char *s = e->names[0].full;
    char *out = malloc(2 * strlen(s) + 1), *o = out;
    for (const char *p = s; *p;) {
        const char *start = p;
        while (*p && isalpha((unsigned char)*p)) p++;
        size_t len = (size_t)(p - start);
        memcpy(o, start, len / 2), o += len / 2;
        if (len >= 6) *o++ = ' ';
        memcpy(o, start + len / 2, len - len / 2), o += len - len / 2;
        if (*p) *o++ = *p++;
    }
    *o = '\0';
    free(*name);
    *name = out;
}

/*
 * Through the customer index only some customers are searched, yet the hits
 * are a full rescreen's: names alone, names with a date of birth and a
 * country (which lower the floor the bound must reach), an identifier of a
 * changed entity under an unrelated name, empty and title-only names, at
 * thresholds from 0.9 down to 0.5 (where every name is scored).
 */
static void test_customer_index_equals_full(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("ofac_sdn"));
    const char *ids[50];
    size_t step = embargo_store_count(store) / 50;
    for (size_t i = 0; i < 50; i++) ids[i] = embargo_store_at(store, i * step + 3)->id;
    rescreen_set changed;
    assert_true(rescreen_set_from(ids, 50, &changed));
    char err[256];
    embargo_index *full = NULL, *part = NULL;
    assert_int_equal(embargo_index_build_memory(store, &full, err, sizeof err), EMBARGO_OK);
    assert_int_equal(embargo_index_build_memory_subset(store, rescreen_keep, &changed, &part, err, sizeof err), EMBARGO_OK);
    size_t n = 5000;
    char **names = make_names(store, &changed, n);
    embargo_query *q = calloc(n, sizeof *q);
    const char *identifier = NULL;
    for (size_t i = 0; i < 50 && !identifier; i++) {
        const embargo_entity *e = embargo_store_get(store, ids[i]);
        if (e->n_identifiers && strlen(e->identifiers[0].value) >= 6) identifier = e->identifiers[0].value;
    }
    assert_non_null(identifier);
    for (size_t i = 0; i < n; i++) {
        if (i % 97 == 1) split_words(store, &changed, &names[i]);
        q[i].name = names[i];
        if (i % 7 == 3) q[i].dob = "1960", q[i].country = "RU";
        if (i % 11 == 5) q[i].kind = EMBARGO_KIND_PERSON;
    }
    q[17].name = "";
    q[18].name = "Mr";
    q[19].name = "Jane Q Public", q[19].identifier = identifier;
    cindex *cx = cindex_build(q, n);
    assert_non_null(cx);
    cindex_stats st;
    cindex_get_stats(cx, &st);
    assert_int_equal(st.customers, n);
    assert_true(st.tokens > 100 && st.keys > st.tokens);
    static const double thresholds[] = {0.9, 0.8, 0.7, 0.6, 0.5};
    for (size_t t = 0; t < sizeof thresholds / sizeof *thresholds; t++) {
        rescreen_hits a = {0}, b = {0};
        size_t searched = 0;
        assert_int_equal(rescreen_run(full, q, n, thresholds[t], &changed, 2, &a), EMBARGO_OK);
        assert_int_equal(rescreen_incremental(cx, part, q, n, thresholds[t], &changed, 2, &b, &searched), EMBARGO_OK);
        print_message("threshold %.2f: %zu hits in full, %zu through the customer index (%zu of %zu customers searched)\n",
                      thresholds[t], a.n, b.n, searched, n);
        assert_true(a.n > n / 100); /* most of the exact and misspelt names */
        assert_same_hits(&a, &b);
        bool by_identifier = false;
        for (size_t i = 0; i < b.n; i++) by_identifier |= b.items[i].party == 19;
        assert_true(by_identifier);
        if (thresholds[t] >= 0.7) assert_true(searched < n / 4); /* the index spares most customers */
        if (thresholds[t] <= 0.5) assert_int_equal(searched, n - 2); /* every name scored: all but the empty ones */
        rescreen_hits_free(&a), rescreen_hits_free(&b);
    }
    /* A base of another size is refused. */
    uint32_t *parties;
    size_t n_parties;
    assert_int_equal(cindex_candidates(cx, part, q, n - 1, 0.8, &parties, &n_parties), EMBARGO_EINVAL);
    cindex_free(cx);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names), free(q);
    embargo_index_close(full), embargo_index_close(part);
    rescreen_set_free(&changed);
    embargo_store_destroy(store);
}


/* Hits of CX (and their count) equal those of the full rescreen FULL_HITS. */
static void assert_index_gives(const cindex *cx, const embargo_index *part, const embargo_query *q, size_t n,
                               const rescreen_set *changed, const rescreen_hits *full_hits) {
    rescreen_hits b = {0};
    assert_int_equal(rescreen_incremental(cx, part, q, n, 0.8, changed, 2, &b, NULL), EMBARGO_OK);
    assert_same_hits(full_hits, &b);
    rescreen_hits_free(&b);
}

static void write_byte(const char *path, long at, int delta) {
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, at, SEEK_SET), 0);
    int c = fgetc(f);
    assert_int_equal(fseek(f, at, SEEK_SET), 0);
    fputc((c + delta) & 0xff, f);
    fclose(f);
}

/*
 * The customer index stored by cindex_load is reused by the next load (same
 * hits as a full rescreen); a file of another base, a damaged byte, a
 * truncated file and a file that is no index are each refused with a reason
 * and rebuilt, and the rebuilt file is reused again.
 */
static void test_stored_customer_index(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("ofac_sdn"));
    const char *ids[50];
    size_t step = embargo_store_count(store) / 50;
    for (size_t i = 0; i < 50; i++) ids[i] = embargo_store_at(store, i * step + 5)->id;
    rescreen_set changed;
    assert_true(rescreen_set_from(ids, 50, &changed));
    char err[256];
    embargo_index *full = NULL, *part = NULL;
    assert_int_equal(embargo_index_build_memory(store, &full, err, sizeof err), EMBARGO_OK);
    assert_int_equal(embargo_index_build_memory_subset(store, rescreen_keep, &changed, &part, err, sizeof err), EMBARGO_OK);
    size_t n = 3000;
    char **names = make_names(store, &changed, n);
    embargo_query *q = calloc(n, sizeof *q);
    for (size_t i = 0; i < n; i++) q[i].name = names[i];
    rescreen_hits a = {0};
    assert_int_equal(rescreen_run(full, q, n, 0.8, &changed, 2, &a), EMBARGO_OK);
    assert_true(a.n > n / 100);
    char path[512];
    snprintf(path, sizeof path, "%s/embargo-cindex-%ld/customers.idx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    unlink(path);
    buf note;
    buf_init(&note);
    cindex_origin origin;

    /* None stored: built and stored, silently. */
    cindex *cx = cindex_load(path, q, n, &origin, &note);
    assert_non_null(cx);
    assert_int_equal(origin, CINDEX_BUILT);
    assert_int_equal(note.len, 0);
    assert_index_gives(cx, part, q, n, &changed, &a);
    cindex_free(cx);
    /* Stored: opened and used, with the same hits. */
    cx = cindex_load(path, q, n, &origin, &note);
    assert_non_null(cx);
    assert_int_equal(origin, CINDEX_OPENED);
    assert_int_equal(note.len, 0);
    assert_index_gives(cx, part, q, n, &changed, &a);
    cindex_free(cx);

    /* Another base (one name changed): stale, rebuilt, stored. */
    char *saved = names[n / 2];
    q[n / 2].name = "Jane Q Public";
    cx = cindex_load(path, q, n, &origin, &note);
    assert_int_equal(origin, CINDEX_BUILT);
    print_message("%s\n", buf_str(&note));
    assert_non_null(strstr(buf_str(&note), "stale customer index"));
    cindex_free(cx);
    q[n / 2].name = saved;
    buf_clear(&note);
    cx = cindex_load(path, q, n, &origin, &note); /* and back: stale again */
    assert_int_equal(origin, CINDEX_BUILT);
    cindex_free(cx);
    buf_clear(&note);
    /* A base of another size with the same file: refused by cindex_open. */
    char hash[65];
    cindex_base_hash(q, n - 1, hash);
    buf e;
    buf_init(&e);
    assert_int_equal(cindex_open(path, hash, n - 1, &cx, &e), EMBARGO_EFORMAT);
    assert_null(cx);
    buf_free(&e);

    /* Damaged bytes, in the header, the section table and deep in the data: refused, rebuilt, and then reused. */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    const long at[] = {9, 40, 400, (long)st.st_size / 2, (long)st.st_size - 20};
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        write_byte(path, at[i], 1);
        buf_clear(&note);
        cx = cindex_load(path, q, n, &origin, &note);
        print_message("byte %ld: %s\n", at[i], buf_str(&note));
        assert_int_equal(origin, CINDEX_BUILT);
        assert_true(strstr(buf_str(&note), "rebuilding it") && strstr(buf_str(&note), path));
        assert_index_gives(cx, part, q, n, &changed, &a);
        cindex_free(cx);
        buf_clear(&note);
        cx = cindex_load(path, q, n, &origin, &note);
        assert_int_equal(origin, CINDEX_OPENED);
        cindex_free(cx);
    }
    /* Truncated, and not an index at all. */
    assert_int_equal(truncate(path, st.st_size - 100), 0);
    buf_clear(&note);
    cx = cindex_load(path, q, n, &origin, &note);
    assert_int_equal(origin, CINDEX_BUILT);
    print_message("truncated: %s\n", buf_str(&note));
    cindex_free(cx);
    FILE *f = fopen(path, "wb");
    fputs("id,name\n", f);
    fclose(f);
    buf_clear(&note);
    cx = cindex_load(path, q, n, &origin, &note);
    assert_int_equal(origin, CINDEX_BUILT);
    print_message("not an index: %s\n", buf_str(&note));
    assert_index_gives(cx, part, q, n, &changed, &a);
    cindex_free(cx);
    /* Nowhere to store it: built, used, and said. */
    buf_clear(&note);
    cx = cindex_load("/proc/no-such-folder/customers.idx", q, n, &origin, &note);
    assert_int_equal(origin, CINDEX_BUILT_UNSAVED);
    assert_non_null(strstr(buf_str(&note), "not stored"));
    assert_index_gives(cx, part, q, n, &changed, &a);
    cindex_free(cx);

    buf_free(&note);
    unlink(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
    rescreen_hits_free(&a);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names), free(q);
    embargo_index_close(full), embargo_index_close(part);
    rescreen_set_free(&changed);
    embargo_store_destroy(store);
}

static void test_changed_set(void **state) {
    (void)state;
    json_t *old = json_pack("{s:s, s:s, s:s}", "a:1", "h1", "a:2", "h2", "a:3", "h3");
    json_t *now = json_pack("{s:s, s:s, s:s}", "a:1", "h1", "a:2", "hX", "a:4", "h4");
    rescreen_set s;
    assert_true(rescreen_changed(old, now, &s));
    assert_int_equal(s.n, 2);
    assert_string_equal(s.ids[0], "a:2");
    assert_string_equal(s.ids[1], "a:4");
    assert_false(rescreen_set_has(&s, "a:1"));
    assert_false(rescreen_set_has(&s, "a:3")); /* removed: nothing to screen against */
    rescreen_set_free(&s);
    json_decref(old), json_decref(now);
}

/* Runs CMD and returns its standard output (at most 64 KB). */
static char *run(const char *cmd) {
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *out = calloc(1, 65536);
    size_t n = fread(out, 1, 65535, p);
    out[n] = '\0';
    pclose(p);
    return out;
}

static void test_cli_after_an_update(void **state) {
    (void)state;
    skip_without_lists();
    const char *bin = getenv("EMBARGO_BIN");
    if (!bin) skip();
    char data[512], cmd[4096];
    snprintf(data, sizeof data, "%s/embargo-rescreen-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    const char *customers = temp_file("customers.csv", "id,name\nc1,Vladimir Putin\nc2,Maria Lopez\nc3,Kim Jong Un\n", 56);
    char v1[1024], v2[1024]; /* real_list answers in one static buffer */
    snprintf(v1, sizeof v1, "%s", real_list("ofac_sdn"));
    snprintf(v2, sizeof v2, "%s", real_list("ofac_sdn_2024"));
    snprintf(cmd, sizeof cmd, "'%s' update --quiet --from '%s' --data '%s' && '%s' update --quiet --from '%s' --data '%s'"
             " && '%s' customers load '%s' --data '%s'", bin, v1, data, bin, v2, data, bin, customers, data);
    char *setup_out = run(cmd);
    print_message("%s", setup_out);
    free(setup_out);
    /* customers load stored the customer index: rescreen maps it, and builds nothing. */
    char stored[600];
    snprintf(stored, sizeof stored, "%s/embargo.db-customers.idx", data);
    struct stat st;
    assert_int_equal(stat(stored, &st), 0);
    snprintf(cmd, sizeof cmd, "'%s' rescreen --json --data '%s' 2>&1 >/dev/null", bin, data);
    char *log = run(cmd);
    print_message("%s", log);
    assert_non_null(strstr(log, "rescreened 3 customers"));
    assert_null(strstr(log, "customer index built"));
    free(log);
    snprintf(cmd, sizeof cmd, "'%s' rescreen --json --data '%s' | sed 's/\"alert\":[0-9]*,//'", bin, data);
    char *inc = run(cmd);
    snprintf(cmd, sizeof cmd, "'%s' rescreen --full --json --data '%s' | sed 's/\"alert\":[0-9]*,//'", bin, data);
    char *full = run(cmd);
    print_message("incremental:\n%sfull:\n%s", inc, full);
    /* Putin was listed between the two versions; Kim Jong Un's record changed (the 2024 file has no alias file). */
    assert_non_null(strstr(inc, "\"party\":\"c1\",\"entity\":\"ofac:35096\""));
    assert_null(strstr(inc, "c2"));
    assert_string_equal(inc, full);
    snprintf(cmd, sizeof cmd, "'%s' audit verify --data '%s'", bin, data);
    char *audit = run(cmd);
    assert_non_null(strstr(audit, "the record holds"));
    free(inc), free(full), free(audit);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changed_set),
        cmocka_unit_test(test_incremental_equals_full),
        cmocka_unit_test(test_customer_index_equals_full),
        cmocka_unit_test(test_stored_customer_index),
        cmocka_unit_test(test_cli_after_an_update),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
