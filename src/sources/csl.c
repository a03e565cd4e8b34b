/*
 * csl.c - the US trade.gov Consolidated Screening List (CSL) as CSV.
 *
 * One row per party per list, with a header. Layouts differ by vintage (the
 * 2019 file has 28 columns, the 2022 one adds `_id` first), so columns are
 * found by header name through one table (csl_columns) and absent ones are
 * simply not read. Multi-valued cells are joined with "; ".
 *
 * Mapping: `source` ("Entity List (EL) - Bureau of Industry and Security")
 * becomes a program coded by its abbreviation ("EL"), next to the codes in
 * `programs`; name and alt_names (individuals' "LAST, First" reordered);
 * type; title; addresses (a trailing ISO country code split off); dates of
 * birth, places of birth, nationalities, citizenships; ids ("CC, NUMBER,
 * Type" or "VALUE, Type") through the US id table (us_ids.h); vessel
 * columns; start_date as the listing date; remarks, Federal Register notice,
 * end date, standard order and licence columns into the remarks.
 *
 * Ids: `_id` where the file has it, else entity_number, else (BIS rows of
 * the old layout have neither) a slug of list, name and start date. One
 * party on several lists (SDN and CAP, SSI) is several consecutive rows with
 * the same `_id`: they make one entity, its lists all kept as programs
 * (row_groups.h). The file states no publication date; the latest start_date
 * that is not in the future stands for it.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sources/csv.h"
#include "sources/load.h"
#include "sources/row_groups.h"
#include "sources/us_ids.h"
#include "util/buf.h"

typedef enum {
    CSL_ID, CSL_SOURCE, CSL_ENTITY_NUMBER, CSL_TYPE, CSL_PROGRAMS, CSL_NAME, CSL_TITLE,
    CSL_ADDRESSES, CSL_FR_NOTICE, CSL_START, CSL_END, CSL_STANDARD_ORDER, CSL_LICENSE_REQ,
    CSL_LICENSE_POLICY, CSL_CALL_SIGN, CSL_VESSEL_TYPE, CSL_GROSS_TONNAGE, CSL_GRT, CSL_FLAG,
    CSL_OWNER, CSL_REMARKS, CSL_ALT_NAMES, CSL_CITIZENSHIPS, CSL_DOBS, CSL_NATIONALITIES,
    CSL_POBS, CSL_IDS, CSL_N_COLUMNS
} csl_column;

/* Header name of each column; source_list_url and source_information_url are not read. */
static const char *const csl_columns[CSL_N_COLUMNS] = {
    "_id", "source", "entity_number", "type", "programs", "name", "title",
    "addresses", "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "alt_names",
    "citizenships", "dates_of_birth", "nationalities", "places_of_birth", "ids",
};

/* Columns that go to the remarks, with their labels. */
static const struct {
    csl_column column;
    const char *label;
} csl_remark_columns[] = {
    {CSL_FR_NOTICE, "Federal Register"}, {CSL_END, "End date"},
    {CSL_STANDARD_ORDER, "Standard order"}, {CSL_LICENSE_REQ, "License requirement"},
    {CSL_LICENSE_POLICY, "License policy"},
};

typedef struct {
    long columns[CSL_N_COLUMNS];  /* field index, -1 when the file lacks the column */
    row_groups groups;
    buf key, scratch, item;
    char published[11], today[11];
    load_ctx *ctx;
    long line;                    /* line of the row being read */
} csl_state;

static const char *csl_get(const csv_reader *r, const csl_state *st, csl_column c) {
    return st->columns[c] < 0 ? "" : csv_field(r, (size_t)st->columns[c]);
}

/* Calls FN(D, ITEM, ARG) for each "; "-separated item of CELL, copied into ST->item. */
static void csl_each(csl_state *st, draft *d, const char *cell,
                     void (*fn)(csl_state *, draft *, const char *, const void *), const void *arg) {
    while (cell && *cell) {
        const char *sep = strstr(cell, "; ");
        size_t len = sep ? (size_t)(sep - cell) : strlen(cell);
        buf_clear(&st->item);
        buf_append(&st->item, cell, len);
        if (st->item.len) fn(st, d, buf_str(&st->item), arg);
        cell = sep ? sep + 2 : NULL;
    }
}

/* A name; an individual's "LAST, First" is read as family and given names. */
static void csl_name(csl_state *st, draft *d, const char *name, const void *arg) {
    (void)st;
    embargo_name_quality q = *(const embargo_name_quality *)arg;
    const char *comma = strstr(name, ", ");
    if (draft_kind(d) == EMBARGO_KIND_PERSON && comma && !strstr(comma + 2, ", ")) {
        char family[512];
        size_t n = (size_t)(comma - name);
        if (n < sizeof family) {
            memcpy(family, name, n);
            family[n] = '\0';
            draft_add_name_parts(d, NULL, comma + 2, family, NULL, q, false, NULL);
            return;
        }
    }
    draft_add_name(d, name, q);
}

static bool csl_is_country_code(const char *s) {
    return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0';
}

static bool csl_same(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* "street, city, region, CC": the trailing code is the country. Added once per entity. */
static void csl_address(csl_state *st, draft *d, const char *text, const void *arg) {
    (void)st;
    (void)arg;
    const char *last = strrchr(text, ',');
    const char *code = last ? last + 1 : text;
    while (*code == ' ') code++;
    char country[3] = "";
    buf line;
    buf_init(&line);
    if (csl_is_country_code(code)) {
        memcpy(country, code, 3);
        if (last) buf_append(&line, text, (size_t)(last - text));
    } else {
        buf_puts(&line, text);
    }
    const embargo_entity *e = draft_entity(d);
    bool seen = false;
    const char *l = line.len ? buf_str(&line) : NULL;
    for (size_t i = 0; i < e->n_addresses && !seen; i++)
        seen = csl_same(e->addresses[i].country_text, country[0] ? country : NULL) &&
               csl_same(e->addresses[i].text, l);
    if (!seen) draft_add_address(d, l, NULL, country[0] ? country : NULL);
    buf_free(&line);
}

static void csl_birth(csl_state *st, draft *d, const char *text, const void *arg) {
    (void)arg;
    embargo_date date;
    if (date_parse(text, DATE_MONTH_FIRST, &date)) draft_add_birth(d, &date);
    else load_warn(st->ctx, st->line, "unreadable date of birth \"%s\"", text);
}

static void csl_birth_place(csl_state *st, draft *d, const char *text, const void *arg) {
    (void)st;
    (void)arg;
    const embargo_entity *e = draft_entity(d);
    for (size_t i = 0; i < e->n_birth_places; i++)
        if (strcmp(e->birth_places[i].text, text) == 0) return;
    draft_add_birth_place(d, text);
}

static void csl_nationality(csl_state *st, draft *d, const char *text, const void *arg) {
    (void)st;
    (void)arg;
    draft_add_nationality(d, text);
}

static void csl_citizenship(csl_state *st, draft *d, const char *text, const void *arg) {
    (void)st;
    (void)arg;
    draft_add_citizenship(d, text);
}

static void csl_program(csl_state *st, draft *d, const char *text, const void *arg) {
    (void)st;
    (void)arg;
    draft_add_program(d, text);
}

/* "CC, NUMBER, Type" or "VALUE, Type". */
static void csl_id(csl_state *st, draft *d, const char *text, const void *arg) {
    (void)st;
    (void)arg;
    const char *label_at = strstr(text, ", ");
    for (const char *p = label_at; p; p = strstr(p + 2, ", ")) label_at = p;
    if (!label_at) {
        us_id_add(d, NULL, text, NULL, NULL);
        return;
    }
    char value[1024], country[3] = "";
    const char *v = text;
    if (v[0] && v[1] && v[2] == ',' && v[3] == ' ' && v + 2 < label_at) {
        memcpy(country, v, 2);
        country[2] = '\0';
        if (!csl_is_country_code(country)) country[0] = '\0';
        else v += 4;
    }
    size_t n = (size_t)(label_at - v);
    if (n >= sizeof value) n = sizeof value - 1;
    memcpy(value, v, n);
    value[n] = '\0';
    us_id_add(d, label_at + 2, value, country[0] ? country : NULL, NULL);
}

/* The list's abbreviation: "Entity List (EL) - Bureau ..." gives "EL". */
static void csl_list_program(draft *d, const char *source, buf *out) {
    const char *open = strchr(source, '('), *close = open ? strchr(open, ')') : NULL;
    buf_clear(out);
    if (open && close && close > open + 1) buf_append(out, open + 1, (size_t)(close - open - 1));
    else buf_puts(out, source);
    draft_add_program(d, buf_str(out));
}

static void csl_remarks(csl_state *st, draft *d, const csv_reader *r) {
    buf *text = &st->scratch;
    buf_clear(text);
    buf_puts(text, csl_get(r, st, CSL_REMARKS));
    for (size_t i = 0; i < sizeof csl_remark_columns / sizeof *csl_remark_columns; i++) {
        const char *value = csl_get(r, st, csl_remark_columns[i].column);
        if (*value) buf_printf(text, "%s%s: %s", text->len ? "; " : "", csl_remark_columns[i].label, value);
    }
    const embargo_entity *e = draft_entity(d);
    /* A party's rows on several lists repeat the same remarks. */
    if (text->len && !(e->remarks && strstr(e->remarks, buf_str(text))))
        draft_add_remarks(d, buf_str(text));
}

static void csl_vessel(csl_state *st, draft *d, const csv_reader *r) {
    const char *tonnage = csl_get(r, st, CSL_GRT);
    if (!*tonnage) tonnage = csl_get(r, st, CSL_GROSS_TONNAGE);
    const char *flag = csl_get(r, st, CSL_FLAG), *type = csl_get(r, st, CSL_VESSEL_TYPE);
    draft_set_vessel(d, *flag ? flag : NULL, *type ? type : NULL, *tonnage ? tonnage : NULL);
    const char *call_sign = csl_get(r, st, CSL_CALL_SIGN);
    if (*call_sign) draft_add_identifier(d, EMBARGO_ID_CALL_SIGN, call_sign, "Call Sign", NULL, NULL);
    const char *owner = csl_get(r, st, CSL_OWNER);
    if (*owner && draft_entity(d)->n_links == 0) draft_add_link(d, "owned by", owner);
}

/* Adds row R to the entity in D (the first row of its group, or a later one). */
static void csl_read_row(load_ctx *ctx, csl_state *st, draft *d, const csv_reader *r, bool first) {
    if (first) {
        draft_set_id(d, row_groups_id(&st->groups));
        const char *type = csl_get(r, st, CSL_TYPE);
        draft_set_kind(d, embargo_kind_parse(type), *type ? type : NULL);
        const char *start = csl_get(r, st, CSL_START);
        embargo_date listed;
        if (*start && date_parse(start, DATE_MONTH_FIRST, &listed)) draft_set_listed(d, &listed);
        else if (*start) load_warn(ctx, r->record_line, "unreadable start_date \"%s\"", start);
    }
    embargo_name_quality primary = EMBARGO_NAME_PRIMARY, alias = EMBARGO_NAME_STRONG;
    csl_name(st, d, csl_get(r, st, CSL_NAME), &primary);
    csl_each(st, d, csl_get(r, st, CSL_ALT_NAMES), csl_name, &alias);
    const char *source = csl_get(r, st, CSL_SOURCE);
    if (*source) csl_list_program(d, source, &st->scratch);
    csl_each(st, d, csl_get(r, st, CSL_PROGRAMS), csl_program, NULL);
    draft_add_title(d, csl_get(r, st, CSL_TITLE));
    csl_each(st, d, csl_get(r, st, CSL_ADDRESSES), csl_address, NULL);
    csl_each(st, d, csl_get(r, st, CSL_DOBS), csl_birth, NULL);
    csl_each(st, d, csl_get(r, st, CSL_POBS), csl_birth_place, NULL);
    csl_each(st, d, csl_get(r, st, CSL_NATIONALITIES), csl_nationality, NULL);
    csl_each(st, d, csl_get(r, st, CSL_CITIZENSHIPS), csl_citizenship, NULL);
    csl_each(st, d, csl_get(r, st, CSL_IDS), csl_id, NULL);
    csl_vessel(st, d, r);
    csl_remarks(st, d, r);
}

/* The row's group key into ST->key: _id, else entity_number, else a slug of list, name, start. */
static void csl_key(csl_state *st, const csv_reader *r) {
    buf_clear(&st->key);
    const char *id = csl_get(r, st, CSL_ID);
    if (!*id) id = csl_get(r, st, CSL_ENTITY_NUMBER);
    if (*id) {
        buf_puts(&st->key, id);
        return;
    }
    const char *source = csl_get(r, st, CSL_SOURCE);
    const char *open = strchr(source, '('), *close = open ? strchr(open, ')') : NULL;
    buf list;
    buf_init(&list);
    if (open && close) buf_append(&list, open + 1, (size_t)(close - open - 1));
    else buf_puts(&list, source);
    row_slug(&st->key, buf_str(&list));
    buf_free(&list);
    size_t before = st->key.len;
    if (before) buf_putc(&st->key, '-');
    size_t mark = st->key.len;
    row_slug(&st->key, csl_get(r, st, CSL_NAME));
    if (st->key.len == mark) { /* no name: no key */
        buf_clear(&st->key);
        return;
    }
    const char *start = csl_get(r, st, CSL_START);
    if (*start) {
        buf_putc(&st->key, '-');
        row_slug(&st->key, start);
    }
}

static void csl_note_start(csl_state *st, const csv_reader *r) {
    const char *start = csl_get(r, st, CSL_START);
    if (strlen(start) == 10 && strcmp(start, st->today) <= 0 && strcmp(start, st->published) > 0)
        memcpy(st->published, start, 11);
}

static embargo_status csl_row(load_ctx *ctx, void *state, const csv_reader *r, long *open_line) {
    csl_state *st = state;
    csl_key(st, r);
    if (st->key.failed) return EMBARGO_ENOMEM;
    if (st->key.len == 0) {
        load_skip(ctx, r->record_line, "row has no id and no name; skipped");
        return EMBARGO_OK;
    }
    st->line = r->record_line;
    csl_note_start(st, r);
    bool starts;
    embargo_status status = row_groups_file(&st->groups, ctx, buf_str(&st->key), r->record_line, open_line, &starts);
    if (status != EMBARGO_OK) return status;
    csl_read_row(ctx, st, ctx->draft, r, starts);
    return EMBARGO_OK;
}

static embargo_status csl_header(load_ctx *ctx, csl_state *st, csv_reader *r) {
    embargo_status status = row_groups_header(ctx, r, csl_columns, st->columns, CSL_N_COLUMNS);
    if (status == EMBARGO_OK && (st->columns[CSL_NAME] < 0 || st->columns[CSL_SOURCE] < 0))
        return load_fail(ctx, r->record_line, EMBARGO_EFORMAT,
                         "the header has no name or source column: not a CSL file");
    return status;
}

static embargo_status csl_read(load_ctx *ctx, csl_state *st, csv_reader *r) {
    embargo_status status = csl_header(ctx, st, r);
    if (status == EMBARGO_OK) status = row_groups_read(ctx, r, csl_row, st);
    if (status == EMBARGO_OK && st->published[0]) load_set_published(ctx, st->published);
    return status;
}

static embargo_status csl_load(load_ctx *ctx) {
    FILE *in = fopen(ctx->path, "rb");
    if (!in) return load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file");
    csl_state st;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    row_groups_init(&st.groups);
    buf_init(&st.key);
    buf_init(&st.scratch);
    buf_init(&st.item);
    time_t now = time(NULL);
    struct tm tm;
    strftime(st.today, sizeof st.today, "%Y-%m-%d", gmtime_r(&now, &tm));
    csv_reader r;
    csv_init(&r, in, ',');
    embargo_status status = csl_read(ctx, &st, &r);
    csv_free(&r);
    fclose(in);
    row_groups_free(&st.groups);
    buf_free(&st.key);
    buf_free(&st.scratch);
    buf_free(&st.item);
    return status;
}

/* Header fields every CSL layout has; other lists' CSVs have none of these together. */
static const char *const csl_required[] = {
    "source", "entity_number", "programs", "name", "alt_names", "source_list_url", "ids",
};

/* True when the first line of HEAD has FIELD as a whole comma-separated field. */
static bool csl_header_has(const char *head, size_t line_len, const char *field) {
    size_t n = strlen(field);
    for (const char *p = head; p < head + line_len;) {
        const char *comma = memchr(p, ',', (size_t)(head + line_len - p));
        size_t len = comma ? (size_t)(comma - p) : (size_t)(head + line_len - p);
        if (len && p[len - 1] == '\r') len--;
        if (len == n && memcmp(p, field, n) == 0) return true;
        if (!comma) break;
        p = comma + 1;
    }
    return false;
}

static int csl_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) head += 3, len -= 3;
    const char *nl = memchr(head, '\n', len);
    size_t line = nl ? (size_t)(nl - head) : len;
    for (size_t i = 0; i < sizeof csl_required / sizeof *csl_required; i++)
        if (!csl_header_has(head, line, csl_required[i])) return 0;
    return 95;
}

const source_format source_csl = {
    .id = "csl",
    .short_name = "csl",
    .authority = "US trade.gov Consolidated Screening List",
    .sniff = csl_sniff,
    .load = csl_load,
};
