/*
 * regime.h - sanctions program codes to normalized regime ids.
 *
 * Each source codes its programs its own way: OFAC "DPRK3", "NPWMD",
 * "RUSSIA-EO14024"; UN list types "DPRK", "Al-Qaida"; EU "EU-PRK"; UK
 * "Democratic People's Republic of Korea". One table (regime.c) maps them
 * to a short regime id ("dprk", "russia", "iran", "terrorism", ...).
 */
#ifndef EMBARGO_REGIME_H
#define EMBARGO_REGIME_H

/* The regime id of program CODE; "other" when the table does not know it. */
const char *regime_of_program(const char *code);

#endif
