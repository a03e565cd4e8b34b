/*
 * cmd_index.c - `embargo index build [--output FILE]`: compile the lists
 * into one index file, written atomically, for instant start-up.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "history/fsx.h"
#include "util/buf.h"

/* Creates the folders above PATH; a failure shows when the index is written there. */
static void make_parents(const char *path) {
    buf err;
    buf_init(&err);
    fsx_mkparents(path, &err);
    buf_free(&err);
}

static double seconds_since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* `embargo index verify FILE`: the whole file, checksum included. */
static int index_verify(const cli_opts *opts, const char *path) {
    char err[512];
    embargo_status status = embargo_index_verify(path, err, sizeof err);
    if (status != EMBARGO_OK) {
        cli_error("%s", err);
        return CLI_DATA;
    }
    if (opts->json) printf("{\"index\":\"%s\",\"ok\":true}\n", path);
    else printf("%s: ok\n", path);
    return CLI_OK;
}

int cmd_index(cli_opts *opts) {
    cli_option options[] = {{"--output", false, NULL}};
    const char *pos[2];
    size_t n_pos;
    if (!cli_parse(opts, options, 1, pos, 2, &n_pos)) return CLI_USAGE;
    if (n_pos == 2 && strcmp(pos[0], "verify") == 0) return index_verify(opts, pos[1]);
    if (n_pos != 1 || strcmp(pos[0], "build") != 0) {
        cli_error("usage: embargo index build [--output FILE] | embargo index verify FILE");
        return CLI_USAGE;
    }
    const char *output = options[0].value ? options[0].value : cli_default_index_path();
    if (!output) {
        cli_error("no --output given and no home folder to put the index in");
        return CLI_USAGE;
    }
    int rc = CLI_OK;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    embargo_store *store = cli_load_store(opts, &rc);
    if (!store) return rc;
    double load_s = seconds_since(&t0);
    make_parents(output);
    char err[512];
    embargo_status status = embargo_index_build(store, output, err, sizeof err);
    size_t n_entities = embargo_store_count(store);
    embargo_store_destroy(store);
    if (status != EMBARGO_OK) {
        cli_error("index build failed: %s", err);
        return status == EMBARGO_ENOMEM ? CLI_INTERNAL : CLI_DATA;
    }
    struct stat st;
    long long size = stat(output, &st) == 0 ? (long long)st.st_size : -1;
    if (opts->json)
        printf("{\"index\":\"%s\",\"entities\":%zu,\"bytes\":%lld,\"load_seconds\":%.3f,\"total_seconds\":%.3f}\n",
               output, n_entities, size, load_s, seconds_since(&t0));
    else
        printf("wrote %s: %zu entities, %lld bytes (lists loaded in %.2f s, all in %.2f s)\n", output,
               n_entities, size, load_s, seconds_since(&t0));
    return CLI_OK;
}
