/*
 * text_int.h - what the files of src/text/ share and nobody else uses: the
 * token builder (name.c), the scanner (normalize.c), the script romanizers
 * and the lexicon. See text.h for the design.
 */
#ifndef EMBARGO_TEXT_INT_H
#define EMBARGO_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

/* ---- name.c: the token builder ---------------------------------------- */

/* Empties NAME (tokens, flags, pool). */
void text_name_reset(text_name *name);
/*
 * Appends a token with main spelling S (LEN bytes of lower-case ASCII, cut to
 * TEXT_MAX_TOKEN_LEN) and FLAGS. Returns its index, or -1 when the name is
 * full or the pool is exhausted (TEXT_NAME_TRUNCATED is then set). An empty
 * S emits nothing and returns -1 without setting a flag.
 */
int text_emit(text_name *name, const char *s, size_t len, text_script script, uint16_t flags);
/* Adds S (LEN bytes) as an alternate of token I unless empty, equal to the text or to an alternate, or no room. */
bool text_add_alt(text_name *name, int i, const char *s, size_t len);
/* Gives token I the main spelling S and no alternates; false when the pool is full. */
bool text_retext(text_name *name, uint32_t i, const char *s, size_t len);
/*
 * Splits token I into its first AT bytes and the rest, as two tokens (the
 * first marked TEXT_TOK_JOIN, both without alternates); false when the name
 * or the pool is full, or AT is not inside the token.
 */
bool text_split(text_name *name, uint32_t i, size_t at);
/* Removes token I, shifting later tokens down (pool bytes stay used). */
void text_remove(text_name *name, uint32_t i);

/* ---- normalize.c: the scanner ----------------------------------------- */

/* What the scanner saw besides tokens: where the commas were. */
typedef struct {
    uint32_t n_commas;
    uint32_t first_comma_tok;  /* tokens emitted before the first comma */
} text_scan_info;

/*
 * Splits LEN bytes of UTF-8 into tokens appended to NAME, sending each run to
 * its romanizer. DEPTH > 0 (text coming back from ICU) never calls ICU again.
 */
void text_scan(text_name *name, const char *s, size_t len, int depth, text_scan_info *info);

/* ---- latin.c ------------------------------------------------------------ */

/*
 * Folds the Latin code point CP (U+0080..U+024F, U+1E00..U+1EFF) to lower-case
 * ASCII in OUT (room for 4): returns the bytes written (0 for a combining or
 * modifier mark to drop), or -1 when CP is not a Latin letter this table knows.
 * *GERMAN gets the German alternate ("ae" for ä) or NULL.
 */
int text_latin_fold(int32_t cp, char *out, const char **german);

/* ---- the script romanizers -------------------------------------------- */

/* Hangul syllables CPS[0..N): per-syllable tokens (korean.c). FIRST: first word of the name. */
void text_korean_word(text_name *name, const int32_t *cps, size_t n, bool first);
/* The romanized surname spellings of the Hangul syllable CP, "kim gim", or NULL. */
const char *text_korean_surname(int32_t cp);
/* Checks the surname table; returns the first bad entry's index or -1 (for tests). */
int text_korean_check_table(void);
/* Cyrillic letters CPS[0..N) as one token with alternates (cyrillic.c). */
void text_cyrillic_word(text_name *name, const int32_t *cps, size_t n);
/* After the scan: Korean names written in Cyrillic get Korean alternates. */
void text_cyrillic_korean(text_name *name);

/*
 * din_names.c: "Siraj al-Din", "Siraj-ud-Din", "Sirajuddin", "سراج الدين"
 * are read as the one word "sirajuddin" (first parts on its table only).
 */
void text_din_pass(text_name *name);
/* Arabic letters CPS[0..N) as one or two tokens with alternates (arabic.c). */
void text_arabic_word(text_name *name, const int32_t *cps, size_t n);

/*
 * ICU transliteration of LEN bytes of UTF-8 into OUT (CAP bytes, ASCII,
 * NUL-terminated): HAN selects "Han-Latin; Latin-ASCII", otherwise
 * "Any-Latin; Latin-ASCII". Returns the length, or -1 on any ICU error.
 */
long text_icu_latin(const char *s, size_t len, bool han, char *out, size_t cap);

/*
 * Han-Latin from the build-time table (han_latin.c): LEN bytes of UTF-8
 * ideographs into OUT (CAP bytes) as text_icu_latin(HAN) writes them. Returns
 * the length, -1 when OUT is too small (ICU's error there too), or -2 when
 * the run holds something the table lacks: ask text_icu_latin then.
 */
long text_han_latin(const char *s, size_t len, char *out, size_t cap);

/* ---- lexicon.c ---------------------------------------------------------- */

enum {
    LEX_HONORIFIC = 1u << 0,
    LEX_PARTICLE = 1u << 1,
    LEX_GENERIC = 1u << 2,
    LEX_LEGAL = 1u << 3,        /* a one-word legal form (legal class in the entry) */
    LEX_LEGAL_EDGE = 1u << 4,   /* legal only as the first or last token (co, sa, ao ...) */
    LEX_PHRASE = 1u << 5,       /* starts a multi-word legal form */
    LEX_LEGAL_PART = 1u << 6,   /* a word of multi-word legal forms (joint, stock, liability) */
    LEX_LEGAL_SURE = 1u << 7,   /* a legal-form word that is no plain word (obshchestvo, liability) */
    LEX_DIVINE = 1u << 8        /* an attribute of God as it follows "Abd" (rahman, malik) */
};

typedef struct {
    uint16_t kind;  /* LEX_* bits */
    uint8_t legal;  /* text_legal of the one-word form */
} text_lex;

/* True when S (LEN bytes) is an attribute of God as Arabic names write it after "Abd" (rahman, malik). */
bool text_is_divine_name(const char *s, size_t len);

/*
 * The divine name with the consonants of S (LEN bytes; an unvowelled Arabic
 * word as romanized: "mlk" -> "malik", "rhim" -> "rahim"), *NAME_LEN bytes
 * long and not NUL-terminated; NULL when none, or when S has under two.
 */
const char *text_divine_by_consonants(const char *s, size_t len, size_t *name_len);

/*
 * The consonants of S (LEN bytes) into OUT (CAP bytes, NUL-terminated): vowels,
 * and y and w that unvowelled script may write or not, go. Returns their count.
 */
size_t text_consonants(const char *s, size_t len, char *out, size_t cap);

/* What the lexicon knows of the word S (LEN bytes); kind 0 when nothing. */
text_lex text_lexicon(const char *s, size_t len);

/*
 * The legal or generic word of 5+ letters that S (LEN bytes, not itself in
 * the lexicon) is a typo of ("limitwd" -> "limited"; S of 4 letters: only a
 * legal word with one letter lost, "stok" -> "stock"), with what the lexicon
 * knows of it in *LEX; NULL when there is none.
 */
const char *text_lexicon_near(const char *s, size_t len, text_lex *lex);

/*
 * The one-word legal form of four letters that S (LEN bytes) is one letter
 * off, or two neighbouring letters swapped ("gmba", "ojtc", "oeod"), with
 * what the lexicon knows of it in *LEX; NULL when none. Names have such words
 * too ("Sara"): the tokenizer asks only at the end of a company's name.
 */
const char *text_lexicon_legal_typo(const char *s, size_t len, text_lex *lex);

/* A multi-word legal form: its words and class. */
typedef struct {
    const char *words;  /* space-separated, lower-case ASCII */
    uint8_t legal;
} text_phrase;

extern const text_phrase text_phrases[];
extern const size_t text_n_phrases;

#endif
