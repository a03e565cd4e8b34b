/*
 * db_sqlite.c - the SQLite driver of the record (db_int.h): one file in
 * the data folder, WAL mode, synchronous=FULL, the schema version in
 * PRAGMA user_version. Statements are prepared per call (the record is
 * written at the pace of screenings, not of searches). Values are read as
 * SQLite renders them as text, typed by sqlite3_column_type: the row
 * hashes of files written before the drivers were split are unchanged.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history/db_int.h"

/* Migration N brings the schema from version N-1 to N. */
static const char *const sqlite_migrations[DB_SCHEMA_VERSION] = {
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

#define H(d) ((sqlite3 *)(d)->conn)

static bool fail(db *d, buf *err) {
    buf_puts(err, sqlite3_errmsg(H(d)));
    return false;
}

static bool sqlite_exec(db *d, const char *sql, buf *err) {
    char *msg = NULL;
    if (sqlite3_exec(H(d), sql, NULL, NULL, &msg) == SQLITE_OK) return true;
    buf_printf(err, "%s", msg ? msg : sqlite3_errmsg(H(d)));
    sqlite3_free(msg);
    return false;
}

static bool sqlite_open(db *d, const char *path, buf *err) {
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    d->conn = h;
    if (rc != SQLITE_OK) {
        buf_puts(err, h ? sqlite3_errmsg(h) : "cannot open");
        return false;
    }
    sqlite3_busy_timeout(h, 10000);
    return sqlite_exec(d, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", err);
}

static void sqlite_close(db *d) {
    sqlite3_close(H(d));
    d->conn = NULL;
}

static void bind(sqlite3_stmt *st, int i, const db_param *p) {
    if (p->type == 't' && p->s) sqlite3_bind_text(st, i, p->s, -1, SQLITE_TRANSIENT);
    else if (p->type == 'r') sqlite3_bind_double(st, i, p->r);
    else if (p->type == 'i' || (p->type == 'n' && p->i)) sqlite3_bind_int64(st, i, p->i);
    else sqlite3_bind_null(st, i);
}

static bool sqlite_query(db *d, const char *sql, const db_param *params, int n, db_row_fn fn, void *user, buf *err) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(H(d), sql, -1, &st, NULL) != SQLITE_OK) return fail(d, err);
    for (int i = 0; i < n; i++) bind(st, i + 1, &params[i]);
    int cols = sqlite3_column_count(st), rc;
    const char *names[32], *values[32];
    int types[32], lengths[32];
    if (cols > 32) cols = 32;
    bool go = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!go) continue; /* run to the end: RETURNING rows are written as they are stepped */
        for (int c = 0; c < cols; c++) {
            names[c] = sqlite3_column_name(st, c);
            types[c] = sqlite3_column_type(st, c);
            values[c] = (const char *)sqlite3_column_text(st, c);
            lengths[c] = sqlite3_column_bytes(st, c);
        }
        db_row row = {cols, names, types, values, lengths};
        go = fn ? fn(&row, user) : true;
    }
    bool ok = rc == SQLITE_DONE;
    if (!ok) fail(d, err);
    sqlite3_finalize(st);
    return ok;
}

static int sqlite_schema_version(db *d, buf *err) {
    int64_t v = -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(H(d), "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return fail(d, err), -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return (int)v;
}

static bool sqlite_set_schema_version(db *d, int version, buf *err) {
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", version);
    return sqlite_exec(d, pragma, err);
}

const db_driver db_sqlite_driver = {
    "sqlite", sqlite_migrations, "BEGIN IMMEDIATE", "BEGIN", NULL, sqlite_open, sqlite_close, sqlite_exec,
    sqlite_query, sqlite_schema_version, sqlite_set_schema_version,
};

sqlite3 *db_handle(db *d) {
    return d->drv == &db_sqlite_driver ? H(d) : NULL;
}
