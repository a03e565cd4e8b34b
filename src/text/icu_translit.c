/*
 * icu_translit.c - ICU transliteration for the scripts without a table of
 * our own: Han ("Han-Latin; Latin-ASCII": pinyin, one space-separated
 * syllable per character, tones stripped) and everything else ("Any-Latin;
 * Latin-ASCII": Greek, Armenian, Georgian, Kana, Thai, Hebrew, Devanagari...).
 *
 * Opening a transliterator costs milliseconds, so each is opened once and
 * cached; a UTransliterator is not safe for concurrent use, so one mutex
 * guards both. These scripts are rare in the lists and in queries, so the
 * lock is not a bottleneck; Latin, Hangul, Cyrillic and Arabic never get here.
 * Every ICU call is checked with U_SUCCESS as SQLite's ext/icu/icu.c does; a
 * result larger than the stack buffer (20 units per input unit, see
 * STACK_UCHARS) is retried once with a heap buffer twice the size ICU
 * reported (U_BUFFER_OVERFLOW_ERROR). Han runs get here only when the
 * build-time pinyin table (han_latin.c) declines them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "text/text_int.h"

#define INPUT_MAX 200   /* UTF-16 units of one run given to ICU; a name run is far shorter */
/*
 * Room for ICU to work in place: 20 units per input unit. ICU writes its
 * intermediate forms (spaces, tone marks) in the buffer too, and when they
 * outgrow it, it reads uninitialized memory and returns garbage with no
 * error (seen with 73 ideographs in 512 units), so the buffer must hold the
 * largest intermediate and not only the result.
 */
#define STACK_UCHARS (20 * INPUT_MAX)

static pthread_mutex_t icu_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *cache[2];   /* [0] Any-Latin, [1] Han-Latin */
static const char *const rules[2] = {"Any-Latin; Latin-ASCII", "Han-Latin; Latin-ASCII"};

/* The cached transliterator for HAN, opened on first use; NULL on failure. Lock held. */
static UTransliterator *transliterator(bool han) {
    if (!cache[han]) {
        UChar id[64];
        UErrorCode err = U_ZERO_ERROR;
        u_strFromUTF8(id, 64, NULL, rules[han], -1, &err);
        if (U_FAILURE(err))
            return NULL;
        cache[han] = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
        if (U_FAILURE(err)) {
            if (cache[han])
                utrans_close(cache[han]);
            cache[han] = NULL;
        }
    }
    return cache[han];
}

/* Transliterates TEXT (N units, room for CAP) in place; returns the new length or -1. */
static int32_t trans(UTransliterator *t, UChar *text, int32_t n, int32_t cap, int32_t *needed) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t limit = n;
    utrans_transUChars(t, text, &n, cap, 0, &limit, &err);
    *needed = n;
    if (err == U_BUFFER_OVERFLOW_ERROR)
        return -2;
    return U_SUCCESS(err) ? n : -1;
}

/* Runs T over the UTF-16 input, retrying with a heap buffer; result UTF-8 into OUT. */
static long run(UTransliterator *t, const UChar *in, int32_t n_in, char *out, size_t cap) {
    UChar stack[STACK_UCHARS];
    UChar *text = stack;
    int32_t needed;
    memcpy(stack, in, (size_t)n_in * sizeof(UChar));
    int32_t n = trans(t, stack, n_in, STACK_UCHARS, &needed);
    if (n == -2) {
        int32_t room = 2 * needed + 1;
        text = malloc((size_t)room * sizeof(UChar));
        if (!text)
            return -1;
        memcpy(text, in, (size_t)n_in * sizeof(UChar));
        n = trans(t, text, n_in, room, &needed);
    }
    long result = -1;
    if (n >= 0) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t n_out = 0;
        u_strToUTF8(out, (int32_t)cap - 1, &n_out, text, n, &err);
        if (U_SUCCESS(err) || err == U_STRING_NOT_TERMINATED_WARNING) {
            out[n_out] = '\0';
            result = n_out;
        }
    }
    if (text != stack)
        free(text);
    return result;
}

long text_icu_latin(const char *s, size_t len, bool han, char *out, size_t cap) {
    /*
     * u_strFromUTF8Lenient needs room for as many units as there are bytes:
     * given less, it reports an overflow with units left unwritten (67
     * three-byte ideographs in 200 units read as garbage). So the whole cut
     * input is converted, and the first INPUT_MAX units kept.
     */
    UChar in[4 * INPUT_MAX];
    int32_t n_in = 0;
    UErrorCode err = U_ZERO_ERROR;
    if (cap == 0)
        return -1;
    u_strFromUTF8Lenient(in, 4 * INPUT_MAX, &n_in, s, (int32_t)(len > 4 * INPUT_MAX ? 4 * INPUT_MAX : len), &err);
    if (err == U_STRING_NOT_TERMINATED_WARNING)
        err = U_ZERO_ERROR;
    if (U_FAILURE(err) || n_in > 4 * INPUT_MAX)
        return -1;
    if (n_in > INPUT_MAX)
        n_in = U16_IS_LEAD(in[INPUT_MAX - 1]) ? INPUT_MAX - 1 : INPUT_MAX;
    pthread_mutex_lock(&icu_lock);
    UTransliterator *t = transliterator(han);
    long n = t ? run(t, in, n_in, out, cap) : -1;
    pthread_mutex_unlock(&icu_lock);
    return n;
}

void text_shutdown(void) {
    pthread_mutex_lock(&icu_lock);
    for (int i = 0; i < 2; i++) {
        if (cache[i])
            utrans_close(cache[i]);
        cache[i] = NULL;
    }
    pthread_mutex_unlock(&icu_lock);
}
