/*
 * dxg-backed memory in the target: the CPU-visible fence pages the driver maps during ioctls
 * (monitored fences, paging fences, hardware-queue progress fences), sampled by a background
 * thread so fence timelines exist even when the GPU signals without an ioctl; and the target's own
 * mmap/munmap of dxg file descriptors or of those pages, recorded as MMAP.
 *
 * The sampler starts with the first fence, reads every fence at the session's interval through
 * guard_copy (a page unmapped behind our back just drops its entry) and records only values that
 * changed. Cost: one short lock and 8 bytes per fence per interval.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "probe.h"

#define MAX_FENCES 4096
#define SAMPLE_BATCH 256

struct fence {
    uint32_t handle, kind, device, owner;
    uint64_t cpu_va;
    uint64_t last;
    int sampled;
    int held; /* a destroy call for it is in progress: its page may already be freed or reused */
};

static struct fence fences[MAX_FENCES];
static size_t fence_count;
static pthread_mutex_t fence_lock = PTHREAD_MUTEX_INITIALIZER;
static int sampler_started;

static void *sampler(void *unused);

void fences_add(uint32_t handle, uint32_t kind, uint64_t cpu_va, uint32_t device, uint32_t owner)
{
    if (!cpu_va || !cfg.recording || !session.hdr->fence_sample_ms) {
        return;
    }
    pthread_mutex_lock(&fence_lock);
    if (fence_count < MAX_FENCES) {
        fences[fence_count++] = (struct fence){handle, kind, device, owner, cpu_va, 0, 0, 0};
    }
    int start = !sampler_started;
    sampler_started = 1;
    pthread_mutex_unlock(&fence_lock);
    if (start) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        /* The sampler inherits a mask that blocks every signal sent to the process: the target's
         * handlers must not run on the probe's thread, where nothing they do would be traced. Faults
         * stay unblocked: a blocked SIGSEGV raised by the CPU kills the process, and guard_copy's
         * handler must catch a fence page unmapped behind the sampler's back. */
        sigset_t all, old;
        sigfillset(&all);
        sigdelset(&all, SIGSEGV);
        sigdelset(&all, SIGBUS);
        sigdelset(&all, SIGILL);
        sigdelset(&all, SIGFPE);
        sigdelset(&all, SIGTRAP);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        int failed = pthread_create(&t, &attr, sampler, NULL) != 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (failed) {
            pthread_mutex_lock(&fence_lock);
            sampler_started = 0;
            pthread_mutex_unlock(&fence_lock);
        }
        pthread_attr_destroy(&attr);
    }
}

/* Where a key's value is in struct fence. */
static size_t key_field(enum fence_key key)
{
    return key == FENCE_BY_HANDLE  ? offsetof(struct fence, handle)
           : key == FENCE_BY_OWNER ? offsetof(struct fence, owner)
                                   : offsetof(struct fence, device);
}

static int matches(const struct fence *f, enum fence_key key, uint32_t value)
{
    uint32_t v;
    memcpy(&v, (const char *)f + key_field(key), sizeof v);
    return v == value && (key == FENCE_BY_HANDLE || value != 0);
}

void fences_hold(enum fence_key key, uint32_t value, int hold)
{
    pthread_mutex_lock(&fence_lock);
    for (size_t i = 0; i < fence_count; i++) {
        if (matches(&fences[i], key, value)) {
            fences[i].held = hold;
        }
    }
    pthread_mutex_unlock(&fence_lock);
}

void fences_remove(enum fence_key key, uint32_t value)
{
    pthread_mutex_lock(&fence_lock);
    size_t k = 0;
    for (size_t i = 0; i < fence_count; i++) {
        if (!matches(&fences[i], key, value)) {
            fences[k++] = fences[i];
        }
    }
    fence_count = k;
    pthread_mutex_unlock(&fence_lock);
}

void fences_after_fork(void)
{
    /* The child is a new dxg process: the parent's fences are not its own, and it has no sampler. */
    pthread_mutex_init(&fence_lock, NULL);
    fence_count = 0;
    sampler_started = 0;
}

/* Reads every fence once; emits the values that changed. */
static void sample_once(void)
{
    struct dxgcap_fence_value changed[SAMPLE_BATCH];
    uint32_t n = 0;
    pthread_mutex_lock(&fence_lock);
    size_t k = 0;
    for (size_t i = 0; i < fence_count; i++) {
        struct fence *f = &fences[i];
        uint64_t value;
        if (f->held) {
            fences[k++] = *f;
            continue;
        }
        if (guard_copy(&value, (const void *)(uintptr_t)f->cpu_va, sizeof value) != 0) {
            continue; /* unmapped: forget it */
        }
        if ((!f->sampled || value != f->last) && n < SAMPLE_BATCH) {
            changed[n++] = (struct dxgcap_fence_value){f->handle, f->kind, f->cpu_va, value};
            f->last = value;
            f->sampled = 1;
        }
        fences[k++] = *f;
    }
    fence_count = k;
    pthread_mutex_unlock(&fence_lock);
    if (n) {
        uint8_t *s = probe_scratch();
        if (s) {
            uint32_t head[2] = {n, 0};
            memcpy(s + DXGCAP_HEADER_SIZE, head, sizeof head);
            memcpy(s + DXGCAP_HEADER_SIZE + sizeof head, changed, n * sizeof changed[0]);
            probe_commit(DXGCAP_FENCE_SAMPLE, (uint32_t)(sizeof head + n * sizeof changed[0]));
        }
    }
}

static void *sampler(void *unused)
{
    (void)unused;
    tls.busy = 1; /* nothing this thread does is the target's */
    uint32_t ms = session.hdr->fence_sample_ms;
    struct timespec interval = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (atomic_load_explicit(&session.hdr->collector_state, memory_order_relaxed) == DXGS_COLLECTOR_RUNNING) {
        sample_once();
        nanosleep(&interval, NULL);
    }
    return NULL;
}

/* ---- the target's own mappings ---- */

static void emit_mmap(uint32_t op, int fd, uint64_t address, uint64_t length, uint32_t prot, uint32_t what)
{
    uint8_t *s = probe_scratch();
    if (s) {
        struct dxgcap_mmap m = {.op = op, .fd = fd, .address = address, .length = length, .prot = prot,
                                .what = what};
        memcpy(s + DXGCAP_HEADER_SIZE, &m, sizeof m);
        probe_commit(DXGCAP_MMAP, sizeof m);
    }
}

static void *traced_mmap(void *(*fn)(void *, size_t, int, int, int, off_t), void *addr, size_t length, int prot,
                         int flags, int fd, off_t offset)
{
    probe_ensure_init();
    void *r = fn(addr, length, prot, flags, fd, offset);
    if (r != MAP_FAILED && cfg.recording && !tls.busy && fd >= 0 && fd_kind(fd) != FD_KIND_NONE) {
        int err = errno;
        tls.busy++;
        emit_mmap(DXGCAP_MMAP_MAP, fd, (uint64_t)(uintptr_t)r, length, (uint32_t)prot, DXGCAP_MEM_FD);
        tls.busy--;
        errno = err;
    }
    return r;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    probe_ensure_init();
    return traced_mmap(real.mmap, addr, length, prot, flags, fd, offset);
}

void *mmap64(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    probe_ensure_init();
    return traced_mmap(real.mmap64 ? real.mmap64 : real.mmap, addr, length, prot, flags, fd, offset);
}

int munmap(void *addr, size_t length)
{
    probe_ensure_init();
    if (!cfg.recording || tls.busy) {
        return real.munmap(addr, length);
    }
    uint64_t lo = (uint64_t)(uintptr_t)addr, hi = lo + length;
    int fence_page = 0;
    pthread_mutex_lock(&fence_lock);
    size_t k = 0;
    for (size_t i = 0; i < fence_count; i++) {
        if (fences[i].cpu_va >= lo && fences[i].cpu_va < hi) {
            fence_page = 1;
        } else {
            fences[k++] = fences[i];
        }
    }
    fence_count = k;
    pthread_mutex_unlock(&fence_lock);
    int r = real.munmap(addr, length);
    if (fence_page && r == 0) {
        int err = errno;
        tls.busy++;
        emit_mmap(DXGCAP_MMAP_UNMAP, -1, lo, length, 0, DXGCAP_MEM_FENCE);
        tls.busy--;
        errno = err;
    }
    return r;
}
