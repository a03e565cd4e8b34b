/*
 * index_int.h - the compiled index's records, as they lie in the mapped
 * file (sections of index/mapfile.h), shared by the builder and the reader.
 *
 * A query token finds vocabulary entries through the key table (keys.h),
 * each vocabulary entry lists the names holding that word, and each name
 * points to its tokens (prepared once at build time) and its entity. All
 * offsets are checked against their sections when the index is opened, so
 * the search never reads outside the mapping.
 */
#ifndef EMBARGO_INDEX_INT_H
#define EMBARGO_INDEX_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "embargo/search.h"
#include "index/key_table.h"
#include "index/mapfile.h"

#define INDEX_VERSION 9          /* 9: names of entities a subset index cannot find are marked (IDX_NAME_UNFINDABLE) */
#define INDEX_NO_STRING UINT32_MAX
#define INDEX_STRING_PAD 16          /* NUL bytes that end the strings section */

/* Section tags. */
#define SEC_META "meta"
#define SEC_STRINGS "strings"
#define SEC_ENTITIES "entities"
#define SEC_NAMES "names"
#define SEC_TOKENS "tokens"
#define SEC_VOCAB "vocab"
#define SEC_POSTINGS "postings"
#define SEC_KEYS "keys"
#define SEC_KEYLISTS "keylists"
#define SEC_DATES "dates"
#define SEC_COUNTRY "country"
#define SEC_IDS "ids"

typedef struct {
    uint32_t n_entities, n_names, n_tokens, n_vocab;
    uint32_t n_keys_cap;         /* key table slots, a power of two */
    uint32_t built_at;           /* unix time of the build */
    float idf_unseen;            /* the weight of a word no list holds */
    uint32_t sources;            /* string: "un 2026-02-27, ofac -, ..." */
} idx_meta;

typedef struct {
    uint32_t id;                 /* string "un:KPi.033" */
    uint32_t name;               /* string: primary name */
    uint32_t first_name, n_names;
    uint32_t births, n_births;   /* embargo_date records in SEC_DATES */
    uint32_t countries, n_countries; /* 2-byte codes in SEC_COUNTRY */
    uint32_t regimes;            /* string: "dprk,proliferation" */
    uint8_t kind, gender;
    uint16_t priority;           /* source rank for equal scores: the publishers' own lists first */
} idx_entity;

typedef struct {
    uint32_t entity;
    uint32_t first_token;
    uint32_t full;               /* string: the name as listed */
    uint16_t n_tokens;
    uint8_t quality;             /* embargo_name_quality */
    uint8_t flags;               /* IDX_NAME_* */
} idx_name;

enum {
    IDX_NAME_ORIGINAL_SCRIPT = 1,
    IDX_NAME_HAS_INITIAL = 2,    /* a one-letter token: any query word may meet it at 0.5 */
    IDX_NAME_UNFINDABLE = 4      /* its entity is in a subset index for the weights only: never reported */
};

typedef struct {
    uint32_t text;               /* string */
    uint32_t alts;               /* n_alt strings back to back in SEC_STRINGS */
    float weight;
    uint16_t flags;
    uint8_t len, n_alt, legal;
    char skeleton[12];
    char phonetic[12];
    uint8_t reserved[3];
} idx_token;

typedef struct {
    uint32_t text;               /* string */
    uint32_t df;                 /* names holding it as a word (not as a joined pair) */
    uint32_t postings, n_postings; /* name ids in SEC_POSTINGS */
    uint32_t flags;              /* IDX_VOCAB_* */
} idx_vocab;

enum {
    IDX_VOCAB_UNVOWELLED = 1     /* some listed token of this text is unvowelled Arabic script */
};

typedef struct {
    uint32_t entity;
    uint32_t value;              /* string: normalized identifier */
} idx_ident;

struct embargo_index {
    mapfile file;
    const idx_meta *meta;
    const char *strings;
    uint64_t strings_size;
    const idx_entity *entities;
    const idx_name *names;
    const idx_token *tokens;
    const idx_vocab *vocab;
    const uint32_t *postings;
    uint64_t n_postings;
    key_table keys;              /* SEC_KEYS and SEC_KEYLISTS */
    const embargo_date *dates;
    uint64_t n_dates;
    const char *countries;       /* 2 bytes each */
    uint64_t n_countries;
    uint64_t serial;             /* unique in the process (from 1): caches key on it, not on the address */
    /*
     * A bit per name: IDX_NAME_HAS_INITIAL, gathered at open (which reads
     * every name to validate it anyway), so that the search asks it of
     * hundreds of candidates a query without a cache miss each.
     */
    uint64_t *initials;
    /*
     * The names holding initials, in id order, each with its initials'
     * letters (index_letter_bit): a listed initial meets every query word
     * it begins (token_match.c), which no key finds (search.c,
     * admit_initial_holders).
     */
    uint32_t *holders;
    uint64_t *holder_letters;
    uint32_t n_holders;
    uint32_t *holders_by_letter;  /* the holders (indexes into holders) of each letter bit, letter_start[b] on */
    uint32_t letter_start[65];
};

/*
 * A byte's bit in a set of letters: a-z and 0-9 their own, any other byte
 * bit 63 (shared, so that a set holding it may meet more, never less).
 */
static inline uint64_t index_letter_bit(unsigned char c) {
    if (c >= 'a' && c <= 'z') return 1ull << (c - 'a');
    if (c >= '0' && c <= '9') return 1ull << (26 + c - '0');
    return 1ull << 63;
}

/* True unless listed name NAME (< n_names) is in a subset index only for the weights (IDX_NAME_UNFINDABLE). */
static inline bool index_name_findable(const embargo_index *ix, uint32_t name) {
    return !(ix->names[name].flags & IDX_NAME_UNFINDABLE);
}

/* True when listed name NAME (< n_names) holds a one-letter token. */
static inline bool index_name_has_initial(const embargo_index *ix, uint32_t name) {
    return (ix->initials[name >> 6] >> (name & 63)) & 1;
}

/* The string at offset OFF (never NULL: "" when absent). */
static inline const char *index_str(const embargo_index *ix, uint32_t off) {
    return off < ix->strings_size ? ix->strings + off : "";
}

/* The rank of a source by its name: lower shows first among equal scores. */
uint16_t index_source_priority(const char *source);

/* The id list filed under KEY, or NULL with *N = 0; ONE is room for a single id (key_table.h). */
static inline const uint32_t *index_lookup(const embargo_index *ix, uint64_t key, uint32_t *n, uint32_t *one) {
    return key_table_lookup(&ix->keys, key, n, one);
}

/*
 * The document frequency of WORD (LEN bytes) in IX: the names holding it
 * as a word; 0 when no list holds it. A key slot shared with another key
 * (idx_key) is told apart by the vocabulary text.
 */
uint32_t index_word_df(const embargo_index *ix, const char *word, size_t len);

/*
 * Starts fetching the key table slot of KEY (index_lookup's first probe):
 * a query's keys land all over a table of tens of megabytes, one cache miss
 * each, which overlap when asked for together before they are looked up.
 */
static inline void index_prefetch(const embargo_index *ix, uint64_t key) {
    __builtin_prefetch(&ix->keys.slots[(key ? key : 1) & (ix->keys.cap - 1)]);
}

/* Weight of a word with document frequency DF among N names. */
float index_idf(uint32_t df, uint32_t n_names);

/*
 * Builds the index image for STORE into W (sections added). With KEEP, only
 * the names and identifiers of the entities KEEP accepts can be found; the
 * word weights stay those of the whole store.
 */
embargo_status index_build_image(const embargo_store *store, embargo_keep_fn keep, void *keep_user,
                                 mapfile_writer *w, buf *error);

#endif
