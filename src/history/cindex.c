/*
 * cindex.c - see cindex.h; the arrays are described in cindex_int.h. Layout:
 * per customer, its token ids and joined pair ids by position (first[]
 * offsets); per token and per pair, the customers holding it (compressed
 * rows); one table of (key, ref) sorted by key, where ref names a token or
 * a pair and says whether the key is weak (phonetic or skeleton: proves at
 * most 0.85, as in search.c). Keys are sorted by a 16-bit radix sort: tens
 * of millions of them for a million customers, where qsort would take
 * longer than the rescreen it serves.
 */
#include "history/cindex.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history/cindex_int.h"
#include "index/index_int.h"
#include "index/keys.h"
#include "match/evidence.h"
#include "match/match.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/strmap.h"

#define CX_MAX_NAME_BYTES 4096       /* as search.c: longer names are cut */
#define CX_COMMON_SHARE 50u          /* as search.c: a word in more than 1/50 of the names is common */
#define CX_BOUND_SLACK 1e-3          /* in weight units: rounding never drops a customer */

/* ---- building ---- */

typedef struct {
    cindex *cx;
    strmap token_ids, pair_ids;
    arena scratch;               /* signatures and joined pairs, for the maps */
    size_t cap_pos, cap_pair, cap_tokens, cap_flags, cap_text, cap_keys;
    cx_key local[256];           /* one token's keys, before dedup */
    size_t n_local;
    uint32_t local_ref;
    bool failed;
} cx_builder;

static bool grow(void **items, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return true;
    size_t cap2 = *cap ? *cap : 1024;
    while (cap2 < need) cap2 *= 2;
    void *p = realloc(*items, cap2 * size);
    if (!p) return false;
    *items = p;
    *cap = cap2;
    return true;
}

static void local_key(uint64_t key, char kind, void *user) {
    cx_builder *b = user;
    /* Filed as the index's key table keeps a key (its check), so that gather_hits meets them. */
    cx_key k = {index_key_check(key), b->local_ref | (kind == 'p' || kind == 's' ? CX_WEAK : 0)};
    for (size_t i = 0; i < b->n_local; i++)
        if (b->local[i].key == k.key && b->local[i].ref == k.ref) return;
    if (b->n_local < sizeof b->local / sizeof *b->local) b->local[b->n_local++] = k;
}

/* Moves the keys gathered in b->local to the table. */
static void flush_keys(cx_builder *b) {
    cindex *cx = b->cx;
    if (!grow((void **)&cx->keys, &b->cap_keys, cx->n_keys + b->n_local, sizeof *cx->keys)) {
        b->failed = true;
        return;
    }
    memcpy(cx->keys + cx->n_keys, b->local, b->n_local * sizeof *b->local);
    cx->n_keys += b->n_local;
    b->n_local = 0;
}

/* The keys search.c looks up for token T itself (probe_token with OWN). */
static void token_keys(cx_builder *b, const mtok *t, uint32_t id) {
    b->local_ref = id;
    b->n_local = 0;
    local_key(key_hash('e', t->text, t->len), 'e', b);
    const char *alt = t->alts;
    for (int a = 0; a < t->n_alt; a++, alt += strlen(alt) + 1) local_key(key_hash('e', alt, strlen(alt)), 'e', b);
    keys_fuzzy(t->text, t->len, t->phonetic, t->skeleton, local_key, b);
    flush_keys(b);
}

/* The keys search.c looks up for two tokens read as one word. */
static void pair_keys(cx_builder *b, const char *joined, size_t len, uint32_t id) {
    b->local_ref = CX_PAIR | id;
    b->n_local = 0;
    local_key(key_hash('e', joined, len), 'e', b);
    keys_fuzzy(joined, len, NULL, NULL, local_key, b);
    flush_keys(b);
}

/* Files token T as token ID: its text, flags and keys. */
static bool add_token(cx_builder *b, const mtok *t, uint32_t id) {
    cindex *cx = b->cx;
    size_t len = strlen(t->text);
    if (!grow((void **)&cx->tok_text, &b->cap_tokens, id + 1, sizeof *cx->tok_text) ||
        !grow((void **)&cx->tok_flags, &b->cap_flags, id + 1, sizeof *cx->tok_flags) ||
        !grow((void **)&cx->text, &b->cap_text, cx->n_text + len + 1, 1) || cx->n_text + len + 1 > UINT32_MAX)
        return false;
    cx->tok_text[id] = (uint32_t)cx->n_text;
    cx->tok_flags[id] = t->flags;
    memcpy(cx->text + cx->n_text, t->text, len + 1);
    cx->n_text += len + 1;
    cx->n_tokens++;
    token_keys(b, t, id);
    return true;
}

/* The id of token T, numbering it (and filing its keys) the first time. */
static uint32_t token_id(cx_builder *b, const mtok *t) {
    char sig[TEXT_POOL_SIZE];
    int n = snprintf(sig, sizeof sig, "%s\x1f%x\x1f%s\x1f%s", t->text, t->flags, t->phonetic ? t->phonetic : "",
                     t->skeleton ? t->skeleton : "");
    const char *alt = t->alts;
    for (int a = 0; a < t->n_alt && n > 0 && (size_t)n < sizeof sig; a++, alt += strlen(alt) + 1)
        n += snprintf(sig + n, sizeof sig - (size_t)n, "\x1f%s", alt);
    size_t id;
    if (strmap_get(&b->token_ids, sig, &id)) return (uint32_t)id;
    id = b->cx->n_tokens;
    const char *key = arena_strdup(&b->scratch, sig);
    if (id > CX_ID_MASK || !key || !strmap_put(&b->token_ids, key, id) || !add_token(b, t, (uint32_t)id)) {
        b->failed = true;
        return CX_NONE;
    }
    return (uint32_t)id;
}

/* The id of T and U read as one word, or CX_NONE when search.c never joins them. */
static uint32_t pair_id(cx_builder *b, const mtok *t, const mtok *u) {
    uint16_t no_join = TEXT_TOK_LEGAL | TEXT_TOK_INITIAL;
    if (((t->flags | u->flags) & no_join) || (size_t)t->len + u->len > TEXT_MAX_TOKEN_LEN) return CX_NONE;
    char joined[TEXT_MAX_TOKEN_LEN + 1];
    memcpy(joined, t->text, t->len);
    memcpy(joined + t->len, u->text, u->len);
    size_t len = (size_t)t->len + u->len;
    joined[len] = '\0';
    size_t id;
    if (strmap_get(&b->pair_ids, joined, &id)) return (uint32_t)id;
    id = b->cx->n_pairs;
    const char *key = arena_strdup(&b->scratch, joined);
    if (id > CX_ID_MASK || !key || !strmap_put(&b->pair_ids, key, id)) {
        b->failed = true;
        return CX_NONE;
    }
    b->cx->n_pairs++;
    pair_keys(b, joined, len, (uint32_t)id);
    return (uint32_t)id;
}

/* Prepares customer NAME as search.c prepares a query and files its tokens. */
static void add_customer(cx_builder *b, const char *name, text_name *prepared, mtok *tok, char *alts) {
    cindex *cx = b->cx;
    size_t len = name ? strlen(name) : 0, n = 0;
    if (len > CX_MAX_NAME_BYTES) len = CX_MAX_NAME_BYTES;
    if (name && text_name_prepare(name, len, prepared) == TEXT_OK) n = match_tokens_from_text(prepared, tok, alts);
    if (!grow((void **)&cx->pos_token, &b->cap_pos, cx->n_pos + n, sizeof *cx->pos_token)) {
        b->failed = true;
        return;
    }
    if (!grow((void **)&cx->pos_pair, &b->cap_pair, cx->n_pos + n, sizeof *cx->pos_pair)) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < n && !b->failed; i++) {
        cx->pos_token[cx->n_pos + i] = token_id(b, &tok[i]);
        cx->pos_pair[cx->n_pos + i] = i + 1 < n ? pair_id(b, &tok[i], &tok[i + 1]) : CX_NONE;
    }
    cx->n_pos += n;
}

/* True when position P of customer C holds an id it held at an earlier position (or none). */
static bool seen_before(const cindex *cx, const uint32_t *at, size_t c, uint32_t p) {
    if (at[p] == CX_NONE) return true;
    for (uint32_t q = cx->first[c]; q < p; q++)
        if (at[q] == at[p]) return true;
    return false;
}

/* Fills the customers holding each of N ids (positions' ids from AT) as compressed rows. */
static bool build_postings(cindex *cx, const uint32_t *at, size_t n, uint32_t **first, uint32_t **cust) {
    *first = calloc(n + 1, sizeof **first);
    uint32_t *next = malloc((n ? n : 1) * sizeof *next);
    if (!*first || !next) return free(next), false;
    for (size_t c = 0; c < cx->n_customers; c++)
        for (uint32_t p = cx->first[c]; p < cx->first[c + 1]; p++)
            if (!seen_before(cx, at, c, p)) (*first)[at[p] + 1]++;
    for (size_t i = 1; i <= n; i++) (*first)[i] += (*first)[i - 1];
    memcpy(next, *first, n * sizeof *next);
    *cust = malloc(((*first)[n] ? (*first)[n] : 1) * sizeof **cust);
    if (!*cust) return free(next), false;
    for (size_t c = 0; c < cx->n_customers; c++)
        for (uint32_t p = cx->first[c]; p < cx->first[c + 1]; p++)
            if (!seen_before(cx, at, c, p)) (*cust)[next[at[p]]++] = (uint32_t)c;
    free(next);
    return true;
}

/* Sorts the key table by key (LSD radix, 16 bits a pass). */
static bool sort_keys(cindex *cx) {
    cx_key *tmp = malloc((cx->n_keys ? cx->n_keys : 1) * sizeof *tmp);
    size_t *count = malloc(65536 * sizeof *count);
    if (!tmp || !count) return free(tmp), free(count), false;
    cx_key *src = cx->keys, *dst = tmp;
    for (int shift = 0; shift < 32; shift += 16) {
        memset(count, 0, 65536 * sizeof *count);
        for (size_t i = 0; i < cx->n_keys; i++) count[(src[i].key >> shift) & 0xffff]++;
        size_t sum = 0;
        for (size_t d = 0; d < 65536; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < cx->n_keys; i++) dst[count[(src[i].key >> shift) & 0xffff]++] = src[i];
        cx_key *t = src;
        src = dst, dst = t;
    }
    /* Two passes: the sorted keys are back in cx->keys. */
    free(tmp);
    free(count);
    return true;
}

cindex *cindex_build(const embargo_query *queries, size_t n) {
    cindex *cx = calloc(1, sizeof *cx);
    cx_builder *b = calloc(1, sizeof *b);
    text_name *prepared = malloc(sizeof *prepared);
    mtok *tok = malloc(TEXT_MAX_TOKENS * sizeof *tok);
    char *alts = malloc(TEXT_POOL_SIZE);
    bool ok = cx && b && prepared && tok && alts && n < CX_NONE;
    if (ok) {
        cx->owned = true;
        arena_init(&b->scratch);
        strmap_init(&b->token_ids);
        strmap_init(&b->pair_ids);
        b->cx = cx;
        cx->n_customers = n;
        ok = (cx->first = malloc((n + 1) * sizeof *cx->first)) != NULL;
        for (size_t c = 0; ok && c < n; c++) {
            cx->first[c] = (uint32_t)cx->n_pos;
            add_customer(b, queries[c].name, prepared, tok, alts);
            ok = !b->failed && cx->n_pos < CX_NONE;
        }
        if (ok) cx->first[n] = (uint32_t)cx->n_pos;
        strmap_free(&b->token_ids);
        strmap_free(&b->pair_ids);
        arena_free(&b->scratch);
    }
    ok = ok && build_postings(cx, cx->pos_token, cx->n_tokens, &cx->tok_first, &cx->tok_cust) &&
         build_postings(cx, cx->pos_pair, cx->n_pairs, &cx->pair_first, &cx->pair_cust) && sort_keys(cx);
    free(b), free(prepared), free(tok), free(alts);
    if (!ok) {
        cindex_free(cx);
        return NULL;
    }
    return cx;
}

void cindex_free(cindex *cx) {
    if (!cx) return;
    if (cx->owned) {
        free(cx->first), free(cx->pos_token), free(cx->pos_pair), free(cx->tok_text), free(cx->tok_flags);
        free(cx->text), free(cx->tok_first), free(cx->tok_cust), free(cx->pair_first), free(cx->pair_cust);
        free(cx->keys);
    }
    mapfile_close(&cx->file);
    free(cx);
}

void cindex_get_stats(const cindex *cx, cindex_stats *out) {
    out->customers = cx->n_customers;
    out->tokens = cx->n_tokens;
    out->pairs = cx->n_pairs;
    out->keys = cx->n_keys;
    out->bytes = sizeof *cx + (cx->n_customers + 1) * 4 + cx->n_pos * 8 + cx->n_tokens * 6 + cx->n_text +
                 (cx->n_tokens + cx->n_pairs + 2) * 4 + (size_t)cx->tok_first[cx->n_tokens] * 4 +
                 (size_t)cx->pair_first[cx->n_pairs] * 4 + cx->n_keys * sizeof *cx->keys;
}

/* ---- candidates ---- */

typedef struct {
    uint32_t ref;                /* a token id, or CX_PAIR | a pair id */
    uint32_t name;               /* a name of the changed entities, in the index */
    uint8_t strong;              /* found through a spelling or deletion key */
} cx_hit;

typedef struct {
    cx_hit *items;
    size_t n, cap;
} cx_hits;

static int hit_cmp(const void *pa, const void *pb) {
    const cx_hit *a = pa, *b = pb;
    if (a->ref != b->ref) return a->ref < b->ref ? -1 : 1;
    if (a->name != b->name) return a->name < b->name ? -1 : 1;
    return (int)b->strong - (int)a->strong;
}

/* The first entry of the key table at or after KEY. */
static size_t key_lower(const cindex *cx, uint32_t key) {
    size_t lo = 0, hi = cx->n_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cx->keys[mid].key < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* True for a vocabulary entry some findable name holds. */
static bool vocab_live(const embargo_index *ix, uint32_t id) {
    return id < ix->meta->n_vocab && ix->vocab[id].n_postings > 0;
}

static bool push_hit(cx_hits *h, uint32_t ref, uint32_t name, bool strong) {
    if (!grow((void **)&h->items, &h->cap, h->n + 1, sizeof *h->items)) return false;
    h->items[h->n++] = (cx_hit){ref, name, strong};
    return true;
}

/* Files the names of live vocabulary entries IDS under customer key entry R. */
static bool hits_of_key(const cindex *cx, const embargo_index *ix, const uint32_t *ids, uint32_t n_ids, size_t r,
                        cx_hits *out) {
    uint32_t ref = cx->keys[r].ref & ~CX_WEAK;
    bool strong = !(cx->keys[r].ref & CX_WEAK);
    for (uint32_t i = 0; i < n_ids; i++) {
        if (!vocab_live(ix, ids[i])) continue;
        const idx_vocab *v = &ix->vocab[ids[i]];
        for (uint32_t k = 0; k < v->n_postings; k++) {
            uint32_t name = ix->postings[v->postings + k];
            if (name < ix->meta->n_names && !push_hit(out, ref, name, strong)) return false;
        }
    }
    return true;
}

/*
 * Every (customer token or pair, findable name) sharing a key, into OUT
 * sorted by ref and name, the strongest level kept. The walk is over IX's
 * key table, small when only the changed entities are findable: only their
 * words have spelling and fuzzy keys there (index/build.c).
 */
static bool gather_hits(const cindex *cx, const embargo_index *ix, cx_hits *out) {
    for (size_t s = 0; s < ix->meta->n_keys_cap; s++) {
        const idx_key *k = &ix->keys.slots[s];
        uint32_t n_ids, one;
        const uint32_t *ids = key_table_slot_ids(&ix->keys, k, &n_ids, &one);
        bool live = false;
        for (uint32_t i = 0; i < n_ids && !live; i++) live = vocab_live(ix, ids[i]);
        if (!live) continue;
        uint32_t key = k->check;
        for (size_t r = key_lower(cx, key); r < cx->n_keys && cx->keys[r].key == key; r++)
            if (!hits_of_key(cx, ix, ids, n_ids, r, out)) return false;
    }
    if (out->n) qsort(out->items, out->n, sizeof *out->items, hit_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < out->n; i++)
        if (!kept || out->items[i].ref != out->items[kept - 1].ref || out->items[i].name != out->items[kept - 1].name)
            out->items[kept++] = out->items[i];
    out->n = kept;
    return true;
}

/* The range [*LO, *HI) of HITS on REF. */
static void hits_range(const cx_hits *hits, uint32_t ref, size_t *lo, size_t *hi) {
    size_t a = 0, b = hits->n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (hits->items[mid].ref < ref) a = mid + 1;
        else b = mid;
    }
    *lo = a;
    while (a < hits->n && hits->items[a].ref == ref) a++;
    *hi = a;
}

typedef struct {
    uint32_t name;
    uint8_t pos, strong;
} cx_found;

typedef struct {
    const cindex *cx;
    const embargo_index *ix;
    const cx_hits *hits;
    uint32_t *df;                /* per token, CX_NONE until looked up */
    cx_found *found;
    size_t n_found, cap_found;
} cx_check;

static uint32_t token_df(cx_check *k, uint32_t tid) {
    if (k->df[tid] == CX_NONE) {
        const char *word = k->cx->text + k->cx->tok_text[tid];
        k->df[tid] = index_word_df(k->ix, word, strlen(word));
    }
    return k->df[tid];
}

static bool push_found(cx_check *k, uint32_t name, size_t pos, bool strong) {
    if (!grow((void **)&k->found, &k->cap_found, k->n_found + 1, sizeof *k->found)) return false;
    k->found[k->n_found++] = (cx_found){name, (uint8_t)pos, strong};
    return true;
}

static int found_cmp(const void *pa, const void *pb) {
    const cx_found *a = pa, *b = pb;
    return a->name < b->name ? -1 : a->name > b->name;
}

/* The names customer C's tokens and pairs find, into k->found sorted by name. */
static bool customer_found(cx_check *k, size_t c) {
    const cindex *cx = k->cx;
    uint32_t first = cx->first[c], n = cx->first[c + 1] - first;
    k->n_found = 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t lo, hi;
        hits_range(k->hits, cx->pos_token[first + i], &lo, &hi);
        for (size_t h = lo; h < hi; h++)
            if (!push_found(k, k->hits->items[h].name, i, k->hits->items[h].strong)) return false;
        if (cx->pos_pair[first + i] == CX_NONE) continue;
        hits_range(k->hits, CX_PAIR | cx->pos_pair[first + i], &lo, &hi);
        for (size_t h = lo; h < hi; h++)
            if (!push_found(k, k->hits->items[h].name, i, k->hits->items[h].strong) ||
                !push_found(k, k->hits->items[h].name, i + 1, k->hits->items[h].strong))
                return false;
    }
    if (k->n_found > 1) qsort(k->found, k->n_found, sizeof *k->found, found_cmp);
    return true;
}

/*
 * The most search.c's bound can give name NAME (found at LEVEL per
 * position: 0 not, 1 weak, 2 strong), in weight units. A token the search
 * may leave unlooked-up (an initial, a common word) counts whole, and again
 * for what a joined pair may find through it; one not found counts 0.5 when
 * the name has an initial (initial_bound).
 */
static double name_bound(const cx_check *k, uint32_t name, const uint8_t *level, const float *w, const bool *maybe_free,
                         const uint16_t *flags, size_t n) {
    static const double ceiling[3] = {0.0, 0.85, 1.0};
    bool has_initial = k->ix->names[name].flags & IDX_NAME_HAS_INITIAL;
    double bound = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (maybe_free[i]) bound += w[i];
        if (level[i]) bound += w[i] * ceiling[level[i]];
        else if (has_initial && !(flags[i] & TEXT_TOK_INITIAL)) bound += 0.5 * w[i];
    }
    return bound;
}

/* True when a query's identifier belongs to a findable entity of IX. */
static bool identifier_found(const embargo_index *ix, const embargo_query *q) {
    if (!q->identifier || !*q->identifier) return false;
    char norm[128];
    size_t n = keys_identifier(q->identifier, norm, sizeof norm);
    uint32_t count = 0, one;
    const uint32_t *ids = n >= 4 ? index_lookup(ix, key_hash('x', norm, n), &count, &one) : NULL;
    for (uint32_t i = 0; i < count; i++)
        if (ids[i] < ix->meta->n_entities) return true;
    return false;
}

/* 1 when customer C (query Q) may have a hit at THRESHOLD, 0 when it cannot, -1 out of memory. */
static int customer_check(cx_check *k, size_t c, const embargo_query *q, double threshold) {
    const cindex *cx = k->cx;
    uint32_t first = cx->first[c], n = cx->first[c + 1] - first;
    float w[TEXT_MAX_TOKENS];
    bool maybe_free[TEXT_MAX_TOKENS];
    uint16_t flags[TEXT_MAX_TOKENS];
    double q_total = 0.0;
    uint32_t n_names = k->ix->meta->n_names;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t tid = cx->pos_token[first + i], df = token_df(k, tid);
        flags[i] = cx->tok_flags[tid];
        w[i] = index_idf(df, n_names) * match_role_factor(flags[i], q->kind);
        q_total += w[i];
        maybe_free[i] = (flags[i] & (TEXT_TOK_INITIAL | TEXT_TOK_GENERIC | TEXT_TOK_PARTICLE | TEXT_TOK_LEGAL)) ||
                        df > n_names / CX_COMMON_SHARE;
    }
    if (n == 0 || q_total <= 0.0) return 0; /* the search refuses such a name */
    double gain = (q->dob && *q->dob ? EVIDENCE_DOB_EXACT : 0.0) + (q->country && *q->country ? EVIDENCE_COUNTRY_MATCH : 0.0);
    double floor = threshold - gain;
    if (floor <= 0.5 || identifier_found(k->ix, q)) return 1; /* every name is scored, or one is found by identifier */
    if (!customer_found(k, c)) return -1;
    double need = floor * q_total - CX_BOUND_SLACK;
    for (size_t a = 0, b; a < k->n_found; a = b) {
        uint8_t level[TEXT_MAX_TOKENS] = {0};
        for (b = a; b < k->n_found && k->found[b].name == k->found[a].name; b++) {
            uint8_t l = k->found[b].strong ? 2 : 1;
            if (level[k->found[b].pos] < l) level[k->found[b].pos] = l;
        }
        if (name_bound(k, k->found[a].name, level, w, maybe_free, flags, n) >= need) return 1;
    }
    return 0;
}

/* Marks the customers holding a token or pair that HITS found. */
static void mark_holders(const cindex *cx, const cx_hits *hits, uint8_t *mark) {
    for (size_t h = 0; h < hits->n; h++) {
        uint32_t ref = hits->items[h].ref;
        if (h && ref == hits->items[h - 1].ref) continue;
        bool pair = ref & CX_PAIR;
        uint32_t id = ref & CX_ID_MASK;
        const uint32_t *row_first = pair ? cx->pair_first : cx->tok_first, *cust = pair ? cx->pair_cust : cx->tok_cust;
        for (uint32_t r = row_first[id]; r < row_first[id + 1]; r++) mark[cust[r]] = 1;
    }
}

/* True when the search scores every name for Q or finds an entity by its identifier: no key is needed. */
static bool searched_anyway(const embargo_index *ix, const embargo_query *q, double threshold) {
    bool dob = q->dob && *q->dob, country = q->country && *q->country;
    if (!dob && !country && (!q->identifier || !*q->identifier)) return threshold <= 0.5;
    double floor = threshold - (dob ? EVIDENCE_DOB_EXACT : 0.0) - (country ? EVIDENCE_COUNTRY_MATCH : 0.0);
    return floor <= 0.5 || identifier_found(ix, q);
}

embargo_status cindex_candidates(const cindex *cx, const embargo_index *ix, const embargo_query *queries, size_t n,
                                 double threshold, uint32_t **parties, size_t *n_parties) {
    *parties = NULL;
    *n_parties = 0;
    if (!cx || !ix || n != cx->n_customers) return EMBARGO_EINVAL;
    cx_hits hits = {0};
    cx_check k = {cx, ix, &hits, malloc((cx->n_tokens ? cx->n_tokens : 1) * sizeof *k.df), NULL, 0, 0};
    uint8_t *mark = calloc(n ? n : 1, 1);
    uint32_t *out = malloc((n ? n : 1) * sizeof *out);
    bool ok = k.df && mark && out && gather_hits(cx, ix, &hits);
    if (ok) {
        memset(k.df, 0xff, cx->n_tokens * sizeof *k.df);
        mark_holders(cx, &hits, mark);
    }
    size_t n_out = 0;
    for (size_t c = 0; ok && c < n; c++) {
        if (!mark[c] && !searched_anyway(ix, &queries[c], threshold)) continue;
        int keep = customer_check(&k, c, &queries[c], threshold);
        if (keep < 0) ok = false;
        else if (keep) out[n_out++] = (uint32_t)c;
    }
    free(hits.items), free(k.df), free(k.found), free(mark);
    if (!ok) {
        free(out);
        return EMBARGO_ENOMEM;
    }
    *parties = out;
    *n_parties = n_out;
    return EMBARGO_OK;
}
