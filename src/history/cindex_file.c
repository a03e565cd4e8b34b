/*
 * cindex_file.c - the customer index stored in a file (index/mapfile.h,
 * format CINDEX_FILE_VERSION), so that it is built once per customer base
 * (`embargo customers load`) and mapped by each `embargo rescreen`.
 *
 * One section per array of cindex_int.h, written from where the builder
 * left it (no copy) and read in place from the mapping, plus a meta section:
 * the counts, the SHA-256 of the customer names it was built from (in load
 * order), the engine version and a fingerprint of the text pipeline (the
 * index of a few probe names). An index is used only when all three match
 * the base and the program at hand; otherwise it is stale. Opening checks
 * the checksum and every id and offset against its section, so a damaged
 * file is refused with a reason, never read out of bounds or trusted.
 */
#include "history/cindex.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embargo/embargo.h"
#include "history/cindex_int.h"
#include "history/fsx.h"
#include "history/sha256.h"
#include "text/text.h"

#define CINDEX_FILE_VERSION 1

typedef struct {
    uint64_t n_customers, n_pos, n_tokens, n_pairs, n_keys, n_text;
    char base_hash[65];          /* cindex_base_hash of the names */
    char pipeline[65];           /* pipeline_fingerprint() */
    char engine[32];             /* EMBARGO_VERSION */
    uint8_t reserved[6];
} cx_meta;

/* The arrays and their sections: tag, record size, count (from the meta). */
typedef struct {
    const char *tag;
    size_t size;
} cx_section;

enum { S_FIRST, S_POS_TOKEN, S_POS_PAIR, S_TOK_TEXT, S_TOK_FLAGS, S_TEXT, S_TOK_FIRST, S_TOK_CUST, S_PAIR_FIRST,
       S_PAIR_CUST, S_KEYS, S_COUNT };

static const cx_section sections[S_COUNT] = {
    {"first", 4}, {"postok", 4}, {"pospair", 4}, {"toktext", 4}, {"tokflag", 2}, {"text", 1},
    {"tokfirst", 4}, {"tokcust", 4}, {"pairfst", 4}, {"paircust", 4}, {"keys", sizeof(cx_key)},
};

/* Where each array of CX is, in the order of sections[]. */
static void **array_slot(cindex *cx, int s) {
    void **slots[S_COUNT] = {(void **)&cx->first,     (void **)&cx->pos_token, (void **)&cx->pos_pair,
                             (void **)&cx->tok_text,  (void **)&cx->tok_flags, (void **)&cx->text,
                             (void **)&cx->tok_first, (void **)&cx->tok_cust,  (void **)&cx->pair_first,
                             (void **)&cx->pair_cust, (void **)&cx->keys};
    return slots[s];
}

/* The number of records of section S in an index with these counts. */
static size_t array_count(const cindex *cx, int s) {
    switch (s) {
    case S_FIRST: return cx->n_customers + 1;
    case S_POS_TOKEN: case S_POS_PAIR: return cx->n_pos;
    case S_TOK_TEXT: case S_TOK_FLAGS: return cx->n_tokens;
    case S_TEXT: return cx->n_text;
    case S_TOK_FIRST: return cx->n_tokens + 1;
    case S_TOK_CUST: return cx->tok_first ? cx->tok_first[cx->n_tokens] : 0;
    case S_PAIR_FIRST: return cx->n_pairs + 1;
    case S_PAIR_CUST: return cx->pair_first ? cx->pair_first[cx->n_pairs] : 0;
    default: return cx->n_keys;
    }
}

void cindex_base_hash(const embargo_query *queries, size_t n, char hex[65]) {
    sha256_ctx *ctx = sha256_begin();
    if (!ctx) {
        memset(hex, '0', 64), hex[64] = '\0'; /* matches no stored index: it is rebuilt */
        return;
    }
    char head[32];
    int len = snprintf(head, sizeof head, "%zu\n", n);
    sha256_add(ctx, head, (size_t)len);
    for (size_t i = 0; i < n; i++) {
        const char *name = queries[i].name ? queries[i].name : "";
        sha256_add(ctx, name, strlen(name) + 1);
    }
    sha256_finish(ctx, hex);
}

/* Feeds the arrays of CX to CTX. */
static void hash_arrays(sha256_ctx *ctx, cindex *cx) {
    for (int s = 0; s < S_COUNT; s++) {
        size_t bytes = array_count(cx, s) * sections[s].size;
        if (bytes) sha256_add(ctx, *array_slot(cx, s), bytes);
    }
}

/*
 * The hash of the index of a few probe names (scripts, titles, initials,
 * legal forms, particles): it changes when the text pipeline or the keys
 * change, which makes every index built before stale.
 */
static void pipeline_fingerprint(char hex[65]) {
    static const char *const probes[] = {
        "Mr. José-María O'Neil Jr", "Владимир Владимирович Путин", "محمد بن سلمان", "金正恩",
        "Rosoboronexport OAO", "J. R. R. Tolkien", "van der Berg & Co GmbH", "Abu Bakr al-Baghdadi",
        "Ng Yi Xian", "ΑΛΕΞΑΝΔΡΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "Schröder Straße Müller", "AL-QAIDA IN THE ARABIAN PENINSULA"};
    static char cached[65];
    if (!cached[0]) {
        embargo_query q[sizeof probes / sizeof *probes] = {{0}};
        for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) q[i].name = probes[i];
        cindex *cx = cindex_build(q, sizeof probes / sizeof *probes);
        sha256_ctx *ctx = cx ? sha256_begin() : NULL;
        if (ctx) {
            hash_arrays(ctx, cx);
            sha256_finish(ctx, cached);
        }
        cindex_free(cx);
    }
    /* Out of memory: a value no index holds, so none is trusted. */
    snprintf(hex, 65, "%s", cached[0] ? cached : "unknown");
}

embargo_status cindex_save(const cindex *cx, const char *base_hash, const char *path, buf *err) {
    cx_meta meta = {cx->n_customers, cx->n_pos, cx->n_tokens, cx->n_pairs, cx->n_keys, cx->n_text, {0}, {0}, {0}, {0}};
    snprintf(meta.base_hash, sizeof meta.base_hash, "%s", base_hash);
    pipeline_fingerprint(meta.pipeline);
    snprintf(meta.engine, sizeof meta.engine, "%s", EMBARGO_VERSION);
    mapfile_writer w;
    mapfile_writer_init(&w, CINDEX_FILE_VERSION);
    bool ok = mapfile_writer_section_ref(&w, "meta", &meta, sizeof meta);
    for (int s = 0; ok && s < S_COUNT; s++)
        ok = mapfile_writer_section_ref(&w, sections[s].tag, *array_slot((cindex *)cx, s), array_count(cx, s) * sections[s].size);
    embargo_status status = ok ? EMBARGO_OK : EMBARGO_ENOMEM;
    buf dir;
    buf_init(&dir);
    if (ok && !fsx_mkparents(path, err)) status = EMBARGO_EIO;
    if (status == EMBARGO_OK) status = mapfile_write(&w, path, err);
    /* The rename is durable once the folder is synced. */
    buf_puts(&dir, path);
    char *slash = strrchr(dir.data, '/');
    if (slash) *slash = '\0';
    if (status == EMBARGO_OK && !fsx_sync(slash ? buf_str(&dir) : ".", err)) status = EMBARGO_EIO;
    buf_free(&dir);
    mapfile_writer_free(&w);
    return status;
}

/* ---- opening ---- */

static bool fail(buf *err, const char *path, const char *fmt, const char *what) {
    buf_printf(err, "%s: damaged customer index (", path);
    buf_printf(err, fmt, what);
    buf_puts(err, ")");
    return false;
}

/* N offsets into a run of TOTAL records: from 0, never decreasing, ending at TOTAL. */
static bool offsets_ok(const uint32_t *first, size_t n, size_t total) {
    if (first[0] != 0 || first[n] != total) return false;
    for (size_t i = 0; i < n; i++)
        if (first[i] > first[i + 1]) return false;
    return true;
}

static bool ids_below(const uint32_t *ids, size_t n, size_t limit, bool none_allowed) {
    for (size_t i = 0; i < n; i++)
        if (ids[i] >= limit && !(none_allowed && ids[i] == CX_NONE)) return false;
    return true;
}

/* Checks every id and offset of CX (its arrays in place) against the arrays it points into. */
static bool arrays_ok(const cindex *cx, const char *path, buf *err) {
    for (size_t c = 0; c < cx->n_customers; c++)
        if (cx->first[c + 1] >= cx->first[c] && cx->first[c + 1] - cx->first[c] > TEXT_MAX_TOKENS)
            return fail(err, path, "customer with more than %s tokens", "32");
    if (!offsets_ok(cx->first, cx->n_customers, cx->n_pos)) return fail(err, path, "%s offsets", "customer");
    if (!ids_below(cx->pos_token, cx->n_pos, cx->n_tokens, false) || !ids_below(cx->pos_pair, cx->n_pos, cx->n_pairs, true))
        return fail(err, path, "%s id out of range", "token or pair");
    if (!ids_below(cx->tok_text, cx->n_tokens, cx->n_text, false) || (cx->n_text && cx->text[cx->n_text - 1] != '\0'))
        return fail(err, path, "%s", "token texts");
    if (!offsets_ok(cx->tok_first, cx->n_tokens, array_count(cx, S_TOK_CUST)) ||
        !offsets_ok(cx->pair_first, cx->n_pairs, array_count(cx, S_PAIR_CUST)) ||
        !ids_below(cx->tok_cust, array_count(cx, S_TOK_CUST), cx->n_customers, false) ||
        !ids_below(cx->pair_cust, array_count(cx, S_PAIR_CUST), cx->n_customers, false))
        return fail(err, path, "%s", "customers of a token or pair");
    for (size_t i = 0; i < cx->n_keys; i++) {
        uint32_t ref = cx->keys[i].ref, id = ref & CX_ID_MASK;
        if (id >= ((ref & CX_PAIR) ? cx->n_pairs : cx->n_tokens) || (i && cx->keys[i].key < cx->keys[i - 1].key))
            return fail(err, path, "%s", "key table");
    }
    return true;
}

/* Points CX's arrays into its mapped file, checking each section's size and alignment. */
static bool attach(cindex *cx, const cx_meta *meta, const char *path, buf *err) {
    cx->n_customers = meta->n_customers, cx->n_pos = meta->n_pos, cx->n_tokens = meta->n_tokens;
    cx->n_pairs = meta->n_pairs, cx->n_keys = meta->n_keys, cx->n_text = meta->n_text;
    if (meta->n_customers >= CX_NONE || meta->n_pos >= CX_NONE || meta->n_tokens > CX_ID_MASK ||
        meta->n_pairs > CX_ID_MASK || meta->n_text > UINT32_MAX || meta->n_keys > SIZE_MAX / sizeof(cx_key))
        return fail(err, path, "%s", "counts out of range");
    for (int s = 0; s < S_COUNT; s++) {
        const mapfile_section *sec = mapfile_get(&cx->file, sections[s].tag);
        /* The customer rows' sizes are read from the offsets before them (checked first). */
        size_t want = array_count(cx, s) * sections[s].size;
        if (!sec || sec->size != want || (uintptr_t)sec->data % 8 != 0)
            return fail(err, path, "section %s missing, of the wrong size or misaligned", sections[s].tag);
        *array_slot(cx, s) = (void *)sec->data;
        if ((s == S_TOK_FIRST && cx->tok_first[cx->n_tokens] > cx->n_pos) ||
            (s == S_PAIR_FIRST && cx->pair_first[cx->n_pairs] > cx->n_pos))
            return fail(err, path, "%s offsets", sections[s].tag);
    }
    return arrays_ok(cx, path, err);
}

/* The format version of the file at PATH, 0 when it has no mapfile header. */
static uint32_t file_version(const char *path) {
    unsigned char head[12];
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n = pread(fd, head, sizeof head, 0);
    close(fd);
    if (n != (ssize_t)sizeof head || memcmp(head, MAPFILE_MAGIC, 8) != 0) return 0;
    return (uint32_t)head[8] | (uint32_t)head[9] << 8 | (uint32_t)head[10] << 16 | (uint32_t)head[11] << 24;
}

/* Compares what META says it was built from with the base and program at hand. */
static embargo_status check_meta(const cx_meta *meta, const char *base_hash, size_t n, const char *path, buf *err) {
    char pipeline[65];
    pipeline_fingerprint(pipeline);
    if (memchr(meta->base_hash, '\0', sizeof meta->base_hash) == NULL ||
        memchr(meta->pipeline, '\0', sizeof meta->pipeline) == NULL || memchr(meta->engine, '\0', sizeof meta->engine) == NULL)
        return fail(err, path, "%s", "meta section"), EMBARGO_EFORMAT;
    if (strcmp(meta->base_hash, base_hash) != 0 || meta->n_customers != n)
        buf_printf(err, "%s: stale customer index: built from another customer base (%llu customers, names %.12s, "
                   "now %zu customers, names %.12s)", path, (unsigned long long)meta->n_customers, meta->base_hash, n, base_hash);
    else if (strcmp(meta->engine, EMBARGO_VERSION) != 0 || strcmp(meta->pipeline, pipeline) != 0)
        buf_printf(err, "%s: stale customer index: built by embargo %s with another text pipeline", path, meta->engine);
    else return EMBARGO_OK;
    return EMBARGO_EFORMAT;
}

embargo_status cindex_open(const char *path, const char *base_hash, size_t n, cindex **out, buf *err) {
    *out = NULL;
    uint32_t version = file_version(path);
    if (version && version != CINDEX_FILE_VERSION) {
        buf_printf(err, "%s: stale customer index: format %u, this embargo writes format %u", path, version, CINDEX_FILE_VERSION);
        return EMBARGO_EFORMAT;
    }
    cindex *cx = calloc(1, sizeof *cx);
    if (!cx) return EMBARGO_ENOMEM;
    embargo_status status = mapfile_open(&cx->file, path, CINDEX_FILE_VERSION, true, err);
    const mapfile_section *m = status == EMBARGO_OK ? mapfile_get(&cx->file, "meta") : NULL;
    if (status == EMBARGO_OK && (!m || m->size != sizeof(cx_meta) || (uintptr_t)m->data % 8 != 0))
        status = (fail(err, path, "%s", "no meta section"), EMBARGO_EFORMAT);
    if (status == EMBARGO_OK) status = check_meta(m->data, base_hash, n, path, err);
    if (status == EMBARGO_OK && !attach(cx, m->data, path, err)) status = EMBARGO_EFORMAT;
    if (status != EMBARGO_OK) {
        cindex_free(cx);
        return status;
    }
    *out = cx;
    return EMBARGO_OK;
}

cindex *cindex_load(const char *path, const embargo_query *queries, size_t n, cindex_origin *origin, buf *note) {
    char hash[65];
    cindex_base_hash(queries, n, hash);
    cindex *cx = NULL;
    buf why;
    buf_init(&why);
    embargo_status status = path ? cindex_open(path, hash, n, &cx, &why) : EMBARGO_ENOTFOUND;
    *origin = CINDEX_OPENED;
    if (status != EMBARGO_OK) {
        *origin = CINDEX_BUILT;
        if (status != EMBARGO_ENOTFOUND) buf_printf(note, "%s; rebuilding it", buf_str(&why));
        cx = cindex_build(queries, n);
        buf_clear(&why);
        if (cx && path && cindex_save(cx, hash, path, &why) != EMBARGO_OK) {
            *origin = CINDEX_BUILT_UNSAVED;
            buf_printf(note, "%scustomer index not stored (it is rebuilt next time): %s", note->len ? "\n" : "", buf_str(&why));
        }
    }
    buf_free(&why);
    return cx;
}
