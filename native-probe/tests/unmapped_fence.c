/*
 * unmapped_fence: the target unmaps its fence's CPU page behind the probe's back (a raw munmap
 * system call, which the probe does not see) while the probe's sampler reads fence values every
 * few milliseconds. The sampler's read faults and must be caught (guard_copy): the target runs on
 * and exits 0. A sampler that blocked SIGSEGV would have the kernel kill the target instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "wl.h"

int main(void)
{
    wl_init("unmapped_fence");
    struct wl_dev d;
    struct wl_fence fence;
    if (wl_setup(&d, WL_RENDER) < 0 || wl_create_fence(&d, 0, &fence) < 0 || !fence.cpu) {
        return 2;
    }
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t at = (uintptr_t)fence.cpu & ~(uintptr_t)(page - 1);
    struct timespec t = {0, 50 * 1000000L};
    nanosleep(&t, NULL); /* sampled while mapped */
    if (syscall(SYS_munmap, at, (size_t)page) != 0) {
        perror("unmapped_fence: munmap");
        return 2;
    }
    t.tv_nsec = 300 * 1000000L;
    nanosleep(&t, NULL); /* sampled after: every read faults */
    printf("unmapped the fence page at %p and ran on\n", (void *)at);
    return 0;
}
