/*
 * regimes.c - see regimes.h. The file is a header ("format", "current")
 * and stanzas, each opened by "[id]" and made of "key value" lines. Each
 * key has one parser in a table; a stanza is checked whole when it ends.
 */
#include "screen/regimes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embargo/country.h"
#include "screen/datafile.h"

static const char *const effect_names[REGIME_EFFECT_COUNT] = {
    "review", "travel-ban", "licence-required", "asset-freeze", "prohibited"};
static const char *const authorities[] = {"UN", "US", "EU", "UK"};
/* Words one of which a citation must hold: it has to point at a provision. */
static const char *const provision_words[] = {"paragraph", "article", "section", "regulation", "annex",
                                              "part ", "CFR", "U.S.C.", "\xc2\xa7"};

typedef struct {
    datafile *df;
    const goods_table *goods;
    regime_set *set;
    regime_measure *m;            /* the stanza being read, or NULL */
} reader;

const char *regime_effect_name(regime_effect e) { return e < REGIME_EFFECT_COUNT ? effect_names[e] : "?"; }

const char *regime_direction_name(int d) {
    return d == REGIME_BOTH ? "both" : d == REGIME_SUPPLY ? "supply" : d == REGIME_PROCUREMENT ? "procurement" : "?";
}

/* ---- field parsers -------------------------------------------------------- */

static bool set_text(reader *r, char **field) {
    if (*field) return datafile_fail(r->df, "'%s' given twice in [%s]", r->df->key, r->m->id);
    if (!*r->df->value) return datafile_fail(r->df, "'%s' needs a value", r->df->key);
    if (!(*field = strdup(r->df->value))) return datafile_fail(r->df, "out of memory");
    return true;
}

static bool is_authority(const char *s) {
    for (size_t i = 0; i < sizeof authorities / sizeof *authorities; i++)
        if (strcmp(s, authorities[i]) == 0) return true;
    return false;
}

static bool p_authority(reader *r) {
    if (!is_authority(r->df->value)) return datafile_fail(r->df, "unknown authority '%s' (UN, US, EU or UK)", r->df->value);
    return set_text(r, &r->m->authority);
}

static bool p_binds(reader *r) {
    if (strcmp(r->df->value, "all") != 0 && !is_authority(r->df->value))
        return datafile_fail(r->df, "binds '%s': all, UN, US, EU or UK", r->df->value);
    return set_text(r, &r->m->binds);
}

static bool p_instrument(reader *r) { return set_text(r, &r->m->instrument); }
static bool p_provision(reader *r) { return set_text(r, &r->m->provision); }
static bool p_note(reader *r) { return set_text(r, &r->m->note); }
static bool p_condition(reader *r) {
    if (strcmp(r->df->value, "ship-to-ship") != 0)
        return datafile_fail(r->df, "unknown condition '%s' (ship-to-ship)", r->df->value);
    return set_text(r, &r->m->condition);
}

/* First run of digits in S, or "" (into OUT). */
static void first_number(const char *s, char *out, size_t cap) {
    while (*s && !isdigit((unsigned char)*s)) s++;
    size_t n = 0;
    while (isdigit((unsigned char)s[n]) && n + 1 < cap) out[n] = s[n], n++;
    out[n] = '\0';
}

static bool p_citation(reader *r) {
    const char *c = r->df->value;
    bool provision = false;
    for (size_t i = 0; i < sizeof provision_words / sizeof *provision_words; i++)
        provision = provision || strcasestr(c, provision_words[i]);
    int depth = 0;
    for (const char *p = c; *p && depth >= 0; p++) depth += (*p == '(') - (*p == ')');
    if (strlen(c) < 20 || !provision || !strpbrk(c, "0123456789"))
        return datafile_fail(r->df, "malformed citation: it must name the instrument and a paragraph, article, section or annex");
    if (depth != 0) return datafile_fail(r->df, "malformed citation: unbalanced parentheses");
    return set_text(r, &r->m->citation);
}

static bool p_effect(reader *r) {
    for (int e = 0; e < REGIME_EFFECT_COUNT; e++)
        if (strcmp(r->df->value, effect_names[e]) == 0) return r->m->effect = (regime_effect)e, true;
    return datafile_fail(r->df, "unknown effect '%s' (prohibited, licence-required, asset-freeze, travel-ban, review)", r->df->value);
}

static bool p_direction(reader *r) {
    const char *v = r->df->value;
    int d = strcmp(v, "supply") == 0 ? REGIME_SUPPLY : strcmp(v, "procurement") == 0 ? REGIME_PROCUREMENT
          : strcmp(v, "both") == 0 ? REGIME_BOTH : 0;
    if (!d) return datafile_fail(r->df, "unknown direction '%s' (supply, procurement, both)", v);
    if (r->m->direction) return datafile_fail(r->df, "'direction' given twice in [%s]", r->m->id);
    r->m->direction = d;
    return true;
}

/* Reads category words into *SET; "any" sets *ANY when ANY is not NULL. */
static bool read_goods(reader *r, goods_set *set, bool *any) {
    const char *p = r->df->value;
    char w[GOODS_WORD_LEN];
    size_t n = 0;
    while (datafile_word(&p, w, sizeof w)) {
        n++;
        if (any && strcmp(w, "any") == 0) {
            *any = true;
            continue;
        }
        int c = goods_category_find(r->goods, w);
        if (c < 0) return datafile_fail(r->df, "unknown goods category '%s' (see data/goods/goods.txt)", w);
        *set |= (goods_set)1 << c;
    }
    while (isspace((unsigned char)*p)) p++;
    if (*p) return datafile_fail(r->df, "goods category too long: '%s'", p);
    return n > 0 || datafile_fail(r->df, "'%s' needs at least one goods category", r->df->key);
}

static bool p_goods(reader *r) { return read_goods(r, &r->m->goods, &r->m->goods_any); }
static bool p_except(reader *r) { return read_goods(r, &r->m->except, NULL); }

static bool p_kinds(reader *r) {
    const char *p = r->df->value;
    char w[32];
    while (datafile_word(&p, w, sizeof w)) {
        embargo_kind k = embargo_kind_parse(w);
        if (k == EMBARGO_KIND_UNKNOWN) return datafile_fail(r->df, "unknown party kind '%s'", w);
        r->m->kinds |= 1u << k;
    }
    return r->m->kinds || datafile_fail(r->df, "'kinds' needs person, organization, vessel or aircraft");
}

static bool valid_date(const char *s) {
    return strlen(s) == 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && s[7] == '-' &&
           strspn(s, "0123456789-") == 10;
}

static bool p_date(reader *r, char *out) {
    if (!valid_date(r->df->value)) return datafile_fail(r->df, "'%s' needs a date YYYY-MM-DD", r->df->key);
    memcpy(out, r->df->value, 11);
    return true;
}
static bool p_since(reader *r) { return p_date(r, r->m->since); }
static bool p_until(reader *r) { return p_date(r, r->m->until); }

static bool read_countries(reader *r, const char *p, regime_target *t) {
    char w[8];
    while (datafile_word(&p, w, sizeof w)) {
        if (strlen(w) != 2 || !isupper((unsigned char)w[0]) || !isupper((unsigned char)w[1]) || !embargo_country_name(w))
            return datafile_fail(r->df, "unknown country code '%s' (ISO 3166-1 alpha-2, upper case)", w);
        if (t->n_countries == REGIME_MAX_COUNTRIES) return datafile_fail(r->df, "more than %d countries", REGIME_MAX_COUNTRIES);
        memcpy(t->countries[t->n_countries++], w, 3);
    }
    while (isspace((unsigned char)*p)) p++;
    if (*p) return datafile_fail(r->df, "not a country code: '%.20s'", p);
    return t->n_countries > 0 || datafile_fail(r->df, "'%s' needs country codes", r->df->key);
}

/* "source[:regime[:program]]" into T; empty parts mean any. */
static bool read_selector(reader *r, const char *text, regime_target *t) {
    char *parts[3] = {NULL, NULL, NULL};
    const char *p = text;
    for (int i = 0; i < 3 && p; i++) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n && !(parts[i] = strndup(p, n))) return datafile_fail(r->df, "out of memory");
        p = colon ? colon + 1 : NULL;
    }
    t->source = parts[0];
    t->regime = parts[1];
    t->program = parts[2];
    if (p || !t->source) return datafile_fail(r->df, "listed party selector '%s': SOURCE[:REGIME[:PROGRAM]]", text);
    return true;
}

static bool read_target(reader *r, regime_target *t) {
    const char *p = r->df->value;
    char kind[16], sel[128];
    if (!datafile_word(&p, kind, sizeof kind)) return datafile_fail(r->df, "'targets' needs country, flag, listed or owned-by");
    if (strcmp(kind, "country") == 0 || strcmp(kind, "flag") == 0) {
        t->kind = kind[0] == 'c' ? REGIME_TARGET_COUNTRY : REGIME_TARGET_FLAG;
        return read_countries(r, p, t);
    }
    bool owned = strcmp(kind, "owned-by") == 0;
    if (!owned && strcmp(kind, "listed") != 0)
        return datafile_fail(r->df, "unknown target '%s' (country, flag, listed, owned-by)", kind);
    t->kind = owned ? REGIME_TARGET_OWNED_BY : REGIME_TARGET_LISTED;
    if (!datafile_word(&p, sel, sizeof sel)) return datafile_fail(r->df, "'%s' needs a list selector", kind);
    if (!read_selector(r, sel, t)) return false;
    char share[16];
    if (owned) {
        char *end;
        if (!datafile_word(&p, share, sizeof share) || (t->share = strtod(share, &end), *end) || t->share <= 0 || t->share > 100)
            return datafile_fail(r->df, "owned-by needs a share from 1 to 100 percent");
    }
    return !datafile_word(&p, share, sizeof share) || datafile_fail(r->df, "unexpected '%s' after the target", share);
}

static bool p_targets(reader *r) {
    regime_measure *m = r->m;
    regime_target *t = realloc(m->targets, (m->n_targets + 1) * sizeof *t);
    if (!t) return datafile_fail(r->df, "out of memory");
    m->targets = t;
    memset(&t[m->n_targets], 0, sizeof *t);
    return read_target(r, &t[m->n_targets++]);
}

typedef struct {
    const char *key;
    bool (*parse)(reader *r);
} field_parser;

static const field_parser fields[] = {
    {"authority", p_authority}, {"instrument", p_instrument}, {"provision", p_provision},
    {"citation", p_citation},   {"targets", p_targets},       {"direction", p_direction},
    {"goods", p_goods},         {"except", p_except},         {"effect", p_effect},
    {"binds", p_binds},         {"note", p_note},             {"kinds", p_kinds},
    {"condition", p_condition}, {"since", p_since},           {"until", p_until},
};

/* ---- stanzas ---------------------------------------------------------- */

static void measure_clear(regime_measure *m) {
    free(m->id), free(m->authority), free(m->instrument), free(m->provision);
    free(m->citation), free(m->note), free(m->binds), free(m->condition);
    for (size_t i = 0; i < m->n_targets; i++) free(m->targets[i].source), free(m->targets[i].regime), free(m->targets[i].program);
    free(m->targets);
    memset(m, 0, sizeof *m);
}

/* Checks the finished stanza: every required field, and a citation that names the instrument's number. */
static bool finish_measure(reader *r) {
    regime_measure *m = r->m;
    if (!m) return true;
    size_t line = r->df->line;
    r->df->line = m->line;
    const char *missing = !m->authority ? "authority" : !m->instrument ? "instrument" : !m->provision ? "provision"
                        : !m->citation ? "citation" : !m->n_targets ? "targets" : !m->direction ? "direction"
                        : (!m->goods && !m->goods_any) ? "goods" : !m->binds ? "binds" : NULL;
    bool ok = !missing || datafile_fail(r->df, "[%s] has no '%s'", m->id, missing);
    char num[16];
    first_number(m->instrument ? m->instrument : "", num, sizeof num);
    if (ok && *num && !strstr(m->citation, num))
        ok = datafile_fail(r->df, "[%s]: malformed citation: it does not name the instrument (%s)", m->id, num);
    if (ok) r->df->line = line;
    r->m = NULL;
    return ok;
}

static bool start_measure(reader *r) {
    if (!finish_measure(r)) return false;
    const char *k = r->df->key;
    size_t n = strlen(k);
    if (*r->df->value || n < 3 || k[n - 1] != ']') return datafile_fail(r->df, "a stanza starts with [id] alone on its line");
    for (size_t i = 1; i + 1 < n; i++)
        if (!islower((unsigned char)k[i]) && !isdigit((unsigned char)k[i]) && k[i] != '-')
            return datafile_fail(r->df, "measure id %s: lower-case letters, digits and '-' only", k);
    for (size_t i = 0; i < r->set->n; i++)
        if (strlen(r->set->measures[i].id) == n - 2 && strncmp(r->set->measures[i].id, k + 1, n - 2) == 0)
            return datafile_fail(r->df, "measure %s given twice (first on line %zu)", k, r->set->measures[i].line);
    regime_measure *ms = realloc(r->set->measures, (r->set->n + 1) * sizeof *ms);
    if (!ms) return datafile_fail(r->df, "out of memory");
    r->set->measures = ms;
    r->m = &ms[r->set->n++];
    memset(r->m, 0, sizeof *r->m);
    r->m->line = r->df->line;
    if (!(r->m->id = strndup(k + 1, n - 2))) return datafile_fail(r->df, "out of memory");
    return true;
}

static bool read_header(reader *r) {
    const char *k = r->df->key, *v = r->df->value;
    if (strcmp(k, "format") == 0) {
        if (strcmp(v, "embargo-regimes 1") != 0)
            return datafile_fail(r->df, "unsupported format '%s' (this embargo reads 'embargo-regimes 1')", v);
        return true;
    }
    if (strcmp(k, "current") == 0) {
        if (!valid_date(v)) return datafile_fail(r->df, "'current' needs a date YYYY-MM-DD");
        memcpy(r->set->current, v, 11);
        return true;
    }
    return datafile_fail(r->df, "unknown header entry '%s' (format, current, or a [measure] stanza)", k);
}

static bool read_line(reader *r, bool *have_format) {
    const char *k = r->df->key;
    if (!*have_format) {
        if (strcmp(k, "format") != 0) return datafile_fail(r->df, "the file must start with 'format embargo-regimes 1'");
        return (*have_format = true), read_header(r);
    }
    if (k[0] == '[') return start_measure(r);
    if (!r->m) return read_header(r);
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (strcmp(k, fields[i].key) == 0) return fields[i].parse(r);
    return datafile_fail(r->df, "unknown key '%s' in [%s]", k, r->m->id);
}

regime_set *regimes_load(const char *path, const goods_table *goods, char *err, size_t err_size) {
    datafile df;
    if (!datafile_open(&df, path, err, err_size)) return NULL;
    regime_set *set = calloc(1, sizeof *set);
    reader r = {&df, goods, set, NULL};
    bool have_format = false;
    int status = 0;
    if (!set || !(set->path = strdup(path))) datafile_fail(&df, "out of memory");
    while (!df.failed && (status = datafile_next(&df)) >= 0)
        if (status == 1 && !read_line(&r, &have_format)) break;
    if (!df.failed) finish_measure(&r);
    if (!df.failed && (!set->current[0] || set->n == 0))
        datafile_fail(&df, "the file needs a 'current YYYY-MM-DD' line and at least one measure");
    bool ok = !df.failed;
    datafile_close(&df);
    if (!ok) {
        regimes_free(set);
        return NULL;
    }
    return set;
}

void regimes_free(regime_set *set) {
    if (!set) return;
    for (size_t i = 0; i < set->n; i++) measure_clear(&set->measures[i]);
    free(set->measures);
    free(set->path);
    free(set);
}

/* ---- questions ------------------------------------------------------------ */

bool regime_binds(const regime_measure *m, const char *const *jurisdictions, size_t n) {
    if (strcmp(m->binds, "all") == 0 || n == 0) return true;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(jurisdictions[i], m->binds) == 0) return true;
    return false;
}

bool regime_in_force(const regime_measure *m, const char *date) {
    if (!date || !*date) return true;
    if (m->since[0] && strncmp(date, m->since, 10) < 0) return false;
    if (m->until[0] && strncmp(date, m->until, 10) > 0) return false;
    return true;
}

bool regime_target_has(const regime_target *t, const char *country) {
    for (size_t i = 0; country && *country && i < t->n_countries; i++)
        if (strcmp(t->countries[i], country) == 0) return true;
    return false;
}
