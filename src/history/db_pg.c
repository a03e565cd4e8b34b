/*
 * db_pg.c - the PostgreSQL driver of the record (db_int.h), through libpq,
 * for several servers sharing one store. The schema mirrors SQLite's
 * (bigserial ids, double precision scores) with the same append-only
 * triggers; its version is kept in the table embargo_schema. Migrations
 * and every append to the chain take one transaction-scoped advisory lock,
 * so concurrent servers migrate once and chain their rows one after the
 * other. Parameters go as text; values come back as PostgreSQL renders
 * them, typed by their type OID (the row hash of this store).
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history/db_int.h"

#define PG_LOCK_SQL "SELECT pg_advisory_xact_lock(7235700010)" /* any constant of embargo's own */

static const char *const pg_migrations[DB_SCHEMA_VERSION] = {
    /* 1: the record */
    "CREATE TABLE screenings(id bigserial PRIMARY KEY, at text NOT NULL, party text NOT NULL, input text NOT NULL,"
    " list_version text NOT NULL, engine text NOT NULL, threshold double precision NOT NULL, results text NOT NULL);"
    "CREATE TABLE alerts(id bigserial PRIMARY KEY, at text NOT NULL, screening bigint NOT NULL REFERENCES screenings,"
    " party text NOT NULL, entity_id text NOT NULL, entity_hash text NOT NULL, score double precision NOT NULL,"
    " suppressed_by bigint);"
    "CREATE TABLE decisions(id bigserial PRIMARY KEY, at text NOT NULL, alert bigint NOT NULL REFERENCES alerts,"
    " party text NOT NULL, entity_id text NOT NULL, entity_hash text NOT NULL,"
    " verdict text NOT NULL CHECK (verdict IN ('true-match', 'false-positive')), reason text NOT NULL,"
    " \"user\" text NOT NULL);"
    "CREATE INDEX decisions_by_party ON decisions(party, entity_id);"
    "CREATE INDEX alerts_by_screening ON alerts(screening);"
    "CREATE TABLE chain(seq bigserial PRIMARY KEY, tbl text NOT NULL, \"row\" bigint NOT NULL, row_hash text NOT NULL,"
    " prev text NOT NULL, hash text NOT NULL, UNIQUE (tbl, \"row\"));"
    "CREATE FUNCTION embargo_append_only() RETURNS trigger LANGUAGE plpgsql AS"
    " $$ BEGIN RAISE EXCEPTION 'append-only'; END $$;"
    "CREATE TRIGGER screenings_ro BEFORE UPDATE OR DELETE ON screenings FOR EACH ROW EXECUTE FUNCTION embargo_append_only();"
    "CREATE TRIGGER alerts_ro BEFORE UPDATE OR DELETE ON alerts FOR EACH ROW EXECUTE FUNCTION embargo_append_only();"
    "CREATE TRIGGER decisions_ro BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION embargo_append_only();"
    "CREATE TRIGGER chain_ro BEFORE UPDATE OR DELETE ON chain FOR EACH ROW EXECUTE FUNCTION embargo_append_only();"
    "CREATE TRIGGER screenings_rt BEFORE TRUNCATE ON screenings EXECUTE FUNCTION embargo_append_only();"
    "CREATE TRIGGER alerts_rt BEFORE TRUNCATE ON alerts EXECUTE FUNCTION embargo_append_only();"
    "CREATE TRIGGER decisions_rt BEFORE TRUNCATE ON decisions EXECUTE FUNCTION embargo_append_only();"
    "CREATE TRIGGER chain_rt BEFORE TRUNCATE ON chain EXECUTE FUNCTION embargo_append_only();",
    /* 2: the customer base, for rescreening */
    "CREATE TABLE customers(rowid bigserial PRIMARY KEY, id text, name text, kind text, dob text, country text,"
    " identifier text, gender text);",
};

#define C(d) ((PGconn *)(d)->conn)

/* ERR gets libpq's message for RES (or the connection's), without its trailing newline. */
static bool fail(db *d, PGresult *res, buf *err) {
    const char *msg = res ? PQresultErrorMessage(res) : "";
    if (!*msg) msg = PQerrorMessage(C(d));
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    buf_append(err, msg, n);
    PQclear(res);
    return false;
}

static bool pg_exec(db *d, const char *sql, buf *err) {
    PGresult *res = PQexec(C(d), sql);
    ExecStatusType s = PQresultStatus(res);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) return fail(d, res, err);
    PQclear(res);
    return true;
}

static bool pg_open(db *d, const char *url, buf *err) {
    PGconn *c = PQconnectdb(url);
    d->conn = c;
    if (!c) return buf_puts(err, "out of memory"), false;
    if (PQstatus(c) != CONNECTION_OK) return fail(d, NULL, err);
    return pg_exec(d, "SET client_min_messages = warning; SET extra_float_digits = 1", err);
}

static void pg_close(db *d) {
    PQfinish(C(d));
    d->conn = NULL;
}

static bool pg_query(db *d, const char *sql, const db_param *params, int n, db_row_fn fn, void *user, buf *err) {
    char nums[16][32];
    const char *values[16];
    if (n > 16) return buf_puts(err, "too many parameters"), false;
    for (int i = 0; i < n; i++) {
        const db_param *p = &params[i];
        values[i] = NULL;
        if (p->type == 't') values[i] = p->s;
        else if (p->type == 'r') snprintf(nums[i], sizeof nums[i], "%.17g", p->r), values[i] = nums[i];
        else if (p->type == 'i' || (p->type == 'n' && p->i)) snprintf(nums[i], sizeof nums[i], "%lld", (long long)p->i), values[i] = nums[i];
    }
    PGresult *res = PQexecParams(C(d), sql, n, NULL, values, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(res);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) return fail(d, res, err);
    int cols = PQnfields(res);
    if (cols > 32) cols = 32;
    const char *names[32], *vals[32];
    int types[32], lengths[32];
    for (int c = 0; c < cols; c++) names[c] = PQfname(res, c), types[c] = (int)PQftype(res, c);
    bool go = true;
    for (int r = 0; fn && go && r < PQntuples(res); r++) {
        for (int c = 0; c < cols; c++) {
            vals[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
            lengths[c] = PQgetlength(res, r, c);
        }
        db_row row = {cols, names, types, vals, lengths};
        go = fn(&row, user);
    }
    PQclear(res);
    return true;
}

static bool take_version(const db_row *row, void *user) {
    *(int *)user = row->values[0] ? atoi(row->values[0]) : 0;
    return false;
}

static int pg_schema_version(db *d, buf *err) {
    int v = 0;
    if (!pg_exec(d, "CREATE TABLE IF NOT EXISTS embargo_schema(version integer NOT NULL)", err) ||
        !pg_query(d, "SELECT max(version) FROM embargo_schema", NULL, 0, take_version, &v, err))
        return -1;
    return v;
}

static bool pg_set_schema_version(db *d, int version, buf *err) {
    db_param p = {'i', NULL, 0, version};
    return pg_exec(d, "DELETE FROM embargo_schema", err) &&
           pg_query(d, "INSERT INTO embargo_schema(version) VALUES ($1)", &p, 1, NULL, NULL, err);
}

const db_driver db_pg_driver = {
    "postgresql", pg_migrations, "BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ", PG_LOCK_SQL, pg_open, pg_close,
    pg_exec, pg_query, pg_schema_version, pg_set_schema_version,
};
