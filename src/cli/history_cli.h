/*
 * history_cli.h - what the commands on lists over time share (diff, update,
 * versions, record-screen, alerts, decide, audit, customers, rescreen):
 * the data folder, quiet loads of a list folder, and the store database.
 */
#ifndef EMBARGO_HISTORY_CLI_H
#define EMBARGO_HISTORY_CLI_H

#include "cli/cli.h"
#include "util/buf.h"

/*
 * The data folder: OPTION (--data DIR) when given, else $XDG_DATA_HOME/embargo,
 * else ~/.local/share/embargo. Static buffer; NULL without $HOME.
 */
const char *history_data_dir(const char *option);
/*
 * Loads the lists at PATH into a new store, problems counted but not shown
 * (shown with --verbose). When PATH is no file or folder but names a version
 * in DATA ("current" or a version folder name), that version's lists are
 * loaded. NULL with the reason on stderr and *RC set on failure.
 */
embargo_store *history_load(const cli_opts *opts, const char *data, const char *path, int *rc);

/*
 * Where the record is: --db, else $EMBARGO_DB (a postgres:// URL for a
 * store shared by several servers, or an SQLite file), else DATA/embargo.db.
 * Into OUT; false when there is neither a store named nor a DATA folder.
 */
bool history_record_where(const cli_opts *opts, const char *data, buf *out);

/*
 * Where the stored customer index (history/cindex.h) is, into OUT: next to
 * the record when it is an SQLite file (RECORD-customers.idx), else, for a
 * PostgreSQL store, in DATA as customers-<12 hex of the URL's SHA-256>.idx:
 * the index is derived from the record, so each machine sharing the store
 * keeps its own and rebuilds it when the customer base changed. False when
 * neither is known.
 */
bool history_cindex_where(const cli_opts *opts, const char *data, buf *out);

int cmd_diff(cli_opts *opts);
int cmd_update(cli_opts *opts);
int cmd_versions(cli_opts *opts);
int cmd_record_screen(cli_opts *opts);
int cmd_alerts(cli_opts *opts);
int cmd_decide(cli_opts *opts);
int cmd_audit(cli_opts *opts);
int cmd_customers(cli_opts *opts);
int cmd_rescreen(cli_opts *opts);

#endif
