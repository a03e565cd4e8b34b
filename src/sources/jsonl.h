/*
 * jsonl.h - reading JSON Lines (one JSON object a line) a line at a time,
 * for the FollowTheMoney and Senzing loaders.
 *
 * Memory follows the longest line, never the file. Invalid UTF-8 is replaced
 * by U+FFFD before parsing (jansson refuses it) and counted, so one bad byte
 * costs a warning, not the record. A line that is not a JSON object is
 * reported with its line number; a last line that neither parses nor ends in
 * a newline is a truncated file.
 */
#ifndef EMBARGO_JSONL_H
#define EMBARGO_JSONL_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "util/buf.h"

typedef enum {
    JSONL_OBJECT,     /* *out holds the line's object (caller json_decref()s it) */
    JSONL_END,        /* no more lines */
    JSONL_BAD,        /* the line is not a JSON object: see message; go on */
    JSONL_TRUNCATED,  /* the last line is cut off: see message; stop */
    JSONL_ERROR       /* a read error or out of memory: see message; stop */
} jsonl_result;

typedef struct {
    FILE *in;
    char *line;           /* getline buffer */
    size_t cap;
    long line_no;         /* line of the last object or problem (1-based) */
    size_t bad_utf8;      /* invalid sequences replaced in the last line */
    buf fixed;            /* the last line with invalid UTF-8 replaced */
    char message[256];    /* what was wrong, for JSONL_BAD and worse */
} jsonl_reader;

/* Starts reading IN (not closed by the reader). */
void jsonl_init(jsonl_reader *r, FILE *in);
void jsonl_free(jsonl_reader *r);
/* Reads the next non-blank line. */
jsonl_result jsonl_next(jsonl_reader *r, json_t **out);
/* Starts again from the first line (IN must be seekable). False on error. */
bool jsonl_rewind(jsonl_reader *r);
/*
 * How the first line of HEAD (LEN bytes) parses: the object, or NULL when it
 * is not a JSON object or does not end within HEAD. Caller json_decref()s.
 */
json_t *jsonl_first_object(const char *head, size_t len);

#endif
