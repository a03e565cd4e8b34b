/*
 * ca_sema.c - Global Affairs Canada's consolidated autonomous sanctions list
 * (SEMA and JVCFOA regulations), "sema-lmes.xml": a `data-set` root with
 * one `record` per listing and one child element per field (Country,
 * LastName, GivenName, EntityOrShip, TitleOrShip, ShipIMONumber,
 * DateOfBirthOrShipBuildDate, Aliases, Schedule, Item, DateOfListing).
 *
 * Design: streamed with libxml2's xmlTextReader; each field's text is kept
 * in a slot chosen through ca_fields[] until the record ends, then the
 * entity is built. The file states no publication date.
 *
 * "Country" names the regulation, not the party: usually a country written
 * in English and French ("Russia / Russie"), sometimes a regime ("Justice
 * for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / ...",
 * "Hamas Terrorist Attacks / ..."). Its English part is the program; when it
 * names a country, that country is also added to the party's countries.
 *
 * Ids: Item numbers restart in each regulation and schedule, so the id is
 * "REGIME-sSCHEDULE-ITEM": REGIME is the English part of Country as a slug,
 * or the acronym in its parentheses ("russia", "jvcfor",
 * "hamas-terrorist-attacks"); SCHEDULE is the Schedule text with "Part"
 * written "p" and blanks and commas dropped ("1, Part 1" -> "1p1"), left out
 * when empty. Putin is "russia-s1p1-503". The one exact duplicate record of
 * the 2025 file (a vessel listed twice) gets "-2" in order of appearance.
 * None of this depends on the country table, so ids do not change when it
 * grows.
 *
 * Kind: EntityOrShip with an IMO number is a vessel (TitleOrShip is then
 * its type), EntityOrShip alone an organization, else a person named by
 * GivenName and LastName (TitleOrShip is then a title). Aliases is one
 * element: split on ";", " or " and ", "; a piece starting in lower case
 * continues the one before (Russian agency names hold commas), a leading
 * language label ("Russian: ") is dropped, and a one-word piece of a person
 * is a weak alias.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "embargo/country.h"
#include "embargo/store.h"
#include "sources/load.h"
#include "util/buf.h"

typedef enum {
    CA_COUNTRY, CA_LAST, CA_GIVEN, CA_ENTITY, CA_TITLE, CA_IMO, CA_BIRTH, CA_ALIASES,
    CA_SCHEDULE, CA_ITEM, CA_LISTED, CA_NFIELDS
} ca_field;

static const char *const ca_fields[CA_NFIELDS] = {
    "Country", "LastName", "GivenName", "EntityOrShip", "TitleOrShip", "ShipIMONumber",
    "DateOfBirthOrShipBuildDate", "Aliases", "Schedule", "Item", "DateOfListing",
};

typedef struct {
    load_ctx *ctx;
    xmlTextReaderPtr xml;
    char *value[CA_NFIELDS];    /* text of each field of the current record, or NULL */
    long record_line;
    buf error;                  /* the parser's first error message */
    long error_line;
    buf scratch;
} ca_reader;

static void ca_clear(ca_reader *r) {
    for (int i = 0; i < CA_NFIELDS; i++) {
        free(r->value[i]);
        r->value[i] = NULL;
    }
}

static const char *ca_get(const ca_reader *r, ca_field f) {
    return r->value[f] ? r->value[f] : "";
}

static bool ca_blank(const char *s) {
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

/* ---- ids ------------------------------------------------------------- */

/* The regime part of an id: the acronym in parentheses, else a slug. */
static void ca_regime_slug(const char *country, buf *out) {
    const char *slash = strstr(country, " / ");
    size_t n = slash ? (size_t)(slash - country) : strlen(country);
    const char *open = memchr(country, '(', n);
    const char *close = open ? memchr(open, ')', n - (size_t)(open - country)) : NULL;
    const char *s = country;
    if (open && close && close - open > 2) {
        bool acronym = true;
        for (const char *p = open + 1; p < close; p++)
            if (!isupper((unsigned char)*p)) acronym = false;
        if (acronym) s = open + 1, n = (size_t)(close - open - 1);
    }
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) && c < 0x80) {
            if (dash && out->len) buf_putc(out, '-');
            buf_putc(out, (char)tolower(c));
            dash = false;
        } else if (c == '(') {
            break; /* "Myanmar (Burma)": the parenthesis is a gloss */
        } else {
            dash = true;
        }
    }
    if (!out->len) buf_puts(out, "list");
}

static void ca_set_id(ca_reader *r, draft *d) {
    buf *id = &r->scratch;
    buf_clear(id);
    ca_regime_slug(ca_get(r, CA_COUNTRY), id);
    const char *schedule = ca_get(r, CA_SCHEDULE);
    if (!ca_blank(schedule)) {
        buf_puts(id, "-s");
        for (const char *p = schedule; *p; p++) {
            if (strncasecmp(p, "part", 4) == 0) {
                buf_putc(id, 'p');
                p += 3;
            } else if (isalnum((unsigned char)*p) || *p == '.') {
                buf_putc(id, (char)tolower((unsigned char)*p));
            }
        }
    }
    const char *item = ca_get(r, CA_ITEM);
    while (isspace((unsigned char)*item)) item++;
    buf_printf(id, "-%s", *item ? item : "0");
    while (id->len && isspace((unsigned char)id->data[id->len - 1])) id->data[--id->len] = '\0';
    load_set_unique_id(r->ctx, d, id, 1000);
}

/* ---- fields ---------------------------------------------------------- */

/* Adds one alias piece, without a "Language: " label before it. */
static void ca_add_alias(draft *d, const char *s, size_t n) {
    while (n > 0 && isspace((unsigned char)*s)) s++, n--;
    const char *colon = memchr(s, ':', n);
    /* The label's ": " must lie inside the piece: a piece may end at a colon just before " or ". */
    if (colon && colon - s > 3 && (size_t)(colon - s) + 1 < n && colon[1] == ' ') {
        bool label = isupper((unsigned char)*s);
        for (const char *p = s + 1; p < colon; p++)
            if (!islower((unsigned char)*p)) label = false;
        if (label) n -= (size_t)(colon + 2 - s), s = colon + 2;
    }
    const char *clean = draft_textn(d, s, n);
    if (!clean) return;
    bool one_word = !strchr(clean, ' ');
    draft_add_name(d, clean, one_word && draft_kind(d) == EMBARGO_KIND_PERSON ? EMBARGO_NAME_WEAK
                                                                            : EMBARGO_NAME_STRONG);
}

/* Length of the separator at P (";", ", ", " or ", " OR "), or 0. */
static size_t ca_alias_separator(const char *p) {
    if (*p == ';') return 1;
    if (p[0] == ',' && p[1] == ' ') return 2;
    if (strncasecmp(p, " or ", 4) == 0) return 4;
    return 0;
}

static void ca_aliases(draft *d, const char *text) {
    const char *start = text, *p = text;
    while (*p) {
        size_t sep = ca_alias_separator(p);
        if (!sep) {
            p++;
            continue;
        }
        /* A comma before a lower-case word joins the words of one name. */
        const char *next = p + sep;
        while (*next == ' ') next++;
        if (p[0] == ',' && islower((unsigned char)*next)) {
            p += sep;
            continue;
        }
        if (p[0] == ',' && (unsigned char)*next >= 0xC0) {
            /* Cyrillic lower case: D0 B0..D1 9F */
            unsigned char b0 = (unsigned char)next[0], b1 = (unsigned char)next[1];
            if ((b0 == 0xD0 && b1 >= 0xB0) || (b0 == 0xD1 && b1 <= 0x9F)) {
                p += sep;
                continue;
            }
        }
        ca_add_alias(d, start, (size_t)(p - start));
        p = start = p + sep;
    }
    ca_add_alias(d, start, (size_t)(p - start));
}

/* Adds the dates of TEXT: "1972", "1965-04-29", joined by " or ". */
static void ca_births(ca_reader *r, draft *d, long line) {
    const char *text = ca_get(r, CA_BIRTH);
    if (ca_blank(text)) return;
    char *copy = strdup(text);
    if (!copy) return;
    bool understood = true;
    char *p = copy;
    while (p) {
        char *sep = strcasestr(p, " or ");
        if (sep) *sep = '\0';
        embargo_date date;
        if (date_parse(p, DATE_DAY_FIRST, &date)) draft_add_birth(d, &date);
        else understood = false;
        p = sep ? sep + 4 : NULL;
    }
    if (!understood)
        load_warn(r->ctx, line, "record %s: date of birth '%s' not understood", draft_id(d), text);
    free(copy);
}

/* The Country field: program (English part), and country when it is one. */
static void ca_country(ca_reader *r, draft *d) {
    const char *text = ca_get(r, CA_COUNTRY);
    const char *slash = strstr(text, " / ");
    char *english = strndup(text, slash ? (size_t)(slash - text) : strlen(text));
    if (!english) return;
    draft_add_program(d, english);
    if (embargo_country_code(text)) draft_add_country(d, text);
    free(english);
}

static embargo_status ca_record(ca_reader *r) {
    draft *d = r->ctx->draft;
    long line = r->record_line;
    bool entity = !ca_blank(ca_get(r, CA_ENTITY));
    bool vessel = entity && !ca_blank(ca_get(r, CA_IMO));
    draft_set_kind(d, vessel ? EMBARGO_KIND_VESSEL : entity ? EMBARGO_KIND_ORGANIZATION : EMBARGO_KIND_PERSON,
                   vessel ? "ship" : entity ? "entity" : "individual");
    ca_set_id(r, d);
    if (entity) draft_add_name(d, ca_get(r, CA_ENTITY), EMBARGO_NAME_PRIMARY);
    else draft_add_name_parts(d, NULL, r->value[CA_GIVEN], r->value[CA_LAST], NULL,
                              EMBARGO_NAME_PRIMARY, false, NULL);
    if (r->value[CA_ALIASES]) ca_aliases(d, r->value[CA_ALIASES]);
    if (vessel) {
        draft_set_vessel(d, NULL, r->value[CA_TITLE], NULL);
        draft_add_identifier(d, EMBARGO_ID_IMO, r->value[CA_IMO], "IMO", NULL, NULL);
    } else if (r->value[CA_TITLE]) {
        draft_add_title(d, r->value[CA_TITLE]);
    }
    ca_births(r, d, line);
    ca_country(r, d);
    embargo_date listed;
    const char *when = ca_get(r, CA_LISTED);
    if (date_parse(when, DATE_DAY_FIRST, &listed)) draft_set_listed(d, &listed);
    else if (!ca_blank(when)) load_warn(r->ctx, line, "record %s: listing date '%s' not understood", draft_id(d), when);
    return load_commit(r->ctx, d, line);
}

/* ---- the XML stream ---------------------------------------------------- */

static void ca_xml_error(void *arg, const char *msg, xmlParserSeverities severity, xmlTextReaderLocatorPtr loc) {
    ca_reader *r = arg;
    if (r->error.len) return; /* the first error is the one that matters */
    if (severity == XML_PARSER_SEVERITY_WARNING || severity == XML_PARSER_SEVERITY_VALIDITY_WARNING) return;
    const char *text = msg ? msg : "XML error";
    buf_append(&r->error, text, strcspn(text, "\n")); /* libxml2 adds detail lines */
    while (r->error.len && r->error.data[r->error.len - 1] == ' ') r->error.data[--r->error.len] = '\0';
    r->error_line = loc ? xmlTextReaderLocatorLineNumber(loc) : 0;
}

/* Handles the element the reader is on; returns EMBARGO_OK or an error. */
static embargo_status ca_element(ca_reader *r, bool *seen_root) {
    int depth = xmlTextReaderDepth(r->xml);
    const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
    if (!name) return EMBARGO_ENOMEM;
    if (depth == 0) {
        if (strcmp(name, "data-set") != 0)
            return load_fail(r->ctx, xmlTextReaderGetParserLineNumber(r->xml), EMBARGO_EFORMAT,
                             "the root element is <%s>, not <data-set>", name);
        *seen_root = true;
    } else if (depth == 1 && strcmp(name, "record") == 0) {
        ca_clear(r);
        r->record_line = xmlTextReaderGetParserLineNumber(r->xml);
    } else if (depth == 2) {
        for (int i = 0; i < CA_NFIELDS; i++) {
            if (strcmp(name, ca_fields[i]) != 0) continue;
            xmlChar *text = xmlTextReaderReadString(r->xml);
            free(r->value[i]);
            r->value[i] = text ? strdup((const char *)text) : NULL;
            xmlFree(text);
            break;
        }
    }
    return EMBARGO_OK;
}

/* True when PATH ends with "</data-set>" (and blanks): a parse error in a
 * file that does not is reported as a file cut short. */
static bool ca_ends_with_root(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char tail[64];
    size_t n = 0;
    if (fseek(f, -(long)sizeof tail, SEEK_END) != 0) rewind(f);
    n = fread(tail, 1, sizeof tail, f);
    fclose(f);
    while (n > 0 && isspace((unsigned char)tail[n - 1])) n--;
    return n >= 11 && memcmp(tail + n - 11, "</data-set>", 11) == 0;
}

static embargo_status ca_stream(ca_reader *r) {
    embargo_status status = EMBARGO_OK;
    bool seen_root = false, in_record = false;
    int rc;
    while (status == EMBARGO_OK && (rc = xmlTextReaderRead(r->xml)) == 1) {
        int type = xmlTextReaderNodeType(r->xml);
        if (type == XML_READER_TYPE_ELEMENT) {
            status = ca_element(r, &seen_root);
            if (xmlTextReaderDepth(r->xml) == 1) {
                in_record = true;
                if (xmlTextReaderIsEmptyElement(r->xml)) {
                    in_record = false;
                    load_skip(r->ctx, r->record_line, "an empty record; skipped");
                }
            }
        } else if (r->error.len) {
            break; /* the parser closes open elements after an error: no half records */
        } else if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->xml) == 1 && in_record) {
            in_record = false;
            const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
            if (name && strcmp(name, "record") == 0) status = ca_record(r);
        }
    }
    if (status != EMBARGO_OK) return status;
    if (rc < 0 || r->error.len) {
        const char *what = r->error.len ? buf_str(&r->error) : "the XML cannot be read";
        bool truncated = !ca_ends_with_root(r->ctx->path);
        return load_fail(r->ctx, r->error_line > 0 ? r->error_line : r->record_line,
                         truncated ? EMBARGO_ETRUNCATED : EMBARGO_EFORMAT, "%s%s", what,
                         truncated ? " (truncated file?)" : "");
    }
    if (!seen_root) return load_fail(r->ctx, 0, EMBARGO_EFORMAT, "no <data-set> element");
    return EMBARGO_OK;
}

static embargo_status ca_load(load_ctx *ctx) {
    ca_reader r = {.ctx = ctx};
    buf_init(&r.error);
    buf_init(&r.scratch);
    r.xml = xmlReaderForFile(ctx->path, NULL, XML_PARSE_NONET);
    if (!r.xml) {
        buf_free(&r.error);
        buf_free(&r.scratch);
        return load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file as XML");
    }
    xmlTextReaderSetErrorHandler(r.xml, ca_xml_error, &r);
    embargo_status status = ca_stream(&r);
    xmlFreeTextReader(r.xml);
    ca_clear(&r);
    buf_free(&r.error);
    buf_free(&r.scratch);
    return status;
}

/* A <data-set> root whose children are <record>s. */
static int ca_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    char *copy = strndup(head, len);
    if (!copy) return 0;
    int score = 0;
    const char *root = strstr(copy, "<data-set");
    if (root && (root[9] == '>' || isspace((unsigned char)root[9]))) {
        const char *record = strstr(root, "<record>");
        score = record ? 95 : 60;
        if (record && !strstr(record, "<Country>") && !strstr(record, "<Item>")) score = 60;
    }
    free(copy);
    return score;
}

const source_format source_ca_sema = {
    .id = "ca-sema",
    .short_name = "ca",
    .authority = "Global Affairs Canada",
    .reference_only = false,
    .companion = false,
    .sniff = ca_sniff,
    .load = ca_load,
};
