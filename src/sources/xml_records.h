/*
 * xml_records.h - streaming an XML list file one record element at a time.
 *
 * Wraps libxml2's xmlTextReader: the loader walks the element starts, and
 * for each record element (an OFAC sdnEntry, an Enhanced XML entity) asks
 * for that element alone as a small tree (xmlTextReaderExpand), reads it
 * with the child helpers below, and moves past it; the reader frees what it
 * has passed, so memory follows one record, not the file. Parser errors are
 * caught, not printed, and turned into one load_fail naming file and line.
 * The parser never loads the network or external entities.
 */
#ifndef EMBARGO_XML_RECORDS_H
#define EMBARGO_XML_RECORDS_H

#include <stdbool.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "sources/load.h"

typedef struct {
    xmlTextReaderPtr reader;
    int error_code;           /* libxml2's code of the first error, 0 if none */
    long error_line;
    char error[256];          /* its message, without the trailing newline */
} xml_records;

/* Opens PATH for reading. False (and load_fail called) when it cannot. */
bool xml_records_open(xml_records *x, load_ctx *ctx);
void xml_records_close(xml_records *x);

/*
 * Moves to the next element start: into the current element's children, or,
 * with SKIP, past the current element and its subtree. Returns 1 and sets
 * *NAME (its local name, namespace ignored) and *DEPTH (0 for the root), 0 at
 * the end of the document, -1 on a parse error.
 */
int xml_records_next(xml_records *x, bool skip, const char **name, int *depth);
/* The current element as a tree (owned by the reader), or NULL on error. */
xmlNodePtr xml_records_expand(xml_records *x);
/* The line the reader is at. */
long xml_records_line(const xml_records *x);
/*
 * Reports the parse error as a load_fail naming file and line: EENCODING for
 * bytes that are not UTF-8, ETRUNCATED when the file does not end with the
 * close tag of ROOT (the local name of the root element), else EFORMAT.
 */
embargo_status xml_records_fail(xml_records *x, load_ctx *ctx, const char *root);

/* The first child element of NODE named NAME (local name), or NULL. */
xmlNodePtr xml_child(xmlNodePtr node, const char *name);
/* The next sibling element of NODE named like NODE, or NULL. */
xmlNodePtr xml_next_named(xmlNodePtr node);
/* The text of NODE (its first text child), or NULL; valid while NODE is. */
const char *xml_text(xmlNodePtr node);
/* The text of NODE's first child named NAME, or NULL. */
const char *xml_child_text(xmlNodePtr node, const char *name);
/* The value of attribute NAME of NODE, or NULL; valid while NODE is. */
const char *xml_attr(xmlNodePtr node, const char *name);
/* True when NODE is an element named NAME (local name). */
bool xml_is(xmlNodePtr node, const char *name);

#endif
