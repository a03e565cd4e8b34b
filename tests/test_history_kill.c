/*
 * test_history_kill.c - `embargo record-screen` killed with SIGKILL at
 * random moments loses no screening it reported: every line it printed
 * names a screening (and alerts) found in the record afterwards, the audit
 * chain still verifies, and the next run carries on. On the SQLite file;
 * again on PostgreSQL when EMBARGO_TEST_PG names a server.
 */
#include <fcntl.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "history/db.h"
#include "support.h"

static char data[1024], customers[1100];

/* True when the record at WHERE holds screening ID. */
static bool screening_exists(const char *where, long long id) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM screenings WHERE id = %lld", id);
    long long n = 0;
    if (db_is_url(where)) {
        PGconn *c = PQconnectdb(where);
        PGresult *r = PQexec(c, sql);
        if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) n = atoll(PQgetvalue(r, 0, 0));
        PQclear(r);
        PQfinish(c);
    } else {
        sqlite3 *h;
        sqlite3_stmt *st;
        if (sqlite3_open(where, &h) == SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
        sqlite3_close(h);
    }
    return n == 1;
}

/* Checks each line of OUT (what the killed run printed) against the record; returns the lines. */
static size_t check_printed(const char *out, const char *where, json_t *alerts) {
    FILE *f = fopen(out, "r");
    assert_non_null(f);
    char line[65536];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strchr(line, '\n')) break; /* cut by the kill mid-write: not reported whole */
        json_t *o = json_loads(line, 0, NULL);
        assert_non_null(o);
        long long id = json_integer_value(json_object_get(o, "screening"));
        if (!screening_exists(where, id)) fail_msg("screening %lld was reported but is not in the record", id);
        size_t i;
        json_t *a;
        json_array_foreach(json_object_get(o, "alerts"), i, a) {
            bool found = false;
            for (size_t k = 0; k < json_array_size(alerts) && !found; k++) {
                json_t *r = json_array_get(alerts, k);
                found = json_integer_value(json_object_get(r, "alert")) == json_integer_value(a) &&
                        json_integer_value(json_object_get(r, "screening")) == id;
            }
            if (!found) fail_msg("alert %lld of screening %lld was reported but is not in the record",
                                 (long long)json_integer_value(a), id);
        }
        json_decref(o);
        n++;
    }
    fclose(f);
    return n;
}

/* Kills record-screen runs at random moments, with the record at WHERE (NULL: the data folder's file). */
static void kill_rounds(const char *bin, const char *where) {
    char file[1200];
    snprintf(file, sizeof file, "%s/embargo.db", data);
    const char *record = where ? where : file;
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    srand(seed);
    print_message("seed %u\n", seed);
    int kills = 0;
    for (int round = 0; round < 5; round++) {
        char out[1200];
        snprintf(out, sizeof out, "%s/out-%d.jsonl", data, round);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644), null = open("/dev/null", O_WRONLY);
            dup2(fd, 1), dup2(null, 2);
            if (where) execl(bin, bin, "record-screen", customers, "--data", data, "--db", where, (char *)NULL);
            else execl(bin, bin, "record-screen", customers, "--data", data, (char *)NULL);
            _exit(127);
        }
        long ms = 200 + rand() % 3000;
        struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&t, NULL);
        kills += kill(pid, SIGKILL) == 0;
        int status;
        waitpid(pid, &status, 0);
        buf err;
        buf_init(&err);
        db *d = db_open(record, &err);
        if (!d) fail_msg("%s", buf_str(&err));
        json_t *alerts = db_alerts(d, true, &err);
        assert_non_null(alerts);
        size_t printed = check_printed(out, record, alerts), rows;
        if (!db_verify(d, &rows, &err)) fail_msg("round %d: %s", round, buf_str(&err));
        print_message("round %d: killed at %ld ms after %zu screenings reported; the chain holds %zu rows\n", round, ms,
                      printed, rows);
        json_decref(alerts);
        db_close(d);
        buf_free(&err);
    }
    assert_true(kills > 0);
}

static void setup_data(const char *bin) {
    snprintf(data, sizeof data, "%s/embargo-kill-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && '%s' update --quiet --from '%s' --data '%s' >/dev/null", data, bin,
             real_list("ofac_sdn"), data);
    assert_int_equal(system(cmd), 0);
    snprintf(customers, sizeof customers, "%s/customers.csv", data);
    FILE *f = fopen(customers, "w");
    assert_non_null(f);
    static const char *const names[] = {"Kim Jong Un", "Maria Lopez", "Banco Nacional de Cuba", "John Smith",
                                        "Islamic Revolutionary Guard Corps", "Acme Trading Ltd"};
    fprintf(f, "id,name\n");
    for (int i = 0; i < 4000; i++) fprintf(f, "c%d,%s\n", i, names[i % 6]);
    fclose(f);
}

static void teardown_data(void) {
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data);
    assert_int_equal(system(cmd), 0);
}

static void test_kill_sqlite(void **state) {
    (void)state;
    skip_without_lists();
    const char *bin = getenv("EMBARGO_BIN");
    if (!bin) skip();
    setup_data(bin);
    kill_rounds(bin, NULL);
    teardown_data();
}

static void test_kill_postgres(void **state) {
    (void)state;
    skip_without_lists();
    const char *bin = getenv("EMBARGO_BIN"), *server = getenv("EMBARGO_TEST_PG");
    if (!bin) skip();
    if (!server || !*server) {
        print_message("skipped: no PostgreSQL server (set EMBARGO_TEST_PG to a database URL)\n");
        skip();
    }
    char url[2048], schema[64], sql[256];
    snprintf(schema, sizeof schema, "embargo_kill_%ld", (long)getpid());
    snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s", server, strchr(server, '?') ? "&" : "?", schema);
    PGconn *c = PQconnectdb(server);
    snprintf(sql, sizeof sql, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
    PQclear(PQexec(c, sql));
    setup_data(bin);
    kill_rounds(bin, url);
    teardown_data();
    snprintf(sql, sizeof sql, "SET client_min_messages = warning; DROP SCHEMA %s CASCADE", schema);
    PQclear(PQexec(c, sql));
    PQfinish(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_sqlite),
        cmocka_unit_test(test_kill_postgres),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
