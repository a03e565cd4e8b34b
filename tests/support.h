/*
 * support.h - helpers for the cmocka tests: where the real lists and the
 * fixtures are, and loading them.
 */
#ifndef EMBARGO_TEST_SUPPORT_H
#define EMBARGO_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "embargo/embargo.h"

/*
 * The path of FILE under the real lists folder (../shared/data/lists), in a
 * static buffer, or NULL when the folder is missing. Tests on real files call
 * skip_without_lists() first.
 */
const char *real_list(const char *file);
/* Skips the calling test, with a message, when the real lists are missing. */
#define skip_without_lists()                                                     \
    do {                                                                         \
        if (!real_list("")) {                                                    \
            print_message("skipped: ../shared/data/lists/ is not here "          \
                          "(set EMBARGO_TEST_LISTS to the official list files)\n"); \
            skip();                                                              \
        }                                                                        \
    } while (0)
/* The path of a fixture under tests/fixtures, in a static buffer. */
const char *fixture(const char *file);
/* Writes LEN bytes of TEXT to a new temporary file and returns its path (static buffer); removed at exit. */
const char *temp_file(const char *name, const char *text, size_t len);
/* Writes HEADER then ROWS to a new temporary file NAME, as temp_file() does. */
const char *temp_table(const char *name, const char *header, const char *rows);

/* A store loaded from PATH; asserts the load succeeded. Diagnostics go to stderr when verbose. */
embargo_store *load_ok(const char *path);
/* Loads PATH, asserts it fails with a status other than OK; returns the error message copy. */
char *load_fails(const char *path, embargo_status *status);
/* Counts the diagnostics of the last load_ok / load_fails. */
extern size_t support_diagnostics;

/* True when E has the name FULL with quality QUALITY. */
bool has_name(const embargo_entity *e, const char *full, embargo_name_quality quality);
/* True when E has a program coded CODE. */
bool has_program(const embargo_entity *e, const char *code);
/* True when E has a program coded CODE in REGIME. */
bool has_program_in(const embargo_entity *e, const char *code, const char *regime);
/* True when E has a date of birth written ISO (as embargo_date_format writes it). */
bool has_birth(const embargo_entity *e, const char *iso);

#endif
