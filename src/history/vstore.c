/*
 * vstore.c - see vstore.h.
 */
#include "history/vstore.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embargo/search.h"
#include "history/fsx.h"

bool vstore_current(const char *data, buf *name) {
    char link[4096], target[4096];
    snprintf(link, sizeof link, "%s/current", data);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0) return false;
    target[n] = '\0';
    const char *slash = strrchr(target, '/');
    buf_clear(name);
    buf_puts(name, slash ? slash + 1 : target);
    return true;
}

const char *vstore_path(const char *data, const char *name, const char *what, buf *out) {
    buf_clear(out);
    buf_printf(out, "%s/versions/%s/%s", data, name, what);
    return buf_str(out);
}

json_t *vstore_manifest(const char *data, const char *name, buf *err) {
    buf path;
    buf_init(&path);
    json_error_t je;
    json_t *m = json_load_file(vstore_path(data, name, "manifest.json", &path), 0, &je);
    if (!m) buf_printf(err, "%s:%d: %s", buf_str(&path), je.line, je.text);
    buf_free(&path);
    return m;
}

static int name_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool vstore_list(const char *data, char ***names, size_t *n) {
    *names = NULL;
    *n = 0;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/versions", data);
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT;
    size_t cap = 0;
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(*names, cap * sizeof *p);
            if (!p) {
                ok = false;
                break;
            }
            *names = p;
        }
        if (!((*names)[*n] = strdup(e->d_name))) ok = false;
        else (*n)++;
    }
    closedir(d);
    if (*n) qsort(*names, *n, sizeof **names, name_cmp); /* names start with the time: oldest first */
    return ok;
}

void vstore_list_free(char **names, size_t n) {
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

bool vstore_verify(const char *data, const char *name, buf *err) {
    json_t *m = vstore_manifest(data, name, err);
    if (!m) return false;
    buf lists, path;
    buf_init(&lists), buf_init(&path);
    vstore_path(data, name, "lists", &lists);
    bool ok = json_is_array(json_object_get(m, "files"));
    if (!ok) buf_printf(err, "%s: the manifest lists no files", name);
    size_t i, n_files = 0;
    json_t *f;
    json_array_foreach(json_object_get(m, "files"), i, f) {
        if (!ok) break;
        buf_clear(&path);
        buf_printf(&path, "%s/%s", buf_str(&lists), json_string_value(json_object_get(f, "path")));
        char hex[65];
        long long bytes;
        ok = fsx_hash_file(buf_str(&path), hex, &bytes, err);
        if (ok && strcmp(hex, json_string_value(json_object_get(f, "sha256"))) != 0)
            ok = false, buf_printf(err, "%s: its sha256 is not the manifest's", buf_str(&path));
        n_files++;
    }
    fsx_list l;
    if (ok && fsx_list_files(buf_str(&lists), &l, err)) {
        if (l.n != n_files) ok = false, buf_printf(err, "%s: %zu files where the manifest lists %zu", buf_str(&lists), l.n, n_files);
        fsx_list_free(&l);
    }
    if (ok) {
        char msg[512];
        embargo_index *ix = NULL;
        if (embargo_index_open(vstore_path(data, name, "embargo.idx", &path), &ix, msg, sizeof msg) != EMBARGO_OK)
            ok = false, buf_printf(err, "%s: %s", buf_str(&path), msg);
        embargo_index_close(ix);
    }
    json_decref(m);
    buf_free(&lists), buf_free(&path);
    return ok;
}

json_t *vstore_entity_hashes(const char *data, const char *name, buf *err) {
    buf path;
    buf_init(&path);
    FILE *f = fopen(vstore_path(data, name, "entities.tsv", &path), "r");
    json_t *map = f ? json_object() : NULL;
    if (!f) buf_printf(err, "%s: cannot open: %s", buf_str(&path), strerror(errno));
    char line[4096];
    while (map && f && fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab || strlen(tab + 1) < 64) continue;
        *tab = '\0';
        tab[65] = '\0';
        json_object_set_new(map, line, json_string(tab + 1));
    }
    if (f) fclose(f);
    buf_free(&path);
    return map;
}
