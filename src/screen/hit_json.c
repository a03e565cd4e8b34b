/*
 * hit_json.c - see hit_json.h. The explanation lists each token pairing
 * (query token, listed token, how, similarity, share of the evidence) and
 * what each field beside the name added, so an analyst can say why.
 */
#include "screen/hit_json.h"

#include "util/json_writer.h"

#define R(x) json_writer_round(x)

static json_t *pairs_to_json(const embargo_hit *hit) {
    json_t *pairs = json_array();
    for (size_t i = 0; i < hit->n_pairs; i++) {
        const embargo_pair *p = &hit->pairs[i];
        json_array_append_new(pairs, json_pack("{s:s, s:s, s:s, s:f, s:f}", "query", p->query,
                                               "listed", p->listed, "how", p->how,
                                               "similarity", R(p->similarity), "weight", R(p->weight)));
    }
    return pairs;
}

json_t *hit_to_json(const embargo_hit *hit) {
    json_t *fields = json_pack("{s:f, s:f, s:f, s:f, s:b}", "dob", R(hit->dob_effect),
                               "country", R(hit->country_effect), "kind", R(hit->kind_effect),
                               "gender", R(hit->gender_effect), "identifier", hit->identifier_match);
    json_t *why = json_pack("{s:s, s:s, s:f, s:f, s:f, s:o, s:o}",
                            "matched_name", hit->matched_name ? hit->matched_name : "",
                            "quality", hit->matched_quality ? hit->matched_quality : "",
                            "name_score", R(hit->name_score), "query_coverage", R(hit->query_coverage),
                            "listed_coverage", R(hit->listed_coverage), "pairs", pairs_to_json(hit),
                            "fields", fields);
    return json_pack("{s:s, s:s, s:s, s:s, s:f, s:o}", "id", hit->entity_id ? hit->entity_id : "",
                     "name", hit->entity_name ? hit->entity_name : "",
                     "kind", embargo_kind_name(hit->kind), "regimes", hit->regimes ? hit->regimes : "",
                     "score", R(hit->score), "explanation", why);
}

static void put_real(json_writer *w, const char *key, double v) {
    json_writer_key(w, key);
    json_writer_real(w, v);
}

static void put_string(json_writer *w, const char *key, const char *v) {
    json_writer_key(w, key);
    json_writer_string(w, v);
}

static void write_pairs(json_writer *w, const embargo_hit *hit) {
    json_writer_key(w, "pairs");
    json_writer_array(w);
    for (size_t i = 0; i < hit->n_pairs; i++) {
        const embargo_pair *p = &hit->pairs[i];
        json_writer_object(w);
        put_string(w, "query", p->query);
        put_string(w, "listed", p->listed);
        put_string(w, "how", p->how);
        put_real(w, "similarity", p->similarity);
        put_real(w, "weight", p->weight);
        json_writer_end(w, '}');
    }
    json_writer_end(w, ']');
}

void hit_write_json(json_writer *w, const embargo_hit *hit) {
    json_writer_object(w);
    put_string(w, "id", hit->entity_id);
    put_string(w, "name", hit->entity_name);
    put_string(w, "kind", embargo_kind_name(hit->kind));
    put_string(w, "regimes", hit->regimes);
    put_real(w, "score", hit->score);
    json_writer_key(w, "explanation");
    json_writer_object(w);
    put_string(w, "matched_name", hit->matched_name);
    put_string(w, "quality", hit->matched_quality);
    put_real(w, "name_score", hit->name_score);
    put_real(w, "query_coverage", hit->query_coverage);
    put_real(w, "listed_coverage", hit->listed_coverage);
    write_pairs(w, hit);
    json_writer_key(w, "fields");
    json_writer_object(w);
    put_real(w, "dob", hit->dob_effect);
    put_real(w, "country", hit->country_effect);
    put_real(w, "kind", hit->kind_effect);
    put_real(w, "gender", hit->gender_effect);
    json_writer_key(w, "identifier");
    json_writer_bool(w, hit->identifier_match);
    json_writer_end(w, '}');
    json_writer_end(w, '}');
    json_writer_end(w, '}');
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
    int first = 1;
    write_field(out, "dob", hit->dob_effect, &first);
    write_field(out, "country", hit->country_effect, &first);
    write_field(out, "kind", hit->kind_effect, &first);
    write_field(out, "gender", hit->gender_effect, &first);
    if (hit->identifier_match) fprintf(out, "%sidentifier matches", first ? "; " : ", ");
    fputc('\n', out);
}
