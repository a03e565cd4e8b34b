/*
 * test_ofac_xml.c - the OFAC classic XML and Enhanced XML loaders: the real
 * non-SDN files (counts and dates against MANIFEST.md, spot checks), the
 * SDN / non-SDN naming rule, and broken inputs.
 */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "sources/load.h"

static const embargo_source *only_source(embargo_store *store) {
    assert_int_equal(embargo_store_source_count(store), 1);
    return embargo_store_source(store, 0);
}

static const embargo_identifier *find_identifier(const embargo_entity *e, embargo_id_type type, const char *value) {
    for (size_t i = 0; i < e->n_identifiers; i++)
        if (e->identifiers[i].type == type && strcmp(e->identifiers[i].value, value) == 0) return &e->identifiers[i];
    return NULL;
}

static size_t count_original_script(const embargo_entity *e) {
    size_t n = 0;
    for (size_t i = 0; i < e->n_names; i++) n += e->names[i].original_script;
    return n;
}

static void test_real_classic(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("ofac_cons/consolidated.xml"));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->format, "ofac-xml");
    assert_string_equal(src->name, "ofac-cons");
    assert_string_equal(src->published, "2025-03-28");
    assert_int_equal(src->n_entities, 443);
    assert_int_equal(src->n_skipped, 0);
    assert_int_equal(src->n_warnings, 0); /* Record_Count 443 agrees */
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_PERSON], 80);
    assert_int_equal(src->n_by_kind[EMBARGO_KIND_ORGANIZATION], 363);

    const embargo_entity *e = embargo_store_get(store, "ofac-cons:9639");
    assert_non_null(e);
    assert_int_equal(e->kind, EMBARGO_KIND_PERSON);
    assert_string_equal(e->names[0].full, "Ismail Abdul Salah HANIYA");
    assert_string_equal(e->names[0].family, "HANIYA");
    assert_int_equal(e->n_names, 3);
    assert_int_equal(e->n_births, 1);
    assert_int_equal(e->births[0].from.year, 1962);
    assert_string_equal(e->birth_places[0].text, "Shati");
    assert_true(has_program(e, "NS-PLC"));

    e = embargo_store_get(store, "ofac-cons:17013"); /* VTB BANK */
    assert_non_null(e);
    assert_string_equal(e->names[0].full, "VTB BANK PUBLIC JOINT STOCK COMPANY");
    assert_non_null(find_identifier(e, EMBARGO_ID_BIC, "VTBRRUMM"));
    assert_non_null(find_identifier(e, EMBARGO_ID_TAX, "7702070139"));
    assert_non_null(find_identifier(e, EMBARGO_ID_WEBSITE, "www.vtb.ru"));
    assert_true(has_program(e, "RUSSIA-EO14024"));
    assert_int_equal(e->n_addresses, 12);
    assert_non_null(strstr(e->remarks, "Target Type Financial Institution"));
    size_t former = 0;
    for (size_t i = 0; i < e->n_names; i++) former += e->names[i].quality == EMBARGO_NAME_FORMER;
    assert_true(former > 10);
    embargo_store_destroy(store);
}

static void test_real_enhanced(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *store = load_ok(real_list("ofac_cons/CONS_ENHANCED.XML"));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->format, "ofac-enhanced-xml");
    assert_string_equal(src->name, "ofac-cons");
    assert_string_equal(src->published, "2025-01-10");
    assert_int_equal(src->n_entities, 443);
    assert_int_equal(src->n_skipped, 0);

    const embargo_entity *e = embargo_store_get(store, "ofac-cons:9639");
    assert_non_null(e);
    assert_string_equal(e->names[0].full, "Ismail Abdul Salah HANIYA");
    assert_int_equal(e->births[0].from.year, 1962);
    assert_true(has_program(e, "NS-PLC"));
    assert_int_equal(e->listed.from.year, 2006);

    e = embargo_store_get(store, "ofac-cons:17013");
    assert_non_null(e);
    assert_int_equal(count_original_script(e), 2);
    assert_non_null(find_identifier(e, EMBARGO_ID_BIC, "VTBRRUMM"));
    const embargo_identifier *reg = find_identifier(e, EMBARGO_ID_REGISTRATION, "1027739609391");
    assert_non_null(reg);
    assert_string_equal(reg->country, "RU");
    assert_int_equal(e->listed.from.year, 2014);
    assert_int_equal(e->listed.from.month, 7);
    assert_int_equal(e->listed.from.day, 29);
    /* Non-Latin name translations, distinct per entity: 45 (counted with Python's ElementTree). */
    size_t n_original = 0;
    for (size_t i = 0; i < embargo_store_count(store); i++)
        n_original += count_original_script(embargo_store_at(store, i));
    assert_int_equal(n_original, 45);
    embargo_store_destroy(store);
}

/* The classic and the enhanced loads of one list describe the same parties. */
static void test_classic_and_enhanced_agree(void **state) {
    (void)state;
    skip_without_lists();
    embargo_store *a = load_ok(real_list("ofac_cons/consolidated.xml"));
    embargo_store *b = load_ok(real_list("ofac_cons/CONS_ENHANCED.XML"));
    size_t same = 0;
    for (size_t i = 0; i < embargo_store_count(a); i++) {
        const embargo_entity *ea = embargo_store_at(a, i);
        const embargo_entity *eb = embargo_store_get(b, ea->id);
        if (eb && strcmp(ea->names[0].full, eb->names[0].full) == 0 && ea->kind == eb->kind) same++;
    }
    /* The two files are 11 weeks apart; nearly every party is in both. */
    assert_true(same >= 430);
    embargo_store_destroy(a);
    embargo_store_destroy(b);
}

static const char classic_head[] =
    "<?xml version=\"1.0\" standalone=\"yes\"?>\n"
    "<sdnList xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML\">\n"
    "  <publshInformation><Publish_Date>03/28/2025</Publish_Date><Record_Count>3</Record_Count></publshInformation>\n";

static const char classic_sdn_entry[] =
    "  <sdnEntry><uid>20157</uid><firstName>Jong Un</firstName><lastName>KIM</lastName>\n"
    "    <title>Chairman of the Workers' Party of Korea</title><sdnType>Individual</sdnType>\n"
    "    <programList><program>DPRK3</program></programList>\n"
    "    <idList><id><uid>1</uid><idType>Gender</idType><idNumber>Male</idNumber></id>\n"
    "      <id><uid>2</uid><idType>Passport</idType><idNumber>PS123</idNumber><idCountry>Korea, North</idCountry>"
    "<expirationDate>17 Mar 2014</expirationDate></id></idList>\n"
    "    <akaList><aka><uid>3</uid><type>f.k.a.</type><category>weak</category><lastName>KIM</lastName>"
    "<firstName>Jung Eun</firstName></aka></akaList>\n"
    "    <nationalityList><nationality><uid>4</uid><country>Korea, North</country></nationality></nationalityList>\n"
    "    <dateOfBirthList><dateOfBirthItem><uid>5</uid><dateOfBirth>08 Jan 1984</dateOfBirth></dateOfBirthItem>"
    "</dateOfBirthList>\n"
    "  </sdnEntry>\n"
    "  <sdnEntry><uid>9000</uid><lastName>SHIP ONE</lastName><sdnType>Vessel</sdnType>\n"
    "    <programList><program>DPRK2</program></programList>\n"
    "    <vesselInfo><callSign>HMYZ</callSign><vesselType>Cargo</vesselType><vesselFlag>Korea, North</vesselFlag>"
    "<grossRegisteredTonnage>1000</grossRegisteredTonnage></vesselInfo>\n"
    "  </sdnEntry>\n";

static char *concat(const char *a, const char *b, const char *c) {
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s%s", a, b, c);
    return s;
}

static void test_sdn_fixture_and_record_count(void **state) {
    (void)state;
    char *text = concat(classic_head, classic_sdn_entry, "</sdnList>\n");
    embargo_store *store = load_ok(temp_file("sdn.xml", text, strlen(text)));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->name, "ofac"); /* SDN programs, no "cons" in the name */
    assert_int_equal(src->n_entities, 2);
    assert_int_equal(src->n_warnings, 1); /* Record_Count 3 against 2 entries */
    const embargo_entity *e = embargo_store_get(store, "ofac:20157");
    assert_non_null(e);
    assert_string_equal(e->names[0].full, "Jong Un KIM");
    assert_int_equal(e->names[1].quality, EMBARGO_NAME_FORMER);
    assert_int_equal(e->gender, EMBARGO_GENDER_MALE);
    const embargo_identifier *pp = find_identifier(e, EMBARGO_ID_PASSPORT, "PS123");
    assert_non_null(pp);
    assert_string_equal(pp->note, "expires 17 Mar 2014");
    assert_int_equal(e->births[0].from.year, 1984);
    assert_int_equal(e->births[0].from.month, 1);
    assert_int_equal(e->births[0].from.day, 8);
    assert_string_equal(e->titles[0], "Chairman of the Workers' Party of Korea");
    assert_string_equal(e->programs[0].regime, "dprk");
    e = embargo_store_get(store, "ofac:9000");
    assert_non_null(e);
    assert_int_equal(e->kind, EMBARGO_KIND_VESSEL);
    assert_string_equal(e->vessel_type, "Cargo");
    assert_string_equal(e->tonnage, "1000");
    assert_non_null(find_identifier(e, EMBARGO_ID_CALL_SIGN, "HMYZ"));
    embargo_store_destroy(store);
    free(text);
}

static void test_non_sdn_told_by_programs(void **state) {
    (void)state;
    const char entry[] = "  <sdnEntry><uid>1</uid><lastName>X</lastName><sdnType>Entity</sdnType>"
                         "<programList><program>NS-PLC</program></programList></sdnEntry>\n";
    char *text = concat(classic_head, entry, "</sdnList>\n");
    embargo_store *store = load_ok(temp_file("list.xml", text, strlen(text)));
    assert_string_equal(only_source(store)->name, "ofac-cons");
    assert_non_null(embargo_store_get(store, "ofac-cons:1"));
    embargo_store_destroy(store);
    free(text);
}

static void test_entry_without_uid_is_skipped(void **state) {
    (void)state;
    const char entry[] = "  <sdnEntry><lastName>NO ID</lastName><sdnType>Entity</sdnType></sdnEntry>\n";
    char *text = concat(classic_head, classic_sdn_entry, entry);
    char *full = concat(text, "</sdnList>\n", "");
    embargo_store *store = load_ok(temp_file("sdn2.xml", full, strlen(full)));
    assert_int_equal(only_source(store)->n_entities, 2);
    assert_int_equal(only_source(store)->n_skipped, 1);
    assert_int_equal(only_source(store)->n_warnings, 0); /* Record_Count 3 = 3 entries read */
    embargo_store_destroy(store);
    free(text);
    free(full);
}

static void test_truncated(void **state) {
    (void)state;
    char *text = concat(classic_head, classic_sdn_entry, "");
    size_t cut = strlen(text) - 40; /* inside the second entry */
    embargo_status status;
    char *message = load_fails(temp_file("cut.xml", text, cut), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    assert_non_null(strstr(message, "cut.xml:"));
    free(message);
    free(text);
}

static void test_broken_and_bad_utf8(void **state) {
    (void)state;
    char *text = concat(classic_head, "  <sdnEntry><uid>1</uid><lastName>A</lastName></sdnEntry>\n"
                        "  <sdnEntry><uid>2<lastName>B</lastName></sdnEntry>\n", "</sdnList>\n");
    embargo_status status;
    char *message = load_fails(temp_file("broken.xml", text, strlen(text)), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    assert_non_null(strstr(message, "broken.xml:5:"));
    free(message);
    free(text);

    text = concat(classic_head, "  <sdnEntry><uid>1</uid><lastName>BAD \xff\xfe NAME</lastName></sdnEntry>\n",
                  "</sdnList>\n");
    message = load_fails(temp_file("bad.xml", text, strlen(text)), &status);
    assert_int_equal(status, EMBARGO_EENCODING);
    assert_non_null(strstr(message, "bad.xml:4:"));
    free(message);
    free(text);
}

static void test_empty_and_header_only(void **state) {
    (void)state;
    embargo_status status;
    char *message = load_fails(temp_file("empty.xml", "", 0), &status);
    assert_int_equal(status, EMBARGO_EFORMAT);
    free(message);
    char *text = concat(classic_head, "</sdnList>\n", "");
    embargo_store *store = load_ok(temp_file("none.xml", text, strlen(text)));
    assert_int_equal(only_source(store)->n_entities, 0);
    assert_int_equal(only_source(store)->n_warnings, 1); /* Record_Count 3, none read */
    embargo_store_destroy(store);
    free(text);
}

static const char enhanced_text[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<sanctionsData xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML\">\n"
    "<publicationInfo><dataAsOf>2025-01-10T00:00:00</dataAsOf><filters><sanctionsLists>"
    "<sanctionsList refId=\"1550\">SDN List</sanctionsList></sanctionsLists></filters></publicationInfo>\n"
    "<referenceValues><referenceValue refId=\"11171\"><type>COUNTRY</type><value>Russia</value>"
    "<isoCode>RU</isoCode></referenceValue>\n"
    "<referenceValue refId=\"600\"><type>PARTY SUB-TYPE</type><value>Individual</value></referenceValue>"
    "</referenceValues>\n"
    "<entities><entity id=\"35096\"><generalInfo><entityType refId=\"600\"/></generalInfo>\n"
    "<sanctionsLists><sanctionsList refId=\"1550\" datePublished=\"2022-02-25\">SDN List</sanctionsList></sanctionsLists>\n"
    "<sanctionsPrograms><sanctionsProgram refId=\"1\">RUSSIA-EO14024</sanctionsProgram></sanctionsPrograms>\n"
    "<names><name id=\"1\"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations>\n"
    "<translation id=\"1\"><isPrimary>true</isPrimary><script refId=\"20122\">Latin</script>"
    "<formattedFirstName>Vladimir Vladimirovich</formattedFirstName><formattedLastName>PUTIN</formattedLastName>"
    "</translation>\n"
    "<translation id=\"2\"><isPrimary>false</isPrimary><script refId=\"20107\">Cyrillic</script>"
    "<formattedFirstName>Владимир Владимирович</formattedFirstName><formattedLastName>ПУТИН</formattedLastName>"
    "</translation></translations></name></names>\n"
    "<addresses><address id=\"1\"><country refId=\"11171\"/><translations><translation id=\"3\">"
    "<isPrimary>true</isPrimary><addressParts><addressPart id=\"1\"><type refId=\"1454\">CITY</type>"
    "<value>Moscow</value></addressPart></addressParts></translation></translations></address></addresses>\n"
    "<features><feature id=\"1\"><type featureTypeId=\"8\">Birthdate</type><value>07 Oct 1952</value></feature>\n"
    "<feature id=\"2\"><type featureTypeId=\"224\">Gender</type><value>Male</value></feature></features>\n"
    "</entity></entities></sanctionsData>\n";

static void test_enhanced_fixture(void **state) {
    (void)state;
    embargo_store *store = load_ok(temp_file("enh.xml", enhanced_text, strlen(enhanced_text)));
    const embargo_source *src = only_source(store);
    assert_string_equal(src->format, "ofac-enhanced-xml");
    assert_string_equal(src->name, "ofac");
    const embargo_entity *e = embargo_store_get(store, "ofac:35096");
    assert_non_null(e);
    assert_int_equal(e->kind, EMBARGO_KIND_PERSON); /* entityType text from the reference values */
    assert_string_equal(e->names[0].full, "Vladimir Vladimirovich PUTIN");
    assert_int_equal(e->n_names, 2);
    assert_int_equal(e->names[1].original_script, 1);
    assert_string_equal(e->names[1].full, "Владимир Владимирович ПУТИН");
    assert_string_equal(e->addresses[0].city, "Moscow");
    assert_string_equal(e->addresses[0].country_text, "Russia");
    assert_int_equal(e->births[0].from.year, 1952);
    assert_int_equal(e->gender, EMBARGO_GENDER_MALE);
    assert_int_equal(e->listed.from.year, 2022);
    embargo_store_destroy(store);

    embargo_status status;
    char *message = load_fails(temp_file("enh-cut.xml", enhanced_text, strlen(enhanced_text) / 2), &status);
    assert_int_equal(status, EMBARGO_ETRUNCATED);
    free(message);
}

/* Each sniffer claims its own format and not the other's. */
static void test_sniffers(void **state) {
    (void)state;
    char *text = concat(classic_head, classic_sdn_entry, "</sdnList>\n");
    const source_format *f = load_detect("x.xml", text, strlen(text));
    assert_non_null(f);
    assert_string_equal(f->id, "ofac-xml");
    f = load_detect("x.xml", enhanced_text, strlen(enhanced_text));
    assert_non_null(f);
    assert_string_equal(f->id, "ofac-enhanced-xml");
    const char other[] = "<?xml version=\"1.0\"?><CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>";
    f = load_detect("x.xml", other, strlen(other));
    assert_true(!f || (strcmp(f->id, "ofac-xml") != 0 && strcmp(f->id, "ofac-enhanced-xml") != 0));
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_classic),
        cmocka_unit_test(test_real_enhanced),
        cmocka_unit_test(test_classic_and_enhanced_agree),
        cmocka_unit_test(test_sdn_fixture_and_record_count),
        cmocka_unit_test(test_non_sdn_told_by_programs),
        cmocka_unit_test(test_entry_without_uid_is_skipped),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_broken_and_bad_utf8),
        cmocka_unit_test(test_empty_and_header_only),
        cmocka_unit_test(test_enhanced_fixture),
        cmocka_unit_test(test_sniffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
