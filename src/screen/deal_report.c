/*
 * deal_report.c - a deal report (deal_screen's JSON) as text for people:
 * the verdict, each reason with its citation, each list hit, and what would
 * change the verdict.
 */
#include "screen/deal.h"

#include <ctype.h>
#include <string.h>

static const char *str(const json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void write_upper(const char *s, FILE *out) {
    for (; *s; s++) fputc(toupper((unsigned char)*s), out);
}

static void write_reasons(const json_t *reasons, FILE *out) {
    size_t i;
    json_t *r;
    if (json_array_size(reasons) == 0) return;
    fprintf(out, "\nreasons:\n");
    json_array_foreach(reasons, i, r) {
        fprintf(out, "  %-16s %s", str(r, "effect"), str(r, "measure"));
        if (*str(r, "instrument")) fprintf(out, "  (%s %s, %s)", str(r, "authority"), str(r, "instrument"), str(r, "provision"));
        fprintf(out, "\n      why:  %s\n", str(r, "why"));
        if (*str(r, "citation")) fprintf(out, "      cite: %s\n", str(r, "citation"));
        if (*str(r, "note")) fprintf(out, "      note: %s\n", str(r, "note"));
    }
}

static void write_hits(const json_t *hits, bool screened, FILE *out) {
    size_t i;
    json_t *h;
    if (!screened) {
        fprintf(out, "\nlist hits: parties not screened (no lists or index given)\n");
        return;
    }
    fprintf(out, "\nlist hits:%s\n", json_array_size(hits) ? "" : " none");
    json_array_foreach(hits, i, h) {
        fprintf(out, "  %s \"%s\": %.3f %s %s [%s] (%s)\n", str(h, "role"), str(h, "party"),
                json_number_value(json_object_get(h, "score")), str(h, "id"), str(h, "name"), str(h, "regimes"),
                str(h, "strength"));
        json_t *why = json_object_get(h, "explanation");
        fprintf(out, "      via \"%s\" (%s), name score %.3f\n", str(why, "matched_name"), str(why, "quality"),
                json_number_value(json_object_get(why, "name_score")));
    }
}

void deal_write_text(const json_t *report, FILE *out) {
    fprintf(out, "verdict: ");
    write_upper(str(report, "verdict"), out);
    fprintf(out, "%s%s\n", *str(report, "id") ? "  deal " : "", str(report, "id"));
    size_t i;
    json_t *g;
    fprintf(out, "\ngoods:\n");
    json_array_foreach(json_object_get(report, "goods"), i, g)
        fprintf(out, "  #%zu %s %s -> %s\n", i + 1, str(g, "hs"), str(g, "description"),
                *str(g, "categories") ? str(g, "categories") : "(unclassified)");
    write_reasons(json_object_get(report, "reasons"), out);
    write_hits(json_object_get(report, "hits"), json_is_true(json_object_get(report, "lists_screened")), out);
    json_t *changes = json_object_get(report, "changes");
    json_t *c;
    if (json_array_size(changes)) fprintf(out, "\nwhat would change the verdict:\n");
    json_array_foreach(changes, i, c) fprintf(out, "  - %s\n", json_string_value(c));
    json_t *reg = json_object_get(report, "regimes");
    fprintf(out, "\nregimes: %s, current to %s", str(reg, "file"), str(reg, "current"));
    if (*str(report, "note")) fprintf(out, "; %s", str(report, "note"));
    fputc('\n', out);
}
