/*
 * diff.c - see diff.h. Both stores are walked once: every entity of NEW is
 * looked up in OLD by id (added, or compared field by field), then every
 * entity of OLD missing from NEW is removed. Fields are compared as the
 * JSON values of the entity's JSON form, so lists compare in order (a
 * publisher reordering aliases is a change of "names").
 */
#include "history/diff.h"

#include <stdlib.h>
#include <string.h>

#include "history/sha256.h"
#include "model/entity_json.h"

/* The fields compared, by their key in the entity's JSON; bit i of diff_item.fields. */
static const char *const diff_fields[] = {
    "kind", "kind_text", "names", "births", "birth_places", "nationalities", "citizenships",
    "countries", "gender", "addresses", "identifiers", "programs", "links", "titles",
    "listed", "remarks", "flag", "vessel_type", "tonnage",
};
#define DIFF_N_FIELDS (sizeof diff_fields / sizeof *diff_fields)

static const char *const kind_names[DIFF_KINDS] = {"added", "removed", "changed"};

size_t diff_field_count(void) {
    return DIFF_N_FIELDS;
}

const char *diff_field_name(size_t i) {
    return i < DIFF_N_FIELDS ? diff_fields[i] : NULL;
}

static bool push_item(diff_result *d, diff_kind kind, const embargo_entity *e, uint32_t fields) {
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        diff_item *p = realloc(d->items, cap * sizeof *p);
        if (!p) return false;
        d->items = p;
        d->cap = cap;
    }
    diff_item *it = &d->items[d->n];
    it->kind = kind;
    it->fields = fields;
    it->id = strdup(e->id);
    it->source = strdup(e->source);
    it->name = strdup(e->n_names ? e->names[0].full : e->id);
    if (!it->id || !it->source || !it->name) {
        free(it->id), free(it->source), free(it->name);
        return false;
    }
    d->n++;
    return true;
}

/* The fields that differ between A and B, as a bit set; UINT32_MAX on OOM. */
static uint32_t changed_fields(const embargo_entity *a, const embargo_entity *b) {
    json_t *ja = entity_to_json(a), *jb = entity_to_json(b);
    uint32_t bits = 0;
    if (!ja || !jb) bits = UINT32_MAX;
    for (size_t i = 0; i < DIFF_N_FIELDS && bits != UINT32_MAX; i++) {
        json_t *va = json_object_get(ja, diff_fields[i]), *vb = json_object_get(jb, diff_fields[i]);
        bool same = (!va && !vb) || (va && vb && json_equal(va, vb));
        /* An empty list and an absent field are the same. */
        if (!same && (!va || !vb)) {
            json_t *v = va ? va : vb;
            same = json_is_array(v) && json_array_size(v) == 0;
        }
        if (!same) bits |= 1u << i;
    }
    json_decref(ja);
    json_decref(jb);
    return bits;
}

static int item_cmp(const void *pa, const void *pb) {
    const diff_item *a = pa, *b = pb;
    int c = strcmp(a->source, b->source);
    if (c) return c;
    if (a->kind != b->kind) return (int)a->kind - (int)b->kind;
    return strcmp(a->id, b->id);
}

embargo_status diff_stores(const embargo_store *old_store, const embargo_store *new_store, diff_result *out) {
    for (size_t i = 0; i < embargo_store_count(new_store); i++) {
        const embargo_entity *e = embargo_store_at(new_store, i);
        const embargo_entity *old = embargo_store_get(old_store, e->id);
        uint32_t fields = old ? changed_fields(old, e) : 0;
        if (fields == UINT32_MAX) return EMBARGO_ENOMEM;
        if ((!old || fields) && !push_item(out, old ? DIFF_CHANGED : DIFF_ADDED, e, fields)) return EMBARGO_ENOMEM;
    }
    for (size_t i = 0; i < embargo_store_count(old_store); i++) {
        const embargo_entity *e = embargo_store_at(old_store, i);
        if (!embargo_store_get(new_store, e->id) && !push_item(out, DIFF_REMOVED, e, 0)) return EMBARGO_ENOMEM;
    }
    if (out->n) qsort(out->items, out->n, sizeof *out->items, item_cmp);
    return EMBARGO_OK;
}

void diff_free(diff_result *d) {
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].id);
        free(d->items[i].source);
        free(d->items[i].name);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

size_t diff_count(const diff_result *d, const char *source, diff_kind kind) {
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].kind == kind && (!source || strcmp(d->items[i].source, source) == 0)) n++;
    return n;
}

static json_t *fields_to_json(uint32_t fields) {
    json_t *a = json_array();
    for (size_t f = 0; f < DIFF_N_FIELDS; f++)
        if (fields & (1u << f)) json_array_append_new(a, json_string(diff_fields[f]));
    return a;
}

static json_t *item_to_json(const diff_item *it) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(it->id));
    json_object_set_new(o, "name", json_string(it->name));
    json_object_set_new(o, "change", json_string(kind_names[it->kind]));
    if (it->kind == DIFF_CHANGED) json_object_set_new(o, "fields", fields_to_json(it->fields));
    return o;
}

/* The per-source object of SOURCE in SOURCES, created with zero counts. */
static json_t *source_object(json_t *sources, const char *source) {
    json_t *s = json_object_get(sources, source);
    if (s) return s;
    s = json_object();
    for (int k = 0; k < DIFF_KINDS; k++) json_object_set_new(s, kind_names[k], json_integer(0));
    json_object_set_new(s, "entities", json_array());
    json_object_set_new(sources, source, s);
    return s;
}

static void bump(json_t *o, const char *key) {
    json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + 1));
}

json_t *diff_to_json(const diff_result *d) {
    json_t *root = json_object(), *sources = json_object();
    if (!root || !sources) {
        json_decref(root);
        json_decref(sources);
        return NULL;
    }
    for (int k = 0; k < DIFF_KINDS; k++)
        json_object_set_new(root, kind_names[k], json_integer((json_int_t)diff_count(d, NULL, (diff_kind)k)));
    for (size_t i = 0; i < d->n; i++) {
        json_t *s = source_object(sources, d->items[i].source);
        bump(s, kind_names[d->items[i].kind]);
        json_array_append_new(json_object_get(s, "entities"), item_to_json(&d->items[i]));
    }
    json_object_set_new(root, "sources", sources);
    return root;
}

void diff_write_text(const diff_result *d, FILE *out) {
    fprintf(out, "%zu added, %zu removed, %zu changed\n", diff_count(d, NULL, DIFF_ADDED),
            diff_count(d, NULL, DIFF_REMOVED), diff_count(d, NULL, DIFF_CHANGED));
    for (size_t i = 0; i < d->n; i++) {
        const diff_item *it = &d->items[i];
        if (i == 0 || strcmp(it->source, d->items[i - 1].source) != 0)
            fprintf(out, "\n%s: %zu added, %zu removed, %zu changed\n", it->source,
                    diff_count(d, it->source, DIFF_ADDED), diff_count(d, it->source, DIFF_REMOVED),
                    diff_count(d, it->source, DIFF_CHANGED));
        fprintf(out, "  %c %s  %s", "+-~"[it->kind], it->id, it->name);
        for (size_t f = 0, first = 1; f < DIFF_N_FIELDS; f++)
            if (it->fields & (1u << f)) fprintf(out, "%s%s", first ? "  [" : ", ", diff_fields[f]), first = 0;
        fputs(it->fields ? "]\n" : "\n", out);
    }
}

bool diff_entity_hash(const embargo_entity *entity, char hex[65]) {
    json_t *j = entity_to_json(entity);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(j);
    bool ok = text && sha256_hex(text, strlen(text), hex);
    free(text);
    return ok;
}
