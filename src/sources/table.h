/*
 * table.h - one reader for a table that comes as CSV or as an Excel sheet.
 *
 * Some publishers (UK OFSI, Australia DFAT) issue a spreadsheet, and users
 * also keep the CSV they exported from it. A table_reader reads either, told
 * apart by content (a zip's "PK\3\4" magic is an .xlsx, anything else CSV),
 * so each loader is written once: records, fields by column, the record's
 * line (the CSV line or the sheet row) and header lookup by name.
 */
#ifndef EMBARGO_TABLE_H
#define EMBARGO_TABLE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    TABLE_RECORD,    /* a record was read */
    TABLE_END,       /* no more records */
    TABLE_ERROR      /* see table_error() */
} table_result;

typedef enum {
    TABLE_FULL = 0,  /* read the whole table */
    TABLE_PEEK = 1   /* only the first records will be read: for sniffing */
} table_mode;

typedef struct table_reader table_reader;

/* True when the LEN bytes at HEAD start like a zip (so an .xlsx). */
bool table_is_zip(const char *head, size_t len);

/*
 * Opens PATH as a table (CSV, or .xlsx by its zip magic). Returns NULL with
 * *ERROR (caller frees; may be NULL) when it cannot be opened.
 */
table_reader *table_open(const char *path, table_mode mode, char **error);
void table_close(table_reader *t);
/* True when T reads an .xlsx sheet. */
bool table_is_xlsx(const table_reader *t);

/* Reads the next non-blank record; TABLE_ERROR stops the reader. */
table_result table_next(table_reader *t);
/* Field I of the last record, "" when absent. */
const char *table_field(const table_reader *t, size_t i);
size_t table_count(const table_reader *t);
/* Line (CSV) or sheet row (xlsx) where the last record starts. */
long table_line(const table_reader *t);
/* What went wrong after TABLE_ERROR. */
const char *table_error(const table_reader *t);

/*
 * True when field I of the last record is TEXT, ignoring case, a byte order
 * mark and surrounding white space.
 */
bool table_field_is(const table_reader *t, size_t i, const char *text);
/* Index of the field that table_field_is() NAME in the last record, or -1. */
long table_find(const table_reader *t, const char *name);

/*
 * Maps a header record to columns: COLS[I] gets the index of the field
 * named NAMES[I] (table_field_is), or -1. Returns how many were found.
 */
size_t table_map(const table_reader *t, const char *const *names, size_t n, long *cols);

/*
 * Sniffing help: true when one of the first MAX_ROWS records of the file at
 * PATH (whose first LEN bytes are HEAD) holds every name in NAMES (N of
 * them) as a field. A CSV is read from HEAD only; an .xlsx is opened.
 */
bool table_head_has(const char *path, const char *head, size_t len,
                    const char *const *names, size_t n, size_t max_rows);

#endif
