/*
 * strmap.h - a hash map from strings to size_t values (open addressing).
 *
 * Keys are not copied: the caller keeps each key alive as long as the map
 * (the store's keys live in its arena).
 */
#ifndef EMBARGO_STRMAP_H
#define EMBARGO_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char **keys;   /* NULL marks an empty slot */
    size_t *values;
    size_t cap;          /* a power of two, or 0 */
    size_t count;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* Sets KEY to VALUE, replacing an old value. False when out of memory. */
bool strmap_put(strmap *m, const char *key, size_t value);
/* True and *VALUE set when KEY is present. */
bool strmap_get(const strmap *m, const char *key, size_t *value);
uint64_t strmap_hash(const char *s, size_t len);

#endif
