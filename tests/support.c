/*
 * support.c - see support.h.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t support_diagnostics;

const char *real_list(const char *file) {
    static char path[4096];
    const char *dir = getenv("EMBARGO_TEST_LISTS");
    if (!dir || !*dir) dir = "../shared/data/lists";
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return path;
}

const char *fixture(const char *file) {
    static char path[4096];
    const char *dir = getenv("EMBARGO_FIXTURES");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "tests/fixtures", file);
    return path;
}

/* The temporary files a test process wrote (temp_file), removed when it exits. */
#define SUPPORT_TEMP_FILES 512
static char *temp_made[SUPPORT_TEMP_FILES];
static size_t n_temp_made;

static void remove_temp_files(void) {
    while (n_temp_made) {
        char *path = temp_made[--n_temp_made];
        unlink(path);
        free(path);
    }
}

static void remember_temp_file(const char *path) {
    for (size_t i = 0; i < n_temp_made; i++)
        if (strcmp(temp_made[i], path) == 0) return;
    if (n_temp_made == 0) atexit(remove_temp_files);
    if (n_temp_made < SUPPORT_TEMP_FILES && (temp_made[n_temp_made] = strdup(path))) n_temp_made++;
}

const char *temp_file(const char *name, const char *text, size_t len) {
    static char path[4096];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/embargo-test-%ld-%s", tmp && *tmp ? tmp : "/tmp", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    remember_temp_file(path);
    return path;
}

const char *temp_table(const char *name, const char *header, const char *rows) {
    size_t n = strlen(header) + strlen(rows);
    char *text = malloc(n + 1);
    assert_non_null(text);
    snprintf(text, n + 1, "%s%s", header, rows);
    const char *path = temp_file(name, text, n);
    free(text);
    return path;
}

bool has_name(const embargo_entity *e, const char *full, embargo_name_quality quality) {
    for (size_t i = 0; i < e->n_names; i++)
        if (strcmp(e->names[i].full, full) == 0 && e->names[i].quality == quality) return true;
    return false;
}

bool has_program(const embargo_entity *e, const char *code) {
    for (size_t i = 0; i < e->n_programs; i++)
        if (strcmp(e->programs[i].code, code) == 0) return true;
    return false;
}

bool has_program_in(const embargo_entity *e, const char *code, const char *regime) {
    for (size_t i = 0; i < e->n_programs; i++)
        if (strcmp(e->programs[i].code, code) == 0 && strcmp(e->programs[i].regime, regime) == 0) return true;
    return false;
}

bool has_birth(const embargo_entity *e, const char *iso) {
    char text[64];
    for (size_t i = 0; i < e->n_births; i++)
        if (strcmp(embargo_date_format(&e->births[i], text, sizeof text), iso) == 0) return true;
    return false;
}

static void count_diag(const embargo_diagnostic *d, void *user) {
    (void)user;
    support_diagnostics++;
    if (getenv("EMBARGO_TEST_VERBOSE"))
        fprintf(stderr, "  diag %s:%ld: %s%s\n", d->file, d->line, d->fatal ? "FATAL " : "", d->message);
}

embargo_store *load_ok(const char *path) {
    embargo_store *store = embargo_store_new();
    assert_non_null(store);
    support_diagnostics = 0;
    embargo_store_set_diagnostics(store, count_diag, NULL);
    embargo_status status = embargo_store_load_path(store, path);
    if (status != EMBARGO_OK) fail_msg("loading %s failed: %s", path, embargo_store_error(store));
    return store;
}

char *load_fails(const char *path, embargo_status *status) {
    embargo_store *store = embargo_store_new();
    assert_non_null(store);
    support_diagnostics = 0;
    embargo_store_set_diagnostics(store, count_diag, NULL);
    embargo_status got = embargo_store_load_path(store, path);
    assert_int_not_equal(got, EMBARGO_OK);
    if (status) *status = got;
    char *message = strdup(embargo_store_error(store));
    embargo_store_destroy(store);
    return message;
}
