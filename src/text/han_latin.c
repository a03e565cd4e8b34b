/*
 * han_latin.c - Han ideographs to pinyin through the table han_pinyin_gen
 * writes at build time from ICU "Han-Latin; Latin-ASCII" (han_pinyin.h), so
 * that a Chinese name does not pay the ~94 ms of opening ICU's Han-Latin.
 *
 * A run reads as its ideographs' syllables joined by single spaces, which is
 * what ICU gives: the generator checked it, and turned ICU's few context
 * rules ("重" before "庆" is chong) into pair entries. A run holding anything
 * the table lacks (an ideograph ICU leaves as it is or reads otherwise, a
 * combining mark) is declined, and the caller asks ICU: the text is then the
 * same too, only slower. Lookups are binary searches on sorted constant
 * arrays: no lock, no start-up.
 */
#include <string.h>

#include "text/han_pinyin.h"
#include "text/text_int.h"
#include "util/utf8.h"

#define SYL_MASK ((1u << HAN_PINYIN_SYL_BITS) - 1)

/* The syllable index of CP, or -1 when the table lacks it. */
static int syllable(int32_t cp) {
    size_t lo = 0, hi = han_pinyin_n_entries;
    uint32_t key = (uint32_t)cp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t at = han_pinyin_entries[mid] >> HAN_PINYIN_SYL_BITS;
        if (at == key)
            return (int)(han_pinyin_entries[mid] & SYL_MASK);
        if (at < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The syllable of A read before B when a context rule says so, else SYL. */
static int in_context(int32_t a, int32_t b, int syl) {
    for (size_t k = 0; k < han_pinyin_n_pairs && han_pinyin_pairs[k].first <= (uint32_t)a; k++)
        if (han_pinyin_pairs[k].first == (uint32_t)a && han_pinyin_pairs[k].second == (uint32_t)b)
            return han_pinyin_pairs[k].syl;
    return syl;
}

long text_han_latin(const char *s, size_t len, char *out, size_t cap) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n_out = 0;
    int32_t cp = -1;
    if (cap == 0)
        return -1;
    if (len > 0) {
        i = (size_t)utf8_decode(p, len, &cp);
        if (cp < 0)
            return -2;
    }
    while (cp >= 0) {
        int32_t next = -1;
        if (i < len) {
            i += (size_t)utf8_decode(p + i, len - i, &next);
            if (next < 0)
                return -2;
        }
        int syl = syllable(cp);
        if (syl < 0)
            return -2;
        if (next >= 0)
            syl = in_context(cp, next, syl);
        const char *text = han_pinyin_pool + han_pinyin_offsets[syl];
        size_t n = strlen(text);
        if (n_out + (n_out > 0) + n > cap - 1)
            return -1;   /* as ICU's overflow of OUT */
        if (n_out > 0)
            out[n_out++] = ' ';
        memcpy(out + n_out, text, n);
        n_out += n;
        cp = next;
    }
    out[n_out] = '\0';
    return (long)n_out;
}
