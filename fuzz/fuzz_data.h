/*
 * fuzz_data.h - what the data-file fuzz targets (fuzz_goods, fuzz_regimes,
 * fuzz_deal) share: the path of a file of the source tree's data folder
 * (data/goods, data/regimes, data/sample), found from $EMBARGO_SOURCE_DIR,
 * else from the current directory, as the fuzzers are run from the source
 * tree (see the brief's command). Static inline: each target is a program
 * of one file.
 */
#ifndef EMBARGO_FUZZ_DATA_H
#define EMBARGO_FUZZ_DATA_H

#include <stdio.h>
#include <stdlib.h>

/* The path of REL under the source tree, in a static buffer (one per call site's lifetime: copy it). */
static inline const char *fuzz_data_path(const char *rel) {
    static char path[4096];
    const char *root = getenv("EMBARGO_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/%s", root && *root ? root : ".", rel);
    return path;
}

/* Says why the fuzzer cannot start and exits: a setup error, not a finding. */
static inline void fuzz_data_fail(const char *what, const char *err) {
    fprintf(stderr, "fuzz: %s: %s (run from the source tree, or set EMBARGO_SOURCE_DIR)\n", what, err);
    exit(1);
}

#endif
