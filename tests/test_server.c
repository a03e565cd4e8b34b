/*
 * test_server.c - the HTTP API end to end: the real server (in this process,
 * and the built `embargo serve` binary for signals) on a loopback port, called
 * with libcurl. Every endpoint's good answer, every error path and limit,
 * the yente and Watchman shapes, reloads (failed ones keep the old lists)
 * and a reload under concurrent requests with zero failed requests. Uses
 * data/sample, so it runs without the official lists.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"
#include "embargo/search.h"
#include "screen/deal.h"
#include "screen/goods.h"
#include "screen/regimes.h"
#include "screen/text_scan.h"
#include "server/server.h"
#include "util/buf.h"

static char sample_dir[4096];

typedef struct {
    long status;
    buf body;
    json_t *json;                 /* the body parsed, when it is JSON */
} http_result;

static size_t collect(char *data, size_t size, size_t n, void *user) {
    buf_append(user, data, size * n);
    return size * n;
}

/* Calls METHOD URL with BODY (or NULL) and optional AUTH header; fills R. */
static void http(const char *method, const char *url, const char *body, size_t body_len, const char *auth, http_result *r) {
    memset(r, 0, sizeof *r);
    buf_init(&r->body);
    CURL *c = curl_easy_init();
    assert_non_null(c);
    struct curl_slist *headers = NULL;
    if (auth) headers = curl_slist_append(headers, auth);
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) fprintf(stderr, "curl %s %s: %s\n", method, url, curl_easy_strerror(rc));
    assert_int_equal(rc, CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    r->json = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, NULL);
}

static void http_free(http_result *r) {
    json_decref(r->json);
    buf_free(&r->body);
}

typedef struct {
    server *srv;
    char base[64];
} running;

static void start(running *run, server_config *cfg) {
    char err[512];
    if (!cfg->listen) cfg->listen = "127.0.0.1:0";
    if (!cfg->index_path && !cfg->lists_path) cfg->lists_path = sample_dir;
    if (!cfg->limits.max_body) cfg->limits = server_limits_default();
    embargo_status status = server_start(cfg, &run->srv, err, sizeof err);
    if (status != EMBARGO_OK) fprintf(stderr, "server_start: %s\n", err);
    assert_int_equal(status, EMBARGO_OK);
    snprintf(run->base, sizeof run->base, "http://127.0.0.1:%u", server_port(run->srv));
}

static void get(running *run, const char *path, http_result *r) {
    char url[16384];
    snprintf(url, sizeof url, "%s%s", run->base, path);
    http("GET", url, NULL, 0, NULL, r);
}

static void post(running *run, const char *path, const char *body, const char *auth, http_result *r) {
    char url[1024];
    snprintf(url, sizeof url, "%s%s", run->base, path);
    http("POST", url, body, body ? strlen(body) : 0, auth, r);
}

/* Asserts R has STATUS and a JSON error message containing WORDS. */
static void assert_error(http_result *r, long status, const char *words) {
    if (r->status != status) fprintf(stderr, "expected %ld, got %ld: %s\n", status, r->status, buf_str(&r->body));
    assert_int_equal(r->status, status);
    assert_non_null(r->json);
    const char *msg = json_string_value(json_object_get(r->json, "error"));
    assert_non_null(msg);
    assert_string_equal(msg, json_string_value(json_object_get(r->json, "detail")));
    if (!strstr(msg, words)) fprintf(stderr, "'%s' not in '%s'\n", words, msg);
    assert_non_null(strstr(msg, words));
    http_free(r);
}

static const char *hit_id(const json_t *hits, size_t i) {
    return json_string_value(json_object_get(json_array_get(hits, i), "id"));
}

static void test_search(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    start(&run, &cfg);
    http_result r;
    get(&run, "/v1/search?name=Kim+Jong+Un&dob=1984-01-08", &r);
    assert_int_equal(r.status, 200);
    json_t *hits = json_object_get(r.json, "hits");
    assert_true(json_array_size(hits) >= 1);
    assert_string_equal(hit_id(hits, 0), "ofac:20157");
    assert_non_null(json_object_get(json_object_get(json_array_get(hits, 0), "explanation"), "pairs"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "query"), "dob")), "1984-01-08");
    http_free(&r);
    get(&run, "/v1/search?name=%D0%9A%D0%B8%D0%BC%20%D0%A7%D0%B5%D0%BD%20%D0%AB%D0%BD&limit=1", &r); /* Ким Чен Ын */
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "hits")), 1);
    assert_string_equal(hit_id(json_object_get(r.json, "hits"), 0), "ofac:20157");
    http_free(&r);
    get(&run, "/v1/search?name=Zzyzx+Qwertyuiop", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "hits")), 0);
    http_free(&r);
    get(&run, "/v1/search", &r);
    assert_error(&r, 400, "name is required");
    get(&run, "/v1/search?name=Kim&limit=0", &r);
    assert_error(&r, 400, "limit must be");
    get(&run, "/v1/search?name=Kim&limit=101", &r);
    assert_error(&r, 400, "limit must be");
    get(&run, "/v1/search?name=Kim&threshold=1.5", &r);
    assert_error(&r, 400, "threshold must be");
    get(&run, "/v1/search?name=Kim&kind=planet", &r);
    assert_error(&r, 400, "kind must be");
    get(&run, "/v1/search?name=%zz", &r);
    assert_error(&r, 400, "%-escape");
    get(&run, "/v1/search?name=%00", &r);
    assert_error(&r, 400, "NUL");
    get(&run, "/v1/search?name=%ff%fe", &r);
    assert_error(&r, 400, "UTF-8");
    get(&run, "/v1/nothing", &r);
    assert_error(&r, 404, "no such endpoint");
    post(&run, "/v1/search?name=Kim", "{}", NULL, &r);
    assert_error(&r, 405, "allowed: GET");
    char path[10000] = "/v1/search?name=";
    memset(path + strlen(path), 'a', 9000);
    get(&run, path, &r);
    assert_error(&r, 414, "the limit is 8192");
    server_stop(run.srv);
}

static void test_screen(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    cfg.limits = server_limits_default();
    cfg.limits.max_body = 64 * 1024;
    start(&run, &cfg);
    http_result r;
    post(&run, "/v1/screen",
         "{\"parties\":[{\"name\":\"KOMID\",\"id\":\"c-1\",\"kind\":\"organization\"},{\"name\":\"\"},"
         "{\"name\":\"Vladimir Putin\",\"dob\":\"1952-10-07\",\"country\":\"RU\"},{\"name\":7}],\"limit\":2}",
         NULL, &r);
    assert_int_equal(r.status, 200);
    json_t *results = json_object_get(r.json, "results");
    assert_int_equal(json_array_size(results), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(results, 0), "id")), "c-1");
    assert_int_equal(json_array_size(json_object_get(json_array_get(results, 0), "hits")), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(results, 1), "error")), "name is required");
    assert_true(json_array_size(json_object_get(json_array_get(results, 2), "hits")) >= 1);
    assert_non_null(strstr(json_string_value(json_object_get(json_array_get(results, 3), "error")), "must be a string"));
    assert_int_equal(json_integer_value(json_object_get(r.json, "flagged")), 2);
    http_free(&r);
    post(&run, "/v1/screen", "{\"parties\": [", NULL, &r);
    assert_error(&r, 400, "malformed JSON at line 1");
    post(&run, "/v1/screen", "[1,2]", NULL, &r);
    assert_error(&r, 400, "must be an object");
    post(&run, "/v1/screen", "{\"parties\": {}}", NULL, &r);
    assert_error(&r, 400, "must be an array");
    post(&run, "/v1/screen", "{\"parties\": []}", NULL, &r);
    assert_error(&r, 400, "is empty");
    post(&run, "/v1/screen", "{\"parties\": [{\"name\":\"x\"}], \"threshold\": \"high\"}", NULL, &r);
    assert_error(&r, 400, "threshold");
    post(&run, "/v1/screen", NULL, NULL, &r);
    assert_error(&r, 400, "needs a JSON body");
    buf big;
    buf_init(&big);
    buf_puts(&big, "{\"parties\":[");
    for (int i = 0; i < 1001; i++) buf_printf(&big, "%s{\"name\":\"a\"}", i ? "," : "");
    buf_puts(&big, "]}");
    post(&run, "/v1/screen", buf_str(&big), NULL, &r);
    assert_error(&r, 413, "the limit is 1000");
    buf_clear(&big);
    buf_puts(&big, "{\"parties\":[{\"name\":\"");
    for (int i = 0; i < 70000; i++) buf_putc(&big, 'a');
    buf_puts(&big, "\"}]}");
    post(&run, "/v1/screen", buf_str(&big), NULL, &r);
    assert_error(&r, 413, "the limit is 65536");
    buf_free(&big);
    server_stop(run.srv);
}

static void test_entities_lists_health_metrics(void **state) {
    (void)state;
    running run;
    FILE *log = tmpfile();
    server_config cfg = {.access_log = log};
    start(&run, &cfg);
    http_result r;
    get(&run, "/v1/entities/ofac:20157", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "KIM, Jong Un");
    assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "list"), "name")), "ofac");
    http_free(&r);
    get(&run, "/v1/entities/ofac:1", &r);
    assert_error(&r, 404, "no entity with id 'ofac:1'");
    get(&run, "/v1/lists", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "sources")), 3);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r.json, "index"), "entities")), 46);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r.json, "index"), "generation")), 1);
    http_free(&r);
    get(&run, "/healthz", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "status")), "ok");
    http_free(&r);
    /*
     * A request is counted when its answer has been sent (libmicrohttpd's
     * completion callback), which may be just after the client has read it:
     * ask again for a moment until every count shows.
     */
    static const char *const counts[] = {
        "embargo_http_requests_total{route=\"entity\",status=\"200\"} 1\n",
        "embargo_http_requests_total{route=\"entity\",status=\"404\"} 1\n",
        "embargo_http_request_duration_seconds_count{route=\"lists\"} 1\n",
    };
    for (int tries = 0;; tries++) {
        get(&run, "/metrics", &r);
        size_t found = 0;
        for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) found += strstr(buf_str(&r.body), counts[k]) != NULL;
        if (found == sizeof counts / sizeof *counts || tries == 100) break;
        http_free(&r);
        usleep(20000);
    }
    assert_int_equal(r.status, 200);
    const char *m = buf_str(&r.body);
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) assert_non_null(strstr(m, counts[k]));
    assert_non_null(strstr(m, "embargo_entities_loaded 46\n"));
    assert_non_null(strstr(m, "embargo_index_generation 1\n"));
    http_free(&r);
    server_stop(run.srv);
    /* One JSON line per request; the query string itself is never logged. */
    rewind(log);
    char line[2048];
    /* Lines are written as answers complete, so their order may differ from the requests'. */
    size_t n_lines = 0, n_missing = 0;
    while (fgets(line, sizeof line, log)) {
        json_t *entry = json_loads(line, 0, NULL);
        assert_non_null(entry);
        assert_non_null(json_object_get(entry, "ms"));
        if (strcmp(json_string_value(json_object_get(entry, "path")), "/v1/entities/ofac:1") == 0) {
            assert_int_equal(json_integer_value(json_object_get(entry, "status")), 404);
            assert_string_equal(json_string_value(json_object_get(entry, "route")), "entity");
            n_missing++;
        }
        json_decref(entry);
        n_lines++;
    }
    assert_int_equal(n_missing, 1);
    assert_true(n_lines >= 5); /* five requests, and /metrics asked again while it caught up */
    fclose(log);
}

static void test_index_file_only(void **state) {
    (void)state;
    embargo_store *store = load_ok(sample_dir);
    char path[] = "/tmp/embargo-test-server-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[256];
    assert_int_equal(embargo_index_build(store, path, err, sizeof err), EMBARGO_OK);
    embargo_store_destroy(store);
    running run;
    server_config cfg = {.index_path = path};
    start(&run, &cfg);
    http_result r;
    get(&run, "/v1/entities/ofac:20157", &r);
    assert_error(&r, 501, "--lists");
    get(&run, "/v1/lists", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "sources")), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(r.json, "sources"), 2), "published")), "2026-02-27");
    http_free(&r);
    get(&run, "/v1/search?name=KOMID", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "hits")), 3);
    http_free(&r);
    server_stop(run.srv);
    unlink(path);
}

static void test_yente(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    start(&run, &cfg);
    http_result r;
    post(&run, "/match/default?limit=3",
         "{\"queries\":{\"q1\":{\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim Jong Un\",\"Kim Jong-un\"],"
         "\"birthDate\":[\"1984-01-08\"],\"nationality\":[\"kp\"]}},"
         "\"q2\":{\"schema\":\"Company\",\"properties\":{\"name\":\"Zzyzx Qwertyuiop Holdings\"}}}}",
         NULL, &r);
    assert_int_equal(r.status, 200);
    json_t *q1 = json_object_get(json_object_get(r.json, "responses"), "q1");
    assert_int_equal(json_integer_value(json_object_get(q1, "status")), 200);
    json_t *first = json_array_get(json_object_get(q1, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "id")), "ofac:20157");
    assert_string_equal(json_string_value(json_object_get(first, "caption")), "KIM, Jong Un");
    assert_string_equal(json_string_value(json_object_get(first, "schema")), "Person");
    assert_true(json_is_true(json_object_get(first, "match")));
    assert_true(json_real_value(json_object_get(first, "score")) >= 0.8);
    assert_true(json_is_array(json_object_get(json_object_get(first, "properties"), "name")));
    assert_true(json_is_number(json_object_get(json_object_get(first, "features"), "name_score")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(q1, "total"), "value")), 1);
    assert_string_equal(json_string_value(json_object_get(json_object_get(q1, "query"), "schema")), "Person");
    json_t *q2 = json_object_get(json_object_get(r.json, "responses"), "q2");
    assert_int_equal(json_array_size(json_object_get(q2, "results")), 0);
    assert_int_equal(json_integer_value(json_object_get(r.json, "limit")), 3);
    assert_true(json_is_object(json_object_get(r.json, "matcher")));
    http_free(&r);
    post(&run, "/match/default", "{\"queries\":{}}", NULL, &r);
    assert_error(&r, 400, "No queries provided");
    post(&run, "/match/default", "{\"queries\":{\"a\":{\"schema\":\"Person\",\"properties\":{\"birthDate\":[\"1984\"]}}}}", NULL, &r);
    assert_error(&r, 400, "no \"name\" property");
    post(&run, "/match/default", "{\"queries\":{\"a\":{\"schema\":\"Person\",\"properties\":{\"name\":[1]}}}}", NULL, &r);
    assert_error(&r, 400, "must hold strings");
    post(&run, "/match/default", "not json", NULL, &r);
    assert_error(&r, 400, "malformed JSON");
    get(&run, "/match/default", &r);
    assert_error(&r, 405, "allowed: POST");
    server_stop(run.srv);
}

static void test_watchman(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    start(&run, &cfg);
    http_result r;
    get(&run, "/v2/search?name=KOMID&type=business&limit=2&minMatch=0.9", &r);
    assert_int_equal(r.status, 200);
    json_t *entities = json_object_get(r.json, "entities");
    assert_int_equal(json_array_size(entities), 2);
    json_t *e = json_array_get(entities, 0);
    assert_string_equal(json_string_value(json_object_get(e, "name")), "KOREA MINING DEVELOPMENT TRADING CORPORATION");
    assert_string_equal(json_string_value(json_object_get(e, "entityType")), "business");
    assert_true(json_real_value(json_object_get(e, "match")) >= 0.9);
    assert_true(json_is_object(json_object_get(e, "business")));
    assert_true(json_is_null(json_object_get(e, "person")));
    assert_true(json_is_string(json_object_get(e, "sourceList")));
    assert_true(json_is_string(json_object_get(e, "sourceID")));
    http_free(&r);
    get(&run, "/v2/search?name=Vladimir+Putin&type=person&birthDate=1952-10-07", &r);
    assert_int_equal(r.status, 200);
    e = json_array_get(json_object_get(r.json, "entities"), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "person"), "birthDate")), "1952-10-07T00:00:00Z");
    http_free(&r);
    get(&run, "/v2/search?type=person", &r);
    assert_error(&r, 400, "name is required");
    get(&run, "/v2/search?name=Kim&type=planet", &r);
    assert_error(&r, 400, "unknown type");
    get(&run, "/v2/search?name=Kim&minMatch=2", &r);
    assert_error(&r, 400, "minMatch");
    server_stop(run.srv);
}

static void test_admin_reload(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    start(&run, &cfg);
    http_result r;
    post(&run, "/admin/reload", NULL, NULL, &r);
    assert_error(&r, 403, "admin endpoints are off");
    server_stop(run.srv);
    server_config with_token = {.admin_token = "s3cret", .api_token = "api-key"};
    start(&run, &with_token);
    post(&run, "/admin/reload", NULL, NULL, &r);
    assert_error(&r, 401, "Bearer");
    post(&run, "/admin/reload", NULL, "Authorization: Bearer s3cre", &r);
    assert_error(&r, 401, "Bearer");
    post(&run, "/admin/reload", NULL, "Authorization: Bearer s3cret", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "generation")), 2);
    http_free(&r);
    get(&run, "/v1/search?name=Kim", &r);
    assert_error(&r, 401, "API token");
    char url[256];
    snprintf(url, sizeof url, "%s/v1/search?name=KOMID", run.base);
    http("GET", url, NULL, 0, "Authorization: Bearer api-key", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "generation")), 2);
    http_free(&r);
    get(&run, "/healthz", &r); /* open without the API token */
    assert_int_equal(r.status, 200);
    http_free(&r);
    server_stop(run.srv);
}

/* A failed reload keeps the old lists and says why. */
static void test_failed_reload(void **state) {
    (void)state;
    char dir[] = "/tmp/embargo-test-lists-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[8192], file[4200];
    snprintf(cmd, sizeof cmd, "cp %s/un/consolidated.xml %s/", sample_dir, dir);
    assert_int_equal(system(cmd), 0);
    running run;
    server_config cfg = {.lists_path = dir, .admin_token = "t"};
    start(&run, &cfg);
    snprintf(file, sizeof file, "%s/consolidated.xml", dir);
    FILE *f = fopen(file, "w");
    fputs("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1", f); /* truncated */
    fclose(f);
    http_result r;
    post(&run, "/admin/reload", NULL, "Authorization: Bearer t", &r);
    assert_error(&r, 500, "still serving generation 1");
    get(&run, "/v1/search?name=KOMID", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(hit_id(json_object_get(r.json, "hits"), 0), "un:KPe.001");
    http_free(&r);
    get(&run, "/metrics", &r);
    assert_non_null(strstr(buf_str(&r.body), "embargo_reload_failures_total 1\n"));
    http_free(&r);
    server_stop(run.srv);
    unlink(file);
    rmdir(dir);
}

typedef struct {
    const char *base;
    int n;
    int failures;
    int done;
} load_worker;

static void *hammer(void *arg) {
    load_worker *w = arg;
    CURL *c = curl_easy_init();
    buf body;
    buf_init(&body);
    char url[256];
    snprintf(url, sizeof url, "%s/v1/search?name=Kim+Jong+Un", w->base);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    for (int i = 0; i < w->n; i++) {
        buf_clear(&body);
        long status = 0;
        CURLcode rc = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK || status != 200 || !strstr(buf_str(&body), "ofac:20157")) w->failures++;
        w->done++;
    }
    buf_free(&body);
    curl_easy_cleanup(c);
    return NULL;
}

static void test_reload_under_load(void **state) {
    (void)state;
    running run;
    server_config cfg = {.admin_token = "t", .access_log = NULL};
    start(&run, &cfg);
    enum { WORKERS = 4 };
    pthread_t threads[WORKERS];
    load_worker workers[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        workers[i] = (load_worker){run.base, 300, 0, 0};
        pthread_create(&threads[i], NULL, hammer, &workers[i]);
    }
    http_result r;
    for (int k = 0; k < 5; k++) {
        post(&run, "/admin/reload", NULL, "Authorization: Bearer t", &r);
        assert_int_equal(r.status, 200);
        http_free(&r);
        char err[256];
        assert_int_equal(server_reload(run.srv, err, sizeof err), EMBARGO_OK);
    }
    int failures = 0, done = 0;
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(threads[i], NULL);
        failures += workers[i].failures;
        done += workers[i].done;
    }
    print_message("%d requests during 10 reloads, %d failed\n", done, failures);
    assert_int_equal(done, WORKERS * 300);
    assert_int_equal(failures, 0);
    assert_int_equal(server_generation(run.srv), 11);
    server_stop(run.srv);
}

static int connect_raw(unsigned port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

static void test_connections_and_slow_clients(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    cfg.limits = server_limits_default();
    cfg.limits.max_connections = 2;
    cfg.limits.idle_timeout = 1;
    start(&run, &cfg);
    int fds[3];
    for (int i = 0; i < 3; i++) fds[i] = connect_raw(server_port(run.srv));
    if (write(fds[0], "GET /healthz HTTP/1.1\r\nHo", 25) != 25) fail();
    usleep(300 * 1000);
    http_result r;
    get(&run, "/healthz", &r);
    assert_error(&r, 503, "too many connections");
    /* The slow client is dropped after the idle timeout: the server never hangs on it. */
    usleep(2500 * 1000);
    char reply_buf[256];
    ssize_t n = read(fds[0], reply_buf, sizeof reply_buf);
    assert_true(n <= 0 || strstr(reply_buf, "HTTP/1.1") != NULL);
    for (int i = 0; i < 3; i++) close(fds[i]);
    get(&run, "/healthz", &r);
    assert_int_equal(r.status, 200);
    http_free(&r);
    server_stop(run.srv);
}

/* Finds a free loopback port (closed again before use: a small race accepted in tests). */
static unsigned free_port(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    socklen_t len = sizeof sa;
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    getsockname(fd, (struct sockaddr *)&sa, &len);
    close(fd);
    return ntohs(sa.sin_port);
}

/* The built binary: SIGHUP reloads (generation 2), SIGTERM stops it with exit 0. */
static void test_binary_signals(void **state) {
    (void)state;
    const char *bin = getenv("EMBARGO_BIN");
    if (!bin) {
        print_message("skipped: EMBARGO_BIN is not set\n");
        skip();
    }
    unsigned port = free_port();
    char listen[64], base[64];
    snprintf(listen, sizeof listen, "127.0.0.1:%u", port);
    snprintf(base, sizeof base, "http://127.0.0.1:%u", port);
    pid_t pid = fork();
    if (pid == 0) {
        execl(bin, bin, "--lists", sample_dir, "serve", "--listen", listen, "--access-log", "off", (char *)NULL);
        _exit(127);
    }
    running run = {.srv = NULL};
    snprintf(run.base, sizeof run.base, "%s", base);
    http_result r = {0};
    for (int i = 0; i < 100; i++) { /* up to 10 s to start */
        CURL *c = curl_easy_init();
        char url[128];
        snprintf(url, sizeof url, "%s/healthz", base);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
        CURLcode rc = curl_easy_perform(c);
        curl_easy_cleanup(c);
        if (rc == CURLE_OK) break;
        usleep(100 * 1000);
    }
    kill(pid, SIGHUP);
    long generation = 0;
    for (int i = 0; i < 50 && generation != 2; i++) {
        usleep(100 * 1000);
        get(&run, "/healthz", &r);
        generation = (long)json_integer_value(json_object_get(r.json, "generation"));
        http_free(&r);
    }
    assert_int_equal(generation, 2);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* The source tree's file REL, in a static buffer (one of two, so two may be held at once). */
static const char *src_file(const char *rel) {
    static char path[2][4096];
    static int which;
    const char *root = getenv("EMBARGO_SOURCE_DIR");
    which ^= 1;
    snprintf(path[which], sizeof path[which], "%s/%s", root ? root : ".", rel);
    return path[which];
}

/* The whole of file REL of the source tree, as a new string. */
static char *read_src(const char *rel, size_t *len) {
    FILE *f = fopen(src_file(rel), "rb");
    assert_non_null(f);
    buf b;
    buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return b.data;
}

/* What `embargo deal` and `embargo text` give in this process, to compare the server's answers with. */
typedef struct {
    goods_table *goods;
    regime_set *regimes;
    embargo_store *store;
    embargo_index *index;
} local_env;

static void local_open(local_env *e) {
    char err[1024];
    if (!goods_load(src_file("data/goods/goods.txt"), &e->goods, err, sizeof err)) fail_msg("%s", err);
    if (!(e->regimes = regimes_load(src_file("data/regimes/regimes.txt"), e->goods, err, sizeof err))) fail_msg("%s", err);
    e->store = load_ok(sample_dir);
    assert_int_equal(embargo_index_build_memory(e->store, &e->index, err, sizeof err), EMBARGO_OK);
}

static void local_close(local_env *e) {
    embargo_index_close(e->index);
    embargo_store_destroy(e->store);
    regimes_free(e->regimes);
    goods_free(e->goods);
}

/* Whether the server's answer ANSWER is LOCAL as the server writes it (8 significant digits in reals, reply.c). */
static bool same_as_served(const json_t *local, const json_t *answer) {
    char *text = json_dumps(local, JSON_COMPACT | JSON_REAL_PRECISION(8));
    json_t *served = text ? json_loads(text, 0, NULL) : NULL;
    bool same = served && json_equal(served, answer);
    json_decref(served);
    free(text);
    return same;
}

static void start_with_regimes(running *run, server_config *cfg) {
    static char goods[4096], regimes[4096];
    snprintf(goods, sizeof goods, "%s", src_file("data/goods/goods.txt"));
    snprintf(regimes, sizeof regimes, "%s", src_file("data/regimes/regimes.txt"));
    cfg->goods_path = goods;
    cfg->regimes_path = regimes;
    start(run, cfg);
}

static void test_deals(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    start_with_regimes(&run, &cfg);
    local_env e;
    local_open(&e);
    static const char *const files[] = {"dprk_shells_russia.json", "serbia_shells_brazil.json", "dprk_coal.json",
                                        "drone_parts_russia.json"};
    static const char *const verdicts[] = {"prohibited", "clear", "prohibited", NULL};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char rel[256];
        size_t len;
        snprintf(rel, sizeof rel, "tests/fixtures/deal/%s", files[i]);
        char *body = read_src(rel, &len);
        http_result r;
        post(&run, "/v1/deals", body, NULL, &r);
        assert_int_equal(r.status, 200);
        /* The very report `embargo deal --json` writes. */
        json_t *in = json_loadb(body, len, 0, NULL);
        char err[512];
        deal *d = deal_from_json(in, err, sizeof err);
        assert_non_null(d);
        deal_context ctx = {e.regimes, e.goods, e.index, e.store, -1, 0};
        deal_verdict v;
        json_t *local = deal_screen(&ctx, d, &v);
        if (!same_as_served(local, r.json)) fail_msg("%s: the server's report differs from embargo deal's", files[i]);
        if (verdicts[i]) assert_string_equal(json_string_value(json_object_get(r.json, "verdict")), verdicts[i]);
        else assert_string_not_equal(json_string_value(json_object_get(r.json, "verdict")), "clear");
        json_decref(local);
        deal_free(d);
        json_decref(in);
        http_free(&r);
        free(body);
    }
    http_result r;
    post(&run, "/v1/deals", "{\"goods\": [", NULL, &r);
    assert_error(&r, 400, "malformed JSON");
    post(&run, "/v1/deals", "[1, 2]", NULL, &r);
    assert_error(&r, 400, "must be an object");
    post(&run, "/v1/deals", "{\"parties\": [{\"name\": \"X\", \"role\": \"pilot\"}]}", NULL, &r);
    assert_error(&r, 400, "the deal:");
    post(&run, "/v1/deals?threshold=7", "{}", NULL, &r);
    assert_error(&r, 400, "threshold");
    get(&run, "/v1/deals", &r);
    assert_error(&r, 405, "POST");
    local_close(&e);
    server_stop(run.srv);
}

static void test_text(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    cfg.limits = server_limits_default();
    cfg.limits.max_body = 64 * 1024;
    start_with_regimes(&run, &cfg);
    local_env e;
    local_open(&e);
    size_t len;
    char *article = read_src("tests/fixtures/deal/summit_article.txt", &len);
    text_scan_context ctx = {.index = e.index, .goods = e.goods, .regimes = e.regimes, .threshold = -1};
    json_t *local = document_scan_json(&ctx, article, len, NULL);
    assert_non_null(local);
    /* The text as the body. */
    http_result r;
    post(&run, "/v1/text", article, "Content-Type: text/plain; charset=utf-8", &r);
    assert_int_equal(r.status, 200);
    if (!same_as_served(local, r.json)) fail_msg("the server's report differs from embargo text --json");
    json_t *parties = json_object_get(r.json, "parties");
    bool kim = false;
    size_t i;
    json_t *m;
    json_array_foreach(parties, i, m) kim = kim || strcmp(json_string_value(json_object_get(json_object_get(m, "hit"), "id")), "ofac:20157") == 0;
    assert_true(kim);
    assert_true(json_array_size(json_object_get(r.json, "dealings")) > 0);
    http_free(&r);
    /* The same as JSON. */
    json_t *wrapped = json_pack("{s:s#}", "text", article, (int)len);
    char *body = json_dumps(wrapped, 0);
    post(&run, "/v1/text", body, "Content-Type: application/json", &r);
    assert_int_equal(r.status, 200);
    assert_true(same_as_served(local, r.json));
    http_free(&r);
    free(body);
    json_decref(wrapped);
    /* A higher threshold finds no more parties. */
    post(&run, "/v1/text?threshold=0.99", article, "Content-Type: text/plain", &r);
    assert_int_equal(r.status, 200);
    assert_true(json_array_size(json_object_get(r.json, "parties")) <= json_array_size(json_object_get(local, "parties")));
    http_free(&r);
    /* Errors. */
    post(&run, "/v1/text", "", "Content-Type: text/plain", &r);
    assert_error(&r, 400, "needs a text");
    post(&run, "/v1/text", "{\"txt\": \"Kim Jong Un\"}", "Content-Type: application/json", &r);
    assert_error(&r, 400, "\"text\"");
    post(&run, "/v1/text", "{\"text\": \"Kim Jong Un\", \"threshold\": \"high\"}", "Content-Type: application/json", &r);
    assert_error(&r, 400, "threshold");
    post(&run, "/v1/text", "{\"text\": ", "Content-Type: application/json", &r);
    assert_error(&r, 400, "malformed JSON");
    char *big = malloc(100 * 1024 + 1);
    memset(big, 'a', 100 * 1024);
    big[100 * 1024] = '\0';
    post(&run, "/v1/text", big, "Content-Type: text/plain", &r);
    assert_error(&r, 413, "limit");
    free(big);
    json_decref(local);
    free(article);
    local_close(&e);
    server_stop(run.srv);
}

static void test_documents_without_regimes(void **state) {
    (void)state;
    running run;
    server_config cfg = {0};
    start(&run, &cfg);
    http_result r;
    post(&run, "/v1/deals", "{}", NULL, &r);
    assert_error(&r, 501, "--regimes");
    post(&run, "/v1/text", "Kim Jong Un", "Content-Type: text/plain", &r);
    assert_error(&r, 501, "--goods");
    server_stop(run.srv);
    /* Only one of the two files: the server does not start. */
    server *srv = NULL;
    char err[512];
    server_config half = {.listen = "127.0.0.1:0", .lists_path = sample_dir, .limits = server_limits_default(),
                          .goods_path = src_file("data/goods/goods.txt")};
    assert_int_not_equal(server_start(&half, &srv, err, sizeof err), EMBARGO_OK);
    assert_non_null(strstr(err, "regimes"));
    half.regimes_path = src_file("tests/fixtures/deal/dprk_coal.json"); /* not a regimes file */
    assert_int_not_equal(server_start(&half, &srv, err, sizeof err), EMBARGO_OK);
    assert_non_null(strstr(err, "dprk_coal.json"));
}

int main(void) {
    const char *src = getenv("EMBARGO_SOURCE_DIR");
    snprintf(sample_dir, sizeof sample_dir, "%s/data/sample", src ? src : ".");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_screen),
        cmocka_unit_test(test_entities_lists_health_metrics),
        cmocka_unit_test(test_index_file_only),
        cmocka_unit_test(test_yente),
        cmocka_unit_test(test_watchman),
        cmocka_unit_test(test_admin_reload),
        cmocka_unit_test(test_failed_reload),
        cmocka_unit_test(test_reload_under_load),
        cmocka_unit_test(test_connections_and_slow_clients),
        cmocka_unit_test(test_binary_signals),
        cmocka_unit_test(test_deals),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_documents_without_regimes),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return failed;
}
