/*
 * au_dfat.c - the Australia DFAT Consolidated List (regulation8_consolidated),
 * from the .xlsx DFAT publishes or a CSV of it, read through table.h.
 *
 * One row per name: Reference "2" is party 2 and its primary name, "2a",
 * "2b" ... are more names of the same party, told apart by Name Type
 * (Primary Name, aka, Original Script, Formerly known as). The letter rows
 * repeat the party's details. Parties are kept as drafts in a map by base
 * reference and committed in first-seen order at the end, so rows of one
 * party need not be adjacent; everything added is deduplicated.
 *
 * Date of Birth mixes real dates (ISO in the CSV; Excel serials that the
 * xlsx reader turns into ISO) with free text, often lettered lists
 * "a) Approximately 1955- 1958 b) 1960": each item is read with date_parse
 * and an item it cannot read is reported with load_warn. The latest Control
 * Date is the list's publication date. Columns are found by header name.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sources/load.h"
#include "sources/table.h"
#include "util/buf.h"
#include "util/strmap.h"

enum {
    AU_REFERENCE, AU_NAME, AU_TYPE, AU_NAME_TYPE, AU_DOB, AU_BIRTH_PLACE,
    AU_CITIZENSHIP, AU_ADDRESS, AU_INFO, AU_LISTING, AU_COMMITTEES, AU_CONTROL_DATE,
    AU_COLUMNS
};

static const char *const au_headers[AU_COLUMNS] = {
    "Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth",
    "Place of Birth", "Citizenship", "Address", "Additional Information",
    "Listing Information", "Committees", "Control Date",
};

/* Columns without which the file is not the DFAT list. */
static const int au_required[] = {AU_REFERENCE, AU_NAME, AU_NAME_TYPE};

static const struct {
    const char *text;
    embargo_name_quality quality;
    bool original_script;
} au_name_types[] = {
    {"Primary Name", EMBARGO_NAME_PRIMARY, false},
    {"aka", EMBARGO_NAME_STRONG, false},
    {"Original Script", EMBARGO_NAME_STRONG, true},
    {"Formerly known as", EMBARGO_NAME_FORMER, false},
    {"Previously listed as", EMBARGO_NAME_FORMER, false},
};

/* Cell values that mean "none". */
static const char *const au_blanks[] = {"na", "n/a", "-", "unknown", "not known"};

typedef struct {
    draft *d;
    char *id;
    long line;
    char *dob_seen;         /* the Date of Birth text already read */
} au_party;

typedef struct {
    load_ctx *ctx;
    table_reader *t;
    long col[AU_COLUMNS];
    strmap by_id;
    au_party *parties;
    size_t n_parties, cap_parties;
    char published[11];     /* latest Control Date, ISO */
    buf scratch;
} au_load;

static const char *au_field(const au_load *a, int c) {
    return a->col[c] < 0 ? "" : table_field(a->t, (size_t)a->col[c]);
}

static bool au_is(const au_load *a, int c, const char *text) {
    return a->col[c] >= 0 && table_field_is(a->t, (size_t)a->col[c], text);
}

/* The field, or "" when it is blank or says "NA". */
static const char *au_value(const au_load *a, int c) {
    for (size_t i = 0; i < sizeof au_blanks / sizeof *au_blanks; i++)
        if (au_is(a, c, au_blanks[i])) return "";
    return au_field(a, c);
}

/* ---- lettered lists: "a) 1960 b) 1962" --------------------------------- */

typedef struct {
    const char *s;
    size_t n;
} span;

#define AU_MAX_ITEMS 26

static span au_trim(const char *s, size_t n) {
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || strchr(",;", s[n - 1]))) n--;
    return (span){s, n};
}

/* The next marker "X)" for letter X at a word start in [P, END), or NULL. */
static const char *au_marker(const char *p, char letter) {
    for (const char *m = strchr(p, letter); m; m = strchr(m + 1, letter))
        if (m[1] == ')' && (m == p || !isalnum((unsigned char)m[-1]))) return m;
    return NULL;
}

/* Splits TEXT at "a)", "b)", ... into OUT; an unlettered text is one item. */
static size_t au_split_lettered(const char *text, span *out) {
    span whole = au_trim(text, strlen(text));
    if (whole.n < 2 || whole.s[0] != 'a' || whole.s[1] != ')') {
        out[0] = whole;
        return whole.n ? 1 : 0;
    }
    size_t n = 0;
    const char *pos = whole.s + 2;
    for (char letter = 'b'; n < AU_MAX_ITEMS; letter++) {
        const char *next = letter <= 'z' ? au_marker(pos, letter) : NULL;
        out[n++] = au_trim(pos, next ? (size_t)(next - pos) : strlen(pos));
        if (!next) break;
        pos = next + 2;
    }
    return n;
}

static const char *span_text(au_load *a, span sp) {
    buf_clear(&a->scratch);
    buf_append(&a->scratch, sp.s, sp.n);
    return buf_str(&a->scratch);
}

/* ---- parties -------------------------------------------------------------- */

static au_party *au_party_for(au_load *a, const char *id, long line) {
    size_t i;
    if (strmap_get(&a->by_id, id, &i)) return &a->parties[i];
    if (a->n_parties == a->cap_parties) {
        size_t cap = a->cap_parties ? a->cap_parties * 2 : 256;
        au_party *grown = realloc(a->parties, cap * sizeof *grown);
        if (!grown) return NULL;
        a->parties = grown;
        a->cap_parties = cap;
    }
    au_party *p = &a->parties[a->n_parties];
    p->d = draft_new();
    p->id = strdup(id);
    p->line = line;
    p->dob_seen = NULL;
    if (!p->d || !p->id || !strmap_put(&a->by_id, p->id, a->n_parties)) {
        draft_free(p->d);
        free(p->id);
        return NULL;
    }
    a->n_parties++;
    draft_set_id(p->d, id);
    return p;
}

/* ---- one row's fields --------------------------------------------------------- */

static void au_add_name(au_load *a, au_party *p, long line) {
    embargo_name_quality quality = EMBARGO_NAME_STRONG;
    bool script = false, known = false;
    for (size_t i = 0; i < sizeof au_name_types / sizeof *au_name_types && !known; i++)
        if (au_is(a, AU_NAME_TYPE, au_name_types[i].text)) {
            quality = au_name_types[i].quality;
            script = au_name_types[i].original_script;
            known = true;
        }
    const char *type = au_field(a, AU_NAME_TYPE);
    if (!known && *type)
        load_warn(a->ctx, line, "reference %s: unknown Name Type \"%.40s\"; read as an a.k.a.", p->id, type);
    draft_add_name_parts(p->d, au_field(a, AU_NAME), NULL, NULL, NULL, quality, script, NULL);
}

static void au_set_kind(au_load *a, au_party *p) {
    if (draft_kind(p->d) != EMBARGO_KIND_UNKNOWN) return;
    const char *text = au_field(a, AU_TYPE);
    span sp = au_trim(text, strlen(text));
    const char *clean = draft_textn(p->d, sp.s, sp.n);
    draft_set_kind(p->d, embargo_kind_parse(clean), clean);
}

/*
 * TEXT made readable for date_parse into OUT: "1955- 1958" -> "1955-1958",
 * a final "." dropped.
 */
static const char *au_dob_clean(span text, buf *out) {
    buf_clear(out);
    for (size_t i = 0; i < text.n; i++) {
        char c = text.s[i];
        if (c == '\xC2' && i + 1 < text.n && text.s[i + 1] == '\xA0') c = ' ', i++; /* U+00A0 */
        bool space = c == ' ';
        if (space && (out->len == 0 || out->data[out->len - 1] == ' ')) continue;
        if (space && ((out->len && out->data[out->len - 1] == '-') ||
                      (i + 1 < text.n && text.s[i + 1] == '-')))
            continue;
        buf_putc(out, c);
    }
    while (out->len && strchr(". ", out->data[out->len - 1])) out->data[--out->len] = '\0';
    const char *clean = buf_str(out);
    if (strncasecmp(clean, "alt DOB", 7) == 0) clean += 7 + strspn(clean + 7, ": ");
    return clean;
}

/* Length of the separator between two dates at P ("; ", ">>", " or "), or 0. */
static size_t au_dob_separator(const char *p, const char *end) {
    static const char *const separators[] = {";", ">>", " or "};
    for (size_t i = 0; i < sizeof separators / sizeof *separators; i++) {
        size_t n = strlen(separators[i]);
        if ((size_t)(end - p) >= n && strncasecmp(p, separators[i], n) == 0) return n;
    }
    return 0;
}

/* One item of a Date of Birth; dates joined by ";", ">>" or " or " are read one by one. */
static void au_add_birth_item(au_load *a, au_party *p, span item, long line) {
    const char *end = item.s + item.n;
    for (const char *pos = item.s; pos < end;) {
        const char *cut = pos;
        size_t sep = 0;
        while (cut < end && (sep = au_dob_separator(cut, end)) == 0) cut++;
        span one = au_trim(pos, (size_t)(cut - pos));
        pos = cut + (sep ? sep : 1);
        if (!one.n) continue;
        const char *text = au_dob_clean(one, &a->scratch);
        embargo_date date;
        if (date_parse(text, DATE_DAY_FIRST, &date)) draft_add_birth(p->d, &date);
        else load_warn(a->ctx, line, "reference %s: date of birth \"%.60s\" not understood", p->id, text);
    }
}

static void au_add_births(au_load *a, au_party *p, long line) {
    const char *dob = au_value(a, AU_DOB);
    if (!*dob || (p->dob_seen && strcmp(p->dob_seen, dob) == 0)) return; /* repeated on alias rows */
    free(p->dob_seen);
    p->dob_seen = strdup(dob);
    span items[AU_MAX_ITEMS];
    size_t n = au_split_lettered(dob, items);
    for (size_t i = 0; i < n; i++)
        if (items[i].n) au_add_birth_item(a, p, items[i], line);
}

/* True when the cleaned TEXT is one of the N strings at ITEMS + i*STRIDE. */
static bool au_has_text(draft *d, const char *text, const void *items, size_t n, size_t stride) {
    const char *clean = draft_text(d, text);
    for (size_t i = 0; clean && i < n; i++) {
        const char *old = *(const char *const *)((const char *)items + i * stride);
        if (old && strcmp(old, clean) == 0) return true;
    }
    return !clean;
}

static void au_add_places(au_load *a, au_party *p) {
    const char *place = au_value(a, AU_BIRTH_PLACE);
    const embargo_entity *e = draft_entity(p->d);
    if (*place && !au_has_text(p->d, place, e->birth_places, e->n_birth_places, sizeof *e->birth_places))
        draft_add_birth_place(p->d, place);
    const char *address = au_value(a, AU_ADDRESS);
    e = draft_entity(p->d);
    if (*address && !au_has_text(p->d, address, e->addresses, e->n_addresses, sizeof *e->addresses))
        draft_add_address(p->d, address, NULL, NULL);
    span items[AU_MAX_ITEMS];
    size_t n = au_split_lettered(au_value(a, AU_CITIZENSHIP), items);
    for (size_t i = 0; i < n; i++)
        if (items[i].n) draft_add_citizenship(p->d, span_text(a, items[i]));
}

static void au_add_remarks(au_load *a, au_party *p) {
    static const int columns[] = {AU_INFO, AU_LISTING};
    for (size_t i = 0; i < sizeof columns / sizeof *columns; i++) {
        const char *text = au_value(a, columns[i]);
        const char *remarks = draft_entity(p->d)->remarks;
        if (*text && !(remarks && strstr(remarks, text))) draft_add_remarks(p->d, text);
    }
}

static void au_add_program(au_load *a, au_party *p) {
    const char *text = au_field(a, AU_COMMITTEES);
    span sp = au_trim(text, strlen(text));
    if (sp.n) draft_add_program(p->d, span_text(a, sp));
}

/* Keeps the latest Control Date as the publication date. */
static void au_note_control_date(au_load *a) {
    embargo_date date;
    char iso[32];
    if (!date_parse(au_field(a, AU_CONTROL_DATE), DATE_DAY_FIRST, &date) || date.from.day == 0) return;
    embargo_date_format(&date, iso, sizeof iso);
    if (strlen(iso) == 10 && strcmp(iso, a->published) > 0) memcpy(a->published, iso, 11);
}

static embargo_status au_row(au_load *a) {
    long line = table_line(a->t);
    const char *ref = au_field(a, AU_REFERENCE);
    span sp = au_trim(ref, strlen(ref));
    size_t digits = 0;
    while (digits < sp.n && isdigit((unsigned char)sp.s[digits])) digits++;
    if (digits == 0 || digits > 12) {
        if (sp.n || *au_field(a, AU_NAME))
            load_skip(a->ctx, line, "row without a reference number (\"%.20s\"); skipped", ref);
        return EMBARGO_OK;
    }
    au_party *p = au_party_for(a, span_text(a, (span){sp.s, digits}), line);
    if (!p) return EMBARGO_ENOMEM;
    au_set_kind(a, p);
    au_add_name(a, p, line);
    au_add_births(a, p, line);
    au_add_places(a, p);
    au_add_remarks(a, p);
    au_add_program(a, p);
    au_note_control_date(a);
    return draft_failed(p->d) ? EMBARGO_ENOMEM : EMBARGO_OK;
}

/* ---- the file ---------------------------------------------------------------- */

#define AU_HEADER_ROWS 3

static embargo_status au_header(au_load *a) {
    for (int row = 0; row < AU_HEADER_ROWS; row++) {
        table_result res = table_next(a->t);
        if (res == TABLE_ERROR)
            return load_fail(a->ctx, table_line(a->t), EMBARGO_EFORMAT, "%s", table_error(a->t));
        if (res == TABLE_END) break;
        table_map(a->t, au_headers, AU_COLUMNS, a->col);
        bool complete = true;
        for (size_t i = 0; i < sizeof au_required / sizeof *au_required; i++)
            if (a->col[au_required[i]] < 0) complete = false;
        if (complete) return EMBARGO_OK;
    }
    return load_fail(a->ctx, 0, EMBARGO_EFORMAT,
                     "no DFAT header (Reference, Name of Individual or Entity, Name Type) in the first %d rows",
                     AU_HEADER_ROWS);
}

static embargo_status au_rows(au_load *a) {
    table_result res;
    embargo_status status = EMBARGO_OK;
    while (status == EMBARGO_OK && (res = table_next(a->t)) == TABLE_RECORD) status = au_row(a);
    if (status == EMBARGO_OK && res == TABLE_ERROR)
        status = load_fail(a->ctx, table_line(a->t), EMBARGO_EFORMAT, "%s", table_error(a->t));
    return status;
}

static embargo_status au_load_file(load_ctx *ctx) {
    char *error = NULL;
    au_load a = {.ctx = ctx};
    a.t = table_open(ctx->path, TABLE_FULL, &error);
    if (!a.t) {
        embargo_status s = load_fail(ctx, 0, EMBARGO_EFORMAT, "%s", error ? error : "cannot open");
        free(error);
        return s;
    }
    strmap_init(&a.by_id);
    buf_init(&a.scratch);
    embargo_status status = au_header(&a);
    if (status == EMBARGO_OK) status = au_rows(&a);
    if (status == EMBARGO_OK && a.published[0]) load_set_published(ctx, a.published);
    for (size_t i = 0; i < a.n_parties && status == EMBARGO_OK; i++)
        status = load_commit(ctx, a.parties[i].d, a.parties[i].line);
    for (size_t i = 0; i < a.n_parties; i++) {
        draft_free(a.parties[i].d);
        free(a.parties[i].id);
        free(a.parties[i].dob_seen);
    }
    free(a.parties);
    strmap_free(&a.by_id);
    buf_free(&a.scratch);
    table_close(a.t);
    return status;
}

static int au_sniff(const char *path, const char *head, size_t len) {
    static const char *const names[] = {"Reference", "Name of Individual or Entity", "Name Type", "Committees"};
    return table_head_has(path, head, len, names, 4, AU_HEADER_ROWS) ? 95 : 0;
}

const source_format source_au_dfat = {
    .id = "au-dfat",
    .short_name = "au",
    .authority = "Australia DFAT",
    .sniff = au_sniff,
    .load = au_load_file,
};
