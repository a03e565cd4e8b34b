/*
 * fetch.c - see fetch.h.
 */
#include "history/fetch.h"

#include "embargo/embargo.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The publishers' own addresses (checked 2025). FOLDER FILE URL. */
static const char *const fetch_defaults[][3] = {
    {"un", "consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"},
    {"ofac_sdn", "sdn.csv", "https://www.treasury.gov/ofac/downloads/sdn.csv"},
    {"ofac_sdn", "alt.csv", "https://www.treasury.gov/ofac/downloads/alt.csv"},
    {"ofac_sdn", "add.csv", "https://www.treasury.gov/ofac/downloads/add.csv"},
    {"ofac_sdn", "sdn_comments.csv", "https://www.treasury.gov/ofac/downloads/sdn_comments.csv"},
    {"ofac_cons", "cons_prim.csv", "https://www.treasury.gov/ofac/downloads/consolidated/cons_prim.csv"},
    {"ofac_cons", "cons_alt.csv", "https://www.treasury.gov/ofac/downloads/consolidated/cons_alt.csv"},
    {"ofac_cons", "cons_add.csv", "https://www.treasury.gov/ofac/downloads/consolidated/cons_add.csv"},
    {"ofac_cons", "cons_comments.csv", "https://www.treasury.gov/ofac/downloads/consolidated/cons_comments.csv"},
    {"us_bis_dpl", "dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt"},
    {"uk_ofsi", "ConList.csv", "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"},
    {"au_dfat", "regulation8_consolidated.xlsx", "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx"},
    {"ca_sema", "sema-lmes.xml",
     "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml"},
};

static bool table_add(fetch_table *t, const char *folder, const char *file, const char *url) {
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        fetch_entry *p = realloc(t->items, cap * sizeof *p);
        if (!p) return false;
        t->items = p;
        t->cap = cap;
    }
    fetch_entry *e = &t->items[t->n];
    e->folder = strdup(folder);
    e->file = strdup(file);
    e->url = strdup(url);
    if (!e->folder || !e->file || !e->url) {
        free(e->folder), free(e->file), free(e->url);
        return false;
    }
    t->n++;
    return true;
}

bool fetch_table_default(fetch_table *t) {
    for (size_t i = 0; i < sizeof fetch_defaults / sizeof *fetch_defaults; i++)
        if (!table_add(t, fetch_defaults[i][0], fetch_defaults[i][1], fetch_defaults[i][2])) return false;
    return true;
}

/* A folder or file name must stay inside the version: no "..", no "/". */
static bool safe_name(const char *s) {
    return *s && *s != '.' && !strchr(s, '/') && !strchr(s, '\\');
}

bool fetch_table_read(const char *path, fetch_table *t, buf *err) {
    FILE *f = fopen(path, "r");
    if (!f) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    char line[4096];
    long no = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        no++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char folder[256], file[256], url[3072], extra[2];
        int n = sscanf(line, "%255s %255s %3071s %1s", folder, file, url, extra);
        if (n <= 0) continue;
        if (n != 3 || !safe_name(folder) || !safe_name(file)) {
            buf_printf(err, "%s:%ld: expected \"FOLDER FILE URL\" (plain folder and file names)", path, no);
            ok = false;
        } else if (!table_add(t, folder, file, url)) {
            buf_puts(err, "out of memory");
            ok = false;
        }
    }
    fclose(f);
    if (ok && t->n == 0) {
        buf_printf(err, "%s: no addresses in the file", path);
        ok = false;
    }
    return ok;
}

void fetch_table_free(fetch_table *t) {
    for (size_t i = 0; i < t->n; i++) free(t->items[i].folder), free(t->items[i].file), free(t->items[i].url);
    free(t->items);
    memset(t, 0, sizeof *t);
}

bool fetch_url(const char *url, const char *dest, buf *err) {
    static bool ready;
    if (!ready) curl_global_init(CURL_GLOBAL_DEFAULT), ready = true;
    FILE *out = fopen(dest, "wb");
    if (!out) {
        buf_printf(err, "%s: cannot create: %s", dest, strerror(errno));
        return false;
    }
    CURL *c = curl_easy_init();
    char curl_err[CURL_ERROR_SIZE] = "";
    CURLcode rc = CURLE_FAILED_INIT;
    long http = 0;
    if (c) {
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);   /* stalled: under 1 byte/s ... */
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);   /* ... for a minute */
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "embargo/" EMBARGO_VERSION);
        rc = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
        curl_easy_cleanup(c);
    }
    bool ok = rc == CURLE_OK;
    if (fflush(out) != 0 || fsync(fileno(out)) != 0) ok = false;
    if (fclose(out) != 0) ok = false;
    if (!ok) {
        if (rc == CURLE_HTTP_RETURNED_ERROR) buf_printf(err, "%s: the server answered HTTP %ld", url, http);
        else if (rc != CURLE_OK) buf_printf(err, "%s: %s", url, curl_err[0] ? curl_err : curl_easy_strerror(rc));
        else buf_printf(err, "%s: cannot write: %s", dest, strerror(errno));
        unlink(dest);
    }
    return ok;
}
