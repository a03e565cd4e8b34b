/*
 * utf8.h - small UTF-8 helpers for the hot paths that skip ICU.
 */
#ifndef EMBARGO_UTF8_H
#define EMBARGO_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point at S (LEN bytes left). Returns the bytes used (1-4)
 * and sets *CP; an invalid or truncated sequence returns 1 with *CP = -1.
 */
int utf8_decode(const unsigned char *s, size_t len, int32_t *cp);
/* Encodes CP into OUT (4 bytes room). Returns the bytes written. */
int utf8_encode(int32_t cp, char *out);
/* True when LEN bytes at S are valid UTF-8; *BAD_AT gets the first bad offset. */
bool utf8_valid(const char *s, size_t len, size_t *bad_at);

#endif
