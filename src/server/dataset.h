/*
 * dataset.h - what one generation of the server serves: the search index,
 * the store it was built from (only when serving from --lists), and facts
 * about it (generation, load time, counts), with a reference count.
 *
 * A request takes a reference (dataset_holder_acquire) for its whole life
 * and drops it at the end; a reload builds a new dataset beside the old one
 * and swaps the holder's pointer under a short lock. The old dataset is freed
 * by whoever drops its last reference, so requests in flight finish on it
 * and no request ever sees a half-built one (RCU by reference counting).
 */
#ifndef EMBARGO_SERVER_DATASET_H
#define EMBARGO_SERVER_DATASET_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "embargo/search.h"
#include "embargo/store.h"

typedef struct {
    embargo_index *index;
    embargo_store *store;         /* NULL when serving an index file alone */
    unsigned long generation;
    time_t loaded_at;
    double load_seconds;
    size_t n_entities;
    size_t n_load_notes;          /* records skipped and fields not understood */
    atomic_long refs;
} dataset;

/*
 * Loads a dataset: maps INDEX_PATH when it is not NULL, else loads the lists
 * at LISTS_PATH and builds the index in memory. The result holds one
 * reference. NULL on failure with ERR saying why.
 */
dataset *dataset_load(const char *index_path, const char *lists_path, unsigned long generation,
                      char *err, size_t err_size);
/* Takes one more reference to D. */
void dataset_retain(dataset *d);
/* Drops one reference; the last one frees D. NULL is ignored. */
void dataset_release(dataset *d);

/* The dataset now served, swapped atomically by reloads. */
typedef struct {
    pthread_mutex_t lock;         /* guards current: held only to read or swap it */
    pthread_mutex_t reload_lock;  /* one reload at a time */
    dataset *current;
    atomic_ulong n_reloads, n_reload_failures;
} dataset_holder;

/* Starts holding FIRST (takes over its reference). */
void dataset_holder_init(dataset_holder *h, dataset *first);
/* The dataset now served, with a reference the caller drops by dataset_release. */
dataset *dataset_holder_acquire(dataset_holder *h);
/* Makes NEXT the served dataset (takes over its reference) and drops the holder's old one. */
void dataset_holder_swap(dataset_holder *h, dataset *next);
/* Drops the held dataset. */
void dataset_holder_destroy(dataset_holder *h);

#endif
