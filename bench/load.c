/*
 * bench/load.c - how long loading the lists takes, against a plain baseline
 * in the same run: reading every byte of the same files with fread. Prints
 * its inputs so that anyone can rerun it.
 *
 *   build/bench_load [LISTS_DIR] [REPEATS]
 *
 * Times are CPU seconds of this process (one core), best of REPEATS.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "embargo/embargo.h"

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads every regular file below DIR; returns the bytes read. */
static size_t read_all(const char *dir) {
    size_t total = 0;
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *ent;
    static char chunk[1 << 16];
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            total += read_all(path);
            continue;
        }
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) total += n;
        fclose(f);
    }
    closedir(d);
    return total;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "../shared/data/lists";
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    if (repeats < 1) repeats = 1;
    double best_load = 1e9, best_read = 1e9;
    size_t entities = 0, sources = 0, bytes = 0;
    for (int r = 0; r < repeats; r++) {
        double t0 = cpu_seconds();
        bytes = read_all(dir);
        double t1 = cpu_seconds();
        embargo_store *store = embargo_store_new();
        embargo_status status = embargo_store_load_path(store, dir);
        double t2 = cpu_seconds();
        if (status != EMBARGO_OK) {
            fprintf(stderr, "bench_load: %s\n", embargo_store_error(store));
            embargo_store_destroy(store);
            return 1;
        }
        entities = embargo_store_count(store);
        sources = embargo_store_source_count(store);
        embargo_store_destroy(store);
        if (t1 - t0 < best_read) best_read = t1 - t0;
        if (t2 - t1 < best_load) best_load = t2 - t1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bench_load: lists=%s repeats=%d\n", dir, repeats);
    printf("  input            %zu bytes in all files, %zu sources, %zu entities\n", bytes, sources, entities);
    printf("  load (embargo)   %.3f s CPU, best of %d   (goal: under 2 s)\n", best_load, repeats);
    printf("  baseline (fread) %.3f s CPU\n", best_read);
    printf("  ratio            %.1fx the time of reading the bytes\n", best_read > 0 ? best_load / best_read : 0.0);
    printf("  max RSS          %ld MB\n", ru.ru_maxrss / 1024);
    return 0;
}
