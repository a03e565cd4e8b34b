/*
 * bench/throughput.c - how fast and how big screening is over the real lists:
 * index build and load, queries per second and latency on one core and on
 * all cores, the exhaustive mode and a plain Jaro-Winkler scan as baselines
 * in the same run, resident memory, and `embargo screen` end to end.
 * Prints its inputs so that anyone can rerun it.
 *
 *   build/bench_throughput [--lists DIR] [--queries N] [--seed N]
 *                          [--exhaustive-queries N] [--write-queries CSV] [--bin EMBARGO]
 *
 * Queries are made from the listed names themselves with a seeded PRNG
 * (xorshift64*): typos (substitute, delete, insert, swap a letter), word
 * order turned round, case changed, punctuation dropped; a tenth are random
 * names from syllables that no list holds. The same queries, written as a
 * CSV, feed `embargo screen`. Resident memory is measured in a child process
 * (this program run again with --rss-child) that only opens the index and
 * screens the queries, so the store this run loads does not count.
 * --write-queries keeps a copy of that CSV, for profiling the same queries
 * (valgrind --tool=callgrind --toggle-collect=embargo_search embargo screen).
 */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "embargo/embargo.h"
#include "embargo/search.h"
#include "match/similarity.h"

#define BENCH_MAX_NAME 512
#define BENCH_LOAD_REPEATS 20
#define BENCH_AGREE_LIMIT 10000

typedef struct {
    const char *lists;
    const char *bin;
    size_t n_queries;
    size_t n_exhaustive;          /* 0: from n_queries */
    uint64_t seed;
    const char *write_queries;    /* or NULL: where to keep the queries' CSV */
} bench_opts;

typedef struct {
    char **names;
    size_t n;
    size_t n_random;
} query_set;

/* ---- time, PRNG ---- */

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_next(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static size_t rng_below(uint64_t *s, size_t n) {
    return n ? (size_t)(rng_next(s) % n) : 0;
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "bench_throughput: out of memory\n");
        exit(4);
    }
    return p;
}

/* ---- query variants ---- */

/* Positions of ASCII letters in S, at most CAP of them. */
static size_t ascii_letters(const char *s, size_t *pos, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; s[i] && n < cap; i++)
        if (isalpha((unsigned char)s[i])) pos[n++] = i;
    return n;
}

/* One typo in an ASCII letter of S (kept as is when it has none). */
static void variant_typo(char *s, uint64_t *rng) {
    size_t pos[BENCH_MAX_NAME];
    size_t n = ascii_letters(s, pos, BENCH_MAX_NAME);
    if (n < 4) return;
    size_t p = pos[1 + rng_below(rng, n - 1)]; /* the first letter rarely takes the typo */
    size_t len = strlen(s);
    char c = (char)('a' + rng_below(rng, 26));
    if (isupper((unsigned char)s[p])) c = (char)toupper((unsigned char)c);
    switch (rng_below(rng, 4)) {
    case 0: s[p] = c; break;
    case 1: memmove(s + p, s + p + 1, len - p); break;
    case 2:
        if (len + 1 < BENCH_MAX_NAME) {
            memmove(s + p + 1, s + p, len - p + 1);
            s[p] = c;
        }
        break;
    default:
        if (isalpha((unsigned char)s[p + 1])) {
            char t = s[p];
            s[p] = s[p + 1];
            s[p + 1] = t;
        }
    }
}

/* Moves the first word of S to its end ("KIM, Jong Un" -> "Jong Un KIM"). */
static void variant_reorder(char *s) {
    char tmp[BENCH_MAX_NAME];
    const char *sp = strchr(s, ' ');
    if (!sp) return;
    size_t first = (size_t)(sp - s);
    while (first > 0 && (s[first - 1] == ',' || s[first - 1] == ';')) first--;
    snprintf(tmp, sizeof tmp, "%s %.*s", sp + 1, (int)first, s);
    memcpy(s, tmp, strlen(tmp) + 1);
}

static void variant_case(char *s, uint64_t *rng) {
    int mode = (int)rng_below(rng, 3);
    bool start = true;
    for (char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80) { start = false; continue; }
        if (mode == 0) *p = (char)toupper(c);
        else if (mode == 1) *p = (char)tolower(c);
        else *p = (char)(start ? toupper(c) : tolower(c));
        start = !isalnum(c);
    }
}

static void variant_punct(char *s) {
    char *w = s;
    for (const char *p = s; *p; p++) {
        if (*p == ',' || *p == '.' || *p == '\'' || *p == '"') continue;
        *w++ = *p == '-' ? ' ' : *p;
    }
    *w = '\0';
}

/* A name of 2 or 3 words from syllables, most unlike any listed name. */
static void random_name(char *out, size_t cap, uint64_t *rng) {
    static const char *syl[] = {"ka", "to", "mi", "ren", "sol", "bar", "quin", "tel", "vor", "lu",
                                "dra", "fen", "gis", "hol", "jup", "wex", "zan", "pry", "cul", "esk"};
    size_t n = 0, words = 2 + rng_below(rng, 2);
    for (size_t w = 0; w < words; w++) {
        if (w) n += (size_t)snprintf(out + n, cap - n, " ");
        size_t parts = 2 + rng_below(rng, 2);
        for (size_t k = 0; k < parts; k++)
            n += (size_t)snprintf(out + n, cap - n, "%s", syl[rng_below(rng, sizeof syl / sizeof *syl)]);
    }
    out[0] = (char)toupper((unsigned char)out[0]);
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

/* Makes N queries from the store's names (a tenth random) with seed SEED. */
static query_set make_queries(const embargo_store *store, size_t n, uint64_t seed) {
    query_set q = {xmalloc(n * sizeof *q.names), 0, 0};
    uint64_t rng = seed * 0x9E3779B97F4A7C15ULL + 1;
    size_t entities = embargo_store_count(store);
    char s[BENCH_MAX_NAME];
    while (q.n < n) {
        if (rng_below(&rng, 10) == 0 || entities == 0) {
            random_name(s, sizeof s, &rng);
            q.n_random++;
        } else {
            const embargo_entity *e = embargo_store_at(store, rng_below(&rng, entities));
            if (!e || e->n_names == 0) continue;
            snprintf(s, sizeof s, "%s", e->names[rng_below(&rng, e->n_names)].full);
            switch (rng_below(&rng, 5)) {
            case 0: variant_typo(s, &rng); break;
            case 1: variant_reorder(s); break;
            case 2: variant_case(s, &rng); break;
            case 3: variant_punct(s); break;
            default: variant_typo(s, &rng); variant_reorder(s); variant_case(s, &rng);
            }
        }
        q.names[q.n++] = xstrdup(s);
    }
    return q;
}

/* ---- one-thread runs ---- */

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    double seconds;
    double p50_us, p99_us;
    size_t failed;                /* queries the library refused (EINVAL) */
    size_t scored;                /* names scored in all */
    size_t hits;
} run_stats;

/* Runs queries FIRST, FIRST+STEP, ... (COUNT of them) on one thread. */
static run_stats run_serial(const embargo_index *ix, const query_set *q, size_t count, size_t step,
                            const embargo_search_options *so) {
    run_stats st = {0};
    double *lat = xmalloc(count * sizeof *lat);
    embargo_results *r = embargo_results_new();
    double t0 = now_seconds();
    for (size_t k = 0; k < count; k++) {
        embargo_query query = {q->names[k * step], EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
        double a = now_seconds();
        embargo_status status = embargo_search(ix, &query, so, r);
        lat[k] = (now_seconds() - a) * 1e6;
        if (status != EMBARGO_OK) st.failed++;
        else st.hits += embargo_results_count(r);
        st.scored += embargo_results_scored(r);
    }
    st.seconds = now_seconds() - t0;
    qsort(lat, count, sizeof *lat, cmp_double);
    st.p50_us = count ? lat[count / 2] : 0.0;
    st.p99_us = count ? lat[(count * 99) / 100 < count ? (count * 99) / 100 : count - 1] : 0.0;
    embargo_results_free(r);
    free(lat);
    return st;
}

/* ---- agreement of indexed and exhaustive ---- */

typedef struct {
    char *id;
    double score;
} hit_key;

static int cmp_hit_key(const void *a, const void *b) {
    return strcmp(((const hit_key *)a)->id, ((const hit_key *)b)->id);
}

/* The hits of R as (id, score), sorted by id; *N gets the count. */
static hit_key *hits_of(const embargo_results *r, size_t *n) {
    *n = embargo_results_count(r);
    hit_key *k = xmalloc(*n * sizeof *k);
    for (size_t i = 0; i < *n; i++) {
        const embargo_hit *h = embargo_results_hit(r, i);
        k[i] = (hit_key){xstrdup(h->entity_id), h->score};
    }
    qsort(k, *n, sizeof *k, cmp_hit_key);
    return k;
}

static void free_hits(hit_key *k, size_t n) {
    for (size_t i = 0; i < n; i++) free(k[i].id);
    free(k);
}

static bool same_hits(const hit_key *a, size_t na, const hit_key *b, size_t nb) {
    if (na != nb) return false;
    for (size_t i = 0; i < na; i++)
        if (strcmp(a[i].id, b[i].id) != 0 || a[i].score - b[i].score > 1e-9 || b[i].score - a[i].score > 1e-9)
            return false;
    return true;
}

typedef struct {
    size_t queries, agree;
    double indexed_s, exhaustive_s;
    size_t first_disagreement;    /* query index, or SIZE_MAX */
} agree_stats;

/* Runs COUNT queries (every STEP-th) both ways with a large limit and compares the hit sets. */
static agree_stats run_agreement(const embargo_index *ix, const query_set *q, size_t count, size_t step) {
    agree_stats st = {count, 0, 0.0, 0.0, SIZE_MAX};
    embargo_search_options indexed = {-1.0, BENCH_AGREE_LIMIT, 0, 0}, exhaustive = {-1.0, BENCH_AGREE_LIMIT, 1, 0};
    embargo_results *r = embargo_results_new();
    for (size_t k = 0; k < count; k++) {
        embargo_query query = {q->names[k * step], EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
        double t0 = now_seconds();
        embargo_status s1 = embargo_search(ix, &query, &indexed, r);
        double t1 = now_seconds();
        size_t na = 0, nb = 0;
        hit_key *a = s1 == EMBARGO_OK ? hits_of(r, &na) : NULL;
        double t2 = now_seconds();
        embargo_status s2 = embargo_search(ix, &query, &exhaustive, r);
        double t3 = now_seconds();
        hit_key *b = s2 == EMBARGO_OK ? hits_of(r, &nb) : NULL;
        st.indexed_s += t1 - t0;
        st.exhaustive_s += t3 - t2;
        if (s1 == s2 && same_hits(a, na, b, nb)) st.agree++;
        else if (st.first_disagreement == SIZE_MAX) st.first_disagreement = k * step;
        if (a) free_hits(a, na);
        if (b) free_hits(b, nb);
    }
    embargo_results_free(r);
    return st;
}

/* ---- plain baseline: Jaro-Winkler against every primary name ---- */

/* Lower-case ASCII letters, digits and single spaces of S into OUT. */
static size_t ascii_lower(const char *s, char *out, size_t cap) {
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c)) out[n++] = (char)tolower(c);
        else if (c < 0x80 && n && out[n - 1] != ' ') out[n++] = ' ';
    }
    while (n && out[n - 1] == ' ') n--;
    out[n] = '\0';
    return n;
}

typedef struct {
    char **names;
    size_t *lens;
    size_t n;
} primary_names;

static primary_names primaries(const embargo_store *store) {
    size_t n = embargo_store_count(store);
    primary_names p = {xmalloc(n * sizeof *p.names), xmalloc(n * sizeof *p.lens), n};
    char tmp[BENCH_MAX_NAME];
    for (size_t i = 0; i < n; i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        p.lens[i] = ascii_lower(e->n_names ? e->names[0].full : "", tmp, sizeof tmp);
        p.names[i] = xstrdup(tmp);
    }
    return p;
}

/* Seconds to scan COUNT queries (every STEP-th); *ABOVE counts names scoring >= 0.9. */
static double run_baseline(const primary_names *p, const query_set *q, size_t count, size_t step, size_t *above) {
    char tmp[BENCH_MAX_NAME];
    double t0 = now_seconds();
    *above = 0;
    for (size_t k = 0; k < count; k++) {
        size_t len = ascii_lower(q->names[k * step], tmp, sizeof tmp);
        for (size_t i = 0; i < p->n; i++)
            if (sim_jaro_winkler(tmp, len, p->names[i], p->lens[i]) >= 0.9) (*above)++;
    }
    return now_seconds() - t0;
}

/* ---- all cores ---- */

typedef struct {
    const embargo_index *ix;
    const query_set *q;
    atomic_size_t next;
} parallel_job;

static void *parallel_worker(void *arg) {
    parallel_job *job = arg;
    embargo_results *r = embargo_results_new();
    if (!r) return NULL;
    for (;;) {
        size_t i = atomic_fetch_add(&job->next, 1);
        if (i >= job->q->n) break;
        embargo_query query = {job->q->names[i], EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
        embargo_search(job->ix, &query, NULL, r);
    }
    embargo_results_free(r);
    return NULL;
}

static double run_parallel(const embargo_index *ix, const query_set *q, int n_threads) {
    parallel_job job = {ix, q, 0};
    pthread_t *threads = xmalloc((size_t)n_threads * sizeof *threads);
    double t0 = now_seconds();
    int started = 0;
    for (int t = 0; t < n_threads; t++)
        if (pthread_create(&threads[started], NULL, parallel_worker, &job) == 0) started++;
    for (int t = 0; t < started; t++) pthread_join(threads[t], NULL);
    double s = now_seconds() - t0;
    free(threads);
    return s;
}

/* ---- resident memory ---- */

/* Reads FIELD ("VmRSS", "VmHWM") of /proc/self/status in kB, or -1. */
static long proc_status_kb(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') kb = atol(line + n + 1);
    fclose(f);
    return kb;
}

/*
 * The child: opens INDEX, prints the memory, searches every name of the
 * query CSV, prints the memory again. One line "rss OPEN_RSS OPEN_HWM RSS HWM".
 */
static int rss_child(const char *index_path, const char *csv_path) {
    embargo_index *ix = NULL;
    char err[512];
    if (embargo_index_open(index_path, &ix, err, sizeof err) != EMBARGO_OK) {
        fprintf(stderr, "bench_throughput: %s\n", err);
        return 3;
    }
    long open_rss = proc_status_kb("VmRSS"), open_hwm = proc_status_kb("VmHWM");
    FILE *f = fopen(csv_path, "r");
    embargo_results *r = embargo_results_new();
    char line[4 * BENCH_MAX_NAME], name[BENCH_MAX_NAME];
    while (f && r && fgets(line, sizeof line, f)) {
        const char *p = strchr(line, ',');
        if (!p || p[1] != '"') continue; /* the header */
        size_t n = 0;
        for (p += 2; *p && n + 1 < sizeof name; p++) {
            if (*p == '"' && p[1] == '"') p++;
            else if (*p == '"') break;
            name[n++] = *p;
        }
        name[n] = '\0';
        embargo_query q = {name, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
        embargo_search(ix, &q, NULL, r);
    }
    if (f) fclose(f);
    embargo_results_free(r);
    printf("rss %ld %ld %ld %ld\n", open_rss, open_hwm, proc_status_kb("VmRSS"), proc_status_kb("VmHWM"));
    embargo_index_close(ix);
    return 0;
}

/* Runs this program as the RSS child; fills the four figures (kB). */
static bool measure_rss(const char *self, const char *index_path, const char *csv_path, long kb[4]) {
    fflush(stdout);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' --rss-child '%s' '%s'", self, index_path, csv_path);
    FILE *p = popen(cmd, "r");
    if (!p) return false;
    int got = fscanf(p, "rss %ld %ld %ld %ld", &kb[0], &kb[1], &kb[2], &kb[3]);
    return pclose(p) == 0 && got == 4;
}

/* ---- embargo screen end to end ---- */

/* Writes the first N queries of Q as a CSV file. */
static bool write_csv(const query_set *q, size_t n, const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) return false;
    fputs("id,name\n", f);
    for (size_t i = 0; i < n && i < q->n; i++) {
        fprintf(f, "q%zu,\"", i);
        for (const char *p = q->names[i]; *p; p++) {
            if (*p == '"') fputc('"', f);
            fputc(*p, f);
        }
        fputs("\"\n", f);
    }
    return fclose(f) == 0;
}

/* Runs BIN --index INDEX screen CSV --threads THREADS; seconds, exit code and peak RSS (kB). */
static double run_screen(const char *bin, const char *index_path, const char *csv, const char *threads,
                         int *rc, long *maxrss_kb) {
    fflush(stdout);
    double t0 = now_seconds();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout)) _exit(127);
        if (threads) execl(bin, bin, "--index", index_path, "screen", csv, "--threads", threads, (char *)NULL);
        else execl(bin, bin, "--index", index_path, "screen", csv, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru = {0};
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
        *rc = -1;
        return 0.0;
    }
    *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    *maxrss_kb = ru.ru_maxrss;
    return now_seconds() - t0;
}

/* ---- options and main ---- */

static bool parse_opts(int argc, char **argv, bench_opts *o) {
    const char *env_lists = getenv("EMBARGO_TEST_LISTS"), *env_bin = getenv("EMBARGO_BIN");
    *o = (bench_opts){env_lists && *env_lists ? env_lists : "../shared/data/lists",
                      env_bin && *env_bin ? env_bin : "build/embargo", 20000, 0, 1, NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--lists") == 0 && v) o->lists = v;
        else if (strcmp(a, "--bin") == 0 && v) o->bin = v;
        else if (strcmp(a, "--queries") == 0 && v) o->n_queries = (size_t)strtoull(v, NULL, 10);
        else if (strcmp(a, "--exhaustive-queries") == 0 && v) o->n_exhaustive = (size_t)strtoull(v, NULL, 10);
        else if (strcmp(a, "--seed") == 0 && v) o->seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--write-queries") == 0 && v) o->write_queries = v;
        else if (a[0] != '-' && !v) { o->bin = a; continue; }
        else {
            fprintf(stderr, "usage: bench_throughput [--lists DIR] [--queries N] [--seed N] "
                            "[--exhaustive-queries N] [--write-queries CSV] [--bin EMBARGO | EMBARGO]\n");
            return false;
        }
        i++;
    }
    if (o->n_queries < 10) o->n_queries = 10;
    if (!o->n_exhaustive) o->n_exhaustive = o->n_queries / 200 < 20 ? 20 : o->n_queries / 200 > 100 ? 100 : o->n_queries / 200;
    if (o->n_exhaustive > o->n_queries) o->n_exhaustive = o->n_queries;
    return true;
}

static embargo_store *load_store(const char *dir) {
    embargo_store *store = embargo_store_new();
    if (!store || embargo_store_load_path(store, dir) != EMBARGO_OK || embargo_store_count(store) == 0) {
        fprintf(stderr, "bench_throughput: cannot load %s: %s\n", dir, store ? embargo_store_error(store) : "no memory");
        embargo_store_destroy(store);
        return NULL;
    }
    return store;
}

/* Builds the index to PATH and opens it best of BENCH_LOAD_REPEATS; NULL on failure. */
static embargo_index *build_and_open(const embargo_store *store, const char *path, double *build_s,
                                     double *open_ms, long *size) {
    char err[512];
    double t0 = now_seconds();
    if (embargo_index_build(store, path, err, sizeof err) != EMBARGO_OK) {
        fprintf(stderr, "bench_throughput: index build: %s\n", err);
        return NULL;
    }
    *build_s = now_seconds() - t0;
    struct stat st;
    *size = stat(path, &st) == 0 ? (long)st.st_size : -1;
    embargo_index *ix = NULL;
    *open_ms = 1e9;
    for (int k = 0; k < BENCH_LOAD_REPEATS; k++) {
        if (ix) embargo_index_close(ix);
        double a = now_seconds();
        if (embargo_index_open(path, &ix, err, sizeof err) != EMBARGO_OK) {
            fprintf(stderr, "bench_throughput: index open: %s\n", err);
            return NULL;
        }
        double ms = (now_seconds() - a) * 1e3;
        if (ms < *open_ms) *open_ms = ms;
    }
    return ix;
}

/*
 * `embargo screen` on the whole CSV, with one thread and with all cores; and
 * with one thread on its first fifth (SMALL_CSV, SMALL_ROWS rows), so that
 * the rows per second past start-up can be told apart: the difference of the
 * two runs leaves out what every run pays once (process start, the index
 * paged in, ICU's transliterators opened at the first row of their script).
 */
static void report_screen(const bench_opts *o, const char *index_path, const char *csv, size_t rows,
                          const char *small_csv, size_t small_rows, int cores) {
    char threads_text[16];
    snprintf(threads_text, sizeof threads_text, "%d", cores);
    const char *modes[2] = {"1", threads_text};
    double one_thread_s = 0.0;
    for (int m = 0; m < 2; m++) {
        int rc = 0;
        long maxrss = 0;
        double s = run_screen(o->bin, index_path, csv, modes[m], &rc, &maxrss);
        if (rc != 0) {
            printf("  screen --threads %-3s FAILED (exit %d; is %s built?)\n", modes[m], rc, o->bin);
            return;
        }
        printf("  screen --threads %-3s %zu rows in %.2f s: %.0f rows/s (peak RSS %.1f MB)\n", modes[m], rows, s,
               (double)rows / s, (double)maxrss / 1024.0);
        if (m == 0) one_thread_s = s;
    }
    int rc = 0;
    long maxrss = 0;
    double small_s = run_screen(o->bin, index_path, small_csv, "1", &rc, &maxrss);
    if (rc != 0 || one_thread_s <= small_s) {
        printf("  screen marginal  not measured (the %zu-row run %s)\n", small_rows, rc ? "failed" : "took as long");
        return;
    }
    printf("  screen marginal  --threads 1, %zu rows in %.2f s; the other %zu rows: %.0f rows/s "
           "(start-up left out; target >= 20,000)\n",
           small_rows, small_s, rows - small_rows, (double)(rows - small_rows) / (one_thread_s - small_s));
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "--rss-child") == 0) return rss_child(argv[2], argv[3]);
    bench_opts o;
    if (!parse_opts(argc, argv, &o)) return 2;
    long cores_l = sysconf(_SC_NPROCESSORS_ONLN);
    int cores = cores_l > 0 ? (int)cores_l : 1;
    printf("bench_throughput: lists=%s queries=%zu seed=%llu exhaustive-queries=%zu bin=%s cores=%d\n", o.lists,
           o.n_queries, (unsigned long long)o.seed, o.n_exhaustive, o.bin, cores);

    double t0 = now_seconds();
    embargo_store *store = load_store(o.lists);
    if (!store) return 3;
    double load_s = now_seconds() - t0;
    char dir[] = "/tmp/embargo-bench-XXXXXX";
    if (!mkdtemp(dir)) return perror("mkdtemp"), 4;
    char index_path[64], csv_path[64], small_csv_path[64];
    snprintf(index_path, sizeof index_path, "%s/bench.idx", dir);
    snprintf(csv_path, sizeof csv_path, "%s/queries.csv", dir);
    snprintf(small_csv_path, sizeof small_csv_path, "%s/queries-fifth.csv", dir);
    double build_s, open_ms;
    long size;
    embargo_index *ix = build_and_open(store, index_path, &build_s, &open_ms, &size);
    if (!ix) return 3;
    printf("  input            %zu entities from %zu sources (loaded in %.2f s); %zu entities, %zu names indexed\n",
           embargo_store_count(store), embargo_store_source_count(store), load_s, embargo_index_entity_count(ix),
           embargo_index_name_count(ix));
    printf("  index build      %.2f s, file %.1f MB\n", build_s, (double)size / 1048576.0);
    printf("  index open       %.3f ms best of %d (target < 10 ms)\n", open_ms, BENCH_LOAD_REPEATS);

    query_set q = make_queries(store, o.n_queries, o.seed);
    printf("  queries          %zu (%zu variants of listed names, %zu random names)\n", q.n, q.n - q.n_random, q.n_random);
    if (o.write_queries) {
        bool written = write_csv(&q, q.n, o.write_queries);
        printf("                   %s %s\n", written ? "written to" : "COULD NOT BE WRITTEN to", o.write_queries);
    }
    /* The first pass pages the mapped index in; the steady state is what a server or a batch sees. */
    run_stats cold = run_serial(ix, &q, q.n, 1, NULL);
    printf("  one core, cold   %.0f q/s, p50 %.0f us, p99 %.0f us (first pass: the index is paged in)\n",
           (double)q.n / cold.seconds, cold.p50_us, cold.p99_us);
    run_stats one = run_serial(ix, &q, q.n, 1, NULL);
    printf("  one core         %.0f q/s, p50 %.0f us, p99 %.0f us, %.1f names scored/query, %.2f hits/query, %zu refused"
           " (second pass; target >= 20,000 q/s)\n",
           (double)q.n / one.seconds, one.p50_us, one.p99_us, (double)one.scored / (double)q.n,
           (double)one.hits / (double)q.n, one.failed);

    size_t step = q.n / o.n_exhaustive;
    embargo_search_options exh = {-1.0, 0, 1, 0};
    run_stats ex = run_serial(ix, &q, o.n_exhaustive, step, &exh);
    run_stats ix_sub = run_serial(ix, &q, o.n_exhaustive, step, NULL);
    double ratio = (ex.seconds / (double)o.n_exhaustive) / (ix_sub.seconds / (double)o.n_exhaustive);
    printf("  exhaustive       %zu queries: %.1f q/s, p50 %.0f us, p99 %.0f us, %.0f names scored/query; "
           "indexed/exhaustive %.0fx (target >= 20x)\n",
           o.n_exhaustive, (double)o.n_exhaustive / ex.seconds, ex.p50_us, ex.p99_us,
           (double)ex.scored / (double)o.n_exhaustive, ratio);
    agree_stats ag = run_agreement(ix, &q, o.n_exhaustive, step);
    printf("  agreement        %zu of %zu queries give the same hits (id and score, limit %d) both ways%s\n", ag.agree,
           ag.queries, BENCH_AGREE_LIMIT, ag.agree == ag.queries ? "" : " -- DISAGREE");
    if (ag.first_disagreement != SIZE_MAX) printf("                   first disagreement: \"%s\"\n", q.names[ag.first_disagreement]);

    primary_names prim = primaries(store);
    size_t above = 0;
    double base_s = run_baseline(&prim, &q, o.n_exhaustive, step, &above);
    printf("  baseline         Jaro-Winkler over %zu primary names: %.1f q/s (%.1f names >= 0.9/query); "
           "indexed/baseline %.0fx\n",
           prim.n, (double)o.n_exhaustive / base_s, (double)above / (double)o.n_exhaustive,
           base_s / ix_sub.seconds);

    double par_s = run_parallel(ix, &q, cores);
    printf("  all cores        %d threads: %.0f q/s (%.2fx one core)\n", cores, (double)q.n / par_s,
           one.seconds / par_s);

    for (size_t i = 0; i < prim.n; i++) free(prim.names[i]);
    free(prim.names);
    free(prim.lens);
    embargo_store_destroy(store);
    int rc = ag.agree == ag.queries ? 0 : 1;
    size_t fifth = q.n / 5;
    if (!write_csv(&q, q.n, csv_path) || !write_csv(&q, fifth, small_csv_path)) {
        fprintf(stderr, "bench_throughput: cannot write %s\n", csv_path);
        rc = 4;
    } else {
        long kb[4];
        if (measure_rss(argv[0], index_path, csv_path, kb))
            printf("  memory           index open: VmRSS %.1f MB; after %zu queries: VmRSS %.1f MB, VmHWM %.1f MB "
                   "(target < 150 MB)\n", (double)kb[0] / 1024.0, q.n, (double)kb[2] / 1024.0, (double)kb[3] / 1024.0);
        else printf("  memory           could not be measured (child failed)\n");
        report_screen(&o, index_path, csv_path, q.n, small_csv_path, fifth, cores);
    }
    embargo_index_close(ix);
    for (size_t i = 0; i < q.n; i++) free(q.names[i]);
    free(q.names);
    unlink(csv_path);
    unlink(small_csv_path);
    unlink(index_path);
    rmdir(dir);
    return rc;
}
