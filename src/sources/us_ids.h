/*
 * us_ids.h - what the US lists' identifier labels mean.
 *
 * OFAC (classic XML, Enhanced XML) and the trade.gov Consolidated Screening
 * List put more than identity documents in their id lists: "Gender",
 * "Secondary sanctions risk:", directive listing dates, "Nationality of
 * Registration". One table (us_ids.c) tells for each label whether it is an
 * identifier (and of which type), the gender, a country, or text for the
 * remarks, so the three loaders read these lists the same way.
 */
#ifndef EMBARGO_US_IDS_H
#define EMBARGO_US_IDS_H

#include "model/draft.h"

typedef enum {
    US_ID_IDENTIFIER,   /* an identifier of us_id.type */
    US_ID_GENDER,       /* the value is "Male" or "Female" */
    US_ID_COUNTRY,      /* the value names a country tied to the party */
    US_ID_REMARK        /* informative text: kept in the remarks */
} us_id_role;

typedef struct {
    us_id_role role;
    embargo_id_type type; /* for US_ID_IDENTIFIER */
} us_id_kind;

/* What LABEL (e.g. "Passport", "SWIFT/BIC") means; unknown labels are identifiers of type OTHER. */
us_id_kind us_id_classify(const char *label);

/*
 * Adds one id-list item to D as its label says: an identifier (with COUNTRY,
 * the issuing country text, and NOTE, may be NULL), the gender, a country,
 * or "LABEL VALUE" in the remarks. Blank VALUE adds nothing.
 */
void us_id_add(draft *d, const char *label, const char *value, const char *country,
               const char *note);

#endif
