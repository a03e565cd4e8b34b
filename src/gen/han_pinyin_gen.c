/*
 * han_pinyin_gen.c - build-time generator of the Han pinyin table
 * (src/text/han_latin.c reads it): runs ICU "Han-Latin; Latin-ASCII" over
 * every CJK ideograph the scanner sends as Han and writes the syllables as a
 * C source file in the build folder. Nothing it writes is committed.
 *
 *   han_pinyin_gen OUTPUT.c
 *
 * Why: opening ICU's Han-Latin transliterator parses its whole rule set and
 * takes about 94 ms, which every `embargo search` or `screen` with one
 * Chinese name paid at start-up. What ICU does to a run of ideographs is, with
 * few exceptions, one syllable per ideograph joined by spaces, so a table
 * gives the same text. The exceptions are found, not assumed:
 *  - a rule of Han-Latin other than "[set] > syllable;" is read from
 *    utrans_toRules(). One of the form "{A}' '?B > s;" (A read s before B)
 *    becomes a pair entry, checked by transliterating "AB"; any other names
 *    its ideographs as ICU-only (left out of the table: the runtime falls back
 *    to ICU for a run holding one);
 *  - an ideograph whose transliteration is not one lower-case ASCII syllable
 *    (unmapped, several words) is left out the same way;
 *  - a sample of random runs is transliterated whole and compared with the
 *    table's answer; any difference fails the build.
 *
 * Table format (see src/text/han_pinyin.h): syllables as one NUL-separated
 * pool with offsets; entries sorted by code point, each (cp << 11 | syllable);
 * pairs sorted by (first, second).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#define SYL_BITS 11
#define MAX_SYL (1 << SYL_BITS)
#define OUT_MAX 256
#define N_SAMPLES 20000
#define SAMPLE_MAX_LEN 8

/* The code points normalize.c classes as Han (block_class, C_HAN). */
static const struct { int32_t lo, hi; } han_ranges[] = {
    {0x3005, 0x3005}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x3FFFF},
};

typedef struct {
    int32_t a, b;
    int syl;
} pair_entry;

static UTransliterator *translit;        /* "Han-Latin; Latin-ASCII" */
static int16_t *syl_of;                  /* per code point: syllable index, -1 none */
static char syl_text[MAX_SYL][16];
static int n_syl;
static pair_entry pairs[256];
static int n_pairs;

static void die(const char *what, const char *detail) {
    fprintf(stderr, "han_pinyin_gen: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static UTransliterator *open_translit(const char *rules_id) {
    UChar id[64];
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(id, 64, NULL, rules_id, -1, &err);
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
    if (U_FAILURE(err))
        die("cannot open ICU transliterator", u_errorName(err));
    return t;
}

/* ICU's transliteration of the code points CPS[0..N) into OUT (UTF-8); false on error. */
static bool icu(const int32_t *cps, int n, char *out, size_t cap) {
    UChar text[OUT_MAX];
    int32_t len = 0;
    for (int i = 0; i < n; i++) {
        UBool bad = false;
        U16_APPEND(text, len, OUT_MAX, cps[i], bad);
        if (bad)
            return false;
    }
    UErrorCode err = U_ZERO_ERROR;
    int32_t limit = len;
    utrans_transUChars(translit, text, &len, OUT_MAX, 0, &limit, &err);
    if (U_FAILURE(err))
        return false;
    int32_t n_out = 0;
    u_strToUTF8(out, (int32_t)cap - 1, &n_out, text, len, &err);
    if (U_FAILURE(err))
        return false;
    out[n_out] = '\0';
    return true;
}

static bool one_syllable(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof syl_text[0])
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return true;
}

static int syllable_index(const char *s) {
    for (int i = 0; i < n_syl; i++)
        if (strcmp(syl_text[i], s) == 0)
            return i;
    if (n_syl == MAX_SYL)
        die("more syllables than the table format holds", s);
    strcpy(syl_text[n_syl], s);
    return n_syl++;
}

/* Pass 1: every ideograph alone. */
static void read_singles(void) {
    for (size_t r = 0; r < sizeof han_ranges / sizeof *han_ranges; r++) {
        for (int32_t cp = han_ranges[r].lo; cp <= han_ranges[r].hi; cp++) {
            char out[OUT_MAX];
            if (!u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC) || !u_isalpha(cp))
                continue;
            if (icu(&cp, 1, out, sizeof out) && one_syllable(out))
                syl_of[cp] = (int16_t)syllable_index(out);
        }
    }
}

/* The single code point CP normalizes to under NFKC, or CP itself. */
static int32_t nfkc(int32_t cp) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n2 = unorm2_getNFKCInstance(&err);
    UChar src[2], dst[8];
    int32_t len = 0;
    UBool bad = false;
    U16_APPEND(src, len, 2, cp, bad);
    int32_t n = unorm2_normalize(n2, src, len, dst, 8, &err);
    if (U_FAILURE(err) || bad)
        return cp;
    int32_t out;
    int32_t i = 0;
    U16_NEXT(dst, i, n, out);
    return i == n ? out : cp;
}

/* Leaves CP and every ideograph that normalizes to it out of the table. */
static void exclude(int32_t cp) {
    int32_t base = nfkc(cp);
    for (size_t r = 0; r < sizeof han_ranges / sizeof *han_ranges; r++)
        for (int32_t c = han_ranges[r].lo; c <= han_ranges[r].hi; c++)
            if (syl_of[c] >= 0 && (c == cp || c == base || nfkc(c) == base))
                syl_of[c] = -1;
}

static bool is_han(int32_t cp) {
    for (size_t r = 0; r < sizeof han_ranges / sizeof *han_ranges; r++)
        if (cp >= han_ranges[r].lo && cp <= han_ranges[r].hi)
            return true;
    return false;
}

/* "{A}' '?B > ...": the pair candidate (A, B); false for any other shape. */
static bool context_rule(const UChar *line, int32_t n, int32_t *a, int32_t *b) {
    int32_t i = 0, c;
    if (n < 8 || line[0] != '{')
        return false;
    i = 1;
    U16_NEXT(line, i, n, c);
    *a = c;
    if (i >= n || line[i] != '}')
        return false;
    i++;
    static const UChar space_opt[] = {'\'', ' ', '\'', '?'};
    if (i + 4 <= n && memcmp(line + i, space_opt, sizeof space_opt) == 0)
        i += 4;
    U16_NEXT(line, i, n, c);
    *b = c;
    return is_han(*a) && is_han(*b) && i + 3 <= n && line[i] == ' ' && line[i + 1] == '>';
}

/* Adds the pair (A, B) when ICU reads A otherwise before B; excludes both when ICU's answer has another shape. */
static void check_pair(int32_t a, int32_t b) {
    char out[OUT_MAX], expect_tail[32];
    int32_t cps[2] = {a, b};
    if (syl_of[a] < 0 || syl_of[b] < 0)
        return;
    if (!icu(cps, 2, out, sizeof out))
        die("ICU failed on a pair", NULL);
    snprintf(expect_tail, sizeof expect_tail, " %s", syl_text[syl_of[b]]);
    char *sp = strchr(out, ' ');
    if (!sp || strcmp(sp, expect_tail) != 0) {
        exclude(a);
        exclude(b);
        return;
    }
    *sp = '\0';
    if (strcmp(out, syl_text[syl_of[a]]) == 0)
        return;
    if (!one_syllable(out) || n_pairs == (int)(sizeof pairs / sizeof *pairs)) {
        exclude(a);
        exclude(b);
        return;
    }
    pairs[n_pairs++] = (pair_entry){a, b, syllable_index(out)};
}

/* Every ideograph in the table that normalizes to CP, into OUT (up to CAP); returns the count. */
static int variants(int32_t cp, int32_t *out, int cap) {
    int n = 0;
    for (size_t r = 0; r < sizeof han_ranges / sizeof *han_ranges; r++)
        for (int32_t c = han_ranges[r].lo; c <= han_ranges[r].hi && n < cap; c++)
            if (syl_of[c] >= 0 && (c == cp || nfkc(c) == cp))
                out[n++] = c;
    return n;
}

/* Handles one rule line of Han-Latin that is not "[set] > syllable;". */
static void special_rule(const UChar *line, int32_t n) {
    int32_t a, b;
    if (context_rule(line, n, &a, &b)) {
        int32_t va[8], vb[8];
        int na = variants(nfkc(a), va, 8), nb = variants(nfkc(b), vb, 8);
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                check_pair(va[i], vb[j]);
        return;
    }
    for (int32_t i = 0; i < n;) {
        int32_t c;
        U16_NEXT(line, i, n, c);
        if (is_han(c))
            exclude(c);
    }
}

static bool simple_rule(const UChar *line, int32_t n) {
    if (n < 6 || line[0] != '[')
        return false;
    int32_t i = 1;
    while (i < n && line[i] != ']' && line[i] != '{' && line[i] != '}')
        i++;
    return i + 3 < n && line[i] == ']' && line[i + 1] == ' ' && line[i + 2] == '>' && line[i + 3] == ' ';
}

/* Pass 2: the rules of Han-Latin that are not one set to one syllable. */
static void read_rules(void) {
    UTransliterator *hl = open_translit("Han-Latin");
    UErrorCode err = U_ZERO_ERROR;
    int32_t cap = 1 << 22;
    UChar *rules = malloc((size_t)cap * sizeof(UChar));
    if (!rules)
        die("out of memory", NULL);
    int32_t n = utrans_toRules(hl, false, rules, cap, &err);
    if (U_FAILURE(err))
        die("cannot read the Han-Latin rules", u_errorName(err));
    for (int32_t start = 0; start < n;) {
        int32_t end = start;
        while (end < n && rules[end] != '\n')
            end++;
        const UChar *line = rules + start;
        int32_t len = end - start;
        bool directive = len >= 2 && line[0] == ':' && line[1] == ':';
        if (len > 0 && !directive && !simple_rule(line, len))
            special_rule(line, len);
        start = end + 1;
    }
    free(rules);
    utrans_close(hl);
}

/* The table's reading of CPS[0..N) into OUT. */
static void table_reading(const int32_t *cps, int n, char *out, size_t cap) {
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        int syl = syl_of[cps[i]];
        for (int k = 0; i + 1 < n && k < n_pairs; k++)
            if (pairs[k].a == cps[i] && pairs[k].b == cps[i + 1])
                syl = pairs[k].syl;
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? " " : "", syl_text[syl]);
    }
}

/* Pass 3: random runs of the table's ideographs (pair members often), whole through ICU. */
static void check_sample(void) {
    int32_t *pool = malloc(0x40000 * sizeof *pool);
    int n_pool = 0;
    if (!pool)
        die("out of memory", NULL);
    for (int32_t c = 0; c < 0x40000; c++)
        if (syl_of[c] >= 0)
            pool[n_pool++] = c;
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    for (int k = 0; k < N_SAMPLES; k++) {
        int32_t cps[SAMPLE_MAX_LEN];
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        int n = 1 + (int)(s % SAMPLE_MAX_LEN);
        for (int i = 0; i < n; i++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            bool pair_member = n_pairs > 0 && (s >> 40) % 4 == 0;
            const pair_entry *p = &pairs[(s >> 20) % (n_pairs ? (uint64_t)n_pairs : 1)];
            cps[i] = pair_member ? ((s >> 50) % 2 ? p->a : p->b) : pool[(s >> 8) % (uint64_t)n_pool];
        }
        char want[OUT_MAX * 4], got[OUT_MAX * 4];
        if (!icu(cps, n, want, sizeof want))
            die("ICU failed on a sample run", NULL);
        table_reading(cps, n, got, sizeof got);
        if (strcmp(want, got) != 0) {
            fprintf(stderr, "han_pinyin_gen: ICU reads a run as \"%s\", the table as \"%s\" (first U+%04X)\n",
                    want, got, (unsigned)cps[0]);
            exit(1);
        }
    }
    free(pool);
}

static int cmp_syl(const void *x, const void *y) {
    return strcmp(syl_text[*(const int *)x], syl_text[*(const int *)y]);
}

static int cmp_pair(const void *x, const void *y) {
    const pair_entry *p = x, *q = y;
    return p->a != q->a ? (p->a > q->a) - (p->a < q->a) : (p->b > q->b) - (p->b < q->b);
}

/* Writes the table, syllables sorted, to PATH. */
static void write_table(const char *path) {
    int order[MAX_SYL], rank[MAX_SYL];
    const char *sorted[MAX_SYL];
    for (int i = 0; i < n_syl; i++)
        order[i] = i;
    qsort(order, (size_t)n_syl, sizeof *order, cmp_syl);
    for (int i = 0; i < n_syl; i++) {
        sorted[i] = syl_text[order[i]];
        rank[order[i]] = i;
    }
    qsort(pairs, (size_t)n_pairs, sizeof *pairs, cmp_pair);
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot write", path);
    fprintf(f, "/* Generated by han_pinyin_gen from ICU %s Han-Latin; do not edit. */\n", U_ICU_VERSION);
    fprintf(f, "#include \"text/han_pinyin.h\"\n\nconst char han_pinyin_pool[] =");
    unsigned offsets[MAX_SYL], at = 0;
    for (int i = 0; i < n_syl; i++) {
        offsets[i] = at;
        at += (unsigned)strlen(sorted[i]) + 1;
        fprintf(f, "%s\"%s\\0\"", i % 8 ? " " : "\n    ", sorted[i]);
    }
    fprintf(f, ";\n\nconst uint16_t han_pinyin_offsets[] = {");
    for (int i = 0; i < n_syl; i++)
        fprintf(f, "%s%u,", i % 12 ? " " : "\n    ", offsets[i]);
    fprintf(f, "\n};\n\nconst uint32_t han_pinyin_entries[] = {");
    size_t n_entries = 0;
    for (int32_t c = 0; c < 0x40000; c++)
        if (syl_of[c] >= 0)
            fprintf(f, "%s0x%x,", n_entries++ % 8 ? " " : "\n    ",
                    (unsigned)c << SYL_BITS | (unsigned)rank[syl_of[c]]);
    fprintf(f, "\n};\nconst size_t han_pinyin_n_entries = %zu;\n\nconst han_pinyin_pair han_pinyin_pairs[] = {", n_entries);
    for (int i = 0; i < n_pairs; i++)
        fprintf(f, "\n    {0x%x, 0x%x, %d},", (unsigned)pairs[i].a, (unsigned)pairs[i].b, rank[pairs[i].syl]);
    if (n_pairs == 0)
        fprintf(f, "{0, 0, 0}");
    fprintf(f, "\n};\nconst size_t han_pinyin_n_pairs = %d;\n", n_pairs);
    if (fclose(f) != 0)
        die("cannot write", path);
    fprintf(stderr, "han_pinyin_gen: %zu ideographs, %d syllables, %d pairs\n", n_entries, n_syl, n_pairs);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: han_pinyin_gen OUTPUT.c\n");
        return 2;
    }
    syl_of = malloc(0x40000 * sizeof *syl_of);
    if (!syl_of)
        die("out of memory", NULL);
    for (int32_t c = 0; c < 0x40000; c++)
        syl_of[c] = -1;
    translit = open_translit("Han-Latin; Latin-ASCII");
    read_singles();
    read_rules();
    check_sample();
    write_table(argv[1]);
    utrans_close(translit);
    free(syl_of);
    return 0;
}
