/*
 * access_log.c - one JSON line per request (time, method, path, route,
 * status, bytes, milliseconds, client address, dataset generation) to
 * stderr or --access-log FILE. Query strings are not logged: they carry the
 * names of the people screened; only their length is. Each line is built
 * whole and written under a lock, so lines never interleave.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "server/server_int.h"

void access_log_write(server *srv, const access_entry *e) {
    FILE *out = srv->config.access_log;
    if (!out) return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[48];
    size_t n = strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(when + n, sizeof when - n, ".%03ldZ", ts.tv_nsec / 1000000);
    json_t *line = json_pack("{s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:I, s:f, s:s, s:I}",
                             "ts", when, "method", e->method ? e->method : "",
                             "path", e->path ? e->path : "", "route", e->route ? e->route : "none",
                             "status", e->status, "bytes_in", (json_int_t)e->bytes_in,
                             "bytes_out", (json_int_t)e->bytes_out, "query_len", (json_int_t)e->query_len,
                             "ms", e->seconds * 1000.0, "remote", e->remote ? e->remote : "",
                             "generation", (json_int_t)e->generation);
    char *text = line ? json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(line);
    if (!text) return;
    pthread_mutex_lock(&srv->log_lock);
    fprintf(out, "%s\n", text);
    fflush(out);
    pthread_mutex_unlock(&srv->log_lock);
    free(text);
}
