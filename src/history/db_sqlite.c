/*
 * db.c - see db.h. Statements are prepared per call (the record is written
 * at the pace of screenings, not of searches). Every chained row is hashed
 * from its own columns as read back from the database, by the same function
 * that db_verify uses, so writing and checking cannot disagree.
 */
#include "history/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "embargo/embargo.h"
#include "history/sha256.h"

struct db {
    sqlite3 *h;
};

/* Migration N brings the schema from version N-1 to N. */
static const char *const migrations[DB_SCHEMA_VERSION] = {
    /* 1: the record */
    "CREATE TABLE screenings(id INTEGER PRIMARY KEY, at TEXT NOT NULL, party TEXT NOT NULL, input TEXT NOT NULL,"
    " list_version TEXT NOT NULL, engine TEXT NOT NULL, threshold REAL NOT NULL, results TEXT NOT NULL);"
    "CREATE TABLE alerts(id INTEGER PRIMARY KEY, at TEXT NOT NULL, screening INTEGER NOT NULL REFERENCES screenings,"
    " party TEXT NOT NULL, entity_id TEXT NOT NULL, entity_hash TEXT NOT NULL, score REAL NOT NULL,"
    " suppressed_by INTEGER);"
    "CREATE TABLE decisions(id INTEGER PRIMARY KEY, at TEXT NOT NULL, alert INTEGER NOT NULL REFERENCES alerts,"
    " party TEXT NOT NULL, entity_id TEXT NOT NULL, entity_hash TEXT NOT NULL,"
    " verdict TEXT NOT NULL CHECK (verdict IN ('true-match', 'false-positive')), reason TEXT NOT NULL,"
    " user TEXT NOT NULL);"
    "CREATE INDEX decisions_by_party ON decisions(party, entity_id);"
    "CREATE INDEX alerts_by_screening ON alerts(screening);"
    "CREATE TABLE chain(seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row INTEGER NOT NULL, row_hash TEXT NOT NULL,"
    " prev TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (tbl, row));"
    "CREATE TRIGGER screenings_ro_u BEFORE UPDATE ON screenings BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
    "CREATE TRIGGER screenings_ro_d BEFORE DELETE ON screenings BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
    "CREATE TRIGGER alerts_ro_u BEFORE UPDATE ON alerts BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
    "CREATE TRIGGER alerts_ro_d BEFORE DELETE ON alerts BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
    "CREATE TRIGGER decisions_ro_u BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
    "CREATE TRIGGER decisions_ro_d BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
    "CREATE TRIGGER chain_ro_u BEFORE UPDATE ON chain BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
    "CREATE TRIGGER chain_ro_d BEFORE DELETE ON chain BEGIN SELECT RAISE(ABORT, 'append-only'); END;",
    /* 2: the customer base, for rescreening */
    "CREATE TABLE customers(rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, kind TEXT, dob TEXT, country TEXT,"
    " identifier TEXT, gender TEXT);",
};

/* The chained tables, in the order db_verify reports them. */
static const char *const chained[] = {"screenings", "alerts", "decisions"};

static bool sql_fail(db *d, buf *err, const char *what) {
    buf_printf(err, "%s: %s", what, sqlite3_errmsg(d->h));
    return false;
}

static bool exec(db *d, const char *sql, buf *err) {
    char *msg = NULL;
    if (sqlite3_exec(d->h, sql, NULL, NULL, &msg) == SQLITE_OK) return true;
    buf_printf(err, "%s", msg ? msg : sqlite3_errmsg(d->h));
    sqlite3_free(msg);
    return false;
}

static int user_version(db *d) {
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(d->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static bool migrate(db *d, buf *err) {
    int v = user_version(d);
    if (v < 0) return sql_fail(d, err, "reading the schema version");
    if (v > DB_SCHEMA_VERSION) {
        buf_printf(err, "the database has schema %d, newer than this embargo (%d)", v, DB_SCHEMA_VERSION);
        return false;
    }
    for (; v < DB_SCHEMA_VERSION; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", v + 1);
        if (!exec(d, "BEGIN IMMEDIATE", err)) return false;
        if (!exec(d, migrations[v], err) || !exec(d, pragma, err)) {
            exec(d, "ROLLBACK", err);
            return false;
        }
        if (!exec(d, "COMMIT", err)) return false;
    }
    return true;
}

db *db_open(const char *path, buf *err) {
    db *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    if (sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
        buf_printf(err, "%s: %s", path, d->h ? sqlite3_errmsg(d->h) : "cannot open");
        db_close(d);
        return NULL;
    }
    sqlite3_busy_timeout(d->h, 10000);
    buf e;
    buf_init(&e);
    bool ok = exec(d, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", &e) &&
              migrate(d, &e);
    if (!ok) {
        buf_printf(err, "%s: %s", path, buf_str(&e));
        db_close(d);
        d = NULL;
    }
    buf_free(&e);
    return d;
}

void db_close(db *d) {
    if (!d) return;
    sqlite3_close(d->h);
    free(d);
}

sqlite3 *db_handle(db *d) {
    return d->h;
}

bool db_begin(db *d, buf *err) {
    return exec(d, "BEGIN IMMEDIATE", err);
}

bool db_commit(db *d, buf *err) {
    return exec(d, "COMMIT", err);
}

void db_rollback(db *d) {
    sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
}

/* The hash of row ROW of TABLE from its columns: "name=type:value" joined by 0x1f. False when absent. */
static bool row_hash(db *d, const char *table, int64_t row, char hex[65]) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", table);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) != SQLITE_OK) return false;
    sqlite3_bind_int64(st, 1, row);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sha256_ctx *ctx = found ? sha256_begin() : NULL;
    for (int c = 0; ctx && c < sqlite3_column_count(st); c++) {
        char head[160];
        int type = sqlite3_column_type(st, c);
        const unsigned char *text = sqlite3_column_text(st, c); /* reals and ints as SQLite writes them */
        int n = snprintf(head, sizeof head, "%s%s=%d:", c ? "\x1f" : "", sqlite3_column_name(st, c), type);
        sha256_add(ctx, head, (size_t)n);
        if (text) sha256_add(ctx, text, (size_t)sqlite3_column_bytes(st, c));
    }
    if (ctx) sha256_finish(ctx, hex);
    sqlite3_finalize(st);
    return ctx != NULL;
}

static void chain_hash(const char *prev, const char *table, int64_t row, const char *rhash, char hex[65]) {
    char text[512];
    int n = snprintf(text, sizeof text, "%s\n%s\n%lld\n%s", prev, table, (long long)row, rhash);
    sha256_hex(text, (size_t)n, hex);
}

/* The last chain hash ("0"x64 for an empty chain). */
static bool last_hash(db *d, char hex[65]) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, "SELECT hash FROM chain ORDER BY seq DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK) return false;
    memset(hex, '0', 64);
    hex[64] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 64) memcpy(hex, sqlite3_column_text(st, 0), 64);
    sqlite3_finalize(st);
    return true;
}

/* Appends the chain row of row ROW of TABLE. */
static bool chain_append(db *d, const char *table, int64_t row, buf *err) {
    char rhash[65], prev[65], hash[65];
    if (!row_hash(d, table, row, rhash) || !last_hash(d, prev)) return sql_fail(d, err, "hashing the record");
    chain_hash(prev, table, row, rhash, hash);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, "INSERT INTO chain(tbl, row, row_hash, prev, hash) VALUES (?, ?, ?, ?, ?)", -1, &st,
                           NULL) != SQLITE_OK)
        return sql_fail(d, err, "chaining the record");
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, row);
    sqlite3_bind_text(st, 3, rhash, 64, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, prev, 64, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, hash, 64, SQLITE_STATIC);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok ? true : sql_fail(d, err, "chaining the record");
}

static void now_iso(char out[32]) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%06ldZ", ts.tv_nsec / 1000);
}

/*
 * Inserts a row with SQL (its first parameter the time, then the texts
 * and reals of ARGS: "t" text, "r" real, "i" integer, "n" integer or NULL
 * when 0) and chains it. Returns its id, 0 on failure.
 */
static int64_t insert_chained(db *d, const char *table, const char *sql, const char *types, const void *const *args, buf *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) != SQLITE_OK) return sql_fail(d, err, table), 0;
    char at[32];
    now_iso(at);
    sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 't') sqlite3_bind_text(st, i + 2, args[i], -1, SQLITE_TRANSIENT);
        else if (types[i] == 'r') sqlite3_bind_double(st, i + 2, *(const double *)args[i]);
        else if (types[i] == 'i' || *(const int64_t *)args[i]) sqlite3_bind_int64(st, i + 2, *(const int64_t *)args[i]);
        else sqlite3_bind_null(st, i + 2);
    }
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    if (!ok) return sql_fail(d, err, table), 0;
    if (sqlite3_changes(d->h) == 0) {
        buf_printf(err, "%s: nothing to record (no such row to refer to)", table);
        return 0;
    }
    int64_t id = sqlite3_last_insert_rowid(d->h);
    return chain_append(d, table, id, err) ? id : 0;
}

int64_t db_add_screening(db *d, const char *party, const char *input_json, const char *list_version,
                         double threshold, const char *results_json, buf *err) {
    const void *args[] = {party, input_json, list_version, EMBARGO_VERSION, &threshold, results_json};
    return insert_chained(d, "screenings",
                          "INSERT INTO screenings(at, party, input, list_version, engine, threshold, results)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)", "ttttrt", args, err);
}

/* The false positive that suppresses an alert for PARTY on ENTITY_ID with ENTITY_HASH, or 0. */
static int64_t suppressing_decision(db *d, const char *party, const char *entity_id, const char *entity_hash) {
    sqlite3_stmt *st;
    int64_t id = 0;
    if (sqlite3_prepare_v2(d->h, "SELECT id FROM decisions WHERE party = ? AND entity_id = ? AND entity_hash = ?"
                                 " AND verdict = 'false-positive' ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, party, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, entity_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, entity_hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

int64_t db_add_alert(db *d, int64_t screening, const char *party, const char *entity_id, const char *entity_hash,
                     double score, int64_t *suppressed_by, buf *err) {
    int64_t by = suppressing_decision(d, party, entity_id, entity_hash);
    if (suppressed_by) *suppressed_by = by;
    const void *args[] = {&screening, party, entity_id, entity_hash, &score, &by};
    return insert_chained(d, "alerts",
                          "INSERT INTO alerts(at, screening, party, entity_id, entity_hash, score, suppressed_by)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)", "itttrn", args, err);
}

int64_t db_add_decision(db *d, int64_t alert, const char *verdict, const char *reason, const char *user, buf *err) {
    if (strcmp(verdict, "true-match") != 0 && strcmp(verdict, "false-positive") != 0) {
        buf_printf(err, "a decision is true-match or false-positive, not '%s'", verdict);
        return 0;
    }
    const void *args[] = {verdict, reason, user, &alert};
    int64_t id = insert_chained(d, "decisions",
                                "INSERT INTO decisions(at, verdict, reason, user, alert, party, entity_id, entity_hash)"
                                " SELECT ?1, ?2, ?3, ?4, id, party, entity_id, entity_hash FROM alerts WHERE id = ?5",
                                "ttti", args, err);
    if (!id) buf_printf(err, " (alert %lld)", (long long)alert);
    return id;
}

json_t *db_alerts(db *d, bool all, buf *err) {
    const char *sql =
        "SELECT a.id, a.at, a.party, a.entity_id, a.score, a.suppressed_by, a.screening,"
        " (SELECT verdict FROM decisions WHERE alert = a.id ORDER BY id DESC LIMIT 1),"
        " s.list_version FROM alerts a JOIN screenings s ON s.id = a.screening"
        " WHERE ?1 OR (a.suppressed_by IS NULL AND NOT EXISTS (SELECT 1 FROM decisions WHERE alert = a.id))"
        " ORDER BY a.id";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) != SQLITE_OK) return sql_fail(d, err, "alerts"), NULL;
    sqlite3_bind_int(st, 1, all);
    json_t *out = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:f, s:I, s:s}", "alert", (json_int_t)sqlite3_column_int64(st, 0),
                              "at", sqlite3_column_text(st, 1), "party", sqlite3_column_text(st, 2), "entity",
                              sqlite3_column_text(st, 3), "score", sqlite3_column_double(st, 4), "screening",
                              (json_int_t)sqlite3_column_int64(st, 6), "list_version", sqlite3_column_text(st, 8));
        if (sqlite3_column_type(st, 5) != SQLITE_NULL)
            json_object_set_new(o, "suppressed_by", json_integer(sqlite3_column_int64(st, 5)));
        if (sqlite3_column_type(st, 7) != SQLITE_NULL)
            json_object_set_new(o, "decision", json_string((const char *)sqlite3_column_text(st, 7)));
        json_array_append_new(out, o);
    }
    sqlite3_finalize(st);
    return out;
}

/* Checks every chain row in order; false with ERR at the first broken one. */
static bool verify_chain(db *d, size_t *n, buf *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, "SELECT seq, tbl, row, row_hash, prev, hash FROM chain ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
        return sql_fail(d, err, "reading the chain");
    char prev[65];
    memset(prev, '0', 64);
    prev[64] = '\0';
    bool ok = true;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        long long seq = sqlite3_column_int64(st, 0);
        const char *table = (const char *)sqlite3_column_text(st, 1);
        int64_t row = sqlite3_column_int64(st, 2);
        const char *stored_row = (const char *)sqlite3_column_text(st, 3);
        const char *stored_prev = (const char *)sqlite3_column_text(st, 4);
        const char *stored = (const char *)sqlite3_column_text(st, 5);
        char rhash[65], hash[65];
        bool known = false;
        for (size_t t = 0; t < sizeof chained / sizeof *chained; t++) known = known || strcmp(table, chained[t]) == 0;
        if (!known) ok = false, buf_printf(err, "chain row %lld names no record table ('%s')", seq, table);
        else if (!row_hash(d, table, row, rhash)) ok = false, buf_printf(err, "%s row %lld is missing (chain row %lld)", table, (long long)row, seq);
        else if (strcmp(rhash, stored_row) != 0) ok = false, buf_printf(err, "%s row %lld was changed after it was recorded (chain row %lld)", table, (long long)row, seq);
        else if (strcmp(prev, stored_prev) != 0) ok = false, buf_printf(err, "chain row %lld does not follow chain row %lld", seq, seq - 1);
        if (!ok) break;
        chain_hash(prev, table, row, rhash, hash);
        if (strcmp(hash, stored) != 0) ok = false, buf_printf(err, "chain row %lld's hash is wrong", seq);
        memcpy(prev, hash, 65);
        (*n)++;
    }
    sqlite3_finalize(st);
    return ok;
}

/* Every row of the chained tables has a chain row. */
static bool verify_complete(db *d, buf *err) {
    for (size_t t = 0; t < sizeof chained / sizeof *chained; t++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE id NOT IN (SELECT row FROM chain WHERE tbl = '%s') LIMIT 1",
                 chained[t], chained[t]);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) != SQLITE_OK) return sql_fail(d, err, "reading the record");
        bool extra = sqlite3_step(st) == SQLITE_ROW;
        if (extra) buf_printf(err, "%s row %lld was added outside the record (no chain row)", chained[t], (long long)sqlite3_column_int64(st, 0));
        sqlite3_finalize(st);
        if (extra) return false;
    }
    return true;
}

bool db_verify(db *d, size_t *n_rows, buf *err) {
    *n_rows = 0;
    if (!exec(d, "BEGIN", err)) return false; /* one snapshot */
    bool ok = verify_chain(d, n_rows, err) && verify_complete(d, err);
    buf e;
    buf_init(&e);
    exec(d, "COMMIT", &e);
    buf_free(&e);
    return ok;
}

bool db_customers_clear(db *d, buf *err) {
    return exec(d, "DELETE FROM customers", err);
}

bool db_customer_add(db *d, char *const field[7], buf *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, "INSERT INTO customers(id, name, kind, dob, country, identifier, gender)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
        return sql_fail(d, err, "customers");
    for (int i = 0; i < 7; i++) sqlite3_bind_text(st, i + 1, field[i], -1, SQLITE_STATIC);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok ? true : sql_fail(d, err, "customers");
}

bool db_customers_each(db *d, bool (*fn)(const db_customer *c, void *user), void *user, buf *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->h, "SELECT rowid, id, name, kind, dob, country, identifier, gender FROM customers ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return sql_fail(d, err, "customers");
    bool go = true;
    while (go && sqlite3_step(st) == SQLITE_ROW) {
        db_customer c = {sqlite3_column_int64(st, 0), {0}};
        for (int i = 0; i < 7; i++) c.field[i] = (const char *)sqlite3_column_text(st, i + 1);
        go = fn(&c, user);
    }
    sqlite3_finalize(st);
    return true;
}

size_t db_customer_count(db *d) {
    sqlite3_stmt *st;
    size_t n = 0;
    if (sqlite3_prepare_v2(d->h, "SELECT count(*) FROM customers", -1, &st, NULL) != SQLITE_OK) return 0;
    if (sqlite3_step(st) == SQLITE_ROW) n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}
