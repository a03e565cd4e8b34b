/*
 * sha256.h - SHA-256 in hex, through OpenSSL's libcrypto (EVP), for the
 * checksums of list files and versions and the audit chain.
 */
#ifndef EMBARGO_HISTORY_SHA256_H
#define EMBARGO_HISTORY_SHA256_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sha256_ctx sha256_ctx;

/* A new running hash, or NULL on OOM. sha256_finish frees it. */
sha256_ctx *sha256_begin(void);
void sha256_add(sha256_ctx *ctx, const void *data, size_t len);
/* Writes the digest as 64 lower-case hex digits and a NUL into HEX; frees CTX. */
void sha256_finish(sha256_ctx *ctx, char hex[65]);
/* The digest of LEN bytes at DATA into HEX. Returns false on OOM. */
bool sha256_hex(const void *data, size_t len, char hex[65]);

#endif
