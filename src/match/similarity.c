/*
 * similarity.c - Jaro-Winkler, and the cost of a single typo with cheap
 * substitutions between confusable letters. Jaro-Winkler input is cut to
 * SIM_MAX_LEN characters, which only matters for pathological input.
 */
#include "match/similarity.h"

#include <stdbool.h>
#include <string.h>

#define SIM_MAX_LEN 64

double sim_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen) {
    if (alen > SIM_MAX_LEN) alen = SIM_MAX_LEN;
    if (blen > SIM_MAX_LEN) blen = SIM_MAX_LEN;
    if (alen == 0 || blen == 0) return alen == blen ? 1.0 : 0.0;
    if (alen == blen && memcmp(a, b, alen) == 0) return 1.0;
    size_t window = (alen > blen ? alen : blen) / 2;
    window = window > 0 ? window - 1 : 0;
    bool a_hit[SIM_MAX_LEN] = {false}, b_hit[SIM_MAX_LEN] = {false};
    size_t matches = 0;
    for (size_t i = 0; i < alen; i++) {
        size_t lo = i > window ? i - window : 0;
        size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
        for (size_t j = lo; j < hi; j++) {
            if (b_hit[j] || a[i] != b[j]) continue;
            a_hit[i] = b_hit[j] = true;
            matches++;
            break;
        }
    }
    if (matches == 0) return 0.0;
    size_t transpositions = 0;
    for (size_t i = 0, j = 0; i < alen; i++) {
        if (!a_hit[i]) continue;
        while (!b_hit[j]) j++;
        if (a[i] != b[j]) transpositions++;
        j++;
    }
    double m = (double)matches;
    double jaro = (m / (double)alen + m / (double)blen + (m - (double)transpositions / 2.0) / m) / 3.0;
    size_t prefix = 0;
    while (prefix < 4 && prefix < alen && prefix < blen && a[prefix] == b[prefix]) prefix++;
    return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/* Pairs of letters that OCR, keyboards and transliteration confuse. */
static const char *const confusable_pairs[] = {
    "0o", "1l", "1i", "li", "ck", "kq", "sz", "vw", "yi", "ye", "uo", "ae", "ei", "ou", "ji", "gj",
};

static double substitution_cost(char x, char y) {
    if (x == y) return 0.0;
    for (size_t i = 0; i < sizeof confusable_pairs / sizeof *confusable_pairs; i++) {
        const char *p = confusable_pairs[i];
        if ((p[0] == x && p[1] == y) || (p[0] == y && p[1] == x)) return 0.5;
    }
    return 1.0;
}

/*
 * The cost of the letter at I of A (ALEN letters) that the other word lacks:
 * half when romanizations add or drop it freely ("Pyotr" / "Petr", "Mikhail"
 * / "Mikail") or when it doubles a neighbour ("Hassan" / "Hasan").
 */
static double extra_letter_cost(const char *a, size_t alen, size_t i) {
    char c = a[i];
    bool doubled = (i > 0 && a[i - 1] == c) || (i + 1 < alen && a[i + 1] == c);
    return c == 'h' || c == 'y' || doubled ? 0.5 : 1.0;
}

/* True when A and B (N bytes each) are equal. */
static bool same(const char *a, const char *b, size_t n) {
    return n == 0 || memcmp(a, b, n) == 0;
}

double sim_one_edit(const char *a, size_t alen, const char *b, size_t blen) {
    if (alen < blen) {
        const char *t = a;
        a = b;
        b = t;
        size_t n = alen;
        alen = blen;
        blen = n;
    }
    if (alen - blen > 1) return -1.0;
    /* One edit leaves the first or the last letter in place: most unlike pairs end here. */
    if (blen > 0 && a[0] != b[0] && a[alen - 1] != b[blen - 1]) return -1.0;
    size_t i = 0;
    while (i < blen && a[i] == b[i]) i++;
    if (alen == blen) {
        if (i == alen) return 0.0;
        if (same(a + i + 1, b + i + 1, alen - i - 1)) return substitution_cost(a[i], b[i]);
        if (i + 1 < alen && a[i] == b[i + 1] && a[i + 1] == b[i] && same(a + i + 2, b + i + 2, alen - i - 2))
            return 0.8;
        return -1.0;
    }
    /* A is one longer: its letter at I is the extra one. */
    return same(a + i + 1, b + i, blen - i) ? extra_letter_cost(a, alen, i) : -1.0;
}

static bool is_short_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* True when B's letter D can stand for the written long vowel C of an unvowelled word. */
static bool long_vowel_meets(char c, char d) {
    static const char *const classes[] = {"ae", "iey", "uow"};
    const char *cls = c == 'a' ? classes[0] : c == 'i' ? classes[1] : c == 'u' ? classes[2] : NULL;
    return cls && strchr(cls, d) != NULL;
}

/* Skips B's added letters from *J: short vowels and a doubled consonant, stopping at one C meets. */
static void skip_added(char c, const char *b, size_t blen, size_t *j) {
    while (*j < blen) {
        char d = b[*j];
        bool meets = is_short_vowel(c) ? long_vowel_meets(c, d) : d == c;
        if (meets) return;
        if (!is_short_vowel(d) && d != b[*j - 1]) return;
        (*j)++;
    }
}

bool sim_vowels_added(const char *a, size_t alen, const char *b, size_t blen) {
    if (alen == 0 || blen < alen) return false;
    if (is_short_vowel(a[0]) ? !is_short_vowel(b[0]) : a[0] != b[0]) return false;
    size_t j = 1;
    for (size_t i = 1; i < alen; i++) {
        skip_added(a[i], b, blen, &j);
        if (j == blen) return false;
        char c = a[i], d = b[j];
        if (is_short_vowel(c) ? !long_vowel_meets(c, d) : d != c) return false;
        j++;
    }
    for (; j < blen; j++)
        if (!is_short_vowel(b[j]) && b[j] != b[j - 1]) return false;
    return true;
}
