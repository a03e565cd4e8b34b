/*
 * test_countries.c - country text to ISO codes: every code and table entry,
 * the tricky spellings the real lists write, text that names no country,
 * fields listing several countries, and the coverage of the country columns
 * of the real list files (at least 99% of occurrences must resolve).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/country_table.h"
#include "sources/csv.h"

/* ---- the table itself ---- */

static void test_every_code_resolves_to_itself(void **state) {
    (void)state;
    assert_int_equal(country_row_count, 250); /* 249 ISO 3166-1 codes and XK */
    for (size_t r = 0; r < country_row_count; r++) {
        const country_row *row = &country_rows[r];
        assert_int_equal(strlen(row->alpha2), 2);
        assert_int_equal(strlen(row->alpha3), 3);
        if (r > 0) assert_true(strcmp(country_rows[r - 1].alpha2, row->alpha2) < 0);
        assert_string_equal(embargo_country_code(row->alpha2), row->alpha2);
        assert_string_equal(embargo_country_code(row->alpha3), row->alpha2);
        assert_string_equal(embargo_country_code(row->name), row->alpha2);
        assert_string_equal(embargo_country_name(row->alpha2), row->name);
    }
}

/* Every variant of a row leads back to that row, so no spelling is claimed twice. */
static void test_every_variant_resolves_to_its_row(void **state) {
    (void)state;
    size_t variants = 0;
    for (size_t r = 0; r < country_row_count; r++) {
        const char *v = country_rows[r].variants;
        while (v && *v) {
            const char *bar = strchr(v, '|');
            size_t len = bar ? (size_t)(bar - v) : strlen(v);
            char text[160];
            assert_true(len > 0 && len < sizeof text);
            memcpy(text, v, len);
            text[len] = '\0';
            const char *code = embargo_country_code(text);
            if (!code || strcmp(code, country_rows[r].alpha2) != 0)
                print_message("variant '%s' of %s gives %s\n", text, country_rows[r].alpha2,
                              code ? code : "NULL");
            assert_non_null(code);
            assert_string_equal(code, country_rows[r].alpha2);
            variants++;
            v = bar ? bar + 1 : v + len;
        }
    }
    assert_true(variants > 700);
}

/* True when some white-space-separated word of TEXT passes embargo_country_word. */
static bool some_word_may_name(const char *text) {
    for (const char *w = text; *w;) {
        size_t n = strcspn(w, " \t\n\r");
        if (n && embargo_country_word(w, n)) return true;
        w += n + (w[n] != '\0');
    }
    return false;
}

/*
 * embargo_country_word is a filter before embargo_country_code: every text
 * naming a country has a word it passes (names, variants, the tricky and
 * inverted spellings), and the words of running text it stops name none.
 */
static void test_country_word_filter(void **state) {
    (void)state;
    static const char *const named[] = {
        "Korea, North", "The Gambia", "Bosnia & Herzegovina", "Côte d'Ivoire", "Cote D'Ivoire", "U.S.A.",
        "Former USSR Currently Ukraine", "Azerbaijan (former USSR)", "possibly Palestinian", "Russia / Russie",
        "TÜRKİYE", "São Tomé and Príncipe", "Bahamas, The", "Iraq (previous address)", "DPRK", "Saint-Martin",
    };
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        assert_non_null(embargo_country_code(named[i]));
        if (!some_word_may_name(named[i])) print_message("no word of '%s' passes\n", named[i]);
        assert_true(some_word_may_name(named[i]));
    }
    for (size_t r = 0; r < country_row_count; r++) {
        assert_true(some_word_may_name(country_rows[r].name));
        assert_true(some_word_may_name(country_rows[r].alpha2));
        assert_true(some_word_may_name(country_rows[r].alpha3));
        for (const char *v = country_rows[r].variants; v && *v;) {
            const char *bar = strchr(v, '|');
            size_t len = bar ? (size_t)(bar - v) : strlen(v);
            char text[160];
            memcpy(text, v, len);
            text[len] = '\0';
            if (!some_word_may_name(text)) print_message("no word of variant '%s' passes\n", text);
            assert_true(some_word_may_name(text));
            v = bar ? bar + 1 : v + len;
        }
    }
    static const char *const words[] = {"Vladimir", "Putin", "Smith", "Москва", "Gazprombank", "Tuesday",
                                        "\xff\xfe", "Russ\xc3", "Kim-Jong"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        assert_null(embargo_country_code(words[i]));
        if (embargo_country_word(words[i], strlen(words[i]))) print_message("'%s' passes\n", words[i]);
        assert_false(embargo_country_word(words[i], strlen(words[i])));
    }
    assert_true(embargo_country_word("Russia", 6));
    assert_false(embargo_country_word("Russia", 4)); /* "russ": LEN bytes, not the string */
    assert_true(embargo_country_word("&", 1));         /* "and", as in "Trinidad & Tobago" */
}

/* ---- spellings from the real lists ---- */

typedef struct {
    const char *text;
    const char *code;
} spelling;

static const spelling tricky[] = {
    /* OFAC add.csv country column and remarks */
    {"Korea, North", "KP"}, {"Korea, South", "KR"}, {"Burma", "MM"},
    {"Congo, Democratic Republic of the", "CD"}, {"Congo, Republic of the", "CG"},
    {"Virgin Islands, British", "VG"}, {"Bahamas, The", "BS"}, {"The Gambia", "GM"},
    {"Cote d Ivoire", "CI"}, {"Region: Crimea", "UA"}, {"Region: Gaza", "PS"},
    {"Region: Northern Mali", "ML"}, {"West Bank", "PS"}, {"Palestinian", "PS"},
    {"possibly Palestinian", "PS"}, {"North Macedonia, The Republic of", "MK"},
    {"Macau", "MO"}, {"Hong Kong", "HK"}, {"Kosovo", "XK"}, {"Czech Republic", "CZ"},
    {"Cabo Verde", "CV"}, {"Turkey", "TR"}, {"Brunei", "BN"}, {"Laos", "LA"},
    /* UN NATIONALITY and COUNTRY */
    {"Democratic People's Republic of Korea", "KP"}, {"Democratic People’s Republic of Korea", "KP"},
    {"Iran (Islamic Republic of)", "IR"}, {"IRAN (ISLAMIC REPUBLIC OF)", "IR"},
    {"Syrian Arab Republic", "SY"}, {"Russian Federation", "RU"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"United Republic of Tanzania", "TZ"}, {"State of Palestine", "PS"}, {"Türkiye", "TR"},
    {"Democratic Republic of the Congo", "CD"}, {"Guinea-Bissau", "GW"}, {"Congo", "CG"},
    /* UK ConList */
    {"Congo (Democratic Republic)", "CD"}, {"Occupied Palestinian Territories", "PS"},
    {"Iraq (previous address)", "IQ"}, {"Former USSR Currently Ukraine", "UA"},
    {"former USSR Currently Russia", "RU"}, {"Former USSR, now Kyrgyzstan", "KG"},
    {"Ukrainian SSR now Ukraine", "UA"}, {"Russia (now Belarus)", "BY"},
    {"Azerbaijan (former USSR)", "AZ"}, {"Russia (USSR)", "RU"}, {"Russia. Former USSR", "RU"},
    {"Kazakh Soviet Socialist Republic (now Kazakhstan)", "KZ"}, {"Yakut Autonomous SSR", "RU"},
    {"Moldovian SSR (now Republic of Moldovia)", "MD"}, {"Repubic of Moldova", "MD"},
    {"Russian Soviet Federative Socialist Republic (RSFSR)", "RU"},
    {"Former German Democratic Republic", "DE"}, {"Gaza", "PS"}, {"Crimea", "UA"}, {"UK", "GB"},
    /* Canada (bilingual), with combining accents and no-break spaces */
    {"Russia / Russie", "RU"}, {"Belarus / Bélarus", "BY"}, {"Belarus / Be\xcc\x81larus", "BY"},
    {"Myanmar (Burma) / Myanmar (Birmanie)", "MM"}, {"South Sudan / Soudan du sud", "SS"},
    {"Haiti / Haïti", "HT"}, {"Venezuela ", "VE"}, {"Syria\xc2\xa0/\xc2\xa0Syrie", "SY"},
    {"Coree du Nord", "KP"}, {"Corée du Nord", "KP"},
    /* AU citizenship, EU OJ and FSF nationality, CSL */
    {"KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "KP"}, {"TANZANIA, UNITED REPUBLIC OF", "TZ"},
    {"PALESTINIAN TERRITORY, Occupied", "PS"}, {"CONGO, Democratic Republic of (was Zaire)", "CD"},
    {"Macedonia, The Former Yugoslav Republic of", "MK"}, {"Russian SFSR, (now Russian Federation)", "RU"},
    {"Russian Federation (as at November 2010)", "RU"}, {"Indonesian (as at Dec. 2003)", "ID"},
    {"China, Hong Kong Special Administrative Region", "HK"}, {"St. Kitts & Nevis", "KN"},
    {"Bosnia-Herzegovina", "BA"}, {"BOSNIA AND HERZEGOWINA", "BA"}, {"Uzbekhistan", "UZ"},
    {"Sundan", "SD"}, {"Belrus", "BY"}, {"Ukranian", "UA"}, {"Türkiyish", "TR"}, {"DPRK.", "KP"},
    {"Korea, Democratic People's Republic of (North Korea)", "KP"},
    /* adjectives of nationality */
    {"Russian", "RU"}, {"Iranian", "IR"}, {"North Korean", "KP"}, {"Syrian", "SY"},
    {"Iraqi", "IQ"}, {"Afghan", "AF"}, {"Pakistani", "PK"}, {"Chinese", "CN"},
    {"Belarusian", "BY"}, {"Ukrainian", "UA"}, {"Venezuelan", "VE"}, {"Cuban", "CU"},
    {"Lebanese", "LB"}, {"Yemeni", "YE"}, {"Sudanese", "SD"}, {"South Sudanese", "SS"},
    {"Somali", "SO"}, {"Libyan", "LY"}, {"Saudi", "SA"}, {"Saudi Arabian", "SA"},
    {"Emirati", "AE"}, {"Turkish", "TR"}, {"British", "GB"}, {"American", "US"},
    {"German", "DE"}, {"French", "FR"}, {"Filipino", "PH"}, {"Nigerien", "NE"}, {"Nigerian", "NG"},
    /* case, dots and codes */
    {"U.S.A.", "US"}, {"U.S.", "US"}, {"us", "US"}, {"USA", "US"}, {"NA", "NA"}, {"kp", "KP"},
    {"  russia / Russie ", "RU"}, {"UNITED STATES", "US"}, {"XKX", "XK"},
};

static void test_tricky_spellings(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
        const char *code = embargo_country_code(tricky[i].text);
        if (!code || strcmp(code, tricky[i].code) != 0)
            print_message("'%s' gives %s, want %s\n", tricky[i].text, code ? code : "NULL",
                          tricky[i].code);
        assert_non_null(code);
        assert_string_equal(code, tricky[i].code);
    }
}

static void test_no_country(void **state) {
    (void)state;
    static const char *const none[] = {
        "", "   ", "-0-", "-0- ", "Kurdistan", "Europe", "unknown", "undetermined", "na",
        "N/A", "N.A.", "no", "None Identified", "USSR", "former Soviet Union", "Soviet Union",
        "Yugoslavia", "Korea", "Congolese", "Dominican", "Atlantis", "Region: Kafia Kingi",
        "Hamas Terrorist Attacks / Attaques terroristes du Hamas",
        "Extremist Settler Violence / Violence extrémiste des colons",
        "Turkish/Jordanian", "Malian / Mauritanian", "(1) Russia (2) Ukraine",
        "RUSSIAN FEDERATION, CYPRUS", "Russian and Ukrainian", "Ukrainian and/or Russian",
        "\xff\xfe\xfd", "Russ\xc3", "(((((((((((", "/ / / /", ", , ,",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        const char *code = embargo_country_code(none[i]);
        if (code) print_message("'%s' gives %s, want NULL\n", none[i], code);
        assert_null(code);
    }
    assert_null(embargo_country_code(NULL));
    assert_null(embargo_country_name(NULL));
    assert_null(embargo_country_name("ZZ"));
    char long_text[4096];
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_null(embargo_country_code(long_text));
    memcpy(long_text, "Russia ", 7);
    assert_null(embargo_country_code(long_text));
}

/* ---- fields listing several countries ---- */

typedef struct {
    const char *text;
    const char *codes;   /* space-separated, in order */
} listing;

static const listing lists[] = {
    {"Russia", "RU"},
    {"Russia / Russie", "RU"},
    {"Korea, North", "KP"},
    {"(1) Russia (2) Ukraine", "RU UA"},
    {"(1) Afghanistan (2) Afghanistan (3) Pakistan", "AF PK"},
    {"(1) to (6) Algeria (7) Morocco", "DZ MA"},
    {"(1-3) Libya (4) Morocco", "LY MA"},
    {"(1) Uganda (2) Uganda (3)Uganda", "UG"},
    {"(1) Central African Republic. (2) South Sudan", "CF SS"},
    {"(1) Belgium (2) Congo (Democratic Republic)", "BE CD"},
    {"a) Malaysia b) Indonesia", "MY ID"},
    {"a) Russian  b) USSR (until 1991)", "RU"},
    {"a) South Sudan; b) Uganda", "SS UG"},
    {"Russian and Ukrainian", "RU UA"},
    {"Moldovan, Russian and Ukrainian", "MD RU UA"},
    {"Ukrainian and/or Russian", "UA RU"},
    {"Malian / Mauritanian", "ML MR"},
    {"Somalia; Kenya", "SO KE"},
    {"RUSSIAN FEDERATION, MOLDOVA, REPUBLIC OF", "RU MD"},
    {"MOLDOVA, REPUBLIC OF, ROMANIA", "MD RO"},
    {"CENTRAL AFRICAN REPUBLIC, CHAD, CONGO, People's Republic of", "CF TD CG"},
    {"PALESTINIAN TERRITORY, Occupied, ALGERIA", "PS DZ"},
    {"TRINIDAD AND TOBAGO, UNITED STATES", "TT US"},
    {"Australia and Egypt", "AU EG"},
    {"Ukrainian, Russian (the Union does not recognise passports issued by the Russian "
     "Federation in Crimea)", "UA RU"},
    {"Kuwaiti citizenship withdrawn in 2002", ""},
    {"Hamas Terrorist Attacks / Attaques terroristes du Hamas", ""},
    {"", ""},
};

static void test_country_lists(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        const char *codes[8];
        size_t n = embargo_country_codes(lists[i].text, codes, 8);
        char got[64] = "";
        for (size_t k = 0; k < n; k++) {
            if (k) strcat(got, " ");
            strcat(got, codes[k]);
        }
        if (strcmp(got, lists[i].codes) != 0)
            print_message("'%s' gives '%s', want '%s'\n", lists[i].text, got, lists[i].codes);
        assert_string_equal(got, lists[i].codes);
    }
    const char *one[1];
    assert_int_equal(embargo_country_codes("(1) Russia (2) Ukraine", one, 1), 1);
    assert_string_equal(one[0], "RU");
    assert_int_equal(embargo_country_codes(NULL, one, 1), 0);
    assert_int_equal(embargo_country_codes("Russia", one, 0), 0);
}

/* ---- coverage of the real files ---- */

/* Occurrences of a column's values and those that resolve; prints the misses once each. */
typedef struct {
    const char *what;
    bool several;        /* the field may list several countries */
    long total, resolved;
    char *missed[64];
    size_t n_missed;
} coverage;

static void coverage_add(coverage *c, const char *text) {
    while (*text == ' ') text++;
    if (!*text || strcmp(text, "-0- ") == 0 || strcmp(text, "-0-") == 0) return;
    c->total++;
    const char *codes[8];
    bool ok = c->several ? embargo_country_codes(text, codes, 8) > 0
                         : embargo_country_code(text) != NULL;
    if (ok) {
        c->resolved++;
        return;
    }
    for (size_t i = 0; i < c->n_missed; i++)
        if (strcmp(c->missed[i], text) == 0) return;
    if (c->n_missed < sizeof c->missed / sizeof *c->missed) c->missed[c->n_missed++] = strdup(text);
}

static void coverage_check(coverage *c) {
    double share = c->total ? 100.0 * (double)c->resolved / (double)c->total : 0;
    print_message("%s: %ld of %ld occurrences resolve (%.2f%%)\n", c->what, c->resolved,
                  c->total, share);
    for (size_t i = 0; i < c->n_missed; i++) {
        print_message("  unresolved: '%s'\n", c->missed[i]);
        free(c->missed[i]);
    }
    assert_true(c->total > 0);
    assert_true(c->resolved * 100 >= c->total * 99);
}

/* Feeds column COLUMN (or the column named NAME in the header on line HEADER) of a CSV. */
static void coverage_csv(coverage *c, const char *file, long header, const char *name,
                         long column) {
    FILE *f = fopen(real_list(file), "rb");
    assert_non_null(f);
    csv_reader r;
    csv_init(&r, f, ',');
    csv_result res;
    for (long record = 1; (res = csv_next(&r)) == CSV_RECORD; record++) {
        if (record == header) column = csv_find(&r, name);
        if (record <= header) continue;
        assert_true(column >= 0);
        coverage_add(c, csv_field(&r, (size_t)column));
    }
    assert_int_equal(res, CSV_END);
    csv_free(&r);
    fclose(f);
}

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* Feeds every <VALUE> inside the <ELEMENT> elements of an XML file (a plain text scan). */
static void coverage_xml_values(coverage *c, const char *file, const char *element) {
    char *xml = read_all(real_list(file));
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", element);
    snprintf(close, sizeof close, "</%s>", element);
    for (char *p = strstr(xml, open); p; p = strstr(p, open)) {
        char *end = strstr(p, close);
        assert_non_null(end);
        *end = '\0';
        for (char *v = strstr(p, "<VALUE>"); v; v = strstr(v, "<VALUE>")) {
            v += strlen("<VALUE>");
            char *stop = strstr(v, "</VALUE>");
            assert_non_null(stop);
            *stop = '\0';
            coverage_add(c, v);
            v = stop + 1;
        }
        p = end + 1;
    }
    free(xml);
}

static void test_real_ofac_address_countries(void **state) {
    (void)state;
    skip_without_lists();
    coverage c = {.what = "ofac_sdn/add.csv country (field 5)"};
    coverage_csv(&c, "ofac_sdn/add.csv", 0, NULL, 4);
    coverage_check(&c);
    coverage d = {.what = "ofac_cons/cons_add.csv country (field 5)"};
    coverage_csv(&d, "ofac_cons/cons_add.csv", 0, NULL, 4);
    coverage_check(&d);
}

static void test_real_un_nationalities(void **state) {
    (void)state;
    skip_without_lists();
    coverage c = {.what = "un/UN_consolidated.xml NATIONALITY/VALUE"};
    coverage_xml_values(&c, "un/UN_consolidated.xml", "NATIONALITY");
    coverage_check(&c);
}

static void test_real_uk_countries(void **state) {
    (void)state;
    skip_without_lists();
    static const char *const columns[] = {"Nationality", "Country of Birth", "Country"};
    for (size_t i = 0; i < sizeof columns / sizeof *columns; i++) {
        char what[96];
        snprintf(what, sizeof what, "uk_ofsi/ConList.from_xlsx.csv %s", columns[i]);
        coverage c = {.what = what, .several = true};
        coverage_csv(&c, "uk_ofsi/ConList.from_xlsx.csv", 2, columns[i], -1);
        coverage_check(&c);
    }
}

static void test_real_csl_nationalities(void **state) {
    (void)state;
    skip_without_lists();
    coverage c = {.what = "us_csl/consolidated.csv nationalities", .several = true};
    coverage_csv(&c, "us_csl/consolidated.csv", 1, "nationalities", -1);
    coverage_check(&c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_resolves_to_itself),
        cmocka_unit_test(test_every_variant_resolves_to_its_row),
        cmocka_unit_test(test_tricky_spellings),
        cmocka_unit_test(test_no_country),
        cmocka_unit_test(test_country_word_filter),
        cmocka_unit_test(test_country_lists),
        cmocka_unit_test(test_real_ofac_address_countries),
        cmocka_unit_test(test_real_un_nationalities),
        cmocka_unit_test(test_real_uk_countries),
        cmocka_unit_test(test_real_csl_nationalities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
