/*
 * key_table.c - building and reading the index's key table (key_table.h).
 */
#include "index/key_table.h"

#include <stdlib.h>
#include <string.h>

static int key_pair_cmp(const void *pa, const void *pb) {
    const key_pair *a = pa, *b = pb;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

static int id_cmp(const void *pa, const void *pb) {
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

/*
 * The slot for a key HASH: the first free one from its home, or an earlier
 * one on the way holding the same check, which the two then share.
 */
static size_t place_key(idx_key *table, size_t cap, uint64_t hash) {
    hash = hash ? hash : 1;   /* as key_table_lookup reads it */
    uint32_t check = index_key_check(hash);
    size_t slot = (size_t)hash & (cap - 1);
    while (table[slot].ids && table[slot].check != check) slot = (slot + 1) & (cap - 1);
    table[slot].check = check;
    table[slot].ids = 1;   /* taken; file_slot_ids writes the real value */
    return slot;
}

/* Files the N ids of slot K (sorted, repeats dropped): in the slot itself when there is one, else in LISTS. */
static bool file_slot_ids(idx_key *k, uint32_t *ids, size_t n, buf *lists) {
    qsort(ids, n, sizeof *ids, id_cmp);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || ids[i] != ids[distinct - 1]) ids[distinct++] = ids[i];
    if (ids[distinct - 1] >= IDX_KEY_ONE) return false;
    if (distinct == 1) {
        k->ids = IDX_KEY_ONE | ids[0];
        return true;
    }
    k->ids = (uint32_t)(lists->len / sizeof(uint32_t));
    uint32_t count = (uint32_t)distinct;
    buf_append(lists, (const char *)&count, sizeof count);
    buf_append(lists, (const char *)ids, distinct * sizeof *ids);
    return k->ids < IDX_KEY_ONE;
}

/* Places each distinct key of the sorted PAIRS; SLOT_OF gets each pair's slot, COUNT (cap + 1) the ids per slot. */
static void place_keys(idx_key *table, size_t cap, const key_pair *pairs, size_t n, uint32_t *slot_of,
                       uint32_t *count) {
    for (size_t i = 0; i < n; i++) {
        bool new_key = i == 0 || pairs[i].hash != pairs[i - 1].hash;
        slot_of[i] = new_key ? (uint32_t)place_key(table, cap, pairs[i].hash) : slot_of[i - 1];
        count[slot_of[i] + 1]++;
    }
}

/*
 * The ids are gathered by slot with a counting sort, then filed. The lists
 * start after one unused word, so that an offset is never 0, the mark of an
 * empty slot.
 */
idx_key *key_table_build(key_pair *pairs, size_t n, size_t *cap_out, buf *lists) {
    qsort(pairs, n, sizeof *pairs, key_pair_cmp);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || pairs[i].hash != pairs[i - 1].hash) distinct++;
    size_t cap = 16;
    while (cap < distinct + distinct / 3) cap *= 2;   /* load at most 3/4: short probe paths */
    idx_key *table = calloc(cap, sizeof *table);
    uint32_t *slot_of = malloc((n ? n : 1) * sizeof *slot_of);
    uint32_t *start = calloc(cap + 1, sizeof *start);   /* per slot: where its ids begin in BY_SLOT */
    uint32_t *fill = malloc(cap * sizeof *fill);
    uint32_t *by_slot = malloc((n ? n : 1) * sizeof *by_slot);
    uint32_t unused = 0;
    bool ok = table && slot_of && start && fill && by_slot && buf_append(lists, (const char *)&unused, sizeof unused);
    if (ok) {
        place_keys(table, cap, pairs, n, slot_of, start);
        for (size_t s = 0; s < cap; s++) start[s + 1] += start[s];
        memcpy(fill, start, cap * sizeof *fill);
        for (size_t i = 0; i < n; i++) by_slot[fill[slot_of[i]]++] = pairs[i].id;
    }
    for (size_t s = 0; ok && s < cap; s++)
        if (table[s].ids) ok = file_slot_ids(&table[s], by_slot + start[s], start[s + 1] - start[s], lists);
    free(slot_of);
    free(start);
    free(fill);
    free(by_slot);
    if (!ok) {
        free(table);
        return NULL;
    }
    *cap_out = cap;
    return table;
}

const uint32_t *key_table_slot_ids(const key_table *t, const idx_key *k, uint32_t *n, uint32_t *one) {
    *n = 0;
    if (k->ids == 0) return NULL;
    if (k->ids & IDX_KEY_ONE) {
        *one = k->ids & ~IDX_KEY_ONE;
        *n = 1;
        return one;
    }
    if (k->ids >= t->n_lists || t->lists[k->ids] > t->n_lists - k->ids - 1) return NULL; /* damaged */
    *n = t->lists[k->ids];
    return t->lists + k->ids + 1;
}

const uint32_t *key_table_lookup(const key_table *t, uint64_t key, uint32_t *n, uint32_t *one) {
    uint64_t hash = key ? key : 1;
    uint32_t check = index_key_check(hash);
    size_t mask = t->cap - 1;
    size_t slot = (size_t)hash & mask;
    for (size_t probes = 0; probes <= mask; probes++, slot = (slot + 1) & mask) {
        const idx_key *k = &t->slots[slot];
        if (k->ids == 0) break;
        if (k->check == check) return key_table_slot_ids(t, k, n, one);
    }
    *n = 0;
    return NULL;
}
