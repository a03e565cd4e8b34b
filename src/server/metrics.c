/*
 * metrics.c - counters for /metrics in the Prometheus text format:
 * requests by route and status, a latency histogram and 5xx errors per
 * route, open and refused connections, and the dataset served (generation,
 * load time, entities, names). Counters are atomics bumped once per request
 * when it completes; rendering reads them without stopping anyone.
 */
#include <stdio.h>
#include <stdlib.h>

#include "server/server_int.h"
#include "util/buf.h"

static const int tracked_status[METRICS_N_STATUS] = {200, 400, 401, 403, 404, 405, 409,
                                                     413, 414, 500, 501, 503, 504, 0};
static const double bucket_bounds[METRICS_N_BUCKETS] = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02,
                                                        0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

static size_t status_slot(int status) {
    for (size_t i = 0; i + 1 < METRICS_N_STATUS; i++)
        if (tracked_status[i] == status) return i;
    return METRICS_N_STATUS - 1;
}

void metrics_record(server_metrics *m, int route_index, int status, double seconds) {
    route_metrics *r = &m->routes[route_index >= 0 && (size_t)route_index < server_n_routes ? (size_t)route_index : SERVER_MAX_ROUTES];
    atomic_fetch_add_explicit(&r->by_status[status_slot(status)], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&r->count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&r->micros, (unsigned long)(seconds * 1e6), memory_order_relaxed);
    if (status >= 500) atomic_fetch_add_explicit(&r->errors, 1, memory_order_relaxed);
    for (size_t b = 0; b < METRICS_N_BUCKETS; b++)
        if (seconds <= bucket_bounds[b]) {
            atomic_fetch_add_explicit(&r->buckets[b], 1, memory_order_relaxed);
            break;
        }
}

static const char *route_label(size_t i) {
    return i < server_n_routes ? server_routes[i].name : "none";
}

static void render_requests(const server_metrics *m, buf *b) {
    buf_puts(b, "# HELP embargo_http_requests_total Requests answered, by route and status.\n"
                "# TYPE embargo_http_requests_total counter\n");
    for (size_t i = 0; i <= SERVER_MAX_ROUTES; i++) {
        if (i >= server_n_routes && i < SERVER_MAX_ROUTES) continue;
        for (size_t s = 0; s < METRICS_N_STATUS; s++) {
            unsigned long n = atomic_load(&m->routes[i].by_status[s]);
            if (!n) continue;
            if (tracked_status[s]) buf_printf(b, "embargo_http_requests_total{route=\"%s\",status=\"%d\"} %lu\n", route_label(i), tracked_status[s], n);
            else buf_printf(b, "embargo_http_requests_total{route=\"%s\",status=\"other\"} %lu\n", route_label(i), n);
        }
    }
}

static void render_latency(const server_metrics *m, buf *b) {
    buf_puts(b, "# HELP embargo_http_request_duration_seconds Time from the request line to the answer.\n"
                "# TYPE embargo_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i < server_n_routes; i++) {
        const route_metrics *r = &m->routes[i];
        unsigned long cumulative = 0;
        for (size_t k = 0; k < METRICS_N_BUCKETS; k++) {
            cumulative += atomic_load(&r->buckets[k]);
            buf_printf(b, "embargo_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
                       route_label(i), bucket_bounds[k], cumulative);
        }
        unsigned long count = atomic_load(&r->count);
        buf_printf(b, "embargo_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n", route_label(i), count);
        buf_printf(b, "embargo_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route_label(i),
                   (double)atomic_load(&r->micros) / 1e6);
        buf_printf(b, "embargo_http_request_duration_seconds_count{route=\"%s\"} %lu\n", route_label(i), count);
    }
    buf_puts(b, "# HELP embargo_http_errors_total Requests answered with a server error (5xx).\n"
                "# TYPE embargo_http_errors_total counter\n");
    for (size_t i = 0; i < server_n_routes; i++)
        buf_printf(b, "embargo_http_errors_total{route=\"%s\"} %lu\n", route_label(i), atomic_load(&m->routes[i].errors));
}

static void gauge(buf *b, const char *name, const char *type, const char *help, double value) {
    buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n%s %.17g\n", name, help, name, type, name, value);
}

static void render_dataset(server *srv, buf *b) {
    dataset *d = dataset_holder_acquire(&srv->data);
    gauge(b, "embargo_index_generation", "gauge", "Generation of the lists served: 1 at start, +1 per reload.", (double)d->generation);
    gauge(b, "embargo_index_loaded_timestamp_seconds", "gauge", "When the lists served were loaded (Unix time).", (double)d->loaded_at);
    gauge(b, "embargo_index_load_seconds", "gauge", "How long loading the lists served took.", d->load_seconds);
    gauge(b, "embargo_entities_loaded", "gauge", "Listed parties in the index served.", (double)d->n_entities);
    gauge(b, "embargo_names_indexed", "gauge", "Names and aliases in the index served.", (double)embargo_index_name_count(d->index));
    dataset_release(d);
    gauge(b, "embargo_reloads_total", "counter", "Reloads that swapped in new lists.", (double)atomic_load(&srv->data.n_reloads));
    gauge(b, "embargo_reload_failures_total", "counter", "Reloads that failed and kept the old lists.", (double)atomic_load(&srv->data.n_reload_failures));
}

char *metrics_render(server *srv, size_t *len) {
    buf b;
    buf_init(&b);
    render_requests(&srv->metrics, &b);
    render_latency(&srv->metrics, &b);
    gauge(&b, "embargo_http_connections_open", "gauge", "Connections open now.", (double)atomic_load(&srv->metrics.connections_open));
    gauge(&b, "embargo_http_connections_rejected_total", "counter", "Connections answered 503 because too many were open.",
          (double)atomic_load(&srv->metrics.connections_rejected));
    gauge(&b, "embargo_parties_screened_total", "counter", "Parties screened by every API.", (double)atomic_load(&srv->metrics.parties_screened));
    render_dataset(srv, &b);
    gauge(&b, "embargo_uptime_seconds", "gauge", "Seconds since the server started.", server_now() - srv->started);
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data;
}
