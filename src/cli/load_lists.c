/*
 * load_lists.c - finding and loading the lists for a command, with the
 * load's problems reported on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/buf.h"

typedef struct {
    const cli_opts *opts;
    size_t n_problems;
} diag_state;

/* Shows the first problems of a load; the rest are counted on each source. */
static void print_diagnostic(const embargo_diagnostic *d, void *user) {
    diag_state *state = user;
    state->n_problems++;
    if ((state->opts->quiet || state->opts->load_summary) && !d->fatal && !state->opts->verbose) return;
    if (!d->fatal && !state->opts->verbose && state->n_problems > 20) {
        if (state->n_problems == 21) fprintf(stderr, "embargo: more load notes hidden (--verbose shows all)\n");
        return;
    }
    if (d->line > 0) fprintf(stderr, "%s:%ld: %s%s\n", d->file, d->line, d->fatal ? "error: " : "", d->message);
    else fprintf(stderr, "%s: %s%s\n", d->file, d->fatal ? "error: " : "", d->message);
}

static bool path_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* The lists path from the options, the environment or the data folder, or NULL. */
static const char *lists_path(const cli_opts *opts, buf *scratch) {
    if (opts->lists) return opts->lists;
    const char *env = getenv("EMBARGO_LISTS");
    if (env && *env) return env;
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg) buf_printf(scratch, "%s/embargo/lists", xdg);
    else if (home && *home) buf_printf(scratch, "%s/.local/share/embargo/lists", home);
    else return NULL;
    return path_exists(buf_str(scratch)) ? buf_str(scratch) : NULL;
}

embargo_store *cli_load_store(const cli_opts *opts, int *exit_code) {
    buf scratch;
    buf_init(&scratch);
    const char *path = lists_path(opts, &scratch);
    if (!path) {
        cli_error("no lists to load. Give a folder of list files with --lists DIR or\n"
                  "$EMBARGO_LISTS, or put them in ~/.local/share/embargo/lists (`embargo update`\n"
                  "downloads the official ones). To try embargo, use the sample: --lists data/sample");
        *exit_code = CLI_DATA;
        buf_free(&scratch);
        return NULL;
    }
    embargo_store *store = embargo_store_new();
    if (!store) {
        *exit_code = CLI_INTERNAL;
        buf_free(&scratch);
        return NULL;
    }
    diag_state state = {opts, 0};
    embargo_store_set_diagnostics(store, print_diagnostic, &state);
    embargo_status status = embargo_store_load_path(store, path);
    embargo_store_set_diagnostics(store, NULL, NULL);
    buf_free(&scratch);
    if (opts->load_summary && !opts->quiet && !opts->verbose && state.n_problems && status == EMBARGO_OK)
        fprintf(stderr, "embargo: %zu load notes (records skipped, fields not understood); "
                        "`embargo lists --verbose` shows them\n", state.n_problems);
    if (status != EMBARGO_OK) {
        cli_error("loading the lists failed: %s", embargo_store_error(store));
        *exit_code = status == EMBARGO_ENOMEM ? CLI_INTERNAL : CLI_DATA;
        embargo_store_destroy(store);
        return NULL;
    }
    if (embargo_store_count(store) == 0) {
        cli_error("%s holds no list file embargo can read", path);
        *exit_code = CLI_DATA;
        embargo_store_destroy(store);
        return NULL;
    }
    return store;
}
