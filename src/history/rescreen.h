/*
 * rescreen.h - screening a customer base again after the lists changed,
 * against the added and changed entities only.
 *
 * The incremental way searches an index where only the changed entities
 * can be found but every word keeps its weight over the whole lists
 * (embargo_index_build_memory_subset), so each customer's hits among the
 * changed entities, and their scores, are those a full rescreen finds; the
 * full way searches the whole index and keeps the hits on changed entities.
 * Both run on every core and give hits sorted by party then entity. With
 * a customer index (cindex.h) the incremental way searches only the
 * customers whose names share a key with a changed entity's words and
 * whose score bound reaches the threshold.
 */
#ifndef EMBARGO_HISTORY_RESCREEN_H
#define EMBARGO_HISTORY_RESCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "embargo/search.h"
#include "history/cindex.h"
#include "util/buf.h"

#define RESCREEN_LIMIT 1000       /* hits kept per party: far above any real count, so none is cut */

/* A set of entity ids (sorted copies). */
typedef struct {
    char **ids;
    size_t n;
} rescreen_set;

/* The ids in NEW_HASHES (id -> hash) absent from OLD_HASHES or with another hash. */
bool rescreen_changed(json_t *old_hashes, json_t *new_hashes, rescreen_set *out);
/* A set from N ids (copied). */
bool rescreen_set_from(const char *const *ids, size_t n, rescreen_set *out);
bool rescreen_set_has(const rescreen_set *set, const char *id);
void rescreen_set_free(rescreen_set *set);
/* embargo_keep_fn over a rescreen_set. */
int rescreen_keep(const embargo_entity *entity, void *set);

typedef struct {
    uint32_t party;               /* index of the query */
    char entity[64];
    double score;
} rescreen_hit;

typedef struct {
    rescreen_hit *items;
    size_t n, cap;
} rescreen_hits;

/*
 * Searches IX for each of the N QUERIES (threshold THRESHOLD, THREADS
 * threads), keeping the hits on entities in ONLY (NULL: all). Hits go to
 * OUT sorted by party, entity. EMBARGO_ENOMEM on failure; a query that
 * cannot be searched (no letters) gives no hits.
 */
embargo_status rescreen_run(const embargo_index *ix, const embargo_query *queries, size_t n, double threshold,
                            const rescreen_set *only, int threads, rescreen_hits *out);
/* As rescreen_run, for the N queries whose indexes are PARTIES (ascending). */
embargo_status rescreen_run_parties(const embargo_index *ix, const embargo_query *queries, const uint32_t *parties,
                                    size_t n, double threshold, const rescreen_set *only, int threads,
                                    rescreen_hits *out);
/*
 * The incremental rescreen through the customer index CX of the N QUERIES:
 * IX is the index where only the changed entities can be found; only the
 * customers cindex_candidates keeps are searched (their count into
 * *N_SEARCHED when not NULL), and only hits on CHANGED are kept: at a
 * threshold low enough for the search to score every name, IX's other
 * names are scored too. The same hits as rescreen_run on the whole index
 * kept to CHANGED; EMBARGO_ENOMEM or EMBARGO_EINVAL on failure.
 */
embargo_status rescreen_incremental(const cindex *cx, const embargo_index *ix, const embargo_query *queries, size_t n,
                                    double threshold, const rescreen_set *changed, int threads, rescreen_hits *out,
                                    size_t *n_searched);
void rescreen_hits_free(rescreen_hits *hits);

/*
 * The changed-entity index stored by `embargo update` in the new version's
 * folder: DATA/versions/CURRENT/changed-since-SINCE.idx (into OUT), the
 * index of embargo_index_build_memory_subset for the entities added or
 * changed since SINCE, so that rescreen maps it instead of loading the
 * lists and building it.
 */
const char *rescreen_changed_index_path(const char *data, const char *current, const char *since, buf *out);
/* Builds that index for the entities of CHANGED in STORE and writes it to PATH (atomically). */
embargo_status rescreen_changed_index_write(const embargo_store *store, const rescreen_set *changed, const char *path,
                                            buf *err);

#endif
