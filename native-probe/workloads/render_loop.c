/*
 * render-loop [FRAMES] [FRAME_MS]: a well-behaved renderer (FRAME_MS paces frames, default 0). Two contexts, a paging queue, 8 x 4 MiB local
 * allocations made resident once, then per frame a submit on context 0, a GPU signal of a
 * monitored fence with the frame number and a CPU wait for it. Destroys everything; exits 0.
 */
#include <stdio.h>

#include <time.h>

#include "dxgscope/dxgsim.h"

#include "wl.h"

#define ALLOC_COUNT 8
#define ALLOC_SIZE (4 * WL_MIB)
#define DEFAULT_FRAMES 60

struct scene {
    struct wl_dev d;
    struct d3dkmthandle ctx[2];
    struct wl_queue paging;
    struct wl_alloc allocs[ALLOC_COUNT];
    struct wl_fence fence;
};

static int build(struct scene *s)
{
    const struct wl_alloc_spec spec = {ALLOC_COUNT, ALLOC_SIZE, DXGSIM_LOCAL, WL_ALLOC_PLAIN};
    if (wl_setup(&s->d, WL_RENDER) < 0 || wl_create_context(&s->d, 0, &s->ctx[0]) < 0 ||
        wl_create_context(&s->d, 0, &s->ctx[1]) < 0 || wl_create_paging_queue(&s->d, &s->paging) < 0 ||
        wl_create_allocations(&s->d, &spec, s->allocs, NULL) < 0) {
        return -1;
    }
    /* 32 MiB in one MakeResident: well inside dxgsim's 256 MiB local budget, nothing evicted. */
    if (wl_make_resident(&s->d, &s->paging, s->allocs, ALLOC_COUNT, NULL) < 0 ||
        wl_create_fence(&s->d, 0, &s->fence) < 0) {
        return -1;
    }
    wl_info("device 0x%08x, contexts 0x%08x 0x%08x, paging queue 0x%08x, fence 0x%08x", s->d.device.v,
            s->ctx[0].v, s->ctx[1].v, s->paging.handle.v, s->fence.handle.v);
    return 0;
}

static int frame(struct scene *s, uint64_t n)
{
    if (wl_submit(&s->d, s->ctx[0]) < 0 || wl_signal_gpu(&s->d, s->ctx[0], s->fence.handle, n) < 0) {
        return -1;
    }
    return wl_wait_cpu(&s->d, s->fence.handle, n, -1);
}

static int destroy(struct scene *s)
{
    int bad = 0;
    bad |= wl_destroy_sync(&s->d, s->fence.handle) < 0;
    bad |= wl_destroy_allocations(&s->d, s->allocs, ALLOC_COUNT) < 0;
    bad |= wl_destroy_paging_queue(&s->d, &s->paging) < 0;
    bad |= wl_destroy_context(&s->d, s->ctx[1]) < 0;
    bad |= wl_destroy_context(&s->d, s->ctx[0]) < 0;
    bad |= wl_teardown(&s->d) < 0;
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    wl_init("render-loop");
    uint32_t frames = wl_arg_u32(argc, argv, 1, DEFAULT_FRAMES, 1, 1000000);
    uint32_t frame_ms = wl_arg_u32(argc, argv, 2, 0, 0, 1000);
    struct scene s = {0};
    if (build(&s) < 0) {
        return 1;
    }
    for (uint32_t n = 1; n <= frames; n++) {
        if (frame(&s, n) < 0) {
            wl_info("frame %u failed", n);
            return 1;
        }
        if (frame_ms) {
            struct timespec pause = {0, (long)frame_ms * 1000000L};
            nanosleep(&pause, NULL);
        }
    }
    wl_info("%u frames rendered", frames);
    if (destroy(&s) < 0) {
        return 1;
    }
    wl_info("everything destroyed");
    return 0;
}
