/*
 * cmd_show.c - `embargo show ID`: one entity whole, as text or JSON.
 */
#include <stdio.h>

#include "cli/cli.h"

int cmd_show(cli_opts *opts) {
    if (opts->n_args != 1) {
        cli_error("usage: embargo show ID (an id such as un:KPi.033 or ofac:20157)");
        return CLI_USAGE;
    }
    int rc = CLI_OK;
    embargo_store *store = cli_load_store(opts, &rc);
    if (!store) return rc;
    const embargo_entity *e = embargo_store_get(store, opts->args[0]);
    if (!e) {
        cli_error("no entity with id '%s' (ids are SOURCE:ID; `embargo lists` names the sources)",
                  opts->args[0]);
        rc = CLI_NOTHING;
    } else if (opts->json) {
        embargo_entity_write_json(e, stdout);
    } else {
        embargo_entity_write_text(e, stdout);
    }
    embargo_store_destroy(store);
    return rc;
}
