/*
 * similarity.h - how alike two normalized tokens are.
 *
 * Tokens here are lower-case ASCII (the text pipeline's output).
 */
#ifndef EMBARGO_SIMILARITY_H
#define EMBARGO_SIMILARITY_H

#include <stdbool.h>
#include <stddef.h>

/* Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4). */
double sim_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);
/*
 * The cost of turning A into B with at most one edit: 0 when equal, 0.5 for
 * a substitution of letters people confuse (0/o, 1/l, c/k, i/y, ...), 1 for
 * another substitution, an insertion or a deletion, 0.8 for two adjacent
 * letters swapped; an inserted or deleted h or y, or a letter doubled, costs
 * 0.5 too ("Pyotr" / "Petr", "Hassan" / "Hasan"); -1 when one edit is not
 * enough. Linear time.
 */
double sim_one_edit(const char *a, size_t alen, const char *b, size_t blen);
/*
 * True when B is A with only short vowels added, as a romanization adds them
 * to a word written in unvowelled Arabic script (A "khamni", B "khamenei";
 * "hsin", "hussein"): the same first letter (any vowel for a vowel), A's
 * consonants in order, each of A's written long vowels met by one of its
 * class in B (a: a e; i: i e y; u: u o w), and between them only the vowels
 * a e i o u or a consonant doubled. Linear time.
 */
bool sim_vowels_added(const char *a, size_t alen, const char *b, size_t blen);

#endif
