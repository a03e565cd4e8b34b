/*
 * test_cli.c - the `embargo` command line as a user runs it, on the sample
 * lists in data/sample: lists (text and JSON), show, search, compare, screen
 * (CSV with bad rows, JSON lines), global options before and after the
 * command, and no lists at all.
 *
 * The binary comes from EMBARGO_BIN (set by CTest). Each run goes through
 * the shell with stdout and stderr sent to temporary files, HOME and
 * XDG_DATA_HOME pointed at an empty temporary folder and EMBARGO_LISTS
 * unset, so that nothing of the user's own set-up takes part.
 */
#include "support.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    int rc;
    char *out;
    char *err;
} run_result;

static char home[4096];           /* an empty folder for HOME and XDG_DATA_HOME */

static const char *bin(void) {
    const char *b = getenv("EMBARGO_BIN");
    return b && *b ? b : "build/embargo";
}

static const char *sample_dir(void) {
    static char path[4096];
    const char *root = getenv("EMBARGO_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/data/sample", root && *root ? root : ".");
    return path;
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 4096, n = 0;
    char *s = malloc(cap);
    size_t got;
    while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) s = realloc(s, cap *= 2);
    }
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Runs `embargo ARGS` (ARGS already shell-quoted) in the clean environment. */
static run_result run(const char *args) {
    char *out, *err, *cmd;
    assert_true(asprintf(&out, "%s/stdout", home) > 0);
    assert_true(asprintf(&err, "%s/stderr", home) > 0);
    assert_true(asprintf(&cmd, "env -u EMBARGO_LISTS HOME='%s' XDG_DATA_HOME='%s' '%s' %s >'%s' 2>'%s'", home, home,
                         bin(), args, out, err) > 0);
    int status = system(cmd);
    free(cmd);
    run_result r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
    unlink(out);
    unlink(err);
    free(out);
    free(err);
    return r;
}

/* Runs `embargo --lists SAMPLE ARGS`. */
static run_result run_sample(const char *args) {
    char full[8192];
    snprintf(full, sizeof full, "--lists '%s' %s", sample_dir(), args);
    return run(full);
}

static void drop(run_result *r) {
    free(r->out);
    free(r->err);
}

static void expect_rc(const run_result *r, int rc, const char *what) {
    if (r->rc != rc) fail_msg("%s: exit %d, expected %d\nstdout:\n%s\nstderr:\n%s", what, r->rc, rc, r->out, r->err);
}

static int setup(void **state) {
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(home, sizeof home, "%s/embargo-cli-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(home) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    return rmdir(home);
}

/* ---- commands ---- */

static void test_lists(void **state) {
    (void)state;
    run_result r = run_sample("lists");
    expect_rc(&r, 0, "lists");
    assert_non_null(strstr(r.out, "ofac"));
    assert_non_null(strstr(r.out, "un"));
    assert_non_null(strstr(r.out, "46 entities"));
    drop(&r);
}

static void test_lists_json(void **state) {
    (void)state;
    run_result r = run_sample("lists --json");
    expect_rc(&r, 0, "lists --json");
    json_error_t error;
    json_t *root = json_loads(r.out, 0, &error);
    if (!root) fail_msg("lists --json is not JSON: %s (line %d)\n%s", error.text, error.line, r.out);
    json_t *sources = json_object_get(root, "sources");
    assert_true(json_is_array(sources));
    assert_true(json_array_size(sources) >= 2);
    json_int_t total = 0;
    size_t i;
    json_t *source;
    json_array_foreach(sources, i, source) {
        assert_true(json_is_string(json_object_get(source, "name")));
        total += json_integer_value(json_object_get(source, "entities"));
    }
    assert_int_equal(total, 46);
    json_decref(root);
    drop(&r);
}

static void test_show(void **state) {
    (void)state;
    run_result r = run_sample("show ofac:20157");
    expect_rc(&r, 0, "show");
    assert_non_null(strstr(r.out, "KIM, Jong Un"));
    assert_non_null(strstr(r.out, "1984-01-08"));
    drop(&r);
    r = run_sample("show ofac:999999999");
    assert_int_not_equal(r.rc, 0);
    assert_true(strlen(r.err) > 0);
    drop(&r);
}

static void test_search(void **state) {
    (void)state;
    run_result r = run_sample("search 'Kim Jong Un'");
    expect_rc(&r, 0, "search");
    assert_non_null(strstr(r.out, "ofac:20157"));
    drop(&r);
    r = run_sample("--json search 'Kim Jong Un' --dob 1984-01-08");
    expect_rc(&r, 0, "search --json");
    json_t *root = json_loads(r.out, 0, NULL);
    assert_non_null(root);
    json_t *top = json_array_get(json_object_get(root, "hits"), 0);
    assert_string_equal(json_string_value(json_object_get(top, "id")), "ofac:20157");
    json_decref(root);
    drop(&r);
    /* nothing found is exit 1, a bad query exit 2 */
    r = run_sample("search 'Quintessa Wexford-Plumb'");
    expect_rc(&r, 1, "search for nobody");
    drop(&r);
    r = run_sample("search '!!!'");
    expect_rc(&r, 2, "search for punctuation");
    assert_true(strlen(r.err) > 0);
    drop(&r);
}

/* `embargo text`: a text naming a listed party exits 1 (something to look at), one naming none 0. */
static void test_text(void **state) {
    (void)state;
    static const struct { const char *text; int rc; const char *found; } cases[] = {
        {"Talks between Kim Jong Un and the ministry were reported.\n", 1, "ofac:20157"},
        {"The weather in the valley was mild and the harvest good.\n", 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path, *args;
        assert_true(asprintf(&path, "%s/article.txt", home) > 0);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(cases[i].text, f);
        fclose(f);
        assert_true(asprintf(&args, "text '%s'", path) > 0);
        run_result r = run_sample(args);
        expect_rc(&r, cases[i].rc, cases[i].text);
        if (cases[i].found) assert_non_null(strstr(r.out, cases[i].found));
        else assert_null(strstr(r.out, "party "));
        drop(&r);
        unlink(path);
        free(path);
        free(args);
    }
}

static void test_compare(void **state) {
    (void)state;
    run_result r = run_sample("compare 'Kim Jong Un' 'KIM, Jong Un'");
    expect_rc(&r, 0, "compare");
    double score = atof(r.out);
    assert_true(score >= 0.95);
    assert_non_null(strstr(r.out, "jong"));
    drop(&r);
    r = run_sample("compare 'Kim Jong Un' 'Vladimir Putin'");
    assert_true(atof(r.out) < 0.5);
    drop(&r);
}

/* ---- screen ---- */

/* Splits TEXT into lines (in place); returns how many. */
static size_t split_lines(char *text, char **lines, size_t cap) {
    size_t n = 0;
    for (char *p = strtok(text, "\n"); p && n < cap; p = strtok(NULL, "\n")) lines[n++] = p;
    return n;
}

/* Parses LINE as JSON; asserts its "line" is LINE_NO and its "id" is ID. */
static json_t *screen_line(const char *line, long line_no, const char *id) {
    json_error_t error;
    json_t *o = json_loads(line, 0, &error);
    if (!o) fail_msg("not JSON: %s: %s", error.text, line);
    assert_int_equal(json_integer_value(json_object_get(o, "line")), line_no);
    if (id) assert_string_equal(json_string_value(json_object_get(o, "id")), id);
    return o;
}

static const char *top_id(json_t *o) {
    return json_string_value(json_object_get(json_array_get(json_object_get(o, "hits"), 0), "id"));
}

static void test_screen_csv(void **state) {
    (void)state;
    const char *csv = "id,name,dob\n"
                      "r1,Kim Jong Un,1984-01-08\n"
                      "r2,,\n"
                      "r3,KOMID,\n"
                      "r4,Vladimir Putin,not a date\n"
                      "r5,\"Nobody, Special\",\n";
    char path[4096], args[8192];
    snprintf(path, sizeof path, "%s", temp_file("screen.csv", csv, strlen(csv)));
    const char *threads[] = {"1", "2"};
    for (size_t t = 0; t < 2; t++) {
        snprintf(args, sizeof args, "screen '%s' --threads %s", path, threads[t]);
        run_result r = run_sample(args);
        expect_rc(&r, 3, "screen with bad rows"); /* rows failed: a data error */
        char *lines[16];
        assert_int_equal(split_lines(r.out, lines, 16), 5);
        json_t *o = screen_line(lines[0], 2, "r1");
        assert_string_equal(top_id(o), "ofac:20157");
        json_decref(o);
        o = screen_line(lines[1], 3, "r2");
        assert_true(json_is_string(json_object_get(o, "error")));
        json_decref(o);
        o = screen_line(lines[2], 4, "r3");
        assert_non_null(strstr(json_string_value(json_object_get(json_array_get(json_object_get(o, "hits"), 0), "name")),
                               "KOREA MINING"));
        json_decref(o);
        o = screen_line(lines[3], 5, "r4");
        assert_non_null(strstr(json_string_value(json_object_get(o, "error")), "date of birth"));
        json_decref(o);
        o = screen_line(lines[4], 6, "r5");
        assert_int_equal(json_array_size(json_object_get(o, "hits")), 0);
        assert_null(json_object_get(o, "error"));
        json_decref(o);
        assert_non_null(strstr(r.err, "line 3"));
        assert_non_null(strstr(r.err, "line 5"));
        assert_null(strstr(r.err, "line 2:"));
        drop(&r);
    }
    unlink(path);
}

static void test_screen_good_csv(void **state) {
    (void)state;
    const char *csv = "name,country\nKim Jong Un,KP\nKOREA MINING DEVELOPMENT TRADING CORP,North Korea\n";
    char path[4096], args[8192];
    snprintf(path, sizeof path, "%s", temp_file("good.csv", csv, strlen(csv)));
    snprintf(args, sizeof args, "screen '%s'", path);
    run_result r = run_sample(args);
    expect_rc(&r, 0, "screen of good rows");
    char *lines[8];
    assert_int_equal(split_lines(r.out, lines, 8), 2);
    json_t *o = screen_line(lines[0], 2, NULL);
    assert_string_equal(top_id(o), "ofac:20157");
    json_decref(o);
    drop(&r);
    unlink(path);
}

static void test_screen_jsonl(void **state) {
    (void)state;
    const char *jsonl = "{\"id\":\"a\",\"name\":\"Kim Jong Un\",\"dob\":\"1984\"}\n"
                        "{\"id\":\"b\",\"name\":\"KOMID\",\"kind\":\"organization\"}\n"
                        "{broken\n"
                        "{\"id\":\"d\",\"name\":\"Putin Vladimir\"}\n";
    char path[4096], args[8192];
    snprintf(path, sizeof path, "%s", temp_file("screen.jsonl", jsonl, strlen(jsonl)));
    snprintf(args, sizeof args, "screen '%s' --threads 2", path);
    run_result r = run_sample(args);
    expect_rc(&r, 3, "screen of JSON lines with a broken line");
    char *lines[8];
    assert_int_equal(split_lines(r.out, lines, 8), 4);
    json_t *o = screen_line(lines[0], 1, "a");
    assert_string_equal(top_id(o), "ofac:20157");
    json_decref(o);
    o = screen_line(lines[1], 2, "b");
    json_decref(o);
    o = screen_line(lines[2], 3, NULL);
    assert_true(json_is_string(json_object_get(o, "error")));
    json_decref(o);
    o = screen_line(lines[3], 4, "d");
    assert_non_null(top_id(o));
    json_decref(o);
    assert_non_null(strstr(r.err, "line 3"));
    drop(&r);
    unlink(path);
}

/* ---- global options, no lists ---- */

static void test_lists_option_anywhere(void **state) {
    (void)state;
    char args[8192];
    snprintf(args, sizeof args, "search 'Kim Jong Un' --lists '%s'", sample_dir());
    run_result after = run(args);
    expect_rc(&after, 0, "--lists after the command");
    run_result before = run_sample("search 'Kim Jong Un'");
    expect_rc(&before, 0, "--lists before the command");
    assert_string_equal(after.out, before.out);
    assert_non_null(strstr(after.out, "ofac:20157"));
    drop(&after);
    drop(&before);
    snprintf(args, sizeof args, "lists --json --lists='%s'", sample_dir());
    run_result eq = run(args);
    expect_rc(&eq, 0, "--lists=DIR after the command");
    json_t *root = json_loads(eq.out, 0, NULL);
    assert_non_null(root);
    json_decref(root);
    drop(&eq);
}

static void test_no_lists(void **state) {
    (void)state;
    const char *commands[] = {"lists", "search 'Kim Jong Un'", "show ofac:20157"};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        run_result r = run(commands[i]);
        if (r.rc == 0) fail_msg("`embargo %s` without lists exited 0", commands[i]);
        assert_string_equal(r.out, "");
        if (!strstr(r.err, "--lists") || !strstr(r.err, "EMBARGO_LISTS"))
            fail_msg("`embargo %s` without lists does not say how to get them:\n%s", commands[i], r.err);
        drop(&r);
    }
}

static void test_bad_usage(void **state) {
    (void)state;
    run_result r = run("frobnicate");
    expect_rc(&r, 2, "unknown command");
    assert_non_null(strstr(r.err, "frobnicate"));
    drop(&r);
    r = run_sample("screen");
    expect_rc(&r, 2, "screen without a file");
    drop(&r);
    r = run_sample("screen /nonexistent/file.csv");
    assert_int_not_equal(r.rc, 0);
    assert_non_null(strstr(r.err, "/nonexistent/file.csv"));
    drop(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_lists_json),
        cmocka_unit_test(test_show),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_screen_csv),
        cmocka_unit_test(test_screen_good_csv),
        cmocka_unit_test(test_screen_jsonl),
        cmocka_unit_test(test_lists_option_anywhere),
        cmocka_unit_test(test_no_lists),
        cmocka_unit_test(test_bad_usage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
