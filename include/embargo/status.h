/*
 * status.h - the one status code every embargo function returns.
 */
#ifndef EMBARGO_STATUS_H
#define EMBARGO_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    EMBARGO_OK = 0,
    EMBARGO_ENOMEM,      /* out of memory */
    EMBARGO_EIO,         /* a file could not be opened, read or written */
    EMBARGO_EFORMAT,     /* the content is not in the expected format */
    EMBARGO_EINVAL,      /* a bad argument */
    EMBARGO_ENOTFOUND,   /* no such entity, file or source */
    EMBARGO_ETRUNCATED,  /* the file ends in the middle of a record */
    EMBARGO_EENCODING    /* the text is not valid UTF-8 */
} embargo_status;

/* A short English description of STATUS, never NULL. */
const char *embargo_status_text(embargo_status status);

#ifdef __cplusplus
}
#endif
#endif
