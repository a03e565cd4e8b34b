/*
 * fuzz_ca_sema.c - libFuzzer target: the input is written to a temporary file
 * and given straight to the ca_sema loader (not through the sniffer, which would
 * turn most inputs away), then every entity is written out as JSON. Any
 * crash, leak or sanitizer report is a bug; load errors are expected.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_load.h"

extern const source_format source_ca_sema;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return fuzz_load_direct(&source_ca_sema, ".xml", data, size);
}
