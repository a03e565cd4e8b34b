/*
 * fsx.h - the file-system steps of an update that must survive a crash:
 * copying with a checksum and fsync, fsync of folders, removing a tree,
 * listing a tree's files. Paths are plain C strings; errors go to ERR as
 * "PATH: reason".
 */
#ifndef EMBARGO_HISTORY_FSX_H
#define EMBARGO_HISTORY_FSX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Creates PATH and the folders above it (mode 0755). */
bool fsx_mkdirs(const char *path, buf *err);
/* Creates the folders above PATH, as fsx_mkdirs() does for its folder part. */
bool fsx_mkparents(const char *path, buf *err);
/*
 * Copies SRC to DST (created, parents too), fsyncs it, and writes its
 * SHA-256 to HEX and its size to *BYTES (either may be NULL).
 */
bool fsx_copy(const char *src, const char *dst, char hex[65], long long *bytes, buf *err);
/* The SHA-256 and size of the file at PATH. */
bool fsx_hash_file(const char *path, char hex[65], long long *bytes, buf *err);
/* fsyncs the file or folder at PATH. */
bool fsx_sync(const char *path, buf *err);
/* Removes PATH and everything under it; true when it is gone. */
bool fsx_remove_tree(const char *path);
/* Writes LEN bytes to PATH (replacing it) and fsyncs it. */
bool fsx_write(const char *path, const char *data, size_t len, buf *err);

/*
 * The regular files under ROOT, as paths relative to ROOT, sorted; hidden
 * entries (".name") are skipped. Free with fsx_list_free. NULL with ERR set
 * when ROOT cannot be read.
 */
typedef struct {
    char **paths;
    size_t n, cap;
} fsx_list;
bool fsx_list_files(const char *root, fsx_list *out, buf *err);
void fsx_list_free(fsx_list *l);

#endif
