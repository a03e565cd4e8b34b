/*
 * country_table.c - ISO 3166-1 countries and the spellings lists use for them.
 * Variants are matched after folding case, accents and punctuation, so list
 * each spelling once. Add a variant here when a list writes a country in a
 * way this table misses (the loaders' tests count the misses).
 */
#include "model/country_table.h"

const country_row country_rows[] = {
    {"KP", "PRK", "North Korea", "Korea, North|Democratic People's Republic of Korea|DPRK|D.P.R.K.|Korea DPR|Korea (Democratic People's Republic of)|Korea, Democratic People's Republic of|Coree du Nord"},
    {"KR", "KOR", "South Korea", "Korea, South|Republic of Korea|Korea (Republic of)|Korea, Republic of|Coree du Sud"},
    {"RU", "RUS", "Russia", "Russian Federation|Russie"},
    {"US", "USA", "United States", "United States of America|U.S.A.|USA|Etats-Unis"},
};
const size_t country_row_count = sizeof country_rows / sizeof *country_rows;
