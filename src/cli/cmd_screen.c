/*
 * cmd_screen.c - `embargo screen FILE`: screen every party of a CSV or
 * JSON-lines file and write one JSON line per row, in input order.
 *
 * Rows are read in batches of SCREEN_BATCH; worker threads (all cores unless
 * --threads says otherwise) take rows from the batch by an atomic counter,
 * each with its own results, and render each row's JSON line; the main
 * thread then writes the batch in order and reads the next. Memory follows
 * the batch, not the input. A row that cannot be read or screened gets a
 * JSON line with its "error" and a message on stderr with its line number.
 *
 * What lives as long as the run is made once, not per batch or per row:
 * each worker's results (their scratch arrays are sized to the index, and
 * allocating and zeroing them per batch cost more than a batch of output)
 * and each batch slot's output buffer, which keeps its capacity. Output
 * goes through a 64 KB stdio buffer, written by length. One thread has
 * nothing to gather rows for: its batch is one row, so one output buffer
 * serves every row and stays in cache, where a thousand rows' lines (some
 * megabytes) would push the index's lines out.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "screen/batch.h"
#include "screen/hit_json.h"
#include "util/json_writer.h"

#define SCREEN_BATCH 1024
#define SCREEN_MAX_THREADS 256
#define SCREEN_STDOUT_BUFFER (64 * 1024)

typedef struct {
    batch_row row;
    buf out;                      /* the rendered JSON line and its newline; reused batch after batch */
    bool failed;                  /* the row's line carries an error */
} screen_item;

typedef struct {
    const embargo_index *ix;
    embargo_search_options options;
    screen_item *items;
    size_t n_items;
    size_t batch;                 /* rows a batch holds: SCREEN_BATCH, or 1 for one thread */
    atomic_size_t next;
    embargo_results *results[SCREEN_MAX_THREADS]; /* one per worker, for the whole run */
} screen_job;

typedef struct {
    screen_job *job;
    embargo_results *r;
} screen_worker_arg;

/* Renders ITEM's result (or its error) as one JSON line, written directly (hit_json.h). */
static void render(screen_item *item, const embargo_results *r, embargo_status status) {
    const batch_row *row = &item->row;
    buf *out = &item->out;
    if (out->failed) buf_free(out); /* a failed buffer refuses appends: start afresh */
    buf_clear(out);
    item->failed = false;
    json_writer w;
    json_writer_init(&w, out);
    json_writer_object(&w);
    json_writer_key(&w, "line");
    json_writer_int(&w, (long long)row->line);
    if (row->field[BATCH_ID]) json_writer_key(&w, "id"), json_writer_string(&w, row->field[BATCH_ID]);
    if (row->field[BATCH_NAME]) json_writer_key(&w, "name"), json_writer_string(&w, row->field[BATCH_NAME]);
    if (row->error || status != EMBARGO_OK) {
        item->failed = true;
        json_writer_key(&w, "error");
        json_writer_string(&w, row->error ? row->error : embargo_results_error(r));
    } else {
        json_writer_key(&w, "hits");
        json_writer_array(&w);
        for (size_t i = 0; i < embargo_results_count(r); i++) hit_write_json(&w, embargo_results_hit(r, i));
        json_writer_end(&w, ']');
    }
    json_writer_end(&w, '}');
    buf_putc(out, '\n');
}

static void screen_one(screen_job *job, screen_item *item, embargo_results *r) {
    const batch_row *row = &item->row;
    embargo_status status = EMBARGO_OK;
    if (!row->error) {
        embargo_query q = {row->field[BATCH_NAME], embargo_kind_parse(row->field[BATCH_KIND]),
                           row->field[BATCH_DOB], row->field[BATCH_COUNTRY],
                           row->field[BATCH_IDENTIFIER], EMBARGO_GENDER_UNKNOWN};
        const char *g = row->field[BATCH_GENDER];
        if (g) q.gender = (g[0] | 32) == 'f' ? EMBARGO_GENDER_FEMALE : (g[0] | 32) == 'm' ? EMBARGO_GENDER_MALE
                                                                                           : EMBARGO_GENDER_UNKNOWN;
        status = embargo_search(job->ix, &q, &job->options, r);
    }
    render(item, r, status);
}

static void *screen_worker(void *arg) {
    screen_worker_arg *a = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&a->job->next, 1);
        if (i >= a->job->n_items) break;
        screen_one(a->job, &a->job->items[i], a->r);
    }
    return NULL;
}

/* Screens the batch with N_THREADS threads (the caller's thread included), worker T with results T. */
static void screen_batch(screen_job *job, int n_threads) {
    atomic_store(&job->next, 0);
    pthread_t threads[SCREEN_MAX_THREADS];
    screen_worker_arg args[SCREEN_MAX_THREADS];
    int started = 0;
    for (int t = 0; t < n_threads; t++) args[t] = (screen_worker_arg){job, job->results[t]};
    for (int t = 1; t < n_threads; t++)
        if (pthread_create(&threads[started], NULL, screen_worker, &args[t]) == 0) started++;
    screen_worker(&args[0]);
    for (int t = 0; t < started; t++) pthread_join(threads[t], NULL);
}

/* Makes the workers' results; false when out of memory. */
static bool job_results_new(screen_job *job, int n_threads) {
    for (int t = 0; t < n_threads; t++)
        if (!(job->results[t] = embargo_results_new())) return false;
    return true;
}

static void job_free(screen_job *job) {
    for (int t = 0; t < SCREEN_MAX_THREADS; t++) embargo_results_free(job->results[t]);
    if (job->items)
        for (size_t i = 0; i < job->batch; i++) buf_free(&job->items[i].out);
    free(job->items);
}

/* Writes the batch in order; returns how many rows failed. */
static size_t write_batch(screen_job *job) {
    size_t failed = 0;
    for (size_t i = 0; i < job->n_items; i++) {
        screen_item *item = &job->items[i];
        if (item->out.failed) { /* no line to point to */
            failed++;
            fprintf(stderr, "embargo: line %ld: out of memory for its output line\n", item->row.line);
        } else {
            fwrite(item->out.data, 1, item->out.len, stdout);
        }
        if (item->failed && !item->out.failed) {
            failed++;
            fprintf(stderr, "embargo: line %ld: %s\n", item->row.line,
                    item->row.error ? item->row.error : "could not be screened (see its output line)");
        }
        batch_row_free(&item->row);
    }
    return failed;
}

static void progress(size_t rows, const struct timespec *t0, bool done) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
    fprintf(stderr, "\rscreened %zu rows, %.0f rows/s%s", rows, s > 0 ? (double)rows / s : 0.0, done ? "\n" : "");
}

static int parse_screen_options(cli_opts *opts, const char **file, int *threads, embargo_search_options *so) {
    cli_option o[] = {{"--threads", false, NULL}, {"--exhaustive", true, NULL},
                      {"--threshold", false, NULL}, {"--limit", false, NULL}};
    size_t n_pos;
    if (!cli_parse(opts, o, 4, file, 1, &n_pos)) return CLI_USAGE;
    if (n_pos != 1) {
        cli_error("usage: embargo screen FILE [--threads N] [--exhaustive] [--threshold T] [--limit N] (FILE may be -)");
        return CLI_USAGE;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    *threads = o[0].value ? atoi(o[0].value) : (int)(cores > 0 ? cores : 1);
    if (*threads < 1 || *threads > SCREEN_MAX_THREADS) {
        cli_error("--threads must be from 1 to %d", SCREEN_MAX_THREADS);
        return CLI_USAGE;
    }
    so->exhaustive = o[1].value != NULL;
    so->threshold = o[2].value ? atof(o[2].value) : -1.0;
    so->limit = o[3].value ? (size_t)atol(o[3].value) : 0;
    if (o[2].value && (so->threshold < 0.0 || so->threshold > 1.0)) {
        cli_error("--threshold must be from 0 to 1");
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cmd_screen(cli_opts *opts) {
    const char *file;
    int n_threads;
    screen_job job = {0};
    int rc = parse_screen_options(opts, &file, &n_threads, &job.options);
    if (rc != CLI_OK) return rc;
    setvbuf(stdout, NULL, _IOFBF, SCREEN_STDOUT_BUFFER); /* before anything is written to it */
    FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
    if (!in) {
        cli_error("cannot open %s", file);
        return CLI_DATA;
    }
    buf error;
    buf_init(&error);
    batch_reader *reader = batch_open(in, &error);
    if (!reader) {
        cli_error("%s: %s", file, buf_str(&error));
        buf_free(&error);
        if (in != stdin) fclose(in);
        return CLI_DATA;
    }
    job.ix = cli_open_index(opts, &rc);
    job.batch = n_threads == 1 ? 1 : SCREEN_BATCH;
    job.items = calloc(job.batch, sizeof *job.items);
    if (job.ix && job.items && !job_results_new(&job, n_threads)) {
        cli_error("out of memory for %d workers' results", n_threads);
        rc = CLI_INTERNAL;
        free(job.items);
        job.items = NULL;
    }
    bool tty = isatty(2);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t total = 0, failed = 0;
    while (job.ix && job.items) {
        job.n_items = 0;
        int got = 1;
        while (job.n_items < job.batch && (got = batch_next(reader, &job.items[job.n_items].row, &error)) == 1)
            job.n_items++;
        screen_batch(&job, n_threads);
        failed += write_batch(&job);
        total += job.n_items;
        if (tty && total % SCREEN_BATCH < job.n_items) progress(total, &t0, false); /* a multiple of SCREEN_BATCH passed */
        if (got == -1) {
            cli_error("%s: %s; stopped after %zu rows", file, buf_str(&error), total);
            rc = CLI_DATA;
        }
        if (got != 1) break;
    }
    if (tty && job.ix) progress(total, &t0, true);
    if (failed) {
        cli_error("%zu of %zu rows could not be screened (listed above by line)", failed, total);
        if (rc == CLI_OK) rc = CLI_DATA;
    }
    job_free(&job);
    embargo_index_close((embargo_index *)job.ix);
    batch_close(reader);
    buf_free(&error);
    if (in != stdin) fclose(in);
    return rc;
}
