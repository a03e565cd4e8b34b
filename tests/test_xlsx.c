/*
 * test_xlsx.c - the .xlsx sheet reader and the table reader, on workbooks
 * built here with libzip from hand-written XML: shared strings (with rich
 * text and phonetic runs), inline strings, skipped cells, a date style, a
 * byte order mark, a sheet found through the workbook's relationships; and
 * broken ones: not a zip, truncated, bad XML, invalid UTF-8, bad indexes.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "sources/table.h"
#include "sources/xlsx.h"

typedef struct {
    const char *name;
    const char *xml;
} part;

static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"Other\" sheetId=\"2\" r:id=\"rId8\"/></sheets>"
    "</workbook>";

static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static const char strings[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"999999999\">"
    "<si><t>Name</t></si>"
    "<si><t>Group ID</t></si>"
    "<si><r><t>KIM </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">Jong Un</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
    "<si><t>\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD &amp; co</t></si>"
    "<si/>"
    "</sst>";

static const char styles[] =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"166\" formatCode=\"dd/mm/yyyy;@\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"166\"/><xf numFmtId=\"14\"/></cellXfs>"
    "</styleSheet>";

/* Starts with a UTF-8 byte order mark, as OFSI's sheet1.xml does. */
static const char sheet[] =
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"2\"/>"
    "<row r=\"3\"><c r=\"A3\" s=\"0\"/><c r=\"B3\" t=\"s\"><v>4</v></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>2</v></c><c r=\"C5\"><v>41988</v></c>"
    "<c r=\"D5\" s=\"1\"><v>41988</v></c><c r=\"E5\" s=\"2\" t=\"n\"><v>1</v></c></row>"
    "<row r=\"6\"><c r=\"B6\" t=\"inlineStr\"><is><t>inline </t><r><t>text</t></r></is></c>"
    "<c t=\"s\"><v>3</v></c><c r=\"AA6\" t=\"str\"><f>A1</f><v>formula</v></c></row>"
    "</sheetData></worksheet>";

static const part good_parts[] = {
    {"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels},
    {"xl/strings.xml", strings},   {"xl/styles.xml", styles},
    {"xl/worksheets/data.xml", sheet},
    {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>WRONG SHEET</t></is></c></row></sheetData></worksheet>"},
};

/* Writes an .xlsx of the N PARTS to a temporary file NAME; returns its path (static). */
static const char *build_xlsx(const char *name, const part *parts, size_t n) {
    const char *path = temp_file(name, "", 0);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(z, parts[i].xml, strlen(parts[i].xml), 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i].name, src, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

/* The whole file at PATH, malloc'd; *LEN gets its size. */
static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

static void test_reads_cells(void **state) {
    (void)state;
    char *error = NULL;
    xlsx_reader *r = xlsx_open(build_xlsx("good.xlsx", good_parts, 6), XLSX_FULL, &error);
    assert_non_null(r);
    assert_null(error);
    assert_int_equal(xlsx_next(r), XLSX_RECORD);
    assert_int_equal(xlsx_record_line(r), 1);
    assert_int_equal(xlsx_count(r), 3);
    assert_string_equal(xlsx_field(r, 0), "Name");
    assert_string_equal(xlsx_field(r, 1), "");     /* skipped cell */
    assert_string_equal(xlsx_field(r, 2), "Group ID");
    assert_string_equal(xlsx_field(r, 99), "");
    /* row 2 is empty and row 3 holds only an empty string: both passed over */
    assert_int_equal(xlsx_next(r), XLSX_RECORD);
    assert_int_equal(xlsx_record_line(r), 5);
    assert_string_equal(xlsx_field(r, 0), "KIM Jong Un"); /* rich text joined, phonetics left out */
    assert_string_equal(xlsx_field(r, 2), "41988");       /* a plain number */
    assert_string_equal(xlsx_field(r, 3), "2014-12-15");  /* a number in a custom date style */
    assert_string_equal(xlsx_field(r, 4), "1900-01-01");  /* built-in date format 14 */
    assert_int_equal(xlsx_next(r), XLSX_RECORD);
    assert_int_equal(xlsx_record_line(r), 6);
    assert_string_equal(xlsx_field(r, 1), "inline text");
    assert_string_equal(xlsx_field(r, 2), "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD & co"); /* no r=: next column */
    assert_string_equal(xlsx_field(r, 26), "formula");
    assert_int_equal(xlsx_count(r), 27);
    assert_int_equal(xlsx_next(r), XLSX_END);
    assert_int_equal(xlsx_next(r), XLSX_END);
    xlsx_close(r);
}

static void test_table_reads_both(void **state) {
    (void)state;
    char *error = NULL;
    table_reader *t = table_open(build_xlsx("table.xlsx", good_parts, 6), TABLE_FULL, &error);
    assert_non_null(t);
    assert_true(table_is_xlsx(t));
    assert_int_equal(table_next(t), TABLE_RECORD);
    assert_int_equal(table_find(t, "group id"), 2);
    table_close(t);
    static const char text[] = "\xEF\xBB\xBFName,,Group ID \r\nKIM,,1\r\n";
    const char *csv = temp_file("table.csv", text, sizeof text - 1);
    t = table_open(csv, TABLE_FULL, &error);
    assert_non_null(t);
    assert_false(table_is_xlsx(t));
    assert_int_equal(table_next(t), TABLE_RECORD);
    assert_true(table_field_is(t, 0, "name"));
    long cols[2];
    static const char *const names[] = {"Group ID", "Missing"};
    assert_int_equal(table_map(t, names, 2, cols), 1);
    assert_int_equal(cols[0], 2);
    assert_int_equal(cols[1], -1);
    assert_int_equal(table_next(t), TABLE_RECORD);
    assert_int_equal(table_line(t), 2);
    assert_int_equal(table_next(t), TABLE_END);
    table_close(t);
}

static void test_helpers(void **state) {
    (void)state;
    assert_int_equal(xlsx_column_of("A1"), 0);
    assert_int_equal(xlsx_column_of("AJ18800"), 35);
    assert_int_equal(xlsx_column_of("XFD1"), 16383);
    assert_int_equal(xlsx_column_of("XFE1"), -1);
    assert_int_equal(xlsx_column_of("ABCD1"), -1);
    assert_int_equal(xlsx_column_of("12"), -1);
    char out[11];
    assert_true(xlsx_serial_date(41988, false, out));
    assert_string_equal(out, "2014-12-15");
    assert_true(xlsx_serial_date(61, false, out));
    assert_string_equal(out, "1900-03-01");
    assert_true(xlsx_serial_date(59, false, out));
    assert_string_equal(out, "1900-02-28");
    assert_false(xlsx_serial_date(60, false, out)); /* Excel's 29 Feb 1900 */
    assert_false(xlsx_serial_date(0, false, out));
    assert_false(xlsx_serial_date(-5, false, out));
    assert_false(xlsx_serial_date(1e12, false, out));
    assert_true(xlsx_serial_date(0, true, out));
    assert_string_equal(out, "1904-01-01");
}

/* Opens PATH and reads it to the end; returns the error text (caller frees) or NULL. */
static char *read_all_error(const char *path) {
    char *error = NULL;
    xlsx_reader *r = xlsx_open(path, XLSX_FULL, &error);
    if (!r) return error;
    xlsx_result res;
    while ((res = xlsx_next(r)) == XLSX_RECORD) {}
    char *out = res == XLSX_ERROR ? strdup(xlsx_error(r)) : NULL;
    xlsx_close(r);
    return out;
}

static void expect_error(const char *path, const char *fragment) {
    char *error = read_all_error(path);
    assert_non_null(error);
    if (!strstr(error, fragment)) fail_msg("error \"%s\" lacks \"%s\"", error, fragment);
    free(error);
}

static void test_not_a_zip(void **state) {
    (void)state;
    expect_error(temp_file("text.xlsx", "Name,Group ID\n", 14), "not a zip");
    expect_error(temp_file("empty.xlsx", "", 0), "zip");
}

static void test_truncated_zip(void **state) {
    (void)state;
    size_t len;
    char *data = slurp(build_xlsx("whole.xlsx", good_parts, 6), &len);
    for (size_t cut = 4; cut < len; cut += len / 7) {
        char *error = read_all_error(temp_file("cut.xlsx", data, cut));
        assert_non_null(error); /* a zip without its central directory */
        free(error);
        char *message = NULL;
        xlsx_reader *r = xlsx_open_memory(data, cut, XLSX_FULL, &message);
        assert_null(r);
        assert_non_null(message);
        free(message);
    }
    free(data);
}

static void test_broken_sheets(void **state) {
    (void)state;
    part parts[6];
    memcpy(parts, good_parts, sizeof parts);
    parts[4].xml = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row>";
    expect_error(build_xlsx("cut.xlsx", parts, 6), "xl/worksheets/data.xml: XML line");
    parts[4].xml = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>bad \xff</t></is></c></row></sheetData></worksheet>";
    expect_error(build_xlsx("utf8.xlsx", parts, 6), "XML line");
    parts[4].xml = "<worksheet><sheetData><row r=\"4\"><c r=\"A4\" t=\"s\"><v>77</v></c></row></sheetData></worksheet>";
    expect_error(build_xlsx("index.xlsx", parts, 6), "row 4: shared string 77 does not exist");
    parts[4].xml = "<worksheet><sheetData><row r=\"4\"><c r=\"A4\" t=\"s\"><v>x</v></c></row></sheetData></worksheet>";
    expect_error(build_xlsx("index2.xlsx", parts, 6), "bad shared string index");
    parts[4].xml = "<worksheet><sheetData><row r=\"4\"><c r=\"ZZZZ4\"><v>1</v></c></row></sheetData></worksheet>";
    expect_error(build_xlsx("ref.xlsx", parts, 6), "bad cell reference");
    parts[4].xml = "<worksheet><sheetData><row r=\"4\"><c r=\"A4\" t=\"s\"><v>1</v></c></row></sheetData></worksheet>";
    parts[2].xml = "<sst><si><t>never closed</si></sst>";
    expect_error(build_xlsx("sst.xlsx", parts, 6), "xl/strings.xml: XML line");
}

static void test_missing_parts(void **state) {
    (void)state;
    part parts[] = {{"xl/styles.xml", styles}};
    expect_error(build_xlsx("nowb.xlsx", parts, 1), "xl/workbook.xml is missing");
    part only_book[] = {{"xl/workbook.xml", workbook}};
    expect_error(build_xlsx("nosheet.xlsx", only_book, 1), "xl/worksheets/sheet1.xml is missing");
    /* Without relationships the reader falls back to sheet1.xml, shared strings and styles. */
    part plain[] = {{"xl/workbook.xml", "<workbook/>"},
                    {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>"}};
    char *error = NULL;
    xlsx_reader *r = xlsx_open(build_xlsx("plain.xlsx", plain, 2), XLSX_FULL, &error);
    assert_non_null(r);
    assert_int_equal(xlsx_next(r), XLSX_RECORD);
    assert_int_equal(xlsx_record_line(r), 1);
    assert_string_equal(xlsx_field(r, 0), "x");
    xlsx_close(r);
}

static void test_real_sheets_match_their_csv(void **state) {
    (void)state;
    skip_without_lists();
    static const char *const pairs[][2] = {
        {"uk_ofsi/ConList.xlsx", "uk_ofsi/ConList.from_xlsx.csv"},
        {"au_dfat/regulation8_consolidated.xlsx", "au_dfat/regulation8_consolidated.from_xlsx.csv"},
    };
    for (size_t p = 0; p < 2; p++) {
        char *xlsx_path = strdup(real_list(pairs[p][0]));
        table_reader *a = table_open(xlsx_path, TABLE_FULL, NULL);
        table_reader *b = table_open(real_list(pairs[p][1]), TABLE_FULL, NULL);
        assert_non_null(a);
        assert_non_null(b);
        size_t rows = 0, differ = 0;
        table_result ra, rb;
        while ((ra = table_next(a)) == TABLE_RECORD && (rb = table_next(b)) == TABLE_RECORD) {
            rows++;
            size_t n = table_count(a) > table_count(b) ? table_count(a) : table_count(b);
            for (size_t i = 0; i < n; i++)
                if (strcmp(table_field(a, i), table_field(b, i)) != 0) differ++;
        }
        assert_int_equal(ra, TABLE_END);
        assert_int_equal(table_next(b), TABLE_END);
        print_message("%s: %zu rows, %zu cells differ from the CSV\n", pairs[p][0], rows, differ);
        assert_int_equal(differ, 0);
        assert_int_equal(rows, p == 0 ? 18800 : 9554); /* with the date and header lines */
        table_close(a);
        table_close(b);
        free(xlsx_path);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_cells),
        cmocka_unit_test(test_table_reads_both),
        cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_not_a_zip),
        cmocka_unit_test(test_truncated_zip),
        cmocka_unit_test(test_broken_sheets),
        cmocka_unit_test(test_missing_parts),
        cmocka_unit_test(test_real_sheets_match_their_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
