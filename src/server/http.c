/*
 * http.c - the HTTP plumbing on libmicrohttpd: the daemon (a thread pool of
 * one thread per core, epoll), one request's life (raw URI, body kept up to
 * the limit, dispatch through the routing table, the reply as a response),
 * and the bounds checked before any handler runs: URI length (414),
 * declared or received body size (413), open connections (503), the
 * API token (401). Each request ends in metrics and one access-log line.
 *
 * libmicrohttpd calls the access handler first with the headers, then with
 * each piece of the body, then once more with none: the body is answered
 * at that last call. An over-long URI, too many connections or a declared
 * Content-Length over the limit are answered at the first call, before the
 * body is read; the connection is then closed.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/server_int.h"
#include "util/buf.h"

typedef struct {
    char *uri;                    /* the raw request URI, or NULL when over the limit */
    size_t uri_len;
    double start;
    bool headers_seen;            /* the first access-handler call is past */
    bool answered;
    bool body_too_large;
    buf body;
    char method[16];
    const char *path;             /* the decoded path libmicrohttpd gives (valid until completion) */
    int route;
    int status;
    size_t bytes_out;
    unsigned long generation;
} conn_request;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
    server *srv = cls;
    (void)conn;
    conn_request *cr = calloc(1, sizeof *cr);
    if (!cr) return NULL;
    cr->start = server_now();
    cr->route = -1;
    cr->uri_len = strlen(uri);
    if (cr->uri_len <= srv->config.limits.max_uri) cr->uri = strdup(uri);
    buf_init(&cr->body);
    return cr;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, conn_request *cr, reply *r, bool close) {
    struct MHD_Response *resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
    if (!resp) return MHD_NO;
    r->body = NULL;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type ? r->content_type : "application/json");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (r->allow) MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
    if (r->www_authenticate) MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, r->www_authenticate);
    if (r->retry_after) {
        char seconds[16];
        snprintf(seconds, sizeof seconds, "%d", r->retry_after);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, seconds);
    }
    if (close) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    cr->answered = true;
    cr->status = r->status;
    cr->bytes_out = r->len;
    r->len = 0;
    return ok;
}

/* The bounds checked at the first call, before any body is read; 0 when all pass. */
static int check_first(server *srv, struct MHD_Connection *conn, conn_request *cr, reply *r) {
    const server_limits *lim = &srv->config.limits;
    if (!cr->uri) {
        reply_error(r, 414, "the request URI is %zu bytes; the limit is %zu", cr->uri_len, lim->max_uri);
        return 414;
    }
    if (atomic_load(&srv->metrics.connections_open) > (long)lim->max_connections) {
        atomic_fetch_add(&srv->metrics.connections_rejected, 1);
        reply_error(r, 503, "too many connections (more than %u open); retry shortly", lim->max_connections);
        r->retry_after = 1;
        return 503;
    }
    const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length && strtoull(length, NULL, 10) > lim->max_body) {
        reply_error(r, 413, "the request body is %s bytes; the limit is %zu", length, lim->max_body);
        return 413;
    }
    return 0;
}

static void dispatch(server *srv, struct MHD_Connection *conn, conn_request *cr, reply *out) {
    request req = {.srv = srv, .method = cr->method, .path = cr->path, .body = cr->body.data, .body_len = cr->body.len};
    char err[256];
    bool known;
    cr->route = routes_find(cr->method, cr->path, &known);
    if (cr->route < 0 && known) {
        out->allow = routes_allowed(cr->path);
        return reply_error(out, 405, "%s is not answered on %s (allowed: %s)", cr->method, cr->path, out->allow);
    }
    if (cr->route < 0) return reply_error(out, 404, "no such endpoint: %.200s (see docs/api.md)", cr->path);
    const route *r = &server_routes[cr->route];
    const char *qs = strchr(cr->uri, '?');
    if (!query_parse(qs ? qs + 1 : "", qs ? strlen(qs + 1) : 0, &req.query, err, sizeof err)) {
        query_free(&req.query);
        return reply_error(out, 400, "%s", err);
    }
    req.param = r->prefix ? cr->path + strlen(r->path) : NULL;
    req.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    req.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (srv->config.api_token && !r->open && !auth_bearer_ok(&req, srv->config.api_token)) {
        query_free(&req.query);
        out->www_authenticate = "Bearer realm=\"embargo\"";
        return reply_error(out, 401, "this server needs the header Authorization: Bearer <API token>");
    }
    req.data = dataset_holder_acquire(&srv->data);
    req.deadline = cr->start + srv->config.limits.max_request_seconds;
    cr->generation = req.data->generation;
    r->handler(&req, out);
    dataset_release(req.data);
    query_free(&req.query);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    server *srv = cls;
    (void)version;
    conn_request *cr = *con_cls;
    if (!cr) return MHD_NO; /* out of memory at the URI callback */
    reply r = {0};
    if (!cr->headers_seen) {
        cr->headers_seen = true;
        snprintf(cr->method, sizeof cr->method, "%s", method);
        cr->path = url;
        if (check_first(srv, conn, cr, &r)) return send_reply(conn, cr, &r, true);
        return MHD_YES;
    }
    if (cr->answered) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (cr->body.len + *upload_data_size > srv->config.limits.max_body) cr->body_too_large = true;
        else if (!buf_append(&cr->body, upload_data, *upload_data_size)) return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (cr->body_too_large) {
        reply_error(&r, 413, "the request body is over the limit of %zu bytes", srv->config.limits.max_body);
        return send_reply(conn, cr, &r, true);
    }
    dispatch(srv, conn, cr, &r);
    enum MHD_Result ok = send_reply(conn, cr, &r, false);
    reply_free(&r);
    return ok;
}

static void client_address(struct MHD_Connection *conn, char *text, size_t size) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    text[0] = '\0';
    if (!info || !info->client_addr) return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, (socklen_t)size);
    else if (sa->sa_family == AF_INET6) inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, (socklen_t)size);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
    server *srv = cls;
    conn_request *cr = *con_cls;
    (void)toe;
    if (!cr) return;
    double seconds = server_now() - cr->start;
    metrics_record(&srv->metrics, cr->route, cr->status, seconds);
    char remote[64];
    client_address(conn, remote, sizeof remote);
    const char *q = cr->uri ? strchr(cr->uri, '?') : NULL;
    access_entry e = {cr->method, cr->path, cr->route >= 0 ? server_routes[cr->route].name : "none", remote,
                      cr->status, cr->body.len, cr->bytes_out, q ? strlen(q + 1) : 0, seconds, cr->generation};
    access_log_write(srv, &e);
    buf_free(&cr->body);
    free(cr->uri);
    free(cr);
    *con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
    server *srv = cls;
    (void)conn;
    (void)socket_context;
    atomic_fetch_add(&srv->metrics.connections_open, code == MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1);
}

/* Resolves "ADDR:PORT" ("[::1]:8080", "127.0.0.1:0", "localhost:8080") into SA. */
static bool parse_listen(const char *listen, struct sockaddr_storage *sa, bool *ipv6, char *err, size_t err_size) {
    char host[256];
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host || !colon[1])
        return snprintf(err, err_size, "--listen wants ADDR:PORT (got '%s')", listen), false;
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    char *h = host;
    if (h[0] == '[' && h[strlen(h) - 1] == ']') h[strlen(h) - 1] = '\0', h++;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV}, *res;
    int rc = getaddrinfo(h, colon + 1, &hints, &res);
    if (rc != 0) return snprintf(err, err_size, "cannot listen on '%s': %s", listen, gai_strerror(rc)), false;
    memcpy(sa, res->ai_addr, res->ai_addrlen);
    *ipv6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return true;
}

static void free_results(void *results) {
    embargo_results_free(results);
}

static struct MHD_Daemon *start_daemon(server *srv, const struct sockaddr_storage *sa, bool ipv6) {
    unsigned threads = srv->config.threads;
    if (!threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (unsigned)n : 1;
    }
    const server_limits *lim = &srv->config.limits;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
                            MHD_OPTION_THREAD_POOL_SIZE, threads,
                            MHD_OPTION_CONNECTION_LIMIT, lim->max_connections + 64 * threads,
                            MHD_OPTION_CONNECTION_TIMEOUT, lim->idle_timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(lim->max_uri * 2 + 32768),
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
                            MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                            MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
                            MHD_OPTION_END);
}

/* Loads the goods table and the regimes for /v1/deals and /v1/text (both paths must be given). */
static bool load_regimes(server *srv, char *err, size_t err_size) {
    const server_config *c = &srv->config;
    if (!c->goods_path || !c->regimes_path) {
        snprintf(err, err_size, "deals and text need both a goods table and a regimes file (one was given)");
        return false;
    }
    if (!goods_load(c->goods_path, &srv->goods, err, err_size)) return false;
    if (!(srv->regimes = regimes_load(c->regimes_path, srv->goods, err, err_size))) {
        goods_free(srv->goods);
        srv->goods = NULL;
        return false;
    }
    return true;
}

embargo_status server_start(const server_config *config, server **out, char *err, size_t err_size) {
    struct sockaddr_storage sa;
    bool ipv6 = false;
    if (!parse_listen(config->listen ? config->listen : "127.0.0.1:8080", &sa, &ipv6, err, err_size)) return EMBARGO_EINVAL;
    server *srv = calloc(1, sizeof *srv);
    if (!srv) return snprintf(err, err_size, "out of memory"), EMBARGO_ENOMEM;
    srv->config = *config;
    srv->started = server_now();
    if ((config->goods_path || config->regimes_path) && !load_regimes(srv, err, err_size)) {
        free(srv);
        return EMBARGO_EIO;
    }
    dataset *first = dataset_load(config->index_path, config->lists_path, 1, err, err_size);
    if (!first) {
        regimes_free(srv->regimes);
        goods_free(srv->goods);
        free(srv);
        return EMBARGO_EIO;
    }
    dataset_holder_init(&srv->data, first);
    atomic_init(&srv->next_generation, 2);
    pthread_mutex_init(&srv->log_lock, NULL);
    pthread_key_create(&srv->results_key, free_results);
    srv->daemon = start_daemon(srv, &sa, ipv6);
    if (!srv->daemon) {
        snprintf(err, err_size, "cannot listen on %s (in use, or not an address of this machine)",
                 config->listen ? config->listen : "127.0.0.1:8080");
        server_stop(srv);
        return EMBARGO_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : 0;
    *out = srv;
    return EMBARGO_OK;
}

unsigned server_port(const server *srv) {
    return srv->port;
}

embargo_status server_reload(server *srv, char *err, size_t err_size) {
    pthread_mutex_lock(&srv->data.reload_lock);
    unsigned long generation = atomic_load(&srv->next_generation);
    dataset *next = dataset_load(srv->config.index_path, srv->config.lists_path, generation, err, err_size);
    if (next) {
        dataset_holder_swap(&srv->data, next);
        atomic_store(&srv->next_generation, generation + 1);
        atomic_fetch_add(&srv->data.n_reloads, 1);
    } else {
        atomic_fetch_add(&srv->data.n_reload_failures, 1);
    }
    pthread_mutex_unlock(&srv->data.reload_lock);
    return next ? EMBARGO_OK : EMBARGO_EIO;
}

unsigned long server_generation(server *srv) {
    dataset *d = dataset_holder_acquire(&srv->data);
    unsigned long generation = d->generation;
    dataset_release(d);
    return generation;
}

void server_stop(server *srv) {
    if (!srv) return;
    if (srv->daemon) MHD_stop_daemon(srv->daemon);
    dataset_holder_destroy(&srv->data);
    pthread_key_delete(srv->results_key);
    pthread_mutex_destroy(&srv->log_lock);
    regimes_free(srv->regimes);
    goods_free(srv->goods);
    free(srv);
}
