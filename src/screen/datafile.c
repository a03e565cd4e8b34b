/*
 * datafile.c - see datafile.h. Lines are read whole with getline, so any
 * line length works; the caller owns nothing it has to free per line.
 */
#include "screen/datafile.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

bool datafile_open(datafile *df, const char *path, char *err, size_t err_size) {
    memset(df, 0, sizeof *df);
    df->path = path;
    df->err = err;
    df->err_size = err_size;
    df->f = fopen(path, "r");
    if (!df->f) {
        if (err && err_size) snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    return true;
}

void datafile_close(datafile *df) {
    if (df->f) fclose(df->f);
    free(df->text);
    df->f = NULL;
    df->text = NULL;
}

bool datafile_fail(datafile *df, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (df->err && df->err_size) snprintf(df->err, df->err_size, "%s:%zu: %s", df->path, df->line, msg);
    df->failed = true;
    return false;
}

static char *trim(char *s, size_t *len) {
    while (*len && isspace((unsigned char)s[*len - 1])) s[--*len] = '\0';
    while (isspace((unsigned char)*s)) s++, (*len)--;
    return s;
}

int datafile_next(datafile *df) {
    for (;;) {
        ssize_t n = getline(&df->text, &df->cap, df->f);
        if (n < 0) {
            if (ferror(df->f)) datafile_fail(df, "cannot read: %s", strerror(errno));
            return -1;
        }
        df->line++;
        size_t len = (size_t)n;
        if (strlen(df->text) != len) return datafile_fail(df, "a NUL byte in the line"), -1;
        size_t bad;
        if (!utf8_valid(df->text, len, &bad)) return datafile_fail(df, "invalid UTF-8"), -1;
        char *s = trim(df->text, &len);
        if (*s == '#') continue;
        if (*s == '\0') return 0;
        char *sp = s;
        while (*sp && !isspace((unsigned char)*sp)) sp++;
        char *value = sp;
        if (*sp) {
            *sp = '\0';
            value = sp + 1;
            while (isspace((unsigned char)*value)) value++;
        }
        df->key = s;
        df->value = value;
        return 1;
    }
}

bool datafile_word(const char **p, char *out, size_t cap) {
    const char *s = *p;
    while (isspace((unsigned char)*s)) s++;
    size_t n = 0;
    while (s[n] && !isspace((unsigned char)s[n])) n++;
    if (n == 0 || n >= cap) return false;
    memcpy(out, s, n);
    out[n] = '\0';
    *p = s + n;
    return true;
}
