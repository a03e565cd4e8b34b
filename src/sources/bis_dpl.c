/*
 * bis_dpl.c - the US Commerce BIS Denied Persons List (dpl.txt).
 *
 * Tab-separated, every field quoted, a header row (Name, Street_Address,
 * City, State, Country, Postal_Code, Effective_Date MM/DD/YYYY,
 * Expiration_Date, Standard_Order, Last_Update ISO, Action, FR_Citation),
 * often no final newline. Columns are found by header name.
 *
 * There is no id column. One denial order naming a party at several
 * addresses is one row per address, so rows with the same name and
 * effective date (consecutive in the file) are one entity, its addresses
 * added up; its id is a slug of the two, "ADRIAN-MANUEL-HERNANDEZ-2017-10-16",
 * the same on every load of the file (row_groups.h).
 *
 * The list says nothing of the party's kind: a name with a legal form (INC,
 * LLC, GMBH, ...) is an organization, any other stays unknown rather than
 * guessed a person. Every entity gets program "DPL". The file states no
 * publication date; the latest Last_Update that is not in the future stands
 * for it (one row says 3017-08-22, a typo in the source: it is kept, with a
 * warning).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sources/csv.h"
#include "sources/load.h"
#include "sources/row_groups.h"
#include "util/buf.h"

enum {
    DPL_NAME, DPL_STREET, DPL_CITY, DPL_STATE, DPL_COUNTRY, DPL_POSTAL, DPL_EFFECTIVE,
    DPL_EXPIRATION, DPL_STANDARD_ORDER, DPL_LAST_UPDATE, DPL_ACTION, DPL_FR_CITATION, DPL_N_COLUMNS
};

static const char *const dpl_headers[DPL_N_COLUMNS] = {
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
};

/* Legal forms that make a name an organization, compared without dots. */
static const char *const dpl_legal_forms[] = {
    "INC", "LLC", "LTD", "LIMITED", "CORP", "CORPORATION", "CO", "COMPANY", "GMBH", "SA",
    "SARL", "SRL", "LLP", "PLC", "BV", "AG", "FZE", "FZCO", "FZC", "LP", "PTE", "PVT",
    "SPA", "OOO", "ZAO", "OAO", "JSC", "PJSC", "KG", "SAS", "NV"
};

typedef struct {
    long columns[DPL_N_COLUMNS];  /* field index of each column, -1 when absent */
    row_groups groups;
    buf key, scratch, last_remark;
    char published[11];           /* latest Last_Update not in the future */
    char today[11];
} dpl_state;

static const char *dpl_field(const csv_reader *r, const dpl_state *st, int column) {
    return st->columns[column] < 0 ? "" : csv_field(r, (size_t)st->columns[column]);
}

static bool dpl_is_legal_form(const char *word, size_t len) {
    char bare[16];
    size_t n = 0;
    for (size_t i = 0; i < len && n < sizeof bare - 1; i++)
        if (word[i] != '.') bare[n++] = word[i];
    bare[n] = '\0';
    for (size_t i = 0; i < sizeof dpl_legal_forms / sizeof *dpl_legal_forms; i++)
        if (strcasecmp(bare, dpl_legal_forms[i]) == 0) return true;
    return false;
}

static embargo_kind dpl_kind(const char *name) {
    const char *p = name;
    while (*p) {
        p += strspn(p, " ,;()");
        size_t len = strcspn(p, " ,;()");
        if (len && dpl_is_legal_form(p, len)) return EMBARGO_KIND_ORGANIZATION;
        p += len;
    }
    return EMBARGO_KIND_UNKNOWN;
}

/* Effective_Date as ISO into OUT (11 bytes), or "" when unreadable. */
static void dpl_iso(const char *text, char *out) {
    embargo_date d;
    out[0] = '\0';
    char tmp[32];
    if (date_parse(text, DATE_MONTH_FIRST, &d) && d.from.day &&
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.from.year, d.from.month, d.from.day) == 10)
        memcpy(out, tmp, 11);
}

/* True when TEXT has the shape YYYY-MM-DD, whatever the numbers. */
static bool dpl_iso_shaped(const char *text) {
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)text[i]) : text[i] != '-') return false;
    return text[sizeof shape - 1] == '\0';
}

/* Last_Update: the latest one not in the future is the list's date; a future one is reported. */
static void dpl_check_update(load_ctx *ctx, dpl_state *st, const csv_reader *r) {
    const char *text = dpl_field(r, st, DPL_LAST_UPDATE);
    char iso[11];
    dpl_iso(text, iso);
    /* Compared as text: the date parser rejects years past 2999 such as 3017. */
    if (dpl_iso_shaped(text) && strcmp(text, st->today) > 0) {
        load_warn(ctx, r->record_line, "Last_Update %s is in the future (a typo in the source?); "
                  "the row is kept, the date not used as the list's date", text);
    } else if (!iso[0]) {
        if (*text) load_warn(ctx, r->record_line, "unreadable Last_Update \"%s\"", text);
    } else if (strcmp(iso, st->published) > 0) {
        memcpy(st->published, iso, sizeof iso);
    }
}

static void dpl_add_remark(dpl_state *st, draft *d, const csv_reader *r) {
    static const struct { int column; const char *label; } parts[] = {
        {DPL_EXPIRATION, "Expires"}, {DPL_STANDARD_ORDER, "Standard order"},
        {DPL_ACTION, "Action"}, {DPL_FR_CITATION, "Federal Register"},
    };
    buf *text = &st->scratch;
    buf_clear(text);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const char *value = dpl_field(r, st, parts[i].column);
        if (*value) buf_printf(text, "%s%s: %s", text->len ? "; " : "", parts[i].label, value);
    }
    /* Rows of one group usually repeat these; keep each distinct text once. */
    if (text->len && strcmp(buf_str(text), buf_str(&st->last_remark)) != 0) {
        draft_add_remarks(d, buf_str(text));
        buf_clear(&st->last_remark);
        buf_puts(&st->last_remark, buf_str(text));
    }
}

static void dpl_add_address(dpl_state *st, draft *d, const csv_reader *r) {
    static const int parts[] = {DPL_STREET, DPL_CITY, DPL_STATE, DPL_POSTAL};
    buf *line = &st->scratch;
    buf_clear(line);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const char *value = dpl_field(r, st, parts[i]);
        if (*value) buf_printf(line, "%s%s", line->len ? ", " : "", value);
    }
    const char *country = dpl_field(r, st, DPL_COUNTRY);
    draft_add_address(d, line->len ? buf_str(line) : NULL, dpl_field(r, st, DPL_CITY),
                      *country ? country : NULL);
}

/* Starts the entity for a new group whose first row is R. */
static void dpl_start(dpl_state *st, draft *d, const csv_reader *r, const char *effective_iso) {
    const char *name = dpl_field(r, st, DPL_NAME);
    draft_set_id(d, row_groups_id(&st->groups));
    draft_set_kind(d, dpl_kind(name), NULL);
    draft_add_name(d, name, EMBARGO_NAME_PRIMARY);
    draft_add_program(d, "DPL");
    embargo_date listed;
    if (*effective_iso && date_parse(effective_iso, DATE_MONTH_FIRST, &listed)) draft_set_listed(d, &listed);
    buf_clear(&st->last_remark);
}

/* Reads one data row into the open entity, committing the one before when a new group starts. */
static embargo_status dpl_row(load_ctx *ctx, void *state, const csv_reader *r, long *open_line) {
    dpl_state *st = state;
    const char *name = dpl_field(r, st, DPL_NAME);
    const char *effective = dpl_field(r, st, DPL_EFFECTIVE);
    char iso[11];
    dpl_iso(effective, iso);
    if (*effective && !iso[0]) load_warn(ctx, r->record_line, "unreadable Effective_Date \"%s\"", effective);
    buf_clear(&st->key);
    row_slug(&st->key, name);
    if (st->key.len == 0) {
        load_skip(ctx, r->record_line, "row has no name; skipped");
        return EMBARGO_OK;
    }
    if (iso[0]) buf_printf(&st->key, "-%s", iso);
    dpl_check_update(ctx, st, r);
    if (st->key.failed) return EMBARGO_ENOMEM;
    bool starts;
    embargo_status status = row_groups_file(&st->groups, ctx, buf_str(&st->key), r->record_line, open_line, &starts);
    if (status != EMBARGO_OK) return status;
    if (starts) dpl_start(st, ctx->draft, r, iso);
    dpl_add_address(st, ctx->draft, r);
    dpl_add_remark(st, ctx->draft, r);
    return EMBARGO_OK;
}

static embargo_status dpl_header(load_ctx *ctx, dpl_state *st, csv_reader *r) {
    embargo_status status = row_groups_header(ctx, r, dpl_headers, st->columns, DPL_N_COLUMNS);
    if (status == EMBARGO_OK && (st->columns[DPL_NAME] < 0 || st->columns[DPL_EFFECTIVE] < 0))
        return load_fail(ctx, r->record_line, EMBARGO_EFORMAT,
                         "the header has no Name or Effective_Date column: not a DPL file");
    return status;
}

static embargo_status dpl_read(load_ctx *ctx, dpl_state *st, csv_reader *r) {
    embargo_status status = dpl_header(ctx, st, r);
    if (status == EMBARGO_OK) status = row_groups_read(ctx, r, dpl_row, st);
    if (status == EMBARGO_OK && st->published[0]) load_set_published(ctx, st->published);
    return status;
}

static embargo_status dpl_load(load_ctx *ctx) {
    FILE *in = fopen(ctx->path, "rb");
    if (!in) return load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file");
    dpl_state st;
    memset(&st, 0, sizeof st);
    row_groups_init(&st.groups);
    buf_init(&st.key);
    buf_init(&st.scratch);
    buf_init(&st.last_remark);
    time_t now = time(NULL);
    struct tm tm;
    strftime(st.today, sizeof st.today, "%Y-%m-%d", gmtime_r(&now, &tm));
    csv_reader r;
    csv_init(&r, in, '\t');
    embargo_status status = dpl_read(ctx, &st, &r);
    csv_free(&r);
    fclose(in);
    row_groups_free(&st.groups);
    buf_free(&st.key);
    buf_free(&st.scratch);
    buf_free(&st.last_remark);
    return status;
}

/* The DPL header: quoted, tab-separated, these names in this order. */
static int dpl_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    static const char start[] = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"";
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) head += 3, len -= 3;
    if (len < sizeof start - 1 || memcmp(head, start, sizeof start - 1) != 0) return 0;
    const char *nl = memchr(head, '\n', len);
    size_t line = nl ? (size_t)(nl - head) : len;
    return memmem(head, line, "\"Effective_Date\"", 16) && memmem(head, line, "\"FR_Citation\"", 13) ? 95 : 60;
}

const source_format source_bis_dpl = {
    .id = "bis-dpl",
    .short_name = "bis-dpl",
    .authority = "US Commerce BIS",
    .sniff = dpl_sniff,
    .load = dpl_load,
};
