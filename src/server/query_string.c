/*
 * query_string.c - decoding a URL query string ("name=Kim+Jong%20Un&limit=5")
 * into key/value pairs (see query_parse in request.h). The whole string is
 * copied once and decoded in place, so the pairs cost one allocation; a
 * parameter without '=' has the value "".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/request.h"
#include "util/utf8.h"

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes S in place ('+' and %XX); false on a bad escape or a NUL byte. */
static bool url_decode(char *s, char *err, size_t err_size) {
    char *out = s;
    for (const char *in = s; *in; in++) {
        if (*in == '+') {
            *out++ = ' ';
        } else if (*in == '%') {
            int hi = in[1] ? hex_value(in[1]) : -1;
            int lo = hi >= 0 && in[2] ? hex_value(in[2]) : -1;
            if (hi < 0 || lo < 0) return snprintf(err, err_size, "bad %%-escape in the query string"), false;
            if (hi == 0 && lo == 0) return snprintf(err, err_size, "the query string holds a NUL byte (%%00)"), false;
            *out++ = (char)(hi * 16 + lo);
            in += 2;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
    return true;
}

/* Splits one "key=value" piece and decodes both halves into Q. */
static bool add_param(query_params *q, char *piece, char *err, size_t err_size) {
    if (q->n == QUERY_MAX_PARAMS) return snprintf(err, err_size, "more than %d query parameters", QUERY_MAX_PARAMS), false;
    char *eq = strchr(piece, '=');
    char *value = eq ? eq + 1 : piece + strlen(piece);
    if (eq) *eq = '\0';
    if (!url_decode(piece, err, err_size) || !url_decode(value, err, err_size)) return false;
    size_t bad;
    if (!utf8_valid(piece, strlen(piece), &bad) || !utf8_valid(value, strlen(value), &bad))
        return snprintf(err, err_size, "query parameter '%.40s' is not valid UTF-8", piece), false;
    q->items[q->n++] = (query_param){piece, value};
    return true;
}

bool query_parse(const char *text, size_t len, query_params *out, char *err, size_t err_size) {
    memset(out, 0, sizeof *out);
    if (memchr(text, '\0', len)) return snprintf(err, err_size, "the query string holds a NUL byte"), false;
    out->storage = malloc(len + 1);
    if (!out->storage) return snprintf(err, err_size, "out of memory"), false;
    memcpy(out->storage, text, len);
    out->storage[len] = '\0';
    char *piece = out->storage;
    while (piece) {
        char *amp = strchr(piece, '&');
        if (amp) *amp = '\0';
        if (*piece && !add_param(out, piece, err, err_size)) return false;
        piece = amp ? amp + 1 : NULL;
    }
    return true;
}

const char *query_get(const query_params *q, const char *key) {
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->items[i].key, key) == 0) return q->items[i].value;
    return NULL;
}

void query_free(query_params *q) {
    free(q->storage);
    memset(q, 0, sizeof *q);
}
