/*
 * open_index.c - finding the index a search uses: a file, or one built in
 * memory from the lists (see cli_open_index in cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/cli.h"

const char *cli_default_index_path(void) {
    static char path[4096];
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg) snprintf(path, sizeof path, "%s/embargo/embargo.idx", xdg);
    else if (home && *home) snprintf(path, sizeof path, "%s/.local/share/embargo/embargo.idx", home);
    else return NULL;
    return path;
}

static embargo_index *open_file(const char *path, int *exit_code) {
    char err[512];
    embargo_index *ix = NULL;
    embargo_status status = embargo_index_open(path, &ix, err, sizeof err);
    if (status != EMBARGO_OK) {
        cli_error("cannot use the index: %s", err);
        *exit_code = status == EMBARGO_ENOMEM ? CLI_INTERNAL : CLI_DATA;
        return NULL;
    }
    return ix;
}

static embargo_index *build_from_lists(const cli_opts *opts, int *exit_code) {
    embargo_store *store = cli_load_store(opts, exit_code);
    if (!store) return NULL;
    char err[512];
    embargo_index *ix = NULL;
    embargo_status status = embargo_index_build_memory(store, &ix, err, sizeof err);
    embargo_store_destroy(store);
    if (status != EMBARGO_OK) {
        cli_error("cannot index the lists: %s", err);
        *exit_code = status == EMBARGO_ENOMEM ? CLI_INTERNAL : CLI_DATA;
        return NULL;
    }
    return ix;
}

embargo_index *cli_open_index(const cli_opts *opts, int *exit_code) {
    if (opts->index) return open_file(opts->index, exit_code);
    const char *env = getenv("EMBARGO_LISTS");
    if (opts->lists || (env && *env)) return build_from_lists(opts, exit_code);
    const char *path = cli_default_index_path();
    struct stat st;
    if (path && stat(path, &st) == 0) return open_file(path, exit_code);
    return build_from_lists(opts, exit_code);
}
