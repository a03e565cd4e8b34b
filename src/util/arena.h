/*
 * arena.h - a bump allocator for data that lives as long as its owner.
 *
 * The store keeps every entity string and array in one arena and frees them
 * all at once; nothing in an arena is freed piecemeal.
 */
#ifndef EMBARGO_ARENA_H
#define EMBARGO_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct {
    arena_block *head;   /* block being filled; older blocks chained behind */
    size_t used;         /* bytes used in head */
    size_t total;        /* bytes handed out, for memory reports */
} arena;

void arena_init(arena *a);
/* Frees every block. The arena can be used again after arena_init. */
void arena_free(arena *a);
/* SIZE bytes aligned for any type, or NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* A copy of LEN bytes of S with a NUL after them, or NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);
/* A copy of S, or NULL when S is NULL or out of memory. */
char *arena_strdup(arena *a, const char *s);
/* A copy of N elements of SIZE bytes at P, or NULL when N is 0. */
void *arena_memdup(arena *a, const void *p, size_t n, size_t size);

#endif
