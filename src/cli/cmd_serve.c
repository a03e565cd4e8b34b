/*
 * cmd_serve.c - `embargo serve`: the HTTP screening API (src/server/) on
 * --listen ADDR:PORT, serving --index FILE (mapped) or --lists DIR (loaded,
 * indexed in memory, kept for entity details). SIGHUP reloads from the same
 * place without downtime; SIGINT or SIGTERM stop it. --goods and --regimes
 * (default: the data folder's, when it is there) serve /v1/deals and
 * /v1/text; they are read once, at start. The signals are
 * blocked before the server's threads start, so only this thread, waiting
 * in sigwait, ever takes them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "server/server.h"

enum { OPT_LISTEN, OPT_ADMIN_TOKEN, OPT_API_TOKEN, OPT_ACCESS_LOG, OPT_THREADS, OPT_MAX_CONN, OPT_MAX_BODY,
       OPT_MAX_BATCH, OPT_IDLE, OPT_REQ_TIME, OPT_GOODS, OPT_REGIMES, OPT_COUNT };

/* Reads a token file's first line into a new string; NULL with a message on failure. */
static char *read_token(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error("cannot read the token file %s: %s", path, strerror(errno));
        return NULL;
    }
    char line[512] = "";
    if (!fgets(line, sizeof line, f)) line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    if (!line[0]) {
        cli_error("the token file %s is empty", path);
        return NULL;
    }
    return strdup(line);
}

/* The token of FILE_OPTION, else of the environment variable ENV, else NULL; false on a bad file. */
static bool token_from(const char *file, const char *env, char **out) {
    *out = NULL;
    if (file) return (*out = read_token(file)) != NULL;
    const char *value = getenv(env);
    if (value && *value) *out = strdup(value);
    return true;
}

static bool read_count(const char *name, const char *text, double lo, double hi, double *out) {
    if (!text) return true;
    char *end;
    double v = strtod(text, &end);
    if (*end || v < lo || v > hi) {
        cli_error("%s must be a number from %g to %g (got '%s')", name, lo, hi, text);
        return false;
    }
    *out = v;
    return true;
}

static bool read_limits(cli_option *o, server_config *c) {
    double threads = 0, conn = c->limits.max_connections, body = (double)c->limits.max_body;
    double batch = (double)c->limits.max_batch, idle = c->limits.idle_timeout;
    if (!read_count("--threads", o[OPT_THREADS].value, 0, 1024, &threads) ||
        !read_count("--max-connections", o[OPT_MAX_CONN].value, 1, 100000, &conn) ||
        !read_count("--max-body", o[OPT_MAX_BODY].value, 1024, 1 << 30, &body) ||
        !read_count("--max-batch", o[OPT_MAX_BATCH].value, 1, 100000, &batch) ||
        !read_count("--idle-timeout", o[OPT_IDLE].value, 1, 3600, &idle) ||
        !read_count("--request-timeout", o[OPT_REQ_TIME].value, 0.1, 3600, &c->limits.max_request_seconds))
        return false;
    c->threads = (unsigned)threads;
    c->limits.max_connections = (unsigned)conn;
    c->limits.max_body = (size_t)body;
    c->limits.max_batch = (size_t)batch;
    c->limits.idle_timeout = (unsigned)idle;
    return true;
}

/* Where the lists come from: --index, else --lists or $EMBARGO_LISTS, else the default index, else the default lists. */
static void choose_source(const cli_opts *opts, server_config *c) {
    static char lists[4096];
    const char *env = getenv("EMBARGO_LISTS");
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    const char *idx = cli_default_index_path();
    struct stat st;
    if (opts->index) c->index_path = opts->index;
    else if (opts->lists) c->lists_path = opts->lists;
    else if (env && *env) c->lists_path = env;
    else if (idx && stat(idx, &st) == 0) c->index_path = idx;
    else if (xdg && *xdg) c->lists_path = (snprintf(lists, sizeof lists, "%s/embargo/lists", xdg), lists);
    else if (home && *home) c->lists_path = (snprintf(lists, sizeof lists, "%s/.local/share/embargo/lists", home), lists);
}

/* Waits for signals: SIGHUP reloads, SIGINT and SIGTERM return. */
static void wait_signals(server *srv, const sigset_t *set) {
    for (;;) {
        int sig;
        if (sigwait(set, &sig) != 0) continue;
        if (sig != SIGHUP) return;
        char err[1024];
        if (server_reload(srv, err, sizeof err) == EMBARGO_OK)
            fprintf(stderr, "embargo: reloaded; serving generation %lu\n", server_generation(srv));
        else
            fprintf(stderr, "embargo: reload failed, still serving generation %lu: %s\n", server_generation(srv), err);
    }
}

static int run(server_config *c) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    server *srv = NULL;
    char err[1024];
    embargo_status status = server_start(c, &srv, err, sizeof err);
    if (status != EMBARGO_OK) {
        cli_error("cannot serve: %s", err);
        return status == EMBARGO_EINVAL ? CLI_USAGE : CLI_DATA;
    }
    fprintf(stderr, "embargo: serving %s on port %u (generation %lu); SIGHUP reloads\n",
            c->index_path ? c->index_path : c->lists_path, server_port(srv), server_generation(srv));
    wait_signals(srv, &set);
    fprintf(stderr, "embargo: stopping\n");
    server_stop(srv);
    return CLI_OK;
}

int cmd_serve(cli_opts *opts) {
    cli_option o[OPT_COUNT] = {{"--listen", false, NULL}, {"--admin-token-file", false, NULL}, {"--api-token-file", false, NULL},
                               {"--access-log", false, NULL}, {"--threads", false, NULL}, {"--max-connections", false, NULL},
                               {"--max-body", false, NULL}, {"--max-batch", false, NULL}, {"--idle-timeout", false, NULL},
                               {"--request-timeout", false, NULL}, {"--goods", false, NULL}, {"--regimes", false, NULL}};
    const char *pos[1];
    size_t n_pos;
    if (!cli_parse(opts, o, OPT_COUNT, pos, 0, &n_pos)) return CLI_USAGE;
    server_config c = {.listen = o[OPT_LISTEN].value ? o[OPT_LISTEN].value : "127.0.0.1:8080",
                       .access_log = stderr, .limits = server_limits_default()};
    if (!read_limits(o, &c)) return CLI_USAGE;
    choose_source(opts, &c);
    char gbuf[4096], rbuf[4096];
    c.goods_path = o[OPT_GOODS].value;
    c.regimes_path = o[OPT_REGIMES].value;
    if (!c.goods_path && !c.regimes_path) { /* the defaults, if present: without them deals and text answer 501 */
        const char *g = cli_data_path("goods/goods.txt", gbuf, sizeof gbuf);
        const char *r = cli_data_path("regimes/regimes.txt", rbuf, sizeof rbuf);
        struct stat sg, sr;
        if (stat(g, &sg) == 0 && stat(r, &sr) == 0) c.goods_path = g, c.regimes_path = r;
    } else if (!c.goods_path) {
        c.goods_path = cli_data_path("goods/goods.txt", gbuf, sizeof gbuf);
    } else if (!c.regimes_path) {
        c.regimes_path = cli_data_path("regimes/regimes.txt", rbuf, sizeof rbuf);
    }
    if (!c.index_path && !c.lists_path) {
        cli_error("nothing to serve: give --index FILE or --lists DIR");
        return CLI_DATA;
    }
    char *admin = NULL, *api = NULL;
    if (!token_from(o[OPT_ADMIN_TOKEN].value, "EMBARGO_ADMIN_TOKEN", &admin) ||
        !token_from(o[OPT_API_TOKEN].value, "EMBARGO_API_TOKEN", &api))
        return free(admin), CLI_USAGE;
    c.admin_token = admin;
    c.api_token = api;
    const char *log = o[OPT_ACCESS_LOG].value;
    if (log && strcmp(log, "off") == 0) c.access_log = NULL;
    else if (log && strcmp(log, "-") != 0 && !(c.access_log = fopen(log, "a"))) {
        cli_error("cannot open the access log %s: %s", log, strerror(errno));
        free(admin), free(api);
        return CLI_USAGE;
    }
    int rc = run(&c);
    if (c.access_log && c.access_log != stderr) fclose(c.access_log);
    free(admin);
    free(api);
    return rc;
}
