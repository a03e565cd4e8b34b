/*
 * update.h - a new version of the lists in the data folder (vstore.h):
 * files imported from a folder or downloaded from the publishers (fetch.h),
 * checked, indexed, and made current atomically.
 *
 * The steps, each stopping the update with its reason on failure:
 *   1. the files go into DATA/versions/.tmp-PID/lists (copied or downloaded,
 *      each hashed and fsynced); with a source named, the other sources'
 *      folders come from the current version;
 *   2. they must load (a file embargo cannot read stops the update), and a
 *      downloaded file must give entities;
 *   3. no source folder may shrink by more than max_shrink of its entities
 *      (nor vanish) against the current version, unless forced;
 *   4. the index is built into the version, with entities.tsv and the
 *      manifest;
 *   5. the folder is renamed to its final name and `current` switched by
 *      renaming a new symbolic link over it.
 * Files identical to the current version's make no new version.
 */
#ifndef EMBARGO_HISTORY_UPDATE_H
#define EMBARGO_HISTORY_UPDATE_H

#include <stdbool.h>
#include <stdio.h>

#include "embargo/status.h"

typedef struct {
    const char *data;             /* the data folder (created when missing) */
    const char *from;             /* import from this folder; NULL: download */
    const char *source;           /* only this source folder (un, ofac_sdn, ...); NULL: all */
    const char *sources_file;     /* the address table; NULL: DATA/sources.conf, else built-in */
    bool force;                   /* accept a shrink */
    double max_shrink;            /* refuse a folder losing more than this share (0.20) */
    FILE *log;                    /* progress lines, or NULL */
} update_options;

typedef struct {
    char version[128];            /* the new (or unchanged current) version */
    bool unchanged;               /* the files equal the current version's */
    size_t n_entities;
    char error[2048];             /* why the update failed */
} update_report;

/*
 * Runs an update. EMBARGO_OK with REPORT filled (a new version, or
 * unchanged); otherwise the current version is untouched and REPORT->error
 * says why: EMBARGO_EIO for a download or file failure, EMBARGO_EFORMAT for
 * files that do not load, EMBARGO_EINVAL for a refused shrink or bad options.
 */
embargo_status update_run(const update_options *options, update_report *report);

#endif
