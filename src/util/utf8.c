/*
 * utf8.c - strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
 */
#include "util/utf8.h"

#include <string.h>

int utf8_decode(const unsigned char *s, size_t len, int32_t *cp) {
    unsigned char c = s[0];
    int n;
    int32_t v, min;
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = -1; return 1; }
    if ((size_t)n > len) { *cp = -1; return 1; }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = -1; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *cp = -1; return 1; }
    *cp = v;
    return n;
}

int utf8_encode(int32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_at) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        uint64_t eight;
        if (i + 8 <= len && (memcpy(&eight, p + i, 8), !(eight & 0x8080808080808080ull))) { i += 8; continue; } /* ASCII */
        if (p[i] < 0x80) { i++; continue; }
        int32_t cp;
        int n = utf8_decode(p + i, len - i, &cp);
        if (cp < 0) {
            if (bad_at) *bad_at = i;
            return false;
        }
        i += (size_t)n;
    }
    return true;
}
