/*
 * request.h - reading what a client asks: the URL query string and the
 * JSON bodies of the native, yente and Watchman APIs, turned into
 * embargo_query values. Pure functions over bytes (no server state), so the
 * fuzz target calls them directly. Every failure gives a message a client
 * can act on ("limit must be a whole number from 1 to 100 (got 'x')").
 */
#ifndef EMBARGO_SERVER_REQUEST_H
#define EMBARGO_SERVER_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "embargo/search.h"

#define QUERY_MAX_PARAMS 32

typedef struct {
    const char *key;
    const char *value;
} query_param;

/* A decoded query string; keys and values point into STORAGE. */
typedef struct {
    query_param items[QUERY_MAX_PARAMS];
    size_t n;
    char *storage;
} query_params;

/*
 * Decodes the query string TEXT (LEN bytes, without the '?': "a=1&b=x%20y",
 * '+' is a space) into OUT. False when it has more than QUERY_MAX_PARAMS
 * parameters, a bad %-escape, a NUL byte or text that is not UTF-8, with
 * ERR saying which. OUT is freed by query_free either way.
 */
bool query_parse(const char *text, size_t len, query_params *out, char *err, size_t err_size);
/* The first value of KEY, or NULL. */
const char *query_get(const query_params *q, const char *key);
void query_free(query_params *q);

/* One party to screen; its strings point into the source (query or JSON) it came from. */
typedef struct {
    embargo_query query;
    const char *id;               /* the client's own reference, or NULL */
} party;

/*
 * Reads a number parameter TEXT (NULL leaves *OUT unchanged); false when it
 * is not a number in [LO, HI] (WHOLE: an integer), with ERR saying so.
 */
bool param_number(const char *name, const char *text, double lo, double hi, bool whole,
                  double *out, char *err, size_t err_size);

/*
 * Reads the native search parameters (name, kind, dob, country, id, gender)
 * of Q into P. False without a name, or for a kind or gender not known.
 */
bool party_from_params(const query_params *q, party *p, char *err, size_t err_size);

/*
 * Reads search options (threshold, limit up to MAX_HITS) from Q; the names
 * of the two parameters are given (the native API says "threshold", Watchman
 * "minMatch").
 */
bool options_from_params(const query_params *q, const char *threshold_name, const char *limit_name,
                         size_t max_hits, embargo_search_options *out, char *err, size_t err_size);

/*
 * Reads one party of a /v1/screen body: an object with "name" (string,
 * required) and optional "id", "kind", "dob", "country", "identifier",
 * "gender" strings (identifiers may also be an array "identifiers": the
 * first is used).
 */
bool party_from_json(const json_t *obj, party *p, char *err, size_t err_size);

/*
 * Parses a JSON request body of LEN bytes into a new reference (*OUT), which
 * must be an object. False for malformed JSON (with line and column) or
 * another type.
 */
bool body_parse(const char *body, size_t len, json_t **out, char *err, size_t err_size);

/*
 * Reads a /v1/screen body: {"parties": [...], "threshold"?, "limit"?}.
 * *PARTIES is the array (borrowed from BODY); its length must be 1..MAX_BATCH
 * (*TOO_MANY set when over). Options as options_from_params.
 */
bool screen_from_json(const json_t *body, size_t max_batch, size_t max_hits, const json_t **parties,
                      embargo_search_options *options, bool *too_many, char *err, size_t err_size);

/* One yente query example: the names to try and the fields beside them. */
#define YENTE_MAX_NAMES 8
typedef struct {
    const char *key;              /* the client's key for this query ("q1") */
    const char *schema;           /* "Person", "Company", ... */
    const char *names[YENTE_MAX_NAMES];
    size_t n_names;
    embargo_query query;          /* name is names[0]; the others are tried in turn */
} yente_query;

/* The FollowTheMoney schema of an embargo kind ("Person", "Organization", "Vessel", "Airplane", "LegalEntity"). */
const char *yente_schema_of_kind(embargo_kind kind);
/* The embargo kind of a FollowTheMoney schema (unknown for "Thing", "LegalEntity", others). */
embargo_kind yente_kind_of_schema(const char *schema);

/*
 * Reads the example KEY -> VALUE of a yente /match body's "queries" into Q:
 * "schema" (string, required), "properties" (object of arrays of strings, or
 * single strings): name (required), birthDate, nationality / citizenship /
 * country / jurisdiction, idNumber / passportNumber / registrationNumber /
 * imoNumber / taxNumber / innCode / swiftBic, gender. Other properties are
 * accepted and ignored.
 */
bool yente_query_from_json(const char *key, const json_t *value, yente_query *q, char *err, size_t err_size);

/* Watchman's entity type ("person", "business", "organization", "vessel", "aircraft") as a kind; false when unknown. */
bool watchman_kind_of_type(const char *type, embargo_kind *kind);

#endif
