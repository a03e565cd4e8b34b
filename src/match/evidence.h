/*
 * evidence.h - what the fields beside the name add to or take from a score.
 *
 * Each function returns an adjustment to add to the name score: positive
 * when the field agrees, negative when it disagrees, 0 when either side is
 * silent. The sizes follow what the better screening engines learned: a
 * field that disagrees lowers a clear name match without sinking it, so a
 * date of birth never outweighs a name (DOMAIN.md, "Secondary evidence").
 */
#ifndef EMBARGO_EVIDENCE_H
#define EMBARGO_EVIDENCE_H

#include <stddef.h>

#include "embargo/entity.h"

#define EVIDENCE_DOB_EXACT 0.05     /* same day */
#define EVIDENCE_DOB_YEAR 0.02      /* same year, one side has no day */
#define EVIDENCE_DOB_DAY -0.05      /* same year, another day */
#define EVIDENCE_DOB_SWAP -0.025    /* day and month swapped */
#define EVIDENCE_DOB_YEARS -0.15    /* years more than one apart */
#define EVIDENCE_COUNTRY_MATCH 0.03
#define EVIDENCE_COUNTRY_OTHER -0.10
#define EVIDENCE_KIND_OTHER -0.20
#define EVIDENCE_GENDER_OTHER -0.15
#define EVIDENCE_MAX_GAIN (EVIDENCE_DOB_EXACT + EVIDENCE_COUNTRY_MATCH)

/* QUERY against the entity's dates of birth (N of them). */
double evidence_dob(const embargo_date *query, const embargo_date *births, size_t n);
/* Country CODE against the entity's countries: N two-byte codes at CODES. */
double evidence_country(const char *code, const char *codes, size_t n);
double evidence_kind(embargo_kind query, embargo_kind entity);
double evidence_gender(embargo_gender query, embargo_gender entity);

#endif
