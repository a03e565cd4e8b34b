/*
 * strmap.c - linear probing at load factor at most 1/2; FNV-1a hashing.
 */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

void strmap_init(strmap *m) {
    memset(m, 0, sizeof *m);
}

void strmap_free(strmap *m) {
    free(m->keys);
    free(m->values);
    strmap_init(m);
}

uint64_t strmap_hash(const char *s, size_t len) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static size_t strmap_slot(const char **keys, size_t cap, const char *key) {
    size_t i = (size_t)strmap_hash(key, strlen(key)) & (cap - 1);
    while (keys[i] && strcmp(keys[i], key) != 0) i = (i + 1) & (cap - 1);
    return i;
}

static bool strmap_grow(strmap *m) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    const char **keys = calloc(cap, sizeof *keys);
    size_t *values = calloc(cap, sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t slot = strmap_slot(keys, cap, m->keys[i]);
        keys[slot] = m->keys[i];
        values[slot] = m->values[i];
    }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->cap = cap;
    return true;
}

bool strmap_put(strmap *m, const char *key, size_t value) {
    if ((m->count + 1) * 2 > m->cap && !strmap_grow(m)) return false;
    size_t slot = strmap_slot(m->keys, m->cap, key);
    if (!m->keys[slot]) {
        m->keys[slot] = key;
        m->count++;
    }
    m->values[slot] = value;
    return true;
}

bool strmap_get(const strmap *m, const char *key, size_t *value) {
    if (m->cap == 0) return false;
    size_t slot = strmap_slot(m->keys, m->cap, key);
    if (!m->keys[slot]) return false;
    if (value) *value = m->values[slot];
    return true;
}
