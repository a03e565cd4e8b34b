/*
 * fuzz_server_request.c - the server's request parsing on arbitrary bytes:
 * the query string (then the search parameters read from it), and the JSON
 * bodies of /v1/screen and yente's /match, read down to each party. The
 * first byte picks the parser; the rest is the input.
 */
#include <stddef.h>
#include <stdint.h>

#include "server/request.h"

static void fuzz_query(const char *text, size_t len) {
    char err[256];
    query_params q;
    if (query_parse(text, len, &q, err, sizeof err)) {
        party p;
        embargo_search_options options;
        party_from_params(&q, &p, err, sizeof err);
        options_from_params(&q, "threshold", "limit", 100, &options, err, sizeof err);
        embargo_kind kind;
        const char *type = query_get(&q, "type");
        if (type) watchman_kind_of_type(type, &kind);
    }
    query_free(&q);
}

static void fuzz_body(const char *text, size_t len) {
    char err[256];
    json_t *body;
    if (!body_parse(text, len, &body, err, sizeof err)) return;
    const json_t *parties;
    embargo_search_options options;
    bool too_many;
    if (screen_from_json(body, 1000, 100, &parties, &options, &too_many, err, sizeof err))
        for (size_t i = 0; i < json_array_size(parties); i++) {
            party p;
            party_from_json(json_array_get(parties, i), &p, err, sizeof err);
        }
    const char *key;
    json_t *value;
    json_object_foreach(json_object_get(body, "queries"), key, value) {
        yente_query q;
        yente_query_from_json(key, value, &q, err, sizeof err);
    }
    json_decref(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const char *text = (const char *)data + 1;
    if (data[0] & 1) fuzz_query(text, size - 1);
    else fuzz_body(text, size - 1);
    return 0;
}
