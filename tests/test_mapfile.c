/*
 * test_mapfile.c - the sectioned index file: round trip, and every way a
 * damaged file must be refused rather than read.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index/mapfile.h"

static const char *write_sample(void) {
    static char path[256];
    snprintf(path, sizeof path, "/tmp/embargo-test-mapfile-%ld.idx", (long)getpid());
    mapfile_writer w;
    mapfile_writer_init(&w, 7);
    buf_puts(mapfile_writer_section(&w, "names"), "kim jong un");
    buf *ids = mapfile_writer_section(&w, "ids");
    uint32_t values[3] = {1, 2, 3};
    buf_append(ids, (const char *)values, sizeof values);
    buf error;
    buf_init(&error);
    assert_int_equal(mapfile_write(&w, path, &error), EMBARGO_OK);
    buf_free(&error);
    mapfile_writer_free(&w);
    return path;
}

static void test_round_trip(void **state) {
    (void)state;
    const char *path = write_sample();
    mapfile m;
    buf error;
    buf_init(&error);
    assert_int_equal(mapfile_open(&m, path, 7, true, &error), EMBARGO_OK);
    const mapfile_section *names = mapfile_get(&m, "names");
    assert_non_null(names);
    assert_int_equal(names->size, 11);
    assert_memory_equal(names->data, "kim jong un", 11);
    const mapfile_section *ids = mapfile_get(&m, "ids");
    assert_int_equal(ids->size, 12);
    assert_int_equal(((const uint32_t *)ids->data)[2], 3);
    assert_null(mapfile_get(&m, "nothere"));
    mapfile_close(&m);
    buf_free(&error);
    unlink(path);
}

/* Rewrites the file at PATH with byte AT flipped, or cut to AT bytes. */
static void damage(const char *path, long at, int truncate_it) {
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    if (truncate_it) {
        assert_int_equal(ftruncate(fileno(f), at), 0);
    } else {
        fseek(f, at, SEEK_SET);
        int c = fgetc(f);
        fseek(f, at, SEEK_SET);
        fputc(c ^ 0x5A, f);
    }
    fclose(f);
}

static void expect_refused(const char *path, uint32_t version, const char *words) {
    mapfile m;
    buf error;
    buf_init(&error);
    assert_int_equal(mapfile_open(&m, path, version, true, &error), EMBARGO_EFORMAT);
    if (!strstr(buf_str(&error), words)) fail_msg("message '%s' lacks '%s'", buf_str(&error), words);
    buf_free(&error);
}

static void test_damaged_files_are_refused(void **state) {
    (void)state;
    const char *path = write_sample();
    expect_refused(path, 8, "version");
    damage(path, 100, 0);
    expect_refused(path, 7, "checksum");
    path = write_sample();
    damage(path, 40, 1);
    expect_refused(path, 7, "truncated");
    path = write_sample();
    damage(path, 0, 0);
    expect_refused(path, 7, "magic");
    unlink(path);
    mapfile m;
    buf error;
    buf_init(&error);
    assert_int_equal(mapfile_open(&m, "/nonexistent/x.idx", 7, true, &error), EMBARGO_ENOTFOUND);
    buf_free(&error);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_damaged_files_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
