/*
 * hits.c - from name scores to reported hits: the other fields' evidence,
 * the identifier that decides, the threshold, the ranking, and the
 * explanation of each hit. Also the scorer on its own (embargo_compare).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/country.h"
#include "index/index_int.h"
#include "index/keys.h"
#include "match/evidence.h"
#include "model/date.h"
#include "screen/search_int.h"

#define HIT_IDENTIFIER_SCORE 0.99

typedef struct {
    embargo_date dob;
    bool has_dob;
    const char *country;         /* alpha-2 code or NULL */
    uint32_t id_entities[64];    /* entities holding the query's identifier */
    uint32_t n_id_entities;
} query_facts;

/*
 * The text of tokens FIRST..FIRST+COUNT-1 of TOKS (two at most),
 * space-separated, written straight into the hit's string storage; ""
 * when the storage is full.
 */
static const char *unit_text(embargo_hit *hit, size_t *used, const mtok *toks, size_t first, size_t count) {
    size_t last = first + (count < 2 ? count : 2), n = 0;
    for (size_t k = first; k < last; k++) n += toks[k].len + (k > first);
    if (*used + n + 1 > sizeof hit->text) return "";
    char *start = hit->text + *used, *dst = start;
    for (size_t k = first; k < last; k++) {
        if (k > first) *dst++ = ' ';
        memcpy(dst, toks[k].text, toks[k].len);
        dst += toks[k].len;
    }
    *dst = '\0';
    *used += n + 1;
    return start;
}

/* The rules that lower a name's score, as bits; their text is indexed by the bits. */
enum { RULE_GENERIC_ONLY = 1, RULE_SINGLE_WORD = 2, RULE_WEAK_ALIAS = 4 };

static const char *const rule_text[8] = {
    "",
    "generic words only",
    "one-word listed name",
    "generic words only; one-word listed name",
    "weak alias",
    "generic words only; weak alias",
    "one-word listed name; weak alias",
    "generic words only; one-word listed name; weak alias",
};

static unsigned match_rules(const match_result *m) {
    return (m->generic_only ? RULE_GENERIC_ONLY : 0u) | (m->single_word ? RULE_SINGLE_WORD : 0u);
}

/* HIT's name_factor and name_rule from the rules RULES. */
static void set_name_rules(embargo_hit *hit, unsigned rules) {
    double factor = 1.0;
    if (rules & RULE_GENERIC_ONLY) factor *= MATCH_GENERIC_ONLY_FACTOR;
    if (rules & RULE_SINGLE_WORD) factor *= MATCH_SINGLE_WORD_FACTOR;
    if (rules & RULE_WEAK_ALIAS) factor *= SEARCH_WEAK_ALIAS_FACTOR;
    hit->name_factor = factor;
    hit->name_rule = rule_text[rules & 7u];
}

void search_explain(const embargo_results *r, const mtok *c, const match_result *m, embargo_hit *hit) {
    size_t used = 0;
    hit->n_pairs = 0;
    for (size_t k = 0; k < m->n_pairs && k < EMBARGO_MAX_PAIRS; k++) {
        const match_pair *p = &m->pairs[k];
        embargo_pair *out = &hit->pairs[hit->n_pairs++];
        out->query = unit_text(hit, &used, r->qtok, p->q_first, p->q_count);
        out->listed = unit_text(hit, &used, c, p->c_first, p->c_count);
        out->how = match_how_name((match_how)p->how);
        out->similarity = p->similarity;
        double w = 0.0;
        for (size_t i = p->q_first; i < (size_t)p->q_first + p->q_count; i++) w += r->qtok[i].weight;
        out->weight = r->q_total > 0 ? w / r->q_total : 0.0;
    }
    hit->name_score = m->score;
    hit->query_coverage = m->q_cover;
    hit->listed_coverage = m->c_cover;
    set_name_rules(hit, match_rules(m));
}

static bool has_entity(const query_facts *f, uint32_t entity) {
    for (uint32_t i = 0; i < f->n_id_entities; i++)
        if (f->id_entities[i] == entity) return true;
    return false;
}

/* Reads the query's fields beside the name; false with a message when one is unreadable. */
static bool read_facts(const embargo_index *ix, const embargo_query *q, query_facts *f, buf *error) {
    memset(f, 0, sizeof *f);
    if (q->dob && *q->dob) {
        if (!date_parse(q->dob, DATE_DAY_FIRST, &f->dob)) {
            buf_printf(error, "cannot read the date of birth '%s' (use YYYY-MM-DD or YYYY)", q->dob);
            return false;
        }
        f->has_dob = true;
    }
    if (q->country && *q->country) {
        f->country = embargo_country_code(q->country);
        if (!f->country) {
            buf_printf(error, "unknown country '%s' (use an ISO code such as KP or a name)", q->country);
            return false;
        }
    }
    if (q->identifier && *q->identifier && ix) {
        char norm[128];
        size_t n = keys_identifier(q->identifier, norm, sizeof norm);
        uint32_t count = 0, one;
        const uint32_t *ids = n >= 4 ? index_lookup(ix, key_hash('x', norm, n), &count, &one) : NULL;
        for (uint32_t i = 0; i < count && f->n_id_entities < 64; i++)
            if (ids[i] < ix->meta->n_entities && !has_entity(f, ids[i])) f->id_entities[f->n_id_entities++] = ids[i];
    }
    return true;
}

/* Applies the other fields' evidence to each entity's best name score. */
static void weigh_evidence(const embargo_index *ix, const embargo_query *q, const query_facts *f,
                           embargo_results *r) {
    for (size_t k = 0; k < r->n_best; k++) {
        search_best *b = &r->best[k];
        const idx_entity *e = &ix->entities[b->entity];
        double s = b->name_score;
        b->priority = e->priority;
        if (f->has_dob) s += evidence_dob(&f->dob, ix->dates + e->births, e->n_births);
        if (f->country) s += evidence_country(f->country, ix->countries + 2 * (size_t)e->countries, e->n_countries);
        s += evidence_kind(q->kind, (embargo_kind)e->kind);
        s += evidence_gender(q->gender, (embargo_gender)e->gender);
        if (has_entity(f, b->entity) && s < HIT_IDENTIFIER_SCORE) s = HIT_IDENTIFIER_SCORE;
        b->score = s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
    }
}

static int best_cmp(const void *pa, const void *pb) {
    const search_best *a = pa, *b = pb;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    if (a->name_score != b->name_score) return a->name_score > b->name_score ? -1 : 1;
    if (a->priority != b->priority) return a->priority < b->priority ? -1 : 1;
    return a->entity < b->entity ? -1 : a->entity > b->entity;
}

/* Fills hit I from best entry B. */
static void fill_hit(const embargo_index *ix, const embargo_query *q, const query_facts *f,
                     embargo_results *r, const search_best *b, embargo_hit *hit) {
    const idx_entity *e = &ix->entities[b->entity];
    const idx_name *name = &ix->names[b->name];
    memset(hit, 0, offsetof(embargo_hit, pairs));
    hit->entity_id = index_str(ix, e->id);
    hit->entity_name = index_str(ix, e->name);
    hit->matched_name = index_str(ix, name->full);
    hit->matched_quality = embargo_name_quality_name((embargo_name_quality)name->quality);
    hit->regimes = index_str(ix, e->regimes);
    hit->kind = (embargo_kind)e->kind;
    hit->score = b->score;
    if (f->has_dob) hit->dob_effect = evidence_dob(&f->dob, ix->dates + e->births, e->n_births);
    if (f->country) hit->country_effect = evidence_country(f->country, ix->countries + 2 * (size_t)e->countries, e->n_countries);
    hit->kind_effect = evidence_kind(q->kind, (embargo_kind)e->kind);
    hit->gender_effect = evidence_gender(q->gender, (embargo_gender)e->gender);
    hit->identifier_match = has_entity(f, b->entity);
    mtok c[TEXT_MAX_TOKENS];
    size_t nc;
    match_result m; /* its pairs: only hits need them, kept from the scoring when the cache still has them */
    search_score_name_again(r, ix, b->name, c, &nc, &m);
    search_explain(r, c, &m, hit);
    set_name_rules(hit, match_rules(&m) | (name->quality == EMBARGO_NAME_WEAK ? RULE_WEAK_ALIAS : 0u));
    hit->name_score = b->name_score;
}

static bool results_reserve(embargo_results *r, size_t n) {
    if (n <= r->cap_hits) return true;
    embargo_hit *hits = realloc(r->hits, n * sizeof *hits);
    if (!hits) return false;
    r->hits = hits;
    r->cap_hits = n;
    return true;
}

/* Lists that number records alike: OFAC's SDN and non-SDN lists share one uid space, which the CSL's rows copied from them keep. */
static const char *const ofac_numbered[] = {"ofac", "ofac-cons", "csl"};

static bool all_digits(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* The numbering LIST (LEN bytes, the source without its "@file") belongs to, with record id ID: "ofac" for OFAC's uids. */
static const char *numbering(const char *list, size_t *len, const char *id) {
    if (!all_digits(id)) return list;
    for (size_t i = 0; i < sizeof ofac_numbered / sizeof *ofac_numbered; i++)
        if (strlen(ofac_numbered[i]) == *len && memcmp(list, ofac_numbered[i], *len) == 0) {
            *len = 4;
            return "ofac";
        }
    return list;
}

/*
 * True when entity ids A and B ("SOURCE:ID") name one record: one list's
 * record held in two of its files, two formats ("uk:7172", "uk@uk_ofsi:7172")
 * or two dates ("ofac:6928", "ofac@ofac_sdn_2024:6928"), or an OFAC record
 * and its copy in the CSL ("csl:6928").
 */
static bool same_record(const char *a, const char *b) {
    const char *id_a = strchr(a, ':'), *id_b = strchr(b, ':');
    if (!id_a || !id_b || strcmp(id_a, id_b) != 0) return false;
    size_t len_a = strcspn(a, "@:"), len_b = strcspn(b, "@:");
    const char *list_a = numbering(a, &len_a, id_a + 1), *list_b = numbering(b, &len_b, id_b + 1);
    return len_a == len_b && memcmp(list_a, list_b, len_a) == 0;
}

/*
 * Moves to the front of the ranked r->best at most LIMIT entries, one per
 * record: a record held by several files of its list is reported once,
 * through its best-scoring copy (on a tie, its first file's). Returns how many.
 */
static size_t keep_one_per_record(const embargo_index *ix, embargo_results *r, size_t limit) {
    size_t n = 0;
    for (size_t k = 0; k < r->n_best && n < limit; k++) {
        const char *id = index_str(ix, ix->entities[r->best[k].entity].id);
        bool copy = false;
        for (size_t j = 0; j < n && !copy; j++) copy = same_record(index_str(ix, ix->entities[r->best[j].entity].id), id);
        if (!copy) r->best[n++] = r->best[k];
    }
    return n;
}

/* Adds the entities found by identifier alone, which the name may have missed. */
static void add_identifier_entities(const embargo_index *ix, const query_facts *f, embargo_results *r) {
    for (uint32_t i = 0; i < f->n_id_entities; i++) {
        uint32_t e = f->id_entities[i];
        if (r->entity_stamp[e] == r->generation) continue;
        r->entity_stamp[e] = r->generation;
        r->entity_best[e] = (uint32_t)r->n_best;
        search_best b = {0};
        b.entity = e;
        b.name = ix->entities[e].first_name;
        r->best[r->n_best++] = b;
    }
}

embargo_status embargo_search(const embargo_index *ix, const embargo_query *q,
                              const embargo_search_options *options, embargo_results *r) {
    if (!ix || !q || !r) return EMBARGO_EINVAL;
    embargo_status status = search_prepare(r, ix, q->name, q->kind);
    if (status != EMBARGO_OK) return status;
    query_facts f;
    if (!read_facts(ix, q, &f, &r->error)) return EMBARGO_EINVAL;
    search_request req = {EMBARGO_DEFAULT_THRESHOLD, 0.0, 0};
    size_t limit = EMBARGO_DEFAULT_LIMIT;
    bool all_copies = false;
    if (options) {
        all_copies = options->all_copies;
        if (options->threshold >= 0.0) req.threshold = options->threshold;
        if (options->limit) limit = options->limit;
        req.exhaustive = options->exhaustive;
    }
    req.max_gain = (f.has_dob ? EVIDENCE_DOB_EXACT : 0.0) + (f.country ? EVIDENCE_COUNTRY_MATCH : 0.0);
    status = search_run(ix, &req, r);
    if (status != EMBARGO_OK) return status;
    add_identifier_entities(ix, &f, r);
    weigh_evidence(ix, q, &f, r);
    /* Only entries at the threshold can be reported, and best_cmp ranks them first: sort those alone. */
    size_t kept = 0;
    for (size_t k = 0; k < r->n_best; k++)
        if (r->best[k].score >= req.threshold) r->best[kept++] = r->best[k];
    r->n_best = kept;
    qsort(r->best, r->n_best, sizeof *r->best, best_cmp);
    size_t n = all_copies ? (r->n_best < limit ? r->n_best : limit) : keep_one_per_record(ix, r, limit);
    if (!results_reserve(r, n)) return EMBARGO_ENOMEM;
    for (size_t k = 0; k < n; k++) fill_hit(ix, q, &f, r, &r->best[k], &r->hits[k]);
    r->n_hits = n;
    return EMBARGO_OK;
}

embargo_status embargo_compare(const char *name1, const char *name2, embargo_kind kind, embargo_hit *hit) {
    embargo_results *r = embargo_results_new();
    if (!r) return EMBARGO_ENOMEM;
    text_name *other = malloc(sizeof *other);
    char *alts = malloc(TEXT_POOL_SIZE);
    embargo_status status = other && alts ? search_prepare(r, NULL, name1, kind) : EMBARGO_ENOMEM;
    if (status == EMBARGO_OK && (!name2 || text_name_prepare(name2, strlen(name2), other) != TEXT_OK)) {
        buf_puts(&r->error, "the second name has no letters or digits");
        status = EMBARGO_EINVAL;
    }
    if (status == EMBARGO_OK) {
        mtok c[TEXT_MAX_TOKENS];
        size_t nc = match_tokens_from_text(other, c, alts);
        for (size_t j = 0; j < nc; j++) c[j].weight = match_role_factor(c[j].flags, kind);
        match_result m;
        /* Without a kind, a name with a legal form is taken for an organization's. */
        embargo_kind listed = kind != EMBARGO_KIND_UNKNOWN ? kind
                              : (other->flags & TEXT_NAME_LEGAL) ? EMBARGO_KIND_ORGANIZATION : EMBARGO_KIND_PERSON;
        match_names(r->qtok, r->nq, c, nc, listed, &m);
        memset(hit, 0, offsetof(embargo_hit, pairs));
        hit->score = m.score;
        search_explain(r, c, &m, hit);
    }
    free(other);
    free(alts);
    embargo_results_free(r);
    return status;
}
