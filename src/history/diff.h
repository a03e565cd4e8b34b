/*
 * diff.h - what changed between two loads of the lists: entities added,
 * removed and changed, with the fields that changed, per source.
 *
 * Entities are matched by id (SOURCE:ID), which is stable across versions
 * of a list. A field is compared through the entity's JSON form
 * (entity_json.h), so every field the model carries is compared the same
 * way and a new field of the model is diffed without a change here.
 */
#ifndef EMBARGO_HISTORY_DIFF_H
#define EMBARGO_HISTORY_DIFF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "embargo/store.h"

typedef enum { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED, DIFF_KINDS } diff_kind;

typedef struct {
    diff_kind kind;
    char *id;                     /* "ofac:20157", owned */
    char *source;                 /* "ofac", owned */
    char *name;                   /* primary name (of the new record, or the old one when removed), owned */
    uint32_t fields;              /* DIFF_CHANGED: bit i set when diff_field_name(i) changed */
} diff_item;

typedef struct {
    diff_item *items;             /* sorted by source, kind, id */
    size_t n, cap;
} diff_result;

/* How many fields are compared, and the name of field I ("names", "births", ...). */
size_t diff_field_count(void);
const char *diff_field_name(size_t i);

/*
 * Compares OLD with NEW into OUT (which must be zeroed or freed before).
 * Returns EMBARGO_OK or EMBARGO_ENOMEM. Free OUT with diff_free.
 */
embargo_status diff_stores(const embargo_store *old_store, const embargo_store *new_store, diff_result *out);
void diff_free(diff_result *d);

/* Counts of KIND in source SOURCE (NULL: every source). */
size_t diff_count(const diff_result *d, const char *source, diff_kind kind);

/*
 * The diff as JSON: {"sources":{"ofac":{"added":N,"removed":N,"changed":N,
 * "entities":[{"id","name","change","fields":[...]}]}}, "added":N, ...}.
 * New reference; NULL on OOM.
 */
json_t *diff_to_json(const diff_result *d);
/* The diff as text: a count line per source, then one line per entity. */
void diff_write_text(const diff_result *d, FILE *out);

/*
 * The SHA-256 (hex, 64 chars + NUL into HEX) of ENTITY's JSON with sorted
 * keys: two records hash the same exactly when no field differs.
 * Returns false on OOM.
 */
bool diff_entity_hash(const embargo_entity *entity, char hex[65]);

#endif
