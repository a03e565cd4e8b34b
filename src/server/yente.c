/*
 * yente.c - OpenSanctions yente's matching API, POST /match/{dataset}, so
 * yente clients can switch without code changes. The body is
 * {"queries": {KEY: {"schema", "properties": {...}}}}; the answer is
 * {"responses": {KEY: {"status", "results", "total", "query"}}, "matcher",
 * "limit"}, each result an entity with id, caption, schema, properties,
 * datasets, referents, target, score, features and match, as yente's
 * EntityMatchResponse names them. Every name of a query is searched and a
 * listed party keeps its best score. Query parameters: limit, threshold,
 * cutoff (results below it are left out; match means score >= threshold).
 * The {dataset} segment is accepted and every loaded list is screened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/ftm.h"
#include "server/party_search.h"

static const struct {
    const char *schema;
    embargo_kind kind;
} schemas[] = {
    {"Person", EMBARGO_KIND_PERSON},      {"Organization", EMBARGO_KIND_ORGANIZATION},
    {"Company", EMBARGO_KIND_ORGANIZATION}, {"PublicBody", EMBARGO_KIND_ORGANIZATION},
    {"Vessel", EMBARGO_KIND_VESSEL},      {"Airplane", EMBARGO_KIND_AIRCRAFT},
    {"LegalEntity", EMBARGO_KIND_UNKNOWN}, {"Thing", EMBARGO_KIND_UNKNOWN},
};

const char *yente_schema_of_kind(embargo_kind kind) {
    for (size_t i = 0; i < sizeof schemas / sizeof *schemas; i++)
        if (schemas[i].kind == kind) return schemas[i].schema;
    return "LegalEntity";
}

embargo_kind yente_kind_of_schema(const char *schema) {
    for (size_t i = 0; i < sizeof schemas / sizeof *schemas; i++)
        if (strcmp(schemas[i].schema, schema) == 0) return schemas[i].kind;
    return EMBARGO_KIND_UNKNOWN;
}

/* The first string of property KEY (an array of strings, or one string); false when of another type. */
static bool first_value(const json_t *props, const char *key, const char **out, char *err, size_t err_size) {
    const json_t *v = json_object_get(props, key);
    if (!v || json_is_null(v) || *out) return true;
    if (json_is_array(v)) v = json_array_get(v, 0);
    if (!v) return true;
    if (!json_is_string(v)) return snprintf(err, err_size, "property \"%s\" must hold strings", key), false;
    if (*json_string_value(v)) *out = json_string_value(v);
    return true;
}

static bool read_names(const json_t *props, yente_query *q, char *err, size_t err_size) {
    const json_t *v = json_object_get(props, "name");
    if (json_is_string(v)) v = NULL, q->names[q->n_names++] = json_string_value(json_object_get(props, "name"));
    for (size_t i = 0; v && i < json_array_size(v) && q->n_names < YENTE_MAX_NAMES; i++) {
        const json_t *name = json_array_get(v, i);
        if (!json_is_string(name)) return snprintf(err, err_size, "property \"name\" must hold strings"), false;
        if (*json_string_value(name) && strlen(json_string_value(name)) <= 1000) q->names[q->n_names++] = json_string_value(name);
    }
    if (q->n_names == 0 || !*q->names[0]) return snprintf(err, err_size, "query '%.60s' has no \"name\" property", q->key), false;
    q->query.name = q->names[0];
    return true;
}

bool yente_query_from_json(const char *key, const json_t *value, yente_query *q, char *err, size_t err_size) {
    memset(q, 0, sizeof *q);
    q->key = key;
    const json_t *schema = json_object_get(value, "schema");
    const json_t *props = json_object_get(value, "properties");
    if (!json_is_object(value) || !json_is_string(schema) || !json_is_object(props))
        return snprintf(err, err_size, "Cannot parse example entity '%.60s': it needs \"schema\" (string) and \"properties\" (object)", key), false;
    q->schema = json_string_value(schema);
    q->query.kind = yente_kind_of_schema(q->schema);
    static const char *const countries[] = {"nationality", "citizenship", "country", "jurisdiction"};
    static const char *const ids[] = {"idNumber", "passportNumber", "registrationNumber", "imoNumber",
                                      "taxNumber", "innCode", "swiftBic", "mmsi"};
    const char *gender = NULL;
    if (!read_names(props, q, err, err_size) || !first_value(props, "birthDate", &q->query.dob, err, err_size) ||
        !first_value(props, "gender", &gender, err, err_size))
        return false;
    for (size_t i = 0; i < sizeof countries / sizeof *countries; i++)
        if (!first_value(props, countries[i], &q->query.country, err, err_size)) return false;
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        if (!first_value(props, ids[i], &q->query.identifier, err, err_size)) return false;
    if (gender && (gender[0] == 'm' || gender[0] == 'M')) q->query.gender = EMBARGO_GENDER_MALE;
    if (gender && (gender[0] == 'f' || gender[0] == 'F')) q->query.gender = EMBARGO_GENDER_FEMALE;
    return true;
}

static json_t *features_of(const embargo_hit *h) {
    return json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f}", "name_score", h->name_score,
                     "query_coverage", h->query_coverage, "listed_coverage", h->listed_coverage,
                     "dob", h->dob_effect, "country", h->country_effect, "kind", h->kind_effect,
                     "gender", h->gender_effect, "identifier", h->identifier_match ? 1.0 : 0.0);
}

static json_t *result_of(const request *req, const embargo_hit *h, double threshold) {
    const embargo_store *store = req->data->store;
    const embargo_entity *e = store ? embargo_store_get(store, h->entity_id) : NULL;
    json_t *props;
    if (e) {
        const embargo_source *s = embargo_store_source_of(store, e);
        props = ftm_properties(e, !s || !s->reference_only);
    } else {
        props = json_pack("{s:[s]}", "name", h->entity_name);
        if (h->matched_name && strcmp(h->matched_name, h->entity_name) != 0)
            json_object_set_new(props, "alias", json_pack("[s]", h->matched_name));
    }
    const char *colon = strchr(h->entity_id, ':');
    json_t *datasets = json_array();
    json_array_append_new(datasets, json_stringn(h->entity_id, colon ? (size_t)(colon - h->entity_id) : 0));
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:[], s:b, s:n, s:n, s:n, s:f, s:o, s:b}", "id", h->entity_id,
                     "caption", h->entity_name, "schema", yente_schema_of_kind(h->kind), "properties", props,
                     "datasets", datasets, "referents", "target", 1, "first_seen", "last_seen", "last_change",
                     "score", h->score, "features", features_of(h), "match", h->score >= threshold);
}

static int by_score(const void *a, const void *b) {
    double x = json_real_value(json_object_get(*(json_t *const *)a, "score"));
    double y = json_real_value(json_object_get(*(json_t *const *)b, "score"));
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Keeps the best result per entity id in BEST across the names of a query. */
static void keep_best(json_t *best, json_t *result) {
    const char *id = json_string_value(json_object_get(result, "id"));
    json_t *old = json_object_get(best, id);
    if (old && json_real_value(json_object_get(old, "score")) >= json_real_value(json_object_get(result, "score")))
        json_decref(result);
    else
        json_object_set_new(best, id, result);
}

/*
 * The results of Q, best first, at most LIMIT, and in *TOTAL how many there
 * were before the limit; *STATUS is 200 or an error status with ERR.
 */
static json_t *match_one(request *req, const yente_query *q, const embargo_search_options *options, double threshold,
                         size_t *total, int *status, char *err, size_t err_size) {
    json_t *best = json_object();
    for (size_t n = 0; n < q->n_names && *status == 200; n++) {
        embargo_query one = q->query;
        one.name = q->names[n];
        const embargo_results *r;
        *status = party_search(req, &one, options, &r, err, err_size);
        if (*status == 400 && n > 0) *status = 200; /* a later name no search can use is passed over */
        for (size_t i = 0; *status == 200 && i < embargo_results_count(r); i++)
            keep_best(best, result_of(req, embargo_results_hit(r, i), threshold));
    }
    size_t count = json_object_size(best), k = 0;
    *total = count;
    json_t **items = calloc(count ? count : 1, sizeof *items);
    const char *id;
    json_t *value;
    json_object_foreach(best, id, value) items[k++] = json_incref(value);
    qsort(items, count, sizeof *items, by_score);
    json_t *results = json_array();
    for (size_t i = 0; i < count; i++) {
        if (i < options->limit) json_array_append(results, items[i]);
        json_decref(items[i]);
    }
    free(items);
    json_decref(best);
    return results;
}

/* yente's "matcher": each feature with a description, its coefficient and where it is documented. */
static json_t *matcher_docs(void) {
    static const char *const features[][2] = {
        {"name_score", "how well the query name meets the entity's best name (0..1)"},
        {"query_coverage", "share of the query name's evidence matched"},
        {"listed_coverage", "share of the listed name's evidence matched"},
        {"dob", "what the date of birth added or took away"},
        {"country", "what the country added or took away"},
        {"kind", "what a differing kind (schema) took away"},
        {"gender", "what a differing gender took away"},
        {"identifier", "1 when an identifier equals one the entity carries"},
    };
    json_t *docs = json_object();
    for (size_t i = 0; i < sizeof features / sizeof *features; i++)
        json_object_set_new(docs, features[i][0], json_pack("{s:s, s:f, s:s}", "description", features[i][1],
                                                            "coefficient", 1.0, "url", "docs/api.md#yente"));
    return docs;
}

/* Reads limit, threshold and cutoff; the search runs at the lower of cutoff and threshold. */
static bool match_options(request *req, embargo_search_options *options, double *threshold, char *err, size_t err_size) {
    double limit = 5, cutoff = -1;
    *threshold = EMBARGO_DEFAULT_THRESHOLD;
    if (!param_number("limit", query_get(&req->query, "limit"), 1, (double)req->srv->config.limits.max_hits, true,
                      &limit, err, err_size) ||
        !param_number("threshold", query_get(&req->query, "threshold"), 0, 1, false, threshold, err, err_size) ||
        !param_number("cutoff", query_get(&req->query, "cutoff"), 0, 1, false, &cutoff, err, err_size))
        return false;
    *options = (embargo_search_options){cutoff >= 0 && cutoff < *threshold ? cutoff : *threshold, (size_t)limit, 0, 0};
    return true;
}

void yente_match(request *req, reply *out) {
    char err[512];
    json_t *body;
    embargo_search_options options;
    double threshold;
    if (!match_options(req, &options, &threshold, err, sizeof err) ||
        !body_parse(req->body, req->body_len, &body, err, sizeof err))
        return reply_error(out, 400, "%s", err);
    json_t *queries = json_object_get(body, "queries");
    size_t n = json_object_size(queries);
    int status = !json_is_object(queries) || n == 0 ? 400 : n > req->srv->config.limits.max_batch ? 413 : 200;
    if (status != 200) {
        json_decref(body);
        if (status == 413) return reply_error(out, 413, "Too many queries in one batch (limit: %zu)", req->srv->config.limits.max_batch);
        return reply_error(out, 400, "No queries provided.");
    }
    json_t *responses = json_object();
    const char *key;
    json_t *example;
    json_object_foreach(queries, key, example) {
        yente_query q;
        if (status != 200) break;
        if (server_now() > req->deadline) {
            status = 503;
            snprintf(err, sizeof err, "the batch took longer than %g s; send fewer queries", req->srv->config.limits.max_request_seconds);
            break;
        }
        if (!yente_query_from_json(key, example, &q, err, sizeof err)) {
            status = 400;
            break;
        }
        size_t total = 0;
        json_t *results = match_one(req, &q, &options, threshold, &total, &status, err, sizeof err);
        json_object_set_new(responses, key, json_pack("{s:i, s:o, s:{s:I, s:s}, s:{s:O?, s:O, s:O}}", "status", 200,
                                                      "results", results, "total", "value", (json_int_t)total, "relation", "eq",
                                                      "query", "id", json_object_get(example, "id"), "schema",
                                                      json_object_get(example, "schema"), "properties",
                                                      json_object_get(example, "properties")));
    }
    json_decref(body);
    if (status != 200) {
        json_decref(responses);
        return reply_error(out, status, "%s", err);
    }
    reply_json(out, 200, json_pack("{s:o, s:o, s:I}", "responses", responses, "matcher", matcher_docs(),
                                   "limit", (json_int_t)options.limit));
}
