/*
 * names.c - the words for the model's enums, as the CLI and JSON write them.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "embargo/entity.h"
#include "embargo/status.h"

static const char *const kind_names[EMBARGO_KIND_COUNT] = {
    "unknown", "person", "organization", "vessel", "aircraft",
};

/* Other words the lists and users use for a kind. */
static const struct {
    const char *word;
    embargo_kind kind;
} kind_words[] = {
    {"individual", EMBARGO_KIND_PERSON}, {"individuals", EMBARGO_KIND_PERSON},
    {"entity", EMBARGO_KIND_ORGANIZATION}, {"entities", EMBARGO_KIND_ORGANIZATION},
    {"company", EMBARGO_KIND_ORGANIZATION}, {"org", EMBARGO_KIND_ORGANIZATION},
    {"organisation", EMBARGO_KIND_ORGANIZATION}, {"legalentity", EMBARGO_KIND_ORGANIZATION},
    {"ship", EMBARGO_KIND_VESSEL}, {"vessel", EMBARGO_KIND_VESSEL},
    {"airplane", EMBARGO_KIND_AIRCRAFT}, {"plane", EMBARGO_KIND_AIRCRAFT},
};

const char *embargo_kind_name(embargo_kind kind) {
    return kind < EMBARGO_KIND_COUNT ? kind_names[kind] : "unknown";
}

embargo_kind embargo_kind_parse(const char *text) {
    if (!text) return EMBARGO_KIND_UNKNOWN;
    for (int k = 0; k < EMBARGO_KIND_COUNT; k++)
        if (strcasecmp(text, kind_names[k]) == 0) return (embargo_kind)k;
    for (size_t i = 0; i < sizeof kind_words / sizeof *kind_words; i++)
        if (strcasecmp(text, kind_words[i].word) == 0) return kind_words[i].kind;
    return EMBARGO_KIND_UNKNOWN;
}

const char *embargo_name_quality_name(embargo_name_quality quality) {
    static const char *const names[EMBARGO_NAME_COUNT] = {"primary", "strong", "weak", "former"};
    return quality < EMBARGO_NAME_COUNT ? names[quality] : "weak";
}

const char *embargo_id_type_name(embargo_id_type type) {
    static const char *const names[EMBARGO_ID_COUNT] = {
        "other", "passport", "national-id", "tax-id", "registration", "imo", "mmsi",
        "call-sign", "bic", "crypto", "aircraft", "email", "website",
    };
    return type < EMBARGO_ID_COUNT ? names[type] : "other";
}

const char *embargo_gender_name(embargo_gender gender) {
    switch (gender) {
    case EMBARGO_GENDER_MALE: return "male";
    case EMBARGO_GENDER_FEMALE: return "female";
    default: return "unknown";
    }
}

static int ymd_format(const embargo_ymd *d, char *buf, size_t size) {
    if (d->month == 0) return snprintf(buf, size, "%04d", d->year);
    if (d->day == 0) return snprintf(buf, size, "%04d-%02d", d->year, d->month);
    return snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
}

char *embargo_date_format(const embargo_date *date, char *buf, size_t size) {
    if (!size) return buf;
    buf[0] = '\0';
    if (!date || date->from.year == 0) return buf;
    size_t n = 0;
    if (date->circa && size > 1) buf[n++] = '~';
    int w = ymd_format(&date->from, buf + n, size - n);
    if (w < 0 || (size_t)w >= size - n) return buf;
    n += (size_t)w;
    if (memcmp(&date->from, &date->to, sizeof date->from) != 0 && date->to.year && n + 2 < size) {
        buf[n++] = '.';
        buf[n++] = '.';
        ymd_format(&date->to, buf + n, size - n);
    }
    return buf;
}

const char *embargo_status_text(embargo_status status) {
    switch (status) {
    case EMBARGO_OK: return "ok";
    case EMBARGO_ENOMEM: return "out of memory";
    case EMBARGO_EIO: return "input/output error";
    case EMBARGO_EFORMAT: return "bad format";
    case EMBARGO_EINVAL: return "invalid argument";
    case EMBARGO_ENOTFOUND: return "not found";
    case EMBARGO_ETRUNCATED: return "truncated input";
    case EMBARGO_EENCODING: return "invalid UTF-8";
    }
    return "unknown error";
}
