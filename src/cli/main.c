/*
 * main.c - the `embargo` command line: global options, then a command.
 * Global options (--lists, --json, --quiet, --verbose) may stand before or
 * after the command name; everything else is passed to the command.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/history_cli.h"

static int cmd_help(cli_opts *opts);
static int cmd_version(cli_opts *opts);

static const cli_command commands[] = {
    {"lists", "lists [--json]", "each loaded source: publication date, counts by kind and regime", cmd_lists},
    {"show", "show ID [--json]", "one entity whole, by id (SOURCE:ID, e.g. un:KPi.033)", cmd_show},
    {"compare", "compare NAME1 NAME2", "score two names with the scorer alone, and why", cmd_compare},
    {"search", "search NAME [--kind K] [--dob D] [--country C] [--id ID] [--limit N] [--threshold T] [--exhaustive]",
     "the listed parties a name may be", cmd_search},
    {"screen", "screen FILE [--threads N] [--exhaustive] [--threshold T]", "screen a CSV or JSON-lines file of names; JSON lines out", cmd_screen},
    {"index", "index build [--output FILE] | index verify FILE", "compile the lists into an index file, or check one whole", cmd_index},
    {"deal", "deal FILE.json [--regimes FILE] [--goods FILE] [--threshold T]",
     "screen a transaction (parties, countries, goods, vessel) against the regimes and lists", cmd_deal},
    {"text", "text FILE [--regimes FILE] [--goods FILE] [--threshold T] [--plain]",
     "find listed parties, embargoed countries and controlled goods in a text, and the dealings they describe", cmd_text},
    {"diff", "diff OLD NEW [--json] [--data DIR]", "entities added, removed and changed (which fields) per source", cmd_diff},
    {"update", "update [--from DIR] [--source S] [--sources FILE] [--force] [--data DIR]",
     "a new version of the lists (downloaded, or imported from DIR), checked, indexed, made current", cmd_update},
    {"versions", "versions [--verify] [--data DIR]", "the versions of the lists kept, * the current one", cmd_versions},
    {"record-screen", "record-screen FILE [--threshold T] [--data DIR]",
     "screen FILE against the current version and record screenings and alerts", cmd_record_screen},
    {"alerts", "alerts [--all] [--json] [--data DIR]", "the open alerts (--all: with decided and suppressed ones)", cmd_alerts},
    {"decide", "decide ALERT (--false-positive | --true-match) --reason TEXT --user NAME [--data DIR]",
     "record a decision on an alert", cmd_decide},
    {"audit", "audit verify [--data DIR]", "check that no recorded row was changed, removed or slipped in", cmd_audit},
    {"customers", "customers load FILE.csv [--data DIR]", "keep a customer base in the record, for rescreening", cmd_customers},
    {"rescreen", "rescreen [--since VERSION] [--full] [--threshold T] [--data DIR]",
     "screen the customer base against the entities added or changed since VERSION; record the new alerts", cmd_rescreen},
    {"formats", "formats", "the list formats embargo reads", cmd_formats},
    {"serve", "serve [--listen ADDR:PORT] [--admin-token-file F] [--access-log F|off] [--goods F] [--regimes F]", "the HTTP screening API (docs/api.md)", cmd_serve},
    {"help", "help", "this text", cmd_help},
    {"version", "version", "the version", cmd_version},
};

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("embargo: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int cmd_help(cli_opts *opts) {
    (void)opts;
    printf("usage: embargo [--lists DIR] [--index FILE] [--json] COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        printf("  %s\n      %s\n", commands[i].usage, commands[i].summary);
    printf("\nLists come from --lists DIR (a folder or a file), else $EMBARGO_LISTS,\n"
           "else $XDG_DATA_HOME/embargo/lists (~/.local/share/embargo/lists).\n");
    return CLI_OK;
}

static int cmd_version(cli_opts *opts) {
    (void)opts;
    printf("embargo %s\n", EMBARGO_VERSION);
    return CLI_OK;
}

/* Takes a global option at ARGV[*I]; returns 1 taken, 0 not global, -1 error. */
static int take_global(cli_opts *opts, int argc, char **argv, int *i) {
    const char *a = argv[*i];
    if (strcmp(a, "--json") == 0) return opts->json = true, 1;
    if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) return opts->quiet = true, 1;
    if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) return opts->verbose = true, 1;
    if (strncmp(a, "--lists=", 8) == 0) return opts->lists = a + 8, 1;
    if (strncmp(a, "--index=", 8) == 0) return opts->index = a + 8, 1;
    if (strncmp(a, "--db=", 5) == 0) return opts->db = a + 5, 1;
    if (strcmp(a, "--db") == 0) {
        if (*i + 1 >= argc) {
            cli_error("--db needs a postgres:// URL or a file");
            return -1;
        }
        opts->db = argv[++*i];
        return 1;
    }
    if (strcmp(a, "--index") == 0) {
        if (*i + 1 >= argc) {
            cli_error("--index needs a file");
            return -1;
        }
        opts->index = argv[++*i];
        return 1;
    }
    if (strcmp(a, "--lists") == 0) {
        if (*i + 1 >= argc) {
            cli_error("--lists needs a folder or file");
            return -1;
        }
        opts->lists = argv[++*i];
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    cli_opts opts = {0};
    const cli_command *command = NULL;
    for (int i = 1; i < argc; i++) {
        int taken = take_global(&opts, argc, argv, &i);
        if (taken < 0) return CLI_USAGE;
        if (taken) continue;
        if (!command && argv[i][0] != '-') {
            for (size_t c = 0; c < sizeof commands / sizeof *commands; c++)
                if (strcmp(argv[i], commands[c].name) == 0) command = &commands[c];
            if (!command) {
                cli_error("unknown command '%s' (see `embargo help`)", argv[i]);
                return CLI_USAGE;
            }
            continue;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return cmd_help(&opts);
        if (opts.n_args == CLI_MAX_ARGS) {
            cli_error("too many arguments");
            return CLI_USAGE;
        }
        opts.args[opts.n_args++] = argv[i];
    }
    if (!command) {
        cmd_help(&opts);
        return CLI_USAGE;
    }
    opts.load_summary = command->run != cmd_lists;
    int rc = command->run(&opts);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        return CLI_INTERNAL;
    }
    return rc;
}
