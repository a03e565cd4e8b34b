/*
 * auth.c - bearer tokens for the admin endpoints (and, when configured,
 * the API). The comparison takes the same time wherever the first wrong
 * byte is, so response times do not reveal the token.
 */
#include <string.h>
#include <strings.h>

#include "server/server_int.h"

bool auth_bearer_ok(const request *req, const char *token) {
    const char *h = req->authorization;
    if (!token || !*token || !h || strncasecmp(h, "Bearer ", 7) != 0) return false;
    h += 7;
    while (*h == ' ') h++;
    size_t n = strlen(token), m = strlen(h);
    while (m > 0 && (h[m - 1] == ' ' || h[m - 1] == '\t')) m--;
    unsigned diff = (unsigned)(n ^ m);
    for (size_t i = 0; i < n; i++) diff |= (unsigned char)token[i] ^ (unsigned char)(i < m ? h[i] : 0);
    return diff == 0;
}
