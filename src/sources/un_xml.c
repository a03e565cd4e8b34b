/*
 * un_xml.c - the UN Security Council consolidated list (XML).
 *
 * The file is one CONSOLIDATED_LIST root (dateGenerated="2026-02-27T...")
 * holding INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY records. It is read with
 * libxml2's xmlTextReader: the reader walks the document as a stream and each
 * record, and only a record, is expanded into a small subtree
 * (xmlTextReaderExpand), read into a draft, committed, and freed when the
 * reader moves past it. Memory is one record, whatever the file size.
 *
 * Each child element of a record is handled by one function found in a table
 * by element name (un_fields); elements not in the table (VERSIONNUM,
 * LIST_TYPE, SORT_KEY, ...) carry nothing screening needs and are passed
 * over. Name parts: the UN writes DPRK names family name first ("KIM" /
 * "KWANG-IL") and Russian names given-patronymic-family; those two are
 * split, every other name keeps only its full form, since the UN's
 * FIRST..FOURTH_NAME fields are not given/family fields (Arabic name chains,
 * Afghan names without a family name).
 *
 * libxml2's own messages never reach stderr: I/O goes through our callbacks
 * (xmlReaderForIO) and errors through a structured error handler, which keeps
 * the first error's message and line for load_fail. A DOCTYPE is refused
 * before any entity could be expanded: the UN file has none.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "sources/load.h"
#include "util/buf.h"

#define UN_ROOT "CONSOLIDATED_LIST"

/* ---- Sniffing ---------------------------------------------------------- */

/* Skips from P past the first END in [P, LIMIT); LIMIT when END is absent. */
static const char *skip_past(const char *p, const char *limit, const char *end) {
    size_t n = strlen(end);
    for (; p + n <= limit; p++)
        if (memcmp(p, end, n) == 0) return p + n;
    return limit;
}

/* Skips a <!DOCTYPE ...> from P (past "<!"), with its [internal subset]. */
static const char *skip_declaration(const char *p, const char *limit) {
    int depth = 0;
    for (; p < limit; p++) {
        if (*p == '[') depth++;
        else if (*p == ']' && depth > 0) depth--;
        else if (*p == '>' && depth == 0) return p + 1;
    }
    return limit;
}

/* The name of the first element in HEAD, past a BOM, the XML declaration, comments and PIs. */
static const char *first_element(const char *head, size_t len, size_t *name_len) {
    const char *p = head, *limit = head + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (p < limit) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
        } else if (*p != '<' || p + 1 >= limit) {
            return NULL;
        } else if (p[1] == '?') {
            p = skip_past(p + 2, limit, "?>");
        } else if (limit - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            p = skip_past(p + 4, limit, "-->");
        } else if (p[1] == '!') {
            p = skip_declaration(p + 2, limit);
        } else {
            const char *name = ++p;
            while (p < limit && !strchr(" \t\r\n/>", *p)) p++;
            *name_len = (size_t)(p - name);
            return p < limit ? name : NULL;
        }
    }
    return NULL;
}

static int un_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    size_t n = 0;
    const char *name = first_element(head, len, &n);
    return name && n == strlen(UN_ROOT) && memcmp(name, UN_ROOT, n) == 0 ? 100 : 0;
}

/* ---- libxml2 plumbing: input and errors -------------------------------- */

typedef struct {
    FILE *file;
    int read_errno;               /* errno of a failed read, else 0 */
    char *error;                  /* libxml2's first error message (one line), or NULL */
    long error_line;
    int error_code;
    char *open_element;           /* at the error, the innermost unclosed element, or NULL */
} un_io;

static int un_io_read(void *context, char *buffer, int len) {
    un_io *io = context;
    errno = 0;
    size_t n = fread(buffer, 1, (size_t)len, io->file);
    if (n == 0 && ferror(io->file)) {
        io->read_errno = errno ? errno : EIO;
        return -1;
    }
    return (int)n;
}

static int un_io_close(void *context) {
    (void)context; /* the file is closed by the loader, which opened it */
    return 0;
}

#if LIBXML_VERSION >= 21200
typedef const xmlError *un_xml_error;
#else
typedef xmlErrorPtr un_xml_error;
#endif

/* Keeps the first error (warnings are not kept); libxml2 prints nothing. */
static void un_io_error(void *context, un_xml_error error) {
    un_io *io = context;
    if (!error || error->level < XML_ERR_ERROR || io->error) return;
    const char *message = error->message ? error->message : "unknown XML error";
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) n--;
    io->error = strndup(message, n);
    for (char *c = io->error; c && *c; c++)
        if (*c == '\n' || *c == '\r') *c = ' ';
    io->error_line = error->line;
    io->error_code = error->code;
    const xmlParserCtxt *parser = error->domain == XML_FROM_PARSER ? error->ctxt : NULL;
    if (parser && parser->nameNr > 0 && parser->name) io->open_element = strdup((const char *)parser->name);
}

/* The status a libxml2 error code stands for. */
static embargo_status un_error_status(int code) {
    switch (code) {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
        return EMBARGO_EENCODING;
    default:
        return EMBARGO_EFORMAT;
    }
}

/* True when libxml2's error CODE says the input stopped early (push-mode parsers say "document end"). */
static bool un_error_is_end(int code) {
    return code == XML_ERR_DOCUMENT_END || code == XML_ERR_TAG_NOT_FINISHED ||
           code == XML_ERR_DOCUMENT_EMPTY || code == XML_ERR_LTSLASH_REQUIRED ||
           code == XML_ERR_GT_REQUIRED;
}

/* ---- One record -------------------------------------------------------- */

typedef struct {
    load_ctx *ctx;
    draft *d;
    long line;                    /* the record's start tag */
    const char *parts[4];         /* FIRST_NAME .. FOURTH_NAME, cleaned */
    const char *reference;        /* REFERENCE_NUMBER */
    const char *dataid;           /* DATAID */
    const char *list_type;        /* UN_LIST_TYPE */
    const char *original;         /* NAME_ORIGINAL_SCRIPT */
} un_record;

static bool is_element(const xmlNode *n, const char *name) {
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static long node_line(const xmlNode *n) {
    return n ? xmlGetLineNo(n) : 0;
}

/* N's text, cleaned, in the draft's memory; NULL when blank. */
static const char *node_text(un_record *rec, xmlNode *n) {
    xmlChar *raw = n ? xmlNodeGetContent(n) : NULL;
    if (!raw) return NULL;
    const char *text = draft_text(rec->d, (const char *)raw);
    xmlFree(raw);
    return text;
}

/* The text of PARENT's first child element NAME, as node_text(); NULL when absent. */
static const char *child_text(un_record *rec, xmlNode *parent, const char *name) {
    for (xmlNode *c = parent->children; c; c = c->next)
        if (is_element(c, name)) return node_text(rec, c);
    return NULL;
}

/* Joins the non-NULL strings of PARTS with SEP into a draft string (NULL when none). */
static const char *join(un_record *rec, const char *const *parts, size_t n, const char *sep) {
    buf out;
    buf_init(&out);
    for (size_t i = 0; i < n; i++) {
        if (!parts[i]) continue;
        if (out.len) buf_puts(&out, sep);
        buf_puts(&out, parts[i]);
    }
    const char *text = out.len ? draft_text(rec->d, out.data) : NULL;
    buf_free(&out);
    return text;
}

/* Calls ADD for the text of every VALUE child of N (TITLE, DESIGNATION, NATIONALITY). */
static void each_value(un_record *rec, xmlNode *n, void (*add)(draft *, const char *)) {
    for (xmlNode *c = n->children; c; c = c->next)
        if (is_element(c, "VALUE")) add(rec->d, node_text(rec, c));
}

static void field_name_part(un_record *rec, xmlNode *n) {
    static const char *const names[4] = {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"};
    for (int i = 0; i < 4; i++)
        if (is_element(n, names[i])) rec->parts[i] = node_text(rec, n);
}

static void field_reference(un_record *rec, xmlNode *n) {
    rec->reference = node_text(rec, n);
}

static void field_dataid(un_record *rec, xmlNode *n) {
    rec->dataid = node_text(rec, n);
}

static void field_list_type(un_record *rec, xmlNode *n) {
    rec->list_type = node_text(rec, n);
    draft_add_program(rec->d, rec->list_type);
}

static void field_original_script(un_record *rec, xmlNode *n) {
    rec->original = node_text(rec, n);
}

/*
 * An xs:date or xs:dateTime ("2015-07-01", "2015-07-01-04:00",
 * "2026-02-27T00:00:09.554Z") as its ISO date part, into ISO[11]; false when
 * TEXT is not one.
 */
static bool iso_date_part(const char *text, char iso[11]) {
    embargo_date date;
    if (!text || strlen(text) < 10) return false;
    if (text[10] != '\0' && text[10] != 'T' && text[10] != 'Z' && text[10] != '+' && text[10] != '-')
        return false;
    memcpy(iso, text, 10);
    iso[10] = '\0';
    return date_parse(iso, DATE_DAY_FIRST, &date) && date.from.day;
}

static void field_listed_on(un_record *rec, xmlNode *n) {
    const char *text = node_text(rec, n);
    char iso[11];
    embargo_date date;
    if (!text) return;
    if (date_parse(iso_date_part(text, iso) ? iso : text, DATE_DAY_FIRST, &date))
        draft_set_listed(rec->d, &date);
    else
        load_warn(rec->ctx, node_line(n), "LISTED_ON \"%s\" is not a date; left out", text);
}

static void field_gender(un_record *rec, xmlNode *n) {
    static const struct { const char *text; embargo_gender gender; } genders[] = {
        {"male", EMBARGO_GENDER_MALE}, {"female", EMBARGO_GENDER_FEMALE},
    };
    const char *text = node_text(rec, n);
    if (!text) return;
    for (size_t i = 0; i < sizeof genders / sizeof *genders; i++)
        if (strcasecmp(text, genders[i].text) == 0) {
            draft_set_gender(rec->d, genders[i].gender);
            return;
        }
    load_warn(rec->ctx, node_line(n), "GENDER \"%s\" is not known; left out", text);
}

static void field_comments(un_record *rec, xmlNode *n) {
    xmlChar *raw = xmlNodeGetContent(n); /* newlines kept: remarks are prose */
    if (!raw) return;
    if (draft_text(rec->d, (const char *)raw)) draft_add_remarks(rec->d, (const char *)raw);
    xmlFree(raw);
}

static void field_titles(un_record *rec, xmlNode *n) {
    each_value(rec, n, draft_add_title);
}

static void field_nationality(un_record *rec, xmlNode *n) {
    each_value(rec, n, draft_add_nationality);
}

/* Alias qualities as the UN writes them. */
static const struct { const char *text; embargo_name_quality quality; } un_qualities[] = {
    {"Good", EMBARGO_NAME_STRONG}, {"a.k.a.", EMBARGO_NAME_STRONG},
    {"Low", EMBARGO_NAME_WEAK}, {"f.k.a.", EMBARGO_NAME_FORMER},
};

static embargo_name_quality alias_quality(un_record *rec, xmlNode *n, const char *text) {
    if (!text) return EMBARGO_NAME_STRONG;
    for (size_t i = 0; i < sizeof un_qualities / sizeof *un_qualities; i++)
        if (strcasecmp(text, un_qualities[i].text) == 0) return un_qualities[i].quality;
    load_warn(rec->ctx, node_line(n), "alias QUALITY \"%s\" is not known; taken as good", text);
    return EMBARGO_NAME_STRONG;
}

/* An alias NOTE that gives the alias in its own script: "original script: Абу Банат". */
#define UN_SCRIPT_NOTE "original script:"

/*
 * INDIVIDUAL_ALIAS / ENTITY_ALIAS: a name, sometimes with its own date and
 * place of birth, and a NOTE that is kept in the remarks.
 */
static void field_alias(un_record *rec, xmlNode *n) {
    const char *name = child_text(rec, n, "ALIAS_NAME");
    if (!name) return; /* the UN writes empty <INDIVIDUAL_ALIAS> blocks */
    embargo_name_quality quality = alias_quality(rec, n, child_text(rec, n, "QUALITY"));
    draft_add_name(rec->d, name, quality);
    const char *dob = child_text(rec, n, "DATE_OF_BIRTH");
    embargo_date date;
    if (dob && date_parse(dob, DATE_DAY_FIRST, &date)) draft_add_birth(rec->d, &date);
    else if (dob) load_warn(rec->ctx, node_line(n), "alias DATE_OF_BIRTH \"%s\" is not a date; left out", dob);
    const char *place[2] = {child_text(rec, n, "CITY_OF_BIRTH"), child_text(rec, n, "COUNTRY_OF_BIRTH")};
    draft_add_birth_place(rec->d, join(rec, place, 2, ", "));
    const char *note = child_text(rec, n, "NOTE");
    if (note && strncasecmp(note, UN_SCRIPT_NOTE, strlen(UN_SCRIPT_NOTE)) == 0) {
        draft_add_name_parts(rec->d, note + strlen(UN_SCRIPT_NOTE), NULL, NULL, NULL, quality, true, NULL);
    } else if (note) {
        buf text;
        buf_init(&text);
        buf_printf(&text, "Alias %s: %s", name, note);
        draft_add_remarks(rec->d, buf_str(&text));
        buf_free(&text);
    }
}

/* INDIVIDUAL_ADDRESS / ENTITY_ADDRESS. */
static void field_address(un_record *rec, xmlNode *n) {
    const char *parts[4] = {child_text(rec, n, "STREET"), child_text(rec, n, "CITY"),
                            child_text(rec, n, "STATE_PROVINCE"), child_text(rec, n, "ZIP_CODE")};
    const char *line = join(rec, parts, 4, ", ");
    const char *note = child_text(rec, n, "NOTE");
    if (line && note) {
        const char *with_note[2] = {line, note};
        line = join(rec, with_note, 2, "; ");
    } else if (note) {
        line = note;
    }
    draft_add_address(rec->d, line, parts[1], child_text(rec, n, "COUNTRY"));
}

static void field_birth_place(un_record *rec, xmlNode *n) {
    const char *parts[4] = {child_text(rec, n, "STREET"), child_text(rec, n, "CITY"),
                            child_text(rec, n, "STATE_PROVINCE"), child_text(rec, n, "COUNTRY")};
    const char *text = join(rec, parts, 4, ", ");
    draft_add_birth_place(rec->d, text ? text : child_text(rec, n, "NOTE"));
}

/* A year "1966" into *OUT; false when TEXT is no year. */
static bool parse_year(const char *text, int16_t *out) {
    char *end;
    long year = text ? strtol(text, &end, 10) : 0;
    if (!text || *end || year < 1 || year > 9999) return false;
    *out = (int16_t)year;
    return true;
}

/* BETWEEN: FROM_YEAR and TO_YEAR into *DATE. */
static bool parse_year_range(un_record *rec, xmlNode *n, embargo_date *date) {
    const char *from = child_text(rec, n, "FROM_YEAR"), *to = child_text(rec, n, "TO_YEAR");
    if (!from && !to) return false;
    if (!parse_year(from ? from : to, &date->from.year) || !parse_year(to ? to : from, &date->to.year))
        return false;
    return date->from.year <= date->to.year;
}

/*
 * INDIVIDUAL_DATE_OF_BIRTH: TYPE_OF_DATE EXACT (DATE or YEAR), APPROXIMATELY
 * (YEAR), BETWEEN (FROM_YEAR, TO_YEAR); a NOTE may say "Approximately" or
 * hold the only date ("Nov. 1973").
 */
static void field_birth(un_record *rec, xmlNode *n) {
    const char *type = child_text(rec, n, "TYPE_OF_DATE");
    const char *exact = child_text(rec, n, "DATE");
    const char *year = child_text(rec, n, "YEAR");
    const char *note = child_text(rec, n, "NOTE");
    embargo_date date = {0}, from_note = {0};
    bool note_is_date = note && date_parse(note, DATE_DAY_FIRST, &from_note);
    bool ok = false;
    if (exact || year) ok = date_parse(exact ? exact : year, DATE_DAY_FIRST, &date);
    else if (type && strcasecmp(type, "BETWEEN") == 0) ok = parse_year_range(rec, n, &date);
    else if (note_is_date) date = from_note, ok = true;
    if (!ok) {
        const char *what = exact ? exact : year ? year : note;
        if (what || (type && strcasecmp(type, "BETWEEN") == 0))
            load_warn(rec->ctx, node_line(n), "date of birth \"%s\" is not understood; kept in the remarks",
                      what ? what : "BETWEEN without years");
        if (what) {
            const char *remark[2] = {"Date of birth", what};
            draft_add_remarks(rec->d, join(rec, remark, 2, ": "));
        }
        return;
    }
    if (type && strcasecmp(type, "APPROXIMATELY") == 0) date.circa = 1;
    if (note && strncasecmp(note, "approximately", 13) == 0) date.circa = 1;
    draft_add_birth(rec->d, &date);
}

/* Document types: exact UN texts first, then words found in free-text types. */
static const struct { const char *text; embargo_id_type type; } un_doc_types[] = {
    {"passport", EMBARGO_ID_PASSPORT},
    {"national identification number", EMBARGO_ID_NATIONAL},
    {"numéro de passeport", EMBARGO_ID_PASSPORT},
    {"número de pasaporte", EMBARGO_ID_PASSPORT},
};
static const struct { const char *word; embargo_id_type type; } un_doc_words[] = {
    {"passport", EMBARGO_ID_PASSPORT},
    {"passeport", EMBARGO_ID_PASSPORT},
    {"pasaporte", EMBARGO_ID_PASSPORT},
    {"national identi", EMBARGO_ID_NATIONAL},
    {"identity card", EMBARGO_ID_NATIONAL},
    {"identification card", EMBARGO_ID_NATIONAL},
    {"identity number", EMBARGO_ID_NATIONAL},
    {"civil identification", EMBARGO_ID_NATIONAL},
    {"personal identification", EMBARGO_ID_NATIONAL},
    {"tazkira", EMBARGO_ID_NATIONAL},
    {"social security", EMBARGO_ID_NATIONAL},
    {"tax", EMBARGO_ID_TAX},
};

static embargo_id_type doc_type(const char *text) {
    if (!text) return EMBARGO_ID_OTHER;
    for (size_t i = 0; i < sizeof un_doc_types / sizeof *un_doc_types; i++)
        if (strcasecmp(text, un_doc_types[i].text) == 0) return un_doc_types[i].type;
    for (size_t i = 0; i < sizeof un_doc_words / sizeof *un_doc_words; i++)
        if (strcasestr(text, un_doc_words[i].word)) return un_doc_words[i].type;
    return EMBARGO_ID_OTHER;
}

/* INDIVIDUAL_DOCUMENT: an identifier; issue date, city and NOTE go to its note. */
static void field_document(un_record *rec, xmlNode *n) {
    const char *type = child_text(rec, n, "TYPE_OF_DOCUMENT");
    const char *type2 = child_text(rec, n, "TYPE_OF_DOCUMENT2");
    const char *number = child_text(rec, n, "NUMBER");
    const char *country = child_text(rec, n, "ISSUING_COUNTRY");
    if (!country) country = child_text(rec, n, "COUNTRY_OF_ISSUE");
    const char *issued = child_text(rec, n, "DATE_OF_ISSUE");
    const char *city = child_text(rec, n, "CITY_OF_ISSUE");
    const char *note = child_text(rec, n, "NOTE");
    const char *labels[2] = {type, type2};
    if (!number) { /* the number is then in the NOTE's prose: keep it as text */
        const char *about[2] = {join(rec, labels, 2, " / "), note};
        if (note) draft_add_remarks(rec->d, join(rec, about, 2, ": "));
        return;
    }
    embargo_id_type id_type = doc_type(type);
    if (id_type == EMBARGO_ID_OTHER) id_type = doc_type(type2);
    buf issue;
    buf_init(&issue);
    if (issued) buf_printf(&issue, "issued %s", issued);
    if (city) buf_printf(&issue, "%sin %s", issue.len ? " " : "issued ", city);
    const char *notes[2] = {issue.len ? buf_str(&issue) : NULL, note};
    draft_add_identifier(rec->d, id_type, number, join(rec, labels, 2, " / "), country,
                         join(rec, notes, 2, "; "));
    buf_free(&issue);
}

typedef void (*un_field_fn)(un_record *rec, xmlNode *n);

/* What each child element of a record becomes. */
static const struct { const char *name; un_field_fn fn; } un_fields[] = {
    {"DATAID", field_dataid},
    {"FIRST_NAME", field_name_part},
    {"SECOND_NAME", field_name_part},
    {"THIRD_NAME", field_name_part},
    {"FOURTH_NAME", field_name_part},
    {"UN_LIST_TYPE", field_list_type},
    {"REFERENCE_NUMBER", field_reference},
    {"LISTED_ON", field_listed_on},
    {"GENDER", field_gender},
    {"COMMENTS1", field_comments},
    {"NAME_ORIGINAL_SCRIPT", field_original_script},
    {"TITLE", field_titles},
    {"DESIGNATION", field_titles},
    {"NATIONALITY", field_nationality},
    {"INDIVIDUAL_ALIAS", field_alias},
    {"ENTITY_ALIAS", field_alias},
    {"INDIVIDUAL_ADDRESS", field_address},
    {"ENTITY_ADDRESS", field_address},
    {"INDIVIDUAL_DATE_OF_BIRTH", field_birth},
    {"INDIVIDUAL_PLACE_OF_BIRTH", field_birth_place},
    {"INDIVIDUAL_DOCUMENT", field_document},
};

/* The handler of a record's child element NAME, or NULL for elements passed over. */
static un_field_fn un_field_for(const char *name) {
    for (size_t i = 0; i < sizeof un_fields / sizeof *un_fields; i++)
        if (strcmp(name, un_fields[i].name) == 0) return un_fields[i].fn;
    return NULL;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* A Russian patronymic: "MAGOMEDOVICH", "SEIT-UMAROVICH", "...OVNA". */
static bool is_patronymic(const char *part) {
    static const char *const endings[] = {"ovich", "evich", "ovna", "evna", "ichna"};
    for (size_t i = 0; part && i < sizeof endings / sizeof *endings; i++)
        if (ends_with(part, endings[i])) return true;
    return false;
}

/* The primary name, from the parts in order, split where the order is known. */
static void add_primary_name(un_record *rec, bool person) {
    const char *full = join(rec, rec->parts, 4, " ");
    const char **p = rec->parts;
    if (!full) return;
    if (person && rec->list_type && strcmp(rec->list_type, "DPRK") == 0 && p[0] && p[1]) {
        /* family name first: KIM / KWANG-IL; PAK / CHUN / IL */
        draft_add_name_parts(rec->d, full, join(rec, p + 1, 3, " "), p[0], NULL,
                             EMBARGO_NAME_PRIMARY, false, NULL);
    } else if (person && p[0] && is_patronymic(p[1]) && p[2] && !p[3]) {
        draft_add_name_parts(rec->d, full, p[0], p[2], p[1], EMBARGO_NAME_PRIMARY, false, NULL);
    } else {
        draft_add_name(rec->d, full, EMBARGO_NAME_PRIMARY);
    }
}

/* Reads the expanded record NODE (INDIVIDUAL or ENTITY) and commits it. */
static embargo_status un_record_load(load_ctx *ctx, xmlNode *node) {
    bool person = is_element(node, "INDIVIDUAL");
    un_record rec = {.ctx = ctx, .d = ctx->draft, .line = node_line(node)};
    draft_set_kind(rec.d, person ? EMBARGO_KIND_PERSON : EMBARGO_KIND_ORGANIZATION,
                   (const char *)node->name);
    for (xmlNode *c = node->children; c; c = c->next) {
        un_field_fn fn = c->type == XML_ELEMENT_NODE ? un_field_for((const char *)c->name) : NULL;
        if (fn) fn(&rec, c);
    }
    if (rec.reference) {
        draft_set_id(rec.d, rec.reference);
    } else if (rec.dataid) {
        load_warn(ctx, rec.line, "record without REFERENCE_NUMBER; DATAID %s used as its id", rec.dataid);
        draft_set_id(rec.d, rec.dataid);
    }
    add_primary_name(&rec, person);
    draft_add_name_parts(rec.d, rec.original, NULL, NULL, NULL, EMBARGO_NAME_STRONG, true, NULL);
    return load_commit(ctx, rec.d, rec.line);
}

/* ---- The file ---------------------------------------------------------- */

/* The line of the reader's current node (the parser's own line runs ahead of it). */
static long reader_line(xmlTextReaderPtr reader) {
    xmlNode *node = xmlTextReaderCurrentNode(reader);
    long line = node ? xmlGetLineNo(node) : -1;
    return line > 0 ? line : xmlTextReaderGetParserLineNumber(reader);
}

static bool is_record(xmlTextReaderPtr reader) {
    if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(reader) != 2)
        return false;
    const char *name = (const char *)xmlTextReaderConstName(reader);
    return name && (strcmp(name, "INDIVIDUAL") == 0 || strcmp(name, "ENTITY") == 0);
}

/* Checks the root element and takes the publication date from it. */
static embargo_status un_root(load_ctx *ctx, xmlTextReaderPtr reader) {
    const char *name = (const char *)xmlTextReaderConstName(reader);
    long line = reader_line(reader);
    if (!name || strcmp(name, UN_ROOT) != 0)
        return load_fail(ctx, line, EMBARGO_EFORMAT, "the root element is <%s>, not <" UN_ROOT ">",
                         name ? name : "?");
    xmlChar *generated = xmlTextReaderGetAttribute(reader, BAD_CAST "dateGenerated");
    char iso[11];
    if (iso_date_part((const char *)generated, iso))
        load_set_published(ctx, iso);
    else if (generated)
        load_warn(ctx, line, "dateGenerated \"%s\" is not a date", (const char *)generated);
    else
        load_warn(ctx, line, "the list states no dateGenerated");
    xmlFree(generated);
    return EMBARGO_OK;
}

/*
 * The reader's failure as a load_fail: libxml2's message and line when it
 * gave one. Input that ends while elements are still open is truncated,
 * whatever libxml2 calls it ("Extra content at the end of the document" is
 * its push parser's word for it).
 */
static embargo_status un_reader_fail(load_ctx *ctx, xmlTextReaderPtr reader, un_io *io) {
    long line = io->error_line > 0 ? io->error_line : xmlTextReaderGetParserLineNumber(reader);
    if (io->read_errno)
        return load_fail(ctx, line, EMBARGO_EIO, "cannot read: %s", strerror(io->read_errno));
    if (io->error && io->open_element && un_error_is_end(io->error_code))
        return load_fail(ctx, line, EMBARGO_ETRUNCATED, "the file ends inside <%s>: truncated (libxml2: %s)",
                         io->open_element, io->error);
    if (io->error)
        return load_fail(ctx, line, un_error_status(io->error_code), "not well-formed XML: %s", io->error);
    return load_fail(ctx, line, EMBARGO_EFORMAT, "not well-formed XML");
}

/* Walks the document: the root, then each record at depth 2. */
static embargo_status un_walk(load_ctx *ctx, xmlTextReaderPtr reader, un_io *io) {
    bool seen_root = false;
    int ret = xmlTextReaderRead(reader);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return load_fail(ctx, reader_line(reader), EMBARGO_EFORMAT,
                             "a DOCTYPE is not expected in the UN list");
        if (type == XML_READER_TYPE_ELEMENT && !seen_root) {
            embargo_status status = un_root(ctx, reader);
            if (status != EMBARGO_OK) return status;
            seen_root = true;
        } else if (is_record(reader)) {
            xmlNode *node = xmlTextReaderExpand(reader);
            if (!node) return un_reader_fail(ctx, reader, io);
            embargo_status status = un_record_load(ctx, node);
            if (status != EMBARGO_OK) return status;
            ret = xmlTextReaderNext(reader);
            continue;
        }
        ret = xmlTextReaderRead(reader);
    }
    if (ret < 0 || io->error || io->read_errno) return un_reader_fail(ctx, reader, io);
    if (!seen_root) return load_fail(ctx, 0, EMBARGO_EFORMAT, "no <" UN_ROOT "> element");
    return EMBARGO_OK;
}

static embargo_status un_load(load_ctx *ctx) {
    un_io io = {0};
    io.file = fopen(ctx->path, "rb");
    if (!io.file) return load_fail(ctx, 0, EMBARGO_EIO, "cannot open: %s", strerror(errno));
    xmlTextReaderPtr reader = xmlReaderForIO(un_io_read, un_io_close, &io, ctx->path, NULL,
                                             XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
    embargo_status status;
    if (!reader) {
        status = load_fail(ctx, 0, EMBARGO_ENOMEM, "cannot start the XML reader");
    } else {
        xmlTextReaderSetStructuredErrorHandler(reader, un_io_error, &io);
        status = un_walk(ctx, reader, &io);
        xmlFreeTextReader(reader);
    }
    free(io.error);
    free(io.open_element);
    fclose(io.file);
    return status;
}

const source_format source_un_xml = {
    .id = "un-xml",
    .short_name = "un",
    .authority = "UN Security Council",
    .sniff = un_sniff,
    .load = un_load,
};
