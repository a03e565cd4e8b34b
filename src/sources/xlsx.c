/*
 * xlsx.c - see xlsx.h.
 *
 * Design: every XML part is read with an xmlTextReader fed by zip_fread, so
 * no part is ever inflated whole. The small parts (workbook, relationships,
 * styles) and the shared strings are walked once at open time by
 * part_walk() with a per-part node callback; the worksheet keeps its own
 * reader and is advanced row by row by xlsx_next(). The current row lives in
 * one byte buffer (values, NUL after each) with an offset per column.
 * External input is never trusted: counts in attributes are ignored (arrays
 * grow as they fill), indexes are range-checked, the shared strings have a
 * size cap, and every libxml2 and libzip error becomes a message naming the
 * part and its XML line.
 */
#include "sources/xlsx.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/buf.h"

#define XLSX_MAX_COLUMNS 16384                 /* XFD, Excel's last column */
#define XLSX_PEEK_STRINGS 2000                 /* shared strings read in XLSX_PEEK mode */
#define XLSX_MAX_STRING_BYTES ((size_t)1 << 30) /* cap on the shared strings */
#define XLSX_NO_CELL SIZE_MAX

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* One zip entry being parsed: the read side of xmlReaderForIO. */
typedef struct {
    zip_file_t *file;
    char zip_error[160];    /* libzip's message when a read failed */
} xlsx_part;

struct xlsx_reader {
    zip_t *zip;
    xlsx_mode mode;
    bool date1904;
    buf error;
    /* shared strings: text of string I at strings.data + string_off[I] */
    buf strings;
    size_t *string_off;
    size_t n_strings, cap_strings;
    /* styles: style_is_date[S] for cell style index S */
    bool *style_is_date;
    size_t n_styles, cap_styles;
    /* the worksheet */
    char *sheet_name;
    xlsx_part sheet_part;
    xmlTextReaderPtr sheet;
    bool done;
    /* the current row */
    long row;                /* sheet row number of the current row */
    buf values;              /* cell values, NUL after each */
    size_t *col_off;         /* offset of column I in values, or XLSX_NO_CELL */
    size_t n_cols;           /* one past the last non-empty column */
    size_t cap_cols;
    /* the current cell */
    buf cell;
    long cell_col;
    char cell_type[12];
    long cell_style;
};

/* ---- errors ---------------------------------------------------------- */

static void xlsx_fail(xlsx_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void xlsx_fail(xlsx_reader *r, const char *fmt, ...) {
    if (r->error.len) return; /* the first error is the one that matters */
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&r->error, fmt, ap);
    va_end(ap);
}

/* Names the part and XML line of a libxml2 error; the message has its own newline. */
static void xlsx_xml_error(void *user, xmlErrorPtr err) {
    xlsx_reader *r = user;
    if (!err || r->error.len) return;
    const char *msg = err->message ? err->message : "XML error";
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' ')) len--;
    buf_printf(&r->error, "XML line %d: %.*s", err->line, (int)len, msg);
}

/* ---- zip parts as libxml2 input -------------------------------------- */

static int part_read(void *context, char *buffer, int len) {
    xlsx_part *p = context;
    if (!p->file) return 0;
    zip_int64_t n = zip_fread(p->file, buffer, (zip_uint64_t)len);
    if (n < 0) {
        snprintf(p->zip_error, sizeof p->zip_error, "%s", zip_file_strerror(p->file));
        return -1;
    }
    return (int)n;
}

static int part_close(void *context) {
    xlsx_part *p = context;
    if (p->file) zip_fclose(p->file);
    p->file = NULL;
    return 0;
}

/*
 * A reader over zip entry NAME, or NULL (with *MISSING true when the entry
 * is not there). P must outlive the reader.
 */
static xmlTextReaderPtr part_open(xlsx_reader *r, const char *name, xlsx_part *p, bool *missing) {
    memset(p, 0, sizeof *p);
    *missing = false;
    p->file = zip_fopen(r->zip, name, ZIP_FL_NOCASE);
    if (!p->file) {
        *missing = zip_get_error(r->zip)->zip_err == ZIP_ER_NOENT;
        if (!*missing) xlsx_fail(r, "%s: %s", name, zip_strerror(r->zip));
        return NULL;
    }
    xmlTextReaderPtr reader = xmlReaderForIO(part_read, part_close, p, name, NULL,
                                             XML_PARSE_NONET);
    if (!reader) {
        xlsx_fail(r, "%s: cannot start the XML reader", name);
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(reader, xlsx_xml_error, r);
    return reader;
}

/* After a failed read: the zip's reason, else libxml2's, naming the part. */
static void part_failed(xlsx_reader *r, const char *name, const xlsx_part *p) {
    if (p->zip_error[0]) {
        buf_clear(&r->error);
        buf_printf(&r->error, "%s: damaged zip entry: %s", name, p->zip_error);
        return;
    }
    if (r->error.len) {
        buf tmp;
        buf_init(&tmp);
        buf_printf(&tmp, "%s: %s", name, buf_str(&r->error));
        buf_free(&r->error);
        r->error = tmp;
        return;
    }
    xlsx_fail(r, "%s: broken XML", name);
}

/* Node callback: 0 go on, 1 stop (done), -1 error (message set). */
typedef int (*node_fn)(xlsx_reader *r, xmlTextReaderPtr reader, void *user);

/*
 * Calls FN on every node of part NAME. A missing part is fine unless
 * REQUIRED. Returns false on an error, with the message set.
 */
static bool part_walk(xlsx_reader *r, const char *name, bool required, node_fn fn, void *user) {
    xlsx_part p;
    bool missing;
    xmlTextReaderPtr reader = part_open(r, name, &p, &missing);
    if (!reader) {
        if (missing && required) xlsx_fail(r, "%s is missing: not an Excel workbook", name);
        return missing && !required;
    }
    int rc = 0, verdict = 0;
    while (verdict == 0 && (rc = xmlTextReaderRead(reader)) == 1) verdict = fn(r, reader, user);
    if (verdict == 0 && rc < 0) {
        part_failed(r, name, &p);
        verdict = -1;
    }
    xmlFreeTextReader(reader);
    part_close(&p);
    return verdict >= 0;
}

static bool node_is(xmlTextReaderPtr reader, int type, const char *local) {
    if (xmlTextReaderNodeType(reader) != type) return false;
    const xmlChar *name = xmlTextReaderConstLocalName(reader);
    return name && strcmp((const char *)name, local) == 0;
}

static bool is_start(xmlTextReaderPtr reader, const char *local) {
    return node_is(reader, XML_READER_TYPE_ELEMENT, local);
}

static bool is_end(xmlTextReaderPtr reader, const char *local) {
    return node_is(reader, XML_READER_TYPE_END_ELEMENT, local);
}

static bool is_text(xmlTextReaderPtr reader) {
    int type = xmlTextReaderNodeType(reader);
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

/* Attribute NAME of the current element as a new string, or NULL. */
static char *attr(xmlTextReaderPtr reader, const char *name) {
    return (char *)xmlTextReaderGetAttribute(reader, (const xmlChar *)name);
}

/* ---- workbook and relationships: where the parts are ----------------- */

typedef struct {
    char *sheet_rid;      /* r:id of the first sheet */
    char *sheet_target;   /* from the rels */
    char *strings_target;
    char *styles_target;
} workbook_info;

static bool truthy(const char *s) {
    return s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0);
}

static int workbook_node(xlsx_reader *r, xmlTextReaderPtr reader, void *user) {
    workbook_info *info = user;
    if (is_start(reader, "workbookPr")) {
        char *v = attr(reader, "date1904");
        r->date1904 = truthy(v);
        xmlFree(v);
    } else if (is_start(reader, "sheet") && !info->sheet_rid) {
        info->sheet_rid = (char *)xmlTextReaderGetAttributeNs(reader, (const xmlChar *)"id",
                                                              (const xmlChar *)NS_REL);
    }
    return 0;
}

static bool ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static int rels_node(xlsx_reader *r, xmlTextReaderPtr reader, void *user) {
    (void)r;
    workbook_info *info = user;
    if (!is_start(reader, "Relationship")) return 0;
    char *id = attr(reader, "Id"), *type = attr(reader, "Type"), *target = attr(reader, "Target");
    char **slot = NULL;
    if (id && type && target) {
        if (info->sheet_rid && strcmp(id, info->sheet_rid) == 0) slot = &info->sheet_target;
        else if (ends_with(type, "/sharedStrings")) slot = &info->strings_target;
        else if (ends_with(type, "/styles")) slot = &info->styles_target;
    }
    if (slot && !*slot) {
        *slot = target;
        target = NULL;
    }
    xmlFree(id);
    xmlFree(type);
    xmlFree(target);
    return 0;
}

/* The zip entry a workbook relationship TARGET names ("worksheets/s.xml" -> "xl/worksheets/s.xml"). */
static char *part_path(const char *target, const char *fallback) {
    if (!target || !*target) return strdup(fallback);
    buf path;
    buf_init(&path);
    if (target[0] == '/') buf_puts(&path, target + 1);
    else buf_printf(&path, "xl/%s", target);
    /* fold "dir/../" segments */
    char *p;
    while (!path.failed && (p = strstr(path.data, "/../")) != NULL) {
        char *start = p;
        while (start > path.data && start[-1] != '/') start--;
        memmove(start, p + 4, strlen(p + 4) + 1);
    }
    if (path.failed) {
        buf_free(&path);
        return NULL;
    }
    return path.data;
}

/* ---- styles: which cell styles show dates ---------------------------- */

/* True for a built-in number format that shows a date (ECMA-376 18.8.30). */
static bool builtin_date_format(long id) {
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* True when a format code shows a day or a year: a d or y outside quotes, brackets and escapes. */
static bool format_code_is_date(const char *code) {
    for (const char *c = code; c && *c && *c != ';'; c++) {
        if (*c == '"') {
            c = strchr(c + 1, '"');
            if (!c) return false;
        } else if (*c == '[') {
            c = strchr(c + 1, ']');
            if (!c) return false;
        } else if (*c == '\\' || *c == '_' || *c == '*') {
            if (!*++c) return false;
        } else if (strchr("dDyY", *c)) {
            return true;
        }
    }
    return false;
}

typedef struct {
    long *date_ids;       /* custom number formats that show dates */
    size_t n_ids, cap_ids;
    bool in_cell_xfs;
    bool failed;
} styles_state;

static bool push_id(styles_state *s, long id) {
    if (s->n_ids == s->cap_ids) {
        size_t cap = s->cap_ids ? s->cap_ids * 2 : 16;
        long *grown = realloc(s->date_ids, cap * sizeof *grown);
        if (!grown) return false;
        s->date_ids = grown;
        s->cap_ids = cap;
    }
    s->date_ids[s->n_ids++] = id;
    return true;
}

static bool style_format_is_date(const styles_state *s, long id) {
    if (builtin_date_format(id)) return true;
    for (size_t i = 0; i < s->n_ids; i++)
        if (s->date_ids[i] == id) return true;
    return false;
}

static bool push_style(xlsx_reader *r, bool is_date) {
    if (r->n_styles == r->cap_styles) {
        size_t cap = r->cap_styles ? r->cap_styles * 2 : 64;
        bool *grown = realloc(r->style_is_date, cap * sizeof *grown);
        if (!grown) return false;
        r->style_is_date = grown;
        r->cap_styles = cap;
    }
    r->style_is_date[r->n_styles++] = is_date;
    return true;
}

static long attr_long(xmlTextReaderPtr reader, const char *name, long missing) {
    char *v = attr(reader, name);
    if (!v) return missing;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    bool ok = end != v && *end == '\0' && errno == 0;
    xmlFree(v);
    return ok ? n : missing;
}

static int styles_node(xlsx_reader *r, xmlTextReaderPtr reader, void *user) {
    styles_state *s = user;
    bool ok = true;
    if (is_start(reader, "numFmt")) {
        char *code = attr(reader, "formatCode");
        long id = attr_long(reader, "numFmtId", -1);
        if (id >= 0 && format_code_is_date(code)) ok = push_id(s, id);
        xmlFree(code);
    } else if (is_start(reader, "cellXfs")) {
        s->in_cell_xfs = !xmlTextReaderIsEmptyElement(reader);
    } else if (is_end(reader, "cellXfs")) {
        s->in_cell_xfs = false;
    } else if (s->in_cell_xfs && is_start(reader, "xf")) {
        ok = push_style(r, style_format_is_date(s, attr_long(reader, "numFmtId", 0)));
    }
    if (!ok) {
        xlsx_fail(r, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- shared strings --------------------------------------------------- */

typedef struct {
    bool in_si, in_t;
    int rph_depth;        /* inside <rPh> phonetic runs, which are not the text */
} sst_state;

static bool sst_begin(xlsx_reader *r) {
    if (r->n_strings == r->cap_strings) {
        size_t cap = r->cap_strings ? r->cap_strings * 2 : 1024;
        size_t *grown = realloc(r->string_off, cap * sizeof *grown);
        if (!grown) return false;
        r->string_off = grown;
        r->cap_strings = cap;
    }
    r->string_off[r->n_strings++] = r->strings.len;
    return true;
}

static int sst_node(xlsx_reader *r, xmlTextReaderPtr reader, void *user) {
    sst_state *s = user;
    bool empty = xmlTextReaderIsEmptyElement(reader);
    if (is_start(reader, "si")) {
        if (r->mode == XLSX_PEEK && r->n_strings >= XLSX_PEEK_STRINGS) return 1;
        if (!sst_begin(r)) goto oom;
        s->in_si = !empty;
        if (empty && !buf_putc(&r->strings, '\0')) goto oom;
    } else if (is_end(reader, "si")) {
        s->in_si = false;
        if (!buf_putc(&r->strings, '\0')) goto oom;
    } else if (s->in_si && is_start(reader, "rPh")) {
        if (!empty) s->rph_depth++;
    } else if (s->in_si && is_end(reader, "rPh")) {
        if (s->rph_depth) s->rph_depth--;
    } else if (s->in_si && is_start(reader, "t")) {
        s->in_t = !empty && s->rph_depth == 0;
    } else if (is_end(reader, "t")) {
        s->in_t = false;
    } else if (s->in_t && is_text(reader)) {
        const char *text = (const char *)xmlTextReaderConstValue(reader);
        if (text && !buf_puts(&r->strings, text)) goto oom;
        if (r->strings.len > XLSX_MAX_STRING_BYTES) {
            xlsx_fail(r, "the shared strings are larger than %zu bytes", XLSX_MAX_STRING_BYTES);
            return -1;
        }
    }
    return 0;
oom:
    xlsx_fail(r, "out of memory reading the shared strings");
    return -1;
}

/* ---- opening ---------------------------------------------------------- */

static bool xlsx_load_parts(xlsx_reader *r) {
    workbook_info info = {0};
    bool ok = part_walk(r, "xl/workbook.xml", true, workbook_node, &info) &&
              part_walk(r, "xl/_rels/workbook.xml.rels", false, rels_node, &info);
    char *strings = NULL, *styles = NULL;
    if (ok) {
        r->sheet_name = part_path(info.sheet_target, "xl/worksheets/sheet1.xml");
        strings = part_path(info.strings_target, "xl/sharedStrings.xml");
        styles = part_path(info.styles_target, "xl/styles.xml");
        if (!r->sheet_name || !strings || !styles) {
            xlsx_fail(r, "out of memory");
            ok = false;
        }
    }
    styles_state st = {0};
    sst_state ss = {0};
    ok = ok && part_walk(r, styles, false, styles_node, &st);
    ok = ok && part_walk(r, strings, false, sst_node, &ss);
    if (ok && ss.in_si && !buf_putc(&r->strings, '\0')) ok = false; /* PEEK stopped inside one */
    free(st.date_ids);
    free(strings);
    free(styles);
    xmlFree(info.sheet_rid);
    xmlFree(info.sheet_target);
    xmlFree(info.strings_target);
    xmlFree(info.styles_target);
    if (!ok) return false;
    bool missing;
    r->sheet = part_open(r, r->sheet_name, &r->sheet_part, &missing);
    if (!r->sheet && missing) xlsx_fail(r, "%s is missing: the workbook has no sheet", r->sheet_name);
    return r->sheet != NULL;
}

static xlsx_reader *xlsx_new(xlsx_mode mode) {
    xlsx_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->mode = mode;
    buf_init(&r->error);
    buf_init(&r->strings);
    buf_init(&r->values);
    buf_init(&r->cell);
    return r;
}

/* Finishes an open: R has its zip (or a message); returns R or NULL with *ERROR. */
static xlsx_reader *xlsx_finish_open(xlsx_reader *r, char **error) {
    if (r->zip && xlsx_load_parts(r)) return r;
    if (error) *error = strdup(r->error.len ? buf_str(&r->error) : "cannot open the workbook");
    xlsx_close(r);
    return NULL;
}

static void zip_open_failed(xlsx_reader *r, int code) {
    zip_error_t err;
    zip_error_init_with_code(&err, code);
    if (code == ZIP_ER_NOZIP) xlsx_fail(r, "not a zip file, so not an .xlsx workbook");
    else xlsx_fail(r, "cannot open as a zip file: %s", zip_error_strerror(&err));
    zip_error_fini(&err);
}

xlsx_reader *xlsx_open(const char *path, xlsx_mode mode, char **error) {
    xlsx_reader *r = xlsx_new(mode);
    if (!r) {
        if (error) *error = strdup("out of memory");
        return NULL;
    }
    int code = 0;
    r->zip = zip_open(path, ZIP_RDONLY, &code);
    if (!r->zip) zip_open_failed(r, code);
    return xlsx_finish_open(r, error);
}

xlsx_reader *xlsx_open_memory(const void *data, size_t len, xlsx_mode mode, char **error) {
    xlsx_reader *r = xlsx_new(mode);
    if (!r) {
        if (error) *error = strdup("out of memory");
        return NULL;
    }
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    if (src) {
        r->zip = zip_open_from_source(src, ZIP_RDONLY, &err);
        if (!r->zip) {
            zip_source_free(src);
            zip_open_failed(r, zip_error_code_zip(&err));
        }
    } else {
        xlsx_fail(r, "out of memory");
    }
    zip_error_fini(&err);
    return xlsx_finish_open(r, error);
}

void xlsx_close(xlsx_reader *r) {
    if (!r) return;
    if (r->sheet) xmlFreeTextReader(r->sheet);
    part_close(&r->sheet_part);
    if (r->zip) zip_discard(r->zip);
    free(r->sheet_name);
    free(r->string_off);
    free(r->style_is_date);
    free(r->col_off);
    buf_free(&r->strings);
    buf_free(&r->values);
    buf_free(&r->cell);
    buf_free(&r->error);
    free(r);
}

/* ---- cell values ------------------------------------------------------ */

long xlsx_column_of(const char *ref) {
    long col = 0;
    int letters = 0;
    for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++) {
        if (++letters > 3) return -1;
        col = col * 26 + (*ref - 'A' + 1);
    }
    if (letters == 0 || col > XLSX_MAX_COLUMNS) return -1;
    return col - 1;
}

/* Y-M-D of a day count from 1970-01-01 (H. Hinnant's civil_from_days). */
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

bool xlsx_serial_date(double serial, bool date1904, char out[11]) {
    if (!(serial >= 0 && serial < 2958466)) return false; /* also rejects NaN */
    long days = (long)floor(serial);
    if (date1904) {
        days -= 24107;                    /* serial 0 is 1904-01-01 */
    } else {
        if (days < 1 || days == 60) return false; /* 0 and Excel's 1900-02-29 are no dates */
        days -= days < 60 ? 25568 : 25569; /* serial 1 is 1900-01-01 */
    }
    long y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, m % 100, d % 100);
    return true;
}

/* The value of a number cell: an ISO date when its style shows a date, else as written. */
static const char *number_value(xlsx_reader *r, const char *text, char date[11]) {
    bool dated = r->cell_style >= 0 && (size_t)r->cell_style < r->n_styles &&
                 r->style_is_date[r->cell_style];
    if (!dated || !*text) return text;
    char *end;
    double v = strtod(text, &end);
    if (*end != '\0' || !xlsx_serial_date(v, r->date1904, date)) return text;
    return date;
}

/* The value of the cell just read, or NULL after an error. */
static const char *cell_value(xlsx_reader *r, char date[11]) {
    const char *text = buf_str(&r->cell);
    const char *type = r->cell_type;
    if (strcmp(type, "s") == 0) {
        char *end;
        errno = 0;
        unsigned long long i = strtoull(text, &end, 10);
        if (end == text || *end != '\0' || errno || text[0] == '-') {
            xlsx_fail(r, "row %ld: bad shared string index \"%.20s\"", r->row, text);
            return NULL;
        }
        if (i < r->n_strings) return r->strings.data + r->string_off[i];
        if (r->mode == XLSX_PEEK) return ""; /* beyond the strings peeked at */
        xlsx_fail(r, "row %ld: shared string %llu does not exist (there are %zu)", r->row, i,
                  r->n_strings);
        return NULL;
    }
    if (strcmp(type, "b") == 0) return strcmp(text, "1") == 0 ? "TRUE" : *text ? "FALSE" : "";
    if (strcmp(type, "n") == 0 || type[0] == '\0') return number_value(r, text, date);
    return text; /* inlineStr, str (formula text), e (error), d (ISO date) */
}

static bool row_reserve(xlsx_reader *r, size_t col) {
    if (col < r->cap_cols) return true;
    size_t cap = r->cap_cols ? r->cap_cols : 32;
    while (cap <= col) cap *= 2;
    size_t *grown = realloc(r->col_off, cap * sizeof *grown);
    if (!grown) return false;
    for (size_t i = r->cap_cols; i < cap; i++) grown[i] = XLSX_NO_CELL;
    r->col_off = grown;
    r->cap_cols = cap;
    return true;
}

static void row_begin(xlsx_reader *r, xmlTextReaderPtr reader) {
    for (size_t i = 0; i < r->n_cols; i++) r->col_off[i] = XLSX_NO_CELL;
    r->n_cols = 0;
    buf_clear(&r->values);
    long n = attr_long(reader, "r", -1);
    r->row = n > 0 ? n : r->row + 1;
    r->cell_col = -1;
}

/* Starts a cell; false on a bad reference. */
static bool cell_begin(xlsx_reader *r, xmlTextReaderPtr reader) {
    buf_clear(&r->cell);
    char *ref = attr(reader, "r");
    char *type = attr(reader, "t");
    long col = ref ? xlsx_column_of(ref) : r->cell_col + 1;
    snprintf(r->cell_type, sizeof r->cell_type, "%s", type ? type : "");
    r->cell_style = attr_long(reader, "s", -1);
    if (col < 0 || col >= XLSX_MAX_COLUMNS)
        xlsx_fail(r, "row %ld: bad cell reference \"%.20s\"", r->row, ref ? ref : "");
    xmlFree(ref);
    xmlFree(type);
    r->cell_col = col;
    return col >= 0 && col < XLSX_MAX_COLUMNS;
}

/* Stores the cell just read in the row; false after an error. */
static bool cell_end(xlsx_reader *r) {
    char date[11];
    const char *value = cell_value(r, date);
    if (!value) return false;
    if (!*value) return true;
    size_t col = (size_t)r->cell_col;
    if (!row_reserve(r, col)) {
        xlsx_fail(r, "out of memory");
        return false;
    }
    r->col_off[col] = r->values.len;
    if (!buf_append(&r->values, value, strlen(value) + 1)) {
        xlsx_fail(r, "out of memory");
        return false;
    }
    if (col + 1 > r->n_cols) r->n_cols = col + 1;
    return true;
}

/* ---- the sheet, row by row --------------------------------------------- */

typedef struct {
    bool in_row, in_cell, in_value, in_inline;
    int rph_depth;
} sheet_state;

/* One sheet node: 0 go on, 1 a row is complete, -1 error. */
static int sheet_node(xlsx_reader *r, xmlTextReaderPtr reader, sheet_state *s) {
    bool empty = xmlTextReaderIsEmptyElement(reader);
    if (is_start(reader, "row")) {
        row_begin(r, reader);
        s->in_row = !empty;
        return 0;
    }
    if (is_end(reader, "row")) {
        s->in_row = false;
        return r->n_cols ? 1 : 0;
    }
    if (!s->in_row) return 0;
    if (is_start(reader, "c")) {
        if (!cell_begin(r, reader)) return -1;
        s->in_cell = !empty;
        s->in_inline = false;
        s->rph_depth = 0;
        return 0;
    }
    if (is_end(reader, "c")) {
        s->in_cell = false;
        return cell_end(r) ? 0 : -1;
    }
    if (!s->in_cell) return 0;
    if (is_start(reader, "v")) s->in_value = !empty && strcmp(r->cell_type, "inlineStr") != 0;
    else if (is_end(reader, "v")) s->in_value = false;
    else if (is_start(reader, "rPh") && !empty) s->rph_depth++;
    else if (is_end(reader, "rPh") && s->rph_depth) s->rph_depth--;
    else if (is_start(reader, "t")) s->in_inline = !empty && s->rph_depth == 0 &&
                                                   strcmp(r->cell_type, "inlineStr") == 0;
    else if (is_end(reader, "t")) s->in_inline = false;
    else if ((s->in_value || s->in_inline) && is_text(reader)) {
        const char *text = (const char *)xmlTextReaderConstValue(reader);
        if (text && !buf_puts(&r->cell, text)) {
            xlsx_fail(r, "out of memory");
            return -1;
        }
    }
    return 0;
}

xlsx_result xlsx_next(xlsx_reader *r) {
    if (r->done) return r->error.len ? XLSX_ERROR : XLSX_END;
    sheet_state s = {0};
    int rc;
    while ((rc = xmlTextReaderRead(r->sheet)) == 1) {
        int verdict = sheet_node(r, r->sheet, &s);
        if (verdict == 1) return XLSX_RECORD;
        if (verdict < 0) break;
    }
    r->done = true;
    if (rc < 0) part_failed(r, r->sheet_name, &r->sheet_part);
    if (r->error.len) {
        r->n_cols = 0;
        return XLSX_ERROR;
    }
    return XLSX_END;
}

const char *xlsx_field(const xlsx_reader *r, size_t i) {
    if (i >= r->n_cols || r->col_off[i] == XLSX_NO_CELL) return "";
    return r->values.data + r->col_off[i];
}

size_t xlsx_count(const xlsx_reader *r) {
    return r->n_cols;
}

long xlsx_record_line(const xlsx_reader *r) {
    return r->row;
}

const char *xlsx_error(const xlsx_reader *r) {
    return buf_str(&r->error);
}
