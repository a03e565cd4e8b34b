/*
 * country_table.h - the data behind country.c: one row per ISO 3166-1 code.
 */
#ifndef EMBARGO_COUNTRY_TABLE_H
#define EMBARGO_COUNTRY_TABLE_H

#include <stddef.h>

typedef struct {
    const char *alpha2;      /* "KP" */
    const char *alpha3;      /* "PRK" */
    const char *name;        /* English short name: "North Korea" */
    const char *variants;    /* other spellings, '|'-separated, any case and accents */
} country_row;

extern const country_row country_rows[];
extern const size_t country_row_count;

#endif
