/*
 * goods.c - see goods.h. The table is small (hundreds of lines): codes are
 * kept as digit strings and tried as prefixes one by one; terms are kept as
 * word arrays sorted by their first word. A text scan reads its tokens in
 * place (never copied) and asks a filter of the terms' first words whether a
 * token may begin one: most words of a text begin none, and only those that
 * may are copied and looked up (one binary search).
 */
#include "screen/goods.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "screen/datafile.h"

typedef struct {
    char id[GOODS_WORD_LEN];
    char *text;
} goods_category;

typedef struct {
    char digits[11];              /* 2 to 10 digits */
    goods_set set;
    char *description;
} goods_code;

typedef struct {
    char words[GOODS_MAX_TERM_WORDS][GOODS_WORD_LEN];
    size_t n_words;
    char *text;                   /* the phrase as written */
    goods_set set;
} goods_term;

#define LEAD_BITS 65536
struct goods_table {
    goods_category cats[GOODS_MAX_CATEGORIES];
    size_t n_cats;
    goods_code *codes;
    size_t n_codes, cap_codes;
    goods_term *terms;            /* sorted by words[0] once loaded */
    size_t n_terms, cap_terms;
    uint64_t lead[LEAD_BITS / 64]; /* a bit per lead_key of each form of a term's first word (may_lead) */
    uint32_t first[257];          /* terms[first[b] .. first[b + 1]) are those whose first word begins with byte b */
};

/* ---- tokens --------------------------------------------------------------- */

typedef struct {
    size_t start, end;
} goods_token;

/*
 * Token bytes: ASCII letters and digits (as isalnum reads them below 128),
 * by a table, as this runs per byte of a text. A token is a run of one
 * kind: "152mm" is "152" and "mm". Tokens are compared in lower case.
 */
enum { TOKEN_NONE, TOKEN_LETTER, TOKEN_DIGIT };
#define R2(v) v, v
#define R8(v) v, v, v, v, v, v, v, v
static const unsigned char token_kind[256] = {
    ['0'] = R8(TOKEN_DIGIT), R2(TOKEN_DIGIT),
    ['A'] = R8(TOKEN_LETTER), R8(TOKEN_LETTER), R8(TOKEN_LETTER), R2(TOKEN_LETTER),
    ['a'] = R8(TOKEN_LETTER), R8(TOKEN_LETTER), R8(TOKEN_LETTER), R2(TOKEN_LETTER),
};
#undef R2
#undef R8

/* The next token of TEXT from *POS (its place only); false at the end. Over-long words are skipped. */
static bool next_token(const char *text, size_t len, size_t *pos, goods_token *t) {
    const unsigned char *p = (const unsigned char *)text;
    size_t i = *pos;
    for (;;) {
        while (i < len && !token_kind[p[i]]) i++;
        if (i >= len) return *pos = i, false;
        size_t s = i;
        unsigned char kind = token_kind[p[i]];
        while (++i < len && token_kind[p[i]] == kind) continue;
        if (i - s < GOODS_WORD_LEN) return t->start = s, t->end = i, *pos = i, true;
    }
}

/* Token T of TEXT into W (GOODS_WORD_LEN bytes), in lower case. */
static void token_word(const char *text, const goods_token *t, char *w) {
    unsigned char lower = token_kind[(unsigned char)text[t->start]] == TOKEN_LETTER ? 0x20 : 0;
    size_t n = t->end - t->start;
    for (size_t i = 0; i < n; i++) w[i] = (char)((unsigned char)text[t->start + i] | lower);
    w[n] = '\0';
}

/*
 * The filter's key of a word of LEN bytes whose first bytes (up to four, in
 * lower case) are HEAD: a term's first word is met by the text word W when W
 * is it, or it with "s" or "es", and each form is in the filter by its key,
 * so one probe tells most words of a text apart from all of them.
 */
static inline unsigned lead_key(uint32_t head, size_t len) {
    return (unsigned)((head * 0x9E3779B1u + (uint32_t)len * 0x85EBCA77u) >> 16) & (LEAD_BITS - 1);
}

/*
 * The first four bytes of the LEN at S (fewer: zeros), each ORed with
 * LOWER; as one load when four bytes may be read there (AVAIL, LEN or
 * more), the bytes past LEN masked off.
 */
static inline uint32_t head_of(const unsigned char *s, size_t len, size_t avail, unsigned char lower) {
    uint32_t h = 0;
    if (avail >= 4) {
        memcpy(&h, s, 4); /* byte order is the machine's, on both sides */
        return len >= 4 ? h | lower * 0x01010101u : (h | lower * 0x01010101u) & ((1u << (8 * len)) - 1);
    }
    for (size_t i = 0; i < len; i++) h |= (uint32_t)(s[i] | lower) << (8 * i);
    return h;
}

static void lead_add(goods_table *t, const char *form) {
    size_t len = strlen(form);
    unsigned k = lead_key(head_of((const unsigned char *)form, len, len, 0), len);
    t->lead[k >> 6] |= 1ull << (k & 63);
}

/* Whether token T of TEXT (LEN bytes) may begin a term (false: it begins none). */
static inline bool may_lead(const goods_table *t, const char *text, size_t len, const goods_token *tok) {
    const unsigned char *s = (const unsigned char *)text + tok->start;
    size_t n = tok->end - tok->start;
    unsigned k = lead_key(head_of(s, n, len - tok->start, token_kind[*s] == TOKEN_LETTER ? 0x20 : 0), n);
    return (t->lead[k >> 6] >> (k & 63)) & 1;
}

/* True when text word W is the term word T, or T with a plural ending. */
static bool word_matches(const char *w, const char *t) {
    size_t n = strlen(t);
    if (strncmp(w, t, n) != 0) return false;
    return w[n] == '\0' || (w[n] == 's' && w[n + 1] == '\0') || (w[n] == 'e' && w[n + 1] == 's' && w[n + 2] == '\0');
}

/* ---- loading -------------------------------------------------------------- */

int goods_category_find(const goods_table *t, const char *id) {
    for (size_t i = 0; i < t->n_cats; i++)
        if (strcmp(t->cats[i].id, id) == 0) return (int)i;
    return -1;
}

/* Parses "a,b,c" into a set; false (with the error set) on an unknown id. */
static bool parse_set(datafile *df, const goods_table *t, const char *list, goods_set *out) {
    *out = 0;
    char id[GOODS_WORD_LEN];
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 0 || n >= sizeof id) return datafile_fail(df, "bad category list '%s'", list);
        memcpy(id, p, n);
        id[n] = '\0';
        int c = goods_category_find(t, id);
        if (c < 0) return datafile_fail(df, "unknown goods category '%s' (declare it with a category line)", id);
        *out |= (goods_set)1 << c;
        p += n + (p[n] == ',');
    }
    return *out != 0 || datafile_fail(df, "no category");
}

static bool add_category(datafile *df, goods_table *t) {
    const char *p = df->value;
    char id[GOODS_WORD_LEN];
    if (!datafile_word(&p, id, sizeof id)) return datafile_fail(df, "category needs an id and a description");
    while (isspace((unsigned char)*p)) p++;
    if (!*p) return datafile_fail(df, "category '%s' needs a description", id);
    if (goods_category_find(t, id) >= 0) return datafile_fail(df, "category '%s' declared twice", id);
    if (t->n_cats == GOODS_MAX_CATEGORIES) return datafile_fail(df, "more than %d categories", GOODS_MAX_CATEGORIES);
    for (const char *c = id; *c; c++)
        if (!islower((unsigned char)*c) && *c != '-') return datafile_fail(df, "category id '%s': lower-case letters and '-' only", id);
    goods_category *cat = &t->cats[t->n_cats];
    memcpy(cat->id, id, sizeof id);
    if (!(cat->text = strdup(p))) return datafile_fail(df, "out of memory");
    t->n_cats++;
    return true;
}

static bool grow(void **items, size_t *cap, size_t n, size_t size) {
    if (n < *cap) return true;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = realloc(*items, ncap * size);
    if (!p) return false;
    *items = p;
    *cap = ncap;
    return true;
}

static bool add_code(datafile *df, goods_table *t) {
    const char *p = df->value;
    char code[16], cats[256];
    if (!datafile_word(&p, code, sizeof code) || !datafile_word(&p, cats, sizeof cats))
        return datafile_fail(df, "hs needs a code, categories and a description");
    size_t n = strlen(code);
    if (n < 2 || n > 10 || n % 2 != 0 || strspn(code, "0123456789") != n)
        return datafile_fail(df, "HS code '%s' must be 2, 4, 6, 8 or 10 digits", code);
    while (isspace((unsigned char)*p)) p++;
    if (!*p) return datafile_fail(df, "HS code %s needs a description", code);
    if (!grow((void **)&t->codes, &t->cap_codes, t->n_codes, sizeof *t->codes)) return datafile_fail(df, "out of memory");
    goods_code *c = &t->codes[t->n_codes];
    memcpy(c->digits, code, n + 1);
    if (!parse_set(df, t, cats, &c->set)) return false;
    if (!(c->description = strdup(p))) return datafile_fail(df, "out of memory");
    t->n_codes++;
    return true;
}

static bool add_term(datafile *df, goods_table *t) {
    const char *p = df->value;
    char cats[256];
    if (!datafile_word(&p, cats, sizeof cats)) return datafile_fail(df, "term needs categories and a phrase");
    while (isspace((unsigned char)*p)) p++;
    if (!grow((void **)&t->terms, &t->cap_terms, t->n_terms, sizeof *t->terms)) return datafile_fail(df, "out of memory");
    goods_term *term = &t->terms[t->n_terms];
    memset(term, 0, sizeof *term);
    if (!parse_set(df, t, cats, &term->set)) return false;
    size_t pos = 0, len = strlen(p);
    goods_token tok;
    while (next_token(p, len, &pos, &tok)) {
        if (term->n_words == GOODS_MAX_TERM_WORDS) return datafile_fail(df, "a term has at most %d words", GOODS_MAX_TERM_WORDS);
        token_word(p, &tok, term->words[term->n_words++]);
    }
    if (term->n_words == 0) return datafile_fail(df, "term needs a phrase of letters or digits");
    if (!(term->text = strdup(p))) return datafile_fail(df, "out of memory");
    t->n_terms++;
    return true;
}

static int term_cmp(const void *a, const void *b) {
    const goods_term *x = a, *y = b;
    int c = strcmp(x->words[0], y->words[0]);
    return c ? c : (int)y->n_words - (int)x->n_words; /* longer first */
}

static bool read_entry(datafile *df, goods_table *t, bool *have_format) {
    if (strcmp(df->key, "format") == 0) {
        if (strcmp(df->value, "embargo-goods 1") != 0)
            return datafile_fail(df, "unsupported format '%s' (this embargo reads 'embargo-goods 1')", df->value);
        return *have_format = true;
    }
    if (!*have_format) return datafile_fail(df, "the file must start with 'format embargo-goods 1'");
    if (strcmp(df->key, "category") == 0) return add_category(df, t);
    if (strcmp(df->key, "hs") == 0) return add_code(df, t);
    if (strcmp(df->key, "term") == 0) return add_term(df, t);
    return datafile_fail(df, "unknown entry '%s' (format, category, hs or term)", df->key);
}

bool goods_load(const char *path, goods_table **out, char *err, size_t err_size) {
    *out = NULL;
    datafile df;
    if (!datafile_open(&df, path, err, err_size)) return false;
    goods_table *t = calloc(1, sizeof *t);
    bool have_format = false;
    int r;
    if (!t) datafile_fail(&df, "out of memory");
    while (t && (r = datafile_next(&df)) >= 0)
        if (r == 1 && !read_entry(&df, t, &have_format)) break;
    if (!df.failed && t && (t->n_codes == 0 || !have_format)) {
        df.line = 0;
        datafile_fail(&df, "no HS codes in the file");
    }
    bool ok = !df.failed;
    datafile_close(&df);
    if (!ok) {
        goods_free(t);
        return false;
    }
    if (t->n_terms) qsort(t->terms, t->n_terms, sizeof *t->terms, term_cmp); /* NULL with none: qsort must not see it */
    for (size_t i = 0; i < t->n_terms; i++) {
        char form[GOODS_WORD_LEN + 2];
        static const char *const endings[] = {"", "s", "es"};
        for (size_t e = 0; e < sizeof endings / sizeof *endings; e++)
            lead_add(t, strcat(strcpy(form, t->terms[i].words[0]), endings[e]));
    }
    for (unsigned b = 0, i = 0; b <= 256; b++) { /* sorted by strcmp: each first byte's terms are together */
        while (b < 256 && i < t->n_terms && (unsigned char)t->terms[i].words[0][0] < b) i++;
        t->first[b] = b < 256 ? i : (uint32_t)t->n_terms;
    }
    *out = t;
    return true;
}

void goods_free(goods_table *t) {
    if (!t) return;
    for (size_t i = 0; i < t->n_cats; i++) free(t->cats[i].text);
    for (size_t i = 0; i < t->n_codes; i++) free(t->codes[i].description);
    for (size_t i = 0; i < t->n_terms; i++) free(t->terms[i].text);
    free(t->codes);
    free(t->terms);
    free(t);
}

/* ---- lookups -------------------------------------------------------------- */

size_t goods_category_count(const goods_table *t) { return t->n_cats; }
const char *goods_category_id(const goods_table *t, size_t i) { return t->cats[i].id; }
const char *goods_category_text(const goods_table *t, size_t i) { return t->cats[i].text; }

char *goods_set_format(const goods_table *t, goods_set set, char *out, size_t size) {
    size_t used = 0;
    if (size) out[0] = '\0';
    for (size_t i = 0; i < t->n_cats && size; i++) {
        if (!(set >> i & 1)) continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? "," : "", t->cats[i].id);
        if (n < 0 || (size_t)n >= size - used) break;
        used += (size_t)n;
    }
    return out;
}

goods_set goods_by_code(const goods_table *t, const char *hs, const char **description) {
    char digits[16];
    size_t n = 0;
    if (description) *description = NULL;
    for (const char *p = hs ? hs : ""; *p && n + 1 < sizeof digits; p++)
        if (isdigit((unsigned char)*p)) digits[n++] = *p;
    digits[n] = '\0';
    if (n < 2) return 0;
    goods_set set = 0;
    size_t best = 0;
    for (size_t i = 0; i < t->n_codes; i++) {
        size_t k = strlen(t->codes[i].digits);
        if (k > n || memcmp(t->codes[i].digits, digits, k) != 0) continue;
        set |= t->codes[i].set;
        if (k > best && description) best = k, *description = t->codes[i].description;
    }
    return set;
}

/* The first term whose first word W matches, or where it would be (the end of W's first byte's terms). */
static size_t first_term(const goods_table *t, const char *w) {
    size_t lo = t->first[(unsigned char)w[0]], hi = t->first[(unsigned char)w[0] + 1];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(t->terms[mid].words[0], w) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The longest term whose words are W[0..N) (lower case), or NULL. */
static const goods_term *match_at(const goods_table *t, char (*w)[GOODS_WORD_LEN], size_t n) {
    const goods_term *best = NULL;
    char stem[GOODS_WORD_LEN];
    /* The plural forms sort after the term word: look up the word and its stems. */
    size_t len = strlen(w[0]);
    for (int cut = 0; cut <= 2; cut++) {
        if ((size_t)cut >= len) break;
        if (cut == 1 && w[0][len - 1] != 's') continue;
        if (cut == 2 && strcmp(w[0] + len - 2, "es") != 0) continue;
        size_t stem_len = len - (size_t)cut;
        memcpy(stem, w[0], stem_len);
        stem[stem_len] = '\0';
        for (size_t i = first_term(t, stem); i < t->n_terms && strcmp(t->terms[i].words[0], stem) == 0; i++) {
            const goods_term *term = &t->terms[i];
            if (term->n_words > n || (best && best->n_words >= term->n_words)) continue;
            bool ok = word_matches(w[0], term->words[0]);
            for (size_t k = 1; ok && k < term->n_words; k++) ok = word_matches(w[k], term->words[k]);
            if (ok) best = term;
        }
    }
    return best;
}

/*
 * The longest term at token FIRST (one the filter let through): it and up
 * to GOODS_MAX_TERM_WORDS - 1 tokens after it, copied in lower case, looked
 * up. *END gets the end of the term's last token.
 */
static const goods_term *term_at(const goods_table *t, const char *text, size_t len, const goods_token *first,
                                 size_t *end) {
    char w[GOODS_MAX_TERM_WORDS][GOODS_WORD_LEN];
    size_t ends[GOODS_MAX_TERM_WORDS], n = 1, pos = first->end;
    goods_token tok;
    token_word(text, first, w[0]);
    ends[0] = first->end;
    for (; n < GOODS_MAX_TERM_WORDS && next_token(text, len, &pos, &tok); n++)
        token_word(text, &tok, w[n]), ends[n] = tok.end;
    const goods_term *term = match_at(t, w, n);
    if (term) *end = ends[term->n_words - 1];
    return term;
}

void goods_scanner_init(goods_scanner *s, const goods_table *t, const char *text, size_t len,
                        bool (*fn)(void *user, const goods_mention *m), void *user) {
    *s = (goods_scanner){t, text, len, 0, fn, user, t->n_terms == 0, 0};
}

/* The term at TOK (a token the filter let through), if any: reported, and S's place moved past it. */
static void scan_term(goods_scanner *s, const goods_token *tok) {
    size_t end;
    const goods_term *term = term_at(s->table, s->text, s->len, tok, &end);
    if (!term) return;
    goods_mention m = {tok->start, end, term->text, term->set};
    s->found |= term->set;
    s->pos = end; /* the term's tokens are used: the next term starts after them */
    if (s->fn && !s->fn(s->user, &m)) s->stopped = true;
}

void goods_scan_until(goods_scanner *s, size_t upto) {
    const unsigned char *p = (const unsigned char *)s->text;
    goods_token tok;
    while (!s->stopped) {
        while (s->pos < upto && !token_kind[p[s->pos]]) s->pos++; /* no token begins here: not read further */
        if (s->pos >= upto || !next_token(s->text, s->len, &s->pos, &tok)) return;
        if (may_lead(s->table, s->text, s->len, &tok)) scan_term(s, &tok);
    }
}

void goods_scan_letters(goods_scanner *s, size_t start, size_t end) {
    const unsigned char *p = (const unsigned char *)s->text;
    while (s->pos < start && !token_kind[p[s->pos]]) s->pos++; /* the white space before the word, most often */
    bool alone = s->pos == start && (end == s->len || token_kind[p[end]] != TOKEN_LETTER); /* the token is START..END */
    if (!alone || s->stopped || end - start >= GOODS_WORD_LEN) {
        goods_scan_until(s, end); /* a token before it, or the word is no token of its own */
        return;
    }
    goods_token tok = {start, end};
    s->pos = end;
    if (may_lead(s->table, s->text, s->len, &tok)) scan_term(s, &tok); /* else, most words, it begins no term */
}

goods_set goods_scan(const goods_table *t, const char *text, size_t len,
                     bool (*fn)(void *user, const goods_mention *m), void *user) {
    goods_scanner s;
    goods_scanner_init(&s, t, text, len, fn, user);
    goods_scan_until(&s, len);
    return s.found;
}
