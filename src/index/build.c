/*
 * build.c - compiling a store into the index image.
 *
 * Pass 1 prepares every name of every entity with the text pipeline, once,
 * and files its tokens: the vocabulary (distinct words, and adjacent word
 * pairs read as one), each word's document frequency and the names holding
 * it. Pass 2 weighs every token by its rarity (IDF) and role. Pass 3 files
 * each vocabulary entry under its retrieval keys (keys.h), and each entity
 * under its identifiers. Strings are interned in one pool.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index/index_int.h"
#include "index/key_table.h"
#include "index/keys.h"
#include "match/match.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/strmap.h"

#define VEC(type) struct { type *items; size_t n, cap; }
#define VEC_PUSH(b, v, item)                                                           \
    do {                                                                               \
        if ((v).n == (v).cap) {                                                        \
            size_t cap_ = (v).cap ? (v).cap * 2 : 16;                                  \
            void *p_ = realloc((v).items, cap_ * sizeof *(v).items);                   \
            if (!p_) { (b)->failed = true; break; }                                    \
            (v).items = p_;                                                            \
            (v).cap = cap_;                                                            \
        }                                                                              \
        (v).items[(v).n++] = (item);                                                   \
    } while (0)

typedef struct {
    uint32_t text;
    uint32_t df;
    uint32_t last_name;          /* last name posted, to post each name once */
    uint32_t flags;              /* IDX_VOCAB_* */
    VEC(uint32_t) postings;
    VEC(uint32_t) alts;          /* string offsets of other spellings seen */
} build_vocab;

typedef struct {
    buf strings;
    strmap interned;             /* string -> offset in strings */
    arena keys_mem;              /* stable copies of the map keys */
    strmap vocab_ids;            /* word -> vocab id */
    VEC(build_vocab) vocab;
    VEC(idx_entity) entities;
    VEC(idx_name) names;
    VEC(idx_token) tokens;
    VEC(embargo_date) dates;
    VEC(char) countries;
    VEC(key_pair) keys;
    text_name prepared;          /* scratch for one name */
    bool findable;               /* the entity being added can be found (see KEEP) */
    bool failed;
} builder;

/* Offset of S in the pool, adding it the first time; *STABLE gets a lasting copy. */
static uint32_t intern_stable(builder *b, const char *s, const char **stable) {
    size_t off;
    char *key = NULL;
    if (!strmap_get(&b->interned, s, &off)) {
        off = b->strings.len;
        key = arena_strdup(&b->keys_mem, s);
        if (!key || !buf_append(&b->strings, s, strlen(s) + 1) || !strmap_put(&b->interned, key, off)) {
            b->failed = true;
            return INDEX_NO_STRING;
        }
    }
    if (stable) *stable = key ? key : arena_strdup(&b->keys_mem, s);
    return (uint32_t)off;
}

static const char *pool_str(const builder *b, uint32_t off) {
    return off < b->strings.len ? b->strings.data + off : "";
}

static uint32_t intern(builder *b, const char *s) {
    return s ? intern_stable(b, s, NULL) : INDEX_NO_STRING;
}

/* The vocabulary id of WORD, creating the entry the first time. */
static uint32_t vocab_id(builder *b, const char *word) {
    size_t id;
    if (strmap_get(&b->vocab_ids, word, &id)) return (uint32_t)id;
    build_vocab v = {0};
    const char *stable = NULL;
    v.text = intern_stable(b, word, &stable);
    v.last_name = UINT32_MAX;
    id = b->vocab.n;
    VEC_PUSH(b, b->vocab, v);
    if (b->failed || !stable || !strmap_put(&b->vocab_ids, stable, id)) b->failed = true;
    return (uint32_t)id;
}

/*
 * Files name NAME_ID under vocabulary entry ID; AS_WORD counts it in the df.
 * Names are filed as they are added, so each word's postings are in
 * ascending name order: the search binary-searches them (search.c).
 */
static void post(builder *b, uint32_t id, uint32_t name_id, bool as_word) {
    if (b->failed) return;
    build_vocab *v = &b->vocab.items[id];
    if (v->last_name == name_id) return;
    v->last_name = name_id;
    if (as_word) v->df++;
    if (b->findable) VEC_PUSH(b, v->postings, name_id);
}

static void add_alt(builder *b, uint32_t id, const char *alt) {
    uint32_t off = intern(b, alt);
    build_vocab *v = &b->vocab.items[id];
    for (size_t i = 0; i < v->alts.n; i++)
        if (v->alts.items[i] == off) return;
    VEC_PUSH(b, v->alts, off);
}

/* Copies prepared token I into the token table (weight set in pass 2). */
static void add_token(builder *b, const text_name *p, uint32_t i) {
    const text_token *t = &p->tok[i];
    idx_token it = {0};
    it.text = intern(b, text_tok_str(p, i));
    it.len = t->len;
    it.flags = t->flags;
    it.legal = t->legal;
    memcpy(it.skeleton, t->skeleton, sizeof it.skeleton);
    memcpy(it.phonetic, t->phonetic, sizeof it.phonetic);
    if (t->n_alt) {
        it.alts = (uint32_t)b->strings.len;
        for (uint32_t j = 0; j < t->n_alt; j++) {
            const char *alt = text_alt_str(p, i, j);
            buf_append(&b->strings, alt, strlen(alt) + 1);
        }
        it.n_alt = t->n_alt;
    }
    VEC_PUSH(b, b->tokens, it);
}

/* Files the tokens of prepared name P (name NAME_ID) in the vocabulary. */
static void file_name_tokens(builder *b, const text_name *p, uint32_t name_id) {
    for (uint32_t i = 0; i < p->n_tok; i++) {
        const text_token *t = &p->tok[i];
        if (t->flags & TEXT_TOK_HONORIFIC) continue;
        uint32_t id = vocab_id(b, text_tok_str(p, i));
        if (b->failed) return;
        if (t->flags & TEXT_TOK_UNVOWELLED) b->vocab.items[id].flags |= IDX_VOCAB_UNVOWELLED;
        post(b, id, name_id, true);
        for (uint32_t j = 0; j < t->n_alt; j++) add_alt(b, id, text_alt_str(p, i, j));
        if (i + 1 == p->n_tok) continue;
        const text_token *u = &p->tok[i + 1];
        uint16_t no_join = TEXT_TOK_LEGAL | TEXT_TOK_INITIAL | TEXT_TOK_HONORIFIC;
        if ((t->flags | u->flags) & no_join || (size_t)t->len + u->len > TEXT_MAX_TOKEN_LEN) continue;
        char joined[TEXT_MAX_TOKEN_LEN + 1];
        memcpy(joined, text_tok_str(p, i), t->len);
        memcpy(joined + t->len, text_tok_str(p, i + 1), u->len);
        joined[t->len + u->len] = '\0';
        post(b, vocab_id(b, joined), name_id, false);
    }
}

static void add_name(builder *b, const embargo_name *name, uint32_t entity_id) {
    if (text_name_prepare(name->full, strlen(name->full), &b->prepared) != TEXT_OK) return;
    idx_name n = {0};
    n.entity = entity_id;
    n.first_token = (uint32_t)b->tokens.n;
    n.n_tokens = (uint16_t)b->prepared.n_tok;
    n.full = intern(b, name->full);
    n.quality = (uint8_t)name->quality;
    n.flags = (name->original_script ? IDX_NAME_ORIGINAL_SCRIPT : 0) | (b->findable ? 0 : IDX_NAME_UNFINDABLE);
    for (uint32_t i = 0; i < b->prepared.n_tok; i++) {
        add_token(b, &b->prepared, i);
        if (b->prepared.tok[i].len == 1) n.flags |= IDX_NAME_HAS_INITIAL;
    }
    uint32_t name_id = (uint32_t)b->names.n;
    VEC_PUSH(b, b->names, n);
    file_name_tokens(b, &b->prepared, name_id);
}

/* Every country tied to E, each once, as 2-byte codes. */
static void add_countries(builder *b, const embargo_entity *e, idx_entity *ie) {
    ie->countries = (uint32_t)(b->countries.n / 2);
    const embargo_country *lists[3] = {e->nationalities, e->citizenships, e->countries};
    size_t counts[3] = {e->n_nationalities, e->n_citizenships, e->n_countries};
    for (int l = 0; l < 4; l++) {
        size_t n = l < 3 ? counts[l] : e->n_addresses;
        for (size_t i = 0; i < n; i++) {
            const char *code = l < 3 ? lists[l][i].code : e->addresses[i].country;
            if (!code[0]) continue;
            bool seen = false;
            for (size_t k = ie->countries * 2; k < b->countries.n; k += 2)
                seen = seen || (b->countries.items[k] == code[0] && b->countries.items[k + 1] == code[1]);
            if (seen) continue;
            VEC_PUSH(b, b->countries, code[0]);
            VEC_PUSH(b, b->countries, code[1]);
            ie->n_countries++;
        }
    }
}

static void add_identifiers(builder *b, const embargo_entity *e, uint32_t entity_id) {
    for (size_t i = 0; i < e->n_identifiers; i++) {
        char norm[128];
        size_t n = keys_identifier(e->identifiers[i].value, norm, sizeof norm);
        if (n < 4) continue; /* too short to decide anything */
        key_pair k = {key_hash('x', norm, n), entity_id};
        VEC_PUSH(b, b->keys, k);
    }
}

static const char *entity_regimes(const embargo_entity *e, buf *out) {
    buf_clear(out);
    for (size_t i = 0; i < e->n_programs; i++) {
        const char *r = e->programs[i].regime;
        bool seen = false;
        for (size_t j = 0; j < i; j++) seen = seen || strcmp(e->programs[j].regime, r) == 0;
        if (seen) continue;
        if (out->len) buf_putc(out, ',');
        buf_puts(out, r);
    }
    return out->len ? buf_str(out) : NULL;
}

static void add_entity(builder *b, const embargo_entity *e, buf *scratch) {
    uint32_t entity_id = (uint32_t)b->entities.n;
    idx_entity ie = {0};
    ie.id = intern(b, e->id);
    ie.name = intern(b, e->n_names ? e->names[0].full : e->id);
    ie.kind = (uint8_t)e->kind;
    ie.priority = index_source_priority(e->source);
    ie.gender = (uint8_t)e->gender;
    ie.regimes = intern(b, entity_regimes(e, scratch));
    ie.first_name = (uint32_t)b->names.n;
    for (size_t i = 0; i < e->n_names; i++) add_name(b, &e->names[i], entity_id);
    ie.n_names = (uint32_t)(b->names.n - ie.first_name);
    ie.births = (uint32_t)b->dates.n;
    for (size_t i = 0; i < e->n_births; i++) VEC_PUSH(b, b->dates, e->births[i]);
    ie.n_births = (uint32_t)e->n_births;
    add_countries(b, e, &ie);
    if (b->findable) add_identifiers(b, e, entity_id);
    VEC_PUSH(b, b->entities, ie);
}

/*
 * Among equal scores, the publishers' own lists come first (UN, OFAC, EU,
 * UK, ...), compilations of other lists (CSL, the FSF projection) after
 * them, and a second version of a list ("ofac@folder") after its first.
 */
uint16_t index_source_priority(const char *source) {
    static const struct {
        const char *prefix;
        uint16_t rank;
    } ranks[] = {
        {"un", 0}, {"ofac-cons", 2}, {"ofac", 1}, {"eu-fsf", 9}, {"eu-", 3}, {"uk", 4}, {"au", 5},
        {"ca", 6}, {"bis-dpl", 7}, {"csl", 10}, {"ftm", 8},
    };
    uint16_t rank = 8;
    for (size_t i = 0; i < sizeof ranks / sizeof *ranks; i++) {
        size_t n = strlen(ranks[i].prefix);
        if (strncmp(source, ranks[i].prefix, n) == 0 && (source[n] == '\0' || source[n] == '@' ||
                                                        ranks[i].prefix[n - 1] == '-')) {
            rank = ranks[i].rank;
            break;
        }
    }
    return strchr(source, '@') ? (uint16_t)(rank + 20) : rank;
}

float index_idf(uint32_t df, uint32_t n_names) {
    return (float)(log(((double)n_names + 1.0) / ((double)df + 1.0)) + 1.0);
}

/* Pass 2: each token's weight from its word's rarity and its role. */
static void weigh_tokens(builder *b) {
    uint32_t n_names = (uint32_t)b->names.n;
    for (size_t n = 0; n < b->names.n; n++) {
        const idx_name *name = &b->names.items[n];
        int kind = b->entities.items[name->entity].kind;
        for (size_t k = 0; k < name->n_tokens; k++) {
            idx_token *t = &b->tokens.items[name->first_token + k];
            size_t id;
            uint32_t df = strmap_get(&b->vocab_ids, pool_str(b, t->text), &id) ? b->vocab.items[id].df : 0;
            t->weight = index_idf(df, n_names) * match_role_factor(t->flags, kind);
        }
    }
}

typedef struct {
    builder *b;
    uint32_t vocab;
} key_sink;

static void file_key(uint64_t key, char kind, void *user) {
    (void)kind;
    key_sink *sink = user;
    key_pair k = {key, sink->vocab};
    VEC_PUSH(sink->b, sink->b->keys, k);
}

/* Pass 3: every vocabulary entry under each of its keys. */
static void file_vocab_keys(builder *b) {
    for (size_t id = 0; id < b->vocab.n && !b->failed; id++) {
        const build_vocab *v = &b->vocab.items[id];
        const char *word = pool_str(b, v->text);
        size_t len = strlen(word);
        key_sink sink = {b, (uint32_t)id};
        file_key(key_hash('v', word, len), 'v', &sink);
        if (!v->postings.n) continue; /* a word of entities left out: its weight only */
        file_key(key_hash('e', word, len), 'e', &sink);
        for (size_t a = 0; a < v->alts.n; a++) {
            const char *alt = pool_str(b, v->alts.items[a]);
            file_key(key_hash('e', alt, strlen(alt)), 'e', &sink);
        }
        keys_fuzzy(word, len, NULL, NULL, file_key, &sink);
    }
}

/* Lays out the key table and its id lists into W (key_table.h). */
static void write_keys(builder *b, mapfile_writer *w, idx_meta *meta) {
    buf *lists = mapfile_writer_section(w, SEC_KEYLISTS);
    size_t cap = 0;
    idx_key *table = lists ? key_table_build(b->keys.items, b->keys.n, &cap, lists) : NULL;
    if (!table) {
        b->failed = true;
        return;
    }
    buf_append(mapfile_writer_section(w, SEC_KEYS), (const char *)table, cap * sizeof *table);
    meta->n_keys_cap = (uint32_t)cap;
    free(table);
}

static void write_vocab(builder *b, mapfile_writer *w) {
    buf *vocab = mapfile_writer_section(w, SEC_VOCAB);
    buf *postings = mapfile_writer_section(w, SEC_POSTINGS);
    uint32_t n_postings = 0;
    for (size_t i = 0; i < b->vocab.n; i++) {
        const build_vocab *v = &b->vocab.items[i];
        idx_vocab iv = {v->text, v->df, n_postings, (uint32_t)v->postings.n, v->flags};
        buf_append(vocab, (const char *)&iv, sizeof iv);
        buf_append(postings, (const char *)v->postings.items, v->postings.n * sizeof(uint32_t));
        n_postings += (uint32_t)v->postings.n;
    }
}

static void write_sources(builder *b, const embargo_store *store, idx_meta *meta) {
    buf text;
    buf_init(&text);
    for (size_t i = 0; i < embargo_store_source_count(store); i++) {
        const embargo_source *s = embargo_store_source(store, i);
        buf_printf(&text, "%s%s %s", i ? "; " : "", s->name, s->published ? s->published : "(no date)");
    }
    meta->sources = intern(b, buf_str(&text));
    buf_free(&text);
}

static void builder_free(builder *b) {
    buf_free(&b->strings);
    strmap_free(&b->interned);
    strmap_free(&b->vocab_ids);
    arena_free(&b->keys_mem);
    for (size_t i = 0; i < b->vocab.n; i++) {
        free(b->vocab.items[i].postings.items);
        free(b->vocab.items[i].alts.items);
    }
    free(b->vocab.items);
    free(b->entities.items);
    free(b->names.items);
    free(b->tokens.items);
    free(b->dates.items);
    free(b->countries.items);
    free(b->keys.items);
    free(b);
}

#define ADD_SECTION(w, tag, vec) \
    buf_append(mapfile_writer_section(w, tag), (const char *)(vec).items, (vec).n * sizeof *(vec).items)

embargo_status index_build_image(const embargo_store *store, embargo_keep_fn keep, void *keep_user,
                                 mapfile_writer *w, buf *error) {
    builder *b = calloc(1, sizeof *b);
    if (!b) return EMBARGO_ENOMEM;
    buf_init(&b->strings);
    buf_putc(&b->strings, '\0'); /* offset 0 is "" */
    arena_init(&b->keys_mem);
    buf scratch;
    buf_init(&scratch);
    for (size_t i = 0; i < embargo_store_count(store) && !b->failed; i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (embargo_store_source_of(store, e)->reference_only) continue;
        b->findable = !keep || keep(e, keep_user);
        add_entity(b, e, &scratch);
    }
    buf_free(&scratch);
    weigh_tokens(b);
    file_vocab_keys(b);
    idx_meta meta = {0};
    meta.n_entities = (uint32_t)b->entities.n;
    meta.n_names = (uint32_t)b->names.n;
    meta.n_tokens = (uint32_t)b->tokens.n;
    meta.n_vocab = (uint32_t)b->vocab.n;
    meta.built_at = (uint32_t)time(NULL);
    meta.idf_unseen = index_idf(0, meta.n_names);
    write_sources(b, store, &meta);
    write_keys(b, w, &meta);
    write_vocab(b, w);
    ADD_SECTION(w, SEC_ENTITIES, b->entities);
    ADD_SECTION(w, SEC_NAMES, b->names);
    ADD_SECTION(w, SEC_TOKENS, b->tokens);
    ADD_SECTION(w, SEC_DATES, b->dates);
    ADD_SECTION(w, SEC_COUNTRY, b->countries);
    buf_append(mapfile_writer_section(w, SEC_META), (const char *)&meta, sizeof meta);
    static const char pad[INDEX_STRING_PAD] = {0};
    buf_append(&b->strings, pad, sizeof pad);
    buf_append(mapfile_writer_section(w, SEC_STRINGS), b->strings.data, b->strings.len);
    embargo_status status = b->failed || b->strings.failed ? EMBARGO_ENOMEM : EMBARGO_OK;
    if (status != EMBARGO_OK) buf_puts(error, "out of memory while building the index");
    builder_free(b);
    return status;
}
