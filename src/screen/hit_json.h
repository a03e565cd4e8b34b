/*
 * hit_json.h - hits as JSON (jansson) and as text, for the CLI and server.
 */
#ifndef EMBARGO_HIT_JSON_H
#define EMBARGO_HIT_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "embargo/search.h"

/* A new JSON object for HIT with its explanation; NULL when out of memory. */
json_t *hit_to_json(const embargo_hit *hit);
/* HIT as two or more readable lines: score, id, name; then why. */
void hit_write_text(const embargo_hit *hit, FILE *out);

#endif
