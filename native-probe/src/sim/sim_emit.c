#include "sim_emit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dxgscope/capture_format.h"
#include "session.h"

static struct dxgs_session session = {.fd = -1};
static struct dxgs_ring_writer ring;
static int recording;
static uint8_t *scratch;

int sim_emit_attach(void)
{
    const char *path = getenv("DXGSCOPE_SESSION");
    if (!path || !*path || dxgs_session_attach(&session, path) != 0) {
        return 0;
    }
    if (dxgs_ring_claim(&session, &ring, getpid(), getpid()) != 0) {
        return 0;
    }
    scratch = malloc(dxgs_ring_max_record(&session));
    recording = scratch != NULL;
    return recording;
}

int sim_emit_recording(void)
{
    return recording;
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void commit(uint16_t kind, uint32_t pid, uint32_t tid, uint32_t size)
{
    uint32_t length = dxgcap_record_length(size);
    struct dxgcap_header *h = (struct dxgcap_header *)scratch;
    *h = (struct dxgcap_header){.length = length, .kind = kind, .size = size, .pid = pid, .tid = tid};
    memset(scratch + DXGCAP_HEADER_SIZE + size, 0, length - DXGCAP_HEADER_SIZE - size);
    void *slot = dxgs_ring_reserve(&ring, length);
    if (!slot) {
        dxgs_ring_count_lost(&ring, length);
        return;
    }
    memcpy(slot, scratch, length); /* fault the slot in before taking a seq (see probe_commit) */
    struct dxgcap_header *r = (struct dxgcap_header *)slot;
    r->seq = dxgs_session_next_seq(&session);
    r->ts_ns = now_ns();
    dxgs_ring_commit(&ring);
}

void sim_emit_vmbus(uint32_t pid, uint32_t tid, uint32_t channel, uint32_t direction, uint64_t luid, uint64_t cause,
                    uint64_t transaction, uint32_t flags, int32_t status, uint32_t command_type, const void *bytes,
                    uint32_t size)
{
    if (!recording) {
        return;
    }
    uint32_t room = dxgs_ring_max_record(&session) - DXGCAP_HEADER_SIZE - sizeof(struct dxgcap_vmbus);
    if (size > room) {
        size = room;
    }
    struct dxgcap_vmbus v = {.channel = channel, .direction = direction, .adapter_luid = luid, .cause = cause,
                             .transaction = transaction, .flags = flags, .status = status,
                             .command_type = command_type, .size = size};
    memcpy(scratch + DXGCAP_HEADER_SIZE, &v, sizeof v);
    memcpy(scratch + DXGCAP_HEADER_SIZE + sizeof v, bytes, size);
    commit(DXGCAP_VMBUS, pid, tid, (uint32_t)(sizeof v + size));
}

void sim_emit_log(uint32_t pid, uint32_t tid, uint64_t cause, uint32_t level, const char *text)
{
    if (!recording) {
        return;
    }
    struct dxgcap_log l = {.level = level, .cause = cause};
    size_t len = strnlen(text, 1024);
    memcpy(scratch + DXGCAP_HEADER_SIZE, &l, sizeof l);
    memcpy(scratch + DXGCAP_HEADER_SIZE + sizeof l, text, len);
    commit(DXGCAP_LOG, pid, tid, (uint32_t)(sizeof l + len));
}
