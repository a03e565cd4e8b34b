/*
 * cmd_deal.c - `embargo deal FILE.json [--json]`: screens a transaction
 * against the regimes (data/regimes) and the lists, and prints the verdict,
 * its reasons with citations, the list hits and what would change it.
 * Exit code: 0 clear, 1 any other verdict, 2 usage, 3 bad data.
 *
 * Also holds what `embargo text` shares: finding the data files and opening
 * the lists (keeping the store, so hits can be checked by program code).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "screen/deal.h"

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

const char *cli_data_path(const char *name, char *out, size_t size) {
    const char *env = getenv("EMBARGO_DATA");
    if (env && *env) {
        snprintf(out, size, "%s/%s", env, name);
        return out;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        static const char *const rel[] = {"../data", "../share/embargo", "../../data"};
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            snprintf(out, size, "%s/%s/%s", exe, rel[i], name);
            if (exists(out)) return out;
        }
    }
    snprintf(out, size, "data/%s", name);
    return out;
}

bool cli_open_regimes(const char *regimes_path, const char *goods_path, goods_table **goods, regime_set **regimes) {
    char gbuf[PATH_MAX], rbuf[PATH_MAX], err[1024];
    if (!goods_path) goods_path = cli_data_path("goods/goods.txt", gbuf, sizeof gbuf);
    if (!regimes_path) regimes_path = cli_data_path("regimes/regimes.txt", rbuf, sizeof rbuf);
    if (!goods_load(goods_path, goods, err, sizeof err)) {
        cli_error("%s", err);
        return false;
    }
    if (!(*regimes = regimes_load(regimes_path, *goods, err, sizeof err))) {
        cli_error("%s", err);
        goods_free(*goods);
        *goods = NULL;
        return false;
    }
    return true;
}

embargo_index *cli_open_lists(const cli_opts *opts, embargo_store **store, int *exit_code) {
    *store = NULL;
    const char *env = getenv("EMBARGO_LISTS");
    const char *def = cli_default_index_path();
    if (opts->index || (!opts->lists && !(env && *env))) {
        if (!opts->index && !(def && exists(def))) return NULL; /* no lists: the caller says so */
        return cli_open_index(opts, exit_code);
    }
    if (!(*store = cli_load_store(opts, exit_code))) return NULL;
    char err[512];
    embargo_index *ix = NULL;
    if (embargo_index_build_memory(*store, &ix, err, sizeof err) != EMBARGO_OK) {
        cli_error("cannot index the lists: %s", err);
        *exit_code = CLI_DATA;
        embargo_store_destroy(*store);
        *store = NULL;
    }
    return ix;
}

static int screen_file(const char *path, const deal_context *ctx, bool json) {
    json_error_t jerr;
    json_t *in = strcmp(path, "-") == 0 ? json_loadf(stdin, 0, &jerr) : json_load_file(path, 0, &jerr);
    if (!in) {
        cli_error("%s:%d: not JSON: %s", path, jerr.line, jerr.text);
        return CLI_DATA;
    }
    char err[512];
    deal *d = deal_from_json(in, err, sizeof err);
    json_decref(in);
    if (!d) {
        cli_error("%s: %s", path, err);
        return CLI_DATA;
    }
    deal_verdict v;
    json_t *report = deal_screen(ctx, d, &v);
    deal_free(d);
    if (!report) {
        cli_error("out of memory");
        return CLI_INTERNAL;
    }
    if (json) {
        json_dumpf(report, stdout, JSON_INDENT(2));
        putchar('\n');
    } else {
        deal_write_text(report, stdout);
    }
    json_decref(report);
    return v == DEAL_CLEAR ? CLI_OK : CLI_NOTHING;
}

int cmd_deal(cli_opts *opts) {
    enum { OPT_REGIMES, OPT_GOODS, OPT_THRESHOLD, OPT_COUNT };
    cli_option o[OPT_COUNT] = {{"--regimes", false, NULL}, {"--goods", false, NULL}, {"--threshold", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, OPT_COUNT, pos, 1, &n_pos)) return CLI_USAGE;
    if (n_pos != 1) {
        cli_error("usage: embargo deal FILE.json [--json] [--regimes FILE] [--goods FILE] [--threshold T]");
        return CLI_USAGE;
    }
    double threshold = -1;
    if (o[OPT_THRESHOLD].value) {
        char *end;
        threshold = strtod(o[OPT_THRESHOLD].value, &end);
        if (*end || threshold < 0 || threshold > 1) {
            cli_error("--threshold must be a number from 0 to 1");
            return CLI_USAGE;
        }
    }
    goods_table *goods;
    regime_set *regimes;
    if (!cli_open_regimes(o[OPT_REGIMES].value, o[OPT_GOODS].value, &goods, &regimes)) return CLI_DATA;
    int rc = CLI_OK;
    embargo_store *store = NULL;
    embargo_index *ix = cli_open_lists(opts, &store, &rc);
    if (rc == CLI_OK) {
        if (!ix) cli_error("no lists given (--lists DIR or --index FILE): parties are not screened against the lists");
        deal_context ctx = {regimes, goods, ix, store, threshold, 0};
        rc = screen_file(pos[0], &ctx, opts->json);
    }
    embargo_index_close(ix);
    embargo_store_destroy(store);
    regimes_free(regimes);
    goods_free(goods);
    return rc;
}
