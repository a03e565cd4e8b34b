/*
 * fuzz_un_xml.c - libFuzzer target for the UN list loader.
 *
 * Each input is written to one temporary file (made once per process) and
 * loaded through embargo_store_load_path(), so sniffing, libxml2's reader and
 * the record reader all see it as a real file would be seen. Any crash,
 * sanitizer report or leak is a bug; load errors are expected.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    embargo_store *store = fuzz_load_sniffed("un_xml", "", data, size);
    if (!store) return 0;
    /* Touch what was loaded, as a caller would. */
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (embargo_store_get(store, e->id) != e) abort();
    }
    embargo_store_destroy(store);
    return 0;
}
