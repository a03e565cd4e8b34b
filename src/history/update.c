/*
 * update.c - see update.h. One update_job carries the paths and the state
 * through the steps; each step returns false with job->err set, and
 * update_run removes the temp folder on any failure.
 */
#include "history/update.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "embargo/embargo.h"
#include "embargo/search.h"
#include "history/diff.h"
#include "history/fetch.h"
#include "history/fsx.h"
#include "history/rescreen.h"
#include "history/sha256.h"
#include "history/vstore.h"

typedef struct {
    const update_options *o;
    buf tmp;                      /* DATA/versions/.tmp-PID */
    buf lists;                    /* tmp/lists */
    buf current;                  /* the current version's name, "" when none */
    json_t *files;                /* [{path, sha256, bytes, url?}] */
    json_t *folders;              /* {folder: {entities, files}} */
    json_t *fetched;              /* {folder: true} for downloaded folders */
    embargo_store *store;
    json_t *hashes;               /* id -> hash of each entity's record, as in entities.tsv */
    buf notes;                    /* the load's first problem per file */
    char checksum[65];
    buf err;
    embargo_status status;
} update_job;

static void say(const update_job *job, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const update_job *job, const char *fmt, ...) {
    if (!job->o->log) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("update: ", job->o->log);
    vfprintf(job->o->log, fmt, ap);
    fputc('\n', job->o->log);
    va_end(ap);
}

static bool fail(update_job *job, embargo_status status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(update_job *job, embargo_status status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    buf_clear(&job->err);
    buf_vprintf(&job->err, fmt, ap);
    va_end(ap);
    job->status = status;
    return false;
}

/* The folder of a path relative to the lists ("un/x.xml" -> "un"; "x.csv" -> "."). */
static void folder_of(const char *rel, char *out, size_t size) {
    const char *slash = strchr(rel, '/');
    size_t n = slash ? (size_t)(slash - rel) : 1;
    if (n >= size) n = size - 1;
    memcpy(out, slash ? rel : ".", n);
    out[n] = '\0';
}

static void note_file(update_job *job, const char *rel, const char *sha, long long bytes, const char *url) {
    json_t *f = json_pack("{s:s, s:s, s:I}", "path", rel, "sha256", sha, "bytes", (json_int_t)bytes);
    if (url) json_object_set_new(f, "url", json_string(url));
    json_array_append_new(job->files, f);
}

/* Copies every file under SRC into tmp/lists/PREFIX (PREFIX "" or "folder/"), skipping folder SKIP. */
static bool copy_tree(update_job *job, const char *src, const char *prefix, const char *skip) {
    fsx_list l;
    buf e;
    buf_init(&e);
    if (!fsx_list_files(src, &l, &e)) {
        fail(job, EMBARGO_EIO, "%s", buf_str(&e));
        buf_free(&e);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < l.n; i++) {
        char folder[256];
        folder_of(l.paths[i], folder, sizeof folder);
        if (skip && strcmp(folder, skip) == 0) continue;
        char from[8192], rel[4096], to[8192], sha[65];
        long long bytes = 0;
        snprintf(from, sizeof from, "%s/%s", src, l.paths[i]);
        snprintf(rel, sizeof rel, "%s%s", prefix, l.paths[i]);
        snprintf(to, sizeof to, "%s/%s", buf_str(&job->lists), rel);
        ok = fsx_copy(from, to, sha, &bytes, &e);
        if (ok) note_file(job, rel, sha, bytes, NULL);
        else fail(job, EMBARGO_EIO, "%s", buf_str(&e));
    }
    fsx_list_free(&l);
    buf_free(&e);
    return ok;
}

/* With a source named: the other folders of the current version, unchanged. */
static bool copy_other_sources(update_job *job) {
    if (!job->o->source || !job->current.len) return true;
    buf path;
    buf_init(&path);
    bool ok = copy_tree(job, vstore_path(job->o->data, buf_str(&job->current), "lists", &path), "", job->o->source);
    buf_free(&path);
    return ok;
}

/* Step 1, import: --from DIR (all of it, or as the named source's folder). */
static bool import_files(update_job *job) {
    struct stat st;
    if (stat(job->o->from, &st) != 0 || !S_ISDIR(st.st_mode))
        return fail(job, EMBARGO_EINVAL, "%s: no such folder to import from", job->o->from);
    if (!copy_other_sources(job)) return false;
    if (!job->o->source) return copy_tree(job, job->o->from, "", NULL);
    char sub[4096], prefix[512];
    snprintf(sub, sizeof sub, "%s/%s", job->o->from, job->o->source);
    snprintf(prefix, sizeof prefix, "%s/", job->o->source);
    bool nested = stat(sub, &st) == 0 && S_ISDIR(st.st_mode);
    return copy_tree(job, nested ? sub : job->o->from, prefix, NULL);
}

static bool read_table(update_job *job, fetch_table *t) {
    buf path, e;
    buf_init(&path);
    buf_init(&e);
    const char *file = job->o->sources_file;
    struct stat st;
    if (!file) {
        buf_printf(&path, "%s/sources.conf", job->o->data);
        if (stat(buf_str(&path), &st) == 0) file = buf_str(&path);
    }
    bool ok = file ? fetch_table_read(file, t, &e) : fetch_table_default(t);
    if (!ok) fail(job, EMBARGO_EINVAL, "%s", e.len ? buf_str(&e) : "out of memory");
    buf_free(&path);
    buf_free(&e);
    return ok;
}

/* Step 1, download: each address of the table (of the named source only) into its folder. */
static bool download_files(update_job *job) {
    fetch_table t = {0};
    if (!read_table(job, &t)) return false;
    bool ok = copy_other_sources(job), any = false;
    buf e;
    buf_init(&e);
    for (size_t i = 0; ok && i < t.n; i++) {
        const fetch_entry *f = &t.items[i];
        if (job->o->source && strcmp(job->o->source, f->folder) != 0) continue;
        char rel[1024], dir[8192], dest[8192], sha[65];
        long long bytes = 0;
        snprintf(rel, sizeof rel, "%s/%s", f->folder, f->file);
        snprintf(dir, sizeof dir, "%s/%s", buf_str(&job->lists), f->folder);
        snprintf(dest, sizeof dest, "%s/%s", buf_str(&job->lists), rel);
        say(job, "downloading %s", f->url);
        ok = fsx_mkdirs(dir, &e) && fetch_url(f->url, dest, &e) &&
             fsx_hash_file(dest, sha, &bytes, &e);
        if (!ok) break;
        note_file(job, rel, sha, bytes, f->url);
        json_object_set_new(job->fetched, f->folder, json_true());
        any = true;
    }
    if (!ok && job->status == EMBARGO_OK) fail(job, EMBARGO_EIO, "download failed: %s", buf_str(&e));
    if (ok && !any) ok = fail(job, EMBARGO_EINVAL, "no address for source '%s' in the table", job->o->source);
    buf_free(&e);
    fetch_table_free(&t);
    return ok;
}

/* Keeps the first problem of each file, to say why a file gave nothing. */
static void keep_note(const embargo_diagnostic *d, void *user) {
    update_job *job = user;
    if (job->notes.len > 4000 || (!d->fatal && strstr(buf_str(&job->notes), d->file))) return;
    buf_printf(&job->notes, "%s%s:%ld: %s", job->notes.len ? "; " : "", d->file, d->line, d->message);
}

/* Step 2: the files load, and entities are counted per folder. */
static bool load_files(update_job *job) {
    job->store = embargo_store_new();
    if (!job->store) return fail(job, EMBARGO_ENOMEM, "out of memory");
    embargo_store_set_diagnostics(job->store, keep_note, job);
    embargo_status s = embargo_store_load_path(job->store, buf_str(&job->lists));
    embargo_store_set_diagnostics(job->store, NULL, NULL);
    if (s != EMBARGO_OK) return fail(job, EMBARGO_EFORMAT, "the new files do not load: %s", embargo_store_error(job->store));
    size_t prefix = job->lists.len + 1;
    for (size_t i = 0; i < embargo_store_source_count(job->store); i++) {
        const embargo_source *src = embargo_store_source(job->store, i);
        char folder[256];
        folder_of(strlen(src->path) > prefix ? src->path + prefix : src->path, folder, sizeof folder);
        json_t *f = json_object_get(job->folders, folder);
        if (!f) json_object_set_new(job->folders, folder, f = json_pack("{s:i}", "entities", 0));
        json_int_t n = json_integer_value(json_object_get(f, "entities"));
        json_object_set_new(f, "entities", json_integer(n + (json_int_t)src->n_entities));
    }
    const char *folder;
    json_t *v;
    json_object_foreach(job->fetched, folder, v) {
        json_t *f = json_object_get(job->folders, folder);
        if (!f || json_integer_value(json_object_get(f, "entities")) == 0)
            return fail(job, EMBARGO_EFORMAT, "%s: the downloaded files hold no list embargo can read (%s)", folder,
                        job->notes.len ? buf_str(&job->notes) : "no entities");
    }
    if (embargo_store_count(job->store) == 0)
        return fail(job, EMBARGO_EFORMAT, "the files hold no list embargo can read (%s)",
                    job->notes.len ? buf_str(&job->notes) : "no entities");
    say(job, "loaded %zu entities from %zu sources", embargo_store_count(job->store),
        embargo_store_source_count(job->store));
    return true;
}

/* Step 3: no folder of the current version loses more than max_shrink of its entities. */
static bool check_shrink(update_job *job) {
    if (!job->current.len) return true;
    buf e;
    buf_init(&e);
    json_t *m = vstore_manifest(job->o->data, buf_str(&job->current), &e);
    buf_free(&e);
    if (!m) return true; /* an unreadable old manifest cannot veto */
    const char *folder;
    json_t *old;
    bool ok = true;
    json_object_foreach(json_object_get(m, "folders"), folder, old) {
        json_int_t before = json_integer_value(json_object_get(old, "entities"));
        json_int_t after = json_integer_value(json_object_get(json_object_get(job->folders, folder), "entities"));
        if (before <= 0 || (double)after >= (double)before * (1.0 - job->o->max_shrink)) continue;
        if (job->o->force) {
            say(job, "%s: %lld entities, was %lld (accepted: --force)", folder, (long long)after, (long long)before);
            continue;
        }
        ok = fail(job, EMBARGO_EINVAL, "%s: %lld entities where the current version has %lld (down %.0f%%, more than "
                  "%.0f%%): refused; --force accepts it", folder, (long long)after, (long long)before,
                  100.0 * (1.0 - (double)after / (double)before), 100.0 * job->o->max_shrink);
        break;
    }
    json_decref(m);
    return ok;
}

static int line_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The checksum of the version: of its files' paths and hashes, sorted by path. */
static bool version_checksum(update_job *job) {
    size_t n = json_array_size(job->files), i;
    char **lines = calloc(n ? n : 1, sizeof *lines);
    json_t *f;
    bool ok = lines != NULL;
    json_array_foreach(job->files, i, f) {
        if (!ok) break;
        if (asprintf(&lines[i], "%s\t%s\n", json_string_value(json_object_get(f, "path")),
                     json_string_value(json_object_get(f, "sha256"))) < 0)
            lines[i] = NULL, ok = false;
    }
    sha256_ctx *ctx = ok ? sha256_begin() : NULL;
    if (ctx) {
        qsort(lines, n, sizeof *lines, line_cmp);
        for (i = 0; i < n; i++) sha256_add(ctx, lines[i], strlen(lines[i]));
        sha256_finish(ctx, job->checksum);
    }
    for (i = 0; lines && i < n; i++) free(lines[i]);
    free(lines);
    return ctx ? true : fail(job, EMBARGO_ENOMEM, "out of memory");
}

/* entities.tsv: each entity's id and the hash of its record. */
static bool write_entity_hashes(update_job *job) {
    buf text, path, e;
    buf_init(&text), buf_init(&path), buf_init(&e);
    bool ok = true;
    for (size_t i = 0; ok && i < embargo_store_count(job->store); i++) {
        const embargo_entity *ent = embargo_store_at(job->store, i);
        char hex[65];
        ok = diff_entity_hash(ent, hex) && buf_printf(&text, "%s\t%s\n", ent->id, hex) &&
             json_object_set_new(job->hashes, ent->id, json_string(hex)) == 0;
    }
    buf_printf(&path, "%s/entities.tsv", buf_str(&job->tmp));
    if (!ok) fail(job, EMBARGO_ENOMEM, "out of memory");
    else if (!fsx_write(buf_str(&path), text.data ? text.data : "", text.len, &e)) ok = fail(job, EMBARGO_EIO, "%s", buf_str(&e));
    buf_free(&text), buf_free(&path), buf_free(&e);
    return ok;
}

static bool write_manifest(update_job *job, const char *name) {
    char created[32];
    time_t now = time(NULL);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    json_t *sources = json_array();
    for (size_t i = 0; i < embargo_store_source_count(job->store); i++) {
        const embargo_source *s = embargo_store_source(job->store, i);
        json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:I}", "name", s->name, "format", s->format, "path",
                              s->path + (strncmp(s->path, buf_str(&job->lists), job->lists.len) == 0 ? job->lists.len + 1 : 0),
                              "entities", (json_int_t)s->n_entities, "skipped", (json_int_t)s->n_skipped);
        if (s->published) json_object_set_new(o, "published", json_string(s->published));
        json_array_append_new(sources, o);
    }
    json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:O, s:O, s:o}", "version", name, "created", created,
                          "checksum", job->checksum, "engine", EMBARGO_VERSION, "origin",
                          job->o->from ? job->o->from : "download", "entities",
                          (json_int_t)embargo_store_count(job->store), "folders", job->folders, "files", job->files,
                          "sources", sources);
    char *text = m ? json_dumps(m, JSON_INDENT(1) | JSON_SORT_KEYS) : NULL;
    json_decref(m);
    buf path, e;
    buf_init(&path), buf_init(&e);
    buf_printf(&path, "%s/manifest.json", buf_str(&job->tmp));
    bool ok = text && fsx_write(buf_str(&path), text, strlen(text), &e);
    if (!ok) fail(job, text ? EMBARGO_EIO : EMBARGO_ENOMEM, "%s", text ? buf_str(&e) : "out of memory");
    free(text);
    buf_free(&path), buf_free(&e);
    return ok;
}

/*
 * The index of the entities added or changed since the current version,
 * for `embargo rescreen` (rescreen.h); none when nothing changed or there
 * is no current version.
 */
static bool write_changed_index(update_job *job) {
    if (!job->current.len) return true;
    buf e, path;
    buf_init(&e), buf_init(&path);
    json_t *old = vstore_entity_hashes(job->o->data, buf_str(&job->current), &e);
    rescreen_set changed = {0};
    bool ok = old != NULL;
    if (!ok) fail(job, EMBARGO_EIO, "%s", buf_str(&e));
    else if (!rescreen_changed(old, job->hashes, &changed)) ok = fail(job, EMBARGO_ENOMEM, "out of memory");
    else if (changed.n) {
        buf_printf(&path, "%s/changed-since-%s.idx", buf_str(&job->tmp), buf_str(&job->current));
        if (rescreen_changed_index_write(job->store, &changed, buf_str(&path), &e) != EMBARGO_OK)
            ok = fail(job, EMBARGO_EIO, "the index of the changed entities could not be built: %s", buf_str(&e));
    }
    rescreen_set_free(&changed);
    json_decref(old);
    buf_free(&e), buf_free(&path);
    return ok;
}

/* Step 4: the index, the entity hashes and the manifest, all synced. */
static bool build_version(update_job *job, const char *name) {
    buf path, e;
    buf_init(&path), buf_init(&e);
    buf_printf(&path, "%s/embargo.idx", buf_str(&job->tmp));
    char msg[512] = "";
    bool ok = embargo_index_build(job->store, buf_str(&path), msg, sizeof msg) == EMBARGO_OK;
    if (!ok) fail(job, EMBARGO_EIO, "the index could not be built: %s", msg);
    ok = ok && write_entity_hashes(job) && write_changed_index(job) && write_manifest(job, name);
    /* Every folder of the version synced, deepest first does not matter: all are. */
    fsx_list l;
    if (ok && fsx_list_files(buf_str(&job->lists), &l, &e)) {
        for (size_t i = 0; ok && i < l.n; i++) {
            char dir[8192];
            snprintf(dir, sizeof dir, "%s/%s", buf_str(&job->lists), l.paths[i]);
            char *slash = strrchr(dir, '/');
            *slash = '\0';
            if (!fsx_sync(dir, &e)) ok = fail(job, EMBARGO_EIO, "%s", buf_str(&e));
        }
        fsx_list_free(&l);
    }
    if (ok && (!fsx_sync(buf_str(&job->lists), &e) || !fsx_sync(buf_str(&job->tmp), &e)))
        ok = fail(job, EMBARGO_EIO, "%s", buf_str(&e));
    buf_free(&path), buf_free(&e);
    return ok;
}

/* Makes LINK a symbolic link to TARGET by renaming a new link over it. */
static bool switch_link(const char *data, const char *link, const char *target, buf *err) {
    char tmp[4096], path[4096];
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp-%ld", data, link, (long)getpid());
    snprintf(path, sizeof path, "%s/%s", data, link);
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, path) != 0) {
        buf_printf(err, "%s: cannot switch the link: %s", path, strerror(errno));
        unlink(tmp);
        return false;
    }
    return true;
}

/* DATA/lists and DATA/embargo.idx through current, where nothing else is there. */
static void default_links(const char *data) {
    static const char *const links[][2] = {{"lists", "current/lists"}, {"embargo.idx", "current/embargo.idx"}};
    for (size_t i = 0; i < 2; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", data, links[i][0]);
        if (lstat(path, &st) != 0) (void)!symlink(links[i][1], path);
    }
}

/* Step 5: the version under its name, then current switched to it. */
static bool publish(update_job *job, const char *name) {
    buf final, versions, target, e;
    buf_init(&final), buf_init(&versions), buf_init(&target), buf_init(&e);
    buf_printf(&versions, "%s/versions", job->o->data);
    buf_printf(&final, "%s/%s", buf_str(&versions), name);
    buf_printf(&target, "versions/%s", name);
    bool ok = true;
    if (rename(buf_str(&job->tmp), buf_str(&final)) != 0)
        ok = fail(job, EMBARGO_EIO, "%s: cannot rename into place: %s", buf_str(&final), strerror(errno));
    else if (!fsx_sync(buf_str(&versions), &e) || !switch_link(job->o->data, "current", buf_str(&target), &e) ||
             !fsx_sync(job->o->data, &e))
        ok = fail(job, EMBARGO_EIO, "%s", buf_str(&e));
    if (ok) default_links(job->o->data);
    buf_free(&final), buf_free(&versions), buf_free(&target), buf_free(&e);
    return ok;
}

/* Removes temp folders of updates that were killed (we hold the lock: none runs). */
static void remove_stale(const char *data) {
    char versions[4096];
    snprintf(versions, sizeof versions, "%s/versions", data);
    DIR *d = opendir(versions);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        if (strncmp(e->d_name, ".tmp-", 5) != 0) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", versions, e->d_name);
        fsx_remove_tree(path);
    }
    closedir(d);
}

/* Takes the data folder's update lock; -1 when another update holds it. */
static int take_lock(update_job *job) {
    char path[4096];
    snprintf(path, sizeof path, "%s/.update.lock", job->o->data);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        fail(job, EMBARGO_EIO, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        fail(job, EMBARGO_EINVAL, "another update of %s is running", job->o->data);
        close(fd);
        return -1;
    }
    return fd;
}

static bool prepare(update_job *job) {
    buf e;
    buf_init(&e);
    buf_printf(&job->tmp, "%s/versions/.tmp-%ld", job->o->data, (long)getpid());
    buf_printf(&job->lists, "%s/lists", buf_str(&job->tmp));
    bool ok = fsx_mkdirs(buf_str(&job->lists), &e);
    if (!ok) fail(job, EMBARGO_EIO, "%s", buf_str(&e));
    vstore_current(job->o->data, &job->current);
    buf_free(&e);
    return ok;
}

/* Steps 1 to 5 under the lock. */
static bool run_steps(update_job *job, update_report *report) {
    if (!prepare(job)) return false;
    if (!(job->o->from ? import_files(job) : download_files(job))) return false;
    say(job, "%zu files in %s", json_array_size(job->files), buf_str(&job->tmp));
    if (!load_files(job) || !check_shrink(job) || !version_checksum(job)) return false;
    report->n_entities = embargo_store_count(job->store);
    json_t *m = job->current.len ? vstore_manifest(job->o->data, buf_str(&job->current), &job->err) : NULL;
    bool same = m && strcmp(json_string_value(json_object_get(m, "checksum")), job->checksum) == 0;
    json_decref(m);
    buf_clear(&job->err);
    if (same) {
        snprintf(report->version, sizeof report->version, "%s", buf_str(&job->current));
        report->unchanged = true;
        say(job, "the files equal the current version %s: nothing to do", report->version);
        return true;
    }
    /* Names sort by time, to the microsecond, so two updates in one second keep their order. */
    char stamp[32];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", gmtime_r(&ts.tv_sec, &tm));
    snprintf(report->version, sizeof report->version, "%s.%06ldZ-%.12s", stamp, ts.tv_nsec / 1000, job->checksum);
    if (!build_version(job, report->version)) return false;
    say(job, "version %s built (index, entities.tsv, index of the changed entities, manifest.json)", report->version);
    if (!publish(job, report->version)) return false;
    say(job, "current -> versions/%s", report->version);
    return true;
}

embargo_status update_run(const update_options *options, update_report *report) {
    memset(report, 0, sizeof *report);
    update_job job = {.o = options, .status = EMBARGO_OK};
    buf_init(&job.tmp), buf_init(&job.lists), buf_init(&job.current), buf_init(&job.notes), buf_init(&job.err);
    job.files = json_array();
    job.folders = json_object();
    job.fetched = json_object();
    job.hashes = json_object();
    char versions[4096];
    snprintf(versions, sizeof versions, "%s/versions", options->data);
    int lock = -1;
    bool ok = job.files && job.folders && job.fetched && job.hashes ? true : fail(&job, EMBARGO_ENOMEM, "out of memory");
    if (ok && !fsx_mkdirs(versions, &job.err)) ok = fail(&job, EMBARGO_EIO, "%s", buf_str(&job.err));
    if (ok && (lock = take_lock(&job)) < 0) ok = false;
    if (ok) remove_stale(options->data);
    if (ok) ok = run_steps(&job, report);
    if (job.tmp.len) fsx_remove_tree(buf_str(&job.tmp));
    if (!ok) snprintf(report->error, sizeof report->error, "%s", job.err.len ? buf_str(&job.err) : "failed");
    if (lock >= 0) close(lock);
    embargo_store_destroy(job.store);
    json_decref(job.files), json_decref(job.folders), json_decref(job.fetched), json_decref(job.hashes);
    buf_free(&job.tmp), buf_free(&job.lists), buf_free(&job.current), buf_free(&job.notes), buf_free(&job.err);
    return ok ? EMBARGO_OK : (job.status != EMBARGO_OK ? job.status : EMBARGO_EIO);
}
