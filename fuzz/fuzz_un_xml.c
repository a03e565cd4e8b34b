/*
 * fuzz_un_xml.c - libFuzzer target for the UN list loader.
 *
 * Each input is written to one temporary file (made once per process) and
 * loaded through embargo_store_load_path(), so sniffing, libxml2's reader and
 * the record reader all see it as a real file would be seen. Any crash,
 * sanitizer report or leak is a bug; load errors are expected.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "embargo/embargo.h"

static char fuzz_path[] = "/tmp/fuzz_un_xml.XXXXXX";

/* Makes the temporary file once; it is removed at exit. */
static void fuzz_remove(void) {
    unlink(fuzz_path);
}

static int fuzz_setup(void) {
    static int fd = -2;
    if (fd == -2) {
        fd = mkstemp(fuzz_path);
        if (fd >= 0) {
            close(fd);
            atexit(fuzz_remove);
        }
    }
    return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fuzz_setup() < 0) return 0;
    FILE *f = fopen(fuzz_path, "wb");
    if (!f) return 0;
    size_t written = fwrite(data, 1, size, f);
    fclose(f);
    if (written != size) return 0;
    embargo_store *store = embargo_store_new();
    if (!store) return 0;
    embargo_store_load_path(store, fuzz_path);
    /* Touch what was loaded, as a caller would. */
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (embargo_store_get(store, e->id) != e) abort();
    }
    embargo_store_destroy(store);
    return 0;
}
