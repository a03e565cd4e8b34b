/*
 * json_dump.c - see json_dump.h. The layout follows jansson's dump.c: a
 * container's first member goes on a new line indented one level deeper,
 * the next after ",\n" and the same indent, the closing bracket on a line
 * of its own at the container's level; an empty container is "[]" or "{}".
 * Compact output has none of this white space, and ":" for ": ".
 */
#include "util/json_dump.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_writer.h"
#include "util/utf8.h"

#define put json_writer_put

/*
 * Reals printed: a report prints the same few thousand values again and
 * again, and printf costs a thousand instructions a number. Most are
 * scores rounded to four decimals (q / 10^4 exactly, as json_writer_round
 * makes them), kept by q; any other by its bits, in a direct-mapped cache.
 */
#define REAL_UNITS 10000          /* the values q / 10^4 for |q| <= this are kept by q */
#define REAL_SLOTS 1024
struct real_text {
    unsigned char len;            /* 0: not printed yet */
    char text[31];
};
/*
 * A key's text with what goes before it ("," and the new line's indent),
 * by the key's address (the callers' keys are literals), depth and comma:
 * pasted in one fixed-size copy, as a hit's forty members are mostly keys.
 */
#define KEY_SLOTS 256
#define KEY_TEXT 56
struct key_text {
    const char *key;              /* NULL: empty */
    size_t key_len;
    int depth;
    bool comma;
    unsigned char len;
    char text[KEY_TEXT];
};

struct json_dump_cache {
    json_dump_style style;        /* the writers' it serves */
    struct real_text by_units[2 * REAL_UNITS + 1];
    uint64_t bits[REAL_SLOTS];
    struct real_text by_bits[REAL_SLOTS];
    struct key_text keys[KEY_SLOTS];
};

void json_dump_init(json_dump *d, buf *out, const json_dump_style *style, int depth) {
    memset(d, 0, sizeof *d);
    d->out = out;
    d->style = *style;
    d->depth = depth;
    d->bare = true;
}

json_dump_cache *json_dump_cache_new(const json_dump_style *style) {
    json_dump_cache *cache = calloc(1, sizeof *cache);
    if (cache) cache->style = *style;
    return cache;
}

/* CACHE when it serves writers of STYLE, else NULL: a cache made for another style is not used. */
static json_dump_cache *cache_for(json_dump_cache *cache, const json_dump_style *style) {
    bool same = cache && cache->style.indent == style->indent && cache->style.precision == style->precision;
    return same ? cache : NULL;
}

void json_dump_use(json_dump *d, json_dump_cache *cache) {
    d->cache = cache_for(cache, &d->style);
}

void json_dump_cache_free(json_dump_cache *cache) {
    free(cache);
}

/*
 * The bytes between one member and the next (or the first): "," unless
 * first (COMMA false), then a new line indented for DEPTH levels (nothing
 * more when compact), written at P (room for prefix_size's); their length.
 */
static size_t prefix_size(const json_dump_style *style, int depth, bool comma) {
    return comma + (style->indent > 0 ? 1 + (size_t)depth * (size_t)style->indent : 0);
}

static size_t prefix_text(const json_dump_style *style, int depth, bool comma, char *p) {
    size_t n = prefix_size(style, depth, comma);
    if (comma) *p++ = ',';
    if (style->indent > 0) *p++ = '\n', memset(p, ' ', n - comma - 1);
    return n;
}

/*
 * What goes before a value or key: nothing after a key or at the start,
 * else the prefix for its place (the comma when not first in its
 * container). Written in one reserved piece.
 */
static void separate(json_dump *d) {
    if (d->bare) {
        d->bare = false;
        return;
    }
    if (d->depth <= 0 || d->depth > JSON_DUMP_MAX_DEPTH) return;
    bool comma = d->has_member[d->depth - 1];
    d->has_member[d->depth - 1] = true;
    size_t n = prefix_size(&d->style, d->depth, comma);
    buf *out = d->out;
    if (n == 0 || (out->len + n + 1 > out->cap && !buf_reserve(out, n))) return;
    out->len += prefix_text(&d->style, d->depth, comma, out->data + out->len);
    out->data[out->len] = '\0';
}

void json_dump_next(json_dump *d) {
    separate(d);
}

/* A new line indented for DEPTH levels (nothing when compact). */
static void newline(json_dump *d, int depth) {
    if (d->style.indent <= 0) return;
    size_t n = prefix_size(&d->style, depth, false);
    buf *out = d->out;
    if (out->len + n + 1 > out->cap && !buf_reserve(out, n)) return;
    out->len += prefix_text(&d->style, depth, false, out->data + out->len);
    out->data[out->len] = '\0';
}

void json_dump_glue(buf *out, const json_dump_style *style, int depth, const char *pattern) {
    for (const char *p = pattern; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            size_t n = prefix_size(style, depth + *p - '0', false);
            if (n && (out->len + n + 1 <= out->cap || buf_reserve(out, n))) {
                out->len += prefix_text(style, depth + *p - '0', false, out->data + out->len);
                out->data[out->len] = '\0';
            }
        } else {
            buf_puts(out, *p != ':' ? (char[2]){*p, '\0'} : style->indent > 0 ? ": " : ":");
        }
    }
}

void json_dump_open(json_dump *d, char open) {
    separate(d);
    put(d->out, &open, 1);
    if (d->depth < JSON_DUMP_MAX_DEPTH) d->has_member[d->depth] = false;
    d->depth++;
}

void json_dump_close(json_dump *d, char close) {
    if (d->depth > 0) d->depth--;
    if (d->depth < JSON_DUMP_MAX_DEPTH && d->has_member[d->depth]) newline(d, d->depth);
    put(d->out, &close, 1);
}

/* KEY's text: a quote, LEN bytes, a quote, ':' and (not compact) a space, into P; its length. */
static size_t key_text(const json_dump *d, const char *key, size_t len, char *p) {
    size_t n = len + (d->style.indent <= 0 ? 3 : 4);
    p[0] = '"';
    memcpy(p + 1, key, len);
    memcpy(p + 1 + len, "\": ", n - len - 1);
    return n;
}

/* KEY (LEN bytes) and what precedes it from CACHE's slot, made there if not yet; false when it does not fit one. */
static bool key_cached(json_dump *d, const char *key, size_t len) {
    if (!d->cache || d->bare || d->depth <= 0 || d->depth > JSON_DUMP_MAX_DEPTH) return false;
    bool comma = d->has_member[d->depth - 1];
    struct key_text *slot = &d->cache->keys[((uintptr_t)key >> 3 ^ (uintptr_t)d->depth * 31 ^ comma) & (KEY_SLOTS - 1)];
    if (slot->key != key || slot->key_len != len || slot->depth != d->depth || slot->comma != comma) {
        size_t n = prefix_size(&d->style, d->depth, comma);
        if (n + len + 4 > KEY_TEXT) return false;
        struct key_text made = {key, len, d->depth, comma, 0, {0}};
        n = prefix_text(&d->style, d->depth, comma, made.text);
        made.len = (unsigned char)(n + key_text(d, key, len, made.text + n));
        *slot = made;
    }
    buf *out = d->out;
    if (out->len + KEY_TEXT + 1 > out->cap && !buf_reserve(out, KEY_TEXT)) return true; /* failed: nothing more is written */
    memcpy(out->data + out->len, slot->text, KEY_TEXT); /* a fixed-size copy: the slot's bytes past its length are ignored */
    out->len += slot->len;
    out->data[out->len] = '\0';
    d->has_member[d->depth - 1] = true;
    d->bare = true;
    return true;
}

void json_dump_keyn(json_dump *d, const char *key, size_t len) {
    if (key_cached(d, key, len)) return;
    separate(d);
    buf *out = d->out;
    if (out->len + len + 5 <= out->cap || buf_reserve(out, len + 4)) {
        out->len += key_text(d, key, len, out->data + out->len);
        out->data[out->len] = '\0';
    }
    d->bare = true;
}

/* Bytes jansson escapes: controls, quote, backslash. */
#define X16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char escaped[256] = {X16(1), X16(1), ['"'] = 1, ['\\'] = 1};
#undef X16

/* True when none of the eight bytes of X is escaped (bit tricks: a byte below 0x20, or equal to '"' or '\\'). */
static inline bool plain8(uint64_t x) {
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return !((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high);
}

static inline uint64_t load8(const char *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

void json_dump_string(json_dump *d, const char *s, size_t len) {
    separate(d);
    json_dump_put_string(d->out, s, len);
}

/* The escape of byte C (one escaped[] marks) into P: \" \\ \b \f \n \r \t, or \u00XX; its length. */
static size_t escape(unsigned char c, char *p) {
    static const char short_form[128] = {['"'] = '"', ['\\'] = '\\', ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't'};
    static const char hex[] = "0123456789ABCDEF";
    p[0] = '\\';
    if (short_form[c]) return p[1] = short_form[c], 2;
    memcpy(p + 1, "u00", 3), p[4] = hex[c >> 4], p[5] = hex[c & 15];
    return 6;
}

/*
 * Whether none of S's LEN bytes is escaped, in eight-byte steps (the last
 * step overlapping the one before) or, for a short S, a byte at a time.
 * *SEEN gets the bytes ORed (no high bit: ASCII).
 */
static bool plain_string(const char *s, size_t len, uint64_t *seen) {
    uint64_t all = 0;
    bool plain = true;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) all |= load8(s + i), plain &= plain8(load8(s + i));
        all |= load8(s + len - 8), plain &= plain8(load8(s + len - 8));
    } else {
        for (size_t i = 0; i < len; i++) all |= (unsigned char)s[i], plain &= !escaped[(unsigned char)s[i]];
    }
    *seen = all;
    return plain;
}

bool json_dump_put_string(buf *out, const char *s, size_t len) {
    if (!out->failed && out->len + len + 3 > out->cap && !buf_reserve(out, len + 2)) return utf8_valid(s, len, NULL);
    uint64_t seen;
    if (!out->failed && plain_string(s, len, &seen)) { /* most strings: copied whole between their quotes */
        char *o = out->data + out->len;
        o[0] = '"', memcpy(o + 1, s, len), o[len + 1] = '"', o[len + 2] = '\0';
        out->len += len + 2;
        return !(seen & 0x8080808080808080ull) || utf8_valid(s, len, NULL);
    }
    put(out, "\"", 1);
    size_t run = 0, i = 0;
    seen = 0; /* the bytes passed, ORed: no high bit, all ASCII (and UTF-8) */
    while (i < len) {
        uint64_t x;
        if (i + 8 <= len && (x = load8(s + i), plain8(x))) {
            seen |= x, i += 8;
            continue;
        }
        unsigned char c = (unsigned char)s[i++];
        seen |= c;
        if (!escaped[c]) continue;
        put(out, s + run, i - 1 - run);
        run = i;
        char esc[8];
        put(out, esc, escape(c, esc));
    }
    put(out, s + run, len - run);
    put(out, "\"", 1);
    return !(seen & 0x8080808080808080ull) || utf8_valid(s, len, NULL);
}

/*
 * json_dump_put_string of any bytes, in one pass: eight ASCII bytes that
 * need no escape are copied at once; else a character at a time, a byte that
 * does not begin a valid UTF-8 character (utf8_decode, as utf8_valid finds
 * it) becoming U+FFFD, and a line break or tab a space when BREAKS.
 */
void json_dump_put_text(buf *out, const char *s, size_t len, bool breaks) {
    if (out->failed) return;
    if (len > (SIZE_MAX - 3) / 6 || (out->len + 6 * len + 3 > out->cap && !buf_reserve(out, 6 * len + 2))) {
        out->failed = true; /* at most six bytes a byte (\u00XX): reserved at once */
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    char *o = out->data + out->len;
    *o++ = '"';
    size_t i = 0;
    while (i < len) {
        uint64_t x;
        if (i + 8 <= len && (x = load8(s + i), !(x & 0x8080808080808080ull)) && plain8(x)) {
            memcpy(o, p + i, 8), o += 8, i += 8;
            continue;
        }
        for (size_t stop = i + 8 < len ? i + 8 : len; i < stop;) { /* eight bytes that are not: a character at a time */
            unsigned char c = p[i];
            if (c < 0x80) { /* most of them still: an ASCII byte, asked about escapes only when it has one */
                if (!escaped[c]) *o++ = (char)c;
                else if (breaks && (c == '\n' || c == '\r' || c == '\t')) *o++ = ' ';
                else o += escape(c, o);
                i++;
                continue;
            }
            int32_t cp;
            int n = utf8_decode(p + i, len - i, &cp);
            if (cp < 0) memcpy(o, "\xEF\xBF\xBD", 3), o += 3;
            else memcpy(o, p + i, (size_t)n), o += n;
            i += (size_t)n;
        }
    }
    *o++ = '"';
    *o = '\0';
    out->len = (size_t)(o - out->data);
}

void json_dump_cstring(json_dump *d, const char *s) {
    json_dump_string(d, s ? s : "", s ? strlen(s) : 0);
}

void json_dump_int(json_dump *d, long long v) {
    separate(d);
    json_dump_put_int(d->out, v);
}

/* The digits of 0 to 99, two by two: an integer is printed two digits a division (a report's offsets have six or seven). */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                  "8081828384858687888990919293949596979899";

void json_dump_put_int(buf *out, long long v) {
    char text[24], *end = text + sizeof text, *p = end;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    for (; u >= 100; u /= 100) p -= 2, memcpy(p, digit_pairs + 2 * (u % 100), 2);
    if (u >= 10) p -= 2, memcpy(p, digit_pairs + 2 * u, 2);
    else *--p = (char)('0' + u);
    if (v < 0) *--p = '-';
    put(out, p, (size_t)(end - p));
}

/* jansson's jsonp_dtostr: "%.*g", ".0" when neither '.' nor 'e' shows, no '+' or leading zeros in the exponent. */
static size_t real_text(double v, int precision, char *text, size_t size) {
    int n = snprintf(text, size, "%.*g", precision > 0 ? precision : 17, v);
    if (n < 0 || (size_t)n >= size) return 0;
    size_t len = (size_t)n;
    if (!strchr(text, '.') && !strchr(text, 'e')) {
        if (len + 3 > size) return 0;
        memcpy(text + len, ".0", 3), len += 2;
    }
    char *e = strchr(text, 'e');
    if (e) {
        char *start = e + 1, *end = start + 1;
        if (*start == '-') start++;
        while (*end == '0') end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - text) + 1);
            len -= (size_t)(end - start);
        }
    }
    return len;
}

/* Where V's text is kept in R: by its count of 1/10^4 when it is one exactly (not -0, which prints otherwise), else by its bits. */
static struct real_text *real_slot(json_dump_cache *r, double v) {
    double scaled = v * 1e4;
    if (scaled >= -REAL_UNITS && scaled <= REAL_UNITS) {
        long q = (long)(scaled + (scaled < 0 ? -0.5 : 0.5));
        if ((double)q / 1e4 == v && !(q == 0 && signbit(v))) return &r->by_units[q + REAL_UNITS];
    }
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    size_t h = (size_t)((bits * 0x9E3779B97F4A7C15ull) >> 54) & (REAL_SLOTS - 1);
    if (r->bits[h] != bits) r->bits[h] = bits, r->by_bits[h].len = 0;
    return &r->by_bits[h];
}

/*
 * "%.<P>g" of a nonzero V = q / 10^4, |q| <= 10^4, without printf (a
 * thousand instructions a number): the P significant digits of |V|'s exact
 * binary value m 2^e, rounded half to even as glibc rounds, from 128-bit
 * integers (m 10^k stays below 2^124 for the k these values need). The
 * exponent X of the first digit is guessed, then corrected by the digits'
 * count. Returns 0 when V is not such a value (the caller prints it).
 */
static size_t units_text(double v, int precision, char *text) {
    int p = precision > 0 ? precision : 17, ex;
    double a = fabs(v);
    if (p > 17 || !(a >= 1e-4 && a <= 1.0)) return 0;
    uint64_t m = (uint64_t)ldexp(frexp(a, &ex), 53);
    int shift = 53 - ex; /* a = m / 2^shift, 52 <= shift <= 66 here */
    int x = a >= 1.0 ? 0 : a >= 0.1 ? -1 : a >= 0.01 ? -2 : a >= 0.001 ? -3 : -4;
    static const uint64_t powers[17] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
                                        100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
                                        1000000000000ull, 10000000000000ull, 100000000000000ull,
                                        1000000000000000ull, 10000000000000000ull};
    unsigned __int128 low = powers[p - 1], digits = 0; /* 10^(P-1), P <= 17 */
    for (int tries = 0; tries < 3; tries++) {
        unsigned __int128 n = m;
        for (int i = 0; i < p - 1 - x; i++) n *= 10;
        unsigned __int128 rest = n & (((unsigned __int128)1 << shift) - 1), half = (unsigned __int128)1 << (shift - 1);
        digits = n >> shift;
        if (rest > half || (rest == half && (digits & 1))) digits++;
        if (digits >= low * 10) x++;
        else if (digits < low) x--;
        else break;
        digits = 0;
    }
    if (!digits || x < -4 || x >= p) return 0; /* %g would take the other style */
    char d[17];
    uint64_t left = (uint64_t)digits; /* below 10^P <= 10^17: 64 bits hold it, and divide faster than 128 */
    for (int i = p - 1; i >= 0; i--) d[i] = (char)('0' + (int)(left % 10)), left /= 10;
    int last = p - 1; /* the last digit kept: trailing zeros of the fraction go, as %g drops them */
    while (last > (x > 0 ? x : 0) && d[last] == '0') last--;
    if (x >= 0 && last <= x) last = x; /* whole: no fraction */
    size_t n = 0;
    if (v < 0) text[n++] = '-';
    if (x >= 0) {
        memcpy(text + n, d, (size_t)x + 1), n += (size_t)x + 1;
        if (last > x) text[n++] = '.', memcpy(text + n, d + x + 1, (size_t)(last - x)), n += (size_t)(last - x);
        else memcpy(text + n, ".0", 2), n += 2; /* jansson's ".0" */
    } else {
        memcpy(text + n, "0.", 2), n += 2;
        for (int i = 0; i < -x - 1; i++) text[n++] = '0';
        memcpy(text + n, d, (size_t)last + 1), n += (size_t)last + 1;
    }
    text[n] = '\0';
    return n;
}

/* V's text into SLOT's: without printf when V is a count of 1/10^4, which most are; length 0 when it does not fit. */
static void fill_slot(struct real_text *slot, double v, int precision) {
    size_t n = units_text(v, precision, slot->text);
    slot->len = (unsigned char)(n ? n : real_text(v, precision, slot->text, sizeof slot->text));
}

void json_dump_real(json_dump *d, double v) {
    separate(d);
    json_dump_put_real(d->out, &d->style, d->cache, v);
}

void json_dump_put_real(buf *out, const json_dump_style *style, json_dump_cache *cache, double v) {
    cache = cache_for(cache, style);
    struct real_text *slot = cache ? real_slot(cache, v) : NULL;
    if (slot && !slot->len) fill_slot(slot, v, style->precision);
    if (slot && slot->len) {
        if (out->len + sizeof slot->text + 1 > out->cap && !buf_reserve(out, sizeof slot->text)) return;
        memcpy(out->data + out->len, slot->text, sizeof slot->text); /* a fixed-size copy: bytes past its length are ignored */
        out->len += slot->len;
        out->data[out->len] = '\0';
        return;
    }
    char text[48]; /* room for jansson's longest: "%.31g" of a negative real with a three-digit exponent */
    put(out, text, real_text(v, style->precision, text, sizeof text));
}

void json_dump_bool(json_dump *d, bool v) {
    separate(d);
    put(d->out, v ? "true" : "false", v ? 4 : 5);
}

void json_dump_null(json_dump *d) {
    separate(d);
    put(d->out, "null", 4);
}

void json_dump_raw(json_dump *d, const char *text, size_t len) {
    separate(d);
    put(d->out, text, len);
}
