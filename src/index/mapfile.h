/*
 * mapfile.h - a versioned file of named sections, written once and
 * memory-mapped to read.
 *
 * Layout (all integers little-endian; the header says so, and a reader on
 * another byte order refuses the file rather than misreading it):
 *
 *   offset 0   magic "EMBARGOX" (8 bytes)
 *          8   format version (u32), section count (u32)
 *         16   file size (u64), checksum of everything after the header (u64)
 *         32   section table: per section a tag (8 bytes, NUL-padded),
 *              offset (u64) and size (u64), 24 bytes each
 *   then       section data, each section 16-byte aligned
 *
 * The reader checks the magic, version, size and every section's bounds
 * against the mapping, so a truncated file is an error, never a crash; the
 * checksum (which reads the whole file) is checked on request. Mapping falls back to reading the file when mmap
 * fails, as SQLite's os_unix.c does.
 */
#ifndef EMBARGO_MAPFILE_H
#define EMBARGO_MAPFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "embargo/status.h"
#include "util/buf.h"

#define MAPFILE_MAGIC "EMBARGOX"
#define MAPFILE_MAX_SECTIONS 32

typedef struct {
    char tag[8];
    const void *data;
    uint64_t size;
} mapfile_section;

/*
 * Writing: collect sections (copied, or referenced when large), then write
 * atomically. The file is written section by section from where the data
 * lies, so writing needs no second copy of it.
 */
typedef struct {
    uint32_t version;
    size_t n_sections;
    char tags[MAPFILE_MAX_SECTIONS][8];
    buf data[MAPFILE_MAX_SECTIONS];
    const void *ref[MAPFILE_MAX_SECTIONS];   /* a referenced section's data, else NULL */
    size_t ref_size[MAPFILE_MAX_SECTIONS];
} mapfile_writer;

void mapfile_writer_init(mapfile_writer *w, uint32_t version);
void mapfile_writer_free(mapfile_writer *w);
/* A new section TAG (at most 8 bytes); returns its buffer to append to, or NULL. */
buf *mapfile_writer_section(mapfile_writer *w, const char *tag);
/* A new section TAG holding the SIZE bytes at DATA, not copied: they must outlive W. False when full. */
bool mapfile_writer_section_ref(mapfile_writer *w, const char *tag, const void *data, size_t size);
/*
 * Writes the file to PATH.tmp, syncs it and renames it over PATH, so a
 * reader sees the old file or the new one, never half of one. ERROR gets a
 * message on failure.
 */
embargo_status mapfile_write(const mapfile_writer *w, const char *path, buf *error);

/* Reading. */
typedef struct {
    void *base;          /* the mapping or the heap copy */
    size_t size;
    int mapped;          /* 1: munmap base, 0: free it */
    uint32_t version;
    size_t n_sections;
    mapfile_section sections[MAPFILE_MAX_SECTIONS];
} mapfile;

/*
 * Maps PATH and checks its header, size and section bounds (cheap), and with
 * VERIFY also the checksum (reads every byte: for `embargo index verify`,
 * not for start-up). EXPECT_VERSION must equal the file's.
 */
embargo_status mapfile_open(mapfile *m, const char *path, uint32_t expect_version, bool verify, buf *error);
/* Lays out W in memory and opens that image as if read from a file. */
embargo_status mapfile_from_writer(mapfile *m, const mapfile_writer *w, buf *error);
void mapfile_close(mapfile *m);
/* The section TAG, or NULL. */
const mapfile_section *mapfile_get(const mapfile *m, const char *tag);

#endif
