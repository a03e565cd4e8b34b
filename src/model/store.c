/*
 * store.c - the entity store: entities deep-copied into one arena, an array
 * in load order, and a hash map from id to position. Read-only once loaded,
 * so it can be shared by threads without locks.
 */
#include "model/store_int.h"

#include <stdlib.h>
#include <string.h>

embargo_store *embargo_store_new(void) {
    embargo_store *store = calloc(1, sizeof *store);
    if (!store) return NULL;
    arena_init(&store->mem);
    strmap_init(&store->by_id);
    buf_init(&store->error);
    return store;
}

void embargo_store_destroy(embargo_store *store) {
    if (!store) return;
    for (size_t i = 0; i < store->n_sources; i++) {
        free(store->sources[i].folder);
        free(store->sources[i].stem);
    }
    free(store->sources);
    free(store->entities);
    free(store->entity_source);
    strmap_free(&store->by_id);
    buf_free(&store->error);
    arena_free(&store->mem);
    free(store);
}

void embargo_store_set_diagnostics(embargo_store *store, embargo_diag_fn fn, void *user) {
    store->diag_fn = fn;
    store->diag_user = user;
}

const char *embargo_store_error(const embargo_store *store) {
    return buf_str(&store->error);
}

size_t embargo_store_count(const embargo_store *store) {
    return store->n_entities;
}

const embargo_entity *embargo_store_at(const embargo_store *store, size_t i) {
    return i < store->n_entities ? store->entities[i] : NULL;
}

const embargo_entity *embargo_store_get(const embargo_store *store, const char *id) {
    size_t i;
    return id && strmap_get(&store->by_id, id, &i) ? store->entities[i] : NULL;
}

size_t embargo_store_source_count(const embargo_store *store) {
    return store->n_sources;
}

const embargo_source *embargo_store_source(const embargo_store *store, size_t i) {
    return i < store->n_sources ? &store->sources[i].pub : NULL;
}

const embargo_source *embargo_store_source_of(const embargo_store *store,
                                              const embargo_entity *entity) {
    size_t i;
    if (!entity || !strmap_get(&store->by_id, entity->id, &i)) return NULL;
    return &store->sources[store->entity_source[i]].pub;
}

/* The folder name and stem of PATH, newly allocated. */
static void path_parts(const char *path, char **folder, char **stem) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t stem_len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    *stem = strndup(base, stem_len);
    if (!slash) {
        *folder = strdup("");
        return;
    }
    const char *start = slash;
    while (start > path && start[-1] != '/') start--;
    *folder = strndup(start, (size_t)(slash - start));
}

size_t store_add_source(embargo_store *store, const char *format, const char *authority,
                        const char *path, int reference_only) {
    if (store->n_sources == store->cap_sources) {
        size_t cap = store->cap_sources ? store->cap_sources * 2 : 8;
        store_source *sources = realloc(store->sources, cap * sizeof *sources);
        if (!sources) return (size_t)-1;
        store->sources = sources;
        store->cap_sources = cap;
    }
    store_source *s = &store->sources[store->n_sources];
    memset(s, 0, sizeof *s);
    s->pub.format = format;
    s->pub.authority = authority;
    s->pub.path = arena_strdup(&store->mem, path);
    s->pub.reference_only = reference_only;
    path_parts(path, &s->folder, &s->stem);
    if (!s->pub.path || !s->folder || !s->stem) {
        free(s->folder);
        free(s->stem);
        return (size_t)-1;
    }
    return store->n_sources++;
}

static bool source_name_taken(const embargo_store *store, size_t except, const char *name) {
    for (size_t i = 0; i < store->n_sources; i++)
        if (i != except && store->sources[i].pub.name && strcmp(store->sources[i].pub.name, name) == 0)
            return true;
    return false;
}

bool store_name_source(embargo_store *store, size_t i, const char *base) {
    store_source *s = &store->sources[i];
    buf name;
    buf_init(&name);
    buf_puts(&name, base);
    if (source_name_taken(store, i, buf_str(&name))) {
        buf_printf(&name, "@%s", s->folder);
        if (!s->folder[0] || source_name_taken(store, i, buf_str(&name))) {
            buf_clear(&name);
            buf_printf(&name, "%s@%s", base, s->stem);
        }
        for (int n = 2; source_name_taken(store, i, buf_str(&name)); n++) {
            buf_clear(&name);
            buf_printf(&name, "%s@%s.%d", base, s->stem, n);
        }
    }
    /* Ids must be plain text: folder and file names may hold anything. */
    for (size_t k = 0; k < name.len; k++)
        if ((unsigned char)name.data[k] <= ' ' || name.data[k] == ':' || name.data[k] == '/')
            name.data[k] = '_';
    s->pub.name = name.failed ? NULL : arena_strdup(&store->mem, buf_str(&name));
    buf_free(&name);
    return s->pub.name != NULL;
}

/* Copies an array of N items of SIZE bytes into the arena; sets *FAILED on OOM. */
static void *copy_array(arena *a, const void *items, size_t n, size_t size, bool *failed) {
    if (n == 0) return NULL;
    void *copy = arena_memdup(a, items, n, size);
    if (!copy) *failed = true;
    return copy;
}

static const char *copy_str(arena *a, const char *s, bool *failed) {
    if (!s) return NULL;
    const char *copy = arena_strdup(a, s);
    if (!copy) *failed = true;
    return copy;
}

/* Deep-copies the strings the arrays of E point to, in place. */
static void copy_entity_strings(arena *a, embargo_entity *e, bool *failed) {
    embargo_name *names = (embargo_name *)e->names;
    for (size_t i = 0; i < e->n_names; i++) {
        names[i].full = copy_str(a, names[i].full, failed);
        names[i].given = copy_str(a, names[i].given, failed);
        names[i].family = copy_str(a, names[i].family, failed);
        names[i].patronymic = copy_str(a, names[i].patronymic, failed);
    }
    embargo_place *places = (embargo_place *)e->birth_places;
    for (size_t i = 0; i < e->n_birth_places; i++) places[i].text = copy_str(a, places[i].text, failed);
    embargo_country *lists[3] = {(embargo_country *)e->nationalities,
                                 (embargo_country *)e->citizenships, (embargo_country *)e->countries};
    size_t counts[3] = {e->n_nationalities, e->n_citizenships, e->n_countries};
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < counts[l]; i++) lists[l][i].text = copy_str(a, lists[l][i].text, failed);
    embargo_address *addresses = (embargo_address *)e->addresses;
    for (size_t i = 0; i < e->n_addresses; i++) {
        addresses[i].text = copy_str(a, addresses[i].text, failed);
        addresses[i].city = copy_str(a, addresses[i].city, failed);
        addresses[i].country_text = copy_str(a, addresses[i].country_text, failed);
    }
    embargo_identifier *ids = (embargo_identifier *)e->identifiers;
    for (size_t i = 0; i < e->n_identifiers; i++) {
        ids[i].value = copy_str(a, ids[i].value, failed);
        ids[i].label = copy_str(a, ids[i].label, failed);
        ids[i].note = copy_str(a, ids[i].note, failed);
    }
    embargo_program *programs = (embargo_program *)e->programs;
    for (size_t i = 0; i < e->n_programs; i++) {
        programs[i].code = copy_str(a, programs[i].code, failed);
        /* regime ids are static strings from the regime table */
    }
    embargo_link *links = (embargo_link *)e->links;
    for (size_t i = 0; i < e->n_links; i++) {
        links[i].relation = copy_str(a, links[i].relation, failed);
        links[i].name = copy_str(a, links[i].name, failed);
        links[i].target_id = copy_str(a, links[i].target_id, failed);
    }
    const char **titles = (const char **)e->titles;
    for (size_t i = 0; i < e->n_titles; i++) titles[i] = copy_str(a, titles[i], failed);
    e->kind_text = copy_str(a, e->kind_text, failed);
    e->remarks = copy_str(a, e->remarks, failed);
    e->vessel_type = copy_str(a, e->vessel_type, failed);
    e->tonnage = copy_str(a, e->tonnage, failed);
}

static embargo_entity *copy_entity(arena *a, const embargo_entity *src, bool *failed) {
    embargo_entity *e = arena_alloc(a, sizeof *e);
    if (!e) {
        *failed = true;
        return NULL;
    }
    *e = *src;
    e->names = copy_array(a, src->names, src->n_names, sizeof *src->names, failed);
    e->births = copy_array(a, src->births, src->n_births, sizeof *src->births, failed);
    e->birth_places = copy_array(a, src->birth_places, src->n_birth_places, sizeof *src->birth_places, failed);
    e->nationalities = copy_array(a, src->nationalities, src->n_nationalities, sizeof *src->nationalities, failed);
    e->citizenships = copy_array(a, src->citizenships, src->n_citizenships, sizeof *src->citizenships, failed);
    e->countries = copy_array(a, src->countries, src->n_countries, sizeof *src->countries, failed);
    e->addresses = copy_array(a, src->addresses, src->n_addresses, sizeof *src->addresses, failed);
    e->identifiers = copy_array(a, src->identifiers, src->n_identifiers, sizeof *src->identifiers, failed);
    e->programs = copy_array(a, src->programs, src->n_programs, sizeof *src->programs, failed);
    e->links = copy_array(a, src->links, src->n_links, sizeof *src->links, failed);
    e->titles = copy_array(a, src->titles, src->n_titles, sizeof *src->titles, failed);
    if (*failed) return NULL;
    copy_entity_strings(a, e, failed);
    return *failed ? NULL : e;
}

static bool store_grow_entities(embargo_store *store) {
    if (store->n_entities < store->cap_entities) return true;
    size_t cap = store->cap_entities ? store->cap_entities * 2 : 1024;
    embargo_entity **entities = realloc(store->entities, cap * sizeof *entities);
    if (!entities) return false;
    store->entities = entities;
    size_t *sources = realloc(store->entity_source, cap * sizeof *sources);
    if (!sources) return false;
    store->entity_source = sources;
    store->cap_entities = cap;
    return true;
}

embargo_status store_add_entity(embargo_store *store, size_t source, const embargo_entity *entity) {
    store_source *s = &store->sources[source];
    buf id;
    buf_init(&id);
    buf_printf(&id, "%s:%s", s->pub.name, entity->source_id);
    if (id.failed) return EMBARGO_ENOMEM;
    if (strmap_get(&store->by_id, id.data, NULL)) {
        buf_free(&id);
        return EMBARGO_EINVAL;
    }
    bool failed = !store_grow_entities(store);
    embargo_entity *e = failed ? NULL : copy_entity(&store->mem, entity, &failed);
    if (e) {
        e->id = copy_str(&store->mem, id.data, &failed);
        e->source = s->pub.name;
        e->source_id = e->id ? e->id + strlen(s->pub.name) + 1 : NULL;
    }
    buf_free(&id);
    if (failed || !strmap_put(&store->by_id, e->id, store->n_entities)) return EMBARGO_ENOMEM;
    store->entities[store->n_entities] = e;
    store->entity_source[store->n_entities] = source;
    store->n_entities++;
    s->pub.n_entities++;
    s->pub.n_by_kind[e->kind < EMBARGO_KIND_COUNT ? e->kind : EMBARGO_KIND_UNKNOWN]++;
    return EMBARGO_OK;
}
