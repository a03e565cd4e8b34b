/*
 * fsx.c - see fsx.h.
 */
#include "history/fsx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history/sha256.h"

#define FSX_CHUNK 65536

bool fsx_mkdirs(const char *path, buf *err) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + 1;; p++) {
        if (*p != '/' && *p != '\0') continue;
        char c = *p;
        *p = '\0';
        if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
            buf_printf(err, "%s: cannot create the folder: %s", dir, strerror(errno));
            return false;
        }
        *p = c;
        if (!c) return true;
    }
}

bool fsx_mkparents(const char *path, buf *err) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return true;
    *slash = '\0';
    return fsx_mkdirs(dir, err);
}

static bool write_fully(int fd, const char *data, size_t len) {
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Reads IN to its end, hashing it and writing it to OUT (-1: no copy). */
static bool pump(int in, int out, char hex[65], long long *bytes) {
    char *chunk = malloc(FSX_CHUNK);
    sha256_ctx *ctx = sha256_begin();
    long long total = 0;
    bool ok = chunk && ctx;
    for (ssize_t n; ok && (n = read(in, chunk, FSX_CHUNK)) != 0;) {
        if (n < 0) {
            ok = errno == EINTR;
            continue;
        }
        sha256_add(ctx, chunk, (size_t)n);
        total += n;
        if (out >= 0) ok = write_fully(out, chunk, (size_t)n);
    }
    char digest[65];
    if (ctx) sha256_finish(ctx, digest);
    if (ok && hex) memcpy(hex, digest, 65);
    if (bytes) *bytes = total;
    free(chunk);
    return ok;
}

bool fsx_copy(const char *src, const char *dst, char hex[65], long long *bytes, buf *err) {
    if (!fsx_mkparents(dst, err)) return false;
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        buf_printf(err, "%s: cannot open: %s", src, strerror(errno));
        return false;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        buf_printf(err, "%s: cannot create: %s", dst, strerror(errno));
        close(in);
        return false;
    }
    bool ok = pump(in, out, hex, bytes);
    if (!ok) buf_printf(err, "%s: cannot copy to %s: %s", src, dst, strerror(errno));
    else if (fsync(out) != 0) ok = false, buf_printf(err, "%s: cannot sync: %s", dst, strerror(errno));
    close(in);
    if (close(out) != 0 && ok) ok = false, buf_printf(err, "%s: cannot write: %s", dst, strerror(errno));
    return ok;
}

bool fsx_hash_file(const char *path, char hex[65], long long *bytes, buf *err) {
    int in = open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    bool ok = pump(in, -1, hex, bytes);
    if (!ok) buf_printf(err, "%s: cannot read: %s", path, strerror(errno));
    close(in);
    return ok;
}

bool fsx_sync(const char *path, buf *err) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        buf_printf(err, "%s: cannot sync: %s", path, strerror(errno));
        if (fd >= 0) close(fd);
        return false;
    }
    close(fd);
    return true;
}

bool fsx_remove_tree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) return errno == ENOENT;
    if (!S_ISDIR(st.st_mode)) return unlink(path) == 0;
    DIR *d = opendir(path);
    if (!d) return false;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        fsx_remove_tree(child);
    }
    closedir(d);
    return rmdir(path) == 0;
}

bool fsx_write(const char *path, const char *data, size_t len, buf *err) {
    if (!fsx_mkparents(path, err)) return false;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && write_fully(fd, data, len) && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0) ok = false;
    if (!ok) buf_printf(err, "%s: cannot write: %s", path, strerror(errno));
    return ok;
}

static bool list_push(fsx_list *l, const char *path) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p) return false;
        l->paths = p;
        l->cap = cap;
    }
    return (l->paths[l->n] = strdup(path)) ? (l->n++, true) : false;
}

static bool walk(const char *root, const char *rel, fsx_list *out, buf *err) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(dir);
    if (!d) {
        buf_printf(err, "%s: cannot read the folder: %s", dir, strerror(errno));
        return false;
    }
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char child_rel[4096], child[8192];
        snprintf(child_rel, sizeof child_rel, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(child, sizeof child, "%s/%s", root, child_rel);
        struct stat st;
        if (stat(child, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) ok = walk(root, child_rel, out, err);
        else if (S_ISREG(st.st_mode) && !list_push(out, child_rel)) ok = false, buf_puts(err, "out of memory");
    }
    closedir(d);
    return ok;
}

static int path_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool fsx_list_files(const char *root, fsx_list *out, buf *err) {
    memset(out, 0, sizeof *out);
    if (!walk(root, "", out, err)) {
        fsx_list_free(out);
        return false;
    }
    if (out->n) qsort(out->paths, out->n, sizeof *out->paths, path_cmp);
    return true;
}

void fsx_list_free(fsx_list *l) {
    for (size_t i = 0; i < l->n; i++) free(l->paths[i]);
    free(l->paths);
    memset(l, 0, sizeof *l);
}
