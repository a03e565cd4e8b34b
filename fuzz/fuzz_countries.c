/*
 * fuzz_countries.c - libFuzzer target for country text: any bytes, as a
 * NUL-terminated string, through embargo_country_code and
 * embargo_country_codes. Checks that a text naming one country gives the
 * same code both ways and that every code found is a known alpha-2 code.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/country.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    const char *code = embargo_country_code(text);
    const char *codes[8];
    size_t n = embargo_country_codes(text, codes, 8);
    if (code && (n != 1 || strcmp(codes[0], code) != 0)) abort();
    for (size_t i = 0; i < n; i++)
        if (!embargo_country_name(codes[i])) abort();
    free(text);
    return 0;
}
