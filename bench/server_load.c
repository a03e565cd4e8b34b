/*
 * bench/server_load.c - the HTTP API under load, on loopback only: requests
 * per second and p50/p99 latency at 1, 16 and 64 concurrent keep-alive
 * connections for a realistic search mix, against a baseline measured in
 * the same run (GET /healthz: the HTTP cost without a search), and the
 * server's memory (VmRSS) before, during and after.
 *
 *   build/bench_server_load [--quick] [--soak SECONDS] [LISTS_DIR]
 *
 * The server runs in a child process (fork before any thread), so its
 * VmRSS is its own. The mix: 9 in 10 queries are names no list holds
 * (most payment traffic), 1 in 10 a listed name, a third of those with a
 * typo. Full mode: 10 s per level and a 300 s soak at 16 connections;
 * --quick: 2 s per level, no soak.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "embargo/embargo.h"
#include "server/server.h"

#define MAX_QUERIES 4000

static char *queries[MAX_QUERIES];
static size_t n_queries;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long vm_rss_kb(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}

/* The child: serves LISTS on a free loopback port, writes the port to FD, waits for SIGTERM. */
static void serve_child(const char *lists, int fd) {
    server_config c = {.listen = "127.0.0.1:0", .lists_path = lists, .limits = server_limits_default()};
    c.limits.max_connections = 1024;
    server *srv;
    char err[512];
    unsigned port = 0;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    if (server_start(&c, &srv, err, sizeof err) != EMBARGO_OK) fprintf(stderr, "server: %s\n", err);
    else port = server_port(srv);
    if (write(fd, &port, sizeof port) != sizeof port) _exit(1);
    if (!port) _exit(1);
    int sig;
    sigwait(&set, &sig);
    server_stop(srv);
    _exit(0);
}

static char *url_escape(const char *s) {
    CURL *c = curl_easy_init();
    char *e = curl_easy_escape(c, s, 0);
    char *out = strdup(e);
    curl_free(e);
    curl_easy_cleanup(c);
    return out;
}

/* The query mix from the loaded lists (see the file comment); deterministic. */
static void make_queries(const embargo_store *store) {
    static const char *const given[] = {"Maria", "John", "Wei", "Olga", "Ahmed", "Lucia", "Kenji", "Fatima",
                                        "Peter", "Anna", "Carlos", "Ivan", "Sofia", "David", "Amir", "Elena"};
    static const char *const family[] = {"Schmidt", "Garcia", "Tanaka", "Novak", "Okafor", "Rossi", "Lindqvist",
                                         "Moreau", "Kowalski", "Haddad", "Silva", "Jensen", "Brown", "Nguyen"};
    static const char *const firms[] = {"Nordic Timber AB", "Blue Harbor Logistics LLC", "Alpen Dental GmbH",
                                        "Sunrise Bakery Ltd", "Pacific Fiber Optics Inc", "Green Valley Farms"};
    size_t n_entities = embargo_store_count(store);
    unsigned seed = 12345;
    for (n_queries = 0; n_queries < MAX_QUERIES; n_queries++) {
        char name[512];
        seed = seed * 1103515245u + 12345u;
        unsigned r = (seed >> 8) % 100;
        if (r < 10 && n_entities) {
            const embargo_entity *e = embargo_store_at(store, (seed >> 4) % n_entities);
            snprintf(name, sizeof name, "%s", e->names[0].full);
            size_t len = strlen(name);
            if (r < 3 && len > 4 && (unsigned char)name[len / 2] < 0x80) name[len / 2] = name[len / 2] == 'e' ? 'a' : 'e';
        } else if (r < 80) {
            snprintf(name, sizeof name, "%s %s", given[(seed >> 3) % 16], family[(seed >> 11) % 14]);
        } else {
            snprintf(name, sizeof name, "%s", firms[(seed >> 5) % 6]);
        }
        char *escaped = url_escape(name);
        queries[n_queries] = malloc(strlen(escaped) + 32);
        sprintf(queries[n_queries], "/v1/search?name=%s", escaped);
        free(escaped);
    }
}

typedef struct {
    unsigned port;
    bool baseline;
    double until;
    size_t offset;
    double *lat;
    size_t n, cap, errors;
} worker;

static size_t discard(char *d, size_t s, size_t n, void *u) {
    (void)d, (void)u;
    return s * n;
}

static void *run_worker(void *arg) {
    worker *w = arg;
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    char url[2048];
    for (size_t i = w->offset; now() < w->until; i++) {
        snprintf(url, sizeof url, "http://127.0.0.1:%u%s", w->port, w->baseline ? "/healthz" : queries[i % n_queries]);
        curl_easy_setopt(c, CURLOPT_URL, url);
        double t0 = now();
        CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK || status != 200) w->errors++;
        if (w->n == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 4096;
            w->lat = realloc(w->lat, w->cap * sizeof *w->lat);
        }
        w->lat[w->n++] = now() - t0;
    }
    curl_easy_cleanup(c);
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Runs CONNS connections for SECONDS; prints one line. */
static void level(unsigned port, int conns, double seconds, bool baseline, pid_t child) {
    worker *w = calloc((size_t)conns, sizeof *w);
    pthread_t *t = calloc((size_t)conns, sizeof *t);
    double start = now();
    for (int i = 0; i < conns; i++) {
        w[i] = (worker){.port = port, .baseline = baseline, .until = start + seconds, .offset = (size_t)i * 997};
        pthread_create(&t[i], NULL, run_worker, &w[i]);
    }
    size_t total = 0, errors = 0;
    for (int i = 0; i < conns; i++) {
        pthread_join(t[i], NULL);
        total += w[i].n;
        errors += w[i].errors;
    }
    double elapsed = now() - start;
    double *all = malloc((total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (int i = 0; i < conns; i++) {
        memcpy(all + k, w[i].lat, w[i].n * sizeof *all);
        k += w[i].n;
        free(w[i].lat);
    }
    qsort(all, total, sizeof *all, by_value);
    printf("%-9s %5d conns  %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %zu  server VmRSS %ld kB\n",
           baseline ? "healthz" : "search", conns, (double)total / elapsed, total ? all[total / 2] * 1e3 : 0,
           total ? all[(size_t)((double)total * 0.99)] * 1e3 : 0, errors, vm_rss_kb(child));
    fflush(stdout);
    free(all);
    free(w);
    free(t);
}

static const char *default_lists(void) {
    static char path[4096];
    const char *env = getenv("EMBARGO_TEST_LISTS");
    struct stat st;
    if (env && stat(env, &st) == 0) return env;
    if (stat("../shared/data/lists", &st) == 0) return "../shared/data/lists";
    if (stat("../../shared/data/lists", &st) == 0) return "../../shared/data/lists";
    snprintf(path, sizeof path, "data/sample");
    return path;
}

int main(int argc, char **argv) {
    bool quick = false;
    double soak = -1;
    const char *lists = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) quick = true;
        else if (strcmp(argv[i], "--soak") == 0 && i + 1 < argc) soak = atof(argv[++i]);
        else lists = argv[i];
    }
    if (!lists) lists = default_lists();
    if (soak < 0) soak = quick ? 0 : 300;
    double seconds = quick ? 2 : 10;
    int fds[2];
    if (pipe(fds) != 0) return 1;
    pid_t child = fork();
    if (child == 0) serve_child(lists, fds[1]);
    unsigned port = 0;
    if (read(fds[0], &port, sizeof port) != sizeof port || !port) {
        fprintf(stderr, "bench_server_load: the server did not start\n");
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    embargo_store *store = embargo_store_new();
    embargo_store_load_path(store, lists);
    make_queries(store);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    printf("bench_server_load: lists %s (%zu entities), server on 127.0.0.1:%u, %ld cores, %g s per level, "
           "mix of %zu queries (90%% unlisted names, 10%% listed, 3%% with a typo), keep-alive libcurl clients\n",
           lists, embargo_store_count(store), port, cpus, seconds, n_queries);
    embargo_store_destroy(store);
    long rss_before = vm_rss_kb(child);
    printf("server VmRSS after start: %ld kB\n", rss_before);
    static const int conns[] = {1, 16, 64};
    for (size_t i = 0; i < 3; i++) {
        level(port, conns[i], seconds, true, child);
        level(port, conns[i], seconds, false, child);
    }
    for (double done = 0; done < soak; done += 60) level(port, 16, soak - done < 60 ? soak - done : 60, false, child);
    printf("server VmRSS before: %ld kB, after: %ld kB\n", rss_before, vm_rss_kb(child));
    kill(child, SIGTERM);
    waitpid(child, NULL, 0);
    curl_global_cleanup();
    return 0;
}
