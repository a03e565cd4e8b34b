/*
 * cindex.h - the customer index: a customer base turned inside out, so that
 * a rescreen after a small list change looks up the changed entities' keys
 * among the customers' instead of every customer's keys among the lists'.
 *
 * Built once per customer base: each customer name is prepared as a query
 * (text pipeline, tokens), its distinct tokens and joined token pairs are
 * numbered, and every retrieval key a search would look up for them
 * (keys.h: spellings, deletion variants, phonetic and skeleton keys) is
 * filed in one sorted table, along with which customers hold each token and
 * pair.
 *
 * Given an index where only the changed entities can be found
 * (embargo_index_build_memory_subset), cindex_candidates walks the keys of
 * the words those entities hold, finds the customer tokens and pairs filed
 * under them, and for each customer holding one bounds its score with the
 * same exact bound as the search (screen/search.c): what the found tokens
 * prove at most, plus every token the search may leave unlooked-up. A
 * customer is kept when a bound reaches the threshold, when the search would
 * score every name (low threshold after the date and country evidence), or
 * when its identifier belongs to a changed entity. Searching only the kept
 * customers therefore gives every hit that searching all of them gives.
 */
#ifndef EMBARGO_HISTORY_CINDEX_H
#define EMBARGO_HISTORY_CINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "embargo/search.h"

typedef struct cindex cindex;

/*
 * Builds the index of the N customers QUERIES (their names; the other
 * fields are read again by cindex_candidates). NULL when out of memory.
 * The caller frees it with cindex_free; QUERIES need not outlive it.
 */
cindex *cindex_build(const embargo_query *queries, size_t n);
void cindex_free(cindex *cx);

/* Customers, distinct tokens, distinct joined pairs, keys filed, bytes held. */
typedef struct {
    size_t customers, tokens, pairs, keys, bytes;
} cindex_stats;
void cindex_get_stats(const cindex *cx, cindex_stats *out);

/*
 * The customers (indexes into QUERIES, the same N queries CX was built
 * from) that may have a hit at THRESHOLD in IX, an index where only the
 * changed entities can be found: a superset of those that have one, in
 * ascending order, into *PARTIES (caller frees) and *N_PARTIES.
 * EMBARGO_ENOMEM or EMBARGO_EINVAL (N differs from the build) on failure.
 */
embargo_status cindex_candidates(const cindex *cx, const embargo_index *ix, const embargo_query *queries, size_t n,
                                 double threshold, uint32_t **parties, size_t *n_parties);

#endif
