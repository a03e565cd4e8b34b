/*
 * keys.c - per-token comparison keys: the consonant skeleton and a phonetic
 * key, both computed once when a name is prepared.
 *
 * Skeleton (lower case): what transcriptions of one name keep in common when
 * their vowels disagree. The first letter stays (any vowel as 'a'), later
 * vowels and y/w go, h after a consonant goes (kh, sh, th -> k, s, t), and a
 * doubled letter counts once (toyota keeps both t's: tt):
 *   hussein, husayn, husain -> hsn    usama, osama -> asm    muller -> mlr
 *
 * Phonetic key (upper case): a Metaphone-like code built for names that cross
 * scripts. Digraphs fold (ph F, kh/gh K, sh/sch/ts/tz S, ch/zh/j J, th/dh T),
 * voiced and voiceless consonants merge (b/p P, d/t T, g/k/q K, v/f F, z/s S),
 * l and r merge (Korean ㄹ is both), r before a consonant goes (park = pak),
 * ng is N, c is S before e/i/y and K elsewhere, x is KS. An initial vowel or
 * y is 'A'; later vowels go, h is kept only at the start or before a vowel,
 * and a code repeated with no vowel between collapses:
 *   mohammed, muhammad, mohamed -> MHMT     jong, jeong, chong, chung -> JN
 *   kim, gim -> KM    pak, park, bak -> PK    muller, mueller -> MLL
 */
#include <string.h>

#include "text/text_int.h"

#define KEY_MAX (TEXT_KEY_LEN - 1)

static bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

void text_skeleton(const char *s, size_t len, char *out) {
    size_t n = 0;
    for (size_t i = 0; i < len && n < KEY_MAX; i++) {
        char c = s[i];
        if (!is_alnum(c))
            continue;
        if (n == 0) {
            out[n++] = is_vowel(c) ? 'a' : c;
            continue;
        }
        if (is_vowel(c) || c == 'y' || c == 'w')
            continue;
        if (c == 'h' && i > 0 && !is_vowel(s[i - 1]) && s[i - 1] != 'y' && s[i - 1] != 'w')
            continue;
        if (s[i - 1] != c)
            out[n++] = c;
    }
    out[n] = '\0';
}

/* Phonetic code of S[I..] into *CODE (1-2 chars, or "" to drop); returns letters consumed. */
static size_t phonetic_step(const char *s, size_t len, size_t i, const char **code) {
    char c = s[i], d = i + 1 < len ? s[i + 1] : '\0', e = i + 2 < len ? s[i + 2] : '\0';
    static const struct { char a, b; const char *code; } digraphs[] = {
        {'p', 'h', "F"}, {'k', 'h', "K"}, {'g', 'h', "K"}, {'c', 'h', "J"}, {'s', 'h', "S"},
        {'z', 'h', "J"}, {'t', 'h', "T"}, {'d', 'h', "T"}, {'t', 's', "S"}, {'t', 'z', "S"},
        {'c', 'k', "K"}, {'n', 'g', "N"},
    };
    if (c == 's' && d == 'c' && e == 'h') {
        *code = "S";
        return 3;
    }
    bool digraph_end = d == 'h' || d == 's' || d == 'z' || d == 'k' || d == 'g';  /* the b's of digraphs[] */
    for (size_t k = 0; digraph_end && k < sizeof digraphs / sizeof digraphs[0]; k++)
        if (digraphs[k].a == c && digraphs[k].b == d) {
            *code = digraphs[k].code;
            return 2;
        }
    static const char *const single[26] = {
        "", "P", "K", "T", "", "F", "K", "", "", "J", "K", "L", "M",
        "N", "", "P", "K", "L", "S", "T", "", "F", "", "KS", "", "S",
    };
    if (c >= '0' && c <= '9') {
        static const char digits[] = "0\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0" "7\0" "8\0" "9";
        *code = digits + 2 * (c - '0');
        return 1;
    }
    if (c < 'a' || c > 'z') {
        *code = "";
        return 1;
    }
    if (c == 'c' && (d == 'e' || d == 'i' || d == 'y'))
        *code = "S";
    else if (c == 'h')
        *code = (i == 0 || is_vowel(d)) ? "H" : "";
    else if (c == 'r' && d && !is_vowel(d) && d != 'y' && d != 'r')
        *code = "";
    else
        *code = single[c - 'a'];
    return 1;
}

void text_phonetic(const char *s, size_t len, char *out) {
    size_t n = 0, i = 0;
    if (len > 0 && (is_vowel(s[0]) || s[0] == 'y')) {
        out[n++] = 'A';
        i = 1;
    }
    bool vowel_between = false;
    while (i < len && n < KEY_MAX) {
        const char *code;
        bool vowel = is_vowel(s[i]) || s[i] == 'y' || s[i] == 'w';
        i += phonetic_step(s, len, i, &code);
        vowel_between |= vowel;
        for (; *code && n < KEY_MAX; code++) {
            if (n == 0 || out[n - 1] != *code || vowel_between)
                out[n++] = *code;
            vowel_between = false;
        }
    }
    out[n] = '\0';
}
