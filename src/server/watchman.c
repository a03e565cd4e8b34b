/*
 * watchman.c - Moov Watchman's GET /v2/search, so Watchman clients can
 * switch without code changes. Parameters: name (required), type (person,
 * business, organization, vessel, aircraft), limit (default 10, at most
 * 100, as Watchman clamps it), minMatch (0..1), birthDate. The answer is
 * {"entities": [...]}, each entity in Watchman's field names (name,
 * entityType, sourceList, sourceID, person / business / vessel / aircraft,
 * contact, addresses, cryptoAddresses, affiliations, sanctionsInfo,
 * historicalInfo, sourceData) with its "match" score. Errors are
 * {"error": "..."} with status 400, as Watchman answers them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/entity_json.h"
#include "server/party_search.h"

/* The lowest score searched when minMatch is lower: the index does not list weaker candidates. */
#define WATCHMAN_FLOOR 0.50

static const struct {
    const char *type;
    embargo_kind kind;
} types[] = {
    {"person", EMBARGO_KIND_PERSON}, {"business", EMBARGO_KIND_ORGANIZATION},
    {"organization", EMBARGO_KIND_ORGANIZATION}, {"vessel", EMBARGO_KIND_VESSEL},
    {"aircraft", EMBARGO_KIND_AIRCRAFT},
};

bool watchman_kind_of_type(const char *type, embargo_kind *kind) {
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcasecmp(types[i].type, type) == 0) return *kind = types[i].kind, true;
    return false;
}

static const char *entity_type(embargo_kind kind) {
    switch (kind) {
    case EMBARGO_KIND_PERSON: return "person";
    case EMBARGO_KIND_ORGANIZATION: return "business";
    case EMBARGO_KIND_VESSEL: return "vessel";
    case EMBARGO_KIND_AIRCRAFT: return "aircraft";
    default: return "unknown";
    }
}

/* Watchman's list names for ours; others keep ours. */
static const char *source_list(const char *source, char *buf, size_t size) {
    static const char *const map[][2] = {{"ofac", "us_ofac"}, {"ofac-cons", "us_non_sdn"}, {"un", "un_csl"},
                                         {"uk", "uk_csl"}, {"csl", "us_csl"}, {"eu-fsf", "eu_csl"}};
    snprintf(buf, size, "%s", source);
    char *colon = strchr(buf, ':');
    if (colon) *colon = '\0';
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(buf, map[i][0]) == 0) return map[i][1];
    return buf;
}

static json_t *time_of(const embargo_date *d) {
    if (!d || d->from.year <= 0) return json_null();
    char text[32];
    snprintf(text, sizeof text, "%04d-%02d-%02dT00:00:00Z", d->from.year, d->from.month ? d->from.month : 1,
             d->from.day ? d->from.day : 1);
    return json_string(text);
}

static const char *id_type(embargo_id_type t) {
    switch (t) {
    case EMBARGO_ID_PASSPORT: return "passport";
    case EMBARGO_ID_NATIONAL: return "national-id";
    case EMBARGO_ID_TAX: return "tax-id";
    case EMBARGO_ID_REGISTRATION: return "business-registration";
    default: return embargo_id_type_name(t);
    }
}

static const char *first_id(const embargo_entity *e, embargo_id_type t) {
    for (size_t i = 0; i < e->n_identifiers; i++)
        if (e->identifiers[i].type == t) return e->identifiers[i].value;
    return "";
}

static json_t *alt_names(const embargo_entity *e) {
    json_t *a = json_array();
    for (size_t i = 1; i < e->n_names; i++)
        if (e->names[i].quality != EMBARGO_NAME_FORMER) json_array_append_new(a, json_string(e->names[i].full));
    return a;
}

static json_t *government_ids(const embargo_entity *e) {
    json_t *a = json_array();
    for (size_t i = 0; i < e->n_identifiers; i++) {
        const embargo_identifier *id = &e->identifiers[i];
        if (id->type >= EMBARGO_ID_IMO && id->type != EMBARGO_ID_AIRCRAFT) continue;
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "name", id->label ? id->label : "", "type",
                                           id_type(id->type), "country", id->country, "identifier", id->value));
    }
    return a;
}

/* The object under the entity's type: person, business, vessel or aircraft. */
static json_t *typed_object(const embargo_entity *e) {
    const char *name = e->names[0].full;
    switch (e->kind) {
    case EMBARGO_KIND_PERSON:
        return json_pack("{s:s, s:o, s:s, s:o, s:s, s:n, s:o, s:o}", "name", name, "altNames", alt_names(e), "gender",
                         e->gender ? embargo_gender_name(e->gender) : "unknown", "birthDate",
                         time_of(e->n_births ? &e->births[0] : NULL), "placeOfBirth",
                         e->n_birth_places ? e->birth_places[0].text : "", "deathDate", "titles",
                         json_array(), "governmentIDs", government_ids(e));
    case EMBARGO_KIND_VESSEL:
        return json_pack("{s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:i, s:s, s:s, s:i, s:s}", "name", name, "altNames",
                         alt_names(e), "imoNumber", first_id(e, EMBARGO_ID_IMO), "type",
                         e->vessel_type ? e->vessel_type : "unknown", "flag", e->flag, "built",
                         time_of(e->n_births ? &e->births[0] : NULL), "model", "", "tonnage", 0, "mmsi",
                         first_id(e, EMBARGO_ID_MMSI), "callSign", first_id(e, EMBARGO_ID_CALL_SIGN),
                         "grossRegisteredTonnage", 0, "owner", "");
    case EMBARGO_KIND_AIRCRAFT:
        return json_pack("{s:s, s:o, s:s, s:s, s:n, s:s, s:s, s:s}", "name", name, "altNames", alt_names(e), "type",
                         "unknown", "flag", e->flag, "built", "icaoCode", "", "model", "", "serialNumber",
                         first_id(e, EMBARGO_ID_AIRCRAFT));
    default:
        return json_pack("{s:s, s:o, s:n, s:n, s:o}", "name", name, "altNames", alt_names(e), "created", "dissolved",
                         "governmentIDs", government_ids(e));
    }
}

static void add_details(json_t *o, const embargo_entity *e) {
    json_t *addresses = json_array(), *crypto = json_array(), *affiliations = json_array(), *history = json_array();
    json_t *programs = json_array(), *emails = json_array(), *sites = json_array();
    for (size_t i = 0; i < e->n_addresses; i++)
        json_array_append_new(addresses, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:f}", "line1",
                                                   e->addresses[i].text ? e->addresses[i].text : "", "line2", "", "city",
                                                   e->addresses[i].city ? e->addresses[i].city : "", "postalCode", "",
                                                   "state", "", "country", e->addresses[i].country, "latitude", 0.0, "longitude", 0.0));
    for (size_t i = 0; i < e->n_identifiers; i++) {
        const embargo_identifier *id = &e->identifiers[i];
        if (id->type == EMBARGO_ID_CRYPTO)
            json_array_append_new(crypto, json_pack("{s:s, s:s}", "currency", id->label ? id->label : "", "address", id->value));
        if (id->type == EMBARGO_ID_EMAIL) json_array_append_new(emails, json_string(id->value));
        if (id->type == EMBARGO_ID_WEBSITE) json_array_append_new(sites, json_string(id->value));
    }
    for (size_t i = 0; i < e->n_links; i++)
        json_array_append_new(affiliations, json_pack("{s:s, s:s, s:s}", "entityName", e->links[i].name, "type",
                                                      e->links[i].relation ? e->links[i].relation : "", "details", ""));
    for (size_t i = 1; i < e->n_names; i++)
        if (e->names[i].quality == EMBARGO_NAME_FORMER)
            json_array_append_new(history, json_pack("{s:s, s:s}", "type", "Former Name", "value", e->names[i].full));
    for (size_t i = 0; i < e->n_programs; i++) json_array_append_new(programs, json_string(e->programs[i].code));
    json_object_set_new(o, "contact", json_pack("{s:o, s:[], s:[], s:o}", "emailAddresses", emails, "phoneNumbers",
                                                "faxNumbers", "websites", sites));
    json_object_set_new(o, "addresses", addresses);
    json_object_set_new(o, "cryptoAddresses", crypto);
    json_object_set_new(o, "affiliations", affiliations);
    json_object_set_new(o, "sanctionsInfo", json_pack("{s:o, s:b, s:s}", "programs", programs, "secondary", 0,
                                                      "description", e->remarks ? e->remarks : ""));
    json_object_set_new(o, "historicalInfo", history);
    json_object_set_new(o, "sourceData", entity_to_json(e));
}

static json_t *entity_of(const request *req, const embargo_hit *h) {
    const embargo_entity *e = req->data->store ? embargo_store_get(req->data->store, h->entity_id) : NULL;
    char list[64];
    const char *colon = strchr(h->entity_id, ':');
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:n, s:n, s:n, s:n, s:n}", "name", h->entity_name, "entityType",
                          entity_type(h->kind), "sourceList", source_list(h->entity_id, list, sizeof list), "sourceID",
                          colon ? colon + 1 : h->entity_id, "person", "business", "organization", "aircraft", "vessel");
    const char *slot = h->kind == EMBARGO_KIND_UNKNOWN ? "business" : entity_type(h->kind);
    if (e) {
        json_object_set_new(o, slot, typed_object(e));
        add_details(o, e);
    } else {
        json_object_set_new(o, slot, json_pack("{s:s, s:[]}", "name", h->entity_name, "altNames"));
    }
    json_object_set_new(o, "match", json_real(h->score));
    return o;
}

void watchman_search(request *req, reply *out) {
    char err[512];
    const query_params *q = &req->query;
    party p = {{0}, NULL};
    p.query.name = query_get(q, "name");
    p.query.dob = query_get(q, "birthDate");
    if (p.query.dob && !*p.query.dob) p.query.dob = NULL;
    const char *type = query_get(q, "type");
    if (!p.query.name || !*p.query.name) return reply_error(out, 400, "problem reading v2 search request: name is required");
    if (strlen(p.query.name) > 1000) return reply_error(out, 400, "problem reading v2 search request: name is longer than 1000 bytes");
    if (type && *type && !watchman_kind_of_type(type, &p.query.kind))
        return reply_error(out, 400, "problem reading v2 search request: unknown type '%.40s'", type);
    double limit = 10, min_match = 0;
    const char *limit_text = query_get(q, "limit");
    if (limit_text && atoi(limit_text) > 0) limit = atoi(limit_text) > 100 ? 100 : atoi(limit_text);
    if (!param_number("minMatch", query_get(q, "minMatch"), 0, 1, false, &min_match, err, sizeof err))
        return reply_error(out, 400, "problem reading v2 search request: %s", err);
    embargo_search_options options = {min_match > WATCHMAN_FLOOR ? min_match : WATCHMAN_FLOOR, (size_t)limit, 0, 0};
    const embargo_results *r;
    int status = party_search(req, &p.query, &options, &r, err, sizeof err);
    if (status != 200) return reply_error(out, status, "problem with v2 search: %s", err);
    json_t *entities = json_array();
    for (size_t i = 0; i < embargo_results_count(r); i++)
        json_array_append_new(entities, entity_of(req, embargo_results_hit(r, i)));
    reply_json(out, 200, json_pack("{s:o}", "entities", entities));
}
