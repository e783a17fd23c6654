/*
 * A recording session: the shared memory between probed processes and the dxgcap collector.
 *
 *   header page   magic, sizes, the global sequence counter, collector state, device spec
 *   ring table    one descriptor per ring: state, owner pid/tid, head, tail, loss counters
 *   ring data     ring_count rings of ring_size bytes
 *
 * Each probed thread claims one ring and is its only producer; the collector is the only consumer
 * of every ring. Records in a ring have the capture file's record format (crc left 0) and never
 * wrap: a PAD record fills the end of the ring when the next record does not fit. The producer
 * publishes with a release store of head, the consumer frees space with a release store of tail,
 * so no lock is taken on either side. Committed records live in shared memory, so a probed
 * process that crashes loses nothing it had committed.
 *
 * The file lives in a 0700 directory and is created 0600; a probe refuses a session file that is
 * not owned by its own user or that others can read.
 */
#ifndef DXGSCOPE_SESSION_H
#define DXGSCOPE_SESSION_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#define DXGS_SESSION_MAGIC 0x3153534547584444ull /* "DDXGSES1" */
#define DXGS_SESSION_VERSION 1
#define DXGS_SESSION_DEVICE_MAX 256

enum { DXGS_SESSION_NO_PRIVATE_DATA = 1 };
enum { DXGS_COLLECTOR_RUNNING = 1, DXGS_COLLECTOR_STOPPED = 2 };
/* CLAIMING: a producer won the ring and is writing its pid/tid; the collector leaves it alone until
 * ACTIVE, so it never judges the ring by the previous owner's pid. */
enum { DXGS_RING_FREE = 0, DXGS_RING_ACTIVE = 1, DXGS_RING_RELEASED = 2, DXGS_RING_CLAIMING = 3 };

struct dxgs_session_header {
    uint64_t magic;
    uint32_t version;
    uint32_t ring_count;
    uint32_t ring_size;        /* power of two */
    uint32_t flags;
    uint32_t block_timeout_us; /* longest a producer waits for ring space before dropping */
    uint32_t fence_sample_ms;  /* 0 = no fence sampling */
    int32_t collector_pid;
    uint32_t reserved0;
    uint64_t data_offset;      /* where ring data starts */
    char device[DXGS_SESSION_DEVICE_MAX];
    _Alignas(64) _Atomic uint64_t seq;
    _Alignas(64) _Atomic uint32_t collector_state;
    _Atomic uint64_t lost_no_ring; /* events dropped because every ring was taken */
};

struct dxgs_ring_desc {
    _Atomic uint32_t state;
    _Atomic int32_t pid;
    _Atomic int32_t tid;
    uint32_t reserved;
    _Atomic uint64_t lost_events; /* producer-side drops, cumulative */
    _Atomic uint64_t lost_bytes;
    uint8_t pad0[32];
    _Alignas(64) _Atomic uint64_t head; /* bytes ever produced */
    uint8_t pad1[56];
    _Alignas(64) _Atomic uint64_t tail; /* bytes ever consumed */
    uint8_t pad2[56];
};

struct dxgs_session {
    struct dxgs_session_header *hdr;
    struct dxgs_ring_desc *rings;
    uint8_t *data;
    size_t map_size;
    int fd;
};

/* Collector: creates the session file at path (mode 0600) sized for ring_count x ring_size. */
int dxgs_session_create(struct dxgs_session *s, const char *path, uint32_t ring_count, uint32_t ring_size,
                        uint32_t flags, uint32_t block_timeout_us, uint32_t fence_sample_ms, const char *device);

/* Probe: maps an existing session; checks magic, version, owner and mode. Returns 0 or errno. */
int dxgs_session_attach(struct dxgs_session *s, const char *path);

void dxgs_session_detach(struct dxgs_session *s);

static inline uint64_t dxgs_session_next_seq(struct dxgs_session *s)
{
    return atomic_fetch_add_explicit(&s->hdr->seq, 1, memory_order_relaxed) + 1;
}

/* ---- producer side (one thread per ring) ---- */

struct dxgs_ring_writer {
    struct dxgs_session *session;
    struct dxgs_ring_desc *desc;
    uint8_t *data;
    uint32_t mask;
    uint64_t head;        /* private copy of desc->head */
    uint64_t tail_cached; /* last tail seen */
    uint32_t pending;     /* bytes reserved, not yet committed */
};

/* Claims a free ring for (pid, tid). Returns 0, or ENOSPC when every ring is taken. */
int dxgs_ring_claim(struct dxgs_session *s, struct dxgs_ring_writer *w, pid_t pid, pid_t tid);

/* Marks the ring as finished; the collector drains and frees it. */
void dxgs_ring_release(struct dxgs_ring_writer *w);

/* Reserves room for one record of length bytes (multiple of 8, <= ring_size / 4). Waits up to the
 * session's block timeout while the ring is full and the collector runs; returns NULL when the
 * space did not come (the caller counts the loss with dxgs_ring_count_lost). */
void *dxgs_ring_reserve(struct dxgs_ring_writer *w, uint32_t length);

/* Publishes the record reserved last. */
void dxgs_ring_commit(struct dxgs_ring_writer *w);

void dxgs_ring_count_lost(struct dxgs_ring_writer *w, uint32_t bytes);

/* Largest record a ring accepts. */
static inline uint32_t dxgs_ring_max_record(const struct dxgs_session *s)
{
    return s->hdr->ring_size / 4;
}

/* ---- consumer side (the collector) ---- */

/* Calls fn for every committed record of ring i (PAD records skipped) and then frees their space.
 * Returns the number of records passed to fn. */
typedef void (*dxgs_record_fn)(void *ctx, const void *record, uint32_t length);
uint64_t dxgs_ring_drain(struct dxgs_session *s, uint32_t i, dxgs_record_fn fn, void *ctx);

#endif
