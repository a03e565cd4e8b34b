/*
 * request_parse.c - the native API's parameters and JSON bodies as parties
 * and search options (see request.h). Empty optional fields count as absent;
 * a name is required and at most REQUEST_MAX_NAME bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/request.h"

#define REQUEST_MAX_NAME 1000

bool param_number(const char *name, const char *text, double lo, double hi, bool whole,
                  double *out, char *err, size_t err_size) {
    if (!text) return true;
    char *end;
    double v = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || !isfinite(v) || v < lo || v > hi || (whole && v != floor(v))) {
        snprintf(err, err_size, "%s must be a %s from %g to %g (got '%.40s')", name,
                 whole ? "whole number" : "number", lo, hi, text);
        return false;
    }
    *out = v;
    return true;
}

static const char *non_empty(const char *s) {
    return s && *s ? s : NULL;
}

static bool check_name(const char *name, char *err, size_t err_size) {
    if (!name || !*name) return snprintf(err, err_size, "name is required"), false;
    if (strlen(name) > REQUEST_MAX_NAME)
        return snprintf(err, err_size, "name is longer than %d bytes", REQUEST_MAX_NAME), false;
    return true;
}

/* Reads KIND text; absent, "any" or "unknown" is any kind. */
static bool read_kind(const char *text, embargo_kind *kind, char *err, size_t err_size) {
    *kind = EMBARGO_KIND_UNKNOWN;
    if (!text || strcasecmp(text, "any") == 0 || strcasecmp(text, "unknown") == 0) return true;
    *kind = embargo_kind_parse(text);
    if (*kind != EMBARGO_KIND_UNKNOWN) return true;
    snprintf(err, err_size, "kind must be person, organization, vessel or aircraft (got '%.40s')", text);
    return false;
}

static bool read_gender(const char *text, embargo_gender *gender, char *err, size_t err_size) {
    *gender = EMBARGO_GENDER_UNKNOWN;
    if (!text) return true;
    if (strcasecmp(text, "male") == 0 || strcasecmp(text, "m") == 0) return *gender = EMBARGO_GENDER_MALE, true;
    if (strcasecmp(text, "female") == 0 || strcasecmp(text, "f") == 0) return *gender = EMBARGO_GENDER_FEMALE, true;
    snprintf(err, err_size, "gender must be male or female (got '%.40s')", text);
    return false;
}

bool party_from_params(const query_params *q, party *p, char *err, size_t err_size) {
    memset(p, 0, sizeof *p);
    p->query.name = query_get(q, "name");
    if (!check_name(p->query.name, err, err_size)) return false;
    p->query.dob = non_empty(query_get(q, "dob"));
    p->query.country = non_empty(query_get(q, "country"));
    p->query.identifier = non_empty(query_get(q, "id"));
    return read_kind(non_empty(query_get(q, "kind")), &p->query.kind, err, err_size) &&
           read_gender(non_empty(query_get(q, "gender")), &p->query.gender, err, err_size);
}

bool options_from_params(const query_params *q, const char *threshold_name, const char *limit_name,
                         size_t max_hits, embargo_search_options *out, char *err, size_t err_size) {
    *out = (embargo_search_options){-1.0, EMBARGO_DEFAULT_LIMIT, 0, 0};
    double limit = EMBARGO_DEFAULT_LIMIT;
    if (!param_number(threshold_name, non_empty(query_get(q, threshold_name)), 0.0, 1.0, false,
                      &out->threshold, err, err_size) ||
        !param_number(limit_name, non_empty(query_get(q, limit_name)), 1.0, (double)max_hits, true,
                      &limit, err, err_size))
        return false;
    out->limit = (size_t)limit;
    return true;
}

/* The string member KEY of OBJ: NULL when absent, null or ""; false when of another type. */
static bool json_text(const json_t *obj, const char *key, const char **out, char *err, size_t err_size) {
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return true;
    if (!json_is_string(v)) return snprintf(err, err_size, "\"%s\" must be a string", key), false;
    *out = non_empty(json_string_value(v));
    return true;
}

/* The first string of "identifiers" (an array of strings), when "identifier" is absent. */
static bool json_first_identifier(const json_t *obj, const char **out, char *err, size_t err_size) {
    const json_t *list = json_object_get(obj, "identifiers");
    if (*out || !list || json_is_null(list)) return true;
    if (!json_is_array(list)) return snprintf(err, err_size, "\"identifiers\" must be an array of strings"), false;
    const json_t *first = json_array_get(list, 0);
    if (first && !json_is_string(first))
        return snprintf(err, err_size, "\"identifiers\" must be an array of strings"), false;
    *out = first ? non_empty(json_string_value(first)) : NULL;
    return true;
}

bool party_from_json(const json_t *obj, party *p, char *err, size_t err_size) {
    memset(p, 0, sizeof *p);
    if (!json_is_object(obj)) return snprintf(err, err_size, "each party must be an object"), false;
    const char *kind, *gender;
    if (!json_text(obj, "name", &p->query.name, err, err_size) || !check_name(p->query.name, err, err_size) ||
        !json_text(obj, "id", &p->id, err, err_size) || !json_text(obj, "kind", &kind, err, err_size) ||
        !json_text(obj, "dob", &p->query.dob, err, err_size) ||
        !json_text(obj, "country", &p->query.country, err, err_size) ||
        !json_text(obj, "identifier", &p->query.identifier, err, err_size) ||
        !json_first_identifier(obj, &p->query.identifier, err, err_size) ||
        !json_text(obj, "gender", &gender, err, err_size))
        return false;
    return read_kind(kind, &p->query.kind, err, err_size) && read_gender(gender, &p->query.gender, err, err_size);
}

bool body_parse(const char *body, size_t len, json_t **out, char *err, size_t err_size) {
    json_error_t jerr;
    *out = NULL;
    if (len == 0) return snprintf(err, err_size, "the request needs a JSON body"), false;
    json_t *root = json_loadb(body, len, 0, &jerr);
    if (!root) {
        snprintf(err, err_size, "malformed JSON at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
        return false;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return snprintf(err, err_size, "the JSON body must be an object"), false;
    }
    *out = root;
    return true;
}

/* A number member of OBJ into *OUT (absent or null: unchanged). */
static bool json_number(const json_t *obj, const char *key, double lo, double hi, bool whole, double *out,
                        char *err, size_t err_size) {
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) return true;
    double x = json_is_number(v) ? json_number_value(v) : NAN;
    if (!isfinite(x) || x < lo || x > hi || (whole && x != floor(x))) {
        snprintf(err, err_size, "\"%s\" must be a %s from %g to %g", key, whole ? "whole number" : "number", lo, hi);
        return false;
    }
    *out = x;
    return true;
}

bool screen_from_json(const json_t *body, size_t max_batch, size_t max_hits, const json_t **parties,
                      embargo_search_options *options, bool *too_many, char *err, size_t err_size) {
    *too_many = false;
    *options = (embargo_search_options){-1.0, EMBARGO_DEFAULT_LIMIT, 0, 0};
    const json_t *list = json_object_get(body, "parties");
    if (!json_is_array(list)) return snprintf(err, err_size, "\"parties\" must be an array of parties"), false;
    size_t n = json_array_size(list);
    if (n == 0) return snprintf(err, err_size, "\"parties\" is empty"), false;
    if (n > max_batch) {
        *too_many = true;
        return snprintf(err, err_size, "%zu parties in one request; the limit is %zu", n, max_batch), false;
    }
    double limit = EMBARGO_DEFAULT_LIMIT;
    if (!json_number(body, "threshold", 0.0, 1.0, false, &options->threshold, err, err_size) ||
        !json_number(body, "limit", 1.0, (double)max_hits, true, &limit, err, err_size))
        return false;
    options->limit = (size_t)limit;
    *parties = list;
    return true;
}
