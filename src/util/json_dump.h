/*
 * json_dump.h - JSON text written straight into a buf, byte for byte as
 * jansson's json_dumps would print the same tree.
 *
 * For reports too big to build as a tree first (a document scan's: 34 MB
 * for 2 MB of list remarks), whose printed form is already fixed by
 * jansson: the CLI's indented JSON, the server's compact JSON with its own
 * real precision. Unlike json_writer.h (its own compact form, reals with
 * four decimals), it follows jansson's choices: two layouts (JSON_INDENT(n)
 * or JSON_COMPACT), reals as "%.<precision>g" with ".0" added to whole
 * numbers, and jansson's escapes (\b \f \n \r \t, \u00XX upper case, no
 * escape for '/' or non-ASCII). Strings must be valid UTF-8 (the caller
 * checks with utf8_valid where it is not known, as json_stringn would).
 *
 * A value written separately (a memo's) may be pasted in: a writer started
 * at the depth of the place it goes (json_dump_init's DEPTH) writes the
 * same bytes as one writing the whole.
 */
#ifndef EMBARGO_JSON_DUMP_H
#define EMBARGO_JSON_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "util/buf.h"

#define JSON_DUMP_MAX_DEPTH 16

typedef struct {
    int indent;                   /* spaces a level, as JSON_INDENT(n); 0: JSON_COMPACT */
    int precision;                /* significant digits of reals, as JSON_REAL_PRECISION(n); 0: 17, jansson's default */
} json_dump_style;

/*
 * What a report's writers print again and again, kept as text: reals (a
 * report holds few distinct ones, and printf is slow), and each key with
 * the comma and indent before it. One for writers of one style.
 */
typedef struct json_dump_cache json_dump_cache;
json_dump_cache *json_dump_cache_new(const json_dump_style *style);
void json_dump_cache_free(json_dump_cache *cache);

typedef struct json_dump {
    buf *out;
    json_dump_style style;
    int depth;                    /* containers open, counting those of the place the writer started at */
    bool bare;                    /* the next value follows a key, or starts the writer: no separator */
    bool has_member[JSON_DUMP_MAX_DEPTH];
    json_dump_cache *cache;       /* json_dump_use's, or NULL: everything printed anew */
} json_dump;

/* A writer of one value into OUT at DEPTH (0: a whole document; n: the value of a member n containers deep). */
void json_dump_init(json_dump *d, buf *out, const json_dump_style *style, int depth);
/* Lets D use CACHE (NULL: none); a cache made for another style is not used. */
void json_dump_use(json_dump *d, json_dump_cache *cache);
void json_dump_open(json_dump *d, char open);   /* { or [ */
void json_dump_close(json_dump *d, char close); /* } or ] */
/*
 * An object member's key: plain ASCII with nothing to escape (the caller's
 * own name), LEN bytes. A writer with a cache knows a key by its address:
 * the bytes there must not change while the cache lives (pass literals).
 */
void json_dump_keyn(json_dump *d, const char *key, size_t len);
/* The same for a NUL-terminated KEY (a literal's length is known at compile time). */
static inline void json_dump_key(json_dump *d, const char *key) {
    json_dump_keyn(d, key, strlen(key));
}
/* The LEN bytes at S (valid UTF-8) as a JSON string. */
void json_dump_string(json_dump *d, const char *s, size_t len);
/* S (NULL: "") as a JSON string. */
void json_dump_cstring(json_dump *d, const char *s);
void json_dump_int(json_dump *d, long long v);
/* V as jansson prints a real (V finite: jansson makes no real of others). */
void json_dump_real(json_dump *d, double v);
void json_dump_bool(json_dump *d, bool v);
void json_dump_null(json_dump *d);
/*
 * A string and a real as the writer writes them, appended to OUT without
 * what goes before a value: for callers writing a fixed shape between
 * constant runs (hit_json.c's hit layout). CACHE may be NULL.
 */
bool json_dump_put_string(buf *out, const char *s, size_t len); /* false: S is not UTF-8 (written all the same) */
/*
 * The LEN bytes at S, any bytes, as a JSON string: each byte that is not
 * part of a valid UTF-8 character as U+FFFD (a reader's text, where a stray
 * byte must not drop the rest), and when BREAKS each \n, \r and \t as a
 * space (a snippet on one line).
 */
void json_dump_put_text(buf *out, const char *s, size_t len, bool breaks);
void json_dump_put_int(buf *out, long long v);
void json_dump_put_real(buf *out, const json_dump_style *style, json_dump_cache *cache, double v);
/*
 * What goes before D's next value (the comma and new line, as for any
 * value): for a caller that then appends the value's bytes to D->out itself,
 * a fixed shape written from json_dump_glue's runs and the put functions.
 */
void json_dump_next(json_dump *d);
/*
 * A constant run of a fixed shape whose values are written apart, appended
 * to OUT: PATTERN's digit k is a new line indented for DEPTH + k levels in
 * STYLE (nothing when compact), ':' a key's colon (": " when indented), any
 * other byte itself. "{1\"id\":" at DEPTH 2 is what precedes the value of
 * the first member "id" of an object that is a value at depth 2.
 */
void json_dump_glue(buf *out, const json_dump_style *style, int depth, const char *pattern);
/* LEN bytes of a whole value written by a writer started at this writer's depth. */
void json_dump_raw(json_dump *d, const char *text, size_t len);

#endif
