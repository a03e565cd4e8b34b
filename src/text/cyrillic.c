/*
 * cyrillic.c - Cyrillic romanization with the spellings the lists disagree on.
 *
 * Each letter has a spelling in five systems (the columns of `letters`):
 *   [0] main: BGN/PCGN as the lists write it, but е -> e everywhere
 *       (Владимир -> vladimir, Щ shch, Ж zh, Х kh, Ц ts, Ю yu, Я ya, Й y);
 *   [1] strict BGN/PCGN: е, ё -> ye at the start of a word and after a
 *       vowel, й, ь or ъ (Елена -> yelena), ё -> yo;
 *   [2] ICAO 9303 (passports): ю iu, я ia, й i, ъ ie, ий ii (dmitrii);
 *   [3] popular English: ий y (dmitry), ё yo;
 *   [4] French/German-style: ж j, х h, ц c, й i, ий i (dmitri).
 * A word is spelled once per system; the distinct results after the main one
 * become alternates (at most TEXT_MAX_ALTS). Adjective and name endings ий,
 * ый, ій are rules of their own (iy/y/ii/i). Ukrainian words (containing і,
 * ї, є or ґ) spell г as h and и as y, with g/i as the column-4 form.
 * Belarusian ў, Serbian/Macedonian and Kazakh letters have single spellings.
 *
 * Korean names written in Russian (Ким Чен Ын) follow the Kontsevich-style
 * transcription, which no letter table can undo (Чен is 정 jong, Ын is 은 un).
 * text_cyrillic_korean() runs after the scan: when the first token is a
 * Korean surname in Cyrillic, every Cyrillic token found in a small table of
 * common syllables gets the Korean spellings as alternates. Limits: only the
 * syllables in the table; given names written as one word (Ченын) are not
 * split; a Russian name starting with a word like "Ли" or "Ан" is taken as
 * Korean too (alternates only: the main spelling never changes).
 */
#include <string.h>

#include "text/text_int.h"

#define SYSTEMS 5

typedef struct { const char *s[SYSTEMS]; } letter;

#define ONE(x) {{x, x, x, x, x}}

/* а..я (U+0430..U+044F) */
static const letter basic[32] = {
    ONE("a"), ONE("b"), ONE("v"), ONE("g"), ONE("d"), ONE("e"),
    {{"zh", "zh", "zh", "zh", "j"}}, ONE("z"), ONE("i"), {{"y", "y", "i", "y", "i"}},
    ONE("k"), ONE("l"), ONE("m"), ONE("n"), ONE("o"), ONE("p"), ONE("r"), ONE("s"),
    ONE("t"), ONE("u"), ONE("f"), {{"kh", "kh", "kh", "kh", "h"}},
    {{"ts", "ts", "ts", "ts", "c"}}, ONE("ch"), ONE("sh"),
    {{"shch", "shch", "shch", "shch", "sch"}}, {{"", "", "ie", "", ""}}, ONE("y"), ONE(""),
    ONE("e"), {{"yu", "yu", "iu", "yu", "iu"}}, {{"ya", "ya", "ia", "ya", "ia"}},
};

/* ѐ..џ (U+0450..U+045F) */
static const letter extended[16] = {
    ONE("e"), {{"e", "yo", "e", "yo", "e"}}, ONE("dj"), ONE("gj"),
    {{"ye", "ye", "ie", "ye", "ie"}}, ONE("dz"), ONE("i"), {{"yi", "yi", "i", "yi", "i"}},
    ONE("j"), ONE("lj"), ONE("nj"), ONE("c"), ONE("kj"), ONE("i"),
    {{"w", "u", "u", "u", "u"}}, ONE("dz"),
};

/* Letters of other Cyrillic alphabets (lower-case code point). */
static const struct { int32_t cp; letter l; } others[] = {
    {0x491, ONE("g")},  {0x493, ONE("gh")}, {0x49B, {{"q", "q", "k", "k", "k"}}},
    {0x4A3, ONE("ng")}, {0x4E9, ONE("o")},  {0x4D9, ONE("a")}, {0x4AF, ONE("u")},
    {0x4B1, ONE("u")},  {0x4BB, ONE("h")},  {0x4CF, ONE("i")}, {0x497, ONE("zh")},
};

static const letter ukr_g = {{"h", "h", "h", "h", "g"}};
static const letter ukr_i = {{"y", "y", "y", "y", "i"}};
static const letter ending_iy = {{"iy", "iy", "ii", "y", "i"}};
static const letter ending_yy = {{"yy", "y", "y", "y", "iy"}};

static int32_t lower(int32_t cp) {
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    if (cp >= 0x460 && cp <= 0x4FF)
        return cp | 1;
    return cp;
}

static const letter *letter_of(int32_t cp) {
    if (cp >= 0x430 && cp <= 0x44F)
        return &basic[cp - 0x430];
    if (cp >= 0x450 && cp <= 0x45F)
        return &extended[cp - 0x450];
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (others[i].cp == cp)
            return &others[i].l;
    return NULL;
}

/* Vowels, й, ъ, ь: after them BGN/PCGN writes е as ye. */
static bool is_vowel_or_sign(int32_t cp) {
    switch (cp) {
    case 0x430: case 0x435: case 0x438: case 0x43E: case 0x443: case 0x44B: case 0x44D:
    case 0x44E: case 0x44F: case 0x439: case 0x44A: case 0x44C: case 0x451: case 0x454:
    case 0x456: case 0x457:
        return true;
    default:
        return false;
    }
}

static bool is_ukrainian(const int32_t *cps, size_t n) {
    for (size_t i = 0; i < n; i++) {
        int32_t c = lower(cps[i]);
        if (c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491)
            return true;
    }
    return false;
}

/* The letter rule for position I of the (lower-cased) word, and how many letters it covers. */
static const letter *rule_at(const int32_t *w, size_t n, size_t i, bool ukr, size_t *used) {
    *used = 1;
    if (i + 2 == n && w[i + 1] == 0x439) {   /* word-final ий, ый, ій */
        if (w[i] == 0x438 || w[i] == 0x456) {
            *used = 2;
            return &ending_iy;
        }
        if (w[i] == 0x44B) {
            *used = 2;
            return &ending_yy;
        }
    }
    if (ukr && w[i] == 0x433)
        return &ukr_g;
    if (ukr && w[i] == 0x438)
        return &ukr_i;
    return letter_of(w[i]);
}

/* The word in system SYS into OUT (CAP bytes); returns the length. */
static size_t spell(const int32_t *w, size_t n, int sys, bool ukr, char *out, size_t cap) {
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        size_t used;
        const letter *l = rule_at(w, n, i, ukr, &used);
        const char *s = l ? l->s[sys] : "";
        bool ye_context = i == 0 || is_vowel_or_sign(w[i - 1]);
        if (sys == 1 && ye_context && (w[i] == 0x435 || w[i] == 0x451))
            s = w[i] == 0x435 ? "ye" : "yo";
        size_t k = strlen(s);
        if (len + k < cap)
            memcpy(out + len, s, k), len += k;
        i += used;
    }
    out[len] = '\0';
    return len;
}

void text_cyrillic_word(text_name *name, const int32_t *cps, size_t n) {
    int32_t w[96];
    if (n > 96)
        n = 96;
    for (size_t i = 0; i < n; i++)
        w[i] = lower(cps[i]);
    bool ukr = is_ukrainian(w, n);
    char s[TEXT_MAX_TOKEN_LEN + 1];
    size_t len = spell(w, n, 0, ukr, s, sizeof s);
    int t = text_emit(name, s, len, TEXT_SCRIPT_CYRILLIC, 0);
    for (int sys = 1; t >= 0 && sys < SYSTEMS; sys++) {
        len = spell(w, n, sys, ukr, s, sizeof s);
        text_add_alt(name, t, s, len);
    }
}

/* ---- Korean names in Russian ------------------------------------------ */

/* Main (BGN) spelling of a Russian transcription -> Korean spellings. */
static const struct { const char *ru; const char *ko; bool surname; } korean[] = {
    {"kim", "kim gim", true},     {"pak", "pak park bak", true},  {"li", "ri lee yi", true},
    {"ri", "ri lee", true},       {"khan", "han", true},          {"kan", "kang gang", true},
    {"chkhve", "choe choi", true}, {"tsoy", "choe choi", true},   {"choy", "choe choi", true},
    {"chon", "jong jon chong jeon chun", true}, {"chen", "jong jeong chong", true},
    {"yun", "yun yoon", true},    {"chan", "jang chang", true},   {"o", "o oh", true},
    {"so", "so seo", true},       {"sin", "sin shin", true},      {"kvon", "kwon gwon", true},
    {"khvan", "hwang", true},     {"an", "an ahn", true},         {"son", "son song sohn", true},
    {"khon", "hong", true},       {"mun", "mun moon", true},      {"yan", "yang ryang", true},
    {"pe", "pae bae", true},      {"pek", "paek baek", true},     {"kho", "ho heo", true},
    {"nam", "nam", true},         {"sim", "sim shim", true},      {"no", "no roh", true},
    {"kha", "ha", true},          {"kvak", "kwak", true},         {"ko", "ko go", true},
    {"pen", "pyon byun", true},   {"tkhe", "thae tae", true},     {"chve", "choe choi", true},
    {"yn", "un eun", false},      {"ir", "il", false},            {"sen", "song sung seong", false},
    {"chkhol", "chol cheol", false}, {"chol", "chol cheol", false}, {"kvan", "kwang gwang", false},
    {"en", "yong yeong", false},  {"yen", "yong", false},         {"ren", "ryong", false},
    {"ryen", "ryong", false},     {"khi", "hui hee", false},      {"khyn", "hun", false},
    {"gyn", "kun geun", false},   {"kyn", "kun", false},          {"chkhun", "chun", false},
    {"chun", "jun chun", false},  {"khen", "hyon hyun", false},   {"khyon", "hyon", false},
    {"sok", "sok seok", false},   {"tkhek", "thaek taek", false}, {"chin", "jin", false},
    {"chu", "ju", false},         {"su", "su", false},            {"ok", "ok", false},
    {"khak", "hak", false},       {"ben", "pyong byeong", false}, {"pkhen", "phyong pyeong", false},
    {"ton", "tong dong", false},  {"ten", "jong", false},         {"chkhan", "chang", false},
    {"gil", "kil", false},        {"gim", "kim", false},          {"tek", "thaek", false},
};
#define N_KOREAN (sizeof korean / sizeof korean[0])

static int korean_find(const char *s, bool surname_only) {
    for (size_t i = 0; i < N_KOREAN; i++)
        if ((!surname_only || korean[i].surname) && strcmp(korean[i].ru, s) == 0)
            return (int)i;
    return -1;
}

static void add_list(text_name *name, int t, const char *list) {
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, " ");
        text_add_alt(name, t, p, k);
        p += k;
        while (*p == ' ')
            p++;
    }
}

void text_cyrillic_korean(text_name *name) {
    if (name->n_tok < 2 || name->tok[0].script != TEXT_SCRIPT_CYRILLIC ||
        korean_find(text_tok_str(name, 0), true) < 0)
        return;
    for (uint32_t i = 0; i < name->n_tok; i++) {
        if (name->tok[i].script != TEXT_SCRIPT_CYRILLIC)
            continue;
        int k = korean_find(text_tok_str(name, i), i == 0);
        if (k >= 0)
            add_list(name, (int)i, korean[k].ko);
        if (i == 0)
            name->tok[0].flags |= TEXT_TOK_FAMILY;
    }
}
