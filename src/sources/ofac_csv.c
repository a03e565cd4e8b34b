/*
 * ofac_csv.c - the OFAC legacy CSV sets: SDN (sdn.csv with alt.csv, add.csv,
 * sdn_comments.csv) and the non-SDN consolidated list (cons_prim.csv with
 * cons_alt.csv, cons_add.csv, cons_comments.csv).
 *
 * Files: no header row, CRLF, "-0- " for an empty field, a final Ctrl-Z,
 * ASCII. The primary file has 12 columns per record (ent_num, SDN_Name,
 * SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
 * Vess_owner, Remarks); its companions are keyed by ent_num: alt (ent_num,
 * alt_num, alt_type, alt_name, remarks), add (ent_num, add_num, address,
 * city/state/postal, country, remarks) and comments (ent_num, the rest of a
 * Remarks text too long for the primary file).
 *
 * Design: the companions are found among the primary's sibling files by
 * content (the same sniffers that let a folder walk skip them), "cons_"
 * files paired with a "cons_" primary and the others with the others. They
 * are small, so each is read whole into a table sorted by ent_num; then the
 * primary is streamed and each entity is built complete (names, addresses,
 * remarks parsed by ofac_remarks.c) before it is committed. Companion rows
 * that are unreadable, repeat a name, or name no primary record are
 * reported with their own file and line.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sources/csv.h"
#include "sources/load.h"
#include "sources/ofac_remarks.h"
#include "util/buf.h"

enum {
    SDN_UID, SDN_NAME, SDN_TYPE, SDN_PROGRAM, SDN_TITLE, SDN_CALL_SIGN, SDN_VESSEL_TYPE,
    SDN_TONNAGE, SDN_GRT, SDN_FLAG, SDN_OWNER, SDN_REMARKS, SDN_FIELDS
};
enum { ALT_UID, ALT_NUM, ALT_TYPE, ALT_NAME, ALT_REMARKS, ALT_FIELDS };
enum { ADD_UID, ADD_NUM, ADD_ADDRESS, ADD_CITY, ADD_COUNTRY, ADD_REMARKS, ADD_FIELDS };
enum { COMMENTS_UID, COMMENTS_TEXT, COMMENTS_FIELDS };

typedef enum { PART_PRIMARY, PART_ALT, PART_ADD, PART_COMMENTS, PART_COUNT } ofac_part;

#define OFAC_MAX_FIELDS 12
#define OFAC_SNIFF_RECORDS 8

/* ---- field values -------------------------------------------------- */

/* True when field F is empty: blank or OFAC's "-0-" mark. */
static bool ofac_empty(const char *f) {
    while (*f == ' ') f++;
    if (strncmp(f, "-0-", 3) == 0) f += 3;
    while (*f == ' ') f++;
    return *f == '\0';
}

/* F, or NULL when it is empty. */
static const char *ofac_value(const char *f) {
    return ofac_empty(f) ? NULL : f;
}

/* The positive integer F holds ("36"), or -1. */
static long ofac_uid(const char *f) {
    while (*f == ' ') f++;
    long v = 0;
    int digits = 0;
    for (; isdigit((unsigned char)*f); f++, digits++) {
        if (digits == 10) return -1;
        v = v * 10 + (*f - '0');
    }
    while (*f == ' ') f++;
    return digits && *f == '\0' && v > 0 ? v : -1;
}

/* ---- record shapes and sniffing ------------------------------------ */

static const struct {
    const char *text;
    embargo_kind kind;
} ofac_kinds[] = {
    {"individual", EMBARGO_KIND_PERSON},
    {"vessel", EMBARGO_KIND_VESSEL},
    {"aircraft", EMBARGO_KIND_AIRCRAFT},
    {"-0-", EMBARGO_KIND_ORGANIZATION},
};

/* The kind SDN_Type text F names, or EMBARGO_KIND_UNKNOWN. */
static embargo_kind ofac_kind(const char *f) {
    while (*f == ' ') f++;
    size_t n = strlen(f);
    while (n > 0 && f[n - 1] == ' ') n--;
    if (n == 0) return EMBARGO_KIND_ORGANIZATION;
    for (size_t i = 0; i < sizeof ofac_kinds / sizeof *ofac_kinds; i++)
        if (strlen(ofac_kinds[i].text) == n && strncasecmp(f, ofac_kinds[i].text, n) == 0)
            return ofac_kinds[i].kind;
    return EMBARGO_KIND_UNKNOWN;
}

static bool ofac_alt_type(const char *f) {
    return strcmp(f, "aka") == 0 || strcmp(f, "fka") == 0 || strcmp(f, "nka") == 0;
}

static const size_t ofac_part_fields[PART_COUNT] = {SDN_FIELDS, ALT_FIELDS, ADD_FIELDS, COMMENTS_FIELDS};

/* True when the record R has the shape of PART; *MARKED set when it holds a "-0-" field. */
static bool ofac_record_fits(const csv_reader *r, ofac_part part, bool *marked) {
    if (csv_count(r) != ofac_part_fields[part] || ofac_uid(csv_field(r, 0)) < 0) return false;
    for (size_t i = 1; i < csv_count(r); i++)
        if (strcmp(csv_field(r, i), "-0- ") == 0) *marked = true;
    switch (part) {
    case PART_PRIMARY:
        return !ofac_empty(csv_field(r, SDN_NAME)) &&
               ofac_kind(csv_field(r, SDN_TYPE)) != EMBARGO_KIND_UNKNOWN;
    case PART_ALT:
        return ofac_uid(csv_field(r, ALT_NUM)) > 0 && ofac_alt_type(csv_field(r, ALT_TYPE)) &&
               !ofac_empty(csv_field(r, ALT_NAME));
    case PART_ADD:
        return ofac_uid(csv_field(r, ADD_NUM)) > 0;
    case PART_COMMENTS:
        return !ofac_empty(csv_field(r, COMMENTS_TEXT));
    default:
        return false;
    }
}

/*
 * How sure it is that HEAD is a PART file: the lines end in CRLF, the first
 * record and most of the next few (those wholly inside HEAD) fit, and every
 * part but the comments uses OFAC's "-0- " somewhere. A quoted field cut by
 * the end of a short file still counts, so that a truncated file is loaded
 * and reported as truncated. Comments, which have only an id and text, score
 * lower unless the file is named like one.
 */
static int ofac_sniff_part(const char *path, const char *head, size_t len, ofac_part part) {
    const char *nl = memchr(head, '\n', len);
    if (!nl || nl == head || nl[-1] != '\r') return 0;
    FILE *in = fmemopen((void *)head, len, "rb");
    if (!in) return 0;
    csv_reader r;
    csv_init(&r, in, ',');
    int good = 0, bad = 0;
    bool marked = false;
    while (good + bad < OFAC_SNIFF_RECORDS) {
        csv_result result = csv_next(&r);
        bool at_end = feof(in) || (len == LOAD_HEAD_SIZE && ftell(in) >= (long)len);
        if (result == CSV_END || (at_end && good > 0)) break;
        if (result == CSV_ERROR) {
            bad = good + 1;
            break;
        }
        if (ofac_record_fits(&r, part, &marked)) good++;
        else if (good == 0) break;
        else bad++;
    }
    csv_free(&r);
    fclose(in);
    if (good == 0 || bad >= good) return 0;
    if (part == PART_COMMENTS) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        return strcasestr(base, "comments") ? 85 : 40;
    }
    return marked ? 90 : 0;
}

static int ofac_sniff_primary(const char *path, const char *head, size_t len) {
    return ofac_sniff_part(path, head, len, PART_PRIMARY);
}
static int ofac_sniff_alt(const char *path, const char *head, size_t len) {
    return ofac_sniff_part(path, head, len, PART_ALT);
}
static int ofac_sniff_add(const char *path, const char *head, size_t len) {
    return ofac_sniff_part(path, head, len, PART_ADD);
}
static int ofac_sniff_comments(const char *path, const char *head, size_t len) {
    return ofac_sniff_part(path, head, len, PART_COMMENTS);
}

/* ---- companion tables ---------------------------------------------- */

typedef struct {
    long uid;
    long line;
    size_t field[ADD_FIELDS];    /* offsets into the table's data */
} ofac_row;

typedef struct {
    char *path;                  /* NULL: the set has no such file */
    buf data;                    /* field text, NUL after each */
    ofac_row *rows;
    size_t n, cap;
    bool *used;                  /* a primary record took the row */
} ofac_table;

typedef struct {
    ofac_table parts[PART_COUNT]; /* PART_PRIMARY unused */
    bool cons;                   /* the non-SDN consolidated set */
    ofac_remarks_stats stats;
    buf scratch;
} ofac_set;

/* A warning about a companion file: the diagnostic names that file and LINE. */
static void ofac_table_warn(load_ctx *ctx, const ofac_table *t, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void ofac_table_warn(load_ctx *ctx, const ofac_table *t, long line, const char *fmt, ...) {
    buf message;
    buf_init(&message);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&message, fmt, ap);
    va_end(ap);
    const char *primary = ctx->path;
    ctx->path = t->path;
    load_warn(ctx, line, "%s", buf_str(&message));
    ctx->path = primary;
    buf_free(&message);
}

static int ofac_row_cmp(const void *a, const void *b) {
    const ofac_row *x = a, *y = b;
    if (x->uid != y->uid) return x->uid < y->uid ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static bool ofac_table_add(ofac_table *t, const csv_reader *r, long uid) {
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        ofac_row *rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows) return false;
        t->rows = rows;
        t->cap = cap;
    }
    ofac_row *row = &t->rows[t->n++];
    row->uid = uid;
    row->line = r->record_line;
    for (size_t i = 0; i < csv_count(r) && i < ADD_FIELDS; i++) {
        row->field[i] = t->data.len;
        const char *f = csv_field(r, i);
        buf_append(&t->data, f, strlen(f) + 1);
    }
    return !t->data.failed;
}

/* Reads companion T of kind PART whole. Unreadable rows are reported and passed over. */
static embargo_status ofac_table_read(load_ctx *ctx, ofac_table *t, ofac_part part) {
    FILE *in = fopen(t->path, "rb");
    if (!in) {
        ofac_table_warn(ctx, t, 0, "cannot open this part of the set; its data is missing");
        return EMBARGO_OK;
    }
    csv_reader r;
    csv_init(&r, in, ',');
    embargo_status status = EMBARGO_OK;
    csv_result result;
    bool marked = false;
    while (status == EMBARGO_OK && (result = csv_next(&r)) == CSV_RECORD) {
        long uid = ofac_uid(csv_field(&r, 0));
        if (!ofac_record_fits(&r, part, &marked))
            ofac_table_warn(ctx, t, r.record_line, "row unreadable (expected %zu fields with a "
                            "numeric id, found %zu); row skipped", ofac_part_fields[part], csv_count(&r));
        else if (!ofac_table_add(t, &r, uid))
            status = EMBARGO_ENOMEM;
    }
    if (status == EMBARGO_OK && result == CSV_ERROR)
        ofac_table_warn(ctx, t, r.record_line, "%s; the rest of this file is not read", r.error);
    csv_free(&r);
    fclose(in);
    if (status != EMBARGO_OK) return status;
    qsort(t->rows, t->n, sizeof *t->rows, ofac_row_cmp);
    t->used = calloc(t->n ? t->n : 1, sizeof *t->used);
    return t->used ? EMBARGO_OK : EMBARGO_ENOMEM;
}

/* Index of the first row of T for UID, or T->n when there is none. */
static size_t ofac_table_find(const ofac_table *t, long uid) {
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].uid < uid) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->n && t->rows[lo].uid == uid ? lo : t->n;
}

static const char *ofac_row_field(const ofac_table *t, size_t row, size_t field) {
    return t->data.data + t->rows[row].field[field];
}

static void ofac_table_free(ofac_table *t) {
    free(t->path);
    buf_free(&t->data);
    free(t->rows);
    free(t->used);
}

/* ---- finding the set ----------------------------------------------- */

static const char *ofac_base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool ofac_cons_named(const char *path) {
    return strncasecmp(ofac_base(path), "cons_", 5) == 0;
}

typedef struct {
    char *path;
    ofac_part part;
} ofac_candidate;

/* The companion part the file at PATH is, or PART_PRIMARY when none. */
static ofac_part ofac_companion_part(const char *path, char *head) {
    long n = load_read_head(path, head);
    if (n <= 0) return PART_PRIMARY;
    int (*const sniffers[PART_COUNT])(const char *, const char *, size_t) = {
        NULL, ofac_sniff_alt, ofac_sniff_add, ofac_sniff_comments};
    ofac_part best = PART_PRIMARY;
    int best_score = 0;
    for (int p = PART_ALT; p < PART_COUNT; p++) {
        int score = sniffers[p](path, head, (size_t)n);
        if (score > best_score) {
            best = (ofac_part)p;
            best_score = score;
        }
    }
    return best;
}

/*
 * Finds the companions of the primary at CTX->path among its siblings and
 * decides whether the set is the consolidated one: a "cons_" primary is; an
 * "sdn" one is not; another name goes by its companions' names.
 */
static embargo_status ofac_find_set(load_ctx *ctx, ofac_set *set) {
    char *dir = load_dirname(ctx->path);
    char **files = dir ? load_folder_files(dir) : NULL;
    char *head = malloc(LOAD_HEAD_SIZE);
    free(dir);
    if (!files || !head) {
        load_free_paths(files);
        free(head);
        if (!files) load_warn(ctx, 0, "cannot list the folder to find alt/add/comments files");
        return head ? EMBARGO_OK : EMBARGO_ENOMEM;
    }
    ofac_candidate found[16];
    size_t n_found = 0, n_cons = 0;
    const char *self = ofac_base(ctx->path);
    for (char **f = files; *f && n_found < 16; f++) {
        if (strcmp(ofac_base(*f), self) == 0) continue;
        ofac_part part = ofac_companion_part(*f, head);
        if (part == PART_PRIMARY) continue;
        found[n_found++] = (ofac_candidate){*f, part};
        n_cons += ofac_cons_named(*f);
    }
    if (ofac_cons_named(ctx->path)) set->cons = true;
    else if (strncasecmp(self, "sdn", 3) == 0) set->cons = false;
    else set->cons = n_found > 0 && n_cons == n_found;
    embargo_status status = EMBARGO_OK;
    for (size_t i = 0; i < n_found && status == EMBARGO_OK; i++) {
        if (ofac_cons_named(found[i].path) != set->cons) continue;
        ofac_table *t = &set->parts[found[i].part];
        if (t->path) {
            load_warn(ctx, 0, "%s and %s both look like this set's %s file; using the first",
                      t->path, found[i].path, found[i].part == PART_ALT ? "alt" :
                      found[i].part == PART_ADD ? "add" : "comments");
            continue;
        }
        t->path = strdup(found[i].path);
        if (!t->path) status = EMBARGO_ENOMEM;
    }
    load_free_paths(files);
    free(head);
    return status;
}

/* ---- building one entity -------------------------------------------- */

/* Adds FULL ("KIM, Jong Un") with QUALITY; for persons, family and given parts. */
static bool ofac_add_name(load_ctx *ctx, ofac_set *set, const char *full, embargo_name_quality quality) {
    const char *comma = strchr(full, ',');
    if (!comma || draft_kind(ctx->draft) != EMBARGO_KIND_PERSON)
        return draft_add_name(ctx->draft, full, quality);
    buf_clear(&set->scratch);
    buf_append(&set->scratch, full, (size_t)(comma - full));
    const char *given = comma + 1;
    return draft_add_name_parts(ctx->draft, full, *given ? given : NULL, buf_str(&set->scratch),
                                NULL, quality, false, NULL);
}

/* "NPWMD] [DPRK2", "[DPRK3] [NPWMD]", "SDGT": every code between the brackets. */
static void ofac_add_programs(draft *d, const char *field) {
    const char *p = field;
    while (*p) {
        size_t n = strcspn(p, "[]");
        if (n) {
            char code[128];
            size_t keep = n < sizeof code - 1 ? n : sizeof code - 1;
            memcpy(code, p, keep);
            code[keep] = '\0';
            if (!ofac_empty(code)) draft_add_program(d, code);
        }
        p += n;
        if (*p) p++;
    }
}

static void ofac_add_vessel(load_ctx *ctx, ofac_set *set, const csv_reader *r) {
    draft *d = ctx->draft;
    const char *call_sign = ofac_value(csv_field(r, SDN_CALL_SIGN));
    if (call_sign) draft_add_identifier(d, EMBARGO_ID_CALL_SIGN, call_sign, "Call Sign", NULL, NULL);
    const char *tonnage = ofac_value(csv_field(r, SDN_TONNAGE));
    const char *grt = ofac_value(csv_field(r, SDN_GRT));
    buf_clear(&set->scratch);
    if (tonnage) buf_puts(&set->scratch, tonnage);
    if (tonnage && grt) buf_puts(&set->scratch, "; ");
    if (grt) buf_printf(&set->scratch, "GRT %s", grt);
    const char *flag = ofac_value(csv_field(r, SDN_FLAG));
    draft_set_vessel(d, flag, ofac_value(csv_field(r, SDN_VESSEL_TYPE)),
                     set->scratch.len ? buf_str(&set->scratch) : NULL);
    const char *owner = ofac_value(csv_field(r, SDN_OWNER));
    if (owner) draft_add_link(d, "owner", owner);
    if (flag && !draft_entity(d)->flag[0]) {
        buf_clear(&set->scratch);
        buf_printf(&set->scratch, "Vessel flag %s", flag);
        draft_add_remarks(d, buf_str(&set->scratch));
    }
}

static void ofac_add_aliases(load_ctx *ctx, ofac_set *set, long uid) {
    ofac_table *t = &set->parts[PART_ALT];
    for (size_t i = ofac_table_find(t, uid); i < t->n && t->rows[i].uid == uid; i++) {
        t->used[i] = true;
        const char *type = ofac_row_field(t, i, ALT_TYPE);
        const char *name = ofac_row_field(t, i, ALT_NAME);
        embargo_name_quality quality = strcmp(type, "fka") == 0 ? EMBARGO_NAME_FORMER : EMBARGO_NAME_STRONG;
        if (!ofac_add_name(ctx, set, name, quality))
            ofac_table_warn(ctx, t, t->rows[i].line, "alias '%s' of record %ld repeats one of its "
                            "names; not added again", name, uid);
        const char *remarks = ofac_value(ofac_row_field(t, i, ALT_REMARKS));
        if (remarks) draft_add_remarks(ctx->draft, remarks);
    }
}

static void ofac_add_addresses(load_ctx *ctx, ofac_set *set, long uid) {
    ofac_table *t = &set->parts[PART_ADD];
    for (size_t i = ofac_table_find(t, uid); i < t->n && t->rows[i].uid == uid; i++) {
        t->used[i] = true;
        draft_add_address(ctx->draft, ofac_value(ofac_row_field(t, i, ADD_ADDRESS)),
                          ofac_value(ofac_row_field(t, i, ADD_CITY)),
                          ofac_value(ofac_row_field(t, i, ADD_COUNTRY)));
        const char *remarks = ofac_value(ofac_row_field(t, i, ADD_REMARKS));
        if (remarks) draft_add_remarks(ctx->draft, remarks);
    }
}

/* The primary's Remarks, continued by the comments file's text, parsed. */
static bool ofac_add_remarks(load_ctx *ctx, ofac_set *set, const csv_reader *r, long uid) {
    buf_clear(&set->scratch);
    const char *remarks = ofac_value(csv_field(r, SDN_REMARKS));
    if (remarks) buf_puts(&set->scratch, remarks);
    ofac_table *t = &set->parts[PART_COMMENTS];
    for (size_t i = ofac_table_find(t, uid); i < t->n && t->rows[i].uid == uid; i++) {
        t->used[i] = true;
        buf_puts(&set->scratch, ofac_row_field(t, i, COMMENTS_TEXT));
    }
    if (set->scratch.failed) return false;
    ofac_remarks_parse(ctx->draft, set->scratch.data, set->scratch.len, &set->stats);
    return !set->stats.failed;
}

/* Warns when a field of R holds a byte outside ASCII (OFAC files are ASCII). */
static void ofac_check_ascii(load_ctx *ctx, const csv_reader *r, const char *uid) {
    for (size_t i = 0; i < csv_count(r); i++) {
        for (const unsigned char *p = (const unsigned char *)csv_field(r, i); *p; p++) {
            if (*p < 0x80) continue;
            load_warn(ctx, r->record_line, "record %s: byte 0x%02X in field %zu is not ASCII "
                      "(OFAC files are ASCII; wrong file or damaged?)", uid, *p, i + 1);
            return;
        }
    }
}

/* Builds and commits the record R; a malformed one is skipped. */
static embargo_status ofac_record(load_ctx *ctx, ofac_set *set, const csv_reader *r) {
    long line = r->record_line;
    if (csv_count(r) != SDN_FIELDS) {
        load_skip(ctx, line, "expected %d fields, found %zu; record skipped", SDN_FIELDS, csv_count(r));
        return EMBARGO_OK;
    }
    const char *uid_text = csv_field(r, SDN_UID);
    long uid = ofac_uid(uid_text);
    if (uid < 0) {
        load_skip(ctx, line, "the id '%.40s' is not a number; record skipped", uid_text);
        return EMBARGO_OK;
    }
    ofac_check_ascii(ctx, r, uid_text);
    draft *d = ctx->draft;
    draft_set_id(d, uid_text);
    const char *type = csv_field(r, SDN_TYPE);
    embargo_kind kind = ofac_kind(type);
    if (kind == EMBARGO_KIND_UNKNOWN)
        load_warn(ctx, line, "record %ld: unknown SDN_Type '%.40s'", uid, type);
    draft_set_kind(d, kind, ofac_value(type));
    const char *name = ofac_value(csv_field(r, SDN_NAME));
    if (name) ofac_add_name(ctx, set, name, EMBARGO_NAME_PRIMARY);
    ofac_add_programs(d, csv_field(r, SDN_PROGRAM));
    const char *title = ofac_value(csv_field(r, SDN_TITLE));
    if (title) draft_add_title(d, title);
    ofac_add_vessel(ctx, set, r);
    ofac_add_aliases(ctx, set, uid);
    ofac_add_addresses(ctx, set, uid);
    if (!ofac_add_remarks(ctx, set, r, uid)) return EMBARGO_ENOMEM;
    return load_commit(ctx, d, line);
}

/* ---- the load -------------------------------------------------------- */

/* True when IN's last byte is OFAC's Ctrl-Z end mark. Leaves IN at its start. */
static bool ofac_has_end_mark(FILE *in) {
    bool mark = fseek(in, -1, SEEK_END) == 0 && fgetc(in) == 0x1A;
    rewind(in);
    return mark;
}

static void ofac_report_unused(load_ctx *ctx, ofac_set *set) {
    for (int p = PART_ALT; p < PART_COUNT; p++) {
        ofac_table *t = &set->parts[p];
        for (size_t i = 0; i < t->n; i++)
            if (!t->used[i])
                ofac_table_warn(ctx, t, t->rows[i].line, "record %ld is not in %s; row not used",
                                t->rows[i].uid, ofac_base(ctx->path));
    }
}

static embargo_status ofac_stream(load_ctx *ctx, ofac_set *set, FILE *in) {
    bool end_mark = ofac_has_end_mark(in);
    csv_reader r;
    csv_init(&r, in, ',');
    embargo_status status = EMBARGO_OK;
    csv_result result;
    size_t records = 0;
    while (status == EMBARGO_OK && (result = csv_next(&r)) == CSV_RECORD) {
        records++;
        if (!end_mark && feof(in) && csv_count(&r) < SDN_FIELDS) {
            status = load_fail(ctx, r.record_line, EMBARGO_ETRUNCATED, "the file ends inside a "
                               "record (%zu of %d fields) and lacks OFAC's end mark: truncated",
                               csv_count(&r), SDN_FIELDS);
            break;
        }
        status = ofac_record(ctx, set, &r);
    }
    if (status == EMBARGO_OK && result == CSV_ERROR)
        status = load_fail(ctx, r.record_line, EMBARGO_EFORMAT, "%s", r.error);
    else if (status == EMBARGO_OK && records == 0)
        status = load_fail(ctx, 0, EMBARGO_EFORMAT, "no records in the file");
    else if (status == EMBARGO_OK && !end_mark)
        load_warn(ctx, r.line, "the file lacks OFAC's final Ctrl-Z end mark; it may be truncated");
    csv_free(&r);
    return status;
}

static embargo_status ofac_load(load_ctx *ctx) {
    ofac_set set;
    memset(&set, 0, sizeof set);
    buf_init(&set.scratch);
    embargo_status status = ofac_find_set(ctx, &set);
    if (status == EMBARGO_OK && set.cons) load_name_source(ctx, "ofac-cons");
    for (int p = PART_ALT; p < PART_COUNT && status == EMBARGO_OK; p++)
        if (set.parts[p].path) status = ofac_table_read(ctx, &set.parts[p], (ofac_part)p);
    FILE *in = NULL;
    if (status == EMBARGO_OK && !(in = fopen(ctx->path, "rb")))
        status = load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file");
    if (status == EMBARGO_OK) status = ofac_stream(ctx, &set, in);
    if (status == EMBARGO_OK) ofac_report_unused(ctx, &set);
    if (in) fclose(in);
    for (int p = 0; p < PART_COUNT; p++) ofac_table_free(&set.parts[p]);
    buf_free(&set.scratch);
    return status;
}

const source_format source_ofac_csv = {
    .id = "ofac-csv",
    .short_name = "ofac",
    .authority = "US Treasury OFAC",
    .sniff = ofac_sniff_primary,
    .load = ofac_load,
};

const source_format source_ofac_alt = {
    .id = "ofac-alt",
    .short_name = "ofac",
    .authority = "US Treasury OFAC",
    .companion = true,
    .sniff = ofac_sniff_alt,
};

const source_format source_ofac_add = {
    .id = "ofac-add",
    .short_name = "ofac",
    .authority = "US Treasury OFAC",
    .companion = true,
    .sniff = ofac_sniff_add,
};

const source_format source_ofac_comments = {
    .id = "ofac-comments",
    .short_name = "ofac",
    .authority = "US Treasury OFAC",
    .companion = true,
    .sniff = ofac_sniff_comments,
};
