/*
 * store_int.h - the store's insides, shared by store.c and the loaders'
 * common code (sources/load.c). Nothing outside src/ sees this.
 */
#ifndef EMBARGO_STORE_INT_H
#define EMBARGO_STORE_INT_H

#include "embargo/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/strmap.h"

typedef struct {
    embargo_source pub;
    char *folder;            /* folder name of the file, for naming on clashes */
    char *stem;              /* file name without extension */
} store_source;

struct embargo_store {
    arena mem;               /* every entity, string and array */
    embargo_entity **entities;
    size_t *entity_source;   /* source index of each entity */
    size_t n_entities, cap_entities;
    strmap by_id;            /* id -> index in entities */
    store_source *sources;
    size_t n_sources, cap_sources;
    embargo_diag_fn diag_fn;
    void *diag_user;
    buf error;               /* last fatal error */
};

/* Adds a source record; returns its index or (size_t)-1 when out of memory. */
size_t store_add_source(embargo_store *store, const char *format, const char *authority,
                        const char *path, int reference_only);
/*
 * Names source I: BASE, or when BASE is taken, BASE@FOLDER, or BASE@STEM.
 * Returns false when out of memory.
 */
bool store_name_source(embargo_store *store, size_t i, const char *base);
/*
 * Copies ENTITY (whose source_id is set) into the store under source I, with
 * id "NAME:SOURCE_ID". Returns EMBARGO_OK, EMBARGO_ENOMEM, or EMBARGO_EINVAL
 * when the id is already taken (the entity is not added).
 */
embargo_status store_add_entity(embargo_store *store, size_t source, const embargo_entity *entity);

#endif
