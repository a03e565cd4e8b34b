/*
 * cmd_formats.c - `embargo formats`: the list formats embargo reads.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "sources/load.h"

int cmd_formats(cli_opts *opts) {
    (void)opts;
    for (const source_format *const *f = source_formats; *f; f++)
        printf("%-20s %-12s %s%s%s\n", (*f)->id, (*f)->short_name, (*f)->authority,
               (*f)->companion ? " (part of a set)" : "",
               (*f)->reference_only ? " (reference data, not a sanctions list)" : "");
    return CLI_OK;
}
