/*
 * deal_input.c - reading a deal from JSON (see deal_from_json in deal.h).
 * Every field is checked; an error names the field ("parties[2].country")
 * and what was wrong with it. Roles map to a side of the deal by a table.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embargo/country.h"
#include "screen/deal_int.h"

typedef struct {
    const char *name;             /* as the input may write it */
    const char *role;             /* canonical */
    deal_side side;
    embargo_kind kind;
} role_entry;

static const role_entry roles[] = {
    {"seller", "seller", DEAL_SIDE_FROM, EMBARGO_KIND_UNKNOWN},
    {"exporter", "seller", DEAL_SIDE_FROM, EMBARGO_KIND_UNKNOWN},
    {"shipper", "shipper", DEAL_SIDE_FROM, EMBARGO_KIND_UNKNOWN},
    {"buyer", "buyer", DEAL_SIDE_TO, EMBARGO_KIND_UNKNOWN},
    {"importer", "buyer", DEAL_SIDE_TO, EMBARGO_KIND_UNKNOWN},
    {"consignee", "consignee", DEAL_SIDE_TO, EMBARGO_KIND_UNKNOWN},
    {"end-user", "end-user", DEAL_SIDE_TO, EMBARGO_KIND_UNKNOWN},
    {"end user", "end-user", DEAL_SIDE_TO, EMBARGO_KIND_UNKNOWN},
    {"end_user", "end-user", DEAL_SIDE_TO, EMBARGO_KIND_UNKNOWN},
    {"bank", "bank", DEAL_SIDE_BANK, EMBARGO_KIND_ORGANIZATION},
    {"vessel", "vessel", DEAL_SIDE_CARRIER, EMBARGO_KIND_VESSEL},
};

typedef struct {
    char *err;
    size_t size;
    bool failed;
} input_err;

static bool fail(input_err *e, const char *field, const char *why) {
    if (!e->failed && e->err && e->size) snprintf(e->err, e->size, "%s: %s", field, why);
    e->failed = true;
    return false;
}

/* A string field, or NULL when absent; an error when present but not a non-empty string. */
static const char *get_string(input_err *e, json_t *obj, const char *key, const char *where) {
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) return NULL;
    char field[96];
    snprintf(field, sizeof field, "%s%s", where, key);
    if (!json_is_string(v) || !*json_string_value(v)) return fail(e, field, "must be a non-empty string"), NULL;
    return json_string_value(v);
}

static bool read_country(input_err *e, json_t *obj, const char *key, const char *where, char out[3]) {
    out[0] = '\0';
    const char *text = get_string(e, obj, key, where);
    if (!text) return !e->failed;
    const char *code = embargo_country_code(text);
    char field[96];
    snprintf(field, sizeof field, "%s%s", where, key);
    if (!code) return fail(e, field, "names no known country (use an ISO code such as KP or a name)");
    memcpy(out, code, 3);
    return true;
}

static bool read_owners(input_err *e, json_t *arr, deal_party *p, const char *where) {
    if (!arr) return true;
    char field[96];
    snprintf(field, sizeof field, "%sowners", where);
    if (!json_is_array(arr) || json_array_size(arr) > DEAL_MAX_LIST) return fail(e, field, "must be an array of at most 16 owners");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *o = json_array_get(arr, i);
        snprintf(field, sizeof field, "%sowners[%zu].", where, i);
        deal_owner *w = &p->owners[p->n_owners];
        json_t *share = json_object_get(o, "share");
        if (!json_is_object(o)) return fail(e, field, "must be an object");
        if (!(w->name = get_string(e, o, "name", field))) return fail(e, field, "needs a name");
        if (!json_is_number(share) || json_number_value(share) < 0 || json_number_value(share) > 100)
            return fail(e, field, "needs a share from 0 to 100 (percent)");
        w->share = json_number_value(share);
        if (!read_country(e, o, "country", field, w->country)) return false;
        p->n_owners++;
    }
    return true;
}

static bool read_role(input_err *e, deal_party *p, const char *role, const char *where) {
    for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
        if (strcasecmp(role, roles[i].name) == 0) {
            p->role = roles[i].role;
            p->side = roles[i].side;
            if (p->kind == EMBARGO_KIND_UNKNOWN) p->kind = roles[i].kind;
            return true;
        }
    char field[96];
    snprintf(field, sizeof field, "%srole", where);
    return fail(e, field, "must be seller, buyer, consignee, end-user, bank, shipper or vessel");
}

static bool read_party(input_err *e, json_t *o, deal_party *p, size_t i) {
    char where[64];
    snprintf(where, sizeof where, "parties[%zu].", i);
    if (!json_is_object(o)) return fail(e, where, "must be an object");
    if (!(p->name = get_string(e, o, "name", where))) return fail(e, where, "needs a name");
    const char *kind = get_string(e, o, "kind", where);
    p->kind = kind ? embargo_kind_parse(kind) : EMBARGO_KIND_UNKNOWN;
    if (!read_role(e, p, get_string(e, o, "role", where), where)) return false;
    if (!read_country(e, o, "country", where, p->country)) return false;
    json_t *ids = json_object_get(o, "identifiers");
    if (json_is_array(ids) && json_array_size(ids) && json_is_string(json_array_get(ids, 0)))
        p->identifier = json_string_value(json_array_get(ids, 0));
    else if (ids && !json_is_array(ids)) return fail(e, where, "identifiers must be an array of strings");
    return read_owners(e, json_object_get(o, "owners"), p, where) && !e->failed;
}

static bool read_item(input_err *e, json_t *o, deal_item *it, size_t i) {
    char where[64];
    snprintf(where, sizeof where, "goods[%zu].", i);
    if (!json_is_object(o)) return fail(e, where, "must be an object");
    json_t *hs = json_object_get(o, "hs");
    if (json_is_integer(hs)) return fail(e, where, "hs must be a string (\"9306.90\"): a number loses leading zeros");
    it->hs = get_string(e, o, "hs", where);
    it->description = get_string(e, o, "description", where);
    if (!it->hs && !it->description && !e->failed) return fail(e, where, "needs an hs code or a description");
    it->quantity = json_object_get(o, "quantity");
    it->unit = json_object_get(o, "unit");
    it->value = json_object_get(o, "value");
    it->currency = json_object_get(o, "currency");
    return !e->failed;
}

/* An array field of at most DEAL_MAX_LIST (or MAX) elements, or NULL when absent. */
static json_t *get_array(input_err *e, json_t *in, const char *key, size_t max) {
    json_t *a = json_object_get(in, key);
    if (!a || json_is_null(a)) return NULL;
    if (!json_is_array(a) || json_array_size(a) > max) {
        char why[64];
        snprintf(why, sizeof why, "must be an array of at most %zu elements", max);
        fail(e, key, why);
        return NULL;
    }
    return a;
}

static bool read_lists(input_err *e, json_t *in, deal *d) {
    json_t *j = get_array(e, in, "jurisdictions", DEAL_MAX_LIST);
    for (size_t i = 0; j && i < json_array_size(j); i++) {
        const char *s = json_string_value(json_array_get(j, i));
        if (!s || (strcasecmp(s, "UN") && strcasecmp(s, "US") && strcasecmp(s, "EU") && strcasecmp(s, "UK")))
            return fail(e, "jurisdictions", "each must be UN, US, EU or UK");
        d->jurisdictions[d->n_jurisdictions++] = s;
    }
    json_t *t = get_array(e, in, "transit", DEAL_MAX_LIST);
    for (size_t i = 0; t && i < json_array_size(t); i++) {
        const char *code = embargo_country_code(json_string_value(json_array_get(t, i)) ? json_string_value(json_array_get(t, i)) : "");
        if (!code) return fail(e, "transit", "each must name a country");
        memcpy(d->transit[d->n_transit++], code, 3);
    }
    return !e->failed;
}

static bool read_parties_goods(input_err *e, json_t *in, deal *d) {
    json_t *ps = get_array(e, in, "parties", 256);
    json_t *gs = get_array(e, in, "goods", 1024);
    if (e->failed) return false;
    d->parties = calloc(ps ? json_array_size(ps) + 1 : 1, sizeof *d->parties);
    d->items = calloc(gs ? json_array_size(gs) + 1 : 1, sizeof *d->items);
    if (!d->parties || !d->items) return fail(e, "deal", "out of memory");
    for (size_t i = 0; ps && i < json_array_size(ps); i++, d->n_parties++)
        if (!read_party(e, json_array_get(ps, i), &d->parties[i], i)) return false;
    for (size_t i = 0; gs && i < json_array_size(gs); i++, d->n_items++)
        if (!read_item(e, json_array_get(gs, i), &d->items[i], i)) return false;
    return true;
}

static bool read_vessel(input_err *e, json_t *in, deal *d) {
    json_t *v = json_object_get(in, "vessel");
    json_t *sts = json_object_get(in, "ship_to_ship");
    if (sts && !json_is_boolean(sts)) return fail(e, "ship_to_ship", "must be true or false");
    d->ship_to_ship = json_is_true(sts);
    if (!v || json_is_null(v)) return true;
    if (!json_is_object(v)) return fail(e, "vessel", "must be an object");
    d->vessel_name = get_string(e, v, "name", "vessel.");
    d->vessel_imo = get_string(e, v, "imo", "vessel.");
    return read_country(e, v, "flag", "vessel.", d->vessel_flag);
}

static bool valid_date(const char *s) {
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
}

deal *deal_from_json(json_t *in, char *err, size_t err_size) {
    input_err e = {err, err_size, false};
    if (!json_is_object(in)) return fail(&e, "deal", "must be a JSON object"), NULL;
    deal *d = calloc(1, sizeof *d);
    if (!d) return fail(&e, "deal", "out of memory"), NULL;
    d->json = json_incref(in);
    d->id = get_string(&e, in, "id", "");
    d->date = get_string(&e, in, "date", "");
    if (d->date && !valid_date(d->date)) fail(&e, "date", "must be YYYY-MM-DD");
    if (!e.failed) read_country(&e, in, "origin", "", d->origin);
    if (!e.failed) read_country(&e, in, "destination", "", d->destination);
    if (!e.failed) read_lists(&e, in, d);
    if (!e.failed) read_parties_goods(&e, in, d);
    if (!e.failed) read_vessel(&e, in, d);
    if (!e.failed && d->n_parties == 0 && d->n_items == 0 && !d->vessel_name)
        fail(&e, "deal", "needs parties, goods or a vessel");
    if (e.failed) {
        deal_free(d);
        return NULL;
    }
    return d;
}

void deal_free(deal *d) {
    if (!d) return;
    json_decref(d->json);
    free(d->parties);
    free(d->items);
    free(d);
}
