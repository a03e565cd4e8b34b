/*
 * cmd_rescreen.c - the customer base and its rescreening:
 *   embargo customers load FILE.csv [--data DIR]   (CSV or JSON lines, as `screen`; replaces the base)
 *   embargo rescreen [--since VERSION] [--full] [--threshold T] [--threads N] [--data DIR]
 * rescreen screens every customer against the entities added or changed
 * between VERSION (default: the version before the current one) and the
 * current version, records a screening for each customer with hits and an
 * alert per hit (suppressed by an earlier false positive on the same
 * record), and prints the new alerts. The customers are indexed by their
 * names' keys (history/cindex.h) and only those sharing a key with a changed
 * entity, whose score bound reaches the threshold, are searched. The
 * customer index is built and stored by `customers load` (next to the
 * record: history_cindex_where) and mapped by rescreen, which rebuilds and
 * stores it, saying why, when it is missing, stale or damaged. The index of
 * the changed entities is the one `embargo update` stored in the version's
 * folder when VERSION is the one that update replaced, else built here from
 * the lists. --full searches every customer in the whole index and keeps the same entities:
 * the same result, slower (for checking).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/history_cli.h"
#include "history/db.h"
#include "history/rescreen.h"
#include "history/vstore.h"
#include "screen/batch.h"

static db *open_record(const cli_opts *opts, const char *data, int *rc) {
    buf path, err;
    buf_init(&path), buf_init(&err);
    db *d = NULL;
    if (history_record_where(opts, data, &path)) {
        if (!(d = db_open(buf_str(&path), &err))) cli_error("cannot open the record: %s", buf_str(&err));
    }
    *rc = d ? CLI_OK : CLI_DATA;
    buf_free(&path), buf_free(&err);
    return d;
}

typedef struct {
    embargo_query *q;
    char **fields;                /* 7 per customer, owned */
    size_t n, cap;
} customer_base;

static bool take_customer(const db_customer *c, void *user) {
    customer_base *b = user;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4096;
        b->q = realloc(b->q, b->cap * sizeof *b->q);
        b->fields = realloc(b->fields, b->cap * 7 * sizeof *b->fields);
        if (!b->q || !b->fields) return false;
    }
    char **f = b->fields + 7 * b->n;
    for (int i = 0; i < 7; i++) f[i] = c->field[i] ? strdup(c->field[i]) : NULL;
    b->q[b->n] = (embargo_query){f[BATCH_NAME] ? f[BATCH_NAME] : "", embargo_kind_parse(f[BATCH_KIND]), f[BATCH_DOB],
                                 f[BATCH_COUNTRY], f[BATCH_IDENTIFIER], EMBARGO_GENDER_UNKNOWN};
    b->n++;
    return true;
}

static void base_free(customer_base *b) {
    for (size_t i = 0; i < 7 * b->n; i++) free(b->fields[i]);
    free(b->fields), free(b->q);
}


/* Seconds since T0. */
static double since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Builds the index of the customer base just loaded into D and stores it
 * (cindex.h), read back as rescreen reads it so both see the same names.
 * A failure leaves the base loaded: rescreen builds the index then.
 */
static void customers_index(const cli_opts *opts, db *d, const char *data) {
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    customer_base base = {0};
    buf path, err;
    buf_init(&path), buf_init(&err);
    cindex *cx = NULL;
    char hash[65];
    if (!history_cindex_where(opts, data, &path)) cli_error("no place to store the customer index (--data DIR)");
    else if (!db_customers_each(d, take_customer, &base, &err)) cli_error("the customer index was not built: %s", buf_str(&err));
    else if (!(cx = cindex_build(base.q, base.n))) cli_error("the customer index was not built: out of memory");
    else if (cindex_base_hash(base.q, base.n, hash), cindex_save(cx, hash, buf_str(&path), &err) != EMBARGO_OK)
        cli_error("the customer index was not stored (rescreen builds it): %s", buf_str(&err));
    else {
        cindex_stats st;
        cindex_get_stats(cx, &st);
        fprintf(stderr, "customer index built and stored in %.2f s: %s (%.0f MB)\n", since(&t0), buf_str(&path),
                (double)st.bytes / 1e6);
    }
    cindex_free(cx);
    base_free(&base);
    buf_free(&path), buf_free(&err);
}

static int customers_load(const cli_opts *opts, const char *data, const char *file) {
    int rc;
    FILE *in = fopen(file, "rb");
    if (!in) return cli_error("cannot open %s", file), CLI_DATA;
    buf err;
    buf_init(&err);
    batch_reader *reader = batch_open(in, &err);
    db *d = reader ? open_record(opts, data, &rc) : NULL;
    if (!reader) cli_error("%s: %s", file, buf_str(&err)), rc = CLI_DATA;
    size_t n = 0, bad = 0;
    bool ok = d && db_begin(d, &err) && db_customers_clear(d, &err);
    batch_row row;
    int got = 0;
    while (ok && (got = batch_next(reader, &row, &err)) == 1) {
        if (row.error) cli_error("%s:%ld: %s (not loaded)", file, row.line, row.error), bad++;
        else ok = db_customer_add(d, row.field, &err), n++;
        batch_row_free(&row);
    }
    if (got == -1) cli_error("%s: %s", file, buf_str(&err)), ok = false;
    if (ok && db_commit(d, &err)) {
        printf("%zu customers loaded%s\n", n, bad ? " (some rows skipped, see above)" : "");
        customers_index(opts, d, data);
    } else if (d) {
        db_rollback(d);
        cli_error("the customer base is unchanged: %s", buf_str(&err));
        rc = CLI_DATA;
    }
    db_close(d);
    if (reader) batch_close(reader);
    fclose(in);
    buf_free(&err);
    return rc;
}

int cmd_customers(cli_opts *opts) {
    cli_option o[] = {{"--data", false, NULL}};
    const char *pos[2];
    size_t n_pos;
    if (!cli_parse(opts, o, 1, pos, 2, &n_pos)) return CLI_USAGE;
    if (n_pos != 2 || strcmp(pos[0], "load") != 0) {
        cli_error("usage: embargo customers load FILE.csv [--data DIR]");
        return CLI_USAGE;
    }
    return customers_load(opts, history_data_dir(o[0].value), pos[1]);
}

/* The version before CURRENT, into OUT; false when there is none. */
static bool previous_version(const char *data, const char *current, buf *out) {
    char **names;
    size_t n;
    if (!vstore_list(data, &names, &n)) return false;
    bool found = false;
    for (size_t i = 1; i < n && !found; i++)
        if (strcmp(names[i], current) == 0) buf_puts(out, names[i - 1]), found = true;
    vstore_list_free(names, n);
    return found;
}

typedef struct {
    const char *data;
    buf current, since;
    rescreen_set changed;
    json_t *hashes;
    embargo_store *store;
    embargo_index *ix;
    bool full;
} rescreen_ctx;

/* The versions, the changed set, and the index to search. */
static int prepare(const cli_opts *opts, rescreen_ctx *c, const char *since) {
    buf err;
    buf_init(&err);
    int rc = CLI_DATA;
    json_t *old = NULL;
    if (!vstore_current(c->data, &c->current)) cli_error("%s has no current version: run `embargo update` first", c->data);
    else if (since ? (buf_puts(&c->since, since), false) : !previous_version(c->data, buf_str(&c->current), &c->since))
        cli_error("no version before %s to compare with (--since VERSION)", buf_str(&c->current));
    else if (!(old = vstore_entity_hashes(c->data, buf_str(&c->since), &err)) ||
             !(c->hashes = vstore_entity_hashes(c->data, buf_str(&c->current), &err)))
        cli_error("%s", buf_str(&err));
    else if (!rescreen_changed(old, c->hashes, &c->changed)) rc = CLI_INTERNAL;
    else if (c->changed.n == 0) rc = CLI_NOTHING;
    else rc = CLI_OK;
    json_decref(old);
    buf_free(&err);
    if (rc != CLI_OK) return rc;
    char msg[512];
    buf path;
    buf_init(&path);
    embargo_status stored = EMBARGO_ENOTFOUND;
    if (!c->full) {
        /* The index of the changed entities `embargo update` stored, else built here from the lists. */
        stored = embargo_index_open(rescreen_changed_index_path(c->data, buf_str(&c->current), buf_str(&c->since), &path),
                                    &c->ix, msg, sizeof msg);
        if (stored != EMBARGO_OK && stored != EMBARGO_ENOTFOUND)
            cli_error("cannot use the stored index of the changed entities (building it from the lists): %s", msg);
    }
    if (stored == EMBARGO_OK) {
        /* opened */
    } else if (c->full) {
        if (embargo_index_open(vstore_path(c->data, buf_str(&c->current), "embargo.idx", &path), &c->ix, msg, sizeof msg) != EMBARGO_OK)
            cli_error("cannot use the index: %s", msg), rc = CLI_DATA;
    } else if (!(c->store = history_load(opts, c->data, buf_str(&c->current), &rc))) {
        /* history_load said why */
    } else if (embargo_index_build_memory_subset(c->store, rescreen_keep, &c->changed, &c->ix, msg, sizeof msg) != EMBARGO_OK) {
        cli_error("cannot index the changed entities: %s", msg), rc = CLI_INTERNAL;
    }
    buf_free(&path);
    return rc;
}

/* Records each customer's hits as a screening and alerts; prints the alerts. */
static bool record_hits(const cli_opts *opts, db *d, rescreen_ctx *c, const customer_base *base, const rescreen_hits *h,
                        double threshold, size_t *n_alerts, size_t *n_suppressed, buf *err) {
    static const char *const names[7] = {"id", "name", "kind", "dob", "country", "identifier", "gender"};
    bool ok = db_begin(d, err);
    for (size_t i = 0; ok && i < h->n;) {
        uint32_t p = h->items[i].party;
        size_t end = i;
        json_t *results = json_array(), *input = json_object();
        for (; end < h->n && h->items[end].party == p; end++)
            json_array_append_new(results, json_pack("{s:s, s:f}", "id", h->items[end].entity, "score", h->items[end].score));
        char **f = base->fields + 7 * (size_t)p;
        for (int k = 0; k < 7; k++)
            if (f[k]) json_object_set_new(input, names[k], json_string(f[k]));
        const char *party = f[BATCH_ID] ? f[BATCH_ID] : f[BATCH_NAME] ? f[BATCH_NAME] : "";
        char *in_text = json_dumps(input, JSON_COMPACT | JSON_SORT_KEYS), *res_text = json_dumps(results, JSON_COMPACT);
        int64_t s = db_add_screening(d, party, in_text, buf_str(&c->current), threshold, res_text, err);
        ok = s > 0;
        for (; ok && i < end; i++) {
            const char *hash = json_string_value(json_object_get(c->hashes, h->items[i].entity));
            int64_t by = 0, a = db_add_alert(d, s, party, h->items[i].entity, hash ? hash : "", h->items[i].score, &by, err);
            ok = a > 0;
            if (by) (*n_suppressed)++;
            else (*n_alerts)++;
            if (ok && !by && opts->json)
                printf("{\"alert\":%lld,\"party\":\"%s\",\"entity\":\"%s\",\"score\":%.4f}\n", (long long)a, party,
                       h->items[i].entity, h->items[i].score);
            else if (ok && !by)
                printf("alert %lld  %.2f  %s  %s\n", (long long)a, h->items[i].score, party, h->items[i].entity);
        }
        free(in_text), free(res_text);
        json_decref(results), json_decref(input);
        i = end;
    }
    if (ok) ok = db_commit(d, err);
    else db_rollback(d);
    return ok;
}

/* The stored customer index of BASE, or a new one (stored) when it is missing, stale or damaged; NULL: out of memory. */
static cindex *customers_open_index(const cli_opts *opts, const char *data, const customer_base *base) {
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    buf path, note;
    buf_init(&path), buf_init(&note);
    bool where = history_cindex_where(opts, data, &path);
    cindex_origin origin;
    cindex *cx = cindex_load(where ? buf_str(&path) : NULL, base->q, base->n, &origin, &note);
    if (note.len) cli_error("%s", buf_str(&note));
    if (cx && origin != CINDEX_OPENED)
        fprintf(stderr, "customer index built in %.2f s%s%s (`embargo customers load` builds it once per customer base)\n",
                since(&t0), origin == CINDEX_BUILT ? " and stored: " : "", origin == CINDEX_BUILT ? buf_str(&path) : "");
    buf_free(&path), buf_free(&note);
    return cx;
}

int cmd_rescreen(cli_opts *opts) {
    cli_option o[] = {{"--since", false, NULL}, {"--full", true, NULL}, {"--threshold", false, NULL},
                      {"--threads", false, NULL}, {"--data", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, 5, pos, 0, &n_pos)) return CLI_USAGE;
    rescreen_ctx c = {.data = history_data_dir(o[4].value), .full = o[1].value != NULL};
    buf_init(&c.current), buf_init(&c.since);
    double threshold = o[2].value ? atof(o[2].value) : EMBARGO_DEFAULT_THRESHOLD;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = o[3].value ? atoi(o[3].value) : (int)(cores > 0 ? cores : 1);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = prepare(opts, &c, o[0].value);
    if (rc == CLI_NOTHING) printf("no entity added or changed since %s\n", buf_str(&c.since));
    db *d = rc == CLI_OK ? open_record(opts, c.data, &rc) : NULL;
    customer_base base = {0};
    buf err;
    buf_init(&err);
    if (d && !db_customers_each(d, take_customer, &base, &err)) cli_error("%s", buf_str(&err)), rc = CLI_DATA;
    rescreen_hits hits = {0};
    size_t n_alerts = 0, n_suppressed = 0;
    if (d && rc == CLI_OK) {
        cindex *cx = c.full ? NULL : customers_open_index(opts, c.data, &base);
        embargo_status status = c.full ? rescreen_run(c.ix, base.q, base.n, threshold, &c.changed, threads, &hits)
                                : cx ? rescreen_incremental(cx, c.ix, base.q, base.n, threshold, &c.changed, threads, &hits, NULL)
                                     : EMBARGO_ENOMEM;
        cindex_free(cx);
        if (status != EMBARGO_OK ||
            !record_hits(opts, d, &c, &base, &hits, threshold, &n_alerts, &n_suppressed, &err))
            cli_error("rescreening failed, nothing recorded: %s", err.len ? buf_str(&err) : "out of memory"), rc = CLI_INTERNAL;
        if (rc == CLI_OK)
            fprintf(stderr, "rescreened %zu customers against %zu entities added or changed since %s (%s): %zu new alerts, "
                    "%zu suppressed by earlier false positives, %.2f s\n", base.n, c.changed.n, buf_str(&c.since),
                    c.full ? "full index" : "their own index", n_alerts, n_suppressed, since(&t0));
        if (rc == CLI_OK && n_alerts == 0) rc = CLI_NOTHING;
    }
    rescreen_hits_free(&hits);
    base_free(&base);
    db_close(d);
    embargo_index_close(c.ix);
    embargo_store_destroy(c.store);
    json_decref(c.hashes);
    rescreen_set_free(&c.changed);
    buf_free(&c.current), buf_free(&c.since), buf_free(&err);
    return rc;
}
