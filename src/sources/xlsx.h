/*
 * xlsx.h - a streaming reader for the first worksheet of an Excel .xlsx file.
 *
 * An .xlsx file is a zip of XML parts. The reader opens the zip (libzip),
 * finds the first sheet through xl/workbook.xml and its relationships
 * (falling back to xl/worksheets/sheet1.xml), loads the shared strings into
 * memory (they are referenced from anywhere in the sheet) and the date
 * styles, then streams the sheet with libxml2's xmlTextReader straight from
 * the zip, one row at a time. Memory follows the shared strings and the
 * widest row, not the sheet.
 *
 * The API has the shape of csv.h: one record per non-empty row, fields by
 * column (cells a row skips are ""), and the record's line is the sheet's
 * row number. Cells are shared strings (t="s"), inline strings
 * (t="inlineStr"), formula strings (t="str") or plain values; a number in a
 * date-formatted cell is given as an ISO date ("2014-12-15"), as Excel shows
 * it, so the values match a CSV export of the sheet.
 */
#ifndef EMBARGO_XLSX_H
#define EMBARGO_XLSX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    XLSX_RECORD,     /* a row was read */
    XLSX_END,        /* no more rows */
    XLSX_ERROR       /* see xlsx_error() */
} xlsx_result;

typedef struct xlsx_reader xlsx_reader;

/* Options for xlsx_open(). */
typedef enum {
    XLSX_FULL = 0,   /* read every shared string */
    XLSX_PEEK = 1    /* read only the first shared strings: for sniffing the first rows */
} xlsx_mode;

/*
 * Opens the .xlsx file at PATH. Returns NULL when it cannot be opened as a
 * workbook (not a zip, no sheet, broken shared strings, out of memory), with
 * *ERROR (when ERROR is not NULL) set to a message the caller frees.
 */
xlsx_reader *xlsx_open(const char *path, xlsx_mode mode, char **error);
/* The same for an .xlsx held in memory (LEN bytes at DATA, kept by the caller until xlsx_close). */
xlsx_reader *xlsx_open_memory(const void *data, size_t len, xlsx_mode mode, char **error);
void xlsx_close(xlsx_reader *r);

/*
 * Reads the next row with at least one non-empty cell. XLSX_ERROR for broken
 * XML, a damaged zip entry or a bad cell reference; the reader then stops.
 */
xlsx_result xlsx_next(xlsx_reader *r);
/* Field I (column I, 0 = A) of the last row, "" when the cell is empty or absent. */
const char *xlsx_field(const xlsx_reader *r, size_t i);
/* Columns in the last row: one past its last non-empty cell. */
size_t xlsx_count(const xlsx_reader *r);
/* The sheet row number of the last row (1-based), for messages. */
long xlsx_record_line(const xlsx_reader *r);
/* What went wrong, after XLSX_ERROR or a failed open; "" otherwise. */
const char *xlsx_error(const xlsx_reader *r);

/* Column index of a cell reference's letters ("C12" -> 2), or -1 when it has none or is out of range. */
long xlsx_column_of(const char *ref);
/* Writes Excel serial day SERIAL as "YYYY-MM-DD" into OUT (11 bytes); false when out of range. */
bool xlsx_serial_date(double serial, bool date1904, char out[11]);

#endif
