/*
 * fuzz_compare.c - libFuzzer target for embargo_compare, the scorer alone:
 * the first byte picks the kind, and the rest is split at its first NUL into
 * a query name and a listed name (no NUL: the name against itself). The
 * score and every share must stay within 0..1 and be numbers, and each pair's
 * strings must be readable. Seeds: fuzz/corpus/compare/ (names in Latin,
 * Hangul, Cyrillic, unvowelled Arabic and Han script, titles, legal forms).
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool in_unit(double x) {
    return !isnan(x) && x >= 0.0 && x <= 1.0;
}

static void check(const embargo_hit *hit) {
    if (!in_unit(hit->score) || !in_unit(hit->name_score) || !in_unit(hit->query_coverage) ||
        !in_unit(hit->listed_coverage) || hit->n_pairs > EMBARGO_MAX_PAIRS)
        abort();
    for (size_t i = 0; i < hit->n_pairs; i++) {
        const embargo_pair *p = &hit->pairs[i];
        if (!in_unit(p->similarity) || !in_unit(p->weight) || !*p->query || !*p->listed || !*p->how)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static embargo_hit hit;
    if (size == 0) return 0;
    embargo_kind kind = (embargo_kind)(data[0] % EMBARGO_KIND_COUNT);
    data++, size--;
    char *copy = malloc(size + 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    const char *listed = copy;
    size_t first = strlen(copy);
    if (first < size) listed = copy + first + 1;
    if (embargo_compare(copy, listed, kind, &hit) == EMBARGO_OK) check(&hit);
    free(copy);
    return 0;
}
