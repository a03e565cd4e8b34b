/*
 * country.c - country text to ISO code. At first use every code, alpha-3
 * code, name and variant of the table is folded to a key (lower case ASCII
 * letters and single spaces) and sorted; a lookup folds its text the same
 * way and searches. Bilingual "Russia / Russie" tries each part.
 */
#include "embargo/country.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>

#include "model/country_table.h"
#include "util/utf8.h"

#define COUNTRY_KEY_MAX 96

typedef struct {
    char key[COUNTRY_KEY_MAX];
    const char *code;
} country_key;

static country_key *country_keys;
static size_t country_key_count;
static pthread_once_t country_once = PTHREAD_ONCE_INIT;

/* The ASCII letter a Latin-1 or Latin Extended-A letter is written as, or 0. */
static char fold_latin(int32_t cp) {
    static const char latin1[] =
        "aaaaaaaceeeeiiii" "dnooooo ouuuuyts"   /* U+00C0..U+00DF */
        "aaaaaaaceeeeiiii" "dnooooo ouuuuyty";  /* U+00E0..U+00FF */
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0] == ' ' ? 0 : latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) {
        static const char ext_a[] =
            "aaaaaaccccccccdddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "jjjj" "kkk"
            "llllllllll" "nnnnnnnnn" "oooooooo" "rrrrrr" "ssssssss" "tttttt"
            "uuuuuuuuuuuu" "wwyyyzzzzzzs";
        size_t i = (size_t)(cp - 0x100);
        return i < sizeof ext_a - 1 ? ext_a[i] : 0;
    }
    return 0;
}

/* Folds TEXT (LEN bytes) into KEY: lower-case ASCII words, one space apart. */
static void country_fold(const char *text, size_t len, char *key) {
    size_t n = 0;
    bool space = false;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len && n + 2 < COUNTRY_KEY_MAX;) {
        int32_t cp;
        i += (size_t)utf8_decode(p + i, len - i, &cp);
        char c = 0;
        if (cp >= 0 && cp < 0x80) c = isalnum(cp) ? (char)tolower(cp) : 0;
        else c = fold_latin(cp);
        if (cp == '\'' || cp == 0x2019 || cp == '.') continue; /* "People's", "U.S.A." */
        if (!c) {
            space = n > 0;
            continue;
        }
        if (space) key[n++] = ' ';
        space = false;
        key[n++] = c;
    }
    key[n] = '\0';
    if (strncmp(key, "the ", 4) == 0) memmove(key, key + 4, strlen(key + 4) + 1);
}

static int country_key_cmp(const void *a, const void *b) {
    return strcmp(((const country_key *)a)->key, ((const country_key *)b)->key);
}

static void country_add_key(const char *text, size_t len, const char *code, size_t *n) {
    country_fold(text, len, country_keys[*n].key);
    if (!country_keys[*n].key[0]) return;
    country_keys[*n].code = code;
    (*n)++;
}

static void country_build(void) {
    size_t cap = 0;
    for (size_t r = 0; r < country_row_count; r++) {
        cap += 3;
        for (const char *v = country_rows[r].variants; v && *v; v++) cap += *v == '|';
        cap += 1;
    }
    country_keys = calloc(cap, sizeof *country_keys);
    if (!country_keys) return;
    size_t n = 0;
    for (size_t r = 0; r < country_row_count; r++) {
        const country_row *row = &country_rows[r];
        country_add_key(row->alpha2, strlen(row->alpha2), row->alpha2, &n);
        country_add_key(row->alpha3, strlen(row->alpha3), row->alpha2, &n);
        country_add_key(row->name, strlen(row->name), row->alpha2, &n);
        const char *v = row->variants;
        while (v && *v) {
            const char *bar = strchr(v, '|');
            size_t len = bar ? (size_t)(bar - v) : strlen(v);
            country_add_key(v, len, row->alpha2, &n);
            v = bar ? bar + 1 : v + len;
        }
    }
    qsort(country_keys, n, sizeof *country_keys, country_key_cmp);
    country_key_count = n;
}

static const char *country_lookup(const char *text, size_t len) {
    country_key probe;
    country_fold(text, len, probe.key);
    if (!probe.key[0]) return NULL;
    const country_key *hit = bsearch(&probe, country_keys, country_key_count,
                                     sizeof *country_keys, country_key_cmp);
    return hit ? hit->code : NULL;
}

const char *embargo_country_code(const char *text) {
    if (!text) return NULL;
    pthread_once(&country_once, country_build);
    if (!country_keys) return NULL;
    const char *code = country_lookup(text, strlen(text));
    if (code) return code;
    const char *slash = strchr(text, '/');
    if (!slash) return NULL;
    code = country_lookup(text, (size_t)(slash - text));
    return code ? code : country_lookup(slash + 1, strlen(slash + 1));
}

const char *embargo_country_name(const char *code) {
    if (!code) return NULL;
    for (size_t r = 0; r < country_row_count; r++)
        if (strcasecmp(country_rows[r].alpha2, code) == 0) return country_rows[r].name;
    return NULL;
}
