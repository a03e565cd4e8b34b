/*
 * history_cli.c - see history_cli.h.
 */
#include "cli/history_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "history/db.h"
#include "history/sha256.h"

const char *history_data_dir(const char *option) {
    static char path[4096];
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (option && *option) snprintf(path, sizeof path, "%s", option);
    else if (xdg && *xdg) snprintf(path, sizeof path, "%s/embargo", xdg);
    else if (home && *home) snprintf(path, sizeof path, "%s/.local/share/embargo", home);
    else return NULL;
    return path;
}

bool history_record_where(const cli_opts *opts, const char *data, buf *out) {
    const char *env = getenv("EMBARGO_DB");
    if (opts->db && *opts->db) return buf_puts(out, opts->db);
    if (env && *env) return buf_puts(out, env);
    return data && buf_printf(out, "%s/embargo.db", data);
}

bool history_cindex_where(const cli_opts *opts, const char *data, buf *out) {
    buf record;
    buf_init(&record);
    bool ok = history_record_where(opts, data, &record);
    char hex[65];
    if (ok && !db_is_url(buf_str(&record))) buf_printf(out, "%s-customers.idx", buf_str(&record));
    else if (ok && data && sha256_hex(record.data, record.len, hex)) buf_printf(out, "%s/customers-%.12s.idx", data, hex);
    else ok = false;
    buf_free(&record);
    return ok;
}

static void show_diagnostic(const embargo_diagnostic *d, void *user) {
    const cli_opts *opts = user;
    if (!opts->verbose && !d->fatal) return;
    fprintf(stderr, "%s:%ld: %s%s\n", d->file, d->line, d->fatal ? "error: " : "", d->message);
}

embargo_store *history_load(const cli_opts *opts, const char *data, const char *path, int *rc) {
    char resolved[4096];
    struct stat st;
    if (stat(path, &st) != 0 && data) {
        snprintf(resolved, sizeof resolved, "%s/%s%s/lists", data,
                 strcmp(path, "current") == 0 ? "" : "versions/", path);
        if (stat(resolved, &st) == 0) path = resolved;
    }
    embargo_store *store = embargo_store_new();
    if (!store) {
        *rc = CLI_INTERNAL;
        return NULL;
    }
    embargo_store_set_diagnostics(store, show_diagnostic, (void *)opts);
    embargo_status status = embargo_store_load_path(store, path);
    embargo_store_set_diagnostics(store, NULL, NULL);
    if (status != EMBARGO_OK || embargo_store_count(store) == 0) {
        if (status != EMBARGO_OK) cli_error("%s: %s", path, embargo_store_error(store));
        else cli_error("%s holds no list file embargo can read", path);
        *rc = status == EMBARGO_ENOMEM ? CLI_INTERNAL : CLI_DATA;
        embargo_store_destroy(store);
        return NULL;
    }
    return store;
}
