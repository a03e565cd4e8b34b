/*
 * tokenize.c - text_name_prepare: scan, then give the tokens their roles.
 *
 * Passes, in order, over the tokens the scanner (normalize.c) produced:
 *   1. Korean names written in Cyrillic get Korean alternates (cyrillic.c).
 *   2. Legal forms: the longest multi-word form starting at a token (matching
 *      each word against the token's text or alternates) or a one-word form
 *      (some only as the first or last token: co, sa, ao, ag ..., unless
 *      another word shows a company's name: "I B.V. FLEURETTE ENERGY")
 *      becomes one token: text = the class's canonical form ("llc"),
 *      alternate = the words as written, TEXT_TOK_LEGAL and the class.
 *   3. Legal runs: words of legal forms left over when a form was cut,
 *      reordered or misspelt ("LIABILITY COMPANY X LIMITED") become legal
 *      tokens too, when their run holds a legal form, has two words or more,
 *      or is one unmistakable word at an end of the name.
 *   4. "LAST, First": one comma with one or two tokens before it marks those
 *      tokens TEXT_TOK_FAMILY (not in organization names).
 *   5. Honorifics (Latin, not in organization names) get TEXT_TOK_TITLE:
 *      the scorer counts them only when both names have them. Last, they
 *      stay plain words: "Sheikh", "Haji" and "Sayyid" are family names too.
 *      A name of titles only gets TEXT_TOK_HONORIFIC: nothing to search.
 *   6. "Abd" names: "Abd al-Rahman", "Abdul Rahman", "Abderrahman" become
 *      the two tokens "abdul rahman", and "Abd Allah" the one "abdullah"
 *      (abd_pass), when the attribute of God after "Abd" is on the lexicon's
 *      list; "Abdallah", one word, keeps its spelling with "abdullah" as an
 *      alternate, so that a typo in it still meets it.
 *   6a. "al-Din" names: "Siraj al-Din", "Siraj-ud-Din" become the one word
 *      "sirajuddin"; "Sirajeddine" keeps its spelling and gains that one as
 *      an alternate (din_names.c).
 *   6b. Patronymics: in a name of three words or more with no legal form, the
 *      first word after the first that ends like one (-ovich, -evna, ogly)
 *      gets TEXT_TOK_PATRONYMIC; the scorer weighs it lightly, as lists and
 *      documents often leave it out.
 *   7. Per-token flags (particle, generic, initial) and keys (keys.c).
 */
#include <string.h>

#include "text/text_int.h"

#define ORIGINAL_MAX (TEXT_MAX_TOKEN_LEN + 1)

static bool is_roman(const text_token *t) {
    return t->script == TEXT_SCRIPT_LATIN || t->script == TEXT_SCRIPT_CYRILLIC ||
           t->script == TEXT_SCRIPT_OTHER || t->script == TEXT_SCRIPT_ARABIC;
}

/* Token I's text or an alternate equals W (LEN bytes). */
static bool tok_is(const text_name *name, uint32_t i, const char *w, size_t len) {
    const text_token *t = &name->tok[i];
    if (t->text.len == len && memcmp(name->pool + t->text.off, w, len) == 0)
        return true;
    for (uint8_t j = 0; j < t->n_alt; j++)
        if (t->alt[j].len == len && memcmp(name->pool + t->alt[j].off, w, len) == 0)
            return true;
    return false;
}

/* The lexicon's bits for token I's text and each of its alternates. */
static uint16_t lex_kinds(const text_name *name, uint32_t i) {
    const text_token *t = &name->tok[i];
    uint16_t kinds = text_lexicon(text_tok_str(name, i), t->text.len).kind;
    for (uint8_t j = 0; j < t->n_alt; j++)
        kinds |= text_lexicon(name->pool + t->alt[j].off, t->alt[j].len).kind;
    return kinds;
}

/*
 * True when a token other than SKIP shows the name is a company's: a legal
 * form, a one-word form that needs no edge, or a generic organization word
 * that is no title ("General" is both).
 */
static bool company_word_besides(const text_name *name, uint32_t skip) {
    for (uint32_t j = 0; j < name->n_tok; j++) {
        if (j == skip || !is_roman(&name->tok[j]))
            continue;
        if (name->tok[j].flags & TEXT_TOK_LEGAL)
            return true;
        uint16_t k = lex_kinds(name, j);
        if (((k & LEX_GENERIC) && !(k & LEX_HONORIFIC)) || ((k & LEX_LEGAL) && !(k & LEX_LEGAL_EDGE)))
            return true;
    }
    return false;
}

/* True when every token after I is a legal-form word as written ("GMBA", "OCRP S.A.C."). */
static bool only_legal_after(const text_name *name, uint32_t i) {
    for (uint32_t j = i + 1; j < name->n_tok; j++)
        if (!(text_lexicon(text_tok_str(name, j), name->tok[j].text.len).kind & LEX_LEGAL))
            return false;
    return true;
}

/* Number of tokens from I that spell PHRASE, or 0. */
static uint32_t phrase_at(const text_name *name, uint32_t i, const char *phrase) {
    uint32_t k = 0;
    for (const char *p = phrase; *p; k++) {
        size_t len = strcspn(p, " ");
        if (i + k >= name->n_tok || !tok_is(name, i + k, p, len))
            return 0;
        p += len;
        while (*p == ' ')
            p++;
    }
    return k;
}

/* Tokens I..I+K-1 become one legal-form token of class LEGAL. */
static void merge_legal(text_name *name, uint32_t i, uint32_t k, uint8_t legal) {
    char original[ORIGINAL_MAX];
    size_t n = 0;
    for (uint32_t j = i; j < i + k; j++) {
        const char *s = text_tok_str(name, j);
        size_t len = strlen(s);
        if (n + len + 1 >= ORIGINAL_MAX)
            break;
        if (n)
            original[n++] = ' ';
        memcpy(original + n, s, len);
        n += len;
    }
    const char *canon = text_legal_name((text_legal)legal);
    if (!text_retext(name, i, canon, strlen(canon)))
        return;
    text_add_alt(name, (int)i, original, n);
    text_token *t = &name->tok[i];
    t->flags = (uint16_t)((t->flags & ~(TEXT_TOK_JOIN | TEXT_TOK_FAMILY)) | TEXT_TOK_LEGAL);
    t->legal = legal;
    t->script = TEXT_SCRIPT_LATIN;
    for (uint32_t j = 1; j < k; j++)
        text_remove(name, i + 1);
    name->flags |= TEXT_NAME_LEGAL;
}

/* The longest multi-word legal form starting at I: its class and length in *K. */
static uint8_t longest_phrase(const text_name *name, uint32_t i, uint32_t *k) {
    uint8_t legal = 0;
    *k = 0;
    for (size_t p = 0; p < text_n_phrases; p++) {
        uint32_t m = phrase_at(name, i, text_phrases[p].words);
        if (m > *k) {
            *k = m;
            legal = text_phrases[p].legal;
        }
    }
    return legal;
}

/*
 * A word one typo away from a legal or generic word ("LIMITWD", "STOKC";
 * of four letters, only a legal word with a letter lost: "STOK") gets that
 * word as an alternate spelling, and its role: a one-word legal form becomes
 * a legal token of its class (an edge form such as "company" only at an end
 * of the name); other words become generic. Its own spelling stays the main
 * one (it may be a name after all). A four-letter word one letter off a
 * four-letter form ("GMBA", "OJTC") is taken for it only at the end of a
 * company's name, since names have such words too ("Sara", "Cora"), or
 * after "co" ("CO ASRL").
 */
static const char *near_word(const text_name *name, uint32_t i, text_lex *lex) {
    const text_token *t = &name->tok[i];
    const char *s = text_tok_str(name, i);
    const char *word = text_lexicon_near(s, t->text.len, lex);
    if (word || t->text.len != 4 || !only_legal_after(name, i))
        return word;
    /* A company's name: a word of one besides, or "co" just before ("INSHAAT CO ASRL"); not other
       edge forms, which are name words too ("Mohamed Ag Sara"). */
    if (company_word_besides(name, i) || (i > 0 && tok_is(name, i - 1, "co", 2)))
        word = text_lexicon_legal_typo(s, t->text.len, lex);
    return word;
}

static void spelling_pass(text_name *name) {
    for (uint32_t i = 0; i < name->n_tok; i++) {
        const text_token *t = &name->tok[i];
        if (!is_roman(t) || t->text.len < 4 || text_lexicon(text_tok_str(name, i), t->text.len).kind)
            continue;
        text_lex lex;
        const char *word = near_word(name, i, &lex);
        if (!word)
            continue;
        text_add_alt(name, (int)i, word, strlen(word));
        text_token *m = &name->tok[i];
        bool edge = name->n_tok > 1 && (i == 0 || i + 1 == name->n_tok);
        if ((lex.kind & LEX_LEGAL) && (!(lex.kind & LEX_LEGAL_EDGE) || edge)) {
            m->flags |= TEXT_TOK_LEGAL;
            m->legal = lex.legal;
            name->flags |= TEXT_NAME_LEGAL;
        } else {
            m->flags |= TEXT_TOK_NEAR_GENERIC;
        }
    }
}

static void legal_pass(text_name *name) {
    for (uint32_t i = 0; i < name->n_tok; i++) {
        const text_token *t = &name->tok[i];
        if (!is_roman(t))
            continue;
        text_lex lex = text_lexicon(text_tok_str(name, i), t->text.len);
        uint32_t k;
        uint8_t legal = (lex.kind & LEX_PHRASE) ? longest_phrase(name, i, &k) : 0;
        if (legal) {
            merge_legal(name, i, k, legal);
        } else if (lex.kind & LEX_LEGAL) {
            /* Edge forms ("co", "sa", "bv") inside a name only when it is a company's ("I B.V. FLEURETTE ENERGY"). */
            bool edge = i == 0 || i + 1 == name->n_tok;
            if (!(lex.kind & LEX_LEGAL_EDGE) || (edge && name->n_tok > 1) || company_word_besides(name, i))
                merge_legal(name, i, 1, lex.legal);
        }
    }
}

static bool is_legalish(const text_name *name, uint32_t i) {
    return is_roman(&name->tok[i]) &&
           ((name->tok[i].flags & TEXT_TOK_LEGAL) || (lex_kinds(name, i) & (LEX_LEGAL | LEX_LEGAL_PART)));
}

/* True when the run of legal-form words FROM..TO-1 is a legal form's remains. */
static bool run_is_legal(const text_name *name, uint32_t from, uint32_t to) {
    if (from == 0 && to == name->n_tok)
        return false; /* nothing but such words: they are the name */
    if (to - from >= 2)
        return true;
    for (uint32_t i = from; i < to; i++)
        if (name->tok[i].flags & TEXT_TOK_LEGAL)
            return true;
    bool edge = from == 0 || to == name->n_tok;
    return edge && (lex_kinds(name, from) & LEX_LEGAL_SURE);
}

static void make_legal(text_name *name, uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; i++) {
        text_token *t = &name->tok[i];
        if (t->flags & TEXT_TOK_LEGAL)
            continue;
        text_lex lex = text_lexicon(text_tok_str(name, i), t->text.len);
        t->flags = (uint16_t)((t->flags & ~(TEXT_TOK_JOIN | TEXT_TOK_FAMILY | TEXT_TOK_NEAR_GENERIC)) | TEXT_TOK_LEGAL);
        t->legal = (lex.kind & LEX_LEGAL) ? lex.legal : TEXT_LEGAL_NONE;
    }
    name->flags |= TEXT_NAME_LEGAL;
}

static bool has_legal(const text_name *name) {
    for (uint32_t i = 0; i < name->n_tok; i++)
        if (name->tok[i].flags & TEXT_TOK_LEGAL)
            return true;
    return false;
}

static void legal_run_pass(text_name *name) {
    for (uint32_t from = 0; from < name->n_tok;) {
        uint32_t to = from;
        while (to < name->n_tok && is_legalish(name, to))
            to++;
        if (to > from && run_is_legal(name, from, to))
            make_legal(name, from, to);
        from = to > from ? to : from + 1;
    }
    /* In a company's name, a plain legal word left alone at an end is the rest of its form ("STOCK COMPANY X JOINT"). */
    if (name->n_tok < 3 || !has_legal(name))
        return;
    uint32_t last = name->n_tok - 1;
    if (is_legalish(name, 0) && !(name->tok[0].flags & TEXT_TOK_LEGAL))
        make_legal(name, 0, 1);
    if (is_legalish(name, last) && !(name->tok[last].flags & TEXT_TOK_LEGAL))
        make_legal(name, last, last + 1);
}

static void comma_pass(text_name *name, const text_scan_info *info) {
    if (info->n_commas != 1 || info->first_comma_tok == 0 || info->first_comma_tok > 2 ||
        info->first_comma_tok >= name->n_tok || (name->flags & TEXT_NAME_LEGAL))
        return;
    for (uint32_t i = 0; i < info->first_comma_tok; i++)
        name->tok[i].flags |= TEXT_TOK_FAMILY;
    name->flags |= TEXT_NAME_COMMA_ORDER;
}

static bool is_honorific(const text_name *name, uint32_t i) {
    const text_token *t = &name->tok[i];
    return t->script == TEXT_SCRIPT_LATIN &&
           (text_lexicon(text_tok_str(name, i), t->text.len).kind & LEX_HONORIFIC);
}

static uint32_t count_honorifics(const text_name *name) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < name->n_tok; i++)
        n += is_honorific(name, i);
    return n;
}

/*
 * Titles are kept, flagged TEXT_TOK_TITLE, wherever they stand but last:
 * the scorer counts a title only when the other name has it too, so it
 * neither makes nor breaks a match ("Sayyed Javad MUSAVI" and "Javad MUSAVI
 * Sayyed", "Saqyyed Mohammed" with a typo, still meet). Last, a title word is
 * most often the family name ("Muhammad Naeem SHEIKH") and stays a plain word.
 */
static void honorific_pass(text_name *name, const text_scan_info *info) {
    /* Most names hold no title: the company test (a lookup of every word's spellings) is for the few that do. */
    if (name->flags & TEXT_NAME_LEGAL)
        return;
    uint32_t titles = count_honorifics(name);
    if (titles == 0 || company_word_besides(name, 0))
        return; /* "General Trading Tradive" */
    if (titles == name->n_tok) { /* nothing but titles ("Dr."): nothing to search for */
        for (uint32_t i = 0; i < name->n_tok; i++)
            name->tok[i].flags |= TEXT_TOK_HONORIFIC;
        return;
    }
    /* "Sheikh HASSAN, Ali": the comma took the title for a family name; one family name alone stays one. */
    bool title_before_family = info->n_commas == 1 && info->first_comma_tok == 2;
    for (uint32_t i = 0; i + 1 < name->n_tok; i++) {
        text_token *t = &name->tok[i];
        if (!is_honorific(name, i) || ((t->flags & TEXT_TOK_FAMILY) && !(i == 0 && title_before_family)))
            continue;
        t->flags = (uint16_t)((t->flags & ~TEXT_TOK_FAMILY) | TEXT_TOK_TITLE);
    }
    uint32_t after = info->n_commas > 0 ? info->first_comma_tok : 0;
    if ((name->tok[0].flags & TEXT_TOK_TITLE) || (after < name->n_tok && (name->tok[after].flags & TEXT_TOK_TITLE)))
        name->flags |= TEXT_NAME_HONORIFIC;
}

/* ---- "Abd al-Rahman", "Abdul Rahman", "Abdurrahman": one name ----------- */

#define ABD_MAX 64

/* The divine name X (LEN bytes) as it follows "abdul": "allah" and "ullah" are "lah" (abdul-lah). */
static bool divine_tail(const char *x, size_t len, const char **tail, size_t *tail_len) {
    if (len == 5 && (memcmp(x, "allah", 5) == 0 || memcmp(x, "ullah", 5) == 0 || memcmp(x, "illah", 5) == 0)) {
        *tail = x + 2, *tail_len = 3;
        return true;
    }
    *tail = x, *tail_len = len;
    return text_is_divine_name(x, len);
}

/* Token J's spelling (main, or an alternate: unvowelled Arabic gives several) that is a divine name, as a tail. */
static bool token_divine(const text_name *name, uint32_t j, const char **tail, size_t *tail_len) {
    const text_token *t = &name->tok[j];
    if (divine_tail(text_tok_str(name, j), t->text.len, tail, tail_len))
        return true;
    for (uint8_t k = 0; k < t->n_alt; k++)
        if (divine_tail(name->pool + t->alt[k].off, t->alt[k].len, tail, tail_len))
            return true;
    /* Unvowelled Arabic script: the consonants decide ("mlk" is "malik", "rhim" is "rahim"). */
    if (t->script != TEXT_SCRIPT_ARABIC)
        return false;
    return (*tail = text_divine_by_consonants(text_tok_str(name, j), t->text.len, tail_len)) != NULL;
}

/*
 * True when A (LEN bytes) is the article between "abd" and the divine name
 * X: al, el, ul, ol, il; or, assimilated to X's first letter, a vowel and
 * that letter (ar-Rahman, us-Salam, ash-Shakur).
 */
static bool abd_article(const char *a, size_t len, const char *x) {
    if (len < 2 || len > 3 || !strchr("aeiou", a[0]))
        return false;
    if (len == 2 && a[1] == 'l')
        return true;
    return strncmp(a + 1, x, len - 1) == 0;
}

/*
 * Tokens I .. I+DROP become the canonical form: "abdullah" as one word,
 * else "abdul" and TAIL as two (so that "Abdul" alone, or the two words in
 * another order, still meet them).
 */
static void abd_merge(text_name *name, uint32_t i, uint32_t drop, const char *tail, size_t tail_len) {
    char joined[ABD_MAX];
    if (5 + tail_len >= sizeof joined)
        return;
    memcpy(joined, "abdul", 5);
    memcpy(joined + 5, tail, tail_len);
    uint16_t flags = name->tok[i].flags;
    bool one_word = tail_len == 3 && memcmp(tail, "lah", 3) == 0;
    if (one_word && drop == 0) {
        /* Written as one word ("Abdallah"), it keeps its spelling, so that a typo in it still
           meets it ("Adballah"), and gains the canonical form to meet the other forms. */
        text_add_alt(name, (int)i, joined, 5 + tail_len);
        return;
    }
    if (one_word || drop == 0) {
        if (!text_retext(name, i, joined, 5 + tail_len))
            return;
        name->tok[i].flags = (uint16_t)(flags & ~TEXT_TOK_JOIN);
        for (uint32_t k = 0; k < drop; k++)
            text_remove(name, i + 1);
        if (!one_word)
            text_split(name, i, 5);
        return;
    }
    if (!text_retext(name, i, joined, 5) || !text_retext(name, i + 1, tail, tail_len))
        return;
    name->tok[i].flags = (uint16_t)(flags | TEXT_TOK_JOIN);
    name->tok[i + 1].flags &= (uint16_t)~TEXT_TOK_PARTICLE;
    for (uint32_t k = 1; k < drop; k++)
        text_remove(name, i + 2);
}

/*
 * The "Abd" form starting at token I: how many tokens after it belong to it
 * (*DROP) and the attribute (*TAIL, pointing into the name's pool or the
 * lexicon, which the merge does not move). Forms: "abd" [article] X,
 * "abdul"/"abdur"... X, and one word "abdulX"/"abderrahman".
 */
static bool abd_form(const text_name *name, uint32_t i, uint32_t *drop, const char **tail, size_t *tail_len) {
    const char *w = text_tok_str(name, i);
    size_t len = name->tok[i].text.len;
    bool next = i + 1 < name->n_tok;
    if (len < 3 || memcmp(w, "abd", 3) != 0)
        return false;
    if (len == 3 && next) {
        const char *a = text_tok_str(name, i + 1);
        size_t alen = name->tok[i + 1].text.len;
        *drop = 2;
        if (i + 2 < name->n_tok && token_divine(name, i + 2, tail, tail_len) && abd_article(a, alen, *tail))
            return true;
        *drop = 1;
        return token_divine(name, i + 1, tail, tail_len);
    }
    if (len < 5 || !strchr("aeiou", w[3]))
        return false;
    if (len == 5 && next) { /* abdul, abdel, abdur (assimilated to the attribute's first letter) */
        *drop = 1;
        return token_divine(name, i + 1, tail, tail_len) && (w[4] == 'l' || w[4] == (*tail)[0]);
    }
    *drop = 0; /* one word: abd + vowel + l or the attribute's first letter + attribute */
    if (len < 7 || (w[4] != 'l' && w[4] != w[5]) || !divine_tail(w + 5, len - 5, tail, tail_len))
        return false;
    return !(len == 8 && memcmp(w, "abdullah", 8) == 0); /* already the canonical form */
}

/*
 * Arabic names built on "Abd" (servant of) and an attribute of God are
 * written as one word, two or three: every form becomes "abdul" and the
 * attribute ("abdul rahman"; "abdullah" stays one word), so that they meet.
 */
static void abd_pass(text_name *name) {
    for (uint32_t i = 0; i < name->n_tok; i++) {
        uint32_t drop;
        const char *tail;
        size_t tail_len;
        if (is_roman(&name->tok[i]) && abd_form(name, i, &drop, &tail, &tail_len))
            abd_merge(name, i, drop, tail, tail_len);
    }
}

/* Endings of patronymics as romanized (Russian, Ukrainian, Belarusian), and Turkic words for "son of". */
static const char *const patronymic_endings[] = {
    "ovich", "evich", "avich", "ovych", "evych", "ovna", "evna", "avna", "ichna", "ivna",
};
static const char *const patronymic_words[] = {"ogly", "oglu", "ogli", "uly", "kyzy", "kizi", "qizi", "gizi"};

static bool is_patronymic(const char *s, size_t len) {
    for (size_t k = 0; k < sizeof patronymic_words / sizeof *patronymic_words; k++)
        if (strlen(patronymic_words[k]) == len && memcmp(s, patronymic_words[k], len) == 0)
            return true;
    for (size_t k = 0; k < sizeof patronymic_endings / sizeof *patronymic_endings; k++) {
        size_t n = strlen(patronymic_endings[k]);
        if (len >= n + 3 && memcmp(s + len - n, patronymic_endings[k], n) == 0)
            return true;
    }
    return false;
}

static void patronymic_pass(text_name *name) {
    uint32_t words = 0; /* titles aside: "Mr Ivan Petrovich" is a given and a family name */
    for (uint32_t i = 0; i < name->n_tok; i++)
        words += !(name->tok[i].flags & TEXT_TOK_TITLE);
    if (words < 3 || (name->flags & TEXT_NAME_LEGAL))
        return;
    for (uint32_t i = 1; i < name->n_tok; i++) {
        text_token *t = &name->tok[i];
        if (!is_roman(t) || (t->flags & TEXT_TOK_FAMILY) || !is_patronymic(text_tok_str(name, i), t->text.len))
            continue;
        t->flags |= TEXT_TOK_PATRONYMIC;
        return;
    }
}

static void token_pass(text_name *name) {
    for (uint32_t i = 0; i < name->n_tok; i++) {
        text_token *t = &name->tok[i];
        const char *s = text_tok_str(name, i);
        if (is_roman(t) && !(t->flags & TEXT_TOK_LEGAL) && name->n_tok > 1) {
            text_lex lex = text_lexicon(s, t->text.len);
            if (lex.kind & LEX_PARTICLE)
                t->flags |= TEXT_TOK_PARTICLE;
            if ((lex.kind & LEX_GENERIC) && t->script != TEXT_SCRIPT_ARABIC)
                t->flags |= TEXT_TOK_GENERIC;
        }
        if (t->flags & TEXT_TOK_NEAR_GENERIC) {
            t->flags &= (uint16_t)~TEXT_TOK_NEAR_GENERIC;
            if (name->n_tok > 1) t->flags |= TEXT_TOK_GENERIC;
        }
        if (t->text.len == 1 && s[0] >= 'a' && s[0] <= 'z')
            t->flags |= TEXT_TOK_INITIAL;
        text_skeleton(s, t->text.len, t->skeleton);
        text_phonetic(s, t->text.len, t->phonetic);
    }
}

text_status text_name_prepare(const char *utf8, size_t len, text_name *out) {
    if (!out)
        return TEXT_EINVAL;
    text_name_reset(out);
    if (!utf8 && len > 0)
        return TEXT_EINVAL;
    text_scan_info info = {0, 0};
    if (len > 0)
        text_scan(out, utf8, len, 0, &info);
    text_cyrillic_korean(out);
    spelling_pass(out);
    legal_pass(out);
    legal_run_pass(out);
    comma_pass(out, &info);
    honorific_pass(out, &info);
    abd_pass(out);
    text_din_pass(out);
    patronymic_pass(out);
    token_pass(out);
    return out->n_tok > 0 ? TEXT_OK : TEXT_EMPTY;
}

size_t text_normalize_word(const char *utf8, size_t len, char *out, size_t cap) {
    text_name tmp;
    size_t n = 0;
    if (cap == 0)
        return 0;
    text_name_reset(&tmp);
    if (utf8 && len > 0)
        text_scan(&tmp, utf8, len, 0, NULL);
    for (uint32_t i = 0; i < tmp.n_tok; i++) {
        size_t k = tmp.tok[i].text.len;
        if (n + k >= cap)
            k = cap - 1 - n;
        memcpy(out + n, text_tok_str(&tmp, i), k);
        n += k;
    }
    out[n] = '\0';
    return n;
}
