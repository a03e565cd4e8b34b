/*
 * country.h - country names in every spelling the lists use, to ISO codes.
 *
 * One table (src/model/country_table.c) maps ISO 3166-1 alpha-2 codes, alpha-3
 * codes, English short and formal names, and the variants the publishers
 * write ("Korea, North", "Democratic People's Republic of Korea", "DPRK",
 * "Russia / Russie") to the alpha-2 code.
 */
#ifndef EMBARGO_COUNTRY_H
#define EMBARGO_COUNTRY_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The alpha-2 code of the country TEXT names, or NULL when it names none.
 * Case, accents, punctuation and surrounding space do not matter. Bilingual
 * text "English / French" is tried part by part.
 */
const char *embargo_country_code(const char *text);

/*
 * The countries TEXT names when a field may list several ("(1) Russia
 * (2) Ukraine", "a) Malaysia b) Indonesia", "Russian and Ukrainian",
 * "RUSSIAN FEDERATION, MOLDOVA, REPUBLIC OF", "Somalia; Kenya"): stores at
 * most MAX distinct alpha-2 codes (static strings), in order of first
 * appearance, in CODES and returns how many. Text naming one country gives
 * what embargo_country_code gives; parts naming no country are skipped.
 */
size_t embargo_country_codes(const char *text, const char **codes, size_t max);

/*
 * False when the LEN bytes at WORD (one word: no white space) hold no word
 * of any country name, code or variant, case, accents and punctuation
 * aside. A text none of whose words could be one names no country
 * (embargo_country_code gives NULL): a cheap test before that lookup, for
 * callers that look up many words of running text.
 */
bool embargo_country_word(const char *word, size_t len);

/* The English short name of an alpha-2 CODE, or NULL when unknown. */
const char *embargo_country_name(const char *code);

#ifdef __cplusplus
}
#endif
#endif
