/*
 * text.h - the name text pipeline: a name as a user types it or a list writes
 * it, in any script, becomes a short array of normalized lower-case ASCII
 * tokens that the matcher (src/match/) and the index (src/index/) compare.
 *
 * Design
 * - One pass over the UTF-8 input splits it into runs by script. Latin (ASCII,
 *   Latin-1, Extended-A/B, Extended Additional, fullwidth forms) never touches
 *   ICU: each code point folds through a table (ä->a, ß->ss, ø->o, æ->ae,
 *   ł->l, đ->d, ı->i; combining marks dropped). Hangul, Cyrillic and Arabic
 *   have their own table-driven romanizers (korean.c, cyrillic.c, arabic.c)
 *   that also produce alternate spellings. Han reads through a pinyin table
 *   generated from ICU Han-Latin at build time (han_latin.c: the same text
 *   without ICU's ~94 ms to open it), and every other script through ICU
 *   "Any-Latin; Latin-ASCII" (icu_translit.c), one cached transliterator
 *   behind a lock.
 * - Punctuation: apostrophes are deleted ("O'Brien" -> obrien). Dots join
 *   initialisms ("U.S.A." -> usa) and split anything else ("Mr.Kim" -> mr kim).
 *   Hyphens split words but mark the left part TEXT_TOK_JOIN ("Jong-Un").
 *   Every other punctuation or space splits; digits are kept.
 * - tokenize.c then classifies the tokens (lexicon.c holds the word lists):
 *   titles are flagged (counted only when both names have them), particles
 *   and generic organization words are flagged, legal forms (also multi-word
 *   ones, also in other languages) become ONE token whose text is the class's
 *   canonical form ("llc", "jsc", ...) with the words as written kept as an
 *   alternate, "LAST, First" marks the family tokens, one-letter tokens are
 *   initials. keys.c gives each token a consonant skeleton and a phonetic key.
 * - No allocation per call: everything lives in the caller's text_name, token
 *   strings in its pool (NUL-terminated). A text_name is about 8 KB: keep one
 *   per thread or per query and reuse it.
 *
 * Joinable tokens. Names written as one word in Hangul or Han are emitted one
 * token per syllable (김정은 -> kim | jong un); hyphenated words are split
 * ("Jong-Un" -> jong un); the Arabic article is split (الرحمن -> al rahman).
 * In every case the token before the break carries TEXT_TOK_JOIN: the matcher
 * may concatenate it with the next token ("jong"+"un" = "jongun") to meet a
 * list that writes the parts as one word. A Korean surname never carries JOIN.
 *
 * Alternates. A token's text is its main spelling (BGN/PCGN for Cyrillic,
 * McCune-Reischauer as the DPRK/UN/OFAC lists write it for Hangul, the common
 * English form for Arabic names). alt[] holds other spellings (Revised
 * Romanization, surname tables, ICAO 9303, popular forms, ...), deduplicated,
 * at most TEXT_MAX_ALTS; keys are computed for the main spelling only
 * (text_skeleton/text_phonetic compute them for an alternate).
 */
#ifndef EMBARGO_TEXT_H
#define EMBARGO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TEXT_MAX_TOKENS 32     /* tokens kept per name; more sets TEXT_NAME_TRUNCATED */
#define TEXT_MAX_ALTS 8        /* alternate spellings per token */
#define TEXT_MAX_TOKEN_LEN 63  /* bytes of one token text; longer is cut (TEXT_TOK_CUT) */
#define TEXT_KEY_LEN 12        /* key buffer size: at most 11 chars + NUL */
#define TEXT_POOL_SIZE 6144    /* bytes for all token strings of a name */

typedef enum {
    TEXT_OK = 0,        /* at least one token */
    TEXT_EMPTY,         /* no token: empty input, or only punctuation/controls/honorifics */
    TEXT_EINVAL         /* a NULL argument */
} text_status;

/* Token flags (text_token.flags). */
enum {
    TEXT_TOK_PARTICLE = 1u << 0,  /* al, el, bin, ibn, abu, van, von, de, ... */
    TEXT_TOK_LEGAL = 1u << 1,     /* organization legal form; see legal_class */
    TEXT_TOK_GENERIC = 1u << 2,   /* generic organization word: trading, group, bank ... */
    TEXT_TOK_INITIAL = 1u << 3,   /* one letter */
    TEXT_TOK_FAMILY = 1u << 4,    /* family name ("LAST, First", a Korean surname) */
    TEXT_TOK_JOIN = 1u << 5,      /* may be concatenated with the next token */
    TEXT_TOK_DIGITS = 1u << 6,    /* contains a digit */
    TEXT_TOK_CUT = 1u << 7,       /* the word was longer than TEXT_MAX_TOKEN_LEN */
    TEXT_TOK_HONORIFIC = 1u << 8, /* a title in a name of titles only: weighs nothing */
    TEXT_TOK_NEAR_GENERIC = 1u << 9, /* internal to preparation: a typo of a generic word */
    TEXT_TOK_PATRONYMIC = 1u << 10, /* a patronymic (Leonidovich, Ivanovna, ogly) in a person's name */
    TEXT_TOK_TITLE = 1u << 11,      /* a title word not last ("Sayyed Javad MUSAVI"); counted only when met */
    TEXT_TOK_UNVOWELLED = 1u << 12  /* Arabic script spelt letter by letter: its short vowels were never written */
};

/* Name flags (text_name.flags). */
enum {
    TEXT_NAME_TRUNCATED = 1u << 0,      /* more words than TEXT_MAX_TOKENS, or the pool filled */
    TEXT_NAME_INVALID_UTF8 = 1u << 1,   /* invalid bytes were treated as spaces */
    TEXT_NAME_HONORIFIC = 1u << 2,      /* the name starts with a title (or one follows its comma) */
    TEXT_NAME_LEGAL = 1u << 3,          /* a legal form was found: an organization */
    TEXT_NAME_COMMA_ORDER = 1u << 4,    /* "LAST, First": family tokens are marked */
    TEXT_NAME_NON_LATIN = 1u << 5,      /* some text was transliterated */
    TEXT_NAME_ICU_FAILED = 1u << 6      /* an ICU call failed; that run was skipped */
};

/* The script a token was written in. */
typedef enum {
    TEXT_SCRIPT_LATIN = 0,
    TEXT_SCRIPT_HANGUL,
    TEXT_SCRIPT_CYRILLIC,
    TEXT_SCRIPT_ARABIC,
    TEXT_SCRIPT_HAN,
    TEXT_SCRIPT_OTHER     /* through ICU Any-Latin: Greek, Armenian, Georgian, Kana, ... */
} text_script;

/* Legal form classes: one per meaning, whatever the language. */
typedef enum {
    TEXT_LEGAL_NONE = 0,
    TEXT_LEGAL_LLC,     /* llc, ooo, gmbh, sarl, srl, sp z oo, limited liability company */
    TEXT_LEGAL_JSC,     /* jsc, ao, oao, zao, pao, ojsc, cjsc, pjsc, joint stock company */
    TEXT_LEGAL_LTD,     /* ltd, limited, co ltd, pte ltd, private limited */
    TEXT_LEGAL_PLC,     /* plc, public limited company */
    TEXT_LEGAL_INC,     /* inc, incorporated */
    TEXT_LEGAL_CORP,    /* corp, corporation */
    TEXT_LEGAL_CO,      /* co, company, compania, compagnie */
    TEXT_LEGAL_SA,      /* sa, societe anonyme, sociedad anonima */
    TEXT_LEGAL_AG,      /* ag, aktiengesellschaft */
    TEXT_LEGAL_BV,      /* bv, nv: Dutch/Belgian companies */
    TEXT_LEGAL_FZE,     /* fze, fzco, fzc, fz llc: UAE free zone */
    TEXT_LEGAL_LLP,     /* llp, lp, cv: partnerships */
    TEXT_LEGAL_COUNT
} text_legal;

/* A byte range of text_name.pool; the string there is NUL-terminated. */
typedef struct {
    uint16_t off;
    uint16_t len;
} text_span;

typedef struct {
    text_span text;                 /* main spelling */
    text_span alt[TEXT_MAX_ALTS];   /* other spellings, none equal to text */
    uint8_t n_alt;
    uint8_t script;                 /* text_script */
    uint8_t legal;                  /* text_legal when TEXT_TOK_LEGAL */
    uint8_t len;                    /* text.len, for quick length filters */
    uint16_t flags;                 /* TEXT_TOK_* */
    char skeleton[TEXT_KEY_LEN];    /* consonant skeleton of text: hussein -> hsn */
    char phonetic[TEXT_KEY_LEN];    /* phonetic key of text: mohammed -> MHMT */
} text_token;

typedef struct {
    text_token tok[TEXT_MAX_TOKENS];
    uint32_t n_tok;
    uint32_t flags;                 /* TEXT_NAME_* */
    uint32_t pool_used;
    char pool[TEXT_POOL_SIZE];
} text_name;

/*
 * Prepares LEN bytes of UTF-8 at UTF8 (NUL not needed) into OUT, which the
 * caller owns and may reuse. Never allocates except for ICU's own state the
 * first time a rare script is seen. Invalid UTF-8 bytes and control
 * characters act as spaces. Returns TEXT_OK when OUT holds at least one
 * token, TEXT_EMPTY when it holds none, TEXT_EINVAL when OUT is NULL or UTF8
 * is NULL with LEN > 0 (OUT is then untouched / emptied).
 */
text_status text_name_prepare(const char *utf8, size_t len, text_name *out);

/* The main spelling of token I of NAME (I < n_tok). */
static inline const char *text_tok_str(const text_name *name, uint32_t i) {
    return name->pool + name->tok[i].text.off;
}
/* Alternate J of token I of NAME (J < n_alt). */
static inline const char *text_alt_str(const text_name *name, uint32_t i, uint32_t j) {
    return name->pool + name->tok[i].alt[j].off;
}
/* True when token I of NAME has S as its main spelling or an alternate. */
bool text_tok_has(const text_name *name, uint32_t i, const char *s);
/* The index of the first token whose text or an alternate equals S, or -1. */
int text_name_find(const text_name *name, const char *s);

/*
 * Normalizes one word (any script) into OUT (CAP bytes, NUL-terminated,
 * truncated to fit): the main spellings of its tokens concatenated, so
 * "Al-Qaida" -> "alqaida", "Müller" -> "muller", "Путин" -> "putin".
 * Returns the length written. For the index and the matcher's one-token needs.
 */
size_t text_normalize_word(const char *utf8, size_t len, char *out, size_t cap);

/*
 * Consonant skeleton of the ASCII word S (LEN bytes) into OUT (TEXT_KEY_LEN):
 * an initial vowel becomes 'a', later vowels and y/w go, h after a consonant
 * goes, doubled letters count once: hussein, husayn -> hsn; usama, osama -> asm.
 */
void text_skeleton(const char *s, size_t len, char *out);
/*
 * Phonetic key of the ASCII word S into OUT (TEXT_KEY_LEN), upper case:
 * digraphs fold (ph f, kh k, sh s, ch/j/zh J, th t), voiced and voiceless
 * stops merge (b p, d t, g k), l and r merge, vowels go after the first
 * letter (keys.c has the rules): mohammed, muhammad, mohamed -> MHMT;
 * jong, jeong, chong, chung -> JN; kim, gim -> KM.
 */
void text_phonetic(const char *s, size_t len, char *out);

/* Writes a readable dump of NAME (tokens, flags, alternates, keys) to F. */
void text_name_print(const text_name *name, FILE *f);
/* A short name for a legal class ("llc", "jsc", ...); "" for NONE. */
const char *text_legal_name(text_legal legal);

/* Frees the cached ICU transliterators (tests and clean shutdown). Not needed otherwise. */
void text_shutdown(void);

#endif
