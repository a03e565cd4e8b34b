/*
 * search.c - one name query against the index: prepare the query, gather
 * candidate names through the key table, score them, keep each entity's
 * best, add the other fields' evidence, rank.
 *
 * Candidate gathering is exact, not heuristic. Each query token looks up its
 * keys; a name found through token i gets bit i. A name's query coverage Q
 * (match.h) can only come from tokens that found it, plus tokens that were
 * not looked up (initials, and common words while the rare ones decide), so
 * sum(weights of those tokens) / sum(all weights) bounds its score from
 * above. Names whose bound, plus the most the other fields can add, stays
 * under the threshold are not scored: they could not be reported. The
 * exhaustive mode scores every name and must report the same hits.
 */
#include <stdlib.h>
#include <string.h>

#include "embargo/country.h"
#include "index/index_int.h"
#include "index/keys.h"
#include "match/evidence.h"
#include "match/match.h"
#include "model/date.h"
#include "screen/search_int.h"
#include "text/text.h"

/* A word in more than this share of names is common: looked up only if needed. */
#define SEARCH_COMMON_SHARE 50u
#define SEARCH_MAX_NAME_BYTES 4096

embargo_results *embargo_results_new(void) {
    embargo_results *r = calloc(1, sizeof *r);
    if (r) buf_init(&r->error);
    return r;
}

void embargo_results_free(embargo_results *r) {
    if (!r) return;
    free(r->name_stamp);
    free(r->name_bits);
    free(r->entity_stamp);
    free(r->entity_best);
    free(r->touched);
    free(r->best);
    free(r->hits);
    buf_free(&r->error);
    free(r);
}

size_t embargo_results_count(const embargo_results *r) {
    return r->n_hits;
}

const embargo_hit *embargo_results_hit(const embargo_results *r, size_t i) {
    return i < r->n_hits ? &r->hits[i] : NULL;
}

size_t embargo_results_scored(const embargo_results *r) {
    return r->scored;
}

const char *embargo_results_error(const embargo_results *r) {
    return buf_str(&r->error);
}

/* Sizes the per-name and per-entity scratch arrays for IX. */
static bool results_fit(embargo_results *r, const embargo_index *ix) {
    size_t names = ix->meta->n_names, entities = ix->meta->n_entities;
    if (r->cap_names < names) {
        free(r->name_stamp);
        free(r->name_bits);
        free(r->touched);
        r->name_stamp = calloc(names + 1, sizeof *r->name_stamp);
        r->name_bits = calloc(names + 1, sizeof *r->name_bits);
        r->touched = calloc(names + 1, sizeof *r->touched);
        r->cap_names = names;
        r->generation = 0;
        if (!r->name_stamp || !r->name_bits || !r->touched) return r->cap_names = 0, false;
    }
    if (r->cap_entities < entities) {
        free(r->entity_stamp);
        free(r->entity_best);
        free(r->best);
        r->entity_stamp = calloc(entities + 1, sizeof *r->entity_stamp);
        r->entity_best = calloc(entities + 1, sizeof *r->entity_best);
        r->best = calloc(entities + 1, sizeof *r->best);
        r->cap_entities = entities;
        r->generation = 0;
        if (!r->entity_stamp || !r->entity_best || !r->best) return r->cap_entities = 0, false;
    }
    if (++r->generation == 0) { /* wrapped: clear the stamps */
        memset(r->name_stamp, 0, (r->cap_names + 1) * sizeof *r->name_stamp);
        memset(r->entity_stamp, 0, (r->cap_entities + 1) * sizeof *r->entity_stamp);
        r->generation = 1;
    }
    return true;
}

/* The document frequency of WORD in IX, 0 when no list holds it. */
static uint32_t word_df(const embargo_index *ix, const char *word) {
    uint32_t n;
    const uint32_t *ids = index_lookup(ix, key_hash('v', word, strlen(word)), &n);
    return n && ids[0] < ix->meta->n_vocab ? ix->vocab[ids[0]].df : 0;
}

/* Prepares the query name and weighs its tokens. */
static embargo_status prepare_query(embargo_results *r, const embargo_index *ix, const char *name) {
    size_t len = strlen(name);
    if (len > SEARCH_MAX_NAME_BYTES) len = SEARCH_MAX_NAME_BYTES;
    if (text_name_prepare(name, len, &r->query) != TEXT_OK) {
        buf_puts(&r->error, "the name has no letters or digits to search for");
        return EMBARGO_EINVAL;
    }
    r->nq = match_tokens_from_text(&r->query, r->qtok, r->qalts);
    r->q_total = 0.0;
    for (size_t i = 0; i < r->nq; i++) {
        mtok *t = &r->qtok[i];
        uint32_t df = ix ? word_df(ix, t->text) : 0;
        r->q_df[i] = df;
        float idf = ix ? index_idf(df, ix->meta->n_names) : 1.0f;
        t->weight = idf * match_role_factor(t->flags);
        r->q_total += t->weight;
    }
    if (r->q_total <= 0.0) {
        buf_puts(&r->error, "the name holds only titles");
        return EMBARGO_EINVAL;
    }
    return EMBARGO_OK;
}

typedef struct {
    embargo_results *r;
    const embargo_index *ix;
    uint32_t bits;
} probe_ctx;

/* Marks every name filed under KEY with the probe's token bits. */
static void probe_key(uint64_t key, void *user) {
    probe_ctx *p = user;
    embargo_results *r = p->r;
    uint32_t n_vocab;
    const uint32_t *vocab = index_lookup(p->ix, key, &n_vocab);
    for (uint32_t v = 0; v < n_vocab; v++) {
        if (vocab[v] >= p->ix->meta->n_vocab) continue; /* a damaged file; never trust an id */
        const idx_vocab *entry = &p->ix->vocab[vocab[v]];
        const uint32_t *names = p->ix->postings + entry->postings;
        for (uint32_t k = 0; k < entry->n_postings; k++) {
            uint32_t name = names[k];
            if (r->name_stamp[name] != r->generation) {
                r->name_stamp[name] = r->generation;
                r->name_bits[name] = 0;
                r->touched[r->n_touched++] = name;
            }
            r->name_bits[name] |= p->bits;
        }
    }
}

/* Looks up every key of query token T (and of T joined with the next one). */
static void probe_token(embargo_results *r, const embargo_index *ix, size_t i) {
    const mtok *t = &r->qtok[i];
    probe_ctx p = {r, ix, 1u << i};
    probe_key(key_hash('e', t->text, t->len), &p);
    const char *alt = t->alts;
    for (int a = 0; a < t->n_alt; a++, alt += strlen(alt) + 1) probe_key(key_hash('e', alt, strlen(alt)), &p);
    keys_fuzzy(t->text, t->len, t->phonetic, t->skeleton, probe_key, &p);
    if (t->len > 1) probe_key(key_hash('i', t->text, 1), &p);
}

/*
 * Looks up query tokens I and I+1 joined ("abdul rahman" -> "abdulrahman").
 * Needed when either of the two is looked up: a name found only through the
 * joined form gets the weight of both.
 */
static void probe_join(embargo_results *r, const embargo_index *ix, size_t i) {
    const mtok *t = &r->qtok[i];
    if (i + 1 < r->nq && r->qtok[i + 1].weight > 0.0f) {
        const mtok *u = &r->qtok[i + 1];
        uint16_t no_join = TEXT_TOK_LEGAL | TEXT_TOK_INITIAL;
        if (!((t->flags | u->flags) & no_join) && (size_t)t->len + u->len <= TEXT_MAX_TOKEN_LEN) {
            char joined[TEXT_MAX_TOKEN_LEN + 1];
            memcpy(joined, t->text, t->len);
            memcpy(joined + t->len, u->text, u->len);
            size_t len = (size_t)t->len + u->len;
            joined[len] = '\0';
            probe_ctx p = {r, ix, (1u << i) | (1u << (i + 1))};
            probe_key(key_hash('e', joined, len), &p);
            keys_fuzzy(joined, len, NULL, NULL, probe_key, &p);
        }
    }
}

/* True when token I is not worth a lookup of its own while rarer ones decide. */
static bool token_is_common(const embargo_results *r, const embargo_index *ix, size_t i) {
    const mtok *t = &r->qtok[i];
    if (t->flags & (TEXT_TOK_GENERIC | TEXT_TOK_PARTICLE | TEXT_TOK_LEGAL)) return true;
    return r->q_df[i] > ix->meta->n_names / SEARCH_COMMON_SHARE;
}

/*
 * Gathers candidates into r->touched; r->free_weight gets the weight of the
 * tokens not looked up (they may match any name).
 */
static void gather_candidates(embargo_results *r, const embargo_index *ix, double floor) {
    r->n_touched = 0;
    double unprobed = 0.0;
    bool common[TEXT_MAX_TOKENS] = {false};
    for (size_t i = 0; i < r->nq; i++) {
        const mtok *t = &r->qtok[i];
        if (t->weight <= 0.0f) continue;
        common[i] = (t->flags & TEXT_TOK_INITIAL) || token_is_common(r, ix, i);
        if (common[i]) unprobed += t->weight;
    }
    /* Common words must be looked up too when they alone could reach the floor. */
    bool probe_common = unprobed / r->q_total >= floor;
    r->free_weight = 0.0;
    bool probed[TEXT_MAX_TOKENS + 1] = {false};
    for (size_t i = 0; i < r->nq; i++) {
        const mtok *t = &r->qtok[i];
        if (t->weight <= 0.0f) continue;
        if (t->flags & TEXT_TOK_INITIAL) r->free_weight += t->weight;
        else if (common[i] && !probe_common) r->free_weight += t->weight;
        else probe_token(r, ix, i), probed[i] = true;
    }
    for (size_t i = 0; i + 1 < r->nq; i++)
        if (r->qtok[i].weight > 0.0f && (probed[i] || probed[i + 1])) probe_join(r, ix, i);
}

/* The upper bound of the query coverage of a name found with token BITS. */
static double coverage_bound(const embargo_results *r, uint32_t bits) {
    double w = r->free_weight;
    for (size_t i = 0; i < r->nq; i++)
        if (bits & (1u << i)) w += r->qtok[i].weight;
    return w / r->q_total;
}

/* Scores listed name NAME_ID against the query; keeps its entity's best. */
static void score_name(embargo_results *r, const embargo_index *ix, uint32_t name_id) {
    const idx_name *name = &ix->names[name_id];
    mtok c[TEXT_MAX_TOKENS];
    size_t nc = name->n_tokens;
    for (size_t j = 0; j < nc; j++) {
        const idx_token *t = &ix->tokens[name->first_token + j];
        c[j] = (mtok){index_str(ix, t->text), index_str(ix, t->alts), t->skeleton, t->phonetic,
                      t->weight, t->flags, t->len, t->n_alt, t->legal};
    }
    match_result m;
    match_names(r->qtok, r->nq, c, nc, &m);
    r->scored++;
    uint32_t e = name->entity;
    if (r->entity_stamp[e] != r->generation) {
        r->entity_stamp[e] = r->generation;
        r->entity_best[e] = r->n_best;
        r->best[r->n_best++] = (search_best){e, name_id, m, 0.0, 0};
    } else if (m.score > r->best[r->entity_best[e]].match.score) {
        r->best[r->entity_best[e]].name = name_id;
        r->best[r->entity_best[e]].match = m;
    }
}

embargo_status search_run(const embargo_index *ix, const search_request *req, embargo_results *r) {
    r->n_best = 0;
    r->scored = 0;
    if (!results_fit(r, ix)) return EMBARGO_ENOMEM;
    double floor = req->threshold - req->max_gain;
    if (req->exhaustive) {
        for (uint32_t n = 0; n < ix->meta->n_names; n++) score_name(r, ix, n);
        return EMBARGO_OK;
    }
    gather_candidates(r, ix, floor);
    for (size_t k = 0; k < r->n_touched; k++) {
        uint32_t name = r->touched[k];
        if (coverage_bound(r, r->name_bits[name]) >= floor) score_name(r, ix, name);
    }
    return EMBARGO_OK;
}

embargo_status search_prepare(embargo_results *r, const embargo_index *ix, const char *name) {
    buf_clear(&r->error);
    r->n_hits = 0;
    if (!name) {
        buf_puts(&r->error, "no name given");
        return EMBARGO_EINVAL;
    }
    return prepare_query(r, ix, name);
}
