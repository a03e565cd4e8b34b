/*
 * test_similarity.c - token similarity measures.
 */
#include "support.h"

#include <string.h>

#include "match/similarity.h"

static double jw(const char *a, const char *b) {
    return sim_jaro_winkler(a, strlen(a), b, strlen(b));
}

static double ed(const char *a, const char *b) {
    return sim_edit_distance(a, strlen(a), b, strlen(b), 10.0);
}

static double tok(const char *a, const char *b) {
    return sim_token(a, strlen(a), b, strlen(b));
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

static void test_edit_distance(void **state) {
    (void)state;
    assert_true(ed("kitten", "sitting") == 2.5); /* k/s, e/i (confusable, 0.5), +g */
    assert_true(ed("brandt", "bronte") == 3.0);
    assert_true(ed("putin", "putin") == 0.0);
    assert_true(ed("0sama", "osama") == 0.5);   /* confusable */
    assert_true(ed("", "abc") == 3.0);
    assert_true(sim_edit_distance("abcdefgh", 8, "zzzzzzzz", 8, 2.0) > 2.0);
}

static void test_token_similarity(void **state) {
    (void)state;
    assert_true(tok("jon", "jon") == 1.0);
    assert_true(tok("tikriti", "tikrity") > 0.85);      /* one typo on a long token */
    assert_true(tok("mohammed", "muhammad") < 0.9);      /* spellings: the phonetic keys' job */
    assert_true(tok("kim", "kin") < 0.5);                /* short tokens must match */
    assert_true(tok("ivanov", "petrov") == 0.0);
    assert_true(tok("alexander", "aleksander") > 0.85);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jaro_winkler_reference_values),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_token_similarity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
