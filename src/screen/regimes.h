/*
 * regimes.h - the sanctions measures (data/regimes/regimes.txt) that deal
 * and document screening apply, loaded and validated.
 *
 * A measure says who imposes it (authority, instrument, provision, a
 * citation), whom it binds (all states for the UN Security Council, else the
 * users under that authority), what it targets (countries, listed parties
 * of a source and regime, parties owned by them, vessels of a flag), in which
 * direction (supply to the target, procurement from it, both), for which
 * goods categories, and with what effect. Every field is checked at load: an
 * unknown country code, goods category or effect, or a citation that names
 * no provision, is an error naming the file and line.
 */
#ifndef EMBARGO_REGIMES_H
#define EMBARGO_REGIMES_H

#include <stdbool.h>
#include <stddef.h>

#include "embargo/entity.h"
#include "screen/goods.h"

#define REGIME_MAX_COUNTRIES 32

typedef enum {
    REGIME_EFFECT_REVIEW = 0,     /* a person must look at it */
    REGIME_EFFECT_TRAVEL_BAN,     /* concerns the person, not the goods: review */
    REGIME_EFFECT_LICENCE,        /* licence required */
    REGIME_EFFECT_ASSET_FREEZE,   /* no funds or resources to or from the party */
    REGIME_EFFECT_PROHIBITED,
    REGIME_EFFECT_COUNT
} regime_effect;

enum { REGIME_SUPPLY = 1, REGIME_PROCUREMENT = 2, REGIME_BOTH = 3 };

typedef enum {
    REGIME_TARGET_COUNTRY = 0,    /* goods to or from these countries */
    REGIME_TARGET_LISTED,         /* parties on a list: source[:regime[:program]] */
    REGIME_TARGET_OWNED_BY,       /* parties owned SHARE% or more by listed ones */
    REGIME_TARGET_FLAG            /* vessels flying these flags */
} regime_target_kind;

typedef struct {
    regime_target_kind kind;
    char countries[REGIME_MAX_COUNTRIES][3];
    size_t n_countries;
    char *source;                 /* LISTED, OWNED_BY: "un", "ofac", "csl" */
    char *regime;                 /* or NULL: any regime */
    char *program;                /* or NULL: any program (needs the entity to check) */
    double share;                 /* OWNED_BY: 50 */
} regime_target;

typedef struct {
    char *id;
    char *authority;              /* UN, US, EU, UK */
    char *instrument;
    char *provision;
    char *citation;
    char *note;                   /* or NULL */
    char *binds;                  /* "all" or an authority */
    regime_target *targets;
    size_t n_targets;
    int direction;                /* REGIME_SUPPLY | REGIME_PROCUREMENT */
    goods_set goods;              /* 0 with goods_any */
    bool goods_any;
    goods_set except;
    regime_effect effect;
    unsigned kinds;               /* bit per embargo_kind; 0: any */
    char *condition;              /* "ship-to-ship", or NULL */
    char since[11], until[11];    /* ISO dates or "" */
    size_t line;                  /* where the stanza starts */
} regime_measure;

typedef struct {
    char *path;
    char current[11];             /* the date the file is current to */
    regime_measure *measures;
    size_t n;
} regime_set;

/*
 * Loads PATH, checking goods categories against GOODS. Returns the set
 * (free with regimes_free) or NULL with "PATH:LINE: why" in ERR.
 */
regime_set *regimes_load(const char *path, const goods_table *goods, char *err, size_t err_size);
void regimes_free(regime_set *set);

/* "prohibited", "licence-required", "asset-freeze", "travel-ban", "review". */
const char *regime_effect_name(regime_effect effect);
/* "supply", "procurement", "both". */
const char *regime_direction_name(int direction);
/* True when the measure binds a user under JURISDICTIONS (N codes; N == 0: every authority). */
bool regime_binds(const regime_measure *m, const char *const *jurisdictions, size_t n);
/* True when the measure is in force on DATE (ISO, or NULL/"" for any date). */
bool regime_in_force(const regime_measure *m, const char *date);
/* True when COUNTRY (alpha-2) is among T's countries. */
bool regime_target_has(const regime_target *t, const char *country);

#endif
