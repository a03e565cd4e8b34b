/*
 * test_similarity.c - token similarity measures.
 */
#include "support.h"

#include <string.h>

#include "match/similarity.h"

static double jw(const char *a, const char *b) {
    return sim_jaro_winkler(a, strlen(a), b, strlen(b));
}

static double one(const char *a, const char *b) {
    return sim_one_edit(a, strlen(a), b, strlen(b));
}

static void test_jaro_winkler_reference_values(void **state) {
    (void)state;
    /* The classic values from Winkler's paper. */
    assert_true(jw("martha", "marhta") > 0.960 && jw("martha", "marhta") < 0.962);
    assert_true(jw("dwayne", "duane") > 0.839 && jw("dwayne", "duane") < 0.841);
    assert_true(jw("dixon", "dicksonx") > 0.812 && jw("dixon", "dicksonx") < 0.814);
    assert_true(jw("abc", "abc") == 1.0);
    assert_true(jw("abc", "xyz") == 0.0);
    assert_true(jw("", "") == 1.0);
}

static void test_one_edit(void **state) {
    (void)state;
    assert_true(one("putin", "putin") == 0.0);
    assert_true(one("0sama", "osama") == 0.5);     /* confusable */
    assert_true(one("tikriti", "tikrity") == 0.5); /* i/y */
    assert_true(one("putin", "putn") == 1.0);      /* deletion */
    assert_true(one("pyezo", "pezo") == 0.5);      /* a y romanizations add or drop */
    assert_true(one("mikail", "mikhail") == 0.5);  /* an h likewise */
    assert_true(one("hassan", "hasan") == 0.5);    /* a letter doubled */
    assert_true(one("hasan", "hasxan") == 1.0);    /* any other letter added */
    assert_true(one("putn", "putin") == 1.0);      /* insertion */
    assert_true(one("putin", "puitn") == 0.8);     /* neighbours swapped */
    assert_true(one("putin", "pxtxn") == -1.0);    /* two edits */
    assert_true(one("kitten", "sitting") == -1.0);
    assert_true(one("", "a") == 1.0);
    assert_true(one("abc", "abcde") == -1.0);
}

static bool vowels(const char *a, const char *b) {
    return sim_vowels_added(a, strlen(a), b, strlen(b));
}

/* Unvowelled Arabic script, spelt letter by letter, against romanizations that add the vowels. */
static void test_vowels_added(void **state) {
    (void)state;
    assert_true(vowels("khamni", "khamenei"));   /* خامنئي: the written alif is the a */
    assert_true(vowels("mhmd", "mohammed"));     /* a doubled consonant is added too */
    assert_true(vowels("hsin", "hussein"));      /* the written i met by e, then i added */
    assert_true(vowels("hsin", "husayn"));       /* ... or by y */
    assert_true(vowels("azam", "azzam"));
    assert_true(vowels("usama", "osama"));       /* a first vowel stands for any */
    assert_false(vowels("khamni", "khomeini"));  /* the written a is no o */
    assert_false(vowels("hsn", "husayn"));       /* y is a letter Arabic writes: not added */
    assert_false(vowels("hsn", "ahsan"));        /* nothing added before the first letter */
    assert_false(vowels("hsn", "hasant"));       /* only vowels after the last */
    assert_false(vowels("khamenei", "khamni"));  /* B must be the longer */
    assert_false(vowels("", "a"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jaro_winkler_reference_values),
        cmocka_unit_test(test_one_edit),
        cmocka_unit_test(test_vowels_added),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
