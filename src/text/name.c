/*
 * name.c - the text_name container: appending tokens and alternates into the
 * fixed pool, lookups over them, and the debug printer.
 *
 * The pool is append-only: every string is stored once, NUL-terminated, and
 * referenced by (offset, length). Removing a token leaves its bytes in place;
 * a name lives for one query, so that waste does not matter.
 */
#include <string.h>

#include "text/text_int.h"

void text_name_reset(text_name *name) {
    name->n_tok = 0;
    name->flags = 0;
    name->pool_used = 0;
}

/* Copies S into the pool; false (and TRUNCATED) when it does not fit. */
static bool pool_put(text_name *name, const char *s, size_t len, text_span *span) {
    if (name->pool_used + len + 1 > TEXT_POOL_SIZE) {
        name->flags |= TEXT_NAME_TRUNCATED;
        return false;
    }
    memcpy(name->pool + name->pool_used, s, len);
    name->pool[name->pool_used + len] = '\0';
    span->off = (uint16_t)name->pool_used;
    span->len = (uint16_t)len;
    name->pool_used += (uint32_t)len + 1;
    return true;
}

int text_emit(text_name *name, const char *s, size_t len, text_script script, uint16_t flags) {
    if (len == 0)
        return -1;
    if (name->n_tok >= TEXT_MAX_TOKENS) {
        name->flags |= TEXT_NAME_TRUNCATED;
        return -1;
    }
    if (len > TEXT_MAX_TOKEN_LEN) {
        len = TEXT_MAX_TOKEN_LEN;
        flags |= TEXT_TOK_CUT;
    }
    text_token *t = &name->tok[name->n_tok];
    memset(t, 0, sizeof *t);
    if (!pool_put(name, s, len, &t->text))
        return -1;
    t->script = (uint8_t)script;
    t->flags = flags;
    t->len = (uint8_t)len;
    return (int)name->n_tok++;
}

static bool span_eq(const text_name *name, text_span span, const char *s, size_t len) {
    return span.len == len && memcmp(name->pool + span.off, s, len) == 0;
}

bool text_add_alt(text_name *name, int i, const char *s, size_t len) {
    if (i < 0 || (uint32_t)i >= name->n_tok || len == 0 || len > TEXT_MAX_TOKEN_LEN)
        return false;
    text_token *t = &name->tok[i];
    if (span_eq(name, t->text, s, len))
        return false;
    for (uint8_t j = 0; j < t->n_alt; j++)
        if (span_eq(name, t->alt[j], s, len))
            return false;
    if (t->n_alt >= TEXT_MAX_ALTS)
        return false;
    if (!pool_put(name, s, len, &t->alt[t->n_alt]))
        return false;
    t->n_alt++;
    return true;
}

bool text_retext(text_name *name, uint32_t i, const char *s, size_t len) {
    if (i >= name->n_tok || len == 0 || len > TEXT_MAX_TOKEN_LEN)
        return false;
    text_span span;
    if (!pool_put(name, s, len, &span))
        return false;
    name->tok[i].text = span;
    name->tok[i].len = (uint8_t)len;
    name->tok[i].n_alt = 0;
    return true;
}

void text_remove(text_name *name, uint32_t i) {
    if (i >= name->n_tok)
        return;
    memmove(&name->tok[i], &name->tok[i + 1], (name->n_tok - i - 1) * sizeof name->tok[0]);
    name->n_tok--;
}

bool text_split(text_name *name, uint32_t i, size_t at) {
    if (i >= name->n_tok || at == 0 || at >= name->tok[i].text.len)
        return false;
    char word[TEXT_MAX_TOKEN_LEN + 1];
    size_t len = name->tok[i].text.len;
    memcpy(word, name->pool + name->tok[i].text.off, len);
    text_token original = name->tok[i];
    int tail = text_emit(name, word + at, len - at, (text_script)original.script, original.flags);
    if (tail < 0)
        return false;
    text_token moved = name->tok[tail];
    memmove(&name->tok[i + 2], &name->tok[i + 1], ((uint32_t)tail - i - 1) * sizeof name->tok[0]);
    name->tok[i + 1] = moved;
    if (!text_retext(name, i, word, at))
        return false;
    name->tok[i].flags = (uint16_t)(original.flags | TEXT_TOK_JOIN);
    return true;
}

bool text_tok_has(const text_name *name, uint32_t i, const char *s) {
    if (i >= name->n_tok)
        return false;
    size_t len = strlen(s);
    const text_token *t = &name->tok[i];
    if (span_eq(name, t->text, s, len))
        return true;
    for (uint8_t j = 0; j < t->n_alt; j++)
        if (span_eq(name, t->alt[j], s, len))
            return true;
    return false;
}

int text_name_find(const text_name *name, const char *s) {
    for (uint32_t i = 0; i < name->n_tok; i++)
        if (text_tok_has(name, i, s))
            return (int)i;
    return -1;
}

static const char *const script_names[] = {"latin", "hangul", "cyrillic", "arabic", "han", "other"};

static void print_flags(unsigned flags, FILE *f) {
    static const char *const names[] = {"particle", "legal",      "generic", "initial", "family",
                                        "join",     "digits",     "cut",     "honorific", "near-generic",
                                        "patronymic", "title", "unvowelled"};
    for (unsigned b = 0; b < sizeof names / sizeof names[0]; b++)
        if (flags & (1u << b))
            fprintf(f, " %s", names[b]);
}

void text_name_print(const text_name *name, FILE *f) {
    fprintf(f, "%u token(s)%s%s%s%s%s%s\n", (unsigned)name->n_tok,
            name->flags & TEXT_NAME_TRUNCATED ? " truncated" : "",
            name->flags & TEXT_NAME_INVALID_UTF8 ? " invalid-utf8" : "",
            name->flags & TEXT_NAME_HONORIFIC ? " title" : "",
            name->flags & TEXT_NAME_LEGAL ? " organization" : "",
            name->flags & TEXT_NAME_COMMA_ORDER ? " comma-order" : "",
            name->flags & TEXT_NAME_ICU_FAILED ? " icu-failed" : "");
    for (uint32_t i = 0; i < name->n_tok; i++) {
        const text_token *t = &name->tok[i];
        fprintf(f, "  [%u] %-20s %-8s skel=%-8s phon=%-8s", (unsigned)i, text_tok_str(name, i),
                script_names[t->script], t->skeleton, t->phonetic);
        if (t->flags & TEXT_TOK_LEGAL)
            fprintf(f, " class=%s", text_legal_name((text_legal)t->legal));
        print_flags(t->flags, f);
        if (t->n_alt) {
            fputs(" alts:", f);
            for (uint8_t j = 0; j < t->n_alt; j++)
                fprintf(f, " %s", text_alt_str(name, i, j));
        }
        fputc('\n', f);
    }
}
