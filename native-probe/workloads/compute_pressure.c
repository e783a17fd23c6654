/*
 * compute-pressure [ALLOCS] [MIB]: more local memory than the budget. Creates ALLOCS x MIB MiB
 * local allocations (default 24 x 16 MiB = 384 MiB against dxgsim's 256 MiB), makes them resident
 * four at a time so that later groups force earlier ones out, then asks for one 300 MiB allocation
 * to be made resident (more than the whole budget: ENOMEM expected), and finally runs work through
 * a hardware queue with increasing progress-fence ids. Destroys everything; exits 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "dxgscope/dxgsim.h"
#include "wl.h"

#define GROUP 4
#define BIG_SIZE (300 * WL_MIB)
#define SUBMITS 8

struct pressure {
    struct wl_dev d;
    struct d3dkmthandle ctx;
    struct wl_queue hwqueue;
    int have_hwqueue;
    struct wl_queue paging;
    struct wl_alloc *allocs;
    uint32_t count;
    uint64_t budget; /* the local budget it was told, 0 when the query failed */
};

/* A real host may not offer hardware queues (no hardware scheduling): run without them there. */
static int create_queue(struct pressure *p)
{
    if (wl_create_hwqueue(&p->d, p->ctx, &p->hwqueue) == 0) {
        p->have_hwqueue = 1;
        return 0;
    }
    if (p->d.is_sim) {
        return -1;
    }
    wl_info("no hardware queue on this adapter: the hardware-queue part is skipped");
    return 0;
}

static int build(struct pressure *p, uint64_t size)
{
    const struct wl_alloc_spec spec = {p->count, size, DXGSIM_LOCAL, WL_ALLOC_PLAIN};
    p->allocs = calloc(p->count, sizeof *p->allocs);
    if (!p->allocs || wl_setup(&p->d, WL_COMPUTE_PREFERRED) < 0 || wl_create_context(&p->d, 1, &p->ctx) < 0 ||
        create_queue(p) < 0 || wl_create_paging_queue(&p->d, &p->paging) < 0 ||
        wl_create_allocations(&p->d, &spec, p->allocs, NULL) < 0) {
        return -1;
    }
    /* what a user-mode driver asks before deciding what to make resident (and how a capture learns the budget) */
    uint64_t budget = 0, usage = 0;
    if (wl_query_budget(&p->d, DXGSIM_LOCAL, &budget, &usage) < 0) {
        return -1;
    }
    p->budget = budget;
    wl_info("local budget %llu MiB, usage %llu MiB", (unsigned long long)(budget / WL_MIB),
            (unsigned long long)(usage / WL_MIB));
    wl_info("device 0x%08x, context 0x%08x, hwqueue 0x%08x (progress fence 0x%08x), paging queue 0x%08x, "
            "%u x %llu MiB",
            p->d.device.v, p->ctx.v, p->hwqueue.handle.v, p->hwqueue.fence.v, p->paging.handle.v, p->count,
            (unsigned long long)(size / WL_MIB));
    return 0;
}

/* Each group waits for its paging fence before the next, so evictions happen group by group;
 * after each group the residency of every allocation is queried, which is how a user-mode driver
 * (and a capture) learns what the memory manager evicted. */
static int resident_in_groups(struct pressure *p)
{
    uint32_t *status = calloc(p->count, sizeof *status);
    if (!status) {
        return -1;
    }
    for (uint32_t first = 0; first < p->count; first += GROUP) {
        uint32_t n = p->count - first < GROUP ? p->count - first : GROUP;
        uint64_t trim = 0;
        if (wl_make_resident(&p->d, &p->paging, p->allocs + first, n, &trim) < 0 ||
            wl_query_residency(&p->d, p->allocs, p->count, status) < 0) {
            free(status);
            return -1;
        }
        uint32_t resident = 0;
        for (uint32_t i = 0; i < p->count; i++) {
            resident += status[i] != 3;
        }
        wl_info("group %u (allocations %u..%u) resident, num_bytes_to_trim %llu, %u of %u resident", first / GROUP,
                first, first + n - 1, (unsigned long long)trim, resident, p->count);
    }
    free(status);
    return 0;
}

/* dxgsim must refuse it outright; a real host (system memory) may well accept it. */
static int judge_big(const struct pressure *p, int r)
{
    if (r == -ENOMEM) {
        wl_info("expected failure: LX_DXMAKERESIDENT of 300 MiB: ENOMEM (larger than the %llu MiB budget)",
                (unsigned long long)(p->budget / WL_MIB));
        return 0;
    }
    if (!p->d.is_sim) {
        wl_info("not dxgsim: MakeResident of 300 MiB returned %d (%s), accepted", r, wl_errno_name(-r));
        return 0;
    }
    wl_info("UNEXPECTED: MakeResident of 300 MiB returned %d (%s), wanted ENOMEM", r, wl_errno_name(-r));
    return -1;
}

static int oversized(struct pressure *p)
{
    const struct wl_alloc_spec spec = {1, BIG_SIZE, DXGSIM_LOCAL, WL_ALLOC_PLAIN};
    struct wl_alloc big;
    if (wl_create_allocations(&p->d, &spec, &big, NULL) < 0) {
        return -1;
    }
    int ok = judge_big(p, wl_make_resident(&p->d, &p->paging, &big, 1, NULL)) == 0;
    ok &= wl_destroy_allocations(&p->d, &big, 1) == 0;
    return ok ? 0 : -1;
}

static int run_queue(struct pressure *p)
{
    if (!p->have_hwqueue || !p->d.submits) {
        wl_info("hardware-queue submissions skipped");
        return 0;
    }
    for (uint64_t id = 1; id <= SUBMITS; id++) {
        if (wl_submit_hwqueue(&p->d, &p->hwqueue, id) < 0) {
            return -1;
        }
    }
    if (wl_wait_cpu(&p->d, p->hwqueue.fence, SUBMITS, -1) < 0) {
        return -1;
    }
    wl_info("%d submissions done, progress fence reads %llu", SUBMITS,
            (unsigned long long)(p->hwqueue.fence_cpu ? *p->hwqueue.fence_cpu : 0));
    return 0;
}

static int destroy(struct pressure *p)
{
    int bad = wl_destroy_allocations(&p->d, p->allocs, p->count) < 0;
    if (p->have_hwqueue) {
        bad |= wl_destroy_hwqueue(&p->d, &p->hwqueue) < 0;
    }
    bad |= wl_destroy_paging_queue(&p->d, &p->paging) < 0;
    bad |= wl_destroy_context(&p->d, p->ctx) < 0;
    bad |= wl_teardown(&p->d) < 0;
    free(p->allocs);
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    wl_init("compute-pressure");
    struct pressure p = {0};
    p.count = wl_arg_u32(argc, argv, 1, 24, 1, D3DKMT_CREATEALLOCATION_MAX);
    uint64_t size = wl_arg_u32(argc, argv, 2, 16, 1, 4096) * WL_MIB;
    if (build(&p, size) < 0 || resident_in_groups(&p) < 0) {
        return 1;
    }
    int bad = oversized(&p) < 0;
    bad |= run_queue(&p) < 0;
    bad |= destroy(&p) < 0;
    if (!bad) {
        wl_info("everything destroyed");
    }
    return bad ? 1 : 0;
}
