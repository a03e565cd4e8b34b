/*
 * rescreen.c - see rescreen.h. Threads take queries by an atomic counter
 * and collect hits in their own vectors, merged and sorted at the end.
 */
#include "history/rescreen.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history/vstore.h"
#include "index/index_int.h"

#define RESCREEN_MAX_THREADS 64

static int str_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool rescreen_set_from(const char *const *ids, size_t n, rescreen_set *out) {
    out->ids = calloc(n ? n : 1, sizeof *out->ids);
    out->n = 0;
    if (!out->ids) return false;
    for (size_t i = 0; i < n; i++) {
        if (!(out->ids[i] = strdup(ids[i]))) {
            rescreen_set_free(out);
            return false;
        }
        out->n++;
    }
    qsort(out->ids, out->n, sizeof *out->ids, str_cmp);
    return true;
}

bool rescreen_changed(json_t *old_hashes, json_t *new_hashes, rescreen_set *out) {
    size_t n = 0, cap = json_object_size(new_hashes);
    const char **ids = malloc((cap ? cap : 1) * sizeof *ids);
    if (!ids) return false;
    const char *id;
    json_t *hash;
    json_object_foreach(new_hashes, id, hash) {
        json_t *old = json_object_get(old_hashes, id);
        if (!old || !json_equal(old, hash)) ids[n++] = id;
    }
    bool ok = rescreen_set_from(ids, n, out);
    free(ids);
    return ok;
}

bool rescreen_set_has(const rescreen_set *set, const char *id) {
    return bsearch(&id, set->ids, set->n, sizeof *set->ids, str_cmp) != NULL;
}

void rescreen_set_free(rescreen_set *set) {
    for (size_t i = 0; i < set->n; i++) free(set->ids[i]);
    free(set->ids);
    memset(set, 0, sizeof *set);
}

int rescreen_keep(const embargo_entity *entity, void *set) {
    return rescreen_set_has(set, entity->id);
}

typedef struct {
    const embargo_index *ix;
    const embargo_query *queries;
    const uint32_t *parties;      /* the queries to search, NULL: all */
    size_t n;
    embargo_search_options so;
    const rescreen_set *only;
    atomic_size_t next;
} rescreen_job;

typedef struct {
    rescreen_job *job;
    rescreen_hits hits;
    bool failed;
} rescreen_worker;

static bool push_hit(rescreen_hits *h, uint32_t party, const embargo_hit *hit) {
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 256;
        rescreen_hit *p = realloc(h->items, cap * sizeof *p);
        if (!p) return false;
        h->items = p;
        h->cap = cap;
    }
    rescreen_hit *r = &h->items[h->n++];
    r->party = party;
    r->score = hit->score;
    snprintf(r->entity, sizeof r->entity, "%s", hit->entity_id);
    return true;
}

static void *work(void *arg) {
    rescreen_worker *w = arg;
    rescreen_job *job = w->job;
    embargo_results *r = embargo_results_new();
    if (!r) {
        w->failed = true;
        return NULL;
    }
    for (size_t next; !w->failed && (next = atomic_fetch_add(&job->next, 1)) < job->n;) {
        size_t i = job->parties ? job->parties[next] : next;
        if (embargo_search(job->ix, &job->queries[i], &job->so, r) != EMBARGO_OK) continue;
        for (size_t k = 0; k < embargo_results_count(r); k++) {
            const embargo_hit *hit = embargo_results_hit(r, k);
            if (job->only && !rescreen_set_has(job->only, hit->entity_id)) continue;
            if (!push_hit(&w->hits, (uint32_t)i, hit)) w->failed = true;
        }
    }
    embargo_results_free(r);
    return NULL;
}

static int hit_cmp(const void *pa, const void *pb) {
    const rescreen_hit *a = pa, *b = pb;
    if (a->party != b->party) return a->party < b->party ? -1 : 1;
    return strcmp(a->entity, b->entity);
}

embargo_status rescreen_run(const embargo_index *ix, const embargo_query *queries, size_t n, double threshold,
                            const rescreen_set *only, int threads, rescreen_hits *out) {
    return rescreen_run_parties(ix, queries, NULL, n, threshold, only, threads, out);
}

embargo_status rescreen_run_parties(const embargo_index *ix, const embargo_query *queries, const uint32_t *parties,
                                    size_t n, double threshold, const rescreen_set *only, int threads,
                                    rescreen_hits *out) {
    if (threads < 1) threads = 1;
    if (threads > RESCREEN_MAX_THREADS) threads = RESCREEN_MAX_THREADS;
    /* Every copy: hits are asked of given (changed) entities, which a copy elsewhere must not hide. */
    rescreen_job job = {ix, queries, parties, n, {threshold, RESCREEN_LIMIT, 0, 1}, only, 0};
    rescreen_worker w[RESCREEN_MAX_THREADS] = {{0}};
    pthread_t t[RESCREEN_MAX_THREADS];
    bool started[RESCREEN_MAX_THREADS] = {false};
    for (int i = 0; i < threads; i++) {
        w[i].job = &job;
        if (i) started[i] = pthread_create(&t[i], NULL, work, &w[i]) == 0;
    }
    work(&w[0]);
    bool ok = !w[0].failed;
    for (int i = 1; i < threads; i++) {
        if (started[i]) pthread_join(t[i], NULL);
        ok = ok && !w[i].failed;
    }
    for (int i = 0; i < threads; i++) {
        for (size_t k = 0; ok && k < w[i].hits.n; k++) {
            rescreen_hits *h = out;
            if (h->n == h->cap) {
                size_t cap = h->cap ? h->cap * 2 : 256;
                rescreen_hit *p = realloc(h->items, cap * sizeof *p);
                if (!p) {
                    ok = false;
                    break;
                }
                h->items = p, h->cap = cap;
            }
            h->items[h->n++] = w[i].hits.items[k];
        }
        free(w[i].hits.items);
    }
    if (out->n) qsort(out->items, out->n, sizeof *out->items, hit_cmp);
    return ok ? EMBARGO_OK : EMBARGO_ENOMEM;
}

embargo_status rescreen_incremental(const cindex *cx, const embargo_index *ix, const embargo_query *queries, size_t n,
                                    double threshold, const rescreen_set *changed, int threads, rescreen_hits *out,
                                    size_t *n_searched) {
    uint32_t *parties;
    size_t n_parties;
    embargo_status status = cindex_candidates(cx, ix, queries, n, threshold, &parties, &n_parties);
    if (status != EMBARGO_OK) return status;
    if (n_searched) *n_searched = n_parties;
    status = rescreen_run_parties(ix, queries, parties, n_parties, threshold, changed, threads, out);
    free(parties);
    return status;
}

void rescreen_hits_free(rescreen_hits *hits) {
    free(hits->items);
    memset(hits, 0, sizeof *hits);
}

const char *rescreen_changed_index_path(const char *data, const char *current, const char *since, buf *out) {
    char what[512];
    snprintf(what, sizeof what, "changed-since-%s.idx", since);
    return vstore_path(data, current, what, out);
}

embargo_status rescreen_changed_index_write(const embargo_store *store, const rescreen_set *changed, const char *path,
                                            buf *err) {
    mapfile_writer w;
    mapfile_writer_init(&w, INDEX_VERSION);
    embargo_status status = index_build_image(store, rescreen_keep, (void *)changed, &w, err);
    if (status == EMBARGO_OK) status = mapfile_write(&w, path, err);
    mapfile_writer_free(&w);
    return status;
}
