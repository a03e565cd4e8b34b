/*
 * test_history_db.c - the record: screenings, alerts, decisions; a false
 * positive suppresses the same alert until the entity's record changes;
 * the schema is created and migrated once; the chain finds a row edited,
 * deleted or slipped in through the SQLite C API, behind embargo's back.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history/db.h"
#include "support.h"

static char path[512];

static int setup(void **state) {
    (void)state;
    snprintf(path, sizeof path, "%s/embargo-db-%ld.db", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    return 0;
}

static void remove_db(void) {
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* A record with 2 screenings, 2 alerts (one suppressed... later), 1 decision. */
static db *fill(buf *err) {
    remove_db();
    db *d = db_open(path, err);
    assert_non_null(d);
    int64_t s1 = db_add_screening(d, "c1", "{\"name\":\"Kim Jong Un\"}", "v1", 0.8, "[{\"id\":\"ofac:20157\"}]", err);
    assert_true(s1 > 0);
    int64_t by = -1;
    int64_t a1 = db_add_alert(d, s1, "c1", "ofac:20157", "hashA", 1.0, &by, err);
    assert_true(a1 > 0);
    assert_int_equal(by, 0);
    assert_true(db_add_decision(d, a1, "false-positive", "another Kim", "ana", err) > 0);
    return d;
}

static void test_schema_and_migrations(void **state) {
    (void)state;
    buf err;
    buf_init(&err);
    remove_db();
    db *d = db_open(path, &err);
    assert_non_null(d);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(d), "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), DB_SCHEMA_VERSION);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db_handle(d), "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    db_close(d);
    d = db_open(path, &err); /* again: nothing to migrate */
    assert_non_null(d);
    /* A newer schema than this build is refused. */
    assert_int_equal(sqlite3_exec(db_handle(d), "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    db_close(d);
    assert_null(db_open(path, &err));
    assert_non_null(strstr(buf_str(&err), "newer"));
    buf_free(&err);
}

static void test_false_positive_suppresses_until_the_record_changes(void **state) {
    (void)state;
    buf err;
    buf_init(&err);
    db *d = fill(&err);
    int64_t s2 = db_add_screening(d, "c1", "{}", "v2", 0.8, "[]", &err);
    int64_t by = 0;
    int64_t a2 = db_add_alert(d, s2, "c1", "ofac:20157", "hashA", 1.0, &by, &err);
    assert_true(a2 > 0);
    assert_true(by > 0); /* same party, same entity, same record: suppressed */
    assert_true(db_add_alert(d, s2, "c2", "ofac:20157", "hashA", 1.0, &by, &err) > 0);
    assert_int_equal(by, 0); /* another party */
    assert_true(db_add_alert(d, s2, "c1", "ofac:20157", "hashB", 1.0, &by, &err) > 0);
    assert_int_equal(by, 0); /* the record changed */
    json_t *open = db_alerts(d, false, &err);
    assert_int_equal(json_array_size(open), 2);
    json_t *all = db_alerts(d, true, &err);
    assert_int_equal(json_array_size(all), 4);
    json_decref(open);
    json_decref(all);
    /* A true match does not suppress. */
    assert_true(db_add_decision(d, 3, "true-match", "it is him", "bo", &err) > 0);
    assert_true(db_add_alert(d, s2, "c2", "ofac:20157", "hashA", 1.0, &by, &err) > 0);
    assert_int_equal(by, 0);
    /* Bad decisions. */
    assert_int_equal(db_add_decision(d, 999, "true-match", "x", "y", &err), 0);
    assert_int_equal(db_add_decision(d, 1, "maybe", "x", "y", &err), 0);
    size_t n;
    buf_clear(&err);
    assert_true(db_verify(d, &n, &err));
    assert_int_equal(n, 9);
    db_close(d);
    buf_free(&err);
}

/* Fills a record, runs SQL on the file as an intruder would, and expects verify to say SAYS. */
static void tamper(const char *sql, const char *says) {
    buf err;
    buf_init(&err);
    db *d = fill(&err);
    db_close(d);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", sql, msg);
    sqlite3_close(h);
    d = db_open(path, &err);
    assert_non_null(d);
    size_t n;
    assert_false(db_verify(d, &n, &err));
    print_message("%s -> %s\n", sql, buf_str(&err));
    assert_non_null(strstr(buf_str(&err), says));
    db_close(d);
    buf_free(&err);
}

static void test_audit_finds_tampering(void **state) {
    (void)state;
    buf err;
    buf_init(&err);
    db *d = fill(&err);
    /* The triggers refuse an edit through SQL. */
    assert_int_not_equal(sqlite3_exec(db_handle(d), "UPDATE alerts SET score = 0.5", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db_handle(d), "DELETE FROM decisions", NULL, NULL, NULL), SQLITE_OK);
    size_t n;
    assert_true(db_verify(d, &n, &err));
    assert_int_equal(n, 3);
    db_close(d);
    buf_free(&err);
    tamper("DROP TRIGGER alerts_ro_u; UPDATE alerts SET score = 0.5 WHERE id = 1", "alerts row 1 was changed");
    tamper("DROP TRIGGER decisions_ro_u; UPDATE decisions SET verdict = 'true-match'", "decisions row 1 was changed");
    tamper("DROP TRIGGER screenings_ro_d; DELETE FROM screenings WHERE id = 1", "screenings row 1 is missing");
    tamper("INSERT INTO screenings(at, party, input, list_version, engine, threshold, results)"
           " VALUES ('2020-01-01', 'x', '{}', 'v', '0', 0.8, '[]')", "added outside the record");
    tamper("DROP TRIGGER chain_ro_u; UPDATE chain SET prev = hash WHERE seq = 2", "does not follow");
    tamper("DROP TRIGGER chain_ro_d; DROP TRIGGER alerts_ro_d; DELETE FROM chain WHERE seq >= 2;"
           " DELETE FROM alerts; DELETE FROM chain WHERE seq = 3", "decisions row 1 was added outside");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_and_migrations),
        cmocka_unit_test(test_false_positive_suppresses_until_the_record_changes),
        cmocka_unit_test(test_audit_finds_tampering),
    };
    int rc = cmocka_run_group_tests(tests, setup, NULL);
    remove_db();
    return rc;
}
