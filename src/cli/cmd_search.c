/*
 * cmd_search.c - `embargo search NAME [...]`: the listed parties a name may
 * be, best first, each with its score and why.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "screen/hit_json.h"

enum { OPT_KIND, OPT_DOB, OPT_COUNTRY, OPT_ID, OPT_LIMIT, OPT_THRESHOLD, OPT_EXHAUSTIVE, OPT_GENDER, OPT_COUNT };

/* Reads a number option; false with a message when it is not one in [LO, HI]. */
static bool read_number(const char *name, const char *text, double lo, double hi, double *out) {
    if (!text) return true;
    char *end;
    double v = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || v < lo || v > hi) {
        cli_error("%s must be a number from %g to %g (got '%s')", name, lo, hi, text);
        return false;
    }
    *out = v;
    return true;
}

static void print_json(const embargo_query *q, const embargo_results *r) {
    json_t *hits = json_array();
    for (size_t i = 0; i < embargo_results_count(r); i++)
        json_array_append_new(hits, hit_to_json(embargo_results_hit(r, i)));
    json_t *o = json_pack("{s:s, s:o}", "query", q->name, "hits", hits);
    json_dumpf(o, stdout, JSON_COMPACT);
    putchar('\n');
    json_decref(o);
}

int cmd_search(cli_opts *opts) {
    cli_option o[OPT_COUNT] = {{"--kind", false, NULL}, {"--dob", false, NULL}, {"--country", false, NULL},
                               {"--id", false, NULL}, {"--limit", false, NULL}, {"--threshold", false, NULL},
                               {"--exhaustive", true, NULL}, {"--gender", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, OPT_COUNT, pos, 1, &n_pos)) return CLI_USAGE;
    if (n_pos != 1) {
        cli_error("usage: embargo search NAME [--kind K] [--dob D] [--country C] [--id ID] [--limit N] [--threshold T]");
        return CLI_USAGE;
    }
    embargo_query q = {pos[0], embargo_kind_parse(o[OPT_KIND].value), o[OPT_DOB].value,
                       o[OPT_COUNTRY].value, o[OPT_ID].value, EMBARGO_GENDER_UNKNOWN};
    if (o[OPT_GENDER].value) q.gender = (o[OPT_GENDER].value[0] | 32) == 'f' ? EMBARGO_GENDER_FEMALE : EMBARGO_GENDER_MALE;
    embargo_search_options so = {-1.0, 0, o[OPT_EXHAUSTIVE].value != NULL, 0};
    double limit = EMBARGO_DEFAULT_LIMIT;
    if (!read_number("--threshold", o[OPT_THRESHOLD].value, 0.0, 1.0, &so.threshold) ||
        !read_number("--limit", o[OPT_LIMIT].value, 1.0, 10000.0, &limit))
        return CLI_USAGE;
    so.limit = (size_t)limit;
    int rc = CLI_OK;
    embargo_index *ix = cli_open_index(opts, &rc);
    if (!ix) return rc;
    embargo_results *r = embargo_results_new();
    embargo_status status = r ? embargo_search(ix, &q, &so, r) : EMBARGO_ENOMEM;
    if (status != EMBARGO_OK) {
        cli_error("search failed: %s", r ? embargo_results_error(r) : "out of memory");
        rc = status == EMBARGO_EINVAL ? CLI_USAGE : CLI_INTERNAL;
    } else if (opts->json) {
        print_json(&q, r);
    } else {
        for (size_t i = 0; i < embargo_results_count(r); i++) hit_write_text(embargo_results_hit(r, i), stdout);
        if (embargo_results_count(r) == 0) printf("no listed party scores %.2f or more for \"%s\"\n",
                                                  so.threshold >= 0 ? so.threshold : EMBARGO_DEFAULT_THRESHOLD, q.name);
    }
    if (status == EMBARGO_OK && embargo_results_count(r) == 0) rc = CLI_NOTHING;
    embargo_results_free(r);
    embargo_index_close(ix);
    return rc;
}
