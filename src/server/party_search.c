/*
 * party_search.c - running one search for a handler: each worker thread
 * keeps its own embargo_results (scratch memory reused across requests,
 * freed when the thread ends), and hits become JSON at once, because a
 * hit's explanation lives in the results the next search overwrites.
 */
#include <stdlib.h>
#include <time.h>

#include "screen/hit_json.h"
#include "server/party_search.h"

double server_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

embargo_results *server_thread_results(server *srv) {
    embargo_results *r = pthread_getspecific(srv->results_key);
    if (r) return r;
    r = embargo_results_new();
    if (r && pthread_setspecific(srv->results_key, r) != 0) {
        embargo_results_free(r);
        r = NULL;
    }
    return r;
}

json_t *query_to_json(const embargo_query *q) {
    json_t *o = json_pack("{s:s}", "name", q->name);
    if (!o) return NULL;
    if (q->kind != EMBARGO_KIND_UNKNOWN) json_object_set_new(o, "kind", json_string(embargo_kind_name(q->kind)));
    if (q->dob) json_object_set_new(o, "dob", json_string(q->dob));
    if (q->country) json_object_set_new(o, "country", json_string(q->country));
    if (q->identifier) json_object_set_new(o, "identifier", json_string(q->identifier));
    if (q->gender != EMBARGO_GENDER_UNKNOWN) json_object_set_new(o, "gender", json_string(embargo_gender_name(q->gender)));
    return o;
}

int party_search(request *req, const embargo_query *q, const embargo_search_options *options,
               const embargo_results **out, char *err, size_t err_size) {
    embargo_results *r = server_thread_results(req->srv);
    if (!r) return snprintf(err, err_size, "out of memory"), 500;
    embargo_status status = embargo_search(req->data->index, q, options, r);
    atomic_fetch_add_explicit(&req->srv->metrics.parties_screened, 1, memory_order_relaxed);
    if (status == EMBARGO_EINVAL) return snprintf(err, err_size, "%s", embargo_results_error(r)), 400;
    if (status != EMBARGO_OK) return snprintf(err, err_size, "search failed: %s", embargo_results_error(r)), 500;
    *out = r;
    return 200;
}

json_t *hits_to_json(const embargo_results *r) {
    json_t *hits = json_array();
    for (size_t i = 0; hits && i < embargo_results_count(r); i++)
        json_array_append_new(hits, hit_to_json(embargo_results_hit(r, i)));
    return hits;
}
