/*
 * json_writer.h - JSON text written straight into a buf.
 *
 * For hot output paths (a JSON line per screened row) where building a
 * jansson tree, printing it and freeing it costs several times the
 * screening itself. Strings are escaped as RFC 8259 requires; reals are
 * written with JSON_WRITER_DECIMALS decimals at most (json_writer_round
 * gives the same value for code that builds jansson trees, so both agree).
 * Nesting is tracked to place the commas; the caller keeps it balanced.
 *
 * A caller whose output has a fixed shape (a hit, written tens of thousands
 * of times a second) may write a whole value itself: json_writer_raw places
 * the comma and hands over the buffer, and json_writer_put* append constant
 * text, strings and reals to it, escaped and rounded as the writer does.
 */
#ifndef EMBARGO_JSON_WRITER_H
#define EMBARGO_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

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

/* Places the comma before a value and returns W's buffer: the caller appends exactly one whole JSON value. */
buf *json_writer_raw(json_writer *w);
/* Appends LEN bytes of S to B (JSON text the caller vouches for): buf_append with room left handled inline. */
static inline void json_writer_put(buf *b, const char *s, size_t len) {
    if (!b->failed && b->len + len + 1 <= b->cap) {
        memcpy(b->data + b->len, s, len);
        b->len += len;
        b->data[b->len] = '\0';
    } else {
        buf_append(b, s, len);
    }
}
/* Appends S as a JSON string to B, as json_writer_string writes it (NULL as ""). */
void json_writer_put_string(buf *b, const char *s);
/* Appends V to B as json_writer_real writes it. */
void json_writer_put_real(buf *b, double v);

#endif
