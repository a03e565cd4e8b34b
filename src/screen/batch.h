/*
 * batch.h - reading a file of parties to screen, one row at a time: CSV with
 * a header row (columns name, and optionally id, kind, dob, country,
 * identifier, gender, in any order and case) or JSON lines with the same
 * fields. The format is told from the first character ('{' is JSON lines).
 * A row that cannot be read comes back with its error set and its line
 * number, so that it is reported, never dropped.
 */
#ifndef EMBARGO_BATCH_H
#define EMBARGO_BATCH_H

#include <stdio.h>

#include "util/buf.h"

typedef enum { BATCH_ID, BATCH_NAME, BATCH_KIND, BATCH_DOB, BATCH_COUNTRY, BATCH_IDENTIFIER,
               BATCH_GENDER, BATCH_FIELDS } batch_field;

typedef struct {
    long line;                    /* where the row starts, 1-based */
    char *field[BATCH_FIELDS];    /* NULL when absent; owned by the row */
    char *error;                  /* why the row cannot be screened, or NULL */
} batch_row;

typedef struct batch_reader batch_reader;

/* Starts reading IN. NULL with ERROR set when the header is unusable. */
batch_reader *batch_open(FILE *in, buf *error);
/* Reads the next row into ROW: 1 a row (maybe with error set), 0 the end, -1 a fatal error (ERROR). */
int batch_next(batch_reader *r, batch_row *row, buf *error);
void batch_row_free(batch_row *row);
void batch_close(batch_reader *r);

#endif
