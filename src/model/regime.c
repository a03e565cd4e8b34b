/*
 * regime.c - the program-to-regime table. Rules are tried in order; a rule
 * matches when its pattern occurs in the code, case-insensitively, at a word
 * start (so "IRAN" does not match "IRAQ", and "RUSSIA" matches
 * "RUSSIA-EO14024" and "CAATSA - RUSSIA"). More specific rules come first.
 */
#include "model/regime.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *pattern;
    const char *regime;
} regime_rule;

static const regime_rule regime_rules[] = {
    /* Korea */
    {"DPRK", "dprk"}, {"NKSPEA", "dprk"}, {"EU-PRK", "dprk"}, {"PRK", "dprk"},
    {"1718", "dprk"}, {"KOREA", "dprk"},
    /* Russia, Ukraine, Belarus */
    {"RUSSIA", "russia"}, {"EU-RUS", "russia"}, {"EU-UKR", "russia"}, {"UKRAINE", "russia"},
    {"CAATSA - RUSSIA", "russia"}, {"CYBER2", "cyber"}, {"BELARUS", "belarus"},
    {"EU-BLR", "belarus"},
    /* Middle East */
    {"IRGC", "iran"}, {"IFSR", "iran"}, {"IRAN", "iran"}, {"ISA", "iran"}, {"EU-IRN", "iran"},
    {"IRAQ", "iraq"}, {"SYRIA", "syria"}, {"EU-SYR", "syria"}, {"LEBANON", "lebanon"},
    {"YEMEN", "yemen"}, {"HOSTAGES", "hostages"},
    /* Terrorism */
    {"SDGT", "terrorism"}, {"SDT", "terrorism"}, {"FTO", "terrorism"}, {"Al-Qaida", "terrorism"},
    {"ISIL", "terrorism"}, {"Da'esh", "terrorism"}, {"TALIBAN", "afghanistan"},
    {"Taliban", "afghanistan"}, {"TERRORISM", "terrorism"}, {"Counter-Terrorism", "terrorism"},
    {"HAMAS", "terrorism"},
    /* Proliferation */
    {"NPWMD", "proliferation"}, {"NON-PROLIFERATION", "proliferation"}, {"CHEMICAL", "proliferation"},
    /* Narcotics and crime */
    {"SDNTK", "narcotics"}, {"SDNT", "narcotics"}, {"ILLICIT-DRUGS", "narcotics"}, {"NARCOTICS", "narcotics"},
    {"TCO", "crime"}, {"GLOMAG", "human-rights"}, {"HRIT", "human-rights"}, {"HUMAN RIGHTS", "human-rights"},
    {"CYBER", "cyber"}, {"ELECTION", "election"},
    /* Country programs */
    {"CUBA", "cuba"}, {"VENEZUELA", "venezuela"}, {"LIBYA", "libya"}, {"SOMALIA", "somalia"},
    {"SOUTH SUDAN", "south-sudan"}, {"SouthSudan", "south-sudan"}, {"SUDAN", "sudan"}, {"DARFUR", "sudan"}, {"DRC", "drc"}, {"CONGO", "drc"}, {"CAR", "car"},
    {"CENTRAL AFRICAN", "car"}, {"MALI", "mali"}, {"BURUNDI", "burundi"}, {"ZIMBABWE", "zimbabwe"},
    {"BALKANS", "balkans"}, {"BURMA", "myanmar"}, {"MYANMAR", "myanmar"}, {"NICARAGUA", "nicaragua"},
    {"HAITI", "haiti"}, {"GUINEA-BISSAU", "guinea-bissau"}, {"GB", "guinea-bissau"}, {"GUINEA", "guinea"}, {"ETHIOPIA", "ethiopia"}, {"HONG KONG", "china"},
    {"HK-EO13936", "china"}, {"CMIC", "china"}, {"AFGHANISTAN", "afghanistan"},
    /* US export control lists (Consolidated Screening List sources) */
    {"Entity List", "us-export-control"}, {"Denied Persons", "us-export-control"},
    {"Unverified List", "us-export-control"}, {"Military End User", "us-export-control"},
    {"ITAR", "us-export-control"}, {"AECA", "us-export-control"}, {"DTC", "us-export-control"},
    {"MEU", "us-export-control"}, {"UVL", "us-export-control"}, {"DPL", "us-export-control"},
    {"EL", "us-export-control"},
};

static bool is_word_start(const char *text, const char *at) {
    return at == text || !isalnum((unsigned char)at[-1]);
}

/* True when PATTERN occurs in TEXT at a word start, ignoring case. */
static bool contains_word(const char *text, const char *pattern) {
    size_t n = strlen(pattern);
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, pattern, n) == 0 && is_word_start(text, p)) {
            /* The pattern must also end at a word end when it ends in a letter. */
            unsigned char after = (unsigned char)p[n];
            if (!isalpha((unsigned char)pattern[n - 1]) || !isalpha(after)) return true;
        }
    }
    return false;
}

const char *regime_of_program(const char *code) {
    if (!code) return "other";
    for (size_t i = 0; i < sizeof regime_rules / sizeof *regime_rules; i++)
        if (contains_word(code, regime_rules[i].pattern)) return regime_rules[i].regime;
    return "other";
}
