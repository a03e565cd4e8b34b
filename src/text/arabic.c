/*
 * arabic.c - Arabic-script names: a table of common name forms, and a
 * consonantal transliteration for the rest.
 *
 * Arabic is written without short vowels, so no letter table can give
 * "muhammad" from محمد. Like the better engines, we look the word up in a
 * table of known name forms (written unvowelled, the usual English and French
 * spellings as alternates). Words not in the table get a consonantal
 * transliteration (حسن -> hsn; و and ي as u and i inside a word, w and y at
 * its start; a w/y-only form as alternate), flagged TEXT_TOK_UNVOWELLED:
 * the matcher takes a romanization that only adds vowels to it ("khamni",
 * "Khamenei") almost as a spelling, and compares consonant skeletons.
 *
 * Before the lookup, harakat and tatweel are gone (the scanner drops them)
 * and the key is normalized: أ إ آ ٱ -> ا, ى -> ي, ة -> ه, Persian ی ک -> ي ك.
 * The article ال at the start of a word becomes its own token "al"
 * (TEXT_TOK_PARTICLE | TEXT_TOK_JOIN), and عبد glued to a following name
 * (عبدالرحمن) becomes "abd" + the rest, unless the whole word is in the table.
 */
#include <pthread.h>
#include <string.h>

#include "text/text_int.h"
#include "util/utf8.h"

#define KEY_MAX 16

/* Unvowelled forms, main spelling first. Keys are normalized at first use. */
static const struct { const char *arabic; const char *latin; } names[] = {
    {"محمد", "muhammad mohammed mohamed mohammad muhammed mohamad"},
    {"أحمد", "ahmad ahmed"},          {"محمود", "mahmoud mahmud"},
    {"عبد", "abd abdul abdel"},       {"بن", "bin ben ibn"},       {"ابن", "ibn bin"},
    {"بنت", "bint"},                   {"أبو", "abu abou"},          {"أم", "umm um"},
    {"الله", "allah ullah"},           {"عبدالله", "abdullah abdallah abdulla abdellah"},
    {"حسين", "husayn hussein husain hussain hossein"}, {"حسن", "hasan hassan"},
    {"صدام", "saddam"},                {"أسامة", "usama osama"},     {"لادن", "ladin laden"},
    {"علي", "ali aly"},                {"عمر", "umar omar"},         {"عثمان", "uthman othman osman usman"},
    {"خالد", "khalid khaled"},         {"يوسف", "yusuf yousef youssef yusef"},
    {"إبراهيم", "ibrahim ebrahim"},    {"إسماعيل", "ismail ismael"}, {"مصطفى", "mustafa mostafa"},
    {"سعيد", "said saeed sayed"},      {"سعد", "saad sad"},          {"فيصل", "faisal faysal"},
    {"ناصر", "nasir nasser"},          {"جمال", "jamal gamal"},      {"كريم", "karim kareem"},
    {"رحمن", "rahman"},                {"عزيز", "aziz"},             {"قاسم", "qasim qassem qasem kassem"},
    {"طالب", "talib taleb"},           {"ظواهري", "zawahiri"},       {"أيمن", "ayman"},
    {"بكر", "bakr bakir"},             {"بغدادي", "baghdadi"},       {"زين", "zayn zein"},
    {"دين", "din deen"},               {"نصر", "nasr"},              {"حزب", "hizb hezb"},
    {"فاطمة", "fatima fatma"},         {"مريم", "maryam mariam"},    {"عائشة", "aisha aicha"},
    {"زينب", "zaynab zeinab"},         {"سليمان", "sulayman suleiman sulaiman"},
    {"موسى", "musa mousa moussa"},     {"عيسى", "isa issa"},         {"جعفر", "jafar jaafar"},
    {"حمزة", "hamza hamzah"},          {"طارق", "tariq tarek"},      {"منصور", "mansur mansour"},
    {"مالك", "malik malek"},           {"نور", "nur noor"},          {"هادي", "hadi"},
    {"مهدي", "mahdi mehdi"},           {"رضا", "rida reza"},         {"شيخ", "shaykh sheikh"},
    {"قاعدة", "qaida qaeda"},          {"عبدالعزيز", "abdulaziz abdelaziz"},
    {"عبدالرحمن", "abdulrahman abdelrahman abderrahman"}, {"رشيد", "rashid rachid"},
    {"محسن", "muhsin mohsen"},         {"مجيد", "majid majeed"},     {"حميد", "hamid hameed"},
    {"سالم", "salim salem"},           {"عادل", "adil adel"},        {"وليد", "walid waleed"},
    {"أنور", "anwar"},                 {"عباس", "abbas"},            {"جواد", "jawad javad"},
    {"أسد", "asad assad"},             {"بشار", "bashar"},           {"ماهر", "mahir maher"},
    {"حافظ", "hafiz hafez"},           {"رامي", "rami"},             {"سيف", "sayf saif seif"},
    {"إسلام", "islam"},                {"يحيى", "yahya yahia"},      {"زكريا", "zakariya zakaria"},
    {"إدريس", "idris idriss"},         {"يونس", "yunus younes younis"}, {"هشام", "hisham hicham"},
    {"هاني", "hani"},                  {"سامي", "sami"},             {"سمير", "samir"},
    {"نبيل", "nabil"},                 {"كمال", "kamal"},            {"عماد", "imad emad"},
    {"رياض", "riyad riad"},            {"مازن", "mazin mazen"},      {"فراس", "firas"},
    {"بسام", "bassam"},                {"غسان", "ghassan"},          {"نزار", "nizar"},
    {"مروان", "marwan"},               {"ياسر", "yasir yasser"},     {"ياسين", "yasin yassin"},
    {"أيوب", "ayyub ayoub"},           {"داود", "dawud daoud"},      {"نعيم", "naim naeem"},
    {"فهد", "fahd fahad"},             {"تركي", "turki"},            {"سلطان", "sultan"},
    {"شريف", "sharif cherif"},         {"عمرو", "amr"},              {"أنس", "anas"},
    {"بلال", "bilal"},                 {"هيثم", "haytham haitham"},  {"زياد", "ziyad ziad"},
    {"عصام", "isam essam"},            {"وائل", "wail wael"},        {"عامر", "amir amer"},
    {"أمير", "amir"},                  {"صالح", "salih saleh"},      {"خليل", "khalil"},
    {"مبارك", "mubarak"},              {"سعود", "saud"},             {"راشد", "rashid"},
    {"حمد", "hamad"},                  {"جبريل", "jibril"},          {"شاكر", "shakir shaker"},
    {"عبدالملك", "abdulmalik abdelmalek"}, {"عبدالكريم", "abdulkarim abdelkarim"},
    {"عبدالقادر", "abdulqadir abdelkader"}, {"عبدالسلام", "abdulsalam abdessalam"},
    {"قذافي", "qadhafi gaddafi qaddafi"}, {"حوثي", "huthi houthi"}, {"حقاني", "haqqani"},
    {"نصرالله", "nasrallah"},          {"مخلوف", "makhluf makhlouf"}, {"سليماني", "sulaymani soleimani"},
};
#define N_NAMES (sizeof names / sizeof names[0])

static int32_t keys[N_NAMES][KEY_MAX];
static size_t key_len[N_NAMES];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

/* The lookup form of a letter. */
static int32_t key_letter(int32_t cp) {
    switch (cp) {
    case 0x623: case 0x625: case 0x622: case 0x671: return 0x627;
    case 0x649: case 0x6CC: return 0x64A;
    case 0x629: return 0x647;
    case 0x6A9: return 0x643;
    default: return cp;
    }
}

static void build_keys(void) {
    for (size_t i = 0; i < N_NAMES; i++) {
        const unsigned char *p = (const unsigned char *)names[i].arabic;
        size_t len = strlen(names[i].arabic), at = 0;
        while (at < len && key_len[i] < KEY_MAX) {
            int32_t cp;
            at += (size_t)utf8_decode(p + at, len - at, &cp);
            keys[i][key_len[i]++] = key_letter(cp);
        }
    }
}

static int lookup(const int32_t *key, size_t n) {
    pthread_once(&keys_once, build_keys);
    for (size_t i = 0; i < N_NAMES; i++)
        if (key_len[i] == n && memcmp(keys[i], key, n * sizeof key[0]) == 0)
            return (int)i;
    return -1;
}

/* Consonantal spelling of one letter; CONSONANTAL: w/y for و/ي everywhere. */
static const char *letter_latin(int32_t cp, bool first, bool consonantal) {
    switch (cp) {
    case 0x627: case 0x623: case 0x625: case 0x622: case 0x671: return "a";
    case 0x628: return "b";   case 0x62A: return "t";   case 0x62B: return "th";
    case 0x62C: return "j";   case 0x62D: return "h";   case 0x62E: return "kh";
    case 0x62F: return "d";   case 0x630: return "dh";  case 0x631: return "r";
    case 0x632: return "z";   case 0x633: return "s";   case 0x634: return "sh";
    case 0x635: return "s";   case 0x636: return "d";   case 0x637: return "t";
    case 0x638: return "z";   case 0x63A: return "gh";  case 0x641: return "f";
    case 0x642: return consonantal ? "k" : "q";
    case 0x643: case 0x6A9: return "k";
    case 0x644: return "l";   case 0x645: return "m";   case 0x646: return "n";
    case 0x647: return "h";   case 0x629: case 0x649: return "a";
    case 0x648: return first || consonantal ? "w" : "u";
    case 0x64A: case 0x6CC: return first || consonantal ? "y" : "i";
    case 0x67E: return "p";   case 0x686: return "ch";  case 0x698: return "zh";
    case 0x6AF: return "g";
    default: return "";       /* ع, ء, ئ, ؤ and the rest: no Latin letter */
    }
}

static size_t spell(const int32_t *w, size_t n, bool consonantal, char *out, size_t cap) {
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = letter_latin(w[i], i == 0, consonantal);
        size_t k = strlen(s);
        if (len + k < cap)
            memcpy(out + len, s, k), len += k;
    }
    out[len] = '\0';
    return len;
}

static int emit_list(text_name *name, const char *list, uint16_t flags) {
    size_t k = strcspn(list, " ");
    int t = text_emit(name, list, k, TEXT_SCRIPT_ARABIC, flags);
    for (const char *p = list + k; t >= 0 && *p;) {
        while (*p == ' ')
            p++;
        k = strcspn(p, " ");
        text_add_alt(name, t, p, k);
        p += k;
    }
    return t;
}

/* W (raw letters) and KEY (normalized) are N letters of one word. */
static void arabic_word(text_name *name, const int32_t *w, const int32_t *key, size_t n) {
    int found = lookup(key, n);
    if (found >= 0) {
        emit_list(name, names[found].latin, 0);
        return;
    }
    static const int32_t al[] = {0x627, 0x644}, abd[] = {0x639, 0x628, 0x62F};
    if (n >= 4 && memcmp(key, al, sizeof al) == 0) {
        emit_list(name, "al el", TEXT_TOK_PARTICLE | TEXT_TOK_JOIN);
        arabic_word(name, w + 2, key + 2, n - 2);
        return;
    }
    if (n >= 5 && memcmp(key, abd, sizeof abd) == 0) {
        emit_list(name, "abd abdul abdel", TEXT_TOK_JOIN);
        arabic_word(name, w + 3, key + 3, n - 3);
        return;
    }
    char s[TEXT_MAX_TOKEN_LEN + 1];
    size_t len = spell(w, n, false, s, sizeof s);
    int t = text_emit(name, s, len, TEXT_SCRIPT_ARABIC, TEXT_TOK_UNVOWELLED);
    len = spell(w, n, true, s, sizeof s);
    text_add_alt(name, t, s, len);
}

void text_arabic_word(text_name *name, const int32_t *cps, size_t n) {
    int32_t key[96];
    if (n > 96)
        n = 96;
    for (size_t i = 0; i < n; i++)
        key[i] = key_letter(cps[i]);
    arabic_word(name, cps, key, n);
}
