/*
 * similarity.h - how alike two normalized tokens are.
 *
 * Tokens here are lower-case ASCII (the text pipeline's output). Every
 * measure returns a similarity in [0, 1], 1 for equal strings.
 */
#ifndef EMBARGO_SIMILARITY_H
#define EMBARGO_SIMILARITY_H

#include <stddef.h>

/* Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4). */
double sim_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);
/*
 * Edit distance with cheap substitutions between letters people confuse
 * (0/o, 1/l/i, c/k, etc. cost 0.5). Returns a value above MAX_EDITS as
 * soon as the distance is known to exceed it.
 */
double sim_edit_distance(const char *a, size_t alen, const char *b, size_t blen, double max_edits);
/*
 * The typo budget for a token of LEN characters: 0 up to 3 letters, 1 up to
 * 7 letters, 2 beyond. Short tokens must match exactly.
 */
double sim_edit_budget(size_t len);
/*
 * Token similarity: 1 for equal, else a blend that rewards edits within the
 * budget and high Jaro-Winkler; 0 when the tokens are plainly different.
 */
double sim_token(const char *a, size_t alen, const char *b, size_t blen);

#endif
