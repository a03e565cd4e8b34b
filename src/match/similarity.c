/*
 * similarity.c - Jaro-Winkler and a bounded, confusion-aware edit distance,
 * combined into one token similarity. Tokens are short (names), so plain
 * O(n*m) dynamic programming on the stack is fastest; longer input is cut to
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

double sim_edit_distance(const char *a, size_t alen, const char *b, size_t blen, double max_edits) {
    if (alen > SIM_MAX_LEN) alen = SIM_MAX_LEN;
    if (blen > SIM_MAX_LEN) blen = SIM_MAX_LEN;
    double diff = alen > blen ? (double)(alen - blen) : (double)(blen - alen);
    if (diff > max_edits) return max_edits + 1.0;
    double prev[SIM_MAX_LEN + 1], cur[SIM_MAX_LEN + 1];
    for (size_t j = 0; j <= blen; j++) prev[j] = (double)j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = (double)i;
        double row_min = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            double best = prev[j - 1] + substitution_cost(a[i - 1], b[j - 1]);
            if (prev[j] + 1.0 < best) best = prev[j] + 1.0;
            if (cur[j - 1] + 1.0 < best) best = cur[j - 1] + 1.0;
            cur[j] = best;
            if (best < row_min) row_min = best;
        }
        if (row_min > max_edits) return max_edits + 1.0;
        memcpy(prev, cur, (blen + 1) * sizeof *prev);
    }
    return prev[blen];
}

double sim_edit_budget(size_t len) {
    if (len <= 3) return 0.5;  /* only a confusable letter */
    if (len <= 7) return 1.0;
    return 2.0;
}

double sim_token(const char *a, size_t alen, const char *b, size_t blen) {
    if (alen == blen && memcmp(a, b, alen) == 0) return 1.0;
    size_t shorter = alen < blen ? alen : blen;
    double budget = sim_edit_budget(shorter);
    double edits = sim_edit_distance(a, alen, b, blen, budget);
    double jw = sim_jaro_winkler(a, alen, b, blen);
    if (edits <= budget) {
        /* Within the typo budget: 0.9 for one edit on a long token, less on short ones. */
        double longer = (double)(alen > blen ? alen : blen);
        double by_edits = 1.0 - edits / longer;
        return by_edits > jw ? by_edits : jw;
    }
    /* Beyond the budget only a very high Jaro-Winkler counts, scaled down. */
    return jw >= 0.9 ? (jw - 0.9) * 5.0 * 0.8 : 0.0;
}
