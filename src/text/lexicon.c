/*
 * lexicon.c - the word lists of name preparation: honorifics, particles,
 * generic organization words, and organization legal forms in many languages
 * (one class per meaning: ooo, llc, gmbh and "limited liability company" are
 * all TEXT_LEGAL_LLC).
 *
 * The lists are data, in the normalized spelling the scanner produces (lower
 * case ASCII, dots gone: "s.a." is "sa", "sp. z o.o." is "sp z oo"; Cyrillic
 * forms in their main romanization: "obshchestvo s ogranichennoy ..."). One
 * word may be in several lists ("ag" is a Tuareg particle and a legal form,
 * "company" is generic and a legal form). At first use every single word goes
 * into an open-addressing hash table (pthread_once); a lookup is one FNV-1a
 * hash and a compare or two. Multi-word legal forms stay a plain array, tried
 * only at tokens whose word starts one of them (LEX_PHRASE).
 */
#include <pthread.h>
#include <string.h>

#include "text/text_int.h"

static const char honorifics[] =
    "mr mrs ms miss mister messrs dr doctor prof professor eng engr engineer "
    "general gen genl colonel col lieutenant lt major maj captain capt admiral adm "
    "brigadier brig commander cmdr marshal sergeant sgt sheikh shaikh sheik shaykh "
    "haji hajji hadji alhaji sayyid sayyed mullah mulla maulvi mawlawi maulana mawlana "
    "imam ayatollah hojatoleslam hon honorable sir dame lord lady rev reverend "
    "senator minister president ambassador amb mme mlle herr frau sr sra srta";

/*
 * The attributes of God that follow "Abd" ("servant of") in Arabic names,
 * as romanized: "Abd al-Rahman", "Abdul Rahman", "Abdurrahman" and
 * "Abdelrahman" are one name (tokenize.c, abd_pass).
 */
static const char divine_names[] =
    "rahman rahim malik quddus salam mumin muhaymin aziz jabbar kabir khaliq bari musawwir ghaffar "
    "qahhar wahhab wahab razzaq razak fattah alim aleem qabid basit khafid rafi muizz samad sami basir "
    "hakam adl latif khabir halim azim ghafur ghafoor shakur ali aliyy hafiz hafeez muqit hasib jalil "
    "karim kareem raqib mujib wasi hakim hakeem wadud majid majeed baith shahid haqq wakil qawi qawiy "
    "matin wali hamid hameed muhsi mubdi muid muhyi mumit hayy qayyum wajid wahid ahad qadir qader "
    "kader kadir muqtadir muqaddim muakhkhir awwal akhir zahir batin mutaali barr tawwab muntaqim afuw rauf raouf "
    "ghani mughni mani darr nafi nur noor hadi badi baqi warith rashid sabur nasir nasser naser jalal "
    "jamil muttalib ilah allah llah lah";

/*
 * The next word of the space-separated LIST at *AT: its start, its length in
 * *LEN, *AT moved past it; NULL at the end.
 */
static const char *list_next(const char **at, size_t *len) {
    const char *p = *at;
    while (*p == ' ')
        p++;
    if (!*p)
        return NULL;
    *len = strcspn(p, " ");
    *at = p + *len;
    return p;
}

bool text_is_divine_name(const char *s, size_t len) {
    return text_lexicon(s, len).kind & LEX_DIVINE;
}

size_t text_consonants(const char *s, size_t len, char *out, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++)
        if (!strchr("aeiouyw", s[i])) out[n++] = s[i];
    out[n] = '\0';
    return n;
}

const char *text_divine_by_consonants(const char *s, size_t len, size_t *name_len) {
    char want[32], have[32];
    size_t n = text_consonants(s, len, want, sizeof want);
    if (n < 2)
        return NULL; /* "l" of "al" is no name */
    size_t k;
    for (const char *at = divine_names, *p; (p = list_next(&at, &k));)
        if (text_consonants(p, k, have, sizeof have) == n && memcmp(have, want, n) == 0) {
            *name_len = k;
            return p; /* a word of divine_names: not NUL-terminated, K bytes */
        }
    return NULL;
}

static const char particles[] =
    "al el bin ibn bint abu umm um ould ag ul ud van von de del della der den da di du "
    "la le dos das do des ten ter zu";

static const char generic[] =
    "trading trade traders group holding holdings international intl industrial industries "
    "industry company bank enterprise enterprises general import export shipping development "
    "corporation services service investment investments commercial commerce management "
    "technology technologies engineering construction energy logistics global national "
    "financial finance factory plant works manufacturing products marine maritime petroleum oil gas "
    "the of and for";

/*
 * Words of legal forms that are not forms on their own. Met alone they are
 * generic words, weighing little; in a run of such words that holds a legal
 * form or touches the end of the name (a form cut or reordered: "LIABILITY
 * COMPANY X LIMITED", "X OPEN JOINT") the tokenizer makes them legal.
 */
static const char legal_parts[] =
    "liability partnership establishment "
    "aktsionernoe aktsionernoye obshchestvo otkrytoe zakrytoe publichnoe ogranichennoy "
    "ogranichennoi otvetstvennostyu otvetstvennostiu tovarystvo obmezhenoyu vidpovidalnistyu "
    "spolka ograniczona odpowiedzialnoscia sociedad responsabilidad limitada societe "
    "responsabilite limitee gesellschaft beschrankter haftung anonyme anonima";

/* Legal-form words that are also plain words or family names (Stock, Open): never legal alone. */
static const char legal_plain_parts[] = "joint stock open closed public private";

/* One-word legal forms; EDGE forms count only as the first or last token. */
static const struct { const char *word; uint8_t legal; bool edge; } legal_words[] = {
    {"llc", TEXT_LEGAL_LLC, false},     {"ooo", TEXT_LEGAL_LLC, false},
    {"gmbh", TEXT_LEGAL_LLC, false},    {"sarl", TEXT_LEGAL_LLC, false},
    {"srl", TEXT_LEGAL_LLC, false},     {"sro", TEXT_LEGAL_LLC, false},
    {"tov", TEXT_LEGAL_LLC, true},      {"too", TEXT_LEGAL_LLC, true},
    {"ltda", TEXT_LEGAL_LLC, false},    {"kft", TEXT_LEGAL_LLC, false},
    {"eood", TEXT_LEGAL_LLC, false},    {"ood", TEXT_LEGAL_LLC, true},
    {"jsc", TEXT_LEGAL_JSC, false},     {"ojsc", TEXT_LEGAL_JSC, false},
    {"cjsc", TEXT_LEGAL_JSC, false},    {"pjsc", TEXT_LEGAL_JSC, false},
    {"oao", TEXT_LEGAL_JSC, false},     {"zao", TEXT_LEGAL_JSC, false},
    {"pao", TEXT_LEGAL_JSC, true},      {"ao", TEXT_LEGAL_JSC, true},
    {"ltd", TEXT_LEGAL_LTD, false},     {"limited", TEXT_LEGAL_LTD, false},
    {"pte", TEXT_LEGAL_LTD, true},      {"plc", TEXT_LEGAL_PLC, false},
    {"inc", TEXT_LEGAL_INC, false},     {"incorporated", TEXT_LEGAL_INC, false},
    {"corp", TEXT_LEGAL_CORP, false},   {"corporation", TEXT_LEGAL_CORP, true},
    {"corporativo", TEXT_LEGAL_CORP, true},
    {"co", TEXT_LEGAL_CO, true},        {"company", TEXT_LEGAL_CO, true},
    {"sa", TEXT_LEGAL_SA, true},        {"spa", TEXT_LEGAL_SA, true},
    {"ag", TEXT_LEGAL_AG, true},        {"bv", TEXT_LEGAL_BV, true},
    {"nv", TEXT_LEGAL_BV, true},        {"fze", TEXT_LEGAL_FZE, false},
    {"fzco", TEXT_LEGAL_FZE, false},    {"fzc", TEXT_LEGAL_FZE, false},
    {"llp", TEXT_LEGAL_LLP, false},     {"lp", TEXT_LEGAL_LLP, true},
    {"sac", TEXT_LEGAL_SA, false},      {"cv", TEXT_LEGAL_LLP, true},
};

const text_phrase text_phrases[] = {
    {"limited liability company", TEXT_LEGAL_LLC},
    {"obshchestvo s ogranichennoy otvetstvennostyu", TEXT_LEGAL_LLC},
    {"obshchestvo s ogranichennoi otvetstvennostiu", TEXT_LEGAL_LLC},
    {"tovarystvo z obmezhenoyu vidpovidalnistyu", TEXT_LEGAL_LLC},
    {"sp z oo", TEXT_LEGAL_LLC},
    {"spolka z ograniczona odpowiedzialnoscia", TEXT_LEGAL_LLC},
    {"sociedad de responsabilidad limitada", TEXT_LEGAL_LLC},
    {"societe a responsabilite limitee", TEXT_LEGAL_LLC},
    {"gesellschaft mit beschrankter haftung", TEXT_LEGAL_LLC},
    {"public joint stock company", TEXT_LEGAL_JSC},
    {"open joint stock company", TEXT_LEGAL_JSC},
    {"closed joint stock company", TEXT_LEGAL_JSC},
    {"joint stock company", TEXT_LEGAL_JSC},
    {"otkrytoe aktsionernoe obshchestvo", TEXT_LEGAL_JSC},
    {"zakrytoe aktsionernoe obshchestvo", TEXT_LEGAL_JSC},
    {"publichnoe aktsionernoe obshchestvo", TEXT_LEGAL_JSC},
    {"aktsionernoe obshchestvo", TEXT_LEGAL_JSC},
    {"aktsionernoye obshchestvo", TEXT_LEGAL_JSC},
    {"public limited company", TEXT_LEGAL_PLC},
    {"private limited company", TEXT_LEGAL_LTD},
    {"company limited", TEXT_LEGAL_LTD},
    {"co ltd", TEXT_LEGAL_LTD},
    {"pte ltd", TEXT_LEGAL_LTD},
    {"pvt ltd", TEXT_LEGAL_LTD},
    {"pty ltd", TEXT_LEGAL_LTD},
    {"private limited", TEXT_LEGAL_LTD},
    {"sdn bhd", TEXT_LEGAL_LTD},
    {"societe anonyme", TEXT_LEGAL_SA},
    {"sociedad anonima", TEXT_LEGAL_SA},
    {"free zone establishment", TEXT_LEGAL_FZE},
    {"free zone company", TEXT_LEGAL_FZE},
    {"fz llc", TEXT_LEGAL_FZE},
    {"fz co", TEXT_LEGAL_FZE},
    {"limited liability partnership", TEXT_LEGAL_LLP},
    {"limited partnership", TEXT_LEGAL_LLP},
};
const size_t text_n_phrases = sizeof text_phrases / sizeof text_phrases[0];

static const char *const legal_names[TEXT_LEGAL_COUNT] = {
    "", "llc", "jsc", "ltd", "plc", "inc", "corp", "co", "sa", "ag", "bv", "fze", "llp",
};

const char *text_legal_name(text_legal legal) {
    return (unsigned)legal < TEXT_LEGAL_COUNT ? legal_names[legal] : "";
}

/* ---- the hash table ---------------------------------------------------- */

#define SLOTS 1024   /* power of two, well over twice the words */
#define WORD_MAX 24

typedef struct {
    char word[WORD_MAX];
    uint8_t len;                 /* of word: a probe compares lengths before bytes */
    text_lex lex;
} slot;

static slot table[SLOTS];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/*
 * A filter in front of the tables: per first two letters (five bits of
 * each), the lengths of the words filed. Most name words ("mohammed") share
 * no such pair and length with any word of the lexicon, and leave without
 * being hashed.
 */
typedef uint32_t pair_filter[32 * 32];

static pair_filter table_filter;

static size_t filter_at(const char *s) {
    return ((size_t)((unsigned char)s[0] & 31) << 5) | ((unsigned char)s[1] & 31);
}

static void filter_add(pair_filter f, const char *s, size_t len) {
    f[len > 1 ? filter_at(s) : 0] |= 1u << len;
}

static bool filter_may(const pair_filter f, const char *s, size_t len) {
    return f[len > 1 ? filter_at(s) : 0] >> len & 1;
}

static uint32_t fnv1a(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The slot of S: where it is, or the empty slot where it goes. */
static slot *find(const char *s, size_t len) {
    uint32_t i = fnv1a(s, len) & (SLOTS - 1);
    while (table[i].len && !(table[i].len == len && memcmp(table[i].word, s, len) == 0))
        i = (i + 1) & (SLOTS - 1);
    return &table[i];
}

static void add(const char *s, size_t len, uint16_t kind, uint8_t legal) {
    if (len == 0 || len >= WORD_MAX)
        return;
    slot *sl = find(s, len);
    memcpy(sl->word, s, len);
    sl->len = (uint8_t)len;
    filter_add(table_filter, s, len);
    sl->lex.kind |= kind;
    if (legal)
        sl->lex.legal = legal;
}

static void add_list(const char *list, uint16_t kind) {
    size_t k;
    for (const char *at = list, *p; (p = list_next(&at, &k));)
        add(p, k, kind, 0);
}

static void build(void) {
    add_list(honorifics, LEX_HONORIFIC);
    add_list(divine_names, LEX_DIVINE);
    add_list(particles, LEX_PARTICLE);
    add_list(generic, LEX_GENERIC);
    add_list(legal_parts, LEX_GENERIC | LEX_LEGAL_PART | LEX_LEGAL_SURE);
    add_list(legal_plain_parts, LEX_GENERIC | LEX_LEGAL_PART);
    for (size_t i = 0; i < sizeof legal_words / sizeof legal_words[0]; i++) {
        const char *w = legal_words[i].word;
        add(w, strlen(w), LEX_LEGAL | (legal_words[i].edge ? LEX_LEGAL_EDGE : 0), legal_words[i].legal);
    }
    for (size_t i = 0; i < text_n_phrases; i++)
        add(text_phrases[i].words, strcspn(text_phrases[i].words, " "), LEX_PHRASE, 0);
}

text_lex text_lexicon(const char *s, size_t len) {
    text_lex none = {0, 0};
    if (len == 0 || len >= WORD_MAX)
        return none;
    pthread_once(&table_once, build);
    if (!filter_may(table_filter, s, len))
        return none;
    const slot *sl = find(s, len);
    return sl->len ? sl->lex : none;
}

/* ---- near spellings of legal and generic words -------------------------- */

/*
 * Legal and generic words of NEAR_MIN_LEN letters or more are also filed
 * under their one-letter deletions (the symmetric-deletion trick), so that a
 * typo in them ("LIMITWD", "STOKC", "NKTSIONERNOE") is still known for what
 * it is; one-word legal forms of one letter less are filed as they are, so
 * that one letter added to them ("EKOOD") is too. Each variant keeps the
 * first word it came from.
 */
#define NEAR_MIN_LEN 5
#define NEAR_SLOTS 8192

typedef struct {
    char variant[WORD_MAX];
    uint8_t len;                 /* of variant */
    const slot *word;
} near_slot;

static near_slot near_table[NEAR_SLOTS];
static pair_filter near_filter;
static pthread_once_t near_once = PTHREAD_ONCE_INIT;

static near_slot *near_find(const char *s, size_t len) {
    uint32_t i = fnv1a(s, len) & (NEAR_SLOTS - 1);
    while (near_table[i].len && !(near_table[i].len == len && memcmp(near_table[i].variant, s, len) == 0))
        i = (i + 1) & (NEAR_SLOTS - 1);
    return &near_table[i];
}

/* Files VARIANT (LEN bytes) under WORD unless another word has it already. */
static void near_add(const char *variant, size_t len, const slot *word) {
    near_slot *ns = near_find(variant, len);
    if (ns->len) return;
    memcpy(ns->variant, variant, len);
    ns->len = (uint8_t)len;
    filter_add(near_filter, variant, len);
    ns->word = word;
}

/* Calls FN with S itself and each of its one-letter deletions. */
static const slot *near_each(const char *s, size_t len, const slot *(*fn)(const char *, size_t, const void *),
                             const void *user) {
    char v[WORD_MAX];
    const slot *hit = fn(s, len, user);
    for (size_t i = 0; i < len && !hit; i++) {
        memcpy(v, s, i);
        memcpy(v + i, s + i + 1, len - i - 1);
        hit = fn(v, len - 1, user);
    }
    return hit;
}

static const slot *near_file(const char *v, size_t len, const void *word) {
    near_add(v, len, word);
    return NULL;
}

/*
 * Spellings of legal-form words common enough in the lists to stand for the
 * word, so that a typo in them is known too ("obscxestvo"). The spellings
 * themselves are one letter off the word already.
 */
static const struct { const char *spelling, *word; } near_spellings[] = {
    {"obschestvo", "obshchestvo"},
    {"obshestvo", "obshchestvo"},
};

static void near_build(void) {
    pthread_once(&table_once, build);
    for (size_t i = 0; i < sizeof near_spellings / sizeof *near_spellings; i++) {
        const char *w = near_spellings[i].word;
        near_each(near_spellings[i].spelling, strlen(near_spellings[i].spelling), near_file, find(w, strlen(w)));
    }
    for (size_t i = 0; i < SLOTS; i++) {
        const slot *sl = &table[i];
        size_t len = sl->len;
        if (!(sl->lex.kind & (LEX_LEGAL | LEX_GENERIC | LEX_PHRASE)))
            continue;
        if (len >= NEAR_MIN_LEN)
            near_each(sl->word, len, near_file, sl);
        else if (len == NEAR_MIN_LEN - 1 && (sl->lex.kind & LEX_LEGAL))
            near_add(sl->word, len, sl); /* "eood": a letter added ("ekood") is still known */
    }
}

/* True when A and B (LEN bytes each) differ by one letter, or by two neighbours swapped. */
static bool one_letter_apart(const char *a, const char *b, size_t len) {
    size_t first = 0, last = len;
    while (first < len && a[first] == b[first])
        first++;
    if (first == len)
        return false;
    while (a[last - 1] == b[last - 1])
        last--;
    if (last - first == 1)
        return true;
    return last - first == 2 && a[first] == b[first + 1] && a[first + 1] == b[first];
}

const char *text_lexicon_legal_typo(const char *s, size_t len, text_lex *lex) {
    if (len != 4)
        return NULL;
    for (size_t i = 0; i < sizeof legal_words / sizeof legal_words[0]; i++) {
        const char *w = legal_words[i].word;
        if (legal_words[i].edge || strlen(w) != len || !one_letter_apart(s, w, len))
            continue;
        lex->kind = LEX_LEGAL;
        lex->legal = legal_words[i].legal;
        return w;
    }
    return NULL;
}

static const slot *near_probe(const char *v, size_t len, const void *user) {
    (void)user;
    if (!filter_may(near_filter, v, len))
        return NULL;
    const near_slot *ns = near_find(v, len);
    return ns->len ? ns->word : NULL;
}

const char *text_lexicon_near(const char *s, size_t len, text_lex *lex) {
    if (len + 1 < NEAR_MIN_LEN || len >= WORD_MAX)
        return NULL;
    pthread_once(&near_once, near_build);
    const slot *hit;
    if (len < NEAR_MIN_LEN) {
        /* Four letters: only a legal-form word with one letter lost ("stok", "join"), never a name's likeness. */
        hit = near_probe(s, len, NULL);
        if (!hit || !(hit->lex.kind & (LEX_LEGAL | LEX_LEGAL_PART)) || hit->len != len + 1)
            return NULL;
    } else {
        hit = near_each(s, len, near_probe, NULL);
    }
    if (!hit)
        return NULL;
    *lex = hit->lex;
    return hit->word;
}
