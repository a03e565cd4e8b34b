/*
 * row_groups.c - see row_groups.h.
 */
#include "sources/row_groups.h"

#include <ctype.h>
#include <string.h>

void row_groups_init(row_groups *g) {
    arena_init(&g->mem);
    strmap_init(&g->seen);
    g->open = NULL;
    buf_init(&g->id);
}

void row_groups_free(row_groups *g) {
    strmap_free(&g->seen);
    arena_free(&g->mem);
    buf_free(&g->id);
    g->open = NULL;
}

row_group_result row_groups_add(row_groups *g, const char *key) {
    if (g->open && strcmp(g->open, key) == 0) return ROW_GROUP_CONTINUES;
    size_t n = 0;
    bool repeated = strmap_get(&g->seen, key, &n);
    const char *stored = arena_strdup(&g->mem, key);
    if (!stored || !strmap_put(&g->seen, stored, n + 1)) return ROW_GROUP_NOMEM;
    g->open = stored;
    buf_clear(&g->id);
    buf_puts(&g->id, key);
    if (repeated) buf_printf(&g->id, "-%zu", n + 1);
    if (g->id.failed) return ROW_GROUP_NOMEM;
    return repeated ? ROW_GROUP_REPEATED : ROW_GROUP_NEW;
}

const char *row_groups_id(const row_groups *g) {
    return buf_str(&g->id);
}

void row_slug(buf *out, const char *text) {
    bool dash = false;
    size_t start = out->len;
    for (const unsigned char *p = (const unsigned char *)text; p && *p; p++) {
        bool keep = isalnum(*p) || *p >= 0x80;
        if (!keep) {
            dash = true;
            continue;
        }
        if (dash && out->len > start) buf_putc(out, '-');
        dash = false;
        buf_putc(out, (char)(*p < 0x80 ? toupper(*p) : *p));
    }
}
