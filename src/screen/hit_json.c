/*
 * hit_json.c - see hit_json.h. The explanation lists each token pairing
 * (query token, listed token, how, similarity, share of the evidence) and
 * what each field beside the name added, so an analyst can say why.
 */
#include "screen/hit_json.h"

static json_t *pairs_to_json(const embargo_hit *hit) {
    json_t *pairs = json_array();
    for (size_t i = 0; i < hit->n_pairs; i++) {
        const embargo_pair *p = &hit->pairs[i];
        json_array_append_new(pairs, json_pack("{s:s, s:s, s:s, s:f, s:f}", "query", p->query,
                                               "listed", p->listed, "how", p->how,
                                               "similarity", p->similarity, "weight", p->weight));
    }
    return pairs;
}

json_t *hit_to_json(const embargo_hit *hit) {
    json_t *fields = json_pack("{s:f, s:f, s:f, s:f, s:b}", "dob", hit->dob_effect,
                               "country", hit->country_effect, "kind", hit->kind_effect,
                               "gender", hit->gender_effect, "identifier", hit->identifier_match);
    json_t *why = json_pack("{s:s, s:s, s:f, s:f, s:f, s:o, s:o}",
                            "matched_name", hit->matched_name ? hit->matched_name : "",
                            "quality", hit->matched_quality ? hit->matched_quality : "",
                            "name_score", hit->name_score, "query_coverage", hit->query_coverage,
                            "listed_coverage", hit->listed_coverage, "pairs", pairs_to_json(hit),
                            "fields", fields);
    return json_pack("{s:s, s:s, s:s, s:s, s:f, s:o}", "id", hit->entity_id ? hit->entity_id : "",
                     "name", hit->entity_name ? hit->entity_name : "",
                     "kind", embargo_kind_name(hit->kind), "regimes", hit->regimes ? hit->regimes : "",
                     "score", hit->score, "explanation", why);
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
