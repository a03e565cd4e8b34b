/*
 * cli.h - what the `embargo` commands share: parsed options and the store.
 */
#ifndef EMBARGO_CLI_H
#define EMBARGO_CLI_H

#include <stdbool.h>
#include "embargo/embargo.h"
#include "embargo/search.h"

/* Exit codes, as jq does: 0 ok, 1 found nothing / verdict, 2 usage, 3 data, 4 internal. */
enum {
    CLI_OK = 0,
    CLI_NOTHING = 1,
    CLI_USAGE = 2,
    CLI_DATA = 3,
    CLI_INTERNAL = 4
};

#define CLI_MAX_ARGS 64

typedef struct {
    const char *lists;            /* --lists, or NULL */
    const char *index;            /* --index, or NULL */
    const char *db;               /* --db: the record's store (a postgres:// URL or an SQLite file), or NULL */
    bool json;                    /* --json */
    bool quiet;                   /* --quiet: no load diagnostics */
    bool verbose;                 /* --verbose: every load diagnostic */
    bool load_summary;            /* show load notes as one count (commands that are not about the lists) */
    const char *args[CLI_MAX_ARGS]; /* the command's own arguments and options, in order */
    int n_args;
} cli_opts;

typedef struct {
    const char *name;
    const char *usage;
    const char *summary;
    int (*run)(cli_opts *opts);
} cli_command;

/*
 * Loads the lists the options name (--lists, $EMBARGO_LISTS, the data
 * folder) into a new store. On failure prints why and how to get lists to
 * stderr and returns NULL with *EXIT_CODE set.
 */
embargo_store *cli_load_store(const cli_opts *opts, int *exit_code);
/* Prints an error "embargo: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The search index the options name: --index FILE; else one built in memory
 * from the lists (--lists, $EMBARGO_LISTS); else the default index file if it
 * exists; else one built from the default lists folder. Prints why on failure.
 */
embargo_index *cli_open_index(const cli_opts *opts, int *exit_code);
/* The default index file path (in a static buffer), or NULL without $HOME. */
const char *cli_default_index_path(void);

/*
 * The command's own options: a table of names; each takes a value unless
 * FLAG is set. Fills VALUES (same order as NAMES) and POSITIONAL; on an
 * unknown option or missing value prints why and returns false.
 */
typedef struct {
    const char *name;             /* "--kind" */
    bool flag;                    /* takes no value */
    const char *value;            /* out: the value, "1" for a flag, or NULL */
} cli_option;
bool cli_parse(const cli_opts *opts, cli_option *options, size_t n_options,
               const char **positional, size_t max_positional, size_t *n_positional);

int cmd_lists(cli_opts *opts);
int cmd_compare(cli_opts *opts);
int cmd_search(cli_opts *opts);
int cmd_index(cli_opts *opts);
int cmd_screen(cli_opts *opts);
int cmd_show(cli_opts *opts);
int cmd_formats(cli_opts *opts);
int cmd_serve(cli_opts *opts);
int cmd_deal(cli_opts *opts);
int cmd_text(cli_opts *opts);

/* Deal and text screening (cmd_deal.c): data files and lists. */
#include "screen/goods.h"
#include "screen/regimes.h"
/* The data file NAME ("regimes/regimes.txt"): $EMBARGO_DATA, else beside the executable (../data), else data/. */
const char *cli_data_path(const char *name, char *out, size_t size);
/* Loads the goods table and the regimes (NULL paths: the defaults); prints why on failure. */
bool cli_open_regimes(const char *regimes_path, const char *goods_path, goods_table **goods, regime_set **regimes);
/*
 * The index of --index, or of --lists / $EMBARGO_LISTS built in memory (then
 * *STORE keeps the loaded store, else NULL), or the default index file; NULL
 * with *EXIT_CODE unchanged when no lists are given at all.
 */
embargo_index *cli_open_lists(const cli_opts *opts, embargo_store **store, int *exit_code);

#endif
