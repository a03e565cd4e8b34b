/*
 * draft.h - an entity being built by a loader.
 *
 * Loaders fill a draft field by field, then hand it to load_commit() (see
 * sources/load.h), which validates it and copies it into the store. Every
 * string given to a draft is copied and cleaned: surrounding and repeated
 * white space folded, no-break and narrow no-break spaces made spaces, byte
 * order marks, zero-width and bidi marks and soft hyphens removed, C1 control
 * characters read as the cp1252 characters they were mis-decoded from, and
 * invalid UTF-8 replaced by U+FFFD (and counted). A string that is empty
 * after cleaning is not added. The caller may reuse its buffers at once.
 */
#ifndef EMBARGO_DRAFT_H
#define EMBARGO_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "embargo/entity.h"
#include "util/arena.h"

typedef struct draft draft;

draft *draft_new(void);
void draft_free(draft *d);
/* Empties D for the next record, keeping its memory. */
void draft_reset(draft *d);

/* A cleaned copy of S in D's memory, or NULL when S is NULL or blank. */
const char *draft_text(draft *d, const char *s);
const char *draft_textn(draft *d, const char *s, size_t len);
/* Invalid UTF-8 sequences replaced so far in this record. */
size_t draft_bad_utf8(const draft *d);
/* True when an allocation failed since the last reset. */
bool draft_failed(const draft *d);
/* True when D has no id, or no name, yet. */
bool draft_is_empty(const draft *d);

void draft_set_id(draft *d, const char *source_id);
const char *draft_id(const draft *d);
void draft_set_kind(draft *d, embargo_kind kind, const char *kind_text);
embargo_kind draft_kind(const draft *d);

/*
 * Adds a name. The first PRIMARY name becomes names[0]; when a primary name
 * is added after others it moves to the front. Returns false when FULL is
 * blank or the same name with the same quality is already there.
 */
bool draft_add_name(draft *d, const char *full, embargo_name_quality quality);
/*
 * Adds a name with its parts (any may be NULL). When FULL is NULL it is
 * made from the parts, given names first.
 */
bool draft_add_name_parts(draft *d, const char *full, const char *given,
                          const char *family, const char *patronymic,
                          embargo_name_quality quality, bool original_script,
                          const char *lang);
size_t draft_name_count(const draft *d);

void draft_add_birth(draft *d, const embargo_date *date);
void draft_add_birth_place(draft *d, const char *text);
/* Countries from text; the ISO code is looked up, the text kept. */
void draft_add_nationality(draft *d, const char *text);
void draft_add_citizenship(draft *d, const char *text);
void draft_add_country(draft *d, const char *text);
void draft_set_gender(draft *d, embargo_gender gender);
/* Any of TEXT, CITY, COUNTRY may be NULL; nothing is added when all are. */
void draft_add_address(draft *d, const char *text, const char *city, const char *country);
void draft_add_identifier(draft *d, embargo_id_type type, const char *value,
                          const char *label, const char *country, const char *note);
/* Adds a program code; its regime comes from the regime table. Deduplicated. */
void draft_add_program(draft *d, const char *code);
void draft_add_link(draft *d, const char *relation, const char *name);
void draft_add_title(draft *d, const char *title);
void draft_set_listed(draft *d, const embargo_date *date);
/* Appends TEXT to the remarks, separated by a blank line. */
void draft_add_remarks(draft *d, const char *text);
void draft_set_vessel(draft *d, const char *flag, const char *type, const char *tonnage);

/*
 * The draft as an entity whose pointers point into D (valid until the next
 * change to D). id and source are NULL until load_commit() sets them.
 */
const embargo_entity *draft_entity(const draft *d);

#endif
