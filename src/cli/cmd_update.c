/*
 * cmd_update.c - `embargo update [--from DIR] [--source S] [--sources FILE]
 * [--force] [--data DIR]` and `embargo versions [--verify]`: a new version
 * of the lists in the data folder (history/update.h), and the versions kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/history_cli.h"
#include "history/update.h"
#include "history/vstore.h"

int cmd_update(cli_opts *opts) {
    cli_option o[] = {{"--from", false, NULL}, {"--source", false, NULL}, {"--sources", false, NULL},
                      {"--force", true, NULL}, {"--data", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, 5, pos, 0, &n_pos)) return CLI_USAGE;
    update_options uo = {history_data_dir(o[4].value), o[0].value, o[1].value, o[2].value,
                         o[3].value != NULL, 0.20, opts->quiet ? NULL : stderr};
    if (!uo.data) {
        cli_error("no --data folder and no home folder");
        return CLI_USAGE;
    }
    update_report r;
    embargo_status s = update_run(&uo, &r);
    if (s != EMBARGO_OK) {
        cli_error("update failed, the current version is kept: %s", r.error);
        return s == EMBARGO_ENOMEM ? CLI_INTERNAL : CLI_DATA;
    }
    if (opts->json)
        printf("{\"version\":\"%s\",\"unchanged\":%s,\"entities\":%zu}\n", r.version, r.unchanged ? "true" : "false",
               r.n_entities);
    else printf("%s %s (%zu entities)\n", r.unchanged ? "unchanged:" : "current:", r.version, r.n_entities);
    return CLI_OK;
}

int cmd_versions(cli_opts *opts) {
    cli_option o[] = {{"--verify", true, NULL}, {"--data", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, 2, pos, 0, &n_pos)) return CLI_USAGE;
    const char *data = history_data_dir(o[1].value);
    char **names;
    size_t n;
    buf current, err;
    buf_init(&current), buf_init(&err);
    if (!data || !vstore_list(data, &names, &n)) {
        cli_error("cannot read the versions of %s", data ? data : "(no data folder)");
        return CLI_DATA;
    }
    vstore_current(data, &current);
    int rc = n ? CLI_OK : CLI_NOTHING;
    for (size_t i = 0; i < n; i++) {
        json_t *m = vstore_manifest(data, names[i], &err);
        printf("%s %s  %lld entities", strcmp(names[i], buf_str(&current)) == 0 ? "*" : " ", names[i],
               (long long)json_integer_value(json_object_get(m, "entities")));
        json_decref(m);
        buf_clear(&err);
        if (o[0].value) {
            bool ok = vstore_verify(data, names[i], &err);
            printf("  %s%s", ok ? "verified" : "DAMAGED: ", ok ? "" : buf_str(&err));
            if (!ok) rc = CLI_DATA;
        }
        putchar('\n');
    }
    vstore_list_free(names, n);
    buf_free(&current), buf_free(&err);
    return rc;
}
