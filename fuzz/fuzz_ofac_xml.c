/*
 * fuzz_ofac_xml.c - libFuzzer target: any bytes written to a file and loaded as a
 * list must give OK or an error, never a crash, leak or hang. The file is
 * loaded by path, so the format sniffers choose the loader, as in real use;
 * the seed corpus (fuzz/corpus/ofac_xml/) holds files of the ofac_xml format family.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    embargo_store *store = fuzz_load_sniffed("ofac_xml", ".input", data, size);
    if (!store) return 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) (void)embargo_store_at(store, i)->id;
    embargo_store_destroy(store);
    return 0;
}
