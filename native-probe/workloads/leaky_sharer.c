/*
 * leaky-sharer: cross-process sharing and leaks left to the driver.
 *
 * A (parent) creates a shared resource of 2 allocations and a shared monitored fence, shares both
 * as fds, forks B, hands B the fds over a socketpair (SCM_RIGHTS), waits for B's one-byte report
 * and exits without destroying anything. B opens /dev/dxg itself, opens the resource and the fence
 * from the fds, closes the resource fd and destroys its resource, keeps the fence and its fd,
 * creates a context and 2 allocations it never destroys, reports, waits until A has exited and
 * exits 0 with all of that still open.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dxgscope/dxgsim.h"
#include "wl.h"

#define SHARED_SIZE (4 * WL_MIB)
#define CHILD_SIZE (2 * WL_MIB)
#define PARENT_GONE_POLLS 1000 /* x 10 ms */

enum { FD_RESOURCE, FD_FENCE };

static int parent_create(struct wl_dev *d, int fds[2])
{
    const struct wl_alloc_spec spec = {2, SHARED_SIZE, DXGSIM_LOCAL, WL_ALLOC_SHARED_RESOURCE};
    struct wl_alloc allocs[2];
    struct d3dkmthandle resource;
    struct wl_fence fence;
    if (wl_setup(d, WL_RENDER) < 0 || wl_create_allocations(d, &spec, allocs, &resource) < 0 ||
        wl_create_fence(d, 1, &fence) < 0 || wl_share(d, resource, &fds[FD_RESOURCE]) < 0 ||
        wl_share(d, fence.handle, &fds[FD_FENCE]) < 0) {
        return -1;
    }
    wl_info("device 0x%08x, shared resource 0x%08x (allocations 0x%08x 0x%08x) as fd %d, "
            "shared fence 0x%08x as fd %d",
            d->device.v, resource.v, allocs[0].handle.v, allocs[1].handle.v, fds[FD_RESOURCE], fence.handle.v,
            fds[FD_FENCE]);
    return 0;
}

static int close_checked(int fd, const char *what)
{
    if (close(fd) < 0) {
        wl_report(what, -1, errno);
        return -1;
    }
    return 0;
}

/* Inherited copies would keep A's dxg process and shared objects alive after A exits. */
static void child_drop_inherited(const struct wl_dev *parent, const int fds[2], int parent_sock)
{
    close(parent->fd);
    close(fds[FD_RESOURCE]);
    close(fds[FD_FENCE]);
    close(parent_sock);
}

static int child_open_shared(struct wl_dev *d, const int fds[2])
{
    struct d3dkmthandle resource;
    struct wl_alloc opened[2];
    uint32_t n = 0;
    struct wl_fence fence;
    if (wl_setup(d, WL_RENDER) < 0 || wl_open_resource(d, fds[FD_RESOURCE], &resource, opened, 2, &n) < 0 ||
        wl_open_fence(d, fds[FD_FENCE], &fence) < 0) {
        return -1;
    }
    wl_info("device 0x%08x, opened resource 0x%08x (%u allocations), opened fence 0x%08x", d->device.v,
            resource.v, n, fence.handle.v);
    if (close_checked(fds[FD_RESOURCE], "close(resource fd)") < 0 || wl_destroy_resource(d, resource, opened, n) < 0) {
        return -1;
    }
    return 0;
}

static int child_leak(struct wl_dev *d)
{
    const struct wl_alloc_spec spec = {2, CHILD_SIZE, DXGSIM_NON_LOCAL, WL_ALLOC_PLAIN};
    struct d3dkmthandle ctx;
    struct wl_alloc allocs[2];
    if (wl_create_context(d, 0, &ctx) < 0 || wl_create_allocations(d, &spec, allocs, NULL) < 0) {
        return -1;
    }
    wl_info("context 0x%08x, allocations 0x%08x 0x%08x (never destroyed)", ctx.v, allocs[0].handle.v,
            allocs[1].handle.v);
    return 0;
}

/* EOF says A closed its end; the new parent pid says A's files (its /dev/dxg) are released. */
static void wait_parent_gone(int sock, pid_t parent)
{
    char byte;
    for (;;) {
        ssize_t r = read(sock, &byte, 1);
        if (r == 0 || (r < 0 && errno != EINTR)) {
            break;
        }
    }
    for (int i = 0; i < PARENT_GONE_POLLS && getppid() == parent; i++) {
        usleep(10000);
    }
}

static _Noreturn void child_main(const struct wl_dev *parent_dev, const int inherited[2], int sock, int parent_sock)
{
    pid_t parent = getppid();
    wl_init("leaky-sharer[B]");
    child_drop_inherited(parent_dev, inherited, parent_sock);
    int fds[2];
    struct wl_dev d;
    int ok = wl_recv_fds(sock, fds, 2) == 0 && child_open_shared(&d, fds) == 0 && child_leak(&d) == 0;
    char report = ok ? 'K' : 'F';
    /* exit(), not _exit(): an LD_PRELOADed probe may still have records to flush. */
    if (write(sock, &report, 1) != 1 || !ok) {
        exit(1);
    }
    wait_parent_gone(sock, parent);
    wl_info("A has exited; exiting with the fence fd %d and everything else still open", fds[FD_FENCE]);
    exit(0);
}

static int parent_handoff(int sock, const int fds[2], pid_t child)
{
    wl_info("forked B (pid %d)", (int)child);
    if (wl_send_fds(sock, fds, 2) < 0) {
        return -1;
    }
    char report = 0;
    ssize_t r;
    do {
        r = read(sock, &report, 1);
    } while (r < 0 && errno == EINTR);
    if (r != 1 || report != 'K') {
        wl_info("B failed (report %s)", r == 1 ? "F" : "missing");
        return -1;
    }
    wl_info("B opened both; exiting without destroying anything");
    return 0;
}

int main(void)
{
    wl_init("leaky-sharer[A]");
    struct wl_dev d;
    int fds[2];
    int sv[2];
    if (parent_create(&d, fds) < 0) {
        return 1;
    }
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        wl_report("socketpair", -1, errno);
        return 1;
    }
    fflush(NULL);
    pid_t child = fork();
    if (child < 0) {
        wl_report("fork", -1, errno);
        return 1;
    }
    if (child == 0) {
        child_main(&d, fds, sv[1], sv[0]);
    }
    close(sv[1]);
    return parent_handoff(sv[0], fds, child) < 0 ? 1 : 0;
}
