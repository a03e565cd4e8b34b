/*
 * fuzz_ofac_csv.c - libFuzzer target: a whole OFAC CSV set through the
 * loader. The input is written to sdn.csv in a private temporary folder;
 * when it holds a line "--alt--", what follows goes to alt.csv instead, so
 * the companion reader and the join are fuzzed too. Seeds:
 * fuzz/corpus/ofac_csv/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embargo/embargo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], sdn_path[96], alt_path[96];

static void write_file(const char *path, const uint8_t *data, size_t size) {
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    fclose(f);
}

static void cleanup(void) {
    unlink(sdn_path);
    unlink(alt_path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz-ofac-csv-XXXXXX");
        if (!mkdtemp(dir)) abort();
        snprintf(sdn_path, sizeof sdn_path, "%s/sdn.csv", dir);
        snprintf(alt_path, sizeof alt_path, "%s/alt.csv", dir);
        atexit(cleanup);
    }
    static const char mark[] = "\n--alt--\n";
    const uint8_t *split = memmem(data, size, mark, sizeof mark - 1);
    size_t primary = split ? (size_t)(split - data) + 1 : size;
    write_file(sdn_path, data, primary);
    if (split) write_file(alt_path, split + sizeof mark - 1, size - primary - (sizeof mark - 2));
    else unlink(alt_path);
    embargo_store *store = embargo_store_new();
    if (!store) return 0;
    embargo_store_load_path(store, sdn_path);
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (!e->id || e->n_names == 0) __builtin_trap();
    }
    embargo_store_destroy(store);
    return 0;
}
