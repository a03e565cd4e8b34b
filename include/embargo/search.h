/*
 * search.h - screening names against the lists: the compiled index, the
 * query, and hits that explain their score.
 *
 * The index is built once from a store (embargo_index_build writes one
 * versioned file) and memory-mapped by embargo_index_open, so start-up does
 * not depend on the size of the lists. An index is read-only and may be
 * searched by many threads at once, each with its own embargo_results.
 *
 * Scores are on one scale from 0 to 1. A hit at or above the threshold
 * (EMBARGO_DEFAULT_THRESHOLD unless the caller says otherwise) is reported.
 * The score is the name score (how well the query name meets the best of
 * the entity's names) plus the evidence of the other fields the query gives:
 * date of birth, country, kind, gender; an identifier (passport, IMO, BIC...)
 * equal to one the entity carries decides the match on its own.
 */
#ifndef EMBARGO_SEARCH_H
#define EMBARGO_SEARCH_H

#include <stddef.h>

#include "embargo/entity.h"
#include "embargo/status.h"
#include "embargo/store.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EMBARGO_DEFAULT_THRESHOLD 0.80
#define EMBARGO_DEFAULT_LIMIT 10
#define EMBARGO_MAX_PAIRS 32

typedef struct embargo_index embargo_index;
typedef struct embargo_results embargo_results;

/*
 * Builds the index of STORE and writes it to PATH (atomically: a reader
 * sees the old file or the new one). On failure ERR (may be NULL) gets a
 * message of at most ERR_SIZE bytes.
 */
embargo_status embargo_index_build(const embargo_store *store, const char *path,
                                   char *err, size_t err_size);
/*
 * Builds the index of STORE in memory, for one-off runs without an index
 * file. The result is used and closed like an opened one.
 */
embargo_status embargo_index_build_memory(const embargo_store *store, embargo_index **out,
                                          char *err, size_t err_size);
/*
 * Builds in memory an index where only the entities KEEP accepts (nonzero)
 * can be found, with the word weights of the whole STORE: a search of it
 * finds exactly the hits among those entities that a search of the whole
 * index finds, with the same scores. For rescreening against what changed.
 */
typedef int (*embargo_keep_fn)(const embargo_entity *entity, void *user);
embargo_status embargo_index_build_memory_subset(const embargo_store *store, embargo_keep_fn keep, void *user,
                                                 embargo_index **out, char *err, size_t err_size);
/*
 * Maps the index file at PATH, in about a millisecond: the header, the
 * sections and every record offset are checked, so a truncated, old or
 * damaged file is refused with a reason and never read out of bounds. The
 * checksum is not read at open (it would touch every page): see verify.
 */
embargo_status embargo_index_open(const char *path, embargo_index **out, char *err, size_t err_size);
/* Checks the index file at PATH whole, checksum included (`embargo index verify`). */
embargo_status embargo_index_verify(const char *path, char *err, size_t err_size);
void embargo_index_close(embargo_index *index);

size_t embargo_index_entity_count(const embargo_index *index);
size_t embargo_index_name_count(const embargo_index *index);
/* "un 2026-02-27; ofac (no date); ..." the sources the index was built from. */
const char *embargo_index_sources(const embargo_index *index);

typedef struct {
    const char *name;             /* required, UTF-8, any script */
    embargo_kind kind;            /* EMBARGO_KIND_UNKNOWN: any */
    const char *dob;              /* date of birth as text ("1984-01-08", "1984"), or NULL */
    const char *country;          /* country code or name, or NULL */
    const char *identifier;       /* passport, IMO, BIC, ... or NULL */
    embargo_gender gender;
} embargo_query;

typedef struct {
    double threshold;             /* report hits at or above; <0 means the default */
    size_t limit;                 /* at most this many hits; 0 means the default */
    int exhaustive;               /* 1: score every name instead of using the index */
    int all_copies;               /* 1: report each file's copy of a record, not the best one alone (rescreening
                                     asks about given entities: a copy must not hide them) */
} embargo_search_options;

/* One token pairing in a hit's explanation. */
typedef struct {
    const char *query;            /* the query token (two joined show as "jong un") */
    const char *listed;           /* the listed token(s) */
    const char *how;              /* exact, spelling, typo, phonetic, skeleton, initial, legal-form */
    double similarity;
    double weight;                /* the query token's share of the name's evidence */
} embargo_pair;

typedef struct {
    const char *entity_id;        /* "ofac:20157" */
    const char *entity_name;      /* primary name */
    const char *matched_name;     /* the name or alias that matched best */
    const char *matched_quality;  /* primary, strong, weak, former */
    const char *regimes;          /* "dprk,proliferation" */
    embargo_kind kind;
    double score;                 /* final score, 0..1 */
    double name_score;
    double query_coverage;        /* share of the query's evidence matched */
    double listed_coverage;       /* share of the listed name's evidence matched */
    double name_factor;           /* name_score is Q x (B + (1 - B) x C) times this: 0.5 when the names share only
                                     generic words, initials or legal forms, 0.8 for a one-word listed name met by a
                                     longer query, 0.9 for a weak alias; 1 when none applies */
    const char *name_rule;        /* why name_factor is under 1 ("generic words only; weak alias"); "" when it is 1 */
    double dob_effect;            /* what each field added (negative: took away) */
    double country_effect;
    double kind_effect;
    double gender_effect;
    int identifier_match;         /* 1: an identifier matched exactly */
    size_t n_pairs;
    embargo_pair pairs[EMBARGO_MAX_PAIRS];
    char text[2048];              /* storage for the pairs' strings; not for callers */
} embargo_hit;

/* Results hold a search's hits and its scratch memory; reuse them per thread. */
embargo_results *embargo_results_new(void);
void embargo_results_free(embargo_results *results);

/*
 * Searches INDEX for QUERY. OPTIONS may be NULL for the defaults. Hits go to
 * RESULTS, best first. EMBARGO_EINVAL for an empty or unusable name (the
 * message says why: embargo_results_error).
 */
embargo_status embargo_search(const embargo_index *index, const embargo_query *query,
                              const embargo_search_options *options, embargo_results *results);
size_t embargo_results_count(const embargo_results *results);
const embargo_hit *embargo_results_hit(const embargo_results *results, size_t i);
/* How many names the last search scored (candidates), for benchmarks. */
size_t embargo_results_scored(const embargo_results *results);
const char *embargo_results_error(const embargo_results *results);

/*
 * Compares two names with the scorer alone (no lists; token weights all 1)
 * and fills HIT with the score and explanation (entity fields empty).
 */
embargo_status embargo_compare(const char *name1, const char *name2, embargo_kind kind,
                               embargo_hit *hit);

#ifdef __cplusplus
}
#endif
#endif
