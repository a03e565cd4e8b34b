/*
 * test_json_writer.c - the direct JSON writer: valid JSON whatever the
 * strings hold, reals rounded as documented, and a hit written directly
 * equal to the jansson tree of the same hit.
 */
#include "support.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/hit_json.h"
#include "util/json_dump.h"
#include "util/json_writer.h"

/* Writes one real and returns the text. */
static const char *real_text(double v, buf *out) {
    json_writer w;
    buf_clear(out);
    json_writer_init(&w, out);
    json_writer_real(&w, v);
    return buf_str(out);
}

static void test_reals(void **state) {
    (void)state;
    buf out;
    buf_init(&out);
    assert_string_equal(real_text(1.0, &out), "1.0");
    assert_string_equal(real_text(0.0, &out), "0.0");
    assert_string_equal(real_text(0.5, &out), "0.5");
    assert_string_equal(real_text(0.0332009696, &out), "0.0332");
    assert_string_equal(real_text(0.91438926, &out), "0.9144");
    assert_string_equal(real_text(-0.25, &out), "-0.25");
    assert_string_equal(real_text(-0.00001, &out), "0.0");
    assert_string_equal(real_text(12345.67891, &out), "12345.6789");
    assert_string_equal(real_text(NAN, &out), "null");
    assert_string_equal(real_text(1e300, &out), "1.0000000000000001e+300");
    assert_true(json_writer_round(0.91438926) == 0.9144);
    buf_free(&out);
}

/* The reference for a real: llround to 1/10^4, printed, trailing zeros dropped but one decimal kept. */
static void reference_real(double v, char *out, size_t cap) {
    long long units = llround(v * 1e4);
    unsigned long long u = (unsigned long long)(units < 0 ? -units : units);
    char frac[8];
    snprintf(frac, sizeof frac, "%04llu", u % 10000);
    for (int k = 3; k > 0 && frac[k] == '0'; k--) frac[k] = '\0';
    snprintf(out, cap, "%s%llu.%s", units < 0 ? "-" : "", u / 10000, frac);
}

/* Reals and integers against printf over many values, halves and near-halves included. */
static void test_numbers_match_printf(void **state) {
    (void)state;
    buf out;
    buf_init(&out);
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        switch (i % 4) {
        case 0: v = (double)(x % 2000001) / 1e6 - 1.0; break;                 /* -1..1 in steps of 1e-6 */
        case 1: v = ((double)(x % 200001) - 100000.0 + 0.5) / 1e4; break;     /* exact halves of 1e-4 */
        case 2: v = ((double)(x % 20001) - 10000.0 + 0.49999999) / 1e4; break; /* just below the half */
        default: v = ((double)(int64_t)x) / 1e9; break;                       /* large, either sign */
        }
        if (fabs(v) >= 9e14) continue;
        char want[64];
        reference_real(v, want, sizeof want);
        if (strcmp(real_text(v, &out), want) != 0) fail_msg("real %.17g: wrote %s, printf gives %s", v, buf_str(&out), want);
        json_writer w;
        buf_clear(&out);
        json_writer_init(&w, &out);
        long long n = (long long)x;
        json_writer_int(&w, n);
        snprintf(want, sizeof want, "%lld", n);
        assert_string_equal(buf_str(&out), want);
    }
    const long long edges[] = {0, -1, 9, 10, LLONG_MAX, LLONG_MIN};
    for (size_t k = 0; k < sizeof edges / sizeof *edges; k++) {
        json_writer w;
        char want[32];
        buf_clear(&out);
        json_writer_init(&w, &out);
        json_writer_int(&w, edges[k]);
        snprintf(want, sizeof want, "%lld", edges[k]);
        assert_string_equal(buf_str(&out), want);
    }
    buf_free(&out);
}

static void test_strings_and_nesting(void **state) {
    (void)state;
    buf out;
    buf_init(&out);
    json_writer w;
    json_writer_init(&w, &out);
    json_writer_object(&w);
    json_writer_key(&w, "s");
    json_writer_string(&w, "quote \" backslash \\ tab \t newline \n bell \a Ким 김정은");
    json_writer_key(&w, "empty");
    json_writer_string(&w, NULL);
    json_writer_key(&w, "list");
    json_writer_array(&w);
    json_writer_int(&w, -7);
    json_writer_bool(&w, true);
    json_writer_array(&w);
    json_writer_end(&w, ']');
    json_writer_object(&w);
    json_writer_end(&w, '}');
    json_writer_end(&w, ']');
    json_writer_end(&w, '}');
    json_error_t err;
    json_t *back = json_loads(buf_str(&out), 0, &err);
    if (!back) fail_msg("not JSON (%s): %s", err.text, buf_str(&out));
    assert_string_equal(json_string_value(json_object_get(back, "s")),
                        "quote \" backslash \\ tab \t newline \n bell \a Ким 김정은");
    assert_string_equal(json_string_value(json_object_get(back, "empty")), "");
    json_t *list = json_object_get(back, "list");
    assert_int_equal(json_array_size(list), 4);
    assert_int_equal(json_integer_value(json_array_get(list, 0)), -7);
    json_decref(back);
    buf_free(&out);
}

/* Every escape at every place of short strings (the writer scans four bytes a turn): jansson reads back the same. */
static void test_escape_positions(void **state) {
    (void)state;
    const char specials[] = {'"', '\\', '\n', '\t', '\r', '\x01', '\x1f', 'x'};
    buf out;
    buf_init(&out);
    for (size_t len = 1; len <= 9; len++)
        for (size_t at = 0; at < len; at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                char s[16];
                memset(s, 'a', len);
                s[len] = '\0';
                s[at] = specials[k];
                json_writer w;
                buf_clear(&out);
                json_writer_init(&w, &out);
                json_writer_array(&w);
                json_writer_string(&w, s);
                json_writer_string(&w, "\xc3\xa9"); /* é: bytes above 0x7f go as they are */
                json_writer_end(&w, ']');
                json_error_t err;
                json_t *back = json_loads(buf_str(&out), 0, &err);
                if (!back) fail_msg("not JSON (%s): %s", err.text, buf_str(&out));
                assert_string_equal(json_string_value(json_array_get(back, 0)), s);
                assert_string_equal(json_string_value(json_array_get(back, 1)), "\xc3\xa9");
                json_decref(back);
            }
    buf_free(&out);
}

/* HIT written directly and as a jansson tree gives the same JSON. */
static void expect_same_as_tree(const embargo_hit *hit) {
    buf out;
    buf_init(&out);
    json_writer w;
    json_writer_init(&w, &out);
    hit_write_json(&w, hit);
    json_error_t err;
    json_t *written = json_loads(buf_str(&out), 0, &err);
    json_t *tree = hit_to_json(hit);
    if (!written) fail_msg("not JSON (%s): %s", err.text, buf_str(&out));
    if (!json_equal(written, tree)) {
        char *t = json_dumps(tree, JSON_COMPACT);
        print_message("written: %s\ntree:    %s\n", buf_str(&out), t);
        free(t);
        fail();
    }
    json_decref(written);
    json_decref(tree);
    buf_free(&out);
}

/*
 * HIT as jansson prints hit_to_json's tree at DEPTH 0 (alone) or 3 (as a
 * document scan places it: {"parties": [{"hit": HIT}]}), in FLAGS.
 */
static char *jansson_hit(const embargo_hit *hit, size_t flags, int depth) {
    json_t *tree = hit_to_json(hit);
    assert_non_null(tree);
    if (depth == 3) tree = json_pack("{s:[{s:o}]}", "parties", "hit", tree);
    char *text = json_dumps(tree, flags);
    json_decref(tree);
    return text;
}

/* HIT as hit_dump_laid writes it, in the CLI's and the server's layouts: the bytes jansson prints for it. */
static void expect_dump_same_as_jansson(const embargo_hit *hit) {
    static const struct {
        json_dump_style style;
        size_t flags;
    } styles[] = {{{2, 17}, JSON_INDENT(2)}, {{0, 8}, JSON_COMPACT | JSON_REAL_PRECISION(8)}};
    for (size_t s = 0; s < sizeof styles / sizeof *styles; s++) {
        json_dump_cache *cache = json_dump_cache_new(&styles[s].style);
        for (int depth = 0; depth <= 3; depth += 3) {
            char *want = jansson_hit(hit, styles[s].flags, depth);
            buf laid;
            buf_init(&laid);
            hit_layout *layout = hit_layout_new(&styles[s].style, depth);
            assert_non_null(layout);
            hit_dump_laid(&laid, layout, depth ? cache : NULL, hit);
            hit_layout_free(layout);
            /* At depth 3 the hit is the object after "hit", up to the document's closing brackets. */
            const char *at = depth ? strstr(want, "\"hit\":") : want;
            assert_non_null(at);
            if (depth) at += strlen(styles[s].style.indent ? "\"hit\": " : "\"hit\":");
            size_t tail = depth == 0 ? 0 : styles[s].style.indent ? strlen("\n    }\n  ]\n}") : strlen("}]}");
            if (strlen(at) != laid.len + tail || memcmp(at, buf_str(&laid), laid.len) != 0)
                fail_msg("hit_dump_laid at depth %d:\n%s\njansson:\n%s", depth, buf_str(&laid), want);
            buf_free(&laid);
            free(want);
        }
        json_dump_cache_free(cache);
    }
}

static void test_hit_same_as_tree(void **state) {
    (void)state;
    embargo_hit hit;
    memset(&hit, 0, sizeof hit);
    hit.entity_id = "ofac:\"1\"";
    hit.entity_name = "KIM, Jong Un \\ 김정은";
    hit.matched_name = "Kim\tJong-Un";
    hit.matched_quality = "strong";
    hit.regimes = "dprk";
    hit.kind = EMBARGO_KIND_PERSON;
    hit.score = 0.912345678;
    hit.name_score = 0.87654321;
    hit.query_coverage = 1.0;
    hit.listed_coverage = 0.333333333;
    hit.dob_effect = 0.05;
    hit.country_effect = -0.0412345;
    hit.identifier_match = 1;
    hit.n_pairs = 2;
    hit.pairs[0] = (embargo_pair){"kim", "kim", "exact", 1.0, 0.123456789};
    hit.pairs[1] = (embargo_pair){"jong un", "jongun", "typo", 0.97, 0.876543211};
    expect_same_as_tree(&hit);
    expect_dump_same_as_jansson(&hit);
    hit.name_factor = 0.45; /* a rule lowered the name score: both say which */
    hit.name_rule = "generic words only; weak alias";
    expect_same_as_tree(&hit);
    expect_dump_same_as_jansson(&hit);
    hit.n_pairs = 1; /* one pairing, then none: the pairs array's other shapes */
    expect_dump_same_as_jansson(&hit);
    hit.n_pairs = 0;
    hit.gender_effect = -0.0; /* printed "-0.0", as jansson prints it */
    expect_dump_same_as_jansson(&hit);
}

/* hit_dump_laid checks as it writes: a hit hit_to_json makes no object of is taken back, and said so. */
static void test_hit_dump_invalid(void **state) {
    (void)state;
    json_dump_style style = {2, 17};
    hit_layout *layout = hit_layout_new(&style, 3);
    assert_non_null(layout);
    embargo_hit hit;
    memset(&hit, 0, sizeof hit);
    hit.entity_id = "un:1";
    hit.n_pairs = 1;
    hit.pairs[0] = (embargo_pair){"kim", "kim", "exact", 1.0, 0.5};
    for (int k = 0; k < 4; k++) {
        embargo_hit bad = hit;
        if (k == 1) bad.matched_name = "Kim \xff";
        if (k == 2) bad.pairs[0].weight = NAN;
        if (k == 3) bad.name_rule = "rule", bad.name_factor = INFINITY;
        buf out;
        buf_init(&out);
        buf_puts(&out, "before");
        bool made = hit_dump_laid(&out, layout, NULL, &bad);
        assert_int_equal(made, hit_json_valid(&bad));
        assert_int_equal(made, k == 0);
        if (!made) assert_string_equal(buf_str(&out), "before");
        buf_free(&out);
    }
    hit_layout_free(layout);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reals),
        cmocka_unit_test(test_numbers_match_printf),
        cmocka_unit_test(test_strings_and_nesting),
        cmocka_unit_test(test_escape_positions),
        cmocka_unit_test(test_hit_same_as_tree),
        cmocka_unit_test(test_hit_dump_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
