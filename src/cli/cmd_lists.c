/*
 * cmd_lists.c - `embargo lists`: each loaded source with its publication
 * date, its entities counted by kind and by regime, and what was skipped.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

#define LISTS_MAX_REGIMES 64

typedef struct {
    const char *regime;
    size_t count;
} regime_count;

/* Counts SOURCE's entities per regime (an entity counts once per regime). */
static size_t count_regimes(const embargo_store *store, const embargo_source *source,
                            regime_count *counts) {
    size_t n = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (strcmp(e->source, source->name) != 0) continue;
        for (size_t p = 0; p < e->n_programs; p++) {
            const char *regime = e->programs[p].regime;
            bool seen = false;
            for (size_t q = 0; q < p; q++) seen = seen || strcmp(e->programs[q].regime, regime) == 0;
            if (seen) continue;
            size_t k = 0;
            while (k < n && strcmp(counts[k].regime, regime) != 0) k++;
            if (k == n && n < LISTS_MAX_REGIMES) counts[n++] = (regime_count){regime, 0};
            if (k < n) counts[k].count++;
        }
    }
    return n;
}

static json_t *source_json(const embargo_store *store, const embargo_source *s) {
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(o, "format", json_string(s->format));
    json_object_set_new(o, "authority", json_string(s->authority));
    json_object_set_new(o, "path", json_string(s->path));
    json_object_set_new(o, "published", s->published ? json_string(s->published) : json_null());
    json_object_set_new(o, "entities", json_integer((json_int_t)s->n_entities));
    json_t *kinds = json_object();
    for (int k = 0; k < EMBARGO_KIND_COUNT; k++)
        if (s->n_by_kind[k]) json_object_set_new(kinds, embargo_kind_name(k), json_integer((json_int_t)s->n_by_kind[k]));
    json_object_set_new(o, "kinds", kinds);
    regime_count counts[LISTS_MAX_REGIMES];
    size_t n = count_regimes(store, s, counts);
    json_t *regimes = json_object();
    for (size_t i = 0; i < n; i++) json_object_set_new(regimes, counts[i].regime, json_integer((json_int_t)counts[i].count));
    json_object_set_new(o, "regimes", regimes);
    json_object_set_new(o, "skipped", json_integer((json_int_t)s->n_skipped));
    json_object_set_new(o, "warnings", json_integer((json_int_t)s->n_warnings));
    return o;
}

static void source_text(const embargo_store *store, const embargo_source *s) {
    printf("%s\t%s, %s\n", s->name, s->authority, s->format);
    printf("  file       %s\n", s->path);
    printf("  published  %s\n", s->published ? s->published : "not stated in the file");
    printf("  entities   %zu:", s->n_entities);
    for (int k = 0; k < EMBARGO_KIND_COUNT; k++)
        if (s->n_by_kind[k]) printf(" %zu %s", s->n_by_kind[k], embargo_kind_name(k));
    printf("\n");
    regime_count counts[LISTS_MAX_REGIMES];
    size_t n = count_regimes(store, s, counts);
    if (n) {
        printf("  regimes   ");
        for (size_t i = 0; i < n; i++) printf(" %s %zu", counts[i].regime, counts[i].count);
        printf("\n");
    }
    if (s->n_skipped || s->n_warnings)
        printf("  problems   %zu records skipped, %zu fields unreadable\n", s->n_skipped, s->n_warnings);
}

int cmd_lists(cli_opts *opts) {
    if (opts->n_args > 0) {
        cli_error("lists takes no arguments (got '%s')", opts->args[0]);
        return CLI_USAGE;
    }
    int rc = CLI_OK;
    clock_t start = clock();
    embargo_store *store = cli_load_store(opts, &rc);
    if (!store) return rc;
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    size_t n_sources = embargo_store_source_count(store);
    if (opts->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n_sources; i++)
            json_array_append_new(arr, source_json(store, embargo_store_source(store, i)));
        json_t *o = json_pack("{s:o, s:I}", "sources", arr, "entities", (json_int_t)embargo_store_count(store));
        json_dumpf(o, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(o);
    } else {
        for (size_t i = 0; i < n_sources; i++) source_text(store, embargo_store_source(store, i));
        printf("%zu entities from %zu sources, loaded in %.2f s of CPU\n",
               embargo_store_count(store), n_sources, seconds);
    }
    embargo_store_destroy(store);
    return rc;
}
