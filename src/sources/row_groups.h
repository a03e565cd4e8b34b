/*
 * row_groups.h - one entity from several consecutive rows.
 *
 * Row-per-address lists (BIS DPL, the CSL) repeat a party on consecutive
 * rows, one per address or per list. A loader gives each row its group key
 * (an id from the file, or a slug of name and date) and asks whether the row
 * continues the open group or starts a new one. A key that comes back after
 * other keys starts a new group with a stable suffix ("KEY-2"), so ids stay
 * unique and the same file always gives the same ids. Memory: the keys seen.
 *
 * Both lists are CSV files with a header row, read the same way: the header
 * binds the columns by name (row_groups_header), then row_groups_read() gives
 * each data row to the loader, which files it by key (row_groups_file).
 */
#ifndef EMBARGO_ROW_GROUPS_H
#define EMBARGO_ROW_GROUPS_H

#include <stdbool.h>

#include "sources/csv.h"
#include "sources/load.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/strmap.h"

typedef struct {
    arena mem;            /* the keys seen */
    strmap seen;          /* key -> groups started with it */
    const char *open;     /* key of the open group, or NULL */
    buf id;               /* id of the open group */
} row_groups;

void row_groups_init(row_groups *g);
void row_groups_free(row_groups *g);

typedef enum {
    ROW_GROUP_CONTINUES,  /* same key as the row before: add to the open entity */
    ROW_GROUP_NEW,        /* a new key: commit the open entity, start another */
    ROW_GROUP_REPEATED,   /* a key seen before, not on the row before: new, suffixed id */
    ROW_GROUP_NOMEM
} row_group_result;

/* Files the row with KEY; the id of its group is then row_groups_id(G). */
row_group_result row_groups_add(row_groups *g, const char *key);
const char *row_groups_id(const row_groups *g);

/*
 * Files the row at LINE with KEY (see row_groups_add). When the row starts a
 * group, the entity open in CTX's draft (begun at line *OPEN_LINE, 0 when
 * none is) is committed, a key whose rows are not together is reported,
 * *OPEN_LINE becomes LINE and *STARTS is set: the caller then starts the new
 * entity in the draft. Returns what load_commit() returned, or EMBARGO_ENOMEM.
 */
embargo_status row_groups_file(row_groups *g, load_ctx *ctx, const char *key, long line, long *open_line,
                               bool *starts);

/*
 * Reads the header row of R and sets COLUMNS[i] to the field index of
 * NAMES[i] (N of each), -1 when the file lacks it. Returns EMBARGO_OK, or
 * fails the load (load_fail) when the file has no header row or a CSV error.
 */
embargo_status row_groups_header(load_ctx *ctx, csv_reader *r, const char *const *names, long *columns, int n);

/*
 * Reads one data row of R into the draft of CTX: STATE is the loader's own,
 * *OPEN_LINE the line of the open entity, as row_groups_file() wants it.
 */
typedef embargo_status (*row_groups_row_fn)(load_ctx *ctx, void *state, const csv_reader *r, long *open_line);

/*
 * Reads the data rows of R, whose header row has been read: a row with
 * another field count than the header is skipped (load_skip), each other is
 * given to ROW with STATE, and the entity still open at the end is committed.
 * A CSV error fails the load at its line (EMBARGO_ETRUNCATED when the file
 * ends inside a record). Returns the first status that is not EMBARGO_OK.
 */
embargo_status row_groups_read(load_ctx *ctx, csv_reader *r, row_groups_row_fn row, void *state);

/*
 * Appends TEXT to OUT as an id slug: ASCII letters upper-cased, digits and
 * non-ASCII bytes kept, every other run of characters one '-', none at the
 * ends ("  Adrian M. Hernandez" -> "ADRIAN-M-HERNANDEZ").
 */
void row_slug(buf *out, const char *text);

#endif
