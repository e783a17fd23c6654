/*
 * stuck-wait [SECONDS]: waits that never complete. A GPU signal of 1 and a blocking CPU wait for
 * 1 (completes); then a GPU wait for 7 queued on the context with a submit behind it (neither can
 * ever run), and an asynchronous CPU wait for 5 with an eventfd that is polled for SECONDS and
 * times out. Nobody ever signals 5 or 7. Reports the timeout, destroys everything, exits 0.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "wl.h"

#define SIGNALLED 1
#define NEVER_CPU 5
#define NEVER_GPU 7

struct stuck {
    struct wl_dev d;
    struct d3dkmthandle ctx;
    struct wl_fence fence;
    int event_fd;
};

static int build(struct stuck *s)
{
    if (wl_setup(&s->d, WL_RENDER) < 0 || wl_create_context(&s->d, 0, &s->ctx) < 0 ||
        wl_create_fence(&s->d, 0, &s->fence) < 0) {
        return -1;
    }
    wl_info("device 0x%08x, context 0x%08x, fence 0x%08x", s->d.device.v, s->ctx.v, s->fence.handle.v);
    return 0;
}

/* The GPU wait goes after the completed wait: queued earlier it would block the signal of 1. */
static int queue_waits(struct stuck *s)
{
    if (wl_signal_gpu(&s->d, s->ctx, s->fence.handle, SIGNALLED) < 0 ||
        wl_wait_cpu(&s->d, s->fence.handle, SIGNALLED, -1) < 0) {
        return -1;
    }
    wl_info("fence reached %d", SIGNALLED);
    if (wl_wait_gpu(&s->d, s->ctx, s->fence.handle, NEVER_GPU) < 0 || wl_submit(&s->d, s->ctx) < 0) {
        return -1;
    }
    wl_info("queued a GPU wait for %d%s on context 0x%08x", NEVER_GPU, s->d.submits ? " and a submit behind it" : "",
            s->ctx.v);
    s->event_fd = eventfd(0, EFD_CLOEXEC);
    if (s->event_fd < 0) {
        wl_report("eventfd", -1, errno);
        return -1;
    }
    return wl_wait_cpu(&s->d, s->fence.handle, NEVER_CPU, s->event_fd);
}

static int expect_timeout(const struct stuck *s, uint32_t seconds)
{
    struct pollfd p = {s->event_fd, POLLIN, 0};
    int r;
    do {
        r = poll(&p, 1, (int)(seconds * 1000));
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        wl_report("poll(eventfd)", r, errno);
        return -1;
    }
    if (r > 0) {
        wl_info("UNEXPECTED: the wait for %d completed", NEVER_CPU);
        return -1;
    }
    wl_info("wait for %d timed out after %u s (expected)", NEVER_CPU, seconds);
    return 0;
}

/* The context goes first so that its queued wait and submit are dropped with it. */
static int destroy(struct stuck *s)
{
    int bad = wl_destroy_context(&s->d, s->ctx) < 0;
    bad |= wl_destroy_sync(&s->d, s->fence.handle) < 0;
    bad |= wl_teardown(&s->d) < 0;
    bad |= close(s->event_fd) < 0;
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    wl_init("stuck-wait");
    uint32_t seconds = wl_arg_u32(argc, argv, 1, 1, 0, 3600);
    struct stuck s = {0};
    s.event_fd = -1;
    if (build(&s) < 0 || queue_waits(&s) < 0) {
        return 1;
    }
    int bad = expect_timeout(&s, seconds) < 0;
    bad |= destroy(&s) < 0;
    return bad ? 1 : 0;
}
