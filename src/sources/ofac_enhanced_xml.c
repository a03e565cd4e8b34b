/*
 * ofac_enhanced_xml.c - OFAC's "Enhanced XML" (SDN_ENHANCED.XML,
 * CONS_ENHANCED.XML).
 *
 * The root <sanctionsData> (its own namespace) holds, in order:
 * <publicationInfo> (dataAsOf, and the list the file was filtered to),
 * <referenceValues> (refId -> type, value, isoCode), <featureTypes>, and
 * <entities>. Values in entities carry a refId and, in the files seen, their
 * text too; the reference map supplies ISO country codes and any text an
 * element leaves out. The file is streamed (xml_records.h): reference values
 * are read one by one into a map, then each <entity> is expanded alone,
 * mapped and committed.
 *
 * An entity has generalInfo (type, remarks), sanctionsLists (with the date
 * each listing was published), sanctionsPrograms, names (primary or alias,
 * low quality or not, each with translations by script: non-Latin ones become
 * original-script names), addresses (parts by type), features (birthdate,
 * place of birth, nationality, gender, website, vessel facts, directive
 * facts, ...), identityDocuments and relationships. Features and documents
 * are read through the US id table (us_ids.h), as in the classic XML.
 *
 * Source name: "ofac" when publicationInfo says the file is filtered to the
 * "SDN List", "ofac-cons" for the "Consolidated List"; without that, a file
 * name containing "cons" means the consolidated list.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embargo/country.h"
#include "sources/load.h"
#include "sources/us_ids.h"
#include "sources/xml_records.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/strmap.h"

typedef struct {
    const char *value;
    const char *iso;      /* isoCode of a COUNTRY value, or NULL */
} enh_ref;

typedef struct {
    arena mem;            /* keys and texts of the reference values */
    strmap index;         /* refId -> position in refs */
    enh_ref *refs;
    size_t n_refs, cap_refs;
    buf scratch;
    bool named;           /* the source name is set */
} enh_state;

/* ---- reference values ---- */

static bool enh_add_ref(enh_state *st, const char *id, const char *value, const char *iso) {
    if (st->n_refs == st->cap_refs) {
        size_t cap = st->cap_refs ? st->cap_refs * 2 : 256;
        enh_ref *grown = realloc(st->refs, cap * sizeof *grown);
        if (!grown) return false;
        st->refs = grown;
        st->cap_refs = cap;
    }
    const char *key = arena_strdup(&st->mem, id);
    enh_ref ref = {arena_strdup(&st->mem, value), arena_strdup(&st->mem, iso)};
    if (!key || (value && !ref.value) || (iso && !ref.iso)) return false;
    st->refs[st->n_refs] = ref;
    if (!strmap_put(&st->index, key, st->n_refs)) return false;
    st->n_refs++;
    return true;
}

static const enh_ref *enh_ref_of(const enh_state *st, xmlNodePtr node) {
    const char *id = xml_attr(node, "refId");
    size_t at;
    return id && strmap_get(&st->index, id, &at) ? &st->refs[at] : NULL;
}

/* NODE's text, or the text of the reference value its refId names. */
static const char *enh_text(const enh_state *st, xmlNodePtr node) {
    const char *text = xml_text(node);
    if (text && *text) return text;
    const enh_ref *ref = node ? enh_ref_of(st, node) : NULL;
    return ref ? ref->value : NULL;
}

/* A country element as text the country table knows: its name, else its isoCode. */
static const char *enh_country(const enh_state *st, xmlNodePtr node) {
    const char *text = enh_text(st, node);
    const enh_ref *ref = node ? enh_ref_of(st, node) : NULL;
    if ((!text || !embargo_country_code(text)) && ref && ref->iso) return ref->iso;
    return text;
}

/* ---- entities ---- */

#define ENH_EACH(node, list, var) \
    for (xmlNodePtr var = enh_list_first(node, list); var; var = var->next) \
        if (var->type == XML_ELEMENT_NODE)

static xmlNodePtr enh_list_first(xmlNodePtr node, const char *list) {
    xmlNodePtr l = xml_child(node, list);
    return l ? l->children : NULL;
}

static bool enh_true(xmlNodePtr node, const char *child) {
    const char *text = xml_child_text(node, child);
    return text && strcmp(text, "true") == 0;
}

static embargo_name_quality enh_name_quality(const enh_state *st, xmlNodePtr name) {
    if (enh_true(name, "isPrimary")) return EMBARGO_NAME_PRIMARY;
    if (enh_true(name, "isLowQuality")) return EMBARGO_NAME_WEAK;
    const char *alias = enh_text(st, xml_child(name, "aliasType"));
    if (alias && strcasecmp(alias, "F.K.A.") == 0) return EMBARGO_NAME_FORMER;
    return EMBARGO_NAME_STRONG;
}

static void enh_read_name(const enh_state *st, draft *d, xmlNodePtr name) {
    embargo_name_quality quality = enh_name_quality(st, name);
    ENH_EACH(name, "translations", tr) {
        const char *script = enh_text(st, xml_child(tr, "script"));
        bool latin = !script || strcasecmp(script, "Latin") == 0;
        embargo_name_quality q = quality;
        /* The primary name's other-script forms are names of the party, not a second primary. */
        if (!latin && q == EMBARGO_NAME_PRIMARY) q = EMBARGO_NAME_STRONG;
        const char *first = xml_child_text(tr, "formattedFirstName");
        const char *last = xml_child_text(tr, "formattedLastName");
        const char *full = first || last ? NULL : xml_child_text(tr, "formattedFullName");
        draft_add_name_parts(d, full, first, last, NULL, q, !latin, NULL);
    }
}

/* Address part types in the order they are joined into one line. */
static const char *const enh_address_parts[] = {
    "ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE", "REGION",
};

static void enh_read_address(enh_state *st, draft *d, xmlNodePtr address) {
    xmlNodePtr primary = NULL;
    ENH_EACH(address, "translations", tr) if (!primary || enh_true(tr, "isPrimary")) primary = tr;
    buf *line = &st->scratch;
    buf_clear(line);
    const char *city = NULL;
    for (size_t i = 0; i < sizeof enh_address_parts / sizeof *enh_address_parts; i++) {
        ENH_EACH(primary, "addressParts", part) {
            const char *type = enh_text(st, xml_child(part, "type"));
            const char *value = xml_child_text(part, "value");
            if (!type || !value || strcasecmp(type, enh_address_parts[i]) != 0) continue;
            if (i == 3 && !city) city = value;
            if (line->len) buf_puts(line, ", ");
            buf_puts(line, value);
        }
    }
    draft_add_address(d, line->len ? buf_str(line) : NULL, city,
                      enh_country(st, xml_child(address, "country")));
}

/* A birthdate: the value as OFAC writes it ("1962", "08 Jan 1984"), else its valueDate. */
static void enh_read_birth(load_ctx *ctx, draft *d, xmlNodePtr feature) {
    const char *value = xml_child_text(feature, "value");
    embargo_date date;
    if (value && date_parse(value, DATE_MONTH_FIRST, &date)) {
        draft_add_birth(d, &date);
        return;
    }
    xmlNodePtr vd = xml_child(feature, "valueDate");
    embargo_date from, to;
    const char *a = xml_child_text(vd, "fromDateBegin"), *b = xml_child_text(vd, "toDateEnd");
    if (a && b && date_parse(a, DATE_MONTH_FIRST, &from) && date_parse(b, DATE_MONTH_FIRST, &to)) {
        date = (embargo_date){from.from, to.from, enh_true(vd, "isApproximate")};
        draft_add_birth(d, &date);
    } else if (value || a) {
        load_warn(ctx, xmlGetLineNo(feature), "unreadable birthdate \"%s\"", value ? value : a);
    }
}

typedef enum {
    ENH_BIRTH, ENH_BIRTH_PLACE, ENH_NATIONALITY, ENH_CITIZENSHIP, ENH_FLAG, ENH_VESSEL_TYPE,
    ENH_TONNAGE, ENH_CALL_SIGN, ENH_OWNER, ENH_TITLE, ENH_OTHER
} enh_feature_role;

/* Feature types with a field of their own; the rest go through us_ids.h. */
static const struct {
    const char *type;
    enh_feature_role role;
} enh_features[] = {
    {"Birthdate", ENH_BIRTH}, {"Place of Birth", ENH_BIRTH_PLACE},
    {"Nationality Country", ENH_NATIONALITY}, {"Citizenship Country", ENH_CITIZENSHIP},
    {"Vessel Flag", ENH_FLAG}, {"VESSEL TYPE", ENH_VESSEL_TYPE},
    {"Vessel Gross Registered Tonnage", ENH_TONNAGE}, {"Vessel Tonnage", ENH_TONNAGE},
    {"Vessel Call Sign", ENH_CALL_SIGN}, {"Vessel Owner", ENH_OWNER}, {"Title", ENH_TITLE},
};

static enh_feature_role enh_feature_role_of(const char *type) {
    for (size_t i = 0; type && i < sizeof enh_features / sizeof *enh_features; i++)
        if (strcasecmp(type, enh_features[i].type) == 0) return enh_features[i].role;
    return ENH_OTHER;
}

static void enh_read_feature(load_ctx *ctx, enh_state *st, draft *d, xmlNodePtr feature) {
    xmlNodePtr type_node = xml_child(feature, "type");
    const char *type = enh_text(st, type_node);
    xmlNodePtr value_node = xml_child(feature, "value");
    const char *value = xml_text(value_node);
    const enh_ref *ref = NULL;
    const char *ref_id = xml_child_text(feature, "valueRefId");
    size_t at;
    if (ref_id && strmap_get(&st->index, ref_id, &at)) ref = &st->refs[at];
    if (!value && ref) value = ref->value;
    const char *country = ref && ref->iso && value && !embargo_country_code(value) ? ref->iso : value;
    const embargo_entity *e = draft_entity(d);
    switch (enh_feature_role_of(type)) {
    case ENH_BIRTH: enh_read_birth(ctx, d, feature); break;
    case ENH_BIRTH_PLACE: draft_add_birth_place(d, value); break;
    case ENH_NATIONALITY: draft_add_nationality(d, country); break;
    case ENH_CITIZENSHIP: draft_add_citizenship(d, country); break;
    case ENH_FLAG: draft_set_vessel(d, country, NULL, NULL); break;
    case ENH_VESSEL_TYPE: draft_set_vessel(d, NULL, value, NULL); break;
    case ENH_TONNAGE: if (!e->tonnage) draft_set_vessel(d, NULL, NULL, value); break;
    case ENH_CALL_SIGN: draft_add_identifier(d, EMBARGO_ID_CALL_SIGN, value, type, NULL, NULL); break;
    case ENH_OWNER: draft_add_link(d, "owned by", value); break;
    case ENH_TITLE: draft_add_title(d, value); break;
    case ENH_OTHER: us_id_add(d, type, value, NULL, xml_child_text(feature, "comments")); break;
    }
}

static void enh_read_document(const enh_state *st, draft *d, xmlNodePtr doc) {
    const char *note = enh_true(doc, "isValid") || !xml_child(doc, "isValid") ? NULL : "not valid";
    const char *country = enh_country(st, xml_child(doc, "issuingCountry"));
    if (!country) country = xml_child_text(doc, "issuingLocation");
    us_id_add(d, enh_text(st, xml_child(doc, "type")), xml_child_text(doc, "documentNumber"), country, note);
}

static void enh_read_relationship(enh_state *st, draft *d, xmlNodePtr rel) {
    const char *type = enh_text(st, xml_child(rel, "type"));
    buf *relation = &st->scratch;
    buf_clear(relation);
    for (const char *p = type ? type : "linked to"; *p; p++) buf_putc(relation, (char)tolower((unsigned char)*p));
    draft_add_link(d, buf_str(relation), xml_child_text(rel, "relatedEntity"));
}

static long enh_ymd_key(const embargo_ymd *ymd) {
    return ymd->year * 10000L + ymd->month * 100L + ymd->day;
}

/* Listing date: the earliest publication on a list other than the "Consolidated List" umbrella. */
static void enh_read_lists(enh_state *st, draft *d, xmlNodePtr entity) {
    embargo_date first = {{0, 0, 0}, {0, 0, 0}, 0};
    ENH_EACH(entity, "sanctionsLists", list) {
        const char *name = enh_text(st, list);
        const char *published = xml_attr(list, "datePublished");
        embargo_date date;
        if (name && strcasecmp(name, "Consolidated List") == 0) continue;
        if (!published || !date_parse(published, DATE_MONTH_FIRST, &date)) continue;
        if (first.from.year == 0 || enh_ymd_key(&date.from) < enh_ymd_key(&first.from)) first = date;
    }
    if (first.from.year) draft_set_listed(d, &first);
}

/* "Legal authorities: A; B" and the like, for the remarks. */
static void enh_remark_list(enh_state *st, draft *d, xmlNodePtr entity, const char *list, const char *label) {
    buf *text = &st->scratch;
    buf_clear(text);
    ENH_EACH(entity, list, item) {
        const char *value = enh_text(st, item);
        if (!value) continue;
        buf_puts(text, text->len ? "; " : label);
        buf_puts(text, value);
    }
    draft_add_remarks(d, text->len ? buf_str(text) : NULL);
}

static void enh_read_entity(load_ctx *ctx, enh_state *st, draft *d, xmlNodePtr entity) {
    draft_set_id(d, xml_attr(entity, "id"));
    xmlNodePtr info = xml_child(entity, "generalInfo");
    const char *type = enh_text(st, xml_child(info, "entityType"));
    draft_set_kind(d, embargo_kind_parse(type), type);
    draft_add_remarks(d, xml_child_text(info, "remarks"));
    draft_add_title(d, xml_child_text(info, "title"));
    enh_read_lists(st, d, entity);
    ENH_EACH(entity, "sanctionsPrograms", p) draft_add_program(d, enh_text(st, p));
    enh_remark_list(st, d, entity, "sanctionsLists", "Lists: ");
    enh_remark_list(st, d, entity, "legalAuthorities", "Legal authorities: ");
    ENH_EACH(entity, "names", name) enh_read_name(st, d, name);
    ENH_EACH(entity, "addresses", a) enh_read_address(st, d, a);
    ENH_EACH(entity, "features", f) enh_read_feature(ctx, st, d, f);
    ENH_EACH(entity, "identityDocuments", doc) enh_read_document(st, d, doc);
    ENH_EACH(entity, "relationships", rel) enh_read_relationship(st, d, rel);
}

/* ---- the document ---- */

static void enh_name_source(load_ctx *ctx, enh_state *st, const char *list) {
    if (st->named) return;
    const char *base = strrchr(ctx->path, '/');
    bool cons = list ? strcasecmp(list, "Consolidated List") == 0
                     : strcasestr(base ? base + 1 : ctx->path, "cons") != NULL;
    load_name_source(ctx, cons ? "ofac-cons" : "ofac");
    st->named = true;
}

static void enh_read_publication(load_ctx *ctx, enh_state *st, xmlNodePtr info) {
    const char *as_of = xml_child_text(info, "dataAsOf");
    if (as_of && strlen(as_of) >= 10) {
        char iso[11];
        memcpy(iso, as_of, 10);
        iso[10] = '\0';
        embargo_date date;
        if (date_parse(iso, DATE_MONTH_FIRST, &date) && date.from.day) load_set_published(ctx, iso);
        else load_warn(ctx, xmlGetLineNo(info), "unreadable dataAsOf \"%s\"", as_of);
    }
    xmlNodePtr lists = xml_child(xml_child(info, "filters"), "sanctionsLists");
    const char *list = NULL;
    for (xmlNodePtr l = lists ? lists->children : NULL; l && !list; l = l->next)
        if (xml_is(l, "sanctionsList")) list = xml_text(l);
    if (list) enh_name_source(ctx, st, list);
}

/* Handles the element NAME the reader is on; *DESCEND tells to read its children next. */
static embargo_status enh_element(load_ctx *ctx, xml_records *x, enh_state *st, const char *name,
                                  bool *descend) {
    *descend = strcmp(name, "referenceValues") == 0 || strcmp(name, "entities") == 0;
    bool ref = strcmp(name, "referenceValue") == 0, entity = strcmp(name, "entity") == 0;
    bool info = strcmp(name, "publicationInfo") == 0;
    if (!ref && !entity && !info) return EMBARGO_OK;
    xmlNodePtr node = xml_records_expand(x);
    if (!node) return xml_records_fail(x, ctx, "sanctionsData");
    if (info) {
        enh_read_publication(ctx, st, node);
    } else if (ref) {
        const char *id = xml_attr(node, "refId");
        if (id && !enh_add_ref(st, id, xml_child_text(node, "value"), xml_child_text(node, "isoCode")))
            return EMBARGO_ENOMEM;
    } else {
        enh_name_source(ctx, st, NULL);
        enh_read_entity(ctx, st, ctx->draft, node);
        return load_commit(ctx, ctx->draft, xmlGetLineNo(node));
    }
    return EMBARGO_OK;
}

static embargo_status enh_walk(load_ctx *ctx, xml_records *x, enh_state *st) {
    const char *name = NULL;
    int depth = 0;
    int rc = xml_records_next(x, false, &name, &depth);
    if (rc < 0) return xml_records_fail(x, ctx, "sanctionsData");
    if (rc == 0 || strcmp(name, "sanctionsData") != 0)
        return load_fail(ctx, 1, EMBARGO_EFORMAT, "not an OFAC Enhanced XML file (root <%s>)",
                         rc ? name : "none");
    rc = xml_records_next(x, false, &name, &depth);
    while (rc == 1) {
        bool descend = false;
        embargo_status status = enh_element(ctx, x, st, name, &descend);
        if (status != EMBARGO_OK) return status;
        rc = xml_records_next(x, !descend, &name, &depth);
    }
    return rc < 0 ? xml_records_fail(x, ctx, "sanctionsData") : EMBARGO_OK;
}

static embargo_status enh_load(load_ctx *ctx) {
    xml_records x;
    if (!xml_records_open(&x, ctx)) return EMBARGO_EIO;
    enh_state st;
    memset(&st, 0, sizeof st);
    arena_init(&st.mem);
    strmap_init(&st.index);
    buf_init(&st.scratch);
    embargo_status status = enh_walk(ctx, &x, &st);
    buf_free(&st.scratch);
    strmap_free(&st.index);
    free(st.refs);
    arena_free(&st.mem);
    xml_records_close(&x);
    return status;
}

/* <sanctionsData> in OFAC's ENHANCED_XML namespace. */
static int enh_sniff(const char *path, const char *head, size_t len) {
    (void)path;
    size_t n = len < 4096 ? len : 4096;
    if (!memmem(head, n, "<sanctionsData", 14)) return 0;
    return memmem(head, n, "ENHANCED_XML", 12) || memmem(head, len, "<referenceValues", 16) ? 95 : 50;
}

const source_format source_ofac_enhanced_xml = {
    .id = "ofac-enhanced-xml",
    .short_name = "ofac",
    .authority = "US Treasury OFAC",
    .sniff = enh_sniff,
    .load = enh_load,
};
