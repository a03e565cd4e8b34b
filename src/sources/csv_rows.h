/*
 * csv_rows.h - the read loop of a CSV list with one header row.
 *
 * The first record is the header: the loader binds its columns from it.
 * Every later record with as many fields as the header is a data row handed
 * to the loader; one with another count is skipped and reported, as the
 * columns cannot be trusted. The EU loaders (eu_oj, eu_fsf) read this way;
 * the row-per-address lists have their own loop (row_groups.h).
 */
#ifndef EMBARGO_CSV_ROWS_H
#define EMBARGO_CSV_ROWS_H

#include "sources/csv.h"
#include "sources/load.h"

/* Binds the columns of the header record, now R's current one. */
typedef embargo_status (*csv_rows_header_fn)(void *state);
/* Reads the data row at LINE, now R's current record. */
typedef embargo_status (*csv_rows_row_fn)(void *state, long line);

/*
 * Reads R, over CTX's file, to its end: the first record goes to HEADER,
 * each later one with the header's field count to ROW, each other one is
 * skipped (load_skip). STATE is the loader's, given to both. Stops at the
 * first status that is not EMBARGO_OK and returns it. An empty file or a CSV
 * error fails the load naming the line: EMBARGO_EFORMAT in the header,
 * EMBARGO_ETRUNCATED after it.
 */
embargo_status csv_rows_read(load_ctx *ctx, csv_reader *r, csv_rows_header_fn header, csv_rows_row_fn row,
                             void *state);

#endif
