/*
 * test_json_dump.c - the writer that prints as jansson prints: the same
 * bytes as json_dumps of the same tree, in the indented and the compact
 * layout, for every real a report holds (each count of 1/10^4 from -1 to
 * 1, at both precisions) and others, every escape, nesting and empties,
 * a value written apart and pasted in, and an object written as constant
 * runs (json_dump_glue) and values.
 */
#include "support.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_dump.h"
#include "util/utf8.h"

static const struct {
    json_dump_style style;
    size_t flags;
} styles[] = {
    {{2, 17}, JSON_INDENT(2)},
    {{0, 8}, JSON_COMPACT | JSON_REAL_PRECISION(8)},
    {{4, 6}, JSON_INDENT(4) | JSON_REAL_PRECISION(6)},
    {{0, 0}, JSON_COMPACT},
    {{2, 31}, JSON_INDENT(2) | JSON_REAL_PRECISION(31)}, /* jansson's most: a real's text longer than a cache slot */
};
#define N_STYLES (sizeof styles / sizeof *styles)

/* Fails unless jansson prints TREE (taken) in styles[S] as OUT holds it. */
static void same_as_jansson(json_t *tree, size_t s, const buf *out) {
    char *want = json_dumps(tree, styles[s].flags | JSON_ENCODE_ANY);
    assert_non_null(want);
    if (strcmp(want, buf_str(out)) != 0) fail_msg("style %zu: jansson prints\n%s\nthe writer\n%s", s, want, buf_str(out));
    free(want);
    json_decref(tree);
}

static void check_real(double v, size_t s, json_dump_cache *reals) {
    buf out;
    buf_init(&out);
    json_dump d;
    json_dump_init(&d, &out, &styles[s].style, 0);
    d.cache = reals;
    json_dump_real(&d, v);
    same_as_jansson(json_real(v), s, &out);
    buf_free(&out);
}

static void test_reals(void **state) {
    (void)state;
    for (size_t s = 0; s < N_STYLES; s++) {
        json_dump_cache *reals = json_dump_cache_new(&styles[s].style);
        assert_non_null(reals);
        for (int round = 0; round < 2; round++) /* printed, then from the cache */
            for (long q = -10000; q <= 10000; q++) check_real((double)q / 1e4, s, reals);
        static const double odd[] = {-0.0, 0.1 + 0.2, 1.0 / 3.0, 1e-5, 1.5e-7, 123456.789, 1e16, 1e17, 1e300,
                                     -2.5e-300, 5e-324, 0.99999999999999989, 12.5, -7.0};
        for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
            check_real(odd[i], s, reals);
            check_real(odd[i], s, NULL);
        }
        json_dump_cache_free(reals);
    }
}

static void test_strings(void **state) {
    (void)state;
    char all[128 + 64];
    for (int c = 0; c < 128; c++) all[c] = (char)c; /* every ASCII byte, NUL and controls included */
    static const char utf8[] = "é – “quoted” Ким 金正恩 😀 / end";
    memcpy(all + 128, utf8, sizeof utf8 - 1);
    size_t len = 128 + sizeof utf8 - 1;
    for (size_t s = 0; s < N_STYLES; s++)
        for (size_t start = 0; start < 16; start++) /* every alignment of the eight-byte check */
            for (size_t n = 0; start + n <= len; n += 7) {
                json_t *want = json_stringn(all + start, n);
                if (!want) continue; /* a cut through a character: not UTF-8, which the writer is never given */
                buf out;
                buf_init(&out);
                json_dump d;
                json_dump_init(&d, &out, &styles[s].style, 0);
                json_dump_string(&d, all + start, n);
                same_as_jansson(want, s, &out);
                buf_free(&out);
            }
}

/* {"a": [], "b": {}, "c": [1, [true, null], {"d": "x"}], "e": {"f": -3, "g": 0.25}, "h": <pasted>,
 *  "j": [{"k": 1, "l": 0, "m": null}, {<pasted members>: 1, "m": null}]} */
/* Integers: each count of digits, both signs, the ends of long long, as jansson prints them. */
static void test_ints(void **state) {
    (void)state;
    long long values[19 * 4 + 4];
    size_t n = 0;
    long long t = 1;
    for (int k = 0; k <= 18; k++, t *= k <= 18 ? 10 : 1) /* 1, 10, ... 10^18, and one less, both signs */
        values[n++] = t, values[n++] = t - 1, values[n++] = -t, values[n++] = 1 - t;
    values[n++] = LLONG_MAX, values[n++] = LLONG_MIN, values[n++] = 1234567, values[n++] = -9876543210ll;
    for (size_t i = 0; i < n; i++) {
        buf out;
        buf_init(&out);
        json_dump_put_int(&out, values[i]);
        same_as_jansson(json_integer(values[i]), 0, &out);
        buf_free(&out);
    }
}

/* S (LEN bytes) with each byte utf8_valid finds bad as U+FFFD, and with BREAKS \n \r \t as spaces, into OUT. */
static size_t repaired(const char *s, size_t len, bool breaks, char *out) {
    size_t n = 0, bad;
    while (!utf8_valid(s, len, &bad)) {
        memcpy(out + n, s, bad), n += bad;
        memcpy(out + n, "\xEF\xBF\xBD", 3), n += 3;
        s += bad + 1, len -= bad + 1;
    }
    memcpy(out + n, s, len), n += len;
    for (size_t i = 0; breaks && i < n; i++)
        if (out[i] == '\n' || out[i] == '\r' || out[i] == '\t') out[i] = ' ';
    return n;
}

/* json_dump_put_text of any bytes: as jansson prints the string repaired as the old two passes repaired it. */
static void test_text(void **state) {
    (void)state;
    static const char all[] = "plain ASCII words, \"quoted\" \\ \n\r\t\x01\x1f é – 金 😀 \xff\xc3 \xe2\x80 \xed\xa0\x80 "
                              "\xf4\x90\x80\x80 \xc0\xaf \x80 end of the long enough text\xe2";
    size_t len = sizeof all - 1;
    char fixed[3 * sizeof all];
    for (int breaks = 0; breaks < 2; breaks++)
        for (size_t start = 0; start < 16; start++) /* every alignment of the eight-byte step */
            for (size_t n = 0; start + n <= len; n += 3) {
                json_t *want = json_stringn(fixed, repaired(all + start, n, breaks, fixed));
                assert_non_null(want);
                buf out;
                buf_init(&out);
                json_dump_put_text(&out, all + start, n, breaks);
                same_as_jansson(want, 0, &out);
                buf_free(&out);
            }
}

static void write_doc(json_dump *d, const json_dump_style *style) {
    json_dump_open(d, '{');
    json_dump_key(d, "a");
    json_dump_open(d, '[');
    json_dump_close(d, ']');
    json_dump_key(d, "b");
    json_dump_open(d, '{');
    json_dump_close(d, '}');
    json_dump_key(d, "c");
    json_dump_open(d, '[');
    json_dump_int(d, 1);
    json_dump_open(d, '[');
    json_dump_bool(d, true);
    json_dump_null(d);
    json_dump_close(d, ']');
    json_dump_open(d, '{');
    json_dump_key(d, "d");
    json_dump_cstring(d, "x");
    json_dump_close(d, '}');
    json_dump_close(d, ']');
    json_dump_key(d, "e");
    json_dump_open(d, '{');
    json_dump_key(d, "f");
    json_dump_int(d, -3);
    json_dump_key(d, "g");
    json_dump_real(d, 0.25);
    json_dump_close(d, '}');
    /* A value written apart, at the depth of the member it becomes. */
    buf apart;
    buf_init(&apart);
    json_dump inner;
    json_dump_init(&inner, &apart, style, 1);
    json_dump_use(&inner, d->cache);
    json_dump_open(&inner, '[');
    json_dump_cstring(&inner, "pasted");
    json_dump_open(&inner, '{');
    json_dump_key(&inner, "i");
    json_dump_int(&inner, 2);
    json_dump_close(&inner, '}');
    json_dump_close(&inner, ']');
    json_dump_key(d, "h");
    json_dump_raw(d, apart.data, apart.len);
    buf_free(&apart);
    /* Two objects of one shape: the first member by member, the second as json_dump_glue's runs and its values. */
    json_dump_key(d, "j");
    json_dump_open(d, '[');
    json_dump_open(d, '{');
    json_dump_key(d, "k");
    json_dump_int(d, 1);
    json_dump_key(d, "l");
    json_dump_int(d, 0);
    json_dump_key(d, "m");
    json_dump_null(d);
    json_dump_close(d, '}');
    static const char *const patterns[] = {"{1\"k\":", ",1\"l\":", ",1\"m\":null0}"};
    buf runs[3];
    for (size_t i = 0; i < 3; i++) buf_init(&runs[i]), json_dump_glue(&runs[i], style, 2, patterns[i]);
    json_dump_next(d);
    buf_append(d->out, runs[0].data, runs[0].len), json_dump_put_int(d->out, 1);
    buf_append(d->out, runs[1].data, runs[1].len), json_dump_put_int(d->out, 1);
    buf_append(d->out, runs[2].data, runs[2].len);
    for (size_t i = 0; i < 3; i++) buf_free(&runs[i]);
    json_dump_close(d, ']');
    json_dump_close(d, '}');
}

static void test_layout(void **state) {
    (void)state;
    for (size_t s = 0; s < N_STYLES; s++) {
        json_dump_cache *cache = json_dump_cache_new(&styles[s].style), *other = json_dump_cache_new(&styles[(s + 1) % N_STYLES].style);
        assert_non_null(cache);
        assert_non_null(other);
        for (int round = 0; round < 4; round++) { /* no cache, the style's (empty, then full), another style's (unused) */
            buf out;
            buf_init(&out);
            json_dump d;
            json_dump_init(&d, &out, &styles[s].style, 0);
            json_dump_use(&d, round == 0 ? NULL : round < 3 ? cache : other);
            write_doc(&d, &styles[s].style);
            json_t *tree = json_pack("{s:[], s:{}, s:[i, [b, n], {s:s}], s:{s:i, s:f}, s:[s, {s:i}], s:[{s:i, s:i, s:n}, "
                                     "{s:i, s:i, s:n}]}", "a", "b", "c", 1, 1, "d", "x", "e", "f", -3, "g", 0.25, "h",
                                     "pasted", "i", 2, "j", "k", 1, "l", 0, "m", "k", 1, "l", 1, "m");
            assert_non_null(tree);
            same_as_jansson(tree, s, &out);
            buf_free(&out);
        }
        json_dump_cache_free(cache);
        json_dump_cache_free(other);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reals),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_ints),
        cmocka_unit_test(test_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
