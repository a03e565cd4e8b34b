/*
 * bench/text_scan.c - how fast `embargo text` screens documents: MB/s on
 * one core of document_scan over the real lists, and the mentions it finds,
 * against the plain scan (every name window searched in the index, no memo,
 * no reach check: the scanner as it was) as the baseline in the same run, on
 * the same bytes. The two reports (`embargo text --json`'s text, written as
 * the scan goes and timed with it) must be the same bytes; the program exits
 * 1 when they are not. Prints its inputs so that a run can be repeated.
 *
 *   build/bench_text_scan [--lists DIR] [--data DIR] [--mb N] [--baseline-kb N] [--seed N] [--write-corpus FILE]
 *
 * --write-corpus writes the corpus to FILE and scans nothing (for
 * `embargo --index IX text FILE` under callgrind).
 *
 * The corpus is real text only, assembled at run time and never stored: the
 * distinct remarks of the loaded entities (OFAC's remarks, the UN's
 * comments, the UK's statements of reasons, the EU's grounds for listing,
 * ...) in an order shuffled by a seeded PRNG (xorshift64*) so that every
 * source is mixed in, joined by blank lines, repeated when shorter than
 * --mb. This is harder than news: list remarks name a listed party every
 * hundred bytes or so. The baseline scans the first --baseline-kb (it is
 * slow); the fast scan runs over that same prefix, for the ratio and the
 * agreement, then over the whole corpus. Before timing, both scan a small
 * prefix once, so that the index's pages and the search scratch are warm.
 * "whole" keeps the report in memory, as the server does; "streamed" sends
 * it to /dev/null as it is written, as the command line does: a report is
 * some 17 times its text, and the page faults of a new 34 MB buffer are a
 * fifth of "whole"'s time on a virtual machine.
 *
 * Defaults: lists from $EMBARGO_TEST_LISTS, else ../shared/data/lists; data
 * (goods and regimes) from ./data; 4 MB; baseline 256 KB; seed 42.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "embargo/embargo.h"
#include "embargo/search.h"
#include "screen/goods.h"
#include "screen/regimes.h"
#include "screen/text_scan.h"
#include "util/buf.h"

typedef struct {
    const char *lists, *data, *write_corpus;
    double mb;
    size_t baseline_kb;
    uint64_t seed;
} bench_opts;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_next(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The corpus: distinct remarks, shuffled by SEED, joined by blank lines, up to BYTES (repeated when short). */
static bool build_corpus(const embargo_store *store, size_t bytes, uint64_t seed, buf *out, size_t *n_texts) {
    size_t n = embargo_store_count(store), m = 0;
    const char **texts = malloc((n ? n : 1) * sizeof *texts);
    if (!texts) return false;
    for (size_t i = 0; i < n; i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (e && e->remarks && strlen(e->remarks) >= 20) texts[m++] = e->remarks;
    }
    qsort(texts, m, sizeof *texts, cmp_str); /* for dropping duplicates: the same text on many entities */
    size_t d = 0;
    for (size_t i = 0; i < m; i++)
        if (d == 0 || strcmp(texts[d - 1], texts[i]) != 0) texts[d++] = texts[i];
    uint64_t s = seed ? seed : 1;
    for (size_t i = d; i > 1; i--) {
        size_t j = (size_t)(rng_next(&s) % i);
        const char *t = texts[i - 1];
        texts[i - 1] = texts[j];
        texts[j] = t;
    }
    *n_texts = d;
    for (size_t i = 0; d && out->len < bytes; i = (i + 1) % d) {
        buf_puts(out, texts[i]);
        buf_puts(out, "\n\n");
    }
    free(texts);
    return d > 0;
}

static bool parse_args(int argc, char **argv, bench_opts *o) {
    const char *env = getenv("EMBARGO_TEST_LISTS");
    *o = (bench_opts){env && *env ? env : "../shared/data/lists", "data", NULL, 4.0, 256, 42};
    for (int i = 1; i < argc; i += 2) { /* every option takes a value */
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) return false;
        if (strcmp(a, "--lists") == 0) o->lists = v;
        else if (strcmp(a, "--data") == 0) o->data = v;
        else if (strcmp(a, "--mb") == 0) o->mb = atof(v);
        else if (strcmp(a, "--baseline-kb") == 0) o->baseline_kb = (size_t)atol(v);
        else if (strcmp(a, "--seed") == 0) o->seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--write-corpus") == 0) o->write_corpus = v;
        else return false;
    }
    return o->mb > 0 && o->baseline_kb > 0;
}

typedef struct {
    double seconds;
    text_scan_stats stats;
    buf report;
    bool ok;
} scan_run;

/* The report as `embargo text --json` prints it (JSON_INDENT(2)), written as the scan goes, so timed with it. */
static const json_dump_style cli_style = {2, 17};

static scan_run timed_scan(const text_scan_context *ctx, const char *text, size_t len) {
    scan_run r;
    buf_init(&r.report);
    double t0 = now_seconds();
    r.ok = document_scan(ctx, text, len, &cli_style, &r.report, &r.stats);
    r.seconds = now_seconds() - t0;
    return r;
}

typedef struct {
    FILE *file;
    const buf *expect;            /* or NULL: a run that checks what it writes against this report (not timed) */
    size_t at;                    /* ... how much of it the pieces matched */
    bool same;
} file_sink;

/* The sink `embargo text --json` gives the scan, writing to a FILE. */
static bool to_file(void *user, const char *data, size_t len) {
    file_sink *f = user;
    if (f->expect) {
        f->same = f->same && f->at + len <= f->expect->len && memcmp(f->expect->data + f->at, data, len) == 0;
        f->at += len;
    }
    return fwrite(data, 1, len, f->file) == len;
}

/*
 * A scan whose report goes to /dev/null as it is written, as `embargo text
 * --json FILE > OUT` writes it. EXPECT: NULL for a timed run, else the
 * report the pieces must make up, byte for byte (*SAME says whether they
 * did).
 */
static scan_run streamed_scan(const text_scan_context *ctx, const char *text, size_t len, const buf *expect,
                              bool *same) {
    file_sink f = {fopen("/dev/null", "wb"), expect, 0, true};
    text_scan_context streamed = *ctx;
    streamed.sink = to_file, streamed.sink_user = &f;
    scan_run r = f.file ? timed_scan(&streamed, text, len) : (scan_run){.ok = false};
    if (f.file && fclose(f.file) != 0) r.ok = false;
    if (same) *same = r.ok && f.same && expect && f.at == expect->len;
    return r;
}

/* A scan of the first LEN bytes, to warm the caches; its report thrown away. */
static void warm_up(const text_scan_context *ctx, const char *text, size_t len) {
    scan_run r = timed_scan(ctx, text, len);
    buf_free(&r.report);
}

static void print_run(const char *label, const scan_run *r) {
    double mb = (double)r->stats.bytes / 1e6;
    printf("%-9s %8.3f MB in %7.3f s: %7.2f MB/s; windows %zu (searched %zu); mentions: %zu party, %zu country, %zu goods\n",
           label, mb, r->seconds, r->seconds > 0 ? mb / r->seconds : 0.0, r->stats.windows, r->stats.searches,
           r->stats.parties, r->stats.countries, r->stats.goods);
}

/* Cuts LEN back to a UTF-8 character boundary. */
static size_t utf8_cut(const char *s, size_t len) {
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;
    return len;
}

/* Writes the corpus to PATH (for `embargo text` under callgrind) instead of timing; frees CORPUS. */
static int write_corpus(const char *path, const char *text, size_t len, buf *corpus) {
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(text, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = false;
    if (!ok) fprintf(stderr, "bench_text_scan: %s: cannot write the corpus\n", path);
    else printf("wrote the corpus to %s (%zu bytes)\n", path, len);
    buf_free(corpus);
    return ok ? 0 : 1;
}

static int run(const bench_opts *o, const embargo_index *ix, const embargo_store *store, const goods_table *goods,
               const regime_set *regimes) {
    buf corpus;
    buf_init(&corpus);
    size_t n_texts = 0;
    if (!build_corpus(store, (size_t)(o->mb * 1e6), o->seed, &corpus, &n_texts)) {
        fprintf(stderr, "bench_text_scan: the lists at %s hold no remarks to build a corpus from\n", o->lists);
        buf_free(&corpus);
        return 1;
    }
    const char *text = buf_str(&corpus);
    size_t len = corpus.len;
    if (o->write_corpus) return write_corpus(o->write_corpus, text, len, &corpus);
    size_t base_len = utf8_cut(text, o->baseline_kb * 1024 < len ? o->baseline_kb * 1024 : len);
    printf("corpus: %zu bytes from %zu distinct remarks (seed %llu); baseline prefix %zu bytes\n", len, n_texts,
           (unsigned long long)o->seed, base_len);
    text_scan_context fast = {.index = ix, .goods = goods, .regimes = regimes, .threshold = -1}, plain = fast;
    plain.plain = 1;
    size_t warm = utf8_cut(text, base_len < 16384 ? base_len : 16384);
    warm_up(&fast, text, warm);
    warm_up(&plain, text, warm);

    scan_run b = timed_scan(&plain, text, base_len), f = timed_scan(&fast, text, base_len);
    int rc = 0;
    if (!b.ok || !f.ok) {
        fprintf(stderr, "bench_text_scan: out of memory\n");
        rc = 1;
    }
    print_run("baseline", &b);
    print_run("fast", &f);
    bool same = rc == 0 && b.report.len == f.report.len && memcmp(b.report.data, f.report.data, b.report.len) == 0;
    printf("same prefix: speed-up %.1fx; reports %s\n", f.seconds > 0 ? b.seconds / f.seconds : 0.0,
           same ? "equal (every mention the baseline finds, and no other)" : "DIFFER");
    if (!same) rc = 1;
    buf_free(&b.report);
    buf_free(&f.report);

    scan_run all = timed_scan(&fast, text, len);
    if (!all.ok) rc = 1;
    print_run("whole", &all);
    scan_run streamed = streamed_scan(&fast, text, len, NULL, NULL);
    if (!streamed.ok) rc = 1;
    print_run("streamed", &streamed);
    scan_run check = streamed_scan(&fast, text, len, &all.report, &same); /* again, untimed, comparing what it writes */
    printf("streamed: the whole corpus, its report written to /dev/null as the scan goes (as `embargo text --json` "
           "writes it); the same bytes as whole's (checked in a run not timed): %s\n", same ? "yes" : "NO");
    if (!same) rc = 1;
    buf_free(&all.report);
    buf_free(&streamed.report);
    buf_free(&check.report);
    buf_free(&corpus);
    return rc;
}

int main(int argc, char **argv) {
    bench_opts o;
    if (!parse_args(argc, argv, &o)) {
        fprintf(stderr, "usage: bench_text_scan [--lists DIR] [--data DIR] [--mb N] [--baseline-kb N] [--seed N] [--write-corpus FILE]\n");
        return 2;
    }
    char gpath[4096], rpath[4096], err[1024];
    snprintf(gpath, sizeof gpath, "%s/goods/goods.txt", o.data);
    snprintf(rpath, sizeof rpath, "%s/regimes/regimes.txt", o.data);
    printf("bench_text_scan: lists %s, data %s, %.1f MB, baseline %zu KB, seed %llu\n", o.lists, o.data, o.mb,
           o.baseline_kb, (unsigned long long)o.seed);
    goods_table *goods = NULL;
    regime_set *regimes = NULL;
    if (!goods_load(gpath, &goods, err, sizeof err) || !(regimes = regimes_load(rpath, goods, err, sizeof err))) {
        fprintf(stderr, "bench_text_scan: %s\n", err);
        goods_free(goods);
        return 1;
    }
    embargo_store *store = embargo_store_new();
    embargo_index *ix = NULL;
    int rc = 1;
    if (!store || embargo_store_load_path(store, o.lists) != EMBARGO_OK)
        fprintf(stderr, "bench_text_scan: %s: %s\n", o.lists, store ? embargo_store_error(store) : "out of memory");
    else if (embargo_index_build_memory(store, &ix, err, sizeof err) != EMBARGO_OK)
        fprintf(stderr, "bench_text_scan: index: %s\n", err);
    else
        rc = run(&o, ix, store, goods, regimes);
    embargo_index_close(ix);
    embargo_store_destroy(store);
    regimes_free(regimes);
    goods_free(goods);
    return rc;
}
