/*
 * cmd_compare.c - `embargo compare NAME1 NAME2`: the scorer alone, no lists:
 * the score of NAME1 (as a query) against NAME2 (as listed), and why.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "screen/hit_json.h"

int cmd_compare(cli_opts *opts) {
    cli_option options[] = {{"--kind", false, NULL}};
    const char *pos[2];
    size_t n_pos;
    if (!cli_parse(opts, options, 1, pos, 2, &n_pos)) return CLI_USAGE;
    if (n_pos != 2) {
        cli_error("usage: embargo compare NAME1 NAME2 [--kind K]");
        return CLI_USAGE;
    }
    embargo_kind kind = embargo_kind_parse(options[0].value);
    embargo_hit *hit = malloc(sizeof *hit);
    if (!hit) return CLI_INTERNAL;
    embargo_status status = embargo_compare(pos[0], pos[1], kind, hit);
    if (status != EMBARGO_OK) {
        cli_error("cannot compare: %s (each name needs letters or digits)", embargo_status_text(status));
        free(hit);
        return CLI_USAGE;
    }
    if (opts->json) {
        json_t *o = hit_to_json(hit);
        json_object_del(o, "id");
        json_object_del(o, "name");
        json_object_del(o, "kind");
        json_object_del(o, "regimes");
        json_dumpf(o, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(o);
    } else {
        printf("%.3f\n", hit->score);
        printf("  query coverage %.3f, listed coverage %.3f\n", hit->query_coverage, hit->listed_coverage);
        if (hit->name_rule && *hit->name_rule) printf("  x%.2f: %s\n", hit->name_factor, hit->name_rule);
        for (size_t i = 0; i < hit->n_pairs; i++)
            printf("  %-16s %-16s %-10s %.2f  (%.0f%% of the query)\n", hit->pairs[i].query,
                   hit->pairs[i].listed, hit->pairs[i].how, hit->pairs[i].similarity,
                   100.0 * hit->pairs[i].weight);
    }
    free(hit);
    return CLI_OK;
}
