/*
 * deal.c - screening a deal (see deal.h).
 *
 * Three passes. (1) Each goods item gets its categories from its HS code and
 * from the terms of its description. (2) Each party, owner and the vessel is
 * searched in the index; hits at or above the confirm score (or on an
 * identifier) are matches, weaker ones possible matches. (3) Each measure in
 * force that binds the user is tried against the deal: country targets
 * against the side of the deal the direction names, listed-party targets
 * against the hits, owned-by targets against the stated owners, flag targets
 * against the vessel. Every measure met adds a reason with its citation and
 * what would undo it; the verdict is the most severe reason. A clear deal
 * says which countries would have changed it for the same goods.
 */
#include "screen/deal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embargo/country.h"
#include "screen/deal_int.h"
#include "screen/hit_json.h"
#include "util/buf.h"

#define DEAL_MAX_CHANGES 12

typedef struct {
    const char *party;            /* the name searched */
    const char *role;             /* seller, ..., "owner", "vessel" */
    const deal_party *of;         /* the party (for owners, the owned party), or NULL for the vessel */
    double share;                 /* owners: their share of OF */
    bool strong;                  /* a match, not a possible one */
    bool covered;                 /* some measure's selector took it */
    embargo_hit hit;              /* entity strings point into the index; the pairs do not outlive the search */
    json_t *json;                 /* the hit with its explanation, made while the pairs are valid */
} deal_hit;

typedef struct {
    const deal_context *ctx;
    const deal *d;
    goods_set *sets;              /* per item */
    goods_set all;                /* union */
    deal_hit *hits;
    size_t n_hits, cap_hits;
    json_t *reasons;
    json_t *changes;
    deal_verdict verdict;
    buf why, change;
} screen_state;

static const char *const verdict_names[] = {"clear", "review", "licence required", "prohibited"};

const char *deal_verdict_name(deal_verdict v) { return v <= DEAL_PROHIBITED ? verdict_names[v] : "?"; }

static deal_verdict effect_verdict(regime_effect e) {
    switch (e) {
    case REGIME_EFFECT_PROHIBITED:
    case REGIME_EFFECT_ASSET_FREEZE: return DEAL_PROHIBITED;
    case REGIME_EFFECT_LICENCE: return DEAL_LICENCE;
    default: return DEAL_REVIEW;
    }
}

/* ---- pass 1: goods -------------------------------------------------------- */

static json_t *classify_goods(screen_state *st) {
    json_t *out = json_array();
    char cats[512];
    for (size_t i = 0; i < st->d->n_items; i++) {
        const deal_item *it = &st->d->items[i];
        const char *hs_text = NULL;
        goods_set by_code = it->hs ? goods_by_code(st->ctx->goods, it->hs, &hs_text) : 0;
        goods_set by_words = it->description ? goods_scan(st->ctx->goods, it->description, strlen(it->description), NULL, NULL) : 0;
        st->sets[i] = by_code | by_words;
        st->all |= st->sets[i];
        json_t *g = json_pack("{s:i, s:s, s:s}", "item", (json_int_t)i + 1, "hs", it->hs ? it->hs : "",
                              "description", it->description ? it->description : "");
        json_object_set_new(g, "categories", json_string(goods_set_format(st->ctx->goods, st->sets[i], cats, sizeof cats)));
        json_object_set_new(g, "hs_heading", hs_text ? json_string(hs_text) : json_null());
        if (it->quantity) json_object_set(g, "quantity", it->quantity);
        if (it->unit) json_object_set(g, "unit", it->unit);
        if (it->value) json_object_set(g, "value", it->value);
        if (it->currency) json_object_set(g, "currency", it->currency);
        json_array_append_new(out, g);
    }
    return out;
}

/* ---- pass 2: list hits ---------------------------------------------------- */

static bool push_hit(screen_state *st, const deal_hit *h) {
    if (st->n_hits == st->cap_hits) {
        size_t cap = st->cap_hits ? st->cap_hits * 2 : 8;
        deal_hit *p = realloc(st->hits, cap * sizeof *p);
        if (!p) return false;
        st->hits = p;
        st->cap_hits = cap;
    }
    st->hits[st->n_hits++] = *h;
    return true;
}

static bool search_one(screen_state *st, embargo_results *r, const embargo_query *q, deal_hit *tmpl) {
    double threshold = st->ctx->threshold >= 0 ? st->ctx->threshold : EMBARGO_DEFAULT_THRESHOLD;
    double confirm = st->ctx->confirm > 0 ? st->ctx->confirm : 0.95;
    embargo_search_options o = {threshold, 5, 0, 0};
    if (embargo_search(st->ctx->index, q, &o, r) != EMBARGO_OK) return true; /* an unusable name: no hits */
    for (size_t i = 0; i < embargo_results_count(r); i++) {
        tmpl->hit = *embargo_results_hit(r, i);
        tmpl->strong = tmpl->hit.identifier_match || tmpl->hit.score >= confirm;
        tmpl->hit.n_pairs = 0;
        if (!(tmpl->json = hit_to_json(embargo_results_hit(r, i)))) return false;
        if (!push_hit(st, tmpl)) return json_decref(tmpl->json), false;
    }
    return true;
}

static bool search_parties(screen_state *st) {
    if (!st->ctx->index) return true;
    bool ok = true;
    for (size_t i = 0; ok && i < st->d->n_parties; i++) {
        const deal_party *p = &st->d->parties[i];
        embargo_results *r = embargo_results_new();
        if (!r) return false;
        embargo_query q = {p->name, p->kind, NULL, p->country[0] ? p->country : NULL, p->identifier, EMBARGO_GENDER_UNKNOWN};
        deal_hit h = {.party = p->name, .role = p->role, .of = p};
        ok = search_one(st, r, &q, &h);
        for (size_t k = 0; ok && k < p->n_owners; k++) {
            embargo_query oq = {p->owners[k].name, EMBARGO_KIND_UNKNOWN, NULL,
                                p->owners[k].country[0] ? p->owners[k].country : NULL, NULL, EMBARGO_GENDER_UNKNOWN};
            deal_hit oh = {.party = p->owners[k].name, .role = "owner", .of = p, .share = p->owners[k].share};
            ok = search_one(st, r, &oq, &oh);
        }
        embargo_results_free(r);
    }
    if (ok && st->d->vessel_name) {
        embargo_results *r = embargo_results_new();
        if (!r) return false;
        embargo_query q = {st->d->vessel_name, EMBARGO_KIND_VESSEL, NULL, NULL, st->d->vessel_imo, EMBARGO_GENDER_UNKNOWN};
        deal_hit h = {.party = st->d->vessel_name, .role = "vessel"};
        ok = search_one(st, r, &q, &h);
        embargo_results_free(r);
    }
    return ok;
}

/* ---- reasons ---------------------------------------------------------------- */

static void add_reason(screen_state *st, const regime_measure *m, regime_effect effect, const char *why, const char *change) {
    json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "measure", m->id,
                          "effect", regime_effect_name(effect), "verdict", deal_verdict_name(effect_verdict(effect)),
                          "authority", m->authority, "instrument", m->instrument, "provision", m->provision,
                          "citation", m->citation, "why", why, "change", change);
    if (m->note) json_object_set_new(r, "note", json_string(m->note));
    json_array_append_new(st->reasons, r);
    if (effect_verdict(effect) > st->verdict) st->verdict = effect_verdict(effect);
}

static void describe_goods(screen_state *st, const regime_measure *m, buf *out) {
    char cats[256];
    buf_puts(out, "; goods:");
    for (size_t i = 0; i < st->d->n_items; i++) {
        goods_set hit = m->goods_any ? st->sets[i] : (st->sets[i] & m->goods);
        if (!m->goods_any && !hit) continue;
        const deal_item *it = &st->d->items[i];
        buf_printf(out, " #%zu %s (%s)", i + 1, it->hs ? it->hs : it->description,
                   hit ? goods_set_format(st->ctx->goods, hit, cats, sizeof cats) : "unclassified");
    }
}

/* True when some item is covered by M's goods. */
static bool goods_apply(screen_state *st, const regime_measure *m) {
    for (size_t i = 0; i < st->d->n_items; i++) {
        if (m->goods_any ? !(st->sets[i] & m->except) : (st->sets[i] & m->goods) != 0) return true;
    }
    return false;
}

/* Appends to WHY each place on SIDE of the deal whose country T targets; returns how many. */
static size_t side_in_target(screen_state *st, const regime_target *t, deal_side side, buf *why) {
    const deal *d = st->d;
    size_t n = 0;
    const char *place = side == DEAL_SIDE_FROM ? d->origin : side == DEAL_SIDE_TO ? d->destination : "";
    if (regime_target_has(t, place)) n++, buf_printf(why, "%s%s %s", n > 1 ? ", " : "", side == DEAL_SIDE_FROM ? "origin" : "destination", place);
    for (size_t i = 0; i < d->n_parties; i++) {
        const deal_party *p = &d->parties[i];
        if (p->side != side || !regime_target_has(t, p->country)) continue;
        n++;
        buf_printf(why, "%s%s \"%s\" in %s", n > 1 ? ", " : "", p->role, p->name, p->country);
    }
    if (side == DEAL_SIDE_BANK)
        for (size_t i = 0; i < d->n_transit; i++)
            if (regime_target_has(t, d->transit[i])) n++, buf_printf(why, "%stransit through %s", n > 1 ? ", " : "", d->transit[i]);
    return n;
}

/* Appends to OUT the deal's countries on SIDE that T targets, each once ("RU", "KP and RU"). */
static void targeted_on_side(const screen_state *st, const regime_target *t, deal_side side, buf *out) {
    const deal *d = st->d;
    const char *found[DEAL_MAX_LIST + 1];
    size_t n = 0;
    const char *place = side == DEAL_SIDE_FROM ? d->origin : d->destination;
    if (regime_target_has(t, place)) found[n++] = place;
    for (size_t i = 0; i < d->n_parties && n <= DEAL_MAX_LIST; i++) {
        const deal_party *p = &d->parties[i];
        bool again = false;
        for (size_t k = 0; k < n && !again; k++) again = strcmp(found[k], p->country) == 0;
        if (p->side == side && !again && regime_target_has(t, p->country)) found[n++] = p->country;
    }
    for (size_t k = 0; k < n; k++) buf_printf(out, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", found[k]);
}

static void try_country(screen_state *st, const regime_measure *m, const regime_target *t) {
    if (!goods_apply(st, m)) return;
    static const struct { int dir; deal_side side; const char *what, *undo; } sides[] = {
        {REGIME_SUPPLY, DEAL_SIDE_TO, "supply to", "no destination, buyer, consignee or end user in"},
        {REGIME_PROCUREMENT, DEAL_SIDE_FROM, "procurement from", "no origin, seller or shipper in"},
    };
    bool met = false;
    for (size_t k = 0; k < 2; k++) {
        if (!(m->direction & sides[k].dir)) continue;
        buf_clear(&st->why);
        buf_printf(&st->why, "%s a targeted country: ", sides[k].what);
        if (!side_in_target(st, t, sides[k].side, &st->why)) continue;
        met = true;
        describe_goods(st, m, &st->why);
        buf_clear(&st->change);
        buf_printf(&st->change, "%s ", sides[k].undo);
        targeted_on_side(st, t, sides[k].side, &st->change);
        if (!m->goods_any) buf_puts(&st->change, ", or goods outside the measure's categories");
        if (m->effect == REGIME_EFFECT_LICENCE) buf_printf(&st->change, ", or a licence under %s %s", m->instrument, m->provision);
        add_reason(st, m, m->effect, buf_str(&st->why), buf_str(&st->change));
    }
    if (met) return;
    buf_clear(&st->why);
    buf_puts(&st->why, "a bank or transit country is targeted: ");
    if (!side_in_target(st, t, DEAL_SIDE_BANK, &st->why)) return;
    describe_goods(st, m, &st->why);
    add_reason(st, m, REGIME_EFFECT_REVIEW, buf_str(&st->why),
               "showing the goods and funds do not reach or benefit the targeted country");
}

static void try_flag(screen_state *st, const regime_measure *m, const regime_target *t) {
    if (!regime_target_has(t, st->d->vessel_flag)) return;
    if (m->condition && !st->d->ship_to_ship) return;
    buf_clear(&st->why);
    buf_printf(&st->why, "vessel \"%s\" flies the flag of %s%s", st->d->vessel_name ? st->d->vessel_name : "",
               st->d->vessel_flag, m->condition ? " and the deal declares a ship-to-ship transfer" : "");
    add_reason(st, m, m->effect, buf_str(&st->why), m->condition ? "no ship-to-ship transfer with this vessel" : "another vessel");
}

/* The source part of an entity id "ofac@folder:123" -> "ofac" (into OUT). */
static void hit_source(const char *id, char *out, size_t cap) {
    size_t n = strcspn(id ? id : "", "@:");
    if (n >= cap) n = cap - 1;
    memcpy(out, id ? id : "", n);
    out[n] = '\0';
}

static bool list_has(const char *list, const char *item) {
    size_t n = strlen(item);
    for (const char *p = list; p && *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, item, n) == 0) return true;
        p += k + (p[k] == ',');
    }
    return false;
}

/* 1 the hit meets the selector, 0 not, -1 it may (a program is asked for and no store says). */
static int selector_meets(const screen_state *st, const regime_target *t, const embargo_hit *h) {
    char source[64];
    hit_source(h->entity_id, source, sizeof source);
    if (strcmp(source, t->source) != 0) return 0;
    if (t->regime && !list_has(h->regimes, t->regime)) return 0;
    if (!t->program) return 1;
    const embargo_entity *e = st->ctx->store ? embargo_store_get(st->ctx->store, h->entity_id) : NULL;
    if (!e) return -1;
    for (size_t i = 0; i < e->n_programs; i++)
        if (strcasecmp(e->programs[i].code, t->program) == 0) return 1;
    return 0;
}

static void try_listed(screen_state *st, const regime_measure *m, const regime_target *t) {
    for (size_t i = 0; i < st->n_hits; i++) {
        deal_hit *h = &st->hits[i];
        if (strcmp(h->role, "owner") == 0) continue;
        if (m->kinds && !(m->kinds & (1u << h->hit.kind))) continue;
        int meets = selector_meets(st, t, &h->hit);
        if (!meets) continue;
        h->covered = true;
        bool firm = h->strong && meets == 1;
        buf_clear(&st->why);
        buf_printf(&st->why, "%s \"%s\" %s %s (%s), score %.3f%s", h->role, h->party,
                   h->strong ? "matches" : "may be", h->hit.entity_name, h->hit.entity_id, h->hit.score,
                   h->hit.identifier_match ? " on an identifier" : "");
        if (meets < 0) buf_printf(&st->why, "; whether the entry is under program %s is not known without the lists (--lists)", t->program);
        buf_clear(&st->change);
        buf_printf(&st->change, "showing that \"%s\" is not %s (%s)", h->party, h->hit.entity_name, h->hit.entity_id);
        if (m->effect == REGIME_EFFECT_LICENCE) buf_printf(&st->change, ", or a licence under %s %s", m->instrument, m->provision);
        add_reason(st, m, firm ? m->effect : REGIME_EFFECT_REVIEW, buf_str(&st->why), buf_str(&st->change));
    }
}

static void try_owned(screen_state *st, const regime_measure *m, const regime_target *t) {
    for (size_t p = 0; p < st->d->n_parties; p++) {
        const deal_party *party = &st->d->parties[p];
        double share = 0;
        buf_clear(&st->why);
        buf_printf(&st->why, "%s \"%s\" is owned by listed parties:", party->role, party->name);
        for (size_t i = 0; i < st->n_hits; i++) {
            deal_hit *h = &st->hits[i];
            if (h->of != party || strcmp(h->role, "owner") != 0 || !h->strong || selector_meets(st, t, &h->hit) != 1) continue;
            h->covered = true;
            share += h->share;
            buf_printf(&st->why, " \"%s\" = %s (%s) %.0f%%", h->party, h->hit.entity_name, h->hit.entity_id, h->share);
        }
        if (share < t->share) continue;
        buf_printf(&st->why, "; %.0f%% in aggregate, at least %.0f%%", share, t->share);
        add_reason(st, m, m->effect, buf_str(&st->why), "the blocked owners holding less than the threshold in aggregate");
    }
}

/* ---- pass 3: measures ------------------------------------------------------- */

static bool measure_applies(const screen_state *st, const regime_measure *m) {
    return regime_in_force(m, st->d->date) && regime_binds(m, st->d->jurisdictions, st->d->n_jurisdictions);
}

static void apply_measures(screen_state *st) {
    const regime_set *rs = st->ctx->regimes;
    for (size_t i = 0; i < rs->n; i++) {
        const regime_measure *m = &rs->measures[i];
        if (!measure_applies(st, m)) continue;
        for (size_t k = 0; k < m->n_targets; k++) {
            const regime_target *t = &m->targets[k];
            switch (t->kind) {
            case REGIME_TARGET_COUNTRY: try_country(st, m, t); break;
            case REGIME_TARGET_FLAG: try_flag(st, m, t); break;
            case REGIME_TARGET_LISTED: try_listed(st, m, t); break;
            case REGIME_TARGET_OWNED_BY: try_owned(st, m, t); break;
            }
        }
    }
}

/* Hits no measure took, and goods no category took: both need a person to look. */
static void review_leftovers(screen_state *st) {
    static const regime_measure none = {.id = "unmapped", .authority = "", .instrument = "", .provision = "",
                                        .citation = "", .binds = "all"};
    for (size_t i = 0; i < st->n_hits; i++) {
        const deal_hit *h = &st->hits[i];
        if (h->covered) continue;
        buf_clear(&st->why);
        buf_printf(&st->why, "%s \"%s\" %s %s (%s, regimes %s), score %.3f; no measure binding the user covers this list entry",
                   h->role, h->party, h->strong ? "matches" : "may be", h->hit.entity_name, h->hit.entity_id,
                   *h->hit.regimes ? h->hit.regimes : "none", h->hit.score);
        buf_clear(&st->change);
        buf_printf(&st->change, "showing that \"%s\" is not %s", h->party, h->hit.entity_name);
        add_reason(st, &none, REGIME_EFFECT_REVIEW, buf_str(&st->why), buf_str(&st->change));
    }
    for (size_t i = 0; i < st->d->n_items; i++) {
        if (st->sets[i]) continue;
        buf_clear(&st->why);
        buf_printf(&st->why, "goods #%zu (%s) fit no category of the goods table, so no goods measure could be checked",
                   i + 1, st->d->items[i].hs ? st->d->items[i].hs : st->d->items[i].description);
        add_reason(st, &none, REGIME_EFFECT_REVIEW, buf_str(&st->why), "an HS code or description the goods table knows");
    }
}

/* For a clear deal: the targeted countries that would change it, with these goods. */
static void hypothetical_changes(screen_state *st) {
    const regime_set *rs = st->ctx->regimes;
    for (size_t i = 0; i < rs->n && json_array_size(st->changes) < DEAL_MAX_CHANGES; i++) {
        const regime_measure *m = &rs->measures[i];
        if (!measure_applies(st, m) || m->effect < REGIME_EFFECT_LICENCE || !goods_apply(st, m)) continue;
        for (size_t k = 0; k < m->n_targets; k++) {
            const regime_target *t = &m->targets[k];
            if (t->kind != REGIME_TARGET_COUNTRY) continue;
            buf_clear(&st->change);
            buf_printf(&st->change, "%s if the goods %s ", deal_verdict_name(effect_verdict(m->effect)),
                       m->direction == REGIME_BOTH ? "came from or went to" : m->direction == REGIME_SUPPLY ? "went to" : "came from");
            for (size_t c = 0; c < t->n_countries && c < 8; c++) buf_printf(&st->change, "%s%s", c ? " " : "", t->countries[c]);
            if (t->n_countries > 8) buf_printf(&st->change, " (and %zu more)", t->n_countries - 8);
            buf_printf(&st->change, ": %s, %s %s [%s]", m->authority, m->instrument, m->provision, m->id);
            json_array_append_new(st->changes, json_string(buf_str(&st->change)));
        }
    }
    if (st->ctx->index) json_array_append_new(st->changes, json_string("prohibited or review if a party were a listed one"));
}

static void verdict_changes(screen_state *st) {
    size_t n = json_array_size(st->reasons);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(st->reasons, i);
        if (strcmp(json_string_value(json_object_get(r, "verdict")), deal_verdict_name(st->verdict)) != 0) continue;
        buf_clear(&st->change);
        buf_printf(&st->change, "%s: %s", json_string_value(json_object_get(r, "measure")),
                   json_string_value(json_object_get(r, "change")));
        json_array_append_new(st->changes, json_string(buf_str(&st->change)));
    }
}

static json_t *hits_json(const screen_state *st) {
    json_t *out = json_array();
    for (size_t i = 0; i < st->n_hits; i++) {
        const deal_hit *h = &st->hits[i];
        json_t *j = json_deep_copy(h->json);
        json_object_set_new(j, "party", json_string(h->party));
        json_object_set_new(j, "role", json_string(h->role));
        if (h->of && strcmp(h->role, "owner") == 0) json_object_set_new(j, "owner_of", json_string(h->of->name));
        json_object_set_new(j, "strength", json_string(h->strong ? "match" : "possible match"));
        json_array_append_new(out, j);
    }
    return out;
}

static json_t *jurisdictions_json(const deal *d) {
    json_t *a = json_array();
    for (size_t i = 0; i < d->n_jurisdictions; i++) json_array_append_new(a, json_string(d->jurisdictions[i]));
    return a;
}

json_t *deal_screen(const deal_context *ctx, const deal *d, deal_verdict *verdict) {
    screen_state st = {.ctx = ctx, .d = d, .reasons = json_array(), .changes = json_array()};
    buf_init(&st.why);
    buf_init(&st.change);
    st.sets = calloc(d->n_items + 1, sizeof *st.sets);
    json_t *report = NULL;
    if (st.sets && st.reasons && st.changes) {
        json_t *goods = classify_goods(&st);
        if (search_parties(&st)) {
            apply_measures(&st);
            review_leftovers(&st);
            if (st.verdict == DEAL_CLEAR) hypothetical_changes(&st);
            else verdict_changes(&st);
            report = json_pack("{s:s, s:s?, s:s?, s:o, s:O, s:O, s:o, s:O, s:{s:s, s:s, s:i}, s:b}",
                               "verdict", deal_verdict_name(st.verdict), "id", d->id, "date", d->date,
                               "jurisdictions", jurisdictions_json(d), "reasons", st.reasons, "goods", goods,
                               "hits", hits_json(&st), "changes", st.changes, "regimes", "file", ctx->regimes->path,
                               "current", ctx->regimes->current, "measures", (json_int_t)ctx->regimes->n,
                               "lists_screened", ctx->index != NULL);
            if (report && d->n_jurisdictions == 0)
                json_object_set_new(report, "note", json_string("no jurisdictions given: the measures of every authority were applied"));
        }
        json_decref(goods);
    }
    json_decref(st.reasons);
    json_decref(st.changes);
    free(st.sets);
    for (size_t i = 0; i < st.n_hits; i++) json_decref(st.hits[i].json);
    free(st.hits);
    buf_free(&st.why);
    buf_free(&st.change);
    *verdict = st.verdict;
    return report;
}
