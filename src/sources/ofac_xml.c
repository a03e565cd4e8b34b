/*
 * ofac_xml.c - OFAC's classic XML (sdn.xml, consolidated.xml).
 *
 * The root is <sdnList> in a default namespace; <publshInformation> [sic]
 * gives Publish_Date (MM/DD/YYYY) and Record_Count, then one <sdnEntry> per
 * party: uid, lastName/firstName, title, sdnType, remarks, and the lists
 * programList, idList, akaList, addressList, nationalityList,
 * citizenshipList, dateOfBirthList, placeOfBirthList, plus vesselInfo. The
 * file is streamed (xml_records.h): each sdnEntry is expanded alone, mapped
 * into the draft and committed. Record_Count is checked against the entries
 * read, and a difference is reported as a warning.
 *
 * One format, two lists. The SDN list is named "ofac", the non-SDN
 * consolidated list "ofac-cons", so both can be loaded side by side with
 * distinct ids. The rule: the file is the non-SDN list when an entry near its
 * start (in the first LOAD_HEAD_SIZE bytes) has only non-SDN programs (NS-*,
 * FSE-*, CMIC-*, 561-Related): every SDN entry carries at least one SDN
 * program, while SDN entries that are also on a non-SDN list (an SDGT who is
 * NS-PLC too) carry both. When no entry decides, a file name containing
 * "cons" means the consolidated list; anything else is the SDN list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sources/load.h"
#include "sources/us_ids.h"
#include "sources/xml_records.h"
#include "util/buf.h"

/* Program code prefixes found only on OFAC's non-SDN lists. */
static const char *const ofac_non_sdn_programs[] = {"NS-", "FSE-", "CMIC-", "561-Related"};

static bool ofac_is_non_sdn_program(const char *code, size_t len) {
    for (size_t i = 0; i < sizeof ofac_non_sdn_programs / sizeof *ofac_non_sdn_programs; i++) {
        size_t n = strlen(ofac_non_sdn_programs[i]);
        if (len >= n && strncasecmp(code, ofac_non_sdn_programs[i], n) == 0) return true;
    }
    return false;
}

/* True when the entry text [AT, END) has programs and all are non-SDN ones. */
static bool ofac_entry_only_non_sdn(const char *at, const char *end) {
    int n_programs = 0;
    for (const char *p = at; (p = strstr(p, "<program>")) && p < end;) {
        p += strlen("<program>");
        const char *close = strstr(p, "</program>");
        if (!close || close > end) return false;
        if (!ofac_is_non_sdn_program(p, (size_t)(close - p))) return false;
        n_programs++;
        p = close;
    }
    return n_programs > 0;
}

/* The list the file holds, by the rule in the file comment. HEAD is NUL-terminated. */
static bool ofac_xml_is_consolidated(const char *path, const char *head) {
    for (const char *p = head; (p = strstr(p, "<sdnEntry>")) != NULL;) {
        const char *end = strstr(p, "</sdnEntry>");
        if (!end) break;
        if (ofac_entry_only_non_sdn(p, end)) return true;
        p = end;
    }
    const char *base = strrchr(path, '/');
    return strcasestr(base ? base + 1 : path, "cons") != NULL;
}

static const char *ofac_xml_source_name(const char *path) {
    char *head = malloc(LOAD_HEAD_SIZE + 1);
    if (!head) return "ofac";
    long n = load_read_head(path, head);
    head[n > 0 ? n : 0] = '\0';
    bool cons = ofac_xml_is_consolidated(path, head);
    free(head);
    return cons ? "ofac-cons" : "ofac";
}

/* Joins the texts of NODE's children named in NAMES with ", " into OUT. */
static void ofac_join_children(xmlNodePtr node, const char *const *names, buf *out) {
    buf_clear(out);
    for (; *names; names++) {
        const char *text = xml_child_text(node, *names);
        if (!text || !*text) continue;
        if (out->len) buf_puts(out, ", ");
        buf_puts(out, text);
    }
}

static void ofac_read_aka(draft *d, xmlNodePtr aka) {
    const char *type = xml_child_text(aka, "type");
    const char *category = xml_child_text(aka, "category");
    embargo_name_quality q = EMBARGO_NAME_STRONG;
    if (category && strcasecmp(category, "weak") == 0) q = EMBARGO_NAME_WEAK;
    if (type && strcasecmp(type, "f.k.a.") == 0) q = EMBARGO_NAME_FORMER;
    draft_add_name_parts(d, NULL, xml_child_text(aka, "firstName"), xml_child_text(aka, "lastName"),
                         NULL, q, false, NULL);
}

static void ofac_read_id(draft *d, xmlNodePtr id) {
    const char *issued = xml_child_text(id, "issueDate");
    const char *expires = xml_child_text(id, "expirationDate");
    buf note;
    buf_init(&note);
    if (issued) buf_printf(&note, "issued %s", issued);
    if (expires) buf_printf(&note, "%sexpires %s", note.len ? "; " : "", expires);
    us_id_add(d, xml_child_text(id, "idType"), xml_child_text(id, "idNumber"),
              xml_child_text(id, "idCountry"), note.len ? buf_str(&note) : NULL);
    buf_free(&note);
}

static void ofac_read_address(draft *d, xmlNodePtr address, buf *scratch) {
    static const char *const parts[] = {"address1", "address2", "address3", "city",
                                        "stateOrProvince", "postalCode", "region", NULL};
    ofac_join_children(address, parts, scratch);
    draft_add_address(d, scratch->len ? buf_str(scratch) : NULL, xml_child_text(address, "city"),
                      xml_child_text(address, "country"));
}

static void ofac_read_birth(load_ctx *ctx, draft *d, xmlNodePtr item) {
    const char *text = xml_child_text(item, "dateOfBirth");
    if (!text) return;
    embargo_date date;
    if (date_parse(text, DATE_MONTH_FIRST, &date)) draft_add_birth(d, &date);
    else load_warn(ctx, xmlGetLineNo(item), "unreadable date of birth \"%s\"", text);
}

static void ofac_read_vessel(draft *d, xmlNodePtr vessel) {
    const char *tonnage = xml_child_text(vessel, "grossRegisteredTonnage");
    if (!tonnage) tonnage = xml_child_text(vessel, "tonnage");
    draft_set_vessel(d, xml_child_text(vessel, "vesselFlag"), xml_child_text(vessel, "vesselType"), tonnage);
    const char *call_sign = xml_child_text(vessel, "callSign");
    if (call_sign) draft_add_identifier(d, EMBARGO_ID_CALL_SIGN, call_sign, "Call Sign", NULL, NULL);
    const char *owner = xml_child_text(vessel, "vesselOwner");
    if (owner) draft_add_link(d, "owned by", owner);
}

/* Runs the statement after it for each element VAR in NODE's child list LIST. */
#define OFAC_EACH(node, list, var) \
    for (xmlNodePtr var = ofac_list_first(node, list); var; var = var->next) \
        if (var->type == XML_ELEMENT_NODE)

static xmlNodePtr ofac_list_first(xmlNodePtr node, const char *list) {
    xmlNodePtr l = xml_child(node, list);
    return l ? l->children : NULL;
}

static void ofac_read_entry(load_ctx *ctx, draft *d, xmlNodePtr entry, buf *scratch) {
    draft_set_id(d, xml_child_text(entry, "uid"));
    const char *type = xml_child_text(entry, "sdnType");
    draft_set_kind(d, embargo_kind_parse(type), type);
    draft_add_name_parts(d, NULL, xml_child_text(entry, "firstName"), xml_child_text(entry, "lastName"),
                         NULL, EMBARGO_NAME_PRIMARY, false, NULL);
    draft_add_title(d, xml_child_text(entry, "title"));
    /* OFAC's remarks first; id-list facts (us_ids.h) are appended after them. */
    draft_add_remarks(d, xml_child_text(entry, "remarks"));
    OFAC_EACH(entry, "programList", p) draft_add_program(d, xml_text(p));
    OFAC_EACH(entry, "akaList", aka) ofac_read_aka(d, aka);
    OFAC_EACH(entry, "idList", id) ofac_read_id(d, id);
    OFAC_EACH(entry, "addressList", a) ofac_read_address(d, a, scratch);
    OFAC_EACH(entry, "nationalityList", n) draft_add_nationality(d, xml_child_text(n, "country"));
    OFAC_EACH(entry, "citizenshipList", c) draft_add_citizenship(d, xml_child_text(c, "country"));
    OFAC_EACH(entry, "dateOfBirthList", b) ofac_read_birth(ctx, d, b);
    OFAC_EACH(entry, "placeOfBirthList", b) draft_add_birth_place(d, xml_child_text(b, "placeOfBirth"));
    xmlNodePtr vessel = xml_child(entry, "vesselInfo");
    if (vessel) ofac_read_vessel(d, vessel);
}

/* Publish_Date MM/DD/YYYY as ISO; Record_Count into *RECORD_COUNT (-1 when absent). */
static void ofac_read_publication(load_ctx *ctx, xmlNodePtr info, long *record_count) {
    const char *date = xml_child_text(info, "Publish_Date");
    embargo_date d;
    if (date && date_parse(date, DATE_MONTH_FIRST, &d) && d.from.day) {
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.from.year, d.from.month, d.from.day);
        load_set_published(ctx, iso);
    } else if (date) {
        load_warn(ctx, xmlGetLineNo(info), "unreadable Publish_Date \"%s\"", date);
    }
    const char *count = xml_child_text(info, "Record_Count");
    char *end = NULL;
    long n = count ? strtol(count, &end, 10) : -1;
    *record_count = count && end != count && n >= 0 ? n : -1;
}

typedef struct {
    long record_count;   /* as published, -1 when not stated */
    long n_entries;      /* sdnEntry elements read */
    buf scratch;
} ofac_xml_state;

/* Handles one child element of the root; returns EMBARGO_OK or a fatal status. */
static embargo_status ofac_xml_element(load_ctx *ctx, xml_records *x, const char *name,
                                       ofac_xml_state *st) {
    bool entry = strcmp(name, "sdnEntry") == 0;
    if (!entry && strcmp(name, "publshInformation") != 0) return EMBARGO_OK;
    xmlNodePtr node = xml_records_expand(x);
    if (!node) return xml_records_fail(x, ctx, "sdnList");
    if (!entry) {
        ofac_read_publication(ctx, node, &st->record_count);
        return EMBARGO_OK;
    }
    st->n_entries++;
    ofac_read_entry(ctx, ctx->draft, node, &st->scratch);
    return load_commit(ctx, ctx->draft, xmlGetLineNo(node));
}

static embargo_status ofac_xml_load(load_ctx *ctx) {
    xml_records x;
    if (!xml_records_open(&x, ctx)) return EMBARGO_EIO;
    const char *name = NULL;
    int depth = 0;
    int rc = xml_records_next(&x, false, &name, &depth);
    if (rc < 0) {
        embargo_status status = xml_records_fail(&x, ctx, "sdnList");
        xml_records_close(&x);
        return status;
    }
    if (rc == 0 || strcmp(name, "sdnList") != 0) {
        /* NAME lives in the reader: report before closing it. */
        embargo_status status = load_fail(ctx, 1, EMBARGO_EFORMAT, "not an OFAC sdnList XML file (root <%s>)",
                                          rc ? name : "none");
        xml_records_close(&x);
        return status;
    }
    load_name_source(ctx, ofac_xml_source_name(ctx->path));
    ofac_xml_state st = {-1, 0, {0}};
    buf_init(&st.scratch);
    embargo_status status = EMBARGO_OK;
    rc = xml_records_next(&x, false, &name, &depth);
    while (rc == 1 && status == EMBARGO_OK) {
        status = ofac_xml_element(ctx, &x, name, &st);
        if (status == EMBARGO_OK) rc = xml_records_next(&x, true, &name, &depth);
    }
    if (status == EMBARGO_OK && rc < 0) status = xml_records_fail(&x, ctx, "sdnList");
    if (status == EMBARGO_OK && st.record_count >= 0 && st.record_count != st.n_entries)
        load_warn(ctx, 0, "Record_Count says %ld entries, the file has %ld", st.record_count, st.n_entries);
    buf_free(&st.scratch);
    xml_records_close(&x);
    return status;
}

/* <sdnList> near the start, with the classic publication header or entries. */
static int ofac_xml_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    size_t n = len < 4096 ? len : 4096;
    const char *root = memmem(head, n, "<sdnList", 8);
    if (!root) return 0;
    if (memmem(head, len, "<publshInformation", 18) || memmem(head, len, "<sdnEntry", 9)) return 95;
    return 60;
}

const source_format source_ofac_xml = {
    .id = "ofac-xml",
    .short_name = "ofac",
    .authority = "US Treasury OFAC",
    .sniff = ofac_xml_sniff,
    .load = ofac_xml_load,
};
