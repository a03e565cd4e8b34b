/*
 * score.c - aligning two names token by token and scoring the alignment.
 *
 * Every pairing of a query unit with a listed unit is scored (a unit is one
 * token, or two adjacent tokens read as one word), the pairings are sorted
 * by similarity, and taken greedily while their tokens are free. Names have
 * a handful of tokens, so this is quick, and on names it finds the same
 * pairing as an optimal assignment except in contrived ties.
 */
#include "match/match.h"

#include "embargo/entity.h"

#include <stdlib.h>
#include <string.h>

#define MATCH_MAX_CANDIDATES (4 * TEXT_MAX_TOKENS * TEXT_MAX_TOKENS)

typedef struct {
    float similarity;
    uint8_t q_first, q_count, c_first, c_count, how;
} pairing;

static int pairing_cmp(const void *pa, const void *pb) {
    const pairing *a = pa, *b = pb;
    if (a->similarity != b->similarity) return a->similarity > b->similarity ? -1 : 1;
    /* On a tie prefer single tokens, then the earlier query token (stable). */
    int a_units = a->q_count + a->c_count, b_units = b->q_count + b->c_count;
    if (a_units != b_units) return a_units - b_units;
    if (a->q_first != b->q_first) return a->q_first - b->q_first;
    return a->c_first - b->c_first;
}

static void add_pairing(pairing *list, size_t *n, float s, size_t qi, size_t qn,
                        size_t ci, size_t cn, match_how how) {
    if (s <= 0.0f || *n >= MATCH_MAX_CANDIDATES) return;
    list[(*n)++] = (pairing){s, (uint8_t)qi, (uint8_t)qn, (uint8_t)ci, (uint8_t)cn, (uint8_t)how};
}

/* True when A1 A2 joined is within a letter of B's length: the only joins that can meet it. */
static inline bool joinable(const mtok *a1, const mtok *a2, const mtok *b) {
    int len = a1->len + a2->len;
    return len <= b->len + 1 && len + 1 >= b->len;
}

/* The similarity of query token I and listed token J: GIVEN, or worked out. */
static inline float token_similarity(const mtok *q, const mtok *c, size_t i, size_t j, const match_sims *given,
                                     match_how *how) {
    if (!given) return match_token_similarity(&q[i], &c[j], how);
    *how = (match_how)given->how[j * given->stride + i];
    return given->sim[j * given->stride + i];
}

/* Scores every unit pairing with a similarity above 0 into LIST. */
static size_t collect_pairings(const mtok *q, size_t nq, const mtok *c, size_t nc, const match_sims *given,
                               pairing *list) {
    size_t n = 0;
    match_how how = MATCH_HOW_EXACT;
    for (size_t i = 0; i < nq; i++) {
        if (q[i].weight <= 0.0f) continue;
        for (size_t j = 0; j < nc; j++) {
            if (c[j].weight <= 0.0f) continue;
            float s = token_similarity(q, c, i, j, given, &how);
            add_pairing(list, &n, s, i, 1, j, 1, how);
            if (i + 1 < nq && q[i + 1].weight > 0.0f && joinable(&q[i], &q[i + 1], &c[j])) {
                s = match_joined_similarity(&q[i], &q[i + 1], &c[j], &how);
                add_pairing(list, &n, s, i, 2, j, 1, how);
            }
            if (j + 1 < nc && c[j + 1].weight > 0.0f && joinable(&c[j], &c[j + 1], &q[i])) {
                s = match_joined_similarity(&c[j], &c[j + 1], &q[i], &how);
                add_pairing(list, &n, s, i, 1, j, 2, how);
            }
        }
    }
    return n;
}

static bool units_free(const uint8_t *used, size_t first, size_t count) {
    for (size_t k = first; k < first + count; k++)
        if (used[k]) return false;
    return true;
}

/* Weighted share of TOKS covered, with each token's pairing similarity. A title counts only when met. */
static double coverage(const mtok *toks, size_t n, const float *sim) {
    double total = 0.0, got = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (sim[i] <= 0.0f && (toks[i].flags & TEXT_TOK_TITLE)) continue;
        total += toks[i].weight;
        got += toks[i].weight * sim[i];
    }
    return total > 0.0 ? got / total : 0.0;
}

/* True when some matched query token is a real name word, not a generic one. */
static bool substance_matched(const mtok *q, size_t nq, const float *q_sim) {
    for (size_t i = 0; i < nq; i++)
        if (q_sim[i] > 0.0f && !(q[i].flags & MATCH_NOT_SUBSTANCE)) return true;
    return false;
}

/*
 * The number of weighted words of TOKS other than legal forms and titles, or
 * 0 when one of them is not met (SIM 0). Legal forms and titles count as
 * met, as in the score.
 */
static size_t words_all_met(const mtok *toks, size_t n, const float *sim) {
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        if (toks[i].weight <= 0.0f || (toks[i].flags & (TEXT_TOK_LEGAL | TEXT_TOK_TITLE))) continue;
        if (sim[i] <= 0.0f) return 0;
        words++;
    }
    return words;
}

/*
 * True when the listed name is one real word ("GREEN", "George") and the
 * query has a word besides it that was not matched ("Al Green"): a nickname
 * alone says little about a fuller name, whatever the weights.
 */
static bool single_word_meets_more(const mtok *q, size_t nq, const uint8_t *q_used,
                                   const mtok *c, size_t nc) {
    const uint16_t not_words = TEXT_TOK_LEGAL | TEXT_TOK_HONORIFIC | TEXT_TOK_TITLE;
    size_t words = 0;
    for (size_t j = 0; j < nc; j++) words += !(c[j].flags & not_words);
    if (words != 1) return false;
    for (size_t i = 0; i < nq; i++)
        if (!q_used[i] && !(q[i].flags & not_words)) return true;
    return false;
}

double match_c_base(int listed_kind) {
    bool person_or_unknown = listed_kind == EMBARGO_KIND_PERSON || listed_kind == EMBARGO_KIND_UNKNOWN;
    return person_or_unknown ? MATCH_Q_BASE : MATCH_Q_BASE_ORG;
}

void match_names(const mtok *q, size_t nq, const mtok *c, size_t nc, int listed_kind, match_result *out) {
    match_names_given(q, nq, c, nc, listed_kind, NULL, out);
}

void match_names_given(const mtok *q, size_t nq, const mtok *c, size_t nc, int listed_kind, const match_sims *given,
                       match_result *out) {
    memset(out, 0, sizeof *out);
    if (nq == 0 || nc == 0) return;
    if (nq > TEXT_MAX_TOKENS) nq = TEXT_MAX_TOKENS;
    if (nc > TEXT_MAX_TOKENS) nc = TEXT_MAX_TOKENS;
    pairing list[MATCH_MAX_CANDIDATES];
    size_t n = collect_pairings(q, nq, c, nc, given, list);
    for (size_t a = 1; a < n; a++) /* a handful of pairings: insertion sort beats qsort's calls */
        for (size_t b = a; b > 0 && pairing_cmp(&list[b], &list[b - 1]) < 0; b--) {
            pairing tmp = list[b];
            list[b] = list[b - 1];
            list[b - 1] = tmp;
        }
    uint8_t q_used[TEXT_MAX_TOKENS] = {0}, c_used[TEXT_MAX_TOKENS] = {0};
    float q_sim[TEXT_MAX_TOKENS] = {0}, c_sim[TEXT_MAX_TOKENS] = {0};
    for (size_t k = 0; k < n && out->n_pairs < MATCH_MAX_PAIRS; k++) {
        const pairing *p = &list[k];
        if (!units_free(q_used, p->q_first, p->q_count) || !units_free(c_used, p->c_first, p->c_count))
            continue;
        for (size_t i = p->q_first; i < (size_t)p->q_first + p->q_count; i++) q_used[i] = 1, q_sim[i] = p->similarity;
        for (size_t j = p->c_first; j < (size_t)p->c_first + p->c_count; j++) c_used[j] = 1, c_sim[j] = p->similarity;
        out->pairs[out->n_pairs++] = (match_pair){p->q_first, p->q_count, p->c_first, p->c_count,
                                                  p->how, p->similarity};
    }
    if (single_word_meets_more(q, nq, q_used, c, nc)) out->single_word = true;
    /* Legal forms neither make nor break a match: one left unmatched counts as met. */
    for (size_t i = 0; i < nq; i++)
        if (!q_used[i] && (q[i].flags & TEXT_TOK_LEGAL)) q_sim[i] = 1.0f;
    out->q_cover = coverage(q, nq, q_sim);
    /* C counts which listed words were met, not how well: Q has paid for that already. */
    float c_met[TEXT_MAX_TOKENS];
    for (size_t j = 0; j < nc; j++) c_met[j] = c_sim[j] > 0.0f || (c[j].flags & TEXT_TOK_LEGAL) ? 1.0f : 0.0f;
    out->c_cover = coverage(c, nc, c_met);
    double base = match_c_base(listed_kind);
    out->score = out->q_cover * (base + (1.0 - base) * out->c_cover);
    /* A name of generic words only ("DES INTERNATIONAL CO., LTD.") is still named
       when every word of both sides is met, two words at least ("HOLDING LLC" is
       not a name); otherwise no real word was shared. */
    bool whole_name = words_all_met(q, nq, q_sim) && words_all_met(c, nc, c_sim) >= 2;
    out->generic_only = !whole_name && !substance_matched(q, nq, q_sim);
    if (out->generic_only) out->score *= MATCH_GENERIC_ONLY_FACTOR;
    if (out->single_word) out->score *= MATCH_SINGLE_WORD_FACTOR;
}
