/*
 * json_writer.c - see json_writer.h. Reals are written from an integer
 * count of 1/10^JSON_WRITER_DECIMALS, so no printf("%g") runs per number.
 */
#include "util/json_writer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const double scale = 1e4; /* 10^JSON_WRITER_DECIMALS; put_real writes four decimals */
_Static_assert(JSON_WRITER_DECIMALS == 4, "put_real and scale assume four decimals");

#define put json_writer_put

static inline void put_str(buf *b, const char *s) {
    put(b, s, strlen(s));
}

/* Bytes that end a run of plain string text: NUL (the end), controls, quote, backslash. */
#define X16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char stops_run[256] = {X16(1), X16(1), ['"'] = 1, ['\\'] = 1};
#undef X16

void json_writer_init(json_writer *w, buf *out) {
    memset(w, 0, sizeof *w);
    w->out = out;
}

/* The comma before a value or key, unless it is the first in its container or follows a key. */
static void separate(json_writer *w) {
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0 && w->depth <= JSON_WRITER_MAX_DEPTH) {
        if (w->has_member[w->depth - 1]) put(w->out, ",", 1);
        w->has_member[w->depth - 1] = true;
    }
}

static void open_container(json_writer *w, char c) {
    separate(w);
    put(w->out, &c, 1);
    if (w->depth < JSON_WRITER_MAX_DEPTH) w->has_member[w->depth] = false;
    w->depth++;
}

void json_writer_object(json_writer *w) { open_container(w, '{'); }
void json_writer_array(json_writer *w) { open_container(w, '['); }

void json_writer_end(json_writer *w, char close) {
    if (w->depth > 0) w->depth--;
    put(w->out, &close, 1);
}

/* The first byte of S that ends a plain run (NUL included), four look-ups a turn. */
static inline const char *run_end(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    for (;; p += 4) { /* p[k] is read only when p[k-1] was not the NUL */
        if (stops_run[p[0]]) return (const char *)p;
        if (stops_run[p[1]]) return (const char *)p + 1;
        if (stops_run[p[2]]) return (const char *)p + 2;
        if (stops_run[p[3]]) return (const char *)p + 3;
    }
}

/* S from its first byte to escape onwards, escaped run by run; the closing quote is the caller's. */
static __attribute__((noinline)) void put_escaped(buf *out, const char *s) {
    static const char hex[] = "0123456789abcdef";
    for (;;) {
        const char *run = s;
        s = run_end(s);
        put(out, run, (size_t)(s - run));
        unsigned char c = (unsigned char)*s++;
        if (c == '\0') return;
        char esc[6] = {'\\', 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default: memcpy(esc + 1, "u00", 3), esc[4] = hex[c >> 4], esc[5] = hex[c & 15], n = 6;
        }
        put(out, esc, n);
    }
}

/*
 * S as a JSON string. Most strings need no escape: they are found with one
 * table look-up a byte and go out, quotes included, in one reserved copy.
 */
static void put_string(buf *out, const char *s) {
    const char *end = run_end(s);
    size_t n = (size_t)(end - s);
    if (*end == '\0' && !out->failed && (out->len + n + 3 <= out->cap || buf_reserve(out, n + 2))) {
        char *dst = out->data + out->len;
        dst[0] = '"';
        memcpy(dst + 1, s, n);
        dst[n + 1] = '"';
        dst[n + 2] = '\0';
        out->len += n + 2;
        return;
    }
    put(out, "\"", 1);
    put_escaped(out, s);
    put(out, "\"", 1);
}

void json_writer_key(json_writer *w, const char *key) {
    separate(w);
    /* Keys are the caller's own ASCII names: written as they are, in one piece. */
    size_t len = strlen(key);
    char text[64];
    if (len + 3 > sizeof text) {
        put_string(w->out, key);
        put(w->out, ":", 1);
    } else {
        text[0] = '"';
        memcpy(text + 1, key, len);
        memcpy(text + 1 + len, "\":", 2);
        put(w->out, text, len + 3);
    }
    w->after_key = true;
}

void json_writer_string(json_writer *w, const char *s) {
    separate(w);
    put_string(w->out, s ? s : "");
}

/* The decimal digits of U, written backwards ending at END; returns where they start. */
static char *digits_before(char *end, unsigned long long u) {
    do *--end = (char)('0' + u % 10), u /= 10;
    while (u);
    return end;
}

void json_writer_int(json_writer *w, long long v) {
    separate(w);
    char text[24], *end = text + sizeof text;
    char *p = digits_before(end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
    if (v < 0) *--p = '-';
    put(w->out, p, (size_t)(end - p));
}

double json_writer_round(double v) {
    return isfinite(v) ? round(v * scale) / scale : v;
}

/*
 * llround(X) for |X| < 2^63 without the library call: X minus its integer
 * part is exact (below 2^52 the difference is representable; above, X is
 * whole and it is 0), so comparing it with one half rounds exactly as
 * llround does (halves away from zero).
 */
static long long round_half_away(double x) {
    long long t = (long long)x;
    double frac = x - (double)t;
    if (frac >= 0.5) t++;
    else if (frac <= -0.5) t--;
    return t;
}

/* V as a count of 1/10^JSON_WRITER_DECIMALS, trailing zeros dropped but one decimal kept ("1.0", a JSON real). */
static void put_real(buf *out, double v) {
    if (v == 0.0 || v == 1.0) { /* the commonest values (a field that added nothing, an exact match); -0 too */
        put(out, v == 0.0 ? "0.0" : "1.0", 3);
        return;
    }
    if (!isfinite(v) || fabs(v) >= 9e14) { /* beyond what fits the integer form below */
        if (isfinite(v)) buf_printf(out, "%.17g", v);
        else put(out, "null", 4);
        return;
    }
    long long units = round_half_away(v * scale);
    unsigned long long u = (unsigned long long)(units < 0 ? -units : units);
    char text[48], *point = text + 32; /* whole part before it, decimals after */
    char *p = digits_before(point, u / 10000);
    if (units < 0) *--p = '-';
    unsigned f = (unsigned)(u % 10000);
    point[0] = '.';
    point[1] = (char)('0' + f / 1000);
    point[2] = (char)('0' + f / 100 % 10);
    point[3] = (char)('0' + f / 10 % 10);
    point[4] = (char)('0' + f % 10);
    int keep = JSON_WRITER_DECIMALS;
    while (keep > 1 && point[keep] == '0') keep--; /* trailing zeros go, one decimal stays */
    put(out, p, (size_t)(point + 1 + keep - p));
}

void json_writer_real(json_writer *w, double v) {
    separate(w);
    put_real(w->out, v);
}

buf *json_writer_raw(json_writer *w) {
    separate(w);
    return w->out;
}

void json_writer_put_string(buf *b, const char *s) {
    put_string(b, s ? s : "");
}

void json_writer_put_real(buf *b, double v) {
    put_real(b, v);
}

void json_writer_bool(json_writer *w, bool v) {
    separate(w);
    put_str(w->out, v ? "true" : "false");
}
