/*
 * senzing_json.c - records in the Senzing entity specification, as JSON
 * Lines: {"DATA_SOURCE", "RECORD_ID", "RECORD_TYPE", "NAMES": [{"NAME_TYPE",
 * "NAME_FULL" | "NAME_ORG" | "NAME_FIRST"/"NAME_LAST"...}], "DATES":
 * [{"DATE_OF_BIRTH"}], "COUNTRIES": [{"NATIONALITY"}], "IDENTIFIERS": [...],
 * ...}. Used for reference populations (OpenSanctions' us_congress set: real,
 * unsanctioned people to measure false positives), so every record and every
 * name must load: nothing here drops a name it does not understand.
 *
 * Design: Senzing lets a record put its attributes either at the top level
 * ("DATE_OF_BIRTH": "1972") or in any list of objects, whatever the list is
 * called ("DATES", "NAMES", "HOME_ADDRESSES"...). So each top-level string
 * belongs to the record's own group and each object of each top-level list
 * is a group;
 * the attributes of a group are gathered into sz_group (name parts,
 * address parts, id number with its type and country) and then added.
 * Attributes are recognised by the end of their name (sz_attrs[]): a
 * prefix before it is Senzing's usage label ("PRIMARY_NAME_ORG",
 * "HOME_ADDR_LINE1"), and for names it is read as the name type.
 *
 * Two streaming passes: the first checks whether DATA_SOURCE is the same on
 * every record, since the source must be named before the first entity is
 * added: "OS_US_CONGRESS" becomes "us_congress" (lower case, without the
 * "OS_" OpenSanctions prefix); mixed or absent data sources give "senzing".
 * RECORD_TYPE PERSON / ORGANIZATION gives the kind; a record without one
 * (us_congress has two: the positions "United States senator" and
 * "... representative") is loaded as kind unknown.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "sources/jsonl.h"
#include "sources/load.h"
#include "util/buf.h"

typedef enum {
    SZ_NAME_FULL, SZ_NAME_ORG, SZ_NAME_FIRST, SZ_NAME_MIDDLE, SZ_NAME_LAST, SZ_NAME_TYPE,
    SZ_BIRTH, SZ_NATIONALITY, SZ_CITIZENSHIP, SZ_COUNTRY, SZ_GENDER, SZ_PLACE_OF_BIRTH,
    SZ_ADDR_FULL, SZ_ADDR_LINE, SZ_ADDR_CITY, SZ_ADDR_STATE, SZ_ADDR_POSTAL, SZ_ADDR_COUNTRY,
    SZ_ID_NUMBER, SZ_ID_TYPE, SZ_ID_COUNTRY,
} sz_role;

typedef struct {
    const char *suffix;
    sz_role role;
    int id_type;               /* for SZ_ID_NUMBER */
    const char *label;         /* for SZ_ID_NUMBER */
} sz_attr;

/* Longer suffixes first where one ends another ("NAME_FULL" vs "ADDR_FULL"). */
static const sz_attr sz_attrs[] = {
    {"NAME_FULL", SZ_NAME_FULL, 0, NULL},
    {"NAME_ORG", SZ_NAME_ORG, 0, NULL},
    {"NAME_FIRST", SZ_NAME_FIRST, 0, NULL},
    {"NAME_MIDDLE", SZ_NAME_MIDDLE, 0, NULL},
    {"NAME_LAST", SZ_NAME_LAST, 0, NULL},
    {"NAME_TYPE", SZ_NAME_TYPE, 0, NULL},
    {"DATE_OF_BIRTH", SZ_BIRTH, 0, NULL},
    {"PLACE_OF_BIRTH", SZ_PLACE_OF_BIRTH, 0, NULL},
    {"NATIONALITY", SZ_NATIONALITY, 0, NULL},
    {"CITIZENSHIP", SZ_CITIZENSHIP, 0, NULL},
    {"COUNTRY_OF_ASSOCIATION", SZ_COUNTRY, 0, NULL},
    {"REGISTRATION_COUNTRY", SZ_COUNTRY, 0, NULL},
    {"GENDER", SZ_GENDER, 0, NULL},
    {"ADDR_FULL", SZ_ADDR_FULL, 0, NULL},
    {"ADDR_LINE1", SZ_ADDR_LINE, 0, NULL},
    {"ADDR_LINE2", SZ_ADDR_LINE, 0, NULL},
    {"ADDR_LINE3", SZ_ADDR_LINE, 0, NULL},
    {"ADDR_CITY", SZ_ADDR_CITY, 0, NULL},
    {"ADDR_STATE", SZ_ADDR_STATE, 0, NULL},
    {"ADDR_POSTAL_CODE", SZ_ADDR_POSTAL, 0, NULL},
    {"ADDR_COUNTRY", SZ_ADDR_COUNTRY, 0, NULL},
    {"PASSPORT_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_PASSPORT, "Passport"},
    {"PASSPORT_COUNTRY", SZ_ID_COUNTRY, 0, NULL},
    {"NATIONAL_ID_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_NATIONAL, "National ID"},
    {"NATIONAL_ID_COUNTRY", SZ_ID_COUNTRY, 0, NULL},
    {"SSN_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_NATIONAL, "SSN"},
    {"TAX_ID_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_TAX, "Tax ID"},
    {"TAX_ID_COUNTRY", SZ_ID_COUNTRY, 0, NULL},
    {"DRIVERS_LICENSE_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_OTHER, "Driver's licence"},
    {"LEI_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_OTHER, "LEI"},
    {"DUNS_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_REGISTRATION, "DUNS"},
    {"OTHER_ID_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_OTHER, NULL},
    {"OTHER_ID_TYPE", SZ_ID_TYPE, 0, NULL},
    {"OTHER_ID_COUNTRY", SZ_ID_COUNTRY, 0, NULL},
    {"TRUSTED_ID_NUMBER", SZ_ID_NUMBER, EMBARGO_ID_OTHER, NULL},
    {"TRUSTED_ID_TYPE", SZ_ID_TYPE, 0, NULL},
    {"EMAIL_ADDRESS", SZ_ID_NUMBER, EMBARGO_ID_EMAIL, "Email"},
    {"WEBSITE_ADDRESS", SZ_ID_NUMBER, EMBARGO_ID_WEBSITE, "Website"},
};

#define SZ_MAX_LINES 4

/* The attributes of one group (one object of a list, or one top-level string). */
typedef struct {
    const char *name_full, *name_first, *name_middle, *name_last, *name_type;
    char name_prefix[32];        /* usage label before NAME_*, e.g. "PRIMARY" */
    bool name_org;
    const char *addr_full, *addr_line[SZ_MAX_LINES], *addr_city, *addr_state, *addr_postal, *addr_country;
    size_t n_lines;
    const char *id_number, *id_type, *id_country, *id_label;
    int id_kind;
} sz_group;

/* The attribute KEY ends in, with its prefix length in *PREFIX, or NULL. */
static const sz_attr *sz_attr_of(const char *key, size_t *prefix) {
    size_t klen = strlen(key);
    for (size_t i = 0; i < sizeof sz_attrs / sizeof *sz_attrs; i++) {
        size_t slen = strlen(sz_attrs[i].suffix);
        if (klen < slen || strcmp(key + klen - slen, sz_attrs[i].suffix) != 0) continue;
        if (klen > slen && key[klen - slen - 1] != '_') continue;
        *prefix = klen > slen ? klen - slen - 1 : 0;
        return &sz_attrs[i];
    }
    return NULL;
}

static void sz_add_date(load_ctx *ctx, draft *d, const char *v, long line) {
    embargo_date date;
    if (date_parse(v, DATE_DAY_FIRST, &date)) draft_add_birth(d, &date);
    else load_warn(ctx, line, "record %s: date of birth '%s' not understood", draft_id(d), v);
}

/* Reads attribute KEY = V into G, or adds it to D at once when it stands alone. */
static void sz_attribute(load_ctx *ctx, draft *d, sz_group *g, const char *key, const char *v, long line) {
    size_t prefix;
    const sz_attr *a = sz_attr_of(key, &prefix);
    if (!a || !*v) return;
    switch (a->role) {
    case SZ_NAME_ORG: g->name_org = true; /* fall through */
    case SZ_NAME_FULL:
        g->name_full = v;
        if (prefix) snprintf(g->name_prefix, sizeof g->name_prefix, "%.*s", (int)prefix, key);
        break;
    case SZ_NAME_FIRST: g->name_first = v; break;
    case SZ_NAME_MIDDLE: g->name_middle = v; break;
    case SZ_NAME_LAST: g->name_last = v; break;
    case SZ_NAME_TYPE: g->name_type = v; break;
    case SZ_BIRTH: sz_add_date(ctx, d, v, line); break;
    case SZ_PLACE_OF_BIRTH: draft_add_birth_place(d, v); break;
    case SZ_NATIONALITY: draft_add_nationality(d, v); break;
    case SZ_CITIZENSHIP: draft_add_citizenship(d, v); break;
    case SZ_COUNTRY: draft_add_country(d, v); break;
    case SZ_GENDER:
        if (toupper((unsigned char)v[0]) == 'M') draft_set_gender(d, EMBARGO_GENDER_MALE);
        else if (toupper((unsigned char)v[0]) == 'F') draft_set_gender(d, EMBARGO_GENDER_FEMALE);
        break;
    case SZ_ADDR_FULL: g->addr_full = v; break;
    case SZ_ADDR_LINE: if (g->n_lines < SZ_MAX_LINES) g->addr_line[g->n_lines++] = v; break;
    case SZ_ADDR_CITY: g->addr_city = v; break;
    case SZ_ADDR_STATE: g->addr_state = v; break;
    case SZ_ADDR_POSTAL: g->addr_postal = v; break;
    case SZ_ADDR_COUNTRY: g->addr_country = v; break;
    case SZ_ID_NUMBER:
        g->id_number = v;
        g->id_kind = a->id_type;
        g->id_label = a->label;
        break;
    case SZ_ID_TYPE: g->id_type = v; break;
    case SZ_ID_COUNTRY: g->id_country = v; break;
    }
}

static embargo_name_quality sz_quality(const sz_group *g) {
    const char *type = g->name_type ? g->name_type : g->name_prefix;
    if (!*type || strcasecmp(type, "PRIMARY") == 0) return EMBARGO_NAME_PRIMARY;
    if (strcasecmp(type, "FORMER") == 0 || strcasecmp(type, "FKA") == 0) return EMBARGO_NAME_FORMER;
    return EMBARGO_NAME_STRONG;
}

/* Adds what a finished group describes: a name, an address, an identifier. */
static void sz_flush(draft *d, sz_group *g) {
    if (g->name_full || g->name_first || g->name_last) {
        const char *given = g->name_first;
        buf joined;
        buf_init(&joined);
        if (g->name_first && g->name_middle) {
            buf_printf(&joined, "%s %s", g->name_first, g->name_middle);
            given = buf_str(&joined);
        }
        draft_add_name_parts(d, g->name_full, given, g->name_last, NULL, sz_quality(g), false, NULL);
        buf_free(&joined);
    }
    if (g->addr_full || g->n_lines || g->addr_city) {
        buf line;
        buf_init(&line);
        const char *parts[SZ_MAX_LINES + 3] = {0};
        size_t n = 0;
        if (g->addr_full) parts[n++] = g->addr_full;
        for (size_t i = 0; i < g->n_lines; i++) parts[n++] = g->addr_line[i];
        if (!g->addr_full) parts[n++] = g->addr_state, parts[n++] = g->addr_postal;
        for (size_t i = 0; i < n; i++)
            if (parts[i]) buf_printf(&line, "%s%s", line.len ? ", " : "", parts[i]);
        draft_add_address(d, line.len ? buf_str(&line) : NULL, g->addr_city, g->addr_country);
        buf_free(&line);
    } else if (g->addr_country) {
        draft_add_address(d, NULL, NULL, g->addr_country);
    }
    if (g->id_number)
        draft_add_identifier(d, (embargo_id_type)g->id_kind, g->id_number,
                             g->id_type ? g->id_type : g->id_label, g->id_country, NULL);
    memset(g, 0, sizeof *g);
}

static embargo_kind sz_kind(const char *type) {
    if (!type) return EMBARGO_KIND_UNKNOWN;
    if (strcasecmp(type, "PERSON") == 0) return EMBARGO_KIND_PERSON;
    if (strcasecmp(type, "ORGANIZATION") == 0) return EMBARGO_KIND_ORGANIZATION;
    return embargo_kind_parse(type);
}

static embargo_status sz_record(load_ctx *ctx, json_t *rec, long line) {
    json_t *rid = json_object_get(rec, "RECORD_ID");
    char number[32];
    const char *id = json_string_value(rid);
    if (json_is_integer(rid)) {
        snprintf(number, sizeof number, "%lld", (long long)json_integer_value(rid));
        id = number;
    }
    if (!id || !*id) {
        load_skip(ctx, line, "the record has no RECORD_ID; skipped");
        return EMBARGO_OK;
    }
    draft *d = ctx->draft;
    draft_set_id(d, id);
    const char *type = json_string_value(json_object_get(rec, "RECORD_TYPE"));
    draft_set_kind(d, sz_kind(type), type);
    const char *key;
    json_t *value;
    sz_group root = {0}, g = {0};
    json_object_foreach(rec, key, value) {
        if (json_is_string(value)) {
            sz_attribute(ctx, d, &root, key, json_string_value(value), line);
        } else if (json_is_array(value)) {
            size_t i;
            json_t *item;
            json_array_foreach(value, i, item) {
                if (!json_is_object(item)) continue;
                const char *k;
                json_t *v;
                json_object_foreach(item, k, v)
                    if (json_is_string(v)) sz_attribute(ctx, d, &g, k, json_string_value(v), line);
                sz_flush(d, &g);
            }
        }
    }
    sz_flush(d, &root);
    return load_commit(ctx, d, line);
}

/* Pass 1: the source name, from DATA_SOURCE when every record has the same. */
static embargo_status sz_name_source(load_ctx *ctx, jsonl_reader *r) {
    char *common = NULL;
    bool mixed = false;
    json_t *rec;
    jsonl_result res;
    while (!mixed && (res = jsonl_next(r, &rec)) != JSONL_END) {
        if (res == JSONL_ERROR) {
            free(common);
            return load_fail(ctx, r->line_no, EMBARGO_EIO, "%s", r->message);
        }
        if (res != JSONL_OBJECT) continue;
        const char *ds = json_string_value(json_object_get(rec, "DATA_SOURCE"));
        if (!ds || !*ds) mixed = true;
        else if (!common) common = strdup(ds);
        else if (strcmp(common, ds) != 0) mixed = true;
        json_decref(rec);
    }
    char name[64] = "senzing";
    if (common && !mixed) {
        const char *s = strncasecmp(common, "OS_", 3) == 0 && common[3] ? common + 3 : common;
        size_t n = 0;
        for (; *s && n + 1 < sizeof name; s++)
            name[n++] = isalnum((unsigned char)*s) || *s == '-' ? (char)tolower((unsigned char)*s) : '_';
        name[n] = '\0';
    }
    free(common);
    load_name_source(ctx, name);
    return EMBARGO_OK;
}

static embargo_status sz_load(load_ctx *ctx) {
    FILE *in = fopen(ctx->path, "rb");
    if (!in) return load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file");
    jsonl_reader r;
    jsonl_init(&r, in);
    embargo_status status = sz_name_source(ctx, &r);
    if (status == EMBARGO_OK && !jsonl_rewind(&r)) status = load_fail(ctx, 0, EMBARGO_EIO, "cannot read the file again");
    json_t *rec;
    jsonl_result res;
    while (status == EMBARGO_OK && (res = jsonl_next(&r, &rec)) != JSONL_END) {
        if (res == JSONL_ERROR) status = load_fail(ctx, r.line_no, EMBARGO_EIO, "%s", r.message);
        else if (res == JSONL_TRUNCATED)
            status = load_fail(ctx, r.line_no, EMBARGO_ETRUNCATED, "the last line is cut off: %s", r.message);
        else if (res == JSONL_BAD) load_skip(ctx, r.line_no, "%s; skipped", r.message);
        else {
            if (r.bad_utf8)
                load_warn(ctx, r.line_no, "%zu invalid UTF-8 sequences replaced by U+FFFD", r.bad_utf8);
            status = sz_record(ctx, rec, r.line_no);
            json_decref(rec);
        }
    }
    jsonl_free(&r);
    fclose(in);
    return status;
}

/* The first line is an object with DATA_SOURCE, RECORD_ID or NAMES. */
static int sz_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    json_t *first = jsonl_first_object(head, len);
    if (!first) /* a first line longer than HEAD: judge by its keys */
        return len > 0 && head[0] == '{' && !memchr(head, '\n', len) && memmem(head, len, "\"RECORD_ID\"", 11) &&
               memmem(head, len, "\"DATA_SOURCE\"", 13) ? 70 : 0;
    int hits = (json_object_get(first, "DATA_SOURCE") != NULL) + (json_object_get(first, "RECORD_ID") != NULL) +
               (json_object_get(first, "NAMES") != NULL);
    json_decref(first);
    return hits >= 2 ? 95 : hits == 1 ? 60 : 0;
}

const source_format source_senzing_json = {
    .id = "senzing-json",
    .short_name = "senzing",
    .authority = "Senzing JSON (reference data)",
    .reference_only = true,
    .companion = false,
    .sniff = sz_sniff,
    .load = sz_load,
};
