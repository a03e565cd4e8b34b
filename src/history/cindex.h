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
#include "util/buf.h"

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

/* ---- the stored index (cindex_file.c) ---- */

/* What the stored index is keyed by: the SHA-256 (hex) of the N customers' names in order. */
void cindex_base_hash(const embargo_query *queries, size_t n, char hex[65]);
/*
 * Writes CX, built from the base hashing to BASE_HASH, to PATH: to a temp
 * name, fsynced, renamed over PATH, and the folder fsynced, so a crash
 * leaves the old file or the new one. EMBARGO_EIO or ENOMEM with ERR.
 */
embargo_status cindex_save(const cindex *cx, const char *base_hash, const char *path, buf *err);
/*
 * Maps the index stored at PATH and checks it whole: checksum, every id and
 * offset, and that it was built from N customers whose names hash to
 * BASE_HASH, by this engine version and text pipeline. EMBARGO_ENOTFOUND
 * when there is no file; EMBARGO_EFORMAT when it is stale or damaged, with
 * ERR saying which. The mapping lives until cindex_free.
 */
embargo_status cindex_open(const char *path, const char *base_hash, size_t n, cindex **out, buf *err);

typedef enum {
    CINDEX_OPENED,               /* the stored index was used */
    CINDEX_BUILT,                /* built (none stored, or stale or damaged: NOTE says which) and stored */
    CINDEX_BUILT_UNSAVED         /* built, but could not be stored (NOTE says why) */
} cindex_origin;
/*
 * The index of the N customers QUERIES: the one stored at PATH when it is
 * theirs and sound, else a new one, stored at PATH (PATH NULL: build only).
 * Why a stored index was not used, or a new one not stored, goes to NOTE.
 * NULL when out of memory.
 */
cindex *cindex_load(const char *path, const embargo_query *queries, size_t n, cindex_origin *origin, buf *note);

#endif
