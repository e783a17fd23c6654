/*
 * dxgcap snapshot [-o FILE] [--interval MS] [--duration S] [--sim[=SEED]]: looks at the device
 * without a target. A worker (dxgcap itself, run under the probe like any recorded command, so
 * its own ioctls are in the capture and --sim reaches the simulator) asks every interval:
 * adapters and their facts, video-memory budget and usage, the processes using each adapter and
 * each one's per-segment-group statistics, and writes them as DEVICE_SAMPLE records.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "collector.h"
#include "dxgscope/capture_format.h"
#include "dxgscope/d3dkmthk.h"
#include "session.h"

static struct dxgs_session session = {.fd = -1};
static struct dxgs_ring_writer ring;
static uint8_t record[65536];

static void sample(uint32_t kind, int err, struct winluid luid, const void *body, size_t size)
{
    struct dxgcap_device_sample head = {.kind = kind, .err = err, .luid_low = luid.a, .luid_high = luid.b};
    size_t payload = sizeof head + size;
    uint32_t length = dxgcap_record_length((uint32_t)payload);
    memset(record, 0, length);
    struct dxgcap_header *h = (struct dxgcap_header *)record;
    *h = (struct dxgcap_header){.length = length, .kind = DXGCAP_DEVICE_SAMPLE, .size = (uint32_t)payload,
                                .pid = (uint32_t)getpid(), .tid = (uint32_t)getpid()};
    memcpy(record + DXGCAP_HEADER_SIZE, &head, sizeof head);
    memcpy(record + DXGCAP_HEADER_SIZE + sizeof head, body, size);
    void *slot = dxgs_ring_reserve(&ring, length);
    if (!slot) {
        dxgs_ring_count_lost(&ring, length);
        return;
    }
    h->seq = dxgs_session_next_seq(&session);
    h->ts_ns = collector_now_ns();
    memcpy(slot, record, length);
    dxgs_ring_commit(&ring);
}

static int xioctl(int fd, unsigned long request, void *arg)
{
    return ioctl(fd, request, arg) < 0 ? errno : 0;
}

static void utf16_ascii(const uint16_t *in, size_t max, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < max && in[i] && n + 1 < cap; i++) {
        out[n++] = in[i] < 0x80 ? (char)in[i] : '?';
    }
    out[n] = 0;
}

static void adapter_facts(int fd, uint32_t handle, struct winluid luid)
{
    uint32_t words[2] = {0, 0};
    struct d3dkmt_queryadapterinfo q = {.adapter = {handle}, .type = KMTQAITYPE_ADAPTERTYPE,
                                        .private_data = (uint64_t)(uintptr_t)&words[0], .private_data_size = 4};
    int err = xioctl(fd, LX_DXQUERYADAPTERINFO, &q);
    q.type = KMTQAITYPE_DRIVERVERSION;
    q.private_data = (uint64_t)(uintptr_t)&words[1];
    xioctl(fd, LX_DXQUERYADAPTERINFO, &q);
    static uint16_t text[4096];
    memset(text, 0, sizeof text);
    q.type = KMTQAITYPE_DRIVER_DESCRIPTION;
    q.private_data = (uint64_t)(uintptr_t)text;
    q.private_data_size = sizeof text;
    uint8_t body[8 + 512] = {0};
    memcpy(body, words, 8);
    size_t used = 8;
    if (xioctl(fd, LX_DXQUERYADAPTERINFO, &q) == 0) {
        utf16_ascii(text, 4096, (char *)body + used, 256);
        used += strlen((char *)body + used);
    }
    body[used++] = 0;
    sample(DXGCAP_SAMPLE_ADAPTER, err, luid, body, used);
}

static void video_memory(int fd, uint32_t handle, struct winluid luid)
{
    for (uint32_t group = 0; group < 2; group++) {
        struct d3dkmt_queryvideomemoryinfo v = {.adapter = {handle}, .memory_segment_group = group};
        int err = xioctl(fd, LX_DXQUERYVIDEOMEMORYINFO, &v);
        struct dxgcap_vidmem_sample s = {group, 0, v.budget, v.current_usage, v.current_reservation,
                                         v.available_for_reservation};
        sample(DXGCAP_SAMPLE_VIDMEM, err, luid, &s, sizeof s);
    }
}

static void processes(int fd, struct winluid luid)
{
    uint32_t pids[256];
    struct d3dkmt_enumprocesses e = {.adapter_luid = luid, .buffer = (uint64_t)(uintptr_t)pids, .buffer_count = 256};
    int err = xioctl(fd, LX_DXENUMPROCESSES, &e);
    uint32_t n = err ? 0 : (uint32_t)e.buffer_count;
    uint8_t body[4 + sizeof pids];
    memcpy(body, &n, 4);
    memcpy(body + 4, pids, n * 4);
    sample(DXGCAP_SAMPLE_PROCESSES, err, luid, body, 4 + n * 4);
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t group = 0; group < 2; group++) {
            struct d3dkmt_querystatistics q;
            memset(&q, 0, sizeof q);
            q.type = D3DKMT_QUERYSTATISTICS_PROCESS_SEGMENT_GROUP;
            q.adapter_luid = luid;
            q.process = pids[i];
            memcpy(q.size + 800, &group, 4); /* the query selector follows the result */
            int serr = xioctl(fd, LX_DXQUERYSTATISTICS, &q);
            uint8_t stats[16 + sizeof q.result];
            uint32_t head[4] = {q.type, pids[i], group, 0};
            memcpy(stats, head, 16);
            memcpy(stats + 16, &q.result, sizeof q.result);
            sample(DXGCAP_SAMPLE_STATISTICS, serr, luid, stats, sizeof stats);
        }
    }
}

/* One look at the device. Returns 0, or the errno that kept the device from answering. */
static int look(int fd)
{
    struct d3dkmt_enumadapters3 e = {0};
    e.filter.include_compute_only = 1;
    int err = xioctl(fd, LX_DXENUMADAPTERS3, &e);
    struct d3dkmt_adapterinfo info[16];
    if (!err && e.adapter_count) {
        e.adapter_count = e.adapter_count > 16 ? 16 : e.adapter_count;
        e.adapters = (uint64_t)(uintptr_t)info;
        err = xioctl(fd, LX_DXENUMADAPTERS3, &e);
    }
    if (err) {
        sample(DXGCAP_SAMPLE_ADAPTER, err, (struct winluid){0, 0}, "", 0);
        return err;
    }
    for (uint32_t i = 0; i < e.adapter_count; i++) {
        adapter_facts(fd, info[i].adapter_handle.v, info[i].adapter_luid);
        video_memory(fd, info[i].adapter_handle.v, info[i].adapter_luid);
        processes(fd, info[i].adapter_luid);
        struct d3dkmt_closeadapter c = {info[i].adapter_handle};
        xioctl(fd, LX_DXCLOSEADAPTER, &c);
    }
    return 0;
}

/* The worker: dxgcap __snapshot-worker INTERVAL_MS DURATION_S, run under the probe by `record`. */
int dxgcap_snapshot_worker(int argc, char **argv)
{
    if (argc != 2) {
        return 2;
    }
    long interval = atol(argv[0]), duration = atol(argv[1]);
    const char *path = getenv("DXGSCOPE_SESSION");
    if (!path || dxgs_session_attach(&session, path) != 0 || dxgs_ring_claim(&session, &ring, getpid(), getpid()) != 0) {
        fprintf(stderr, "dxgcap snapshot: no recording session\n");
        return 1;
    }
    int fd = open("/dev/dxg", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        sample(DXGCAP_SAMPLE_ADAPTER, err, (struct winluid){0, 0}, "", 0);
        fprintf(stderr, "dxgcap snapshot: cannot open the device: %s\n", strerror(err));
        return 1;
    }
    uint64_t end = collector_now_ns() + (uint64_t)duration * 1000000000ull;
    int err = 0;
    do {
        err = look(fd);
        struct timespec pause = {interval / 1000, (interval % 1000) * 1000000L};
        if (collector_now_ns() < end) {
            nanosleep(&pause, NULL);
        }
    } while (!err && collector_now_ns() < end);
    close(fd);
    if (err) {
        fprintf(stderr, "dxgcap snapshot: the device does not answer: %s\n", strerror(err));
    }
    return err ? 1 : 0;
}

int dxgcap_cmd_snapshot(int argc, char **argv)
{
    const char *output = NULL, *interval = "500", *duration = "5", *sim = NULL;
    for (int i = 0; i < argc; i++) {
        char *end;
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc) {
            output = argv[++i];
        } else if (!strcmp(argv[i], "--interval") && i + 1 < argc && strtol(argv[i + 1], &end, 10) > 0 && !*end) {
            interval = argv[++i];
        } else if (!strcmp(argv[i], "--duration") && i + 1 < argc && strtol(argv[i + 1], &end, 10) > 0 && !*end) {
            duration = argv[++i];
        } else if (!strcmp(argv[i], "--sim") || !strncmp(argv[i], "--sim=", 6)) {
            sim = argv[i];
        } else {
            fprintf(stderr, "dxgcap snapshot: unexpected argument '%s'\n"
                            "usage: dxgcap snapshot [-o FILE] [--interval MS] [--duration S] [--sim[=SEED]]\n",
                    argv[i]);
            return 2;
        }
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        return 1;
    }
    self[n] = 0;
    const char *args[16];
    int k = 0;
    if (output) {
        args[k++] = "-o";
        args[k++] = output;
    }
    if (sim) {
        args[k++] = sim;
    }
    args[k++] = "--";
    args[k++] = self;
    args[k++] = "__snapshot-worker";
    args[k++] = interval;
    args[k++] = duration;
    args[k] = NULL;
    return dxgcap_cmd_record(k, (char **)args);
}
