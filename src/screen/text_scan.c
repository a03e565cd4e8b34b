/*
 * text_scan.c - see text_scan.h.
 *
 * One pass splits the text into words (ASCII letters and digits, any
 * non-ASCII letter bytes, inner hyphens) with their byte offsets, and cuts
 * the words into runs: consecutive capitalized (or non-Latin) words not
 * broken by punctuation. Each run is tried for country names (one to three
 * words, through embargo_country_code) and for listed names: its windows of
 * two to six words, longest first, each one embargo_search call; an entity
 * found in a run is reported once, at its longest window. Goods terms are
 * scanned in the same pass (goods_scanner), a word of ASCII letters taken
 * as the goods token it is.
 *
 * Speed: a search costs about a thousand times a word. Two memos, per scan,
 * keyed by a window's bytes (case and white space folded for names), keep
 * what a window found (its hits' ids and JSON text, or the country code): a
 * text names the same parties, places and phrases again and again, and a
 * repeated window is looked up, not searched (a run's keys are folded once,
 * and what the memos keep lives in their arenas). So is a word's
 * embargo_country_word answer (a direct-mapped cache), and a window's
 * snippet is made once for all the parties it names.
 * The search itself skips, before any candidate is gathered, a window none
 * of whose words (but too few) reaches a listed word (search.c,
 * reach_possible), remembering per word, and replays a word's probe (the
 * listed words its keys reach) rather than probing it again in each window
 * of its run (search_walks.c). All are exact: the report is the one every
 * window searched would give (memo off: text_scan_context.plain).
 *
 * The report is written as the scan goes, as text (util/json_dump.h), never
 * built as a tree: the parties straight into the caller's buffer, the
 * countries and goods into their own, pasted after. A mention is its
 * constant runs (keys, commas, indents: made once a scan) and its values;
 * texts and snippets are escaped in one pass, bad bytes as U+FFFD
 * (json_dump_put_text); reals print through a cache; a window's hits are
 * written once, at its search, and pasted into each of its mentions. With
 * a sink, the report leaves the buffer between runs once it holds a piece
 * (sink_report): the buffer's pages are used again, not faulted in anew.
 * Dealings: every country measure of the regimes whose goods were mentioned
 * and whose target country was named.
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
#include "util/arena.h"
#include "util/json_dump.h"
#include "util/json_writer.h"
#include "util/utf8.h"

#define SCAN_MAX_RUN 8
#define SCAN_MIN_WINDOW 2
#define SCAN_MAX_WINDOW 6
#define SCAN_SNIPPET 60
#define SCAN_COUNTRY_MAX 256 /* bytes of a country window, and one more */
#define SCAN_WINDOW_MAX 512 /* bytes of a name window, and one more */
#define SCAN_MEMO_MAX 100000 /* windows remembered; a fuller memo starts again (memory stays bounded on any text) */

typedef struct {
    size_t start, end;
} span;

/*
 * A table keyed by bytes (a window's, a memo key): open addressing, keys
 * copied into its arena, values the caller's or made in its arena
 * (memo_alloc). Both go at once when it is cleared: nothing is freed one by
 * one.
 */
typedef struct {
    uint64_t hash;
    char *key;                    /* NULL: an empty slot */
    size_t key_len;
    void *value;
} memo_slot;

typedef struct {
    memo_slot *slots;
    size_t mask, n;
    arena store;                  /* the keys, and values made with memo_alloc */
} memo;

/*
 * What a window's search found, kept for the window's repeats: each hit's
 * id and its JSON as the report prints it at a party mention's "hit".
 */
#define SCAN_HITS 3
typedef struct {
    size_t n;
    size_t id[SCAN_HITS], json[SCAN_HITS], json_len[SCAN_HITS]; /* offsets into bytes */
    char *bytes;                  /* just after the struct, in the same block */
} window_hits;

/*
 * A mention is an object in an array at depth 2 ({"parties": [{...}]}, and
 * "countries" and "goods" alike), of a fixed shape: it is written as the
 * constant runs between its values (json_dump_glue's patterns, made once a
 * scan in the report's style) and the values, not member by member.
 */
#define SCAN_MENTION_DEPTH 2
enum {
    M_OPEN_START, M_START, M_END, M_TEXT, M_SNIPPET, M_HIT, M_CLOSE, M_OPEN_CODE, M_NAME, M_TERM, M_CATEGORIES,
    N_MENTION_GLUE
};
static const char *const mention_pattern[N_MENTION_GLUE] = {
    [M_OPEN_START] = "{1\"start\":", [M_START] = ",1\"start\":", [M_END] = ",1\"end\":", [M_TEXT] = ",1\"text\":",
    [M_SNIPPET] = ",1\"snippet\":", [M_HIT] = ",1\"hit\":", [M_CLOSE] = "0}", [M_OPEN_CODE] = "{1\"code\":",
    [M_NAME] = ",1\"name\":", [M_TERM] = ",1\"term\":", [M_CATEGORIES] = ",1\"categories\":",
};

/*
 * What a scan knows of a country, by its code's two letters: its English
 * name (a name lookup walks the whole table) and whether it is among the
 * countries found (a text names a few countries thousands of times).
 */
typedef struct {
    const char *name;
    bool known;
    bool found;
} country_name_slot;

/*
 * A goods set's categories as a mention prints them ("arms,heavy-arms"), by
 * the set: a text mentions a few sets over and over, and formatting one is
 * a printf a category.
 */
#define SCAN_CATEGORY_SLOTS 16
typedef struct {
    goods_set set;                /* 0: empty (a term has a category) */
    size_t len;
    bool utf8;
    char text[512];
} categories_slot;

typedef struct {
    const text_scan_context *ctx;
    const char *text;
    size_t len;
    json_dump report;             /* the whole report; its parties as they are found */
    buf countries_text, goods_text;
    json_dump countries, goods;   /* their arrays, pasted into the report at the end */
    json_dump_cache *cache;
    hit_layout *hit_layout;       /* a party mention's "hit" in the report's style */
    buf glue[N_MENTION_GLUE];     /* the mention objects' constant runs in the report's style (mention_pattern) */
    char found_countries[64][3];
    size_t n_found;
    goods_set goods_found;
    embargo_results *results;
    buf hits_text;                /* a search's hits as written, before they are kept (window_hits) */
    memo name_memo;               /* memo key -> window_hits */
    memo country_memo;            /* window bytes -> country code, or NULL */
    country_name_slot country_names[26 * 26];
    categories_slot categories[SCAN_CATEGORY_SLOTS];
    struct word_slot *words;      /* embargo_country_word's answers by word (country_word), or NULL */
    size_t words_mask;            /* slots - 1 (a power of two) */
    bool memos;                   /* not in the plain scan */
    bool failed;                  /* out of memory, or the sink failed: the report is incomplete */
    bool sink_failed;             /* the sink failed: nothing more goes to it */
    text_scan_stats stats;
} scan_state;

#define MEMO_MIN_SLOTS 1024

/*
 * A hash of KEY's LEN bytes, eight at a time (FNV-1a's steps over words,
 * mixed at the end); the bytes after the last whole eight as the key's last
 * eight, when it has eight.
 */
static uint64_t memo_hash(const char *key, size_t len) {
    uint64_t h = 14695981039346656037ull ^ len, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) memcpy(&w, key + i, 8), h = (h ^ w) * 1099511628211ull, h ^= h >> 29;
    if (i < len && len >= 8) memcpy(&w, key + len - 8, 8), h = (h ^ w) * 1099511628211ull, h ^= h >> 29;
    else for (; i < len; i++) h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
    h ^= h >> 32;
    return h * 0x9E3779B97F4A7C15ull;
}

static void memo_clear(memo *m) {
    if (m->slots) memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
    m->n = 0;
    arena_free(&m->store);
    arena_init(&m->store);
}

static void memo_free(memo *m) {
    arena_free(&m->store);
    free(m->slots);
}

static bool memo_init(memo *m) {
    *m = (memo){calloc(MEMO_MIN_SLOTS, sizeof(memo_slot)), MEMO_MIN_SLOTS - 1, 0, {NULL, 0, 0}};
    arena_init(&m->store);
    return m->slots != NULL;
}

/* SIZE bytes that live as long as M's entries; NULL when out of memory. */
static void *memo_alloc(memo *m, size_t size) {
    return arena_alloc(&m->store, size);
}

/* KEY's slot: the one holding it, or the empty one where it goes. */
static memo_slot *memo_slot_of(const memo *m, const char *key, size_t len, uint64_t h) {
    for (size_t i = (size_t)h & m->mask;; i = (i + 1) & m->mask) {
        memo_slot *slot = &m->slots[i];
        if (!slot->key || (slot->hash == h && slot->key_len == len && memcmp(slot->key, key, len) == 0)) return slot;
    }
}

/* Doubles the table (kept at most half full); false when out of memory. */
static bool memo_grow(memo *m) {
    size_t slots = (m->mask + 1) * 2;
    memo_slot *old = m->slots, *grown = calloc(slots, sizeof *grown);
    if (!grown) return false;
    size_t old_mask = m->mask;
    m->slots = grown, m->mask = slots - 1;
    for (size_t i = 0; i <= old_mask; i++)
        if (old[i].key) *memo_slot_of(m, old[i].key, old[i].key_len, old[i].hash) = old[i];
    free(old);
    return true;
}

/* Remembers VALUE for KEY (absent); false when out of memory. */
static bool memo_put(memo *m, const char *key, size_t len, uint64_t h, void *value) {
    if ((m->n + 1) * 2 > m->mask + 1 && !memo_grow(m)) return false;
    char *copy = memo_alloc(m, len ? len : 1);
    if (!copy) return false;
    memcpy(copy, key, len);
    *memo_slot_of(m, key, len, h) = (memo_slot){h, copy, len, value};
    m->n++;
    return true;
}

/*
 * The word splitter's byte classes, a table since it runs per byte of the
 * text. Words are ASCII letters and digits and non-ASCII letter bytes;
 * capitals are A-Z and the lead bytes from U+00C0 on (any non-Latin
 * script). 0xC2 leads Latin-1 punctuation and the no-break space, 0xE2 0x80
 * and 0xE2 0x81 general punctuation (U+2000-U+207F): not words. ASCII
 * letters have classes of their own, as a word of them alone is the goods
 * scan's token (goods_scan_letters).
 */
enum { B_MARK, B_SPACE, B_LOWER, B_UPPER, B_WORD, B_CAPITAL, B_C2, B_E2 };
#define R2(v) v, v
#define R4(v) R2(v), R2(v)
#define R8(v) R4(v), R4(v)
#define R16(v) R8(v), R8(v)
static const unsigned char byte_class[256] = {
    ['\t'] = B_SPACE, ['\n'] = B_SPACE, ['\r'] = B_SPACE, [' '] = B_SPACE,
    ['0'] = R8(B_WORD), R2(B_WORD),
    ['A'] = R16(B_UPPER), R8(B_UPPER), R2(B_UPPER),
    ['a'] = R16(B_LOWER), R8(B_LOWER), R2(B_LOWER),
    [0x80] = R16(B_WORD), R16(B_WORD), R16(B_WORD), R16(B_WORD), /* continuation bytes */
    [0xC0] = R2(B_WORD), [0xC2] = B_C2, [0xC3] = B_CAPITAL, R4(B_CAPITAL), R8(B_CAPITAL),
    [0xD0] = R16(B_CAPITAL), [0xE0] = R2(B_CAPITAL), [0xE2] = B_E2, [0xE3] = B_CAPITAL, R4(B_CAPITAL),
    R8(B_CAPITAL), [0xF0] = R16(B_CAPITAL),
};
#undef R2
#undef R4
#undef R8
#undef R16

/* Whether byte I of S (LEN bytes) is part of a word. */
static inline bool word_byte(const char *s, size_t len, size_t i) {
    unsigned char k = byte_class[(unsigned char)s[i]];
    if (k >= B_LOWER && k <= B_CAPITAL) return true;
    return k == B_E2 && !(i + 1 < len && ((unsigned char)s[i + 1] & 0xFE) == 0x80);
}

/*
 * The first byte from I whose class is not from B_LOWER to B_LOWER + TOP,
 * looked at four to a bounds check: TOP is B_UPPER - B_LOWER for ASCII
 * letters, B_CAPITAL - B_LOWER for a word's plain bytes (letters, digits,
 * continuation bytes).
 */
#define IN_RUN(c) ((unsigned)(byte_class[c] - B_LOWER) <= top)
static inline size_t run_end(const unsigned char *p, size_t len, size_t i, unsigned top) {
    for (; i + 4 <= len; i += 4) {
        if (!IN_RUN(p[i])) return i;
        if (!IN_RUN(p[i + 1])) return i + 1;
        if (!IN_RUN(p[i + 2])) return i + 2;
        if (!IN_RUN(p[i + 3])) return i + 3;
    }
    while (i < len && IN_RUN(p[i])) i++;
    return i;
}
#undef IN_RUN

/* Whether the word goes on at I: a byte that is a word's, or an inner hyphen. */
static inline bool word_goes_on(const char *s, size_t len, size_t i) {
    return i < len && (word_byte(s, len, i) || (s[i] == '-' && i + 1 < len && word_byte(s, len, i + 1)));
}

/*
 * The end of the word at I: its ASCII letters, then (most words have no
 * more) its plain bytes and those that need the next one looked at (0xE2,
 * '-'). *LETTERS: the word is ASCII letters only.
 */
static size_t word_end(const char *s, size_t len, size_t i, bool *letters) {
    const unsigned char *p = (const unsigned char *)s;
    i = run_end(p, len, i, B_UPPER - B_LOWER);
    *letters = !word_goes_on(s, len, i);
    if (*letters) return i;
    do i = run_end(p, len, i + 1, B_CAPITAL - B_LOWER);
    while (word_goes_on(s, len, i));
    return i;
}

static bool next_word(const char *s, size_t len, size_t *pos, span *w, bool *broken, bool *letters) {
    size_t i = *pos;
    *broken = false;
    while (i < len && !word_byte(s, len, i)) {
        unsigned char k = byte_class[(unsigned char)s[i]];
        if (k != B_SPACE) *broken = true;
        i += k == B_E2 ? 3 : k == B_C2 ? 2 : 1;
    }
    if (i >= len) return *pos = len, false;
    w->start = i;
    w->end = *pos = word_end(s, len, i, letters);
    return true;
}

static bool is_capital(const char *s, const span *w) {
    unsigned char k = byte_class[(unsigned char)s[w->start]];
    return k == B_UPPER || k == B_CAPITAL || k == B_E2; /* a word's 0xE2 leads a letter */
}

/*
 * Mentions are written member by member into the report (json_dump.h). A
 * party's or country's text, like a snippet, has its bytes that are not
 * UTF-8 as U+FFFD (the offsets say where the bytes are): a mention is never
 * dropped for them, as jansson's json_stringn dropped it when the report
 * was a tree, so a stray byte cannot hide a listed name. A goods mention
 * whose text is not UTF-8 is still dropped.
 */
static void glue(const scan_state *st, buf *out, int g) {
    json_writer_put(out, st->glue[g].data, st->glue[g].len);
}

static void put_string(json_dump *d, const char *key, const char *s, size_t len) {
    json_dump_key(d, key);
    json_dump_string(d, s, len);
}

static void put_cstring(json_dump *d, const char *key, const char *s) {
    put_string(d, key, s, strlen(s));
}

static bool is_utf8(const char *s, size_t len) {
    return utf8_valid(s, len, NULL); /* eight ASCII bytes a step */
}

/*
 * The context of START..END: SCAN_SNIPPET bytes each side (SCAN_SNIPPET_MAX
 * in all), whole characters, written with line breaks as spaces and bytes
 * that are not UTF-8 as U+FFFD (json_dump_put_text). Always UTF-8: it is
 * context for a reader, and a stray byte beside a name must not drop the
 * name's mention.
 */
#define SCAN_SNIPPET_MAX (4 * SCAN_SNIPPET + 255)
static bool continuation(const scan_state *st, size_t i) {
    return ((unsigned char)st->text[i] & 0xC0) == 0x80;
}

static void put_snippet(const scan_state *st, buf *out, size_t start, size_t end) {
    size_t a = start > SCAN_SNIPPET ? start - SCAN_SNIPPET : 0;
    size_t b = end + SCAN_SNIPPET < st->len ? end + SCAN_SNIPPET : st->len;
    while (a > 0 && continuation(st, a)) a--;
    while (b < st->len && continuation(st, b)) b++;
    if (b - a > SCAN_SNIPPET_MAX) {
        b = a + SCAN_SNIPPET_MAX;
        for (int k = 0; k < 3 && continuation(st, b); k++) b--; /* not inside a character */
    }
    json_dump_put_text(out, st->text + a, b - a, true);
}

/* CODE's slot when it is two capital letters, else NULL. */
static country_name_slot *code_slot(scan_state *st, const char *code) {
    bool letters = code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && code[2] == '\0';
    return letters ? &st->country_names[(code[0] - 'A') * 26 + (code[1] - 'A')] : NULL;
}

/* embargo_country_name of CODE, remembered by its two letters. */
static const char *country_name_of(scan_state *st, const char *code) {
    country_name_slot *slot = code_slot(st, code);
    if (!st->memos || !slot) return embargo_country_name(code);
    if (!slot->known) slot->name = embargo_country_name(code), slot->known = true;
    return slot->name;
}

/* Keeps CODE among the countries found (for the dealings): each once, in the order found, at most 64. */
static void country_found(scan_state *st, const char *code) {
    country_name_slot *slot = code_slot(st, code);
    for (size_t i = 0; !slot && i < st->n_found; i++) /* a code the slots do not hold: looked for */
        if (strcmp(st->found_countries[i], code) == 0) return;
    if ((slot && slot->found) || st->n_found == 64) return;
    memcpy(st->found_countries[st->n_found++], code, 3);
    if (slot) slot->found = true;
}

static void add_country(scan_state *st, const char *code, size_t start, size_t end) {
    const char *name = country_name_of(st, code);
    if (!name || is_utf8(name, strlen(name))) {
        buf *out = st->countries.out;
        json_dump_next(&st->countries);
        glue(st, out, M_OPEN_CODE), json_dump_put_string(out, code, strlen(code));
        glue(st, out, M_NAME);
        if (name) json_dump_put_string(out, name, strlen(name));
        else json_writer_put(out, "null", 4);
        glue(st, out, M_START), json_dump_put_int(out, (long long)start);
        glue(st, out, M_END), json_dump_put_int(out, (long long)end);
        glue(st, out, M_TEXT), json_dump_put_text(out, st->text + start, end - start, false);
        glue(st, out, M_SNIPPET), put_snippet(st, out, start, end);
        glue(st, out, M_CLOSE);
    }
    st->stats.countries++;
    country_found(st, code);
}

/* embargo_country_code of the window ZW (LEN bytes), through the scan's memo. */
static const char *country_of(scan_state *st, const char *zw, size_t len) {
    if (!st->memos) return embargo_country_code(zw);
    uint64_t h = memo_hash(zw, len);
    memo_slot *known = memo_slot_of(&st->country_memo, zw, len, h);
    if (known->key) return known->value;
    const char *code = embargo_country_code(zw);
    memo_put(&st->country_memo, zw, len, h, (void *)code); /* a static string, never freed; unremembered when out of memory */
    return code;
}

/*
 * embargo_country_word through a direct-mapped cache of the scan's words: a
 * word of a run is looked up once per occurrence, and a text repeats its
 * names. A slot holds the word's length, its first eight bytes, where it
 * first occurred (the bytes after eight are compared there, so a colliding
 * word is looked up, never misread) and the answer. Most words are eight
 * bytes or fewer: compared as one number, hashed as one.
 */
struct word_slot {
    uint64_t head;
    uint32_t len;                 /* 0: an empty slot */
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
    uint64_t head = 0;
    memcpy(&head, word, len < 8 ? len : 8);
    uint64_t h = len <= 8 ? (head ^ len) * 0x9E3779B97F4A7C15ull : memo_hash(word, len);
    struct word_slot *slot = &st->words[(h >> 32) & st->words_mask];
    if (slot->len == len && slot->head == head &&
        (len <= 8 || memcmp(st->text + slot->start + 8, word + 8, len - 8) == 0))
        return slot->known;
    *slot = (struct word_slot){head, (uint32_t)len, w->start, embargo_country_word(word, len)};
    return slot->known;
}

/* Countries in RUN: the longest window (3 to 1 words) naming one, left to right; their words are marked in COVERED. */
static void scan_countries(scan_state *st, const span *run, size_t n, bool *covered) {
    char zw[SCAN_COUNTRY_MAX];
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
 * The memo keys of a run's windows: a window's key is its text with ASCII
 * letters in lower case and each run of white space one space (the text
 * pipeline folds case and reads all white space as one separator,
 * text/normalize.c, so windows with one key are one query). A run's words
 * are parted by white space only, so the key of its words I..J is the run's
 * words folded, one space between, from AT[I] to the end of word J: folded
 * once a run, not once a window. A word too long for any window is left
 * out (its windows are not searched).
 */
#define SCAN_RUN_KEYS (SCAN_MAX_RUN * SCAN_WINDOW_MAX)
static void fold_run(const scan_state *st, const span *run, size_t n, char *keys, size_t *at) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = run[i].end - run[i].start;
        if (i) keys[k++] = ' ';
        at[i] = k;
        for (size_t j = 0; len < SCAN_WINDOW_MAX && j < len; j++) {
            unsigned char c = (unsigned char)st->text[run[i].start + j];
            keys[k++] = (char)((unsigned)(c - 'A') < 26 ? c | 0x20 : c);
        }
    }
}

#define SCAN_HIT_DEPTH 3 /* a hit's place in the report: { parties [ mention { "hit": */

/*
 * The hits of the window START..END as text: searched, with each valid
 * hit's id and JSON, written into the scan's HITS_TEXT and kept in one
 * block: the memo's (memo_alloc) in a scan with memos, else the caller's to
 * free. NULL: out of memory, in the search too.
 */
static window_hits *search_window(scan_state *st, size_t start, size_t end) {
    char zw[SCAN_WINDOW_MAX];
    memcpy(zw, st->text + start, end - start);
    zw[end - start] = '\0';
    window_hits made = {0};
    buf *b = &st->hits_text;
    buf_clear(b);
    embargo_search_options o = {st->ctx->threshold, SCAN_HITS, 0, 0};
    embargo_query q = {zw, EMBARGO_KIND_UNKNOWN, NULL, NULL, NULL, EMBARGO_GENDER_UNKNOWN};
    st->stats.searches++;
    embargo_status status = embargo_search(st->ctx->index, &q, &o, st->results);
    if (status == EMBARGO_ENOMEM) return NULL; /* not "no one": remembered, it would hide a party */
    for (size_t h = 0; status == EMBARGO_OK && h < embargo_results_count(st->results) && made.n < SCAN_HITS; h++) {
        const embargo_hit *hit = embargo_results_hit(st->results, h);
        const char *id = hit->entity_id ? hit->entity_id : ""; /* as hit_to_json writes a NULL string */
        size_t mark = b->len;
        buf_append(b, id, strlen(id) + 1);
        if (!hit_dump_laid(b, st->hit_layout, st->cache, hit)) { /* hit_to_json would have made no object */
            if (!b->failed) b->len = mark;
            continue;
        }
        made.id[made.n] = mark;
        made.json[made.n] = mark + strlen(id) + 1;
        made.json_len[made.n] = b->len - made.json[made.n];
        made.n++;
    } /* a window the search cannot use (EINVAL): no one */
    if (b->failed) return NULL;
    window_hits *w = st->memos ? memo_alloc(&st->name_memo, sizeof *w + b->len) : malloc(sizeof *w + b->len);
    if (!w) return NULL;
    *w = made;
    w->bytes = (char *)(w + 1);
    if (b->len) memcpy(w->bytes, b->data, b->len);
    return w;
}

/*
 * The hits of the window START..END (memo key KEY, KEY_LEN bytes), through
 * the scan's memo; NULL when out of memory. *OWNED: the caller frees them.
 */
static window_hits *window_hits_of(scan_state *st, size_t start, size_t end, const char *key, size_t key_len,
                                   bool *owned) {
    uint64_t h = 0;
    *owned = true;
    if (st->memos) {
        h = memo_hash(key, key_len);
        memo_slot *known = memo_slot_of(&st->name_memo, key, key_len, h);
        if (known->key) return *owned = false, known->value;
    }
    window_hits *w = search_window(st, start, end);
    if (!st->memos) return w;
    *owned = false; /* the memo's arena holds it, remembered or not (out of memory) */
    if (w) memo_put(&st->name_memo, key, key_len, h, w);
    return w;
}

/*
 * The party mentions of a window: the members before "hit" (offsets, text,
 * snippet) written once for the several parties a window may name (2.5 on
 * average) and pasted for the others, each hit's JSON pasted as the search
 * wrote it. Each id is reported once a run (SEEN).
 */
static void window_mentions(scan_state *st, const window_hits *w, size_t start, size_t end, run_ids *seen) {
    char members[2048];
    size_t members_len = 0; /* 0: not kept (not written yet, or longer than MEMBERS) */
    buf *out = st->report.out;
    for (size_t h = 0; h < w->n; h++) {
        const char *id = w->bytes + w->id[h];
        if (seen_in_run(seen, id)) continue;
        st->stats.parties++;
        json_dump_next(&st->report);
        if (members_len) {
            json_writer_put(out, members, members_len);
        } else {
            size_t mark = out->len;
            glue(st, out, M_OPEN_START), json_dump_put_int(out, (long long)start);
            glue(st, out, M_END), json_dump_put_int(out, (long long)end);
            glue(st, out, M_TEXT), json_dump_put_text(out, st->text + start, end - start, false);
            glue(st, out, M_SNIPPET), put_snippet(st, out, start, end);
            glue(st, out, M_HIT);
            if (!out->failed && out->len - mark <= sizeof members)
                members_len = out->len - mark, memcpy(members, out->data + mark, members_len);
        }
        json_writer_put(out, w->bytes + w->json[h], w->json_len[h]);
        glue(st, out, M_CLOSE);
        if (seen->n < sizeof seen->ids / sizeof *seen->ids) seen->ids[seen->n++] = id;
    }
}

static void scan_names(scan_state *st, const span *run, size_t n, bool *covered) {
    if (!st->ctx->index || n < SCAN_MIN_WINDOW) return;
    run_ids seen;
    seen.n = 0; /* not the whole array: most runs find no one */
    window_hits *owned[SCAN_RUN_WINDOWS]; /* the plain scan's, kept while SEEN points into them */
    size_t n_owned = 0, at[SCAN_MAX_RUN];
    char keys[SCAN_RUN_KEYS];
    fold_run(st, run, n, keys, at);
    for (size_t k = n < SCAN_MAX_WINDOW ? n : SCAN_MAX_WINDOW; k >= SCAN_MIN_WINDOW; k--) {
        for (size_t i = 0; i + k <= n; i++) {
            bool inside = true;
            for (size_t j = i; j < i + k; j++) inside = inside && covered[j];
            if (inside) continue;
            size_t start = run[i].start, end = run[i + k - 1].end, last = i + k - 1;
            if (end - start >= SCAN_WINDOW_MAX) continue;
            st->stats.windows++;
            bool own;
            window_hits *w = window_hits_of(st, start, end, keys + at[i], at[last] + run[last].end - run[last].start - at[i],
                                            &own);
            if (!w) {
                st->failed = true;
                continue;
            }
            if (own) owned[n_owned++] = w;
            for (size_t j = i; w->n && j < i + k; j++) covered[j] = true;
            window_mentions(st, w, start, end, &seen);
        }
    }
    while (n_owned) free(owned[--n_owned]);
}

/* Hands LEN bytes of the report to the context's sink; after a failure, nothing more. */
static void sink_bytes(scan_state *st, const char *data, size_t len) {
    if (len && !st->sink_failed && !st->ctx->sink(st->ctx->sink_user, data, len)) st->sink_failed = st->failed = true;
}

/* Hands the report written so far to the context's sink (if any), once there is a piece of it, or ALL of it. */
static void sink_report(scan_state *st, bool all) {
    buf *out = st->report.out;
    if (!st->ctx->sink || (!all && out->len < TEXT_SCAN_SINK_PIECE)) return;
    if (!out->failed) sink_bytes(st, out->data, out->len);
    buf_clear(out); /* the writers keep their state apart from the bytes */
}

static void scan_run(scan_state *st, const span *run, size_t n) {
    bool covered[SCAN_MAX_RUN] = {false}; /* words of a country name, or of a window that found someone */
    sink_report(st, false);
    if (n == 0 || st->sink_failed) return; /* a report that cannot be written: the rest is not looked at */
    /* A full memo starts again between runs, never inside one (a run's SEEN points into its windows' hits). */
    if (st->name_memo.n >= SCAN_MEMO_MAX) memo_clear(&st->name_memo);
    if (st->country_memo.n >= SCAN_MEMO_MAX) memo_clear(&st->country_memo);
    scan_countries(st, run, n, covered);
    scan_names(st, run, n, covered);
}

/* SET's slot, formatted there if it held another set. */
static const categories_slot *categories_of(scan_state *st, goods_set set) {
    categories_slot *slot = &st->categories[((set * 0x9E3779B97F4A7C15ull) >> 32) & (SCAN_CATEGORY_SLOTS - 1)];
    if (slot->set != set || !set) {
        slot->set = set;
        goods_set_format(st->ctx->goods, set, slot->text, sizeof slot->text);
        slot->len = strlen(slot->text);
        slot->utf8 = is_utf8(slot->text, slot->len);
    }
    return slot;
}

static bool on_goods(void *user, const goods_mention *m) {
    scan_state *st = user;
    const categories_slot *cats = categories_of(st, m->set);
    if (is_utf8(st->text + m->start, m->end - m->start) && is_utf8(m->term, strlen(m->term)) && cats->utf8) {
        buf *out = st->goods.out;
        json_dump_next(&st->goods);
        glue(st, out, M_OPEN_START), json_dump_put_int(out, (long long)m->start);
        glue(st, out, M_END), json_dump_put_int(out, (long long)m->end);
        glue(st, out, M_TEXT), json_dump_put_string(out, st->text + m->start, m->end - m->start);
        glue(st, out, M_TERM), json_dump_put_string(out, m->term, strlen(m->term));
        glue(st, out, M_CATEGORIES), json_dump_put_string(out, cats->text, cats->len);
        glue(st, out, M_SNIPPET), put_snippet(st, out, m->start, m->end);
        glue(st, out, M_CLOSE);
    }
    st->stats.goods++;
    return true;
}

/* A dealing's strings, in its members' order; as json_pack did, one NULL or not UTF-8 drops it. */
static void add_dealing(json_dump *d, const char *const values[7]) {
    static const char *const keys[7] = {"measure", "country", "goods", "direction", "effect", "authority", "citation"};
    for (size_t i = 0; i < 7; i++)
        if (!values[i] || !is_utf8(values[i], strlen(values[i]))) return;
    json_dump_open(d, '{');
    for (size_t i = 0; i < 7; i++) put_cstring(d, keys[i], values[i]);
    json_dump_close(d, '}');
}

/* The regimes' country measures that the countries and goods named in the text meet, as the report's "dealings". */
static void dealings(scan_state *st) {
    json_dump *d = &st->report;
    const regime_set *rs = st->ctx->regimes;
    char cats[512];
    json_dump_key(d, "dealings");
    json_dump_open(d, '[');
    for (size_t i = 0; rs && i < rs->n; i++) {
        const regime_measure *m = &rs->measures[i];
        if (m->goods_any || !(m->goods & st->goods_found) || m->effect < REGIME_EFFECT_LICENCE) continue;
        for (size_t t = 0; t < m->n_targets; t++) {
            if (m->targets[t].kind != REGIME_TARGET_COUNTRY) continue;
            for (size_t c = 0; c < st->n_found; c++) {
                if (!regime_target_has(&m->targets[t], st->found_countries[c])) continue;
                const char *values[7] = {m->id, st->found_countries[c],
                                         goods_set_format(st->ctx->goods, m->goods & st->goods_found, cats, sizeof cats),
                                         regime_direction_name(m->direction), regime_effect_name(m->effect),
                                         m->authority, m->citation};
                add_dealing(d, values);
            }
        }
    }
    json_dump_close(d, ']');
}

/* A mention array written apart (countries, goods) into TEXT: the value of a member of the report. */
static void array_start(scan_state *st, json_dump *d, buf *text, const json_dump_style *style) {
    buf_init(text);
    json_dump_init(d, text, style, 1);
    json_dump_use(d, st->cache);
    json_dump_open(d, '[');
}

/*
 * Pastes the array D wrote as the report's member KEY; with a sink, hands
 * it to the sink after the report so far, not copied into the report (the
 * countries of 2 MB of list remarks are 6 MB).
 */
static void array_paste(scan_state *st, const char *key, json_dump *d) {
    json_dump_close(d, ']');
    json_dump_key(&st->report, key);
    if (d->out->failed) st->report.out->failed = true;
    if (!st->ctx->sink || d->out->failed) {
        json_dump_raw(&st->report, d->out->data, d->out->len);
        return;
    }
    json_dump_raw(&st->report, "", 0); /* what goes before a value */
    sink_report(st, true);
    if (!st->report.out->failed) sink_bytes(st, d->out->data, d->out->len);
}

static bool scan_start(scan_state *st, const json_dump_style *style, buf *out) {
    const text_scan_context *ctx = st->ctx;
    st->cache = json_dump_cache_new(style); /* without it (out of memory), everything is printed anew */
    st->hit_layout = hit_layout_new(style, SCAN_HIT_DEPTH);
    bool glued = true;
    for (int g = 0; g < N_MENTION_GLUE; g++) {
        buf_init(&st->glue[g]);
        json_dump_glue(&st->glue[g], style, SCAN_MENTION_DEPTH, mention_pattern[g]);
        glued = glued && !st->glue[g].failed;
    }
    json_dump_init(&st->report, out, style, 0);
    json_dump_use(&st->report, st->cache);
    json_dump_open(&st->report, '{');
    json_dump_key(&st->report, "parties");
    json_dump_open(&st->report, '[');
    array_start(st, &st->countries, &st->countries_text, style);
    array_start(st, &st->goods, &st->goods_text, style);
    buf_init(&st->hits_text);
    st->results = ctx->results ? ctx->results : embargo_results_new();
    if (st->results) search_set_pruning(st->results, !ctx->plain);
    st->memos = !ctx->plain;
    if (!st->hit_layout || !glued) return false;
    if (!st->memos) return st->results != NULL;
    words_init(st); /* without it (out of memory), every word is looked up */
    return st->results && memo_init(&st->name_memo) && memo_init(&st->country_memo);
}

static void scan_end(scan_state *st) {
    buf_free(&st->countries_text);
    buf_free(&st->goods_text);
    json_dump_cache_free(st->cache);
    hit_layout_free(st->hit_layout);
    for (int g = 0; g < N_MENTION_GLUE; g++) buf_free(&st->glue[g]);
    if (st->results != st->ctx->results) embargo_results_free(st->results);
    memo_free(&st->name_memo);
    buf_free(&st->hits_text);
    memo_free(&st->country_memo);
    free(st->words);
}

bool document_scan(const text_scan_context *ctx, const char *text, size_t len, const json_dump_style *style, buf *out,
                   text_scan_stats *stats) {
    scan_state st = {.ctx = ctx, .text = text, .len = len};
    bool ok = scan_start(&st, style, out);
    if (ok) {
        span run[SCAN_MAX_RUN], w;
        size_t n = 0, pos = 0;
        bool broken, letters;
        goods_scanner goods; /* the goods terms, scanned a word at a time with the names */
        goods_scanner_init(&goods, ctx->goods, text, len, on_goods, &st);
        while (next_word(text, len, &pos, &w, &broken, &letters)) {
            bool capital = is_capital(text, &w);
            if (n && (broken || !capital || n == SCAN_MAX_RUN)) scan_run(&st, run, n), n = 0;
            if (capital) run[n++] = w;
            if (letters) goods_scan_letters(&goods, w.start, w.end);
            else goods_scan_until(&goods, w.end);
        }
        scan_run(&st, run, n);
        goods_scan_until(&goods, len);
        st.goods_found = goods.found;
        json_dump_close(&st.report, ']');
        array_paste(&st, "countries", &st.countries);
        array_paste(&st, "goods", &st.goods);
        dealings(&st);
        json_dump_close(&st.report, '}');
        sink_report(&st, true);
        st.stats.bytes = len;
        ok = !out->failed && !st.failed;
    }
    scan_end(&st);
    if (stats) *stats = st.stats;
    return ok;
}

json_t *document_scan_json(const text_scan_context *ctx, const char *text, size_t len, text_scan_stats *stats) {
    static const json_dump_style exact = {0, 17};
    buf out;
    buf_init(&out);
    json_t *report = document_scan(ctx, text, len, &exact, &out, stats)
                         ? json_loadb(out.data, out.len, JSON_ALLOW_NUL, NULL)
                         : NULL;
    buf_free(&out);
    return report;
}
