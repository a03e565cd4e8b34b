/*
 * goods.h - the goods table (data/goods/goods.txt): HS codes and common
 * terms to the goods categories the regimes use.
 *
 * A category is a bit in a goods_set (at most GOODS_MAX_CATEGORIES). A code
 * takes the categories of every table entry that is a prefix of it (chapter,
 * heading, subheading: 9306.90 is arms by chapter 93 and by 9306), so the
 * table states each fact once, at the level where it holds. A description
 * takes the categories of every term found in it ("152 mm artillery shells"
 * is heavy-arms by "artillery"). The table is read-only once loaded and may
 * be shared by threads.
 */
#ifndef EMBARGO_GOODS_H
#define EMBARGO_GOODS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GOODS_MAX_CATEGORIES 64
#define GOODS_MAX_TERM_WORDS 6
#define GOODS_WORD_LEN 32

typedef uint64_t goods_set;
typedef struct goods_table goods_table;

/*
 * Loads the table at PATH into *OUT (caller frees with goods_free). On a
 * format error returns false and writes "PATH:LINE: why" to ERR.
 */
bool goods_load(const char *path, goods_table **out, char *err, size_t err_size);
void goods_free(goods_table *table);

size_t goods_category_count(const goods_table *table);
/* The id and description of category I (I < count). */
const char *goods_category_id(const goods_table *table, size_t i);
const char *goods_category_text(const goods_table *table, size_t i);
/* The index of the category named ID, or -1. */
int goods_category_find(const goods_table *table, const char *id);
/* Writes the ids in SET into OUT ("arms,heavy-arms"); returns OUT. */
char *goods_set_format(const goods_table *table, goods_set set, char *out, size_t size);

/*
 * The categories of the HS code HS ("9306.90", "930690", "HS 2701"): the
 * union over the table's codes that are prefixes of it. *DESCRIPTION (may be
 * NULL) gets the description of the longest such code, or NULL. 0 when the
 * code is no HS code (fewer than 2 digits) or the table knows no prefix.
 */
goods_set goods_by_code(const goods_table *table, const char *hs, const char **description);

/* One goods term found in a text: its byte range and its categories. */
typedef struct {
    size_t start, end;            /* byte offsets, end exclusive */
    const char *term;             /* the term as the table writes it */
    goods_set set;
} goods_mention;

/*
 * Calls FN for each goods term in LEN bytes of TEXT (any bytes; words are
 * ASCII letters and digits, case-insensitive, a final "s"/"es" accepted;
 * letters and digits split: "152mm" is "152 mm"), longest term first at each
 * place. FN returns false to stop. Returns the union of the sets found.
 */
goods_set goods_scan(const goods_table *table, const char *text, size_t len,
                     bool (*fn)(void *user, const goods_mention *m), void *user);

/*
 * goods_scan in steps, for a caller that splits the text into words itself
 * (document_scan): the same mentions in the same order, but a word the
 * caller knows to be ASCII letters only is taken as one token, not read
 * again byte by byte. Scan up to each word in order, then to LEN; FOUND is
 * goods_scan's result.
 */
typedef struct {
    const goods_table *table;
    const char *text;
    size_t len, pos;              /* the text before POS is scanned */
    bool (*fn)(void *user, const goods_mention *m);
    void *user;
    bool stopped;                 /* nothing more to scan: FN said stop, or the table has no terms */
    goods_set found;
} goods_scanner;

void goods_scanner_init(goods_scanner *s, const goods_table *table, const char *text, size_t len,
                        bool (*fn)(void *user, const goods_mention *m), void *user);
/* Scans the tokens that begin before UPTO. */
void goods_scan_until(goods_scanner *s, size_t upto);
/* Scans to END, where START..END are ASCII letters only (one token when nothing before runs into it). */
void goods_scan_letters(goods_scanner *s, size_t start, size_t end);

#endif
