/*
 * fuzz/fuzz_text.c - libFuzzer target for text_name_prepare and
 * text_normalize_word: any bytes in, and the result must keep its invariants
 * (token count and pool within bounds, every token non-empty lower-case ASCII
 * letters and digits, no longer than TEXT_MAX_TOKEN_LEN).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static void check(const text_name *name) {
    if (name->n_tok > TEXT_MAX_TOKENS || name->pool_used > TEXT_POOL_SIZE)
        abort();
    for (uint32_t i = 0; i < name->n_tok; i++) {
        const char *s = text_tok_str(name, i);
        size_t len = strlen(s);
        if (len == 0 || len > TEXT_MAX_TOKEN_LEN || len != name->tok[i].text.len)
            abort();
        for (size_t k = 0; k < len; k++)
            if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9')))
                abort();
        if (name->tok[i].n_alt > TEXT_MAX_ALTS)
            abort();
        for (uint32_t j = 0; j < name->tok[i].n_alt; j++)
            if (strlen(text_alt_str(name, i, j)) != name->tok[i].alt[j].len)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static text_name name;
    char word[32];
    text_name_prepare((const char *)data, size, &name);
    check(&name);
    size_t n = text_normalize_word((const char *)data, size, word, sizeof word);
    if (n >= sizeof word || strlen(word) != n)
        abort();
    return 0;
}
