/*
 * fuzz_uk_ofsi.c - libFuzzer target: arbitrary bytes written to a temporary
 * file and loaded as a list (format detection, then the uk-ofsi loader when
 * the header is there; zip inputs go through the .xlsx reader).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "embargo/embargo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char path[] = "/tmp/fuzz-uk-ofsi-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(path);
        return 0;
    }
    fwrite(data, 1, size, f);
    fclose(f);
    embargo_store *store = embargo_store_new();
    if (store) {
        embargo_store_load_path(store, path);
        embargo_store_destroy(store);
    }
    unlink(path);
    return 0;
}
