/*
 * db.h - the record: screenings, alerts, decisions, and the customer base,
 * by default in one SQLite file in the data folder (DATA/embargo.db, WAL
 * mode, created on first use), or in a PostgreSQL database shared by
 * several servers (a postgres:// URL). Either way the schema is brought up
 * to date by numbered migrations on open; the drivers are in db_int.h.
 *
 * Screenings, alerts and decisions are append-only (triggers refuse UPDATE
 * and DELETE) and tamper-evident: each row added gets a row of the table
 * `chain` holding the SHA-256 of the row's content and the hash of the
 * chain row before it. db_verify recomputes both, so a row edited, deleted
 * or added behind embargo's back (triggers dropped, file edited) is found.
 * The customer base is working data, replaced as a whole, not chained.
 *
 * A false positive decided for a party and an entity suppresses the same
 * alert (same party, same entity) while the entity's record is unchanged:
 * the decision keeps the hash of the entity's record (diff_entity_hash).
 */
#ifndef EMBARGO_HISTORY_DB_H
#define EMBARGO_HISTORY_DB_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "util/buf.h"

#define DB_SCHEMA_VERSION 2

typedef struct db db;

/*
 * Opens (creating and migrating) the record at WHERE: a postgres:// or
 * postgresql:// URL (libpq), else the SQLite file of that path. NULL with
 * ERR set.
 */
db *db_open(const char *where, buf *err);
/* True when WHERE names a PostgreSQL store. */
bool db_is_url(const char *where);
/* "sqlite" or "postgresql". */
const char *db_driver_name(const db *d);
void db_close(db *d);
/* Transactions, to write a batch at once (and durably: synchronous=FULL). */
bool db_begin(db *d, buf *err);
bool db_commit(db *d, buf *err);
/* Drops the open transaction's writes. */
void db_rollback(db *d);

/* A screening: the party (its id or name), the input row as JSON, the list version and threshold, the hits as JSON. */
int64_t db_add_screening(db *d, const char *party, const char *input_json, const char *list_version,
                         double threshold, const char *results_json, buf *err);
/*
 * An alert of screening SCREENING for PARTY and ENTITY_ID (whose record
 * hashes to ENTITY_HASH). When a false positive suppresses it, the alert is
 * recorded with that decision's id in suppressed_by and *SUPPRESSED_BY set.
 */
int64_t db_add_alert(db *d, int64_t screening, const char *party, const char *entity_id, const char *entity_hash,
                     double score, int64_t *suppressed_by, buf *err);
/* A decision on ALERT: VERDICT "true-match" or "false-positive". 0 with ERR when the alert does not exist. */
int64_t db_add_decision(db *d, int64_t alert, const char *verdict, const char *reason, const char *user, buf *err);
/* The alerts (open ones only, unless ALL: no decision and not suppressed), as a JSON array. */
json_t *db_alerts(db *d, bool all, buf *err);

/*
 * Checks the chain: every row of the chained tables has its chain row, each
 * chain row's hashes hold. True with *N_ROWS rows checked; false with ERR
 * naming the first row that fails.
 */
bool db_verify(db *d, size_t *n_rows, buf *err);

/* A customer: the fields of a batch row (screen/batch.h), NULL when absent. */
typedef struct {
    int64_t rowid;
    const char *field[7];         /* BATCH_ID .. BATCH_GENDER */
} db_customer;

/* Empties the customer base (call in a transaction, then add each). */
bool db_customers_clear(db *d, buf *err);
bool db_customer_add(db *d, char *const field[7], buf *err);
/* Calls FN for every customer in load order; FN returns false to stop. */
bool db_customers_each(db *d, bool (*fn)(const db_customer *c, void *user), void *user, buf *err);
size_t db_customer_count(db *d);

/* The SQLite handle, for tests that tamper with the file (NULL for PostgreSQL). */
struct sqlite3 *db_handle(db *d);

#endif
