/*
 * cmd_text.c - `embargo text FILE [--json] [--plain]`: the listed parties, embargoed
 * countries and controlled goods a text mentions, with byte offsets and
 * context, and the dealings between them the regimes cover. The speed
 * (MB/s) goes to stderr. With --json the report goes to stdout as it is
 * written (the time counts the writing), the parties never held whole (the
 * report is some 17 times the text; the countries and goods arrays, a
 * fifth of it, are). --plain searches every name window in full, with
 * no memo and no pruning: the reference scan, slower, with the same report.
 * Exit code 0 when nothing listed or embargoed is mentioned, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "screen/text_scan.h"

/* The scan's sink for --json: the report goes to stdout as it is written. */
static bool to_stdout(void *user, const char *data, size_t len) {
    (void)user;
    return fwrite(data, 1, len, stdout) == len;
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    size_t got;
    while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(data, cap *= 2);
            if (!p) free(data);
            data = p;
        }
    }
    if (f != stdin) fclose(f);
    *len = n;
    return data;
}

static void write_text(const json_t *r, FILE *out) {
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(r, "parties"), i, m) {
        json_t *h = json_object_get(m, "hit");
        fprintf(out, "party    %6lld-%-6lld %.3f %s %s [%s]: \"%s\"\n", json_integer_value(json_object_get(m, "start")),
                json_integer_value(json_object_get(m, "end")), json_number_value(json_object_get(h, "score")),
                json_string_value(json_object_get(h, "id")), json_string_value(json_object_get(h, "name")),
                json_string_value(json_object_get(h, "regimes")), json_string_value(json_object_get(m, "snippet")));
    }
    json_array_foreach(json_object_get(r, "countries"), i, m)
        fprintf(out, "country  %6lld-%-6lld %s (%s)\n", json_integer_value(json_object_get(m, "start")),
                json_integer_value(json_object_get(m, "end")), json_string_value(json_object_get(m, "code")),
                json_string_value(json_object_get(m, "text")));
    json_array_foreach(json_object_get(r, "goods"), i, m)
        fprintf(out, "goods    %6lld-%-6lld %s -> %s\n", json_integer_value(json_object_get(m, "start")),
                json_integer_value(json_object_get(m, "end")), json_string_value(json_object_get(m, "text")),
                json_string_value(json_object_get(m, "categories")));
    json_array_foreach(json_object_get(r, "dealings"), i, m)
        fprintf(out, "dealing  %s %s with %s (%s, %s): %s\n", json_string_value(json_object_get(m, "goods")),
                json_string_value(json_object_get(m, "direction")), json_string_value(json_object_get(m, "country")),
                json_string_value(json_object_get(m, "effect")), json_string_value(json_object_get(m, "measure")),
                json_string_value(json_object_get(m, "citation")));
}

int cmd_text(cli_opts *opts) {
    enum { OPT_REGIMES, OPT_GOODS, OPT_THRESHOLD, OPT_PLAIN, OPT_COUNT };
    cli_option o[OPT_COUNT] = {{"--regimes", false, NULL}, {"--goods", false, NULL}, {"--threshold", false, NULL},
                                {"--plain", true, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, OPT_COUNT, pos, 1, &n_pos)) return CLI_USAGE;
    if (n_pos != 1) {
        cli_error("usage: embargo text FILE [--json] [--regimes FILE] [--goods FILE] [--threshold T] [--plain]");
        return CLI_USAGE;
    }
    size_t len;
    char *text = read_all(pos[0], &len);
    if (!text) {
        cli_error("%s: cannot read", pos[0]);
        return CLI_DATA;
    }
    goods_table *goods;
    regime_set *regimes;
    if (!cli_open_regimes(o[OPT_REGIMES].value, o[OPT_GOODS].value, &goods, &regimes)) return free(text), CLI_DATA;
    int rc = CLI_OK;
    embargo_store *store = NULL;
    embargo_index *ix = cli_open_lists(opts, &store, &rc);
    if (rc == CLI_OK) {
        if (!ix) cli_error("no lists given (--lists DIR or --index FILE): listed parties are not looked for");
        text_scan_context ctx = {.index = ix, .goods = goods, .regimes = regimes,
                                 .threshold = o[OPT_THRESHOLD].value ? atof(o[OPT_THRESHOLD].value) : -1,
                                 .plain = o[OPT_PLAIN].value != NULL, .sink = opts->json ? to_stdout : NULL};
        text_scan_stats stats;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        /* JSON as `json_dumpf(report, stdout, JSON_INDENT(2))` printed it when the report was a tree. */
        const json_dump_style style = {2, 17};
        buf report;
        buf_init(&report);
        bool ok = document_scan(&ctx, text, len, &style, &report, &stats);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        json_t *r = ok && !opts->json ? json_loadb(report.data, report.len, JSON_ALLOW_NUL, NULL) : NULL;
        if (!ok || (!opts->json && !r)) {
            rc = CLI_INTERNAL;
            /* a failed write: main says so */
            if (!ferror(stdout)) cli_error("out of memory: the report is incomplete");
        } else if (opts->json) {
            putchar('\n');
        } else {
            write_text(r, stdout);
        }
        if (rc == CLI_OK && (stats.parties || stats.countries)) rc = CLI_NOTHING;
        if (!opts->quiet)
            fprintf(stderr, "embargo: %zu bytes in %.3f s (%.2f MB/s); %zu name windows (%zu searched); %zu party, %zu country, %zu goods mentions\n",
                    len, s, s > 0 ? (double)len / s / 1e6 : 0.0, stats.windows, stats.searches, stats.parties, stats.countries, stats.goods);
        json_decref(r);
        buf_free(&report);
    }
    embargo_index_close(ix);
    embargo_store_destroy(store);
    regimes_free(regimes);
    goods_free(goods);
    free(text);
    return rc;
}
