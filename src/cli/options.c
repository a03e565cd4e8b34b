/*
 * options.c - a command's own options, from a table (see cli_parse).
 */
#include <string.h>

#include "cli/cli.h"

/* The option of TABLE named like ARG ("--kind" or "--kind=..."), or NULL. */
static cli_option *find_option(cli_option *table, size_t n, const char *arg, const char **inline_value) {
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(table[i].name);
        if (strncmp(arg, table[i].name, len) != 0) continue;
        if (arg[len] == '\0') return *inline_value = NULL, &table[i];
        if (arg[len] == '=' && !table[i].flag) return *inline_value = arg + len + 1, &table[i];
    }
    return NULL;
}

bool cli_parse(const cli_opts *opts, cli_option *options, size_t n_options,
               const char **positional, size_t max_positional, size_t *n_positional) {
    *n_positional = 0;
    for (size_t i = 0; i < n_options; i++) options[i].value = NULL;
    for (int i = 0; i < opts->n_args; i++) {
        const char *arg = opts->args[i];
        if (arg[0] == '-' && arg[1] == '-' && arg[2]) {
            const char *value = NULL;
            cli_option *o = find_option(options, n_options, arg, &value);
            if (!o) {
                cli_error("unknown option %s (see `embargo help`)", arg);
                return false;
            }
            if (o->flag) {
                o->value = "1";
            } else if (value) {
                o->value = value;
            } else if (i + 1 < opts->n_args) {
                o->value = opts->args[++i];
            } else {
                cli_error("%s needs a value", o->name);
                return false;
            }
            continue;
        }
        if (*n_positional == max_positional) {
            cli_error("unexpected argument '%s'", arg);
            return false;
        }
        positional[(*n_positional)++] = arg;
    }
    return true;
}
