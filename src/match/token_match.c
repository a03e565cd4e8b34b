/*
 * token_match.c - when two tokens are the same word, and how sure that is.
 *
 * The rules, tried from the surest down; the first that holds gives the
 * similarity. Each rule but the initial one corresponds to a retrieval key in
 * index/keys.c, so that a token pair scored above 0 is always a pair the
 * index retrieves:
 *
 *   legal forms     same class (llc/ooo/gmbh)                 1.00  key e:
 *   exact           same main spelling                        1.00  key e:
 *   spelling        any spelling of one equals one of the other 0.95 key e:
 *   typo            both >= 4 letters, one edit (a swap of two
 *                   neighbours counts as one), graded by length
 *                   and by confusable letters                  0.70-0.95 key d:
 *   phonetic        both >= 4 letters, same phonetic key of
 *                   3+ letters, Jaro-Winkler >= 0.75           0.85  key p:
 *   skeleton        both >= 4 letters, same consonant skeleton
 *                   of 3+ letters, Jaro-Winkler >= 0.75        0.80  key s:
 *   initial         a one-letter token and a word it begins    0.50  key i:
 *   unvowelled      a word of Arabic script spelt letter by letter
 *                   and a romanization that only adds vowels
 *                   ("khamni", "khamenei"), both >= 4 letters  0.95  key s:
 */
#include "match/match.h"

#include "embargo/entity.h"

#include <string.h>

#include "index/keys.h"
#include "match/similarity.h"



static const char *const how_names[MATCH_HOW_COUNT] = {
    "exact", "spelling", "typo", "phonetic", "skeleton", "initial", "legal-form", "unvowelled",
};

const char *match_how_name(match_how how) {
    return how < MATCH_HOW_COUNT ? how_names[how] : "?";
}

float match_role_factor(uint16_t flags, int kind) {
    if (flags & TEXT_TOK_HONORIFIC) return 0.0f;
    if (flags & TEXT_TOK_LEGAL) return 0.1f;
    if (flags & TEXT_TOK_PARTICLE) return 0.15f;
    if ((flags & TEXT_TOK_GENERIC) && kind != EMBARGO_KIND_PERSON) return 0.25f;
    if (flags & TEXT_TOK_INITIAL) return 0.3f;
    if (flags & (TEXT_TOK_PATRONYMIC | TEXT_TOK_TITLE)) return 0.4f;
    return 1.0f;
}

/* True when some spelling of A (main or alternate) equals some spelling of B. */
static bool share_spelling(const mtok *a, const mtok *b) {
    const char *sa = a->text;
    for (int i = 0; i <= a->n_alt; i++) {
        if (i > 0) sa = i == 1 ? a->alts : sa + strlen(sa) + 1;
        const char *sb = b->text;
        for (int j = 0; j <= b->n_alt; j++) {
            if (j > 0) sb = j == 1 ? b->alts : sb + strlen(sb) + 1;
            if ((i || j) && strcmp(sa, sb) == 0) return true;
        }
    }
    return false;
}

float match_typo_similarity(double cost, size_t longer) {
    double s = 1.0 - 1.0 * cost / (double)longer; /* one cheap edit on 8 letters ~ 0.94 */
    return (float)(s < 0.70 ? 0.70 : s > 0.95 ? 0.95 : s);
}

/* True when keys A and B are equal and long enough to mean something; the first letters decide most pairs. */
static bool same_key(const char *a, const char *b) {
    return a[0] == b[0] && strcmp(a, b) == 0 && strlen(a) >= KEYS_MIN_KEY_LEN;
}

/* Similarity of two plain strings by the typo, phonetic and skeleton rules. */
static float fuzzy_similarity(const char *a, size_t alen, const char *a_phon, const char *a_skel,
                              const char *b, size_t blen, const char *b_phon, const char *b_skel,
                              match_how *how) {
    size_t shorter = alen < blen ? alen : blen;
    float best = 0.0f;
    double cost = match_typo_lengths(alen, blen) ? sim_one_edit(a, alen, b, blen) : -1.0;
    if (cost >= 0.0) {
        best = match_typo_similarity(cost, alen > blen ? alen : blen);
        *how = MATCH_HOW_TYPO;
    }
    if (shorter < MATCH_FUZZY_MIN_LEN || best >= 0.85f) return best;
    bool same_phonetic = same_key(a_phon, b_phon), same_skeleton = same_key(a_skel, b_skel);
    if (!same_phonetic && !(same_skeleton && best < 0.80f)) return best;
    /* Keys alone are coarse ("cloud", "curlett"): the letters must agree too. */
    if (best == 0.0f && sim_jaro_winkler(a, alen, b, blen) < MATCH_KEY_MIN_JW) return best;
    if (same_phonetic) {
        *how = MATCH_HOW_PHONETIC;
        return 0.85f;
    }
    *how = MATCH_HOW_SKELETON;
    return 0.80f;
}

/*
 * True when one of A and B is unvowelled Arabic script and the other spells
 * it with vowels added. The same skeleton key is asked too: it is the key
 * the index finds such a pair by (search.c gives it the strong level).
 */
static bool vowels_added(const mtok *a, const mtok *b) {
    const mtok *u = (a->flags & TEXT_TOK_UNVOWELLED) ? a : b, *v = u == a ? b : a;
    return u->len >= MATCH_FUZZY_MIN_LEN && same_key(u->skeleton, v->skeleton) &&
           sim_vowels_added(u->text, u->len, v->text, v->len);
}

float match_token_similarity(const mtok *a, const mtok *b, match_how *how) {
    if ((a->flags | b->flags) & TEXT_TOK_LEGAL) {
        /* Same class; words left of a form without one ("liability") meet only themselves. A
           form one side took for a plain word ("SAINT-PETERSBURG AO INSTITUTE") meets it spelt alike. */
        bool both = a->flags & b->flags & TEXT_TOK_LEGAL;
        bool same = both ? a->legal == b->legal && (a->legal != TEXT_LEGAL_NONE || strcmp(a->text, b->text) == 0)
                         : strcmp(a->text, b->text) == 0 || share_spelling(a, b);
        *how = MATCH_HOW_LEGAL_FORM;
        return same ? 1.0f : 0.0f;
    }
    if (a->len == b->len && strcmp(a->text, b->text) == 0) {
        *how = MATCH_HOW_EXACT;
        return 1.0f;
    }
    if ((a->n_alt || b->n_alt) && share_spelling(a, b)) {
        *how = MATCH_HOW_SPELLING;
        return 0.95f;
    }
    bool a_initial = a->len == 1, b_initial = b->len == 1;
    if (a_initial || b_initial) {
        *how = MATCH_HOW_INITIAL;
        return a_initial != b_initial && a->text[0] == b->text[0] ? 0.5f : 0.0f;
    }
    float s = fuzzy_similarity(a->text, a->len, a->phonetic, a->skeleton,
                               b->text, b->len, b->phonetic, b->skeleton, how);
    if (((a->flags ^ b->flags) & TEXT_TOK_UNVOWELLED) && s < MATCH_UNVOWELLED_SIM && vowels_added(a, b)) {
        *how = MATCH_HOW_UNVOWELLED;
        return MATCH_UNVOWELLED_SIM;
    }
    return s;
}

/*
 * Joined words meet by spelling or one typo only: the phonetic and skeleton
 * rules would need keys computed per pair, on the hot path. (The index files
 * joined words under every key kind; finding more candidates than the scorer
 * accepts keeps its promise.)
 */
float match_joined_similarity(const mtok *a1, const mtok *a2, const mtok *b, match_how *how) {
    if ((a1->flags | a2->flags | b->flags) & (TEXT_TOK_LEGAL | TEXT_TOK_INITIAL)) return 0.0f;
    size_t len = (size_t)a1->len + a2->len;
    if (len > TEXT_MAX_TOKEN_LEN || len + 1 < b->len || len > (size_t)b->len + 1) return 0.0f;
    char joined[TEXT_MAX_TOKEN_LEN + 1];
    memcpy(joined, a1->text, a1->len);
    memcpy(joined + a1->len, a2->text, a2->len);
    joined[len] = '\0';
    if (len == b->len && memcmp(joined, b->text, len) == 0) {
        *how = MATCH_HOW_EXACT;
        return 0.97f; /* written as one word on one side */
    }
    double cost = match_typo_lengths(len, b->len) ? sim_one_edit(joined, len, b->text, b->len) : -1.0;
    if (cost < 0.0) return 0.0f;
    *how = MATCH_HOW_TYPO;
    return match_typo_similarity(cost, len > b->len ? len : b->len) * 0.97f;
}

size_t match_tokens_from_text(const text_name *name, mtok *toks, char *alts_buf) {
    size_t used = 0;
    for (uint32_t i = 0; i < name->n_tok; i++) {
        const text_token *t = &name->tok[i];
        mtok *m = &toks[i];
        m->text = name->pool + t->text.off;
        m->len = t->len;
        m->flags = t->flags;
        m->legal = t->legal;
        m->skeleton = t->skeleton;
        m->phonetic = t->phonetic;
        m->weight = 1.0f;
        m->alts = alts_buf + used;
        m->n_alt = 0;
        for (uint32_t j = 0; j < t->n_alt; j++) {
            size_t n = t->alt[j].len;
            if (used + n + 1 > TEXT_POOL_SIZE) break;
            memcpy(alts_buf + used, name->pool + t->alt[j].off, n);
            alts_buf[used + n] = '\0';
            used += n + 1;
            m->n_alt++;
        }
    }
    return name->n_tok;
}
