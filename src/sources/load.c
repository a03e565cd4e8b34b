/*
 * load.c - loading paths into a store: format detection, the folder walk,
 * and the reporting and commit helpers every loader uses.
 */
#include "sources/load.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/store_int.h"
#include "util/buf.h"

static void load_report(load_ctx *ctx, long line, int fatal, const char *fmt, va_list ap) {
    buf message;
    buf_init(&message);
    buf_vprintf(&message, fmt, ap);
    embargo_store *store = ctx->store;
    if (fatal) {
        buf_clear(&store->error);
        if (line > 0) buf_printf(&store->error, "%s:%ld: %s", ctx->path, line, buf_str(&message));
        else buf_printf(&store->error, "%s: %s", ctx->path, buf_str(&message));
    }
    if (store->diag_fn) {
        embargo_diagnostic diag = {ctx->path, line, buf_str(&message), fatal};
        store->diag_fn(&diag, store->diag_user);
    }
    buf_free(&message);
}

void load_warn(load_ctx *ctx, long line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    load_report(ctx, line, 0, fmt, ap);
    va_end(ap);
    ctx->store->sources[ctx->source].pub.n_warnings++;
}

void load_skip(load_ctx *ctx, long line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    load_report(ctx, line, 0, fmt, ap);
    va_end(ap);
    ctx->store->sources[ctx->source].pub.n_skipped++;
}

embargo_status load_fail(load_ctx *ctx, long line, embargo_status status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    load_report(ctx, line, 1, fmt, ap);
    va_end(ap);
    ctx->store->sources[ctx->source].pub.incomplete = 1;
    return status;
}

void load_name_source(load_ctx *ctx, const char *name) {
    store_name_source(ctx->store, ctx->source, name);
}

void load_set_published(load_ctx *ctx, const char *iso_date) {
    if (iso_date && *iso_date)
        ctx->store->sources[ctx->source].pub.published = arena_strdup(&ctx->store->mem, iso_date);
}

void load_set_unique_id(load_ctx *ctx, draft *d, buf *id, int limit) {
    const char *source = embargo_store_source(ctx->store, ctx->source)->name;
    size_t base_len = id->len;
    for (int n = 2; n < limit; n++) {
        buf full;
        buf_init(&full);
        buf_printf(&full, "%s:%s", source, buf_str(id));
        bool taken = embargo_store_get(ctx->store, buf_str(&full)) != NULL;
        buf_free(&full);
        if (!taken) break;
        id->len = base_len;
        buf_printf(id, "-%d", n);
    }
    draft_set_id(d, buf_str(id));
}

embargo_status load_commit(load_ctx *ctx, draft *d, long line) {
    embargo_status status = EMBARGO_OK;
    const embargo_entity *e = draft_entity(d);
    if (draft_failed(d)) {
        status = EMBARGO_ENOMEM;
    } else if (!e->source_id) {
        load_skip(ctx, line, "record has no id; skipped");
    } else if (e->n_names == 0) {
        load_skip(ctx, line, "record %s has no name; skipped", e->source_id);
    } else {
        if (draft_bad_utf8(d))
            load_warn(ctx, line, "record %s: %zu invalid UTF-8 sequences replaced by U+FFFD",
                      e->source_id, draft_bad_utf8(d));
        status = store_add_entity(ctx->store, ctx->source, e);
        if (status == EMBARGO_EINVAL) {
            load_skip(ctx, line, "record %s: the id is used by an earlier record; skipped", e->source_id);
            status = EMBARGO_OK;
        } else if (status == EMBARGO_OK) {
            ctx->n_committed++;
        }
    }
    draft_reset(d);
    return status;
}

long load_read_head(const char *path, char *head) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t n = fread(head, 1, LOAD_HEAD_SIZE, f);
    int err = ferror(f);
    fclose(f);
    return err ? -1 : (long)n;
}

const source_format *load_detect(const char *path, const char *head, size_t len) {
    const source_format *best = NULL;
    int best_score = 0;
    for (const source_format *const *f = source_formats; *f; f++) {
        int score = (*f)->sniff ? (*f)->sniff(path, head, len) : 0;
        if (score > best_score) {
            best = *f;
            best_score = score;
        }
    }
    return best;
}

char *load_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static int path_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entries of DIR (files when WANT_DIRS is false, else folders), sorted. */
static char **folder_entries(const char *dir, bool want_dirs) {
    DIR *d = opendir(dir);
    if (!d) return NULL;
    size_t n = 0, cap = 16;
    char **paths = malloc(cap * sizeof *paths);
    struct dirent *ent;
    while (paths && (ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.') continue; /* ., .., hidden files */
        buf full;
        buf_init(&full);
        buf_printf(&full, "%s/%s", dir, ent->d_name);
        struct stat st;
        bool keep = !full.failed && stat(full.data, &st) == 0 &&
                    (want_dirs ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
        if (!keep) {
            buf_free(&full);
            continue;
        }
        if (n + 1 == cap) {
            char **grown = realloc(paths, (cap *= 2) * sizeof *paths);
            if (!grown) {
                buf_free(&full);
                break;
            }
            paths = grown;
        }
        paths[n++] = full.data;
    }
    closedir(d);
    if (!paths) return NULL;
    qsort(paths, n, sizeof *paths, path_cmp);
    paths[n] = NULL;
    return paths;
}

char **load_folder_files(const char *dir) {
    return folder_entries(dir, false);
}

void load_free_paths(char **paths) {
    if (!paths) return;
    for (char **p = paths; *p; p++) free(*p);
    free(paths);
}

/* Loads one file of known FORMAT as a new source. */
static embargo_status load_file_as(embargo_store *store, const char *path,
                                   const source_format *format) {
    size_t source = store_add_source(store, format->id, format->authority, path,
                                     format->reference_only);
    if (source == (size_t)-1) return EMBARGO_ENOMEM;
    load_ctx ctx = {store, format, path, source, draft_new(), 0};
    if (!ctx.draft) return EMBARGO_ENOMEM;
    embargo_status status = EMBARGO_OK;
    if (!store_name_source(store, source, format->short_name)) status = EMBARGO_ENOMEM;
    if (status == EMBARGO_OK) status = format->load(&ctx);
    if (status == EMBARGO_ENOMEM) load_fail(&ctx, 0, status, "out of memory");
    else if (status == EMBARGO_OK && ctx.n_committed == 0 && store->sources[source].pub.n_skipped)
        status = load_fail(&ctx, 0, EMBARGO_EFORMAT, "no record could be read");
    draft_free(ctx.draft);
    return status;
}

/* Reports a problem with a file that is not loaded as any source. */
static void load_note(embargo_store *store, const char *path, int fatal, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void load_note(embargo_store *store, const char *path, int fatal, const char *fmt, ...) {
    buf message;
    buf_init(&message);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&message, fmt, ap);
    va_end(ap);
    if (fatal) {
        buf_clear(&store->error);
        buf_printf(&store->error, "%s: %s", path, buf_str(&message));
    }
    if (store->diag_fn) {
        embargo_diagnostic diag = {path, 0, buf_str(&message), fatal};
        store->diag_fn(&diag, store->diag_user);
    }
    buf_free(&message);
}

/*
 * Loads one file. IN_FOLDER: it was found by walking a folder, so files of
 * no known format are noted and passed over, companions are left to their
 * set's loader, and reference-only sets are not loaded.
 */
/* True for the notes a list folder may carry beside its files (README.md, MANIFEST.md). */
static bool is_documentation(const char *path) {
    size_t n = strlen(path);
    return n > 3 && strcmp(path + n - 3, ".md") == 0;
}

static embargo_status load_file(embargo_store *store, const char *path, bool in_folder) {
    if (in_folder && is_documentation(path)) return EMBARGO_OK;
    char *head = malloc(LOAD_HEAD_SIZE);
    if (!head) return EMBARGO_ENOMEM;
    long n = load_read_head(path, head);
    if (n < 0) {
        free(head);
        load_note(store, path, 1, "cannot read: %s", strerror(errno));
        return EMBARGO_EIO;
    }
    const source_format *format = n > 0 ? load_detect(path, head, (size_t)n) : NULL;
    free(head);
    if (n == 0) {
        if (in_folder) return load_note(store, path, 0, "empty file, not loaded"), EMBARGO_OK;
        load_note(store, path, 1, "the file is empty");
        return EMBARGO_EFORMAT;
    }
    if (!format) {
        if (in_folder) return load_note(store, path, 0, "not a list file embargo knows, not loaded"), EMBARGO_OK;
        load_note(store, path, 1, "not a list format embargo knows (see `embargo formats`)");
        return EMBARGO_EFORMAT;
    }
    if (format->companion) {
        if (!in_folder) {
            load_note(store, path, 1, "a part of a %s set: load its folder or main file", format->id);
            return EMBARGO_EINVAL;
        }
        return EMBARGO_OK;
    }
    if (in_folder && format->reference_only) {
        load_note(store, path, 0, "%s holds no sanctions list (a reference population); "
                  "not loaded from a folder, name the file to load it", format->id);
        return EMBARGO_OK;
    }
    return load_file_as(store, path, format);
}

static embargo_status load_folder(embargo_store *store, const char *dir) {
    char **files = folder_entries(dir, false);
    char **dirs = folder_entries(dir, true);
    embargo_status result = EMBARGO_OK;
    if (!files || !dirs) {
        load_note(store, dir, 1, "cannot read the folder: %s", strerror(errno));
        result = EMBARGO_EIO;
    }
    for (char **f = files; result != EMBARGO_EIO && f && *f; f++) {
        embargo_status status = load_file(store, *f, true);
        if (status == EMBARGO_ENOMEM) result = status;
        else if (status != EMBARGO_OK && result == EMBARGO_OK) result = status;
    }
    for (char **d = dirs; result != EMBARGO_ENOMEM && d && *d; d++) {
        embargo_status status = load_folder(store, *d);
        if (status != EMBARGO_OK && result == EMBARGO_OK) result = status;
    }
    load_free_paths(files);
    load_free_paths(dirs);
    return result;
}

embargo_status embargo_store_load_path(embargo_store *store, const char *path) {
    if (!store || !path) return EMBARGO_EINVAL;
    struct stat st;
    if (stat(path, &st) != 0) {
        load_note(store, path, 1, "%s", strerror(errno));
        return EMBARGO_ENOTFOUND;
    }
    return S_ISDIR(st.st_mode) ? load_folder(store, path) : load_file(store, path, false);
}
