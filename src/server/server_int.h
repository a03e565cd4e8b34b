/*
 * server_int.h - what the server's files share: the server itself, one
 * request as the handlers see it, the reply they fill, the routing table,
 * metrics and the access log.
 *
 * A handler reads a request (method, path, query, body, the dataset it was
 * given) and fills a reply (status, JSON or text body, extra headers). It
 * never touches libmicrohttpd: http.c turns replies into responses, so the
 * handlers stay plain functions over data.
 */
#ifndef EMBARGO_SERVER_INT_H
#define EMBARGO_SERVER_INT_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "screen/goods.h"
#include "screen/regimes.h"
#include "server/dataset.h"
#include "server/request.h"
#include "server/server.h"

#define SERVER_MAX_ROUTES 16

/* Counters of one route, by status, with a latency histogram. */
#define METRICS_N_STATUS 14
#define METRICS_N_BUCKETS 12
typedef struct {
    atomic_ulong by_status[METRICS_N_STATUS];
    atomic_ulong buckets[METRICS_N_BUCKETS];   /* cumulative counts are made when rendering */
    atomic_ulong count;
    atomic_ulong micros;                       /* latency sum */
    atomic_ulong errors;                       /* 5xx answers */
} route_metrics;

typedef struct {
    route_metrics routes[SERVER_MAX_ROUTES + 1]; /* the last one: requests no route took */
    atomic_ulong connections_rejected;
    atomic_long connections_open;
    atomic_ulong parties_screened;
} server_metrics;

struct server {
    server_config config;
    struct MHD_Daemon *daemon;
    unsigned port;
    dataset_holder data;
    server_metrics metrics;
    atomic_ulong next_generation;
    pthread_mutex_t log_lock;
    pthread_key_t results_key;    /* each worker thread's embargo_results */
    goods_table *goods;           /* for /v1/deals and /v1/text, loaded at start; NULL: not served */
    regime_set *regimes;
    double started;               /* monotonic seconds */
};

typedef struct {
    server *srv;
    dataset *data;                /* referenced for the request's life */
    const char *method;           /* "GET", "POST", ... */
    const char *path;             /* without the query string */
    const char *param;            /* the rest of the path after a route's prefix ("un:KPe.001") */
    query_params query;
    const char *body;
    size_t body_len;
    const char *authorization;    /* the Authorization header, or NULL */
    const char *content_type;     /* the Content-Type header, or NULL */
    double deadline;              /* monotonic seconds the work must end by */
} request;

typedef struct {
    int status;
    char *body;                   /* malloc'd; owned by the reply */
    size_t len;
    const char *content_type;
    const char *allow;            /* Allow header for 405, or NULL */
    const char *www_authenticate; /* for 401, or NULL */
    int retry_after;              /* seconds for 503, or 0 */
} reply;

typedef void (*route_handler)(request *req, reply *out);

typedef struct {
    const char *method;
    const char *path;             /* exact, or a prefix when PREFIX is set */
    bool prefix;
    bool open;                    /* answered without the API token (health, metrics) */
    const char *name;             /* label in metrics and logs */
    route_handler handler;
} route;

/* The routing table and its size. */
extern const route server_routes[];
extern const size_t server_n_routes;

/*
 * Finds the route for METHOD and PATH. Returns its index, or -1 with
 * *PATH_KNOWN set when the path exists under another method (405).
 */
int routes_find(const char *method, const char *path, bool *path_known);
/* The methods PATH answers, "GET, POST" (static buffer per thread). */
const char *routes_allowed(const char *path);

/* --- replies (reply.c) --- */
/* Sets OUT to STATUS with the JSON of OBJ (steals the reference). */
void reply_json(reply *out, int status, json_t *obj);
/*
 * Sets OUT to an error: {"error": MESSAGE, "detail": MESSAGE, "status": STATUS}
 * ("error" as Watchman names it, "detail" as yente does).
 */
void reply_error(reply *out, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sets OUT to a text body (copied). */
void reply_text(reply *out, int status, const char *content_type, const char *text, size_t len);
void reply_free(reply *out);

/* --- searching (party_search.c) --- */
/* This thread's results, created on first use; NULL when out of memory. */
embargo_results *server_thread_results(server *srv);
/* Monotonic seconds. */
double server_now(void);

/* --- handlers --- */
void api_search(request *req, reply *out);
void api_screen(request *req, reply *out);
void api_entity(request *req, reply *out);
void api_lists(request *req, reply *out);
void api_health(request *req, reply *out);
void api_metrics(request *req, reply *out);
void api_reload(request *req, reply *out);
void yente_match(request *req, reply *out);
void api_deals(request *req, reply *out);
void api_text(request *req, reply *out);
void watchman_search(request *req, reply *out);

/* --- auth (auth.c) --- */
/* True when REQ carries "Bearer TOKEN" (compared in constant time). */
bool auth_bearer_ok(const request *req, const char *token);

/* --- metrics (metrics.c) --- */
void metrics_record(server_metrics *m, int route_index, int status, double seconds);
/* The Prometheus text of SRV's metrics into a new malloc'd string (*LEN bytes). */
char *metrics_render(server *srv, size_t *len);

/* --- access log (access_log.c) --- */
typedef struct {
    const char *method;
    const char *path;
    const char *route;
    const char *remote;
    int status;
    size_t bytes_in, bytes_out, query_len;
    double seconds;
    unsigned long generation;
} access_entry;
/* Writes E as one JSON line to SRV's access log, if any. */
void access_log_write(server *srv, const access_entry *e);

#endif
