/*
 * csv_rows.c - see csv_rows.h.
 */
#include "sources/csv_rows.h"

embargo_status csv_rows_read(load_ctx *ctx, csv_reader *r, csv_rows_header_fn header, csv_rows_row_fn row,
                             void *state) {
    embargo_status status;
    csv_result res = csv_next(r);
    if (res == CSV_END) status = load_fail(ctx, 0, EMBARGO_EFORMAT, "the file is empty");
    else if (res == CSV_ERROR) status = load_fail(ctx, r->record_line, EMBARGO_EFORMAT, "%s", r->error);
    else status = header(state);
    size_t n_columns = csv_count(r);
    while (status == EMBARGO_OK && (res = csv_next(r)) == CSV_RECORD) {
        if (csv_count(r) != n_columns) {
            load_skip(ctx, r->record_line, "the row has %zu fields, the header %zu; skipped", csv_count(r),
                      n_columns);
            continue;
        }
        status = row(state, r->record_line);
    }
    if (status == EMBARGO_OK && res == CSV_ERROR)
        status = load_fail(ctx, r->record_line, EMBARGO_ETRUNCATED, "%s", r->error);
    return status;
}
