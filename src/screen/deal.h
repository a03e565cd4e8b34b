/*
 * deal.h - screening a whole transaction: its parties (with their list
 * hits), countries, goods and vessel, against the measures of the regimes
 * file, for the jurisdictions that bind the user.
 *
 * Input is JSON (see deal_from_json); output is a JSON report: the verdict
 * (prohibited, licence required, review, clear), every reason with its
 * measure and citation, every list hit with its score and explanation, and
 * what would change the verdict. The screening holds no state between deals:
 * a deal_context may serve many threads, each screening its own deals.
 */
#ifndef EMBARGO_DEAL_H
#define EMBARGO_DEAL_H

#include <jansson.h>
#include <stdio.h>

#include "embargo/search.h"
#include "embargo/store.h"
#include "screen/goods.h"
#include "screen/regimes.h"

typedef enum { DEAL_CLEAR = 0, DEAL_REVIEW, DEAL_LICENCE, DEAL_PROHIBITED } deal_verdict;

typedef struct deal deal;

typedef struct {
    const regime_set *regimes;
    const goods_table *goods;
    const embargo_index *index;   /* or NULL: no list screening (said in the report) */
    const embargo_store *store;   /* or NULL: program codes of hits unknown */
    double threshold;             /* list hits from here (<0: the default 0.80) */
    double confirm;               /* hits from here, or on an identifier, take the measure's effect (<=0: 0.95) */
} deal_context;

/*
 * Reads a deal from IN (not consumed; the deal keeps a reference):
 *   {"id": "...", "date": "2024-06-01", "jurisdictions": ["UN", "US", "EU"],
 *    "origin": "KP", "destination": "RU", "transit": ["CN"],
 *    "parties": [{"name": "...", "role": "seller", "country": "KP",
 *                 "kind": "organization", "identifiers": ["..."],
 *                 "owners": [{"name": "...", "share": 60}]}],
 *    "goods": [{"hs": "9306.90", "description": "...", "quantity": 1, "unit": "...", "value": 1, "currency": "USD"}],
 *    "vessel": {"name": "...", "imo": "IMO 1234567", "flag": "KP"}, "ship_to_ship": false}
 * Countries are alpha-2 codes or names. Roles: seller, buyer, consignee,
 * end-user (or "end user"), bank, shipper, vessel. Returns NULL with the
 * field and the reason in ERR when the deal cannot be read.
 */
deal *deal_from_json(json_t *in, char *err, size_t err_size);
void deal_free(deal *d);

/*
 * Screens D. Returns a new JSON report (caller decrefs) and sets *VERDICT;
 * NULL only when out of memory.
 */
json_t *deal_screen(const deal_context *ctx, const deal *d, deal_verdict *verdict);

/* "prohibited", "licence required", "review", "clear". */
const char *deal_verdict_name(deal_verdict v);
/* Writes REPORT (from deal_screen) as readable text to OUT. */
void deal_write_text(const json_t *report, FILE *out);

#endif
