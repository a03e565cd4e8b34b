/*
 * fuzz_batch.c - libFuzzer target: the screen batch reader (screen/batch.h)
 * over a CSV or JSON-lines input read from memory with fmemopen. Every row
 * is read to the end, each row's line number must only grow, and a refused
 * input or a fatal error must say why. Seeds:
 * fuzz/corpus/batch/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/batch.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0; /* fmemopen refuses an empty buffer */
    FILE *in = fmemopen((void *)data, size, "rb");
    if (!in) return 0;
    buf error;
    buf_init(&error);
    batch_reader *reader = batch_open(in, &error);
    if (reader) {
        batch_row row;
        long last = 0;
        int got;
        while ((got = batch_next(reader, &row, &error)) == 1) {
            if (row.line < 1 || row.line < last) abort();
            last = row.line;
            for (int f = 0; f < BATCH_FIELDS; f++)
                if (row.field[f]) (void)strlen(row.field[f]);
            if (row.error) (void)strlen(row.error);
            batch_row_free(&row);
        }
        if (got == -1 && !buf_str(&error)[0]) abort();
        batch_close(reader);
    } else if (!buf_str(&error)[0]) {
        abort();
    }
    buf_free(&error);
    fclose(in);
    return 0;
}
