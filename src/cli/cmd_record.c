/*
 * cmd_record.c - the record (history/db.h) from the command line:
 *   embargo record-screen FILE [--threshold T] [--data DIR]
 *       screens each party of FILE (CSV or JSON lines, as `screen`) against
 *       the current version of the data folder, records each screening and
 *       its hits as alerts (or suppressed by a false positive), and writes
 *       one JSON line per row once its batch is committed;
 *   embargo alerts [--all] [--data DIR]
 *   embargo decide ALERT (--false-positive | --true-match) --reason TEXT --user NAME [--data DIR]
 *   embargo audit verify [--data DIR]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/history_cli.h"
#include "history/db.h"
#include "history/vstore.h"
#include "screen/batch.h"
#include "screen/hit_json.h"

#define RECORD_BATCH 256

/* Opens the record (history_record_where), saying why not. */
static db *open_db(const cli_opts *opts, const char *data, int *rc) {
    buf err, path;
    buf_init(&err), buf_init(&path);
    db *d = NULL;
    if (!history_record_where(opts, data, &path)) cli_error("no --data folder and no home folder");
    else {
        d = db_open(buf_str(&path), &err);
        if (!d) cli_error("cannot open the record: %s", buf_str(&err));
    }
    *rc = d ? CLI_OK : CLI_DATA;
    buf_free(&err), buf_free(&path);
    return d;
}

typedef struct {
    db *d;
    const embargo_index *ix;
    json_t *hashes;               /* entity id -> record hash, of the version */
    const char *version;
    embargo_search_options so;
    embargo_results *r;
    buf err;
} record_job;

static json_t *row_input(const batch_row *row) {
    static const char *const names[BATCH_FIELDS] = {"id", "name", "kind", "dob", "country", "identifier", "gender"};
    json_t *o = json_object();
    for (int f = 0; f < BATCH_FIELDS; f++)
        if (row->field[f]) json_object_set_new(o, names[f], json_string(row->field[f]));
    return o;
}

/* Screens and records one row; returns its output line (caller frees) or NULL on a database error. */
static char *record_row(record_job *job, const batch_row *row) {
    json_t *out = json_pack("{s:I}", "line", (json_int_t)row->line);
    json_t *input = row_input(row);
    const char *party = row->field[BATCH_ID] ? row->field[BATCH_ID] : row->field[BATCH_NAME] ? row->field[BATCH_NAME] : "";
    json_t *hits = json_array();
    embargo_status s = EMBARGO_EINVAL;
    if (!row->error) {
        embargo_query q = {row->field[BATCH_NAME], embargo_kind_parse(row->field[BATCH_KIND]), row->field[BATCH_DOB],
                           row->field[BATCH_COUNTRY], row->field[BATCH_IDENTIFIER], EMBARGO_GENDER_UNKNOWN};
        s = embargo_search(job->ix, &q, &job->so, job->r);
    }
    if (s == EMBARGO_OK)
        for (size_t i = 0; i < embargo_results_count(job->r); i++)
            json_array_append_new(hits, hit_to_json(embargo_results_hit(job->r, i)));
    else json_object_set_new(out, "error", json_string(row->error ? row->error : embargo_results_error(job->r)));
    char *in_text = json_dumps(input, JSON_COMPACT | JSON_SORT_KEYS), *hits_text = json_dumps(hits, JSON_COMPACT);
    int64_t id = db_add_screening(job->d, party, in_text, job->version, job->so.threshold, hits_text, &job->err);
    json_t *alerts = json_array(), *suppressed = json_array();
    for (size_t i = 0; id && s == EMBARGO_OK && i < embargo_results_count(job->r); i++) {
        const embargo_hit *h = embargo_results_hit(job->r, i);
        const char *hash = json_string_value(json_object_get(job->hashes, h->entity_id));
        int64_t by = 0, alert = db_add_alert(job->d, id, party, h->entity_id, hash ? hash : "", h->score, &by, &job->err);
        if (!alert) id = 0;
        json_array_append_new(by ? suppressed : alerts, json_integer(alert));
    }
    json_object_set_new(out, "screening", json_integer(id));
    json_object_set_new(out, "alerts", alerts);
    json_object_set_new(out, "suppressed", suppressed);
    json_object_set_new(out, "hits", hits);
    char *line = id ? json_dumps(out, JSON_COMPACT) : NULL;
    free(in_text), free(hits_text);
    json_decref(out), json_decref(input);
    return line;
}

/* Records the batch in one transaction, then prints it. */
static bool record_batch(record_job *job, batch_row *rows, size_t n) {
    char *lines[RECORD_BATCH] = {0};
    bool ok = db_begin(job->d, &job->err);
    for (size_t i = 0; ok && i < n; i++) ok = (lines[i] = record_row(job, &rows[i])) != NULL;
    ok = ok && db_commit(job->d, &job->err);
    for (size_t i = 0; i < n; i++) {
        if (ok) puts(lines[i]);
        free(lines[i]);
        batch_row_free(&rows[i]);
    }
    if (!ok) db_rollback(job->d);
    fflush(stdout);
    return ok;
}

/* The current version's index and entity hashes, or false saying why. */
static bool open_version(const char *data, record_job *job, buf *name, int *rc) {
    buf path, err;
    buf_init(&path), buf_init(&err);
    char msg[512];
    embargo_index *ix = NULL;
    bool ok = vstore_current(data, name);
    if (!ok) cli_error("%s has no current version of the lists: run `embargo update` first", data);
    else if (embargo_index_open(vstore_path(data, buf_str(name), "embargo.idx", &path), &ix, msg, sizeof msg) != EMBARGO_OK)
        ok = false, cli_error("cannot use the index: %s", msg);
    else if (!(job->hashes = vstore_entity_hashes(data, buf_str(name), &err)))
        ok = false, cli_error("%s", buf_str(&err));
    job->ix = ix;
    *rc = ok ? CLI_OK : CLI_DATA;
    buf_free(&path), buf_free(&err);
    return ok;
}

int cmd_record_screen(cli_opts *opts) {
    cli_option o[] = {{"--threshold", false, NULL}, {"--data", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, 2, pos, 1, &n_pos)) return CLI_USAGE;
    if (n_pos != 1) {
        cli_error("usage: embargo record-screen FILE [--threshold T] [--data DIR]");
        return CLI_USAGE;
    }
    const char *data = history_data_dir(o[1].value);
    record_job job = {0};
    job.so.threshold = o[0].value ? atof(o[0].value) : EMBARGO_DEFAULT_THRESHOLD;
    buf_init(&job.err);
    buf version;
    buf_init(&version);
    int rc;
    FILE *in = strcmp(pos[0], "-") == 0 ? stdin : fopen(pos[0], "rb");
    batch_reader *reader = in ? batch_open(in, &job.err) : NULL;
    if (!reader) cli_error("%s: %s", pos[0], in ? buf_str(&job.err) : "cannot open");
    if (!reader || !open_version(data, &job, &version, &rc) || !(job.d = open_db(opts, data, &rc))) rc = reader ? rc : CLI_DATA;
    job.version = buf_str(&version);
    job.r = embargo_results_new();
    batch_row rows[RECORD_BATCH];
    size_t n = 0;
    for (int got = 1; rc == CLI_OK && got == 1;) {
        n = 0;
        while (n < RECORD_BATCH && (got = batch_next(reader, &rows[n], &job.err)) == 1) n++;
        if (!record_batch(&job, rows, n)) cli_error("recording failed, this batch is not recorded: %s", buf_str(&job.err)), rc = CLI_INTERNAL;
        if (got == -1) cli_error("%s: %s", pos[0], buf_str(&job.err)), rc = CLI_DATA;
    }
    embargo_results_free(job.r);
    embargo_index_close((embargo_index *)job.ix);
    json_decref(job.hashes);
    db_close(job.d);
    if (reader) batch_close(reader);
    if (in && in != stdin) fclose(in);
    buf_free(&job.err), buf_free(&version);
    return rc;
}

int cmd_alerts(cli_opts *opts) {
    cli_option o[] = {{"--all", true, NULL}, {"--data", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, 2, pos, 0, &n_pos)) return CLI_USAGE;
    int rc;
    db *d = open_db(opts, history_data_dir(o[1].value), &rc);
    if (!d) return rc;
    buf err;
    buf_init(&err);
    json_t *alerts = db_alerts(d, o[0].value != NULL, &err);
    size_t i;
    json_t *a;
    json_array_foreach(alerts, i, a) {
        if (opts->json) {
            char *line = json_dumps(a, JSON_COMPACT);
            puts(line);
            free(line);
            continue;
        }
        printf("%6lld  %.2f  %-24s %-20s %s%s%s\n", (long long)json_integer_value(json_object_get(a, "alert")),
               json_real_value(json_object_get(a, "score")), json_string_value(json_object_get(a, "party")),
               json_string_value(json_object_get(a, "entity")), json_string_value(json_object_get(a, "at")),
               json_object_get(a, "suppressed_by") ? "  suppressed (false positive)" : "",
               json_object_get(a, "decision") ? "  decided" : "");
    }
    rc = !alerts ? CLI_INTERNAL : json_array_size(alerts) ? CLI_OK : CLI_NOTHING;
    if (!alerts) cli_error("%s", buf_str(&err));
    json_decref(alerts);
    buf_free(&err);
    db_close(d);
    return rc;
}

int cmd_decide(cli_opts *opts) {
    cli_option o[] = {{"--false-positive", true, NULL}, {"--true-match", true, NULL}, {"--reason", false, NULL},
                      {"--user", false, NULL}, {"--data", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, 5, pos, 1, &n_pos)) return CLI_USAGE;
    if (n_pos != 1 || !o[0].value == !o[1].value || !o[2].value || !o[3].value || atoll(pos[0]) <= 0) {
        cli_error("usage: embargo decide ALERT (--false-positive | --true-match) --reason TEXT --user NAME");
        return CLI_USAGE;
    }
    int rc;
    db *d = open_db(opts, history_data_dir(o[4].value), &rc);
    if (!d) return rc;
    buf err;
    buf_init(&err);
    int64_t id = db_add_decision(d, atoll(pos[0]), o[0].value ? "false-positive" : "true-match", o[2].value, o[3].value, &err);
    if (id) printf("decision %lld recorded\n", (long long)id);
    else cli_error("%s", buf_str(&err)), rc = CLI_DATA;
    buf_free(&err);
    db_close(d);
    return rc;
}

int cmd_audit(cli_opts *opts) {
    cli_option o[] = {{"--data", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, 1, pos, 1, &n_pos)) return CLI_USAGE;
    if (n_pos != 1 || strcmp(pos[0], "verify") != 0) {
        cli_error("usage: embargo audit verify [--data DIR]");
        return CLI_USAGE;
    }
    int rc;
    db *d = open_db(opts, history_data_dir(o[0].value), &rc);
    if (!d) return rc;
    buf err;
    buf_init(&err);
    size_t n = 0;
    if (db_verify(d, &n, &err)) printf("the record holds: %zu rows chained, none changed\n", n);
    else cli_error("the record was tampered with: %s (%zu rows checked before)", buf_str(&err), n), rc = CLI_DATA;
    buf_free(&err);
    db_close(d);
    return rc;
}
