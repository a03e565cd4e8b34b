/*
 * test_text_scan.c - the document scan's speed-ups lose nothing: the scan
 * with its memo and the search's pruning (reach check, listed bound) gives
 * the very report of the plain scan, which searches every window in full,
 * on news-like text that writes names as news does ("Mr. Kim", "Kim's", a
 * name broken over lines, upper case, a title before a name) and on real
 * list remarks; and a results object moved between indexes answers as a
 * new one (the reach cache is keyed by the index, not its address).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "embargo/search.h"
#include "screen/goods.h"
#include "screen/regimes.h"
#include "screen/text_scan.h"

static const char article[] =
    "SEOUL, Sept. 10 - North Korean leader Kim Jong Un is expected to travel to Russia.\n"
    "Mr. Kim's delegation may include Choe Ryong\nHae and the Korea Mining Development Trading\n"
    "Corporation, officials said. Kim Jong Un's sister, and President Vladimir Putin's aides,\n"
    "met On Tuesday In Vladivostok. The Foreign Trade Bank Of The DPRK denied it.\n"
    "KIM JONG\nUN and Kim Jong-Un are the same man; Mr. Kim Jong Un met Mr. Putin.\n"
    "A Joint Stock Company, a JOINT STOCK COMPANY and the Public Joint Stock Company sold\n"
    "152 mm artillery shells; Vladimir  Putin and VLADIMIR PUTIN were named again.\n";

static goods_table *goods;
static regime_set *regimes;

static const char *src_path(const char *rel) {
    static char path[4096];
    const char *root = getenv("EMBARGO_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
    return path;
}

static int setup(void **state) {
    (void)state;
    char err[1024];
    if (!goods_load(src_path("data/goods/goods.txt"), &goods, err, sizeof err)) fail_msg("%s", err);
    if (!(regimes = regimes_load(src_path("data/regimes/regimes.txt"), goods, err, sizeof err))) fail_msg("%s", err);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    regimes_free(regimes);
    goods_free(goods);
    return 0;
}

static embargo_index *index_of(const embargo_store *store) {
    embargo_index *ix;
    char err[512];
    assert_int_equal(embargo_index_build_memory(store, &ix, err, sizeof err), EMBARGO_OK);
    return ix;
}

/* The report styles of the CLI and the server, with the jansson flags that print a tree alike. */
static const struct {
    json_dump_style style;
    size_t flags;
} styles[] = {{{2, 17}, JSON_INDENT(2)}, {{0, 8}, JSON_COMPACT | JSON_REAL_PRECISION(8)}};

/* TEXT's report in styles[S] through CTX (a new string); fails unless jansson, reading and printing it, gives the same bytes. */
static char *scan_text(const text_scan_context *ctx, const char *text, size_t len, size_t s, text_scan_stats *st) {
    buf out;
    buf_init(&out);
    assert_true(document_scan(ctx, text, len, &styles[s].style, &out, st));
    json_error_t err;
    json_t *tree = json_loadb(out.data, out.len, JSON_ALLOW_NUL, &err);
    if (!tree) fail_msg("the report is no JSON: %s at %d", err.text, err.position);
    char *again = json_dumps(tree, styles[s].flags);
    assert_non_null(again);
    if (strcmp(again, out.data) != 0) fail_msg("jansson prints the report otherwise:\n%.2000s\n%.2000s", again, out.data);
    free(again);
    json_decref(tree);
    return out.data;
}

/* Scans TEXT both ways, in both styles, fails unless the reports are the same bytes; returns the fast report as a tree. */
static json_t *compare(const embargo_index *ix, const char *text, size_t len, text_scan_stats *fast_st) {
    text_scan_context fast = {.index = ix, .goods = goods, .regimes = regimes, .threshold = -1}, plain = fast;
    plain.plain = 1;
    text_scan_stats plain_st;
    for (size_t s = 0; s < sizeof styles / sizeof *styles; s++) {
        char *p = scan_text(&plain, text, len, s, &plain_st), *f = scan_text(&fast, text, len, s, fast_st);
        if (strcmp(p, f) != 0) fail_msg("reports differ\nplain: %.2000s\nfast:  %.2000s", p, f);
        free(p);
        free(f);
    }
    assert_int_equal(plain_st.windows, fast_st->windows);
    assert_int_equal(plain_st.searches, plain_st.windows);
    assert_true(fast_st->searches <= plain_st.searches);
    print_message("%zu bytes: %zu windows, %zu searched (plain: all); %zu parties\n", len, fast_st->windows,
                  fast_st->searches, fast_st->parties);
    json_t *r = document_scan_json(&fast, text, len, NULL);
    assert_non_null(r);
    return r;
}

/* True when the report has a mention of entity ID (NULL: any) overlapping the first AT in TEXT. */
static bool finds(const json_t *r, const char *id, const char *text, const char *at) {
    const char *p = strstr(text, at);
    assert_non_null(p);
    json_int_t s = p - text, e = s + (json_int_t)strlen(at);
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(r, "parties"), i, m) {
        json_int_t s2 = json_integer_value(json_object_get(m, "start")), e2 = json_integer_value(json_object_get(m, "end"));
        const char *hid = json_string_value(json_object_get(json_object_get(m, "hit"), "id"));
        if (s2 < e && s < e2 && (!id || strcmp(id, hid) == 0)) return true;
    }
    return false;
}

static void check_article(const json_t *r) {
    assert_true(finds(r, "ofac:20157", article, "Kim Jong Un is"));  /* after "leader" */
    assert_true(finds(r, "ofac:20157", article, "Kim Jong Un's"));   /* possessive */
    assert_true(finds(r, "ofac:20157", article, "KIM JONG\nUN"));    /* over a line break, upper case */
    assert_true(finds(r, "ofac:20157", article, "Kim Jong-Un"));
    assert_true(finds(r, "ofac:20157", article, "Kim Jong Un met")); /* after "Mr." */
    assert_true(finds(r, NULL, article, "Vladimir Putin's"));        /* after "President", possessive */
    assert_true(finds(r, NULL, article, "Vladimir  Putin"));         /* two spaces: the memo's key folds them */
    assert_true(finds(r, NULL, article, "VLADIMIR PUTIN"));
    assert_true(finds(r, "un:KPe.001", article, "Korea Mining Development Trading\nCorporation"));
}

static void test_sample_lists(void **state) {
    (void)state;
    embargo_store *store = load_ok(src_path("data/sample"));
    embargo_index *ix = index_of(store);
    text_scan_stats st;
    json_t *r = compare(ix, article, strlen(article), &st);
    check_article(r);
    assert_true(st.searches < st.windows); /* the memo answered the repeated windows */
    /* With the caller's scratch (as a server thread's, used before by other searches): the same report, twice. */
    embargo_results *scratch = embargo_results_new();
    embargo_query q = {"Zzyzx Qwertyuiop", EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(embargo_search(ix, &q, NULL, scratch), EMBARGO_OK);
    text_scan_context own = {.index = ix, .goods = goods, .regimes = regimes, .threshold = -1, .results = scratch};
    for (int round = 0; round < 2; round++) {
        json_t *again = document_scan_json(&own, article, strlen(article), NULL);
        assert_true(json_equal(r, again));
        json_decref(again);
    }
    embargo_results_free(scratch);
    json_decref(r);
    embargo_index_close(ix);
    embargo_store_destroy(store);
}

/* A sink (text_scan_context.sink) that keeps the pieces in a buf, and fails at piece FAIL_AT (0: never). */
typedef struct {
    buf whole;
    size_t pieces, fail_at;
    size_t first;                 /* the first piece's length */
} sink_log;

static bool keep_piece(void *user, const char *data, size_t len) {
    sink_log *log = user;
    if (++log->pieces == log->fail_at) return false;
    if (log->pieces == 1) log->first = len;
    return buf_append(&log->whole, data, len);
}

/*
 * A report sent to a sink as it is written is the report built whole,
 * byte for byte, in both styles, in pieces (of TEXT_SCAN_SINK_PIECE bytes
 * or more while the parties are found), the caller's buffer left empty; a
 * sink that fails fails the scan.
 */
static void test_sink(void **state) {
    (void)state;
    embargo_store *store = load_ok(src_path("data/sample"));
    embargo_index *ix = index_of(store);
    buf text;
    buf_init(&text);
    while (text.len < 64 * 1024) buf_puts(&text, article);
    text_scan_context ctx = {.index = ix, .goods = goods, .regimes = regimes, .threshold = -1};
    buf out;
    buf_init(&out);
    for (size_t s = 0; s < sizeof styles / sizeof *styles; s++) {
        ctx.sink = NULL;
        char *whole = scan_text(&ctx, text.data, text.len, s, NULL);
        sink_log log = {.fail_at = 0};
        buf_init(&log.whole);
        ctx.sink = keep_piece, ctx.sink_user = &log;
        assert_true(document_scan(&ctx, text.data, text.len, &styles[s].style, &out, NULL));
        assert_int_equal(out.len, 0);
        assert_true(log.pieces >= 6); /* parties' pieces, then the rest: the countries and goods not copied */
        assert_true(log.first >= TEXT_SCAN_SINK_PIECE);
        assert_int_equal(log.whole.len, strlen(whole));
        assert_memory_equal(log.whole.data, whole, log.whole.len);
        buf_free(&log.whole);
        free(whole);
    }
    sink_log failing = {.fail_at = 2};
    buf_init(&failing.whole);
    ctx.sink_user = &failing;
    assert_false(document_scan(&ctx, text.data, text.len, &styles[0].style, &out, NULL));
    assert_int_equal(failing.pieces, 2); /* nothing more after the failure */
    buf_free(&failing.whole);
    buf_free(&out);
    buf_free(&text);
    embargo_index_close(ix);
    embargo_store_destroy(store);
}

/*
 * A stray byte that is not UTF-8 near a name (a payment message's damaged
 * field) must not hide the name: the mention stays, its snippet (and its
 * text, when the byte is in the window) with the byte as U+FFFD; and so do
 * a country's and goods' mentions beside it.
 */
static void test_bad_byte_near_a_name(void **state) {
    (void)state;
    embargo_store *store = load_ok(src_path("data/sample"));
    embargo_index *ix = index_of(store);
    static const char text[] = "Wire to Kim Jong Un, ref \xff for 152 mm artillery shells in North Korea.";
    text_scan_stats st;
    json_t *r = compare(ix, text, strlen(text), &st);
    assert_true(finds(r, "ofac:20157", text, "Kim Jong Un"));
    json_t *m = json_array_get(json_object_get(r, "parties"), 0);
    const char *snip = json_string_value(json_object_get(m, "snippet"));
    assert_non_null(snip);
    assert_non_null(strstr(snip, "Kim Jong Un, ref \xEF\xBF\xBD for"));
    assert_true(json_array_size(json_object_get(r, "countries")) > 0);
    assert_true(json_array_size(json_object_get(r, "goods")) > 0);
    json_decref(r);
    /* The byte a word of the name's run: the window that finds the name holds it, as U+FFFD in its text. */
    static const char inside[] = "Wire to Kim Jong Un \xff for them.";
    r = compare(ix, inside, strlen(inside), &st);
    assert_true(finds(r, "ofac:20157", inside, "Kim Jong Un"));
    m = json_array_get(json_object_get(r, "parties"), 0);
    assert_string_equal(json_string_value(json_object_get(m, "text")), "Kim Jong Un \xEF\xBF\xBD");
    json_decref(r);
    embargo_index_close(ix);
    embargo_store_destroy(store);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* About BYTES of the distinct remarks of STORE (sorted, so the sample is the same from run to run), into a new string. */
static char *remarks_sample(const embargo_store *store, size_t bytes, size_t *len) {
    size_t n = embargo_store_count(store), m = 0;
    const char **t = malloc(n * sizeof *t);
    assert_non_null(t);
    for (size_t i = 0; i < n; i++)
        if (embargo_store_at(store, i)->remarks) t[m++] = embargo_store_at(store, i)->remarks;
    qsort(t, m, sizeof *t, cmp_str);
    char *out = malloc(bytes + 8192);
    assert_non_null(out);
    *len = 0;
    /* A stride through the sorted remarks, so that every source is sampled. */
    for (size_t i = 0, step = m / 97 + 1; i < m && *len < bytes; i += step) {
        size_t l = strlen(t[i]);
        if (l > 8000) continue;
        memcpy(out + *len, t[i], l);
        memcpy(out + *len + l, "\n\n", 2);
        *len += l + 2;
    }
    for (size_t i = 1; i < m && *len < bytes; i += 13) { /* then fill with more */
        size_t l = strlen(t[i]);
        if (l > 8000 || *len + l + 2 > bytes + 8192) continue;
        memcpy(out + *len, t[i], l);
        memcpy(out + *len + l, "\n\n", 2);
        *len += l + 2;
    }
    out[*len] = '\0';
    free(t);
    return out;
}

static void test_real_lists(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list(""));
    embargo_index *ix = index_of(store);
    text_scan_stats st;
    json_t *r = compare(ix, article, strlen(article), &st);
    check_article(r);
    json_decref(r);
    size_t len;
    char *remarks = remarks_sample(store, 80000, &len);
    r = compare(ix, remarks, len, &st);
    assert_true(st.parties > 100);          /* remarks name listed parties all the time */
    assert_true(st.searches * 2 < st.windows);
    json_decref(r);
    free(remarks);
    embargo_index_close(ix);
    embargo_store_destroy(store);
}

/* The hits of NAME in IX through R, as JSON ids. */
static char *hit_ids(const embargo_index *ix, embargo_results *r, const char *name) {
    embargo_query q = {name, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(embargo_search(ix, &q, NULL, r), EMBARGO_OK);
    json_t *a = json_array();
    for (size_t i = 0; i < embargo_results_count(r); i++)
        json_array_append_new(a, json_string(embargo_results_hit(r, i)->entity_id));
    char *s = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return s;
}

static int keep_none(const embargo_entity *e, void *user) {
    (void)e;
    (void)user;
    return 0;
}

/* One results object asked of an index, of an empty one, then of the first again, answers as a new one each time. */
static void test_results_between_indexes(void **state) {
    (void)state;
    embargo_store *store = load_ok(src_path("data/sample"));
    embargo_index *full = index_of(store), *empty;
    char err[512];
    assert_int_equal(embargo_index_build_memory_subset(store, keep_none, NULL, &empty, err, sizeof err), EMBARGO_OK);
    embargo_results *shared = embargo_results_new();
    const char *names[] = {"Kim Jong Un", "Vladimir Putin", "Korea Mining Development Trading Corporation"};
    for (int round = 0; round < 2; round++) {
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            const embargo_index *ix = round == 0 ? full : empty;
            embargo_results *fresh = embargo_results_new();
            char *a = hit_ids(ix, shared, names[k]), *b = hit_ids(ix, fresh, names[k]);
            assert_string_equal(a, b);
            if (round == 0) assert_string_not_equal(a, "[]");
            free(a);
            free(b);
            embargo_results_free(fresh);
        }
        /* Close the empty index and open another at what may be the same address: still a new index. */
        if (round == 1) {
            embargo_index_close(empty);
            assert_int_equal(embargo_index_build_memory(store, &empty, err, sizeof err), EMBARGO_OK);
            char *a = hit_ids(empty, shared, "Kim Jong Un");
            assert_string_not_equal(a, "[]");
            free(a);
        }
    }
    embargo_results_free(shared);
    embargo_index_close(empty);
    embargo_index_close(full);
    embargo_store_destroy(store);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_lists),
        cmocka_unit_test(test_bad_byte_near_a_name),
        cmocka_unit_test(test_sink),
        cmocka_unit_test(test_results_between_indexes),
        cmocka_unit_test(test_real_lists),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
