/*
 * eu_oj.c - OpenSanctions' transcriptions of the EU Official Journal annexes:
 * one CSV per regulation (269/2014 asset freezes, 2017/1509 DPRK, 833/2014
 * Russia sectoral), one row per annex entry, 45 columns named after
 * FollowTheMoney properties (celex, recordId, programKey, annex, name, alias,
 * birthDate, passportNumber, ...).
 *
 * Design: the header row binds each known column to a role through
 * eu_oj_columns[] (order does not matter, unknown columns are ignored, the
 * few required ones are checked). Rows stream through csv.h. Multi-valued
 * cells are split on "; ".
 *
 * Ids: the entry's number is only unique within an annex (record 1 of annex
 * XIII.A and record 1 of XIII.B are different parties), so the id is
 * "ANNEX-RECORD", e.g. "I.PERSONS-669". Entries without a number (vessels
 * and some 833 annexes) use "ANNEX-imoNNNNNNN" when they have an IMO number,
 * else "ANNEX-h" and an FNV-1a hash of the name. A clash (the same entry
 * twice) gets "-2", "-3" in order of appearance.
 *
 * The source is named after the regulation the file holds ("eu-269",
 * "eu-1509", "eu-833"), read from the first row's celex number, else from
 * the file name, else "eu-oj".
 *
 * Names: the publisher printed Cyrillic stress marks as spaces ("Влади мир
 * Влади мирович ПУ ТИН"). The name is kept as written and a repaired alias
 * is added for person names where a space is judged to split a word: the
 * fragment before it ends in a Cyrillic vowel (the stressed letter) and
 * either the fragment after it starts in lower case while the one before
 * starts in upper case (a new name word would be capitalised; particles such
 * as "оглы" are excluded), or both fragments are upper case and the one
 * before is one or two letters long. Measured against the FSF projection,
 * which writes the stress as U+0301: of 2548 Cyrillic person names in
 * 32014R0269.csv the rule changes exactly one (PUTIN), correctly, and no
 * other; company names are never repaired (their lower-case words follow
 * vowels all the time: "Русская община").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embargo/store.h"
#include "sources/csv.h"
#include "sources/csv_rows.h"
#include "sources/load.h"
#include "util/buf.h"
#include "util/utf8.h"

typedef enum {
    EU_CELEX, EU_RECORD_ID, EU_PROGRAM, EU_ANNEX, EU_MEASURE, EU_START, EU_REASON,
    EU_SCHEMA, EU_NAME, EU_ALIAS, EU_BIRTH, EU_BIRTH_PLACE, EU_NATIONALITY,
    EU_COUNTRY, EU_TITLE, EU_GENDER, EU_ID, EU_FLAG, EU_ADDRESS, EU_NOTES,
} eu_oj_role;

typedef struct {
    const char *header;
    eu_oj_role role;
    int arg;                /* name quality for EU_ALIAS, id type for EU_ID */
    const char *label;      /* identifier label */
} eu_oj_column;

/* Columns read; appearance, ethnicity, fatherName, motherName, legalForm,
 * sector, incorporationDate, ticker and phone are not part of the model. */
static const eu_oj_column eu_oj_columns[] = {
    {"celex", EU_CELEX, 0, NULL},
    {"recordId", EU_RECORD_ID, 0, NULL},
    {"programKey", EU_PROGRAM, 0, NULL},
    {"annex", EU_ANNEX, 0, NULL},
    {"measure", EU_MEASURE, 0, NULL},
    {"startDate", EU_START, 0, NULL},
    {"reason", EU_REASON, 0, NULL},
    {"schema", EU_SCHEMA, 0, NULL},
    {"name", EU_NAME, EMBARGO_NAME_PRIMARY, NULL},
    {"alias", EU_ALIAS, EMBARGO_NAME_STRONG, NULL},
    {"weakAlias", EU_ALIAS, EMBARGO_NAME_WEAK, NULL},
    {"previousName", EU_ALIAS, EMBARGO_NAME_FORMER, NULL},
    {"country", EU_COUNTRY, 0, NULL},
    {"jurisdiction", EU_COUNTRY, 0, NULL},
    {"nationality", EU_NATIONALITY, 0, NULL},
    {"birthDate", EU_BIRTH, 0, NULL},
    {"birthPlace", EU_BIRTH_PLACE, 0, NULL},
    {"position", EU_TITLE, 0, NULL},
    {"gender", EU_GENDER, 0, NULL},
    {"passportNumber", EU_ID, EMBARGO_ID_PASSPORT, "Passport"},
    {"idNumber", EU_ID, EMBARGO_ID_NATIONAL, "ID number"},
    {"taxNumber", EU_ID, EMBARGO_ID_TAX, "Tax number"},
    {"innCode", EU_ID, EMBARGO_ID_TAX, "INN"},
    {"registrationNumber", EU_ID, EMBARGO_ID_REGISTRATION, "Registration number"},
    {"ogrnCode", EU_ID, EMBARGO_ID_REGISTRATION, "OGRN"},
    {"kppCode", EU_ID, EMBARGO_ID_OTHER, "KPP"},
    {"okpoCode", EU_ID, EMBARGO_ID_OTHER, "OKPO"},
    {"leiCode", EU_ID, EMBARGO_ID_OTHER, "LEI"},
    {"swiftBic", EU_ID, EMBARGO_ID_BIC, "SWIFT/BIC"},
    {"imoNumber", EU_ID, EMBARGO_ID_IMO, "IMO"},
    {"mmsi", EU_ID, EMBARGO_ID_MMSI, "MMSI"},
    {"email", EU_ID, EMBARGO_ID_EMAIL, "Email"},
    {"website", EU_ID, EMBARGO_ID_WEBSITE, "Website"},
    {"flag", EU_FLAG, 0, NULL},
    {"address", EU_ADDRESS, 0, NULL},
    {"notes", EU_NOTES, 0, NULL},
};
#define EU_OJ_NCOLUMNS (sizeof eu_oj_columns / sizeof *eu_oj_columns)

/* Columns without which a file is not this format. */
static const char *const eu_oj_required[] = {"recordId", "programKey", "annex", "schema", "name"};

/* The regulations whose annexes are transcribed, by CELEX number. */
static const struct {
    const char *celex;
    const char *source;
} eu_oj_regulations[] = {
    {"2014R0269", "eu-269"},
    {"2017R1509", "eu-1509"},
    {"2014R0833", "eu-833"},
};

static const struct {
    const char *schema;
    embargo_kind kind;
} eu_oj_kinds[] = {
    {"Person", EMBARGO_KIND_PERSON}, {"LegalEntity", EMBARGO_KIND_ORGANIZATION},
    {"Company", EMBARGO_KIND_ORGANIZATION}, {"Organization", EMBARGO_KIND_ORGANIZATION},
    {"Vessel", EMBARGO_KIND_VESSEL}, {"Airplane", EMBARGO_KIND_AIRCRAFT},
};

typedef struct {
    load_ctx *ctx;
    csv_reader csv;
    long col[EU_OJ_NCOLUMNS];   /* field index of each table column, or -1 */
    bool named;                 /* the source has been named */
    buf scratch;
} eu_oj_reader;

/* ---- small text helpers ------------------------------------------------ */

/* The next "; "-separated piece of *P (trimmed), LEN set; NULL at the end. */
static const char *eu_oj_piece(const char **p, size_t *len) {
    const char *s = *p;
    while (*s == ' ') s++;
    if (!*s) return NULL;
    const char *end = strstr(s, "; ");
    size_t n = end ? (size_t)(end - s) : strlen(s);
    *p = end ? end + 2 : s + n;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ';')) n--;
    *len = n;
    return s;
}

static uint32_t eu_oj_fnv1a(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static bool is_cyrillic(int32_t cp) { return cp >= 0x0400 && cp <= 0x04FF; }
static bool is_cyrillic_upper(int32_t cp) { return cp >= 0x0400 && cp <= 0x042F; }
static bool is_cyrillic_lower(int32_t cp) { return cp >= 0x0430 && cp <= 0x045F; }

static bool is_cyrillic_vowel(int32_t cp) {
    static const int32_t vowels[] = {
        0x0410, 0x0415, 0x0401, 0x0418, 0x041E, 0x0423, 0x042B, 0x042D, 0x042E, 0x042F,
        0x0430, 0x0435, 0x0451, 0x0438, 0x043E, 0x0443, 0x044B, 0x044D, 0x044E, 0x044F,
        0x0406, 0x0456, 0x0407, 0x0457, 0x0404, 0x0454,
    };
    for (size_t i = 0; i < sizeof vowels / sizeof *vowels; i++)
        if (vowels[i] == cp) return true;
    return false;
}

/* Lower-case name particles that follow a name word as a word of their own. */
static bool is_particle(const char *w, size_t n) {
    static const char *const particles[] = {"оглы", "оглу", "кызы", "гызы", "улы", "уулу", "ибн"};
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (strlen(particles[i]) == n && memcmp(particles[i], w, n) == 0) return true;
    return false;
}

/* Facts about one space-free word, for the stress-space rule. */
typedef struct {
    int32_t first, last;
    size_t letters;
    bool all_upper_cyrillic;
} eu_oj_word;

static eu_oj_word eu_oj_word_facts(const char *w, size_t n) {
    eu_oj_word f = {-1, -1, 0, true};
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)utf8_decode((const unsigned char *)w + i, n - i, &cp);
        if (f.first < 0) f.first = cp;
        f.last = cp;
        f.letters++;
        if (!is_cyrillic_upper(cp)) f.all_upper_cyrillic = false;
    }
    return f;
}

/* True when the space between words A and B is a printed stress mark. */
static bool eu_oj_stress_space(const char *a, size_t na, const char *b, size_t nb) {
    eu_oj_word fa = eu_oj_word_facts(a, na), fb = eu_oj_word_facts(b, nb);
    if (!is_cyrillic_vowel(fa.last) || !is_cyrillic(fb.first)) return false;
    if (is_cyrillic_lower(fb.first))
        return is_cyrillic_upper(fa.first) && !is_particle(b, nb);
    return fa.all_upper_cyrillic && fb.all_upper_cyrillic && fa.letters <= 2 && fb.letters >= 2;
}

/* NAME with stress spaces removed into OUT; false when there were none. */
static bool eu_oj_repair_stress(const char *name, buf *out) {
    buf_clear(out);
    bool changed = false;
    const char *prev = NULL; /* start of the last word written, within OUT */
    size_t prev_off = 0;
    for (const char *p = name; *p;) {
        const char *w = p;
        while (*p && *p != ' ') p++;
        size_t n = (size_t)(p - w);
        if (prev && eu_oj_stress_space(out->data + prev_off, out->len - prev_off, w, n)) {
            changed = true;
        } else if (prev) {
            buf_putc(out, ' ');
            prev_off = out->len;
        }
        prev = w;
        buf_append(out, w, n);
        while (*p == ' ') p++;
    }
    return changed && !out->failed;
}

/* True when S (LEN bytes) holds a letter outside Latin script. */
static bool has_non_latin(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += (size_t)utf8_decode((const unsigned char *)s + i, len - i, &cp);
        /* Greek to Ethiopic and beyond, CJK and Hangul, Arabic presentation forms;
         * not punctuation, symbols or U+FFFD. */
        if ((cp >= 0x0370 && cp < 0x2000) || (cp >= 0x3040 && cp < 0xD800) ||
            (cp >= 0xF900 && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00))
            return true;
    }
    return false;
}

/* ---- names ------------------------------------------------------------- */

/* Adds one cleaned name, and its stress-repaired form for persons. */
static void eu_oj_add_one(eu_oj_reader *r, draft *d, const char *text, size_t len,
                          embargo_name_quality quality, bool original) {
    static const char *const quotes[] = {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C",
                                         "\xE2\x80\x9D", "\"", "'"};
    /* ‘KOMID’: quotes round the whole name are not part of it. */
    for (size_t i = 0; i < sizeof quotes / sizeof *quotes; i++) {
        size_t q = strlen(quotes[i]);
        if (len > 2 * q && memcmp(text, quotes[i], q) == 0) {
            for (size_t k = 0; k < sizeof quotes / sizeof *quotes; k++) {
                size_t qe = strlen(quotes[k]);
                if (memcmp(text + len - qe, quotes[k], qe) == 0 && !memchr(text + q, quotes[i][0], len - q - qe)) {
                    text += q;
                    len -= q + qe;
                    break;
                }
            }
            break;
        }
    }
    const char *clean = draft_textn(d, text, len);
    if (!clean) return;
    bool script = original || has_non_latin(clean, strlen(clean));
    draft_add_name_parts(d, clean, NULL, NULL, NULL, quality, script, NULL);
    if (draft_kind(d) == EMBARGO_KIND_PERSON && script && eu_oj_repair_stress(clean, &r->scratch))
        draft_add_name_parts(d, r->scratch.data, NULL, NULL, NULL,
                             quality == EMBARGO_NAME_PRIMARY ? EMBARGO_NAME_STRONG : quality, true, NULL);
}

/*
 * Adds a name piece. "Sergei AKSENOV (Сергей АКСЁНОВ)": a trailing
 * parenthesis in another script is the same name in the original script and
 * becomes a name of its own.
 */
static void eu_oj_add_name(eu_oj_reader *r, draft *d, const char *text, size_t len,
                           embargo_name_quality quality) {
    if (len > 2 && text[len - 1] == ')') {
        const char *open = NULL;
        for (size_t i = len - 1; i-- > 0;)
            if (text[i] == '(') { open = text + i; break; }
        size_t head = open ? (size_t)(open - text) : 0;
        if (open && head > 0 && has_non_latin(open, len - head) && !has_non_latin(text, head)) {
            eu_oj_add_one(r, d, text, head, quality, false);
            eu_oj_add_one(r, d, open + 1, len - head - 2,
                          quality == EMBARGO_NAME_PRIMARY ? EMBARGO_NAME_STRONG : quality, true);
            return;
        }
    }
    eu_oj_add_one(r, d, text, len, quality, false);
}

/* ---- dates --------------------------------------------------------------- */

/* Reads a run of digits at *P; returns the value and sets *DIGITS. */
static int eu_oj_number(const char **p, int *digits) {
    int v = 0;
    *digits = 0;
    while (**p >= '0' && **p <= '9') {
        if (*digits < 6) v = v * 10 + (**p - '0');
        (*digits)++;
        (*p)++;
    }
    return v;
}

/*
 * Adds every date in TEXT: "7.10.1952", "1964", "1967-1969", joined by "or",
 * ";", ",", "/", "a) ... b) ...". Text after "POB" or "Gender" (the
 * transcription sometimes runs them into the date) is not read. Returns the
 * number of dates added.
 */
static int eu_oj_add_births(draft *d, const char *text) {
    int added = 0;
    const char *stop = text + strlen(text);
    const char *cut[] = {strstr(text, "POB"), strstr(text, "Gender")};
    for (size_t i = 0; i < 2; i++)
        if (cut[i] && cut[i] < stop) stop = cut[i];
    for (const char *p = text; p < stop;) {
        if (*p < '0' || *p > '9' || (p > text && p[-1] >= '0' && p[-1] <= '9')) {
            p++;
            continue;
        }
        int n1, n2, n3;
        int a = eu_oj_number(&p, &n1);
        embargo_date date = {0};
        if (n1 <= 2 && *p == '.' && p[1] >= '0' && p[1] <= '9') {
            p++;
            int m = eu_oj_number(&p, &n2);
            if (n2 > 2 || *p != '.' || p[1] < '0' || p[1] > '9') continue;
            p++;
            int y = eu_oj_number(&p, &n3);
            if (n3 != 4 || !date_valid_ymd(y, m, a)) continue;
            date.from = (embargo_ymd){(int16_t)y, (uint8_t)m, (uint8_t)a};
            date.to = date.from;
        } else if (n1 == 4 && date_valid_ymd(a, 0, 0)) {
            date.from = date.to = (embargo_ymd){(int16_t)a, 0, 0};
            if (*p == '-' && p[1] >= '0' && p[1] <= '9') {
                const char *q = p + 1;
                int b = eu_oj_number(&q, &n2);
                if (n2 == 4 && b > a && date_valid_ymd(b, 0, 0)) {
                    date.to.year = (int16_t)b;
                    p = q;
                }
            }
        } else {
            continue;
        }
        draft_add_birth(d, &date);
        added++;
    }
    return added;
}

/* ---- rows ------------------------------------------------------------------ */

static const char *eu_oj_get(const eu_oj_reader *r, eu_oj_role role) {
    for (size_t i = 0; i < EU_OJ_NCOLUMNS; i++)
        if (eu_oj_columns[i].role == role && r->col[i] >= 0) return csv_field(&r->csv, (size_t)r->col[i]);
    return "";
}

static void eu_oj_name_source(eu_oj_reader *r) {
    const char *celex = eu_oj_get(r, EU_CELEX);
    const char *base = strrchr(r->ctx->path, '/');
    base = base ? base + 1 : r->ctx->path;
    const char *name = "eu-oj";
    for (size_t i = 0; i < sizeof eu_oj_regulations / sizeof *eu_oj_regulations; i++)
        if (strstr(celex, eu_oj_regulations[i].celex) ||
            (!*celex && strstr(base, eu_oj_regulations[i].celex)))
            name = eu_oj_regulations[i].source;
    load_name_source(r->ctx, name);
    r->named = true;
}

static embargo_kind eu_oj_kind(const char *schema) {
    for (size_t i = 0; i < sizeof eu_oj_kinds / sizeof *eu_oj_kinds; i++)
        if (strcasecmp(schema, eu_oj_kinds[i].schema) == 0) return eu_oj_kinds[i].kind;
    return EMBARGO_KIND_UNKNOWN; /* "Asset": ports and other listed things */
}

/* Sets the id: ANNEX-RECORD, or a fallback (see the file comment), made unique. */
static void eu_oj_set_id(eu_oj_reader *r, draft *d) {
    buf *id = &r->scratch;
    buf_clear(id);
    const char *annex = eu_oj_get(r, EU_ANNEX);
    const char *record = eu_oj_get(r, EU_RECORD_ID);
    const char *imo = NULL;
    for (size_t i = 0; i < EU_OJ_NCOLUMNS; i++)
        if (eu_oj_columns[i].role == EU_ID && eu_oj_columns[i].arg == EMBARGO_ID_IMO && r->col[i] >= 0)
            imo = csv_field(&r->csv, (size_t)r->col[i]);
    buf_printf(id, "%s-", *annex ? annex : "annex");
    if (*record) buf_puts(id, record);
    else if (imo && *imo) buf_printf(id, "imo%s", imo);
    else buf_printf(id, "h%08x", eu_oj_fnv1a(eu_oj_get(r, EU_NAME)));
    load_set_unique_id(r->ctx, d, id, 1000);
}

static void eu_oj_apply(eu_oj_reader *r, draft *d, const eu_oj_column *c, const char *v, long line) {
    const char *p = v, *s;
    size_t n;
    switch (c->role) {
    case EU_NAME:
    case EU_ALIAS:
        for (int first = 1; (s = eu_oj_piece(&p, &n)) != NULL; first = 0)
            eu_oj_add_name(r, d, s, n, c->role == EU_NAME && !first ? EMBARGO_NAME_STRONG
                                                                      : (embargo_name_quality)c->arg);
        break;
    case EU_BIRTH:
        if (*v && eu_oj_add_births(d, v) == 0)
            load_warn(r->ctx, line, "record %s: birth date '%s' not understood", draft_id(d), v);
        break;
    case EU_START: {
        embargo_date date;
        if (date_parse(v, DATE_DAY_FIRST, &date)) draft_set_listed(d, &date);
        else if (*v) load_warn(r->ctx, line, "record %s: listing date '%s' not understood", draft_id(d), v);
        break;
    }
    case EU_GENDER:
        if (strncasecmp(v, "male", 4) == 0) draft_set_gender(d, EMBARGO_GENDER_MALE);
        else if (strncasecmp(v, "female", 6) == 0) draft_set_gender(d, EMBARGO_GENDER_FEMALE);
        break;
    case EU_PROGRAM: draft_add_program(d, v); break;
    case EU_FLAG: draft_set_vessel(d, v, NULL, NULL); break;
    case EU_REASON:
    case EU_NOTES: draft_add_remarks(d, v); break;
    default:
        while ((s = eu_oj_piece(&p, &n)) != NULL) {
            char *piece = strndup(s, n);
            if (!piece) return;
            switch (c->role) {
            case EU_NATIONALITY: draft_add_nationality(d, piece); break;
            case EU_COUNTRY: draft_add_country(d, piece); break;
            case EU_BIRTH_PLACE: draft_add_birth_place(d, piece); break;
            case EU_TITLE: draft_add_title(d, piece); break;
            case EU_ADDRESS: draft_add_address(d, piece, NULL, NULL); break;
            case EU_ID: draft_add_identifier(d, (embargo_id_type)c->arg, piece, c->label, NULL, NULL); break;
            default: break;
            }
            free(piece);
        }
        break;
    }
}

/* Builds and commits the entity of the current row. */
static embargo_status eu_oj_row(void *state, long line) {
    eu_oj_reader *r = state;
    draft *d = r->ctx->draft;
    if (!r->named) eu_oj_name_source(r);
    const char *schema = eu_oj_get(r, EU_SCHEMA);
    draft_set_kind(d, eu_oj_kind(schema), schema);
    eu_oj_set_id(r, d);
    const char *annex = eu_oj_get(r, EU_ANNEX), *measure = eu_oj_get(r, EU_MEASURE);
    if (*annex) {
        buf_clear(&r->scratch);
        buf_printf(&r->scratch, "Annex %s%s%s%s", annex, *measure ? " (" : "", measure, *measure ? ")" : "");
        draft_add_remarks(d, buf_str(&r->scratch));
    }
    for (size_t i = 0; i < EU_OJ_NCOLUMNS; i++) {
        const eu_oj_column *c = &eu_oj_columns[i];
        if (r->col[i] < 0 || c->role == EU_SCHEMA || c->role == EU_RECORD_ID || c->role == EU_ANNEX ||
            c->role == EU_MEASURE || c->role == EU_CELEX)
            continue;
        eu_oj_apply(r, d, c, csv_field(&r->csv, (size_t)r->col[i]), line);
    }
    return load_commit(r->ctx, d, line);
}

/* Binds the header's columns; fails naming the first required one missing. */
static embargo_status eu_oj_header(void *state) {
    eu_oj_reader *r = state;
    for (size_t i = 0; i < EU_OJ_NCOLUMNS; i++) r->col[i] = csv_find(&r->csv, eu_oj_columns[i].header);
    for (size_t i = 0; i < sizeof eu_oj_required / sizeof *eu_oj_required; i++)
        if (csv_find(&r->csv, eu_oj_required[i]) < 0)
            return load_fail(r->ctx, r->csv.record_line, EMBARGO_EFORMAT,
                             "the header has no '%s' column (not an EU OJ transcription?)", eu_oj_required[i]);
    return EMBARGO_OK;
}

static embargo_status eu_oj_load(load_ctx *ctx) {
    FILE *in = fopen(ctx->path, "rb");
    if (!in) return load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file");
    eu_oj_reader r = {.ctx = ctx};
    csv_init(&r.csv, in, ',');
    buf_init(&r.scratch);
    embargo_status status = csv_rows_read(ctx, &r.csv, eu_oj_header, eu_oj_row, &r);
    if (status == EMBARGO_OK && !r.named) eu_oj_name_source(&r);
    csv_free(&r.csv);
    buf_free(&r.scratch);
    fclose(in);
    return status;
}

/* The header names the FollowTheMoney-style columns of the transcriptions. */
static int eu_oj_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    const char *nl = memchr(head, '\n', len);
    size_t n = nl ? (size_t)(nl - head) : len;
    char line[1024];
    if (n >= sizeof line) return 0;
    memcpy(line, head, n);
    line[n] = '\0';
    for (size_t i = 0; i < sizeof eu_oj_required / sizeof *eu_oj_required; i++)
        if (!strstr(line, eu_oj_required[i])) return 0;
    return strstr(line, "celex") ? 95 : 80;
}

const source_format source_eu_oj = {
    .id = "eu-oj",
    .short_name = "eu-oj",
    .authority = "Council of the EU",
    .reference_only = false,
    .companion = false,
    .sniff = eu_oj_sniff,
    .load = eu_oj_load,
};
