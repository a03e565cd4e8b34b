/*
 * fuzz_bis_dpl.c - libFuzzer target: any bytes written to a file and loaded as a
 * list must give OK or an error, never a crash, leak or hang. The file is
 * loaded by path, so the format sniffers choose the loader, as in real use;
 * the seed corpus (fuzz/corpus/bis_dpl/) holds files of the bis_dpl format family.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "embargo/embargo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz-bis_dpl-%ld.input", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    embargo_store *store = embargo_store_new();
    if (!store) return 0;
    embargo_store_load_path(store, path);
    for (size_t i = 0; i < embargo_store_count(store); i++) (void)embargo_store_at(store, i)->id;
    embargo_store_destroy(store);
    return 0;
}
