/*
 * evidence.c - see evidence.h. Dates compare as ranges: a listed "1958 to
 * 1962" agrees with a query 1960; a year-only date agrees with any day of it.
 */
#include "match/evidence.h"

#include <stdbool.h>
#include <string.h>

/* The best (largest) adjustment of QUERY against one listed date D. */
static double dob_pair(const embargo_date *q, const embargo_date *d) {
    int q_from = q->from.year, q_to = q->to.year ? q->to.year : q->from.year;
    int d_from = d->from.year, d_to = d->to.year ? d->to.year : d->from.year;
    if (q_to + 1 < d_from || d_to + 1 < q_from) return EVIDENCE_DOB_YEARS;
    bool exact_both = q->from.day && d->from.day && q_from == q_to && d_from == d_to;
    if (!exact_both) return (q_from <= d_to && d_from <= q_to) ? EVIDENCE_DOB_YEAR : 0.0;
    if (q->from.year != d->from.year) return 0.0; /* a year apart: no evidence either way */
    if (q->from.month == d->from.month && q->from.day == d->from.day) return EVIDENCE_DOB_EXACT;
    if (q->from.month == d->from.day && q->from.day == d->from.month) return EVIDENCE_DOB_SWAP;
    return EVIDENCE_DOB_DAY;
}

double evidence_dob(const embargo_date *query, const embargo_date *births, size_t n) {
    if (!query || query->from.year == 0 || n == 0) return 0.0;
    double best = -1.0;
    for (size_t i = 0; i < n; i++) {
        double s = dob_pair(query, &births[i]);
        if (s > best) best = s;
    }
    return best;
}

double evidence_country(const char *code, const char *codes, size_t n) {
    if (!code || !code[0] || n == 0) return 0.0;
    for (size_t i = 0; i < n; i++)
        if (codes[2 * i] == code[0] && codes[2 * i + 1] == code[1]) return EVIDENCE_COUNTRY_MATCH;
    return EVIDENCE_COUNTRY_OTHER;
}

double evidence_kind(embargo_kind query, embargo_kind entity) {
    if (query == EMBARGO_KIND_UNKNOWN || entity == EMBARGO_KIND_UNKNOWN || query == entity) return 0.0;
    return EVIDENCE_KIND_OTHER;
}

double evidence_gender(embargo_gender query, embargo_gender entity) {
    if (query == EMBARGO_GENDER_UNKNOWN || entity == EMBARGO_GENDER_UNKNOWN || query == entity) return 0.0;
    return EVIDENCE_GENDER_OTHER;
}
