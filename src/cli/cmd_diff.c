/*
 * cmd_diff.c - `embargo diff OLD NEW [--json] [--data DIR]`: the entities
 * added, removed and changed (with the fields) per source between two list
 * folders or files, or two versions of the data folder by name.
 */
#include <jansson.h>
#include <stdio.h>

#include "cli/history_cli.h"
#include "history/diff.h"

int cmd_diff(cli_opts *opts) {
    cli_option o[] = {{"--data", false, NULL}};
    const char *pos[2];
    size_t n_pos;
    if (!cli_parse(opts, o, 1, pos, 2, &n_pos)) return CLI_USAGE;
    if (n_pos != 2) {
        cli_error("usage: embargo diff OLD NEW [--json] [--data DIR] (folders, files or version names)");
        return CLI_USAGE;
    }
    const char *data = history_data_dir(o[0].value);
    int rc = CLI_OK;
    embargo_store *old_store = history_load(opts, data, pos[0], &rc);
    embargo_store *new_store = old_store ? history_load(opts, data, pos[1], &rc) : NULL;
    diff_result d = {0};
    if (new_store && diff_stores(old_store, new_store, &d) != EMBARGO_OK) {
        cli_error("out of memory comparing the lists");
        rc = CLI_INTERNAL;
    } else if (new_store && opts->json) {
        json_t *j = diff_to_json(&d);
        if (!j || json_dumpf(j, stdout, JSON_COMPACT) != 0) rc = CLI_INTERNAL;
        fputc('\n', stdout);
        json_decref(j);
    } else if (new_store) {
        diff_write_text(&d, stdout);
    }
    if (rc == CLI_OK && d.n == 0) rc = CLI_NOTHING;
    diff_free(&d);
    embargo_store_destroy(new_store);
    embargo_store_destroy(old_store);
    return rc;
}
