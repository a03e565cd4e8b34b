/*
 * party_search.h - one search on behalf of a request, and its JSON pieces,
 * shared by the native, yente and Watchman handlers.
 */
#ifndef EMBARGO_SERVER_PARTY_SEARCH_H
#define EMBARGO_SERVER_PARTY_SEARCH_H

#include "server/server_int.h"

/*
 * Searches REQ's dataset for Q on this thread's results and sets *OUT to
 * them (valid until this thread's next search). Returns an HTTP status:
 * 200, 400 for an unusable name, 500; ERR says why when not 200.
 */
int party_search(request *req, const embargo_query *q, const embargo_search_options *options,
               const embargo_results **out, char *err, size_t err_size);
/* The hits of R as a new JSON array (hit_to_json each), or NULL on OOM. */
json_t *hits_to_json(const embargo_results *r);
/* Q as a JSON object of the fields it gives. */
json_t *query_to_json(const embargo_query *q);

#endif
