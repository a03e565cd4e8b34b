/*
 * test_bis_dpl.c - the BIS Denied Persons List loader: the real file (rows
 * grouped into denial orders, counted here independently), the 3017 typo,
 * and broken inputs.
 */
#include "support.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/load.h"

/*
 * Entities the real file should give, counted without the loader: a row
 * starts a new entity when its name (its runs of letters and digits, upper
 * case) or its Effective_Date differs from the row before. Also counts the
 * rows.
 */
static size_t count_groups(const char *path, size_t *rows) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char line[4096], prev[1024] = "", key[1024];
    size_t groups = 0;
    *rows = 0;
    bool header = true;
    while (fgets(line, sizeof line, f)) {
        if (header) {
            header = false;
            continue;
        }
        (*rows)++;
        size_t k = 0;
        const char *tab = line;
        bool gap = false;
        for (const char *p = line; *p && *p != '\t'; p++) {
            if (!isalnum((unsigned char)*p)) {
                gap = k > 0;
                continue;
            }
            if (gap) key[k++] = ' ';
            gap = false;
            key[k++] = (char)toupper((unsigned char)*p);
        }
        for (int field = 0; field < 6 && tab; field++) tab = strchr(tab + 1, '\t');
        assert_non_null(tab);
        memcpy(key + k, tab, 13); /* the tab and the quoted date */
        key[k + 13] = '\0';
        if (strcmp(key, prev) != 0) groups++;
        strcpy(prev, key);
    }
    fclose(f);
    return groups;
}

static void test_real_file(void **state) {
    (void)state;
    skip_without_lists();
    const char *path = real_list("us_bis_dpl/dpl.txt");
    size_t rows = 0;
    size_t groups = count_groups(path, &rows);
    assert_int_equal(rows, 546); /* MANIFEST */
    embargo_store *store = load_ok(path);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->format, "bis-dpl");
    assert_string_equal(src->name, "bis-dpl");
    assert_int_equal(src->n_entities, groups);
    assert_int_equal(src->n_entities, 417);
    assert_int_equal(src->n_skipped, 0);
    /* 3017-08-22 in the future; AL-NASER AIRLINES spelled two ways around AL NASER WINGS. */
    assert_int_equal(src->n_warnings, 2);
    assert_string_equal(src->published, "2019-06-12"); /* MANIFEST: max Last_Update but 3017 */

    size_t addresses = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        addresses += e->n_addresses;
        assert_string_equal(e->programs[0].code, "DPL");
        assert_string_equal(e->programs[0].regime, "us-export-control");
    }
    assert_int_equal(addresses, 546); /* every row's address is kept */

    const embargo_entity *e = embargo_store_get(store, "bis-dpl:ADRIAN-MANUEL-HERNANDEZ-2017-10-16");
    assert_non_null(e);
    assert_string_equal(e->names[0].full, "ADRIAN MANUEL HERNANDEZ"); /* leading space gone */
    assert_int_equal(e->kind, EMBARGO_KIND_UNKNOWN);
    assert_int_equal(e->listed.from.year, 2017);
    assert_int_equal(e->listed.from.month, 10);
    assert_int_equal(e->listed.from.day, 16);
    assert_string_equal(e->addresses[0].city, "PHONEIX");

    e = embargo_store_get(store, "bis-dpl:AL-NASER-WINGS-AIRLINES-2019-06-05");
    assert_non_null(e);
    assert_int_equal(e->n_addresses, 4);
    e = embargo_store_get(store, "bis-dpl:MANSOUR-ZADEH-2017-08-10"); /* the 3017 row, kept */
    assert_non_null(e);
    embargo_store_destroy(store);

    /* The same file gives the same ids. */
    embargo_store *again = load_ok(path);
    assert_non_null(embargo_store_get(again, "bis-dpl:ADRIAN-MANUEL-HERNANDEZ-2017-10-16"));
    assert_non_null(embargo_store_get(again, "bis-dpl:AL-NASER-AIRLINES-2019-06-05-2"));
    embargo_store_destroy(again);
}

static const char header[] =
    "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t"
    "\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n";

static void test_grouping_and_kind(void **state) {
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "%s"
             "\" ACME TRADING CO., LTD.\"\t\"1 Road\"\t\"DUBAI\"\t\"\"\t\"AE\"\t\"\"\t\"01/02/2020\"\t\"\"\t\"Y\"\t\"2020-01-05\"\t\"NEW\"\t\"85 F.R. 1\"\n"
             "\"ACME TRADING CO., LTD.\"\t\"2 Road\"\t\"SHARJAH\"\t\"\"\t\"AE\"\t\"\"\t\"01/02/2020\"\t\"\"\t\"Y\"\t\"2020-01-05\"\t\"NEW\"\t\"85 F.R. 1\"\n"
             "\"JOHN DOE\"\t\"3 Street\"\t\"MIAMI\"\t\"FL\"\t\"US\"\t\"33130\"\t\"03/04/2021\"\t\"\"\t\"Y\"\t\"2999-01-01\"\t\"NEW\"\t\"86 F.R. 2\"",
             header);
    embargo_store *store = load_ok(temp_file("dpl.txt", text, strlen(text)));
    const embargo_source *src = embargo_store_source(store, 0);
    assert_int_equal(src->n_entities, 2);
    assert_string_equal(src->published, "2020-01-05");
    assert_int_equal(src->n_warnings, 1); /* 2999 is in the future */
    const embargo_entity *e = embargo_store_get(store, "bis-dpl:ACME-TRADING-CO-LTD-2020-01-02");
    assert_non_null(e);
    assert_int_equal(e->kind, EMBARGO_KIND_ORGANIZATION);
    assert_int_equal(e->n_addresses, 2);
    assert_string_equal(e->addresses[1].city, "SHARJAH");
    assert_non_null(strstr(e->remarks, "85 F.R. 1"));
    e = embargo_store_get(store, "bis-dpl:JOHN-DOE-2021-03-04");
    assert_non_null(e);
    assert_int_equal(e->kind, EMBARGO_KIND_UNKNOWN);
    assert_string_equal(e->addresses[0].text, "3 Street, MIAMI, FL, 33130");
    embargo_store_destroy(store);
}

static void test_broken_inputs(void **state) {
    (void)state;
    char text[2048];
    embargo_status status;
    /* A row with too few fields is skipped; the others load. */
    snprintf(text, sizeof text, "%s\"A\"\t\"x\"\n\"B\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"01/01/2020\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\n", header);
    embargo_store *store = load_ok(temp_file("short.txt", text, strlen(text)));
    assert_int_equal(embargo_store_source(store, 0)->n_entities, 1);
    assert_int_equal(embargo_store_source(store, 0)->n_skipped, 1);
    embargo_store_destroy(store);

    /* Truncated inside a quoted field. */
    snprintf(text, sizeof text, "%s\"B\"\t\"1 Road", header);
    char *message = load_fails(temp_file("cut.txt", text, strlen(text)), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "cut.txt:2:"));
    free(message);

    /* Invalid UTF-8: replaced and reported, the record kept. */
    snprintf(text, sizeof text, "%s\"BAD \xff NAME\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"01/01/2020\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\n", header);
    store = load_ok(temp_file("utf8.txt", text, strlen(text)));
    assert_int_equal(embargo_store_source(store, 0)->n_entities, 1);
    assert_int_equal(embargo_store_source(store, 0)->n_warnings, 1);
    assert_non_null(strstr(embargo_store_at(store, 0)->names[0].full, "\xEF\xBF\xBD"));
    embargo_store_destroy(store);

    /* Empty file. */
    message = load_fails(temp_file("empty.txt", "", 0), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    free(message);

    /* Only rows without a name: nothing loads, and that is an error. */
    snprintf(text, sizeof text, "%s\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"01/01/2020\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\n", header);
    message = load_fails(temp_file("noname.txt", text, strlen(text)), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    free(message);
}

static void test_sniffer(void **state) {
    (void)state;
    const source_format *f = load_detect("dpl.txt", header, strlen(header));
    assert_non_null(f);
    assert_string_equal(f->id, "bis-dpl");
    const char other[] = "\"Name\"\t\"Address\"\t\"City\"\n";
    f = load_detect("x.txt", other, strlen(other));
    assert_true(!f || strcmp(f->id, "bis-dpl") != 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_file),
        cmocka_unit_test(test_grouping_and_kind),
        cmocka_unit_test(test_broken_inputs),
        cmocka_unit_test(test_sniffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
