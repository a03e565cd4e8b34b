/*
 * db_int.h - the storage drivers behind the record (db.h). The record's
 * logic (the chain, suppression, verification, alerts) is written once in
 * db.c over this small interface: run SQL with typed parameters and receive
 * rows as text with each column's name and the driver's type code. Two
 * drivers: SQLite (db_sqlite.c, a file in the data folder, the default)
 * and PostgreSQL (db_pg.c, libpq, for several servers sharing one store).
 *
 * SQL shared by both uses $1, $2 ... in order of first use (SQLite reads
 * them as named parameters numbered that way), double-quoted "user" and
 * "row", and RETURNING id.
 */
#ifndef EMBARGO_HISTORY_DB_INT_H
#define EMBARGO_HISTORY_DB_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "history/db.h"

/* A parameter: 't' text S (NULL: SQL NULL), 'r' real R, 'i' integer I, 'n' integer I or NULL when 0. */
typedef struct {
    char type;
    const char *s;
    double r;
    int64_t i;
} db_param;

/* One row of a result, valid during the callback only. */
typedef struct {
    int n;
    const char *const *names;
    const int *types;             /* the driver's type code (SQLite's column type, PostgreSQL's type OID) */
    const char *const *values;    /* NULL for SQL NULL */
    const int *lengths;
} db_row;

/* Receives a row; returns false to stop. */
typedef bool (*db_row_fn)(const db_row *row, void *user);

typedef struct {
    const char *name;                       /* "sqlite", "postgresql" */
    const char *const *migrations;          /* DB_SCHEMA_VERSION scripts: N brings version N to N+1 */
    const char *begin_sql;                  /* a write transaction */
    const char *snapshot_sql;               /* a read transaction that sees one snapshot */
    const char *chain_lock_sql;             /* serializes appends to the chain across connections, or NULL */
    /* Connects to WHERE (a file path, a URL); false with ERR. */
    bool (*open)(db *d, const char *where, buf *err);
    void (*close)(db *d);
    /* Runs SQL (one or more statements, no parameters, no rows). */
    bool (*exec)(db *d, const char *sql, buf *err);
    /* Runs one statement with N PARAMS, calling FN (may be NULL) per row. */
    bool (*query)(db *d, const char *sql, const db_param *params, int n, db_row_fn fn, void *user, buf *err);
    /* The schema version stored, -1 on failure; and setting it (inside the migration's transaction). */
    int (*schema_version)(db *d, buf *err);
    bool (*set_schema_version)(db *d, int version, buf *err);
} db_driver;

struct db {
    const db_driver *drv;
    void *conn;                   /* the driver's connection */
    bool in_tx;                   /* a transaction of db_begin is open */
};

extern const db_driver db_sqlite_driver;
extern const db_driver db_pg_driver;

#endif
