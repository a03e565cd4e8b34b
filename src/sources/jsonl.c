/*
 * jsonl.c - see jsonl.h. getline() for the line, a UTF-8 repair pass only
 * when the line is not valid, json_loadb() for the object.
 */
#include "sources/jsonl.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

void jsonl_init(jsonl_reader *r, FILE *in) {
    memset(r, 0, sizeof *r);
    r->in = in;
    buf_init(&r->fixed);
}

void jsonl_free(jsonl_reader *r) {
    free(r->line);
    r->line = NULL;
    buf_free(&r->fixed);
}

bool jsonl_rewind(jsonl_reader *r) {
    r->line_no = 0;
    return fseek(r->in, 0, SEEK_SET) == 0;
}

static bool jsonl_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return false;
    return true;
}

/* Copies LEN bytes at S into R->fixed with invalid sequences as U+FFFD. */
static void jsonl_repair(jsonl_reader *r, const char *s, size_t len) {
    buf_clear(&r->fixed);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (cp < 0) {
            buf_append(&r->fixed, "\xEF\xBF\xBD", 3);
            r->bad_utf8++;
        } else {
            buf_append(&r->fixed, s + i, (size_t)n);
        }
        i += (size_t)n;
    }
}

jsonl_result jsonl_next(jsonl_reader *r, json_t **out) {
    *out = NULL;
    r->message[0] = '\0';
    ssize_t n;
    do {
        n = getline(&r->line, &r->cap, r->in);
        if (n < 0) {
            if (ferror(r->in)) {
                snprintf(r->message, sizeof r->message, "read error");
                return JSONL_ERROR;
            }
            return JSONL_END;
        }
        r->line_no++;
    } while (jsonl_blank(r->line, (size_t)n));
    bool ended = r->line[n - 1] == '\n';
    const char *text = r->line;
    size_t len = (size_t)n;
    if (r->line_no == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, len -= 3;
    r->bad_utf8 = 0;
    if (!utf8_valid(text, len, NULL)) {
        jsonl_repair(r, text, len);
        if (r->fixed.failed) {
            snprintf(r->message, sizeof r->message, "out of memory");
            return JSONL_ERROR;
        }
        text = r->fixed.data;
        len = r->fixed.len;
    }
    json_error_t error;
    json_t *value = json_loadb(text, len, 0, &error);
    if (!value) {
        snprintf(r->message, sizeof r->message, "not valid JSON (column %d: %s)", error.column, error.text);
        if (!ended) {
            int c = fgetc(r->in);
            if (c == EOF) return JSONL_TRUNCATED;
            ungetc(c, r->in);
        }
        return JSONL_BAD;
    }
    if (!json_is_object(value)) {
        json_decref(value);
        snprintf(r->message, sizeof r->message, "the line is JSON but not an object");
        return JSONL_BAD;
    }
    *out = value;
    return JSONL_OBJECT;
}

json_t *jsonl_first_object(const char *head, size_t len) {
    size_t i = 0;
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
    if (i + 3 <= len && memcmp(head + i, "\xEF\xBB\xBF", 3) == 0) i += 3;
    if (i >= len || head[i] != '{') return NULL;
    const char *nl = memchr(head + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - head) : len; /* a one-line file may lack the newline */
    json_t *value = json_loadb(head + i, end - i, 0, NULL);
    if (value && !json_is_object(value)) {
        json_decref(value);
        value = NULL;
    }
    return value;
}
