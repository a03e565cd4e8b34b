/*
 * test_han_latin.c - the build-time Han pinyin table (han_latin.c) against
 * ICU "Han-Latin; Latin-ASCII" (text_icu_latin): the same text for runs the
 * table reads, ICU's context rules, the overflow of a long run, the runs it
 * must decline, and every run of Han in the real lists (skipped without them).
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "text/text.h"
#include "text/text_int.h"
#include "util/utf8.h"

/* Both readings of S; asserts the table reads it and agrees with ICU. */
static void same_as_icu(const char *s) {
    char table[512], icu[512];
    long n_table = text_han_latin(s, strlen(s), table, sizeof table);
    long n_icu = text_icu_latin(s, strlen(s), true, icu, sizeof icu);
    if (n_table != n_icu || (n_table >= 0 && strcmp(table, icu) != 0))
        print_error("\"%s\": table %ld \"%s\", ICU %ld \"%s\"\n", s, n_table, n_table >= 0 ? table : "",
                    n_icu, n_icu >= 0 ? icu : "");
    assert_int_equal(n_table, n_icu);
    assert_true(n_table >= 0);
    assert_string_equal(table, icu);
}

static void test_names(void **state) {
    (void)state;
    static const char *const names[] = {
        "习近平", "李克强", "中国", "王", "欧阳", "沈阳", "沈", "重庆", "重要", "庆重", "藏文", "西藏",
        "秘鲁", "秘书", "北京", "上海", "香港", "朝鲜", "金正恩", "崔龙海", "樂", "㐀", "𠀀",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        same_as_icu(names[i]);
    char out[64];
    assert_int_equal(text_han_latin("重庆", strlen("重庆"), out, sizeof out), strlen("chong qing"));
    assert_string_equal(out, "chong qing");
}

/* A run ICU's output buffer cannot hold fails both ways; one that just fits passes both ways. */
static void test_overflow(void **state) {
    (void)state;
    char run[96 * 3 + 1] = "", table[512], icu[512];
    for (int i = 0; i < 96; i++)
        strcat(run, "庄");   /* zhuang: 7 bytes a syllable with its space */
    assert_int_equal(text_han_latin(run, strlen(run), table, sizeof table), -1);
    assert_int_equal(text_icu_latin(run, strlen(run), true, icu, sizeof icu), -1);
    run[73 * 3] = '\0';       /* 73 * 7 - 1 = 510 bytes: fits 512 */
    same_as_icu(run);
    assert_int_equal(text_han_latin(run, strlen(run), table, 510), -1);
    assert_int_equal(text_icu_latin(run, strlen(run), true, icu, 510), -1);
}

/* What the table lacks goes back to the caller (-2), never a guess. */
static void test_declines(void **state) {
    (void)state;
    static const char *const runs[] = {"人々", "中\xcc\x81", "\xe4\xb8", "\xef\xbf\xbd"};
    char out[64];
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++)
        assert_int_equal(text_han_latin(runs[i], strlen(runs[i]), out, sizeof out), -2);
    assert_int_equal(text_han_latin("", 0, out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(text_han_latin("中", 3, out, 0), -1);
}

static bool is_han(int32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3005;
}

/* Compares every maximal run of Han code points in S; counts runs read and declined. */
static void compare_runs(const char *s, size_t *n_read, size_t *n_declined) {
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, start = 0;
    bool in_run = false;
    while (i <= len) {
        int32_t cp = -1;
        int n = 1;
        if (i < len)
            n = utf8_decode(p + i, len - i, &cp);
        bool han = i < len && is_han(cp);
        if (han && !in_run)
            start = i;
        if (!han && in_run) {
            char table[512], icu[512];
            long n_table = text_han_latin(s + start, i - start, table, sizeof table);
            if (n_table == -2) {
                (*n_declined)++;
            } else {
                long n_icu = text_icu_latin(s + start, i - start, true, icu, sizeof icu);
                if (n_table != n_icu || (n_table >= 0 && strcmp(table, icu) != 0))
                    print_error("\"%.*s\": table \"%s\", ICU \"%s\"\n", (int)(i - start), s + start,
                                n_table >= 0 ? table : "-1", n_icu >= 0 ? icu : "-1");
                assert_int_equal(n_table, n_icu);
                assert_string_equal(table, icu);
                (*n_read)++;
            }
        }
        in_run = han;
        i += (size_t)(n > 0 ? n : 1);
    }
}

static void test_real_lists(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list(""));
    size_t n_read = 0, n_declined = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        for (size_t k = 0; k < e->n_names; k++)
            compare_runs(e->names[k].full, &n_read, &n_declined);
    }
    print_message("Han runs in the lists: %zu read by the table as ICU reads them, %zu left to ICU\n", n_read,
                  n_declined);
    assert_true(n_read > 100);
    embargo_store_destroy(store);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_declines),
        cmocka_unit_test(test_real_lists),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    text_shutdown();
    return failed;
}
