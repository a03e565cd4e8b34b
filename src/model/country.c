/*
 * country.c - country text to ISO code.
 *
 * At first use every code, alpha-3 code, name and variant of the table
 * (country_table.c) is folded to a key - lower-case ASCII letters and digits,
 * one space between words, accents, apostrophes and dots dropped, a leading
 * "the" removed - and the keys are sorted; a lookup folds its text the same
 * way and binary-searches.
 *
 * Text that does not fold to a known key gets a few structural retries, each
 * on a shorter piece of the text, so a lookup stays a handful of searches:
 *   - on the key: "X now Y" / "X currently Y" is Y ("Former USSR Currently
 *     Ukraine"), "X former Y" is X ("Azerbaijan (former USSR)"), and a
 *     leading qualifier ("possibly", "region") is dropped;
 *   - "A / B" (Canada's bilingual "Russia / Russie"): the parts that name a
 *     country must all name the same one ("Turkish/Jordanian" names none);
 *   - "X (Y)": X, then Y ("Iraq (previous address)", "(North Korea)");
 *   - "X, Y" with one comma: "Y X" ("Korea, North", "Bahamas, The").
 * Text listing several countries ("(1) Iraq (2) Syria") names no single one;
 * embargo_country_codes reads such lists. It tries the whole text, then
 * splits it level by level - enumerations "(1)", "a)" and ";", then "/",
 * then ",", then the words "and" / "or" - resolving each part whole before
 * splitting it further. At each level two neighbouring parts are tried
 * together first, so "CONGO, Democratic Republic of the, RWANDA" keeps the
 * inverted name whole.
 */
#include "embargo/country.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/country_table.h"
#include "util/utf8.h"

#define COUNTRY_KEY_MAX 96
#define COUNTRY_DEPTH_MAX 6

typedef struct {
    char key[COUNTRY_KEY_MAX];
    const char *code;
    bool upper_only;     /* a code that is also a word: matches only in upper case */
} country_key;

static country_key *country_keys;
static size_t country_key_count;
static pthread_once_t country_once = PTHREAD_ONCE_INIT;
static atomic_bool country_ready;   /* set once country_build is done: later calls skip pthread_once */

/*
 * Codes that are also words or abbreviations in a country field ("na" is
 * n/a, "no", "to" from "(1) to (6)"): they name the country only when
 * written in upper case ("NA" is Namibia). Other codes match in any case,
 * as some publishers write them in lower case ("us").
 */
static const char *const country_code_words[] = {
    "am", "as", "at", "be", "by", "do", "id", "in", "is", "it", "me", "na", "no", "so", "to",
    "and", "can", "per",
};

/* Words that end a key's former name and start its current one. */
static const char *const country_now_words[] = {"now", "currently", "presently", "today"};
/* Words that end the current name and start a former one. */
static const char *const country_former_words[] = {"former", "formerly", "ex", "previously"};
/* Leading words that qualify the country without being part of its name. */
static const char *const country_qualifiers[] = {
    "possibly", "probably", "presumably", "reportedly", "allegedly", "region", "territory of",
};

/* The ASCII letter a Latin-1 or Latin Extended-A letter is written as, or 0. */
static char fold_latin(int32_t cp) {
    static const char latin1[] =
        "aaaaaaaceeeeiiii" "dnooooo ouuuuyts"   /* U+00C0..U+00DF */
        "aaaaaaaceeeeiiii" "dnooooo ouuuuyty";  /* U+00E0..U+00FF */
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0] == ' ' ? 0 : latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) {
        static const char ext_a[] =
            "aaaaaaccccccccdddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "jjjj" "kkk"
            "llllllllll" "nnnnnnnnn" "oooooooo" "rrrrrr" "ssssssss" "tttttt"
            "uuuuuuuuuuuu" "wwyyyzzzzzzs";
        size_t i = (size_t)(cp - 0x100);
        return i < sizeof ext_a - 1 ? ext_a[i] : 0;
    }
    return 0;
}

/*
 * True for a code point that vanishes in a key without splitting words:
 * apostrophes ("People's", and U+0092, a cp1252 quote mis-decoded in the CSL),
 * dots ("U.S.A."), combining marks ("Bе́larus"), zero-width marks and soft
 * hyphens.
 */
static bool fold_ignored(int32_t cp) {
    return cp == '\'' || cp == '.' || cp == '`' || cp == 0x92 || cp == 0xAD || cp == 0x2BC ||
           cp == 0x2018 || cp == 0x2019 || (cp >= 0x300 && cp <= 0x36F) ||
           (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF;
}

/* The ASCII lower-case letter or digit CP folds to, or 0 for a separator. */
static char fold_char(int32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return (char)(cp - 'A' + 'a');
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return (char)cp;
    return cp >= 0x80 ? fold_latin(cp) : 0;
}

/* Appends WORD to KEY (length *N) as a new word; false when it does not fit. */
static bool fold_put(char *key, size_t *n, bool *space, const char *word) {
    size_t len = strlen(word);
    if (*n + len + 2 > COUNTRY_KEY_MAX) return false;
    if (*space) key[(*n)++] = ' ';
    *space = false;
    memcpy(key + *n, word, len);
    *n += len;
    return true;
}

/*
 * Folds TEXT (LEN bytes) into KEY: lower-case ASCII words, one space apart,
 * "&" spelled "and", a leading "the" dropped. Text too long for a key folds
 * to "" (no country has so long a name).
 */
static void country_fold(const char *text, size_t len, char *key) {
    size_t n = 0;
    bool space = false;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        int32_t cp = p[i];
        char c;
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) { /* most of a text: no calls */
            c = (char)cp, i++;
        } else if (cp >= 'A' && cp <= 'Z') {
            c = (char)(cp - 'A' + 'a'), i++;
        } else {
            i += cp < 0x80 ? 1 : (size_t)utf8_decode(p + i, len - i, &cp);
            if (fold_ignored(cp)) continue;
            c = fold_char(cp);
        }
        bool ok = true;
        if (cp == '&') {
            space = n > 0;
            ok = fold_put(key, &n, &space, "and");
            space = true;
        } else if (!c) {
            space = n > 0;
        } else if ((ok = n + 3 <= COUNTRY_KEY_MAX)) { /* fold_put of the one letter, without its strlen and memcpy */
            if (space) key[n++] = ' ';
            space = false;
            key[n++] = c;
        }
        if (!ok) {
            n = 0;
            break;
        }
    }
    key[n] = '\0';
    if (strncmp(key, "the ", 4) == 0) memmove(key, key + 4, strlen(key + 4) + 1);
}

static int country_key_cmp(const void *a, const void *b) {
    return strcmp(((const country_key *)a)->key, ((const country_key *)b)->key);
}

static bool country_is_code_word(const char *key) {
    for (size_t w = 0; w < sizeof country_code_words / sizeof *country_code_words; w++)
        if (strcmp(key, country_code_words[w]) == 0) return true;
    return false;
}

static void country_add_key(const char *text, size_t len, const char *code, bool is_code,
                            size_t *n) {
    country_key *k = &country_keys[*n];
    country_fold(text, len, k->key);
    if (!k->key[0]) return;
    k->code = code;
    k->upper_only = is_code && country_is_code_word(k->key);
    (*n)++;
}

/*
 * Every word of every key ("korea", "north", "dprk"), for
 * embargo_country_word: an open-addressing table of the words' hashes
 * (country_word_hash; 0 marks an empty slot), each with its word (in the
 * keys) to confirm. Built with the keys; empty when out of memory.
 */
typedef struct {
    uint64_t hash;
    const char *word;
    size_t len;
} country_word_slot;

static country_word_slot *country_words;
static size_t country_words_mask;

#define WORD_HASH_SEED 14695981039346656037ull
#define WORD_HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 1099511628211ull)

static uint64_t country_word_hash(const char *w, size_t len) {
    uint64_t h = WORD_HASH_SEED;
    for (size_t i = 0; i < len; i++) h = WORD_HASH_STEP(h, w[i]);
    return h | 1; /* never 0 */
}

static const country_word_slot *country_word_find(uint64_t hash, const char *w, size_t len) {
    for (size_t i = hash & country_words_mask;; i = (i + 1) & country_words_mask) {
        const country_word_slot *s = &country_words[i];
        if (!s->hash || (s->hash == hash && s->len == len && memcmp(s->word, w, len) == 0)) return s;
    }
}

static void country_build_words(void) {
    size_t words = 0;
    for (size_t k = 0; k < country_key_count; k++)
        for (const char *c = country_keys[k].key; *c; c++) words += *c == ' ';
    words += country_key_count;
    size_t cap = 16;
    while (cap < 2 * words) cap *= 2;
    if (!(country_words = calloc(cap, sizeof *country_words))) return;
    country_words_mask = cap - 1;
    for (size_t k = 0; k < country_key_count; k++) {
        for (const char *w = country_keys[k].key; *w;) { /* a key's words are one space apart */
            const char *space = strchr(w, ' ');
            size_t len = space ? (size_t)(space - w) : strlen(w);
            uint64_t h = country_word_hash(w, len);
            country_word_slot *s = (country_word_slot *)country_word_find(h, w, len);
            if (!s->hash) *s = (country_word_slot){h, w, len};
            w += len + (space != NULL);
        }
    }
}

static void country_build(void) {
    size_t cap = 0;
    for (size_t r = 0; r < country_row_count; r++) {
        cap += 4;
        for (const char *v = country_rows[r].variants; v && *v; v++) cap += *v == '|';
    }
    country_keys = calloc(cap, sizeof *country_keys);
    if (!country_keys) return;
    size_t n = 0;
    for (size_t r = 0; r < country_row_count; r++) {
        const country_row *row = &country_rows[r];
        country_add_key(row->alpha2, strlen(row->alpha2), row->alpha2, true, &n);
        country_add_key(row->alpha3, strlen(row->alpha3), row->alpha2, true, &n);
        country_add_key(row->name, strlen(row->name), row->alpha2, false, &n);
        const char *v = row->variants;
        while (v && *v) {
            const char *bar = strchr(v, '|');
            size_t len = bar ? (size_t)(bar - v) : strlen(v);
            country_add_key(v, len, row->alpha2, false, &n);
            v = bar ? bar + 1 : v + len;
        }
    }
    qsort(country_keys, n, sizeof *country_keys, country_key_cmp);
    country_key_count = n;
    country_build_words();
    atomic_store_explicit(&country_ready, true, memory_order_release);
}

/* The code of KEY; UPPER tells whether the text had no lower-case letter. */
static const char *country_search(const char *key, bool upper) {
    country_key probe;
    size_t len = strlen(key);
    if (!len || len >= COUNTRY_KEY_MAX) return NULL;
    memcpy(probe.key, key, len + 1);
    const country_key *hit = bsearch(&probe, country_keys, country_key_count,
                                     sizeof *country_keys, country_key_cmp);
    return hit && (upper || !hit->upper_only) ? hit->code : NULL;
}

/* Where the whole word WORD starts in KEY at or after FROM, or NULL. */
static const char *key_word(const char *key, const char *from, const char *word) {
    size_t len = strlen(word);
    for (const char *p = strstr(from, word); p; p = strstr(p + 1, word))
        if ((p == key || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0')) return p;
    return NULL;
}

static const char *country_find_key(const char *key, bool upper, int depth);

/* True when TEXT (LEN bytes) has no lower-case ASCII letter and no dot ("N.A." is n/a). */
static bool text_upper(const char *text, size_t len) {
    for (size_t i = 0; i < len; i++)
        if ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '.') return false;
    return true;
}

/* "former USSR now Belarus": the words after the last now-word. */
static const char *key_after_now(const char *key, bool upper, int depth) {
    const char *last = NULL;
    for (size_t w = 0; w < sizeof country_now_words / sizeof *country_now_words; w++)
        for (const char *p = key_word(key, key, country_now_words[w]); p;
             p = key_word(key, p + 1, country_now_words[w]))
            if (!last || p > last) last = p + strlen(country_now_words[w]);
    return last && *last == ' ' ? country_find_key(last + 1, upper, depth + 1) : NULL;
}

/* "Azerbaijan former USSR": the words before the first former-word. */
static const char *key_before_former(const char *key, bool upper, int depth) {
    for (size_t w = 0; w < sizeof country_former_words / sizeof *country_former_words; w++) {
        const char *p = key_word(key, key, country_former_words[w]);
        if (p && p > key) {
            char head[COUNTRY_KEY_MAX];
            size_t len = (size_t)(p - key) - 1;
            memcpy(head, key, len);
            head[len] = '\0';
            return country_find_key(head, upper, depth + 1);
        }
    }
    return NULL;
}

/* "possibly Palestinian", "region Crimea": the words after the qualifier. */
static const char *key_after_qualifier(const char *key, bool upper, int depth) {
    for (size_t q = 0; q < sizeof country_qualifiers / sizeof *country_qualifiers; q++) {
        size_t len = strlen(country_qualifiers[q]);
        if (strncmp(key, country_qualifiers[q], len) == 0 && key[len] == ' ')
            return country_find_key(key + len + 1, upper, depth + 1);
    }
    return NULL;
}

/* The code of a folded KEY: exact, then the word-level retries. */
static const char *country_find_key(const char *key, bool upper, int depth) {
    const char *code = country_search(key, upper);
    if (code || depth > COUNTRY_DEPTH_MAX) return code;
    if (!strchr(key, ' ')) return NULL; /* each retry keeps some words and drops others: one word has none */
    if ((code = key_after_now(key, upper, depth))) return code;
    if ((code = key_before_former(key, upper, depth))) return code;
    return key_after_qualifier(key, upper, depth);
}

static const char *country_resolve(const char *text, size_t len, int depth);

/* "A / B": the one country the parts name, or NULL when they disagree. */
static const char *resolve_slash(const char *text, size_t len, int depth) {
    const char *found = NULL;
    const char *end = text + len;
    for (const char *part = text; part < end;) {
        const char *slash = memchr(part, '/', (size_t)(end - part));
        const char *stop = slash ? slash : end;
        const char *code = country_resolve(part, (size_t)(stop - part), depth + 1);
        if (code && found && strcmp(code, found) != 0) return NULL;
        if (code) found = code;
        part = slash ? slash + 1 : end;
    }
    return found;
}

/* "X (Y)": X without the first bracketed group, then Y alone. */
static const char *resolve_brackets(const char *text, size_t len, int depth) {
    const char *open = memchr(text, '(', len);
    if (!open) return NULL;
    const char *close = memchr(open, ')', len - (size_t)(open - text));
    const char *end = text + len;
    const char *inner_end = close ? close : end;
    const char *after = close ? close + 1 : end;
    char outer[2 * COUNTRY_KEY_MAX];
    size_t head = (size_t)(open - text), tail = (size_t)(end - after);
    if (head + tail + 1 < sizeof outer) {
        memcpy(outer, text, head);
        outer[head] = ' ';
        memcpy(outer + head + 1, after, tail);
        const char *code = country_resolve(outer, head + 1 + tail, depth + 1);
        if (code) return code;
    }
    return country_resolve(open + 1, (size_t)(inner_end - open - 1), depth + 1);
}

/* "X, Y" with one comma, read as "Y X": "Korea, North", "Bahamas, The". */
static const char *resolve_inverted(const char *text, size_t len, int depth) {
    const char *comma = memchr(text, ',', len);
    if (!comma || memchr(comma + 1, ',', len - (size_t)(comma - text) - 1)) return NULL;
    char swapped[2 * COUNTRY_KEY_MAX];
    size_t head = (size_t)(comma - text), tail = len - head - 1;
    if (head + tail + 1 >= sizeof swapped) return NULL;
    memcpy(swapped, comma + 1, tail);
    swapped[tail] = ' ';
    memcpy(swapped + tail + 1, text, head);
    char key[COUNTRY_KEY_MAX];
    country_fold(swapped, head + tail + 1, key);
    return country_find_key(key, text_upper(text, len), depth + 1);
}

/* The code TEXT (LEN bytes) names: whole, then the structural retries. */
static const char *country_resolve(const char *text, size_t len, int depth) {
    char key[COUNTRY_KEY_MAX];
    country_fold(text, len, key);
    if (!key[0]) return NULL;
    const char *code = country_find_key(key, text_upper(text, len), depth);
    if (code || depth > COUNTRY_DEPTH_MAX) return code;
    if (memchr(text, '/', len)) return resolve_slash(text, len, depth);
    if ((code = resolve_brackets(text, len, depth))) return code;
    return resolve_inverted(text, len, depth);
}

/* The codes found so far by embargo_country_codes. */
typedef struct {
    const char **codes;
    size_t n, max;
} country_list;

static void list_add(country_list *list, const char *code) {
    for (size_t i = 0; i < list->n; i++)
        if (list->codes[i] == code) return;
    if (list->n < list->max) list->codes[list->n++] = code;
}

enum { SPLIT_ENUM, SPLIT_SLASH, SPLIT_COMMA, SPLIT_WORDS, SPLIT_LEVELS };

/* Length of the separator at TEXT[I] for LEVEL (0 when none). */
static size_t split_separator(const char *text, size_t len, size_t i, int level) {
    static const char *const words[] = {"and", "or", "et"};
    switch (level) {
    case SPLIT_ENUM: return text[i] == ';';
    case SPLIT_SLASH: return text[i] == '/';
    case SPLIT_COMMA: return text[i] == ',';
    default:
        if (i > 0 && isalnum((unsigned char)text[i - 1])) return 0;
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            size_t n = strlen(words[w]);
            if (i + n <= len && strncasecmp(text + i, words[w], n) == 0 &&
                (i + n == len || !isalnum((unsigned char)text[i + n])))
                return n;
        }
        return 0;
    }
}

/* Splits TEXT at LEVEL's separators into at most MAX parts (START, LEN pairs). */
static size_t split_parts(const char *text, size_t len, int level, size_t *start, size_t *plen,
                          size_t max) {
    size_t n = 0, from = 0;
    for (size_t i = 0; i < len && n + 1 < max;) {
        size_t sep = split_separator(text, len, i, level);
        if (!sep) {
            i++;
            continue;
        }
        start[n] = from;
        plen[n++] = i - from;
        from = i += sep;
    }
    start[n] = from;
    plen[n++] = len - from;
    return n;
}

#define COUNTRY_PARTS_MAX 32

/* Adds the countries TEXT (LEN bytes) names to LIST, splitting from LEVEL on. */
static void country_split(const char *text, size_t len, int level, country_list *list) {
    const char *code = country_resolve(text, len, 0);
    if (code || level >= SPLIT_LEVELS) {
        if (code) list_add(list, code);
        return;
    }
    size_t start[COUNTRY_PARTS_MAX], plen[COUNTRY_PARTS_MAX];
    size_t n = split_parts(text, len, level, start, plen, COUNTRY_PARTS_MAX);
    if (n == 1) {
        country_split(text, len, level + 1, list);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n) {
            size_t span = start[i + 1] + plen[i + 1] - start[i];
            if ((code = country_resolve(text + start[i], span, 0))) {
                list_add(list, code);
                i++;
                continue;
            }
        }
        country_split(text + start[i], plen[i], level + 1, list);
    }
}

/* Length of an enumeration mark at TEXT[I] - "(1)", "(1-3)", "a)", "iv)" - or 0. */
static size_t enum_mark(const char *text, size_t len, size_t i) {
    if (text[i] == '(') {
        size_t j = i + 1;
        while (j < len && (isdigit((unsigned char)text[j]) || text[j] == '-' || text[j] == ' '))
            j++;
        return j > i + 1 && j < len && text[j] == ')' && isdigit((unsigned char)text[i + 1])
                   ? j + 1 - i : 0;
    }
    if (i > 0 && !isspace((unsigned char)text[i - 1]) && text[i - 1] != ';') return 0;
    size_t j = i;
    while (j < len && j < i + 4 && islower((unsigned char)text[j])) j++;
    bool roman = strspn(text + i, "ivx") >= j - i;
    return j < len && text[j] == ')' && (j == i + 1 || roman) && j > i ? j + 1 - i : 0;
}

size_t embargo_country_codes(const char *text, const char **codes, size_t max) {
    if (!text || !codes || !max) return 0;
    pthread_once(&country_once, country_build);
    if (!country_keys) return 0;
    size_t len = strlen(text);
    const char *whole = country_resolve(text, len, 0);
    if (whole) {
        codes[0] = whole;
        return 1;
    }
    char *copy = malloc(len + 1);
    if (!copy) return 0;
    for (size_t i = 0; i < len;) {
        size_t mark = enum_mark(text, len, i);
        if (!mark) {
            copy[i] = text[i];
            i++;
            continue;
        }
        memset(copy + i, ' ', mark);
        copy[i] = ';';
        i += mark;
    }
    copy[len] = '\0';
    country_list list = {codes, 0, max};
    country_split(copy, len, SPLIT_ENUM, &list);
    free(copy);
    return list.n;
}

const char *embargo_country_code(const char *text) {
    if (!text) return NULL;
    pthread_once(&country_once, country_build);
    if (!country_keys) return NULL;
    return country_resolve(text, strlen(text), 0);
}

/* True when the folded word (LEN bytes, HASH its running country_word_hash) is a word of some key. */
static bool country_word_known(const char *folded, size_t len, uint64_t hash) {
    return len && country_word_find(hash | 1, folded, len)->hash;
}

bool embargo_country_word(const char *word, size_t len) {
    if (!word) return false;
    if (!atomic_load_explicit(&country_ready, memory_order_acquire)) pthread_once(&country_once, country_build);
    if (!country_keys || !country_words) return true; /* no table of words: anything may be */
    /* Folded as country_fold folds, word by word: every key a text resolves to is made of such words. */
    char folded[COUNTRY_KEY_MAX];
    size_t n = 0;
    uint64_t h = WORD_HASH_SEED;
    const unsigned char *p = (const unsigned char *)word;
    for (size_t i = 0; i < len;) {
        int32_t cp = p[i];
        char c;
        if (cp >= 'a' && cp <= 'z') c = (char)cp, i++; /* the common case, without the calls */
        else if (cp >= 'A' && cp <= 'Z') c = (char)(cp - 'A' + 'a'), i++;
        else {
            if (cp < 0x80) i++;
            else i += (size_t)utf8_decode(p + i, len - i, &cp);
            if (fold_ignored(cp)) continue;
            c = fold_char(cp);
        }
        if (c) {
            if (n < sizeof folded) folded[n] = c; /* longer than any key: never known */
            n++;
            h = WORD_HASH_STEP(h, c);
            continue;
        }
        if (n < sizeof folded && country_word_known(folded, n, h)) return true;
        if (cp == '&' && country_word_known("and", 3, country_word_hash("and", 3))) return true;
        n = 0, h = WORD_HASH_SEED;
    }
    return n < sizeof folded && country_word_known(folded, n, h);
}

const char *embargo_country_name(const char *code) {
    if (!code) return NULL;
    for (size_t r = 0; r < country_row_count; r++)
        if (strcasecmp(country_rows[r].alpha2, code) == 0) return country_rows[r].name;
    return NULL;
}
