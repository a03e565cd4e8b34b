/*
 * api.c - the native JSON API: /v1/search, /v1/screen, /v1/entities/{id},
 * /v1/lists and /healthz (see docs/api.md for every field). Entities whole
 * need the store, which the server keeps when it serves --lists; serving an
 * index file alone, /v1/entities answers 501 and says so.
 */
#include <stdio.h>
#include <string.h>

#include "model/entity_json.h"
#include "server/party_search.h"

static json_t *iso_time(time_t t) {
    struct tm tm;
    char text[32];
    gmtime_r(&t, &tm);
    strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(text);
}

void api_search(request *req, reply *out) {
    char err[512];
    party p;
    embargo_search_options options;
    if (!party_from_params(&req->query, &p, err, sizeof err) ||
        !options_from_params(&req->query, "threshold", "limit", req->srv->config.limits.max_hits, &options,
                             err, sizeof err))
        return reply_error(out, 400, "%s", err);
    const embargo_results *r;
    int status = party_search(req, &p.query, &options, &r, err, sizeof err);
    if (status != 200) return reply_error(out, status, "%s", err);
    reply_json(out, 200, json_pack("{s:o, s:f, s:I, s:o, s:I}", "query", query_to_json(&p.query),
                                   "threshold", options.threshold >= 0 ? options.threshold : EMBARGO_DEFAULT_THRESHOLD,
                                   "limit", (json_int_t)options.limit, "hits", hits_to_json(r),
                                   "generation", (json_int_t)req->data->generation));
}

/* Screens party I of LIST into a result object (hits, or an error for that party). */
static json_t *screen_one(request *req, const json_t *list, size_t i, const embargo_search_options *options,
                          int *status) {
    char err[512];
    party p;
    json_t *o = json_pack("{s:I}", "index", (json_int_t)i);
    const json_t *given_id = json_object_get(json_array_get(list, i), "id");
    if (json_is_string(given_id)) json_object_set(o, "id", (json_t *)given_id);
    if (!party_from_json(json_array_get(list, i), &p, err, sizeof err)) {
        json_object_set_new(o, "error", json_string(err));
        return o;
    }
    const embargo_results *r;
    *status = party_search(req, &p.query, options, &r, err, sizeof err);
    if (*status == 400) {
        *status = 200;
        json_object_set_new(o, "error", json_string(err));
    } else if (*status == 200) {
        json_object_set_new(o, "query", query_to_json(&p.query));
        json_object_set_new(o, "hits", hits_to_json(r));
    }
    return o;
}

void api_screen(request *req, reply *out) {
    char err[512];
    json_t *body;
    const json_t *list;
    embargo_search_options options;
    bool too_many;
    const server_limits *lim = &req->srv->config.limits;
    if (!body_parse(req->body, req->body_len, &body, err, sizeof err)) return reply_error(out, 400, "%s", err);
    if (!screen_from_json(body, lim->max_batch, lim->max_hits, &list, &options, &too_many, err, sizeof err)) {
        json_decref(body);
        return reply_error(out, too_many ? 413 : 400, "%s", err);
    }
    json_t *results = json_array();
    size_t n = json_array_size(list), flagged = 0;
    int status = 200;
    for (size_t i = 0; i < n && status == 200; i++) {
        if (server_now() > req->deadline) {
            status = 503;
            snprintf(err, sizeof err, "the batch took longer than %g s (%zu of %zu parties done); send smaller batches",
                     lim->max_request_seconds, i, n);
            break;
        }
        json_t *one = screen_one(req, list, i, &options, &status);
        if (json_array_size(json_object_get(one, "hits"))) flagged++;
        json_array_append_new(results, one);
    }
    json_decref(body);
    if (status != 200) {
        json_decref(results);
        return reply_error(out, status, "%s", err);
    }
    reply_json(out, 200, json_pack("{s:I, s:I, s:o, s:I}", "count", (json_int_t)n, "flagged", (json_int_t)flagged,
                                   "results", results, "generation", (json_int_t)req->data->generation));
}

void api_entity(request *req, reply *out) {
    const embargo_store *store = req->data->store;
    if (!store)
        return reply_error(out, 501, "entity details need the lists: this server maps an index file alone "
                                     "(start it with --lists DIR to serve /v1/entities)");
    const embargo_entity *e = embargo_store_get(store, req->param);
    if (!e) return reply_error(out, 404, "no entity with id '%.200s' (ids are SOURCE:ID, e.g. un:KPi.033)", req->param);
    json_t *o = entity_to_json(e);
    const embargo_source *s = embargo_store_source_of(store, e);
    if (o && s)
        json_object_set_new(o, "list", json_pack("{s:s, s:s, s:o}", "name", s->name, "authority", s->authority,
                                                 "published", s->published ? json_string(s->published) : json_null()));
    reply_json(out, 200, o);
}

static json_t *source_json(const embargo_source *s) {
    json_t *kinds = json_object();
    for (int k = 0; k < EMBARGO_KIND_COUNT; k++)
        if (s->n_by_kind[k]) json_object_set_new(kinds, embargo_kind_name(k), json_integer((json_int_t)s->n_by_kind[k]));
    return json_pack("{s:s, s:s, s:s, s:o, s:I, s:o, s:I, s:I, s:b, s:b}", "name", s->name, "format", s->format,
                     "authority", s->authority, "published", s->published ? json_string(s->published) : json_null(),
                     "entities", (json_int_t)s->n_entities, "kinds", kinds, "skipped", (json_int_t)s->n_skipped,
                     "warnings", (json_int_t)s->n_warnings, "reference_only", s->reference_only,
                     "incomplete", s->incomplete);
}

/* The sources of an index file alone, from its "un 2026-02-27; ofac (no date); ..." text. */
static json_t *sources_of_index(const embargo_index *ix) {
    json_t *list = json_array();
    const char *p = embargo_index_sources(ix);
    while (p && *p) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char item[256];
        snprintf(item, sizeof item, "%.*s", (int)len, p);
        char *space = strchr(item, ' ');
        if (space) *space = '\0';
        const char *date = space && strcmp(space + 1, "(no date)") != 0 ? space + 1 : NULL;
        if (item[0]) json_array_append_new(list, json_pack("{s:s, s:o}", "name", item, "published", date ? json_string(date) : json_null()));
        p = end ? end + 1 : NULL;
        while (p && *p == ' ') p++;
    }
    return list;
}

void api_lists(request *req, reply *out) {
    const dataset *d = req->data;
    json_t *sources;
    if (d->store) {
        sources = json_array();
        for (size_t i = 0; i < embargo_store_source_count(d->store); i++)
            json_array_append_new(sources, source_json(embargo_store_source(d->store, i)));
    } else {
        sources = sources_of_index(d->index);
    }
    json_t *index = json_pack("{s:I, s:o, s:f, s:I, s:I, s:s, s:s, s:I}", "generation", (json_int_t)d->generation,
                              "loaded_at", iso_time(d->loaded_at), "load_seconds", d->load_seconds,
                              "entities", (json_int_t)d->n_entities,
                              "names", (json_int_t)embargo_index_name_count(d->index),
                              "from", d->store ? "lists" : "index file", "sources", embargo_index_sources(d->index),
                              "load_notes", (json_int_t)d->n_load_notes);
    reply_json(out, 200, json_pack("{s:o, s:o}", "index", index, "sources", sources));
}

void api_health(request *req, reply *out) {
    reply_json(out, 200, json_pack("{s:s, s:I, s:I, s:f}", "status", "ok", "generation", (json_int_t)req->data->generation,
                                   "entities", (json_int_t)req->data->n_entities,
                                   "uptime_seconds", server_now() - req->srv->started));
}

void api_metrics(request *req, reply *out) {
    size_t len = 0;
    char *text = metrics_render(req->srv, &len);
    if (!text) return reply_error(out, 500, "out of memory");
    reply_free(out);
    out->status = 200;
    out->body = text;
    out->len = len;
    out->content_type = "text/plain; version=0.0.4; charset=utf-8";
}
