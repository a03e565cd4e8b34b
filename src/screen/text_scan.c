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
 * from goods_scan over the whole text. Dealings: every country measure of
 * the regimes whose goods were mentioned and whose target country was named.
 */
#include "screen/text_scan.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/country.h"
#include "screen/hit_json.h"

#define SCAN_MAX_RUN 8
#define SCAN_MIN_WINDOW 2
#define SCAN_MAX_WINDOW 6
#define SCAN_SNIPPET 60

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
    text_scan_stats stats;
} scan_state;

/* A byte of a word: ASCII letter or digit, or part of a non-ASCII letter (not general punctuation U+2000-U+206F). */
static size_t word_byte_len(const char *s, size_t len, size_t i) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return isalnum(c) ? 1 : 0;
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

static json_t *snippet(const scan_state *st, size_t start, size_t end) {
    size_t a = start > SCAN_SNIPPET ? start - SCAN_SNIPPET : 0;
    size_t b = end + SCAN_SNIPPET < st->len ? end + SCAN_SNIPPET : st->len;
    while (a > 0 && ((unsigned char)st->text[a] & 0xC0) == 0x80) a--;
    while (b < st->len && ((unsigned char)st->text[b] & 0xC0) == 0x80) b++;
    char buf[4 * SCAN_SNIPPET + 256];
    size_t n = b - a < sizeof buf - 1 ? b - a : sizeof buf - 1;
    memcpy(buf, st->text + a, n);
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t') buf[i] = ' ';
    return json_stringn_nocheck(buf, n);
}

static void add_country(scan_state *st, const char *code, size_t start, size_t end) {
    json_array_append_new(st->countries, json_pack("{s:s, s:s?, s:I, s:I, s:s#, s:o}", "code", code,
                                                   "name", embargo_country_name(code), "start", (json_int_t)start,
                                                   "end", (json_int_t)end, "text", st->text + start, (int)(end - start),
                                                   "snippet", snippet(st, start, end)));
    st->stats.countries++;
    for (size_t i = 0; i < st->n_found; i++)
        if (strcmp(st->found_countries[i], code) == 0) return;
    if (st->n_found < 64) memcpy(st->found_countries[st->n_found++], code, 3);
}

/* Countries in RUN: the longest window (3 to 1 words) naming one, left to right; their words are marked in COVERED. */
static void scan_countries(scan_state *st, const span *run, size_t n, bool *covered) {
    char buf[256];
    for (size_t i = 0; i < n;) {
        size_t used = 1;
        for (size_t k = n - i < 3 ? n - i : 3; k >= 1; k--) {
            size_t len = run[i + k - 1].end - run[i].start;
            if (len >= sizeof buf) continue;
            memcpy(buf, st->text + run[i].start, len);
            buf[len] = '\0';
            const char *code = len >= 4 || (len >= 2 && isupper((unsigned char)buf[1])) ? embargo_country_code(buf) : NULL;
            if (!code) continue;
            add_country(st, code, run[i].start, run[i + k - 1].end);
            for (size_t j = i; j < i + k; j++) covered[j] = true;
            used = k;
            break;
        }
        i += used;
    }
}

static bool seen_in_run(json_t *parties, size_t from, const char *id) {
    for (size_t i = from; i < json_array_size(parties); i++)
        if (strcmp(json_string_value(json_object_get(json_object_get(json_array_get(parties, i), "hit"), "id")), id) == 0)
            return true;
    return false;
}

static void scan_names(scan_state *st, const span *run, size_t n, bool *covered) {
    if (!st->ctx->index || n < SCAN_MIN_WINDOW) return;
    size_t first = json_array_size(st->parties);
    embargo_search_options o = {st->ctx->threshold, 3, 0};
    char buf[512];
    for (size_t k = n < SCAN_MAX_WINDOW ? n : SCAN_MAX_WINDOW; k >= SCAN_MIN_WINDOW; k--) {
        for (size_t i = 0; i + k <= n; i++) {
            bool inside = true;
            for (size_t j = i; j < i + k; j++) inside = inside && covered[j];
            if (inside) continue;
            size_t start = run[i].start, end = run[i + k - 1].end;
            if (end - start >= sizeof buf) continue;
            memcpy(buf, st->text + start, end - start);
            buf[end - start] = '\0';
            embargo_query q = {buf, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
            st->stats.windows++;
            if (embargo_search(st->ctx->index, &q, &o, st->results) != EMBARGO_OK) continue;
            for (size_t j = i; embargo_results_count(st->results) && j < i + k; j++) covered[j] = true;
            for (size_t h = 0; h < embargo_results_count(st->results); h++) {
                const embargo_hit *hit = embargo_results_hit(st->results, h);
                if (seen_in_run(st->parties, first, hit->entity_id)) continue;
                json_array_append_new(st->parties, json_pack("{s:I, s:I, s:s, s:o, s:o}", "start", (json_int_t)start,
                                                             "end", (json_int_t)end, "text", buf, "snippet",
                                                             snippet(st, start, end), "hit", hit_to_json(hit)));
                st->stats.parties++;
            }
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
    json_array_append_new(st->goods, json_pack("{s:I, s:I, s:s#, s:s, s:s, s:o}", "start", (json_int_t)m->start,
                                               "end", (json_int_t)m->end, "text", st->text + m->start,
                                               (int)(m->end - m->start), "term", m->term, "categories",
                                               goods_set_format(st->ctx->goods, m->set, cats, sizeof cats),
                                               "snippet", snippet(st, m->start, m->end)));
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
                     .goods = json_array(), .results = embargo_results_new()};
    json_t *report = NULL;
    if (st.parties && st.countries && st.goods && st.results) {
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
    embargo_results_free(st.results);
    if (stats) *stats = st.stats;
    return report;
}
