/*
 * dataset.c - loading one generation of served lists and counting the
 * requests that use it (see dataset.h). Loading from lists keeps the store,
 * so /v1/entities and the compatibility APIs can show entities whole.
 */
#include "server/dataset.h"

#include <stdio.h>
#include <stdlib.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Counts the load's notes; a server does not print each one. */
static void count_note(const embargo_diagnostic *diag, void *user) {
    (void)diag;
    (*(size_t *)user)++;
}

static embargo_status load_lists(dataset *d, const char *path, char *err, size_t err_size) {
    d->store = embargo_store_new();
    if (!d->store) return snprintf(err, err_size, "out of memory"), EMBARGO_ENOMEM;
    embargo_store_set_diagnostics(d->store, count_note, &d->n_load_notes);
    embargo_status status = embargo_store_load_path(d->store, path);
    embargo_store_set_diagnostics(d->store, NULL, NULL);
    if (status != EMBARGO_OK) {
        snprintf(err, err_size, "loading the lists failed: %s", embargo_store_error(d->store));
        return status;
    }
    if (embargo_store_count(d->store) == 0) {
        snprintf(err, err_size, "%s holds no list file embargo can read", path);
        return EMBARGO_ENOTFOUND;
    }
    return embargo_index_build_memory(d->store, &d->index, err, err_size);
}

dataset *dataset_load(const char *index_path, const char *lists_path, unsigned long generation,
                      char *err, size_t err_size) {
    dataset *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    double start = now_seconds();
    embargo_status status;
    if (index_path) status = embargo_index_open(index_path, &d->index, err, err_size);
    else if (lists_path) status = load_lists(d, lists_path, err, err_size);
    else status = EMBARGO_EINVAL, snprintf(err, err_size, "neither an index file nor lists to serve");
    if (status != EMBARGO_OK) {
        if (d->index) embargo_index_close(d->index);
        embargo_store_destroy(d->store);
        free(d);
        return NULL;
    }
    d->generation = generation;
    d->loaded_at = time(NULL);
    d->load_seconds = now_seconds() - start;
    d->n_entities = embargo_index_entity_count(d->index);
    atomic_init(&d->refs, 1);
    return d;
}

void dataset_retain(dataset *d) {
    atomic_fetch_add_explicit(&d->refs, 1, memory_order_relaxed);
}

void dataset_release(dataset *d) {
    if (!d || atomic_fetch_sub_explicit(&d->refs, 1, memory_order_acq_rel) != 1) return;
    embargo_index_close(d->index);
    embargo_store_destroy(d->store);
    free(d);
}
