/*
 * buf.h - a growable byte string, always NUL-terminated.
 */
#ifndef EMBARGO_BUF_H
#define EMBARGO_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data;    /* NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
    bool failed;   /* sticky: an allocation failed, contents are incomplete */
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_clear(buf *b);
bool buf_reserve(buf *b, size_t extra);
bool buf_append(buf *b, const char *s, size_t len);
bool buf_puts(buf *b, const char *s);
bool buf_putc(buf *b, char c);
bool buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool buf_vprintf(buf *b, const char *fmt, va_list ap);
/* The contents as a C string ("" when empty). */
const char *buf_str(const buf *b);

#endif
