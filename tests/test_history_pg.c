/*
 * test_history_pg.c - the record on PostgreSQL (history/db_pg.c), against a
 * real server: $EMBARGO_TEST_PG names its database (.ci/run starts one);
 * without it every test skips and says why. Each test works in a schema of
 * its own, dropped at the end. The same behaviour as on SQLite: migrations
 * once, false positives suppressing until the record changes, append-only
 * tables, the chain finding an edit made behind embargo's back, and two
 * servers writing at once into one chain that still verifies.
 */
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history/db.h"
#include "support.h"

static char url[2048];       /* the test database, with search_path set to the test's schema */
static char schema[64];

static const char *server(void) {
    const char *u = getenv("EMBARGO_TEST_PG");
    return u && *u ? u : NULL;
}

#define skip_without_server()                                                                         \
    do {                                                                                              \
        if (!server()) {                                                                              \
            print_message("skipped: no PostgreSQL server (set EMBARGO_TEST_PG to a database URL)\n"); \
            skip();                                                                                   \
        }                                                                                             \
    } while (0)

/* Runs SQL on the server directly, as an administrator (or intruder) would. */
static void admin(const char *sql) {
    PGconn *c = PQconnectdb(url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    PGresult *r = PQexec(c, sql);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
}

/* True when SQL fails on the server. */
static bool refused(const char *sql) {
    PGconn *c = PQconnectdb(url);
    PGresult *r = PQexec(c, sql);
    bool bad = PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK;
    PQclear(r);
    PQfinish(c);
    return bad;
}

static int setup(void **state) {
    (void)state;
    if (!server()) return 0;
    static int n;
    snprintf(schema, sizeof schema, "embargo_test_%ld_%d", (long)getpid(), ++n);
    snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s", server(), strchr(server(), '?') ? "&" : "?", schema);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
    admin(sql);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    if (!server()) return 0;
    char sql[256];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", schema);
    admin(sql);
    return 0;
}

/* A record with 1 screening, 1 alert, 1 false positive. */
static db *fill(buf *err) {
    db *d = db_open(url, err);
    if (!d) fail_msg("%s", buf_str(err));
    assert_string_equal(db_driver_name(d), "postgresql");
    int64_t s1 = db_add_screening(d, "c1", "{\"name\":\"Kim Jong Un\"}", "v1", 0.8, "[{\"id\":\"ofac:20157\"}]", err);
    assert_true(s1 > 0);
    int64_t by = -1;
    int64_t a1 = db_add_alert(d, s1, "c1", "ofac:20157", "hashA", 0.9731, &by, err);
    assert_true(a1 > 0);
    assert_int_equal(by, 0);
    assert_true(db_add_decision(d, a1, "false-positive", "another Kim", "ana", err) > 0);
    return d;
}

static void test_schema_and_migrations(void **state) {
    (void)state;
    skip_without_server();
    buf err;
    buf_init(&err);
    assert_true(db_is_url(url));
    db *d = db_open(url, &err);
    assert_non_null(d);
    assert_null(db_handle(d));
    db_close(d);
    d = db_open(url, &err); /* again: nothing to migrate */
    assert_non_null(d);
    db_close(d);
    admin("UPDATE embargo_schema SET version = 99");
    assert_null(db_open(url, &err));
    assert_non_null(strstr(buf_str(&err), "newer than this embargo"));
    buf_clear(&err);
    assert_null(db_open("postgresql://127.0.0.1:1/none?connect_timeout=2", &err));
    print_message("no server: %s\n", buf_str(&err));
    assert_non_null(strstr(buf_str(&err), "PostgreSQL"));
    buf_free(&err);
}

static void test_false_positive_suppresses_until_the_record_changes(void **state) {
    (void)state;
    skip_without_server();
    buf err;
    buf_init(&err);
    db *d = fill(&err);
    int64_t s2 = db_add_screening(d, "c1", "{}", "v2", 0.8, "[]", &err);
    int64_t by = 0;
    assert_true(db_add_alert(d, s2, "c1", "ofac:20157", "hashA", 1.0, &by, &err) > 0);
    assert_true(by > 0);
    assert_true(db_add_alert(d, s2, "c2", "ofac:20157", "hashA", 1.0, &by, &err) > 0);
    assert_int_equal(by, 0);
    assert_true(db_add_alert(d, s2, "c1", "ofac:20157", "hashB", 1.0, &by, &err) > 0);
    assert_int_equal(by, 0);
    json_t *open = db_alerts(d, false, &err), *all = db_alerts(d, true, &err);
    assert_int_equal(json_array_size(open), 2);
    assert_int_equal(json_array_size(all), 4);
    assert_true(json_real_value(json_object_get(json_array_get(all, 0), "score")) == 0.9731);
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 0), "decision")), "false-positive");
    json_decref(open), json_decref(all);
    assert_int_equal(db_add_decision(d, 999, "true-match", "x", "y", &err), 0);
    assert_int_equal(db_add_decision(d, 1, "maybe", "x", "y", &err), 0);
    /* The customer base. */
    char *row[7] = {"k1", "Maria Lopez", NULL, "1970-01-02", "ES", NULL, NULL};
    assert_true(db_begin(d, &err) && db_customers_clear(d, &err) && db_customer_add(d, row, &err) && db_commit(d, &err));
    assert_int_equal(db_customer_count(d), 1);
    size_t n;
    buf_clear(&err);
    assert_true(db_verify(d, &n, &err));
    assert_int_equal(n, 7); /* 2 screenings, 4 alerts, 1 decision */
    db_close(d);
    buf_free(&err);
}

/* Fills a record, runs SQL on the server as an intruder would, and expects verify to say SAYS. */
static void tamper(const char *sql, const char *says) {
    buf err;
    buf_init(&err);
    char drop[256];
    snprintf(drop, sizeof drop, "DROP SCHEMA %s CASCADE; CREATE SCHEMA %s", schema, schema);
    admin(drop);
    db *d = fill(&err);
    admin(sql);
    size_t n;
    assert_false(db_verify(d, &n, &err));
    print_message("%s -> %s\n", sql, buf_str(&err));
    assert_non_null(strstr(buf_str(&err), says));
    db_close(d);
    buf_free(&err);
}

static void test_audit_finds_tampering(void **state) {
    (void)state;
    skip_without_server();
    buf err;
    buf_init(&err);
    db *d = fill(&err);
    assert_true(refused("UPDATE alerts SET score = 0.5"));
    assert_true(refused("DELETE FROM decisions"));
    assert_true(refused("TRUNCATE chain CASCADE"));
    size_t n;
    assert_true(db_verify(d, &n, &err));
    assert_int_equal(n, 3);
    db_close(d);
    buf_free(&err);
    tamper("ALTER TABLE alerts DISABLE TRIGGER USER; UPDATE alerts SET score = 0.5 WHERE id = 1", "alerts row 1 was changed");
    tamper("ALTER TABLE decisions DISABLE TRIGGER USER; UPDATE decisions SET verdict = 'true-match'",
           "decisions row 1 was changed");
    tamper("ALTER TABLE screenings DISABLE TRIGGER USER; ALTER TABLE alerts DROP CONSTRAINT alerts_screening_fkey;"
           " DELETE FROM screenings WHERE id = 1", "screenings row 1 is missing");
    tamper("INSERT INTO screenings(at, party, input, list_version, engine, threshold, results)"
           " VALUES ('2020-01-01', 'x', '{}', 'v', '0', 0.8, '[]')", "added outside the record");
    tamper("ALTER TABLE chain DISABLE TRIGGER USER; UPDATE chain SET prev = hash WHERE seq = 2", "does not follow");
}

typedef struct {
    int server;
    int64_t rows;
    bool ok;
} writer;

/* One server: its own connection, 30 screenings with an alert each, 5 to a transaction. */
static void *write_some(void *arg) {
    writer *w = arg;
    buf err;
    buf_init(&err);
    db *d = db_open(url, &err);
    w->ok = d != NULL;
    char party[32];
    for (int t = 0; w->ok && t < 6; t++) {
        w->ok = db_begin(d, &err);
        for (int i = 0; w->ok && i < 5; i++) {
            snprintf(party, sizeof party, "s%d-%d", w->server, t * 5 + i);
            int64_t s = db_add_screening(d, party, "{}", "v1", 0.8, "[]", &err);
            w->ok = s > 0 && db_add_alert(d, s, party, "un:1", "h", 0.85, NULL, &err) > 0;
            w->rows += 2;
        }
        w->ok = w->ok && db_commit(d, &err);
    }
    if (!w->ok) print_message("server %d: %s\n", w->server, buf_str(&err));
    db_close(d);
    buf_free(&err);
    return NULL;
}

static void test_servers_share_one_chain(void **state) {
    (void)state;
    skip_without_server();
    buf err;
    buf_init(&err);
    db *d = db_open(url, &err); /* the schema, before the servers race */
    assert_non_null(d);
    writer w[3] = {{1, 0, false}, {2, 0, false}, {3, 0, false}};
    pthread_t t[3];
    for (int i = 0; i < 3; i++) assert_int_equal(pthread_create(&t[i], NULL, write_some, &w[i]), 0);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < 3; i++) assert_true(w[i].ok);
    size_t n;
    assert_true(db_verify(d, &n, &err));
    assert_int_equal(n, (size_t)(w[0].rows + w[1].rows + w[2].rows));
    json_t *all = db_alerts(d, true, &err);
    assert_int_equal(json_array_size(all), 90);
    json_decref(all);
    db_close(d);
    buf_free(&err);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schema_and_migrations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_false_positive_suppresses_until_the_record_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_finds_tampering, setup, teardown),
        cmocka_unit_test_setup_teardown(test_servers_share_one_chain, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
