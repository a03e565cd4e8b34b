/*
 * reload.c - swapping the served dataset without downtime (see dataset.h).
 * The pointer swap and the reference a request takes happen under one short
 * lock, so a request gets either the old dataset or the new one, whole; the
 * slow part of a reload (loading, indexing) happens outside it.
 */
#include "server/dataset.h"

void dataset_holder_init(dataset_holder *h, dataset *first) {
    pthread_mutex_init(&h->lock, NULL);
    pthread_mutex_init(&h->reload_lock, NULL);
    h->current = first;
    atomic_init(&h->n_reloads, 0);
    atomic_init(&h->n_reload_failures, 0);
}

dataset *dataset_holder_acquire(dataset_holder *h) {
    pthread_mutex_lock(&h->lock);
    dataset *d = h->current;
    dataset_retain(d);
    pthread_mutex_unlock(&h->lock);
    return d;
}

void dataset_holder_swap(dataset_holder *h, dataset *next) {
    pthread_mutex_lock(&h->lock);
    dataset *old = h->current;
    h->current = next;
    pthread_mutex_unlock(&h->lock);
    dataset_release(old);
}

void dataset_holder_destroy(dataset_holder *h) {
    dataset_release(h->current);
    h->current = NULL;
    pthread_mutex_destroy(&h->lock);
    pthread_mutex_destroy(&h->reload_lock);
}
