/*
 * han_pinyin.h - the Han pinyin table that build-time han_pinyin_gen
 * (src/gen/han_pinyin_gen.c) writes from ICU "Han-Latin; Latin-ASCII" into the
 * build folder, and han_latin.c reads. See the generator for how it is made
 * and checked.
 */
#ifndef EMBARGO_HAN_PINYIN_H
#define EMBARGO_HAN_PINYIN_H

#include <stddef.h>
#include <stdint.h>

#define HAN_PINYIN_SYL_BITS 11

/* A first ideograph read otherwise before a second (ICU's context rules): syllable index SYL. */
typedef struct {
    uint32_t first, second;
    uint16_t syl;
} han_pinyin_pair;

/* Syllables, lower-case ASCII, NUL-separated, sorted; han_pinyin_offsets[i] starts syllable i. */
extern const char han_pinyin_pool[];
extern const uint16_t han_pinyin_offsets[];
/* Sorted by code point: cp << HAN_PINYIN_SYL_BITS | syllable index. */
extern const uint32_t han_pinyin_entries[];
extern const size_t han_pinyin_n_entries;
/* Sorted by (first, second). */
extern const han_pinyin_pair han_pinyin_pairs[];
extern const size_t han_pinyin_n_pairs;

#endif
