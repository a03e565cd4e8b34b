/*
 * db.c - see db.h: the record's logic over a storage driver (db_int.h).
 * Every chained row is hashed from its own columns as read back from the
 * database, by the same function that db_verify uses, so writing and
 * checking cannot disagree. A row and its chain row are written in one
 * transaction; with PostgreSQL the chain is locked for that transaction,
 * so servers sharing the store append to one chain in turn.
 */
#include "history/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "embargo/embargo.h"
#include "history/db_int.h"
#include "history/sha256.h"

/* The chained tables, in the order db_verify reports them. */
static const char *const chained[] = {"screenings", "alerts", "decisions"};

bool db_is_url(const char *where) {
    return where && (strncmp(where, "postgres://", 11) == 0 || strncmp(where, "postgresql://", 13) == 0);
}

static bool migrate(db *d, buf *err) {
    if (!d->drv->exec(d, d->drv->begin_sql, err)) return false;
    bool ok = !d->drv->chain_lock_sql || d->drv->exec(d, d->drv->chain_lock_sql, err);
    int v = ok ? d->drv->schema_version(d, err) : -1;
    if (v > DB_SCHEMA_VERSION) buf_printf(err, "the database has schema %d, newer than this embargo (%d)", v, DB_SCHEMA_VERSION);
    ok = v >= 0 && v <= DB_SCHEMA_VERSION;
    for (; ok && v < DB_SCHEMA_VERSION; v++)
        ok = d->drv->exec(d, d->drv->migrations[v], err) && d->drv->set_schema_version(d, v + 1, err);
    if (ok) return d->drv->exec(d, "COMMIT", err);
    buf e;
    buf_init(&e);
    d->drv->exec(d, "ROLLBACK", &e);
    buf_free(&e);
    return false;
}

db *db_open(const char *where, buf *err) {
    db *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->drv = db_is_url(where) ? &db_pg_driver : &db_sqlite_driver;
    buf e;
    buf_init(&e);
    bool ok = d->drv->open(d, where, &e) && migrate(d, &e);
    if (!ok) {
        buf_printf(err, "%s: %s", db_is_url(where) ? "the PostgreSQL store" : where, buf_str(&e));
        db_close(d);
        d = NULL;
    }
    buf_free(&e);
    return d;
}

void db_close(db *d) {
    if (!d) return;
    if (d->conn) d->drv->close(d);
    free(d);
}

const char *db_driver_name(const db *d) {
    return d->drv->name;
}

bool db_begin(db *d, buf *err) {
    if (!d->drv->exec(d, d->drv->begin_sql, err)) return false;
    if (d->drv->chain_lock_sql && !d->drv->exec(d, d->drv->chain_lock_sql, err)) {
        db_rollback(d);
        return false;
    }
    d->in_tx = true;
    return true;
}

bool db_commit(db *d, buf *err) {
    bool ok = d->drv->exec(d, "COMMIT", err);
    d->in_tx = false;
    return ok;
}

void db_rollback(db *d) {
    buf e;
    buf_init(&e);
    d->drv->exec(d, "ROLLBACK", &e);
    buf_free(&e);
    d->in_tx = false;
}

/* ---- row hashes and the chain ---- */

typedef struct {
    sha256_ctx *ctx;
    bool found;
} hash_ctx;

static bool hash_row(const db_row *row, void *user) {
    hash_ctx *h = user;
    h->found = true;
    for (int c = 0; h->ctx && c < row->n; c++) {
        char head[160];
        int n = snprintf(head, sizeof head, "%s%s=%d:", c ? "\x1f" : "", row->names[c], row->types[c]);
        sha256_add(h->ctx, head, (size_t)n);
        if (row->values[c]) sha256_add(h->ctx, row->values[c], (size_t)row->lengths[c]);
    }
    return false;
}

/* The hash of row ROW of TABLE from its columns: "name=type:value" joined by 0x1f. False when absent. */
static bool row_hash(db *d, const char *table, int64_t row, char hex[65], buf *err) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = $1", table);
    db_param p = {'i', NULL, 0, row};
    hash_ctx h = {sha256_begin(), false};
    bool ok = h.ctx && d->drv->query(d, sql, &p, 1, hash_row, &h, err);
    if (h.ctx) sha256_finish(h.ctx, hex);
    return ok && h.found;
}

static void chain_hash(const char *prev, const char *table, int64_t row, const char *rhash, char hex[65]) {
    char text[512];
    int n = snprintf(text, sizeof text, "%s\n%s\n%lld\n%s", prev, table, (long long)row, rhash);
    sha256_hex(text, (size_t)n, hex);
}

static bool take_text64(const db_row *row, void *user) {
    if (row->values[0] && row->lengths[0] == 64) memcpy(user, row->values[0], 64);
    return false;
}

/* The last chain hash ("0"x64 for an empty chain). */
static bool last_hash(db *d, char hex[65], buf *err) {
    memset(hex, '0', 64);
    hex[64] = '\0';
    return d->drv->query(d, "SELECT hash FROM chain ORDER BY seq DESC LIMIT 1", NULL, 0, take_text64, hex, err);
}

/* Appends the chain row of row ROW of TABLE. */
static bool chain_append(db *d, const char *table, int64_t row, buf *err) {
    char rhash[65], prev[65], hash[65];
    if (!row_hash(d, table, row, rhash, err) || !last_hash(d, prev, err)) {
        buf_printf(err, " (hashing %s row %lld)", table, (long long)row);
        return false;
    }
    chain_hash(prev, table, row, rhash, hash);
    db_param p[] = {{'t', table, 0, 0}, {'i', NULL, 0, row}, {'t', rhash, 0, 0}, {'t', prev, 0, 0}, {'t', hash, 0, 0}};
    return d->drv->query(d, "INSERT INTO chain(tbl, \"row\", row_hash, prev, hash) VALUES ($1, $2, $3, $4, $5)", p, 5,
                         NULL, NULL, err);
}

static void now_iso(char out[32]) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%06ldZ", ts.tv_nsec / 1000);
}

static bool take_int(const db_row *row, void *user) {
    if (row->values[0]) *(int64_t *)user = strtoll(row->values[0], NULL, 10);
    return false;
}

/*
 * Inserts a row with SQL (ending RETURNING id; its first parameter the
 * time, then the N ARGS) and chains it, in one transaction (the caller's
 * when one is open). Returns its id, 0 on failure.
 */
static int64_t insert_chained(db *d, const char *table, const char *sql, const db_param *args, int n, buf *err) {
    bool own = !d->in_tx;
    if (own && !db_begin(d, err)) return 0;
    db_param p[8];
    char at[32];
    now_iso(at);
    p[0] = (db_param){'t', at, 0, 0};
    memcpy(p + 1, args, (size_t)n * sizeof *p);
    int64_t id = 0;
    bool ok = d->drv->query(d, sql, p, n + 1, take_int, &id, err);
    if (ok && !id) buf_printf(err, "%s: nothing to record (no such row to refer to)", table), ok = false;
    ok = ok && chain_append(d, table, id, err);
    if (own) ok = ok ? db_commit(d, err) : (db_rollback(d), false);
    return ok ? id : 0;
}

int64_t db_add_screening(db *d, const char *party, const char *input_json, const char *list_version,
                         double threshold, const char *results_json, buf *err) {
    db_param p[] = {{'t', party, 0, 0}, {'t', input_json, 0, 0}, {'t', list_version, 0, 0}, {'t', EMBARGO_VERSION, 0, 0},
                    {'r', NULL, threshold, 0}, {'t', results_json, 0, 0}};
    return insert_chained(d, "screenings",
                          "INSERT INTO screenings(at, party, input, list_version, engine, threshold, results)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", p, 6, err);
}

/* The false positive that suppresses an alert for PARTY on ENTITY_ID with ENTITY_HASH, or 0. */
static int64_t suppressing_decision(db *d, const char *party, const char *entity_id, const char *entity_hash) {
    db_param p[] = {{'t', party, 0, 0}, {'t', entity_id, 0, 0}, {'t', entity_hash, 0, 0}};
    int64_t id = 0;
    buf e;
    buf_init(&e);
    d->drv->query(d, "SELECT id FROM decisions WHERE party = $1 AND entity_id = $2 AND entity_hash = $3"
                     " AND verdict = 'false-positive' ORDER BY id DESC LIMIT 1", p, 3, take_int, &id, &e);
    buf_free(&e);
    return id;
}

int64_t db_add_alert(db *d, int64_t screening, const char *party, const char *entity_id, const char *entity_hash,
                     double score, int64_t *suppressed_by, buf *err) {
    int64_t by = suppressing_decision(d, party, entity_id, entity_hash);
    if (suppressed_by) *suppressed_by = by;
    db_param p[] = {{'i', NULL, 0, screening}, {'t', party, 0, 0}, {'t', entity_id, 0, 0}, {'t', entity_hash, 0, 0},
                    {'r', NULL, score, 0}, {'n', NULL, 0, by}};
    return insert_chained(d, "alerts",
                          "INSERT INTO alerts(at, screening, party, entity_id, entity_hash, score, suppressed_by)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", p, 6, err);
}

int64_t db_add_decision(db *d, int64_t alert, const char *verdict, const char *reason, const char *user, buf *err) {
    if (strcmp(verdict, "true-match") != 0 && strcmp(verdict, "false-positive") != 0) {
        buf_printf(err, "a decision is true-match or false-positive, not '%s'", verdict);
        return 0;
    }
    db_param p[] = {{'t', verdict, 0, 0}, {'t', reason, 0, 0}, {'t', user, 0, 0}, {'i', NULL, 0, alert}};
    int64_t id = insert_chained(d, "decisions",
                                "INSERT INTO decisions(at, verdict, reason, \"user\", alert, party, entity_id, entity_hash)"
                                " SELECT $1, $2, $3, $4, id, party, entity_id, entity_hash FROM alerts WHERE id = $5"
                                " RETURNING id", p, 4, err);
    if (!id) buf_printf(err, " (alert %lld)", (long long)alert);
    return id;
}

static bool take_alert(const db_row *row, void *user) {
    const char *const *v = row->values;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:f, s:I, s:s}", "alert", (json_int_t)strtoll(v[0], NULL, 10), "at", v[1],
                          "party", v[2], "entity", v[3], "score", strtod(v[4], NULL), "screening",
                          (json_int_t)strtoll(v[6], NULL, 10), "list_version", v[8]);
    if (v[5]) json_object_set_new(o, "suppressed_by", json_integer(strtoll(v[5], NULL, 10)));
    if (v[7]) json_object_set_new(o, "decision", json_string(v[7]));
    json_array_append_new(user, o);
    return true;
}

json_t *db_alerts(db *d, bool all, buf *err) {
    const char *sql =
        "SELECT a.id, a.at, a.party, a.entity_id, a.score, a.suppressed_by, a.screening,"
        " (SELECT verdict FROM decisions WHERE alert = a.id ORDER BY id DESC LIMIT 1),"
        " s.list_version FROM alerts a JOIN screenings s ON s.id = a.screening"
        " WHERE $1 = 1 OR (a.suppressed_by IS NULL AND NOT EXISTS (SELECT 1 FROM decisions WHERE alert = a.id))"
        " ORDER BY a.id";
    db_param p = {'i', NULL, 0, all};
    json_t *out = json_array();
    if (!d->drv->query(d, sql, &p, 1, take_alert, out, err)) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* ---- verification ---- */

typedef struct {
    db *d;
    char prev[65];
    size_t *n;
    buf *err;
    bool ok;
} verify_ctx;

/* Checks one chain row (seq, tbl, row, row_hash, prev, hash); stops at the first broken one. */
static bool verify_row(const db_row *r, void *user) {
    verify_ctx *v = user;
    const char *const *c = r->values;
    if (!c[0] || !c[1] || !c[2] || !c[3] || !c[4] || !c[5]) {
        buf_puts(v->err, "a chain row has empty columns");
        return v->ok = false;
    }
    long long seq = strtoll(c[0], NULL, 10);
    const char *table = c[1];
    int64_t row = strtoll(c[2], NULL, 10);
    char rhash[65], hash[65];
    bool known = false;
    for (size_t t = 0; t < sizeof chained / sizeof *chained; t++) known = known || strcmp(table, chained[t]) == 0;
    buf e;
    buf_init(&e);
    if (!known) v->ok = false, buf_printf(v->err, "chain row %lld names no record table ('%s')", seq, table);
    else if (!row_hash(v->d, table, row, rhash, &e)) v->ok = false, buf_printf(v->err, "%s row %lld is missing (chain row %lld)", table, (long long)row, seq);
    else if (strcmp(rhash, c[3]) != 0) v->ok = false, buf_printf(v->err, "%s row %lld was changed after it was recorded (chain row %lld)", table, (long long)row, seq);
    else if (strcmp(v->prev, c[4]) != 0) v->ok = false, buf_printf(v->err, "chain row %lld does not follow chain row %lld", seq, seq - 1);
    buf_free(&e);
    if (!v->ok) return false;
    chain_hash(v->prev, table, row, rhash, hash);
    if (strcmp(hash, c[5]) != 0) {
        buf_printf(v->err, "chain row %lld's hash is wrong", seq);
        return v->ok = false;
    }
    memcpy(v->prev, hash, 65);
    (*v->n)++;
    return true;
}

static bool take_found(const db_row *row, void *user) {
    *(int64_t *)user = row->values[0] ? strtoll(row->values[0], NULL, 10) : 0;
    return false;
}

/* Every row of the chained tables has a chain row. */
static bool verify_complete(db *d, buf *err) {
    for (size_t t = 0; t < sizeof chained / sizeof *chained; t++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE id NOT IN (SELECT \"row\" FROM chain WHERE tbl = '%s') LIMIT 1",
                 chained[t], chained[t]);
        int64_t extra = -1;
        if (!d->drv->query(d, sql, NULL, 0, take_found, &extra, err)) return false;
        if (extra >= 0) {
            buf_printf(err, "%s row %lld was added outside the record (no chain row)", chained[t], (long long)extra);
            return false;
        }
    }
    return true;
}

bool db_verify(db *d, size_t *n_rows, buf *err) {
    *n_rows = 0;
    if (!d->drv->exec(d, d->drv->snapshot_sql, err)) return false; /* one snapshot */
    verify_ctx v = {d, {0}, n_rows, err, true};
    memset(v.prev, '0', 64);
    bool ok = d->drv->query(d, "SELECT seq, tbl, \"row\", row_hash, prev, hash FROM chain ORDER BY seq", NULL, 0,
                            verify_row, &v, err) && v.ok && verify_complete(d, err);
    buf e;
    buf_init(&e);
    d->drv->exec(d, "COMMIT", &e);
    buf_free(&e);
    return ok;
}

/* ---- the customer base ---- */

bool db_customers_clear(db *d, buf *err) {
    return d->drv->exec(d, "DELETE FROM customers", err);
}

bool db_customer_add(db *d, char *const field[7], buf *err) {
    db_param p[7];
    for (int i = 0; i < 7; i++) p[i] = (db_param){'t', field[i], 0, 0};
    return d->drv->query(d, "INSERT INTO customers(id, name, kind, dob, country, identifier, gender)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7)", p, 7, NULL, NULL, err);
}

typedef struct {
    bool (*fn)(const db_customer *c, void *user);
    void *user;
} each_ctx;

static bool take_customer(const db_row *row, void *user) {
    each_ctx *e = user;
    db_customer c = {strtoll(row->values[0], NULL, 10), {0}};
    for (int i = 0; i < 7; i++) c.field[i] = row->values[i + 1];
    return e->fn(&c, e->user);
}

bool db_customers_each(db *d, bool (*fn)(const db_customer *c, void *user), void *user, buf *err) {
    each_ctx e = {fn, user};
    return d->drv->query(d, "SELECT rowid, id, name, kind, dob, country, identifier, gender FROM customers ORDER BY rowid",
                         NULL, 0, take_customer, &e, err);
}

size_t db_customer_count(db *d) {
    int64_t n = 0;
    buf e;
    buf_init(&e);
    d->drv->query(d, "SELECT count(*) FROM customers", NULL, 0, take_int, &n, &e);
    buf_free(&e);
    return (size_t)n;
}
