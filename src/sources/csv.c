/*
 * csv.c - a byte-at-a-time state machine over getc_unlocked(): unquoted
 * field, quoted field, or just after a closing quote.
 */
#include "sources/csv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"

void csv_init(csv_reader *r, FILE *in, char delimiter) {
    memset(r, 0, sizeof *r);
    r->in = in;
    r->delimiter = delimiter;
    r->line = 1;
    buf_init(&r->data);
}

void csv_free(csv_reader *r) {
    buf_free(&r->data);
    free(r->offsets);
    r->offsets = NULL;
}

static bool csv_start_field(csv_reader *r) {
    if (r->n_fields == r->cap_fields) {
        size_t cap = r->cap_fields ? r->cap_fields * 2 : 32;
        size_t *offsets = realloc(r->offsets, cap * sizeof *offsets);
        if (!offsets) return false;
        r->offsets = offsets;
        r->cap_fields = cap;
    }
    r->offsets[r->n_fields++] = r->data.len;
    return true;
}

static bool csv_end_field(csv_reader *r) {
    return buf_putc(&r->data, '\0');
}

typedef enum { IN_FIELD, IN_QUOTES, AFTER_QUOTE } csv_state;

csv_result csv_next(csv_reader *r) {
    for (;;) {
        buf_clear(&r->data);
        r->n_fields = 0;
        r->record_line = r->line;
        if (!csv_start_field(r)) return r->error = "out of memory", CSV_ERROR;
        csv_state state = IN_FIELD;
        bool field_quoted = false, any = false;
        int c;
        while ((c = getc_unlocked(r->in)) != EOF) {
            if (c == 0x1A && state != IN_QUOTES) continue; /* DOS end-of-file mark */
            if (state == IN_QUOTES) {
                if (c == '"') state = AFTER_QUOTE;
                else {
                    if (c == '\n') r->line++;
                    buf_putc(&r->data, (char)c);
                }
                continue;
            }
            if (state == AFTER_QUOTE && c == '"') { /* doubled quote */
                buf_putc(&r->data, '"');
                state = IN_QUOTES;
                continue;
            }
            if (c == '\r') continue;
            if (c == '\n') {
                r->line++;
                if (!any && r->data.len == 0 && !field_quoted) { /* blank line */
                    r->record_line = r->line;
                    continue;
                }
                break;
            }
            any = true;
            if (c == r->delimiter) {
                if (!csv_end_field(r) || !csv_start_field(r)) return r->error = "out of memory", CSV_ERROR;
                state = IN_FIELD;
                field_quoted = false;
                continue;
            }
            if (state == AFTER_QUOTE) {
                /* OFAC writes `-0- ` after fields; tolerate trailing blanks only. */
                if (c == ' ' || c == '\t') continue;
                r->error = "text after a closing quote";
                return CSV_ERROR;
            }
            if (c == '"' && r->data.len == r->offsets[r->n_fields - 1] && !field_quoted) {
                field_quoted = true;
                state = IN_QUOTES;
                continue;
            }
            if (c == '"' && !r->loose_quotes) {
                r->error = "a quote inside an unquoted field";
                return CSV_ERROR;
            }
            buf_putc(&r->data, (char)c);
        }
        if (ferror(r->in)) return r->error = "read error", CSV_ERROR;
        if (state == IN_QUOTES) {
            r->error = "the file ends inside a quoted field (truncated?)";
            return CSV_ERROR;
        }
        if (!csv_end_field(r) || r->data.failed) return r->error = "out of memory", CSV_ERROR;
        if (c == EOF && !any && r->data.len <= 1 && !field_quoted) return CSV_END;
        return CSV_RECORD;
    }
}

const char *csv_field(const csv_reader *r, size_t i) {
    return i < r->n_fields ? r->data.data + r->offsets[i] : "";
}

size_t csv_count(const csv_reader *r) {
    return r->n_fields;
}

bool csv_valid_utf8(const csv_reader *r, size_t *field) {
    for (size_t i = 0; i < r->n_fields; i++) {
        const char *f = csv_field(r, i);
        if (!utf8_valid(f, strlen(f), NULL)) {
            if (field) *field = i;
            return false;
        }
    }
    return true;
}

long csv_find(const csv_reader *r, const char *name) {
    for (size_t i = 0; i < r->n_fields; i++) {
        const char *f = csv_field(r, i);
        if (strncmp(f, "\xEF\xBB\xBF", 3) == 0) f += 3; /* BOM on the first header */
        if (strcasecmp(f, name) == 0) return (long)i;
    }
    return -1;
}
