/*
 * search_reach.c - a per-results cache of whether a query word's lookups
 * reach any listed word (search.c, reach_possible). A document scan asks
 * the same words again and again in overlapping windows; each answer costs
 * a dozen key lookups, a cached one a hash and a compare.
 *
 * Direct-mapped: a slot holds one word (its bytes, so the answer is exact,
 * never a hash collision's) and the serial of the index it was asked of (an
 * index reopened at the same address is another index); a collision only
 * costs asking the index again. Allocated on the first search that needs it.
 */
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"
#include "index/keys.h"
#include "screen/search_int.h"

#define REACH_SLOTS 4096u /* a power of two */

typedef struct {
    uint64_t serial;          /* the index's serial (index_int.h); 0: empty */
    uint8_t len;
    uint8_t joined;
    uint8_t reach;
    char word[TEXT_MAX_TOKEN_LEN];
} reach_slot;

struct search_reach {
    reach_slot slot[REACH_SLOTS];
};

search_reach *search_reach_new(void) {
    return calloc(1, sizeof(search_reach));
}

void search_reach_free(search_reach *c) {
    free(c);
}

static reach_slot *slot_of(search_reach *c, const char *word, size_t len, bool joined) {
    return &c->slot[key_hash(joined ? 'J' : 'W', word, len) & (REACH_SLOTS - 1)];
}

int search_reach_get(search_reach *c, const embargo_index *ix, const char *word, size_t len, bool joined) {
    if (!c || len > TEXT_MAX_TOKEN_LEN) return -1;
    const reach_slot *s = slot_of(c, word, len, joined);
    if (s->serial != ix->serial || s->len != len || s->joined != joined || memcmp(s->word, word, len) != 0) return -1;
    return s->reach;
}

void search_reach_put(search_reach *c, const embargo_index *ix, const char *word, size_t len, bool joined, bool reach) {
    if (!c || len > TEXT_MAX_TOKEN_LEN) return;
    reach_slot *s = slot_of(c, word, len, joined);
    s->serial = ix->serial;
    s->len = (uint8_t)len;
    s->joined = joined;
    s->reach = reach;
    memcpy(s->word, word, len);
}
