/*
 * test_csv.c - the delimited-text reader on the quirks the list files have.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "sources/csv.h"

static FILE *text_stream(const char *text) {
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(f);
    return f;
}

static void test_quotes_newlines_crlf(void **state) {
    (void)state;
    FILE *f = text_stream("a,\"b,c\",\"he said \"\"hi\"\"\"\r\n1,\"two\nlines\",3\r\n\x1a");
    csv_reader r;
    csv_init(&r, f, ',');
    assert_int_equal(csv_next(&r), CSV_RECORD);
    assert_int_equal(csv_count(&r), 3);
    assert_string_equal(csv_field(&r, 1), "b,c");
    assert_string_equal(csv_field(&r, 2), "he said \"hi\"");
    assert_int_equal(r.record_line, 1);
    assert_int_equal(csv_next(&r), CSV_RECORD);
    assert_string_equal(csv_field(&r, 1), "two\nlines");
    assert_int_equal(r.record_line, 2);
    assert_int_equal(csv_next(&r), CSV_END);
    csv_free(&r);
    fclose(f);
}

static void test_ofac_trailing_blank_after_quote(void **state) {
    (void)state;
    FILE *f = text_stream("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \r\n");
    csv_reader r;
    csv_init(&r, f, ',');
    assert_int_equal(csv_next(&r), CSV_RECORD);
    assert_int_equal(csv_count(&r), 5);
    assert_string_equal(csv_field(&r, 2), "-0- ");
    assert_string_equal(csv_field(&r, 3), "CUBA");
    csv_free(&r);
    fclose(f);
}

static void test_truncated_quote_is_error(void **state) {
    (void)state;
    FILE *f = text_stream("a,b\n\n1,\"never ends\n");
    csv_reader r;
    csv_init(&r, f, ',');
    assert_int_equal(csv_next(&r), CSV_RECORD);
    assert_int_equal(csv_next(&r), CSV_ERROR);
    assert_int_equal(r.record_line, 3);
    assert_non_null(strstr(r.error, "truncated"));
    csv_free(&r);
    fclose(f);
}

static void test_tabs_and_no_final_newline(void **state) {
    (void)state;
    FILE *f = text_stream("\"Name\"\t\"City\"\n\" I. ASH\"\t\"SEAGOVILLE\"");
    csv_reader r;
    csv_init(&r, f, '\t');
    assert_int_equal(csv_next(&r), CSV_RECORD);
    assert_int_equal(csv_find(&r, "city"), 1);
    assert_int_equal(csv_next(&r), CSV_RECORD);
    assert_string_equal(csv_field(&r, 0), " I. ASH");
    assert_string_equal(csv_field(&r, 5), "");
    assert_int_equal(csv_next(&r), CSV_END);
    csv_free(&r);
    fclose(f);
}

static void test_invalid_utf8_is_found(void **state) {
    (void)state;
    FILE *f = text_stream("ok,bad \xff here\n");
    csv_reader r;
    csv_init(&r, f, ',');
    assert_int_equal(csv_next(&r), CSV_RECORD);
    size_t bad = 0;
    assert_false(csv_valid_utf8(&r, &bad));
    assert_int_equal(bad, 1);
    csv_free(&r);
    fclose(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_newlines_crlf),
        cmocka_unit_test(test_ofac_trailing_blank_after_quote),
        cmocka_unit_test(test_truncated_quote_is_error),
        cmocka_unit_test(test_tabs_and_no_final_newline),
        cmocka_unit_test(test_invalid_utf8_is_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
