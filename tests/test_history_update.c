/*
 * test_history_update.c - `embargo update`: importing from a folder, and
 * downloading from a local HTTP server (a thread of this test, on
 * 127.0.0.1 only) that serves the real list files, or drops the connection,
 * or serves garbage, or a truncated file. Each failure leaves the current
 * version as it was; a shrink is refused unless forced; a SIGKILL at a
 * random point of an update leaves only complete versions.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "history/fsx.h"
#include "history/update.h"
#include "history/vstore.h"
#include "support.h"

/* ---- the local server: GET /MODE/PATH, PATH under the real lists folder ---- */

static int server_fd = -1;
static int server_port;

static void send_all(int fd, const char *data, size_t len) {
    while (len) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0) return;
        data += n;
        len -= (size_t)n;
    }
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) n = 0;
    fclose(f);
    *len = (size_t)n;
    return text;
}

/* ok: the file; halflines: its first half of lines; drop: says the full length, sends half, closes; truncated: half, with its own length; garbage: noise. */
static void serve(int fd) {
    char req[2048];
    ssize_t n = recv(fd, req, sizeof req - 1, 0);
    if (n <= 0) return;
    req[n] = '\0';
    char mode[32], rel[1024];
    if (sscanf(req, "GET /%31[^/]/%1023s", mode, rel) != 2) return;
    char head[256];
    size_t len = 0;
    char *body = NULL;
    if (strcmp(mode, "garbage") == 0) {
        len = 65536;
        body = malloc(len);
        uint32_t x = 12345;
        for (size_t i = 0; i < len; i++) body[i] = (char)((x = x * 1103515245u + 12345u) >> 16);
    } else if (strcmp(mode, "ok") == 0 || strcmp(mode, "drop") == 0 || strcmp(mode, "truncated") == 0 ||
               strcmp(mode, "halflines") == 0) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", real_list(""), rel);
        body = read_file(path, &len);
    }
    if (!body) {
        static const char nf[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        send_all(fd, nf, sizeof nf - 1);
        return;
    }
    size_t sent = strcmp(mode, "ok") == 0 || strcmp(mode, "garbage") == 0 ? len : len / 2;
    if (strcmp(mode, "halflines") == 0) /* the first half of the lines: a shorter list that still parses */
        while (sent > 0 && body[sent - 1] != '\n') sent--;
    size_t said = strcmp(mode, "truncated") == 0 || strcmp(mode, "halflines") == 0 ? sent : len;
    int h = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", said);
    send_all(fd, head, (size_t)h);
    send_all(fd, body, sent);
    free(body);
}

static void *server_main(void *arg) {
    (void)arg;
    for (;;) {
        int fd = accept(server_fd, NULL, NULL);
        if (fd < 0) return NULL;
        serve(fd);
        close(fd);
    }
}

static void start_server(void) {
    if (server_fd >= 0) return;
    server_fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(server_fd >= 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(server_fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(server_fd, 16), 0);
    socklen_t alen = sizeof a;
    getsockname(server_fd, (struct sockaddr *)&a, &alen);
    server_port = ntohs(a.sin_port);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, server_main, NULL), 0);
    pthread_detach(t);
}

/* ---- helpers ---- */

static char root[512];

static const char *tpath(const char *rel) {
    static char path[4][1024];
    static int next;
    char *p = path[next++ & 3];
    snprintf(p, 1024, "%s/%s", root, rel);
    return p;
}

/* A folder NAME under the test root holding links to the real FOLDERS. */
static const char *import_folder(const char *name, const char *const *folders, size_t n) {
    const char *dir = tpath(name);
    fsx_remove_tree(dir);
    mkdir(dir, 0755);
    for (size_t i = 0; i < n; i++) {
        char link[1024];
        snprintf(link, sizeof link, "%s/%s", dir, folders[i]);
        assert_int_equal(symlink(real_list(folders[i]), link), 0);
    }
    return dir;
}

static const char *sources_file(const char *un_mode, const char *sdn_mode) {
    const char *path = tpath("sources.conf");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "# test table\nun UN_consolidated.xml http://127.0.0.1:%d/%s/un/UN_consolidated.xml\n", server_port, un_mode);
    static const char *const sdn[] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
    for (int i = 0; i < 4; i++)
        fprintf(f, "ofac_sdn %s http://127.0.0.1:%d/%s/ofac_sdn/%s\n", sdn[i], server_port, i ? "ok" : sdn_mode, sdn[i]);
    fclose(f);
    return path;
}

static char *current(const char *data) {
    buf b;
    buf_init(&b);
    char *name = vstore_current(data, &b) ? strdup(buf_str(&b)) : NULL;
    buf_free(&b);
    return name;
}

static size_t n_entries(const char *dir) {
    fsx_list l = {0};
    buf e;
    buf_init(&e);
    size_t n = 0;
    char **names;
    (void)l;
    if (vstore_list(dir, &names, &n)) vstore_list_free(names, n);
    buf_free(&e);
    return n;
}

/* No temp folder left in DATA/versions. */
static void assert_no_temp(const char *data) {
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "ls -A '%s/versions' | grep -q '^\\.tmp-'", data);
    assert_int_not_equal(system(cmd), 0);
}

static void assert_verified(const char *data, const char *name) {
    buf e;
    buf_init(&e);
    if (!vstore_verify(data, name, &e)) fail_msg("%s does not verify: %s", name, buf_str(&e));
    buf_free(&e);
}

static int setup(void **state) {
    (void)state;
    snprintf(root, sizeof root, "%s/embargo-update-%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    mkdir(root, 0755);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    fsx_remove_tree(root);
    return 0;
}

/* ---- tests ---- */

static void test_import_download_and_failures(void **state) {
    (void)state;
    skip_without_lists();
    start_server();
    char data[1024];
    snprintf(data, sizeof data, "%s", tpath("data"));
    static const char *const sdn_only[] = {"ofac_sdn"};
    char from[1024];
    snprintf(from, sizeof from, "%s", import_folder("import1", sdn_only, 1));
    update_options o = {data, from, NULL, NULL, false, 0.20, NULL};
    update_report r;
    assert_int_equal(update_run(&o, &r), EMBARGO_OK);
    assert_false(r.unchanged);
    char *v1 = current(data);
    assert_non_null(v1);
    assert_string_equal(v1, r.version);
    assert_verified(data, v1);
    assert_true(r.n_entities > 8000);

    /* The same files again: no new version. */
    assert_int_equal(update_run(&o, &r), EMBARGO_OK);
    assert_true(r.unchanged);
    assert_int_equal(n_entries(data), 1);

    /* Each broken download fails with its reason and keeps v1. */
    static const struct {
        const char *un, *sdn, *says;
        embargo_status status;
    } broken[] = {
        {"drop", "ok", "download failed", EMBARGO_EIO},
        {"missing", "ok", "HTTP 404", EMBARGO_EIO},
        {"garbage", "ok", "hold no list", EMBARGO_EFORMAT},
        {"truncated", "ok", "do not load", EMBARGO_EFORMAT},
        {"ok", "truncated", "do not load", EMBARGO_EFORMAT},
        {"ok", "halflines", "refused", EMBARGO_EINVAL},
    };
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        update_options d = {data, NULL, NULL, sources_file(broken[i].un, broken[i].sdn), false, 0.20, NULL};
        embargo_status s = update_run(&d, &r);
        print_message("%s/%s: %s\n", broken[i].un, broken[i].sdn, r.error);
        assert_int_equal(s, broken[i].status);
        assert_non_null(strstr(r.error, broken[i].says));
        char *now = current(data);
        assert_string_equal(now, v1);
        free(now);
        assert_int_equal(n_entries(data), 1);
        assert_no_temp(data);
    }
    assert_verified(data, v1);

    /* A good download: a new current version with UN and OFAC. */
    update_options d = {data, NULL, NULL, sources_file("ok", "ok"), false, 0.20, NULL};
    assert_int_equal(update_run(&d, &r), EMBARGO_OK);
    char *v2 = current(data);
    assert_string_not_equal(v2, v1);
    assert_verified(data, v2);
    assert_int_equal(n_entries(data), 2);

    /* Only one source: the other folder is kept from the current version. */
    update_options one = {data, NULL, "un", sources_file("ok", "missing"), false, 0.20, NULL};
    assert_int_equal(update_run(&one, &r), EMBARGO_OK);
    assert_true(r.unchanged);

    /* Dropping UN is a shrink of 100%: refused, then forced. */
    assert_int_equal(update_run(&o, &r), EMBARGO_EINVAL);
    print_message("without UN: %s\n", r.error);
    assert_non_null(strstr(r.error, "un: 0 entities where the current version has 1003"));
    char *now = current(data);
    assert_string_equal(now, v2);
    free(now);
    o.force = true;
    assert_int_equal(update_run(&o, &r), EMBARGO_OK);
    now = current(data);
    assert_string_not_equal(now, v2);
    free(now);
    free(v1);
    free(v2);
}

static void test_kill_leaves_whole_versions(void **state) {
    (void)state;
    skip_without_lists();
    const char *bin = getenv("EMBARGO_BIN");
    if (!bin) skip();
    char data[1024];
    snprintf(data, sizeof data, "%s", tpath("killed"));
    static const char *const a[] = {"ofac_sdn"}, *const b[] = {"ofac_sdn_2024"};
    char from_a[1024], from_b[1024];
    snprintf(from_a, sizeof from_a, "%s", import_folder("kill_a", a, 1));
    snprintf(from_b, sizeof from_b, "%s", import_folder("kill_b", b, 1));
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' update --quiet --from '%s' --data '%s' >/dev/null", bin, from_a, data);
    assert_int_equal(system(cmd), 0); /* a current version to keep */
    srand((unsigned)time(NULL));
    int kills = 0;
    for (int round = 1; round < 7; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1), dup2(null, 2);
            execl(bin, bin, "update", "--force", "--from", round % 2 ? from_b : from_a, "--data", data, (char *)NULL);
            _exit(127);
        }
        long ms = rand() % 4000;
        struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&t, NULL);
        kills += kill(pid, SIGKILL) == 0;
        int status;
        waitpid(pid, &status, 0);
        /* Whatever the moment: every named version is whole, current is one of them. */
        char **names;
        size_t n;
        assert_true(vstore_list(data, &names, &n));
        for (size_t i = 0; i < n; i++) assert_verified(data, names[i]);
        char *now = current(data);
        assert_non_null(now);
        assert_verified(data, now);
        print_message("round %d: killed at %ld ms, %zu versions, current %s\n", round, ms, n, now);
        free(now);
        vstore_list_free(names, n);
    }
    assert_true(kills > 0);
    /* And the next update completes, removing what the killed ones left. */
    snprintf(cmd, sizeof cmd, "'%s' update --quiet --force --from '%s' --data '%s' >/dev/null", bin, from_b, data);
    assert_int_equal(system(cmd), 0);
    assert_no_temp(data);
    char *now = current(data);
    assert_non_null(now);
    assert_verified(data, now);
    free(now);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_download_and_failures),
        cmocka_unit_test(test_kill_leaves_whole_versions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
