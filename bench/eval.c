/*
 * bench/eval.c - how accurate the name matcher is on the real lists, against
 * a plain baseline matcher in the same run.
 *
 * Run (from the repository root, lists beside it in ../shared/data/lists):
 *
 *   build/bench_eval [--lists DIR] [--population FILE] [--pairs FILE]
 *                    [--seed N] [--sample N] [--baseline N] [--agree N] [--misses N] [--threshold T] [--json]
 *
 *   --lists DIR        list folder (default: $EMBARGO_TEST_LISTS, else
 *                      ../shared/data/lists beside the source tree)
 *   --population FILE  unsanctioned people (default DIR/population/us_congress_senzing.json)
 *   --pairs FILE       cross-script pairs (default data/eval/cross_script.tsv)
 *   --seed N           PRNG seed (splitmix64; default 42): same seed, same lists, same figures
 *   --sample N         entities sampled for variants and for held-out aliases (default 2000)
 *   --baseline N       queries per measure given to the slow baseline (default 200)
 *   --agree N          sampled entities whose variants are also searched exhaustively
 *                      (default 20: a full scan costs about a second a query)
 *   --misses N         variant misses (and hits found but not first) printed, at most (default 25)
 *   --threshold T      score threshold (default EMBARGO_DEFAULT_THRESHOLD)
 *   --json             the summary as one JSON object on stdout; the report goes to stderr
 *
 * Every search asks for the top 10 hits at or above the threshold, with the
 * query's kind (person or organization) as the only field besides the name.
 *
 * The figures
 * 1. Variants: persons and organizations whose primary name has at least two
 *    words are sampled; each gets up to six variants (one typo; word order;
 *    a middle word dropped; hyphen/space changed; diacritics removed, only
 *    when there are any; letter case changed). recall@1: the top hit is the
 *    same party; recall@10: one of the top 10 is. "Same party" (the same
 *    party is listed by several publishers, in several versions): the hit is
 *    the sampled entity; or some name of the hit's entity has the same
 *    multiset of normalized words as some name of the sampled entity (for
 *    two organizations, leaving out the words of legal forms on the eval's
 *    own list: "JSC X" is "Joint Stock Company X"); or both carry the same
 *    strong identifier (passport, national, tax or registration number, IMO,
 *    MMSI, BIC, aircraft; 6+ letters and digits); or both come from OFAC's
 *    lists (ofac, ofac-cons, csl rows taken from them, any version) with the
 *    same numeric OFAC id; or both are persons born on the same full date
 *    whose primary names share two words (one list leaves the patronymic
 *    out). None of this uses the matcher.
 * 2. Held-out aliases: entities with a strong alias whose words differ from
 *    the primary name's are sampled. A second store is copied from the first
 *    with that alias removed from the sampled entity and from every entity
 *    sharing its primary name, and indexed. The alias is then searched; it
 *    counts as found only when the same party comes back through a name that
 *    is not the alias (the alias may survive under another spelling of the
 *    party elsewhere). It is a ceiling test: some aliases are unrelated names
 *    (a former name, a nickname), which no matcher should find.
 * 3. Cross-script: each pair of data/eval/cross_script.tsv (a name in Hangul,
 *    Cyrillic, Arabic or Han and the Latin name a list gives) is found when a
 *    top-10 hit's primary or matched name holds every word of the Latin name
 *    (a word may be written split: "al zawahiri" holds "alzawahiri"). Pairs
 *    whose Latin name no loaded entity holds are listed and left out.
 * 4. False positives: the primary name of each person of the population
 *    (real, unsanctioned people; loaded as its own store) is screened. The
 *    figure is the share with any hit at or above the threshold.
 * 5. Baseline: Jaro-Winkler of the whole normalized name (words normalized
 *    and joined by spaces, first 64 bytes) against every name of every entity,
 *    an entity scoring its best name; no index. It runs on the first
 *    --baseline queries of measures 1, 3 and 4 (embargo's figures on the same
 *    queries are printed beside it), at two thresholds: the lowest at which it
 *    flags no more of its population subsample than embargo's rate on the
 *    whole population (rounded to people), and 0.90.
 * 6. Agreement: the variant queries of the first --agree sampled entities
 *    are also searched with exhaustive = 1; a disagreement is a different top
 *    hit or a different set of hits. It must be 0 (the program then exits 1):
 *    the index may never lose a hit a full scan finds.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "embargo/embargo.h"
#include "embargo/search.h"
#include "match/similarity.h"
#include "model/store_int.h"
#include "text/text.h"

#define EVAL_LIMIT 10
#define EVAL_NAME_MAX 512
#define EVAL_WORST 15
#define EVAL_MAX_WORDS 64

/* ---------------------------------------------------------------- options */

typedef struct {
    char lists[2048];
    char population[4096];
    char pairs[4096];
    uint64_t seed;
    size_t sample;
    size_t baseline;
    size_t agree;
    size_t misses;                /* variant misses (and not-first hits) printed at most */
    double threshold;
    bool json;
} eval_opts;

static FILE *out; /* the human report: stdout, or stderr with --json */

/* The source tree's root, from this file's path as the compiler saw it. */
static void source_root(char *text, size_t size) {
    snprintf(text, size, "%s", __FILE__);
    char *slash = strrchr(text, '/');
    if (slash) *slash = '\0'; /* .../bench */
    slash = strrchr(text, '/');
    if (slash) *slash = '\0';
    else snprintf(text, size, ".");
}

static void usage(void) {
    fputs("usage: bench_eval [--lists DIR] [--population FILE] [--pairs FILE] [--seed N]\n"
          "                  [--sample N] [--baseline N] [--agree N] [--misses N] [--threshold T] [--json]\n",
          stderr);
}

static bool parse_opts(int argc, char **argv, eval_opts *o) {
    char root[1024];
    source_root(root, sizeof root);
    const char *env = getenv("EMBARGO_TEST_LISTS");
    memset(o, 0, sizeof *o);
    if (env && *env) snprintf(o->lists, sizeof o->lists, "%s", env);
    else snprintf(o->lists, sizeof o->lists, "%s/../shared/data/lists", root);
    snprintf(o->pairs, sizeof o->pairs, "%s/data/eval/cross_script.tsv", root);
    o->seed = 42;
    o->sample = 2000;
    o->baseline = 200;
    o->agree = 20;
    o->misses = 25;
    o->threshold = EMBARGO_DEFAULT_THRESHOLD;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (strcmp(a, "--json") == 0) { o->json = true; continue; }
        if (!v) { usage(); return false; }
        i++;
        if (strcmp(a, "--lists") == 0) snprintf(o->lists, sizeof o->lists, "%s", v);
        else if (strcmp(a, "--population") == 0) snprintf(o->population, sizeof o->population, "%s", v);
        else if (strcmp(a, "--pairs") == 0) snprintf(o->pairs, sizeof o->pairs, "%s", v);
        else if (strcmp(a, "--seed") == 0) o->seed = strtoull(v, &end, 10);
        else if (strcmp(a, "--sample") == 0) o->sample = strtoull(v, &end, 10);
        else if (strcmp(a, "--baseline") == 0) o->baseline = strtoull(v, &end, 10);
        else if (strcmp(a, "--agree") == 0) o->agree = strtoull(v, &end, 10);
        else if (strcmp(a, "--misses") == 0) o->misses = strtoull(v, &end, 10);
        else if (strcmp(a, "--threshold") == 0) o->threshold = strtod(v, &end);
        else { usage(); return false; }
        if (end && (*end || end == v)) {
            fprintf(stderr, "bench_eval: %s: not a number: '%s'\n", a, v);
            return false;
        }
    }
    if (!o->population[0])
        snprintf(o->population, sizeof o->population, "%s/population/us_congress_senzing.json", o->lists);
    return true;
}

/* ---------------------------------------------------- PRNG and the clock */

typedef struct {
    uint64_t state;
} prng;

/* splitmix64: a fixed, portable sequence for a seed. */
static uint64_t prng_next(prng *p) {
    uint64_t z = (p->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static size_t prng_below(prng *p, size_t n) {
    return n ? (size_t)(prng_next(p) % n) : 0;
}

/* One stream per measure, so that one measure's size never shifts another's draw. */
static prng prng_for(uint64_t seed, uint64_t measure) {
    prng p = {seed ^ (measure * 0xD1B54A32D192ED03ull)};
    prng_next(&p);
    return p;
}

/* Draws up to N of the N_ITEMS indices in ITEMS (partial Fisher-Yates, in place). */
static size_t sample_indices(prng *p, size_t *items, size_t n_items, size_t n) {
    if (n > n_items) n = n_items;
    for (size_t i = 0; i < n; i++) {
        size_t j = i + prng_below(p, n_items - i);
        size_t t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
    return n;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------- name normalization */

/* Bytes of a word separator at S (space, tab, comma, no-break spaces), or 0. */
static size_t separator_len(const unsigned char *s) {
    if (*s == ' ' || *s == '\t' || *s == ',' || *s == '-' || *s == '\n' || *s == '\r') return 1;
    if (s[0] == 0xC2 && s[1] == 0xA0) return 2;                                  /* U+00A0 */
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF)) return 3; /* U+2000..200A, 202F */
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;                   /* U+3000 */
    return 0;
}

/*
 * NAME's words (split at separators), each through text_normalize_word,
 * joined by single spaces into OUT: "KIM, Jong-Un" -> "kim jongun".
 */
static void norm_name(const char *name, char *text, size_t cap) {
    const unsigned char *s = (const unsigned char *)name;
    size_t n = 0;
    text[0] = '\0';
    while (*s) {
        size_t sep;
        while (*s && (sep = separator_len(s)) > 0) s += sep;
        const unsigned char *w = s;
        while (*s && separator_len(s) == 0) s++;
        if (s == w || n + 2 >= cap) continue;
        if (n) text[n++] = ' ';
        size_t k = text_normalize_word((const char *)w, (size_t)(s - w), text + n, cap - n);
        if (k == 0 && n) n--; /* a word of punctuation only */
        n += k;
        text[n] = '\0';
    }
}

/* Splits the normalized name NORM (modified in place) into WORDS; returns how many. */
static size_t split_words(char *norm, char **words, size_t max) {
    size_t n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(norm, " ", &save); tok && n < max; tok = strtok_r(NULL, " ", &save)) words[n++] = tok;
    return n;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_legal_form_word(const char *w);

/*
 * NAME's normalized words, sorted, joined by spaces into KEY; with
 * DROP_LEGAL, without the words of legal forms, and "" when under two
 * words remain.
 */
static void words_key(const char *name, bool drop_legal, char *key, size_t cap) {
    char norm[EVAL_NAME_MAX];
    char *words[EVAL_MAX_WORDS];
    norm_name(name, norm, sizeof norm);
    size_t n = split_words(norm, words, EVAL_MAX_WORDS), kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!drop_legal || !is_legal_form_word(words[i])) words[kept++] = words[i];
    key[0] = '\0';
    if (drop_legal && kept < 2) return; /* "Bank" alone would make every bank one party */
    qsort(words, kept, sizeof *words, cmp_str);
    size_t len = 0;
    for (size_t i = 0; i < kept && len + 1 < cap; i++)
        len += (size_t)snprintf(key + len, cap - len, "%s%s", i ? " " : "", words[i]);
}

/* The same-party key of NAME: its normalized words, sorted, joined by spaces. */
static void name_key(const char *name, char *key, size_t cap) {
    words_key(name, false, key, cap);
}

/* The words W[A..B] run together into OUT (CAP bytes); false when they do not fit. */
static bool run_together(char *const *w, size_t a, size_t b, char *dst, size_t cap) {
    size_t len = 0;
    for (size_t i = a; i <= b; i++) {
        size_t l = strlen(w[i]);
        if (len + l + 1 > cap) return false;
        memcpy(dst + len, w[i], l + 1);
        len += l;
    }
    return true;
}

/* True when some run of the N words WORDS, run together, spells S. */
static bool words_spell(char *const *words, size_t n, const char *s) {
    char run[EVAL_NAME_MAX];
    for (size_t a = 0; a < n; a++)
        for (size_t b = a; b < n && run_together(words, a, b, run, sizeof run); b++) {
            if (strcmp(run, s) == 0) return true;
            if (strncmp(run, s, strlen(run)) != 0) break;
        }
    return false;
}

/*
 * True when the words HAVE hold wanted word I of WANT: some run of wanted
 * words around it, run together, is spelled by a run of HAVE ("al zawahiri"
 * holds "alzawahiri", "ilchun" holds "il" of "il chun").
 */
static bool words_hold(char *const *have, size_t n, char *const *want, size_t m, size_t i) {
    char run[EVAL_NAME_MAX];
    for (size_t a = 0; a <= i; a++)
        for (size_t b = i; b < m && run_together(want, a, b, run, sizeof run); b++)
            if (words_spell(have, n, run)) return true;
    return false;
}

/* True when the normalized name NORM holds every word of the normalized name EXPECT. */
static bool norm_holds(const char *norm, const char *expect) {
    char have[EVAL_NAME_MAX], want[EVAL_NAME_MAX];
    char *words[EVAL_MAX_WORDS], *wanted[EVAL_MAX_WORDS];
    snprintf(have, sizeof have, "%s", norm);
    snprintf(want, sizeof want, "%s", expect);
    size_t n = split_words(have, words, EVAL_MAX_WORDS);
    size_t m = split_words(want, wanted, EVAL_MAX_WORDS);
    for (size_t i = 0; i < m; i++)
        if (!words_hold(words, n, wanted, m, i)) return false;
    return m > 0;
}

/* True when the name NAME (as written) holds every word of the normalized name EXPECT. */
static bool name_holds(const char *name, const char *expect) {
    char norm[EVAL_NAME_MAX];
    norm_name(name, norm, sizeof norm);
    return norm_holds(norm, expect);
}

/* ------------------------------------------------------------ name table */

/* Every name of every entity, normalized once: the baseline's corpus and the scans' input. */
typedef struct {
    const char *norm;         /* normalized name (words joined by spaces) */
    uint32_t entity;          /* store index */
    uint16_t len;             /* bytes of norm */
} name_row;

typedef struct {
    const embargo_store *store;
    name_row *rows;
    size_t n_rows;
    char **keys;              /* per entity: same-party key of its primary name */
    size_t n_entities;
} name_table;

static char *xstrdup(const char *s) {
    char *d = strdup(s);
    if (!d) {
        fputs("bench_eval: out of memory\n", stderr);
        exit(2);
    }
    return d;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("bench_eval: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void table_build(name_table *t, const embargo_store *store) {
    t->store = store;
    t->n_entities = embargo_store_count(store);
    t->keys = xcalloc(t->n_entities, sizeof *t->keys);
    size_t cap = 0;
    for (size_t i = 0; i < t->n_entities; i++) cap += embargo_store_at(store, i)->n_names;
    t->rows = xcalloc(cap, sizeof *t->rows);
    t->n_rows = 0;
    char text[EVAL_NAME_MAX];
    for (size_t i = 0; i < t->n_entities; i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        name_key(e->names[0].full, text, sizeof text);
        t->keys[i] = xstrdup(text);
        for (size_t k = 0; k < e->n_names; k++) {
            norm_name(e->names[k].full, text, sizeof text);
            if (!text[0]) continue;
            name_row *r = &t->rows[t->n_rows++];
            r->norm = xstrdup(text);
            r->entity = (uint32_t)i;
            size_t len = strlen(text);
            r->len = (uint16_t)(len > 64 ? 64 : len);
        }
    }
}

static void table_free(name_table *t) {
    for (size_t i = 0; i < t->n_entities; i++) free(t->keys[i]);
    for (size_t i = 0; i < t->n_rows; i++) free((char *)t->rows[i].norm);
    free(t->keys);
    free(t->rows);
}

/*
 * Words of company legal forms, as the eval's own list (not the matcher's):
 * two names of one company differ by them across publishers ("JSC X",
 * "Joint Stock Company X", "X").
 */
static const char *const legal_form_words[] = {
    "jsc", "ojsc", "cjsc", "pjsc", "oao", "zao", "pao", "ao", "ooo", "llc", "ltd", "limited", "co", "company",
    "corp", "corporation", "inc", "plc", "gmbh", "sa", "ag", "joint", "stock", "open", "closed", "public",
    "liability", "aktsionernoe", "obshchestvo", "otkrytoe", "zakrytoe", "publichnoe",
};

static bool is_legal_form_word(const char *w) {
    for (size_t i = 0; i < sizeof legal_form_words / sizeof *legal_form_words; i++)
        if (strcmp(w, legal_form_words[i]) == 0) return true;
    return false;
}

/* NAME's key (name_key) without legal-form words, for organizations; "" when under two words remain. */
static void company_key(const char *name, char *key, size_t cap) {
    words_key(name, true, key, cap);
}

/*
 * True when entities A and B have a name each with the same key (see
 * name_key; for two organizations, the key without legal-form words).
 */
static bool share_name(const embargo_entity *a, const embargo_entity *b) {
    bool companies = a->kind == EMBARGO_KIND_ORGANIZATION && b->kind == EMBARGO_KIND_ORGANIZATION;
    char ka[EVAL_NAME_MAX], kb[EVAL_NAME_MAX];
    for (size_t i = 0; i < a->n_names; i++) {
        (companies ? company_key : name_key)(a->names[i].full, ka, sizeof ka);
        if (!ka[0] && companies) name_key(a->names[i].full, ka, sizeof ka);
        if (!ka[0]) continue;
        for (size_t j = 0; j < b->n_names; j++) {
            (companies ? company_key : name_key)(b->names[j].full, kb, sizeof kb);
            if (!kb[0] && companies) name_key(b->names[j].full, kb, sizeof kb);
            if (strcmp(ka, kb) == 0) return true;
        }
    }
    return false;
}

/* How many words of A's primary name (normalized) B's primary name also holds. */
static size_t common_words(const embargo_entity *a, const embargo_entity *b) {
    char na[EVAL_NAME_MAX], nb[EVAL_NAME_MAX];
    char *wa[EVAL_MAX_WORDS], *wb[EVAL_MAX_WORDS];
    norm_name(a->names[0].full, na, sizeof na);
    norm_name(b->names[0].full, nb, sizeof nb);
    size_t n = split_words(na, wa, EVAL_MAX_WORDS), m = split_words(nb, wb, EVAL_MAX_WORDS), common = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            if (strcmp(wa[i], wb[j]) == 0) {
                common++;
                break;
            }
    return common;
}

/* True when persons A and B were born on the same, full date. */
static bool same_birth_day(const embargo_entity *a, const embargo_entity *b) {
    for (size_t i = 0; i < a->n_births; i++) {
        embargo_ymd x = a->births[i].from;
        if (!x.year || !x.month || !x.day || memcmp(&a->births[i].from, &a->births[i].to, sizeof x) != 0) continue;
        for (size_t j = 0; j < b->n_births; j++) {
            embargo_ymd y = b->births[j].from;
            if (x.year == y.year && x.month == y.month && x.day == y.day &&
                memcmp(&b->births[j].from, &b->births[j].to, sizeof y) == 0)
                return true;
        }
    }
    return false;
}

/* Two persons born the same day whose primary names share two words (a patronymic left out, say). */
static bool same_person(const embargo_entity *a, const embargo_entity *b) {
    return a->kind == EMBARGO_KIND_PERSON && b->kind == EMBARGO_KIND_PERSON && same_birth_day(a, b) &&
           common_words(a, b) >= 2;
}

/* VALUE's letters and digits, upper case, into KEY; returns how many. */
static size_t id_key(const char *value, char *key, size_t cap) {
    size_t n = 0;
    for (const char *p = value; *p && n + 1 < cap; p++) {
        char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) key[n++] = c;
    }
    key[n] = '\0';
    return n;
}

static bool strong_id(embargo_id_type type) {
    static const embargo_id_type strong[] = {EMBARGO_ID_PASSPORT, EMBARGO_ID_NATIONAL, EMBARGO_ID_TAX,
                                             EMBARGO_ID_REGISTRATION, EMBARGO_ID_IMO, EMBARGO_ID_MMSI,
                                             EMBARGO_ID_BIC, EMBARGO_ID_AIRCRAFT};
    for (size_t i = 0; i < sizeof strong / sizeof *strong; i++)
        if (strong[i] == type) return true;
    return false;
}

/* True when A and B carry the same strong identifier. */
static bool share_identifier(const embargo_entity *a, const embargo_entity *b) {
    char ka[128], kb[128];
    for (size_t i = 0; i < a->n_identifiers; i++) {
        if (!strong_id(a->identifiers[i].type) || id_key(a->identifiers[i].value, ka, sizeof ka) < 6) continue;
        for (size_t j = 0; j < b->n_identifiers; j++)
            if (a->identifiers[i].type == b->identifiers[j].type && id_key(b->identifiers[j].value, kb, sizeof kb) >= 6 &&
                strcmp(ka, kb) == 0)
                return true;
    }
    return false;
}

/* True for a source whose numeric ids are OFAC's own (any version of ofac, ofac-cons; csl's rows from them). */
static bool ofac_numbered(const embargo_entity *e) {
    static const char *const families[] = {"ofac", "ofac-cons", "csl"};
    size_t len = strcspn(e->source, "@");
    bool family = false;
    for (size_t i = 0; i < sizeof families / sizeof *families; i++)
        family = family || (strlen(families[i]) == len && strncmp(e->source, families[i], len) == 0);
    if (!family || !e->source_id[0]) return false;
    for (const char *p = e->source_id; *p; p++)
        if (*p < '0' || *p > '9') return false;
    return true;
}

/* True when entities A and B are the same party by the rule in the header comment. */
static bool same_party(const embargo_entity *a, const embargo_entity *b) {
    if (a == b || strcmp(a->id, b->id) == 0) return true;
    if (ofac_numbered(a) && ofac_numbered(b) && strcmp(a->source_id, b->source_id) == 0) return true;
    return share_identifier(a, b) || share_name(a, b) || same_person(a, b);
}

/* True when HIT is the party of the entity at store index WANT. */
static bool hit_is_party(const name_table *t, size_t want, const embargo_hit *hit) {
    const embargo_entity *e = embargo_store_at(t->store, want);
    const embargo_entity *h = embargo_store_get(t->store, hit->entity_id);
    return h ? same_party(e, h) : strcmp(hit->entity_id, e->id) == 0;
}

/* ------------------------------------------------------------ searching */

typedef struct {
    const embargo_index *index;
    embargo_results *results;
    double threshold;
} searcher;

/* Searches NAME (of KIND); returns the number of hits (0 also for a refused query). */
static size_t search_name(searcher *s, const char *name, embargo_kind kind, int exhaustive) {
    embargo_query q = {name, kind, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    embargo_search_options so = {s->threshold, EVAL_LIMIT, exhaustive, 0};
    if (embargo_search(s->index, &q, &so, s->results) != EMBARGO_OK) return 0;
    return embargo_results_count(s->results);
}

/* ------------------------------------------------------ baseline matcher */

typedef struct {
    double score;
    uint32_t entity;
    uint32_t row;
} bl_hit;

/* Inserts (SCORE, ENTITY, ROW) into the sorted top list TOP of *N (at most EVAL_LIMIT). */
static void bl_insert(bl_hit *top, size_t *n, double score, uint32_t entity, uint32_t row) {
    if (*n == EVAL_LIMIT && score <= top[*n - 1].score) return;
    size_t i = *n < EVAL_LIMIT ? (*n)++ : *n - 1;
    while (i > 0 && top[i - 1].score < score) {
        top[i] = top[i - 1];
        i--;
    }
    top[i] = (bl_hit){score, entity, row};
}

/*
 * The plain matcher: Jaro-Winkler of the normalized QUERY against every
 * name, each entity scored by its best name; the best EVAL_LIMIT entities go
 * to TOP (no threshold applied). Returns how many.
 */
static size_t bl_search(const name_table *t, const char *query, bl_hit *top) {
    char q[EVAL_NAME_MAX];
    norm_name(query, q, sizeof q);
    size_t ql = strlen(q), n = 0;
    if (ql > 64) ql = 64;
    double best = -1.0;
    uint32_t best_row = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const name_row *r = &t->rows[i];
        double sc = sim_jaro_winkler(q, ql, r->norm, r->len);
        if (sc > best) {
            best = sc;
            best_row = (uint32_t)i;
        }
        if (i + 1 == t->n_rows || t->rows[i + 1].entity != r->entity) {
            bl_insert(top, &n, best, r->entity, best_row);
            best = -1.0;
        }
    }
    return n;
}

/* True when baseline hit H is the party of entity WANT (same rule as hit_is_party). */
static bool bl_is_party(const name_table *t, size_t want, const bl_hit *h) {
    return same_party(embargo_store_at(t->store, want), embargo_store_at(t->store, h->entity));
}

/* ---------------------------------------------------------- name variants */

typedef bool (*variant_fn)(const char *name, prng *p, char *text, size_t cap);

/* Splits NAME at ASCII spaces into WORDS (copied into STORE); returns how many. */
static size_t space_words(const char *name, char *store, size_t cap, char **words, size_t max) {
    snprintf(store, cap, "%s", name);
    return split_words(store, words, max);
}

static void join_words(char *const *words, size_t n, char *text, size_t cap) {
    size_t len = 0;
    text[0] = '\0';
    for (size_t i = 0; i < n && len + 1 < cap; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s%s", i ? " " : "", words[i]);
}

static bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char random_letter(prng *p, bool upper) {
    return (char)((upper ? 'A' : 'a') + (int)prng_below(p, 26));
}

/* One typo (substitute, delete, insert, transpose) in a random ASCII letter run of 4 or more. */
static bool variant_typo(const char *name, prng *p, char *text, size_t cap) {
    size_t starts[EVAL_MAX_WORDS], lens[EVAL_MAX_WORDS], n = 0, len = strlen(name);
    for (size_t i = 0; i < len && n < EVAL_MAX_WORDS;) {
        size_t j = i;
        while (j < len && is_ascii_letter(name[j])) j++;
        if (j - i >= 4) {
            starts[n] = i;
            lens[n++] = j - i;
        }
        i = j > i ? j : i + 1;
    }
    if (n == 0 || len + 2 > cap) return false;
    size_t w = prng_below(p, n), op = prng_below(p, 4);
    size_t at = starts[w] + prng_below(p, op == 3 ? lens[w] - 1 : lens[w]);
    bool upper = name[at] >= 'A' && name[at] <= 'Z';
    memcpy(text, name, len + 1);
    switch (op) {
    case 0: /* substitute */
        do text[at] = random_letter(p, upper);
        while (text[at] == name[at]);
        break;
    case 1: /* delete */
        memmove(text + at, name + at + 1, len - at);
        break;
    case 2: /* insert */
        text[at] = random_letter(p, upper);
        memcpy(text + at + 1, name + at, len - at + 1);
        break;
    default: /* transpose with the next letter; substitute when they are equal */
        if (name[at] != name[at + 1]) {
            text[at] = name[at + 1];
            text[at + 1] = name[at];
        } else {
            do text[at] = random_letter(p, upper);
            while (text[at] == name[at]);
        }
    }
    return true;
}

/* "LAST, First" becomes "First LAST"; other names are rotated by a random step. */
static bool variant_order(const char *name, prng *p, char *text, size_t cap) {
    const char *comma = strchr(name, ',');
    if (comma) {
        const char *given = comma + 1;
        while (*given == ' ') given++;
        if (!*given) return false;
        snprintf(text, cap, "%s %.*s", given, (int)(comma - name), name);
        return true;
    }
    char store[EVAL_NAME_MAX];
    char *words[EVAL_MAX_WORDS], *rotated[EVAL_MAX_WORDS];
    size_t n = space_words(name, store, sizeof store, words, EVAL_MAX_WORDS);
    if (n < 2) return false;
    size_t k = 1 + prng_below(p, n - 1);
    for (size_t i = 0; i < n; i++) rotated[i] = words[(i + k) % n];
    join_words(rotated, n, text, cap);
    return true;
}

/* A word that is neither the first nor the last is dropped (names of 3 words or more). */
static bool variant_drop(const char *name, prng *p, char *text, size_t cap) {
    char store[EVAL_NAME_MAX];
    char *words[EVAL_MAX_WORDS];
    size_t n = space_words(name, store, sizeof store, words, EVAL_MAX_WORDS);
    if (n < 3) return false;
    size_t drop = 1 + prng_below(p, n - 2);
    memmove(words + drop, words + drop + 1, (n - drop - 1) * sizeof *words);
    join_words(words, n - 1, text, cap);
    return true;
}

/* A hyphen between letters becomes a space; without one, two words are hyphenated. */
static bool variant_hyphen(const char *name, prng *p, char *text, size_t cap) {
    size_t hyphens[EVAL_MAX_WORDS], n = 0, len = strlen(name);
    for (size_t i = 1; i + 1 < len && n < EVAL_MAX_WORDS; i++)
        if (name[i] == '-' && name[i - 1] != ' ' && name[i + 1] != ' ') hyphens[n++] = i;
    snprintf(text, cap, "%s", name);
    if (n > 0) {
        text[hyphens[prng_below(p, n)]] = ' ';
        return true;
    }
    size_t spaces[EVAL_MAX_WORDS];
    for (size_t i = 1; i + 1 < len && n < EVAL_MAX_WORDS; i++)
        if (name[i] == ' ' && name[i - 1] != ',' && name[i - 1] != ' ' && name[i + 1] != ' ') spaces[n++] = i;
    if (n == 0) return false;
    text[spaces[prng_below(p, n)]] = '-';
    return true;
}

/* NAME as UTF-16 in U (CAP units); false when it does not convert. */
static bool to_utf16(const char *name, UChar *u, int32_t cap, int32_t *len) {
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, cap, len, name, -1, &err);
    return U_SUCCESS(err) && *len < cap;
}

static bool from_utf16(const UChar *u, int32_t len, char *text, size_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t n;
    u_strToUTF8(text, (int32_t)cap, &n, u, len, &err);
    return U_SUCCESS(err) && (size_t)n < cap;
}

/* Combining marks removed (NFD, drop Mn, NFC); false when the name has none. */
static bool variant_diacritics(const char *name, prng *p, char *text, size_t cap) {
    UChar u[EVAL_NAME_MAX], d[EVAL_NAME_MAX * 2], c[EVAL_NAME_MAX * 2];
    int32_t len;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err), *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err) || !to_utf16(name, u, EVAL_NAME_MAX, &len)) return false;
    int32_t dlen = unorm2_normalize(nfd, u, len, d, EVAL_NAME_MAX * 2, &err);
    if (U_FAILURE(err)) return false;
    int32_t kept = 0;
    bool any = false;
    for (int32_t i = 0; i < dlen; i++) {
        if (u_charType(d[i]) == U_NON_SPACING_MARK) any = true;
        else d[kept++] = d[i];
    }
    if (!any) return false;
    int32_t clen = unorm2_normalize(nfc, d, kept, c, EVAL_NAME_MAX * 2, &err);
    return U_SUCCESS(err) && from_utf16(c, clen, text, cap);
}

/* Lower, upper or title case, whichever (at random) differs from the name. */
static bool variant_case(const char *name, prng *p, char *text, size_t cap) {
    UChar u[EVAL_NAME_MAX], v[EVAL_NAME_MAX * 2];
    int32_t len;
    if (!to_utf16(name, u, EVAL_NAME_MAX, &len)) return false;
    size_t first = prng_below(p, 3);
    for (size_t k = 0; k < 3; k++) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t vlen;
        switch ((first + k) % 3) {
        case 0: vlen = u_strToLower(v, EVAL_NAME_MAX * 2, u, len, "", &err); break;
        case 1: vlen = u_strToUpper(v, EVAL_NAME_MAX * 2, u, len, "", &err); break;
        default: vlen = u_strToTitle(v, EVAL_NAME_MAX * 2, u, len, NULL, "", &err);
        }
        if (U_SUCCESS(err) && from_utf16(v, vlen, text, cap) && strcmp(text, name) != 0) return true;
    }
    return false;
}

typedef struct {
    const char *name;
    variant_fn make;
} variant_kind;

static const variant_kind variant_kinds[] = {
    {"typo", variant_typo},         {"word-order", variant_order}, {"middle-dropped", variant_drop},
    {"hyphen-space", variant_hyphen}, {"diacritics", variant_diacritics}, {"case", variant_case},
};
#define N_VARIANT_KINDS (sizeof variant_kinds / sizeof *variant_kinds)

/* ------------------------------------------------------------ counting */

typedef struct {
    size_t n, at1, at10;
} recall;

static void recall_add(recall *r, bool at1, bool at10) {
    r->n++;
    r->at1 += at1;
    r->at10 += at10;
}

static double pct(size_t k, size_t n) {
    return n ? 100.0 * (double)k / (double)n : 0.0;
}

static json_t *recall_json(const recall *r) {
    return json_pack("{s:I, s:f, s:f}", "queries", (json_int_t)r->n, "recall_at_1", pct(r->at1, r->n) / 100.0,
                     "recall_at_10", pct(r->at10, r->n) / 100.0);
}

/* A query kept for the baseline: its text, kind and the entity it should find. */
typedef struct {
    char *text;
    embargo_kind kind;
    size_t want;              /* store index, or SIZE_MAX for cross-script */
    const char *expect;       /* cross-script: the normalized Latin name */
    bool embargo_at1, embargo_at10;
} bl_query;

typedef struct {
    bl_query *items;
    size_t n, cap;
} bl_queries;

static void bl_keep(bl_queries *qs, const char *text, embargo_kind kind, size_t want, const char *expect,
                    bool at1, bool at10) {
    if (qs->n == qs->cap) {
        qs->cap = qs->cap ? qs->cap * 2 : 64;
        qs->items = realloc(qs->items, qs->cap * sizeof *qs->items);
        if (!qs->items) exit(2);
    }
    qs->items[qs->n++] = (bl_query){xstrdup(text), kind, want, expect, at1, at10};
}

static void bl_free(bl_queries *qs) {
    for (size_t i = 0; i < qs->n; i++) free(qs->items[i].text);
    free(qs->items);
}

/* ------------------------------------------------- 1 and 6: name variants */

typedef struct {
    recall by_kind[N_VARIANT_KINDS];
    recall all;
    size_t sampled, eligible, agree_checked, disagreements;
    double seconds, seconds_exhaustive;
} variants_result;

/* Persons and organizations whose primary name has at least two words with a letter. */
static bool variant_eligible(const embargo_entity *e) {
    if (e->kind != EMBARGO_KIND_PERSON && e->kind != EMBARGO_KIND_ORGANIZATION) return false;
    size_t words = 0;
    bool in_word = false, letter = false;
    for (const unsigned char *s = (const unsigned char *)e->names[0].full;; s++) {
        bool sep = *s == '\0' || *s == ' ' || *s == ',';
        if (sep) {
            words += in_word && letter;
            in_word = letter = false;
            if (!*s) break;
            continue;
        }
        in_word = true;
        letter = letter || is_ascii_letter((char)*s) || *s >= 0x80;
    }
    return words >= 2;
}

/* The index and a full scan must agree: same top hit, same set of hits. Prints any difference. */
static bool agree(searcher *s, const char *name, embargo_kind kind) {
    char ids[EVAL_LIMIT][128];
    size_t n = search_name(s, name, kind, 0);
    for (size_t i = 0; i < n; i++) snprintf(ids[i], sizeof ids[i], "%s", embargo_results_hit(s->results, i)->entity_id);
    size_t m = search_name(s, name, kind, 1);
    bool same = n == m && (n == 0 || strcmp(ids[0], embargo_results_hit(s->results, 0)->entity_id) == 0);
    for (size_t i = 0; same && i < m; i++) {
        bool found = false;
        for (size_t j = 0; j < n && !found; j++) found = strcmp(ids[j], embargo_results_hit(s->results, i)->entity_id) == 0;
        same = found;
    }
    if (!same) {
        fprintf(out, "  DISAGREE %s: index %zu hits (top %s), exhaustive %zu hits (top %s)\n", name, n,
                n ? ids[0] : "-", m, m ? embargo_results_hit(s->results, 0)->entity_id : "-");
    }
    return same;
}

static void measure_variants(const eval_opts *o, const name_table *t, searcher *s, bl_queries *bl,
                             variants_result *vr) {
    double t0 = now();
    size_t n_all = t->n_entities, n_ok = 0;
    size_t *items = xcalloc(n_all, sizeof *items);
    for (size_t i = 0; i < n_all; i++)
        if (variant_eligible(embargo_store_at(t->store, i))) items[n_ok++] = i;
    prng p = prng_for(o->seed, 1);
    vr->eligible = n_ok;
    vr->sampled = sample_indices(&p, items, n_ok, o->sample);
    size_t shown = 0, shown_at1 = 0;
    for (size_t k = 0; k < vr->sampled; k++) {
        const embargo_entity *e = embargo_store_at(t->store, items[k]);
        for (size_t v = 0; v < N_VARIANT_KINDS; v++) {
            char q[EVAL_NAME_MAX];
            if (!variant_kinds[v].make(e->names[0].full, &p, q, sizeof q)) continue;
            size_t n = search_name(s, q, e->kind, 0);
            bool at1 = n > 0 && hit_is_party(t, items[k], embargo_results_hit(s->results, 0));
            bool at10 = at1;
            for (size_t i = 1; i < n && !at10; i++) at10 = hit_is_party(t, items[k], embargo_results_hit(s->results, i));
            recall_add(&vr->by_kind[v], at1, at10);
            recall_add(&vr->all, at1, at10);
            if (!at10 && shown < o->misses) {
                shown++;
                fprintf(out, "  miss %-14s %-40s <- %s%s%s\n", variant_kinds[v].name, q, e->names[0].full,
                        n ? "   top: " : "", n ? embargo_results_hit(s->results, 0)->matched_name : "");
            } else if (at10 && !at1 && shown_at1 < o->misses) {
                shown_at1++;
                const embargo_hit *top = embargo_results_hit(s->results, 0);
                fprintf(out, "  not first %-14s %-40s <- %s   top: %s (%.3f %s)\n", variant_kinds[v].name, q,
                        e->names[0].full, top->matched_name, top->score, top->entity_id);
            }
            if (bl->n < o->baseline) bl_keep(bl, q, e->kind, items[k], NULL, at1, at10);
            if (k < o->agree) {
                double ta = now();
                vr->agree_checked++;
                vr->disagreements += !agree(s, q, e->kind);
                vr->seconds_exhaustive += now() - ta;
            }
        }
    }
    free(items);
    vr->seconds = now() - t0;
}

static void print_variants(const eval_opts *o, const variants_result *vr) {
    fprintf(out, "\n1. variants of listed names: %zu entities sampled of %zu eligible (seed %llu, threshold %.2f, top %d)\n",
            vr->sampled, vr->eligible, (unsigned long long)o->seed, o->threshold, EVAL_LIMIT);
    fprintf(out, "   %-16s %8s %10s %10s\n", "variant", "queries", "recall@1", "recall@10");
    for (size_t v = 0; v < N_VARIANT_KINDS; v++)
        fprintf(out, "   %-16s %8zu %9.1f%% %9.1f%%\n", variant_kinds[v].name, vr->by_kind[v].n,
                pct(vr->by_kind[v].at1, vr->by_kind[v].n), pct(vr->by_kind[v].at10, vr->by_kind[v].n));
    fprintf(out, "   %-16s %8zu %9.1f%% %9.1f%%   (%.1f s, with the exhaustive re-run)\n", "all", vr->all.n,
            pct(vr->all.at1, vr->all.n), pct(vr->all.at10, vr->all.n), vr->seconds);
    /* The targets sit at a rounding's distance (99.5%): the counts, and two decimals. */
    fprintf(out, "   all: found first %zu, in the top ten %zu of %zu: recall@1 %.2f%%, recall@10 %.2f%% (%zu misses)\n",
            vr->all.at1, vr->all.at10, vr->all.n, pct(vr->all.at1, vr->all.n), pct(vr->all.at10, vr->all.n),
            vr->all.n - vr->all.at10);
    fprintf(out, "\n6. index vs exhaustive on %zu variant queries (of the first %zu sampled entities): %zu disagreements (must be 0)\n",
            vr->agree_checked, vr->sampled < o->agree ? vr->sampled : o->agree, vr->disagreements);
    fprintf(out, "   %.1f s for both searches of each, %.1f ms a query pair\n", vr->seconds_exhaustive,
            vr->agree_checked ? 1000.0 * vr->seconds_exhaustive / (double)vr->agree_checked : 0.0);
}

/* --------------------------------------------------- 2: held-out aliases */

typedef struct {
    char *primary_key;
    char *alias_key;
    char *alias;
    size_t entity;
} held_out;

typedef struct {
    recall found;
    size_t eligible, sampled;
    double seconds;
} aliases_result;

static int cmp_held(const void *a, const void *b) {
    const held_out *x = a, *y = b;
    int c = strcmp(x->primary_key, y->primary_key);
    return c ? c : strcmp(x->alias_key, y->alias_key);
}

/* The first strong alias of E whose key differs from KEY (the primary's), or -1. */
static long strong_alias(const embargo_entity *e, const char *key, prng *p) {
    size_t cand[64], n = 0;
    char k[EVAL_NAME_MAX];
    for (size_t i = 1; i < e->n_names && n < 64; i++) {
        if (e->names[i].quality != EMBARGO_NAME_STRONG) continue;
        name_key(e->names[i].full, k, sizeof k);
        if (k[0] && strcmp(k, key) != 0) cand[n++] = i;
    }
    return n ? (long)cand[prng_below(p, n)] : -1;
}

/* True when NAME of an entity whose primary key is PKEY is held out. */
static bool is_held_out(const held_out *h, size_t n, const char *pkey, const char *name) {
    held_out probe = {(char *)pkey, "", NULL, 0};
    size_t lo = 0, hi = n;
    while (lo < hi) { /* first entry with primary_key >= pkey */
        size_t mid = (lo + hi) / 2;
        if (cmp_held(&h[mid], &probe) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo == n || strcmp(h[lo].primary_key, pkey) != 0) return false;
    char key[EVAL_NAME_MAX];
    name_key(name, key, sizeof key);
    for (size_t i = lo; i < n && strcmp(h[i].primary_key, pkey) == 0; i++)
        if (strcmp(h[i].alias_key, key) == 0) return true;
    return false;
}

/* A copy of STORE without the held-out aliases (the index has no filter, so the store is copied). */
static embargo_store *store_without(const name_table *t, const held_out *h, size_t n) {
    const embargo_store *src = t->store;
    embargo_store *dst = embargo_store_new();
    size_t n_src = embargo_store_source_count(src);
    for (size_t i = 0; i < n_src; i++) {
        const embargo_source *s = embargo_store_source(src, i);
        size_t k = store_add_source(dst, s->format, s->authority, s->path, s->reference_only);
        if (k == (size_t)-1 || !store_name_source(dst, k, s->name)) exit(2);
        dst->sources[k].pub.published = s->published;
    }
    embargo_name *names = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < t->n_entities; i++) {
        const embargo_entity *e = embargo_store_at(src, i);
        embargo_entity copy = *e;
        if (e->n_names > cap) {
            cap = e->n_names;
            names = realloc(names, cap * sizeof *names);
            if (!names) exit(2);
        }
        copy.names = names;
        copy.n_names = 0;
        for (size_t k = 0; k < e->n_names; k++)
            if (k == 0 || !is_held_out(h, n, t->keys[i], e->names[k].full)) names[copy.n_names++] = e->names[k];
        if (store_add_entity(dst, src->entity_source[i], &copy) != EMBARGO_OK) exit(2);
    }
    free(names);
    return dst;
}

/* True when HIT finds the party of WANT through a name other than the held-out ALIAS_KEY. */
static bool alias_found(const name_table *t, size_t want, const char *alias_key, const embargo_hit *hit) {
    char key[EVAL_NAME_MAX];
    name_key(hit->matched_name, key, sizeof key);
    return strcmp(key, alias_key) != 0 && hit_is_party(t, want, hit);
}

static void measure_aliases(const eval_opts *o, const name_table *t, aliases_result *ar) {
    double t0 = now();
    prng p = prng_for(o->seed, 2);
    size_t *items = xcalloc(t->n_entities, sizeof *items), n_ok = 0;
    for (size_t i = 0; i < t->n_entities; i++) {
        const embargo_entity *e = embargo_store_at(t->store, i);
        if (e->kind != EMBARGO_KIND_PERSON && e->kind != EMBARGO_KIND_ORGANIZATION) continue;
        for (size_t k = 1; k < e->n_names; k++)
            if (e->names[k].quality == EMBARGO_NAME_STRONG) {
                items[n_ok++] = i;
                break;
            }
    }
    size_t n = sample_indices(&p, items, n_ok, o->sample), n_held = 0;
    held_out *h = xcalloc(n, sizeof *h);
    for (size_t k = 0; k < n; k++) {
        const embargo_entity *e = embargo_store_at(t->store, items[k]);
        long a = strong_alias(e, t->keys[items[k]], &p);
        if (a < 0) continue;
        char key[EVAL_NAME_MAX];
        name_key(e->names[a].full, key, sizeof key);
        h[n_held++] = (held_out){xstrdup(t->keys[items[k]]), xstrdup(key), xstrdup(e->names[a].full), items[k]};
    }
    ar->eligible = n_ok;
    ar->sampled = n_held;
    qsort(h, n_held, sizeof *h, cmp_held);
    embargo_store *filtered = store_without(t, h, n_held);
    embargo_index *ix = NULL;
    char err[256];
    if (embargo_index_build_memory(filtered, &ix, err, sizeof err) != EMBARGO_OK) {
        fprintf(stderr, "bench_eval: index of the filtered store: %s\n", err);
        exit(1);
    }
    searcher s = {ix, embargo_results_new(), o->threshold};
    size_t shown = 0;
    for (size_t k = 0; k < n_held; k++) {
        const embargo_entity *e = embargo_store_at(t->store, h[k].entity);
        size_t hits = search_name(&s, h[k].alias, e->kind, 0);
        bool at1 = hits > 0 && alias_found(t, h[k].entity, h[k].alias_key, embargo_results_hit(s.results, 0));
        bool at10 = at1;
        for (size_t i = 1; i < hits && !at10; i++)
            at10 = alias_found(t, h[k].entity, h[k].alias_key, embargo_results_hit(s.results, i));
        recall_add(&ar->found, at1, at10);
        if (!at10 && shown++ < 10)
            fprintf(out, "  alias miss: %-36s (aka of %s)\n", h[k].alias, e->names[0].full);
    }
    embargo_results_free(s.results);
    embargo_index_close(ix);
    embargo_store_destroy(filtered);
    for (size_t k = 0; k < n_held; k++) {
        free(h[k].primary_key);
        free(h[k].alias_key);
        free(h[k].alias);
    }
    free(h);
    free(items);
    ar->seconds = now() - t0;
}

static void print_aliases(const eval_opts *o, const aliases_result *ar) {
    fprintf(out, "\n2. held-out strong aliases: %zu sampled of %zu entities with one (seed %llu); alias removed, index rebuilt\n",
            ar->sampled, ar->eligible, (unsigned long long)o->seed);
    fprintf(out, "   found through another name: recall@1 %.1f%%, recall@10 %.1f%%   (a ceiling test; %.1f s)\n",
            pct(ar->found.at1, ar->found.n), pct(ar->found.at10, ar->found.n), ar->seconds);
}

/* ------------------------------------------------------- 3: cross-script */

#define N_SCRIPTS 8

typedef struct {
    char script[N_SCRIPTS][16];
    recall by_script[N_SCRIPTS];
    size_t n_scripts;
    recall all;
    size_t pairs, absent;
} cross_result;

static size_t script_slot(cross_result *cr, const char *script) {
    for (size_t i = 0; i < cr->n_scripts; i++)
        if (strcmp(cr->script[i], script) == 0) return i;
    if (cr->n_scripts == N_SCRIPTS) return N_SCRIPTS - 1;
    snprintf(cr->script[cr->n_scripts], sizeof cr->script[0], "%s", script);
    return cr->n_scripts++;
}

/* True when some loaded name holds every word of the normalized name EXPECT. */
static bool listed_anywhere(const name_table *t, const char *expect) {
    for (size_t i = 0; i < t->n_rows; i++)
        if (norm_holds(t->rows[i].norm, expect)) return true;
    return false;
}

static bool hit_holds(const embargo_hit *h, const char *expect) {
    return name_holds(h->matched_name, expect) || name_holds(h->entity_name, expect);
}

static void measure_cross(const eval_opts *o, const name_table *t, searcher *s, bl_queries *bl,
                          cross_result *cr) {
    FILE *f = fopen(o->pairs, "r");
    if (!f) {
        fprintf(stderr, "bench_eval: cannot open %s\n", o->pairs);
        exit(1);
    }
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0]) continue;
        char *script = strtok(line, "\t"), *query = strtok(NULL, "\t"), *latin = strtok(NULL, "\t");
        if (!script || !query || !latin) continue;
        cr->pairs++;
        char expect[EVAL_NAME_MAX];
        norm_name(latin, expect, sizeof expect);
        if (!listed_anywhere(t, expect)) {
            cr->absent++;
            fprintf(out, "  not in the lists, left out: %s %s (%s)\n", script, query, latin);
            continue;
        }
        size_t n = search_name(s, query, EMBARGO_KIND_PERSON, 0);
        bool at1 = n > 0 && hit_holds(embargo_results_hit(s->results, 0), expect), at10 = at1;
        for (size_t i = 1; i < n && !at10; i++) at10 = hit_holds(embargo_results_hit(s->results, i), expect);
        size_t slot = script_slot(cr, script);
        recall_add(&cr->by_script[slot], at1, at10);
        recall_add(&cr->all, at1, at10);
        if (!at10)
            fprintf(out, "  cross-script miss: %-8s %-28s expected %-28s top: %s (%.3f)\n", script, query, latin,
                    n ? embargo_results_hit(s->results, 0)->matched_name : "(no hit)",
                    n ? embargo_results_hit(s->results, 0)->score : 0.0);
        if (bl->n < o->baseline) {
            char *copy = xstrdup(expect);
            bl_keep(bl, query, EMBARGO_KIND_PERSON, SIZE_MAX, copy, at1, at10);
        }
    }
    fclose(f);
}

static void print_cross(const eval_opts *o, const cross_result *cr) {
    fprintf(out, "\n3. cross-script: %zu pairs in %s, %zu not held by any list (left out)\n", cr->pairs, o->pairs,
            cr->absent);
    fprintf(out, "   %-10s %8s %10s %10s\n", "script", "pairs", "recall@1", "recall@10");
    for (size_t i = 0; i < cr->n_scripts; i++)
        fprintf(out, "   %-10s %8zu %9.1f%% %9.1f%%\n", cr->script[i], cr->by_script[i].n,
                pct(cr->by_script[i].at1, cr->by_script[i].n), pct(cr->by_script[i].at10, cr->by_script[i].n));
    fprintf(out, "   %-10s %8zu %9.1f%% %9.1f%%\n", "all", cr->all.n, pct(cr->all.at1, cr->all.n),
            pct(cr->all.at10, cr->all.n));
}

/* -------------------------------------------------- 4: false positives */

typedef struct {
    char query[160];
    char hit[160];
    char id[80];
    double score;
} fp_case;

typedef struct {
    size_t people, flagged;
    fp_case worst[EVAL_WORST];
    size_t n_worst;
    double seconds;
} population_result;

static void keep_worst(population_result *pr, const char *query, const embargo_hit *h) {
    if (pr->n_worst == EVAL_WORST && pr->worst[EVAL_WORST - 1].score >= h->score) return;
    size_t i = pr->n_worst < EVAL_WORST ? pr->n_worst++ : EVAL_WORST - 1;
    while (i > 0 && pr->worst[i - 1].score < h->score) {
        pr->worst[i] = pr->worst[i - 1];
        i--;
    }
    fp_case *c = &pr->worst[i];
    snprintf(c->query, sizeof c->query, "%s", query);
    snprintf(c->hit, sizeof c->hit, "%s", h->matched_name);
    snprintf(c->id, sizeof c->id, "%s", h->entity_id);
    c->score = h->score;
}

/* The population's people, screened against the lists; the first o->baseline kept for the baseline. */
static void measure_population(const eval_opts *o, const embargo_store *pop, searcher *s, bl_queries *bl,
                               population_result *pr) {
    double t0 = now();
    searcher low = *s;
    low.threshold = 0.0; /* to see the worst scores below the threshold too */
    for (size_t i = 0; i < embargo_store_count(pop); i++) {
        const embargo_entity *e = embargo_store_at(pop, i);
        if (e->kind != EMBARGO_KIND_PERSON) continue;
        pr->people++;
        size_t n = search_name(&low, e->names[0].full, e->kind, 0);
        bool flagged = n > 0 && embargo_results_hit(low.results, 0)->score >= o->threshold;
        pr->flagged += flagged;
        if (n > 0) keep_worst(pr, e->names[0].full, embargo_results_hit(low.results, 0));
        if (pr->people <= o->baseline) bl_keep(bl, e->names[0].full, e->kind, SIZE_MAX, NULL, flagged, flagged);
    }
    pr->seconds = now() - t0;
}

static void print_population(const eval_opts *o, const population_result *pr) {
    fprintf(out, "\n4. false positives: %zu people of %s screened\n", pr->people, o->population);
    fprintf(out, "   with a hit >= %.2f: %zu (%.2f%%)   (%.1f s)\n", o->threshold, pr->flagged,
            pct(pr->flagged, pr->people), pr->seconds);
    fprintf(out, "   the %zu highest top hits:\n", pr->n_worst);
    for (size_t i = 0; i < pr->n_worst; i++)
        fprintf(out, "   %.3f  %-32s -> %s (%s)\n", pr->worst[i].score, pr->worst[i].query, pr->worst[i].hit,
                pr->worst[i].id);
}

/* ---------------------------------------------------------- 5: baseline */

/* One measure's baseline run: each query's top entities, kept to score at any threshold. */
typedef struct {
    bl_hit (*top)[EVAL_LIMIT];
    size_t *n_top;
    size_t n;
} bl_run;

static void bl_run_all(const name_table *t, const bl_queries *qs, bl_run *run) {
    run->n = qs->n;
    run->top = xcalloc(qs->n, sizeof *run->top);
    run->n_top = xcalloc(qs->n, sizeof *run->n_top);
    for (size_t i = 0; i < qs->n; i++) run->n_top[i] = bl_search(t, qs->items[i].text, run->top[i]);
}

static void bl_run_free(bl_run *run) {
    free(run->top);
    free(run->n_top);
}

/* True when baseline hit H (score at or above TH) answers query Q (the same rules as embargo's). */
static bool bl_answers(const name_table *t, const bl_query *q, const bl_hit *h, double th) {
    if (h->score < th) return false;
    if (q->want != SIZE_MAX) return bl_is_party(t, q->want, h);
    if (!q->expect) return false;
    const embargo_entity *e = embargo_store_at(t->store, h->entity);
    return norm_holds(t->rows[h->row].norm, q->expect) || name_holds(e->names[0].full, q->expect);
}

/* Recall@1 and @10 of the baseline on QS at threshold TH. */
static recall bl_recall(const name_table *t, const bl_queries *qs, const bl_run *run, double th) {
    recall r = {0, 0, 0};
    for (size_t i = 0; i < qs->n; i++) {
        bool at1 = false, at10 = false;
        for (size_t k = 0; k < run->n_top[i] && !at10; k++) {
            at10 = bl_answers(t, &qs->items[i], &run->top[i][k], th);
            at1 = at1 || (at10 && k == 0);
        }
        recall_add(&r, at1, at10);
    }
    return r;
}

static size_t bl_flagged(const bl_run *run, double th) {
    size_t n = 0;
    for (size_t i = 0; i < run->n; i++) n += run->n_top[i] > 0 && run->top[i][0].score >= th;
    return n;
}

static int cmp_desc(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/*
 * The lowest threshold at which the baseline flags no more of the population
 * run than FLAGGED (embargo's count on the same people): just above the
 * (FLAGGED+1)th best score.
 */
static double bl_calibrate(const bl_run *run, size_t flagged) {
    double *best = xcalloc(run->n, sizeof *best);
    for (size_t i = 0; i < run->n; i++) best[i] = run->n_top[i] ? run->top[i][0].score : 0.0;
    qsort(best, run->n, sizeof *best, cmp_desc);
    double th = flagged < run->n ? best[flagged] + 1e-9 : 0.0;
    free(best);
    return th;
}

static recall embargo_recall(const bl_queries *qs) {
    recall r = {0, 0, 0};
    for (size_t i = 0; i < qs->n; i++) recall_add(&r, qs->items[i].embargo_at1, qs->items[i].embargo_at10);
    return r;
}

typedef struct {
    double th_matched;
    recall embargo[2], matched[2], fixed[2]; /* [0] variants, [1] cross-script */
    size_t pop_n, pop_embargo, pop_allowed, pop_matched, pop_fixed;
    double seconds;
} baseline_result;

static void measure_baseline(const name_table *t, const bl_queries *var, const bl_queries *cross,
                             const bl_queries *pop, double embargo_rate, baseline_result *br) {
    double t0 = now();
    bl_run rv, rc, rp;
    bl_run_all(t, var, &rv);
    bl_run_all(t, cross, &rc);
    bl_run_all(t, pop, &rp);
    br->pop_n = pop->n;
    br->pop_embargo = embargo_recall(pop).at1;
    /* Embargo's rate on the whole population, as a count on the baseline's people. */
    br->pop_allowed = (size_t)(embargo_rate * (double)pop->n + 0.5);
    br->th_matched = bl_calibrate(&rp, br->pop_allowed);
    br->pop_matched = bl_flagged(&rp, br->th_matched);
    br->pop_fixed = bl_flagged(&rp, 0.90);
    const bl_queries *sets[2] = {var, cross};
    const bl_run *runs[2] = {&rv, &rc};
    for (int k = 0; k < 2; k++) {
        br->embargo[k] = embargo_recall(sets[k]);
        br->matched[k] = bl_recall(t, sets[k], runs[k], br->th_matched);
        br->fixed[k] = bl_recall(t, sets[k], runs[k], 0.90);
    }
    bl_run_free(&rv);
    bl_run_free(&rc);
    bl_run_free(&rp);
    br->seconds = now() - t0;
}

static void print_baseline(const eval_opts *o, const name_table *t, const baseline_result *br) {
    fprintf(out, "\n5. embargo vs baseline (whole-name Jaro-Winkler over all %zu names, no index), same queries:\n",
            t->n_rows);
    fprintf(out, "   baseline thresholds: %.3f (flags %zu of its %zu people: embargo's rate on the whole population) and 0.900   (%.1f s)\n",
            br->th_matched, br->pop_allowed, br->pop_n, br->seconds);
    fprintf(out, "   %-34s %8s %18s %18s %18s\n", "", "queries", "embargo", "baseline@matched", "baseline@0.90");
    const char *labels[2] = {"variants recall@1 / @10", "cross-script recall@1 / @10"};
    for (int k = 0; k < 2; k++)
        fprintf(out, "   %-34s %8zu %8.1f%% /%5.1f%% %8.1f%% /%5.1f%% %8.1f%% /%5.1f%%\n", labels[k],
                br->embargo[k].n, pct(br->embargo[k].at1, br->embargo[k].n), pct(br->embargo[k].at10, br->embargo[k].n),
                pct(br->matched[k].at1, br->matched[k].n), pct(br->matched[k].at10, br->matched[k].n),
                pct(br->fixed[k].at1, br->fixed[k].n), pct(br->fixed[k].at10, br->fixed[k].n));
    fprintf(out, "   %-34s %8zu %17.2f%% %17.2f%% %17.2f%%\n", "population flagged (false pos.)", br->pop_n,
            pct(br->pop_embargo, br->pop_n), pct(br->pop_matched, br->pop_n), pct(br->pop_fixed, br->pop_n));
    fprintf(out, "   (--baseline %zu: the first %zu variant queries, cross-script pairs and people of the runs above)\n",
            o->baseline, o->baseline);
}

/* ------------------------------------------------------------ the summary */

typedef struct {
    variants_result var;
    aliases_result ali;
    cross_result cross;
    population_result pop;
    baseline_result base;
    size_t entities, names;
    double load_s, index_s, total_s;
} eval_report;

static void print_json(const eval_opts *o, const eval_report *r) {
    json_t *kinds = json_object();
    for (size_t v = 0; v < N_VARIANT_KINDS; v++)
        json_object_set_new(kinds, variant_kinds[v].name, recall_json(&r->var.by_kind[v]));
    json_t *scripts = json_object();
    for (size_t i = 0; i < r->cross.n_scripts; i++)
        json_object_set_new(scripts, r->cross.script[i], recall_json(&r->cross.by_script[i]));
    json_t *worst = json_array();
    for (size_t i = 0; i < r->pop.n_worst; i++)
        json_array_append_new(worst, json_pack("{s:s, s:s, s:s, s:f}", "query", r->pop.worst[i].query, "hit",
                                               r->pop.worst[i].hit, "id", r->pop.worst[i].id, "score",
                                               r->pop.worst[i].score));
    const baseline_result *b = &r->base;
    json_t *base = json_pack("{s:I, s:f, s:{s:o, s:o, s:o}, s:{s:o, s:o, s:o}, s:{s:I, s:I, s:I, s:I, s:I}}",
                             "queries_per_measure", (json_int_t)o->baseline, "threshold_matched", b->th_matched,
                             "variants", "embargo", recall_json(&b->embargo[0]), "baseline_matched",
                             recall_json(&b->matched[0]), "baseline_090", recall_json(&b->fixed[0]),
                             "cross_script", "embargo", recall_json(&b->embargo[1]), "baseline_matched",
                             recall_json(&b->matched[1]), "baseline_090", recall_json(&b->fixed[1]),
                             "population", "people", (json_int_t)b->pop_n, "embargo", (json_int_t)b->pop_embargo, "allowed",
                             (json_int_t)b->pop_allowed,
                             "baseline_matched", (json_int_t)b->pop_matched, "baseline_090", (json_int_t)b->pop_fixed);
    json_t *j = json_pack(
        "{s:{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:f, s:i}, s:{s:I, s:I, s:f, s:f, s:f},"
        " s:{s:I, s:I, s:o, s:o, s:I, s:I}, s:{s:I, s:I, s:o}, s:{s:I, s:I, s:o, s:o},"
        " s:{s:I, s:I, s:f, s:o}, s:o}",
        "inputs", "lists", o->lists, "population", o->population, "pairs", o->pairs, "seed", (json_int_t)o->seed,
        "sample", (json_int_t)o->sample, "baseline", (json_int_t)o->baseline, "agree", (json_int_t)o->agree, "threshold", o->threshold, "limit",
        EVAL_LIMIT, "run", "entities", (json_int_t)r->entities, "names", (json_int_t)r->names, "load_seconds",
        r->load_s, "index_seconds", r->index_s, "total_seconds", r->total_s, "variants", "eligible",
        (json_int_t)r->var.eligible, "sampled", (json_int_t)r->var.sampled, "all", recall_json(&r->var.all), "by_kind",
        kinds, "exhaustive_checked", (json_int_t)r->var.agree_checked, "exhaustive_disagreements",
        (json_int_t)r->var.disagreements, "held_out_aliases", "eligible",
        (json_int_t)r->ali.eligible, "sampled", (json_int_t)r->ali.sampled, "found", recall_json(&r->ali.found),
        "cross_script", "pairs", (json_int_t)r->cross.pairs, "absent", (json_int_t)r->cross.absent, "all",
        recall_json(&r->cross.all), "by_script", scripts, "population", "people", (json_int_t)r->pop.people,
        "flagged", (json_int_t)r->pop.flagged, "rate", pct(r->pop.flagged, r->pop.people) / 100.0, "worst", worst,
        "baseline", base);
    json_dumpf(j, stdout, JSON_INDENT(1));
    putchar('\n');
    json_decref(j);
}

/* ------------------------------------------------------------------ main */

/* Loads PATH into a new store; exits with the store's error when it fails. */
static embargo_store *load(const char *path) {
    embargo_store *store = embargo_store_new();
    if (!store || embargo_store_load_path(store, path) != EMBARGO_OK || embargo_store_count(store) == 0) {
        fprintf(stderr, "bench_eval: loading %s failed: %s\n", path, store ? embargo_store_error(store) : "no memory");
        exit(1);
    }
    return store;
}

int main(int argc, char **argv) {
    eval_opts o;
    if (!parse_opts(argc, argv, &o)) return 2;
    out = o.json ? stderr : stdout;
    setvbuf(out, NULL, _IOLBF, 0);
    eval_report r;
    memset(&r, 0, sizeof r);
    double t0 = now();
    embargo_store *store = load(o.lists);
    embargo_store *pop = load(o.population);
    r.load_s = now() - t0;
    double t1 = now();
    embargo_index *ix = NULL;
    char err[256];
    if (embargo_index_build_memory(store, &ix, err, sizeof err) != EMBARGO_OK) {
        fprintf(stderr, "bench_eval: index: %s\n", err);
        return 1;
    }
    r.index_s = now() - t1;
    name_table t;
    table_build(&t, store);
    r.entities = t.n_entities;
    r.names = t.n_rows;
    fprintf(out, "bench_eval: lists=%s population=%s pairs=%s\n", o.lists, o.population, o.pairs);
    fprintf(out, "  seed=%llu sample=%zu baseline=%zu threshold=%.2f limit=%d\n", (unsigned long long)o.seed,
            o.sample, o.baseline, o.threshold, EVAL_LIMIT);
    fprintf(out, "  %zu entities, %zu names (index: %s); load %.1f s, index %.1f s\n", r.entities, r.names,
            embargo_index_sources(ix), r.load_s, r.index_s);

    searcher s = {ix, embargo_results_new(), o.threshold};
    bl_queries bv = {0}, bc = {0}, bp = {0};
    measure_variants(&o, &t, &s, &bv, &r.var);
    measure_cross(&o, &t, &s, &bc, &r.cross);
    measure_population(&o, pop, &s, &bp, &r.pop);
    double rate = r.pop.people ? (double)r.pop.flagged / (double)r.pop.people : 0.0;
    measure_baseline(&t, &bv, &bc, &bp, rate, &r.base);
    embargo_results_free(s.results);
    embargo_index_close(ix);
    measure_aliases(&o, &t, &r.ali);
    r.total_s = now() - t0;

    print_variants(&o, &r.var);
    print_aliases(&o, &r.ali);
    print_cross(&o, &r.cross);
    print_population(&o, &r.pop);
    print_baseline(&o, &t, &r.base);
    fprintf(out, "\ntotal %.1f s\n", r.total_s);
    if (o.json) print_json(&o, &r);

    for (size_t i = 0; i < bc.n; i++) free((char *)bc.items[i].expect);
    bl_free(&bv);
    bl_free(&bc);
    bl_free(&bp);
    table_free(&t);
    embargo_store_destroy(pop);
    embargo_store_destroy(store);
    text_shutdown();
    return r.var.disagreements == 0 ? 0 : 1;
}
