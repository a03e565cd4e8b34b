/*
 * date.c - a small tokenizer over date text: numbers and words, then a few
 * patterns tried on the token sequence. Anything left unread makes the parse
 * fail, so "DOB 1958 to 1962 and 1970" is not half read as a range.
 */
#include "model/date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define DATE_MAX_TOKENS 8

typedef struct {
    int number;        /* value when is_number */
    int digits;        /* how many digits the number had */
    int month;         /* month when the word is a month name */
    bool is_number;
    const char *word;  /* start of a word token */
    size_t len;
} date_token;

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
};

int date_month_number(const char *name, size_t len) {
    if (len < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        if (len <= full && strncasecmp(name, month_names[m], len) == 0) return m + 1;
        if (len == 4 && strncasecmp(name, "sept", 4) == 0) return 9;
    }
    return 0;
}

bool date_valid_ymd(int year, int month, int day) {
    static const int days_in[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1000 || year > 2999 || month < 0 || month > 12 || day < 0 || day > 31) return false;
    if (month == 0) return day == 0;
    if (day > days_in[month - 1]) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

static bool is_filler(const char *w, size_t n) {
    static const char *const fillers[] = {"between", "and", "to", "of", "the", "from", "or"};
    for (size_t i = 0; i < sizeof fillers / sizeof *fillers; i++)
        if (n == strlen(fillers[i]) && strncasecmp(w, fillers[i], n) == 0) return true;
    return false;
}

static bool is_circa(const char *w, size_t n) {
    static const char *const words[] = {"circa", "c", "ca", "approximately", "approx", "about", "around"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (n == strlen(words[i]) && strncasecmp(w, words[i], n) == 0) return true;
    return false;
}

/* Splits TEXT into tokens; returns the count or -1 for text it cannot read. */
static int date_tokenize(const char *text, date_token *tokens, bool *circa, bool *range) {
    int n = 0;
    const char *p = text;
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (isdigit(c)) {
            date_token t = {.is_number = true};
            while (isdigit((unsigned char)*p) && t.digits < 5) {
                t.number = t.number * 10 + (*p - '0');
                t.digits++;
                p++;
            }
            if (isdigit((unsigned char)*p) || n == DATE_MAX_TOKENS) return -1;
            tokens[n++] = t;
        } else if (isalpha(c)) {
            const char *w = p;
            while (isalpha((unsigned char)*p)) p++;
            size_t len = (size_t)(p - w);
            int month = date_month_number(w, len);
            if (month) {
                if (n == DATE_MAX_TOKENS) return -1;
                tokens[n++] = (date_token){.month = month, .word = w, .len = len};
            } else if (is_circa(w, len)) {
                *circa = true;
            } else if (is_filler(w, len)) {
                if (len == 2 || len == 3 || len == 7) *range = *range || (strncasecmp(w, "or", len) != 0);
            } else {
                return -1;
            }
        } else if (c == '-' && n > 0 && tokens[n - 1].is_number && tokens[n - 1].digits == 4 &&
                   isdigit((unsigned char)p[1]) && strspn(p + 1, "0123456789") == 4) {
            *range = true; /* "1950-1955" */
            p++;
        } else if (strchr(" \t/.-,;:()~", c)) {
            p++;
        } else {
            return -1;
        }
    }
    return n;
}

/* Reads one date from tokens at *I; advances *I. */
static bool date_read_one(const date_token *t, int n, int *i, date_order order, embargo_ymd *out) {
    int k = *i;
    if (k >= n) return false;
    int y = 0, m = 0, d = 0;
    if (t[k].is_number && t[k].digits == 4) {                  /* 1984 [01 [08]] (ISO) */
        y = t[k++].number;
        if (k < n && t[k].is_number && t[k].digits <= 2 && k + 1 < n && t[k + 1].is_number &&
            t[k + 1].digits <= 2) {
            m = t[k].number;
            d = t[k + 1].number;
            k += 2;
        } else if (k < n && t[k].is_number && t[k].digits <= 2 && (k + 1 == n || t[k + 1].digits == 4)) {
            m = t[k++].number;
        }
    } else if (!t[k].is_number) {                              /* Jan [08,] 1984 */
        m = t[k++].month;
        if (k < n && t[k].is_number && t[k].digits <= 2) d = t[k++].number;
        if (k >= n || !t[k].is_number || t[k].digits != 4) return false;
        y = t[k++].number;
    } else if (t[k].digits <= 2) {                             /* 08 Jan 1984, 08/01/1984 */
        int a = t[k++].number;
        if (k < n && !t[k].is_number) {
            d = a;
            m = t[k++].month;
        } else if (k + 1 < n && t[k].is_number && t[k].digits <= 2) {
            int b = t[k++].number;
            d = order == DATE_DAY_FIRST ? a : b;
            m = order == DATE_DAY_FIRST ? b : a;
        } else if (k < n && t[k].is_number && t[k].digits == 4) {
            m = a; /* 01/1984 */
        } else {
            return false;
        }
        if (k >= n || !t[k].is_number || t[k].digits != 4) return false;
        y = t[k++].number;
    } else {
        return false;
    }
    if (!date_valid_ymd(y, m, d)) return false;
    out->year = (int16_t)y;
    out->month = (uint8_t)m;
    out->day = (uint8_t)d;
    *i = k;
    return true;
}

bool date_parse(const char *text, date_order order, embargo_date *out) {
    if (!text) return false;
    date_token tokens[DATE_MAX_TOKENS];
    bool circa = false, range = false;
    int n = date_tokenize(text, tokens, &circa, &range);
    if (n <= 0) return false;
    int i = 0;
    embargo_date date = {0};
    if (!date_read_one(tokens, n, &i, order, &date.from)) return false;
    date.to = date.from;
    if (i < n) {
        if (!range || !date_read_one(tokens, n, &i, order, &date.to) || i < n) return false;
        if (date.to.year < date.from.year) return false;
    }
    date.circa = circa ? 1 : 0;
    *out = date;
    return true;
}
