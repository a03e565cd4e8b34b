/*
 * test_csl.c - the trade.gov Consolidated Screening List loader: both real
 * layouts (counts against MANIFEST.md, rows with one _id merged, spot checks
 * of KIM Jong Un and PUTIN), sniffing against other lists' CSVs, and broken
 * inputs.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/csv.h"
#include "sources/load.h"

/* Rows of the CSV at PATH, and the entities expected: rows whose first field differs from the row before. */
static size_t count_rows(const char *path, size_t *id_runs) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    csv_reader r;
    csv_init(&r, f, ',');
    assert_int_equal(csv_next(&r), CSV_RECORD);
    size_t rows = 0;
    char prev[256] = "";
    *id_runs = 0;
    while (csv_next(&r) == CSV_RECORD) {
        rows++;
        if (strcmp(csv_field(&r, 0), prev) != 0) (*id_runs)++;
        snprintf(prev, sizeof prev, "%s", csv_field(&r, 0));
    }
    csv_free(&r);
    fclose(f);
    return rows;
}

static void test_real_full(void **state) {
    (void)state;
    skip_without_lists();
    const char *path = real_list("us_csl/consolidated.csv");
    size_t runs = 0;
    assert_int_equal(count_rows(path, &runs), 14160); /* MANIFEST */
    embargo_store *store = load_ok(path);
    const embargo_source *src = embargo_store_source(store, 0);
    assert_string_equal(src->format, "csl");
    assert_string_equal(src->name, "csl");
    /* 14160 rows, 14048 distinct _id: a party on several lists is one entity. */
    assert_int_equal(src->n_entities, runs);
    assert_int_equal(src->n_entities, 14048);
    assert_int_equal(src->n_skipped, 0);
    assert_string_equal(src->published, "2022-04-21"); /* latest start_date */

    size_t sdn = 0, el = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++) {
        const embargo_entity *e = embargo_store_at(store, i);
        sdn += has_program(e, "SDN");
        el += has_program(e, "EL");
    }
    assert_int_equal(sdn, 10026); /* MANIFEST: SDN rows, one per _id */
    assert_int_equal(el, 2001);

    const embargo_entity *e = embargo_store_get(store, "csl:20157");
    assert_non_null(e);
    assert_int_equal(e->kind, EMBARGO_KIND_PERSON);
    assert_string_equal(e->names[0].full, "Jong Un KIM");
    assert_string_equal(e->names[0].family, "KIM");
    assert_int_equal(e->births[0].from.year, 1984);
    assert_int_equal(e->births[0].from.month, 1);
    assert_int_equal(e->births[0].from.day, 8);
    assert_true(has_program(e, "DPRK3"));
    assert_true(has_program(e, "SDN"));
    assert_string_equal(e->titles[0], "Chairman of the Workers' Party of Korea");

    e = embargo_store_get(store, "csl:35096");
    assert_non_null(e);
    assert_string_equal(e->names[0].full, "Vladimir Vladimirovich PUTIN");
    assert_int_equal(e->births[0].from.year, 1952);
    assert_int_equal(e->births[0].from.month, 10);
    assert_int_equal(e->births[0].from.day, 7);
    assert_int_equal(e->gender, EMBARGO_GENDER_MALE);
    assert_string_equal(e->birth_places[0].text, "Leningrad, Russia");
    assert_int_equal(e->n_addresses, 4);
    assert_true(has_program(e, "RUSSIA-EO14024"));

    /* BANCO VTB AFRICA SA: rows on CAP, SDN and SSI, one entity, its address once. */
    e = embargo_store_get(store, "csl:18725");
    assert_non_null(e);
    assert_true(has_program(e, "CAP") && has_program(e, "SDN") && has_program(e, "SSI"));
    assert_int_equal(e->n_addresses, 1);
    assert_string_equal(e->addresses[0].country_text, "AO");
    embargo_store_destroy(store);
}

static void test_real_sample(void **state) {
    (void)state;
    skip_without_lists();
    const char *path = real_list("us_csl/csl.csv");
    size_t runs = 0;
    assert_int_equal(count_rows(path, &runs), 115); /* MANIFEST */
    embargo_store *store = load_ok(path);
    const embargo_source *src = embargo_store_source(store, 0);
    /* AL NASER WINGS AIRLINES: two DPL rows, one entity. Gunther Migeotte's rows of 2010-06-28 are apart. */
    assert_int_equal(src->n_entities, 114);
    assert_int_equal(src->n_skipped, 0);
    const embargo_entity *e = embargo_store_get(store, "csl:DPL-AL-NASER-WINGS-AIRLINES-2019-06-05");
    assert_non_null(e);
    assert_int_equal(e->n_addresses, 3);
    assert_non_null(embargo_store_get(store, "csl:EL-GUNTHER-MIGEOTTE-2010-06-28-2"));
    embargo_store_destroy(store);
}

static const char header[] =
    "source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,"
    "standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,"
    "gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,"
    "dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n";

static void test_fixture_fields(void **state) {
    (void)state;
    char text[4096];
    snprintf(text, sizeof text, "%s"
             "Specially Designated Nationals (SDN) - Treasury Department,777,Vessel,DPRK2,SHIP ONE,,,,2017-01-02,,,,,"
             "HMYZ,Cargo,,1000,KP,OWNER CO,a note,u,SHIP 1; O\xC2\x92" "BRIEN SHIP,,,,,u,"
             "\"IMO 8898831, Vessel Registration Identification; KP, X1, Passport; Male, Gender\"\n"
             "Entity List (EL) - Bureau of Industry and Security,,Entity,,ACME LTD.,,\"1 Road, Dubai, AE\",,2020-01-01,"
             ",,For all items,Presumption of denial,,,,,,,,u,,,,,,u,\n",
             header);
    embargo_store *store = load_ok(temp_file("csl.csv", text, strlen(text)));
    assert_int_equal(embargo_store_source(store, 0)->n_entities, 2);
    const embargo_entity *e = embargo_store_get(store, "csl:777");
    assert_non_null(e);
    assert_int_equal(e->kind, EMBARGO_KIND_VESSEL);
    assert_int_equal(e->n_names, 3);
    assert_string_equal(e->vessel_type, "Cargo");
    assert_string_equal(e->tonnage, "1000");
    assert_string_equal(e->names[2].full, "O\xE2\x80\x99" "BRIEN SHIP"); /* U+0092 read as cp1252's apostrophe */
    bool imo = false, passport = false;
    for (size_t i = 0; i < e->n_identifiers; i++) {
        imo |= e->identifiers[i].type == EMBARGO_ID_IMO && strcmp(e->identifiers[i].value, "IMO 8898831") == 0;
        passport |= e->identifiers[i].type == EMBARGO_ID_PASSPORT && strcmp(e->identifiers[i].value, "X1") == 0;
    }
    assert_true(imo && passport);
    assert_int_equal(e->gender, EMBARGO_GENDER_MALE);
    assert_int_equal(e->listed.from.year, 2017);
    e = embargo_store_get(store, "csl:EL-ACME-LTD-2020-01-01");
    assert_non_null(e);
    assert_string_equal(e->addresses[0].text, "1 Road, Dubai");
    assert_string_equal(e->addresses[0].country_text, "AE");
    assert_string_equal(e->programs[0].regime, "us-export-control");
    assert_non_null(strstr(e->remarks, "License policy: Presumption of denial"));
    embargo_store_destroy(store);
}

static void test_broken_inputs(void **state) {
    (void)state;
    char text[4096];
    embargo_status status;
    snprintf(text, sizeof text, "%sSDN,1,Entity,,\"ACME", header);
    char *message = load_fails(temp_file("cut.csv", text, strlen(text)), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "cut.csv:2:"));
    free(message);

    snprintf(text, sizeof text, "%sSDN,1,Entity\n", header);
    message = load_fails(temp_file("short.csv", text, strlen(text)), &status);
    assert_int_equal(status, EMBARGO_EFORMAT); /* its only row skipped */
    free(message);

    message = load_fails(temp_file("empty.csv", "", 0), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    free(message);

    snprintf(text, sizeof text, "%sSDN,1,Entity,,BAD \xff NAME,,,,,,,,,,,,,,,,,,,,,,,\n", header);
    embargo_store *store = load_ok(temp_file("utf8.csv", text, strlen(text)));
    assert_int_equal(embargo_store_source(store, 0)->n_entities, 1);
    assert_int_equal(embargo_store_source(store, 0)->n_warnings, 1);
    embargo_store_destroy(store);
}

/* The CSL sniffer takes both layouts and no other list's CSV header. */
static void test_sniffer(void **state) {
    (void)state;
    const source_format *f = load_detect("a.csv", header, strlen(header));
    assert_non_null(f);
    assert_string_equal(f->id, "csl");
    char with_id[2048];
    snprintf(with_id, sizeof with_id, "_id,%s", header);
    f = load_detect("a.csv", with_id, strlen(with_id));
    assert_non_null(f);
    assert_string_equal(f->id, "csl");
    static const char *const others[] = {
        "Last Updated,14/04/2025\nName 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script\n",
        "Reference,Name of Individual or Entity,Type,Name Type,Date of Birth,Place of Birth,Citizenship\n",
        "Name,Alias,Nationality,Designation,Sanction Type,Source\n",
        "source,name,programs\n",
    };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        f = load_detect("a.csv", others[i], strlen(others[i]));
        assert_true(!f || strcmp(f->id, "csl") != 0);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_full),
        cmocka_unit_test(test_real_sample),
        cmocka_unit_test(test_fixture_fields),
        cmocka_unit_test(test_broken_inputs),
        cmocka_unit_test(test_sniffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
