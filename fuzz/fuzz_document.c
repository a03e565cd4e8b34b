/*
 * fuzz/fuzz_document.c - libFuzzer target for document_scan (`embargo text`,
 * POST /v1/text): any bytes in, over the index of data/sample with the goods
 * and regimes of data/, built once in LLVMFuzzerInitialize (the folders are
 * found from this file's path, __FILE__). The input's first byte picks the
 * report's style (the CLI's or the server's) and whether the plain scan
 * runs; the rest is the text. The report must be one JSON object that
 * jansson reads back, with the four arrays, whatever the bytes: invalid
 * UTF-8, NULs, names cut at the end. Seeds: fuzz/corpus/document/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/embargo.h"
#include "embargo/search.h"
#include "screen/goods.h"
#include "screen/regimes.h"
#include "screen/text_scan.h"
#include "util/buf.h"
#include "util/json_dump.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static embargo_index *index_;
static goods_table *goods;
static regime_set *regimes;
static embargo_results *results;

/* DIR/REL into OUT: a path beside this file. */
static void beside(char *out, size_t size, const char *rel) {
    snprintf(out, size, "%s", __FILE__);
    char *slash = strrchr(out, '/');
    if (slash) *slash = '\0';
    else snprintf(out, size, ".");
    strncat(out, rel, size - strlen(out) - 1);
}

static void die(const char *what, const char *why) {
    fprintf(stderr, "fuzz_document: %s: %s\n", what, why);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    char path[4096], err[512];
    beside(path, sizeof path, "/../data/sample");
    embargo_store *store = embargo_store_new();
    if (!store || embargo_store_load_path(store, path) != EMBARGO_OK || embargo_store_count(store) == 0)
        die(path, store ? embargo_store_error(store) : "no memory");
    if (embargo_index_build_memory(store, &index_, err, sizeof err) != EMBARGO_OK) die("index", err);
    embargo_store_destroy(store);
    beside(path, sizeof path, "/../data/goods/goods.txt");
    if (!goods_load(path, &goods, err, sizeof err)) die(path, err);
    beside(path, sizeof path, "/../data/regimes/regimes.txt");
    if (!(regimes = regimes_load(path, goods, err, sizeof err))) die(path, err);
    if (!(results = embargo_results_new())) die("results", "no memory");
    return 0;
}

/* Aborts unless REPORT (LEN bytes) is a JSON object holding the report's four arrays. */
static void check_report(const char *report, size_t len) {
    json_error_t error;
    json_t *root = json_loadb(report, len, JSON_ALLOW_NUL, &error); /* a snippet may hold \u0000: valid JSON */
    if (!root) {
        fprintf(stderr, "fuzz_document: the report is not JSON (%s, at %d):\n%.*s\n", error.text, error.position,
                (int)len, report);
        abort();
    }
    static const char *const arrays[] = {"parties", "countries", "goods", "dealings"};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        if (!json_is_array(json_object_get(root, arrays[i]))) die("the report has no array", arrays[i]);
    json_decref(root);
}

/* A sink (text_scan_context.sink) that appends the report's pieces to a buf. */
static bool keep_piece(void *user, const char *piece, size_t len) {
    return buf_append(user, piece, len);
}

/* The first byte chooses: bit 0 the style, bit 1 the plain scan, bit 2 the report through a sink. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    static const json_dump_style styles[2] = {{2, 17}, {0, 8}};
    const json_dump_style *style = &styles[data[0] & 1];
    buf out, sunk;
    buf_init(&out);
    buf_init(&sunk);
    bool sink = (data[0] >> 2) & 1;
    text_scan_context ctx = {.index = index_, .goods = goods, .regimes = regimes, .threshold = -1.0,
                             .plain = (data[0] >> 1) & 1, .results = results,
                             .sink = sink ? keep_piece : NULL, .sink_user = &sunk};
    text_scan_stats stats;
    if (document_scan(&ctx, (const char *)data + 1, size - 1, style, &out, &stats)) {
        if (sink && out.len) die("a scan with a sink", "left bytes in its buffer");
        check_report(sink ? sunk.data : out.data, sink ? sunk.len : out.len);
    }
    buf_free(&out);
    buf_free(&sunk);
    return 0;
}
