/*
 * limits.c - the server's bounds and their defaults (see server_limits in
 * server.h). A batch of 1,000 parties of a few fields each is about 150 KB
 * of JSON, so 1 MiB leaves room without letting one client hold much memory.
 */
#include "server/server.h"

server_limits server_limits_default(void) {
    return (server_limits){
        .max_body = 1u << 20,
        .max_uri = 8192,
        .max_batch = 1000,
        .max_hits = 100,
        .max_connections = 512,
        .idle_timeout = 15,
        .max_request_seconds = 10.0,
    };
}
