/*
 * fuzz_ftm_json.c - libFuzzer target: the input is written to a temporary file
 * and given straight to the ftm_json loader (not through the sniffer, which would
 * turn most inputs away), then every entity is written out as JSON. Any
 * crash, leak or sanitizer report is a bug; load errors are expected.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embargo/embargo.h"
#include "model/store_int.h"
#include "sources/load.h"

extern const source_format source_ftm_json;

static char fuzz_path[64];
static FILE *fuzz_sink;

/* Writes DATA to a per-process temporary file; returns its path or NULL. */
static const char *fuzz_write(const uint8_t *data, size_t size) {
    if (!fuzz_path[0]) snprintf(fuzz_path, sizeof fuzz_path, "/tmp/embargo-fuzz-ftm_json-%ld.json", (long)getpid());
    FILE *f = fopen(fuzz_path, "wb");
    if (!f) return NULL;
    size_t written = fwrite(data, 1, size, f);
    fclose(f);
    return written == size ? fuzz_path : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_write(data, size);
    if (!path) return 0;
    if (!fuzz_sink) fuzz_sink = fopen("/dev/null", "w");
    embargo_store *store = embargo_store_new();
    if (!store) return 0;
    const source_format *format = &source_ftm_json;
    size_t source = store_add_source(store, format->id, format->authority, path, format->reference_only);
    load_ctx ctx = {store, format, path, source, draft_new(), 0};
    if (source != (size_t)-1 && ctx.draft && store_name_source(store, source, format->short_name)) {
        format->load(&ctx);
        for (size_t i = 0; fuzz_sink && i < embargo_store_count(store); i++)
            embargo_entity_write_json(embargo_store_at(store, i), fuzz_sink);
    }
    draft_free(ctx.draft);
    embargo_store_destroy(store);
    return 0;
}
