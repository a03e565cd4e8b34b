/*
 * fuzz_regimes.c - libFuzzer target for the regimes file reader
 * (regimes_load), checked against the real goods table (data/goods): any
 * bytes written to a file and loaded must give a set of measures or an
 * error naming the file, never a crash, leak or hang. A set that loads must
 * keep the reader's promises: every measure with an id, authority, citation
 * and a valid effect and direction, targets within their bounds, goods only
 * of known categories, and the queries the deal screen asks (regime_binds,
 * regime_in_force, regime_target_has) answer without fault.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_data.h"
#include "fuzz_load.h"
#include "screen/regimes.h"

static goods_table *goods;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    char err[1024];
    if (!goods_load(fuzz_data_path("data/goods/goods.txt"), &goods, err, sizeof err)) fuzz_data_fail("goods", err);
    return 0;
}

static void check_measure(const regime_measure *m) {
    goods_set known = 0;
    for (size_t i = 0; i < goods_category_count(goods); i++) known |= (goods_set)1 << i;
    if (!m->id || !*m->id || !m->authority || !m->citation || !*m->citation) abort();
    if (m->effect >= REGIME_EFFECT_COUNT || m->direction < REGIME_SUPPLY || m->direction > REGIME_BOTH) abort();
    if ((m->goods | m->except) & ~known) abort();
    for (size_t t = 0; t < m->n_targets; t++) {
        const regime_target *tg = &m->targets[t];
        if (tg->n_countries > REGIME_MAX_COUNTRIES) abort();
        for (size_t c = 0; c < tg->n_countries; c++)
            if (strlen(tg->countries[c]) != 2) abort();
        regime_target_has(tg, "KP");
        regime_target_has(tg, "RU");
    }
    static const char *const jurisdictions[] = {"UN", "US", "EU", "UK"};
    regime_binds(m, jurisdictions, 4);
    regime_binds(m, NULL, 0);
    regime_in_force(m, "2024-06-01");
    regime_in_force(m, "");
    regime_effect_name(m->effect);
    regime_direction_name(m->direction);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_write("regimes", ".txt", data, size);
    if (!path) return 0;
    char err[1024];
    regime_set *set = regimes_load(path, goods, err, sizeof err);
    if (!set) {
        if (!strstr(err, path)) abort(); /* an error must name the file */
        return 0;
    }
    for (size_t i = 0; i < set->n; i++) check_measure(&set->measures[i]);
    regimes_free(set);
    return 0;
}
