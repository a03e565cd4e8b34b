/*
 * mapfile.c - see mapfile.h. The checksum is FNV-1a over 64-bit words: it
 * catches truncation and corruption, not tampering.
 */
#include "index/mapfile.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAPFILE_HEADER_SIZE 32
#define MAPFILE_ENTRY_SIZE 24
#define MAPFILE_ALIGN 16

void mapfile_writer_init(mapfile_writer *w, uint32_t version) {
    memset(w, 0, sizeof *w);
    w->version = version;
}

void mapfile_writer_free(mapfile_writer *w) {
    for (size_t i = 0; i < w->n_sections; i++) buf_free(&w->data[i]);
    w->n_sections = 0;
}

buf *mapfile_writer_section(mapfile_writer *w, const char *tag) {
    if (w->n_sections == MAPFILE_MAX_SECTIONS || strlen(tag) > 8) return NULL;
    size_t i = w->n_sections++;
    memset(w->tags[i], 0, 8);
    memcpy(w->tags[i], tag, strlen(tag));
    buf_init(&w->data[i]);
    w->ref[i] = NULL;
    w->ref_size[i] = 0;
    return &w->data[i];
}

bool mapfile_writer_section_ref(mapfile_writer *w, const char *tag, const void *data, size_t size) {
    if (!mapfile_writer_section(w, tag)) return false;
    w->ref[w->n_sections - 1] = size ? data : NULL;
    w->ref_size[w->n_sections - 1] = size;
    return true;
}

static const void *section_data(const mapfile_writer *w, size_t i) {
    return w->ref_size[i] ? w->ref[i] : w->data[i].data;
}

static size_t section_size(const mapfile_writer *w, size_t i) {
    return w->ref_size[i] ? w->ref_size[i] : w->data[i].len;
}

static void put_u32(unsigned char *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint64_t get_u64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static uint64_t checksum(const unsigned char *p, size_t n) {
    uint64_t h = 1469598103934665603ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h ^= get_u64(p + i);
        h *= 1099511628211ull;
    }
    for (; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* checksum() over pieces: the same value as over their concatenation. */
typedef struct {
    uint64_t h;
    unsigned char carry[8];
    size_t n_carry;
} checksum_state;

static void checksum_add(checksum_state *c, const unsigned char *p, size_t n) {
    while (n && c->n_carry) {
        c->carry[c->n_carry++] = *p++, n--;
        if (c->n_carry == 8) {
            c->h ^= get_u64(c->carry);
            c->h *= 1099511628211ull;
            c->n_carry = 0;
        }
    }
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        c->h ^= get_u64(p + i);
        c->h *= 1099511628211ull;
    }
    for (; i < n; i++) c->carry[c->n_carry++] = p[i];
}

static uint64_t checksum_end(const checksum_state *c) {
    uint64_t h = c->h;
    for (size_t i = 0; i < c->n_carry; i++) {
        h ^= c->carry[i];
        h *= 1099511628211ull;
    }
    return h;
}

static size_t align_up(size_t n) {
    return (n + MAPFILE_ALIGN - 1) & ~(size_t)(MAPFILE_ALIGN - 1);
}

/*
 * The header and section table of W (HEAD_SIZE bytes, caller frees), the
 * checksum included, and the file's total size; NULL when out of memory.
 */
static unsigned char *mapfile_head(const mapfile_writer *w, size_t *head_size, size_t *total) {
    static const unsigned char zeros[MAPFILE_ALIGN] = {0};
    size_t offset = align_up(MAPFILE_HEADER_SIZE + w->n_sections * MAPFILE_ENTRY_SIZE);
    unsigned char *head = calloc(1, offset);
    if (!head) return NULL;
    *head_size = offset;
    memcpy(head, MAPFILE_MAGIC, 8);
    put_u32(head + 8, w->version);
    put_u32(head + 12, (uint32_t)w->n_sections);
    for (size_t i = 0; i < w->n_sections; i++) {
        unsigned char *entry = head + MAPFILE_HEADER_SIZE + i * MAPFILE_ENTRY_SIZE;
        memcpy(entry, w->tags[i], 8);
        put_u64(entry + 8, offset);
        put_u64(entry + 16, section_size(w, i));
        offset = align_up(offset + section_size(w, i));
    }
    put_u64(head + 16, offset);
    checksum_state c = {1469598103934665603ull, {0}, 0};
    checksum_add(&c, head + MAPFILE_HEADER_SIZE, *head_size - MAPFILE_HEADER_SIZE);
    for (size_t i = 0; i < w->n_sections; i++) {
        size_t n = section_size(w, i);
        if (n) checksum_add(&c, section_data(w, i), n);
        checksum_add(&c, zeros, align_up(n) - n);
    }
    put_u64(head + 24, checksum_end(&c));
    *total = offset;
    return head;
}

/* Lays the whole file out in memory; returns NULL when out of memory. */
static unsigned char *mapfile_layout(const mapfile_writer *w, size_t *size) {
    size_t head_size;
    unsigned char *head = mapfile_head(w, &head_size, size);
    unsigned char *out = head ? calloc(1, *size) : NULL;
    if (out) {
        memcpy(out, head, head_size);
        for (size_t i = 0, offset = head_size; i < w->n_sections; offset = align_up(offset + section_size(w, i)), i++)
            if (section_size(w, i)) memcpy(out + offset, section_data(w, i), section_size(w, i));
    }
    free(head);
    return out;
}

static bool write_all(int fd, const void *data, size_t size) {
    const unsigned char *p = data;
    for (size_t done = 0; done < size;) {
        ssize_t n = write(fd, p + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += (size_t)n;
    }
    return true;
}

/* Writes the file of W to the open FD, section by section from where each lies. */
static bool write_sections(int fd, const mapfile_writer *w, const unsigned char *head, size_t head_size) {
    static const unsigned char zeros[MAPFILE_ALIGN] = {0};
    bool ok = write_all(fd, head, head_size);
    for (size_t i = 0; ok && i < w->n_sections; i++) {
        size_t n = section_size(w, i);
        ok = (!n || write_all(fd, section_data(w, i), n)) && write_all(fd, zeros, align_up(n) - n);
    }
    return ok;
}

embargo_status mapfile_write(const mapfile_writer *w, const char *path, buf *error) {
    for (size_t i = 0; i < w->n_sections; i++)
        if (w->data[i].failed) return EMBARGO_ENOMEM;
    size_t head_size, size;
    unsigned char *head = mapfile_head(w, &head_size, &size);
    if (!head) return EMBARGO_ENOMEM;
    buf tmp;
    buf_init(&tmp);
    buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    embargo_status status = EMBARGO_OK;
    int fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        buf_printf(error, "%s: cannot create: %s", buf_str(&tmp), strerror(errno));
        status = EMBARGO_EIO;
    } else {
        if (!write_sections(fd, w, head, head_size) || fsync(fd) != 0) {
            buf_printf(error, "%s: cannot write: %s", buf_str(&tmp), strerror(errno));
            status = EMBARGO_EIO;
        }
        close(fd);
        if (status == EMBARGO_OK && rename(buf_str(&tmp), path) != 0) {
            buf_printf(error, "%s: cannot rename into place: %s", path, strerror(errno));
            status = EMBARGO_EIO;
        }
        if (status != EMBARGO_OK) unlink(buf_str(&tmp));
    }
    buf_free(&tmp);
    free(head);
    return status;
}

/* Maps or reads the file into m->base. */
static embargo_status mapfile_load(mapfile *m, const char *path, buf *error) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        buf_printf(error, "%s: %s", path, strerror(errno));
        return errno == ENOENT ? EMBARGO_ENOTFOUND : EMBARGO_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < MAPFILE_HEADER_SIZE) {
        close(fd);
        buf_printf(error, "%s: too short to be an embargo index", path);
        return EMBARGO_EFORMAT;
    }
    m->size = (size_t)st.st_size;
    m->base = mmap(NULL, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
    m->mapped = m->base != MAP_FAILED;
    if (!m->mapped) {
        m->base = malloc(m->size);
        if (!m->base || pread(fd, m->base, m->size, 0) != (ssize_t)m->size) {
            close(fd);
            free(m->base);
            m->base = NULL;
            buf_printf(error, "%s: cannot read: %s", path, strerror(errno));
            return EMBARGO_EIO;
        }
    }
    close(fd);
    return EMBARGO_OK;
}

/* Checks the header and fills the section table. */
static embargo_status mapfile_check(mapfile *m, const char *path, uint32_t expect_version, bool verify,
                                    buf *error) {
    const unsigned char *p = m->base;
    if (memcmp(p, MAPFILE_MAGIC, 8) != 0) {
        buf_printf(error, "%s: not an embargo index (bad magic)", path);
        return EMBARGO_EFORMAT;
    }
    m->version = get_u32(p + 8);
    m->n_sections = get_u32(p + 12);
    if (m->version != expect_version) {
        buf_printf(error, "%s: index format version %u, this embargo reads version %u: "
                   "rebuild it with `embargo index build`", path, m->version, expect_version);
        return EMBARGO_EFORMAT;
    }
    if (get_u64(p + 16) != m->size || m->n_sections > MAPFILE_MAX_SECTIONS ||
        MAPFILE_HEADER_SIZE + m->n_sections * MAPFILE_ENTRY_SIZE > m->size) {
        buf_printf(error, "%s: truncated or corrupt index (size does not match)", path);
        return EMBARGO_EFORMAT;
    }
    if (verify && get_u64(p + 24) != checksum(p + MAPFILE_HEADER_SIZE, m->size - MAPFILE_HEADER_SIZE)) {
        buf_printf(error, "%s: corrupt index (checksum does not match)", path);
        return EMBARGO_EFORMAT;
    }
    for (size_t i = 0; i < m->n_sections; i++) {
        const unsigned char *entry = p + MAPFILE_HEADER_SIZE + i * MAPFILE_ENTRY_SIZE;
        uint64_t offset = get_u64(entry + 8), size = get_u64(entry + 16);
        if (offset > m->size || size > m->size - offset) {
            buf_printf(error, "%s: corrupt index (section %zu out of bounds)", path, i);
            return EMBARGO_EFORMAT;
        }
        memcpy(m->sections[i].tag, entry, 8);
        m->sections[i].data = p + offset;
        m->sections[i].size = size;
    }
    return EMBARGO_OK;
}

embargo_status mapfile_open(mapfile *m, const char *path, uint32_t expect_version, bool verify, buf *error) {
    memset(m, 0, sizeof *m);
    embargo_status status = mapfile_load(m, path, error);
    if (status == EMBARGO_OK) status = mapfile_check(m, path, expect_version, verify, error);
    if (status != EMBARGO_OK) mapfile_close(m);
    return status;
}

embargo_status mapfile_from_writer(mapfile *m, const mapfile_writer *w, buf *error) {
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < w->n_sections; i++)
        if (w->data[i].failed) return EMBARGO_ENOMEM;
    m->base = mapfile_layout(w, &m->size);
    if (!m->base) return EMBARGO_ENOMEM;
    embargo_status status = mapfile_check(m, "(index in memory)", w->version, false, error);
    if (status != EMBARGO_OK) mapfile_close(m);
    return status;
}

void mapfile_close(mapfile *m) {
    if (m->base) {
        if (m->mapped) munmap(m->base, m->size);
        else free(m->base);
    }
    memset(m, 0, sizeof *m);
}

const mapfile_section *mapfile_get(const mapfile *m, const char *tag) {
    char key[8] = {0};
    size_t n = strlen(tag);
    memcpy(key, tag, n > 8 ? 8 : n);
    for (size_t i = 0; i < m->n_sections; i++)
        if (memcmp(m->sections[i].tag, key, 8) == 0) return &m->sections[i];
    return NULL;
}
