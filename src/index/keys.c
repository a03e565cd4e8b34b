/*
 * keys.c - see keys.h. A 12-letter word has 13 deletion keys, hashed in one
 * pass (keys_deletions). Two deletions would catch two typos in long
 * words but multiply the key table by ten; phonetic and skeleton keys catch
 * most of those instead.
 */
#include "index/keys.h"

#include <ctype.h>
#include <string.h>

#include "text/text.h"

#define KEYS_FUZZY_MIN_LEN 4

static uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

uint64_t key_hash(char kind, const char *s, size_t len) {
    uint64_t h = 1469598103934665603ull;
    h ^= (unsigned char)kind;
    h *= 1099511628211ull;
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {   /* FNV-1a, four letters a turn: the same hash, less loop */
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
        h = (h ^ (unsigned char)s[i + 1]) * 1099511628211ull;
        h = (h ^ (unsigned char)s[i + 2]) * 1099511628211ull;
        h = (h ^ (unsigned char)s[i + 3]) * 1099511628211ull;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return mix(h); /* so that nearby strings spread over the whole table */
}

/*
 * Deletion keys are polynomial hashes (base DEL_BASE, modulo 2^64, then
 * mixed as key_hash mixes): the hash of S without letter I is its first I
 * letters' hash, shifted, plus the rest's, so a word's L+1 keys cost O(L)
 * instead of O(L^2).
 */
#define DEL_BASE 1099511628211ull
#define DEL_SEED 0x64656c6574696f6eull /* "deletion": keys of other kinds never collide by design */

void keys_deletions(const char *s, size_t len, key_fn fn, void *user) {
    if (len + 1 < KEYS_FUZZY_MIN_LEN) return;
    if (len > TEXT_MAX_TOKEN_LEN) len = TEXT_MAX_TOKEN_LEN;
    uint64_t prefix[TEXT_MAX_TOKEN_LEN + 1], suffix[TEXT_MAX_TOKEN_LEN + 2], power[TEXT_MAX_TOKEN_LEN + 1];
    prefix[0] = DEL_SEED;
    power[0] = 1;
    for (size_t i = 0; i < len; i++) {
        prefix[i + 1] = prefix[i] * DEL_BASE + (unsigned char)s[i];
        power[i + 1] = power[i] * DEL_BASE;
    }
    fn(mix(prefix[len]), 'd', user);
    /* A 3-letter word is filed as itself only: it meets 4-letter words that lost a letter. */
    if (len < KEYS_FUZZY_MIN_LEN) return;
    suffix[len] = 0; /* suffix[k]: letters k.. as the low part of a hash ending at the word's end */
    for (size_t k = len; k-- > 0;) suffix[k] = suffix[k + 1] + (unsigned char)s[k] * power[len - 1 - k];
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && s[i] == s[i - 1]) continue; /* same variant as deleting i-1 */
        fn(mix(prefix[i] * power[len - 1 - i] + suffix[i + 1]), 'd', user);
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
