/*
 * cindex_int.h - the customer index's arrays, shared by the builder and
 * searcher (cindex.c) and the stored form (cindex_file.c). Every array is a
 * flat run of fixed-size records with no pointers, so the same struct
 * points either at arrays the builder allocated (OWNED) or into the
 * sections of a mapped file: opening a stored index costs no copy.
 */
#ifndef EMBARGO_HISTORY_CINDEX_INT_H
#define EMBARGO_HISTORY_CINDEX_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "history/cindex.h"
#include "index/mapfile.h"

#define CX_PAIR 0x80000000u          /* ref: a joined pair, not a token */
#define CX_WEAK 0x40000000u          /* ref: found through a phonetic or skeleton key */
#define CX_ID_MASK 0x3fffffffu
#define CX_NONE UINT32_MAX

/*
 * One filed key: the high 32 bits of a retrieval key (keys.h) and what it
 * finds. Two keys sharing their high half find each other's customers too:
 * that only adds candidates (the bound is an upper one and the search
 * decides), and halves the table (8 bytes an entry instead of 16).
 */
typedef struct {
    uint32_t key;
    uint32_t ref;                /* a token id, or CX_PAIR | a pair id; CX_WEAK for a fuzzy key */
} cx_key;

struct cindex {
    size_t n_customers, n_pos, n_tokens, n_pairs, n_keys, n_text;
    uint32_t *first;             /* n_customers + 1 offsets into pos_token and pos_pair */
    uint32_t *pos_token;         /* token id at each position */
    uint32_t *pos_pair;          /* pair id of a position and the next, or CX_NONE */
    uint32_t *tok_text;          /* per token, the offset of its text in text[] */
    uint16_t *tok_flags;         /* per token, TEXT_TOK_* */
    char *text;                  /* n_text bytes: the token texts, each NUL-ended */
    uint32_t *tok_first, *tok_cust;   /* customers holding each token (n_tokens + 1 offsets) */
    uint32_t *pair_first, *pair_cust; /* customers holding each pair (n_pairs + 1 offsets) */
    cx_key *keys;                /* n_keys, sorted by key */
    bool owned;                  /* the arrays are the builder's (free them), else in FILE */
    mapfile file;                /* the mapped file, when opened from one */
};

#endif
