/*
 * eu_fsf.c - a third party's lossy projection of the EU Financial Sanctions
 * File: CSV "Name,Alias,Nationality,Designation,Sanction Type,Source", one
 * row per sanctionEntity, every wholeName of the entity joined with ", ".
 *
 * What the projection lost cannot be recovered: it has no logicalId, no
 * programme, no dates, and its "Sanction Type" is the type of the first
 * regulation ("amendment"), not a regime, so it is not read; "Source" is
 * always "Europe".
 *
 * Ids: there is no id column, so the id is made from the primary name as
 * cleaned (spaces folded): an ASCII slug of it (lower-case letters and
 * digits, other runs as "-", at most 40 characters) then "-" and the FNV-1a
 * 32-bit hash of the whole cleaned name in hex, e.g.
 * "vladimir-vladimirovich-putin-5f3c09a1"; a name with no ASCII letter gives
 * only "h" and the hash. The same name twice (8 times in the 2025 file) gets
 * "-2", "-3" in order of appearance, so those ids shift if an earlier twin
 * is removed upstream.
 *
 * Aliases: the Alias cell always starts with the Name (5316 of 5316 rows),
 * which is taken off first, so a comma inside the primary name ("Al-Bashaair
 * Trading Company, Ltd") does not split it. The rest is split on ", ", then
 * a piece that is a legal-form or generational suffix alone (Ltd, a. s.,
 * d. d., JSC, Inc., Jr., ... see eu_fsf_suffixes) is joined back to the piece
 * before it. Other commas inside aliases ("Bakr, Abu" as surname, given
 * name) cannot be told from a list of one-word aliases, so a one-word piece
 * of a person is kept as a WEAK alias, never a strong one.
 *
 * Nationality may list several countries joined with ", " while a country
 * name may hold one ("KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"): the country
 * table decides, two pieces at a time.
 *
 * Double spaces are folded by the draft; combining U+0301 stress marks
 * ("Влади́мир") are kept as written: mark stripping is the matcher's name
 * preparation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embargo/country.h"
#include "embargo/store.h"
#include "sources/csv.h"
#include "sources/csv_rows.h"
#include "sources/load.h"
#include "util/buf.h"

#define EU_FSF_HEADER "Name,Alias,Nationality,Designation,Sanction Type,Source"
#define EU_FSF_SLUG_MAX 40

enum { FSF_NAME, FSF_ALIAS, FSF_NATIONALITY, FSF_DESIGNATION, FSF_NCOLUMNS };

static const char *const eu_fsf_headers[FSF_NCOLUMNS] = {"Name", "Alias", "Nationality", "Designation"};

/* Pieces that only ever end a name: joined back to the piece before them. */
static const char *const eu_fsf_suffixes[] = {
    "Ltd", "Limited", "Inc", "LLC", "Co", "Corp", "PLC", "a. s", "a.s", "d. d", "d.d", "d.o.o",
    "S.A", "SA", "s.r.o", "spol. s r.o", "GmbH", "AG", "JSC", "OJSC", "PJSC", "CJSC", "OOO",
    "Kft", "Rt", "B.V", "N.V", "SARL", "S.A.R.L", "S.p.A", "SRL", "Ltda", "FZE", "FZCO",
    "Jr", "Sr", "II", "III",
};

static const struct {
    const char *word;
    embargo_kind kind;
} eu_fsf_kinds[] = {
    {"person", EMBARGO_KIND_PERSON},
    {"enterprise", EMBARGO_KIND_ORGANIZATION},
    {"vessel", EMBARGO_KIND_VESSEL},
};

typedef struct {
    load_ctx *ctx;
    csv_reader csv;
    long col[FSF_NCOLUMNS];
    buf scratch;
} eu_fsf_reader;

static bool eu_fsf_is_suffix(const char *s, size_t n) {
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' ')) n--;
    for (size_t i = 0; i < sizeof eu_fsf_suffixes / sizeof *eu_fsf_suffixes; i++)
        if (strlen(eu_fsf_suffixes[i]) == n && strncasecmp(s, eu_fsf_suffixes[i], n) == 0) return true;
    return false;
}

static uint32_t eu_fsf_fnv1a(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Writes the base id of cleaned NAME into OUT (see the file comment). */
static void eu_fsf_base_id(const char *name, buf *out) {
    buf_clear(out);
    bool dash = false;
    for (const char *p = name; *p && out->len < EU_FSF_SLUG_MAX; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
            if (dash && out->len) buf_putc(out, '-');
            buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
            dash = false;
        } else {
            dash = true;
        }
    }
    if (out->len) buf_printf(out, "-%08x", eu_fsf_fnv1a(name));
    else buf_printf(out, "h%08x", eu_fsf_fnv1a(name));
}

/* Sets D's id from its primary name, made unique in the source. */
static void eu_fsf_set_id(eu_fsf_reader *r, draft *d, const char *name) {
    buf *id = &r->scratch;
    eu_fsf_base_id(name, id);
    load_set_unique_id(r->ctx, d, id, 10000);
}

/* Adds one alias piece (LEN bytes at S) unless it is the primary name. */
static void eu_fsf_add_alias(draft *d, const char *s, size_t len, const char *primary) {
    const char *clean = draft_textn(d, s, len);
    if (!clean || strcmp(clean, primary) == 0) return;
    bool one_word = strchr(clean, ' ') == NULL;
    embargo_name_quality q = one_word && draft_kind(d) == EMBARGO_KIND_PERSON ? EMBARGO_NAME_WEAK
                                                                             : EMBARGO_NAME_STRONG;
    draft_add_name(d, clean, q);
}

/* Splits the aliases after the primary name (see the file comment). */
static void eu_fsf_aliases(draft *d, const char *alias, const char *raw_name, const char *primary) {
    size_t name_len = strlen(raw_name);
    const char *p = alias;
    if (strncmp(alias, raw_name, name_len) == 0 && (alias[name_len] == '\0' || strncmp(alias + name_len, ", ", 2) == 0))
        p = alias + name_len;
    const char *start = NULL, *end = NULL; /* the piece being built */
    while (*p) {
        if (strncmp(p, ", ", 2) == 0) p += 2;
        const char *s = p;
        const char *comma = strstr(p, ", ");
        const char *e = comma ? comma : p + strlen(p);
        p = e;
        if (start && eu_fsf_is_suffix(s, (size_t)(e - s))) {
            end = e; /* "Trading Company" + ", Ltd" */
            continue;
        }
        if (start) eu_fsf_add_alias(d, start, (size_t)(end - start), primary);
        start = s;
        end = e;
    }
    if (start) eu_fsf_add_alias(d, start, (size_t)(end - start), primary);
}

/* Adds the countries of TEXT, joined with ", " (see the file comment). */
static void eu_fsf_nationalities(draft *d, const char *text) {
    if (!*text) return;
    if (embargo_country_code(text)) {
        draft_add_nationality(d, text);
        return;
    }
    char *copy = strdup(text);
    if (!copy) return;
    char *pieces[32];
    size_t n = 0;
    for (char *p = copy; p && n < 32;) {
        pieces[n++] = p;
        char *comma = strstr(p, ", ");
        if (comma) *comma = '\0';
        p = comma ? comma + 2 : NULL;
    }
    buf pair;
    buf_init(&pair);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n) {
            buf_clear(&pair);
            buf_printf(&pair, "%s, %s", pieces[i], pieces[i + 1]);
            if (embargo_country_code(buf_str(&pair)) && !embargo_country_code(pieces[i + 1])) {
                draft_add_nationality(d, buf_str(&pair));
                i++;
                continue;
            }
        }
        draft_add_nationality(d, pieces[i]);
    }
    buf_free(&pair);
    free(copy);
}

static embargo_kind eu_fsf_kind(const char *designation) {
    for (size_t i = 0; i < sizeof eu_fsf_kinds / sizeof *eu_fsf_kinds; i++)
        if (strcasecmp(designation, eu_fsf_kinds[i].word) == 0) return eu_fsf_kinds[i].kind;
    return EMBARGO_KIND_UNKNOWN;
}

static embargo_status eu_fsf_row(void *state, long line) {
    eu_fsf_reader *r = state;
    draft *d = r->ctx->draft;
    const char *name = csv_field(&r->csv, (size_t)r->col[FSF_NAME]);
    const char *designation = csv_field(&r->csv, (size_t)r->col[FSF_DESIGNATION]);
    draft_set_kind(d, eu_fsf_kind(designation), designation);
    const char *primary = draft_text(d, name);
    if (!primary) {
        load_skip(r->ctx, line, "the row has no name; skipped");
        draft_reset(d);
        return EMBARGO_OK;
    }
    eu_fsf_set_id(r, d, primary);
    draft_add_name(d, primary, EMBARGO_NAME_PRIMARY);
    eu_fsf_aliases(d, csv_field(&r->csv, (size_t)r->col[FSF_ALIAS]), name, primary);
    eu_fsf_nationalities(d, csv_field(&r->csv, (size_t)r->col[FSF_NATIONALITY]));
    return load_commit(r->ctx, d, line);
}

static embargo_status eu_fsf_header(void *state) {
    eu_fsf_reader *r = state;
    for (size_t i = 0; i < FSF_NCOLUMNS; i++) {
        r->col[i] = csv_find(&r->csv, eu_fsf_headers[i]);
        if (r->col[i] < 0)
            return load_fail(r->ctx, r->csv.record_line, EMBARGO_EFORMAT,
                             "the header has no '%s' column", eu_fsf_headers[i]);
    }
    return EMBARGO_OK;
}

static embargo_status eu_fsf_load(load_ctx *ctx) {
    FILE *in = fopen(ctx->path, "rb");
    if (!in) return load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file");
    eu_fsf_reader r = {.ctx = ctx};
    csv_init(&r.csv, in, ',');
    buf_init(&r.scratch);
    embargo_status status = csv_rows_read(ctx, &r.csv, eu_fsf_header, eu_fsf_row, &r);
    csv_free(&r.csv);
    buf_free(&r.scratch);
    fclose(in);
    return status;
}

/* The projection's exact header line (a BOM before it is allowed). */
static int eu_fsf_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    size_t n = strlen(EU_FSF_HEADER);
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) head += 3, len -= 3;
    if (len < n || memcmp(head, EU_FSF_HEADER, n) != 0) return 0;
    return len == n || head[n] == '\r' || head[n] == '\n' ? 95 : 0;
}

const source_format source_eu_fsf = {
    .id = "eu-fsf",
    .short_name = "eu-fsf",
    .authority = "EU Financial Sanctions File (third-party projection)",
    .reference_only = false,
    .companion = false,
    .sniff = eu_fsf_sniff,
    .load = eu_fsf_load,
};
