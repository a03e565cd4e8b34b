/*
 * server.h - the HTTP screening service behind `embargo serve`: what the
 * command configures, and starting, reloading and stopping the server.
 *
 * The server answers the native JSON API (/v1/...), the yente matching API
 * (/match/{dataset}), Moov Watchman's /v2/search, /healthz and /metrics on
 * libmicrohttpd with a thread pool of one thread per core. The lists it
 * serves form a "dataset" (the index, and the store when built from lists)
 * that a reload replaces atomically: requests in flight keep the one they
 * started with (see dataset.h). Everything a client sends is bounded by
 * server_limits; every limit answers a JSON error.
 */
#ifndef EMBARGO_SERVER_H
#define EMBARGO_SERVER_H

#include <stddef.h>
#include <stdio.h>

#include "embargo/status.h"

typedef struct {
    size_t max_body;              /* request body bytes (413 above) */
    size_t max_uri;               /* request line URI bytes (414 above) */
    size_t max_batch;             /* parties in one /v1/screen or /match request (413 above) */
    size_t max_hits;              /* hits per party a client may ask for (400 above) */
    unsigned max_connections;     /* open connections; more are answered 503 and closed */
    unsigned idle_timeout;        /* seconds a connection may stay silent (slow clients) */
    double max_request_seconds;   /* work per request; a batch past it answers 503 */
} server_limits;

/* The defaults: 1 MiB body, 8 KiB URI, 1,000 parties, 100 hits, 512 connections, 15 s, 10 s. */
server_limits server_limits_default(void);

typedef struct {
    const char *listen;           /* "ADDR:PORT" (IPv4 or [IPv6]); port 0 picks a free one */
    const char *index_path;       /* serve this index file (mapped), or NULL */
    const char *lists_path;       /* or build the index from these lists (kept for /v1/entities) */
    const char *admin_token;      /* bearer token for /admin/...; NULL disables them */
    const char *api_token;        /* bearer token for the API; NULL leaves it open */
    FILE *access_log;             /* one JSON line per request; NULL: none */
    const char *goods_path;       /* goods table for /v1/deals and /v1/text (data/goods/goods.txt); NULL: */
    const char *regimes_path;     /* ... with the regimes file: both NULL, those endpoints answer 501 */
    unsigned threads;             /* worker threads; 0: one per core */
    server_limits limits;
} server_config;

typedef struct server server;

/*
 * Loads the dataset CONFIG names and starts listening. On failure returns
 * the status with a reason in ERR (ERR_SIZE bytes) and *OUT untouched. The
 * caller stops the server with server_stop. CONFIG's strings and file must
 * outlive the server.
 */
embargo_status server_start(const server_config *config, server **out, char *err, size_t err_size);

/* The port the server listens on (the chosen one when the config said 0). */
unsigned server_port(const server *srv);

/*
 * Loads the dataset again from the configured index file or lists and swaps
 * it in; requests in flight finish on the old one, which is freed when the
 * last of them ends. On failure the old dataset stays and ERR says why.
 * Reloads are serialized. Safe to call from any thread.
 */
embargo_status server_reload(server *srv, char *err, size_t err_size);

/* The dataset generation now served: 1 after start, +1 per successful reload. */
unsigned long server_generation(server *srv);

/* Stops listening, waits for requests in flight, frees everything. NULL is ignored. */
void server_stop(server *srv);

#endif
