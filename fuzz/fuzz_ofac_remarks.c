/*
 * fuzz_ofac_remarks.c - libFuzzer target: the OFAC Remarks parser on raw
 * bytes (any length, NULs, invalid UTF-8, unbalanced quotes and brackets).
 * Seeds: fuzz/corpus/ofac_remarks/.
 */
#include <stddef.h>
#include <stdint.h>

#include "model/draft.h"
#include "sources/ofac_remarks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static draft *d;
    if (!d && !(d = draft_new())) return 0;
    draft_reset(d);
    /* The first byte picks the kind, which decides how alias names are split. */
    draft_set_kind(d, size && (data[0] & 1) ? EMBARGO_KIND_PERSON : EMBARGO_KIND_ORGANIZATION, NULL);
    ofac_remarks_stats stats = {0};
    ofac_remarks_parse(d, (const char *)data, size, &stats);
    const embargo_entity *e = draft_entity(d);
    if (stats.structured + stats.kept > stats.statements) __builtin_trap();
    for (size_t i = 0; i < e->n_names; i++)
        if (!e->names[i].full || !e->names[i].full[0]) __builtin_trap();
    return 0;
}
