/*
 * arena.c - bump allocation in chained blocks. Large requests get a block of
 * their own so that a 10 MB remarks field does not waste a normal block.
 */
#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

/* Blocks start small (a draft entity needs little) and double up to the max. */
#define ARENA_FIRST_BLOCK 512u
#define ARENA_BLOCK_SIZE (256u * 1024u)
#define ARENA_ALIGN 16u

struct arena_block {
    arena_block *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

void arena_init(arena *a) {
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void arena_free(arena *a) {
    arena_block *block = a->head;
    while (block) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    arena_init(a);
}

static arena_block *arena_block_new(size_t size, arena_block *next) {
    arena_block *block = malloc(sizeof *block + size);
    if (!block) return NULL;
    block->next = next;
    block->size = size;
    return block;
}

void *arena_alloc(arena *a, size_t size) {
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0) need = ARENA_ALIGN;
    if (need > ARENA_BLOCK_SIZE / 4 && a->head) {
        /* Own block, chained behind the head so the head keeps filling. */
        arena_block *big = arena_block_new(need, a->head->next);
        if (!big) return NULL;
        a->head->next = big;
        a->total += need;
        return big->data;
    }
    if (!a->head || a->used + need > a->head->size) {
        size_t block_size = a->head ? a->head->size * 2 : ARENA_FIRST_BLOCK;
        if (block_size > ARENA_BLOCK_SIZE) block_size = ARENA_BLOCK_SIZE;
        while (block_size < need) block_size *= 2;
        arena_block *block = arena_block_new(block_size, a->head);
        if (!block) return NULL;
        a->head = block;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += need;
    a->total += need;
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len) {
    char *copy = arena_alloc(a, len + 1);
    if (!copy) return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *arena_strdup(arena *a, const char *s) {
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_memdup(arena *a, const void *p, size_t n, size_t size) {
    if (n == 0) return NULL;
    void *copy = arena_alloc(a, n * size);
    if (copy) memcpy(copy, p, n * size);
    return copy;
}
