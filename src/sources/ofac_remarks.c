/*
 * ofac_remarks.c - the OFAC Remarks parser (see ofac_remarks.h).
 *
 * Design: the text is copied once into a scratch buffer and cut in place
 * into statements. A statement ends at a ";" outside parentheses and outside
 * the quotes of an alias ("a.k.a. 'A; B'"); when a quote or parenthesis never
 * closes, the plain next ";" ends it instead, so one stray apostrophe
 * ("Workers' Party") cannot swallow the rest. Each statement loses a leading
 * "alt. " and a final "." (unless the "." ends an abbreviation such as
 * "S.A." or "C.V."), then its longest matching label in remark_labels[]
 * picks the handler. A handler returns false when it cannot read the value;
 * the statement is then kept as remarks text, like every unknown statement.
 */
#include "sources/ofac_remarks.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embargo/country.h"
#include "model/date.h"
#include "util/buf.h"

typedef struct remark_label remark_label;

typedef struct {
    draft *d;
    buf kept;                    /* statements kept as text, "; " apart */
    ofac_remarks_stats *stats;
} remark_run;

/* Reads VALUE (mutable, trimmed) for LABEL into the draft; false when it cannot. */
typedef bool (*remark_fn)(remark_run *run, const remark_label *label, char *value);

struct remark_label {
    const char *prefix;          /* the statement's label, matched case-insensitively */
    remark_fn fn;
    int arg;                     /* identifier type or name quality, per handler */
};

/* ---- small text helpers ---------------------------------------------- */

static char *trim(char *s) {
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    return s;
}

/* True when the word ending at END (its final '.' excluded) is an abbreviation. */
static bool abbreviation_before(const char *start, const char *end) {
    static const char *const words[] = {"LTD", "LTDA", "INC", "CORP", "CIA", "BHD", "PVT",
                                        "JR", "SR", "DR", "ST", "NO", "SPA", "SRL", "PTE",
                                        "PLC", "GMBH", "BV", "NV", "SA", "CV", "AG"};
    const char *w = end;
    while (w > start && w[-1] != ' ' && w[-1] != '\'') w--;
    size_t len = (size_t)(end - w);
    if (len == 0) return false;
    if (memchr(w, '.', len)) return true;              /* "S.A", "C.V" */
    if (len <= 2 && isalpha((unsigned char)*w) && isupper((unsigned char)*w)) return true;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == len && strncasecmp(w, words[i], len) == 0) return true;
    return false;
}

/* Drops the statement's closing '.', unless it ends an abbreviation. */
static void drop_final_period(char *s) {
    size_t n = strlen(s);
    if (n == 0 || s[n - 1] != '.') return;
    if (n >= 2 && s[n - 2] == '.') return;             /* "..." or "S.A.." kept as written */
    if (!abbreviation_before(s, s + n - 1)) s[n - 1] = '\0';
}

/* ---- handlers ---------------------------------------------------------- */

static bool on_date(remark_run *run, const remark_label *label, char *value) {
    (void)label;
    embargo_date date;
    if (!date_parse(value, DATE_DAY_FIRST, &date)) return false;
    draft_add_birth(run->d, &date);
    return true;
}

static bool on_birth_place(remark_run *run, const remark_label *label, char *value) {
    (void)label;
    draft_add_birth_place(run->d, value);
    return true;
}

static bool on_nationality(remark_run *run, const remark_label *label, char *value) {
    (void)label;
    draft_add_nationality(run->d, value);
    return true;
}

static bool on_citizen(remark_run *run, const remark_label *label, char *value) {
    (void)label;
    draft_add_citizenship(run->d, value);
    return true;
}

static bool on_country(remark_run *run, const remark_label *label, char *value) {
    (void)label;
    draft_add_country(run->d, value);
    return true;
}

static bool on_gender(remark_run *run, const remark_label *label, char *value) {
    (void)label;
    if (strcasecmp(value, "Male") == 0) draft_set_gender(run->d, EMBARGO_GENDER_MALE);
    else if (strcasecmp(value, "Female") == 0) draft_set_gender(run->d, EMBARGO_GENDER_FEMALE);
    else return false;
    return true;
}

/* Words that start an identifier's note when no parenthesis comes first. */
static char *note_start(char *text) {
    static const char *const words[] = {" issued", " expires", " Issue Date", " Expire Date"};
    char *best = NULL;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char *p = strstr(text, words[i]);
        if (!p && strncmp(text, words[i] + 1, strlen(words[i] + 1)) == 0) p = text;
        if (p && (!best || p < best)) best = p;
    }
    return best;
}

void ofac_remarks_split_id(char *text, char **number, char **country, char **note) {
    *number = *country = *note = NULL;
    text = trim(text);
    char *open = strchr(text, '(');
    char *close = open ? strchr(open, ')') : NULL;
    char *end = NULL;                    /* where the number ends */
    if (open && close) {
        *close = '\0';
        bool is_country = embargo_country_code(trim(open + 1)) != NULL;
        *close = ')';
        end = open;
        while (end > text && end[-1] == ' ') end--;
        if (is_country) {
            *close = '\0';
            *country = trim(open + 1);
            *note = trim(close + 1);
        } else if (end < open) {
            *note = open;                /* "(issued ...)" kept whole; a space ends the number */
        } else {
            *close = '\0';              /* "123(x)": no room to keep the parentheses */
            *note = open + 1;
        }
    } else {
        end = note_start(text);
        if (end) {
            *note = trim(end == text ? end : end + 1);
        } else if (open) {
            end = open;
            while (end > text && end[-1] == ' ') end--;
            *note = end < open ? open : open + 1;
        }
    }
    if (end == text) return;             /* a note, no number: "issued in Ulm" */
    if (end) *end = '\0';
    char *num = trim(text);
    *number = *num ? num : NULL;
    if (*note && !**note) *note = NULL;
}

/* True when an identifier of TYPE always holds a digit (passports, ids, IMO). */
static bool id_needs_digit(embargo_id_type type) {
    return type == EMBARGO_ID_PASSPORT || type == EMBARGO_ID_NATIONAL || type == EMBARGO_ID_TAX ||
           type == EMBARGO_ID_IMO || type == EMBARGO_ID_MMSI || type == EMBARGO_ID_REGISTRATION;
}

static bool on_identifier(remark_run *run, const remark_label *label, char *value) {
    char *number, *country, *note;
    ofac_remarks_split_id(value, &number, &country, &note);
    /* "Passport issued in Sarajevo" tells of a passport but gives no number. */
    if (!number || (id_needs_digit((embargo_id_type)label->arg) && !strpbrk(number, "0123456789")))
        return false;
    draft_add_identifier(run->d, (embargo_id_type)label->arg, number, label->prefix, country, note);
    return true;
}

/* "XBT 1A2b..." after "Digital Currency Address - ": the currency, then the address. */
static bool on_crypto(remark_run *run, const remark_label *label, char *value) {
    char *space = strchr(value, ' ');
    if (!space) return false;
    *space = '\0';
    char *address = trim(space + 1);
    if (!*address || strchr(address, ' ')) return false;
    buf tag;
    buf_init(&tag);
    buf_printf(&tag, "%s %s", label->prefix, value);
    draft_add_identifier(run->d, EMBARGO_ID_CRYPTO, address, buf_str(&tag), NULL, NULL);
    buf_free(&tag);
    return true;
}

static bool on_link(remark_run *run, const remark_label *label, char *value) {
    (void)label;
    draft_add_link(run->d, "linked to", value);
    return true;
}

/* A quoted alias: "'KOMID'" (OFAC's weak a.k.a.), parts split for persons. */
static bool on_alias(remark_run *run, const remark_label *label, char *value) {
    size_t n = strlen(value);
    while (n >= 2 && value[0] == '\'' && value[n - 1] == '\'') {
        value[n - 1] = '\0';
        value++;
        n -= 2;
    }
    value = trim(value);
    if (!*value) return false;
    char *comma = strchr(value, ',');
    embargo_name_quality quality = (embargo_name_quality)label->arg;
    if (comma && draft_kind(run->d) == EMBARGO_KIND_PERSON) {
        char *full = strdup(value);
        *comma = '\0';
        draft_add_name_parts(run->d, full ? full : value, trim(comma + 1), trim(value),
                             NULL, quality, false, NULL);
        free(full);
    } else {
        draft_add_name(run->d, value, quality);
    }
    return true;
}

/* ---- the label table ------------------------------------------------- */

#define ID(prefix, type) {prefix, on_identifier, type}

static const remark_label remark_labels[] = {
    {"DOB", on_date, 0},
    {"Aircraft Manufacture Date", on_date, 0},
    {"Vessel Year of Build", on_date, 0},
    {"Organization Established Date", on_date, 0},
    {"POB", on_birth_place, 0},
    {"nationality", on_nationality, 0},
    {"Nationality of Registration", on_country, 0},
    {"citizen", on_citizen, 0},
    {"Gender", on_gender, 0},
    {"a.k.a.", on_alias, EMBARGO_NAME_WEAK},
    {"f.k.a.", on_alias, EMBARGO_NAME_FORMER},
    {"n.k.a.", on_alias, EMBARGO_NAME_WEAK},
    {"Linked To", on_link, 0},
    {"Digital Currency Address -", on_crypto, 0},
    ID("Passport", EMBARGO_ID_PASSPORT),
    ID("Passport No.", EMBARGO_ID_PASSPORT),
    ID("Diplomatic Passport", EMBARGO_ID_PASSPORT),
    ID("U.S.A. Passport", EMBARGO_ID_PASSPORT),
    ID("British National Overseas Passport", EMBARGO_ID_PASSPORT),
    ID("Stateless Person Passport", EMBARGO_ID_PASSPORT),
    ID("National ID No.", EMBARGO_ID_NATIONAL),
    ID("Cedula No.", EMBARGO_ID_NATIONAL),
    ID("D.N.I.", EMBARGO_ID_NATIONAL),
    ID("C.U.R.P.", EMBARGO_ID_NATIONAL),
    ID("SSN", EMBARGO_ID_NATIONAL),
    ID("National Foreign ID Number", EMBARGO_ID_NATIONAL),
    ID("Personal ID Card", EMBARGO_ID_NATIONAL),
    ID("Residency Number", EMBARGO_ID_NATIONAL),
    ID("Identification Number", EMBARGO_ID_OTHER),
    ID("Tax ID No.", EMBARGO_ID_TAX),
    ID("NIT #", EMBARGO_ID_TAX),
    ID("RUC #", EMBARGO_ID_TAX),
    ID("R.F.C.", EMBARGO_ID_TAX),
    ID("V.A.T. Number", EMBARGO_ID_TAX),
    ID("Registration ID", EMBARGO_ID_REGISTRATION),
    ID("Registration Number", EMBARGO_ID_REGISTRATION),
    ID("Business Registration Number", EMBARGO_ID_REGISTRATION),
    ID("Business Registration Document #", EMBARGO_ID_REGISTRATION),
    ID("Commercial Registry Number", EMBARGO_ID_REGISTRATION),
    ID("Company Number", EMBARGO_ID_REGISTRATION),
    ID("C.R. No.", EMBARGO_ID_REGISTRATION),
    ID("Folio Mercantil No.", EMBARGO_ID_REGISTRATION),
    ID("Matricula Mercantil No", EMBARGO_ID_REGISTRATION),
    ID("Unified Social Credit Code", EMBARGO_ID_REGISTRATION),
    ID("Economic Register Number", EMBARGO_ID_REGISTRATION),
    ID("Public Registration Number", EMBARGO_ID_REGISTRATION),
    ID("Chamber of Commerce Number", EMBARGO_ID_REGISTRATION),
    ID("Trade License No.", EMBARGO_ID_REGISTRATION),
    ID("Legal Entity Number", EMBARGO_ID_OTHER),
    ID("Government Gazette Number", EMBARGO_ID_OTHER),
    ID("D-U-N-S Number", EMBARGO_ID_OTHER),
    ID("Equity Ticker", EMBARGO_ID_OTHER),
    ID("ISIN", EMBARGO_ID_OTHER),
    ID("BIK", EMBARGO_ID_OTHER),
    ID("SWIFT/BIC", EMBARGO_ID_BIC),
    ID("Email Address", EMBARGO_ID_EMAIL),
    ID("Website", EMBARGO_ID_WEBSITE),
    ID("Vessel Registration Identification", EMBARGO_ID_OTHER),
    ID("Vessel Registration Identification IMO", EMBARGO_ID_IMO),
    ID("Identification Number IMO", EMBARGO_ID_IMO),
    ID("Company Number IMO", EMBARGO_ID_IMO),
    ID("MMSI", EMBARGO_ID_MMSI),
    ID("Aircraft Manufacturer's Serial Number (MSN)", EMBARGO_ID_AIRCRAFT),
    ID("Aircraft Manufacturer's Serial Number", EMBARGO_ID_AIRCRAFT),
    ID("Aircraft Tail Number", EMBARGO_ID_AIRCRAFT),
    ID("Aircraft Construction Number (also called L/N or S/N or F/N)", EMBARGO_ID_AIRCRAFT),
    ID("Aircraft Construction Number", EMBARGO_ID_AIRCRAFT),
};

/* The longest label STATEMENT starts with (at a word end), or NULL; *VALUE gets the rest. */
static const remark_label *remark_find(char *statement, char **value) {
    const remark_label *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < sizeof remark_labels / sizeof *remark_labels; i++) {
        const char *p = remark_labels[i].prefix;
        size_t n = strlen(p);
        if (n <= best_len || strncasecmp(statement, p, n) != 0) continue;
        char next = statement[n];
        bool word_end = next == '\0' || next == ' ' || next == ':' ||
                        !isalnum((unsigned char)p[n - 1]);
        if (!word_end) continue;
        best = &remark_labels[i];
        best_len = n;
    }
    if (best) {
        char *v = statement + best_len;
        while (*v == ' ' || *v == ':') v++;
        *value = v;
    }
    return best;
}

/* ---- statements -------------------------------------------------------- */

static bool alias_start(const char *s, size_t n) {
    return n >= 6 && (s[0] == 'a' || s[0] == 'f' || s[0] == 'n') && strncmp(s + 1, ".k.a.", 5) == 0;
}

/* True when the quote at S[I] closes an alias: punctuation, a space or the end follows. */
static bool quote_closes(const char *s, size_t i, size_t n) {
    return i + 1 == n || strchr(";., )", s[i + 1]) != NULL;
}

/*
 * Length of the statement at S (N bytes): up to the next ';' outside
 * parentheses and alias quotes, or the plain next ';' when those never close.
 */
static size_t statement_len(const char *s, size_t n) {
    bool alias = alias_start(s, n), quoted = false;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (quoted) {
            if (c == '\'' && quote_closes(s, i, n)) quoted = false;
        } else if (c == '\'' && alias && (i == 0 || s[i - 1] == ' ')) {
            quoted = true;
        } else if (c == '(') {
            depth++;
        } else if (c == ')' && depth > 0) {
            depth--;
        } else if (c == ';' && depth == 0) {
            return i;
        }
    }
    if (!quoted && depth == 0) return n;
    const char *semi = memchr(s, ';', n);
    return semi ? (size_t)(semi - s) : n;
}

static void keep_statement(remark_run *run, const char *statement) {
    if (run->kept.len) buf_puts(&run->kept, "; ");
    buf_puts(&run->kept, statement);
    run->stats->kept++;
}

static void remark_statement(remark_run *run, char *statement) {
    statement = trim(statement);
    drop_final_period(statement);
    statement = trim(statement);
    if (!*statement) return;
    run->stats->statements++;
    char *body = statement;
    if (strncasecmp(body, "alt. ", 5) == 0) body = trim(body + 5);
    char *value = NULL;
    const remark_label *label = remark_find(body, &value);
    if (!label) {
        keep_statement(run, statement);
        return;
    }
    /* The handler may cut VALUE; keep a copy to fall back on. */
    char *copy = strdup(statement);
    if (*value && label->fn(run, label, value)) {
        run->stats->structured++;
    } else {
        run->stats->unreadable++;
        keep_statement(run, copy ? copy : label->prefix);
    }
    free(copy);
}

void ofac_remarks_parse(draft *d, const char *text, size_t len, ofac_remarks_stats *stats) {
    ofac_remarks_stats local = {0};
    remark_run run = {d, {0}, stats ? stats : &local};
    buf_init(&run.kept);
    buf work;
    buf_init(&work);
    buf_append(&work, text ? text : "", text ? len : 0);
    /* NUL bytes would cut statements short; read them as spaces. */
    for (size_t i = 0; i < work.len; i++)
        if (work.data[i] == '\0') work.data[i] = ' ';
    size_t i = 0;
    while (!work.failed && i < work.len) {
        while (i < work.len && isspace((unsigned char)work.data[i])) i++;
        if (i >= work.len) break;
        size_t n = statement_len(work.data + i, work.len - i);
        char *statement = work.data + i;
        bool last = i + n >= work.len;
        statement[n] = '\0';  /* the ';' or the buffer's own NUL */
        remark_statement(&run, statement);
        i += n + (last ? 0 : 1);
    }
    if (run.kept.len) draft_add_remarks(d, buf_str(&run.kept));
    if (work.failed || run.kept.failed) run.stats->failed = true;
    buf_free(&work);
    buf_free(&run.kept);
}
