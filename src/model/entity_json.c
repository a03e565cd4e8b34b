/*
 * entity_json.c - the JSON and text forms of an entity. Field names follow
 * the C model; absent fields are left out rather than written as null.
 */
#include "model/entity_json.h"

#include <stdio.h>

#include "embargo/store.h"

static void set_str(json_t *obj, const char *key, const char *value) {
    if (value && *value) json_object_set_new(obj, key, json_string(value));
}

json_t *date_to_json(const embargo_date *date) {
    char text[40];
    embargo_date_format(date, text, sizeof text);
    return text[0] ? json_string(text) : json_null();
}

static json_t *names_to_json(const embargo_entity *e) {
    json_t *names = json_array();
    for (size_t i = 0; i < e->n_names; i++) {
        const embargo_name *n = &e->names[i];
        json_t *o = json_object();
        set_str(o, "name", n->full);
        set_str(o, "quality", embargo_name_quality_name(n->quality));
        set_str(o, "given", n->given);
        set_str(o, "family", n->family);
        set_str(o, "patronymic", n->patronymic);
        if (n->original_script) json_object_set_new(o, "original_script", json_true());
        set_str(o, "lang", n->lang);
        json_array_append_new(names, o);
    }
    return names;
}

static json_t *countries_to_json(const embargo_country *list, size_t n) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        set_str(o, "code", list[i].code);
        set_str(o, "text", list[i].text);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *addresses_to_json(const embargo_entity *e) {
    json_t *arr = json_array();
    for (size_t i = 0; i < e->n_addresses; i++) {
        const embargo_address *a = &e->addresses[i];
        json_t *o = json_object();
        set_str(o, "text", a->text);
        set_str(o, "city", a->city);
        set_str(o, "country", a->country);
        set_str(o, "country_text", a->country_text);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *identifiers_to_json(const embargo_entity *e) {
    json_t *arr = json_array();
    for (size_t i = 0; i < e->n_identifiers; i++) {
        const embargo_identifier *id = &e->identifiers[i];
        json_t *o = json_object();
        set_str(o, "type", embargo_id_type_name(id->type));
        set_str(o, "value", id->value);
        set_str(o, "label", id->label);
        set_str(o, "country", id->country);
        set_str(o, "note", id->note);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *rest_to_json(const embargo_entity *e, json_t *o) {
    json_t *births = json_array();
    for (size_t i = 0; i < e->n_births; i++) json_array_append_new(births, date_to_json(&e->births[i]));
    json_t *places = json_array();
    for (size_t i = 0; i < e->n_birth_places; i++) {
        json_t *p = json_object();
        set_str(p, "text", e->birth_places[i].text);
        set_str(p, "country", e->birth_places[i].country);
        json_array_append_new(places, p);
    }
    json_t *programs = json_array();
    for (size_t i = 0; i < e->n_programs; i++) {
        json_t *p = json_object();
        set_str(p, "code", e->programs[i].code);
        set_str(p, "regime", e->programs[i].regime);
        json_array_append_new(programs, p);
    }
    json_t *links = json_array();
    for (size_t i = 0; i < e->n_links; i++) {
        json_t *l = json_object();
        set_str(l, "relation", e->links[i].relation);
        set_str(l, "name", e->links[i].name);
        set_str(l, "id", e->links[i].target_id);
        json_array_append_new(links, l);
    }
    json_t *titles = json_array();
    for (size_t i = 0; i < e->n_titles; i++) json_array_append_new(titles, json_string(e->titles[i]));
    json_object_set_new(o, "births", births);
    json_object_set_new(o, "birth_places", places);
    json_object_set_new(o, "nationalities", countries_to_json(e->nationalities, e->n_nationalities));
    json_object_set_new(o, "citizenships", countries_to_json(e->citizenships, e->n_citizenships));
    json_object_set_new(o, "countries", countries_to_json(e->countries, e->n_countries));
    if (e->gender != EMBARGO_GENDER_UNKNOWN) set_str(o, "gender", embargo_gender_name(e->gender));
    json_object_set_new(o, "addresses", addresses_to_json(e));
    json_object_set_new(o, "identifiers", identifiers_to_json(e));
    json_object_set_new(o, "programs", programs);
    json_object_set_new(o, "links", links);
    json_object_set_new(o, "titles", titles);
    if (e->listed.from.year) json_object_set_new(o, "listed", date_to_json(&e->listed));
    set_str(o, "remarks", e->remarks);
    set_str(o, "flag", e->flag);
    set_str(o, "vessel_type", e->vessel_type);
    set_str(o, "tonnage", e->tonnage);
    return o;
}

json_t *entity_to_json(const embargo_entity *e) {
    json_t *o = json_object();
    if (!o) return NULL;
    set_str(o, "id", e->id);
    set_str(o, "source", e->source);
    set_str(o, "source_id", e->source_id);
    set_str(o, "kind", embargo_kind_name(e->kind));
    set_str(o, "kind_text", e->kind_text);
    set_str(o, "name", e->n_names ? e->names[0].full : NULL);
    json_object_set_new(o, "names", names_to_json(e));
    return rest_to_json(e, o);
}

embargo_status embargo_entity_write_json(const embargo_entity *entity, FILE *out) {
    json_t *o = entity_to_json(entity);
    if (!o) return EMBARGO_ENOMEM;
    int rc = json_dumpf(o, out, JSON_COMPACT);
    json_decref(o);
    if (rc != 0 || fputc('\n', out) == EOF) return EMBARGO_EIO;
    return EMBARGO_OK;
}
