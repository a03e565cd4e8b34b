/*
 * index.c - opening a compiled index and looking keys up in it.
 *
 * Opening maps the file (index/mapfile.c checks magic, version, size and
 * checksum) and then checks that every record's offsets fall inside their
 * sections, once, so that searching needs no bounds checks. An index built
 * in memory goes through the same checks.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"
#include "index/keys.h"
#include "text/text.h"

/* Points *OUT at section TAG if it holds whole records of SIZE bytes; *N gets the count. */
static bool section_array(embargo_index *ix, const char *tag, size_t size, const void **out, uint64_t *n) {
    const mapfile_section *s = mapfile_get(&ix->file, tag);
    /* Records are read in place: a section must start aligned (the writer aligns to 16). */
    if (!s || s->size % size != 0 || (uintptr_t)s->data % 8 != 0) return false;
    *out = s->data;
    *n = s->size / size;
    return true;
}

/*
 * Strings are safe to read at any offset below the section's size because
 * the section ends in INDEX_STRING_PAD NUL bytes: a string, and a walk over
 * up to TEXT_MAX_ALTS alternates after it, stops inside the section.
 */
static bool check_string(const embargo_index *ix, uint32_t off) {
    return off == INDEX_NO_STRING || off < ix->strings_size;
}

static bool strings_padded(const embargo_index *ix) {
    if (ix->strings_size < INDEX_STRING_PAD) return false;
    for (size_t i = ix->strings_size - INDEX_STRING_PAD; i < ix->strings_size; i++)
        if (ix->strings[i]) return false;
    return true;
}

/*
 * Checks the offsets of the records a search reads by position: entities,
 * names, tokens, vocabulary. Key lists and postings are checked where they
 * are read (index_lookup, search.c), so that opening does not touch every
 * page of the key table.
 */
static bool index_validate(embargo_index *ix, uint64_t n_entities, uint64_t n_names, uint64_t n_tokens,
                           uint64_t n_vocab, uint64_t n_keys) {
    const idx_meta *m = ix->meta;
    if (m->n_entities != n_entities || m->n_names != n_names || m->n_tokens != n_tokens ||
        m->n_vocab != n_vocab || m->n_keys_cap != n_keys || (n_keys & (n_keys - 1)) != 0 || n_keys == 0)
        return false;
    if (!strings_padded(ix)) return false;
    for (uint64_t i = 0; i < n_entities; i++) {
        const idx_entity *e = &ix->entities[i];
        if (!check_string(ix, e->id) || !check_string(ix, e->name) || !check_string(ix, e->regimes) ||
            (uint64_t)e->first_name + e->n_names > n_names || (uint64_t)e->births + e->n_births > ix->n_dates ||
            (uint64_t)e->countries + e->n_countries > ix->n_countries || e->kind >= EMBARGO_KIND_COUNT)
            return false;
    }
    for (uint64_t i = 0; i < n_names; i++) {
        const idx_name *n = &ix->names[i];
        if (n->entity >= n_entities || (uint64_t)n->first_token + n->n_tokens > n_tokens ||
            n->n_tokens > TEXT_MAX_TOKENS || !check_string(ix, n->full))
            return false;
    }
    for (uint64_t i = 0; i < n_tokens; i++) {
        const idx_token *t = &ix->tokens[i];
        if (!check_string(ix, t->text) || t->skeleton[11] || t->phonetic[11] || t->n_alt > TEXT_MAX_ALTS ||
            (t->n_alt && !check_string(ix, t->alts)))
            return false;
    }
    for (uint64_t i = 0; i < n_vocab; i++) {
        const idx_vocab *v = &ix->vocab[i];
        if (!check_string(ix, v->text) || (uint64_t)v->postings + v->n_postings > ix->n_postings) return false;
    }
    return true;
}

/* The letters (index_letter_bit) of name NAME's one-letter tokens. */
static uint64_t initial_letters(const embargo_index *ix, const idx_name *name) {
    uint64_t letters = 0;
    for (uint32_t j = 0; j < name->n_tokens; j++) {
        const idx_token *t = &ix->tokens[name->first_token + j];
        if (t->len == 1) letters |= index_letter_bit((unsigned char)index_str(ix, t->text)[0]);
    }
    return letters;
}

/* Files the holders under each of their letters (a counting sort); false when out of memory. */
static bool holders_by_letter(embargo_index *ix) {
    uint32_t count[64] = {0}, total = 0;
    for (uint32_t h = 0; h < ix->n_holders; h++)
        for (uint64_t l = ix->holder_letters[h]; l; l &= l - 1) count[__builtin_ctzll(l)]++, total++;
    ix->holders_by_letter = malloc((total ? total : 1) * sizeof *ix->holders_by_letter);
    if (!ix->holders_by_letter) return false;
    for (int b = 0; b < 64; b++) ix->letter_start[b + 1] = ix->letter_start[b] + count[b];
    uint32_t at[64];
    memcpy(at, ix->letter_start, sizeof at);
    for (uint32_t h = 0; h < ix->n_holders; h++)
        for (uint64_t l = ix->holder_letters[h]; l; l &= l - 1) ix->holders_by_letter[at[__builtin_ctzll(l)]++] = h;
    return true;
}

/* Fills ix->initials and the holders from the (validated) names; false when out of memory. */
static bool gather_initials(embargo_index *ix) {
    uint32_t n_names = ix->meta->n_names, n = 0;
    ix->initials = calloc(n_names / 64 + 1, sizeof *ix->initials);
    if (!ix->initials) return false;
    for (uint32_t i = 0; i < n_names; i++) {
        if (!(ix->names[i].flags & IDX_NAME_HAS_INITIAL)) continue;
        ix->initials[i >> 6] |= 1ull << (i & 63);
        n += index_name_findable(ix, i);
    }
    ix->holders = malloc((n ? n : 1) * sizeof *ix->holders);
    ix->holder_letters = malloc((n ? n : 1) * sizeof *ix->holder_letters);
    if (!ix->holders || !ix->holder_letters) return false;
    for (uint32_t i = 0; i < n_names; i++) {
        if (!(ix->names[i].flags & IDX_NAME_HAS_INITIAL) || !index_name_findable(ix, i)) continue;
        ix->holders[ix->n_holders] = i;
        ix->holder_letters[ix->n_holders++] = initial_letters(ix, &ix->names[i]);
    }
    return holders_by_letter(ix);
}

/* Finds the sections of an opened file and validates them. */
/* Serial numbers of attached indexes: never reused in a process, unlike addresses. */
static atomic_uint_fast64_t index_serials;

static embargo_status index_attach(embargo_index *ix, buf *error) {
    ix->serial = atomic_fetch_add(&index_serials, 1) + 1;
    uint64_t n_meta = 0, n_entities = 0, n_names = 0, n_tokens = 0, n_vocab = 0, n_keys = 0, n_strings = 0;
    bool ok = section_array(ix, SEC_META, sizeof(idx_meta), (const void **)&ix->meta, &n_meta) && n_meta == 1 &&
              section_array(ix, SEC_STRINGS, 1, (const void **)&ix->strings, &n_strings) &&
              section_array(ix, SEC_ENTITIES, sizeof(idx_entity), (const void **)&ix->entities, &n_entities) &&
              section_array(ix, SEC_NAMES, sizeof(idx_name), (const void **)&ix->names, &n_names) &&
              section_array(ix, SEC_TOKENS, sizeof(idx_token), (const void **)&ix->tokens, &n_tokens) &&
              section_array(ix, SEC_VOCAB, sizeof(idx_vocab), (const void **)&ix->vocab, &n_vocab) &&
              section_array(ix, SEC_POSTINGS, 4, (const void **)&ix->postings, &ix->n_postings) &&
              section_array(ix, SEC_KEYS, sizeof(idx_key), (const void **)&ix->keys.slots, &n_keys) &&
              section_array(ix, SEC_KEYLISTS, 4, (const void **)&ix->keys.lists, &ix->keys.n_lists) &&
              section_array(ix, SEC_DATES, sizeof(embargo_date), (const void **)&ix->dates, &ix->n_dates) &&
              section_array(ix, SEC_COUNTRY, 2, (const void **)&ix->countries, &ix->n_countries);
    ix->strings_size = n_strings;
    ix->keys.cap = (size_t)n_keys;
    if (!ok || !index_validate(ix, n_entities, n_names, n_tokens, n_vocab, n_keys)) {
        buf_puts(error, "the index is damaged (a section is missing or an offset is out of bounds): rebuild it");
        return EMBARGO_EFORMAT;
    }
    if (!gather_initials(ix)) {
        buf_puts(error, "out of memory");
        return EMBARGO_ENOMEM;
    }
    return EMBARGO_OK;
}

static void copy_error(const buf *error, char *err, size_t err_size) {
    if (err && err_size) snprintf(err, err_size, "%s", buf_str(error));
}

/* Opens PATH into a new index; VERIFY reads the checksum too. */
static embargo_status index_open(const char *path, bool verify, embargo_index **out, char *err, size_t err_size) {
    *out = NULL;
    embargo_index *ix = calloc(1, sizeof *ix);
    if (!ix) return EMBARGO_ENOMEM;
    buf error;
    buf_init(&error);
    embargo_status status = mapfile_open(&ix->file, path, INDEX_VERSION, verify, &error);
    if (status == EMBARGO_OK) status = index_attach(ix, &error);
    copy_error(&error, err, err_size);
    buf_free(&error);
    if (status != EMBARGO_OK) {
        embargo_index_close(ix);
        return status;
    }
    *out = ix;
    return EMBARGO_OK;
}

embargo_status embargo_index_open(const char *path, embargo_index **out, char *err, size_t err_size) {
    return index_open(path, false, out, err, err_size);
}

embargo_status embargo_index_verify(const char *path, char *err, size_t err_size) {
    embargo_index *ix = NULL;
    embargo_status status = index_open(path, true, &ix, err, err_size);
    embargo_index_close(ix);
    return status;
}

embargo_status embargo_index_build(const embargo_store *store, const char *path, char *err, size_t err_size) {
    mapfile_writer w;
    mapfile_writer_init(&w, INDEX_VERSION);
    buf error;
    buf_init(&error);
    embargo_status status = index_build_image(store, NULL, NULL, &w, &error);
    if (status == EMBARGO_OK) status = mapfile_write(&w, path, &error);
    copy_error(&error, err, err_size);
    buf_free(&error);
    mapfile_writer_free(&w);
    return status;
}

embargo_status embargo_index_build_memory(const embargo_store *store, embargo_index **out,
                                          char *err, size_t err_size) {
    return embargo_index_build_memory_subset(store, NULL, NULL, out, err, err_size);
}

embargo_status embargo_index_build_memory_subset(const embargo_store *store, embargo_keep_fn keep, void *user,
                                                 embargo_index **out, char *err, size_t err_size) {
    *out = NULL;
    embargo_index *ix = calloc(1, sizeof *ix);
    if (!ix) return EMBARGO_ENOMEM;
    mapfile_writer w;
    mapfile_writer_init(&w, INDEX_VERSION);
    buf error;
    buf_init(&error);
    embargo_status status = index_build_image(store, keep, user, &w, &error);
    if (status == EMBARGO_OK) status = mapfile_from_writer(&ix->file, &w, &error);
    if (status == EMBARGO_OK) status = index_attach(ix, &error);
    copy_error(&error, err, err_size);
    buf_free(&error);
    mapfile_writer_free(&w);
    if (status != EMBARGO_OK) {
        embargo_index_close(ix);
        return status;
    }
    *out = ix;
    return EMBARGO_OK;
}

void embargo_index_close(embargo_index *ix) {
    if (!ix) return;
    mapfile_close(&ix->file);
    free(ix->initials);
    free(ix->holders);
    free(ix->holder_letters);
    free(ix->holders_by_letter);
    free(ix);
}

size_t embargo_index_entity_count(const embargo_index *ix) {
    return ix->meta->n_entities;
}

size_t embargo_index_name_count(const embargo_index *ix) {
    return ix->meta->n_names;
}

const char *embargo_index_sources(const embargo_index *ix) {
    return index_str(ix, ix->meta->sources);
}

uint32_t index_word_df(const embargo_index *ix, const char *word, size_t len) {
    uint32_t n, one;
    const uint32_t *ids = index_lookup(ix, key_hash('v', word, len), &n, &one);
    for (uint32_t i = 0; i < n; i++) {
        if (ids[i] >= ix->meta->n_vocab) continue; /* a damaged file; never trust an id */
        const idx_vocab *v = &ix->vocab[ids[i]];
        const char *text = index_str(ix, v->text);
        if (n == 1 || (strncmp(text, word, len) == 0 && text[len] == '\0')) return v->df;
    }
    return 0;
}
