/*
 * many-objects [COUNT] [BATCH]: a process with a large handle table, for testing tools at scale.
 * Creates COUNT device-owned 64 KiB non-local allocations (default 100,000) in CreateAllocation
 * calls of BATCH (default 1,000, at most 1,024), never makes them resident, then destroys them in
 * DestroyAllocation2 calls of BATCH, oldest first, and tears down. Exits 0.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dxgscope/dxgsim.h"
#include "wl.h"

int main(int argc, char **argv)
{
    wl_init("many-objects");
    uint32_t count = wl_arg_u32(argc, argv, 1, 100000, 1, 10000000);
    uint32_t batch = wl_arg_u32(argc, argv, 2, 1000, 1, D3DKMT_CREATEALLOCATION_MAX);
    struct wl_dev d;
    struct wl_alloc *allocs = calloc(count, sizeof *allocs);
    if (!allocs || wl_setup(&d, WL_RENDER) < 0) {
        return 1;
    }
    for (uint32_t first = 0; first < count; first += batch) {
        uint32_t n = count - first < batch ? count - first : batch;
        const struct wl_alloc_spec spec = {n, 64 << 10, DXGSIM_NON_LOCAL, WL_ALLOC_PLAIN};
        if (wl_create_allocations(&d, &spec, allocs + first, NULL) < 0) {
            return 1;
        }
    }
    wl_info("%u allocations alive on device 0x%08x", count, d.device.v);
    for (uint32_t first = 0; first < count; first += batch) {
        uint32_t n = count - first < batch ? count - first : batch;
        if (wl_destroy_allocations(&d, allocs + first, n) < 0) {
            return 1;
        }
    }
    int bad = wl_teardown(&d) < 0;
    free(allocs);
    wl_info("all %u destroyed", count);
    return bad;
}
