/*
 * fuzz_deal.c - libFuzzer target for the deal JSON reader (deal_from_json)
 * and the deal screen behind `embargo deal` and POST /v1/deals: any bytes
 * as the body must give a deal or an error message, never a crash, leak or
 * hang. A deal that reads is screened against the real regimes and goods
 * (data/) and the sample lists (data/sample, indexed once), and the report
 * must carry a verdict the enum knows and serialize.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embargo/embargo.h"
#include "fuzz_data.h"
#include "screen/deal.h"

static goods_table *goods;
static regime_set *regimes;
static embargo_store *store;
static embargo_index *ix;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    char err[1024];
    if (!goods_load(fuzz_data_path("data/goods/goods.txt"), &goods, err, sizeof err)) fuzz_data_fail("goods", err);
    if (!(regimes = regimes_load(fuzz_data_path("data/regimes/regimes.txt"), goods, err, sizeof err)))
        fuzz_data_fail("regimes", err);
    store = embargo_store_new();
    if (!store || embargo_store_load_path(store, fuzz_data_path("data/sample")) != EMBARGO_OK)
        fuzz_data_fail("data/sample", store ? embargo_store_error(store) : "out of memory");
    if (embargo_index_build_memory(store, &ix, err, sizeof err) != EMBARGO_OK) fuzz_data_fail("index", err);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    json_t *in = json_loadb((const char *)data, size, 0, NULL);
    if (!in) return 0;
    char err[512];
    err[0] = '\0';
    deal *d = deal_from_json(in, err, sizeof err);
    json_decref(in);
    if (!d) {
        if (!err[0]) abort(); /* a refusal says why */
        return 0;
    }
    deal_context ctx = {regimes, goods, ix, store, -1, 0};
    deal_verdict v = DEAL_CLEAR;
    json_t *report = deal_screen(&ctx, d, &v);
    deal_free(d);
    if (!report) return 0; /* out of memory */
    if (v > DEAL_PROHIBITED) abort();
    const char *name = json_string_value(json_object_get(report, "verdict"));
    if (!name || strcmp(name, deal_verdict_name(v)) != 0) abort();
    char *text = json_dumps(report, JSON_COMPACT);
    if (!text) abort();
    free(text);
    json_decref(report);
    return 0;
}
