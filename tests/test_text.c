/*
 * test_text.c - the name text pipeline (src/text/): golden tables of input ->
 * main spellings, cross-script "meets" checks (a name in one script and its
 * list spelling in another share a spelling per token), roles and flags,
 * keys, and bad input that must never crash.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "text/text.h"
#include "text/text_int.h"

static text_name name_a, name_b;

/* The main spellings of NAME joined by spaces, in a static buffer. */
static const char *mains(const text_name *name) {
    static char out[1024];
    size_t n = 0;
    out[0] = '\0';
    for (uint32_t i = 0; i < name->n_tok && n + 70 < sizeof out; i++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? " " : "", text_tok_str(name, i));
    return out;
}

static text_status prep(const char *s, text_name *name) {
    return text_name_prepare(s, strlen(s), name);
}

/* ---- golden: input -> main spellings ---------------------------------- */

static const struct { const char *in, *out; } golden[] = {
    {"김정은", "kim jong un"},
    {"리수용", "ri su yong"},
    {"KIM, Jong-Un", "kim jong un"},
    {"Mr. Kim", "mr kim"},
    {"Mr.Kim", "mr kim"},
    {"Gen. Qasem Soleimani", "gen qasem soleimani"},
    {"Sheikh Mohammed bin Rashid Al Maktoum", "sheikh mohammed bin rashid al maktoum"},
    {"Владимир Путин", "vladimir putin"},
    {"ВЛАДИМИР ВЛАДИМИРОВИЧ ПУТИН", "vladimir vladimirovich putin"},
    {"Дмитрий", "dmitriy"},
    {"Ким Чен Ын", "kim chen yn"},
    {"Щукин Жуков Хрущёв Цой", "shchukin zhukov khrushchev tsoy"},
    {"Юлия Ярослава Йошкар-Ола Рыбин Мальцев Объедков", "yuliya yaroslava yoshkar ola rybin maltsev obedkov"},
    {"Тарас Шевченко Ґудзь Їжак", "taras shevchenko gudz yizhak"},
    {"صدام حسين", "saddam husayn"},
    {"محمد", "muhammad"},
    {"أُسامة بن لادن", "usama bin ladin"},
    {"عبد الله", "abdullah"},
    {"الزرقاوي", "al zrqaui"},
    {"习近平", "xi jin ping"},
    {"U.S.A.", "usa"},
    {"O'Brien", "obrien"},
    {"O’Brien", "obrien"},
    {"J. Smith", "j smith"},
    {"Jean-Pierre Lefèvre", "jean pierre lefevre"},
    {"Müller", "muller"},
    {"Mueller", "mueller"},
    {"Straße", "strasse"},
    {"Æsir Øresund Łódź Đorđe Işık", "aesir oresund lodz dorde isik"},
    {"Nguyễn Tấn Dũng", "nguyen tan dung"},
    {"Cafe\xcc\x81 Noe\xcc\x88l", "cafe noel"},
    {"ＡＢＣ　Ｔｒａｄｉｎｇ", "abc trading"},
    {"Boeing 737", "boeing 737"},
    {"OOO Argument", "llc argument"},
    {"Argument LLC", "argument llc"},
    {"Obshchestvo s Ogranichennoy Otvetstvennostyu Argument", "llc argument"},
    {"Общество с ограниченной ответственностью «Аргумент»", "llc argument"},
    {"Limited Liability Company Argument", "llc argument"},
    {"Argument GmbH", "argument llc"},
    {"Polmet Sp. z o.o.", "polmet llc"},
    {"JSC Argument", "jsc argument"},
    {"Public Joint Stock Company Rosneft Oil Company", "jsc rosneft oil co"},
    {"ОАО Газпром", "jsc gazprom"},
    {"Acme Co., Ltd.", "acme ltd"},
    {"Acme Pte. Ltd.", "acme ltd"},
    {"General Trading Company", "general trading co"},
    {"Iyad ag Ghali", "iyad ag ghali"},
    {"Dr.", "dr"},
    {"x", "x"},
};

static void test_golden(void **state) {
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof golden / sizeof golden[0]; i++) {
        prep(golden[i].in, &name_a);
        if (strcmp(mains(&name_a), golden[i].out) != 0) {
            print_message("golden %zu: \"%s\" gave \"%s\", expected \"%s\"\n", i, golden[i].in,
                          mains(&name_a), golden[i].out);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* ---- meets: every token of B is a spelling of a token of A (or of two joined) ---- */

static bool joined_has(const text_name *a, uint32_t i, const char *s) {
    if (!(a->tok[i].flags & TEXT_TOK_JOIN) || i + 1 >= a->n_tok)
        return false;
    char buf[160];
    snprintf(buf, sizeof buf, "%s%s", text_tok_str(a, i), text_tok_str(a, i + 1));
    return strcmp(buf, s) == 0;
}

static bool meets_v(const char *a_in, const char *b_in, bool verbose) {
    prep(a_in, &name_a);
    prep(b_in, &name_b);
    for (uint32_t j = 0; j < name_b.n_tok; j++) {
        const char *s = text_tok_str(&name_b, j);
        bool found = false;
        for (uint32_t i = 0; i < name_a.n_tok && !found; i++)
            found = text_tok_has(&name_a, i, s) || joined_has(&name_a, i, s);
        if (!found && verbose) {
            print_message("\"%s\" does not meet \"%s\": no \"%s\"\n", a_in, b_in, s);
            text_name_print(&name_a, stderr);
        }
        if (!found)
            return false;
    }
    return true;
}

static bool meets(const char *a_in, const char *b_in) { return meets_v(a_in, b_in, true); }

static void test_meets(void **state) {
    (void)state;
    static const char *const pairs[][2] = {
        {"김정은", "KIM, Jong Un"},      {"김정은", "Kim Jong-un"},
        {"김정은", "Gim Jeong-eun"},     {"김정은", "Kim Jong Un"},
        {"리수용", "RI Su Yong"},        {"리수용", "Lee Su Yong"},
        {"박봉주", "PAK Pong Ju"},       {"최룡해", "CHOE Ryong Hae"},
        {"최룡해", "Choi Ryong-hae"},    {"김철", "Kim Chol"},
        {"현영철", "HYON Yong Chol"},    {"김광", "Kim Kwang"},
        {"태종수", "THAE Jong Su"},      {"윤", "Yoon"},
        {"Ким Чен Ын", "Kim Jong Un"},   {"Ким Ир Сен", "Kim Il Sung"},
        {"Ким Чен Ын", "kim chen yn"},   {"Дмитрий", "Dmitry"},
        {"Дмитрий", "Dmitrii"},          {"Дмитрий", "Dmitri"},
        {"Елена", "Yelena"},             {"Юрий", "Yuriy"},
        {"Юлия", "Iuliia"},              {"Хабаров", "Habarov"},
        {"Жуков", "Jukov"},              {"Цой", "Coi"},
        {"Алексей Навальный", "Aleksey Navalny"},
        {"محمد", "Mohammed"},            {"محمد", "Muhammad"},
        {"محمد", "Mohamed"},             {"أحمد", "Ahmed"},
        {"صدام حسين", "Saddam Hussein"}, {"أسامة بن لادن", "Osama bin Laden"},
        {"عبدالله", "Abdullah"},         {"الله", "Allah"},
        {"عمر", "Omar"},                 {"يوسف", "Youssef"},
        {"إبراهيم", "Ibrahim"},          {"خالد", "Khaled"},
        {"بشار الأسد", "Bashar al-Assad"}, {"ماهر الأسد", "Maher al-Asad"},
        {"رامي مخلوف", "Rami Makhlouf"},  {"سيف الإسلام القذافي", "Saif al-Islam Gaddafi"},
        {"习近平", "Xi Jinping"},        {"习近平", "Xi Jin Ping"},
        {"Müller", "Mueller"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        assert_true(meets(pairs[i][0], pairs[i][1]));
    /* and names that must not meet */
    assert_false(meets_v("김정은", "Kim Jong Nam", false));
    assert_false(meets_v("Владимир Путин", "Vladimir Lenin", false));
    assert_false(meets_v("بشار الأسد", "Bushra al-Assad", false));
}

/* ---- roles and flags --------------------------------------------------- */

static void test_roles(void **state) {
    (void)state;
    assert_int_equal(prep("KIM, Jong-Un", &name_a), TEXT_OK);
    assert_true(name_a.flags & TEXT_NAME_COMMA_ORDER);
    assert_true(name_a.tok[0].flags & TEXT_TOK_FAMILY);
    assert_false(name_a.tok[1].flags & TEXT_TOK_FAMILY);
    assert_true(name_a.tok[1].flags & TEXT_TOK_JOIN);
    assert_false(name_a.tok[2].flags & TEXT_TOK_JOIN);

    prep("김정은", &name_a);
    assert_true(name_a.tok[0].flags & TEXT_TOK_FAMILY);
    assert_false(name_a.tok[0].flags & TEXT_TOK_JOIN);
    assert_true(name_a.tok[1].flags & TEXT_TOK_JOIN);
    assert_int_equal(name_a.tok[0].script, TEXT_SCRIPT_HANGUL);

    prep("习近平", &name_a);
    assert_true(name_a.tok[0].flags & TEXT_TOK_JOIN);
    assert_true(name_a.tok[1].flags & TEXT_TOK_JOIN);
    assert_int_equal(name_a.tok[2].script, TEXT_SCRIPT_HAN);

    prep("Mr. Kim", &name_a);
    assert_true(name_a.flags & TEXT_NAME_HONORIFIC);
    assert_int_equal(name_a.n_tok, 2);
    assert_true(name_a.tok[0].flags & TEXT_TOK_TITLE);
    assert_false(name_a.tok[1].flags & TEXT_TOK_TITLE);
    prep("Dr.", &name_a);
    assert_true(name_a.tok[0].flags & TEXT_TOK_HONORIFIC);
    prep("SMITH, Mr. John", &name_a);
    assert_string_equal(mains(&name_a), "smith mr john");
    assert_true(name_a.tok[0].flags & TEXT_TOK_FAMILY);
    assert_true(name_a.tok[1].flags & TEXT_TOK_TITLE);
    assert_true(name_a.flags & TEXT_NAME_HONORIFIC);

    prep("Sheikh Mohammed bin Rashid Al Maktoum", &name_a);
    assert_true(name_a.tok[2].flags & TEXT_TOK_PARTICLE);
    assert_true(name_a.tok[4].flags & TEXT_TOK_PARTICLE);
    assert_false(name_a.tok[0].flags & TEXT_TOK_PARTICLE);
    assert_true(name_a.tok[0].flags & TEXT_TOK_TITLE);

    prep("J. Smith", &name_a);
    assert_true(name_a.tok[0].flags & TEXT_TOK_INITIAL);
    prep("Boeing 737", &name_a);
    assert_true(name_a.tok[1].flags & TEXT_TOK_DIGITS);

    prep("Bank Melli Iran", &name_a);
    assert_true(name_a.tok[0].flags & TEXT_TOK_GENERIC);
    assert_false(name_a.tok[1].flags & TEXT_TOK_GENERIC);
    /* a generic word in a person's name is still flagged, but a legal form in the middle is not one */
    prep("Co Van Nguyen", &name_a);
    assert_true(name_a.tok[0].flags & TEXT_TOK_LEGAL);
    prep("Nguyen Co Van", &name_a);
    assert_false(name_a.tok[1].flags & TEXT_TOK_LEGAL);
}

static void test_legal_classes(void **state) {
    (void)state;
    static const struct { const char *in; text_legal legal; } cases[] = {
        {"OOO Argument", TEXT_LEGAL_LLC},
        {"Argument LLC", TEXT_LEGAL_LLC},
        {"Obshchestvo s Ogranichennoy Otvetstvennostyu Argument", TEXT_LEGAL_LLC},
        {"Общество с ограниченной ответственностью Аргумент", TEXT_LEGAL_LLC},
        {"Argument S.A.R.L.", TEXT_LEGAL_LLC},
        {"Argument SRL", TEXT_LEGAL_LLC},
        {"Argument Sp. z o.o.", TEXT_LEGAL_LLC},
        {"Argument Limited Liability Company", TEXT_LEGAL_LLC},
        {"JSC Argument", TEXT_LEGAL_JSC},
        {"ZAO Argument", TEXT_LEGAL_JSC},
        {"Argument Joint Stock Company", TEXT_LEGAL_JSC},
        {"Open Joint Stock Company Argument", TEXT_LEGAL_JSC},
        {"Закрытое акционерное общество Аргумент", TEXT_LEGAL_JSC},
        {"Argument PJSC", TEXT_LEGAL_JSC},
        {"Argument Ltd", TEXT_LEGAL_LTD},
        {"Argument Limited", TEXT_LEGAL_LTD},
        {"Argument Co. Ltd.", TEXT_LEGAL_LTD},
        {"Argument PLC", TEXT_LEGAL_PLC},
        {"Argument Inc.", TEXT_LEGAL_INC},
        {"Argument Corp", TEXT_LEGAL_CORP},
        {"Argument S.A.", TEXT_LEGAL_SA},
        {"Argument AG", TEXT_LEGAL_AG},
        {"Argument B.V.", TEXT_LEGAL_BV},
        {"Argument FZE", TEXT_LEGAL_FZE},
        {"Argument LLP", TEXT_LEGAL_LLP},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        prep(cases[i].in, &name_a);
        int legal = -1, argument = text_name_find(&name_a, "argument");
        for (uint32_t t = 0; t < name_a.n_tok; t++)
            if (name_a.tok[t].flags & TEXT_TOK_LEGAL)
                legal = (int)t;
        if (legal < 0 || name_a.tok[legal].legal != cases[i].legal || argument < 0 || name_a.n_tok != 2) {
            print_message("legal %zu: \"%s\"\n", i, cases[i].in);
            text_name_print(&name_a, stderr);
            fail();
        }
        assert_true(name_a.flags & TEXT_NAME_LEGAL);
    }
}

/* Legal-form words left over when a form is cut, reordered or misspelt are legal tokens too. */
static void test_legal_runs(void **state) {
    (void)state;
    static const char *const cases[] = {
        "LIABILITY COMPANY ARGUMENT LIMITED",       /* "limited liability company" rotated */
        "LIIMITED LIABILITY COMPANY ARGUMENT",      /* a typo breaks the phrase */
        "ARGUMENT OPEN JOINT",                      /* a form cut short */
        "STOCK COMPANY ARGUMENT OPEN JOINT",
        "STOCK COMPANY ARGUMENT JOINT",             /* a plain word alone at an end, beside a form */
        "AKTSIONERNOE ARGUMENT",                    /* one unmistakable word at an end */
        "ARGUMENT EKOOD",                           /* a letter added to a one-word form */
        "ARGUMENT JOINT STOK COMPANY",               /* four letters: a legal word with one lost */
        "ARGUMENT COGPANY",                         /* an edge form misspelt, at the end */
        "PUBLICHNOE AKTSIONERNOE OBSCXESTVO ARGUMENT", /* a typo in a common spelling ("obschestvo") */
        "CERPORATIVO ARGUMENT",                     /* Spanish "corporativo", misspelt */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        prep(cases[i], &name_a);
        uint32_t content = 0;
        for (uint32_t t = 0; t < name_a.n_tok; t++) content += !(name_a.tok[t].flags & TEXT_TOK_LEGAL);
        if (content != 1 || text_name_find(&name_a, "argument") < 0 ||
            (name_a.tok[text_name_find(&name_a, "argument")].flags & TEXT_TOK_LEGAL)) {
            print_message("legal run %zu: \"%s\"\n", i, cases[i]);
            text_name_print(&name_a, stderr);
            fail();
        }
    }
    /* Plain words of legal forms stay words alone, and a name of nothing else keeps them. */
    prep("John Stock", &name_a);
    assert_false(name_a.tok[1].flags & TEXT_TOK_LEGAL);
    prep("Public Security Bureau", &name_a);
    assert_false(name_a.tok[0].flags & TEXT_TOK_LEGAL);
    prep("Joint Stock", &name_a);
    assert_false(name_a.tok[0].flags & TEXT_TOK_LEGAL);
    /* Four-letter names near a legal form stay names. */
    prep("Carl Johnson", &name_a);
    assert_false(name_a.tok[0].flags & TEXT_TOK_LEGAL);
    assert_int_equal(name_a.tok[0].n_alt, 0);
    prep("Rade Markovic", &name_a);
    assert_int_equal(name_a.tok[0].n_alt, 0);
    /* Four letters one off a form, ending a company's name; an edge form inside one. */
    static const struct { const char *name; uint32_t legal_tok; } company[] = {
        {"ARGUMENT SHIPPING GMBA", 2}, {"BANK ARGUMENT OJTC", 2}, {"TRADING ARGUMENT OCRP SAC", 2},
        {"I BV ARGUMENT ENERGY", 1}, {"General Trading Co Argument", 2}, {"ARGUMENT CO ASRL", 2},
    };
    for (size_t i = 0; i < sizeof company / sizeof *company; i++) {
        prep(company[i].name, &name_a);
        if (!(name_a.tok[company[i].legal_tok].flags & TEXT_TOK_LEGAL))
            fail_msg("\"%s\": token %u is no legal form", company[i].name, (unsigned)company[i].legal_tok);
    }
    prep("Ana Maria Sara", &name_a); /* one off "sarl", but no company's name */
    assert_false(name_a.tok[2].flags & TEXT_TOK_LEGAL);
    prep("Sara Group Holding", &name_a); /* a company's, but not at its end */
    assert_false(name_a.tok[0].flags & TEXT_TOK_LEGAL);
    prep("Iyad Ag Ghali", &name_a); /* an edge form inside a person's name is a particle */
    assert_false(name_a.tok[1].flags & TEXT_TOK_LEGAL);
    prep("Mohamed Ag Sara", &name_a); /* ... and no sign of a company for the word after it */
    assert_false(name_a.tok[2].flags & TEXT_TOK_LEGAL);
    assert_false(name_a.flags & TEXT_NAME_LEGAL);
}

static void test_patronymics(void **state) {
    (void)state;
    prep("Oleg Leonidovich VOINOV", &name_a);
    assert_true(name_a.tok[1].flags & TEXT_TOK_PATRONYMIC);
    assert_false(name_a.tok[2].flags & TEXT_TOK_PATRONYMIC);
    prep("ABRAMOVICH Roman Arkadyevich", &name_a); /* the family name ends alike; the patronymic is last */
    assert_false(name_a.tok[0].flags & TEXT_TOK_PATRONYMIC);
    assert_true(name_a.tok[2].flags & TEXT_TOK_PATRONYMIC);
    prep("ABRAMOVICH, Roman Arkadyevich", &name_a);
    assert_true(name_a.tok[2].flags & TEXT_TOK_PATRONYMIC);
    prep("Ирина Викторовна Петрова", &name_a);
    assert_true(name_a.tok[1].flags & TEXT_TOK_PATRONYMIC);
    prep("Ilham Heydar oglu Aliyev", &name_a);
    assert_true(name_a.tok[2].flags & TEXT_TOK_PATRONYMIC);
    prep("Roman Abramovich", &name_a); /* two words: no patronymic to leave out */
    assert_false(name_a.tok[1].flags & TEXT_TOK_PATRONYMIC);
}

/* "Abd" and an attribute of God, however written, are one name. */
static void test_abd_names(void **state) {
    (void)state;
    static const char *const rahman[] = {"Abd al-Rahman", "Abdul Rahman", "Abdurrahman", "Abderrahman",
                                         "Abdelrahman", "Abd ar-Rahman", "ABD-AL-RAHMAN", "عبد الرحمن",
                                         "عبدالرحمن", "Abdul-Rahman"};
    for (size_t i = 0; i < sizeof rahman / sizeof *rahman; i++) {
        prep(rahman[i], &name_a);
        if (strcmp(mains(&name_a), "abdul rahman") != 0) fail_msg("\"%s\" gave \"%s\"", rahman[i], mains(&name_a));
    }
    static const char *const allah[] = {"Abd Allah", "Abdullah", "Abd-Allah", "عبد الله"};
    for (size_t i = 0; i < sizeof allah / sizeof *allah; i++) {
        prep(allah[i], &name_a);
        if (strcmp(mains(&name_a), "abdullah") != 0) fail_msg("\"%s\" gave \"%s\"", allah[i], mains(&name_a));
    }
    prep("Abdallah", &name_a); /* one word: its spelling, so that a typo in it meets it, and the canonical one */
    assert_string_equal(mains(&name_a), "abdallah");
    assert_int_equal(text_name_find(&name_a, "abdullah"), 0);
    prep("عبد الملك الحوثي", &name_a); /* unvowelled: the consonants decide */
    assert_int_equal(text_name_find(&name_a, "malik"), 1);
    prep("Abdul Smith", &name_a); /* no attribute of God: two words, as written */
    assert_string_equal(mains(&name_a), "abdul smith");
    prep("Abd al Smith", &name_a);
    assert_string_equal(mains(&name_a), "abd al smith");
}

/* "al-Din" names, however written, are one word in one spelling (one word as written keeps its own too). */
static void test_din_names(void **state) {
    (void)state;
    static const char *const siraj[] = {"Siraj al-Din", "Siraj-ud-Din", "Sirajuddin", "Sirajeddine", "Siraj Uddin",
                                        "SERAJ AL DIN", "سراج الدين"};
    for (size_t i = 0; i < sizeof siraj / sizeof *siraj; i++) {
        prep(siraj[i], &name_a);
        if (name_a.n_tok != 1 || !text_tok_has(&name_a, 0, "sirajuddin"))
            fail_msg("\"%s\" gave \"%s\"", siraj[i], mains(&name_a));
    }
    prep("Sirajeddine", &name_a); /* its own spelling stays the main one: a typo in it still meets it */
    assert_string_equal(mains(&name_a), "sirajeddine");
    prep("Saladin", &name_a);
    assert_true(text_tok_has(&name_a, 0, "salahuddin"));
    prep("Mohammad Din", &name_a); /* Din is a name of its own too */
    assert_string_equal(mains(&name_a), "mohammad din");
    prep("Bodin", &name_a);
    assert_int_equal(name_a.tok[0].n_alt, 0);
}

/* Titles are flagged but last, where they are most often family names ("Muhammad Naeem SHEIKH"). */
static void test_titles(void **state) {
    (void)state;
    prep("Sheikh Muhammad Naeem", &name_a);
    assert_string_equal(mains(&name_a), "sheikh muhammad naeem");
    assert_true(name_a.tok[0].flags & TEXT_TOK_TITLE);
    prep("Muhammad Naeem SHEIKH", &name_a);
    assert_string_equal(mains(&name_a), "muhammad naeem sheikh");
    assert_false(name_a.tok[2].flags & TEXT_TOK_TITLE);
    prep("John Major", &name_a);
    assert_int_equal(name_a.n_tok, 2);
    assert_false(name_a.tok[1].flags & TEXT_TOK_TITLE); /* last: a family name */
    prep("KHAN, Mustafa Hajji Muhammad", &name_a); /* inside: weighed lightly, a title or a name */
    assert_true(name_a.tok[2].flags & TEXT_TOK_TITLE);
    assert_false(name_a.tok[1].flags & TEXT_TOK_TITLE);
    prep("Sheikh HASSAN, Ali", &name_a); /* a title before the family name is no family name */
    assert_true(name_a.tok[0].flags & TEXT_TOK_TITLE);
    assert_false(name_a.tok[0].flags & TEXT_TOK_FAMILY);
    assert_true(name_a.tok[1].flags & TEXT_TOK_FAMILY);
    prep("SHEIKH, Mohammed", &name_a); /* the family name alone before the comma stays one */
    assert_true(name_a.tok[0].flags & TEXT_TOK_FAMILY);
    assert_false(name_a.tok[0].flags & TEXT_TOK_TITLE);
    prep("Mr Ivan Petrovich", &name_a); /* titles aside, two words: no patronymic to leave out */
    assert_false(name_a.tok[2].flags & TEXT_TOK_PATRONYMIC);
    prep("General Trading Argument", &name_a); /* a company's name: "General" is a word of it */
    assert_string_equal(mains(&name_a), "general trading argument");
}

/* Latin letters inside Cyrillic words (and the reverse) are read in the word's script. */
static void test_homoglyphs(void **state) {
    (void)state;
    prep("Алег ВОIНАЎ", &name_a);  /* a Latin I in a Belarusian name, as a list writes it */
    prep("Алег ВОІНАЎ", &name_b);  /* the Cyrillic І */
    assert_int_equal(name_a.n_tok, 2);
    assert_string_equal(mains(&name_a), mains(&name_b));
    prep("KIM JОNG UN", &name_a);  /* a Cyrillic О in a Latin name */
    assert_string_equal(mains(&name_a), "kim jong un");
    prep("Ivan Петров", &name_a);  /* whole words keep their script */
    assert_int_equal(name_a.n_tok, 2);
    assert_int_equal(name_a.tok[0].script, TEXT_SCRIPT_LATIN);
}

/* ---- keys --------------------------------------------------------------- */

static void skel(const char *s, char *out) { text_skeleton(s, strlen(s), out); }
static void phon(const char *s, char *out) { text_phonetic(s, strlen(s), out); }

static void test_keys(void **state) {
    (void)state;
    char a[TEXT_KEY_LEN], b[TEXT_KEY_LEN];
    skel("hussein", a);
    assert_string_equal(a, "hsn");
    skel("toyota", a);
    assert_string_equal(a, "tt");
    phon("mohammed", a);
    assert_string_equal(a, "MHMT");
    phon("mahmoud", b);
    assert_string_not_equal(a, b);
    static const char *const same_skel[][2] = {
        {"hussein", "husayn"}, {"husain", "hossein"}, {"usama", "osama"}, {"muller", "mueller"},
        {"mohammed", "muhammad"}, {"mohamed", "muhammad"}, {"saddam", "sadam"},
    };
    for (size_t i = 0; i < sizeof same_skel / sizeof same_skel[0]; i++) {
        skel(same_skel[i][0], a);
        skel(same_skel[i][1], b);
        assert_string_equal(a, b);
    }
    static const char *const same_phon[][2] = {
        {"mohammed", "muhammad"}, {"mohamed", "muhammad"}, {"jong", "jeong"}, {"jong", "chong"},
        {"jong", "chung"}, {"kim", "gim"}, {"pak", "park"}, {"pak", "bak"}, {"muller", "mueller"},
        {"hussein", "husayn"}, {"choe", "choi"}, {"dmitriy", "dmitry"},
    };
    for (size_t i = 0; i < sizeof same_phon / sizeof same_phon[0]; i++) {
        phon(same_phon[i][0], a);
        phon(same_phon[i][1], b);
        if (strcmp(a, b) != 0)
            print_message("phonetic %s=%s %s=%s\n", same_phon[i][0], a, same_phon[i][1], b);
        assert_string_equal(a, b);
    }
    phon("smith", a);
    phon("jones", b);
    assert_string_not_equal(a, b);
    /* keys are stored with each token */
    prep("Hussein", &name_a);
    assert_string_equal(name_a.tok[0].skeleton, "hsn");
    assert_int_equal(name_a.tok[0].len, 7);
    /* a very long word stays within the key size */
    skel("bcdfghjklmnpqrstvxzbcdfghjklmnpqrstvxz", a);
    assert_true(strlen(a) < TEXT_KEY_LEN);
}

static void test_korean_table(void **state) {
    (void)state;
    assert_int_equal(text_korean_check_table(), -1);
    assert_string_equal(text_korean_surname(0xAE40), "kim gim");   /* 김 */
    assert_null(text_korean_surname('A'));
    /* a long Hangul word (an organization) is one token, MR with RR alternate */
    prep("조선광선은행", &name_a);
    assert_int_equal(name_a.n_tok, 1);
    assert_string_equal(text_tok_str(&name_a, 0), "josonkwangsonunhaeng");
    assert_true(text_tok_has(&name_a, 0, "joseongwangseoneunhaeng"));
}

static void test_normalize_word(void **state) {
    (void)state;
    char out[64];
    assert_int_equal(text_normalize_word("Al-Qaida", 8, out, sizeof out), 7);
    assert_string_equal(out, "alqaida");
    text_normalize_word("Müller", strlen("Müller"), out, sizeof out);
    assert_string_equal(out, "muller");
    text_normalize_word("Путин", strlen("Путин"), out, sizeof out);
    assert_string_equal(out, "putin");
    text_normalize_word("Limited", 7, out, sizeof out);
    assert_string_equal(out, "limited");
    text_normalize_word("abcdef", 6, out, 4);
    assert_string_equal(out, "abc");
    assert_int_equal(text_normalize_word(NULL, 0, out, sizeof out), 0);
}

/* ---- bad input ---------------------------------------------------------- */

/* Every token is non-empty lower-case ASCII letters and digits, within bounds. */
static void assert_sane(const text_name *name) {
    assert_true(name->n_tok <= TEXT_MAX_TOKENS);
    assert_true(name->pool_used <= TEXT_POOL_SIZE);
    for (uint32_t i = 0; i < name->n_tok; i++) {
        const char *s = text_tok_str(name, i);
        size_t len = strlen(s);
        assert_true(len > 0 && len <= TEXT_MAX_TOKEN_LEN);
        assert_int_equal(len, name->tok[i].text.len);
        for (size_t k = 0; k < len; k++)
            assert_true((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9'));
        assert_true(name->tok[i].n_alt <= TEXT_MAX_ALTS);
    }
}

static void test_bad_input(void **state) {
    (void)state;
    assert_int_equal(text_name_prepare("", 0, &name_a), TEXT_EMPTY);
    assert_int_equal(text_name_prepare(NULL, 0, &name_a), TEXT_EMPTY);
    assert_int_equal(text_name_prepare(NULL, 5, &name_a), TEXT_EINVAL);
    assert_int_equal(text_name_prepare("x", 1, NULL), TEXT_EINVAL);
    assert_int_equal(prep("  ...  -- ,, ''", &name_a), TEXT_EMPTY);
    assert_int_equal(prep("\x01\x02\t\n\x7f", &name_a), TEXT_EMPTY);
    assert_int_equal(prep("a", &name_a), TEXT_OK);

    /* control characters split words */
    assert_int_equal(prep("Kim\x01Jong\tUn", &name_a), TEXT_OK);
    assert_string_equal(mains(&name_a), "kim jong un");

    /* invalid UTF-8 acts as a space and is flagged */
    assert_int_equal(prep("Kim\xff\xfeJong \xc3 Un \xe2\x82", &name_a), TEXT_OK);
    assert_true(name_a.flags & TEXT_NAME_INVALID_UTF8);
    assert_string_equal(mains(&name_a), "kim jong un");
    prep("\xed\xa0\x80 surrogate \xf4\x90\x80\x80 big \xc0\xaf overlong", &name_a);
    assert_string_equal(mains(&name_a), "surrogate big overlong");

    /* 10,000 characters: many words are truncated, one long word is cut */
    char *big = malloc(10001);
    for (int i = 0; i < 10000; i++)
        big[i] = (i % 7 == 6) ? ' ' : (char)('a' + i % 26);
    big[10000] = '\0';
    assert_int_equal(prep(big, &name_a), TEXT_OK);
    assert_int_equal(name_a.n_tok, TEXT_MAX_TOKENS);
    assert_true(name_a.flags & TEXT_NAME_TRUNCATED);
    assert_sane(&name_a);
    memset(big, 'q', 10000);
    assert_int_equal(prep(big, &name_a), TEXT_OK);
    assert_int_equal(name_a.n_tok, 1);
    assert_true(name_a.tok[0].flags & TEXT_TOK_CUT);
    assert_sane(&name_a);
    /* 10,000 bytes of Hangul, Cyrillic, Arabic, Han, Greek */
    static const char *const pieces[] = {"김정은", "Щукин", "محمد", "习近平", "Αθήνα", "ß"};
    for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
        size_t k = strlen(pieces[p]), n = 0;
        while (n + k < 10000)
            memcpy(big + n, pieces[p], k), n += k;
        assert_int_not_equal(text_name_prepare(big, n, &name_a), TEXT_EINVAL);
        assert_sane(&name_a);
    }
    free(big);
}

/* Random bytes and random mixes of interesting code points never crash or break the invariants. */
static void test_random(void **state) {
    (void)state;
    static const char *const atoms[] = {
        "a", "Z", " ", ".", "'", "-", ",", "김", "정", "Щ", "й", "\xcc\x86", "ال", "محمد",
        "习", "Ω", "ß", "\xcc\x81", "\xff", "\xe2\x80\x99", "\x01", "LLC", "Mr", "0", "\xc3",
        "ա", "ა", "ア", "\xef\xbb\xbf", "\xd9\x8e",
    };
    uint32_t seed = 12345;
    char buf[512];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int parts = (int)(seed >> 16) % 40;
        for (int p = 0; p < parts; p++) {
            seed = seed * 1103515245u + 12345u;
            if (iter % 2) {
                buf[n++] = (char)(seed >> 16);
            } else {
                const char *atom = atoms[(seed >> 16) % (sizeof atoms / sizeof atoms[0])];
                size_t k = strlen(atom);
                if (n + k >= sizeof buf)
                    break;
                memcpy(buf + n, atom, k);
                n += k;
            }
        }
        text_name_prepare(buf, n, &name_a);
        assert_sane(&name_a);
    }
}

static int teardown(void **state) {
    (void)state;
    text_shutdown();
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),         cmocka_unit_test(test_meets),
        cmocka_unit_test(test_roles),          cmocka_unit_test(test_legal_classes),
        cmocka_unit_test(test_keys),           cmocka_unit_test(test_korean_table),
        cmocka_unit_test(test_normalize_word), cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_random),         cmocka_unit_test(test_legal_runs),
        cmocka_unit_test(test_patronymics),    cmocka_unit_test(test_homoglyphs),
        cmocka_unit_test(test_titles), cmocka_unit_test(test_abd_names),
        cmocka_unit_test(test_din_names),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
