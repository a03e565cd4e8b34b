/*
 * text_scan.h - screening free text (a news article, a payment message):
 * mentions of listed parties, embargoed countries and controlled goods, with
 * byte offsets and context, and the dealings between them that the regimes
 * cover.
 */
#ifndef EMBARGO_TEXT_SCAN_H
#define EMBARGO_TEXT_SCAN_H

#include <jansson.h>
#include <stddef.h>

#include "embargo/search.h"
#include "screen/goods.h"
#include "screen/regimes.h"
#include "util/buf.h"
#include "util/json_dump.h"

typedef struct {
    const embargo_index *index;   /* or NULL: no party mentions */
    const goods_table *goods;
    const regime_set *regimes;    /* or NULL: no dealings */
    double threshold;             /* <0: the default */
    int plain;                    /* 1: no memo, every window searched in full (the baseline benchmarks and tests compare with) */
    embargo_results *results;     /* scratch to reuse (a server thread's), or NULL: the scan makes its own */
    /*
     * Or NULL: where the report goes as it is written, in order, in pieces
     * (of TEXT_SCAN_SINK_PIECE bytes or more while the parties are found;
     * then the rest, the countries and goods arrays a piece each); false:
     * it could not be taken, and the scan fails. A report is some 17 times its text; sent on as
     * it is written, it needs no memory of its size, and no page faults
     * for it (each costs microseconds under a hypervisor: a fifth of
     * `embargo text`'s time when its report was built whole).
     */
    bool (*sink)(void *user, const char *data, size_t len);
    void *sink_user;
} text_scan_context;

#define TEXT_SCAN_SINK_PIECE (256u << 10)

typedef struct {
    size_t bytes;
    size_t windows;               /* name windows looked at */
    size_t searches;              /* ... of which searched in the index (the others were remembered) */
    size_t parties, countries, goods;
} text_scan_stats;

/*
 * Scans LEN bytes of TEXT (UTF-8; invalid bytes are treated as letters of
 * no word). Names are looked for in runs of capitalized or non-Latin words
 * (split at punctuation, so "Mr. Kim" and "Kim's" give "Kim"), in windows of
 * two to six words, each searched in the index. Appends to OUT the JSON
 * report {"parties": [...], "countries": [...], "goods": [...],
 * "dealings": [...]}, written in STYLE byte for byte as jansson prints the
 * same tree (the CLI's {2, 17}: JSON_INDENT(2); the server's {0, 8}:
 * JSON_COMPACT | JSON_REAL_PRECISION(8)). Bytes that are not UTF-8 show
 * as U+FFFD in a party's or country's text and snippet (the offsets say
 * where they are); a goods mention whose text is not UTF-8 is left out.
 * With a sink (text_scan_context.sink), the report goes there instead, OUT
 * serving as its buffer (left empty). Fills STATS (may be NULL). False
 * when out of memory or the sink failed (the report is then incomplete).
 */
bool document_scan(const text_scan_context *ctx, const char *text, size_t len, const json_dump_style *style, buf *out,
                   text_scan_stats *stats);
/* The same report as a new jansson tree, for callers that read it (NULL when out of memory). */
json_t *document_scan_json(const text_scan_context *ctx, const char *text, size_t len, text_scan_stats *stats);

#endif
