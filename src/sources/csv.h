/*
 * csv.h - a streaming reader for delimited text (RFC 4180 CSV, TSV).
 *
 * Reads one record at a time from a FILE, so memory follows the longest
 * record, not the file. Quoted fields may hold delimiters, doubled quotes and
 * line breaks; CRLF and LF both end records; a final Ctrl-Z (0x1A, the OFAC
 * files' end mark) and a missing last newline are accepted. Each record knows
 * the line it starts on, for messages.
 */
#ifndef EMBARGO_CSV_H
#define EMBARGO_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "util/buf.h"

typedef enum {
    CSV_RECORD,      /* a record was read */
    CSV_END,         /* no more records */
    CSV_ERROR        /* see csv_reader.error */
} csv_result;

typedef struct {
    FILE *in;
    char delimiter;
    long line;           /* line the next record starts on (1-based) */
    long record_line;    /* line the last record started on */
    buf data;            /* field bytes, NUL after each field */
    size_t *offsets;     /* start of each field in data */
    size_t n_fields, cap_fields;
    bool loose_quotes;   /* a quote inside an unquoted field is kept as text */
    const char *error;   /* what went wrong, for CSV_ERROR */
} csv_reader;

/* Starts reading IN (not closed by the reader) with DELIMITER (',' or '\t'). */
void csv_init(csv_reader *r, FILE *in, char delimiter);
void csv_free(csv_reader *r);
/*
 * Reads the next record. Blank lines are skipped. CSV_ERROR for a quoted
 * field that never ends (a truncated file) or text after a closing quote;
 * the reader then stops.
 */
csv_result csv_next(csv_reader *r);
/* Field I of the last record ("" when the record has fewer fields). */
const char *csv_field(const csv_reader *r, size_t i);
/* Number of fields in the last record. */
size_t csv_count(const csv_reader *r);
/* True when every field of the last record is valid UTF-8; *FIELD gets the first bad one. */
bool csv_valid_utf8(const csv_reader *r, size_t *field);
/* Index of the field named NAME in the last record (a header), or -1. */
long csv_find(const csv_reader *r, const char *name);

#endif
