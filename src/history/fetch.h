/*
 * fetch.h - where each official list is published, and downloading it.
 *
 * The table of addresses is data: a built-in default (the publishers' own
 * addresses) or a file of lines "FOLDER FILE URL" ('#' starts a comment),
 * given with --sources or found as DATA/sources.conf. FOLDER is the source's
 * folder in a version's lists (un, ofac_sdn, ...), FILE the name it is saved
 * as. Downloads go through libcurl (HTTP and HTTPS only, redirects followed,
 * a transfer that stalls or ends short is an error).
 */
#ifndef EMBARGO_HISTORY_FETCH_H
#define EMBARGO_HISTORY_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

typedef struct {
    char *folder;
    char *file;
    char *url;
} fetch_entry;

typedef struct {
    fetch_entry *items;
    size_t n, cap;
} fetch_table;

/* The built-in table of official addresses. */
bool fetch_table_default(fetch_table *t);
/* Reads a table file; ERR names the file and line of a bad line. */
bool fetch_table_read(const char *path, fetch_table *t, buf *err);
void fetch_table_free(fetch_table *t);

/*
 * Downloads URL to the file DEST (created). On failure ERR says why
 * ("URL: HTTP 404", "URL: transfer closed with 1000 bytes remaining") and
 * DEST is removed.
 */
bool fetch_url(const char *url, const char *dest, buf *err);

#endif
