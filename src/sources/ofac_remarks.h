/*
 * ofac_remarks.h - reading the OFAC Remarks field into entity fields
 * (private to the OFAC loaders).
 *
 * OFAC packs much of a record into Remarks, as statements separated by ";":
 * "DOB 08 Jan 1984; POB Pyongyang, Korea, North; nationality Korea, North;
 * Passport 472220033 (Korea, North) expires 17 Mar 2014; a.k.a. 'KOMID';
 * Linked To: KOREA MINING DEVELOPMENT TRADING CORPORATION." The parser splits
 * the statements, looks each one's label up in a table of prefixes, and hands
 * the value to that label's handler, which adds dates of birth, places,
 * countries, identifiers, names and links to a draft. Statements it does not
 * turn into fields (sanctions notes, phone numbers, free text) are kept, in
 * order, as the entity's remarks text, so nothing is lost.
 */
#ifndef EMBARGO_OFAC_REMARKS_H
#define EMBARGO_OFAC_REMARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/draft.h"

/* What one parse found, for reports and tests. */
typedef struct {
    size_t statements;   /* statements read */
    size_t structured;   /* statements turned into fields */
    size_t kept;         /* statements kept as remarks text (known or not) */
    size_t unreadable;   /* a known label whose value could not be read */
    bool failed;         /* out of memory: statements may be missing */
} ofac_remarks_stats;

/*
 * Parses LEN bytes of remarks TEXT (any bytes; need not be NUL-terminated)
 * into D: fields it reads are added to D, every other statement is appended
 * to D's remarks. Weak aliases (OFAC's quoted "a.k.a. 'X'") are added as
 * EMBARGO_NAME_WEAK. STATS, when not NULL, is added to (not reset). Out of
 * memory sets STATS->failed (or draft_failed(D)); the caller should give up.
 */
void ofac_remarks_parse(draft *d, const char *text, size_t len, ofac_remarks_stats *stats);

/*
 * Splits "NUMBER (Country) note" identifier text in place: *NUMBER, *COUNTRY
 * and *NOTE point into TEXT (or are NULL). Exposed for the tests.
 */
void ofac_remarks_split_id(char *text, char **number, char **country, char **note);

#endif
