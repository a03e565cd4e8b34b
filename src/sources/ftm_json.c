/*
 * ftm_json.c - FollowTheMoney entities as JSON Lines (OpenSanctions'
 * "entities.ftm.json" exports): one {"id", "schema", "properties": {prop:
 * [values]}, "datasets", ...} object a line.
 *
 * Design: two streaming passes over the file (jsonl.h), memory following
 * the number of sanctions, not the file.
 *  1. Sanction entities ({"schema": "Sanction", "properties": {"entity":
 *     [id], "program": [...], "programId": [...], "listingDate": [...],
 *     "startDate": [...]}}) are gathered into a table sorted by the party's
 *     id: a party may come before or after its sanctions.
 *  2. Every party schema (ftm_kinds[]) becomes an entity with the programs
 *     and listing date of its sanctions. Properties are mapped through
 *     ftm_props[]. Other schemata (Ownership, Directorship, Family,
 *     Address, Identification, Position, ...) are links or details this
 *     model does not hold; they are counted per schema and reported once.
 *
 * A line that is not a JSON object, or an entity without "id" or "schema",
 * is skipped and reported with its line number; a last line that is cut off
 * stops the load as a truncated file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "sources/jsonl.h"
#include "sources/load.h"
#include "util/buf.h"

static const struct {
    const char *schema;
    embargo_kind kind;
} ftm_kinds[] = {
    {"Person", EMBARGO_KIND_PERSON},
    {"Organization", EMBARGO_KIND_ORGANIZATION},
    {"Company", EMBARGO_KIND_ORGANIZATION},
    {"LegalEntity", EMBARGO_KIND_ORGANIZATION},
    {"PublicBody", EMBARGO_KIND_ORGANIZATION},
    {"Vessel", EMBARGO_KIND_VESSEL},
    {"Airplane", EMBARGO_KIND_AIRCRAFT},
};

typedef enum {
    FTM_NAME, FTM_ALIAS, FTM_BIRTH, FTM_BIRTH_PLACE, FTM_NATIONALITY, FTM_CITIZENSHIP,
    FTM_COUNTRY, FTM_GENDER, FTM_ID, FTM_ADDRESS, FTM_PROGRAM, FTM_TITLE, FTM_REMARKS,
    FTM_FLAG, FTM_VESSEL_TYPE, FTM_TONNAGE, FTM_LISTED,
} ftm_role;

typedef struct {
    const char *prop;
    ftm_role role;
    int arg;                 /* name quality for FTM_ALIAS, id type for FTM_ID */
    const char *label;
} ftm_prop;

/* Name parts (firstName, lastName, ...) are read with the names, not here. */
static const ftm_prop ftm_props[] = {
    {"name", FTM_NAME, EMBARGO_NAME_PRIMARY, NULL},
    {"alias", FTM_ALIAS, EMBARGO_NAME_STRONG, NULL},
    {"weakAlias", FTM_ALIAS, EMBARGO_NAME_WEAK, NULL},
    {"previousName", FTM_ALIAS, EMBARGO_NAME_FORMER, NULL},
    {"birthDate", FTM_BIRTH, 0, NULL},
    {"buildDate", FTM_BIRTH, 0, NULL},
    {"birthPlace", FTM_BIRTH_PLACE, 0, NULL},
    {"nationality", FTM_NATIONALITY, 0, NULL},
    {"citizenship", FTM_CITIZENSHIP, 0, NULL},
    {"country", FTM_COUNTRY, 0, NULL},
    {"jurisdiction", FTM_COUNTRY, 0, NULL},
    {"mainCountry", FTM_COUNTRY, 0, NULL},
    {"gender", FTM_GENDER, 0, NULL},
    {"passportNumber", FTM_ID, EMBARGO_ID_PASSPORT, "Passport"},
    {"idNumber", FTM_ID, EMBARGO_ID_NATIONAL, "ID number"},
    {"taxNumber", FTM_ID, EMBARGO_ID_TAX, "Tax number"},
    {"innCode", FTM_ID, EMBARGO_ID_TAX, "INN"},
    {"vatCode", FTM_ID, EMBARGO_ID_TAX, "VAT"},
    {"registrationNumber", FTM_ID, EMBARGO_ID_REGISTRATION, "Registration number"},
    {"ogrnCode", FTM_ID, EMBARGO_ID_REGISTRATION, "OGRN"},
    {"leiCode", FTM_ID, EMBARGO_ID_OTHER, "LEI"},
    {"swiftBic", FTM_ID, EMBARGO_ID_BIC, "SWIFT/BIC"},
    {"imoNumber", FTM_ID, EMBARGO_ID_IMO, "IMO"},
    {"mmsi", FTM_ID, EMBARGO_ID_MMSI, "MMSI"},
    {"callSign", FTM_ID, EMBARGO_ID_CALL_SIGN, "Call sign"},
    {"serialNumber", FTM_ID, EMBARGO_ID_AIRCRAFT, "Serial number"},
    {"email", FTM_ID, EMBARGO_ID_EMAIL, "Email"},
    {"website", FTM_ID, EMBARGO_ID_WEBSITE, "Website"},
    {"address", FTM_ADDRESS, 0, NULL},
    {"program", FTM_PROGRAM, 0, NULL},
    {"programId", FTM_PROGRAM, 0, NULL},
    {"position", FTM_TITLE, 0, NULL},
    {"title", FTM_TITLE, 0, NULL},
    {"notes", FTM_REMARKS, 0, NULL},
    {"summary", FTM_REMARKS, 0, NULL},
    {"flag", FTM_FLAG, 0, NULL},
    {"type", FTM_VESSEL_TYPE, 0, NULL},
    {"grossRegisteredTonnage", FTM_TONNAGE, 0, NULL},
    {"listingDate", FTM_LISTED, 0, NULL},
};

/* One program (or listing date) a Sanction gives a party. */
typedef struct {
    char *entity;            /* the party's FtM id */
    char *program;           /* or NULL */
    embargo_date listed;     /* year 0 when not stated */
} ftm_sanction;

typedef struct {
    ftm_sanction *items;
    size_t n, cap;
    bool failed;
} ftm_sanctions;

/* Schemata passed over, with counts, for the one report at the end. */
#define FTM_MAX_OTHER 32
typedef struct {
    char name[FTM_MAX_OTHER][32];
    size_t count[FTM_MAX_OTHER];
    size_t n, total;
} ftm_others;

static embargo_kind ftm_kind(const char *schema, bool *known) {
    for (size_t i = 0; i < sizeof ftm_kinds / sizeof *ftm_kinds; i++)
        if (strcmp(schema, ftm_kinds[i].schema) == 0) return *known = true, ftm_kinds[i].kind;
    *known = false;
    return EMBARGO_KIND_UNKNOWN;
}

/* The string values of property PROP of entity E (a JSON array), or NULL. */
static json_t *ftm_values(json_t *e, const char *prop) {
    json_t *props = json_object_get(e, "properties");
    json_t *v = json_is_object(props) ? json_object_get(props, prop) : NULL;
    return json_is_array(v) ? v : NULL;
}

/* The first string value of PROP, or NULL. */
static const char *ftm_first(json_t *e, const char *prop) {
    json_t *v = ftm_values(e, prop);
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item)
        if (json_is_string(item)) return json_string_value(item);
    return NULL;
}

/* ---- pass 1: sanctions ---------------------------------------------------- */

static void ftm_add_sanction(ftm_sanctions *s, const char *entity, const char *program,
                             const embargo_date *listed) {
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        ftm_sanction *items = realloc(s->items, cap * sizeof *items);
        if (!items) {
            s->failed = true;
            return;
        }
        s->items = items;
        s->cap = cap;
    }
    ftm_sanction *x = &s->items[s->n];
    x->entity = strdup(entity);
    x->program = program ? strdup(program) : NULL;
    x->listed = *listed;
    if (!x->entity || (program && !x->program)) {
        free(x->entity);
        free(x->program);
        s->failed = true;
        return;
    }
    s->n++;
}

static void ftm_read_sanction(json_t *e, ftm_sanctions *s) {
    embargo_date listed = {0};
    const char *when = ftm_first(e, "listingDate");
    if (!when) when = ftm_first(e, "startDate");
    if (when) date_parse(when, DATE_DAY_FIRST, &listed);
    size_t i, k;
    json_t *target, *program;
    json_array_foreach(ftm_values(e, "entity"), i, target) {
        if (!json_is_string(target)) continue;
        bool any = false;
        static const char *const program_props[] = {"program", "programId"};
        for (size_t p = 0; p < 2; p++) {
            json_array_foreach(ftm_values(e, program_props[p]), k, program) {
                if (!json_is_string(program)) continue;
                ftm_add_sanction(s, json_string_value(target), json_string_value(program), &listed);
                any = true;
            }
        }
        if (!any) ftm_add_sanction(s, json_string_value(target), NULL, &listed);
    }
}

static int ftm_sanction_cmp(const void *a, const void *b) {
    return strcmp(((const ftm_sanction *)a)->entity, ((const ftm_sanction *)b)->entity);
}

static void ftm_free_sanctions(ftm_sanctions *s) {
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].entity);
        free(s->items[i].program);
    }
    free(s->items);
}

/* Reads every Sanction of the file (bad lines are left to pass 2). */
static embargo_status ftm_pass_sanctions(load_ctx *ctx, jsonl_reader *r, ftm_sanctions *s) {
    json_t *e;
    jsonl_result res;
    while ((res = jsonl_next(r, &e)) != JSONL_END) {
        if (res == JSONL_ERROR) return load_fail(ctx, r->line_no, EMBARGO_EIO, "%s", r->message);
        if (res != JSONL_OBJECT) continue;
        const char *schema = json_string_value(json_object_get(e, "schema"));
        if (schema && strcmp(schema, "Sanction") == 0) ftm_read_sanction(e, s);
        json_decref(e);
        if (s->failed) return EMBARGO_ENOMEM;
    }
    if (s->n) qsort(s->items, s->n, sizeof *s->items, ftm_sanction_cmp);
    return EMBARGO_OK;
}

/* A date's start as one comparable number. */
static long ftm_day(const embargo_date *date) {
    return date->from.year * 10000L + date->from.month * 100L + date->from.day;
}

/* Adds the programs and the earliest listing date the sanctions give entity ID. */
static void ftm_apply_sanctions(draft *d, const ftm_sanctions *s, const char *id) {
    if (!s->n) return;
    ftm_sanction key = {.entity = (char *)id};
    ftm_sanction *hit = bsearch(&key, s->items, s->n, sizeof *s->items, ftm_sanction_cmp);
    if (!hit) return;
    while (hit > s->items && strcmp(hit[-1].entity, id) == 0) hit--;
    embargo_date earliest = draft_entity(d)->listed;
    for (; hit < s->items + s->n && strcmp(hit->entity, id) == 0; hit++) {
        if (hit->program) draft_add_program(d, hit->program);
        if (hit->listed.from.year && (!earliest.from.year || ftm_day(&hit->listed) < ftm_day(&earliest)))
            earliest = hit->listed;
    }
    if (earliest.from.year) draft_set_listed(d, &earliest);
}

/* ---- pass 2: parties --------------------------------------------------- */

/* The primary name with its parts when the entity gives firstName etc. */
static void ftm_names(json_t *e, draft *d) {
    const char *first = ftm_first(e, "firstName"), *last = ftm_first(e, "lastName");
    const char *middle = ftm_first(e, "middleName"), *father = ftm_first(e, "fatherName");
    json_t *names = ftm_values(e, "name");
    bool parts = first || last;
    if (json_array_size(names) == 1 && parts && json_is_string(json_array_get(names, 0))) {
        draft_add_name_parts(d, json_string_value(json_array_get(names, 0)), first, last,
                             father ? father : middle, EMBARGO_NAME_PRIMARY, false, NULL);
    } else if (json_array_size(names) == 0 && parts) {
        draft_add_name_parts(d, NULL, first, last, father ? father : middle, EMBARGO_NAME_PRIMARY, false, NULL);
    }
}

static void ftm_apply(load_ctx *ctx, draft *d, const ftm_prop *p, const char *v, bool first, long line) {
    embargo_date date;
    switch (p->role) {
    case FTM_NAME: draft_add_name(d, v, first ? EMBARGO_NAME_PRIMARY : EMBARGO_NAME_STRONG); break;
    case FTM_ALIAS: draft_add_name(d, v, (embargo_name_quality)p->arg); break;
    case FTM_BIRTH:
        if (date_parse(v, DATE_DAY_FIRST, &date)) draft_add_birth(d, &date);
        else load_warn(ctx, line, "entity %s: %s '%s' not understood", draft_id(d), p->prop, v);
        break;
    case FTM_LISTED:
        if (date_parse(v, DATE_DAY_FIRST, &date)) draft_set_listed(d, &date);
        break;
    case FTM_BIRTH_PLACE: draft_add_birth_place(d, v); break;
    case FTM_NATIONALITY: draft_add_nationality(d, v); break;
    case FTM_CITIZENSHIP: draft_add_citizenship(d, v); break;
    case FTM_COUNTRY: draft_add_country(d, v); break;
    case FTM_GENDER:
        if (strcasecmp(v, "male") == 0) draft_set_gender(d, EMBARGO_GENDER_MALE);
        else if (strcasecmp(v, "female") == 0) draft_set_gender(d, EMBARGO_GENDER_FEMALE);
        break;
    case FTM_ID: draft_add_identifier(d, (embargo_id_type)p->arg, v, p->label, NULL, NULL); break;
    case FTM_ADDRESS: draft_add_address(d, v, NULL, NULL); break;
    case FTM_PROGRAM: draft_add_program(d, v); break;
    case FTM_TITLE: draft_add_title(d, v); break;
    case FTM_REMARKS: draft_add_remarks(d, v); break;
    case FTM_FLAG: draft_set_vessel(d, v, NULL, NULL); break;
    case FTM_VESSEL_TYPE:
        if (draft_kind(d) == EMBARGO_KIND_VESSEL || draft_kind(d) == EMBARGO_KIND_AIRCRAFT)
            draft_set_vessel(d, NULL, v, NULL);
        break;
    case FTM_TONNAGE: draft_set_vessel(d, NULL, NULL, v); break;
    }
}

static void ftm_note_other(ftm_others *o, const char *schema) {
    o->total++;
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->name[i], schema) == 0) return (void)o->count[i]++;
    if (o->n == FTM_MAX_OTHER) return;
    snprintf(o->name[o->n], sizeof o->name[o->n], "%s", schema);
    o->count[o->n++] = 1;
}

static embargo_status ftm_entity(load_ctx *ctx, json_t *e, long line, const ftm_sanctions *s, ftm_others *o) {
    const char *id = json_string_value(json_object_get(e, "id"));
    const char *schema = json_string_value(json_object_get(e, "schema"));
    if (!id || !*id || !schema) {
        load_skip(ctx, line, "the entity has no %s; skipped", !schema ? "\"schema\"" : "\"id\"");
        return EMBARGO_OK;
    }
    bool known;
    embargo_kind kind = ftm_kind(schema, &known);
    if (!known) {
        if (strcmp(schema, "Sanction") != 0) ftm_note_other(o, schema);
        return EMBARGO_OK;
    }
    draft *d = ctx->draft;
    draft_set_id(d, id);
    draft_set_kind(d, kind, schema);
    ftm_names(e, d);
    for (size_t i = 0; i < sizeof ftm_props / sizeof *ftm_props; i++) {
        size_t k;
        json_t *v;
        json_array_foreach(ftm_values(e, ftm_props[i].prop), k, v)
            if (json_is_string(v)) ftm_apply(ctx, d, &ftm_props[i], json_string_value(v), k == 0, line);
    }
    ftm_apply_sanctions(d, s, id);
    return load_commit(ctx, d, line);
}

static void ftm_report_others(load_ctx *ctx, const ftm_others *o) {
    if (!o->total) return;
    buf text;
    buf_init(&text);
    for (size_t i = 0; i < o->n; i++) buf_printf(&text, "%s%s %zu", i ? ", " : "", o->name[i], o->count[i]);
    load_warn(ctx, 0, "%zu entities of schemata that name no party were not loaded (%s)", o->total, buf_str(&text));
    buf_free(&text);
}

static embargo_status ftm_pass_entities(load_ctx *ctx, jsonl_reader *r, const ftm_sanctions *s) {
    ftm_others others = {0};
    embargo_status status = EMBARGO_OK;
    json_t *e;
    jsonl_result res;
    while (status == EMBARGO_OK && (res = jsonl_next(r, &e)) != JSONL_END) {
        if (res == JSONL_ERROR) return load_fail(ctx, r->line_no, EMBARGO_EIO, "%s", r->message);
        if (res == JSONL_TRUNCATED)
            return load_fail(ctx, r->line_no, EMBARGO_ETRUNCATED, "the last line is cut off: %s", r->message);
        if (res == JSONL_BAD) {
            load_skip(ctx, r->line_no, "%s; skipped", r->message);
            continue;
        }
        if (r->bad_utf8)
            load_warn(ctx, r->line_no, "%zu invalid UTF-8 sequences replaced by U+FFFD", r->bad_utf8);
        status = ftm_entity(ctx, e, r->line_no, s, &others);
        json_decref(e);
    }
    if (status == EMBARGO_OK) ftm_report_others(ctx, &others);
    return status;
}

static embargo_status ftm_load(load_ctx *ctx) {
    FILE *in = fopen(ctx->path, "rb");
    if (!in) return load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file");
    jsonl_reader r;
    jsonl_init(&r, in);
    ftm_sanctions sanctions = {0};
    embargo_status status = ftm_pass_sanctions(ctx, &r, &sanctions);
    if (status == EMBARGO_OK && !jsonl_rewind(&r)) status = load_fail(ctx, 0, EMBARGO_EIO, "cannot read the file again");
    if (status == EMBARGO_OK) status = ftm_pass_entities(ctx, &r, &sanctions);
    ftm_free_sanctions(&sanctions);
    jsonl_free(&r);
    fclose(in);
    return status;
}

/* The first line is an object with "schema" and "properties". */
static int ftm_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    json_t *first = jsonl_first_object(head, len);
    if (!first) /* a first line longer than HEAD: judge by its keys */
        return len > 0 && head[0] == '{' && !memchr(head, '\n', len) && memmem(head, len, "\"schema\"", 8) &&
               memmem(head, len, "\"properties\"", 12) ? 70 : 0;
    int score = json_is_string(json_object_get(first, "schema")) &&
                json_is_object(json_object_get(first, "properties")) ? 95 : 0;
    json_decref(first);
    return score;
}

const source_format source_ftm_json = {
    .id = "ftm-json",
    .short_name = "ftm",
    .authority = "OpenSanctions (FollowTheMoney)",
    .reference_only = false,
    .companion = false,
    .sniff = ftm_sniff,
    .load = ftm_load,
};
