/*
 * fuzz_search.c - libFuzzer target: one query through embargo_search over
 * the index of data/sample, built once in LLVMFuzzerInitialize (the folder
 * is found from this file's path, __FILE__). The input is split at NUL bytes
 * into name, date of birth, country and identifier; its last byte, when the
 * input has four fields, picks the kind, the gender and exhaustive mode.
 * Every hit is read whole, so a bad pointer in an explanation shows. Seeds:
 * fuzz/corpus/search/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/embargo.h"
#include "embargo/search.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_FIELDS 4

static embargo_index *index_;
static embargo_results *results;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", __FILE__);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    else snprintf(dir, sizeof dir, ".");
    strncat(dir, "/../data/sample", sizeof dir - strlen(dir) - 1);
    embargo_store *store = embargo_store_new();
    if (!store || embargo_store_load_path(store, dir) != EMBARGO_OK || embargo_store_count(store) == 0) {
        fprintf(stderr, "fuzz_search: cannot load %s: %s\n", dir, store ? embargo_store_error(store) : "no memory");
        abort();
    }
    char err[512];
    if (embargo_index_build_memory(store, &index_, err, sizeof err) != EMBARGO_OK) {
        fprintf(stderr, "fuzz_search: index: %s\n", err);
        abort();
    }
    embargo_store_destroy(store);
    results = embargo_results_new();
    if (!results) abort();
    return 0;
}

/* Touches every string of HIT so that a dangling pointer is caught. */
static size_t read_hit(const embargo_hit *h) {
    size_t n = strlen(h->entity_id) + strlen(h->entity_name) + strlen(h->matched_name) +
               strlen(h->matched_quality) + strlen(h->regimes);
    if (h->score < 0.0 || h->score > 1.0 || h->n_pairs > EMBARGO_MAX_PAIRS) abort();
    for (size_t k = 0; k < h->n_pairs; k++)
        n += strlen(h->pairs[k].query) + strlen(h->pairs[k].listed) + strlen(h->pairs[k].how);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *copy = malloc(size + 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    const char *field[FUZZ_FIELDS] = {copy, NULL, NULL, NULL};
    size_t n_fields = 1;
    for (size_t i = 0; i < size && n_fields < FUZZ_FIELDS; i++)
        if (copy[i] == '\0') field[n_fields++] = copy + i + 1;
    unsigned flags = n_fields == FUZZ_FIELDS && size ? data[size - 1] : 0;
    embargo_query q = {field[0], (embargo_kind)(flags % EMBARGO_KIND_COUNT), field[1], field[2], field[3],
                       (embargo_gender)((flags >> 3) % 3)};
    embargo_search_options so = {-1.0, 0, (flags >> 5) & 1, 0};
    if (flags & 0x40) so.threshold = 0.0; /* every name that scores at all */
    embargo_status status = embargo_search(index_, &q, &so, results);
    if (status == EMBARGO_OK) {
        size_t sum = 0;
        for (size_t i = 0; i < embargo_results_count(results); i++) sum += read_hit(embargo_results_hit(results, i));
        if (embargo_results_count(results) > EMBARGO_DEFAULT_LIMIT) abort();
        (void)sum;
    } else if (status != EMBARGO_EINVAL || !embargo_results_error(results)[0]) {
        abort();
    }
    embargo_hit hit;
    if (field[1]) embargo_compare(field[0], field[1], EMBARGO_KIND_UNKNOWN, &hit);
    free(copy);
    return 0;
}
