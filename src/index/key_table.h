/*
 * key_table.h - the index's key table: each retrieval key (keys.h) to the
 * ids filed under it, as open addressing over eight-byte slots (idx_key in
 * index_int.h) and a section of id lists.
 *
 * A slot keeps only the key's upper half; the lower bits chose its home
 * slot. Two keys that a lookup could not tell apart (the same upper half
 * on one probe path) share a slot and the union of their ids. Callers
 * either score what they find (an extra candidate costs time, never a
 * wrong answer) or check the text (index_word_df).
 */
#ifndef EMBARGO_KEY_TABLE_H
#define EMBARGO_KEY_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* A slot; ids is 0 in an empty one. */
typedef struct {
    uint32_t check;              /* index_key_check of the key */
    uint32_t ids;                /* IDX_KEY_ONE | id: the one id; else the offset in the lists of a count and the ids */
} idx_key;

#define IDX_KEY_ONE 0x80000000u  /* ids (vocabulary or entity) stay below it */

/* The CHECK of KEY: its upper half (key 0 is filed as 1). */
static inline uint32_t index_key_check(uint64_t key) {
    return (uint32_t)((key ? key : 1) >> 32);
}

typedef struct {
    uint64_t hash;
    uint32_t id;
} key_pair;

/* A mapped key table: CAP slots (a power of two) and N_LISTS words of id lists. */
typedef struct {
    const idx_key *slots;
    size_t cap;
    const uint32_t *lists;
    uint64_t n_lists;
} key_table;

/*
 * Lays out the N PAIRS (sorted in place) as a table: returns its slots
 * (malloc'd; *CAP of them) and appends the id lists to LISTS, or NULL when
 * out of memory or an id reaches IDX_KEY_ONE.
 */
idx_key *key_table_build(key_pair *pairs, size_t n, size_t *cap, buf *lists);

/*
 * The ids in slot K (*N of them; ONE holds the id when there is only one),
 * or NULL with *N = 0 when the slot is empty or its list lies outside T.
 */
const uint32_t *key_table_slot_ids(const key_table *t, const idx_key *k, uint32_t *n, uint32_t *one);

/* The ids filed under KEY, or NULL with *N = 0; ONE is room for a single id. */
const uint32_t *key_table_lookup(const key_table *t, uint64_t key, uint32_t *n, uint32_t *one);

#endif
