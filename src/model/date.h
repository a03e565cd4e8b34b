/*
 * date.h - reading the date forms list files use.
 *
 * Understood: ISO "1984-01-08", "1984-01", "1984"; "08 Jan 1984",
 * "Jan 1984", "8 January 1984"; numeric "08/01/1984" (day first or month
 * first, as the caller says), "8.1.1984", "00/00/1980" (unknown parts as 0);
 * ranges "1950 to 1955", "1950-1955", "between 1950 and 1955"; and a leading
 * "circa", "c.", "approximately", "approx.", "about".
 */
#ifndef EMBARGO_DATE_H
#define EMBARGO_DATE_H

#include <stdbool.h>
#include "embargo/entity.h"

typedef enum {
    DATE_DAY_FIRST,    /* 08/01/1984 is 8 January (UK, EU, UN) */
    DATE_MONTH_FIRST   /* 01/08/1984 is 8 January (US) */
} date_order;

/* Parses TEXT into *OUT. False when TEXT holds no date it understands. */
bool date_parse(const char *text, date_order order, embargo_date *out);
/* True when Y-M-D is a real calendar date (month and day may be 0). */
bool date_valid_ymd(int year, int month, int day);
/* Month number of an English month name or 3-letter abbreviation, or 0. */
int date_month_number(const char *name, size_t len);

#endif
