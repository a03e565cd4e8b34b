/*
 * registry.c - the table of list formats. Detection asks every format's
 * sniffer and takes the surest; order matters only for ties.
 * Each entry is defined in its loader's own file.
 */
#include "sources/load.h"

extern const source_format source_un_xml;

extern const source_format source_ofac_csv;

extern const source_format source_ofac_alt;

extern const source_format source_ofac_add;

extern const source_format source_ofac_comments;

extern const source_format source_ofac_xml;

extern const source_format source_ofac_enhanced_xml;

extern const source_format source_bis_dpl;

extern const source_format source_csl;

extern const source_format source_uk_ofsi;

extern const source_format source_au_dfat;

extern const source_format source_eu_oj;

extern const source_format source_eu_fsf;

extern const source_format source_ca_sema;

extern const source_format source_ftm_json;

extern const source_format source_senzing_json;

const source_format *const source_formats[] = {
    &source_un_xml,

    &source_ofac_csv,
    &source_ofac_alt,
    &source_ofac_add,
    &source_ofac_comments,

    &source_ofac_xml,
    &source_ofac_enhanced_xml,

    &source_bis_dpl,

    &source_csl,

    &source_uk_ofsi,

    &source_au_dfat,

    &source_eu_oj, &source_eu_fsf,

    &source_ca_sema,

    &source_ftm_json, &source_senzing_json,

    NULL,
};
