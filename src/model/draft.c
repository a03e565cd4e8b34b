/*
 * draft.c - building one entity. Arrays grow on the heap and are kept between
 * records (draft_reset only sets counts to zero); strings live in a per-draft
 * arena that is freed on reset. A failed allocation sets a sticky flag that
 * load_commit() reports, so the many small adders need not return errors.
 */
#include "model/draft.h"

#include <stdlib.h>
#include <string.h>

#include "embargo/country.h"
#include "model/regime.h"
#include "util/buf.h"
#include "util/utf8.h"

#define VEC(type) struct { type *items; size_t n, cap; }

struct draft {
    arena strings;
    embargo_entity entity;
    VEC(embargo_name) names;
    VEC(embargo_date) births;
    VEC(embargo_place) birth_places;
    VEC(embargo_country) nationalities;
    VEC(embargo_country) citizenships;
    VEC(embargo_country) countries;
    VEC(embargo_address) addresses;
    VEC(embargo_identifier) identifiers;
    VEC(embargo_program) programs;
    VEC(embargo_link) links;
    VEC(const char *) titles;
    buf scratch;          /* cleaning workspace */
    buf remarks;
    size_t bad_utf8;
    bool failed;          /* sticky: out of memory */
};

/* Makes room for one more item in vector V; sets d->failed when it cannot. */
#define VEC_PUSH(d, v) vec_grow((void **)&(v).items, &(v).cap, (v).n, sizeof *(v).items, &(d)->failed)

static bool vec_grow(void **items, size_t *cap, size_t n, size_t size, bool *failed) {
    if (n < *cap) return true;
    size_t new_cap = *cap ? *cap * 2 : 4;
    void *p = realloc(*items, new_cap * size);
    if (!p) {
        *failed = true;
        return false;
    }
    *items = p;
    *cap = new_cap;
    return true;
}

draft *draft_new(void) {
    draft *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    arena_init(&d->strings);
    buf_init(&d->scratch);
    buf_init(&d->remarks);
    return d;
}

void draft_free(draft *d) {
    if (!d) return;
    arena_free(&d->strings);
    free(d->names.items);
    free(d->births.items);
    free(d->birth_places.items);
    free(d->nationalities.items);
    free(d->citizenships.items);
    free(d->countries.items);
    free(d->addresses.items);
    free(d->identifiers.items);
    free(d->programs.items);
    free(d->links.items);
    free(d->titles.items);
    buf_free(&d->scratch);
    buf_free(&d->remarks);
    free(d);
}

void draft_reset(draft *d) {
    arena_free(&d->strings);
    memset(&d->entity, 0, sizeof d->entity);
    d->names.n = d->births.n = d->birth_places.n = 0;
    d->nationalities.n = d->citizenships.n = d->countries.n = 0;
    d->addresses.n = d->identifiers.n = d->programs.n = 0;
    d->links.n = d->titles.n = 0;
    buf_clear(&d->remarks);
    d->bad_utf8 = 0;
    d->failed = false;
}

/* cp1252 characters for the C1 range 0x80-0x9F, 0 where cp1252 has none. */
static const int32_t cp1252_c1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* What cleaning does with CP: -1 drop it, ' ' make it a space, else keep (or map). */
static int32_t clean_code_point(int32_t cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C) return ' ';
    if (cp < 0x20 || cp == 0x7F) return -1;
    if (cp >= 0x80 && cp <= 0x9F) return cp1252_c1[cp - 0x80] ? cp1252_c1[cp - 0x80] : -1;
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0x2028: case 0x2029:
        return ' ';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x200E:
    case 0x200F: case 0x2060: case 0xFEFF: case 0x202A: case 0x202B:
    case 0x202C: case 0x202D: case 0x202E:
        return -1;
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) return ' ';
    return cp;
}

const char *draft_textn(draft *d, const char *s, size_t len) {
    if (!s) return NULL;
    buf *out = &d->scratch;
    buf_clear(out);
    bool pending_space = false;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        int n = p[i] < 0x80 ? (cp = p[i], 1) : utf8_decode(p + i, len - i, &cp);
        i += (size_t)n;
        if (cp < 0) {
            d->bad_utf8++;
            cp = 0xFFFD;
        }
        cp = clean_code_point(cp);
        if (cp < 0) continue;
        if (cp == ' ') {
            pending_space = out->len > 0;
            continue;
        }
        if (pending_space) buf_putc(out, ' ');
        pending_space = false;
        char enc[4];
        buf_append(out, enc, (size_t)utf8_encode(cp, enc));
    }
    if (out->failed) d->failed = true;
    if (out->len == 0) return NULL;
    char *copy = arena_strndup(&d->strings, out->data, out->len);
    if (!copy) d->failed = true;
    return copy;
}

const char *draft_text(draft *d, const char *s) {
    return s ? draft_textn(d, s, strlen(s)) : NULL;
}

size_t draft_bad_utf8(const draft *d) {
    return d->bad_utf8;
}

bool draft_failed(const draft *d) {
    return d->failed;
}

bool draft_is_empty(const draft *d) {
    return !d->entity.source_id || d->names.n == 0;
}

void draft_set_id(draft *d, const char *source_id) {
    d->entity.source_id = draft_text(d, source_id);
}

const char *draft_id(const draft *d) {
    return d->entity.source_id;
}

void draft_set_kind(draft *d, embargo_kind kind, const char *kind_text) {
    d->entity.kind = kind;
    d->entity.kind_text = draft_text(d, kind_text);
}

embargo_kind draft_kind(const draft *d) {
    return d->entity.kind;
}

static bool same_text(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool draft_push_name(draft *d, const embargo_name *name) {
    for (size_t i = 0; i < d->names.n; i++) {
        const embargo_name *old = &d->names.items[i];
        if (old->quality == name->quality && same_text(old->full, name->full)) return false;
    }
    if (!VEC_PUSH(d, d->names)) return false;
    bool first_primary = name->quality == EMBARGO_NAME_PRIMARY &&
                         (d->names.n == 0 || d->names.items[0].quality != EMBARGO_NAME_PRIMARY);
    if (first_primary && d->names.n > 0) {
        memmove(d->names.items + 1, d->names.items, d->names.n * sizeof *d->names.items);
        d->names.items[0] = *name;
    } else {
        d->names.items[d->names.n] = *name;
    }
    d->names.n++;
    return true;
}

bool draft_add_name_parts(draft *d, const char *full, const char *given,
                          const char *family, const char *patronymic,
                          embargo_name_quality quality, bool original_script,
                          const char *lang) {
    embargo_name name = {0};
    name.given = draft_text(d, given);
    name.family = draft_text(d, family);
    name.patronymic = draft_text(d, patronymic);
    name.full = draft_text(d, full);
    if (!name.full) {
        buf joined;
        buf_init(&joined);
        const char *parts[3] = {name.given, name.patronymic, name.family};
        for (int i = 0; i < 3; i++) {
            if (!parts[i]) continue;
            if (joined.len) buf_putc(&joined, ' ');
            buf_puts(&joined, parts[i]);
        }
        name.full = joined.len ? draft_text(d, joined.data) : NULL;
        buf_free(&joined);
    }
    if (!name.full) return false;
    name.quality = quality;
    name.original_script = original_script ? 1 : 0;
    if (lang) {
        strncpy(name.lang, lang, sizeof name.lang - 1);
        name.lang[sizeof name.lang - 1] = '\0';
    }
    return draft_push_name(d, &name);
}

bool draft_add_name(draft *d, const char *full, embargo_name_quality quality) {
    return draft_add_name_parts(d, full, NULL, NULL, NULL, quality, false, NULL);
}

size_t draft_name_count(const draft *d) {
    return d->names.n;
}

void draft_add_birth(draft *d, const embargo_date *date) {
    if (!date || date->from.year == 0) return;
    for (size_t i = 0; i < d->births.n; i++)
        if (memcmp(&d->births.items[i], date, sizeof *date) == 0) return;
    if (VEC_PUSH(d, d->births)) d->births.items[d->births.n++] = *date;
}

void draft_add_birth_place(draft *d, const char *text) {
    const char *clean = draft_text(d, text);
    if (!clean || !VEC_PUSH(d, d->birth_places)) return;
    embargo_place *place = &d->birth_places.items[d->birth_places.n++];
    place->text = clean;
    place->country[0] = '\0';
    /* "Pyongyang, Korea, North": the country is the longest tail that names one. */
    const char *code = NULL;
    for (const char *comma = strchr(clean, ','); comma && !code; comma = strchr(comma + 1, ','))
        code = embargo_country_code(comma + 1);
    if (!code) code = embargo_country_code(clean);
    if (code) memcpy(place->country, code, 3);
}

static void draft_push_one_country(draft *d, void *vec, const char *clean, const char *code);

/*
 * Adds the countries TEXT names to VEC: one, or each of a list ("(1) Russia
 * (2) Ukraine", "Russian and Ukrainian"), each with the text as written.
 */
static void draft_push_country(draft *d, void *vec, const char *text) {
    const char *clean = draft_text(d, text);
    if (!clean) return;
    const char *code = embargo_country_code(clean);
    const char *codes[8];
    size_t n = code ? 0 : embargo_country_codes(clean, codes, 8);
    if (n == 0) {
        draft_push_one_country(d, vec, clean, code);
        return;
    }
    for (size_t i = 0; i < n; i++) draft_push_one_country(d, vec, clean, codes[i]);
}

static void draft_push_one_country(draft *d, void *vec, const char *clean, const char *code) {
    VEC(embargo_country) *v = vec;
    for (size_t i = 0; i < v->n; i++) {
        if (code && strcmp(v->items[i].code, code) == 0) return;
        if (!code && strcmp(v->items[i].text, clean) == 0) return;
    }
    if (!vec_grow((void **)&v->items, &v->cap, v->n, sizeof *v->items, &d->failed)) return;
    embargo_country *c = &v->items[v->n++];
    c->text = clean;
    c->code[0] = '\0';
    if (code) memcpy(c->code, code, 3);
}

void draft_add_nationality(draft *d, const char *text) {
    draft_push_country(d, &d->nationalities, text);
}

void draft_add_citizenship(draft *d, const char *text) {
    draft_push_country(d, &d->citizenships, text);
}

void draft_add_country(draft *d, const char *text) {
    draft_push_country(d, &d->countries, text);
}

void draft_set_gender(draft *d, embargo_gender gender) {
    d->entity.gender = gender;
}

void draft_add_address(draft *d, const char *text, const char *city, const char *country) {
    embargo_address a = {0};
    a.text = draft_text(d, text);
    a.city = draft_text(d, city);
    a.country_text = draft_text(d, country);
    if (!a.text && !a.city && !a.country_text) return;
    const char *code = a.country_text ? embargo_country_code(a.country_text) : NULL;
    if (code) memcpy(a.country, code, 3);
    if (VEC_PUSH(d, d->addresses)) d->addresses.items[d->addresses.n++] = a;
}

void draft_add_identifier(draft *d, embargo_id_type type, const char *value,
                          const char *label, const char *country, const char *note) {
    embargo_identifier id = {0};
    id.type = type;
    id.value = draft_text(d, value);
    if (!id.value) return;
    for (size_t i = 0; i < d->identifiers.n; i++)
        if (d->identifiers.items[i].type == type &&
            strcmp(d->identifiers.items[i].value, id.value) == 0) return;
    id.label = draft_text(d, label);
    id.note = draft_text(d, note);
    const char *code = country ? embargo_country_code(country) : NULL;
    if (code) memcpy(id.country, code, 3);
    if (VEC_PUSH(d, d->identifiers)) d->identifiers.items[d->identifiers.n++] = id;
}

void draft_add_program(draft *d, const char *code) {
    const char *clean = draft_text(d, code);
    if (!clean) return;
    for (size_t i = 0; i < d->programs.n; i++)
        if (strcmp(d->programs.items[i].code, clean) == 0) return;
    if (!VEC_PUSH(d, d->programs)) return;
    embargo_program *p = &d->programs.items[d->programs.n++];
    p->code = clean;
    p->regime = regime_of_program(clean);
}

void draft_add_link(draft *d, const char *relation, const char *name) {
    embargo_link link = {0};
    link.name = draft_text(d, name);
    if (!link.name) return;
    link.relation = draft_text(d, relation ? relation : "linked to");
    if (VEC_PUSH(d, d->links)) d->links.items[d->links.n++] = link;
}

void draft_add_title(draft *d, const char *title) {
    const char *clean = draft_text(d, title);
    if (!clean) return;
    for (size_t i = 0; i < d->titles.n; i++)
        if (strcmp(d->titles.items[i], clean) == 0) return;
    if (VEC_PUSH(d, d->titles)) d->titles.items[d->titles.n++] = clean;
}

void draft_set_listed(draft *d, const embargo_date *date) {
    if (date) d->entity.listed = *date;
}

void draft_add_remarks(draft *d, const char *text) {
    if (!text || !*text) return;
    if (d->remarks.len) buf_puts(&d->remarks, "\n\n");
    buf_puts(&d->remarks, text);
    if (d->remarks.failed) d->failed = true;
}

void draft_set_vessel(draft *d, const char *flag, const char *type, const char *tonnage) {
    const char *code = flag ? embargo_country_code(flag) : NULL;
    if (code) memcpy(d->entity.flag, code, 3);
    if (type) d->entity.vessel_type = draft_text(d, type);
    if (tonnage) d->entity.tonnage = draft_text(d, tonnage);
}

const embargo_entity *draft_entity(const draft *d) {
    draft *m = (draft *)d; /* the entity view is rebuilt from the vectors */
    embargo_entity *e = &m->entity;
    e->names = d->names.items;
    e->n_names = d->names.n;
    e->births = d->births.items;
    e->n_births = d->births.n;
    e->birth_places = d->birth_places.items;
    e->n_birth_places = d->birth_places.n;
    e->nationalities = d->nationalities.items;
    e->n_nationalities = d->nationalities.n;
    e->citizenships = d->citizenships.items;
    e->n_citizenships = d->citizenships.n;
    e->countries = d->countries.items;
    e->n_countries = d->countries.n;
    e->addresses = d->addresses.items;
    e->n_addresses = d->addresses.n;
    e->identifiers = d->identifiers.items;
    e->n_identifiers = d->identifiers.n;
    e->programs = d->programs.items;
    e->n_programs = d->programs.n;
    e->links = d->links.items;
    e->n_links = d->links.n;
    e->titles = d->titles.items;
    e->n_titles = d->titles.n;
    e->remarks = d->remarks.len ? d->remarks.data : NULL;
    return e;
}
