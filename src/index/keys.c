/*
 * keys.c - see keys.h. Deletion variants are made in a stack buffer; a
 * 12-letter word has 13 of them. Two deletions would catch two typos in long
 * words but multiply the key table by ten; phonetic and skeleton keys catch
 * most of those instead.
 */
#include "index/keys.h"

#include <ctype.h>
#include <string.h>

#include "text/text.h"

#define KEYS_FUZZY_MIN_LEN 4

uint64_t key_hash(char kind, const char *s, size_t len) {
    uint64_t h = 1469598103934665603ull;
    h ^= (unsigned char)kind;
    h *= 1099511628211ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    /* Final mix so that nearby strings spread over the whole table. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

/* Reports S with letter I removed (I < 0: S itself). */
static void report_deletion(const char *s, size_t len, long i, key_fn fn, void *user) {
    char v[TEXT_MAX_TOKEN_LEN + 1];
    size_t n = 0;
    for (size_t k = 0; k < len && k < TEXT_MAX_TOKEN_LEN; k++)
        if ((long)k != i) v[n++] = s[k];
    fn(key_hash('d', v, n), 'd', user);
}

void keys_deletions(const char *s, size_t len, key_fn fn, void *user) {
    if (len + 1 < KEYS_FUZZY_MIN_LEN) return;
    if (len > TEXT_MAX_TOKEN_LEN) len = TEXT_MAX_TOKEN_LEN;
    report_deletion(s, len, -1, fn, user);
    /* A 3-letter word is filed as itself only: it meets 4-letter words that lost a letter. */
    if (len < KEYS_FUZZY_MIN_LEN) return;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && s[i] == s[i - 1]) continue; /* same variant as deleting i-1 */
        report_deletion(s, len, (long)i, fn, user);
    }
}

void keys_fuzzy(const char *s, size_t len, const char *phonetic, const char *skeleton,
                key_fn fn, void *user) {
    keys_deletions(s, len, fn, user);
    if (len < KEYS_FUZZY_MIN_LEN) return;
    if (len > TEXT_MAX_TOKEN_LEN) len = TEXT_MAX_TOKEN_LEN;
    char computed[TEXT_KEY_LEN];
    if (!phonetic) {
        text_phonetic(s, len, computed);
        phonetic = computed;
    }
    size_t n = strlen(phonetic);
    if (n >= KEYS_MIN_KEY_LEN) fn(key_hash('p', phonetic, n), 'p', user);
    if (!skeleton) {
        text_skeleton(s, len, computed);
        skeleton = computed;
    }
    n = strlen(skeleton);
    if (n >= KEYS_MIN_KEY_LEN) fn(key_hash('s', skeleton, n), 's', user);
}

size_t keys_identifier(const char *id, char *out, size_t cap) {
    size_t n = 0;
    if (!cap) return 0;
    for (const char *p = id; *p && n + 1 < cap; p++)
        if (isalnum((unsigned char)*p)) out[n++] = (char)toupper((unsigned char)*p);
    out[n] = '\0';
    if (n > 3 && strncmp(out, "IMO", 3) == 0 && isdigit((unsigned char)out[3])) {
        memmove(out, out + 3, n - 2);
        n -= 3;
    }
    return n;
}
