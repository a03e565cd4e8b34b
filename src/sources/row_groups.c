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

embargo_status row_groups_file(row_groups *g, load_ctx *ctx, const char *key, long line, long *open_line,
                               bool *starts) {
    row_group_result res = row_groups_add(g, key);
    *starts = false;
    if (res == ROW_GROUP_NOMEM) return EMBARGO_ENOMEM;
    if (res == ROW_GROUP_CONTINUES) return EMBARGO_OK;
    *starts = true;
    embargo_status status = *open_line ? load_commit(ctx, ctx->draft, *open_line) : EMBARGO_OK;
    if (res == ROW_GROUP_REPEATED)
        load_warn(ctx, line, "rows of %s are not together; this one is loaded as %s", key, row_groups_id(g));
    *open_line = line;
    return status;
}

embargo_status row_groups_header(load_ctx *ctx, csv_reader *r, const char *const *names, long *columns, int n) {
    csv_result res = csv_next(r);
    if (res == CSV_ERROR) return load_fail(ctx, r->record_line, EMBARGO_EFORMAT, "%s", r->error);
    if (res == CSV_END) return load_fail(ctx, 1, EMBARGO_EFORMAT, "no header row");
    for (int c = 0; c < n; c++) columns[c] = csv_find(r, names[c]);
    return EMBARGO_OK;
}

embargo_status row_groups_read(load_ctx *ctx, csv_reader *r, row_groups_row_fn row, void *state) {
    size_t n_header = csv_count(r);
    long open_line = 0;
    embargo_status status = EMBARGO_OK;
    csv_result res = CSV_END;
    while (status == EMBARGO_OK && (res = csv_next(r)) == CSV_RECORD) {
        if (csv_count(r) != n_header) {
            load_skip(ctx, r->record_line, "row has %zu fields, the header %zu; skipped", csv_count(r), n_header);
            continue;
        }
        status = row(ctx, state, r, &open_line);
    }
    if (status != EMBARGO_OK) return status;
    if (res == CSV_ERROR)
        return load_fail(ctx, r->record_line, strstr(r->error, "truncated") ? EMBARGO_ETRUNCATED : EMBARGO_EFORMAT,
                         "%s", r->error);
    return open_line ? load_commit(ctx, ctx->draft, open_line) : EMBARGO_OK;
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
