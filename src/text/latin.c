/*
 * latin.c - the Latin fold table: every code point of Latin-1, Latin
 * Extended-A/B, IPA and Latin Extended Additional (Vietnamese) to lower-case ASCII.
 *
 * The table is built once (pthread_once) from two sources: the explicit
 * overrides below, for letters that have no decomposition (ß, ø, æ, ł, đ, ı,
 * þ, ŋ ...), and ICU's NFKD decomposition for the rest (é = e + U+0301 -> e,
 * ǆ -> dz), keeping only the ASCII letters and digits of the decomposition.
 * After that a lookup is one array access and ICU is never called again.
 * German umlauts also get their German spelling (ä -> ae) as an alternate.
 */
#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "text/text_int.h"

typedef struct {
    int8_t len;      /* -1: not a letter we know; 0: a mark to drop */
    char s[4];
} fold_entry;

#define LATIN1_END 0x2B0   /* Latin-1, Extended-A/B, IPA */
#define EXT_ADD_START 0x1E00
#define EXT_ADD_END 0x1F00

static fold_entry table_low[LATIN1_END];                      /* U+0000..U+02AF */
static fold_entry table_ext[EXT_ADD_END - EXT_ADD_START];     /* U+1E00..U+1EFF */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* Letters without a useful decomposition. */
static const struct { int32_t cp; const char *s; } overrides[] = {
    {0x00DF, "ss"}, {0x1E9E, "ss"}, {0x00C6, "ae"}, {0x00E6, "ae"}, {0x00D8, "o"},
    {0x00F8, "o"},  {0x0152, "oe"}, {0x0153, "oe"}, {0x0141, "l"},  {0x0142, "l"},
    {0x0110, "d"},  {0x0111, "d"},  {0x00D0, "d"},  {0x00F0, "d"},  {0x00DE, "th"},
    {0x00FE, "th"}, {0x0131, "i"},  {0x0126, "h"},  {0x0127, "h"},  {0x014A, "ng"},
    {0x014B, "ng"}, {0x0138, "k"},  {0x0166, "t"},  {0x0167, "t"},  {0x0180, "b"},
    {0x0181, "b"},  {0x0253, "b"},  {0x0189, "d"},  {0x018A, "d"},  {0x0256, "d"},
    {0x0257, "d"},  {0x0191, "f"},  {0x0192, "f"},  {0x0193, "g"},  {0x0260, "g"},
    {0x0197, "i"},  {0x0268, "i"},  {0x0198, "k"},  {0x0199, "k"},  {0x019A, "l"},
    {0x023D, "l"},  {0x019D, "n"},  {0x0272, "n"},  {0x019F, "o"},  {0x0275, "o"},
    {0x01A4, "p"},  {0x01A5, "p"},  {0x01AB, "t"},  {0x01AC, "t"},  {0x01AD, "t"},
    {0x01AE, "t"},  {0x0288, "t"},  {0x01B3, "y"},  {0x01B4, "y"},  {0x01B5, "z"},
    {0x01B6, "z"},  {0x0187, "c"},  {0x0188, "c"},  {0x023B, "c"},  {0x023C, "c"},
    {0x0246, "e"},  {0x0247, "e"},  {0x0248, "j"},  {0x0249, "j"},  {0x024C, "r"},
    {0x024D, "r"},  {0x024E, "y"},  {0x024F, "y"},  {0x01E4, "g"},  {0x01E5, "g"},
    {0x0186, "o"},  {0x0254, "o"},  {0x0190, "e"},  {0x025B, "e"},  {0x01A9, "sh"},
    {0x0283, "sh"}, {0x01B7, "zh"}, {0x0292, "zh"}, {0x0222, "ou"}, {0x0223, "ou"},
    {0x01F6, "hw"}, {0x0195, "hv"}, {0x01BF, "w"},  {0x01F7, "w"},  {0x021C, "y"},
    {0x021D, "y"},  {0x0224, "z"},  {0x0225, "z"},  {0x0194, "g"},  {0x0263, "g"},
    {0x0196, "i"},  {0x0269, "i"},  {0x01A6, "r"},  {0x0280, "r"},  {0x01B1, "u"},
    {0x028A, "u"},  {0x01B2, "v"},  {0x028B, "v"},  {0x018E, "e"},  {0x01DD, "e"},
    {0x018F, "e"},  {0x0259, "e"},  {0x0250, "a"},
};

/* German alternates: ä ö ü -> ae oe ue. */
static const char *german_of(int32_t cp) {
    switch (cp) {
    case 0x00C4: case 0x00E4: return "ae";
    case 0x00D6: case 0x00F6: return "oe";
    case 0x00DC: case 0x00FC: return "ue";
    default: return NULL;
    }
}

static fold_entry *slot(int32_t cp) {
    if (cp >= 0 && cp < LATIN1_END)
        return &table_low[cp];
    if (cp >= EXT_ADD_START && cp < EXT_ADD_END)
        return &table_ext[cp - EXT_ADD_START];
    return NULL;
}

/* The ASCII letters and digits of CP's NFKD decomposition, lower-cased. */
static void fold_by_nfkd(const UNormalizer2 *nfkd, int32_t cp, fold_entry *e) {
    UChar src[2], dst[16];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n_src = 0;
    U16_APPEND_UNSAFE(src, n_src, cp);
    int32_t n = unorm2_normalize(nfkd, src, n_src, dst, 16, &err);
    e->len = -1;
    if (U_FAILURE(err))
        return;
    int len = 0;
    bool other = false;
    for (int32_t i = 0; i < n; i++) {
        UChar c = dst[i];
        if (c < 0x80 && (u_isalnum(c)) && len < 3)
            e->s[len++] = (char)u_tolower(c);
        else if (u_getCombiningClass(c) == 0 && u_charType(c) != U_NON_SPACING_MARK)
            other = true;
    }
    if (len > 0 && !other)
        e->len = (int8_t)len;
    else if (len == 0 && !other && u_charType(cp) == U_NON_SPACING_MARK)
        e->len = 0;
}

static void build_table(void) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&err);
    for (int32_t cp = 0; cp < EXT_ADD_END; cp++) {
        fold_entry *e = slot(cp);
        if (!e)
            continue;
        e->len = -1;
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
                e->s[0] = (char)cp, e->len = 1;
            else if (cp >= 'A' && cp <= 'Z')
                e->s[0] = (char)(cp + 32), e->len = 1;
        } else if (U_SUCCESS(err)) {
            fold_by_nfkd(nfkd, cp, e);
        }
    }
    for (size_t i = 0; i < sizeof overrides / sizeof overrides[0]; i++) {
        fold_entry *e = slot(overrides[i].cp);
        if (!e)
            continue;
        e->len = (int8_t)strlen(overrides[i].s);
        memcpy(e->s, overrides[i].s, (size_t)e->len);
    }
}

int text_latin_fold(int32_t cp, char *out, const char **german) {
    pthread_once(&table_once, build_table);
    *german = NULL;
    const fold_entry *e = slot(cp);
    if (!e || e->len < 0)
        return -1;
    memcpy(out, e->s, 4);
    *german = german_of(cp);
    return e->len;
}
