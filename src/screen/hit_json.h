/*
 * hit_json.h - hits as JSON (a jansson tree, or text written directly) and as
 * readable text, for the CLI and server.
 */
#ifndef EMBARGO_HIT_JSON_H
#define EMBARGO_HIT_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "embargo/search.h"
#include "util/buf.h"
#include "util/json_dump.h"

/* A new JSON object for HIT with its explanation; NULL when out of memory. 
 * Reals are rounded as json_writer_real (util/json_writer.h) rounds them. */
json_t *hit_to_json(const embargo_hit *hit);
/*
 * Values shared among the trees one caller builds by the thousand (a
 * document scan's hits and mentions): each distinct string once, and the
 * "fields" object of hits no field beside the name moved, and each distinct
 * token pairing's object. Trees built
 * through a pool share members, so they must not be changed once built.
 * Start from {NULL}; hit_json_pool_clear releases it.
 */
typedef struct {
    json_t *strings;          /* text -> its JSON string */
    json_t *no_fields;        /* the "fields" object of a hit with no field effect */
    json_t *pairs;            /* a pairing's words, how and reals -> its JSON object */
} hit_json_pool;
/* hit_to_json through POOL (NULL: no sharing); the same JSON. */
json_t *hit_to_json_pooled(const embargo_hit *hit, hit_json_pool *pool);
/*
 * A new reference to the JSON string of the LEN bytes at S (S NULL: ""),
 * from POOL when it holds it (POOL NULL: a new string); NULL when out of
 * memory or not UTF-8, as json_stringn.
 */
json_t *hit_json_string(hit_json_pool *pool, const char *s, size_t len);
void hit_json_pool_clear(hit_json_pool *pool);
/* The same object as hit_to_json, written as text to W (the fast path of batch output). */
struct json_writer;
void hit_write_json(struct json_writer *w, const embargo_hit *hit);
/* Whether hit_to_json can make HIT's object: its strings UTF-8, its reals finite. */
bool hit_json_valid(const embargo_hit *hit);
/*
 * The same object as hit_to_json, as text, for a caller writing many hits at
 * one depth in one style (a document scan's): the bytes jansson prints for
 * that tree (json_dump.h) in STYLE at DEPTH (the writer's when it writes the
 * hit). The constant runs between a hit's values are made once for the
 * layout; then each hit is appended to OUT with them, its reals through
 * CACHE (may be NULL). hit_layout_new gives NULL when out of memory.
 */
typedef struct hit_layout hit_layout;
struct json_dump_cache;
hit_layout *hit_layout_new(const json_dump_style *style, int depth);
void hit_layout_free(hit_layout *layout);
/* Appends HIT; false, with OUT as it was, when hit_to_json would make no object of it (hit_json_valid). */
bool hit_dump_laid(buf *out, const hit_layout *layout, struct json_dump_cache *cache, const embargo_hit *hit);
/* HIT as two or more readable lines: score, id, name; then why. */
void hit_write_text(const embargo_hit *hit, FILE *out);

#endif
