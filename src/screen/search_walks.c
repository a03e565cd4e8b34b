/*
 * search_walks.c - a per-results cache of what a query word's probe walks
 * (search.c, probe_own and probe_joined): the vocabulary entries its keys
 * reach and pass the word test, each with the level it was walked at, in
 * walking order. A probe's walks depend on the word alone (its spelling,
 * alternates and keys, or two words joined), never on the rest of the
 * query, so a word met again, as in a document scan's overlapping windows
 * of one run of capitalized words, replays them into the candidate walk
 * instead of hashing a dozen keys and testing each word they lead to.
 *
 * Direct-mapped, like search_reach.c: a slot holds the word's key bytes (so
 * an answer is exact, never a hash collision's) and the serial of the index
 * it was asked of; a collision only costs probing again. A probe walking
 * more than SEARCH_WALKS_MAX entries is not kept (it is probed each time).
 */
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"
#include "index/keys.h"
#include "screen/search_int.h"

#define WALK_SLOTS 4096u /* a power of two */

typedef struct {
    uint64_t serial;          /* the index's serial (index_int.h); 0: empty */
    uint16_t key_len;
    uint16_t n;
    char key[SEARCH_WALKS_KEY_MAX];
    uint32_t walk[SEARCH_WALKS_MAX];
} walk_slot;

struct search_walks {
    walk_slot slot[WALK_SLOTS];
};

search_walks *search_walks_new(void) {
    return calloc(1, sizeof(search_walks));
}

void search_walks_free(search_walks *c) {
    free(c);
}

static walk_slot *slot_of(search_walks *c, const char *key, size_t len) {
    return &c->slot[key_hash('w', key, len) & (WALK_SLOTS - 1)];
}

const uint32_t *search_walks_get(search_walks *c, const embargo_index *ix, const char *key, size_t len, size_t *n) {
    if (!c || len > SEARCH_WALKS_KEY_MAX) return NULL;
    const walk_slot *s = slot_of(c, key, len);
    if (s->serial != ix->serial || s->key_len != len || memcmp(s->key, key, len) != 0) return NULL;
    *n = s->n;
    return s->walk;
}

void search_walks_put(search_walks *c, const embargo_index *ix, const char *key, size_t len, const uint32_t *walk,
                      size_t n) {
    if (!c || len > SEARCH_WALKS_KEY_MAX || n > SEARCH_WALKS_MAX) return;
    walk_slot *s = slot_of(c, key, len);
    s->serial = ix->serial;
    s->key_len = (uint16_t)len;
    s->n = (uint16_t)n;
    memcpy(s->key, key, len);
    memcpy(s->walk, walk, n * sizeof *walk);
}
