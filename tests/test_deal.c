/*
 * test_deal.c - deal screening: the goods table, the regimes file and its
 * validation, and the acceptance deals of issue 5 (DPRK shells to Russia,
 * the same shells Serbia to Brazil, DPRK coal, drone parts to Russia), on the
 * sample lists (data/sample) and, where present, the real ones.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "embargo/search.h"
#include "screen/deal.h"
#include "screen/goods.h"
#include "screen/regimes.h"
#include "screen/text_scan.h"

typedef struct {
    goods_table *goods;
    regime_set *regimes;
    embargo_store *store;
    embargo_index *index;
} env;

static const char *src_path(const char *rel) {
    static char path[4096];
    const char *root = getenv("EMBARGO_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
    return path;
}

static int setup(void **state) {
    env *e = calloc(1, sizeof *e);
    char err[1024];
    if (!goods_load(src_path("data/goods/goods.txt"), &e->goods, err, sizeof err)) fail_msg("%s", err);
    if (!(e->regimes = regimes_load(src_path("data/regimes/regimes.txt"), e->goods, err, sizeof err))) fail_msg("%s", err);
    e->store = load_ok(src_path("data/sample"));
    assert_int_equal(embargo_index_build_memory(e->store, &e->index, err, sizeof err), EMBARGO_OK);
    *state = e;
    return 0;
}

static int teardown(void **state) {
    env *e = *state;
    embargo_index_close(e->index);
    embargo_store_destroy(e->store);
    regimes_free(e->regimes);
    goods_free(e->goods);
    free(e);
    return 0;
}

/* Screens the deal in JSON text TEXT; asserts it reads. */
static json_t *screen_text(env *e, const char *text, deal_verdict *v) {
    json_error_t jerr;
    json_t *in = json_loads(text, 0, &jerr);
    if (!in) fail_msg("bad test JSON: %s", jerr.text);
    char err[256];
    deal *d = deal_from_json(in, err, sizeof err);
    json_decref(in);
    if (!d) fail_msg("deal not read: %s", err);
    deal_context ctx = {e->regimes, e->goods, e->index, e->store, -1, 0};
    json_t *report = deal_screen(&ctx, d, v);
    deal_free(d);
    assert_non_null(report);
    return report;
}

static json_t *screen_fixture(env *e, const char *name, deal_verdict *v) {
    json_error_t jerr;
    json_t *in = json_load_file(fixture(name), 0, &jerr);
    if (!in) fail_msg("%s: %s", name, jerr.text);
    char *text = json_dumps(in, 0);
    json_decref(in);
    json_t *r = screen_text(e, text, v);
    free(text);
    return r;
}

/* The reason for MEASURE in REPORT, or NULL. */
static json_t *reason(const json_t *report, const char *measure) {
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(report, "reasons"), i, r)
        if (strcmp(json_string_value(json_object_get(r, "measure")), measure) == 0) return r;
    return NULL;
}

static void assert_cites(const json_t *report, const char *measure, const char *effect, const char *text) {
    json_t *r = reason(report, measure);
    if (!r) fail_msg("no reason %s", measure);
    assert_string_equal(json_string_value(json_object_get(r, "effect")), effect);
    const char *cite = json_string_value(json_object_get(r, "citation"));
    if (!strstr(cite, text)) fail_msg("%s cites '%s', not '%s'", measure, cite, text);
}

static bool has_hit(const json_t *report, const char *id) {
    size_t i;
    json_t *h;
    json_array_foreach(json_object_get(report, "hits"), i, h)
        if (strcmp(json_string_value(json_object_get(h, "id")), id) == 0) return true;
    return false;
}

/* ---- goods ---------------------------------------------------------------- */

static goods_set cat(const env *e, const char *id) {
    int c = goods_category_find(e->goods, id);
    if (c < 0) fail_msg("no category %s", id);
    return (goods_set)1 << c;
}

static void test_goods_codes(void **state) {
    env *e = *state;
    const char *desc;
    assert_true(goods_by_code(e->goods, "9306.90", &desc) & cat(e, "arms"));
    assert_non_null(strstr(desc, "munitions"));
    assert_true(goods_by_code(e->goods, "HS 2701.12", NULL) & cat(e, "coal"));
    assert_true(goods_by_code(e->goods, "2601", NULL) & cat(e, "iron-ore"));
    assert_true(goods_by_code(e->goods, "7208.10", NULL) & cat(e, "iron-steel"));
    assert_true(goods_by_code(e->goods, "8806.21", NULL) & cat(e, "drones"));
    assert_true(goods_by_code(e->goods, "854231", NULL) & cat(e, "high-priority"));
    assert_true(goods_by_code(e->goods, "6109.10", NULL) & cat(e, "textiles"));
    assert_true(goods_by_code(e->goods, "0306.14", NULL) & cat(e, "seafood"));
    assert_true(goods_by_code(e->goods, "8710", NULL) & cat(e, "military-vehicles"));
    /* A chapter says less than its heading: 9306 is not heavy arms by code. */
    assert_false(goods_by_code(e->goods, "9306.90", NULL) & cat(e, "heavy-arms"));
    assert_int_equal(goods_by_code(e->goods, "9", NULL), 0);
    assert_int_equal(goods_by_code(e->goods, "0101.21", NULL), 0);
}

typedef struct {
    size_t n;
    size_t start[8], end[8];
} mentions;

static bool collect(void *user, const goods_mention *m) {
    mentions *ms = user;
    if (ms->n < 8) ms->start[ms->n] = m->start, ms->end[ms->n] = m->end;
    ms->n++;
    return true;
}

static void test_goods_terms(void **state) {
    env *e = *state;
    const char *text = "Shipment of 152mm Artillery Shells, ball bearings and DRONES; no coke.";
    mentions ms = {0};
    goods_set s = goods_scan(e->goods, text, strlen(text), collect, &ms);
    assert_true(s & cat(e, "heavy-arms"));
    assert_true(s & cat(e, "high-priority"));
    assert_true(s & cat(e, "drones"));
    assert_false(s & cat(e, "coal"));
    /* "152 mm" (split from 152mm), "artillery shell", "ball bearing", "drone". */
    assert_int_equal(ms.n, 4);
    assert_int_equal(ms.start[1], strstr(text, "Artillery") - text);
    assert_int_equal(ms.end[1], strstr(text, ", ball") - text);
    assert_int_equal(goods_scan(e->goods, "", 0, NULL, NULL), 0);
}

/*
 * A text word is looked up only when it may begin a term (goods.c's filter
 * by its first bytes and length): plurals of short words and "es" plurals
 * must pass it, words sharing a term's first bytes must not match, and an
 * over-long word between a term's words is skipped, as always.
 */
static void test_goods_term_forms(void **state) {
    env *e = *state;
    char text[256];
    snprintf(text, sizeof text, "UAVs, Howitzeres, ARTILLERY %s shell; army area armsx missile",
             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    mentions ms = {0};
    goods_scan(e->goods, text, strlen(text), collect, &ms);
    assert_int_equal(ms.n, 4);
    assert_int_equal(ms.start[0], 0);
    assert_int_equal(ms.end[0], 4);
    assert_int_equal(ms.start[1], strstr(text, "Howitzeres") - text);
    assert_int_equal(ms.end[1], strstr(text, ", ARTILLERY") - text);
    assert_int_equal(ms.start[2], strstr(text, "ARTILLERY") - text);
    assert_int_equal(ms.end[2], strstr(text, "; army") - text);
    assert_int_equal(ms.start[3], strstr(text, "missile") - text);
    assert_int_equal(ms.end[3], strlen(text));
}

/*
 * The goods scanner fed word by word (as document_scan feeds it) finds what
 * goods_scan finds: words of letters taken whole, others and the gaps
 * tokenized, a letter hidden in a gap (after a lone 0xC2, which the text
 * scan's splitter steps over with the next byte) joined to the word after it.
 */
static goods_set scan_by_words(const env *e, const char *text, mentions *ms) {
    goods_scanner s;
    size_t len = strlen(text);
    goods_scanner_init(&s, e->goods, text, len, collect, ms);
    for (size_t i = 0; i < len;) {
        if ((unsigned char)text[i] == 0xC2 || !isalnum((unsigned char)text[i])) {
            i += (unsigned char)text[i] == 0xC2 ? 2 : 1;
            continue;
        }
        size_t start = i;
        bool letters = true;
        for (; i < len && isalnum((unsigned char)text[i]); i++) letters = letters && isalpha((unsigned char)text[i]);
        if (letters) goods_scan_letters(&s, start, i);
        else goods_scan_until(&s, i);
    }
    goods_scan_until(&s, len);
    return s.found;
}

static void test_goods_scanner_words(void **state) {
    env *e = *state;
    static const char *const texts[] = {
        "Shipment of 152mm Artillery Shells, ball bearings and DRONES; no coke.",
        "x\xC2" "Artillery shells \xC2" "A drones\xC2" "1 ball bearings",
        "artillery xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx shells; 152 mm; anti-tank missiles, UAVs",
        "", "drones",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        mentions whole = {0}, words = {0};
        goods_set a = goods_scan(e->goods, texts[t], strlen(texts[t]), collect, &whole);
        goods_set b = scan_by_words(e, texts[t], &words);
        assert_int_equal(a, b);
        assert_int_equal(whole.n, words.n);
        assert_true(whole.n >= (t < 3 ? 3u : t == 4 ? 1u : 0u)); /* the texts do mention goods */
        for (size_t i = 0; i < whole.n && i < 8; i++) {
            assert_int_equal(whole.start[i], words.start[i]);
            assert_int_equal(whole.end[i], words.end[i]);
        }
    }
}

/* ---- file validation ---------------------------------------------------- */

static const char *regimes_head = "format embargo-regimes 1\ncurrent 2024-12-31\n\n";
static const char *good_stanza =
    "[x-1]\nauthority UN\ninstrument UNSCR 1718 (2006)\nprovision paragraph 8\ntargets country KP\n"
    "direction supply\ngoods arms\neffect prohibited\nbinds all\n"
    "citation UN Security Council resolution 1718 (2006), paragraph 8 (S/RES/1718 (2006))\n";

/* Loads a regimes file of HEAD + BODY; returns the error (static) or NULL when it loads. */
static const char *regimes_error(env *e, const char *body) {
    static char err[1024];
    char text[4096];
    snprintf(text, sizeof text, "%s%s", regimes_head, body);
    const char *path = temp_file("regimes.txt", text, strlen(text));
    regime_set *rs = regimes_load(path, e->goods, err, sizeof err);
    if (rs) {
        regimes_free(rs);
        return NULL;
    }
    return err;
}

static void assert_error(const char *err, const char *line, const char *what) {
    if (!err) fail_msg("loaded; expected '%s'", what);
    if (!strstr(err, line) || !strstr(err, what)) fail_msg("error '%s' lacks '%s' or '%s'", err, line, what);
}

static void test_regimes_validation(void **state) {
    env *e = *state;
    char body[2048];
    assert_null(regimes_error(e, good_stanza));
    /* Line 8 is the targets line of the stanza (header 3 lines, [x-1] on 4). */
    snprintf(body, sizeof body, "%s", good_stanza);
    char *t = strstr(body, "country KP");
    memcpy(t, "country XX", 10);
    assert_error(regimes_error(e, body), "regimes.txt:8:", "unknown country code 'XX'");
    snprintf(body, sizeof body, "%s", good_stanza);
    t = strstr(body, "goods arms");
    memcpy(t, "goods armz", 10);
    assert_error(regimes_error(e, body), "regimes.txt:10:", "unknown goods category 'armz'");
    assert_error(regimes_error(e, "[x-2]\ncitation see the resolution\n"), "regimes.txt:5:", "malformed citation");
    snprintf(body, sizeof body, "%s", good_stanza);
    t = strstr(body, "resolution 1718 (2006), paragraph 8 (S/RES/1718 (2006))");
    memcpy(t, "resolution 1719 (2006), paragraph 8 (S/RES/1719 (2006))", 55);
    assert_error(regimes_error(e, body), "regimes.txt:4:", "does not name the instrument");
    assert_error(regimes_error(e, "[x-3]\nauthority UN\n"), "regimes.txt:4:", "has no 'instrument'");
    assert_error(regimes_error(e, "[x-4]\ncolour blue\n"), "regimes.txt:5:", "unknown key 'colour'");
    assert_error(regimes_error(e, "[x-5]\neffect forbidden\n"), "regimes.txt:5:", "unknown effect");
    snprintf(body, sizeof body, "%s\n%s", good_stanza, good_stanza);
    assert_error(regimes_error(e, body), "regimes.txt:15:", "given twice");
    char err[512];
    const char *path = temp_file("regimes.txt", "format embargo-regimes 9\n", 25);
    assert_null(regimes_load(path, e->goods, err, sizeof err));
    assert_non_null(strstr(err, "regimes.txt:1: unsupported format"));
    assert_null(regimes_load(fixture("deal/missing.txt"), e->goods, err, sizeof err));
    assert_non_null(strstr(err, "cannot open"));
}

static void test_goods_validation(void **state) {
    (void)state;
    char err[512];
    goods_table *g;
    const char *bad_cat = "format embargo-goods 1\ncategory arms Arms\nhs 93 armz Arms\n";
    assert_false(goods_load(temp_file("goods.txt", bad_cat, strlen(bad_cat)), &g, err, sizeof err));
    assert_non_null(strstr(err, "goods.txt:3: unknown goods category 'armz'"));
    const char *bad_code = "format embargo-goods 1\ncategory arms Arms\nhs 9a3 arms Arms\n";
    assert_false(goods_load(temp_file("goods.txt", bad_code, strlen(bad_code)), &g, err, sizeof err));
    assert_non_null(strstr(err, "goods.txt:3: HS code '9a3'"));
    const char *bad_utf8 = "format embargo-goods 1\ncategory arms Arms \xff\n";
    assert_false(goods_load(temp_file("goods.txt", bad_utf8, strlen(bad_utf8)), &g, err, sizeof err));
    assert_non_null(strstr(err, "goods.txt:2: invalid UTF-8"));
    assert_false(goods_load(temp_file("goods.txt", "", 0), &g, err, sizeof err));
}

static void test_deal_input_errors(void **state) {
    (void)state;
    static const struct { const char *json, *error; } cases[] = {
        {"[]", "must be a JSON object"},
        {"{\"parties\": [{\"name\": \"X\", \"role\": \"broker\"}]}", "parties[0].role"},
        {"{\"origin\": \"Atlantis\", \"goods\": [{\"hs\": \"2701\"}]}", "origin: names no known country"},
        {"{\"goods\": [{\"hs\": 2701}]}", "goods[0].: hs must be a string"},
        {"{\"goods\": [{\"quantity\": 1}]}", "needs an hs code or a description"},
        {"{\"date\": \"1 May 2024\", \"goods\": [{\"hs\": \"2701\"}]}", "date: must be YYYY-MM-DD"},
        {"{\"jurisdictions\": [\"FR\"], \"goods\": [{\"hs\": \"2701\"}]}", "jurisdictions"},
        {"{}", "needs parties, goods or a vessel"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *in = json_loads(cases[i].json, JSON_DECODE_ANY, NULL);
        assert_non_null(in);
        char err[256] = "";
        deal *d = deal_from_json(in, err, sizeof err);
        json_decref(in);
        if (d) fail_msg("case %zu read", i);
        if (!strstr(err, cases[i].error)) fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].error);
    }
}

/* ---- acceptance ------------------------------------------------------------- */

static void test_dprk_shells_to_russia(void **state) {
    env *e = *state;
    deal_verdict v;
    json_t *r = screen_fixture(e, "deal/dprk_shells_russia.json", &v);
    assert_int_equal(v, DEAL_PROHIBITED);
    assert_string_equal(json_string_value(json_object_get(r, "verdict")), "prohibited");
    assert_cites(r, "un-dprk-1718-8b-procurement", "prohibited", "resolution 1718 (2006), paragraph 8");
    assert_cites(r, "un-dprk-1874-9-arms-exports", "prohibited", "resolution 1874 (2009), paragraph 9");
    /* The seller is KOMID, listed by the UN, OFAC and the UK. */
    assert_true(has_hit(r, "un:KPe.001"));
    assert_true(has_hit(r, "ofac:9345"));
    assert_cites(r, "un-dprk-1718-8d-asset-freeze", "asset-freeze", "1718 (2006), paragraph 8(d)");
    assert_true(json_array_size(json_object_get(r, "changes")) > 0);
    /* What would change each reason names the deal's country, never "the targeted countries" (the ITAR list holds many). */
    char *dump = json_dumps(json_object_get(r, "reasons"), 0);
    assert_null(strstr(dump, "the targeted countries"));
    assert_non_null(strstr(dump, "no origin, seller or shipper in KP"));
    free(dump);
    json_decref(r);
}

static void test_serbia_shells_to_brazil(void **state) {
    env *e = *state;
    deal_verdict v;
    json_t *r = screen_fixture(e, "deal/serbia_shells_brazil.json", &v);
    assert_int_equal(v, DEAL_CLEAR);
    assert_int_equal(json_array_size(json_object_get(r, "reasons")), 0);
    assert_int_equal(json_array_size(json_object_get(r, "hits")), 0);
    /* What would change it: the same goods to or from the DPRK. */
    char *dump = json_dumps(json_object_get(r, "changes"), 0);
    assert_non_null(strstr(dump, "un-dprk-1874-9-arms-exports"));
    free(dump);
    json_decref(r);
}

static void test_dprk_coal_any_buyer(void **state) {
    env *e = *state;
    deal_verdict v;
    json_t *r = screen_fixture(e, "deal/dprk_coal.json", &v);
    assert_int_equal(v, DEAL_PROHIBITED);
    assert_cites(r, "un-dprk-2371-8-coal-iron", "prohibited", "resolution 2371 (2017), paragraph 8");
    assert_cites(r, "un-dprk-2270-29-coal-iron", "prohibited", "resolution 2270 (2016), paragraph 29");
    json_decref(r);
    static const char *const buyers[] = {"CN", "RU", "IN", "BR", "DE", "US"};
    for (size_t i = 0; i < sizeof buyers / sizeof *buyers; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "{\"jurisdictions\": [\"UN\"], \"origin\": \"KP\", \"destination\": \"%s\","
                 "\"parties\": [{\"name\": \"Any Buyer Ltd\", \"role\": \"buyer\", \"country\": \"%s\"}],"
                 "\"goods\": [{\"description\": \"coal\"}]}", buyers[i], buyers[i]);
        r = screen_text(e, text, &v);
        assert_int_equal(v, DEAL_PROHIBITED);
        assert_non_null(reason(r, "un-dprk-2371-8-coal-iron"));
        json_decref(r);
    }
    /* The same coal from Australia is clear. */
    r = screen_text(e, "{\"origin\": \"AU\", \"destination\": \"CN\", \"goods\": [{\"hs\": \"2701.12\"}]}", &v);
    assert_int_equal(v, DEAL_CLEAR);
    json_decref(r);
}

static void test_drone_parts_to_russia(void **state) {
    env *e = *state;
    deal_verdict v;
    json_t *r = screen_fixture(e, "deal/drone_parts_russia.json", &v);
    assert_true(v == DEAL_PROHIBITED || v == DEAL_LICENCE);
    assert_cites(r, "us-ear-746-8-russia-belarus", "licence-required", "15 CFR 746.8");
    assert_cites(r, "eu-833-3c-aviation", "prohibited", "Regulation (EU) No 833/2014, article 3c");
    json_decref(r);
    /* Bound by the US alone, the EU bans do not apply: a licence is required. */
    r = screen_text(e, "{\"jurisdictions\": [\"US\"], \"origin\": \"DE\", \"destination\": \"RU\","
                       "\"goods\": [{\"hs\": \"8806.22\", \"description\": \"drone\"}]}", &v);
    assert_int_equal(v, DEAL_LICENCE);
    assert_null(reason(r, "eu-833-3c-aviation"));
    json_decref(r);
}

static void test_fifty_percent_rule(void **state) {
    env *e = *state;
    deal_verdict v;
    const char *fmt = "{\"jurisdictions\": [\"US\"], \"origin\": \"FR\", \"destination\": \"IT\","
                      "\"parties\": [{\"name\": \"Riviera Holdings SARL\", \"role\": \"seller\", \"country\": \"FR\","
                      "\"owners\": [{\"name\": \"Vladimir Vladimirovich Putin\", \"share\": %d}]}],"
                      "\"goods\": [{\"hs\": \"8903\", \"description\": \"yacht\"}]}";
    char text[1024];
    snprintf(text, sizeof text, fmt, 60);
    json_t *r = screen_text(e, text, &v);
    assert_int_equal(v, DEAL_PROHIBITED);
    assert_cites(r, "us-ofac-50-percent-rule", "asset-freeze", "50 percent");
    json_decref(r);
    snprintf(text, sizeof text, fmt, 30);
    r = screen_text(e, text, &v);
    assert_null(reason(r, "us-ofac-50-percent-rule"));
    json_decref(r);
}

static void test_ship_to_ship(void **state) {
    env *e = *state;
    deal_verdict v;
    const char *fmt = "{\"jurisdictions\": [\"UN\"], \"origin\": \"SG\", \"destination\": \"SG\","
                      "\"vessel\": {\"name\": \"Sea Star 7\", \"flag\": \"KP\"}, \"ship_to_ship\": %s,"
                      "\"goods\": [{\"hs\": \"1006.30\", \"description\": \"rice\"}]}";
    char text[512];
    snprintf(text, sizeof text, fmt, "true");
    json_t *r = screen_text(e, text, &v);
    assert_int_equal(v, DEAL_PROHIBITED);
    assert_cites(r, "un-dprk-2375-11-ship-to-ship", "prohibited", "2375 (2017), paragraph 11");
    json_decref(r);
    snprintf(text, sizeof text, fmt, "false");
    r = screen_text(e, text, &v);
    assert_int_equal(v, DEAL_CLEAR);
    json_decref(r);
}

static void test_real_lists(void **state) {
    skip_without_lists();
    env *e = *state;
    embargo_store *store = load_ok(real_list("un"));
    char err[512];
    embargo_index *ix = NULL;
    assert_int_equal(embargo_index_build_memory(store, &ix, err, sizeof err), EMBARGO_OK);
    env real = {e->goods, e->regimes, store, ix};
    deal_verdict v;
    json_t *r = screen_fixture(&real, "deal/dprk_shells_russia.json", &v);
    assert_int_equal(v, DEAL_PROHIBITED);
    assert_true(has_hit(r, "un:KPe.001"));
    assert_cites(r, "un-dprk-1718-8d-asset-freeze", "asset-freeze", "paragraph 8(d)");
    json_decref(r);
    r = screen_fixture(&real, "deal/serbia_shells_brazil.json", &v);
    assert_int_equal(v, DEAL_CLEAR);
    json_decref(r);
    embargo_index_close(ix);
    embargo_store_destroy(store);
}

static bool has_entry(const json_t *arr, const char *key, const char *sub, const char *value) {
    size_t i;
    json_t *m;
    json_array_foreach(arr, i, m) {
        json_t *o = sub ? json_object_get(m, sub) : m;
        if (strcmp(json_string_value(json_object_get(o, key)), value) == 0) return true;
    }
    return false;
}

static void test_text_article(void **state) {
    env *e = *state;
    FILE *f = fopen(fixture("deal/summit_article.txt"), "rb");
    assert_non_null(f);
    char text[4096];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    text_scan_context ctx = {.index = e->index, .goods = e->goods, .regimes = e->regimes, .threshold = -1};
    text_scan_stats stats;
    json_t *r = document_scan_json(&ctx, text, len, &stats);
    assert_non_null(r);
    json_t *parties = json_object_get(r, "parties");
    assert_true(has_entry(parties, "id", "hit", "ofac:20157"));  /* Kim Jong Un */
    assert_true(has_entry(parties, "id", "hit", "ofac:35096"));  /* Vladimir Putin */
    assert_true(has_entry(parties, "id", "hit", "un:KPe.001"));  /* KOMID */
    /* "North Korean" is a country, not KOMID; "Kim Jong" inside "Kim Jong Un" finds no other Kim. */
    assert_false(has_entry(parties, "id", "hit", "un:KPi.066"));
    size_t i;
    json_t *m;
    json_array_foreach(parties, i, m) {
        size_t start = (size_t)json_integer_value(json_object_get(m, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(m, "end"));
        assert_true(start < end && end <= len);
        assert_memory_equal(text + start, json_string_value(json_object_get(m, "text")), end - start);
    }
    assert_true(has_entry(json_object_get(r, "countries"), "code", NULL, "KP"));
    assert_true(has_entry(json_object_get(r, "countries"), "code", NULL, "RU"));
    assert_true(has_entry(json_object_get(r, "dealings"), "measure", NULL, "un-dprk-1874-9-arms-exports"));
    assert_true(stats.goods >= 3 && stats.bytes == len);
    json_decref(r);
    /* Text with nothing in it. */
    r = document_scan_json(&ctx, "the weather was fine", 20, &stats);
    assert_int_equal(json_array_size(json_object_get(r, "parties")) + json_array_size(json_object_get(r, "dealings")), 0);
    json_decref(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_goods_codes),
        cmocka_unit_test(test_goods_terms),
        cmocka_unit_test(test_goods_term_forms),
        cmocka_unit_test(test_goods_scanner_words),
        cmocka_unit_test(test_regimes_validation),
        cmocka_unit_test(test_goods_validation),
        cmocka_unit_test(test_deal_input_errors),
        cmocka_unit_test(test_dprk_shells_to_russia),
        cmocka_unit_test(test_serbia_shells_to_brazil),
        cmocka_unit_test(test_dprk_coal_any_buyer),
        cmocka_unit_test(test_drone_parts_to_russia),
        cmocka_unit_test(test_fifty_percent_rule),
        cmocka_unit_test(test_ship_to_ship),
        cmocka_unit_test(test_real_lists),
        cmocka_unit_test(test_text_article),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
