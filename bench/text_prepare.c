/*
 * bench/text_prepare.c - names per second through text_name_prepare, per
 * script, against a baseline of ICU "Any-Latin; Latin-ASCII; Lower" on the
 * same inputs (what a naive pipeline would pay per name, before it even
 * tokenizes). Usage: bench_text_prepare [rounds] (default 20000 rounds over
 * each set of names; CI passes a smaller number).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "text/text.h"

static const char *const latin[] = {
    "KIM, Jong Un", "Vladimir Vladimirovich PUTIN", "Saddam Hussein al-Tikriti",
    "Public Joint Stock Company Rosneft Oil Company", "Müller Handelsgesellschaft mbH",
    "Mr. Mohammed bin Rashid Al Maktoum", "Banco Nacional de Cuba", "O'Brien, Patrick J.",
};
static const char *const hangul[] = {
    "김정은", "리수용", "최룡해", "박봉주", "김여정", "현영철", "조선광선은행", "태종수",
};
static const char *const cyrillic[] = {
    "Владимир Владимирович Путин", "Дмитрий Анатольевич Медведев", "Ким Чен Ын",
    "Общество с ограниченной ответственностью Аргумент", "Сергей Шойгу", "Юрий Ковальчук",
    "Алексей Миллер", "Григорій Суркіс",
};
static const char *const arabic[] = {
    "صدام حسين", "محمد", "أسامة بن لادن", "عبدالله بن عبدالعزيز", "أحمد خالد",
    "عمر البشير", "أيمن الظواهري", "يوسف إبراهيم",
};

#define N_SET 8

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double bench_prepare(const char *const *set, long rounds) {
    static text_name name;
    size_t lens[N_SET];
    unsigned long sink = 0;
    for (int i = 0; i < N_SET; i++)
        lens[i] = strlen(set[i]);
    double t0 = now();
    for (long r = 0; r < rounds; r++)
        for (int i = 0; i < N_SET; i++) {
            text_name_prepare(set[i], lens[i], &name);
            sink += name.n_tok;
        }
    double dt = now() - t0;
    if (sink == 0)
        fputs("no tokens?\n", stderr);
    return (double)(rounds * N_SET) / dt;
}

/* ICU baseline: UTF-8 -> UTF-16, transliterate, back to UTF-8. */
static double bench_icu(UTransliterator *t, const char *const *set, long rounds) {
    UChar in[256], buf[1024];
    int32_t n_in[N_SET];
    UChar src[N_SET][256];
    char out[2048];
    for (int i = 0; i < N_SET; i++) {
        UErrorCode err = U_ZERO_ERROR;
        u_strFromUTF8(src[i], 256, &n_in[i], set[i], -1, &err);
    }
    (void)in;
    double t0 = now();
    for (long r = 0; r < rounds; r++)
        for (int i = 0; i < N_SET; i++) {
            UErrorCode err = U_ZERO_ERROR;
            UErrorCode err8 = U_ZERO_ERROR;
            /* the conversion is part of the cost, as in the real pipeline */
            u_strFromUTF8(buf, 1024, NULL, set[i], -1, &err8);
            int32_t len = n_in[i], limit = len;
            utrans_transUChars(t, buf, &len, 1024, 0, &limit, &err);
            int32_t n_out;
            u_strToUTF8(out, sizeof out, &n_out, buf, len, &err8);
        }
    return (double)(rounds * N_SET) / (now() - t0);
}

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 20000;
    if (rounds <= 0)
        rounds = 1;
    UErrorCode err = U_ZERO_ERROR;
    UChar id[64];
    u_strFromUTF8(id, 64, NULL, "Any-Latin; Latin-ASCII; Lower", -1, &err);
    UTransliterator *icu = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "utrans_openU: %s\n", u_errorName(err));
        return 1;
    }
    static const struct { const char *name; const char *const *set; } sets[] = {
        {"latin", latin}, {"hangul", hangul}, {"cyrillic", cyrillic}, {"arabic", arabic},
    };
    long icu_rounds = rounds / 10 > 0 ? rounds / 10 : 1;
    printf("%-10s %14s %10s %14s %10s %8s\n", "script", "prepare/s", "us/name", "icu/s", "us/name", "ratio");
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
        bench_prepare(sets[s].set, rounds / 20 + 1);   /* warm up tables */
        double ours = bench_prepare(sets[s].set, rounds);
        double base = bench_icu(icu, sets[s].set, icu_rounds);
        printf("%-10s %14.0f %10.2f %14.0f %10.2f %7.1fx\n", sets[s].name, ours, 1e6 / ours, base,
               1e6 / base, ours / base);
    }
    utrans_close(icu);
    text_shutdown();
    return 0;
}
