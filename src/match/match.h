/*
 * match.h - scoring a query name against a listed name, with the reasons.
 *
 * Both names arrive as arrays of mtok: normalized tokens (from the text
 * pipeline) with their alternate spellings, keys, flags and a weight that
 * says how much a match on that token proves (from how rare it is in the
 * lists). The scorer aligns the tokens for the best pairing, whatever their
 * order, allowing two adjacent tokens on either side to meet one token on
 * the other ("jong un" / "jongun"), and returns a name score in [0, 1]:
 *
 *   Q = sum over query tokens of weight * similarity of its pair / sum of weights
 *   C = sum over the listed name's tokens met (at any similarity) of weight / sum of weights
 *   name score = Q * (B + (1 - B) * C)
 *
 * with B = MATCH_Q_BASE for a listed person (or a party of unknown kind)
 * and MATCH_Q_BASE_ORG for organizations, vessels and aircraft: organizations go by short forms of their names
 * ("Rosneft" for "Rosneft Oil Company"), so a listed word the query leaves
 * out costs less there. Legal forms (TEXT_TOK_LEGAL) left unmatched count
 * as met on either side: they neither make nor break a match.
 *
 * so a query token left unmatched costs far more than a listed token left
 * unmatched ("Vladimir Putin" still meets "PUTIN, Vladimir Vladimirovich"),
 * and one common token alone ("Kim") does not meet a three-token name.
 *
 * Token similarity is above 0 only when the two tokens share a retrieval key
 * (index/keys.c): a spelling, a phonetic key, a consonant skeleton, or a
 * deletion variant within the typo budget. That is what lets the candidate
 * index promise to lose no match that scoring every name would find.
 */
#ifndef EMBARGO_MATCH_H
#define EMBARGO_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

#define MATCH_Q_BASE 0.60
#define MATCH_Q_BASE_ORG 0.70
#define MATCH_FUZZY_MIN_LEN 4     /* typo, phonetic and skeleton rules need this many letters */

/*
 * True when words of ALEN and BLEN letters may be one typo apart: both of
 * 4+ letters, or 3 and 4 (a letter lost: "tong" / "tog"). Two words of 3
 * letters never are ("kim", "kin"); keys.c files deletions to match.
 */
static inline bool match_typo_lengths(size_t alen, size_t blen) {
    size_t shorter = alen < blen ? alen : blen, longer = alen < blen ? blen : alen;
    return shorter >= MATCH_FUZZY_MIN_LEN || (shorter == MATCH_FUZZY_MIN_LEN - 1 && longer == MATCH_FUZZY_MIN_LEN);
}
/*
 * The similarity a single typo of weighted COST (sim_one_edit) leaves
 * between words of LONGER letters: 0.70 to 0.95 (token_match.c).
 */
float match_typo_similarity(double cost, size_t longer);
#define MATCH_KEY_MIN_JW 0.75     /* phonetic and skeleton keys also need this Jaro-Winkler */
#define MATCH_UNVOWELLED_SIM 0.95f /* unvowelled Arabic script met by its vowels (token_match.c) */
#define MATCH_MAX_PAIRS TEXT_MAX_TOKENS

/* One token of a name, as the scorer sees it. Strings are NUL-terminated. */
typedef struct {
    const char *text;
    const char *alts;       /* n_alt strings back to back, each NUL-terminated */
    const char *skeleton;
    const char *phonetic;
    float weight;           /* evidence a match on it gives; 0 for dropped tokens */
    uint16_t flags;         /* TEXT_TOK_* */
    uint8_t len;
    uint8_t n_alt;
    uint8_t legal;          /* text_legal */
} mtok;

/* How two tokens (or a joined pair) were found alike. */
typedef enum {
    MATCH_HOW_EXACT = 0,    /* same spelling */
    MATCH_HOW_SPELLING,     /* a transliteration or alternate spelling */
    MATCH_HOW_TYPO,         /* within the edit budget */
    MATCH_HOW_PHONETIC,     /* same phonetic key */
    MATCH_HOW_SKELETON,     /* same consonant skeleton */
    MATCH_HOW_INITIAL,      /* an initial meets a word */
    MATCH_HOW_LEGAL_FORM,   /* same legal-form class */
    MATCH_HOW_UNVOWELLED,   /* unvowelled Arabic script and a romanization adding its vowels */
    MATCH_HOW_COUNT
} match_how;

typedef struct {
    uint8_t q_first, q_count;   /* query tokens q_first.. (count 1 or 2) */
    uint8_t c_first, c_count;   /* listed tokens */
    uint8_t how;                /* match_how */
    float similarity;
} match_pair;

/* Names that share only generic words, initials or legal forms (and are not met whole) score half. */
#define MATCH_GENERIC_ONLY_FACTOR 0.5
/* The query tokens that are no substance of a name: a match of these alone is generic_only (score.c). */
#define MATCH_NOT_SUBSTANCE (TEXT_TOK_GENERIC | TEXT_TOK_PARTICLE | TEXT_TOK_LEGAL | TEXT_TOK_INITIAL | \
                             TEXT_TOK_HONORIFIC | TEXT_TOK_TITLE)

/* Listed names of one real word meet queries of more words at a discount. */
#define MATCH_SINGLE_WORD_FACTOR 0.8

typedef struct {
    double score;               /* the name score */
    double q_cover;             /* Q */
    double c_cover;             /* C */
    bool single_word;           /* a one-word listed name met a longer query */
    bool generic_only;          /* only generic words, initials or legal forms were shared: halved */
    size_t n_pairs;
    match_pair pairs[MATCH_MAX_PAIRS];
} match_result;

const char *match_how_name(match_how how);

/*
 * Similarity of two single tokens in [0, 1], and how (into *HOW). 0 when
 * they share no retrieval key.
 */
float match_token_similarity(const mtok *a, const mtok *b, match_how *how);

/*
 * Similarity of the tokens A1 A2 read as one word against B (for names
 * written as one word on one side and two on the other). 0 when unlike.
 */
float match_joined_similarity(const mtok *a1, const mtok *a2, const mtok *b, match_how *how);

/* B of the formula above for a listed party of LISTED_KIND (embargo_kind). */
double match_c_base(int listed_kind);

/* Scores query Q (NQ tokens) against listed name C (NC tokens) of a party of LISTED_KIND into *OUT. */
void match_names(const mtok *q, size_t nq, const mtok *c, size_t nc, int listed_kind, match_result *out);

/*
 * The similarities of listed tokens with query tokens, as
 * match_token_similarity gives them, when the caller has them already (a
 * search remembers a listed word's: search.c): listed token J and query
 * token I at SIM[J * STRIDE + I], and HOW likewise.
 */
typedef struct {
    const float *sim;
    const uint8_t *how;
    size_t stride;
} match_sims;

/* match_names with the single tokens' similarities GIVEN. */
void match_names_given(const mtok *q, size_t nq, const mtok *c, size_t nc, int listed_kind, const match_sims *given,
                       match_result *out);

/*
 * Fills TOKS (capacity TEXT_MAX_TOKENS) from a prepared name; the strings
 * point into NAME, which must outlive TOKS. ALTS_BUF (TEXT_POOL_SIZE bytes)
 * receives the alternates laid out back to back. Weights are set to 1;
 * the caller sets real ones. Returns the token count.
 */
size_t match_tokens_from_text(const text_name *name, mtok *toks, char *alts_buf);

/*
 * The weight multiplier of a token's role (generic word, particle,
 * initial...) in a name of KIND: generic organization words ("Holding",
 * "Bank") weigh fully in a person's name, where they are family names.
 */
float match_role_factor(uint16_t flags, int kind);

#endif
