/*
 * text_scan.c - see text_scan.h.
 *
 * One pass splits the text into words (ASCII letters and digits, any
 * non-ASCII letter bytes, inner hyphens) with their byte offsets, and cuts
 * the words into runs: consecutive capitalized (or non-Latin) words not
 * broken by punctuation. Each run is tried for country names (one to three
 * words, through embargo_country_code) and for listed names: its windows of
 * two to six words, longest first, each one embargo_search call; an entity
 * found in a run is reported once, at its longest window. Goods terms come
 * from goods_scan over the whole text.
 *
 * Speed: a search costs about a thousand times a word. Two memos, per scan,
 * keyed by a window's exact bytes, keep what a window found (its hits as
 * JSON, or the country code): a text names the same parties, places and
 * phrases again and again, and a repeated window is looked up, not searched.
 * So is a word's embargo_country_word answer (a direct-mapped cache), and a
 * window's offsets and snippet are made once for all the parties it names.
 * The search itself skips, before any candidate is gathered, a window none
 * of whose words (but too few) reaches a listed word (search.c,
 * reach_possible), remembering per word, and replays a word's probe (the
 * listed words its keys reach) rather than probing it again in each window
 * of its run (search_walks.c). All are exact: the report is the one every
 * window searched would give (memo off: text_scan_context.plain). The
 * mentions and hits share their repeated strings through a pool
 * (hit_json.h); the plain scan builds every value anew, so comparing the
 * two checks that too. Dealings: every country measure of the regimes whose
 * goods were mentioned and whose target country was named.
 */
#include "screen/text_scan.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/country.h"
#include "screen/hit_json.h"
#include "screen/search_int.h"

#define SCAN_MAX_RUN 8
#define SCAN_MIN_WINDOW 2
#define SCAN_MAX_WINDOW 6
#define SCAN_SNIPPET 60
#define SCAN_MEMO_MAX 100000 /* windows remembered; a fuller memo starts again (memory stays bounded on any text) */

typedef struct {
    size_t start, end;
} span;

typedef struct {
    const text_scan_context *ctx;
    const char *text;
    size_t len;
    json_t *parties, *countries, *goods;
    char found_countries[64][3];
    size_t n_found;
    goods_set goods_found;
    embargo_results *results;
    json_t *name_memo;            /* window bytes -> array of hit objects */
    json_t *country_memo;         /* window bytes -> country code, or null */
    json_t *country_names;        /* code -> name */
    struct word_slot *words;      /* embargo_country_word's answers by word (country_word), or NULL */
    size_t words_mask;            /* slots - 1 (a power of two) */
    hit_json_pool pool;           /* strings shared by the mentions and hits (hit_json.h) */
    bool pooled;                  /* ... not in the plain scan, which builds every value anew */
    text_scan_stats stats;
} scan_state;

/* A byte of a word: ASCII letter or digit, or part of a non-ASCII letter (not general punctuation U+2000-U+206F). */
static inline size_t word_byte_len(const char *s, size_t len, size_t i) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); /* isalnum, without its table */
    if (c == 0xE2 && i + 1 < len && ((unsigned char)s[i + 1] == 0x80 || (unsigned char)s[i + 1] == 0x81)) return 0;
    if (c == 0xC2) return 0; /* Latin-1 punctuation and no-break space */
    return 1;
}

static bool next_word(const char *s, size_t len, size_t *pos, span *w, bool *broken) {
    size_t i = *pos;
    *broken = false;
    while (i < len && !word_byte_len(s, len, i)) {
        unsigned char c = (unsigned char)s[i];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') *broken = true;
        i += c >= 0x80 && c == 0xE2 ? 3 : c == 0xC2 ? 2 : 1;
    }
    if (i >= len) return *pos = len, false;
    w->start = i;
    while (i < len && (word_byte_len(s, len, i) || (s[i] == '-' && i + 1 < len && word_byte_len(s, len, i + 1)))) i++;
    w->end = i;
    *pos = i;
    return true;
}

static bool is_capital(const char *s, const span *w) {
    unsigned char c = (unsigned char)s[w->start];
    return (c < 0x80 && isupper(c)) || c >= 0xC3;
}

/*
 * Mentions are built member by member, not with json_pack (whose format
 * parsing cost as much as the objects): as with json_pack, a member that
 * cannot be made (out of memory, text that is not UTF-8) drops the mention.
 */
typedef struct {
    json_t *obj;
    bool failed;
} mention_builder;

static void mention_set(mention_builder *b, const char *key, json_t *value) {
    if (!value || !b->obj || json_object_set_new_nocheck(b->obj, key, value) != 0) b->failed = true;
}

static void mention_offsets(mention_builder *b, size_t start, size_t end) {
    mention_set(b, "start", json_integer((json_int_t)start));
    mention_set(b, "end", json_integer((json_int_t)end));
}

/* Appends the built mention to ARRAY, or drops it when a member failed; whether it was appended. */
static bool mention_append(json_t *array, mention_builder *b) {
    if (b->failed) return json_decref(b->obj), false;
    return json_array_append_new(array, b->obj) == 0;
}

/* The JSON string of the LEN bytes at S, shared through the scan's pool. */
static json_t *shared_string(scan_state *st, const char *s, size_t len) {
    return hit_json_string(st->pooled ? &st->pool : NULL, s, len);
}

static json_t *snippet(const scan_state *st, size_t start, size_t end) {
    size_t a = start > SCAN_SNIPPET ? start - SCAN_SNIPPET : 0;
    size_t b = end + SCAN_SNIPPET < st->len ? end + SCAN_SNIPPET : st->len;
    while (a > 0 && ((unsigned char)st->text[a] & 0xC0) == 0x80) a--;
    while (b < st->len && ((unsigned char)st->text[b] & 0xC0) == 0x80) b++;
    char zw[4 * SCAN_SNIPPET + 256];
    size_t n = b - a < sizeof zw - 1 ? b - a : sizeof zw - 1;
    memcpy(zw, st->text + a, n);
    static const char breaks[] = "\n\r\t"; /* memchr per kind: most snippets hold one or two */
    for (const char *k = breaks; *k; k++)
        for (char *c = memchr(zw, *k, n); c; c = memchr(c + 1, *k, (size_t)(zw + n - c - 1))) *c = ' ';
    return json_stringn_nocheck(zw, n);
}

/* embargo_country_name of CODE, through the scan's memo (a name lookup walks the whole table). */
static const char *country_name_of(scan_state *st, const char *code) {
    if (!st->country_names) return embargo_country_name(code);
    json_t *known = json_object_get(st->country_names, code);
    if (known) return json_string_value(known);
    const char *name = embargo_country_name(code);
    json_object_set_new_nocheck(st->country_names, code, name ? json_string(name) : json_null());
    return name;
}

static void add_country(scan_state *st, const char *code, size_t start, size_t end) {
    const char *name = country_name_of(st, code);
    mention_builder b = {json_object(), false};
    mention_set(&b, "code", shared_string(st, code, strlen(code)));
    mention_set(&b, "name", name ? shared_string(st, name, strlen(name)) : json_null());
    mention_offsets(&b, start, end);
    mention_set(&b, "text", shared_string(st, st->text + start, end - start));
    mention_set(&b, "snippet", snippet(st, start, end));
    mention_append(st->countries, &b);
    st->stats.countries++;
    for (size_t i = 0; i < st->n_found; i++)
        if (strcmp(st->found_countries[i], code) == 0) return;
    if (st->n_found < 64) memcpy(st->found_countries[st->n_found++], code, 3);
}

/* embargo_country_code of the window BUF (LEN bytes), through the scan's memo. */
static const char *country_of(scan_state *st, const char *zw, size_t len) {
    if (!st->country_memo) return embargo_country_code(zw);
    json_t *known = json_object_getn(st->country_memo, zw, len);
    if (known) return json_string_value(known); /* NULL for null */
    const char *code = embargo_country_code(zw);
    if (json_object_size(st->country_memo) >= SCAN_MEMO_MAX) json_object_clear(st->country_memo);
    json_object_setn_new_nocheck(st->country_memo, zw, len, code ? json_string(code) : json_null());
    return code;
}

/*
 * embargo_country_word through a direct-mapped cache of the scan's words: a
 * word of a run is looked up once per occurrence, and a text repeats its
 * names. A slot holds the word's hash, where it first occurred (its bytes are
 * compared, so a colliding word is looked up, never misread) and the answer.
 */
struct word_slot {
    uint32_t hash, len;
    size_t start;
    bool known;
};
#define SCAN_WORD_SLOTS_MAX 16384
#define SCAN_WORD_SLOTS_MIN 256

static void words_init(scan_state *st) {
    size_t slots = SCAN_WORD_SLOTS_MIN;
    while (slots < SCAN_WORD_SLOTS_MAX && slots * 16 < st->len) slots *= 2; /* about a slot a sixteen bytes of text */
    st->words = calloc(slots, sizeof *st->words);
    st->words_mask = slots - 1;
}

static bool country_word(scan_state *st, const span *w) {
    const char *word = st->text + w->start;
    size_t len = w->end - w->start;
    if (!st->words || len > UINT32_MAX) return embargo_country_word(word, len);
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)word[i]) * 16777619u;
    h |= 1; /* 0 marks an empty slot */
    struct word_slot *slot = &st->words[h & st->words_mask];
    if (slot->hash == h && slot->len == len && memcmp(st->text + slot->start, word, len) == 0) return slot->known;
    *slot = (struct word_slot){h, (uint32_t)len, w->start, embargo_country_word(word, len)};
    return slot->known;
}

/* Countries in RUN: the longest window (3 to 1 words) naming one, left to right; their words are marked in COVERED. */
static void scan_countries(scan_state *st, const span *run, size_t n, bool *covered) {
    char zw[256];
    bool may[SCAN_MAX_RUN]; /* words that could be part of a country's name (embargo_country_word) */
    for (size_t j = 0; j < n; j++)
        may[j] = st->ctx->plain || country_word(st, &run[j]);
    for (size_t i = 0; i < n;) {
        size_t used = 1;
        for (size_t k = n - i < 3 ? n - i : 3; k >= 1; k--) {
            size_t len = run[i + k - 1].end - run[i].start;
            bool any = false;
            for (size_t j = i; j < i + k; j++) any = any || may[j];
            if (!any || len >= sizeof zw) continue;
            memcpy(zw, st->text + run[i].start, len);
            zw[len] = '\0';
            const char *code = len >= 4 || (len >= 2 && isupper((unsigned char)zw[1])) ? country_of(st, zw, len) : NULL;
            if (!code) continue;
            add_country(st, code, run[i].start, run[i + k - 1].end);
            for (size_t j = i; j < i + k; j++) covered[j] = true;
            used = k;
            break;
        }
        i += used;
    }
}

/* The ids of the parties a run reported (pointers into their hits): every window of a run, three hits each. */
#define SCAN_RUN_WINDOWS ((SCAN_MAX_RUN - 1) * SCAN_MAX_RUN / 2)
typedef struct {
    const char *ids[SCAN_RUN_WINDOWS * 3];
    size_t n;
} run_ids;

static bool seen_in_run(const run_ids *seen, const char *id) {
    for (size_t i = 0; i < seen->n; i++)
        if (seen->ids[i] == id || strcmp(seen->ids[i], id) == 0) return true;
    return false;
}

/*
 * The memo key of a window: ASCII letters in lower case, each run of white
 * space one space. The text pipeline folds case and reads all white space
 * as one separator (text/normalize.c), so windows with one key are one query.
 */
static size_t memo_key(const char *zw, size_t len, char *key) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)zw[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            if (n == 0 || key[n - 1] != ' ') key[n++] = ' ';
        } else {
            key[n++] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : (char)c;
        }
    }
    return n;
}

/* The hits of window ZW (LEN bytes): a new reference to a JSON array of hit objects, through the scan's memo (NULL: out of memory). */
static json_t *window_hits(scan_state *st, const char *zw, size_t len) {
    char key[512];
    size_t key_len = len < sizeof key ? memo_key(zw, len, key) : 0;
    json_t *known = st->name_memo && key_len ? json_object_getn(st->name_memo, key, key_len) : NULL;
    if (known) return json_incref(known);
    embargo_search_options o = {st->ctx->threshold, 3, 0, 0};
    embargo_query q = {zw, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    st->stats.searches++;
    json_t *hits = json_array();
    if (hits && embargo_search(st->ctx->index, &q, &o, st->results) == EMBARGO_OK)
        for (size_t h = 0; h < embargo_results_count(st->results); h++)
            json_array_append_new(hits, hit_to_json_pooled(embargo_results_hit(st->results, h),
                                                           st->pooled ? &st->pool : NULL));
    if (hits && st->name_memo && key_len) {
        if (json_object_size(st->name_memo) >= SCAN_MEMO_MAX) json_object_clear(st->name_memo);
        json_object_setn_nocheck(st->name_memo, key, key_len, hits);
    }
    return hits;
}

/*
 * The offsets and snippet of a window's mentions, made once for the several
 * parties a window may name (a window found 2.5 of them on average): as the
 * pool shares strings, the plain scan builds each anew.
 */
typedef struct {
    json_t *start, *end, *snippet;
} window_values;

/* MADE, kept in *KEPT for the window's next mention when the scan shares values. */
static json_t *window_keep(const scan_state *st, json_t **kept, json_t *made) {
    if (st->pooled && made) *kept = json_incref(made);
    return made;
}

/* The JSON integer OFFSET, made once per window (*KEPT). */
static json_t *window_offset(const scan_state *st, json_t **kept, size_t offset) {
    return *kept ? json_incref(*kept) : window_keep(st, kept, json_integer((json_int_t)offset));
}

/* The snippet of START..END, made once per window (*KEPT). */
static json_t *window_snippet(const scan_state *st, json_t **kept, size_t start, size_t end) {
    return *kept ? json_incref(*kept) : window_keep(st, kept, snippet(st, start, end));
}

static void scan_names(scan_state *st, const span *run, size_t n, bool *covered) {
    if (!st->ctx->index || n < SCAN_MIN_WINDOW) return;
    run_ids seen = {.n = 0};
    char zw[512];
    for (size_t k = n < SCAN_MAX_WINDOW ? n : SCAN_MAX_WINDOW; k >= SCAN_MIN_WINDOW; k--) {
        for (size_t i = 0; i + k <= n; i++) {
            bool inside = true;
            for (size_t j = i; j < i + k; j++) inside = inside && covered[j];
            if (inside) continue;
            size_t start = run[i].start, end = run[i + k - 1].end;
            if (end - start >= sizeof zw) continue;
            memcpy(zw, st->text + start, end - start);
            zw[end - start] = '\0';
            st->stats.windows++;
            json_t *hits = window_hits(st, zw, end - start);
            for (size_t j = i; json_array_size(hits) && j < i + k; j++) covered[j] = true;
            size_t h;
            json_t *hit;
            window_values shared = {NULL, NULL, NULL};
            json_array_foreach(hits, h, hit) {
                const char *id = json_string_value(json_object_get(hit, "id"));
                if (!id || seen_in_run(&seen, id)) continue;
                mention_builder b = {json_object(), false};
                mention_set(&b, "start", window_offset(st, &shared.start, start));
                mention_set(&b, "end", window_offset(st, &shared.end, end));
                mention_set(&b, "text", shared_string(st, zw, end - start));
                mention_set(&b, "snippet", window_snippet(st, &shared.snippet, start, end));
                mention_set(&b, "hit", json_incref(hit));
                if (mention_append(st->parties, &b) && seen.n < sizeof seen.ids / sizeof *seen.ids) seen.ids[seen.n++] = id;
                st->stats.parties++;
            }
            json_decref(hits);
            json_decref(shared.start), json_decref(shared.end), json_decref(shared.snippet);
        }
    }
}

static void scan_run(scan_state *st, const span *run, size_t n) {
    bool covered[SCAN_MAX_RUN] = {false}; /* words of a country name, or of a window that found someone */
    if (n == 0) return;
    scan_countries(st, run, n, covered);
    scan_names(st, run, n, covered);
}

static bool on_goods(void *user, const goods_mention *m) {
    scan_state *st = user;
    char cats[512];
    mention_builder b = {json_object(), false};
    mention_offsets(&b, m->start, m->end);
    mention_set(&b, "text", shared_string(st, st->text + m->start, m->end - m->start));
    mention_set(&b, "term", shared_string(st, m->term, strlen(m->term)));
    goods_set_format(st->ctx->goods, m->set, cats, sizeof cats);
    mention_set(&b, "categories", shared_string(st, cats, strlen(cats)));
    mention_set(&b, "snippet", snippet(st, m->start, m->end));
    mention_append(st->goods, &b);
    st->stats.goods++;
    return true;
}

/* The regimes' country measures that the countries and goods named in the text meet. */
static json_t *dealings(scan_state *st) {
    json_t *out = json_array();
    const regime_set *rs = st->ctx->regimes;
    char cats[512];
    for (size_t i = 0; rs && i < rs->n; i++) {
        const regime_measure *m = &rs->measures[i];
        if (m->goods_any || !(m->goods & st->goods_found) || m->effect < REGIME_EFFECT_LICENCE) continue;
        for (size_t t = 0; t < m->n_targets; t++) {
            if (m->targets[t].kind != REGIME_TARGET_COUNTRY) continue;
            for (size_t c = 0; c < st->n_found; c++) {
                if (!regime_target_has(&m->targets[t], st->found_countries[c])) continue;
                json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "measure", m->id,
                                                     "country", st->found_countries[c], "goods",
                                                     goods_set_format(st->ctx->goods, m->goods & st->goods_found, cats, sizeof cats),
                                                     "direction", regime_direction_name(m->direction),
                                                     "effect", regime_effect_name(m->effect), "authority", m->authority,
                                                     "citation", m->citation));
            }
        }
    }
    return out;
}

json_t *document_scan(const text_scan_context *ctx, const char *text, size_t len, text_scan_stats *stats) {
    scan_state st = {.ctx = ctx, .text = text, .len = len, .parties = json_array(), .countries = json_array(),
                     .goods = json_array(), .results = ctx->results ? ctx->results : embargo_results_new()};
    if (!ctx->plain) st.name_memo = json_object(), st.country_memo = json_object(), st.country_names = json_object();
    st.pooled = !ctx->plain;
    if (!ctx->plain) words_init(&st); /* without it (out of memory), every word is looked up */
    if (st.results) search_set_pruning(st.results, !ctx->plain);
    json_t *report = NULL;
    if (st.parties && st.countries && st.goods && st.results &&
        (ctx->plain || (st.name_memo && st.country_memo && st.country_names))) {
        span run[SCAN_MAX_RUN], w;
        size_t n = 0, pos = 0;
        bool broken;
        while (next_word(text, len, &pos, &w, &broken)) {
            if (broken || !is_capital(text, &w) || n == SCAN_MAX_RUN) scan_run(&st, run, n), n = 0;
            if (is_capital(text, &w)) run[n++] = w;
        }
        scan_run(&st, run, n);
        st.goods_found = goods_scan(ctx->goods, text, len, on_goods, &st);
        st.stats.bytes = len;
        report = json_pack("{s:O, s:O, s:O, s:o}", "parties", st.parties, "countries", st.countries,
                           "goods", st.goods, "dealings", dealings(&st));
    }
    json_decref(st.parties);
    json_decref(st.countries);
    json_decref(st.goods);
    if (st.results != ctx->results) embargo_results_free(st.results);
    json_decref(st.name_memo);
    json_decref(st.country_memo);
    json_decref(st.country_names);
    hit_json_pool_clear(&st.pool);
    free(st.words);
    if (stats) *stats = st.stats;
    return report;
}
