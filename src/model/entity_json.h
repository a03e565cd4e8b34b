/*
 * entity_json.h - an entity as a jansson object, for the CLI and the server.
 */
#ifndef EMBARGO_ENTITY_JSON_H
#define EMBARGO_ENTITY_JSON_H

#include <jansson.h>
#include "embargo/entity.h"

/* A new JSON object for ENTITY (caller owns the reference), or NULL on OOM. */
json_t *entity_to_json(const embargo_entity *entity);
/* A JSON string of DATE in embargo_date_format form, or null when unknown. */
json_t *date_to_json(const embargo_date *date);

#endif
