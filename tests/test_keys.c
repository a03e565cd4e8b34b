/*
 * test_keys.c - retrieval keys: the deletion keys of a word, hashed in one
 * pass, are exactly the keys of the words one letter shorter.
 */
#include "support.h"

#include <string.h>

#include "index/keys.h"

typedef struct {
    uint64_t keys[128];
    char kinds[128];
    size_t n;
} key_set;

static void collect(uint64_t key, char kind, void *user) {
    key_set *set = user;
    if (set->n < 128) set->keys[set->n] = key, set->kinds[set->n++] = kind;
}

static bool has_key(const key_set *set, uint64_t key) {
    for (size_t i = 0; i < set->n; i++)
        if (set->keys[i] == key) return true;
    return false;
}

/* The key a word of its own gets as a deletion key (its first, "no letter removed"). */
static uint64_t own_key(const char *word) {
    key_set set = {.n = 0};
    keys_deletions(word, strlen(word), collect, &set);
    assert_true(set.n >= 1);
    return set.keys[0];
}

static void test_deletions_meet_shorter_words(void **state) {
    (void)state;
    static const char *const word = "tikriti";
    key_set set = {.n = 0};
    keys_deletions(word, strlen(word), collect, &set);
    size_t len = strlen(word);
    for (size_t i = 0; i < len; i++) {
        char shorter[16];
        memcpy(shorter, word, i);
        memcpy(shorter + i, word + i + 1, len - i);
        if (!has_key(&set, own_key(shorter))) fail_msg("no key for \"%s\"", shorter);
    }
    /* one key per distinct variant, plus the word itself */
    assert_int_equal(set.n, len + 1);
    for (size_t i = 0; i < set.n; i++) assert_int_equal(set.kinds[i], 'd');
    assert_true(has_key(&set, own_key("tikrit")));
    assert_false(has_key(&set, own_key("kriti")));  /* two letters off */
    assert_false(has_key(&set, own_key("tikritu"))); /* a substitution has no deletion key in common here */
}

static void test_doubled_letters_once(void **state) {
    (void)state;
    key_set set = {.n = 0};
    keys_deletions("hassan", 6, collect, &set);
    assert_int_equal(set.n, 6); /* the word, and 5 distinct variants: deleting either s gives "hasan" */
    assert_true(has_key(&set, own_key("hasan")));
}

static void test_short_words(void **state) {
    (void)state;
    key_set set = {.n = 0};
    keys_deletions("kim", 3, collect, &set);
    assert_int_equal(set.n, 1); /* filed as itself only */
    set.n = 0;
    keys_deletions("al", 2, collect, &set);
    assert_int_equal(set.n, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deletions_meet_shorter_words),
        cmocka_unit_test(test_doubled_letters_once),
        cmocka_unit_test(test_short_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
