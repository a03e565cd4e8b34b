/*
 * routes.c - the routing table: which handler answers which method and
 * path. A path that exists under another method answers 405 with Allow;
 * HEAD is answered like GET (libmicrohttpd leaves the body out).
 */
#include <stdio.h>
#include <string.h>

#include "server/server_int.h"

const route server_routes[] = {
    {"GET", "/v1/search", false, false, "search", api_search},
    {"POST", "/v1/screen", false, false, "screen", api_screen},
    {"GET", "/v1/entities/", true, false, "entity", api_entity},
    {"GET", "/v1/lists", false, false, "lists", api_lists},
    {"POST", "/v1/deals", false, false, "deals", api_deals},
    {"POST", "/v1/text", false, false, "text", api_text},
    {"GET", "/healthz", false, true, "healthz", api_health},
    {"GET", "/metrics", false, true, "metrics", api_metrics},
    {"POST", "/admin/reload", false, true, "reload", api_reload},
    {"POST", "/match/", true, false, "yente_match", yente_match},
    {"GET", "/v2/search", false, false, "watchman_search", watchman_search},
};
const size_t server_n_routes = sizeof server_routes / sizeof *server_routes;

static bool path_matches(const route *r, const char *path) {
    if (!r->prefix) return strcmp(path, r->path) == 0;
    size_t n = strlen(r->path);
    return strncmp(path, r->path, n) == 0 && path[n] != '\0';
}

int routes_find(const char *method, const char *path, bool *path_known) {
    *path_known = false;
    const char *as = strcmp(method, "HEAD") == 0 ? "GET" : method;
    for (size_t i = 0; i < server_n_routes; i++) {
        if (!path_matches(&server_routes[i], path)) continue;
        *path_known = true;
        if (strcmp(server_routes[i].method, as) == 0) return (int)i;
    }
    return -1;
}

const char *routes_allowed(const char *path) {
    static _Thread_local char allowed[64];
    allowed[0] = '\0';
    for (size_t i = 0; i < server_n_routes; i++) {
        if (!path_matches(&server_routes[i], path) || strstr(allowed, server_routes[i].method)) continue;
        size_t len = strlen(allowed);
        snprintf(allowed + len, sizeof allowed - len, "%s%s", len ? ", " : "", server_routes[i].method);
    }
    return allowed;
}
