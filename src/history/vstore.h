/*
 * vstore.h - the versions of the lists kept in the data folder.
 *
 * Layout of the data folder DATA:
 *   DATA/versions/NAME/             one immutable version; NAME is
 *                                   YYYYMMDDTHHMMSS.uuuuuuZ-<first 12 hex of its checksum>
 *   DATA/versions/NAME/lists/       the list files, one folder per source (un/, ofac_sdn/, ...)
 *   DATA/versions/NAME/manifest.json  each file's sha256 and size, the sources and their
 *                                   entity counts, the checksum of the whole version
 *   DATA/versions/NAME/embargo.idx  the compiled index of those lists
 *   DATA/versions/NAME/entities.tsv "ID<TAB>sha256 of the entity's JSON", one a line, sorted
 *   DATA/versions/NAME/changed-since-PREV.idx  the index where only the entities added or
 *                                   changed since version PREV (the current one then) can be
 *                                   found, for rescreen (rescreen.h)
 *   DATA/versions/.tmp-PID/         an update in progress (or killed: removed by the next one)
 *   DATA/current -> versions/NAME   the version in use, switched by renaming a new link over it
 *   DATA/lists, DATA/embargo.idx    links through current, so that embargo's default
 *                                   lists and index are the current version's
 *   DATA/embargo.db                 the record (db.h)
 * A version folder gets its name only when complete (everything written and
 * fsynced in the temp folder first), so a crash leaves the old version.
 */
#ifndef EMBARGO_HISTORY_VSTORE_H
#define EMBARGO_HISTORY_VSTORE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"

/* The current version's name into NAME; false when there is none. */
bool vstore_current(const char *data, buf *name);
/* The path of WHAT ("lists", "manifest.json", ...) in version NAME, into OUT. */
const char *vstore_path(const char *data, const char *name, const char *what, buf *out);
/* Version NAME's manifest (new reference), or NULL with ERR set. */
json_t *vstore_manifest(const char *data, const char *name, buf *err);
/* The names of the versions, oldest first. */
bool vstore_list(const char *data, char ***names, size_t *n);
void vstore_list_free(char **names, size_t n);
/*
 * Checks version NAME: every file of its manifest is there with its sha256,
 * the index opens. False with ERR saying what is wrong.
 */
bool vstore_verify(const char *data, const char *name, buf *err);

/*
 * The entity hashes of version NAME (entities.tsv) as a map id -> hash
 * (a JSON object, new reference), or NULL with ERR set.
 */
json_t *vstore_entity_hashes(const char *data, const char *name, buf *err);

#endif
