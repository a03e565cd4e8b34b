/*
 * deal_int.h - the deal as read from its JSON (deal_input.c), shared with
 * the screening (deal.c). Strings point into the JSON the deal holds.
 */
#ifndef EMBARGO_DEAL_INT_H
#define EMBARGO_DEAL_INT_H

#include "screen/deal.h"

#define DEAL_MAX_LIST 16

typedef enum { DEAL_SIDE_FROM, DEAL_SIDE_TO, DEAL_SIDE_BANK, DEAL_SIDE_CARRIER } deal_side;

typedef struct {
    const char *name;
    double share;                 /* percent */
    char country[3];
} deal_owner;

typedef struct {
    const char *name;
    const char *role;             /* canonical: seller, buyer, ... */
    deal_side side;
    char country[3];              /* "" unknown */
    embargo_kind kind;
    const char *identifier;       /* the first identifier, or NULL */
    deal_owner owners[DEAL_MAX_LIST];
    size_t n_owners;
} deal_party;

typedef struct {
    const char *hs;               /* or NULL */
    const char *description;      /* or NULL */
    json_t *quantity, *unit, *value, *currency; /* as given, or NULL */
} deal_item;

struct deal {
    json_t *json;
    const char *id;
    const char *date;             /* or NULL */
    const char *jurisdictions[DEAL_MAX_LIST];
    size_t n_jurisdictions;
    char origin[3], destination[3];
    char transit[DEAL_MAX_LIST][3];
    size_t n_transit;
    deal_party *parties;
    size_t n_parties;
    deal_item *items;
    size_t n_items;
    const char *vessel_name, *vessel_imo;
    char vessel_flag[3];
    bool ship_to_ship;
};

#endif
