/*
 * keys.h - the retrieval keys of a token, one definition for the index
 * builder (what a listed token is filed under) and the searcher (what a
 * query token looks up), so that the two always agree with the scorer
 * (match/token_match.c): two tokens the scorer finds alike share a key.
 *
 * Kinds of key, each a one-letter prefix on the hashed string:
 *   'e'  a spelling (the main one and every alternate)
 *   'd'  the word with at most 1 letter deleted, the word itself included
 *        (4+ letters; a 3-letter word as itself only): one edit implies a
 *        shared variant (the symmetric-deletion property), and a 4-letter
 *        word that lost a letter meets its 3-letter form
 *   'p'  the phonetic key (4+ letters)
 *   's'  the consonant skeleton (4+ letters)
 *   'v'  the main spelling, to find its vocabulary entry (document frequency)
 *   'x'  a normalized identifier (passport, IMO, ...), to find its entities
 */
#ifndef EMBARGO_KEYS_H
#define EMBARGO_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Hash of KIND followed by LEN bytes of S. */
uint64_t key_hash(char kind, const char *s, size_t len);

/* Receives a key and its kind ('d', 'p' or 's'). */
#define KEYS_MIN_KEY_LEN 3

typedef void (*key_fn)(uint64_t key, char kind, void *user);

/*
 * Calls FN for every fuzzy key of the word S (LEN bytes, ASCII): 'd'
 * variants, and 'p' and 's' of PHONETIC and SKELETON (may be NULL to have
 * them computed) when those keys have at least KEYS_MIN_KEY_LEN letters: a
 * two-letter phonetic key ("KM") would gather a tenth of every list.
 * Duplicates may be reported more than once.
 */
void keys_fuzzy(const char *s, size_t len, const char *phonetic, const char *skeleton,
                key_fn fn, void *user);

/* Calls FN for the 'd' keys of S only (the deletion variants). */
void keys_deletions(const char *s, size_t len, key_fn fn, void *user);

/*
 * Normalizes an identifier for exact comparison: letters and digits only,
 * upper case ("IMO 9,245,756" and "imo9245756" agree; a leading "IMO" is
 * dropped). Writes at most CAP-1 bytes to OUT; returns the length.
 */
size_t keys_identifier(const char *id, char *out, size_t cap);

#endif
