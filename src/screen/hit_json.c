/*
 * hit_json.c - see hit_json.h. The explanation lists each token pairing
 * (query token, listed token, how, similarity, share of the evidence) and
 * what each field beside the name added, so an analyst can say why.
 */
#include "screen/hit_json.h"

#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "util/json_dump.h"
#include "util/json_writer.h"
#include "util/utf8.h"

#define R(x) json_writer_round(x)

/*
 * The tree is built member by member, not with json_pack: a document scan
 * builds thousands of hits, and parsing pack formats cost as much as the
 * objects themselves. As with json_pack, a member that cannot be made (out
 * of memory, a string that is not UTF-8) makes the whole object NULL.
 *
 * A pool (hit_json_pool) shares what repeats from hit to hit: strings
 * (ids, names, regimes, the pairs' words and "how") cost two allocations
 * and a UTF-8 check each when made, a hash lookup when shared; most hits of
 * a text have no field effect, and share one "fields" object.
 */
#define POOL_MAX_STRINGS 100000 /* a fuller pool starts again (memory stays bounded) */

typedef struct {
    json_t *obj;
    bool failed;
    hit_json_pool *pool;         /* or NULL: every value made anew */
} tree_builder;

json_t *hit_json_string(hit_json_pool *pool, const char *s, size_t len) {
    if (!s) s = "", len = 0;
    if (!pool) return json_stringn(s, len);
    if (!pool->strings && !(pool->strings = json_object())) return NULL;
    json_t *known = json_object_getn(pool->strings, s, len);
    if (known) return json_incref(known);
    json_t *made = json_stringn(s, len);
    if (!made) return NULL;
    if (json_object_size(pool->strings) >= POOL_MAX_STRINGS) json_object_clear(pool->strings);
    json_object_setn_nocheck(pool->strings, s, len, made); /* valid UTF-8: json_stringn took it */
    return made;
}

void hit_json_pool_clear(hit_json_pool *pool) {
    json_decref(pool->strings);
    json_decref(pool->no_fields);
    json_decref(pool->pairs);
    *pool = (hit_json_pool){NULL, NULL, NULL};
}

static void tree_set(tree_builder *b, const char *key, json_t *value) {
    if (!value || !b->obj || json_object_set_new_nocheck(b->obj, key, value) != 0) b->failed = true;
}

static void tree_string(tree_builder *b, const char *key, const char *v) {
    tree_set(b, key, b->pool ? hit_json_string(b->pool, v, v ? strlen(v) : 0) : json_string(v ? v : ""));
}

static void tree_real(tree_builder *b, const char *key, double v) {
    tree_set(b, key, json_real(R(v)));
}

static json_t *tree_done(tree_builder *b) {
    if (!b->failed) return b->obj;
    json_decref(b->obj);
    return NULL;
}

static json_t *pair_to_json(const embargo_pair *p, hit_json_pool *pool) {
    tree_builder b = {json_object(), false, pool};
    tree_string(&b, "query", p->query);
    tree_string(&b, "listed", p->listed);
    tree_string(&b, "how", p->how);
    tree_real(&b, "similarity", p->similarity);
    tree_real(&b, "weight", p->weight);
    return tree_done(&b);
}

/* Appends S and its terminating NUL to KEY at *N (S NULL: as ""); false when KEY (SIZE bytes) is full. */
static bool key_put(char *key, size_t size, size_t *n, const void *s, size_t len) {
    if (*n + len + 1 > size) return false;
    memcpy(key + *n, s, len);
    *n += len;
    key[(*n)++] = '\0';
    return true;
}

/*
 * The pairing P's object, from POOL when an equal pairing made it: the same
 * words and how, and the same bits of both reals (the key holds them raw, so
 * equal keys give equal text). A document's hits pair the same words again
 * and again, and a pairing's object is a third of a hit's cost.
 */
static json_t *pair_pooled(const embargo_pair *p, hit_json_pool *pool) {
    char key[512];
    size_t n = 0;
    const char *parts[3] = {p->query ? p->query : "", p->listed ? p->listed : "", p->how ? p->how : ""};
    bool fits = true;
    for (size_t i = 0; fits && i < 3; i++) fits = key_put(key, sizeof key, &n, parts[i], strlen(parts[i]));
    fits = fits && key_put(key, sizeof key, &n, &p->similarity, sizeof p->similarity) &&
           key_put(key, sizeof key, &n, &p->weight, sizeof p->weight);
    if (!pool || !fits || (!pool->pairs && !(pool->pairs = json_object()))) return pair_to_json(p, pool);
    json_t *known = json_object_getn(pool->pairs, key, n);
    if (known) return json_incref(known);
    json_t *made = pair_to_json(p, pool);
    if (!made) return NULL;
    if (json_object_size(pool->pairs) >= POOL_MAX_STRINGS) json_object_clear(pool->pairs);
    json_object_setn_nocheck(pool->pairs, key, n, made); /* a key of raw bytes: json_object_getn finds it */
    return made;
}

static json_t *pairs_to_json(const embargo_hit *hit, hit_json_pool *pool) {
    json_t *pairs = json_array();
    for (size_t i = 0; pairs && i < hit->n_pairs; i++)
        json_array_append_new(pairs, pool ? pair_pooled(&hit->pairs[i], pool) : pair_to_json(&hit->pairs[i], NULL));
    return pairs;
}

static json_t *fields_to_json(const embargo_hit *hit) {
    tree_builder b = {json_object(), false, NULL};
    tree_real(&b, "dob", hit->dob_effect);
    tree_real(&b, "country", hit->country_effect);
    tree_real(&b, "kind", hit->kind_effect);
    tree_real(&b, "gender", hit->gender_effect);
    tree_set(&b, "identifier", json_boolean(hit->identifier_match));
    return tree_done(&b);
}

/* 0.0, not -0.0 (which would print as such). */
static bool plus_zero(double v) {
    return v == 0.0 && !signbit(v);
}

/* The "fields" object of HIT: POOL's shared one when no field moved the score. */
static json_t *fields_pooled(const embargo_hit *hit, hit_json_pool *pool) {
    bool none = plus_zero(hit->dob_effect) && plus_zero(hit->country_effect) && plus_zero(hit->kind_effect) &&
                plus_zero(hit->gender_effect) && !hit->identifier_match;
    if (!pool || !none) return fields_to_json(hit);
    if (!pool->no_fields) pool->no_fields = fields_to_json(hit);
    return json_incref(pool->no_fields);
}

json_t *hit_to_json(const embargo_hit *hit) {
    return hit_to_json_pooled(hit, NULL);
}

json_t *hit_to_json_pooled(const embargo_hit *hit, hit_json_pool *pool) {
    tree_builder why = {json_object(), false, pool};
    tree_string(&why, "matched_name", hit->matched_name);
    tree_string(&why, "quality", hit->matched_quality);
    tree_real(&why, "name_score", hit->name_score);
    tree_real(&why, "query_coverage", hit->query_coverage);
    tree_real(&why, "listed_coverage", hit->listed_coverage);
    if (hit->name_rule && *hit->name_rule) {
        tree_real(&why, "name_factor", hit->name_factor);
        tree_string(&why, "name_rule", hit->name_rule);
    }
    tree_set(&why, "pairs", pairs_to_json(hit, pool));
    tree_set(&why, "fields", fields_pooled(hit, pool));
    tree_builder b = {json_object(), false, pool};
    tree_string(&b, "id", hit->entity_id);
    tree_string(&b, "name", hit->entity_name);
    tree_string(&b, "kind", embargo_kind_name(hit->kind));
    tree_string(&b, "regimes", hit->regimes);
    tree_real(&b, "score", hit->score);
    tree_set(&b, "explanation", tree_done(&why));
    return tree_done(&b);
}

/*
 * The direct writer: the object's shape is fixed, so its keys and punctuation
 * go out as constant runs between the values (a hit is some forty members,
 * and member-by-member calls cost more than the text). Keys and their order
 * are those of hit_to_json; test_json_writer checks that both agree.
 */
#define LIT(b, text) json_writer_put(b, text, sizeof text - 1)

static void write_pair(buf *b, const embargo_pair *p, bool first) {
    if (first) LIT(b, "{\"query\":");
    else LIT(b, ",{\"query\":");
    json_writer_put_string(b, p->query);
    LIT(b, ",\"listed\":");
    json_writer_put_string(b, p->listed);
    LIT(b, ",\"how\":");
    json_writer_put_string(b, p->how);
    LIT(b, ",\"similarity\":");
    json_writer_put_real(b, p->similarity);
    LIT(b, ",\"weight\":");
    json_writer_put_real(b, p->weight);
    LIT(b, "}");
}

static void write_fields(buf *b, const embargo_hit *hit) {
    LIT(b, ",\"fields\":{\"dob\":");
    json_writer_put_real(b, hit->dob_effect);
    LIT(b, ",\"country\":");
    json_writer_put_real(b, hit->country_effect);
    LIT(b, ",\"kind\":");
    json_writer_put_real(b, hit->kind_effect);
    LIT(b, ",\"gender\":");
    json_writer_put_real(b, hit->gender_effect);
    if (hit->identifier_match) LIT(b, ",\"identifier\":true}");
    else LIT(b, ",\"identifier\":false}");
}

void hit_write_json(json_writer *w, const embargo_hit *hit) {
    buf *b = json_writer_raw(w);
    LIT(b, "{\"id\":");
    json_writer_put_string(b, hit->entity_id);
    LIT(b, ",\"name\":");
    json_writer_put_string(b, hit->entity_name);
    LIT(b, ",\"kind\":");
    json_writer_put_string(b, embargo_kind_name(hit->kind));
    LIT(b, ",\"regimes\":");
    json_writer_put_string(b, hit->regimes);
    LIT(b, ",\"score\":");
    json_writer_put_real(b, hit->score);
    LIT(b, ",\"explanation\":{\"matched_name\":");
    json_writer_put_string(b, hit->matched_name);
    LIT(b, ",\"quality\":");
    json_writer_put_string(b, hit->matched_quality);
    LIT(b, ",\"name_score\":");
    json_writer_put_real(b, hit->name_score);
    LIT(b, ",\"query_coverage\":");
    json_writer_put_real(b, hit->query_coverage);
    LIT(b, ",\"listed_coverage\":");
    json_writer_put_real(b, hit->listed_coverage);
    if (hit->name_rule && *hit->name_rule) {
        LIT(b, ",\"name_factor\":");
        json_writer_put_real(b, hit->name_factor);
        LIT(b, ",\"name_rule\":");
        json_writer_put_string(b, hit->name_rule);
    }
    LIT(b, ",\"pairs\":[");
    for (size_t i = 0; i < hit->n_pairs; i++) write_pair(b, &hit->pairs[i], i == 0);
    LIT(b, "]");
    write_fields(b, hit);
    LIT(b, "}}");
}

/*
 * A hit's constant text between its values in one layout (style and depth),
 * made once: hit_dump_laid writes the bytes jansson prints for hit_to_json's
 * tree (json_dump.h) with one copy a member instead of a key, a comma and an
 * indent. Each run is written
 * from a pattern (json_dump_glue's: a digit k is a new line indented for the
 * hit's depth plus k, ':' is the key's colon).
 */
enum {
    G_ID, G_NAME, G_KIND, G_REGIMES, G_SCORE, G_MATCHED, G_QUALITY, G_NAME_SCORE, G_QUERY_COVERAGE,
    G_LISTED_COVERAGE, G_NAME_FACTOR, G_NAME_RULE, G_NO_PAIRS, G_FIRST_PAIR, G_NEXT_PAIR, G_LISTED, G_HOW,
    G_SIMILARITY, G_WEIGHT, G_PAIRS_END, G_FIELDS, G_COUNTRY, G_KIND_EFFECT, G_GENDER, G_IDENTIFIER, G_END, N_GLUE
};
static const char *const glue_pattern[N_GLUE] = {
    [G_ID] = "{1\"id\":", [G_NAME] = ",1\"name\":", [G_KIND] = ",1\"kind\":", [G_REGIMES] = ",1\"regimes\":",
    [G_SCORE] = ",1\"score\":", [G_MATCHED] = ",1\"explanation\":{2\"matched_name\":", [G_QUALITY] = ",2\"quality\":",
    [G_NAME_SCORE] = ",2\"name_score\":", [G_QUERY_COVERAGE] = ",2\"query_coverage\":",
    [G_LISTED_COVERAGE] = ",2\"listed_coverage\":", [G_NAME_FACTOR] = ",2\"name_factor\":",
    [G_NAME_RULE] = ",2\"name_rule\":", [G_NO_PAIRS] = ",2\"pairs\":[]", [G_FIRST_PAIR] = ",2\"pairs\":[3{4\"query\":",
    [G_NEXT_PAIR] = "3},3{4\"query\":", [G_LISTED] = ",4\"listed\":", [G_HOW] = ",4\"how\":",
    [G_SIMILARITY] = ",4\"similarity\":", [G_WEIGHT] = ",4\"weight\":", [G_PAIRS_END] = "3}2]",
    [G_FIELDS] = ",2\"fields\":{3\"dob\":", [G_COUNTRY] = ",3\"country\":", [G_KIND_EFFECT] = ",3\"kind\":",
    [G_GENDER] = ",3\"gender\":", [G_IDENTIFIER] = ",3\"identifier\":", [G_END] = "2}1}0}",
};

struct hit_layout {
    json_dump_style style;
    buf glue[N_GLUE];
    buf no_fields;                /* "fields" up to "identifier"'s value when no field moved the score (most hits) */
};

/* The "fields" run of a hit none of whose fields moved the score: its glue and four zeros, as they print. */
static void lay_no_fields(hit_layout *l) {
    static const int runs[] = {G_FIELDS, G_COUNTRY, G_KIND_EFFECT, G_GENDER};
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        buf_append(&l->no_fields, l->glue[runs[i]].data, l->glue[runs[i]].len);
        json_dump_put_real(&l->no_fields, &l->style, NULL, 0.0);
    }
    buf_append(&l->no_fields, l->glue[G_IDENTIFIER].data, l->glue[G_IDENTIFIER].len);
}

hit_layout *hit_layout_new(const json_dump_style *style, int depth) {
    hit_layout *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->style = *style;
    bool failed = false;
    for (int g = 0; g < N_GLUE; g++) {
        buf *b = &l->glue[g];
        buf_init(b);
        json_dump_glue(b, style, depth, glue_pattern[g]);
        failed = failed || b->failed;
    }
    buf_init(&l->no_fields);
    lay_no_fields(l);
    if (failed || l->no_fields.failed) return hit_layout_free(l), NULL;
    return l;
}

void hit_layout_free(hit_layout *l) {
    for (int g = 0; l && g < N_GLUE; g++) buf_free(&l->glue[g]);
    if (l) buf_free(&l->no_fields);
    free(l);
}

static void glue(buf *out, const hit_layout *l, int g) {
    json_writer_put(out, l->glue[g].data, l->glue[g].len);
}

/* S (NULL: "") as a JSON string; false when it is not UTF-8 (json_string would make no string of it). */
static bool laid_string(buf *out, const char *s) {
    return json_dump_put_string(out, s ? s : "", s ? strlen(s) : 0);
}

/* V rounded as hit_to_json rounds it; false when that is not finite (json_real would make no real of it). */
static bool laid_real(buf *out, const hit_layout *l, json_dump_cache *cache, double v) {
    double r = R(v);
    if (!isfinite(r)) return false;
    json_dump_put_real(out, &l->style, cache, r);
    return true;
}

/* Whether each field's effect is +0.0 (R keeps it so): the fields print as hit_layout's no_fields run. */
static bool no_field_moved(const embargo_hit *hit) {
    return plus_zero(hit->dob_effect) && plus_zero(hit->country_effect) && plus_zero(hit->kind_effect) &&
           plus_zero(hit->gender_effect);
}

/*
 * The hit's values are checked as they are written (hit_json_valid's
 * checks, in one pass with the writing): a hit that makes no object is
 * written, then taken back.
 */
bool hit_dump_laid(buf *out, const hit_layout *l, json_dump_cache *cache, const embargo_hit *hit) {
    size_t mark = out->len;
    bool ok = true;
    glue(out, l, G_ID), ok &= laid_string(out, hit->entity_id);
    glue(out, l, G_NAME), ok &= laid_string(out, hit->entity_name);
    glue(out, l, G_KIND), laid_string(out, embargo_kind_name(hit->kind));
    glue(out, l, G_REGIMES), ok &= laid_string(out, hit->regimes);
    glue(out, l, G_SCORE), ok &= laid_real(out, l, cache, hit->score);
    glue(out, l, G_MATCHED), ok &= laid_string(out, hit->matched_name);
    glue(out, l, G_QUALITY), ok &= laid_string(out, hit->matched_quality);
    glue(out, l, G_NAME_SCORE), ok &= laid_real(out, l, cache, hit->name_score);
    glue(out, l, G_QUERY_COVERAGE), ok &= laid_real(out, l, cache, hit->query_coverage);
    glue(out, l, G_LISTED_COVERAGE), ok &= laid_real(out, l, cache, hit->listed_coverage);
    if (hit->name_rule && *hit->name_rule) {
        glue(out, l, G_NAME_FACTOR), ok &= laid_real(out, l, cache, hit->name_factor);
        glue(out, l, G_NAME_RULE), ok &= laid_string(out, hit->name_rule);
    }
    for (size_t i = 0; i < hit->n_pairs; i++) {
        const embargo_pair *p = &hit->pairs[i];
        glue(out, l, i == 0 ? G_FIRST_PAIR : G_NEXT_PAIR), ok &= laid_string(out, p->query);
        glue(out, l, G_LISTED), ok &= laid_string(out, p->listed);
        glue(out, l, G_HOW), ok &= laid_string(out, p->how);
        glue(out, l, G_SIMILARITY), ok &= laid_real(out, l, cache, p->similarity);
        glue(out, l, G_WEIGHT), ok &= laid_real(out, l, cache, p->weight);
    }
    glue(out, l, hit->n_pairs ? G_PAIRS_END : G_NO_PAIRS);
    if (no_field_moved(hit)) {
        json_writer_put(out, l->no_fields.data, l->no_fields.len);
    } else {
        glue(out, l, G_FIELDS), ok &= laid_real(out, l, cache, hit->dob_effect);
        glue(out, l, G_COUNTRY), ok &= laid_real(out, l, cache, hit->country_effect);
        glue(out, l, G_KIND_EFFECT), ok &= laid_real(out, l, cache, hit->kind_effect);
        glue(out, l, G_GENDER), ok &= laid_real(out, l, cache, hit->gender_effect);
        glue(out, l, G_IDENTIFIER);
    }
    json_writer_put(out, hit->identifier_match ? "true" : "false", hit->identifier_match ? 4 : 5);
    glue(out, l, G_END);
    if (!ok && !out->failed) out->len = mark, out->data[mark] = '\0';
    return ok;
}

static bool valid_string(const char *s) {
    return !s || utf8_valid(s, strlen(s), NULL);
}

static bool valid_real(double v) {
    return isfinite(R(v));
}

bool hit_json_valid(const embargo_hit *hit) {
    const char *strings[] = {hit->entity_id, hit->entity_name, hit->regimes, hit->matched_name, hit->matched_quality,
                             hit->name_rule};
    const double reals[] = {hit->score, hit->name_score, hit->query_coverage, hit->listed_coverage, hit->dob_effect, hit->country_effect, hit->kind_effect, hit->gender_effect};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        if (!valid_string(strings[i])) return false;
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++)
        if (!valid_real(reals[i])) return false;
    if (hit->name_rule && *hit->name_rule && !valid_real(hit->name_factor)) return false;
    for (size_t i = 0; i < hit->n_pairs; i++) {
        const embargo_pair *p = &hit->pairs[i];
        if (!valid_string(p->query) || !valid_string(p->listed) || !valid_string(p->how) ||
            !valid_real(p->similarity) || !valid_real(p->weight))
            return false;
    }
    return true;
}

static void write_field(FILE *out, const char *label, double effect, int *first) {
    if (effect == 0.0) return;
    fprintf(out, "%s%s %+.2f", *first ? "; fields: " : ", ", label, effect);
    *first = 0;
}

void hit_write_text(const embargo_hit *hit, FILE *out) {
    fprintf(out, "%.3f  %-24s %s  [%s%s%s]\n", hit->score, hit->entity_id ? hit->entity_id : "-",
            hit->entity_name ? hit->entity_name : "", embargo_kind_name(hit->kind),
            hit->regimes && *hit->regimes ? "; " : "", hit->regimes ? hit->regimes : "");
    fprintf(out, "       name %.3f via \"%s\" (%s):", hit->name_score,
            hit->matched_name ? hit->matched_name : "", hit->matched_quality ? hit->matched_quality : "");
    for (size_t i = 0; i < hit->n_pairs; i++) {
        const embargo_pair *p = &hit->pairs[i];
        fprintf(out, " %s=%s %s %.2f%s", p->query, p->listed, p->how, p->similarity,
                i + 1 < hit->n_pairs ? "," : "");
    }
    if (hit->name_rule && *hit->name_rule) fprintf(out, "; x%.2f: %s", hit->name_factor, hit->name_rule);
    int first = 1;
    write_field(out, "dob", hit->dob_effect, &first);
    write_field(out, "country", hit->country_effect, &first);
    write_field(out, "kind", hit->kind_effect, &first);
    write_field(out, "gender", hit->gender_effect, &first);
    if (hit->identifier_match) fprintf(out, "%sidentifier matches", first ? "; " : ", ");
    fputc('\n', out);
}
