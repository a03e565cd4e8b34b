/*
 * us_ids.c - the label table behind us_ids.h. Labels match by prefix,
 * ignoring case, so "Passport" also covers "Passport No." and "Aircraft
 * Tail Number" needs no twin for each variant; more specific prefixes come
 * first. Labels that state a fact about the listing rather than identify the
 * party (directive dates, secondary sanctions risk, target type) go to the
 * remarks, where a reader still finds them.
 */
#include "sources/us_ids.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"

typedef struct {
    const char *prefix;
    us_id_kind kind;
} us_id_rule;

#define IDENT(t) {US_ID_IDENTIFIER, EMBARGO_ID_##t}
#define INFO {US_ID_REMARK, EMBARGO_ID_OTHER}

static const us_id_rule us_id_rules[] = {
    {"Gender", {US_ID_GENDER, EMBARGO_ID_OTHER}},
    {"Nationality of Registration", {US_ID_COUNTRY, EMBARGO_ID_OTHER}},
    /* Facts about the listing, not identifiers. */
    {"Secondary sanctions risk", INFO}, {"Executive Order", INFO}, {"Listing Date", INFO},
    {"Effective Date", INFO}, {"Purchase/Sales For Divestment", INFO}, {"Target Type", INFO},
    {"Organization Type", INFO}, {"Organization Established Date", INFO},
    {"Additional Sanctions Information", INFO}, {"CAATSA Section 235", INFO},
    {"Transactions Prohibited For Persons Owned or Controlled By", INFO},
    {"Issuer Name", INFO}, {"Aircraft Model", INFO}, {"Aircraft Manufacture Date", INFO},
    {"Aircraft Operator", INFO}, {"Aircraft Mode S Transponder Code", IDENT(AIRCRAFT)},
    {"Vessel Year of Build", INFO}, {"Other Vessel Type", INFO}, {"Other Vessel Flag", INFO},
    {"Other Vessel Call Sign", IDENT(CALL_SIGN)}, {"IFCA Determination", INFO},
    {"PEESA Information", INFO}, {"Former Vessel Flag", INFO},
    /* Identity documents and numbers. */
    {"Diplomatic Passport", IDENT(PASSPORT)}, {"Passport", IDENT(PASSPORT)},
    {"Stateless Person Passport", IDENT(PASSPORT)},
    {"National ID", IDENT(NATIONAL)}, {"National Foreign ID", IDENT(NATIONAL)},
    {"Identification Number", IDENT(NATIONAL)}, {"Personal ID", IDENT(NATIONAL)},
    {"Cedula", IDENT(NATIONAL)}, {"C.U.R.P.", IDENT(NATIONAL)}, {"CURP", IDENT(NATIONAL)},
    {"D.N.I.", IDENT(NATIONAL)}, {"DNI", IDENT(NATIONAL)}, {"SSN", IDENT(NATIONAL)},
    {"Kenyan ID", IDENT(NATIONAL)}, {"Residency Number", IDENT(NATIONAL)},
    {"Electoral Registry", IDENT(NATIONAL)}, {"Travel Document", IDENT(PASSPORT)},
    {"Tax ID", IDENT(TAX)}, {"V.A.T.", IDENT(TAX)}, {"VAT", IDENT(TAX)}, {"RUC", IDENT(TAX)},
    {"NIT", IDENT(TAX)}, {"R.F.C.", IDENT(TAX)}, {"RFC", IDENT(TAX)}, {"C.U.I.T.", IDENT(TAX)},
    {"CUIT", IDENT(TAX)}, {"INN", IDENT(TAX)}, {"Taxpayer", IDENT(TAX)},
    {"Registration", IDENT(REGISTRATION)}, {"Business Registration", IDENT(REGISTRATION)},
    {"Public Registration", IDENT(REGISTRATION)}, {"Company Number", IDENT(REGISTRATION)},
    {"C.R. No.", IDENT(REGISTRATION)}, {"Commercial Registry", IDENT(REGISTRATION)},
    {"Matricula Mercantil", IDENT(REGISTRATION)}, {"Government Gazette", IDENT(REGISTRATION)},
    {"Unified Social Credit Code", IDENT(REGISTRATION)}, {"Legal Entity Number", IDENT(REGISTRATION)},
    {"Chinese Commercial Code", IDENT(OTHER)}, {"Folio Mercantil", IDENT(REGISTRATION)},
    {"D-U-N-S", IDENT(REGISTRATION)}, {"Chamber of Commerce", IDENT(REGISTRATION)},
    {"RIF", IDENT(TAX)}, {"Italian Fiscal Code", IDENT(TAX)}, {"US FEIN", IDENT(TAX)},
    {"C.U.I.", IDENT(TAX)}, {"Cartilla de Servicio Militar", IDENT(NATIONAL)},
    {"Credencial electoral", IDENT(NATIONAL)}, {"Trade License", IDENT(REGISTRATION)},
    {"Certificate of Incorporation", IDENT(REGISTRATION)}, {"OGRN", IDENT(REGISTRATION)},
    {"Vessel Registration Identification", IDENT(IMO)}, {"IMO", IDENT(IMO)},
    {"MMSI", IDENT(MMSI)}, {"Call Sign", IDENT(CALL_SIGN)},
    {"SWIFT", IDENT(BIC)}, {"BIC", IDENT(BIC)},
    {"Digital Currency Address", IDENT(CRYPTO)},
    {"Aircraft", IDENT(AIRCRAFT)},
    {"Email", IDENT(EMAIL)}, {"Website", IDENT(WEBSITE)},
};

us_id_kind us_id_classify(const char *label) {
    us_id_kind other = IDENT(OTHER);
    if (!label) return other;
    while (*label == ' ') label++;
    for (size_t i = 0; i < sizeof us_id_rules / sizeof *us_id_rules; i++) {
        const char *prefix = us_id_rules[i].prefix;
        if (strncasecmp(label, prefix, strlen(prefix)) == 0) return us_id_rules[i].kind;
    }
    return other;
}

static embargo_gender us_gender(const char *value) {
    while (*value == ' ') value++;
    if (strncasecmp(value, "female", 6) == 0) return EMBARGO_GENDER_FEMALE;
    if (strncasecmp(value, "male", 4) == 0) return EMBARGO_GENDER_MALE;
    return EMBARGO_GENDER_UNKNOWN;
}

/* "Secondary sanctions risk: North Korea ...": the label, then the value. */
static void us_id_remark(draft *d, const char *label, const char *value) {
    buf text;
    buf_init(&text);
    if (label && *label) buf_printf(&text, "%s %s", label, value);
    else buf_puts(&text, value);
    /* A party listed twice (CSL rows per list) states the same facts twice. */
    const char *remarks = draft_entity(d)->remarks;
    if (!remarks || !strstr(remarks, buf_str(&text))) draft_add_remarks(d, buf_str(&text));
    buf_free(&text);
}

void us_id_add(draft *d, const char *label, const char *value, const char *country,
               const char *note) {
    if (!value || !*value) return;
    us_id_kind kind = us_id_classify(label);
    switch (kind.role) {
    case US_ID_GENDER: {
        embargo_gender g = us_gender(value);
        if (g != EMBARGO_GENDER_UNKNOWN) draft_set_gender(d, g);
        else us_id_remark(d, label, value);
        break;
    }
    case US_ID_COUNTRY:
        draft_add_country(d, value);
        break;
    case US_ID_REMARK:
        us_id_remark(d, label, value);
        break;
    case US_ID_IDENTIFIER:
        draft_add_identifier(d, kind.type, value, label, country, note);
        break;
    }
}
