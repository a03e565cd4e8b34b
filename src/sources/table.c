/*
 * table.c - see table.h. A tagged union over csv_reader and xlsx_reader.
 */
#include "sources/table.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sources/csv.h"
#include "sources/xlsx.h"

struct table_reader {
    xlsx_reader *xlsx;   /* set for a sheet */
    FILE *file;          /* set for CSV */
    csv_reader csv;
};

bool table_is_zip(const char *head, size_t len) {
    return len >= 4 && memcmp(head, "PK\x03\x04", 4) == 0;
}

static char *dup_error(const char *what, const char *detail) {
    size_t n = strlen(what) + strlen(detail) + 3;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s%s%s", what, *detail ? ": " : "", detail);
    return s;
}

/* The first 4 bytes of PATH, to tell a zip; false when it cannot be read. */
static bool read_magic(const char *path, char magic[4], size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    *len = fread(magic, 1, 4, f);
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

table_reader *table_open(const char *path, table_mode mode, char **error) {
    char magic[4];
    size_t len = 0;
    if (error) *error = NULL;
    if (!read_magic(path, magic, &len)) {
        if (error) *error = dup_error("cannot read", strerror(errno));
        return NULL;
    }
    table_reader *t = calloc(1, sizeof *t);
    if (!t) {
        if (error) *error = dup_error("out of memory", "");
        return NULL;
    }
    if (table_is_zip(magic, len)) {
        t->xlsx = xlsx_open(path, mode == TABLE_PEEK ? XLSX_PEEK : XLSX_FULL, error);
        if (!t->xlsx) {
            free(t);
            return NULL;
        }
        return t;
    }
    t->file = fopen(path, "rb");
    if (!t->file) {
        if (error) *error = dup_error("cannot read", strerror(errno));
        free(t);
        return NULL;
    }
    csv_init(&t->csv, t->file, ',');
    return t;
}

void table_close(table_reader *t) {
    if (!t) return;
    if (t->xlsx) {
        xlsx_close(t->xlsx);
    } else {
        csv_free(&t->csv);
        if (t->file) fclose(t->file);
    }
    free(t);
}

bool table_is_xlsx(const table_reader *t) {
    return t->xlsx != NULL;
}

table_result table_next(table_reader *t) {
    if (t->xlsx) {
        switch (xlsx_next(t->xlsx)) {
        case XLSX_RECORD: return TABLE_RECORD;
        case XLSX_END: return TABLE_END;
        default: return TABLE_ERROR;
        }
    }
    switch (csv_next(&t->csv)) {
    case CSV_RECORD: return TABLE_RECORD;
    case CSV_END: return TABLE_END;
    default: return TABLE_ERROR;
    }
}

const char *table_field(const table_reader *t, size_t i) {
    return t->xlsx ? xlsx_field(t->xlsx, i) : csv_field(&t->csv, i);
}

size_t table_count(const table_reader *t) {
    return t->xlsx ? xlsx_count(t->xlsx) : csv_count(&t->csv);
}

long table_line(const table_reader *t) {
    return t->xlsx ? xlsx_record_line(t->xlsx) : t->csv.record_line;
}

const char *table_error(const table_reader *t) {
    if (t->xlsx) return xlsx_error(t->xlsx);
    return t->csv.error ? t->csv.error : "";
}

bool table_field_is(const table_reader *t, size_t i, const char *text) {
    const char *f = table_field(t, i);
    if (strncmp(f, "\xEF\xBB\xBF", 3) == 0) f += 3;
    while (isspace((unsigned char)*f)) f++;
    size_t n = strlen(f);
    while (n && isspace((unsigned char)f[n - 1])) n--;
    return n == strlen(text) && strncasecmp(f, text, n) == 0;
}

long table_find(const table_reader *t, const char *name) {
    for (size_t i = 0; i < table_count(t); i++)
        if (table_field_is(t, i, name)) return (long)i;
    return -1;
}

size_t table_map(const table_reader *t, const char *const *names, size_t n, long *cols) {
    size_t found = 0;
    for (size_t i = 0; i < n; i++)
        if ((cols[i] = table_find(t, names[i])) >= 0) found++;
    return found;
}

static bool record_has_all(const table_reader *t, const char *const *names, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (table_find(t, names[i]) < 0) return false;
    return true;
}

static bool rows_have(table_reader *t, const char *const *names, size_t n, size_t max_rows) {
    for (size_t row = 0; row < max_rows && table_next(t) == TABLE_RECORD; row++)
        if (record_has_all(t, names, n)) return true;
    return false;
}

bool table_head_has(const char *path, const char *head, size_t len,
                    const char *const *names, size_t n, size_t max_rows) {
    if (table_is_zip(head, len)) {
        table_reader *t = table_open(path, TABLE_PEEK, NULL);
        if (!t) return false;
        bool found = rows_have(t, names, n, max_rows);
        table_close(t);
        return found;
    }
    if (len == 0) return false;
    FILE *f = fmemopen((void *)head, len, "rb");
    if (!f) return false;
    table_reader t = {0};
    csv_init(&t.csv, f, ',');
    bool found = rows_have(&t, names, n, max_rows);
    csv_free(&t.csv);
    fclose(f);
    return found;
}
