/*
 * test_history_diff.c - `embargo diff`: an edited copy of the real OFAC SDN
 * files (made here in a temp folder) reports exactly the edits made; two
 * real OFAC versions give counts that add up; the CLI's JSON says the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "history/diff.h"
#include "support.h"

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return text;
}

static void write_all(const char *path, const char *text, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
}

/* Replaces the first FROM after the line starting with LINE_START by TO, in place in *TEXT. */
static void edit_line(char **text, size_t *len, const char *line_start, const char *from, const char *to) {
    char *line = strstr(*text, line_start);
    assert_non_null(line);
    char *at = strstr(line, from);
    assert_non_null(at);
    assert_true(memchr(line + 1, '\n', (size_t)(at - line - 1)) == NULL);
    size_t head = (size_t)(at - *text), nf = strlen(from), nt = strlen(to);
    char *out = malloc(*len - nf + nt + 1);
    assert_non_null(out);
    memcpy(out, *text, head);
    memcpy(out + head, to, nt);
    memcpy(out + head + nt, at + nf, *len - head - nf + 1);
    free(*text);
    *text = out;
    *len = *len - nf + nt;
}

/* Removes the line starting with LINE_START from *TEXT. */
static void drop_line(char *text, size_t *len, const char *line_start) {
    char *line = strstr(text, line_start);
    assert_non_null(line);
    line++; /* LINE_START begins with the previous line's end */
    char *end = strchr(line, '\n');
    assert_non_null(end);
    end++;
    memmove(line, end, (size_t)(text + *len - end) + 1);
    *len -= (size_t)(end - line);
}

/* A temp copy of ofac_sdn/ with: 424 removed, 99999901 added, 20157 DOB and program changed. */
static const char *make_edited_copy(void) {
    static char dir[512];
    snprintf(dir, sizeof dir, "%s/embargo-diff-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    mkdir(dir, 0700);
    static const char *const files[] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    for (size_t i = 0; i < 4; i++) {
        char src[1024], dst[1024];
        snprintf(src, sizeof src, "%s", real_list("ofac_sdn"));
        snprintf(src + strlen(src), sizeof src - strlen(src), "/%s", files[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, files[i]);
        size_t len;
        char *text = read_all(src, &len);
        if (i == 0) {
            edit_line(&text, &len, "\n20157,", "DOB 08 Jan 1984", "DOB 08 Jan 1983");
            edit_line(&text, &len, "\n20157,", "\"DPRK3\"", "\"DPRK3] [SDGT\"");
            drop_line(text, &len, "\n424,");
            static const char added[] = "99999901,\"TESTOVICH, Ivan\",\"individual\",\"RUSSIA-EO14024\",-0- ,-0- ,"
                                        "-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 01 Feb 1970.\"\r\n";
            text = realloc(text, len + sizeof added);
            memcpy(text + len, added, sizeof added);
            len += sizeof added - 1;
        }
        write_all(dst, text, len);
        free(text);
    }
    return dir;
}

static void remove_copy(const char *dir) {
    static const char *const files[] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    char path[1024];
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static size_t field_bit(const char *name) {
    for (size_t i = 0; i < diff_field_count(); i++)
        if (strcmp(diff_field_name(i), name) == 0) return i;
    fail_msg("no field %s", name);
    return 0;
}

static void test_edited_copy_reports_exactly_the_edits(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *old_store = load_ok(real_list("ofac_sdn"));
    const char *dir = make_edited_copy();
    embargo_store *new_store = load_ok(dir);
    diff_result d = {0};
    assert_int_equal(diff_stores(old_store, new_store, &d), EMBARGO_OK);
    assert_int_equal(d.n, 3);
    assert_int_equal(d.items[0].kind, DIFF_ADDED);
    assert_string_equal(d.items[0].id, "ofac:99999901");
    assert_string_equal(d.items[0].name, "TESTOVICH, Ivan");
    assert_int_equal(d.items[1].kind, DIFF_REMOVED);
    assert_string_equal(d.items[1].id, "ofac:424");
    assert_string_equal(d.items[1].name, "BOUTIQUE LA MAISON");
    assert_int_equal(d.items[2].kind, DIFF_CHANGED);
    assert_string_equal(d.items[2].id, "ofac:20157");
    assert_int_equal(d.items[2].fields, (1u << field_bit("births")) | (1u << field_bit("programs")));
    for (size_t i = 0; i < d.n; i++) assert_string_equal(d.items[i].source, "ofac");

    /* The entity hash changes exactly for the changed record. */
    char h1[65], h2[65];
    assert_true(diff_entity_hash(embargo_store_get(old_store, "ofac:20157"), h1));
    assert_true(diff_entity_hash(embargo_store_get(new_store, "ofac:20157"), h2));
    assert_string_not_equal(h1, h2);
    assert_true(diff_entity_hash(embargo_store_get(old_store, "ofac:306"), h1));
    assert_true(diff_entity_hash(embargo_store_get(new_store, "ofac:306"), h2));
    assert_string_equal(h1, h2);

    json_t *j = diff_to_json(&d);
    json_t *ofac = json_object_get(json_object_get(j, "sources"), "ofac");
    assert_int_equal(json_integer_value(json_object_get(ofac, "added")), 1);
    assert_int_equal(json_integer_value(json_object_get(ofac, "removed")), 1);
    assert_int_equal(json_integer_value(json_object_get(ofac, "changed")), 1);
    json_decref(j);
    diff_free(&d);

    /* Same store: nothing. */
    assert_int_equal(diff_stores(old_store, old_store, &d), EMBARGO_OK);
    assert_int_equal(d.n, 0);
    diff_free(&d);
    embargo_store_destroy(new_store);
    embargo_store_destroy(old_store);
    remove_copy(dir);
}

static void test_two_real_versions_count_up(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *old_store = load_ok(real_list("ofac_sdn"));
    embargo_store *new_store = load_ok(real_list("ofac_sdn_2024"));
    diff_result d = {0};
    assert_int_equal(diff_stores(old_store, new_store, &d), EMBARGO_OK);
    size_t added = diff_count(&d, "ofac", DIFF_ADDED), removed = diff_count(&d, "ofac", DIFF_REMOVED);
    size_t changed = diff_count(&d, "ofac", DIFF_CHANGED);
    print_message("ofac_sdn -> ofac_sdn_2024: %zu added, %zu removed, %zu changed\n", added, removed, changed);
    /* The 2024 list is much longer (8976 -> 14965 records), and a list changes, not renews. */
    assert_int_equal(embargo_store_count(old_store) - removed + added, embargo_store_count(new_store));
    assert_true(added > 5000);
    assert_true(removed > 0 && removed < embargo_store_count(old_store) / 2);
    assert_true(changed > 0);
    assert_int_equal(added + removed + changed, d.n);
    /* Kim Jong Un (20157) is on both. */
    for (size_t i = 0; i < d.n; i++) assert_true(d.items[i].kind == DIFF_CHANGED || strcmp(d.items[i].id, "ofac:20157") != 0);
    diff_free(&d);
    embargo_store_destroy(new_store);
    embargo_store_destroy(old_store);
}

static void test_cli_json(void **state) {
    (void)state;
    skip_without_lists();
    const char *bin = getenv("EMBARGO_BIN");
    if (!bin) skip();
    const char *dir = make_edited_copy();
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' diff '%s' '%s' --json", bin, real_list("ofac_sdn"), dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    json_error_t err;
    json_t *j = json_loadf(p, 0, &err);
    assert_int_equal(pclose(p), 0);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "changed")), 1);
    json_t *entities = json_object_get(json_object_get(json_object_get(j, "sources"), "ofac"), "entities");
    assert_int_equal(json_array_size(entities), 3);
    json_t *changed = json_array_get(entities, 2);
    assert_string_equal(json_string_value(json_object_get(changed, "id")), "ofac:20157");
    json_t *fields = json_object_get(changed, "fields");
    assert_int_equal(json_array_size(fields), 2);
    assert_string_equal(json_string_value(json_array_get(fields, 0)), "births");
    assert_string_equal(json_string_value(json_array_get(fields, 1)), "programs");
    json_decref(j);
    remove_copy(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edited_copy_reports_exactly_the_edits),
        cmocka_unit_test(test_two_real_versions_count_up),
        cmocka_unit_test(test_cli_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
