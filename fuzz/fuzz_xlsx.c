/*
 * fuzz_xlsx.c - libFuzzer target: the .xlsx reader on arbitrary bytes,
 * opened from memory and read to the end.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sources/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *error = NULL;
    xlsx_reader *r = xlsx_open_memory(data, size, XLSX_FULL, &error);
    free(error);
    if (!r) return 0;
    while (xlsx_next(r) == XLSX_RECORD)
        for (size_t i = 0; i < xlsx_count(r); i++) (void)xlsx_field(r, i);
    xlsx_close(r);
    return 0;
}
