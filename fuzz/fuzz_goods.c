/*
 * fuzz_goods.c - libFuzzer target for the goods table reader (goods_load):
 * any bytes written to a file and loaded must give a table or an error
 * naming the file and line, never a crash, leak or hang. A table that loads
 * is then used as the deal and text screens use it: every category's id and
 * text, codes looked up (goods_by_code on prefixes of the input's own
 * digits, and fixed ones) and the input scanned for terms (goods_scan), whose
 * mentions must lie inside the text, in order of start.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_load.h"
#include "screen/goods.h"

typedef struct {
    size_t len, last_start;
    goods_set all;
} scan_check;

static bool on_mention(void *user, const goods_mention *m) {
    scan_check *c = user;
    if (m->start >= m->end || m->end > c->len || m->start < c->last_start || !m->term) abort();
    c->last_start = m->start;
    c->all |= m->set;
    return true;
}

static void use_table(const goods_table *t, const uint8_t *data, size_t size) {
    char out[4096];
    for (size_t i = 0; i < goods_category_count(t); i++) {
        const char *id = goods_category_id(t, i);
        if (!id || !goods_category_text(t, i) || goods_category_find(t, id) < 0) abort();
    }
    goods_set_format(t, ~(goods_set)0, out, sizeof out);
    if (strlen(out) >= sizeof out) abort();
    static const char *const codes[] = {"9306.90", "930690", "HS 2701", "27", "8806.10.00", "x", ""};
    const char *description;
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) goods_by_code(t, codes[i], &description);
    char digits[16];
    size_t n = 0;
    for (size_t i = 0; i < size && n + 1 < sizeof digits; i++)
        if (data[i] >= '0' && data[i] <= '9') digits[n++] = (char)data[i];
    digits[n] = '\0';
    goods_by_code(t, digits, &description);
    scan_check c = {size, 0, 0};
    goods_set found = goods_scan(t, (const char *)data, size, on_mention, &c);
    if (found != c.all) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_write("goods", ".txt", data, size);
    if (!path) return 0;
    goods_table *t = NULL;
    char err[1024];
    if (goods_load(path, &t, err, sizeof err)) {
        use_table(t, data, size);
        goods_free(t);
    } else if (!strstr(err, path)) {
        abort(); /* an error must name the file */
    }
    return 0;
}
