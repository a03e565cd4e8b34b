/*
 * test_keys.c - retrieval keys: the deletion keys of a word, hashed in one
 * pass, are exactly the keys of the words one letter shorter; and the key
 * table files each key's ids where a lookup finds them.
 */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "index/key_table.h"
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

/* A key whose upper half is CHECK and whose home slot (in a table of 16) is HOME. */
static uint64_t key_at(uint32_t check, uint32_t home) {
    return (uint64_t)check << 32 | home;
}

typedef struct {
    key_table view;
    idx_key *slots;
    buf lists;
} built_table;

static void build_table(built_table *t, key_pair *pairs, size_t n) {
    buf_init(&t->lists);
    size_t cap = 0;
    t->slots = key_table_build(pairs, n, &cap, &t->lists);
    assert_non_null(t->slots);
    assert_int_equal(cap, 16);
    t->view = (key_table){t->slots, cap, (const uint32_t *)t->lists.data, t->lists.len / sizeof(uint32_t)};
}

/* The ids filed under KEY, as a bit set (ids below 32). */
static uint32_t ids_under(const built_table *t, uint64_t key) {
    uint32_t n, one, set = 0;
    const uint32_t *ids = key_table_lookup(&t->view, key, &n, &one);
    for (uint32_t i = 0; i < n; i++) set |= 1u << ids[i];
    return set;
}

static void test_key_table(void **state) {
    (void)state;
    key_pair pairs[] = {
        {key_at(0x20, 5), 2},
        {key_at(0x10, 5), 1},        /* placed first (lower hash): home slot 5; the key above goes to 6 */
        {key_at(0x20, 6), 3},        /* home 6 holds the same check: a lookup could not tell it, so they share */
        {key_at(0x20, 9), 4},        /* the same check elsewhere: a slot of its own */
        {key_at(0x30, 12), 7},
        {key_at(0x30, 12), 8},       /* two ids under one key */
        {key_at(0x30, 12), 7},       /* and a repeat, filed once */
        {0, 9},                      /* key 0 is filed as 1 */
    };
    built_table t;
    build_table(&t, pairs, sizeof pairs / sizeof *pairs);
    assert_int_equal(ids_under(&t, key_at(0x10, 5)), 1u << 1);
    assert_int_equal(ids_under(&t, key_at(0x20, 5)), 1u << 2 | 1u << 3);
    assert_int_equal(ids_under(&t, key_at(0x20, 6)), 1u << 2 | 1u << 3);
    assert_int_equal(ids_under(&t, key_at(0x20, 9)), 1u << 4);
    assert_int_equal(ids_under(&t, key_at(0x30, 12)), 1u << 7 | 1u << 8);
    assert_int_equal(ids_under(&t, 0), 1u << 9);
    assert_int_equal(ids_under(&t, 1), 1u << 9);
    assert_int_equal(ids_under(&t, key_at(0x40, 5)), 0);   /* walks 5, 6 and stops at the empty 7 */
    assert_int_equal(ids_under(&t, key_at(0x20, 7)), 0);
    uint32_t n = 99, one;
    assert_null(key_table_lookup(&t.view, key_at(0x40, 3), &n, &one));
    assert_int_equal(n, 0);
    free(t.slots);
    buf_free(&t.lists);
}

/* A slot whose list runs past the mapped lists (a damaged file) gives nothing, never a read outside. */
static void test_key_table_damaged(void **state) {
    (void)state;
    key_pair pairs[] = {{key_at(0x30, 12), 7}, {key_at(0x30, 12), 8}};
    built_table t;
    build_table(&t, pairs, 2);
    t.view.n_lists = 2;   /* the count is there, the ids are not */
    uint32_t n = 99, one;
    assert_null(key_table_lookup(&t.view, key_at(0x30, 12), &n, &one));
    assert_int_equal(n, 0);
    free(t.slots);
    buf_free(&t.lists);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deletions_meet_shorter_words),
        cmocka_unit_test(test_doubled_letters_once),
        cmocka_unit_test(test_short_words),
        cmocka_unit_test(test_key_table),
        cmocka_unit_test(test_key_table_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
