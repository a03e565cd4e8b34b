/*
 * ftm.c - an entity's fields under FollowTheMoney property names, as
 * yente's results carry them: names by quality (name, alias, weakAlias,
 * previousName), dates, countries as lower-case codes, identifiers by kind
 * (passportNumber, imoNumber, ...), programs and a "sanction" topic.
 */
#include <ctype.h>
#include <string.h>

#include "server/ftm.h"

static void add(json_t *props, const char *key, const char *value) {
    if (!value || !*value) return;
    json_t *list = json_object_get(props, key);
    if (!list) {
        list = json_array();
        json_object_set_new(props, key, list);
    }
    for (size_t i = 0; i < json_array_size(list); i++)
        if (strcmp(json_string_value(json_array_get(list, i)), value) == 0) return;
    json_array_append_new(list, json_string(value));
}

static void add_country(json_t *props, const char *key, const char *code) {
    if (!code[0]) return;
    char lower[3] = {(char)tolower((unsigned char)code[0]), (char)tolower((unsigned char)code[1]), 0};
    add(props, key, lower);
}

static const char *const name_props[EMBARGO_NAME_COUNT] = {"name", "alias", "weakAlias", "previousName"};

static const char *id_prop(embargo_id_type type) {
    switch (type) {
    case EMBARGO_ID_PASSPORT: return "passportNumber";
    case EMBARGO_ID_TAX: return "taxNumber";
    case EMBARGO_ID_REGISTRATION: return "registrationNumber";
    case EMBARGO_ID_IMO: return "imoNumber";
    case EMBARGO_ID_MMSI: return "mmsi";
    case EMBARGO_ID_CALL_SIGN: return "callSign";
    case EMBARGO_ID_BIC: return "swiftBic";
    case EMBARGO_ID_EMAIL: return "email";
    case EMBARGO_ID_WEBSITE: return "website";
    case EMBARGO_ID_CRYPTO: return "cryptoWallet";
    default: return "idNumber";
    }
}

static void add_places(json_t *props, const embargo_entity *e) {
    for (size_t i = 0; i < e->n_birth_places; i++) add(props, "birthPlace", e->birth_places[i].text);
    for (size_t i = 0; i < e->n_nationalities; i++) add_country(props, "nationality", e->nationalities[i].code);
    for (size_t i = 0; i < e->n_citizenships; i++) add_country(props, "citizenship", e->citizenships[i].code);
    for (size_t i = 0; i < e->n_countries; i++) add_country(props, "country", e->countries[i].code);
    for (size_t i = 0; i < e->n_addresses; i++) add(props, "address", e->addresses[i].text);
    add_country(props, "flag", e->flag);
}

json_t *ftm_properties(const embargo_entity *e, int is_sanction) {
    json_t *props = json_object();
    for (size_t i = 0; i < e->n_names; i++)
        add(props, i == 0 ? "name" : name_props[e->names[i].quality < EMBARGO_NAME_COUNT ? e->names[i].quality : 1],
            e->names[i].full);
    char date[40];
    for (size_t i = 0; i < e->n_births; i++)
        add(props, e->kind == EMBARGO_KIND_PERSON ? "birthDate" : "buildDate", embargo_date_format(&e->births[i], date, sizeof date));
    add_places(props, e);
    if (e->gender != EMBARGO_GENDER_UNKNOWN) add(props, "gender", embargo_gender_name(e->gender));
    for (size_t i = 0; i < e->n_identifiers; i++) add(props, id_prop(e->identifiers[i].type), e->identifiers[i].value);
    for (size_t i = 0; i < e->n_titles; i++) add(props, "position", e->titles[i]);
    for (size_t i = 0; i < e->n_programs; i++) add(props, "program", e->programs[i].code);
    add(props, "notes", e->remarks);
    if (is_sanction) add(props, "topics", "sanction");
    return props;
}
