/*
 * korean.c - Hangul romanization for names.
 *
 * A syllable U+AC00 + (initial * 21 + vowel) * 28 + final decomposes into
 * jamo by arithmetic. Each jamo has spellings in several systems (columns of
 * the tables below): [0] McCune-Reischauer as the DPRK, UN and OFAC lists
 * write it (no breves or apostrophes: Kim, Pak, Jong, Chol, Ri, Thae),
 * [1] Revised Romanization (Gim, Bak, Jeong, Cheol, Tae), [2] classic MR and
 * South Korean popular forms (Chong, Sung, Hyun, Joo). Position rules: a
 * word-initial ㄹ is r in the North, dropped before i/y and n elsewhere in the
 * South, and sometimes l (Lim); ㅅ before i/y may be sh (Shin).
 *
 * Names are romanized syllable by syllable, as the lists write them
 * ("Kim Jong Un"): a Hangul word of up to four syllables gives one token per
 * syllable, the main spelling from column 0 and the other combinations as
 * alternates; all but the last carry TEXT_TOK_JOIN so the matcher can build
 * "jongun". When the word is the first of the name and its first syllable is
 * in the surname table, that syllable takes the table's spellings (이 -> ri yi
 * lee i) and TEXT_TOK_FAMILY, and is not joined to the given name. Longer
 * Hangul words (organization names) give one token: the MR syllables joined,
 * the RR form as alternate.
 */
#include <pthread.h>
#include <string.h>

#include "text/text_int.h"
#include "util/utf8.h"

#define HANGUL_BASE 0xAC00
#define HANGUL_LAST 0xD7A3
#define N_VOWELS 21
#define N_FINALS 28
#define SYSTEMS 3
#define NAME_SYLLABLES 4    /* longer Hangul words are not split per syllable */

/* ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ */
static const char *const initials[19][SYSTEMS] = {
    {"k", "g", "g"},     {"kk", "kk", "gg"}, {"n", "n", "n"},    {"t", "d", "d"},
    {"tt", "tt", "dd"},  {"r", "r", "r"},    {"m", "m", "m"},    {"p", "b", "b"},
    {"pp", "pp", "bb"},  {"s", "s", "s"},    {"ss", "ss", "ss"}, {"", "", ""},
    {"j", "j", "ch"},    {"jj", "jj", "tch"}, {"ch", "ch", "ch"}, {"kh", "k", "k"},
    {"th", "t", "t"},    {"ph", "p", "p"},   {"h", "h", "h"},
};

/* ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ */
static const char *const vowels[N_VOWELS][SYSTEMS] = {
    {"a", "a", "a"},    {"ae", "ae", "ae"}, {"ya", "ya", "ya"},  {"yae", "yae", "yae"},
    {"o", "eo", "u"},   {"e", "e", "e"},    {"yo", "yeo", "yu"}, {"ye", "ye", "ye"},
    {"o", "o", "oh"},   {"wa", "wa", "wa"}, {"wae", "wae", "wae"}, {"oe", "oe", "oi"},
    {"yo", "yo", "yo"}, {"u", "u", "oo"},   {"wo", "wo", "wo"},  {"we", "we", "we"},
    {"wi", "wi", "wi"}, {"yu", "yu", "yoo"}, {"u", "eu", "eu"},  {"ui", "ui", "ui"},
    {"i", "i", "i"},
};

/* none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ */
static const char *const finals[N_FINALS] = {
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
};

/*
 * Surnames: the syllable and its spellings, the lists' form first. Checked by
 * text_korean_check_table(): one syllable, lower-case ASCII spellings, and the
 * algorithmic MR or RR form among them.
 */
static const struct { const char *hangul; const char *spellings; } surnames[] = {
    {"김", "kim gim"}, {"이", "ri yi lee i rhee"}, {"박", "pak park bak"}, {"최", "choe choi"},
    {"정", "jong jeong chung chong"}, {"리", "ri lee li"}, {"조", "jo cho"}, {"강", "kang gang"},
    {"윤", "yun yoon"}, {"장", "jang chang"}, {"한", "han"}, {"오", "o oh"}, {"서", "so seo suh"},
    {"신", "sin shin"}, {"권", "kwon gwon"}, {"황", "hwang"}, {"안", "an ahn"}, {"송", "song"},
    {"전", "jon jeon chun chon"}, {"홍", "hong"}, {"문", "mun moon"}, {"양", "yang ryang"},
    {"손", "son sohn"}, {"배", "pae bae"}, {"백", "paek baek paik"}, {"허", "ho heo hur huh"},
    {"유", "yu ryu yoo"}, {"남", "nam"}, {"심", "sim shim"}, {"노", "no roh noh"}, {"하", "ha"},
    {"곽", "kwak gwak"}, {"성", "song seong sung"}, {"차", "cha"}, {"주", "ju joo chu"},
    {"우", "u woo"}, {"구", "ku koo gu"}, {"민", "min"}, {"류", "ryu yu yoo"}, {"나", "na ra"},
    {"진", "jin chin"}, {"지", "ji chi"}, {"엄", "om eom um"}, {"채", "chae"}, {"원", "won"},
    {"천", "chon cheon chun"}, {"방", "pang bang"}, {"공", "kong gong"}, {"현", "hyon hyun hyeon"},
    {"함", "ham"}, {"변", "pyon byun byeon"}, {"염", "yom yeom"}, {"여", "yo yeo"}, {"추", "chu"},
    {"도", "to do"}, {"소", "so"}, {"석", "sok seok suk"}, {"선", "son sun seon"},
    {"설", "sol seol sul"}, {"마", "ma"}, {"길", "kil gil"}, {"연", "yon yeon"}, {"위", "wi"},
    {"표", "pyo"}, {"명", "myong myung myeong"}, {"기", "ki gi"}, {"반", "pan ban"},
    {"왕", "wang"}, {"금", "kum geum keum"}, {"옥", "ok"}, {"육", "yuk"}, {"인", "in"},
    {"맹", "maeng"}, {"제", "je"}, {"모", "mo"}, {"탁", "thak tak"}, {"국", "kuk guk"},
    {"어", "o eo"}, {"은", "un eun"}, {"편", "pyon pyeon"}, {"용", "yong"}, {"예", "ye"},
    {"경", "kyong gyeong kyung"}, {"봉", "pong bong"}, {"사", "sa"}, {"부", "pu bu"},
    {"가", "ka ga"}, {"복", "pok bok"}, {"태", "thae tae"}, {"목", "mok"},
    {"형", "hyong hyeong hyung"}, {"계", "kye gye"}, {"피", "phi pi"}, {"두", "tu du"},
    {"감", "kam gam"}, {"음", "um eum"}, {"빈", "pin bin"}, {"동", "tong dong"}, {"온", "on"},
    {"호", "ho"}, {"범", "pom beom"}, {"좌", "jwa"}, {"팽", "phaeng paeng"}, {"승", "sung seung"},
    {"간", "kan gan"}, {"상", "sang"}, {"갈", "kal gal"}, {"시", "si shi"}, {"화", "hwa"},
    {"견", "kyon gyeon"}, {"당", "tang dang"}, {"춘", "chun"}, {"순", "sun soon"},
    {"단", "tan dan"}, {"빙", "ping bing"}, {"자", "ja"}, {"교", "kyo gyo"}, {"초", "cho"},
    {"라", "ra na"}, {"임", "im lim rim"}, {"림", "rim lim im"}, {"고", "ko go"},
};
#define N_SURNAMES (sizeof surnames / sizeof surnames[0])

static const char *surname_of[HANGUL_LAST - HANGUL_BASE + 1];  /* by syllable, built once */
static pthread_once_t surname_once = PTHREAD_ONCE_INIT;

static void build_surnames(void) {
    for (size_t i = 0; i < N_SURNAMES; i++) {
        int32_t cp;
        utf8_decode((const unsigned char *)surnames[i].hangul, strlen(surnames[i].hangul), &cp);
        if (cp >= HANGUL_BASE && cp <= HANGUL_LAST && !surname_of[cp - HANGUL_BASE])
            surname_of[cp - HANGUL_BASE] = surnames[i].spellings;
    }
}

const char *text_korean_surname(int32_t cp) {
    if (cp < HANGUL_BASE || cp > HANGUL_LAST)
        return NULL;
    pthread_once(&surname_once, build_surnames);
    return surname_of[cp - HANGUL_BASE];
}

/* Spelling of syllable CP with initial system SI and vowel system SV; false if CP is no syllable. */
static bool syllable(int32_t cp, int si, int sv, bool word_start, char *out) {
    if (cp < HANGUL_BASE || cp > HANGUL_LAST)
        return false;
    int idx = cp - HANGUL_BASE;
    int ini = idx / (N_VOWELS * N_FINALS), vow = (idx / N_FINALS) % N_VOWELS, fin = idx % N_FINALS;
    const char *v = vowels[vow][sv];
    const char *c = initials[ini][si];
    if (ini == 5 && word_start && si == 1)       /* ㄹ in the South: dropped before i/y, else n */
        c = (v[0] == 'i' || v[0] == 'y') ? "" : "n";
    else if (ini == 5 && word_start && si == 2)
        c = "l";
    else if (ini == 9 && si == 2 && (v[0] == 'i' || v[0] == 'y' || vow == 16))
        c = "sh";
    strcpy(out, c);
    strcat(out, v);
    strcat(out, finals[fin]);
    return true;
}

static void add_spellings_list(text_name *name, int t, const char *list, bool skip_first) {
    const char *p = list;
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (!(first && skip_first))
            text_add_alt(name, t, p, n);
        first = false;
        p += n;
        while (*p == ' ')
            p++;
    }
}

/* One syllable as a token: column-0 spelling, the other combinations as alternates. */
static int emit_syllable(text_name *name, int32_t cp, uint16_t flags) {
    char s[16];
    const char *sur = (flags & TEXT_TOK_FAMILY) ? text_korean_surname(cp) : NULL;
    int t;
    if (sur) {
        t = text_emit(name, sur, strcspn(sur, " "), TEXT_SCRIPT_HANGUL, flags);
        add_spellings_list(name, t, sur, true);
    } else {
        syllable(cp, 0, 0, true, s);
        t = text_emit(name, s, strlen(s), TEXT_SCRIPT_HANGUL, flags);
    }
    static const int order[][2] = {{0, 0}, {1, 1}, {0, 1}, {1, 0}, {2, 2}, {2, 0}, {0, 2}, {2, 1}, {1, 2}};
    for (size_t k = 0; t >= 0 && k < sizeof order / sizeof order[0]; k++) {
        syllable(cp, order[k][0], order[k][1], true, s);
        text_add_alt(name, t, s, strlen(s));
    }
    return t;
}

/* A long Hangul word as one token: MR syllables joined, RR joined as alternate. */
static void emit_long_word(text_name *name, const int32_t *cps, size_t n) {
    char mr[TEXT_MAX_TOKEN_LEN + 16], rr[TEXT_MAX_TOKEN_LEN + 16], s[16];
    size_t n_mr = 0, n_rr = 0;
    for (size_t i = 0; i < n; i++) {
        syllable(cps[i], 0, 0, i == 0, s);
        size_t ls = strlen(s);
        if (n_mr + ls <= TEXT_MAX_TOKEN_LEN)
            memcpy(mr + n_mr, s, ls), n_mr += ls;
        syllable(cps[i], 1, 1, i == 0, s);
        ls = strlen(s);
        if (n_rr + ls <= TEXT_MAX_TOKEN_LEN)
            memcpy(rr + n_rr, s, ls), n_rr += ls;
    }
    int t = text_emit(name, mr, n_mr, TEXT_SCRIPT_HANGUL, 0);
    text_add_alt(name, t, rr, n_rr);
}

void text_korean_word(text_name *name, const int32_t *cps, size_t n, bool first) {
    if (n == 0)
        return;
    if (n > NAME_SYLLABLES) {
        emit_long_word(name, cps, n);
        return;
    }
    size_t i = 0;
    if (first && text_korean_surname(cps[0])) {
        emit_syllable(name, cps[0], TEXT_TOK_FAMILY);
        i = 1;
    }
    for (; i < n; i++)
        emit_syllable(name, cps[i], i + 1 < n ? TEXT_TOK_JOIN : 0);
}

/* True when S is in the space-separated LIST. */
static bool list_has(const char *list, const char *s, size_t n) {
    const char *p = list;
    while (*p) {
        size_t k = strcspn(p, " ");
        if (k == n && memcmp(p, s, n) == 0)
            return true;
        p += k;
        while (*p == ' ')
            p++;
    }
    return false;
}

int text_korean_check_table(void) {
    for (size_t i = 0; i < N_SURNAMES; i++) {
        const char *h = surnames[i].hangul, *sp = surnames[i].spellings;
        int32_t cp;
        int n = utf8_decode((const unsigned char *)h, strlen(h), &cp);
        if (cp < HANGUL_BASE || cp > HANGUL_LAST || h[n] != '\0')
            return (int)i;
        for (size_t j = 0; j < i; j++)
            if (strcmp(surnames[j].hangul, h) == 0)
                return (int)i;   /* a duplicate */
        for (const char *p = sp; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == ' '))
                return (int)i;
        char mr[16], rr[16];
        syllable(cp, 0, 0, true, mr);
        syllable(cp, 1, 1, true, rr);
        if (!list_has(sp, mr, strlen(mr)) && !list_has(sp, rr, strlen(rr)))
            return (int)i;
    }
    return -1;
}
