/*
 * test_search_walks.c - the cache of a word's probe walks (search_walks.c):
 * what it returns for a key is exactly what was put under it, or nothing,
 * also after its ring of bytes has been written over many times; it keeps
 * nothing for another index, nor walks or keys over its limits.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "index/index_int.h"
#include "screen/search_int.h"

#define WALK_WORDS 60000 /* entries of some 80 bytes: the ring (1 MB) is written over a few times */

/* Word K's key and walks: lengths and counts vary with K, the walks tell K apart. */
static size_t word_key(unsigned k, char *key) {
    return (size_t)snprintf(key, SEARCH_WALKS_KEY_MAX, "W%u%.*s", k, (int)(k % 23), "abcdefghijklmnopqrstuvw");
}

static size_t word_walks(unsigned k, uint32_t *walk) {
    size_t n = k % 41;
    for (size_t i = 0; i < n; i++) walk[i] = k * 64u + (uint32_t)i;
    return n;
}

/* A cached answer for word K, if any, must be K's own. */
static bool check_word(search_walks *c, const embargo_index *ix, unsigned k) {
    char key[SEARCH_WALKS_KEY_MAX];
    uint32_t walk[SEARCH_WALKS_MAX];
    size_t len = word_key(k, key), n = word_walks(k, walk), got_n = 0;
    const uint32_t *got = search_walks_get(c, ix, key, len, &got_n);
    if (!got) return false;
    assert_int_equal(got_n, n);
    assert_memory_equal(got, walk, n * sizeof *walk);
    return true;
}

static void test_exact_or_nothing(void **state) {
    (void)state;
    embargo_index ix, other;
    memset(&ix, 0, sizeof ix);
    memset(&other, 0, sizeof other);
    ix.serial = 7, other.serial = 8;
    search_walks *c = search_walks_new();
    assert_non_null(c);
    for (unsigned k = 0; k < WALK_WORDS; k++) {
        char key[SEARCH_WALKS_KEY_MAX];
        uint32_t walk[SEARCH_WALKS_MAX];
        size_t len = word_key(k, key), n = word_walks(k, walk), got_n;
        search_walks_put(c, &ix, key, len, walk, n);
        assert_true(check_word(c, &ix, k)); /* just put: found */
        assert_null(search_walks_get(c, &other, key, len, &got_n));
    }
    size_t found = 0;
    for (unsigned k = 0; k < WALK_WORDS; k++) found += check_word(c, &ix, k);
    assert_true(found > 0 && found < WALK_WORDS); /* the latest kept, the oldest written over */
    print_message("%zu of %u words still cached\n", found, WALK_WORDS);
    search_walks_free(c);
}

static void test_limits(void **state) {
    (void)state;
    embargo_index ix;
    memset(&ix, 0, sizeof ix);
    ix.serial = 1;
    search_walks *c = search_walks_new();
    assert_non_null(c);
    static uint32_t walk[SEARCH_WALKS_MAX + 1];
    size_t n;
    search_walks_put(c, &ix, "many", 4, walk, SEARCH_WALKS_MAX + 1);
    assert_null(search_walks_get(c, &ix, "many", 4, &n));
    search_walks_put(c, &ix, "none", 4, walk, 0);
    assert_non_null(search_walks_get(c, &ix, "none", 4, &n));
    assert_int_equal(n, 0);
    char long_key[SEARCH_WALKS_KEY_MAX + 1];
    memset(long_key, 'x', sizeof long_key);
    search_walks_put(c, &ix, long_key, sizeof long_key, walk, 1);
    assert_null(search_walks_get(c, &ix, long_key, sizeof long_key, &n));
    assert_null(search_walks_get(NULL, &ix, "none", 4, &n));
    search_walks_free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_or_nothing),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
