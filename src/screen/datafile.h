/*
 * datafile.h - reading the line-based data files of data/regimes and
 * data/goods: one "key value" entry per line, '#' comments, blank lines as
 * stanza breaks, and errors that name the file and line.
 */
#ifndef EMBARGO_DATAFILE_H
#define EMBARGO_DATAFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    FILE *f;
    const char *path;
    size_t line;                  /* number of the line last read, from 1 */
    char *text;                   /* the line last read, trimmed, owned here */
    size_t cap;
    const char *key;              /* its first word (points into text) */
    const char *value;            /* the rest, trimmed; "" when none */
    char *err;                    /* error buffer (caller's) */
    size_t err_size;
    bool failed;
} datafile;

/* Opens PATH; false with ERR set ("PATH: cannot open: ...") on failure. */
bool datafile_open(datafile *df, const char *path, char *err, size_t err_size);
void datafile_close(datafile *df);
/*
 * Reads the next line: 1 an entry (key, value set), 0 a blank line (a stanza
 * break; comment lines are skipped, not reported), -1 end of file or an error
 * (df->failed). A line with a NUL byte or invalid UTF-8 is an error.
 */
int datafile_next(datafile *df);
/* Sets the error "PATH:LINE: message" and df->failed; returns false. */
bool datafile_fail(datafile *df, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The next whitespace-separated word of *P into OUT (CAP bytes); false at the end or when too long. */
bool datafile_word(const char **p, char *out, size_t cap);

#endif
