/*
 * search_int.h - the insides of a search shared by search.c (candidates and
 * name scores) and hits.c (evidence, ranking and explanations).
 */
#ifndef EMBARGO_SEARCH_INT_H
#define EMBARGO_SEARCH_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "embargo/search.h"
#include "match/match.h"
#include "text/text.h"
#include "util/buf.h"

/* An entity's best name so far; kept small, since exhaustive runs hold one per entity. */
typedef struct {
    uint32_t entity;
    uint32_t name;               /* the entity's best-matching name */
    double name_score;
    double score;                /* with the evidence of the other fields */
    uint16_t priority;           /* the source's rank, for ties (index_int.h) */
} search_best;

/*
 * Name scores of one query by listed name text and kind: the same name is
 * often listed by several publishers (and versions), and scores alike
 * (search.c, score_name). Slots are stamped with the query's generation.
 */
#define SEARCH_SCORE_CACHE 2048   /* power of two */
#define SEARCH_REACHED 4096      /* power of two: listed words a query's probes walked, at most half of it */

/* Weak aliases (OFAC's own word: broad names that alone raise false hits) count less. */
#define SEARCH_WEAK_ALIAS_FACTOR 0.9
typedef struct {
    uint32_t stamp;
    uint32_t full;               /* the name's interned text */
    uint8_t kind;
    match_result m;              /* before the weak-alias discount; hits reuse its pairs */
} search_score_slot;

/*
 * The similarities of one listed word with each query token (at most
 * SEARCH_ROW_TOKENS), as match_token_similarity gives them: a word is held
 * by many of a query's candidates (search.c, word_row). Slots are stamped
 * with the query's generation; the key is what the similarity reads of the
 * listed token: its spellings, its legal and script flags, its form's class.
 */
#define SEARCH_ROW_CACHE 2048    /* power of two */
#define SEARCH_ROW_TOKENS 8
typedef struct {
    uint32_t stamp;
    uint32_t text, alts;         /* the token's interned strings */
    uint16_t tag;                /* its flags that matter, and its legal class */
    uint8_t how[SEARCH_ROW_TOKENS];
    float sim[SEARCH_ROW_TOKENS];
} search_row_slot;

/* What the candidate gathering knows of one listed name during a query. */
typedef struct {
    uint32_t name;               /* the listed name's id */
    float bound;                 /* upper bound of its query coverage, in weight units */
    uint64_t levels;             /* 2 bits per query token: the best key level that found it */
} search_name_state;

typedef struct {
    double threshold;
    double max_gain;             /* the most the query's other fields can add */
    int exhaustive;
} search_request;

/*
 * Cache of whether a query word's lookups reach any listed word of an
 * index (search_reach.c). An entry holds the serial of the index it was
 * asked of, so a results object may move to another index safely.
 */
typedef struct search_reach search_reach;
/* A new empty cache (NULL when out of memory); search_reach_free(NULL) is a no-op. */
search_reach *search_reach_new(void);
void search_reach_free(search_reach *cache);
/* 1 or 0: the cached answer for WORD (JOINED: two query words written as one) in IX; -1: not known. */
int search_reach_get(search_reach *cache, const embargo_index *ix, const char *word, size_t len, bool joined);
/* Remembers the answer REACH for WORD in IX (may evict another word). */
void search_reach_put(search_reach *cache, const embargo_index *ix, const char *word, size_t len, bool joined, bool reach);

/*
 * Cache of the vocabulary entries a query word's probe walks (search_walks.c),
 * keyed by the bytes that decide them (search.c, probe_key_own/joined). A
 * walk is a vocabulary id times 2, plus 1 when walked at the weak level.
 */
#define SEARCH_WALKS_KEY_MAX 128
#define SEARCH_WALKS_MAX 128
typedef struct search_walks search_walks;
/* A new empty cache (NULL when out of memory); search_walks_free(NULL) is a no-op. */
search_walks *search_walks_new(void);
void search_walks_free(search_walks *cache);
/* The N walks remembered for KEY (LEN bytes) in IX, in walking order; NULL: not known. */
const uint32_t *search_walks_get(search_walks *cache, const embargo_index *ix, const char *key, size_t len, size_t *n);
/* Remembers the N walks of KEY in IX (may evict another key; not kept when longer than the limits). */
void search_walks_put(search_walks *cache, const embargo_index *ix, const char *key, size_t len, const uint32_t *walk,
                      size_t n);

/*
 * Turns on (the default) or off the search's cheap refusals (search.c): the
 * reach check (a query too few of whose words reach any listed word gathers
 * nothing) and the listed bound (a name too long for the query to cover
 * enough of is not scored); and its memories of each word's probe
 * (search_walks) and similarities (row_cache). Off, a search is the plain
 * one: the baseline that benchmarks measure them against and tests compare
 * them with.
 */
void search_set_pruning(embargo_results *r, bool on);

struct embargo_results {
    /* the query */
    text_name query;
    mtok qtok[TEXT_MAX_TOKENS];
    char qalts[TEXT_POOL_SIZE];
    uint32_t q_df[TEXT_MAX_TOKENS];
    size_t nq;
    double q_total;              /* sum of the query tokens' weights */
    double free_weight;          /* weight of tokens not looked up */
    uint32_t looked_up;          /* bit i: query token i was looked up for candidates (gather_candidates) */
    float digits_half;           /* half the weight of the one-byte tokens looked up (search.c, one_byte_half) */
    /* candidates: stamps avoid clearing per query */
    uint32_t generation;
    /*
     * The candidates, in the order found: dense, so that the scoring pass
     * reads them in order instead of one cache miss per name. A listed
     * name's bit in touched_bits says it is one (small enough to stay in
     * cache; cleared name by name at the next query), and then cand_of
     * holds its place in touched.
     */
    search_name_state *touched;
    uint32_t *cand_of;           /* per listed name: its place in touched, valid while its bit is set */
    uint64_t *touched_bits;
    size_t cap_names, n_touched;
    /*
     * Names the first looked-up token found that no bound lets through on
     * that token alone: pending until another token finds them (search.c,
     * pend_add). A bit each, another for those found at the strong level,
     * and the list, to clear the bits at the next query.
     */
    uint64_t *pend_bits, *pend_strong;
    uint32_t *pend;
    size_t n_pend;
    int pend_token;              /* the token that pended them; -1: none this query */
    uint32_t *vocab_seen;        /* per vocabulary entry: the probe that last walked it, times 8, plus at which level
                                    (one word, so one cache miss a word reached; search.c, SEEN_*) */
    uint32_t probe_gen;          /* under SEARCH_PROBE_GEN_END */
    size_t cap_vocab;
    uint32_t *entity_stamp, *entity_best;
    search_best *best;
    size_t cap_entities, n_best;
    size_t scored;
    search_score_slot score_cache[SEARCH_SCORE_CACHE];
    search_row_slot row_cache[SEARCH_ROW_CACHE];
    uint32_t reached_text[SEARCH_REACHED];  /* the listed words the query's probes walked (search.c, reached_add) */
    uint32_t reached_stamp[SEARCH_REACHED]; /* ... the generation of each slot */
    uint32_t reached_bits[SEARCH_REACHED];  /* ... the query tokens whose probes walked it (bit i: token i) */
    uint32_t reached_gen, reached_n;
    bool reached_full;           /* too many to hold: not known */
    search_reach *reach;         /* words known to reach (or not) a listed word; NULL until needed */
    search_walks *walks;         /* words' probes remembered; NULL until needed */
    bool no_pruning;             /* no reach check, no listed bound, no remembered probes (search_set_pruning) */
    /* the answer */
    embargo_hit *hits;
    size_t n_hits, cap_hits;
    buf error;
};

/* Clears R and prepares NAME (a party of KIND) as its query (IX may be NULL: weights 1). */
embargo_status search_prepare(embargo_results *r, const embargo_index *ix, const char *name, int kind);
/* Scores the candidates of the prepared query into r->best (name scores only). */
embargo_status search_run(const embargo_index *ix, const search_request *req, embargo_results *r);
/*
 * Scores listed name NAME_ID against the prepared query into *M (with the
 * weak-alias discount in m->score).
 */
void search_score_name(const embargo_results *r, const embargo_index *ix, uint32_t name_id,
                       mtok *c, size_t *nc, match_result *m);
/*
 * Like search_score_name, but takes the result scored earlier in this query
 * when the score cache still holds it (hits.c explains the best names).
 */
void search_score_name_again(const embargo_results *r, const embargo_index *ix, uint32_t name_id,
                             mtok *c, size_t *nc, match_result *m);
/* Fills HIT's explanation (pairs) from match result M of query Q against listed tokens C. */
void search_explain(const embargo_results *r, const mtok *c, const match_result *m, embargo_hit *hit);

#endif
