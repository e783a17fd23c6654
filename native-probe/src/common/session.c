#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dxgscope/capture_format.h"

static size_t layout_size(uint32_t ring_count, uint32_t ring_size, uint64_t *data_offset)
{
    size_t table = sizeof(struct dxgs_session_header) + (size_t)ring_count * sizeof(struct dxgs_ring_desc);
    size_t page = 4096;
    *data_offset = (table + page - 1) / page * page;
    return *data_offset + (size_t)ring_count * ring_size;
}

static void map_parts(struct dxgs_session *s, void *base)
{
    s->hdr = base;
    s->rings = (struct dxgs_ring_desc *)((uint8_t *)base + sizeof(struct dxgs_session_header));
    s->data = (uint8_t *)base + s->hdr->data_offset;
}

int dxgs_session_create(struct dxgs_session *s, const char *path, uint32_t ring_count, uint32_t ring_size,
                        uint32_t flags, uint32_t block_timeout_us, uint32_t fence_sample_ms, const char *device)
{
    if (ring_count == 0 || ring_size < 4096 || (ring_size & (ring_size - 1))) {
        return EINVAL;
    }
    uint64_t data_offset;
    size_t size = layout_size(ring_count, ring_size, &data_offset);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return errno;
    }
    if (ftruncate(fd, (off_t)size) < 0) {
        int e = errno;
        close(fd);
        unlink(path);
        return e;
    }
    void *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        int e = errno;
        close(fd);
        unlink(path);
        return e;
    }
    struct dxgs_session_header *h = base;
    h->version = DXGS_SESSION_VERSION;
    h->ring_count = ring_count;
    h->ring_size = ring_size;
    h->flags = flags;
    h->block_timeout_us = block_timeout_us;
    h->fence_sample_ms = fence_sample_ms;
    h->collector_pid = getpid();
    h->data_offset = data_offset;
    strncpy(h->device, device ? device : "", sizeof h->device - 1);
    atomic_store(&h->collector_state, DXGS_COLLECTOR_RUNNING);
    atomic_store_explicit(&h->seq, 0, memory_order_relaxed);
    /* Publish the magic last: a probe that sees it sees a complete header. */
    __atomic_store_n(&h->magic, DXGS_SESSION_MAGIC, __ATOMIC_RELEASE);
    s->fd = fd;
    s->map_size = size;
    map_parts(s, base);
    return 0;
}

int dxgs_session_attach(struct dxgs_session *s, const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return errno;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return EINVAL;
    }
    /* Only our own user's private session: nobody else may read what the target does. */
    if (st.st_uid != geteuid() || (st.st_mode & 077)) {
        close(fd);
        return EPERM;
    }
    if ((size_t)st.st_size < sizeof(struct dxgs_session_header)) {
        close(fd);
        return EINVAL;
    }
    struct dxgs_session_header h;
    if (pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h || h.magic != DXGS_SESSION_MAGIC ||
        h.version != DXGS_SESSION_VERSION) {
        close(fd);
        return EPROTO;
    }
    uint64_t data_offset;
    size_t size = layout_size(h.ring_count, h.ring_size, &data_offset);
    if (data_offset != h.data_offset || size > (size_t)st.st_size) {
        close(fd);
        return EPROTO;
    }
    void *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        int e = errno;
        close(fd);
        return e;
    }
    close(fd);
    s->fd = -1;
    s->map_size = size;
    map_parts(s, base);
    return 0;
}

void dxgs_session_detach(struct dxgs_session *s)
{
    if (s->hdr) {
        munmap(s->hdr, s->map_size);
    }
    if (s->fd >= 0) {
        close(s->fd);
    }
    memset(s, 0, sizeof *s);
    s->fd = -1;
}

int dxgs_ring_claim(struct dxgs_session *s, struct dxgs_ring_writer *w, pid_t pid, pid_t tid)
{
    uint32_t n = s->hdr->ring_count;
    /* Start the search at a tid-dependent place so concurrent claims rarely collide. */
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = (uint32_t)(tid + k) % n;
        struct dxgs_ring_desc *d = &s->rings[i];
        uint32_t expected = DXGS_RING_FREE;
        if (atomic_load_explicit(&d->state, memory_order_relaxed) != DXGS_RING_FREE) {
            continue;
        }
        if (atomic_compare_exchange_strong(&d->state, &expected, DXGS_RING_CLAIMING)) {
            atomic_store(&d->pid, pid);
            atomic_store(&d->tid, tid);
            atomic_store_explicit(&d->state, DXGS_RING_ACTIVE, memory_order_release);
            w->session = s;
            w->desc = d;
            w->data = s->data + (size_t)i * s->hdr->ring_size;
            w->mask = s->hdr->ring_size - 1;
            w->head = atomic_load_explicit(&d->head, memory_order_relaxed);
            w->tail_cached = atomic_load_explicit(&d->tail, memory_order_acquire);
            w->pending = 0;
            return 0;
        }
    }
    return ENOSPC;
}

void dxgs_ring_release(struct dxgs_ring_writer *w)
{
    if (w->desc) {
        atomic_store_explicit(&w->desc->state, DXGS_RING_RELEASED, memory_order_release);
        w->desc = NULL;
    }
}

static int collector_alive(struct dxgs_session *s)
{
    if (atomic_load_explicit(&s->hdr->collector_state, memory_order_relaxed) != DXGS_COLLECTOR_RUNNING) {
        return 0;
    }
    return kill(s->hdr->collector_pid, 0) == 0 || errno == EPERM;
}

static uint64_t now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

/* Waits until `need` bytes are free, within the session's block timeout. */
static int wait_for_space(struct dxgs_ring_writer *w, uint64_t need)
{
    uint32_t size = w->mask + 1;
    uint64_t deadline = 0;
    for (int spins = 0;; spins++) {
        w->tail_cached = atomic_load_explicit(&w->desc->tail, memory_order_acquire);
        if (size - (w->head - w->tail_cached) >= need) {
            return 1;
        }
        if (!collector_alive(w->session)) {
            return 0;
        }
        uint64_t now = now_us();
        if (deadline == 0) {
            deadline = now + w->session->hdr->block_timeout_us;
        } else if (now >= deadline) {
            return 0;
        }
        if (spins < 16) {
            sched_yield();
        } else {
            struct timespec pause = {0, 50000};
            nanosleep(&pause, NULL);
        }
    }
}

void *dxgs_ring_reserve(struct dxgs_ring_writer *w, uint32_t length)
{
    uint32_t size = w->mask + 1;
    if (length > size / 4 || (length & 7)) {
        return NULL;
    }
    uint32_t pos = (uint32_t)(w->head & w->mask);
    uint32_t pad = (pos + length > size) ? size - pos : 0;
    uint64_t need = (uint64_t)pad + length;
    if (size - (w->head - w->tail_cached) < need && !wait_for_space(w, need)) {
        return NULL;
    }
    if (pad) {
        /* Only length and kind of a PAD record are read: 8 bytes always fit. */
        struct dxgcap_header *h = (struct dxgcap_header *)(w->data + pos);
        h->length = pad;
        h->kind = DXGCAP_PAD;
        w->head += pad;
        pos = 0;
    }
    w->pending = length;
    return w->data + pos;
}

void dxgs_ring_commit(struct dxgs_ring_writer *w)
{
    w->head += w->pending;
    w->pending = 0;
    atomic_store_explicit(&w->desc->head, w->head, memory_order_release);
}

void dxgs_ring_count_lost(struct dxgs_ring_writer *w, uint32_t bytes)
{
    atomic_fetch_add_explicit(&w->desc->lost_events, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&w->desc->lost_bytes, bytes, memory_order_relaxed);
}

uint64_t dxgs_ring_drain(struct dxgs_session *s, uint32_t i, dxgs_record_fn fn, void *ctx)
{
    struct dxgs_ring_desc *d = &s->rings[i];
    uint8_t *data = s->data + (size_t)i * s->hdr->ring_size;
    uint32_t mask = s->hdr->ring_size - 1;
    uint64_t head = atomic_load_explicit(&d->head, memory_order_acquire);
    uint64_t tail = atomic_load_explicit(&d->tail, memory_order_relaxed);
    uint64_t count = 0;
    while (tail < head) {
        const struct dxgcap_header *h = (const struct dxgcap_header *)(data + (tail & mask));
        uint32_t length = h->length;
        if (length < 8 || (length & 7) || length > head - tail) {
            /* A producer that corrupts its own ring loses the rest of it, nothing else. */
            tail = head;
            break;
        }
        if (h->kind != DXGCAP_PAD) {
            fn(ctx, h, length);
            count++;
        }
        tail += length;
    }
    atomic_store_explicit(&d->tail, tail, memory_order_release);
    return count;
}
