/*
 * hit_json.h - hits as JSON (a jansson tree, or text written directly) and as
 * readable text, for the CLI and server.
 */
#ifndef EMBARGO_HIT_JSON_H
#define EMBARGO_HIT_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "embargo/search.h"

/* A new JSON object for HIT with its explanation; NULL when out of memory. 
 * Reals are rounded as json_writer_real (util/json_writer.h) rounds them. */
json_t *hit_to_json(const embargo_hit *hit);
/* The same object as hit_to_json, written as text to W (the fast path of batch output). */
struct json_writer;
void hit_write_json(struct json_writer *w, const embargo_hit *hit);
/* HIT as two or more readable lines: score, id, name; then why. */
void hit_write_text(const embargo_hit *hit, FILE *out);

#endif
