/*
 * entity_text.c - an entity as readable text, one field a line, as
 * `embargo show` prints it.
 */
#include <stdio.h>

#include "embargo/store.h"

static void text_countries(FILE *out, const char *label, const embargo_country *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%-14s %s%s%s%s\n", label, list[i].code[0] ? list[i].code : "??",
                list[i].text ? " (" : "", list[i].text ? list[i].text : "", list[i].text ? ")" : "");
}

static void text_names(FILE *out, const embargo_entity *e) {
    for (size_t i = 0; i < e->n_names; i++) {
        const embargo_name *n = &e->names[i];
        fprintf(out, "%-14s %s [%s%s]\n", i == 0 ? "name" : "alias", n->full,
                embargo_name_quality_name(n->quality), n->original_script ? ", original script" : "");
        if (n->given || n->family)
            fprintf(out, "%-14s given: %s; family: %s%s%s\n", "", n->given ? n->given : "-",
                    n->family ? n->family : "-", n->patronymic ? "; patronymic: " : "",
                    n->patronymic ? n->patronymic : "");
    }
}

static void text_details(FILE *out, const embargo_entity *e) {
    char date[40];
    for (size_t i = 0; i < e->n_births; i++)
        fprintf(out, "%-14s %s\n", e->kind == EMBARGO_KIND_VESSEL ? "built" : "born",
                embargo_date_format(&e->births[i], date, sizeof date));
    for (size_t i = 0; i < e->n_birth_places; i++)
        fprintf(out, "%-14s %s\n", "birth place", e->birth_places[i].text);
    text_countries(out, "nationality", e->nationalities, e->n_nationalities);
    text_countries(out, "citizenship", e->citizenships, e->n_citizenships);
    text_countries(out, "country", e->countries, e->n_countries);
    if (e->gender) fprintf(out, "%-14s %s\n", "gender", embargo_gender_name(e->gender));
    for (size_t i = 0; i < e->n_titles; i++) fprintf(out, "%-14s %s\n", "title", e->titles[i]);
    for (size_t i = 0; i < e->n_addresses; i++) {
        const embargo_address *a = &e->addresses[i];
        fprintf(out, "%-14s %s%s%s%s%s\n", "address", a->text ? a->text : "",
                a->city ? (a->text ? ", " : "") : "", a->city ? a->city : "",
                a->country[0] || a->country_text ? (a->text || a->city ? ", " : "") : "",
                a->country[0] ? a->country : (a->country_text ? a->country_text : ""));
    }
    for (size_t i = 0; i < e->n_identifiers; i++) {
        const embargo_identifier *id = &e->identifiers[i];
        fprintf(out, "%-14s %s %s%s%s%s%s\n", "identifier", embargo_id_type_name(id->type), id->value,
                id->country[0] ? " (" : "", id->country, id->country[0] ? ")" : "",
                id->note ? "" : "");
        if (id->note) fprintf(out, "%-14s %s\n", "", id->note);
    }
    for (size_t i = 0; i < e->n_programs; i++)
        fprintf(out, "%-14s %s (regime %s)\n", "program", e->programs[i].code, e->programs[i].regime);
    for (size_t i = 0; i < e->n_links; i++)
        fprintf(out, "%-14s %s: %s%s%s\n", "link", e->links[i].relation, e->links[i].name,
                e->links[i].target_id ? " -> " : "", e->links[i].target_id ? e->links[i].target_id : "");
    if (e->flag[0]) fprintf(out, "%-14s %s\n", "flag", e->flag);
    if (e->vessel_type) fprintf(out, "%-14s %s\n", "vessel type", e->vessel_type);
    if (e->tonnage) fprintf(out, "%-14s %s\n", "tonnage", e->tonnage);
    if (e->listed.from.year) fprintf(out, "%-14s %s\n", "listed", embargo_date_format(&e->listed, date, sizeof date));
    if (e->remarks) fprintf(out, "%-14s %s\n", "remarks", e->remarks);
}

embargo_status embargo_entity_write_text(const embargo_entity *e, FILE *out) {
    fprintf(out, "%-14s %s\n", "id", e->id);
    fprintf(out, "%-14s %s%s%s%s\n", "kind", embargo_kind_name(e->kind), e->kind_text ? " (" : "",
            e->kind_text ? e->kind_text : "", e->kind_text ? ")" : "");
    text_names(out, e);
    text_details(out, e);
    return ferror(out) ? EMBARGO_EIO : EMBARGO_OK;
}
