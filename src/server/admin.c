/*
 * admin.c - POST /admin/reload: the bearer token of --admin-token-file or
 * $EMBARGO_ADMIN_TOKEN, then a reload (see server_reload). Without a token
 * configured the admin endpoints are off (403), so an open port never
 * lets a stranger make the server reload.
 */
#include <stdio.h>

#include "server/server_int.h"

void api_reload(request *req, reply *out) {
    const char *token = req->srv->config.admin_token;
    if (!token || !*token)
        return reply_error(out, 403, "admin endpoints are off: start the server with $EMBARGO_ADMIN_TOKEN "
                                     "or --admin-token-file FILE");
    if (!auth_bearer_ok(req, token)) {
        out->www_authenticate = "Bearer realm=\"embargo-admin\"";
        return reply_error(out, 401, "this endpoint needs the header Authorization: Bearer <admin token>");
    }
    char err[1024];
    double start = server_now();
    embargo_status status = server_reload(req->srv, err, sizeof err);
    if (status != EMBARGO_OK)
        return reply_error(out, 500, "reload failed; still serving generation %lu: %s",
                           server_generation(req->srv), err);
    dataset *d = dataset_holder_acquire(&req->srv->data);
    reply_json(out, 200, json_pack("{s:s, s:I, s:I, s:f}", "status", "reloaded", "generation", (json_int_t)d->generation,
                                   "entities", (json_int_t)d->n_entities, "seconds", server_now() - start));
    dataset_release(d);
}
