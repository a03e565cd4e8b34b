/*
 * sha256.c - see sha256.h. A thin wrapper so the rest of the module does
 * not see OpenSSL.
 */
#include "history/sha256.h"

#include <openssl/evp.h>

/* sha256_ctx is never defined: a handle is an EVP_MD_CTX. */

sha256_ctx *sha256_begin(void) {
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md) return NULL;
    if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(md);
        return NULL;
    }
    return (sha256_ctx *)md;
}

void sha256_add(sha256_ctx *ctx, const void *data, size_t len) {
    EVP_DigestUpdate((EVP_MD_CTX *)ctx, data, len);
}

void sha256_finish(sha256_ctx *ctx, char hex[65]) {
    static const char digits[] = "0123456789abcdef";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex((EVP_MD_CTX *)ctx, digest, &n);
    EVP_MD_CTX_free((EVP_MD_CTX *)ctx);
    for (unsigned int i = 0; i < 32; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}

bool sha256_hex(const void *data, size_t len, char hex[65]) {
    sha256_ctx *ctx = sha256_begin();
    if (!ctx) return false;
    sha256_add(ctx, data, len);
    sha256_finish(ctx, hex);
    return true;
}
