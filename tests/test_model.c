/*
 * test_model.c - dates, countries, regimes and drafts: the pieces every
 * loader uses.
 */
#include "support.h"

#include <string.h>

#include "model/date.h"
#include "model/draft.h"
#include "model/regime.h"

static void expect_date(const char *text, date_order order, const char *iso) {
    embargo_date d;
    char out[40];
    if (!iso) {
        assert_false(date_parse(text, order, &d));
        return;
    }
    if (!date_parse(text, order, &d)) fail_msg("could not parse '%s'", text);
    assert_string_equal(embargo_date_format(&d, out, sizeof out), iso);
}

static void test_dates(void **state) {
    (void)state;
    expect_date("08 Jan 1984", DATE_DAY_FIRST, "1984-01-08");
    expect_date("1984-01-08", DATE_DAY_FIRST, "1984-01-08");
    expect_date("1958", DATE_DAY_FIRST, "1958");
    expect_date("Jan 1958", DATE_DAY_FIRST, "1958-01");
    expect_date("circa 1958", DATE_DAY_FIRST, "~1958");
    expect_date("1958 to 1962", DATE_DAY_FIRST, "1958..1962");
    expect_date("1950-1955", DATE_DAY_FIRST, "1950..1955");
    expect_date("between 1950 and 1955", DATE_DAY_FIRST, "1950..1955");
    expect_date("25.2.2022", DATE_DAY_FIRST, "2022-02-25");
    expect_date("00/00/1980", DATE_DAY_FIRST, "1980");
    expect_date("10/16/2017", DATE_MONTH_FIRST, "2017-10-16");
    expect_date("16/10/2017", DATE_DAY_FIRST, "2017-10-16");
    expect_date("31 Feb 1990", DATE_DAY_FIRST, NULL);
    expect_date("not a date", DATE_DAY_FIRST, NULL);
    expect_date("", DATE_DAY_FIRST, NULL);
    expect_date("1958 and 1962 and 1970", DATE_DAY_FIRST, NULL);
}

static void test_countries(void **state) {
    (void)state;
    assert_string_equal(embargo_country_code("Korea, North"), "KP");
    assert_string_equal(embargo_country_code("Democratic People's Republic of Korea"), "KP");
    assert_string_equal(embargo_country_code("DPRK"), "KP");
    assert_string_equal(embargo_country_code("  russia / Russie "), "RU");
    assert_string_equal(embargo_country_code("Russian Federation"), "RU");
    assert_string_equal(embargo_country_code("KP"), "KP");
    assert_null(embargo_country_code("Atlantis"));
    assert_null(embargo_country_code(""));
    assert_string_equal(embargo_country_name("RU"), "Russia");
}

static void test_regimes(void **state) {
    (void)state;
    assert_string_equal(regime_of_program("DPRK3"), "dprk");
    assert_string_equal(regime_of_program("RUSSIA-EO14024"), "russia");
    assert_string_equal(regime_of_program("IRAQ2"), "iraq");
    assert_string_equal(regime_of_program("IRAN"), "iran");
    assert_string_equal(regime_of_program("SDGT"), "terrorism");
    assert_string_equal(regime_of_program("EU-PRK"), "dprk");
    assert_string_equal(regime_of_program("no such program"), "other");
}

static void test_draft_cleans_text(void **state) {
    (void)state;
    draft *d = draft_new();
    assert_non_null(d);
    /* NBSP, narrow NBSP, BOM, soft hyphen, C1 cp1252 quote, repeated spaces */
    assert_string_equal(draft_text(d, "\xEF\xBB\xBF  KIM\xC2\xA0Jong\xE2\x80\xAFUn  "), "KIM Jong Un");
    assert_string_equal(draft_text(d, "O\xC2\x92" "Brien  \t Co"), "O\xE2\x80\x99" "Brien Co");
    assert_string_equal(draft_text(d, "Ber\xC2\xADlin"), "Berlin");
    assert_null(draft_text(d, " \xC2\xA0 "));
    assert_string_equal(draft_text(d, "bad \xff byte"), "bad \xEF\xBF\xBD byte");
    assert_int_equal(draft_bad_utf8(d), 1);
    draft_free(d);
}

static void test_draft_names_and_dedup(void **state) {
    (void)state;
    draft *d = draft_new();
    draft_set_id(d, "20157");
    assert_true(draft_add_name(d, "KOMID", EMBARGO_NAME_STRONG));
    assert_true(draft_add_name(d, "KOREA MINING DEVELOPMENT TRADING CORPORATION", EMBARGO_NAME_PRIMARY));
    assert_false(draft_add_name(d, "KOMID", EMBARGO_NAME_STRONG));
    assert_true(draft_add_name_parts(d, NULL, "Jong Un", "KIM", NULL, EMBARGO_NAME_STRONG, false, NULL));
    const embargo_entity *e = draft_entity(d);
    assert_int_equal(e->n_names, 3);
    assert_string_equal(e->names[0].full, "KOREA MINING DEVELOPMENT TRADING CORPORATION");
    assert_string_equal(e->names[2].full, "Jong Un KIM");
    draft_add_program(d, "DPRK3");
    draft_add_program(d, "DPRK3");
    draft_add_nationality(d, "Korea, North");
    draft_add_nationality(d, "DPRK");
    e = draft_entity(d);
    assert_int_equal(e->n_programs, 1);
    assert_int_equal(e->n_nationalities, 1);
    assert_string_equal(e->nationalities[0].code, "KP");
    draft_reset(d);
    assert_true(draft_is_empty(d));
    draft_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_regimes),
        cmocka_unit_test(test_draft_cleans_text),
        cmocka_unit_test(test_draft_names_and_dedup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
