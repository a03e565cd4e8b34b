/*
 * entity.h - the one entity model every list format is loaded into.
 *
 * An entity is a listed party: a person, organization, vessel or aircraft,
 * as one publisher lists it. Entities are owned by an embargo_store (see
 * store.h) and are read-only to callers: every pointer below stays valid
 * until the store is destroyed. Strings are UTF-8 and NUL-terminated; an
 * absent string is NULL, never "". Countries are ISO 3166-1 alpha-2 codes
 * ("KP", "RU"); an unknown country is "" (the code is empty) and its text,
 * where the source gave one, is kept beside it.
 */
#ifndef EMBARGO_ENTITY_H
#define EMBARGO_ENTITY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    EMBARGO_KIND_UNKNOWN = 0,
    EMBARGO_KIND_PERSON,
    EMBARGO_KIND_ORGANIZATION,
    EMBARGO_KIND_VESSEL,
    EMBARGO_KIND_AIRCRAFT,
    EMBARGO_KIND_COUNT
} embargo_kind;

/* How much a name can be trusted to name the party. */
typedef enum {
    EMBARGO_NAME_PRIMARY = 0, /* the publisher's main name */
    EMBARGO_NAME_STRONG,      /* a.k.a., good quality */
    EMBARGO_NAME_WEAK,        /* a.k.a., low quality (OFAC "weak", UN "Low") */
    EMBARGO_NAME_FORMER,      /* f.k.a., formerly known as */
    EMBARGO_NAME_COUNT
} embargo_name_quality;

typedef enum {
    EMBARGO_GENDER_UNKNOWN = 0,
    EMBARGO_GENDER_MALE,
    EMBARGO_GENDER_FEMALE
} embargo_gender;

typedef enum {
    EMBARGO_ID_OTHER = 0,
    EMBARGO_ID_PASSPORT,
    EMBARGO_ID_NATIONAL,      /* national identity number or card */
    EMBARGO_ID_TAX,           /* tax id, INN, TIN */
    EMBARGO_ID_REGISTRATION,  /* company registration number, OGRN */
    EMBARGO_ID_IMO,
    EMBARGO_ID_MMSI,
    EMBARGO_ID_CALL_SIGN,
    EMBARGO_ID_BIC,           /* SWIFT/BIC */
    EMBARGO_ID_CRYPTO,        /* digital currency address */
    EMBARGO_ID_AIRCRAFT,      /* aircraft serial or tail number */
    EMBARGO_ID_EMAIL,
    EMBARGO_ID_WEBSITE,
    EMBARGO_ID_COUNT
} embargo_id_type;

/* A name as the source writes it, with its parts where the source gives them. */
typedef struct {
    const char *full;             /* whole name as written, never NULL */
    const char *given;            /* given name(s), or NULL */
    const char *family;           /* family name, or NULL */
    const char *patronymic;       /* or NULL */
    embargo_name_quality quality;
    uint8_t original_script;      /* 1 when written in the party's own script */
    char lang[4];                 /* ISO 639 code where the source gives it, else "" */
} embargo_name;

/* A calendar date with optional parts: year 0 unknown, month/day 0 unknown. */
typedef struct {
    int16_t year;
    uint8_t month;
    uint8_t day;
} embargo_ymd;

/*
 * A date as sources state it: exact (from == to), year or month only (the
 * missing parts are 0), or a range "between 1950 and 1955" (from < to).
 */
typedef struct {
    embargo_ymd from;
    embargo_ymd to;
    uint8_t circa;                /* "approximately", "circa" */
} embargo_date;

typedef struct {
    embargo_id_type type;
    const char *value;            /* as written, never NULL */
    const char *label;            /* the source's own type text, e.g. "Passport" */
    char country[3];              /* issuing country, or "" */
    const char *note;             /* "expires 17 Mar 2014", or NULL */
} embargo_identifier;

typedef struct {
    const char *text;             /* street, city, region as one line, or NULL */
    const char *city;             /* or NULL */
    char country[3];              /* or "" */
    const char *country_text;     /* the country as written, or NULL */
} embargo_address;

/* A place as written, with its country where it can be told. */
typedef struct {
    const char *text;
    char country[3];
} embargo_place;

/* One country code with the text it was read from. */
typedef struct {
    char code[3];                 /* "" when the text names no known country */
    const char *text;
} embargo_country;

/*
 * A sanctions program as the source codes it ("DPRK3", "RUSSIA-EO14024",
 * UN "DPRK") and the normalized regime it belongs to ("dprk", "russia").
 */
typedef struct {
    const char *code;
    const char *regime;           /* normalized regime id, never NULL ("other") */
} embargo_program;

/* A link to another party: "Linked To: X" (OFAC), owner, vessel operator. */
typedef struct {
    const char *relation;         /* "linked to", "owned by", ... */
    const char *name;             /* the other party as named, never NULL */
    const char *target_id;        /* resolved entity id, or NULL */
} embargo_link;

typedef struct embargo_entity {
    const char *id;               /* "SOURCE:ID", unique in the store */
    const char *source;           /* short source name, e.g. "un", "ofac" */
    const char *source_id;        /* the publisher's own id: "KPi.033", "20157" */
    embargo_kind kind;
    const char *kind_text;        /* the source's own type text, or NULL */

    const embargo_name *names;    /* names[0] is the primary name */
    size_t n_names;

    const embargo_date *births;   /* dates of birth, or of build for vessels */
    size_t n_births;
    const embargo_place *birth_places;
    size_t n_birth_places;
    const embargo_country *nationalities;
    size_t n_nationalities;
    const embargo_country *citizenships;
    size_t n_citizenships;
    const embargo_country *countries; /* other countries tied to the party */
    size_t n_countries;
    embargo_gender gender;

    const embargo_address *addresses;
    size_t n_addresses;
    const embargo_identifier *identifiers;
    size_t n_identifiers;
    const embargo_program *programs;
    size_t n_programs;
    const embargo_link *links;
    size_t n_links;
    const char *const *titles;    /* "Minister of Defence", "General" */
    size_t n_titles;

    embargo_date listed;          /* listing date, all 0 when unknown */
    const char *remarks;          /* free text, or NULL */

    /* Vessels */
    char flag[3];                 /* flag state, or "" */
    const char *vessel_type;      /* or NULL */
    const char *tonnage;          /* or NULL */
} embargo_entity;

/* Lower-case names: "person", "organization", "vessel", "aircraft", "unknown". */
const char *embargo_kind_name(embargo_kind kind);
/* Parses such a name (case-insensitive, also "individual", "entity", "ship"). */
embargo_kind embargo_kind_parse(const char *text);
const char *embargo_name_quality_name(embargo_name_quality quality);
const char *embargo_id_type_name(embargo_id_type type);
const char *embargo_gender_name(embargo_gender gender);

/*
 * Writes DATE as ISO text into BUF: "1984-01-08", "1984-01", "1984",
 * "1950..1955", with a leading "~" when circa. Returns BUF.
 */
char *embargo_date_format(const embargo_date *date, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
