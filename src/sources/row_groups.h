/*
 * row_groups.h - one entity from several consecutive rows.
 *
 * Row-per-address lists (BIS DPL, the CSL) repeat a party on consecutive
 * rows, one per address or per list. A loader gives each row its group key
 * (an id from the file, or a slug of name and date) and asks whether the row
 * continues the open group or starts a new one. A key that comes back after
 * other keys starts a new group with a stable suffix ("KEY-2"), so ids stay
 * unique and the same file always gives the same ids. Memory: the keys seen.
 */
#ifndef EMBARGO_ROW_GROUPS_H
#define EMBARGO_ROW_GROUPS_H

#include <stdbool.h>

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
 * Appends TEXT to OUT as an id slug: ASCII letters upper-cased, digits and
 * non-ASCII bytes kept, every other run of characters one '-', none at the
 * ends ("  Adrian M. Hernandez" -> "ADRIAN-M-HERNANDEZ").
 */
void row_slug(buf *out, const char *text);

#endif
