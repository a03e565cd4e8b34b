/*
 * test_search.c - searching the index: the acceptance names over all real
 * lists, indexed and exhaustive search agreeing, bad queries, identifiers,
 * date-of-birth evidence; and, without the real lists, a search of the
 * sample, the scorer alone, and damaged index files refused.
 *
 * The indexes are built once per group (all real lists: a few seconds).
 * The exhaustive mode scores every name (about a second a query over all
 * lists in a Debug build), so the ~300 agreement queries run over a smaller
 * set of real lists, and a few more over all of them.
 */
#include "support.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embargo/search.h"
#include "screen/search_int.h"

#define AGREE_SMALL_QUERIES 200
#define AGREE_ALL_QUERIES 6
#define AGREE_LIMIT 10000

typedef struct {
    embargo_store *store;
    embargo_index *index;
} indexed_lists;

static indexed_lists all_lists;   /* every real list, when they are here */
static indexed_lists some_lists;  /* UN, BIS DPL, EU DPRK: for the exhaustive runs */
static indexed_lists sample;      /* data/sample, always */

/* ---- setup ---- */

static const char *sample_dir(void) {
    static char path[4096];
    const char *root = getenv("EMBARGO_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/data/sample", root && *root ? root : ".");
    return path;
}

static void build(indexed_lists *l, const char *const *paths, size_t n_paths) {
    l->store = embargo_store_new();
    assert_non_null(l->store);
    for (size_t i = 0; i < n_paths; i++)
        if (embargo_store_load_path(l->store, paths[i]) != EMBARGO_OK)
            fail_msg("loading %s: %s", paths[i], embargo_store_error(l->store));
    char err[512] = "";
    if (embargo_index_build_memory(l->store, &l->index, err, sizeof err) != EMBARGO_OK)
        fail_msg("index build: %s", err);
}

static void drop(indexed_lists *l) {
    if (l->index) embargo_index_close(l->index);
    if (l->store) embargo_store_destroy(l->store);
    *l = (indexed_lists){NULL, NULL};
}

static int setup_real(void **state) {
    (void)state;
    if (!real_list("")) return 0;
    char all[4096], un[4096], dpl[4096], eu[4096];
    snprintf(all, sizeof all, "%s", real_list(""));
    snprintf(un, sizeof un, "%s", real_list("un"));
    snprintf(dpl, sizeof dpl, "%s", real_list("us_bis_dpl"));
    snprintf(eu, sizeof eu, "%s", real_list("eu_oj_opensanctions/32017R1509.csv"));
    const char *every[] = {all}, *some[] = {un, dpl, eu};
    build(&all_lists, every, 1);
    build(&some_lists, some, 3);
    return 0;
}

static int teardown_real(void **state) {
    (void)state;
    drop(&all_lists);
    drop(&some_lists);
    return 0;
}

static int setup_sample(void **state) {
    (void)state;
    const char *paths[] = {sample_dir()};
    build(&sample, paths, 1);
    return 0;
}

static int teardown_sample(void **state) {
    (void)state;
    drop(&sample);
    return 0;
}

/* ---- helpers ---- */

static embargo_status search(const embargo_index *ix, const embargo_query *q, const embargo_search_options *so,
                             embargo_results *r) {
    embargo_status s = embargo_search(ix, q, so, r);
    assert_true(s == EMBARGO_OK || s == EMBARGO_EINVAL);
    if (s == EMBARGO_EINVAL) assert_true(strlen(embargo_results_error(r)) > 0);
    return s;
}

static embargo_results *search_name(const embargo_index *ix, const char *name) {
    embargo_results *r = embargo_results_new();
    assert_non_null(r);
    embargo_query q = {name, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(search(ix, &q, NULL, r), EMBARGO_OK);
    if (embargo_results_count(r) == 0) fail_msg("\"%s\": no hit", name);
    return r;
}

static bool starts_with(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool contains_nocase(const char *s, const char *needle) {
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0) return true;
    return false;
}

/*
 * NAME's first hit is SOURCE's entity named EXPECT; or, when another list's
 * record ties with it at the top, the first hit from SOURCE has the top
 * score and is named EXPECT.
 */
static void expect_first(const embargo_index *ix, const char *name, const char *source, const char *expect) {
    embargo_results *r = search_name(ix, name);
    const embargo_hit *top = embargo_results_hit(r, 0), *mine = NULL;
    for (size_t i = 0; i < embargo_results_count(r) && !mine; i++)
        if (starts_with(embargo_results_hit(r, i)->entity_id, source)) mine = embargo_results_hit(r, i);
    if (!mine) fail_msg("\"%s\": no hit from %s (first %s \"%s\")", name, source, top->entity_id, top->entity_name);
    if (strcmp(mine->entity_name, expect) != 0 || mine->score < top->score)
        fail_msg("\"%s\": first %s hit %s \"%s\" %.3f, top %s \"%s\" %.3f", name, source, mine->entity_id,
                 mine->entity_name, mine->score, top->entity_id, top->entity_name, top->score);
    embargo_results_free(r);
}

/* ---- acceptance over all lists ---- */

static void test_kim_jong_un(void **state) {
    (void)state;
    skip_without_lists();
    const char *forms[] = {"Kim Jong Un", "KIM JONG-UN", "Jong Un Kim", "Kim Jong-un", "김정은"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        expect_first(all_lists.index, forms[i], "ofac", "KIM, Jong Un");
}

static void test_komid(void **state) {
    (void)state;
    skip_without_lists();
    const char *forms[] = {"Korea Mining Development Trading Corp", "KOMID"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        embargo_results *r = search_name(all_lists.index, forms[i]);
        const embargo_hit *top = embargo_results_hit(r, 0);
        if (!contains_nocase(top->entity_name, "KOREA MINING DEVELOPMENT TRADING"))
            fail_msg("\"%s\": first hit %s \"%s\"", forms[i], top->entity_id, top->entity_name);
        embargo_results_free(r);
    }
}

static void test_bin_laden(void **state) {
    (void)state;
    skip_without_lists();
    expect_first(all_lists.index, "Usama bin Laden", "ofac", "BIN LADIN, Usama bin Muhammad bin Awad");
    expect_first(all_lists.index, "Osama bin Ladin", "ofac", "BIN LADIN, Usama bin Muhammad bin Awad");
}

/* ---- indexed and exhaustive agree ---- */

static uint64_t rng_next(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* A variant of a listed name: a typo, words turned round, case, or all three. */
static void make_variant(const embargo_store *store, uint64_t *rng, char *out, size_t cap) {
    const embargo_entity *e = NULL;
    while (!e || e->n_names == 0) e = embargo_store_at(store, rng_next(rng) % embargo_store_count(store));
    snprintf(out, cap, "%s", e->names[rng_next(rng) % e->n_names].full);
    size_t len = strlen(out);
    unsigned how = (unsigned)(rng_next(rng) % 4);
    if ((how == 0 || how == 3) && len > 4) { /* typo on an ASCII letter */
        size_t p = 1 + rng_next(rng) % (len - 1);
        if (isalpha((unsigned char)out[p])) out[p] = (char)('a' + rng_next(rng) % 26);
    }
    if (how == 1 || how == 3) { /* the first word to the end */
        char tmp[512];
        const char *sp = strchr(out, ' ');
        if (sp) {
            snprintf(tmp, sizeof tmp, "%s %.*s", sp + 1, (int)(sp - out), out);
            snprintf(out, cap, "%s", tmp);
        }
    }
    if (how >= 2)
        for (char *c = out; *c; c++)
            if (!((unsigned char)*c & 0x80)) *c = (char)((how == 2) ? toupper((unsigned char)*c) : tolower((unsigned char)*c));
}

/* The hits of R as "id score" lines, sorted, in a new string. */
static char *hit_set(const embargo_results *r) {
    size_t n = embargo_results_count(r);
    char **lines = calloc(n + 1, sizeof *lines);
    size_t total = 1;
    for (size_t i = 0; i < n; i++) {
        const embargo_hit *h = embargo_results_hit(r, i);
        assert_true(asprintf(&lines[i], "%s %.9f\n", h->entity_id, h->score) > 0);
        total += strlen(lines[i]);
    }
    for (size_t i = 0; i + 1 < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(lines[i], lines[j]) > 0) {
                char *t = lines[i];
                lines[i] = lines[j];
                lines[j] = t;
            }
    char *out = calloc(total, 1);
    for (size_t i = 0; i < n; i++) {
        strcat(out, lines[i]);
        free(lines[i]);
    }
    free(lines);
    return out;
}

/*
 * Searches NAME both ways over L at THRESHOLD (-1: the default; results into
 * A and B): the same hits. Returns whether there were any. The exhaustive
 * search is the plain one too (search_set_pruning): it works out every
 * similarity, so that the row cache of the indexed one is checked as well.
 */
static bool agree_on(const indexed_lists *l, const char *name, double threshold, embargo_results *a,
                     embargo_results *b) {
    embargo_search_options indexed = {threshold, AGREE_LIMIT, 0, 0}, exhaustive = {threshold, AGREE_LIMIT, 1, 0};
    search_set_pruning(b, false);
    embargo_query q = {name, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    embargo_status sa = search(l->index, &q, &indexed, a), sb = search(l->index, &q, &exhaustive, b);
    assert_int_equal(sa, sb);
    if (sa != EMBARGO_OK) return false;
    char *ha = hit_set(a), *hb = hit_set(b);
    if (strcmp(ha, hb) != 0) fail_msg("\"%s\": indexed\n%s\nexhaustive\n%s", name, ha, hb);
    free(ha);
    free(hb);
    if (!embargo_results_count(a)) return false;
    assert_string_equal(embargo_results_hit(a, 0)->entity_id, embargo_results_hit(b, 0)->entity_id);
    return true;
}

/* Runs N seeded variants both ways over L; every query must give the same hits. */
static void check_agreement(const indexed_lists *l, size_t n, uint64_t seed) {
    embargo_results *a = embargo_results_new(), *b = embargo_results_new();
    size_t with_hits = 0;
    for (size_t k = 0; k < n; k++) {
        char name[512];
        make_variant(l->store, &seed, name, sizeof name);
        with_hits += agree_on(l, name, -1.0, a, b);
    }
    /* the variants are close to listed names: most must find something */
    if (with_hits < n / 2) fail_msg("only %zu of %zu variant queries found a hit", with_hits, n);
    embargo_results_free(a);
    embargo_results_free(b);
}

static void test_agreement_some_lists(void **state) {
    (void)state;
    skip_without_lists();
    check_agreement(&some_lists, AGREE_SMALL_QUERIES, 20240501);
}

static void test_agreement_all_lists(void **state) {
    (void)state;
    skip_without_lists();
    check_agreement(&all_lists, AGREE_ALL_QUERIES, 7);
}

/*
 * Queries the bounds must get right for rules of their own: unvowelled Arabic
 * script meets its romanizations (a weak key's word walked at the strong
 * level, search.c), and titles count only when met (free tokens; met as
 * legal forms are in the listed bound). Both ways agree at 0.95, where a
 * listed title counted unmet would prune "Mohammed HAQQANI" from "Sayyed
 * Mohammed HAQQANI"; the Arabic ones also just above the weak keys' ceiling
 * (0.85), where a bound counting them at it would prune, and at the default
 * threshold, where they find their party.
 */
static void test_agreement_special_rules(void **state) {
    (void)state;
    skip_without_lists();
    static const struct { const char *query, *party; } names[] = {
        {"قاسم سليماني", "SOLEIMANI"}, {"مجتبى خامنئي", "KHAMENEI"}, {"حسن نصر الله", "NASRALLAH"},
        {"عزت ابراهيم الدوري", "DURI"}, {"محمد باقر قاليباف", "GHALIBAF"},
        {"Sayyed Javad MUSAVI", NULL}, {"Javad MUSAVI Sayyed", NULL}, {"Saqyyed Mohammed HAQQANI", NULL},
        {"Mullah Mohammed Omar", NULL}, {"KHAN, Mustafa Hajji Muhammad", NULL}, {"Dr. Ayman al-Zawahiri", NULL},
        {"General Kim Yong Chol", NULL}, {"Mohammed HAQQANI", NULL}, {"Javad MUSAVI", NULL},
    };
    embargo_results *a = embargo_results_new(), *b = embargo_results_new();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        agree_on(&all_lists, names[i].query, 0.95, a, b);
        if (!names[i].party) continue;
        agree_on(&all_lists, names[i].query, 0.88, a, b);
        if (!agree_on(&all_lists, names[i].query, -1.0, a, b)) fail_msg("\"%s\": no hit", names[i].query);
        const embargo_hit *top = embargo_results_hit(a, 0);
        if (!contains_nocase(top->entity_name, names[i].party))
            fail_msg("\"%s\": first hit %s \"%s\"", names[i].query, top->entity_id, top->entity_name);
    }
    embargo_results_free(a);
    embargo_results_free(b);
}

/*
 * Queries for the bounds that prune candidates before scoring (search.c,
 * may_reach_floor): generic words only (halved unless met whole), legal
 * forms (met by class, or by a word spelt alike), initials and a lone digit
 * (meeting words by their first letter, keyless; a digit is looked up too,
 * as it may weigh more than the floor), free tokens marked or
 * walked for their words only, and listed words read as one; names holding
 * initials that no key finds ("Abdul A Trading" meets "AZIZ, Abdul" through
 * the initial A, "Investment Holding S" meets "I&S HOLDING COMPANY, S.A."
 * at the default threshold, "LLC M S" "STROYTRANSGAZ-M LLC"), and queries
 * of initials, legal forms and titles alone, which nothing is looked up for
 * ("Sheikh A" meets "AMINULLAH, Sheik" at 0.6: the title is looked up then;
 * "LLC LLP A" at 0.6 has every name scored; "C I H" meets "ri" by its
 * one-byte alternate "i"), and a digit, which meets a word it begins
 * ("9 бригада" and "9TH BRIGADE", 0.704). Each agrees both ways at 0.7,
 * where more names come near the floor, and at the default; the initials
 * at 0.6 too.
 */
static void test_agreement_bounds(void **state) {
    (void)state;
    skip_without_lists();
    static const char *const names[] = {
        "Group Co", "Trading Ltd", "Production Enterprise", "The Central Bank", "JSC Research Institute",
        "AO Institute", "A Russian", "Group A", "Named After D", "Myanmar Mining Enterprise 2",
        "Plant 2 Kazan", "1 Trading", "Holding 1", "Corporation the 2", "Mr Mohammed", "Bint Mohamed", "Korea Trading",
        "Abusayyaf Group", "Alqaida Yemen",
    };
    /* Also at 0.6: initials with legal forms and titles alone, where the bounds have most to get wrong. */
    static const char *const initials[] = {
        "Abdul A Trading", "LLC M S", "S A Trading", "M S Group", "Investment Holding S", "Sheikh A", "Mr M S",
        "LLC LLP A", "Dr A Q Khan", "Mullah A B", "C I H", "said POLTAVCHENKO", "9 бригада",
        "1 OF THE SHIRAZ COURT JSC", "Afdelingen Al for ivan M",
    };
    embargo_results *a = embargo_results_new(), *b = embargo_results_new();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        agree_on(&all_lists, names[i], 0.7, a, b);
        agree_on(&all_lists, names[i], -1.0, a, b);
    }
    for (size_t i = 0; i < sizeof initials / sizeof *initials; i++) {
        agree_on(&all_lists, initials[i], 0.6, a, b);
        agree_on(&all_lists, initials[i], 0.7, a, b);
        agree_on(&all_lists, initials[i], -1.0, a, b);
    }
    embargo_results_free(a);
    embargo_results_free(b);
}

/* ---- bad queries ---- */

static void check_bad_queries(const embargo_index *ix) {
    char *longname = malloc(10001);
    assert_non_null(longname);
    for (size_t i = 0; i < 10000; i++) longname[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
    longname[10000] = '\0';
    const char *names[] = {"", "!!! ,.-- ??", "K", longname, "Kim\x01Jong\x1fUn\t\r\n", "\xff\xfe\xc3 Kim \xe2\x82",
                           "\xed\xa0\x80", "Kim Jong Un\xc0\xaf"};
    embargo_results *r = embargo_results_new();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        embargo_query q = {names[i], EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
        search(ix, &q, NULL, r);
        embargo_search_options exh = {-1.0, 0, 1, 0};
        search(ix, &q, &exh, r);
    }
    embargo_query empty = {"", EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(embargo_search(ix, &empty, NULL, r), EMBARGO_EINVAL);
    embargo_query punct = {"!!! ,.-- ??", EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(embargo_search(ix, &punct, NULL, r), EMBARGO_EINVAL);
    embargo_query none = {NULL, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(embargo_search(ix, &none, NULL, r), EMBARGO_EINVAL);
    embargo_query dob = {"Kim Jong Un", EMBARGO_KIND_PERSON, "the 32nd of Smarch", NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(embargo_search(ix, &dob, NULL, r), EMBARGO_EINVAL);
    assert_non_null(strstr(embargo_results_error(r), "date of birth"));
    embargo_query country = {"Kim Jong Un", EMBARGO_KIND_PERSON, NULL, "Narnia", NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(embargo_search(ix, &country, NULL, r), EMBARGO_EINVAL);
    assert_non_null(strstr(embargo_results_error(r), "country"));
    embargo_query badid = {"Kim Jong Un", EMBARGO_KIND_UNKNOWN, NULL, NULL, "\xff\x01-- -", EMBARGO_GENDER_UNKNOWN};
    search(ix, &badid, NULL, r);
    assert_int_equal(embargo_search(NULL, &empty, NULL, r), EMBARGO_EINVAL);
    embargo_results_free(r);
    free(longname);
}

static void test_bad_queries_sample(void **state) {
    (void)state;
    check_bad_queries(sample.index);
}

static void test_bad_queries_all_lists(void **state) {
    (void)state;
    skip_without_lists();
    check_bad_queries(all_lists.index);
}

/* ---- identifiers and dates of birth ---- */

/* The first vessel of STORE with an IMO number; *IMO gets it. */
static const embargo_entity *vessel_with_imo(const embargo_store *store, const char **imo) {
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        if (e->kind != EMBARGO_KIND_VESSEL) continue;
        for (size_t k = 0; k < e->n_identifiers; k++)
            if (e->identifiers[k].type == EMBARGO_ID_IMO && strlen(e->identifiers[k].value) >= 7) {
                *imo = e->identifiers[k].value;
                return e;
            }
    }
    return NULL;
}

/* True when entity E of STORE carries IMO. */
static bool carries(const embargo_entity *e, const char *imo) {
    for (size_t k = 0; e && k < e->n_identifiers; k++)
        if (strcmp(e->identifiers[k].value, imo) == 0) return true;
    return false;
}

static void check_identifier(const indexed_lists *l) {
    const char *imo = NULL;
    const embargo_entity *vessel = vessel_with_imo(l->store, &imo);
    assert_non_null(vessel);
    embargo_results *r = embargo_results_new();
    /* with its name, and with a name that is not its own: the number decides */
    const char *names[] = {vessel->names[0].full, "Nameless Trader"};
    for (size_t i = 0; i < 2; i++) {
        embargo_query q = {names[i], EMBARGO_KIND_UNKNOWN, NULL, NULL, imo, EMBARGO_GENDER_UNKNOWN};
        assert_int_equal(search(l->index, &q, NULL, r), EMBARGO_OK);
        assert_true(embargo_results_count(r) >= 1);
        const embargo_hit *top = embargo_results_hit(r, 0);
        if (!top->identifier_match || !carries(embargo_store_get(l->store, top->entity_id), imo))
            fail_msg("\"%s\" IMO %s: first hit %s (identifier_match %d), expected %s", names[i], imo, top->entity_id,
                     top->identifier_match, vessel->id);
        bool found = false;
        for (size_t k = 0; k < embargo_results_count(r); k++)
            if (strcmp(embargo_results_hit(r, k)->entity_id, vessel->id) == 0)
                found = embargo_results_hit(r, k)->identifier_match == 1;
        assert_true(found);
    }
    /* without the number the made-up name finds nothing like it */
    embargo_query q = {"Nameless Trader", EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(search(l->index, &q, NULL, r), EMBARGO_OK);
    for (size_t k = 0; k < embargo_results_count(r); k++)
        assert_string_not_equal(embargo_results_hit(r, k)->entity_id, vessel->id);
    embargo_results_free(r);
}

static void test_identifier_all_lists(void **state) {
    (void)state;
    skip_without_lists();
    check_identifier(&all_lists);
}

static void test_identifier_sample(void **state) {
    (void)state;
    check_identifier(&sample);
}

/* The score of entity ID for "Kim Jong Un" with DOB (may be NULL), 0 when not reported. */
static double kim_score(const embargo_index *ix, const char *id, const char *dob) {
    embargo_results *r = embargo_results_new();
    embargo_query q = {"Kim Jong Un", EMBARGO_KIND_UNKNOWN, dob, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    embargo_search_options so = {0.3, 1000, 0, 0};
    assert_int_equal(search(ix, &q, &so, r), EMBARGO_OK);
    double score = 0.0;
    for (size_t k = 0; k < embargo_results_count(r); k++) {
        const embargo_hit *h = embargo_results_hit(r, k);
        if (strcmp(h->entity_id, id) == 0) {
            score = h->score;
            if (dob) assert_true(h->dob_effect != 0.0);
        }
    }
    embargo_results_free(r);
    return score;
}

static void check_dob(const embargo_index *ix) {
    double plain = kim_score(ix, "ofac:20157", NULL);
    assert_true(plain >= EMBARGO_DEFAULT_THRESHOLD);
    double same = kim_score(ix, "ofac:20157", "1984-01-08");
    double other = kim_score(ix, "ofac:20157", "1950");
    if (same < plain || other >= plain)
        fail_msg("Kim Jong Un: %.3f without a date, %.3f born 1984-01-08, %.3f born 1950", plain, same, other);
}

static void test_dob_all_lists(void **state) {
    (void)state;
    skip_without_lists();
    check_dob(all_lists.index);
}

static void test_dob_sample(void **state) {
    (void)state;
    check_dob(sample.index);
}

/* ---- the sample, the scorer, damaged index files ---- */

static void test_sample_search(void **state) {
    (void)state;
    assert_int_equal(embargo_index_entity_count(sample.index), embargo_store_count(sample.store));
    assert_true(embargo_index_name_count(sample.index) >= embargo_index_entity_count(sample.index));
    embargo_results *r = search_name(sample.index, "Kim Jong Un");
    const embargo_hit *top = embargo_results_hit(r, 0);
    assert_string_equal(top->entity_id, "ofac:20157");
    assert_true(top->score >= 0.99);
    assert_true(top->n_pairs >= 3);
    embargo_results_free(r);
    r = search_name(sample.index, "KOMID");
    assert_true(contains_nocase(embargo_results_hit(r, 0)->entity_name, "KOREA MINING DEVELOPMENT TRADING"));
    embargo_results_free(r);
    /* a name like none in the sample finds nothing */
    r = embargo_results_new();
    embargo_query q = {"Quintessa Wexford-Plumb", EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    assert_int_equal(search(sample.index, &q, NULL, r), EMBARGO_OK);
    assert_int_equal(embargo_results_count(r), 0);
    embargo_results_free(r);
}

static void test_compare(void **state) {
    (void)state;
    embargo_hit hit;
    assert_int_equal(embargo_compare("Kim Jong Un", "KIM, Jong Un", EMBARGO_KIND_PERSON, &hit), EMBARGO_OK);
    assert_true(hit.score >= 0.95);
    double exact = hit.score;
    assert_int_equal(embargo_compare("Kim Jong Un", "Kim Jong Im", EMBARGO_KIND_PERSON, &hit), EMBARGO_OK);
    assert_true(hit.score < exact);
    assert_int_equal(embargo_compare("Vladimir Putin", "PUTIN, Vladimir Vladimirovich", EMBARGO_KIND_PERSON, &hit),
                     EMBARGO_OK);
    assert_true(hit.score >= 0.6);
    assert_true(hit.n_pairs >= 2);
    assert_int_equal(embargo_compare("Kim Jong Un", "Vladimir Putin", EMBARGO_KIND_PERSON, &hit), EMBARGO_OK);
    assert_true(hit.score < 0.5);
    assert_int_equal(embargo_compare("Kim Jong Un", "", EMBARGO_KIND_PERSON, &hit), EMBARGO_EINVAL);
    assert_int_equal(embargo_compare("", "Kim Jong Un", EMBARGO_KIND_PERSON, &hit), EMBARGO_EINVAL);
}

/*
 * A name of generic words only is named when every word of both sides is met
 * ("DES INTERNATIONAL CO., LTD." asked in another order), and only then: the
 * same words met in part, or one generic word, share no real name.
 */
static void test_generic_names(void **state) {
    (void)state;
    embargo_hit hit;
    assert_int_equal(embargo_compare("Ltd. Des International Co.", "DES INTERNATIONAL CO., LTD.",
                                     EMBARGO_KIND_ORGANIZATION, &hit), EMBARGO_OK);
    assert_true(hit.score >= 0.95);
    assert_string_equal(hit.name_rule, "");
    assert_int_equal(embargo_compare("International Trading Company", "INTERNATIONAL TRADING CO",
                                     EMBARGO_KIND_ORGANIZATION, &hit), EMBARGO_OK);
    assert_true(hit.score >= 0.95);
    assert_int_equal(embargo_compare("International Co", "DES INTERNATIONAL CO., LTD.", EMBARGO_KIND_ORGANIZATION,
                                     &hit), EMBARGO_OK);
    assert_true(hit.score < 0.5);
    assert_int_equal(embargo_compare("Acme International Trading Company", "INTERNATIONAL TRADING CO",
                                     EMBARGO_KIND_ORGANIZATION, &hit), EMBARGO_OK);
    assert_true(hit.score < 0.5);
    assert_int_equal(embargo_compare("International Co", "DES INTERNATIONAL CO., LTD.", EMBARGO_KIND_ORGANIZATION,
                                     &hit), EMBARGO_OK);
    assert_string_equal(hit.name_rule, "generic words only"); /* the explanation says why the score is halved */
    assert_true(hit.name_factor == 0.5);
    assert_int_equal(embargo_compare("Holding Group", "LLC HOLDING FINANCE", EMBARGO_KIND_ORGANIZATION, &hit), EMBARGO_OK);
    assert_true(hit.score < 0.5);
}

/* Writes LEN bytes of DATA to PATH. */
static void write_bytes(const char *path, const unsigned char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void expect_refused(const char *path) {
    embargo_index *ix = NULL;
    char err[512] = "";
    embargo_status s = embargo_index_open(path, &ix, err, sizeof err);
    if (s != EMBARGO_EFORMAT) fail_msg("%s: status %d (%s), expected EMBARGO_EFORMAT", path, (int)s, err);
    assert_null(ix);
    assert_true(strlen(err) > 0);
}

static void test_damaged_index(void **state) {
    (void)state;
    char path[4096], bad[4200];
    snprintf(path, sizeof path, "%s", temp_file("sample.idx", "", 0));
    snprintf(bad, sizeof bad, "%s.bad", path);
    char err[512] = "";
    assert_int_equal(embargo_index_build(sample.store, path, err, sizeof err), EMBARGO_OK);
    embargo_index *ix = NULL;
    assert_int_equal(embargo_index_open(path, &ix, err, sizeof err), EMBARGO_OK);
    assert_int_equal(embargo_index_entity_count(ix), embargo_store_count(sample.store));
    embargo_index_close(ix);

    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    size_t size = (size_t)st.st_size;
    unsigned char *data = malloc(size);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(data, 1, size, f), size);
    fclose(f);
    /* truncated anywhere */
    size_t cuts[] = {0, 7, 16, 64, size / 3, size / 2, size - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        write_bytes(bad, data, cuts[i]);
        expect_refused(bad);
    }
    /*
     * One byte changed anywhere: verify refuses the file; open refuses it or,
     * when the change is in data it does not check (names, weights), the
     * index still answers without reading out of bounds.
     */
    size_t flips[] = {0, 9, 17, 25, 40, 100, size / 4, size / 2, size - 1};
    for (size_t i = 0; i < sizeof flips / sizeof *flips; i++) {
        data[flips[i]] ^= 0x5a;
        write_bytes(bad, data, size);
        data[flips[i]] ^= 0x5a;
        assert_int_equal(embargo_index_verify(bad, err, sizeof err), EMBARGO_EFORMAT);
        embargo_index *damaged = NULL;
        if (embargo_index_open(bad, &damaged, err, sizeof err) == EMBARGO_OK) {
            embargo_results *r = embargo_results_new();
            embargo_query q = {"Kim Jong Un", EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
            embargo_search(damaged, &q, NULL, r);
            embargo_results_free(r);
            embargo_index_close(damaged);
        }
    }
    /* not an index at all */
    const char *text = "id,name\n1,Kim Jong Un\n";
    write_bytes(bad, (const unsigned char *)text, strlen(text));
    expect_refused(bad);
    free(data);
    unlink(bad);
    unlink(path);
}

int main(void) {
    const struct CMUnitTest real[] = {
        cmocka_unit_test(test_kim_jong_un),
        cmocka_unit_test(test_komid),
        cmocka_unit_test(test_bin_laden),
        cmocka_unit_test(test_agreement_some_lists),
        cmocka_unit_test(test_agreement_all_lists),
        cmocka_unit_test(test_agreement_special_rules),
        cmocka_unit_test(test_agreement_bounds),
        cmocka_unit_test(test_bad_queries_all_lists),
        cmocka_unit_test(test_identifier_all_lists),
        cmocka_unit_test(test_dob_all_lists),
    };
    const struct CMUnitTest small[] = {
        cmocka_unit_test(test_sample_search),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_generic_names),
        cmocka_unit_test(test_bad_queries_sample),
        cmocka_unit_test(test_identifier_sample),
        cmocka_unit_test(test_dob_sample),
        cmocka_unit_test(test_damaged_index),
    };
    int failed = cmocka_run_group_tests_name("sample", small, setup_sample, teardown_sample);
    failed += cmocka_run_group_tests_name("real lists", real, setup_real, teardown_real);
    return failed;
}
