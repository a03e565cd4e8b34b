/*
 * ftm.h - an embargo entity as FollowTheMoney properties (the shape the
 * yente API answers in: property name -> array of strings), for yente
 * compatibility.
 */
#ifndef EMBARGO_SERVER_FTM_H
#define EMBARGO_SERVER_FTM_H

#include <jansson.h>

#include "embargo/entity.h"

/* A new object of ENTITY's FollowTheMoney properties (name, alias, birthDate, ...). */
json_t *ftm_properties(const embargo_entity *entity, int is_sanction);

#endif
