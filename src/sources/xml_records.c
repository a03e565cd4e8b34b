/*
 * xml_records.c - see xml_records.h. The error handler keeps only the first
 * error: libxml2 often reports a cascade after it, and the first one names
 * the real place.
 */
#include "sources/xml_records.h"

#include <stdio.h>
#include <string.h>

static void xml_records_on_error(void *arg, xmlErrorPtr error) {
    xml_records *x = arg;
    if (!error || error->level < XML_ERR_ERROR || x->error_code) return;
    x->error_code = error->code ? error->code : -1;
    x->error_line = error->line;
    snprintf(x->error, sizeof x->error, "%s", error->message ? error->message : "XML error");
    size_t n = strlen(x->error);
    while (n && (x->error[n - 1] == '\n' || x->error[n - 1] == ' ')) x->error[--n] = '\0';
}

bool xml_records_open(xml_records *x, load_ctx *ctx) {
    memset(x, 0, sizeof *x);
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                  XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;
    x->reader = xmlReaderForFile(ctx->path, NULL, options);
    if (!x->reader) {
        load_fail(ctx, 0, EMBARGO_EIO, "cannot open the file as XML");
        return false;
    }
    xmlTextReaderSetStructuredErrorHandler(x->reader, xml_records_on_error, x);
    return true;
}

void xml_records_close(xml_records *x) {
    if (x->reader) xmlFreeTextReader(x->reader);
    x->reader = NULL;
}

/* Reads on from the reader's position (after a Read or Next) to an element start. */
static int xml_records_seek(xml_records *x, int rc, const char **name, int *depth) {
    while (rc == 1) {
        if (xmlTextReaderNodeType(x->reader) == XML_READER_TYPE_ELEMENT) {
            *name = (const char *)xmlTextReaderConstLocalName(x->reader);
            *depth = xmlTextReaderDepth(x->reader);
            return *name ? 1 : -1;
        }
        rc = xmlTextReaderRead(x->reader);
    }
    if (rc == 0 && x->error_code) return -1;
    return rc;
}

int xml_records_next(xml_records *x, bool skip, const char **name, int *depth) {
    int rc = skip ? xmlTextReaderNext(x->reader) : xmlTextReaderRead(x->reader);
    return xml_records_seek(x, rc, name, depth);
}

xmlNodePtr xml_records_expand(xml_records *x) {
    xmlNodePtr node = xmlTextReaderExpand(x->reader);
    return x->error_code ? NULL : node;
}

long xml_records_line(const xml_records *x) {
    return xmlTextReaderGetParserLineNumber(x->reader);
}

/* True when the file at PATH ends (but for white space) with the close tag of ROOT. */
static bool xml_records_closed(const char *path, const char *root) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char tail[256];
    size_t n = 0;
    if (fseek(f, -(long)sizeof tail, SEEK_END) != 0) rewind(f);
    n = fread(tail, 1, sizeof tail, f);
    fclose(f);
    while (n && (tail[n - 1] == ' ' || tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == '\t')) n--;
    size_t len = strlen(root);
    if (n < len + 3 || tail[n - 1] != '>' || memcmp(tail + n - 1 - len, root, len) != 0) return false;
    char before = tail[n - 2 - len];
    return before == '/' || before == ':';
}

embargo_status xml_records_fail(xml_records *x, load_ctx *ctx, const char *root) {
    long line = x->error_line > 0 ? x->error_line : xml_records_line(x);
    const char *what = x->error_code ? x->error : "the XML cannot be read";
    switch (x->error_code) {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
        return load_fail(ctx, line, EMBARGO_EENCODING, "not valid UTF-8 text: %s", what);
    default:
        break;
    }
    /* Where a cut falls decides libxml2's message; the missing root end tag tells it was cut. */
    if (!xml_records_closed(ctx->path, root))
        return load_fail(ctx, line, EMBARGO_ETRUNCATED, "the file ends before </%s> (truncated?): %s", root, what);
    return load_fail(ctx, line, EMBARGO_EFORMAT, "broken XML: %s", what);
}

bool xml_is(xmlNodePtr node, const char *name) {
    return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

xmlNodePtr xml_child(xmlNodePtr node, const char *name) {
    if (!node) return NULL;
    for (xmlNodePtr c = node->children; c; c = c->next)
        if (xml_is(c, name)) return c;
    return NULL;
}

xmlNodePtr xml_next_named(xmlNodePtr node) {
    if (!node) return NULL;
    for (xmlNodePtr c = node->next; c; c = c->next)
        if (xml_is(c, (const char *)node->name)) return c;
    return NULL;
}

const char *xml_text(xmlNodePtr node) {
    if (!node) return NULL;
    for (xmlNodePtr c = node->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            return (const char *)c->content;
    return NULL;
}

const char *xml_child_text(xmlNodePtr node, const char *name) {
    return xml_text(xml_child(node, name));
}

const char *xml_attr(xmlNodePtr node, const char *name) {
    if (!node || node->type != XML_ELEMENT_NODE) return NULL;
    for (xmlAttrPtr a = node->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}
