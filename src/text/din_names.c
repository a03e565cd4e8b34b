/*
 * din_names.c - Arabic names built on "al-Din" (of the faith): "Siraj al-Din",
 * "Siraj-ud-Din", "Sirajuddin", "Sirajeddine" and "سراج الدين" are one name,
 * written as one word, two or three. Each is read as one word in one
 * spelling, the first part and "uddin" ("sirajuddin"): several words become
 * it, one word keeps its own spelling (where a typo still meets the listed
 * one) and gains it as an alternate, so that every form meets every other.
 *
 * Only first parts on the table below are taken (Din is a name of its own
 * too: "Imam Din", "Mohammad Din"). A word is looked at only when it ends
 * like "-uddin" or is followed by "din", with or without an article between,
 * so that the table is scanned for few words.
 */
#include <string.h>

#include "text/text_int.h"

/* First parts of "X al-Din" names: each group's spellings, the first the one it becomes. */
static const char *const first_parts[] = {
    "siraj seraj saraj",  "salah sala salaah",     "nur noor nour",        "jalal jallal jelal",
    "kamal kemal",        "jamal gamal",           "shams",                "shihab shahab shehab",
    "izz ezz",            "fakhr fakhar",          "ala alla alaa",        "muhyi muhi mohi mohy mohyi",
    "nizam nezam",        "muin moin mueen moeen", "zain zayn zein",       "badr bader",
    "saif sayf seif",     "imad emad",             "sadr",                 "qutb kutb",
    "nasir naser nasser", "rukn rokn",             "taj",                  "ghiyath ghias ghiyas",
    "zia ziya diya",      "husam hussam hossam",   "sharaf",               "bahaa baha",
    "najm",               "qamar kamar",           "burhan",               "zahir zaheer",
    "farid fareed",       "hamid hameed",          "bashir basheer",       "khair khayr",
    "alim aleem",         "riaz riyaz",            "wajih wajeeh",         "mujir",
};

#define DIN_MAX 48

/*
 * The spelling a first part S (LEN bytes) becomes, and its length in *OUT_LEN;
 * NULL when S is none. Unvowelled Arabic (BY_CONSONANTS) is matched on its
 * consonants ("sraj" is "siraj").
 */
static const char *first_part(const char *s, size_t len, bool by_consonants, size_t *out_len) {
    char want[DIN_MAX], have[DIN_MAX];
    size_t n = by_consonants ? text_consonants(s, len, want, sizeof want) : 0;
    if (by_consonants && n < 2) return NULL;
    for (size_t g = 0; g < sizeof first_parts / sizeof *first_parts; g++) {
        const char *group = first_parts[g];
        size_t canon = strcspn(group, " ");
        for (const char *p = group; *p;) {
            size_t k = strcspn(p, " ");
            bool same = by_consonants ? text_consonants(p, k, have, sizeof have) == n && memcmp(have, want, n) == 0
                                      : k == len && memcmp(p, s, len) == 0;
            if (same) {
                *out_len = canon;
                return group;
            }
            p += k;
            while (*p == ' ') p++;
        }
    }
    return NULL;
}

/* "din" as written: din, deen, dine, diin, dyn. */
static bool din_word(const char *w, size_t len) {
    static const char *const forms[] = {"din", "deen", "dine", "diin", "dyn"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strlen(forms[i]) == len && memcmp(forms[i], w, len) == 0) return true;
    return false;
}

/* The article between the parts: a vowel and l or d (al, el, ul, ud, ad, ed). */
static bool din_article(const char *w, size_t len) {
    return len == 2 && strchr("aeiou", w[0]) && (w[1] == 'l' || w[1] == 'd');
}

/*
 * Whether W (LEN bytes) ends like "-uddin": [vowels] [l] d or dd, then a din
 * word's end (in, een, ine, iin, yn), taking up to VOWELS vowels into the
 * ending; where the ending starts in *START.
 */
static bool tail_start(const char *w, size_t len, int vowels, size_t *start) {
    static const struct { const char *text; size_t len; } ends[] = {
        {"in", 2}, {"een", 3}, {"ine", 3}, {"iin", 3}, {"yn", 2},
    };
    if (len < 5 || (w[len - 1] != 'n' && w[len - 1] != 'e')) return false;   /* most words leave here */
    for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
        size_t k = ends[e].len;
        if (len < k + 3 || memcmp(w + len - k, ends[e].text, k) != 0) continue;
        size_t at = len - k;
        if (w[at - 1] != 'd') continue;
        at--;
        if (w[at - 1] == 'd') at--;
        if (at > 0 && w[at - 1] == 'l') at--;
        for (int v = 0; v < vowels && at > 0 && strchr("aeiou", w[at - 1]); v++) at--;
        *start = at;
        return true;
    }
    return false;
}

/*
 * Tokens I .. I+DROP, a name of the first part PART (LEN bytes): written in
 * several words, they become the one word PART + "uddin"; written as one
 * word, it keeps its spelling (a typo in it still meets the listed one) and
 * gains that one as an alternate.
 */
static void din_merge(text_name *name, uint32_t i, uint32_t drop, const char *part, size_t len) {
    char text[DIN_MAX];
    if (len + 5 >= sizeof text) return;
    memcpy(text, part, len);
    memcpy(text + len, "uddin", 5);
    if (drop == 0) {
        text_add_alt(name, (int)i, text, len + 5);
        return;
    }
    uint16_t flags = name->tok[i].flags;
    if (!text_retext(name, i, text, len + 5)) return;
    for (uint32_t k = 0; k < drop; k++) text_remove(name, i + 1);
    name->tok[i].flags = (uint16_t)(flags & ~(TEXT_TOK_PARTICLE | TEXT_TOK_JOIN));
}

/* True when token J's text or an alternate is a din word. */
static bool token_din(const text_name *name, uint32_t j) {
    const text_token *t = &name->tok[j];
    if (din_word(text_tok_str(name, j), t->text.len)) return true;
    for (uint8_t k = 0; k < t->n_alt; k++)
        if (din_word(name->pool + t->alt[k].off, t->alt[k].len)) return true;
    return false;
}

/* The form starting at token I, if any: merged into token I. Returns 1 when there was one, else 0. */
static bool din_at(text_name *name, uint32_t i) {
    const text_token *t = &name->tok[i];
    const char *w = text_tok_str(name, i);
    bool arabic = t->script == TEXT_SCRIPT_ARABIC;
    size_t part_len;
    const char *part;
    /* Two or three words: X din, X al din, X eddine. */
    uint32_t after = i + 1 < name->n_tok && din_article(text_tok_str(name, i + 1), name->tok[i + 1].text.len) ? 2 : 1;
    if (i + after < name->n_tok && token_din(name, i + after) && (part = first_part(w, t->text.len, arabic, &part_len))) {
        din_merge(name, i, after, part, part_len);
        return true;
    }
    if (i + 1 < name->n_tok) {
        const char *next = text_tok_str(name, i + 1);
        size_t next_len = name->tok[i + 1].text.len;
        size_t at;
        if (next_len >= 4 && tail_start(next, next_len, 2, &at) && at == 0 &&
            (part = first_part(w, t->text.len, arabic, &part_len))) {
            din_merge(name, i, 1, part, part_len);
            return true;
        }
    }
    /* One word: Xuddin, Xeddine, Xaddin. */
    for (int vowels = 0; vowels <= 2; vowels++) {
        size_t at;
        if (!tail_start(w, t->text.len, vowels, &at) || at < 2) break;
        if ((part = first_part(w, at, false, &part_len))) {
            din_merge(name, i, 0, part, part_len);
            return true;
        }
    }
    return false;
}

void text_din_pass(text_name *name) {
    for (uint32_t i = 0; i < name->n_tok; i++) {
        const text_token *t = &name->tok[i];
        bool roman = t->script == TEXT_SCRIPT_LATIN || t->script == TEXT_SCRIPT_CYRILLIC ||
                     t->script == TEXT_SCRIPT_ARABIC || t->script == TEXT_SCRIPT_OTHER;
        if (!roman || (t->flags & TEXT_TOK_LEGAL)) continue;
        din_at(name, i);
    }
}
