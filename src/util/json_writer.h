/*
 * json_writer.h - JSON text written straight into a buf.
 *
 * For hot output paths (a JSON line per screened row) where building a
 * jansson tree, printing it and freeing it costs several times the
 * screening itself. Strings are escaped as RFC 8259 requires; reals are
 * written with JSON_WRITER_DECIMALS decimals at most (json_writer_round
 * gives the same value for code that builds jansson trees, so both agree).
 * Nesting is tracked to place the commas; the caller keeps it balanced.
 */
#ifndef EMBARGO_JSON_WRITER_H
#define EMBARGO_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

#define JSON_WRITER_DECIMALS 4
#define JSON_WRITER_MAX_DEPTH 32

typedef struct json_writer {
    buf *out;
    int depth;
    bool after_key;                          /* the next value follows "key": */
    bool has_member[JSON_WRITER_MAX_DEPTH];  /* per open container: something written */
} json_writer;

void json_writer_init(json_writer *w, buf *out);
void json_writer_object(json_writer *w);      /* { */
void json_writer_array(json_writer *w);       /* [ */
void json_writer_end(json_writer *w, char close); /* } or ] */
/* An object member's key (the caller's own name: plain ASCII, nothing to escape); the next call writes its value. */
void json_writer_key(json_writer *w, const char *key);
/* S as a JSON string; NULL is written as "" (never as null: callers' fields are text). */
void json_writer_string(json_writer *w, const char *s);
void json_writer_int(json_writer *w, long long v);
/* V rounded to JSON_WRITER_DECIMALS decimals, trailing zeros dropped; null when not finite. */
void json_writer_real(json_writer *w, double v);
void json_writer_bool(json_writer *w, bool v);

/* V rounded as json_writer_real writes it. */
double json_writer_round(double v);

#endif
