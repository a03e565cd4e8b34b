/*
 * batch.c - see batch.h. CSV goes through sources/csv.c; JSON lines through
 * jansson, one line at a time, so memory follows the longest row.
 */
#include "screen/batch.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sources/csv.h"
#include "util/utf8.h"

static const char *const field_names[BATCH_FIELDS] = {
    "id", "name", "kind", "dob", "country", "identifier", "gender",
};

struct batch_reader {
    FILE *in;
    bool json;
    csv_reader csv;
    long column[BATCH_FIELDS];    /* CSV column of each field, or -1 */
    char *line;                   /* JSON lines: getline buffer */
    size_t line_cap;
    long line_no;
};

void batch_row_free(batch_row *row) {
    for (int f = 0; f < BATCH_FIELDS; f++) free(row->field[f]);
    free(row->error);
    memset(row, 0, sizeof *row);
}

static void row_error(batch_row *row, const char *fmt, const char *detail) {
    size_t n = strlen(fmt) + (detail ? strlen(detail) : 0) + 1;
    row->error = malloc(n);
    if (row->error) snprintf(row->error, n, fmt, detail ? detail : "");
}

/* Reads the CSV header: which column holds which field. */
static bool read_header(batch_reader *r, buf *error) {
    if (csv_next(&r->csv) != CSV_RECORD) {
        buf_printf(error, "line 1: no header row (expected columns such as name,dob,country)");
        return false;
    }
    for (int f = 0; f < BATCH_FIELDS; f++) r->column[f] = csv_find(&r->csv, field_names[f]);
    if (r->column[BATCH_NAME] < 0) {
        buf_printf(error, "line 1: the header has no 'name' column");
        return false;
    }
    return true;
}

batch_reader *batch_open(FILE *in, buf *error) {
    batch_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->in = in;
    int c;
    while ((c = getc(in)) == ' ' || c == '\t' || c == '\r' || c == '\n') {}
    if (c != EOF) ungetc(c, in);
    r->json = c == '{';
    if (!r->json) {
        csv_init(&r->csv, in, ',');
        r->csv.loose_quotes = true;
        if (!read_header(r, error)) {
            batch_close(r);
            return NULL;
        }
    }
    return r;
}

static char *dup_nonempty(const char *s) {
    return s && *s ? strdup(s) : NULL;
}

static int next_csv(batch_reader *r, batch_row *row, buf *error) {
    csv_result res = csv_next(&r->csv);
    if (res == CSV_END) return 0;
    if (res == CSV_ERROR) {
        buf_printf(error, "line %ld: %s", r->csv.record_line, r->csv.error);
        return -1;
    }
    row->line = r->csv.record_line;
    if (!csv_valid_utf8(&r->csv, NULL)) {
        row_error(row, "invalid UTF-8%s", NULL);
        return 1;
    }
    for (int f = 0; f < BATCH_FIELDS; f++)
        if (r->column[f] >= 0) row->field[f] = dup_nonempty(csv_field(&r->csv, (size_t)r->column[f]));
    if (!row->field[BATCH_NAME]) row_error(row, "no name%s", NULL);
    return 1;
}

/* Copies JSON field F of OBJ into ROW; numbers become text ("id": 7). */
static void take_json_field(json_t *obj, int f, batch_row *row) {
    json_t *v = json_object_get(obj, field_names[f]);
    if (json_is_string(v)) row->field[f] = dup_nonempty(json_string_value(v));
    else if (json_is_integer(v)) {
        char text[32];
        snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
        row->field[f] = strdup(text);
    }
}

static int next_json(batch_reader *r, batch_row *row) {
    ssize_t n;
    do {
        n = getline(&r->line, &r->line_cap, r->in);
        if (n < 0) return 0;
        r->line_no++;
    } while (strspn(r->line, " \t\r\n") == (size_t)n);
    row->line = r->line_no;
    if (!utf8_valid(r->line, (size_t)n, NULL)) {
        row_error(row, "invalid UTF-8%s", NULL);
        return 1;
    }
    json_error_t err;
    json_t *obj = json_loadb(r->line, (size_t)n, 0, &err);
    if (!json_is_object(obj)) {
        row_error(row, "not a JSON object: %s", obj ? "another JSON value" : err.text);
        json_decref(obj);
        return 1;
    }
    for (int f = 0; f < BATCH_FIELDS; f++) take_json_field(obj, f, row);
    json_decref(obj);
    if (!row->field[BATCH_NAME]) row_error(row, "no \"name\" string%s", NULL);
    return 1;
}

int batch_next(batch_reader *r, batch_row *row, buf *error) {
    memset(row, 0, sizeof *row);
    return r->json ? next_json(r, row) : next_csv(r, row, error);
}

void batch_close(batch_reader *r) {
    if (!r) return;
    if (!r->json) csv_free(&r->csv);
    free(r->line);
    free(r);
}
