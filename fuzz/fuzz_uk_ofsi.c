/*
 * fuzz_uk_ofsi.c - libFuzzer target: arbitrary bytes written to a temporary
 * file and loaded as a list (format detection, then the uk-ofsi loader when
 * the header is there; zip inputs go through the .xlsx reader).
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    embargo_store *store = fuzz_load_sniffed("uk_ofsi", "", data, size);
    if (store) embargo_store_destroy(store);
    return 0;
}
