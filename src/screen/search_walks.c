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
 * A slot of a direct-mapped table points to the word's key bytes and walks
 * in a ring of bytes written in turn: most words walk one or two entries,
 * a few dozens, and the ring holds each in the room it needs. A slot holds
 * where its bytes were written, counted from the ring's start, so a slot
 * whose bytes the ring has since written over is told stale by arithmetic.
 * An answer is exact (the key bytes are compared, never a hash collision's;
 * the index's serial too); a collision or an overwrite only costs probing
 * again. A probe walking more than SEARCH_WALKS_MAX entries is not kept.
 */
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"
#include "index/keys.h"
#include "screen/search_int.h"

#define WALK_SLOTS 16384u           /* a power of two */
#define WALK_RING (1u << 20)        /* bytes of keys and walks */

typedef struct {
    uint64_t serial;                /* the index's serial (index_int.h); 0: empty */
    uint64_t at;                    /* where its bytes begin, counted from the ring's first byte ever written */
    uint16_t key_len, n;
} walk_slot;

struct search_walks {
    walk_slot slot[WALK_SLOTS];
    uint64_t head;                  /* bytes written to the ring so far */
    unsigned char ring[WALK_RING];
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

/* An entry's bytes: its key, padded to four bytes, then its walks. */
static size_t entry_size(size_t key_len, size_t n) {
    return ((key_len + 3) & ~(size_t)3) + n * sizeof(uint32_t);
}

const uint32_t *search_walks_get(search_walks *c, const embargo_index *ix, const char *key, size_t len, size_t *n) {
    if (!c || len > SEARCH_WALKS_KEY_MAX) return NULL;
    const walk_slot *s = slot_of(c, key, len);
    if (s->serial != ix->serial || s->key_len != len || c->head - s->at > WALK_RING) return NULL; /* written over */
    const unsigned char *bytes = c->ring + s->at % WALK_RING;
    if (memcmp(bytes, key, len) != 0) return NULL;
    *n = s->n;
    return (const uint32_t *)(const void *)(bytes + entry_size(len, 0));
}

void search_walks_put(search_walks *c, const embargo_index *ix, const char *key, size_t len, const uint32_t *walk,
                      size_t n) {
    if (!c || len > SEARCH_WALKS_KEY_MAX || n > SEARCH_WALKS_MAX) return;
    size_t size = entry_size(len, n);
    if (c->head % WALK_RING + size > WALK_RING) c->head += WALK_RING - c->head % WALK_RING; /* never across the end */
    walk_slot *s = slot_of(c, key, len);
    *s = (walk_slot){ix->serial, c->head, (uint16_t)len, (uint16_t)n};
    unsigned char *bytes = c->ring + c->head % WALK_RING;
    memcpy(bytes, key, len);
    memcpy(bytes + entry_size(len, 0), walk, n * sizeof *walk);
    c->head += size;
}
