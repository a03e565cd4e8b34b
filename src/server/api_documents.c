/*
 * api_documents.c - POST /v1/deals and POST /v1/text: `embargo deal` and
 * `embargo text --json` over HTTP, with the same JSON in and out (see
 * docs/api.md). Both need the goods table and the regimes, which the server
 * loads at start (server_config.goods_path, regimes_path); without them they
 * answer 501 and say so. The body is bounded by the server's max_body like
 * every request; a deal's parties are screened against the lists of the
 * request's dataset, so a reload in flight changes nothing mid-deal.
 *
 * /v1/text reads the body as the text itself (UTF-8; any Content-Type but
 * JSON), or, with Content-Type application/json, as {"text": "...",
 * "threshold"?: T}. A threshold may also come as ?threshold=T.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "screen/deal.h"
#include "screen/text_scan.h"
#include "server/party_search.h"

/* 501 unless the server loaded the goods and regimes. */
static bool regimes_ready(const request *req, reply *out) {
    if (req->srv->goods && req->srv->regimes) return true;
    reply_error(out, 501, "%s needs the goods table and regimes: start the server with --goods FILE and "
                          "--regimes FILE (or with data/goods and data/regimes beside it)", req->path);
    return false;
}

/* The ?threshold= parameter into *T (left as is when absent); false with a 400 in OUT. */
static bool threshold_param(const request *req, double *t, reply *out) {
    char err[256];
    if (param_number("threshold", query_get(&req->query, "threshold"), 0.0, 1.0, false, t, err, sizeof err))
        return true;
    reply_error(out, 400, "%s", err);
    return false;
}

void api_deals(request *req, reply *out) {
    char err[512];
    double threshold = -1.0;
    if (!regimes_ready(req, out) || !threshold_param(req, &threshold, out)) return;
    json_t *body;
    if (!body_parse(req->body, req->body_len, &body, err, sizeof err)) return reply_error(out, 400, "%s", err);
    deal *d = deal_from_json(body, err, sizeof err);
    json_decref(body);
    if (!d) return reply_error(out, 400, "the deal: %s", err);
    deal_context ctx = {req->srv->regimes, req->srv->goods, req->data->index, req->data->store, threshold, 0};
    deal_verdict verdict;
    json_t *report = deal_screen(&ctx, d, &verdict);
    deal_free(d);
    if (!report) return reply_error(out, 500, "out of memory screening the deal");
    reply_json(out, 200, report);
}

/* True when the Content-Type names JSON: application/json, or a type ending in +json. */
static bool is_json_type(const char *type) {
    if (!type) return false;
    size_t n = strcspn(type, ";");
    while (n > 0 && (type[n - 1] == ' ' || type[n - 1] == '\t')) n--;
    return (n == 16 && strncasecmp(type, "application/json", 16) == 0) ||
           (n > 5 && strncasecmp(type + n - 5, "+json", 5) == 0);
}

/* Reads {"text": "...", "threshold"?: T} into *TEXT (pointing into *HOLD, which the caller frees). */
static bool text_from_json(const request *req, json_t **hold, const char **text, size_t *len, double *threshold,
                           char *err, size_t err_size) {
    if (!body_parse(req->body, req->body_len, hold, err, err_size)) return false;
    json_t *t = json_object_get(*hold, "text"), *th = json_object_get(*hold, "threshold");
    if (!json_is_string(t)) return snprintf(err, err_size, "the JSON body needs \"text\": a string"), false;
    if (th && (!json_is_number(th) || json_number_value(th) < 0.0 || json_number_value(th) > 1.0))
        return snprintf(err, err_size, "\"threshold\" must be a number from 0 to 1"), false;
    if (th) *threshold = json_number_value(th);
    *text = json_string_value(t);
    *len = json_string_length(t);
    return true;
}

void api_text(request *req, reply *out) {
    char err[512];
    double threshold = -1.0;
    if (!regimes_ready(req, out) || !threshold_param(req, &threshold, out)) return;
    json_t *hold = NULL;
    const char *text = req->body;
    size_t len = req->body_len;
    if (is_json_type(req->content_type) && !text_from_json(req, &hold, &text, &len, &threshold, err, sizeof err)) {
        json_decref(hold);
        return reply_error(out, 400, "%s", err);
    }
    if (len == 0) {
        json_decref(hold);
        return reply_error(out, 400, "the request needs a text: the body itself, or {\"text\": \"...\"} as JSON");
    }
    /* The thread's search scratch: sized for the lists once, not per request. */
    text_scan_context ctx = {.index = req->data->index, .goods = req->srv->goods, .regimes = req->srv->regimes,
                             .threshold = threshold, .results = server_thread_results(req->srv)};
    /* Written as reply_json prints a tree (JSON_COMPACT | JSON_REAL_PRECISION(8)), without building one. */
    const json_dump_style style = {0, 8};
    buf report;
    buf_init(&report);
    bool ok = document_scan(&ctx, text, len, &style, &report, NULL);
    json_decref(hold);
    if (!ok) {
        buf_free(&report);
        return reply_error(out, 500, "out of memory scanning the text");
    }
    reply_text(out, 200, "application/json", report.data, report.len);
    buf_free(&report);
}
