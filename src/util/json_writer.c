/*
 * json_writer.c - see json_writer.h. Reals are written from an integer
 * count of 1/10^JSON_WRITER_DECIMALS, so no printf("%g") runs per number.
 */
#include "util/json_writer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const double scale = 1e4; /* 10^JSON_WRITER_DECIMALS */

/* buf_append with the common case (room left) inline: a hit is some thirty small appends. */
static inline void put(buf *b, const char *s, size_t len) {
    if (!b->failed && b->len + len + 1 <= b->cap) {
        memcpy(b->data + b->len, s, len);
        b->len += len;
        b->data[b->len] = '\0';
    } else {
        buf_append(b, s, len);
    }
}

static inline void put_str(buf *b, const char *s) {
    put(b, s, strlen(s));
}

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

/* S as a JSON string; the text between escapes goes out in whole runs. */
static void put_string(buf *out, const char *s) {
    static const char hex[] = "0123456789abcdef";
    put(out, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        put(out, run, (size_t)(s - run));
        run = s + 1;
        char esc[7] = {'\\', 0};
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default: memcpy(esc + 1, "u00", 3), esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
        }
        put_str(out, esc);
    }
    put(out, run, (size_t)(s - run));
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

void json_writer_int(json_writer *w, long long v) {
    separate(w);
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", v);
    put(w->out, text, (size_t)n);
}

double json_writer_round(double v) {
    return isfinite(v) ? round(v * scale) / scale : v;
}

void json_writer_real(json_writer *w, double v) {
    separate(w);
    if (!isfinite(v) || fabs(v) >= 9e14) { /* beyond what fits the integer form below */
        if (isfinite(v)) buf_printf(w->out, "%.17g", v);
        else put_str(w->out, "null");
        return;
    }
    long long units = llround(v * scale);
    char text[32], *p = text + sizeof text;
    *--p = '\0';
    unsigned long long u = (unsigned long long)(units < 0 ? -units : units);
    int decimals = JSON_WRITER_DECIMALS;
    while (decimals > 0 && u % 10 == 0) u /= 10, decimals--; /* trailing zeros go */
    for (int d = 0; d < decimals; d++, u /= 10) *--p = (char)('0' + u % 10);
    if (decimals > 0) *--p = '.';
    do *--p = (char)('0' + u % 10), u /= 10;
    while (u);
    if (units < 0) *--p = '-';
    if (decimals == 0) put_str(w->out, p), put_str(w->out, ".0"); /* stays a JSON real */
    else put_str(w->out, p);
}

void json_writer_bool(json_writer *w, bool v) {
    separate(w);
    put_str(w->out, v ? "true" : "false");
}
