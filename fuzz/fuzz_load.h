/*
 * fuzz_load.h - what the list loader fuzz targets share: the input is written
 * to a temporary file and loaded from there, as a real list file would be.
 *
 * One file per process (made on the first input, rewritten for each one,
 * removed at exit), named /tmp/embargo-fuzz-NAME-PID followed by EXT: the
 * extension is kept because some sniffers look at it. Two ways to load it:
 * fuzz_load_sniffed() goes through embargo_store_load_path(), so the format
 * sniffers choose the loader; fuzz_load_direct() hands the file straight to
 * one loader (the sniffers would turn most inputs away) and writes every
 * entity out as JSON. Static inline: each target is a program of one file.
 */
#ifndef EMBARGO_FUZZ_LOAD_H
#define EMBARGO_FUZZ_LOAD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "embargo/embargo.h"
#include "model/store_int.h"
#include "sources/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_load_file[96];

static inline void fuzz_load_remove(void) {
    unlink(fuzz_load_file);
}

/*
 * Writes DATA (SIZE bytes) to this process's temporary file, named from NAME
 * and EXT on the first call. Returns its path, or NULL when it cannot be
 * written whole.
 */
static inline const char *fuzz_write(const char *name, const char *ext, const uint8_t *data, size_t size) {
    if (!fuzz_load_file[0]) {
        snprintf(fuzz_load_file, sizeof fuzz_load_file, "/tmp/embargo-fuzz-%s-%ld%s", name, (long)getpid(), ext);
        atexit(fuzz_load_remove);
    }
    FILE *f = fopen(fuzz_load_file, "wb");
    if (!f) return NULL;
    size_t written = fwrite(data, 1, size, f);
    fclose(f);
    return written == size ? fuzz_load_file : NULL;
}

/*
 * Writes DATA to the temporary file and loads it through the sniffers. Returns
 * the store (load errors are expected and left in it) for the caller to check
 * and destroy, or NULL when the file or the store could not be made.
 */
static inline embargo_store *fuzz_load_sniffed(const char *name, const char *ext, const uint8_t *data, size_t size) {
    const char *path = fuzz_write(name, ext, data, size);
    if (!path) return NULL;
    embargo_store *store = embargo_store_new();
    if (store) embargo_store_load_path(store, path);
    return store;
}

/*
 * Writes DATA to the temporary file, loads it with FORMAT's loader alone and
 * writes each entity loaded as JSON to /dev/null. Returns 0, as libFuzzer wants.
 */
static inline int fuzz_load_direct(const source_format *format, const char *ext, const uint8_t *data, size_t size) {
    static FILE *sink;
    const char *path = fuzz_write(format->short_name, ext, data, size);
    if (!path) return 0;
    if (!sink) sink = fopen("/dev/null", "w");
    embargo_store *store = embargo_store_new();
    if (!store) return 0;
    size_t source = store_add_source(store, format->id, format->authority, path, format->reference_only);
    load_ctx ctx = {store, format, path, source, draft_new(), 0};
    if (source != (size_t)-1 && ctx.draft && store_name_source(store, source, format->short_name)) {
        format->load(&ctx);
        for (size_t i = 0; sink && i < embargo_store_count(store); i++)
            embargo_entity_write_json(embargo_store_at(store, i), sink);
    }
    draft_free(ctx.draft);
    embargo_store_destroy(store);
    return 0;
}

#endif
