/*
 * rescreen.c - benchmark: rescreening a customer base after a change of 50
 * entities, against the changed entities only (history/rescreen.h) versus
 * a full rescreen of the whole index, on the same base: 1,000,000 synthetic
 * names built from the real lists' name tokens (2-3 random tokens, with
 * every 1000th an exact or misspelt name of a changed entity). The
 * incremental way runs as `embargo rescreen` does: it maps the index of the
 * changed entities stored by `embargo update` and the customer index stored
 * by `customers load` (history/cindex.h; both built once, timed apart),
 * checks the latter whole, and searches the candidates; and, for comparison, over
 * every customer. Prints the inputs, every time, the ratios end to end
 * (with and without the one-off customers load), and whether the hits are
 * identical (exit 1 if not).
 *
 *   bench_rescreen [--quick] [--names N] [--threads T] [LISTS]
 * LISTS defaults to $EMBARGO_TEST_LISTS or ../shared/data/lists. --quick:
 * 20,000 names, for CI.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "history/rescreen.h"

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void) {
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The words (3 letters or more) of the primary names of STORE's sanctions entities, NUL-separated in POOL. */
static char **name_tokens(const embargo_store *store, size_t *n) {
    size_t cap = 1 << 16;
    char **out = malloc(cap * sizeof *out);
    *n = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (!e->n_names || embargo_store_source_of(store, e)->reference_only) continue;
        for (const char *p = e->names[0].full; *p;) {
            while (*p && !isalpha((unsigned char)*p)) p++;
            const char *start = p;
            while (*p && isalpha((unsigned char)*p)) p++;
            if (p - start < 3) continue;
            if (*n == cap) out = realloc(out, (cap *= 2) * sizeof *out);
            out[(*n)++] = strndup(start, (size_t)(p - start));
        }
    }
    return out;
}

static char **make_names(const embargo_store *store, const rescreen_set *changed, size_t n) {
    size_t n_tokens;
    char **tokens = name_tokens(store, &n_tokens);
    char **names = malloc(n * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        char text[512];
        if (i % 1000 == 0 || i % 1000 == 500) {
            const embargo_entity *e = embargo_store_get(store, changed->ids[next_rand() % changed->n]);
            snprintf(text, sizeof text, "%s", e->names[next_rand() % e->n_names].full);
            size_t len = strlen(text);
            if (i % 1000 == 500 && len > 4) text[len / 2] = text[len / 2] == 'a' ? 'e' : 'a';
        } else {
            int k = 2 + (int)(next_rand() % 2);
            size_t len = 0;
            for (int j = 0; j < k; j++)
                len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", j ? " " : "", tokens[next_rand() % n_tokens]);
        }
        names[i] = strdup(text);
    }
    for (size_t i = 0; i < n_tokens; i++) free(tokens[i]);
    free(tokens);
    return names;
}

int main(int argc, char **argv) {
    size_t n = 1000000;
    int threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    const char *lists = getenv("EMBARGO_TEST_LISTS");
    if (!lists || !*lists) lists = "../shared/data/lists";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) n = 20000;
        else if (strcmp(argv[i], "--names") == 0 && i + 1 < argc) n = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) threads = atoi(argv[++i]);
        else lists = argv[i];
    }
    double t0 = now();
    embargo_store *store = embargo_store_new();
    if (embargo_store_load_path(store, lists) != EMBARGO_OK) {
        fprintf(stderr, "bench_rescreen: %s: %s\n", lists, embargo_store_error(store));
        return 2;
    }
    /* 50 changed entities, spread over the lists. */
    const char *ids[50];
    size_t total = embargo_store_count(store), k = 0;
    for (size_t i = 0; k < 50 && i < total; i += total / 50 + 1) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (!embargo_store_source_of(store, e)->reference_only && e->n_names) ids[k++] = e->id;
    }
    rescreen_set changed;
    rescreen_set_from(ids, k, &changed);
    char err[512];
    embargo_index *full = NULL, *part = NULL;
    if (embargo_index_build_memory(store, &full, err, sizeof err) != EMBARGO_OK) return fprintf(stderr, "%s\n", err), 2;
    double t_full_index = now();
    /* `embargo update`: the index of the changed entities, built and stored once per list change. */
    char part_path[4096];
    snprintf(part_path, sizeof part_path, "%s/bench_rescreen-%ld-changed.idx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (long)getpid());
    buf error;
    buf_init(&error);
    if (rescreen_changed_index_write(store, &changed, part_path, &error) != EMBARGO_OK)
        return fprintf(stderr, "bench_rescreen: %s\n", buf_str(&error)), 2;
    double t_part_index = now() - t_full_index;
    char **names = make_names(store, &changed, n);
    embargo_query *q = calloc(n, sizeof *q);
    for (size_t i = 0; i < n; i++) q[i].name = names[i];
    printf("lists: %s (%zu entities, loaded and indexed in %.1f s)\n", lists, total, t_full_index - t0);
    printf("customers: %zu synthetic names from real name tokens; changed entities: %zu; threads: %d\n", n, changed.n, threads);

    /* `embargo customers load`: the customer index, built and stored once per customer base. */
    char path[4096];
    snprintf(path, sizeof path, "%s/bench_rescreen-%ld.idx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    double t1 = now();
    cindex *built = cindex_build(q, n);
    double t_cx = now() - t1;
    if (!built) return fprintf(stderr, "bench_rescreen: out of memory building the customer index\n"), 2;
    char hash[65];
    t1 = now();
    cindex_base_hash(q, n, hash);
    if (cindex_save(built, hash, path, &error) != EMBARGO_OK) return fprintf(stderr, "bench_rescreen: %s\n", buf_str(&error)), 2;
    double t_save = now() - t1;
    cindex_stats st;
    cindex_get_stats(built, &st);
    cindex_free(built);
    printf("customers load (once per customer base): customer index built in %.2f s, stored in %.2f s: %zu distinct tokens, "
           "%zu joined pairs, %zu keys, %.0f MB\n", t_cx, t_save, st.tokens, st.pairs, st.keys, (double)st.bytes / 1e6);
    printf("embargo update (once per list change): index of the changed entities built and stored in %.2f s\n", t_part_index);

    /* `embargo rescreen`: both stored indexes opened (the customer index checked whole), then used. */
    t1 = now();
    if (embargo_index_open(part_path, &part, err, sizeof err) != EMBARGO_OK) return fprintf(stderr, "%s\n", err), 2;
    double t_part_open = now() - t1;
    t1 = now();
    cindex_origin origin;
    cindex *cx = cindex_load(path, q, n, &origin, &error);
    double t_open = now() - t1;
    if (!cx || origin != CINDEX_OPENED) return fprintf(stderr, "bench_rescreen: the stored index was not used: %s\n", buf_str(&error)), 2;
    rescreen_hits a = {0}, b = {0}, c = {0};
    size_t searched = 0;
    t1 = now();
    embargo_status st_inc = rescreen_incremental(cx, part, q, n, EMBARGO_DEFAULT_THRESHOLD, &changed, threads, &c, &searched);
    double t_inc = now() - t1;
    printf("incremental rescreen: changed-entity index opened in %.3f s, customer index opened and checked in %.3f s, "
           "candidates and search %.3f s (%zu customers searched, %zu hits): %.3f s\n", t_part_open, t_open, t_inc,
           searched, c.n, t_part_open + t_open + t_inc);
    t1 = now();
    rescreen_run(part, q, n, EMBARGO_DEFAULT_THRESHOLD, NULL, threads, &b);
    double t_every = now() - t1;
    printf("incremental rescreen (every customer, no customer index): %.2f s (%.0f names/s), %zu hits\n", t_every,
           (double)n / t_every, b.n);
    t1 = now();
    rescreen_run(full, q, n, EMBARGO_DEFAULT_THRESHOLD, &changed, threads, &a);
    double t_full = now() - t1;
    printf("full rescreen: %.2f s (%.0f names/s), %zu hits on the changed entities\n", t_full, (double)n / t_full, a.n);
    bool same = st_inc == EMBARGO_OK && a.n == b.n && a.n == c.n;
    for (size_t i = 0; same && i < a.n; i++)
        same = a.items[i].party == b.items[i].party && strcmp(a.items[i].entity, b.items[i].entity) == 0 &&
               a.items[i].score == b.items[i].score && a.items[i].party == c.items[i].party &&
               strcmp(a.items[i].entity, c.items[i].entity) == 0 && a.items[i].score == c.items[i].score;
    double t_rescreen = t_part_open + t_open + t_inc;
    printf("ratio, rescreen end to end (stored indexes opened, candidates and search, %.2f s): %.1fx faster than a full "
           "rescreen\n", t_rescreen, t_full / t_rescreen);
    printf("ratio counting the update's changed-entity index too (%.2f s): %.1fx; and the customers load's customer index "
           "(%.2f s): %.1fx; search alone: %.1fx; over every customer: %.1fx; hits %s\n", t_part_index,
           t_full / (t_rescreen + t_part_index), t_cx + t_save, t_full / (t_rescreen + t_part_index + t_cx + t_save),
           t_full / t_inc, t_full / (t_every + t_part_index), same ? "identical" : "DIFFER");
    cindex_free(cx);
    unlink(path), unlink(part_path);
    buf_free(&error);
    rescreen_hits_free(&c);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names), free(q);
    rescreen_hits_free(&a), rescreen_hits_free(&b);
    rescreen_set_free(&changed);
    embargo_index_close(full), embargo_index_close(part);
    embargo_store_destroy(store);
    return same ? 0 : 1;
}
