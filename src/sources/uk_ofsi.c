/*
 * uk_ofsi.c - the UK HM Treasury OFSI Consolidated List (ConList), from the
 * .xlsx OFSI publishes or a CSV of it, read through table.h.
 *
 * Layout: a "Last Updated,14/04/2025" line, the header line, then one row
 * per name variant or address of a party. Group ID is the party, and rows of
 * one group need not be adjacent, so each group gets a draft, kept in a map
 * by Group ID, and the drafts are committed in first-seen order at the end
 * (memory follows the parties, not the rows). Every row repeats the party's
 * details, so everything added is deduplicated.
 *
 * Names: "Name 6" is the family name (or the whole name of an entity or
 * ship), "Name 1".."Name 5" the given names. Alias Type "Primary name" is
 * the primary name; "Primary name variation" and "AKA" are strong, or weak
 * when Alias Quality says "Low quality"; "FKA" is a former name. The few
 * groups with no "Primary name" row take their first variation as primary.
 * "Other Information" carries "(Key):value" statements (Gender, IMO number,
 * UN Ref, ...) that are read through the uk_info table; the whole text is
 * kept as remarks. Columns are found by header name.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sources/load.h"
#include "sources/table.h"
#include "util/buf.h"
#include "util/strmap.h"

/* ---- columns ---------------------------------------------------------- */

enum {
    UK_NAME6, UK_NAME1, UK_NAME2, UK_NAME3, UK_NAME4, UK_NAME5, UK_TITLE,
    UK_SCRIPT_NAME, UK_SCRIPT_TYPE, UK_SCRIPT_LANG, UK_DOB, UK_BIRTH_TOWN,
    UK_BIRTH_COUNTRY, UK_NATIONALITY, UK_PASSPORT, UK_PASSPORT_DETAILS,
    UK_NATIONAL_ID, UK_NATIONAL_ID_DETAILS, UK_POSITION, UK_ADDRESS1, UK_ADDRESS2,
    UK_ADDRESS3, UK_ADDRESS4, UK_ADDRESS5, UK_ADDRESS6, UK_POSTCODE, UK_COUNTRY,
    UK_OTHER, UK_GROUP_TYPE, UK_ALIAS_TYPE, UK_ALIAS_QUALITY, UK_REGIME,
    UK_LISTED_ON, UK_GROUP_ID, UK_COLUMNS
};

static const char *const uk_headers[UK_COLUMNS] = {
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title",
    "Name Non-Latin Script", "Non-Latin Script Type", "Non-Latin Script Language", "DOB",
    "Town of Birth", "Country of Birth", "Nationality", "Passport Number", "Passport Details",
    "National Identification Number", "National Identification Details", "Position",
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
    "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type",
    "Alias Quality", "Regime", "Listed On", "Group ID",
};

/* Columns without which the file is not a ConList. */
static const int uk_required[] = {UK_NAME6, UK_GROUP_ID, UK_ALIAS_TYPE};

/* ---- value tables ------------------------------------------------------- */

static const struct {
    const char *text;
    embargo_name_quality quality;
} uk_alias_types[] = {
    {"Primary name", EMBARGO_NAME_PRIMARY},
    {"Primary name variation", EMBARGO_NAME_STRONG},
    {"AKA", EMBARGO_NAME_STRONG},
    {"FKA", EMBARGO_NAME_FORMER},
};

/* Non-Latin Script Language to ISO 639-1. */
static const struct {
    const char *language;
    const char *code;
} uk_languages[] = {
    {"Russian", "ru"}, {"Persian", "fa"}, {"Persian/Farsi", "fa"}, {"Farsi", "fa"},
    {"Arabic", "ar"}, {"Belarusian", "be"}, {"Ukrainian", "uk"}, {"Chinese", "zh"},
    {"Georgian", "ka"}, {"Hebrew", "he"}, {"Korean", "ko"}, {"Bulgarian", "bg"},
    {"Thai", "th"}, {"Greek", "el"},
};

typedef enum {
    INFO_SKIP,       /* a known key whose value stays in the remarks only */
    INFO_ID,
    INFO_GENDER,
    INFO_LINK,
    INFO_FLAG,
    INFO_SHIP_TYPE,
    INFO_TONNAGE
} uk_info_kind;

/* "(Key):value" statements in Other Information. */
static const struct {
    const char *key;
    uk_info_kind kind;
    embargo_id_type id_type;
    const char *relation;
} uk_info[] = {
    {"UK Sanctions List Ref", INFO_ID, EMBARGO_ID_OTHER, NULL},
    {"UN Ref", INFO_ID, EMBARGO_ID_OTHER, NULL},
    {"Business Reg No", INFO_ID, EMBARGO_ID_REGISTRATION, NULL},
    {"IMO number", INFO_ID, EMBARGO_ID_IMO, NULL},
    {"Email address", INFO_ID, EMBARGO_ID_EMAIL, NULL},
    {"Website", INFO_ID, EMBARGO_ID_WEBSITE, NULL},
    {"Gender", INFO_GENDER, 0, NULL},
    {"Parent company", INFO_LINK, 0, "parent company"},
    {"Subsidiaries", INFO_LINK, 0, "subsidiary"},
    {"Current owners", INFO_LINK, 0, "owned by"},
    {"Flag of ship", INFO_FLAG, 0, NULL},
    {"Type of ship", INFO_SHIP_TYPE, 0, NULL},
    {"Tonnage of ship", INFO_TONNAGE, 0, NULL},
    {"UK Statement of Reasons", INFO_SKIP, 0, NULL},
    {"Phone number", INFO_SKIP, 0, NULL},
    {"Fax", INFO_SKIP, 0, NULL},
    {"Tel", INFO_SKIP, 0, NULL},
    {"Type of entity", INFO_SKIP, 0, NULL},
    {"Length of ship", INFO_SKIP, 0, NULL},
    {"Year built", INFO_SKIP, 0, NULL},
    {"Previous flags", INFO_SKIP, 0, NULL},
};
#define UK_INFO_COUNT (sizeof uk_info / sizeof *uk_info)

/* ---- the load's state ---------------------------------------------------- */

typedef struct {
    draft *d;
    char *id;              /* the Group ID, key of the map */
    long line;             /* first row, for messages */
    bool has_primary;
    bool warned_dob;
    char *fallback[3];     /* full, given, family of the first name variation */
} uk_group;

typedef struct {
    load_ctx *ctx;
    table_reader *t;
    long col[UK_COLUMNS];
    strmap by_id;
    uk_group *groups;
    size_t n_groups, cap_groups;
    buf scratch;
} uk_load;

static const char *uk_field(const uk_load *u, int c) {
    return u->col[c] < 0 ? "" : table_field(u->t, (size_t)u->col[c]);
}

/* A span of text: one item of a numbered list. */
typedef struct {
    const char *s;
    size_t n;
} span;

#define UK_MAX_ITEMS 32

static span trim_span(const char *s, size_t n) {
    while (n && (isspace((unsigned char)*s))) s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || strchr(".,;", s[n - 1]))) n--;
    if (n == 1 && *s == '-') n = 0; /* "(2) -" is a placeholder */
    return (span){s, n};
}

/*
 * Splits "(1) Tunisia (2) Morocco" into its items (an unnumbered text is one
 * item). Returns the number of spans in OUT.
 */
static size_t uk_split_numbered(const char *text, span *out) {
    while (isspace((unsigned char)*text)) text++;
    if (strncmp(text, "(1)", 3) != 0) {
        out[0] = trim_span(text, strlen(text));
        return out[0].n ? 1 : 0;
    }
    size_t n = 0;
    const char *pos = text + 3;
    for (int k = 2; n < UK_MAX_ITEMS; k++) {
        char marker[16];
        snprintf(marker, sizeof marker, "(%d)", k);
        const char *next = strstr(pos, marker);
        size_t len = next ? (size_t)(next - pos) : strlen(pos);
        out[n++] = trim_span(pos, len);
        if (!next) break;
        pos = next + strlen(marker);
    }
    return n;
}

/* A NUL-terminated copy of SP in U's scratch buffer (valid until the next call). */
static const char *span_text(uk_load *u, span sp) {
    buf_clear(&u->scratch);
    buf_append(&u->scratch, sp.s, sp.n);
    return buf_str(&u->scratch);
}

/* ---- groups --------------------------------------------------------------- */

static uk_group *uk_group_new(uk_load *u, const char *id, long line) {
    if (u->n_groups == u->cap_groups) {
        size_t cap = u->cap_groups ? u->cap_groups * 2 : 256;
        uk_group *grown = realloc(u->groups, cap * sizeof *grown);
        if (!grown) return NULL;
        u->groups = grown;
        u->cap_groups = cap;
    }
    uk_group *g = &u->groups[u->n_groups];
    memset(g, 0, sizeof *g);
    g->d = draft_new();
    g->id = strdup(id);
    g->line = line;
    if (!g->d || !g->id || !strmap_put(&u->by_id, g->id, u->n_groups)) {
        draft_free(g->d);
        free(g->id);
        return NULL;
    }
    u->n_groups++;
    draft_set_id(g->d, id);
    embargo_kind kind = embargo_kind_parse(uk_field(u, UK_GROUP_TYPE));
    draft_set_kind(g->d, kind, draft_text(g->d, uk_field(u, UK_GROUP_TYPE)));
    return g;
}

/* The group of Group ID ID, made on first sight; NULL when out of memory. */
static uk_group *uk_group_for(uk_load *u, const char *id, long line) {
    size_t i;
    if (strmap_get(&u->by_id, id, &i)) return &u->groups[i];
    return uk_group_new(u, id, line);
}

static void uk_group_free(uk_group *g) {
    draft_free(g->d);
    free(g->id);
    for (int i = 0; i < 3; i++) free(g->fallback[i]);
}

/* ---- one row's fields ---------------------------------------------------- */

static embargo_name_quality uk_quality(uk_load *u, long line, bool *known) {
    const char *type = uk_field(u, UK_ALIAS_TYPE);
    embargo_name_quality q = EMBARGO_NAME_STRONG;
    *known = false;
    for (size_t i = 0; i < sizeof uk_alias_types / sizeof *uk_alias_types; i++)
        if (table_field_is(u->t, (size_t)u->col[UK_ALIAS_TYPE], uk_alias_types[i].text)) {
            q = uk_alias_types[i].quality;
            *known = true;
        }
    if (!*known && *type) load_warn(u->ctx, line, "unknown Alias Type \"%.40s\"; read as an a.k.a.", type);
    if (q == EMBARGO_NAME_STRONG && u->col[UK_ALIAS_QUALITY] >= 0 &&
        table_field_is(u->t, (size_t)u->col[UK_ALIAS_QUALITY], "Low quality"))
        q = EMBARGO_NAME_WEAK;
    return q;
}

static const char *uk_language_code(const uk_load *u) {
    for (size_t i = 0; u->col[UK_SCRIPT_LANG] >= 0 && i < sizeof uk_languages / sizeof *uk_languages; i++)
        if (table_field_is(u->t, (size_t)u->col[UK_SCRIPT_LANG], uk_languages[i].language))
            return uk_languages[i].code;
    return NULL;
}

/* Joins the non-empty columns FIRST..LAST with SEP into B. */
static void uk_join(const uk_load *u, buf *b, int first, int last, const char *sep) {
    buf_clear(b);
    for (int c = first; c <= last; c++) {
        const char *f = uk_field(u, c);
        span sp = trim_span(f, strlen(f));
        if (!sp.n) continue;
        if (b->len) buf_puts(b, sep);
        buf_append(b, sp.s, sp.n);
    }
}

static void uk_remember_fallback(uk_group *g, const char *full, const char *given, const char *family) {
    if (g->fallback[0] || g->fallback[1] || g->fallback[2]) return;
    g->fallback[0] = full ? strdup(full) : NULL;
    g->fallback[1] = given ? strdup(given) : NULL;
    g->fallback[2] = family ? strdup(family) : NULL;
}

static void uk_add_names(uk_load *u, uk_group *g, long line) {
    bool known;
    embargo_name_quality q = uk_quality(u, line, &known);
    buf given;
    buf_init(&given);
    uk_join(u, &given, UK_NAME1, UK_NAME5, " ");
    const char *family = uk_field(u, UK_NAME6);
    bool person = draft_kind(g->d) == EMBARGO_KIND_PERSON;
    if (person) {
        draft_add_name_parts(g->d, NULL, given.len ? given.data : NULL, family, NULL, q, false, NULL);
    } else {
        if (given.len) buf_putc(&given, ' ');
        buf_puts(&given, family);
        draft_add_name(g->d, buf_str(&given), q);
    }
    if (q == EMBARGO_NAME_PRIMARY) g->has_primary = true;
    else if (person) uk_remember_fallback(g, NULL, given.len ? given.data : NULL, family);
    else uk_remember_fallback(g, buf_str(&given), NULL, NULL);
    buf_free(&given);
    const char *script = uk_field(u, UK_SCRIPT_NAME);
    if (*script)
        draft_add_name_parts(g->d, script, NULL, NULL, NULL, EMBARGO_NAME_STRONG, true, uk_language_code(u));
}

static void uk_add_birth(uk_load *u, uk_group *g, long line) {
    const char *text = uk_field(u, UK_DOB);
    if (!*text) return;
    embargo_date date;
    if (date_parse(text, DATE_DAY_FIRST, &date)) {
        draft_add_birth(g->d, &date);
    } else if (!g->warned_dob) {
        g->warned_dob = true;
        load_warn(u->ctx, line, "group %s: date of birth \"%.40s\" not understood", g->id, text);
    }
}

static bool has_birth_place(draft *d, const char *text) {
    const char *clean = draft_text(d, text);
    const embargo_entity *e = draft_entity(d);
    for (size_t i = 0; clean && i < e->n_birth_places; i++)
        if (strcmp(e->birth_places[i].text, clean) == 0) return true;
    return false;
}

/* "(1) Tunis (2) Sfax" with "(1) Tunisia (2) Tunisia": places paired by number. */
static void uk_add_birth_places(uk_load *u, uk_group *g) {
    span towns[UK_MAX_ITEMS], countries[UK_MAX_ITEMS];
    size_t nt = uk_split_numbered(uk_field(u, UK_BIRTH_TOWN), towns);
    size_t nc = uk_split_numbered(uk_field(u, UK_BIRTH_COUNTRY), countries);
    buf place;
    buf_init(&place);
    for (size_t i = 0; i < (nt > nc ? nt : nc); i++) {
        buf_clear(&place);
        if (i < nt && towns[i].n) buf_append(&place, towns[i].s, towns[i].n);
        if (i < nc && countries[i].n) {
            if (place.len) buf_puts(&place, ", ");
            buf_append(&place, countries[i].s, countries[i].n);
        }
        if (place.len && !has_birth_place(g->d, place.data)) draft_add_birth_place(g->d, place.data);
    }
    buf_free(&place);
}

static void uk_add_nationalities(uk_load *u, uk_group *g) {
    span items[UK_MAX_ITEMS];
    size_t n = uk_split_numbered(uk_field(u, UK_NATIONALITY), items);
    for (size_t i = 0; i < n; i++)
        if (items[i].n) draft_add_nationality(g->d, span_text(u, items[i]));
}

/* Numbers in column NUMBER, each with its note from column DETAILS (paired by number). */
static void uk_add_documents(uk_load *u, uk_group *g, int number, int details,
                             embargo_id_type type, const char *label) {
    span nums[UK_MAX_ITEMS], notes[UK_MAX_ITEMS];
    size_t n = uk_split_numbered(uk_field(u, number), nums);
    size_t m = uk_split_numbered(uk_field(u, details), notes);
    for (size_t i = 0; i < n; i++) {
        if (!nums[i].n) continue;
        char *note = NULL;
        if (m == n && notes[i].n) note = strndup(notes[i].s, notes[i].n);
        else if (m && n == 1) note = strdup(uk_field(u, details));
        draft_add_identifier(g->d, type, span_text(u, nums[i]), label, NULL, note);
        free(note);
    }
}

static bool has_address(draft *d, const char *text, const char *country) {
    const char *clean = draft_text(d, text), *clean_country = draft_text(d, country);
    const embargo_entity *e = draft_entity(d);
    for (size_t i = 0; i < e->n_addresses; i++) {
        const embargo_address *a = &e->addresses[i];
        bool same_text = (!clean && !a->text) || (clean && a->text && strcmp(clean, a->text) == 0);
        bool same_country = (!clean_country && !a->country_text) ||
                            (clean_country && a->country_text && strcmp(clean_country, a->country_text) == 0);
        if (same_text && same_country) return true;
    }
    return false;
}

static void uk_add_address(uk_load *u, uk_group *g) {
    buf text;
    buf_init(&text);
    uk_join(u, &text, UK_ADDRESS1, UK_POSTCODE, ", ");
    const char *country = uk_field(u, UK_COUNTRY);
    const char *t = text.len ? text.data : NULL;
    if ((t || *country) && !has_address(g->d, t, country))
        draft_add_address(g->d, t, NULL, *country ? country : NULL);
    buf_free(&text);
}

/* ---- Other Information ------------------------------------------------------ */

/* The uk_info entry whose "(Key):" starts at S, or -1; *LEN gets the marker's length. */
static int uk_info_at(const char *s, size_t *len) {
    if (*s != '(') return -1;
    for (size_t i = 0; i < UK_INFO_COUNT; i++) {
        size_t k = strlen(uk_info[i].key);
        if (strncasecmp(s + 1, uk_info[i].key, k) == 0 && s[k + 1] == ')' && s[k + 2] == ':') {
            *len = k + 3;
            return (int)i;
        }
    }
    return -1;
}

/*
 * Identifiers in one item of a "(Key):value": the first word for a
 * reference ("RUS0251. Financial sanctions ..." is RUS0251), every word for
 * e-mail addresses and websites.
 */
static void uk_info_ids(uk_group *g, int key, span item) {
    embargo_id_type type = uk_info[key].id_type;
    bool every = type == EMBARGO_ID_EMAIL || type == EMBARGO_ID_WEBSITE;
    const char *p = item.s, *end = item.s + item.n;
    while (p < end) {
        while (p < end && (isspace((unsigned char)*p) || *p == ',' || *p == ';')) p++;
        const char *w = p;
        while (p < end && !isspace((unsigned char)*p) && *p != ',' && *p != ';') p++;
        span word = trim_span(w, (size_t)(p - w));
        if (word.n) {
            char *one = strndup(word.s, word.n);
            if (one) draft_add_identifier(g->d, type, one, uk_info[key].key, NULL, NULL);
            free(one);
            if (!every) return;
        }
    }
}

static void uk_info_value(uk_load *u, uk_group *g, int key, span value) {
    draft *d = g->d;
    const char *text = span_text(u, value);
    span items[UK_MAX_ITEMS];
    size_t n;
    switch (uk_info[key].kind) {
    case INFO_ID:
        n = uk_split_numbered(text, items);
        for (size_t i = 0; i < n; i++) uk_info_ids(g, key, items[i]);
        break;
    case INFO_GENDER:
        if (strcasecmp(text, "male") == 0) draft_set_gender(d, EMBARGO_GENDER_MALE);
        else if (strcasecmp(text, "female") == 0) draft_set_gender(d, EMBARGO_GENDER_FEMALE);
        break;
    case INFO_LINK: {
        const embargo_entity *e = draft_entity(d);
        const char *clean = draft_text(d, text);
        for (size_t i = 0; clean && i < e->n_links; i++)
            if (strcmp(e->links[i].name, clean) == 0) return;
        draft_add_link(d, uk_info[key].relation, text);
        break;
    }
    case INFO_FLAG: draft_set_vessel(d, text, NULL, NULL); break;
    case INFO_SHIP_TYPE: draft_set_vessel(d, NULL, text, NULL); break;
    case INFO_TONNAGE: draft_set_vessel(d, NULL, NULL, text); break;
    case INFO_SKIP: break;
    }
}

static void uk_add_other_info(uk_load *u, uk_group *g) {
    const char *text = uk_field(u, UK_OTHER);
    if (!*text) return;
    const char *remarks = draft_entity(g->d)->remarks;
    if (remarks && strstr(remarks, text)) return; /* the same text on another row */
    draft_add_remarks(g->d, text);
    int key = -1;
    const char *value = NULL;
    for (const char *p = text;; p++) {
        size_t len = 0;
        int next = *p ? uk_info_at(p, &len) : -1;
        if (next < 0 && *p) continue;
        if (key >= 0) uk_info_value(u, g, key, trim_span(value, (size_t)(p - value)));
        if (!*p) break;
        key = next;
        value = p + len;
        p += len - 1;
    }
}

static void uk_add_listing(uk_load *u, uk_group *g, long line) {
    draft_add_program(g->d, uk_field(u, UK_REGIME));
    const char *listed = uk_field(u, UK_LISTED_ON);
    embargo_date date;
    if (*listed && draft_entity(g->d)->listed.from.year == 0) {
        if (date_parse(listed, DATE_DAY_FIRST, &date)) draft_set_listed(g->d, &date);
        else load_warn(u->ctx, line, "group %s: listing date \"%.40s\" not understood", g->id, listed);
    }
}

static embargo_status uk_row(uk_load *u) {
    long line = table_line(u->t);
    const char *raw = uk_field(u, UK_GROUP_ID);
    span id = trim_span(raw, strlen(raw));
    if (!id.n) {
        load_skip(u->ctx, line, "row without a Group ID; skipped");
        return EMBARGO_OK;
    }
    uk_group *g = uk_group_for(u, span_text(u, id), line);
    if (!g) return EMBARGO_ENOMEM;
    uk_add_names(u, g, line);
    draft_add_title(g->d, uk_field(u, UK_TITLE));
    draft_add_title(g->d, uk_field(u, UK_POSITION));
    uk_add_birth(u, g, line);
    uk_add_birth_places(u, g);
    uk_add_nationalities(u, g);
    uk_add_documents(u, g, UK_PASSPORT, UK_PASSPORT_DETAILS, EMBARGO_ID_PASSPORT, "Passport");
    uk_add_documents(u, g, UK_NATIONAL_ID, UK_NATIONAL_ID_DETAILS, EMBARGO_ID_NATIONAL,
                     "National Identification Number");
    uk_add_address(u, g);
    uk_add_other_info(u, g);
    uk_add_listing(u, g, line);
    return draft_failed(g->d) ? EMBARGO_ENOMEM : EMBARGO_OK;
}

/* ---- the file --------------------------------------------------------------- */

#define UK_HEADER_ROWS 5   /* the header is looked for in the first rows */

/* Reads up to the header, taking the publication date on the way. */
static embargo_status uk_header(uk_load *u) {
    for (int row = 0; row < UK_HEADER_ROWS; row++) {
        table_result res = table_next(u->t);
        if (res == TABLE_ERROR)
            return load_fail(u->ctx, table_line(u->t), EMBARGO_EFORMAT, "%s", table_error(u->t));
        if (res == TABLE_END) break;
        if (table_field_is(u->t, 0, "Last Updated")) {
            embargo_date date;
            char iso[32];
            if (date_parse(table_field(u->t, 1), DATE_DAY_FIRST, &date))
                load_set_published(u->ctx, embargo_date_format(&date, iso, sizeof iso));
            continue;
        }
        table_map(u->t, uk_headers, UK_COLUMNS, u->col);
        bool complete = true;
        for (size_t i = 0; i < sizeof uk_required / sizeof *uk_required; i++)
            if (u->col[uk_required[i]] < 0) complete = false;
        if (complete) return EMBARGO_OK;
    }
    return load_fail(u->ctx, 0, EMBARGO_EFORMAT,
                     "no OFSI header (Name 6, ..., Alias Type, Group ID) in the first %d rows",
                     UK_HEADER_ROWS);
}

static embargo_status uk_rows(uk_load *u) {
    table_result res;
    embargo_status status = EMBARGO_OK;
    while (status == EMBARGO_OK && (res = table_next(u->t)) == TABLE_RECORD) status = uk_row(u);
    if (status == EMBARGO_OK && res == TABLE_ERROR)
        status = load_fail(u->ctx, table_line(u->t), EMBARGO_EFORMAT, "%s", table_error(u->t));
    return status;
}

static embargo_status uk_commit_groups(uk_load *u) {
    embargo_status status = EMBARGO_OK;
    for (size_t i = 0; i < u->n_groups && status == EMBARGO_OK; i++) {
        uk_group *g = &u->groups[i];
        if (!g->has_primary && (g->fallback[0] || g->fallback[1] || g->fallback[2]))
            draft_add_name_parts(g->d, g->fallback[0], g->fallback[1], g->fallback[2], NULL,
                                 EMBARGO_NAME_PRIMARY, false, NULL);
        status = load_commit(u->ctx, g->d, g->line);
    }
    return status;
}

static embargo_status uk_load_file(load_ctx *ctx) {
    char *error = NULL;
    uk_load u = {.ctx = ctx};
    u.t = table_open(ctx->path, TABLE_FULL, &error);
    if (!u.t) {
        embargo_status s = load_fail(ctx, 0, EMBARGO_EFORMAT, "%s", error ? error : "cannot open");
        free(error);
        return s;
    }
    strmap_init(&u.by_id);
    buf_init(&u.scratch);
    embargo_status status = uk_header(&u);
    if (status == EMBARGO_OK) status = uk_rows(&u);
    if (status == EMBARGO_OK) status = uk_commit_groups(&u);
    for (size_t i = 0; i < u.n_groups; i++) uk_group_free(&u.groups[i]);
    free(u.groups);
    strmap_free(&u.by_id);
    buf_free(&u.scratch);
    table_close(u.t);
    return status;
}

static int uk_sniff(const char *path, const char *head, size_t len) {
    static const char *const names[] = {"Name 6", "Alias Type", "Group ID"};
    return table_head_has(path, head, len, names, 3, UK_HEADER_ROWS) ? 95 : 0;
}

const source_format source_uk_ofsi = {
    .id = "uk-ofsi",
    .short_name = "uk",
    .authority = "UK HM Treasury OFSI",
    .sniff = uk_sniff,
    .load = uk_load_file,
};
