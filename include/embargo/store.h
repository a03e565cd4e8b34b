/*
 * store.h - loading official list files into one store of entities.
 *
 * A store holds every entity of every loaded source. It is built by
 * embargo_store_load_path() (a file, an OFAC CSV set, or a directory scanned
 * recursively, each file's format told from its content) and then read only:
 * look up by id, iterate, list sources. Loading the same files again gives
 * the same ids.
 *
 * Errors: functions return an embargo_status. A fatal error (unreadable file,
 * unknown format, truncated file) stops the load of that file and is kept as
 * the store's last error, "FILE:LINE: what". A bad record in an otherwise
 * good file is skipped, reported through the diagnostics and counted on its
 * source; it is never dropped silently.
 */
#ifndef EMBARGO_STORE_H
#define EMBARGO_STORE_H

#include <stdio.h>
#include "embargo/entity.h"
#include "embargo/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct embargo_store embargo_store;

/* One loaded list file (or file set), as `embargo lists` shows it. */
typedef struct {
    const char *name;             /* short source name used in ids: "un", "ofac" */
    const char *format;           /* format id: "un-xml", "ofac-csv", ... */
    const char *authority;        /* "UN Security Council", "US Treasury OFAC" */
    const char *path;             /* main file loaded */
    const char *published;        /* ISO date or date-time the file states, or NULL */
    size_t n_entities;
    size_t n_by_kind[EMBARGO_KIND_COUNT];
    size_t n_skipped;             /* bad records reported and skipped */
    size_t n_warnings;            /* fields that could not be read, record kept */
    int reference_only;           /* 1: not a sanctions list (e.g. a PEP set) */
    int incomplete;               /* 1: a fatal error stopped the load part way */
} embargo_source;

/* A problem found while loading, with where it is. */
typedef struct {
    const char *file;
    long line;                    /* 1-based line or record number, 0 if none */
    const char *message;
    int fatal;                    /* 1: the file was not loaded */
} embargo_diagnostic;

typedef void (*embargo_diag_fn)(const embargo_diagnostic *diag, void *user);

/* Creates an empty store. Returns NULL only when out of memory. */
embargo_store *embargo_store_new(void);
void embargo_store_destroy(embargo_store *store);

/*
 * Sends every diagnostic to FN (default: none kept beyond the counts and the
 * last error). Set before loading.
 */
void embargo_store_set_diagnostics(embargo_store *store, embargo_diag_fn fn, void *user);

/*
 * Loads PATH: a list file, or a directory whose files are loaded in sorted
 * order (sub-directories too). In a directory, files of unknown format are
 * reported and passed over; an OFAC CSV set (sdn.csv with alt/add/comments
 * files beside it) loads as one source. Returns EMBARGO_OK when at least
 * everything recognized loaded; otherwise the first fatal error's status,
 * with embargo_store_error() saying what and where.
 */
embargo_status embargo_store_load_path(embargo_store *store, const char *path);

/* The last fatal error's message, or "" when there was none. */
const char *embargo_store_error(const embargo_store *store);

size_t embargo_store_count(const embargo_store *store);
/* The Ith entity in load order (0 <= I < count), or NULL. */
const embargo_entity *embargo_store_at(const embargo_store *store, size_t i);
/* The entity with id "SOURCE:ID", or NULL. */
const embargo_entity *embargo_store_get(const embargo_store *store, const char *id);

size_t embargo_store_source_count(const embargo_store *store);
const embargo_source *embargo_store_source(const embargo_store *store, size_t i);
/* The source an entity came from. */
const embargo_source *embargo_store_source_of(const embargo_store *store,
                                              const embargo_entity *entity);

/* Writes ENTITY as a JSON object (one line) to OUT. */
embargo_status embargo_entity_write_json(const embargo_entity *entity, FILE *out);
/* Writes ENTITY as readable text, one field a line, to OUT. */
embargo_status embargo_entity_write_text(const embargo_entity *entity, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
