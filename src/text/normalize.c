/*
 * normalize.c - the scanner: one pass over the UTF-8 input that folds Latin
 * words on the spot and collects runs of other scripts for their romanizers.
 *
 * Every code point gets a class (cp_class). ASCII is classified by a 128-entry
 * table and Latin letters fold through latin.c, so Latin text never reaches
 * ICU. A Latin word accumulates in a small buffer with '.' markers where dots
 * were; at its end the dots decide between an initialism ("U.S.A." -> usa:
 * every part one letter) and separate words ("Mr.Kim" -> mr kim).
 * Apostrophes vanish; a hyphen ends a word and, when a word follows at once,
 * marks the token before it TEXT_TOK_JOIN. Runs of Hangul, Cyrillic and
 * Arabic go to korean.c, cyrillic.c, arabic.c as code points; runs of Han go
 * to the build-time pinyin table (han_latin.c; ICU when it declines), runs of
 * other letters to ICU, as bytes, and the ASCII that comes back is scanned
 * again (depth 1, which never transliterates). Invalid bytes act as spaces.
 */
#include <string.h>
#include <unicode/uchar.h>

#include "text/text_int.h"
#include "util/utf8.h"

typedef enum {
    C_SEP, C_LATIN, C_APOS, C_DOT, C_HYPHEN, C_COMMA, C_SKIP, C_MARK,
    C_HANGUL, C_CYRILLIC, C_ARABIC, C_HAN, C_OTHER
} cp_class;

#define WORD_MAX 128   /* bytes of one Latin word kept; the rest is cut */
#define RUN_MAX 96     /* code points of one non-Latin run */

typedef struct {
    text_name *name;
    text_scan_info *info;
    int depth;
    char word[WORD_MAX];      /* folded Latin word, '.' where dots were */
    size_t n_word;
    char german[WORD_MAX];    /* the same with ä -> ae ... */
    size_t n_german;
    bool has_german;
    bool cut;
    cp_class run;             /* class of the run being collected, C_SEP if none */
    int32_t cps[RUN_MAX];
    size_t n_cps;
    const char *run_start;    /* bytes of the run, for ICU */
    const char *run_end;
} scanner;

/* ASCII classes: letters and digits are C_LATIN. */
static cp_class ascii_class(int32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return C_LATIN;
    switch (c) {
    case '\'': case '`': return C_APOS;
    case '.': return C_DOT;
    case '-': return C_HYPHEN;
    case ',': return C_COMMA;
    default: return C_SEP;
    }
}

static bool in(int32_t cp, int32_t lo, int32_t hi) { return cp >= lo && cp <= hi; }

/* Classes outside ASCII and the Latin fold table, by block. */
static cp_class block_class(int32_t cp) {
    if (in(cp, 0x2BB, 0x2BF) || cp == 0x2B9 || cp == 0xB4 || in(cp, 0x2018, 0x201B) || cp == 0x2032)
        return C_APOS;
    if (in(cp, 0x2010, 0x2015) || cp == 0x2212 || cp == 0xFE63)
        return C_HYPHEN;
    if (cp == 0x60C)
        return C_COMMA;
    if (cp == 0xAD || in(cp, 0x200B, 0x200F) || in(cp, 0x2060, 0x2064) || cp == 0xFEFF ||
        in(cp, 0x2B0, 0x2FF) || cp == 0x640)
        return C_SKIP;
    if (in(cp, 0x300, 0x36F) || in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1DFF) ||
        in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE20, 0xFE2F) || in(cp, 0x64B, 0x65F) || cp == 0x670)
        return C_MARK;
    if (in(cp, 0x400, 0x45F) || in(cp, 0x490, 0x4FF))
        return C_CYRILLIC;
    if (in(cp, 0x621, 0x64A) || in(cp, 0x671, 0x6D3) || in(cp, 0x750, 0x77F))
        return C_ARABIC;
    if (in(cp, 0xAC00, 0xD7A3))
        return C_HANGUL;
    if (in(cp, 0x4E00, 0x9FFF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0xF900, 0xFAFF) ||
        in(cp, 0x20000, 0x3FFFF) || cp == 0x3005)
        return C_HAN;
    if (u_isalpha(cp))
        return C_OTHER;
    if (u_charType(cp) == U_NON_SPACING_MARK || u_charType(cp) == U_COMBINING_SPACING_MARK)
        return C_MARK;
    return C_SEP;
}

/* ---- Latin words ------------------------------------------------------- */

static void word_put(scanner *sc, const char *s, int n, const char *german) {
    if (sc->n_word + (size_t)n >= WORD_MAX || sc->n_german + 3 >= WORD_MAX) {
        sc->cut = true;
        return;
    }
    memcpy(sc->word + sc->n_word, s, (size_t)n);
    sc->n_word += (size_t)n;
    const char *g = german ? german : s;
    size_t ng = german ? strlen(german) : (size_t)n;
    memcpy(sc->german + sc->n_german, g, ng);
    sc->n_german += ng;
    sc->has_german |= german != NULL;
}

/* word_put of one ASCII letter or digit C without a German form: the common case, kept short. */
static void word_put_ascii(scanner *sc, char c) {
    if (sc->n_word + 1 >= WORD_MAX || sc->n_german + 3 >= WORD_MAX) {
        sc->cut = true;
        return;
    }
    sc->word[sc->n_word++] = c;
    sc->german[sc->n_german++] = c;
}

static uint16_t word_flags(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return TEXT_TOK_DIGITS;
    return 0;
}

static int emit_latin(scanner *sc, const char *s, size_t len) {
    uint16_t flags = word_flags(s, len) | (sc->cut ? TEXT_TOK_CUT : 0);
    return text_emit(sc->name, s, len, TEXT_SCRIPT_LATIN, flags);
}

/* True when every dot-separated part of the word is one character: an initialism. */
static bool is_initialism(const char *w, size_t n, int *parts) {
    size_t seg = 0;
    bool ok = true;
    *parts = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || w[i] == '.') {
            if (seg > 0)
                (*parts)++;
            if (seg > 1)
                ok = false;
            seg = 0;
        } else {
            seg++;
        }
    }
    return ok;
}

static void word_flush(scanner *sc) {
    if (sc->n_word == 0)
        return;
    if (!memchr(sc->word, '.', sc->n_word)) {
        /* One part, the common case: the word as it stands. */
        int t = emit_latin(sc, sc->word, sc->n_word);
        if (t >= 0 && sc->has_german)
            text_add_alt(sc->name, t, sc->german, sc->n_german);
        sc->n_word = sc->n_german = 0;
        sc->has_german = sc->cut = false;
        return;
    }
    int parts;
    bool initialism = is_initialism(sc->word, sc->n_word, &parts);
    if (parts <= 1 || initialism) {
        char joined[WORD_MAX];
        size_t n = 0;
        for (size_t i = 0; i < sc->n_word; i++)
            if (sc->word[i] != '.')
                joined[n++] = sc->word[i];
        int t = emit_latin(sc, joined, n);
        if (t >= 0 && sc->has_german && parts <= 1)
            text_add_alt(sc->name, t, sc->german, sc->n_german);
    } else {
        size_t start = 0;
        for (size_t i = 0; i <= sc->n_word; i++) {
            if (i == sc->n_word || sc->word[i] == '.') {
                emit_latin(sc, sc->word + start, i - start);
                start = i + 1;
            }
        }
    }
    sc->n_word = sc->n_german = 0;
    sc->has_german = sc->cut = false;
}

/* ---- runs of other scripts -------------------------------------------- */

static void icu_run(scanner *sc, bool han) {
    char out[512];
    uint32_t before = sc->name->n_tok;
    size_t len = (size_t)(sc->run_end - sc->run_start);
    long n = sc->depth > 0 ? -1 : han ? text_han_latin(sc->run_start, len, out, sizeof out) : -2;
    if (n == -2)
        n = text_icu_latin(sc->run_start, len, han, out, sizeof out);
    if (n < 0) {
        sc->name->flags |= TEXT_NAME_ICU_FAILED;
        return;
    }
    text_scan(sc->name, out, (size_t)n, sc->depth + 1, NULL);
    for (uint32_t i = before; i < sc->name->n_tok; i++) {
        sc->name->tok[i].script = (uint8_t)(han ? TEXT_SCRIPT_HAN : TEXT_SCRIPT_OTHER);
        if (han && i + 1 < sc->name->n_tok)
            sc->name->tok[i].flags |= TEXT_TOK_JOIN;
    }
}

static void run_flush(scanner *sc) {
    cp_class run = sc->run;
    sc->run = C_SEP;
    if (run == C_SEP)
        return;
    sc->name->flags |= TEXT_NAME_NON_LATIN;
    switch (run) {
    case C_HANGUL: text_korean_word(sc->name, sc->cps, sc->n_cps, sc->name->n_tok == 0); break;
    case C_CYRILLIC: text_cyrillic_word(sc->name, sc->cps, sc->n_cps); break;
    case C_ARABIC: text_arabic_word(sc->name, sc->cps, sc->n_cps); break;
    case C_HAN: icu_run(sc, true); break;
    default: icu_run(sc, false); break;
    }
    sc->n_cps = 0;
}

static void flush(scanner *sc) {
    word_flush(sc);
    run_flush(sc);
}

/* Adds CP (class C) to the current run, starting a new one when the class changes. */
static void run_put(scanner *sc, cp_class c, int32_t cp, const char *at, int n) {
    if (sc->run != c || sc->n_cps >= RUN_MAX) {
        flush(sc);
        sc->run = c;
        sc->run_start = at;
    }
    sc->cps[sc->n_cps++] = cp;
    sc->run_end = at + n;
}

/* A combining mark: dropped in Latin; kept in the bytes of an ICU run; й from и + breve. */
static void mark_put(scanner *sc, int32_t cp, const char *at, int n) {
    if (sc->run == C_OTHER || sc->run == C_HAN) {
        sc->run_end = at + n;
    } else if (sc->run == C_CYRILLIC && cp == 0x306 && sc->n_cps > 0) {
        int32_t *last = &sc->cps[sc->n_cps - 1];
        if (*last == 0x438 || *last == 0x418)
            *last += 1;
    }
}

static void hyphen(scanner *sc, const char *next, const char *end) {
    flush(sc);
    bool word_follows = next < end && ((unsigned char)*next >= 0x80 || ascii_class(*next) == C_LATIN);
    if (word_follows && sc->name->n_tok > 0)
        sc->name->tok[sc->name->n_tok - 1].flags |= TEXT_TOK_JOIN;
}

static void comma(scanner *sc) {
    flush(sc);
    if (sc->info && sc->info->n_commas++ == 0)
        sc->info->first_comma_tok = sc->name->n_tok;
}

/*
 * Letters Latin and Cyrillic draw alike. Lists mix them inside one word
 * ("ВОIНАЎ" with a Latin I, "KIM JОNG" with a Cyrillic O); such a letter
 * is read in the script of the word around it.
 */
static const struct { int32_t latin, cyrillic; } homoglyphs[] = {
    {'A', 0x410}, {'B', 0x412}, {'C', 0x421}, {'E', 0x415}, {'H', 0x41D}, {'I', 0x406},
    {'K', 0x41A}, {'M', 0x41C}, {'O', 0x41E}, {'P', 0x420}, {'T', 0x422}, {'X', 0x425},
    {'a', 0x430}, {'c', 0x441}, {'e', 0x435}, {'i', 0x456}, {'o', 0x43E}, {'p', 0x440},
    {'x', 0x445}, {'y', 0x443},
};
#define N_HOMOGLYPHS (sizeof homoglyphs / sizeof *homoglyphs)

static int32_t cyrillic_twin(int32_t cp) {
    for (size_t k = 0; k < N_HOMOGLYPHS; k++)
        if (homoglyphs[k].latin == cp) return homoglyphs[k].cyrillic;
    return 0;
}

static int32_t latin_twin(int32_t cp) {
    for (size_t k = 0; k < N_HOMOGLYPHS; k++)
        if (homoglyphs[k].cyrillic == cp) return homoglyphs[k].latin;
    return 0;
}

/* True when the code point at P (before END) is a Cyrillic letter. */
static bool cyrillic_next(const char *p, const char *end) {
    int32_t cp;
    if (p >= end || (unsigned char)*p < 0x80) return false;
    utf8_decode((const unsigned char *)p, (size_t)(end - p), &cp);
    return cp >= 0x400 && cp <= 0x4FF;
}

/* CP read in the script of the word it stands in (homoglyphs above), or CP itself. */
static int32_t in_word_script(const scanner *sc, int32_t cp, const char *next, const char *end) {
    if (cp < 0x80) {
        bool in_cyrillic = sc->run == C_CYRILLIC || (sc->n_word == 0 && cyrillic_next(next, end));
        int32_t cyr = in_cyrillic ? cyrillic_twin(cp) : 0;
        return cyr ? cyr : cp;
    }
    int32_t lat = sc->n_word > 0 && cp >= 0x400 && cp <= 0x4FF ? latin_twin(cp) : 0;
    return lat ? lat : cp;
}

/* Handles one code point CP of N bytes at AT. */
static void scan_cp(scanner *sc, int32_t cp, const char *at, int n, const char *end) {
    cp = in_word_script(sc, cp, at + n, end);
    if (cp < 0x80 && ascii_class(cp) == C_LATIN) {
        /* What text_latin_fold gives an ASCII letter or digit, without the table. */
        run_flush(sc);
        word_put_ascii(sc, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        return;
    }
    char folded[4];
    const char *german = NULL;
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        cp -= 0xFEE0;   /* fullwidth ASCII */
    if (cp >= 0x660 && cp <= 0x669)
        cp = '0' + (cp - 0x660);
    else if (cp >= 0x6F0 && cp <= 0x6F9)
        cp = '0' + (cp - 0x6F0);
    int nf = text_latin_fold(cp, folded, &german);
    cp_class c = nf > 0 ? C_LATIN : nf == 0 ? C_MARK : cp < 0x80 ? ascii_class(cp) : block_class(cp);
    switch (c) {
    case C_LATIN:
        run_flush(sc);
        word_put(sc, folded, nf, german);
        break;
    case C_DOT:
        run_flush(sc);
        if (sc->n_word > 0 && sc->word[sc->n_word - 1] != '.')
            word_put(sc, ".", 1, NULL);
        break;
    case C_APOS: case C_SKIP: break;
    case C_MARK: mark_put(sc, cp, at, n); break;
    case C_HYPHEN: hyphen(sc, at + n, end); break;
    case C_COMMA: comma(sc); break;
    case C_SEP: flush(sc); break;
    default:
        word_flush(sc);
        run_put(sc, c, cp, at, n);
        break;
    }
}

void text_scan(text_name *name, const char *s, size_t len, int depth, text_scan_info *info) {
    scanner sc = {.name = name, .info = info, .depth = depth, .run = C_SEP};
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len && name->n_tok < TEXT_MAX_TOKENS) {
        int32_t cp;
        int n = 1;
        if (p[i] < 0x80) {
            cp = p[i];
            if (cp < 0x20 || cp == 0x7F)
                cp = ' ';
        } else {
            n = utf8_decode(p + i, len - i, &cp);
            if (cp < 0) {
                name->flags |= TEXT_NAME_INVALID_UTF8;
                cp = ' ';
            }
        }
        scan_cp(&sc, cp, s + i, n, s + len);
        i += (size_t)n;
    }
    flush(&sc);
    if (i < len)
        name->flags |= TEXT_NAME_TRUNCATED;
}
