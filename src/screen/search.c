/*
 * search.c - one name query against the index: prepare the query, gather
 * candidate names through the key table, score them, keep each entity's
 * best, add the other fields' evidence, rank.
 *
 * Candidate gathering is exact, not heuristic. Each essential query token
 * looks up its keys; a name found through token i gets bit i (at the level
 * of the key that found it: a phonetic key proves at most 0.85). A name's
 * query coverage Q (match.h) can only come from tokens that found it, plus
 * tokens that were not looked up (initials, and the common tokens MaxScore
 * leaves out), so their weights over the sum of all weights bound its score
 * from above. Names whose bound, plus the most the other fields can add, stays
 * under the threshold are not scored: they could not be reported. Names
 * holding initials are gathered by letter too (admit_initial_holders): a
 * listed initial meets query words no key of theirs finds. The exhaustive
 * mode scores every name and must report the same hits.
 */
#include <stdlib.h>
#include <string.h>

#include "embargo/country.h"
#include "index/index_int.h"
#include "index/keys.h"
#include "match/evidence.h"
#include "match/match.h"
#include "match/similarity.h"
#include "model/date.h"
#include "screen/search_int.h"
#include "text/text.h"

/* A word in more than 1/50 of the names is common (see choose_essential). */
#define SEARCH_COMMON_SHARE 50u
#define SEARCH_MAX_NAME_BYTES 4096

/*
 * Query tokens that may meet words no key of theirs finds: a one-letter
 * token meets any word it begins (token_match.c, whatever its flags), and a
 * legal form is met by class.
 */
static bool token_keyless(const mtok *t) {
    return t->len == 1 || (t->flags & (TEXT_TOK_INITIAL | TEXT_TOK_LEGAL));
}

/*
 * Query tokens never looked up, counted as met in every bound (free
 * weight): initials and legal forms, which have no keys, and titles (the
 * scorer counts neither a form nor a title unmet, score.c). A digit is
 * keyless too, but looked up: alone it may weigh more than the floor, and
 * the names its keys find would then be missed (choose_essential).
 */
static bool token_free(const mtok *t) {
    return t->flags & (TEXT_TOK_INITIAL | TEXT_TOK_LEGAL | TEXT_TOK_TITLE);
}

embargo_results *embargo_results_new(void) {
    embargo_results *r = calloc(1, sizeof *r);
    if (r) buf_init(&r->error);
    return r;
}

void embargo_results_free(embargo_results *r) {
    if (!r) return;
    free(r->cand_of);
    free(r->touched_bits);
    free(r->pend_bits);
    free(r->pend_strong);
    free(r->pend);
    free(r->entity_stamp);
    free(r->entity_best);
    free(r->vocab_seen);
    free(r->touched);
    free(r->best);
    free(r->hits);
    search_reach_free(r->reach);
    search_walks_free(r->walks);
    buf_free(&r->error);
    free(r);
}

void search_set_pruning(embargo_results *r, bool on) {
    r->no_pruning = !on;
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
        free(r->cand_of);
        free(r->touched);
        free(r->touched_bits);
        free(r->pend_bits);
        free(r->pend_strong);
        free(r->pend);
        /* Never read before written (the bitmaps tell): not cleared, so a query touches only the pages it uses. */
        r->cand_of = malloc((names + 1) * sizeof *r->cand_of);
        r->touched = malloc((names + 1) * sizeof *r->touched);
        r->pend = malloc((names + 1) * sizeof *r->pend);
        r->touched_bits = calloc(names / 64 + 1, sizeof *r->touched_bits);
        r->pend_bits = calloc(names / 64 + 1, sizeof *r->pend_bits);
        r->pend_strong = calloc(names / 64 + 1, sizeof *r->pend_strong);
        r->n_touched = r->n_pend = 0;
        r->cap_names = names;
        r->generation = 0;
        if (!r->cand_of || !r->touched || !r->touched_bits || !r->pend_bits || !r->pend_strong || !r->pend)
            return r->cap_names = 0, false;
    }
    if (r->cap_entities < entities) {
        free(r->entity_stamp);
        free(r->entity_best);
        free(r->best);
        r->entity_stamp = calloc(entities + 1, sizeof *r->entity_stamp);
        r->entity_best = malloc((entities + 1) * sizeof *r->entity_best); /* read only where entity_stamp says */
        r->best = malloc((entities + 1) * sizeof *r->best);               /* ... and the first n_best */
        r->cap_entities = entities;
        r->generation = 0;
        if (!r->entity_stamp || !r->entity_best || !r->best) return r->cap_entities = 0, false;
    }
    if (r->cap_vocab < ix->meta->n_vocab) {
        free(r->vocab_seen);
        r->vocab_seen = calloc(ix->meta->n_vocab + 1, sizeof *r->vocab_seen);
        r->cap_vocab = ix->meta->n_vocab;
        r->probe_gen = 0;
        if (!r->vocab_seen) return r->cap_vocab = 0, false;
    }
    if (++r->generation == 0) { /* wrapped: clear the stamps */
        memset(r->entity_stamp, 0, (r->cap_entities + 1) * sizeof *r->entity_stamp);
        for (size_t k = 0; k < SEARCH_SCORE_CACHE; k++) r->score_cache[k].stamp = 0;
        for (size_t k = 0; k < SEARCH_ROW_CACHE; k++) r->row_cache[k].stamp = 0;
        memset(r->reached_stamp, 0, sizeof r->reached_stamp);
        r->generation = 1;
    }
    return true;
}

/* Prepares the query name and weighs its tokens. */
static embargo_status prepare_query(embargo_results *r, const embargo_index *ix, const char *name, int kind) {
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
        uint32_t df = ix ? index_word_df(ix, t->text, t->len) : 0;
        /* A word no list holds, spelled otherwise ("stokc", alternate "stock"), weighs as that. */
        const char *alt = t->alts;
        for (int a = 0; ix && df == 0 && a < t->n_alt; a++, alt += strlen(alt) + 1) df = index_word_df(ix, alt, strlen(alt));
        r->q_df[i] = df;
        float idf = ix ? index_idf(df, ix->meta->n_names) : 1.0f;
        t->weight = idf * match_role_factor(t->flags, kind);
        r->q_total += t->weight;
    }
    if (r->q_total <= 0.0) {
        buf_puts(&r->error, "the name holds only titles");
        return EMBARGO_EINVAL;
    }
    return EMBARGO_OK;
}

/*
 * What a probe does with the listed words its keys reach: gather candidates
 * (walk_postings); only mark which candidates the word meets (walk_mark),
 * for the listed bound; or only note the words reached (reached_add), for
 * the listed bound by word, walking no names at all.
 */
typedef enum { WALK_GATHER, WALK_MARK, WALK_REACH } walk_mode;

typedef struct {
    embargo_results *r;
    const embargo_index *ix;
    uint32_t bits;
    const char *word;            /* the query word (or two joined) the keys are of */
    size_t len;
    bool joined;
    uint64_t admit_code;         /* walks at this key level (as in levels) or better may add candidates; 4: none */
    uint64_t plain_code;         /* ... and names without an initial (initial_bound), at this level or better */
    bool pend;                   /* the candidates it would add wait for another token instead (pend_add) */
    uint32_t *record;            /* or NULL: the walks made, as search_walks keeps them */
    size_t n_record;             /* ... how many (more than SEARCH_WALKS_MAX: too many to keep) */
    uint8_t mode;                /* walk_mode: what a walk of a listed word's names does */
    int unvowelled;              /* the word is unvowelled Arabic script: 1 yes, 0 no, -1 not known */
} probe_ctx;

/*
 * What a key kind can prove at most (token_match.c): spellings and one typo
 * up to 1 (a typo worth 0.85 or less: 0.85, typo_level), phonetic and
 * skeleton keys 0.85. Names found only through weaker
 * keys get the lower bound (raise_bound). An initial proves at most 0.5 and
 * has no key: a name holding one counts 0.5 of every query word it was not
 * found by (initial_bound).
 */
enum { PROBE_STRONG = 0, PROBE_WEAK = 1 };

/* What a probe knows of a vocabulary word it reached (vocab_seen's low 3 bits, valid when the rest is the probe's). */
enum { SEEN_STRONG = 0, SEEN_WEAK = 1, SEEN_FAILED_EDIT = 2, SEEN_FAILED_ALL = 3, SEEN_WEAK_EDIT = 4, SEEN_NOT = 0xFF };
#define SEARCH_PROBE_GEN_END (1u << 29)

static const float level_ceiling[4] = {0.0f, 0.5f, 0.85f, 1.0f};

/* What a probe's walks may admit as candidates (probe_ctx.admit_code): the lowest level code that does. */
enum { ADMIT_ALL = 2, ADMIT_STRONG = 3, ADMIT_NONE = 4 };

/*
 * The admit_code (probe_ctx) of a token of weight W whose new names may get
 * at most MOST (the token's weight in full, and what the others may add):
 * a name first found at the weak level proves at most level_ceiling[2] of W.
 */
static uint64_t admit_from(double w, double most, float bound_floor) {
    if (most < bound_floor) return ADMIT_NONE;
    return most - (1.0 - level_ceiling[2]) * w >= bound_floor - 1e-4 ? ADMIT_ALL : ADMIT_STRONG;
}

/*
 * Raises the bound of name state ST for the tokens in BITS found at key
 * level CODE. levels holds two bits per query token: 0 not found, 1 initial,
 * 2 phonetic, skeleton or a typo worth 0.85 or less (typo_level), 3 spelling
 * or a better typo; the bound is the sum of each token's weight times the
 * ceiling of its best level.
 */
static void raise_bound(const embargo_results *r, search_name_state *st, uint32_t bits, uint64_t code) {
    uint64_t levels = st->levels;
    for (; bits; bits &= bits - 1) {
        int i = __builtin_ctz(bits);
        uint64_t old = (levels >> (2 * i)) & 3;
        if (old >= code) continue;
        levels += (code - old) << (2 * i);
        st->bound += (level_ceiling[code] - level_ceiling[old]) * r->qtok[i].weight;
    }
    st->levels = levels;
}

/* What a probe adds to a name it finds first: its levels and its bound. */
static void first_find(const embargo_results *r, uint32_t bits, uint64_t code, uint64_t *levels, float *bound) {
    *levels = 0;
    *bound = (float)r->free_weight;
    for (; bits; bits &= bits - 1) {
        int i = __builtin_ctz(bits);
        *levels |= code << (2 * i);
        *bound += level_ceiling[code] * r->qtok[i].weight;
    }
}

/*
 * True when the probe's word and the listed word ENTRY, found through a
 * phonetic or skeleton key, may be unvowelled Arabic script and its romanization, which the scorer
 * gives MATCH_UNVOWELLED_SIM (token_match.c): one of them must be (the
 * vocabulary marks listed words spelt from Arabic script), and when the
 * probe does not know of its own word (reach), either may be.
 */
static inline bool unvowelled_pair(const probe_ctx *p, const idx_vocab *entry) {
    bool probe_side = p->unvowelled != 0, entry_side = p->unvowelled < 0 || (entry->flags & IDX_VOCAB_UNVOWELLED);
    if (!(probe_side || entry_side) || p->joined || entry->df == 0) return false;
    const char *w = index_str(p->ix, entry->text);
    size_t wl = strlen(w);
    if ((p->len < wl ? p->len : wl) < MATCH_FUZZY_MIN_LEN) return false; /* as the scorer asks (token_match.c) */
    return (probe_side && sim_vowels_added(p->word, p->len, w, wl)) ||
           (entry_side && sim_vowels_added(w, wl, p->word, p->len));
}

/*
 * True when the listed word ENTRY, found through a fuzzy key of KIND, can
 * meet the probe's word at all by the scorer's rules (token_match.c): one
 * edit, or (single words only) the shared phonetic or skeleton key with a
 * Jaro-Winkler of MATCH_KEY_MIN_JW. Keys collide more often than words
 * match ("jong" and "john" share the deletion "jon"); checking once per
 * word spares walking the names of words that cannot match.
 */
static bool vocab_may_match(const probe_ctx *p, const idx_vocab *entry, char kind) {
    const char *w = index_str(p->ix, entry->text);
    size_t wl = strlen(w);
    if (match_typo_lengths(p->len, wl) && sim_one_edit(p->word, p->len, w, wl) >= 0.0) return true;
    if ((p->len < wl ? p->len : wl) < MATCH_FUZZY_MIN_LEN) return false;
    /* Joined words meet by spelling or one edit only; entry->df 0: the word is only ever a joined pair. */
    if (kind == 'd' || p->joined || entry->df == 0) return false;
    return sim_jaro_winkler(p->word, p->len, w, wl) >= MATCH_KEY_MIN_JW || unvowelled_pair(p, entry);
}

/*
 * The level a word reached through a deletion key ('d') is walked at, -1
 * when it is not one edit from the probe's word. Such a pair is no shared
 * spelling (the probe's 'e' keys, looked up first, would have reached it
 * then), so the scorer gives it at most its typo similarity, or 0.85 by the
 * phonetic rule (token_match.c): a typo worth 0.85 or less proves no more
 * than the weak level, and bounds the name as such. (Joined, the scorer
 * takes 0.97 of the typo similarity: less still.)
 */
static int typo_level(const probe_ctx *p, const idx_vocab *entry) {
    const char *w = index_str(p->ix, entry->text);
    size_t wl = strlen(w);
    if (!match_typo_lengths(p->len, wl)) return -1;
    double cost = sim_one_edit(p->word, p->len, w, wl);
    if (cost < 0.0) return -1;
    return match_typo_similarity(cost, p->len > wl ? p->len : wl) > level_ceiling[2] ? PROBE_STRONG : PROBE_WEAK;
}

/*
 * The words the query's probes walked (search_int.h, reached_*): a set of
 * the listed words' interned text offsets, stamped with the query's
 * generation, each with the tokens whose probes walked it (BITS, as
 * probe_ctx's). Past half full it gives up (reached_full): a bound that
 * needs it then does without.
 */
static void reached_add(embargo_results *r, uint32_t text, uint32_t bits) {
    if (r->reached_gen != r->generation) r->reached_gen = r->generation, r->reached_n = 0, r->reached_full = false;
    if (r->reached_full) return;
    uint32_t h = (text * 2654435761u) & (SEARCH_REACHED - 1);
    for (; r->reached_stamp[h] == r->generation; h = (h + 1) & (SEARCH_REACHED - 1))
        if (r->reached_text[h] == text) {
            r->reached_bits[h] |= bits;
            return;
        }
    if (++r->reached_n > SEARCH_REACHED / 2) {
        r->reached_full = true;
        return;
    }
    r->reached_stamp[h] = r->generation;
    r->reached_text[h] = text;
    r->reached_bits[h] = bits;
}

/* The tokens whose probes walked listed word TEXT (0: none). */
static uint32_t reached_by(const embargo_results *r, uint32_t text) {
    uint32_t h = (text * 2654435761u) & (SEARCH_REACHED - 1);
    for (; r->reached_stamp[h] == r->generation; h = (h + 1) & (SEARCH_REACHED - 1))
        if (r->reached_text[h] == text) return r->reached_bits[h];
    return 0;
}

/*
 * A walk that adds no candidates over postings this many times longer than
 * the candidates found looks each candidate up in them instead: a binary
 * search of some 14 steps against a bitmap test per posting.
 */
#define SEARCH_LOOKUP_RATIO 8u

/* True when NAME is among the N ids of NAMES, which the index files in ascending order (build.c). */
static bool postings_hold(const uint32_t *names, uint32_t n, uint32_t name) {
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (names[mid] < name) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && names[lo] == name;
}

/* True when a walk of N postings that admits no candidate is cheaper as lookups of the candidates (and PENDING names). */
static bool lookups_pay(const embargo_results *r, uint32_t n, bool pending) {
    return n / SEARCH_LOOKUP_RATIO > r->n_touched + (pending ? r->n_pend : 0);
}

/* Makes NAME a candidate with BOUND and LEVELS. */
static inline void admit_name(embargo_results *r, uint32_t name, float bound, uint64_t levels) {
    r->touched_bits[name >> 6] |= 1ull << (name & 63);
    r->cand_of[name] = (uint32_t)r->n_touched;
    r->touched[r->n_touched++] = (search_name_state){name, bound, levels};
}

/*
 * Pending names (search_int.h): when even the heaviest looked-up token
 * cannot lift a name to the floor alone (with the free weight), a name it
 * finds can only get there if another token finds it too, so it waits
 * (its level noted) instead of becoming a candidate; most never are found
 * again. A later walk that finds it admits it with both tokens' levels.
 * While the candidates are gathered, a pending name's touched bit is set
 * too, so that a walk tells the names it has not seen by one bit as before;
 * finish_pending clears the bits of those left waiting.
 */
static void pend_add(embargo_results *r, uint32_t name, uint64_t code) {
    uint64_t bit = 1ull << (name & 63);
    r->touched_bits[name >> 6] |= bit;
    r->pend_bits[name >> 6] |= bit;
    if (code == 3) r->pend_strong[name >> 6] |= bit;
    r->pend[r->n_pend++] = name;
}

/* Admits pending NAME, found by a walk that gives it BOUND and LEVELS, with what the pending token proved. */
static void admit_pending(embargo_results *r, uint32_t name, float bound, uint64_t levels) {
    int t = r->pend_token;
    uint64_t bit = 1ull << (name & 63), code = r->pend_strong[name >> 6] & bit ? 3 : 2;
    r->pend_bits[name >> 6] &= ~bit;
    r->cand_of[name] = (uint32_t)r->n_touched;
    r->touched[r->n_touched++] = (search_name_state){name, bound + level_ceiling[code] * r->qtok[t].weight,
                                                     levels | code << (2 * t)};
}

/* Forgets the names still pending once the candidates are gathered. */
static void finish_pending(embargo_results *r) {
    /* A word of the bitmaps at a time: only pending names (listed in pend) have bits in pend_bits and pend_strong. */
    for (size_t k = 0; k < r->n_pend; k++) {
        uint32_t word = r->pend[k] >> 6;
        uint64_t waiting = r->pend_bits[word];
        r->touched_bits[word] &= ~waiting;
        r->pend_bits[word] = 0;
        r->pend_strong[word] = 0;
    }
    r->n_pend = 0;
}

/* Another walk of the pending token found pending NAME (BIT of WORD) at level CODE. */
static inline void pend_again(embargo_results *r, uint32_t word, uint64_t bit, uint64_t code) {
    if (code == 3) r->pend_strong[word] |= bit;
}

/* A walk of probe P found NAME (BIT of WORD), seen before: a candidate's bound rises, a pending name is admitted. */
static inline void walk_seen(probe_ctx *p, uint32_t name, uint32_t word, uint64_t bit, uint64_t code, float new_bound,
                             uint64_t new_levels) {
    embargo_results *r = p->r;
    if (r->n_pend && (r->pend_bits[word] & bit)) {
        if (p->pend) pend_again(r, word, bit, code);
        else admit_pending(r, name, new_bound, new_levels);
    } else {
        raise_bound(r, &r->touched[r->cand_of[name]], p->bits, code);
    }
}

/*
 * Marks the N names of NAMES with the probe's token bits at key level CODE.
 * This loop is where a query spends most of its time: one state per name,
 * and a name seen for the first time gets its whole state at once. A walk
 * that admits nothing has a loop of its own: most of its postings are names
 * not seen, told by one bit.
 */
static void walk_postings(probe_ctx *p, const uint32_t *names, uint32_t n, uint64_t code) {
    embargo_results *r = p->r;
    uint32_t n_names = p->ix->meta->n_names;
    const uint64_t *bits = r->touched_bits;
    uint64_t new_levels;
    float new_bound;
    first_find(r, p->bits, code, &new_levels, &new_bound);
    if (code < p->admit_code) {
        for (uint32_t k = 0; k < n; k++) {
            uint32_t name = names[k], word = name >> 6;
            if (name >= n_names || !((bits[word] >> (name & 63)) & 1)) continue; /* never trust an id */
            walk_seen(p, name, word, 1ull << (name & 63), code, new_bound, new_levels);
        }
        return;
    }
    bool plain = code >= p->plain_code;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t name = names[k], word = name >> 6;
        if (name >= n_names) continue; /* a damaged file; never trust an id */
        uint64_t bit = 1ull << (name & 63);
        if (bits[word] & bit) {
            walk_seen(p, name, word, bit, code, new_bound, new_levels);
            continue;
        }
        /* Not seen yet. An initial may lift a name alone (initial_bound): it does not wait. */
        bool initial = !plain || p->pend ? index_name_has_initial(p->ix, name) : false;
        if (!plain && !initial) continue;
        if (p->pend && !initial) pend_add(r, name, code);
        else admit_name(r, name, new_bound, new_levels);
    }
}

/*
 * The marking walk (WALK_MARK) of a token not looked up for candidates: a
 * name already found gets the token's level CODE, when better than the one
 * it has, and no bound (the token's weight is in every bound already, as
 * free weight). A level above 0 says the token may meet one of the name's
 * words, and its best level what it may prove (marked_excess): a word
 * walked at the weak level may come before one walked at the strong.
 */
static void mark_name(search_name_state *st, uint32_t bits, uint64_t code) {
    for (; bits; bits &= bits - 1) {
        int i = __builtin_ctz(bits);
        uint64_t old = (st->levels >> (2 * i)) & 3;
        if (old < code) st->levels += (code - old) << (2 * i);
    }
}

static void walk_mark(probe_ctx *p, const uint32_t *names, uint32_t n, uint64_t code) {
    embargo_results *r = p->r;
    uint32_t n_names = p->ix->meta->n_names;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t name = names[k];
        if (name >= n_names || !((r->touched_bits[name >> 6] >> (name & 63)) & 1)) continue;
        mark_name(&r->touched[r->cand_of[name]], p->bits, code);
    }
}

/* The lookups (lookups_pay) of the pending names in the N postings NAMES: those found are admitted. */
static void lookup_pending(probe_ctx *p, const uint32_t *names, uint32_t n, uint64_t code) {
    embargo_results *r = p->r;
    uint64_t new_levels;
    float new_bound;
    first_find(r, p->bits, code, &new_levels, &new_bound);
    for (size_t k = 0; k < r->n_pend; k++) {
        uint32_t name = r->pend[k];
        if (((r->pend_bits[name >> 6] >> (name & 63)) & 1) && postings_hold(names, n, name))
            admit_pending(r, name, new_bound, new_levels);
    }
}

/*
 * Walks the names of listed word ENTRY for probe P: a candidate walk, or a
 * marking one; notes the word reached. A walk that admits no candidate over
 * a long list looks the candidates up in it instead (lookups_pay).
 */
static void walk_names(probe_ctx *p, const idx_vocab *entry, uint64_t code) {
    embargo_results *r = p->r;
    const uint32_t *names = p->ix->postings + entry->postings;
    uint32_t n = entry->n_postings;
    reached_add(r, entry->text, p->bits);
    if (p->mode == WALK_REACH) return;
    bool mark = p->mode == WALK_MARK, pending = !mark && !p->pend && r->n_pend;
    if ((mark || code < p->admit_code) && lookups_pay(r, n, pending)) {
        size_t n_touched = r->n_touched;
        for (size_t k = 0; k < n_touched; k++) {
            search_name_state *st = &r->touched[k];
            if (!postings_hold(names, n, st->name)) continue;
            if (mark) mark_name(st, p->bits, code);
            else raise_bound(r, st, p->bits, code);
        }
        if (pending) lookup_pending(p, names, n, code);
    } else if (mark) {
        walk_mark(p, names, n, code);
    } else {
        walk_postings(p, names, n, code);
    }
}

/* Marks every name of the N_VOCAB listed words VOCAB (filed under a key of KIND) with the probe's token bits. */
static void probe_listed(probe_ctx *p, const uint32_t *vocab, uint32_t n_vocab, char kind) {
    embargo_results *r = p->r;
    int level = kind == 'd' || kind == 'e' ? PROBE_STRONG : PROBE_WEAK;
    static const uint64_t level_code[2] = {3, 2};
    for (uint32_t v = 0; v < n_vocab; v++) {
        uint32_t id = vocab[v];
        if (id >= p->ix->meta->n_vocab) continue; /* a damaged file; never trust an id */
        /* A word reached again through another key of the same probe: test it and walk it once per level. */
        uint8_t seen = r->vocab_seen[id] >> 3 == r->probe_gen ? r->vocab_seen[id] & 7 : SEEN_NOT;
        bool weak_seen = seen == SEEN_WEAK || seen == SEEN_WEAK_EDIT;
        const idx_vocab *entry = &p->ix->vocab[id];
        /* A weak key's word that unvowelled Arabic script may meet (0.95) is walked at the strong level. */
        int key_level = level;
        if (level == PROBE_WEAK && seen != SEEN_STRONG && seen != SEEN_FAILED_ALL && unvowelled_pair(p, entry))
            key_level = PROBE_STRONG;
        if (seen == SEEN_STRONG || seen == SEEN_FAILED_ALL || (key_level == PROBE_WEAK && weak_seen) ||
            (kind == 'd' && (seen == SEEN_FAILED_EDIT || seen == SEEN_WEAK_EDIT)))
            continue;
        int walk = kind == 'd' ? typo_level(p, entry) : -1;
        /* An unvowelled pair (key_level raised) is one vocab_may_match would take. */
        if (kind != 'd' && (kind == 'e' || key_level != level || vocab_may_match(p, entry, kind))) walk = key_level;
        if (walk < 0) {
            /* Failing the weak keys' test fails the edit test too (vocab_may_match tries that first). */
            if (!weak_seen) r->vocab_seen[id] = r->probe_gen << 3 | (kind == 'd' ? SEEN_FAILED_EDIT : SEEN_FAILED_ALL);
            continue;
        }
        r->vocab_seen[id] = r->probe_gen << 3 | (walk == PROBE_STRONG ? SEEN_STRONG : kind == 'd' ? SEEN_WEAK_EDIT : SEEN_WEAK);
        if (p->record && p->n_record < SEARCH_WALKS_MAX) p->record[p->n_record] = id * 2u + (uint32_t)walk;
        p->n_record++;
        walk_names(p, entry, level_code[walk]);
    }
}

/*
 * A probe's keys, gathered before any is looked up, so that their table
 * slots are fetched together (index_prefetch), then handed on in the same
 * order (WALK). It holds a token's: its spelling, alternates, deletions (one
 * more than its letters), phonetic and skeleton keys; a fuller list is
 * handed on and emptied first (probe_keys_add), so that the order stays.
 */
#define PROBE_MAX_KEYS (1 + TEXT_MAX_ALTS + TEXT_MAX_TOKEN_LEN + 1 + 2)
typedef struct probe_keys probe_keys;
struct probe_keys {
    const embargo_index *ix;
    void (*walk)(probe_keys *k); /* hands the N keys on to USER, and empties the list */
    void *user;
    size_t n;
    uint64_t key[PROBE_MAX_KEYS];
    char kind[PROBE_MAX_KEYS];
};

static void probe_keys_init(probe_keys *k, const embargo_index *ix, void (*walk)(probe_keys *), void *user) {
    k->ix = ix, k->walk = walk, k->user = user, k->n = 0;
}

static void probe_keys_add(uint64_t key, char kind, void *user) {
    probe_keys *k = user;
    if (k->n == PROBE_MAX_KEYS) k->walk(k);
    index_prefetch(k->ix, key);
    k->key[k->n] = key;
    k->kind[k->n++] = kind;
}

/*
 * The walk of a probe's keys (USER a probe_ctx), in two passes: every key
 * looked up first, the first listed words of each fetched meanwhile, then
 * each list walked in order.
 */
#define PROBE_PREFETCH_WORDS 4
static void probe_keys_walk(probe_keys *k) {
    const uint32_t *lists[PROBE_MAX_KEYS];
    uint32_t counts[PROBE_MAX_KEYS], ones[PROBE_MAX_KEYS];   /* a list of one id points into ONES */
    for (size_t i = 0; i < k->n; i++) {
        lists[i] = index_lookup(k->ix, k->key[i], &counts[i], &ones[i]);
        for (uint32_t v = 0; v < counts[i] && v < PROBE_PREFETCH_WORDS; v++)
            if (lists[i][v] < k->ix->meta->n_vocab) __builtin_prefetch(&k->ix->vocab[lists[i][v]]);
    }
    for (size_t i = 0; i < k->n; i++) probe_listed(k->user, lists[i], counts[i], k->kind[i]);
    k->n = 0;
}

/* Starts a new probe: words walked by earlier probes may be walked again. */
static void next_probe(embargo_results *r) {
    if (++r->probe_gen == SEARCH_PROBE_GEN_END) {
        memset(r->vocab_seen, 0, (r->cap_vocab + 1) * sizeof *r->vocab_seen);
        r->probe_gen = 1;
    }
}

/*
 * The bytes a probe's walks depend on (search_walks): the word, and for a
 * token's own probe its alternates and its phonetic and skeleton keys.
 * Returns the length, 0 when they do not fit KEY (SEARCH_WALKS_KEY_MAX).
 */
static size_t walks_key(const mtok *t, const char *word, size_t len, bool joined, char *key) {
    size_t n = 0;
    if (len + 2 > SEARCH_WALKS_KEY_MAX) return 0;
    key[n++] = joined ? 'J' : t && (t->flags & TEXT_TOK_UNVOWELLED) ? 'U' : 'W';
    memcpy(key + n, word, len), n += len;
    key[n++] = '\0';
    if (joined) return n;
    const char *alt = t->alts;
    const char *parts[2] = {t->phonetic ? t->phonetic : "\1", t->skeleton ? t->skeleton : "\1"};
    for (int a = 0; a < t->n_alt; a++, alt += strlen(alt) + 1) {
        size_t l = strlen(alt) + 1;
        if (n + l > SEARCH_WALKS_KEY_MAX) return 0;
        memcpy(key + n, alt, l), n += l;
    }
    for (int k = 0; k < 2; k++) {
        size_t l = strlen(parts[k]) + 1;
        if (n + l > SEARCH_WALKS_KEY_MAX) return 0;
        memcpy(key + n, parts[k], l), n += l;
    }
    return n;
}

/* Walks the postings of remembered walks WALK (N of them) as probe_listed walked them. */
static void replay_walks(probe_ctx *p, const uint32_t *walk, size_t n) {
    static const uint64_t level_code[2] = {3, 2};
    for (size_t k = 0; k < n; k++) {
        const idx_vocab *entry = &p->ix->vocab[walk[k] >> 1];
        walk_names(p, entry, level_code[walk[k] & 1]);
    }
}

/*
 * Probes through the memory of walks when the word was probed before
 * (returns true: done), else prepares P to record its walks into RECORD.
 */
static bool probe_remembered(probe_ctx *p, const char *key, size_t key_len, uint32_t *record) {
    embargo_results *r = p->r;
    if (r->no_pruning || !key_len || (!r->walks && !(r->walks = search_walks_new()))) return false;
    size_t n;
    const uint32_t *walk = search_walks_get(r->walks, p->ix, key, key_len, &n);
    if (walk) {
        replay_walks(p, walk, n);
        return true;
    }
    p->record = record;
    return false;
}

/* Keeps the walks P recorded under KEY. */
static void remember_walks(const probe_ctx *p, const char *key, size_t key_len) {
    if (p->record) search_walks_put(p->r->walks, p->ix, key, key_len, p->record, p->n_record);
}

/* Looks up the keys of query token I (its spelling, alternates, fuzzy keys); ADMIT_CODE, PLAIN_CODE, PEND as in probe_ctx. */
static void probe_own(embargo_results *r, const embargo_index *ix, size_t i, uint64_t admit_code, uint64_t plain_code,
                      bool pend, walk_mode mode) {
    const mtok *t = &r->qtok[i];
    probe_ctx p = {r, ix, 1u << i, t->text, t->len, false, admit_code, plain_code, pend, NULL, 0, mode,
                   (t->flags & TEXT_TOK_UNVOWELLED) != 0};
    char key[SEARCH_WALKS_KEY_MAX];
    uint32_t record[SEARCH_WALKS_MAX];
    size_t key_len = walks_key(t, t->text, t->len, false, key);
    if (probe_remembered(&p, key, key_len, record)) return;
    next_probe(r);
    probe_keys keys;
    probe_keys_init(&keys, ix, probe_keys_walk, &p);
    probe_keys_add(key_hash('e', t->text, t->len), 'e', &keys);
    const char *alt = t->alts;
    for (int a = 0; a < t->n_alt; a++, alt += strlen(alt) + 1) probe_keys_add(key_hash('e', alt, strlen(alt)), 'e', &keys);
    keys_fuzzy(t->text, t->len, t->phonetic, t->skeleton, probe_keys_add, &keys);
    probe_keys_walk(&keys);
    remember_walks(&p, key, key_len);
}

/*
 * Query tokens I and I+1 run together into JOINED (TEXT_MAX_TOKEN_LEN + 1
 * bytes), as the scorer may pair them (match_joined_similarity); returns the
 * length, 0 when the two are not joined (no next token, a legal form or an
 * initial, too long).
 */
static size_t query_joined(const embargo_results *r, size_t i, char *joined) {
    if (i + 1 >= r->nq || r->qtok[i + 1].weight <= 0.0f) return 0;
    const mtok *t = &r->qtok[i], *u = &r->qtok[i + 1];
    size_t len = (size_t)t->len + u->len;
    if (((t->flags | u->flags) & (TEXT_TOK_LEGAL | TEXT_TOK_INITIAL)) || len > TEXT_MAX_TOKEN_LEN) return 0;
    memcpy(joined, t->text, t->len);
    memcpy(joined + t->len, u->text, u->len);
    joined[len] = '\0';
    return len;
}

/*
 * Looks up the keys of query tokens I and I+1 joined (a name may write the
 * two as one word: "al tair" and "altair"), so that a pairing of the two is
 * never missed.
 */
static void probe_joined(embargo_results *r, const embargo_index *ix, size_t i, walk_mode mode) {
    char joined[TEXT_MAX_TOKEN_LEN + 1];
    size_t len = query_joined(r, i, joined);
    if (!len) return;
    probe_ctx p = {r, ix, (1u << i) | (1u << (i + 1)), joined, len, true, ADMIT_ALL,
                   ADMIT_ALL, false, NULL, 0, mode, 0};
    char key[SEARCH_WALKS_KEY_MAX];
    uint32_t record[SEARCH_WALKS_MAX];
    size_t key_len = walks_key(NULL, joined, len, true, key);
    if (probe_remembered(&p, key, key_len, record)) return;
    next_probe(r);
    probe_keys keys;
    probe_keys_init(&keys, ix, probe_keys_walk, &p);
    probe_keys_add(key_hash('e', joined, len), 'e', &keys);
    keys_deletions(joined, len, probe_keys_add, &keys);
    probe_keys_walk(&keys);
    remember_walks(&p, key, key_len);
}

/* True for a token not worth a lookup while rarer ones decide: its postings are long. */
static bool token_is_common(const embargo_results *r, const embargo_index *ix, size_t i) {
    const mtok *t = &r->qtok[i];
    if (t->flags & (TEXT_TOK_GENERIC | TEXT_TOK_PARTICLE)) return true;
    return r->q_df[i] > ix->meta->n_names / SEARCH_COMMON_SHARE;
}

/*
 * Chooses the tokens to look up. Initials (no keys), legal forms and titles
 * (met in any name, score.c) are never looked up, and common tokens are left out,
 * lightest first, while their weights together stay under FLOOR: as in
 * MaxScore, they cannot lift a name to the floor on their own, so a name
 * worth scoring matches some looked-up token too. What is not looked up
 * counts in every name's bound as if it matched (r->free_weight). Rare
 * tokens are always looked up: leaving them out too would make the bounds
 * so loose that scoring the names would cost more than the lookups saved.
 */
static void choose_essential(embargo_results *r, const embargo_index *ix, double floor, bool *essential) {
    size_t order[TEXT_MAX_TOKENS], n = 0;
    r->free_weight = 0.0;
    for (size_t i = 0; i < r->nq; i++) {
        const mtok *t = &r->qtok[i];
        bool free_token = token_free(t);
        essential[i] = t->weight > 0.0f && !free_token;
        if (t->weight > 0.0f && free_token) r->free_weight += t->weight;
        if (essential[i] && token_is_common(r, ix, i)) order[n++] = i;
    }
    for (size_t a = 1; a < n; a++) /* insertion sort by weight, lightest first */
        for (size_t b = a; b > 0 && r->qtok[order[b]].weight < r->qtok[order[b - 1]].weight; b--) {
            size_t tmp = order[b];
            order[b] = order[b - 1];
            order[b - 1] = tmp;
        }
    for (size_t k = 0; k < n && (r->free_weight + r->qtok[order[k]].weight) / r->q_total < floor; k++) {
        r->free_weight += r->qtok[order[k]].weight;
        essential[order[k]] = false;
    }
}

/* ---- reach: whether a probe could find any listed word at all ---- */

typedef struct {
    probe_ctx p;
    bool found;
} reach_ctx;

/* Like probe_listed with index_lookup, but only asks whether KEY leads to a listed word the probe's word can meet. */
static void reach_key(uint64_t key, char kind, void *user) {
    reach_ctx *c = user;
    if (c->found) return;
    uint32_t n, one;
    const uint32_t *vocab = index_lookup(c->p.ix, key, &n, &one);
    for (uint32_t v = 0; v < n && !c->found; v++)
        c->found = vocab[v] < c->p.ix->meta->n_vocab &&
                   (kind == 'e' || vocab_may_match(&c->p, &c->p.ix->vocab[vocab[v]], kind));
}

/* The walk of probe_keys for reach_key (USER a reach_ctx). */
static void reach_keys_walk(probe_keys *k) {
    for (size_t i = 0; i < k->n; i++) reach_key(k->key[i], k->kind[i], k->user);
    k->n = 0;
}

/* Whether probe_own's lookups (JOINED: probe_joined's) for WORD would walk any listed word. */
static bool word_reaches(embargo_results *r, const embargo_index *ix, const mtok *t, const char *word, size_t len,
                         bool joined) {
    int cached = search_reach_get(r->reach, ix, word, len, joined);
    if (cached >= 0) return cached;
    reach_ctx c = {{r, ix, 0, word, len, joined, ADMIT_NONE, ADMIT_NONE, false, NULL, 0, WALK_REACH, -1}, false};
    reach_key(key_hash('e', word, len), 'e', &c);
    if (!c.found) { /* the probe will look all its keys up if the query goes on: fetched together here */
        probe_keys keys;
        probe_keys_init(&keys, ix, reach_keys_walk, &c);
        if (joined) {
            keys_deletions(word, len, probe_keys_add, &keys);
        } else {
            const char *alt = t->alts;
            for (int a = 0; a < t->n_alt; a++, alt += strlen(alt) + 1) probe_keys_add(key_hash('e', alt, strlen(alt)), 'e', &keys);
            keys_fuzzy(word, len, t->phonetic, t->skeleton, probe_keys_add, &keys);
        }
        reach_keys_walk(&keys);
    }
    search_reach_put(r->reach, ix, word, len, joined, c.found);
    return c.found;
}

/* Whether query tokens I and I+1 are probed joined (probe_joined) and so reach a listed word. */
static bool pair_reaches(embargo_results *r, const embargo_index *ix, size_t i) {
    char joined[TEXT_MAX_TOKEN_LEN + 1];
    size_t len = query_joined(r, i, joined);
    return len && word_reaches(r, ix, &r->qtok[i], joined, len, true);
}

/*
 * Whether any listed name could reach the floor: the most any name's bound
 * could be, counting in full every token not looked up and every essential
 * token whose lookups (own, or joined with a neighbour) reach some listed
 * word, and at 0.5 (an initial) the essential tokens that reach none. When
 * it stays under the floor, no name could be reported. (The scorer's halving
 * of names met by generic words only is not counted: a name of generic words
 * met whole escapes it, score.c.)
 * Answers are cached per word (search_reach.c), so that a document scan's
 * many overlapping windows ask the index once per word.
 */
static bool reach_possible(embargo_results *r, const embargo_index *ix, const bool *essential, float bound_floor) {
    if (!r->reach && !(r->reach = search_reach_new())) return true;
    double bound = 0.0;
    bool prev_pair = false;
    for (size_t i = 0; i < r->nq; i++) {
        const mtok *t = &r->qtok[i];
        if (t->weight <= 0.0f) {
            prev_pair = false;
            continue;
        }
        bool pair = pair_reaches(r, ix, i);
        bool full = !essential[i] || prev_pair || pair || word_reaches(r, ix, t, t->text, t->len, false);
        bound += (full ? 1.0 : 0.5) * t->weight;
        prev_pair = pair;
    }
    return bound >= bound_floor;
}

/*
 * A query of initials, legal forms and titles alone (nothing looked up):
 * whether a name that holds no initial of its letters may reach the floor.
 * Its words meet the query's initials at 0.5 at best, but met whole (every
 * word of both names, score.c) it is not halved, and no key finds it.
 * BASE: its bound with the query's titles met. A title meets the words
 * its keys find, as any word: their names are made candidates here (the
 * titles looked up now); the others leave the titles out of the total
 * (score.c), and when even so they may reach the floor, every name must be
 * scored (true).
 */
static bool every_name_may_reach(embargo_results *r, const embargo_index *ix, float base, float bound_floor) {
    float titles = 0.0f;
    for (size_t i = 0; i < r->nq; i++)
        if (r->qtok[i].weight > 0.0f && (r->qtok[i].flags & TEXT_TOK_TITLE)) titles += r->qtok[i].weight;
    float floor_ratio = (bound_floor + 1e-4f) / (float)r->q_total; /* the floor as a share of the query */
    if (base - titles >= floor_ratio * ((float)r->q_total - titles) - 1e-4f) return true;
    if (titles <= 0.0f || base < bound_floor) return false;
    for (size_t i = 0; i < r->nq; i++)
        if (r->qtok[i].weight > 0.0f && (r->qtok[i].flags & TEXT_TOK_TITLE))
            probe_own(r, ix, i, ADMIT_ALL, ADMIT_ALL, false, WALK_GATHER);
    return false;
}

/*
 * Half the weight of the looked-up one-byte tokens (digits: initials are
 * not looked up) among LEVELS' tokens left at level 0 (UINT64_MAX: all): a
 * one-byte token meets a listed word it begins at 0.5 (token_match.c),
 * which its keys do not find. Worked out for all once a query
 * (r->digits_half, gather_candidates).
 */
static float one_byte_half(const embargo_results *r, uint64_t levels) {
    float half = 0.0f;
    for (size_t i = 0; i < r->nq; i++)
        if (r->qtok[i].len == 1 && r->qtok[i].weight > 0.0f && ((r->looked_up >> i) & 1) &&
            (levels == UINT64_MAX || !((levels >> (2 * i)) & 3)))
            half += 0.5f * r->qtok[i].weight;
    return half;
}

typedef struct {
    size_t token[TEXT_MAX_TOKENS], n;
    uint64_t letter[TEXT_MAX_TOKENS], letters;
    float weight[TEXT_MAX_TOKENS];  /* what the token adds when it meets an initial of its letter */
} holder_meets;

/*
 * Makes holder H (an index into ix->holders) a candidate, unless found
 * already, when BASE and the tokens it meets reach the floor.
 */
static void admit_holder(embargo_results *r, const embargo_index *ix, const holder_meets *m, uint32_t h, float base,
                         float bound_floor) {
    uint32_t name = ix->holders[h];
    if ((r->touched_bits[name >> 6] >> (name & 63)) & 1) return; /* found, or admitted by another of its letters */
    uint64_t meets = ix->holder_letters[h] & m->letters, levels = 0;
    float bound = base;
    for (size_t k = 0; k < m->n; k++) {
        if (!(meets & m->letter[k])) continue;
        bound += m->weight[k];
        if ((r->looked_up >> m->token[k]) & 1) levels |= 1ull << (2 * m->token[k]); /* level 1: an initial */
    }
    if (bound >= bound_floor) admit_name(r, name, bound, levels);
}

/*
 * The names holding initials that no looked-up token found: the search's
 * premise, that a key finds every listed word a query word may meet, has
 * one exception, the initial rule (token_match.c). A listed initial meets
 * every query word it begins at 0.5 (such a name gets half of each
 * looked-up token whose first letter is one of its initials), and a query
 * initial, which is free weight, meets a listed initial of its letter in
 * full but a word it begins only at 0.5 (the initials are looked up too,
 * for listed words spelt as their letter: one-byte alternates). A holder
 * is a candidate when its bound so counted reaches the floor. Most queries
 * rule them all out at once: with half of every looked-up token, no name
 * gets there. Returns whether every name must be scored: when a name no
 * key found may reach the floor through the half of a looked-up digit
 * (one_byte_half), or through a query of initials (every_name_may_reach).
 */
static bool admit_initial_holders(embargo_results *r, const embargo_index *ix, float bound_floor) {
    holder_meets m = {.n = 0, .letters = 0};
    float base = (float)r->free_weight; /* BASE: a name meeting none of them */
    float digits = r->digits_half; /* looked up, but meeting words they begin unkeyed */
    bool initials = false;
    for (size_t i = 0; i < r->nq; i++) {
        const mtok *t = &r->qtok[i];
        bool looked_up = (r->looked_up >> i) & 1, initial = t->len == 1 && (t->flags & TEXT_TOK_INITIAL);
        if (t->weight <= 0.0f || !(initial || (looked_up && t->len >= 2))) continue;
        m.token[m.n] = i, m.letter[m.n] = index_letter_bit((unsigned char)t->text[0]), m.weight[m.n] = 0.5f * t->weight;
        if (initial) base -= m.weight[m.n], initials = true; /* free in full: a word it begins gets half */
        m.letters |= m.letter[m.n++];
    }
    /* A name no key found meets a looked-up one-byte token (a digit) at 0.5 by a word it begins: any name may. */
    if (digits > 0.0f && base + digits >= bound_floor) return true;
    if (!r->looked_up && initials && every_name_may_reach(r, ix, base, bound_floor)) return true;
    float most = (float)r->free_weight + digits;
    for (size_t k = 0; k < m.n; k++)
        if ((r->looked_up >> m.token[k]) & 1) most += m.weight[k];
    if (!m.n || most < bound_floor) return false;
    /* A query initial meets a listed word spelt as its letter alone (an initial, or a one-byte alternate: "ri"). */
    for (size_t k = 0; k < m.n; k++)
        if (!((r->looked_up >> m.token[k]) & 1))
            probe_own(r, ix, m.token[k], ADMIT_ALL, ADMIT_ALL, false, WALK_GATHER);
    for (uint64_t letters = m.letters; letters; letters &= letters - 1) {
        int b = __builtin_ctzll(letters);
        for (uint32_t k = ix->letter_start[b]; k < ix->letter_start[b + 1]; k++)
            admit_holder(r, ix, &m, ix->holders_by_letter[k], base + digits, bound_floor);
    }
    return false;
}

/*
 * Gathers into r->touched the names the essential tokens find: first the
 * joined pairs, then each token's own keys, rarest (heaviest) first, as in
 * MaxScore's second phase. A name not found before token K's turn can only
 * get its bound from tokens K onwards, from the free weight, and from the
 * tokens already looked up at 0.5 (an initial it holds may meet them,
 * initial_bound). Once that stays under the floor, the later tokens only
 * raise the bounds of names already found: the long postings of common
 * words are walked, but add no candidates. Likewise a token adds a name
 * without an initial only when the tokens from it on could lift it alone
 * (plain_code), and the first token's names wait for a second token when
 * it could not lift them alone (pend_add). Returns whether every name must
 * be scored instead (admit_initial_holders).
 */
static bool gather_candidates(embargo_results *r, const embargo_index *ix, double floor, float bound_floor) {
    for (size_t k = 0; k < r->n_touched; k++) r->touched_bits[r->touched[k].name >> 6] = 0; /* the last query's */
    r->n_touched = 0;
    r->pend_token = -1;
    bool essential[TEXT_MAX_TOKENS];
    choose_essential(r, ix, floor, essential);
    r->looked_up = 0;
    for (size_t i = 0; i < r->nq; i++) r->looked_up |= (uint32_t)essential[i] << i;
    r->digits_half = one_byte_half(r, UINT64_MAX);
    if (!r->no_pruning && !reach_possible(r, ix, essential, bound_floor)) return false; /* no name could reach it */
    size_t order[TEXT_MAX_TOKENS], n = 0;
    double ahead = 0.0, behind = 0.0;
    for (size_t i = 0; i < r->nq; i++) {
        if (i + 1 < r->nq && (essential[i] || essential[i + 1])) probe_joined(r, ix, i, WALK_GATHER);
        if (!essential[i]) continue;
        order[n++] = i;
        ahead += r->qtok[i].weight;
    }
    for (size_t a = 1; a < n; a++) /* insertion sort, heaviest first */
        for (size_t b = a; b > 0 && r->qtok[order[b]].weight > r->qtok[order[b - 1]].weight; b--) {
            size_t tmp = order[b];
            order[b] = order[b - 1];
            order[b - 1] = tmp;
        }
    /* Half of the one-byte tokens looked up (digits): any name may meet them by a word they begin (one_byte_half). */
    double digits_behind = 0.0;
    for (size_t k = 0; k < n; k++) {
        const mtok *t = &r->qtok[order[k]];
        double w = t->weight, plain = r->free_weight + ahead + digits_behind;
        double digits_other = r->digits_half - (t->len == 1 ? 0.5 * w : 0.0);
        /* Only a name with an initial gets anything of the tokens behind (initial_bound), but for the digits. */
        uint64_t admit_code = admit_from(w, plain + 0.5 * behind, bound_floor), plain_code = admit_from(w, plain, bound_floor);
        /* The first token pends what it finds when no name gets to the floor on it alone (and the digits). */
        bool pend = k == 0 && !r->no_pruning && r->free_weight + w + digits_other < bound_floor - 1e-4;
        if (pend) r->pend_token = (int)order[k];
        probe_own(r, ix, order[k], admit_code, plain_code, pend, WALK_GATHER);
        ahead -= r->qtok[order[k]].weight;
        behind += r->qtok[order[k]].weight;
        if (t->len == 1) digits_behind += 0.5 * w;
    }
    finish_pending(r);
    return admit_initial_holders(r, ix, bound_floor);
}

/* The bound of candidate ST if it holds a one-letter token: its words not found may meet the initial. */
static float initial_bound(const embargo_results *r, const search_name_state *st) {
    float bound = st->bound;
    uint64_t levels = st->levels;
    for (size_t i = 0; i < r->nq; i++)
        if (((levels >> (2 * i)) & 3) == 0 && !token_free(&r->qtok[i]))
            bound += 0.5f * r->qtok[i].weight;
    return bound;
}

/* The tokens of listed name NAME_ID as the scorer takes them. */
static void listed_tokens(const embargo_index *ix, uint32_t name_id, mtok *c, size_t *nc) {
    const idx_name *name = &ix->names[name_id];
    *nc = name->n_tokens;
    for (size_t j = 0; j < *nc; j++) {
        const idx_token *t = &ix->tokens[name->first_token + j];
        c[j] = (mtok){index_str(ix, t->text), index_str(ix, t->alts), t->skeleton, t->phonetic,
                      t->weight, t->flags, t->len, t->n_alt, t->legal};
    }
}

/* search_score_name without the weak-alias discount. */
static void score_raw(const embargo_results *r, const embargo_index *ix, uint32_t name_id, mtok *c, size_t *nc,
                      match_result *m) {
    listed_tokens(ix, name_id, c, nc);
    match_names(r->qtok, r->nq, c, *nc, ix->entities[ix->names[name_id].entity].kind, m);
}

/*
 * The similarities of listed token T (C as the scorer takes it) with each
 * query token, from the query's row cache (search_int.h) or worked out
 * into it. The query has at most SEARCH_ROW_TOKENS tokens.
 */
_Static_assert(TEXT_LEGAL_COUNT <= 1 << 14, "a legal class fits a row's tag above its two flags");
static const search_row_slot *word_row(embargo_results *r, const idx_token *t, const mtok *c) {
    bool legal = t->flags & TEXT_TOK_LEGAL, unvowelled = t->flags & TEXT_TOK_UNVOWELLED;
    uint16_t tag = (uint16_t)((unsigned)legal | (unsigned)unvowelled << 1 | (unsigned)t->legal << 2);
    uint32_t h = (t->text ^ t->alts * 31u) * 2654435761u;
    search_row_slot *row = &r->row_cache[(h >> 16) & (SEARCH_ROW_CACHE - 1)];
    if (row->stamp == r->generation && row->text == t->text && row->alts == t->alts && row->tag == tag) return row;
    *row = (search_row_slot){r->generation, t->text, t->alts, tag, {0}, {0}};
    for (size_t i = 0; i < r->nq; i++) {
        match_how how = MATCH_HOW_EXACT;
        row->sim[i] = match_token_similarity(&r->qtok[i], c, &how);
        row->how[i] = (uint8_t)how;
    }
    return row;
}

/*
 * score_raw through the row cache (word_row), as long as the query is short
 * enough for its rows; the plain search (search_set_pruning) works every
 * similarity out, so that comparing the two checks the cache.
 */
static void score_by_rows(embargo_results *r, const embargo_index *ix, uint32_t name_id, mtok *c, size_t *nc,
                          match_result *m) {
    if (r->nq > SEARCH_ROW_TOKENS || r->no_pruning) {
        score_raw(r, ix, name_id, c, nc, m);
        return;
    }
    listed_tokens(ix, name_id, c, nc);
    const idx_name *name = &ix->names[name_id];
    float sim[TEXT_MAX_TOKENS * SEARCH_ROW_TOKENS];
    uint8_t how[TEXT_MAX_TOKENS * SEARCH_ROW_TOKENS];
    for (size_t j = 0; j < *nc; j++) {
        const search_row_slot *row = word_row(r, &ix->tokens[name->first_token + j], &c[j]);
        memcpy(sim + j * SEARCH_ROW_TOKENS, row->sim, sizeof row->sim);
        memcpy(how + j * SEARCH_ROW_TOKENS, row->how, sizeof row->how);
    }
    match_sims given = {sim, how, SEARCH_ROW_TOKENS};
    match_names_given(r->qtok, r->nq, c, *nc, ix->entities[name->entity].kind, &given, m);
}

static double weak_discount(const embargo_index *ix, uint32_t name_id, double score) {
    return ix->names[name_id].quality == EMBARGO_NAME_WEAK ? score * SEARCH_WEAK_ALIAS_FACTOR : score;
}

void search_score_name(const embargo_results *r, const embargo_index *ix, uint32_t name_id,
                       mtok *c, size_t *nc, match_result *m) {
    score_raw(r, ix, name_id, c, nc, m);
    m->score = weak_discount(ix, name_id, m->score);
}

/*
 * The score of listed name NAME_ID (without the weak-alias discount), from
 * the query's cache when the same text was scored for a party of the same
 * kind: names are prepared from their text alone, and the kind sets their
 * token weights and the scorer's base, so the score is the same.
 */
#define SCORE_CACHE_PROBES 8

/* The cache slot holding NAME_ID's text and kind; else, in *FREE_SLOT, where it may go (NULL: nowhere). */
static const search_score_slot *cached_score(const embargo_results *r, const embargo_index *ix, uint32_t name_id,
                                             search_score_slot **free_slot) {
    const idx_name *name = &ix->names[name_id];
    uint8_t kind = ix->entities[name->entity].kind;
    uint32_t h = (name->full * 2654435761u ^ kind) & (SEARCH_SCORE_CACHE - 1);
    if (free_slot) *free_slot = NULL;
    for (uint32_t probes = 0; probes < SCORE_CACHE_PROBES; probes++, h = (h + 1) & (SEARCH_SCORE_CACHE - 1)) {
        const search_score_slot *slot = &r->score_cache[h];
        if (slot->stamp != r->generation) {
            if (free_slot) *free_slot = (search_score_slot *)slot;
            return NULL;
        }
        if (slot->full == name->full && slot->kind == kind) return slot;
    }
    return NULL;
}

static double raw_name_score(embargo_results *r, const embargo_index *ix, uint32_t name_id) {
    search_score_slot *free_slot;
    const search_score_slot *hit = cached_score(r, ix, name_id, &free_slot);
    if (hit) return hit->m.score;
    mtok c[TEXT_MAX_TOKENS];
    size_t nc;
    match_result m;
    score_by_rows(r, ix, name_id, c, &nc, &m);
    r->scored++;
    if (free_slot) {
        const idx_name *name = &ix->names[name_id];
        free_slot->stamp = r->generation;
        free_slot->full = name->full;
        free_slot->kind = ix->entities[name->entity].kind;
        free_slot->m = m;
    }
    return m.score;
}

void search_score_name_again(const embargo_results *r, const embargo_index *ix, uint32_t name_id,
                             mtok *c, size_t *nc, match_result *m) {
    const search_score_slot *hit = cached_score(r, ix, name_id, NULL);
    if (!hit) {
        search_score_name(r, ix, name_id, c, nc, m);
        return;
    }
    listed_tokens(ix, name_id, c, nc);
    *m = hit->m;
    m->score = weak_discount(ix, name_id, m->score);
}

/*
 * Scores listed name NAME_ID against the query; keeps its entity's best: of
 * names scoring alike, the first listed, whatever order the candidates were
 * found in (as the exhaustive mode, which scores them in order).
 */
static void score_name(embargo_results *r, const embargo_index *ix, uint32_t name_id) {
    double score = weak_discount(ix, name_id, raw_name_score(r, ix, name_id));
    uint32_t e = ix->names[name_id].entity;
    if (r->entity_stamp[e] != r->generation) {
        r->entity_stamp[e] = r->generation;
        r->entity_best[e] = r->n_best;
        r->best[r->n_best++] = (search_best){e, name_id, score, 0.0, 0};
        return;
    }
    search_best *b = &r->best[r->entity_best[e]];
    if (score > b->name_score || (score == b->name_score && name_id < b->name)) {
        b->name = name_id;
        b->name_score = score;
    }
}

/*
 * What the listed bound needs to know of the query's words, without their
 * text. Two listed tokens read as one meet only a query word that is no
 * legal form or initial (match_joined_similarity), by spelling or one
 * edit, which leaves the first or the last letter in place (sim_one_edit):
 * the joiners, kept by length (LENS: bit L for a word of L bytes) and end
 * letters. An initial meets only words it begins, keyless (token_match.c):
 * the query's initials by first letter (INITIALS, INITIAL_BITS the tokens),
 * and the first letters of all its words (LETTERS), which a listed initial
 * may meet.
 */
typedef struct {
    size_t n;
    uint64_t lens;
    uint8_t len[TEXT_MAX_TOKENS];
    char first[TEXT_MAX_TOKENS], last[TEXT_MAX_TOKENS];
    uint64_t letters[4], initials[4];
    uint32_t initial_bits;
} query_words;

static void letter_add(uint64_t *set, char c) {
    set[(unsigned char)c >> 6] |= 1ull << ((unsigned char)c & 63);
}

static bool letter_in(const uint64_t *set, char c) {
    return (set[(unsigned char)c >> 6] >> ((unsigned char)c & 63)) & 1;
}

static void find_query_words(const embargo_results *r, query_words *qw) {
    memset(qw, 0, sizeof *qw);
    for (size_t i = 0; i < r->nq; i++) {
        const mtok *t = &r->qtok[i];
        if (t->weight <= 0.0f || t->len == 0) continue;
        letter_add(qw->letters, t->text[0]);
        if (t->len == 1) letter_add(qw->initials, t->text[0]), qw->initial_bits |= 1u << i;
        if (t->flags & (TEXT_TOK_LEGAL | TEXT_TOK_INITIAL)) continue;
        if (t->len < 64) qw->lens |= 1ull << t->len;
        qw->len[qw->n] = t->len, qw->first[qw->n] = t->text[0], qw->last[qw->n] = t->text[t->len - 1];
        qw->n++;
    }
}

/* Whether a query word (QW) may meet listed tokens A and B read as one word (neither a legal form nor an initial). */
static bool pair_joinable(const query_words *qw, const embargo_index *ix, const idx_token *a, const idx_token *b) {
    unsigned joined = (unsigned)a->len + b->len;
    /* A query word of joined-1 to joined+1 bytes. */
    if (joined > 64 || !b->len || !((qw->lens >> (joined - 1)) & 7u)) return false;
    char first = index_str(ix, a->text)[0], last = index_str(ix, b->text)[b->len - 1];
    for (size_t k = 0; k < qw->n; k++) {
        unsigned len = qw->len[k];
        if (len + 1 >= joined && len <= joined + 1 && (qw->first[k] == first || qw->last[k] == last)) return true;
    }
    return false;
}

/*
 * Whether listed token T may meet one of the query tokens MEETING alone:
 * a word one of them walked (reached_by), or one a meeting initial begins;
 * a listed initial, a word it begins. A token with alternates may share a
 * spelling with an initial: it may.
 */
static bool token_reached(const embargo_results *r, const embargo_index *ix, const query_words *qw, const idx_token *t,
                          uint32_t meeting) {
    if (t->n_alt) return true;
    if (t->len == 1) return letter_in(qw->letters, index_str(ix, t->text)[0]);
    if (reached_by(r, t->text) & meeting) return true;
    return (meeting & qw->initial_bits) && letter_in(qw->initials, index_str(ix, t->text)[0]);
}

/*
 * The most listed name NAME_ID's coverage C (match.h) can be against the
 * query. Each pairing the scorer takes (score.c) uses up at least one of the
 * query's N_UNITS weighted tokens and meets one listed unit: a token, or two
 * adjacent tokens read as one word (pair_joinable); units met do not
 * overlap. So the listed words met are at most N_UNITS
 * such units, at best the heaviest: a small dynamic program over the
 * name's tokens finds them. Legal forms and titles count as met whatever
 * the query.
 * BY_WORD, when not 0, holds the query tokens that may meet the name, each
 * of which walked its keys for the words it may meet, or, an initial or a
 * digit, meets the words it begins: a listed token none of them reached
 * (token_reached; a listed initial, by the words it begins) is met only
 * joined with a neighbour.
 */
static float listed_bound(const embargo_results *r, const embargo_index *ix, uint32_t name_id, size_t n_units,
                          const query_words *qw, uint32_t by_word) {
    const idx_name *name = &ix->names[name_id];
    size_t nc = name->n_tokens < TEXT_MAX_TOKENS ? name->n_tokens : TEXT_MAX_TOKENS;
    if (n_units >= nc && !by_word) return 1.0f; /* every token met; by word, one no probe walked is not */
    if (n_units > nc) n_units = nc;
    const idx_token *tok = &ix->tokens[name->first_token];
    /* One pass: each token's weight, alone (one) and joined with the one before (pair: -1 when no query word reads them so). */
    float w[TEXT_MAX_TOKENS], one[TEXT_MAX_TOKENS], pair[TEXT_MAX_TOKENS], total = 0.0f, legal = 0.0f, top = 0.0f;
    for (size_t j = 0; j < nc; j++) {
        const idx_token *t = &tok[j];
        float x = t->weight > 0.0f ? t->weight : 0.0f;
        total += x;
        /* Always in, never a pick: legal forms count as met, and a title unmet leaves the total (score.c),
           so counting it met bounds C from above. */
        if (t->flags & (TEXT_TOK_LEGAL | TEXT_TOK_TITLE)) legal += x, x = 0.0f;
        w[j] = x;
        float alone = by_word && x > 0.0f && !token_reached(r, ix, qw, t, by_word) ? 0.0f : x, joined_w = -1.0f;
        if (j > 0) {
            bool plain = !((t[-1].flags | t->flags) & (TEXT_TOK_LEGAL | TEXT_TOK_INITIAL));
            if (plain && pair_joinable(qw, ix, &t[-1], t)) joined_w = w[j - 1] + x;
        }
        one[j] = alone, pair[j] = joined_w;
        if (alone > top) top = alone;
        if (joined_w > top) top = joined_w;
    }
    if (total <= 0.0f) return 1.0f;
    if (n_units == 1) { /* the common case: the heaviest unit alone */
        float c = (legal + top) / total;
        return c < 1.0f ? c * (1.0f + 1e-5f) : 1.0f;
    }
    /* row[j]: the heaviest u units among the first j tokens, for u = 1.. in turn. */
    float rows[2][TEXT_MAX_TOKENS + 1], *prev = rows[0], *cur = rows[1];
    memset(prev, 0, (nc + 1) * sizeof *prev);
    for (size_t u = 1; u <= n_units; u++) {
        cur[0] = 0.0f;
        for (size_t j = 1; j <= nc; j++) {
            float best = cur[j - 1], alone = prev[j - 1] + one[j - 1];
            if (alone > best) best = alone;
            if (j >= 2 && pair[j - 1] >= 0.0f && prev[j - 2] + pair[j - 1] > best) best = prev[j - 2] + pair[j - 1];
            cur[j] = best;
        }
        float *t = prev;
        prev = cur, cur = t;
    }
    float c = (legal + prev[nc]) / total;
    return c < 1.0f ? c * (1.0f + 1e-5f) : 1.0f; /* room for the order of the sums' rounding */
}

/*
 * Sets of query tokens, 2 bits each as in search_name_state.levels (the
 * low bit set), of the weighted tokens only.
 */
#define SEARCH_LOW_BITS 0x5555555555555555ull

static uint64_t weighted_tokens(const embargo_results *r) {
    uint64_t mask = 0;
    for (size_t i = 0; i < r->nq; i++)
        if (r->qtok[i].weight > 0.0f) mask |= 1ull << (2 * i);
    return mask;
}

/* The set MASK as one bit a token (bit i: token i), as probe_ctx's bits; *COUNT its tokens. */
static uint32_t token_bits(uint64_t mask, size_t *count) {
    uint32_t bits = 0;
    size_t n = 0; /* counted here: without -mpopcnt, a popcount is a library call */
    for (; mask; mask &= mask - 1, n++) bits |= 1u << (__builtin_ctzll(mask) / 2);
    *count = n;
    return bits;
}

/* The tokens with any of FLAGS. */
static uint64_t tokens_with(const embargo_results *r, uint16_t flags) {
    uint64_t mask = 0;
    for (size_t i = 0; i < r->nq; i++)
        if (r->qtok[i].weight > 0.0f && (r->qtok[i].flags & flags)) mask |= 1ull << (2 * i);
    return mask;
}

/* The keyless tokens (token_keyless): any name may hold a word they meet. */
static uint64_t keyless_tokens(const embargo_results *r) {
    uint64_t mask = 0;
    for (size_t i = 0; i < r->nq; i++)
        if (token_keyless(&r->qtok[i])) mask |= 1ull << (2 * i);
    return mask & weighted_tokens(r);
}

/* The tokens not looked up that have keys: those mark_free_tokens walks. */
static uint64_t free_tokens(const embargo_results *r) {
    uint64_t mask = 0;
    for (size_t i = 0; i < r->nq; i++)
        if (!((r->looked_up >> i) & 1)) mask |= 1ull << (2 * i);
    return mask & weighted_tokens(r) & ~keyless_tokens(r);
}

/*
 * The tokens that may meet a listed word without a key having found it:
 * the keyless ones, and, unless MARKED, the tokens not looked up.
 */
static uint64_t unkeyed_tokens(const embargo_results *r, bool marked) {
    return keyless_tokens(r) | (marked ? 0 : free_tokens(r));
}

/*
 * The tokens that are a name's substance (match.h, MATCH_NOT_SUBSTANCE): a
 * name none of them may meet is matched by generic words alone, and halved
 * unless met whole (score.c). Met whole, every listed word is met: its
 * listed bound C is 1, up to rounding (SEARCH_WHOLE_MARGIN); a bound under
 * it rules that out.
 */
#define SEARCH_WHOLE_MARGIN 1e-4f
static uint64_t substance_tokens(const embargo_results *r) {
    return weighted_tokens(r) & ~tokens_with(r, MATCH_NOT_SUBSTANCE);
}

/*
 * The tokens marking walked (mark_free_tokens) whose weight every bound
 * holds in full (free weight) though a name may not meet them: a marked
 * token that found no word of a name cannot meet it, one found at the weak
 * level proves at most that. Titles are left out: one unmet leaves the
 * total (score.c), as if met.
 */
static uint64_t marked_tokens(const embargo_results *r, bool marked) {
    return marked ? free_tokens(r) & ~tokens_with(r, TEXT_TOK_TITLE) : 0;
}

/* What candidate ST's bound holds of the MARKED tokens (marked_tokens) beyond what their levels prove. */
static float marked_excess(const embargo_results *r, const search_name_state *st, uint64_t marked) {
    float excess = 0.0f;
    for (; marked; marked &= marked - 1) {
        int i = __builtin_ctzll(marked) / 2;
        excess += (1.0f - level_ceiling[(st->levels >> (2 * i)) & 3]) * r->qtok[i].weight;
    }
    return excess;
}

/*
 * The listed words a legal form of the query may meet though the name does
 * not take them for legal forms: those spelt alike (token_match.c),
 * which the index files under the same spelling keys ('e'). A name none of
 * whose other words is one of them meets the query's forms only with its own
 * forms, which the listed bound counts as met anyway: the forms are then no
 * unit of it, and leave its words to the keys that walked them.
 */
#define SEARCH_FORM_WORDS 32
typedef struct {
    uint32_t text[SEARCH_FORM_WORDS]; /* the words' interned texts */
    size_t n;
    bool all;                         /* too many to list: a form may meet any name */
} form_words;

static void form_words_add(form_words *f, const embargo_index *ix, const char *spelling) {
    uint32_t n, one;
    const uint32_t *vocab = index_lookup(ix, key_hash('e', spelling, strlen(spelling)), &n, &one);
    for (uint32_t v = 0; v < n && !f->all; v++) {
        if (vocab[v] >= ix->meta->n_vocab) continue; /* a damaged file; never trust an id */
        if (f->n == SEARCH_FORM_WORDS) f->all = true;
        else f->text[f->n++] = ix->vocab[vocab[v]].text;
    }
}

/* The form_words of the query's legal forms LEGAL (as tokens_with(r, TEXT_TOK_LEGAL)). */
static void find_form_words(const embargo_results *r, const embargo_index *ix, uint64_t legal, form_words *f) {
    f->n = 0, f->all = false;
    for (; legal; legal &= legal - 1) {
        const mtok *t = &r->qtok[__builtin_ctzll(legal) / 2];
        form_words_add(f, ix, t->text);
        const char *alt = t->alts;
        for (int a = 0; a < t->n_alt; a++, alt += strlen(alt) + 1) form_words_add(f, ix, alt);
    }
}

/* Whether a word of listed name NAME_ID that is no legal form is among the form words F. */
static bool form_meets_name(const embargo_index *ix, uint32_t name_id, const form_words *f) {
    if (f->all) return true;
    const idx_name *name = &ix->names[name_id];
    for (size_t j = 0; j < name->n_tokens && f->n; j++) {
        const idx_token *t = &ix->tokens[name->first_token + j];
        if (t->flags & TEXT_TOK_LEGAL) continue;
        for (size_t k = 0; k < f->n; k++)
            if (f->text[k] == t->text) return true;
    }
    return false;
}

/*
 * With many candidates, walks the keys of the tokens not looked up (but
 * initials and legal forms) to mark which candidates each may meet
 * (walk_mark), so that the listed bound counts only the tokens that may meet
 * a name, unless their words' names are too many for it to pay. Returns
 * whether it did; when it did not, the same keys are walked for the words
 * they reach only (WALK_REACH), which costs no names, so that the listed
 * bound may still go by word (reached_by).
 */
#define SEARCH_MARK_MIN_CANDIDATES 256
/*
 * Marking walks the names of the free tokens' words, a bitmap test each, to
 * spare scoring some candidates: it pays while those names number at most
 * this many per candidate (their own words' df counted; bench_throughput and
 * bench_text_scan both gain at 8 against marking always, and lose at 32).
 */
#define SEARCH_MARK_POSTINGS_PER_CANDIDATE 8
static bool mark_free_tokens(embargo_results *r, const embargo_index *ix) {
    if (r->no_pruning || !r->n_touched) return false;
    uint32_t free_bits = 0;
    uint64_t postings = 0; /* the names of the free tokens' own words: most of what marking walks */
    for (size_t i = 0; i < r->nq; i++)
        if (r->qtok[i].weight > 0.0f && !token_keyless(&r->qtok[i]) &&
            !((r->looked_up >> i) & 1))
            free_bits |= 1u << i, postings += r->q_df[i];
    if (!free_bits) return false;
    bool mark = r->n_touched >= SEARCH_MARK_MIN_CANDIDATES &&
                postings <= (uint64_t)SEARCH_MARK_POSTINGS_PER_CANDIDATE * r->n_touched;
    walk_mode mode = mark ? WALK_MARK : WALK_REACH;
    for (size_t i = 0; i < r->nq; i++) {
        if ((free_bits >> i) & 1) probe_own(r, ix, i, ADMIT_NONE, ADMIT_NONE, false, mode);
        /* gather_candidates probed the pairs with a looked-up token; a free one's pair with another token not
           looked up (free too, or a digit left out as common, which query_joined joins) is walked here */
        uint32_t pair = 3u << i;
        if (i + 1 < r->nq && (free_bits & pair) && !(r->looked_up & pair)) probe_joined(r, ix, i, mode);
    }
    return mark;
}

/* What the bounds of one query's candidates share (search_run, may_reach_floor). */
typedef struct {
    uint64_t weighted, unkeyed, legal, substance, marked; /* token sets (weighted_tokens, ..., marked_tokens) */
    bool by_word;                               /* the words walked are known (listed_bound's BY_WORD) */
    float floor;                                /* bound_floor */
    form_words forms;
    query_words words;
} bound_ctx;

/*
 * Whether candidate ST, of bound BOUND (its Q bound, in weight units), may
 * still reach the floor: its Q bound less what marked tokens it did not
 * find (marked_excess), times what its listed bound C allows, halved when
 * only generic words may meet it (substance_tokens).
 */
static bool may_reach_floor(const embargo_results *r, const embargo_index *ix, const bound_ctx *b,
                            const search_name_state *st, float bound) {
    uint32_t name = st->name;
    bool initial = index_name_has_initial(ix, name); /* an initial it holds meets any token, marked or not */
    float q_most = initial ? bound : bound - marked_excess(r, st, b->marked);
    if (q_most < b->floor) return false;
    /* Only the tokens that found the name, or may meet it unfound, can meet its words. */
    uint64_t lv = st->levels, may = ((lv | (lv >> 1)) & SEARCH_LOW_BITS) | (b->unkeyed & ~b->legal);
    bool form_meets = b->legal && form_meets_name(ix, name, &b->forms);
    if (form_meets) may |= b->legal;
    if (initial) may = b->weighted;
    size_t units;
    uint32_t tokens = token_bits(may, &units), meeting = b->by_word && !form_meets ? tokens : 0;
    float c = listed_bound(r, ix, name, units, &b->words, meeting);
    double base = match_c_base(ix->entities[ix->names[name].entity].kind);
    float most = q_most * (float)(base + (1.0 - base) * c);
    if (!(may & b->substance) && c < 1.0f - SEARCH_WHOLE_MARGIN) most *= (float)MATCH_GENERIC_ONLY_FACTOR;
    return most >= b->floor;
}

/* Scores every name the index can report (a subset index holds others for their words' weights only). */
static void score_every_name(embargo_results *r, const embargo_index *ix) {
    for (uint32_t n = 0; n < ix->meta->n_names; n++)
        if (index_name_findable(ix, n)) score_name(r, ix, n);
}

embargo_status search_run(const embargo_index *ix, const search_request *req, embargo_results *r) {
    r->n_best = 0;
    r->scored = 0;
    if (!results_fit(r, ix)) return EMBARGO_ENOMEM;
    double floor = req->threshold - req->max_gain;
    /*
     * Under 0.5 a name could score through initials alone, which have no
     * key: score every name, so that low thresholds lose nothing either.
     */
    if (req->exhaustive || floor <= 0.5) {
        score_every_name(r, ix);
        return EMBARGO_OK;
    }
    /* Bounds are sums of weights; compare with the floor in those units, with room for rounding. */
    float bound_floor = (float)(floor * r->q_total) - 1e-4f;
    if (gather_candidates(r, ix, floor, bound_floor)) {
        score_every_name(r, ix);
        return EMBARGO_OK;
    }
    if (!r->n_touched) return EMBARGO_OK; /* no candidate: nothing to bound */
    bool marked = mark_free_tokens(r, ix);
    uint64_t unkeyed = unkeyed_tokens(r, marked), legal = tokens_with(r, TEXT_TOK_LEGAL);
    /*
     * Every token that may meet a listed word walked it (looked up, or
     * walked by mark_free_tokens), but legal forms (form_meets_name) and
     * initials, which meet words by letter (token_reached): a listed token
     * meets the query alone only when one of them reached its word
     * (listed_bound's BY_WORD), unless the set of words walked overflowed.
     */
    bool by_word = !r->no_pruning && r->reached_gen == r->generation && !r->reached_full;
    bound_ctx b = {.weighted = weighted_tokens(r), .unkeyed = unkeyed, .legal = legal,
                   .substance = substance_tokens(r), .marked = marked_tokens(r, marked),
                   .by_word = by_word, .floor = bound_floor};
    find_form_words(r, ix, legal, &b.forms);
    find_query_words(r, &b.words);
    for (size_t k = 0; k < r->n_touched; k++) {
        const search_name_state *st = &r->touched[k];
        uint32_t name = st->name;
        float bound = st->bound;
        /* What keys could not prove: an initial it holds meets the words that did not find it; else a
           digit meets a word it begins. */
        if (index_name_has_initial(ix, name)) bound = initial_bound(r, st);
        else if (r->digits_half > 0.0f) bound += one_byte_half(r, st->levels);
        if (bound < bound_floor) continue;
        /*
         * The score is Q * (base + (1 - base) * C): bound C too before scoring
         * (listed_bound), unless the score cache holds the name's score: then
         * scoring costs less than the bound, and a score under the floor is
         * dropped with the others under the threshold (embargo_search).
         */
        if (!r->no_pruning && !cached_score(r, ix, name, NULL) && !may_reach_floor(r, ix, &b, st, bound)) continue;
        score_name(r, ix, name);
    }
    return EMBARGO_OK;
}

embargo_status search_prepare(embargo_results *r, const embargo_index *ix, const char *name, int kind) {
    buf_clear(&r->error);
    r->n_hits = 0;
    if (!name) {
        buf_puts(&r->error, "no name given");
        return EMBARGO_EINVAL;
    }
    return prepare_query(r, ix, name, kind);
}
