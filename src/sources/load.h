/*
 * load.h - what every list loader shares: the format table, the context a
 * loader works in, and how it reports problems and hands over entities.
 *
 * A loader is one file in src/sources/ that defines a source_format. It
 * reads ctx->path, builds each entity in a draft (model/draft.h) and calls
 * load_commit(). For a bad record it calls load_skip() and goes on; for a
 * file it cannot read at all it returns load_fail(). Both name the file and
 * line in the message, which reaches the user as it is.
 */
#ifndef EMBARGO_LOAD_H
#define EMBARGO_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "embargo/store.h"
#include "model/date.h"
#include "model/draft.h"
#include "util/buf.h"

/* Bytes of a file's start that sniffers see. */
#define LOAD_HEAD_SIZE 65536

typedef struct load_ctx load_ctx;

typedef struct source_format {
    const char *id;               /* "un-xml": names the format in messages */
    const char *short_name;       /* default source name in ids: "un" */
    const char *authority;        /* publisher, for `embargo lists` */
    bool reference_only;          /* not a sanctions list (a PEP or test population) */
    bool companion;               /* only read as part of another format's set */
    /*
     * How sure it is that the file at PATH, whose first LEN bytes are HEAD, is
     * in this format: 0 not at all, 100 certain. Reads only HEAD, unless the
     * format is a container (xlsx) that must be opened to be told.
     */
    int (*sniff)(const char *path, const char *head, size_t len);
    embargo_status (*load)(load_ctx *ctx);
} source_format;

struct load_ctx {
    embargo_store *store;
    const source_format *format;
    const char *path;             /* the file being loaded */
    size_t source;                /* index of its source in the store */
    draft *draft;                 /* a draft for the loader to use */
    size_t n_committed;
};

/* Every known format, NULL-terminated. */
extern const source_format *const source_formats[];

/*
 * The format of the file at PATH whose start is HEAD, or NULL. Companion
 * formats are returned too; the caller decides what to do with them.
 */
const source_format *load_detect(const char *path, const char *head, size_t len);
/* Reads up to LOAD_HEAD_SIZE bytes of PATH into HEAD; returns the count or -1. */
long load_read_head(const char *path, char *head);

/*
 * Names the source (default: the format's short name). Call before the
 * first commit when the file itself tells which list it is.
 */
void load_name_source(load_ctx *ctx, const char *name);
/* Sets the publication date (ISO text) the file states. */
void load_set_published(load_ctx *ctx, const char *iso_date);

/*
 * Validates D (an id and a name) and adds it to the store. A draft without
 * an id or a name, or whose id is taken, is skipped and reported at LINE.
 * Resets D afterwards. Returns EMBARGO_OK or EMBARGO_ENOMEM.
 */
embargo_status load_commit(load_ctx *ctx, draft *d, long line);

/*
 * Sets D's id to ID made unique in the source: while "SOURCE:ID" is taken in
 * the store, "-2", "-3", ... is put after ID (which is changed), up to
 * "-(LIMIT - 1)"; that last one is kept even when taken, and load_commit()
 * then skips the record as a duplicate.
 */
void load_set_unique_id(load_ctx *ctx, draft *d, buf *id, int limit);

/* A field was unreadable, the record is kept. */
void load_warn(load_ctx *ctx, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The record at LINE is skipped and counted. */
void load_skip(load_ctx *ctx, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The file cannot be loaded; returns STATUS for the loader to return. */
embargo_status load_fail(load_ctx *ctx, long line, embargo_status status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * The regular files in folder DIR (not recursing), sorted by name, as full
 * paths in a NULL-terminated array the caller frees with load_free_paths().
 * Returns NULL when DIR cannot be read.
 */
char **load_folder_files(const char *dir);
void load_free_paths(char **paths);
/* The folder part of PATH, newly allocated ("." when it has none). */
char *load_dirname(const char *path);

#endif
