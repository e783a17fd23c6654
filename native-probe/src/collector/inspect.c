/*
 * dxgcap info FILE  — summary: duration, processes, ioctl counts, losses, where and why it ends.
 * dxgcap dump FILE [--json] — every record decoded. The text form is canonical: the Java reader's
 * CaptureDump prints exactly the same text, which is how the two readers are cross-checked.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collector.h"
#include "dxgscope/abi.h"
#include "dxgscope/capture_format.h"
#include "reader.h"

static const char *kind_name(uint16_t kind)
{
    switch (kind) {
    case DXGCAP_SESSION: return "SESSION";
    case DXGCAP_ABI: return "ABI";
    case DXGCAP_END: return "END";
    case DXGCAP_IOCTL_ENTER: return "IOCTL_ENTER";
    case DXGCAP_IOCTL_LEAVE: return "IOCTL_LEAVE";
    case DXGCAP_FD: return "FD";
    case DXGCAP_MMAP: return "MMAP";
    case DXGCAP_PROCESS: return "PROCESS";
    case DXGCAP_FENCE_SAMPLE: return "FENCE_SAMPLE";
    case DXGCAP_DEVICE_SAMPLE: return "DEVICE_SAMPLE";
    case DXGCAP_VMBUS: return "VMBUS";
    case DXGCAP_LOG: return "LOG";
    case DXGCAP_MARKER: return "MARKER";
    case DXGCAP_LOST: return "LOST";
    default: return NULL;
    }
}

static const char *state_name(uint32_t state)
{
    return state == DXGCAP_STATE_COMPLETE ? "complete" : state == DXGCAP_STATE_CUT ? "cut" : "recording";
}

/* ---- canonical text ---- */

static int stable_mode;
static uint32_t stable_pids[256], stable_tids[256];
static size_t stable_npids, stable_ntids;

/*
 * --stable: a whole decimal word of s at i that is a known pid (a kernel line such as "Call from a
 * wrong process: 4021 4022" names OS-assigned pids) is printed as its ordinal "pN". Returns the
 * length of the word replaced, 0 when there is none.
 */
static size_t put_stable_pid(FILE *out, const uint8_t *s, size_t n, size_t i)
{
    if (!stable_mode || (i > 0 && isalnum(s[i - 1]))) {
        return 0;
    }
    size_t j = i;
    uint64_t v = 0;
    while (j < n && isdigit(s[j]) && j - i < 10) {
        v = v * 10 + (uint64_t)(s[j] - '0');
        j++;
    }
    if (j == i || (j < n && isalnum(s[j])) || v <= 300) {
        return 0;
    }
    for (size_t k = 0; k < stable_npids; k++) {
        if (stable_pids[k] == v) {
            fprintf(out, "p%zu", k + 1);
            return j - i;
        }
    }
    return 0;
}

/* A string, quoted: printable ASCII as is, \" \\ and everything else as \xHH. */
static void put_string(FILE *out, const uint8_t *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        size_t pid = put_stable_pid(out, s, n, i);
        if (pid > 0) {
            i += pid - 1;
        } else if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c >= 0x20 && c < 0x7f) {
            fputc(c, out);
        } else {
            fprintf(out, "\\x%02x", c);
        }
    }
    fputc('"', out);
}

/* A NUL-separated string list as ["a","b"]. */
static void put_strings(FILE *out, const uint8_t *p, size_t n)
{
    fputc('[', out);
    size_t i = 0;
    int first = 1;
    while (i < n) {
        size_t len = strnlen((const char *)p + i, n - i);
        if (!first) {
            fputc(',', out);
        }
        put_string(out, p + i, len);
        first = 0;
        i += len + 1;
    }
    fputc(']', out);
}

/* The word for a small number of the capture format, or "?" (a newer writer's value). */
static const char *word(const char *const *words, size_t n, uint32_t v)
{
    return v < n && words[v] ? words[v] : "?";
}
#define WORD(words, v) word(words, sizeof words / sizeof words[0], v)

static const char *const fd_ops[] = {NULL, "open", "close", "dup", "send", "recv", "send_failed"};
static const char *const mmap_ops[] = {NULL, "map", "unmap"};
static const char *const mem_whats[] = {"fd", "fence", "lock"};
static const char *const proc_ops[] = {NULL, "start", "fork", "exec", "exit", "vanished", "reaped"};
static const char *const end_reasons[] = {NULL, "command_exited", "size_limit", "time_limit", "interrupted",
                                          "write_error"};
static const char *const lost_reasons[] = {NULL, "blocked", "no_collector", "no_ring", "size_limit"};
static const char *const fence_kinds[] = {NULL, "monitored", "paging", "hwqueue"};
static const char *const channels[] = {"global", "adapter"};
static const char *const directions[] = {NULL, "request", "reply", "host_message"};
static const char *const sample_kinds[] = {NULL, "adapter", "vidmem", "processes", "statistics"};

/* A VMBus command's name, numbered as the Java model numbers them: a host message by the host's
 * table, 1000 and up by the global channel's, the rest by an adapter channel's. */
static const char *vmbus_command(uint32_t direction, uint32_t command)
{
    uint32_t table = direction == DXGCAP_VMBUS_HOST_MESSAGE ? 2 /* DXGKVMB_HOST_TO_VM */
                     : command >= 1000                       ? 1 /* DXGKVMB_VM_TO_HOST */
                                                             : 0 /* DXGKVMB_VGPU_TO_HOST */;
    const char *name = dxgs_abi_vmbus_command_name(table, command);
    return name ? name : "?";
}

static void put_hex(FILE *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* --stable: a known pid stored in the bytes (CREATEPROCESS, SIGNALGUESTEVENT, EnumProcesses)
         * is OS-assigned; print its ordinal instead (ff ff ff NN). */
        if (stable_mode && i % 4 == 0 && i + 4 <= n) {
            uint32_t v;
            memcpy(&v, p + i, 4);
            size_t k = 0;
            while (k < stable_npids && stable_pids[k] != v) {
                k++;
            }
            if (v > 300 && k < stable_npids) {
                fprintf(out, "%02zxffffff", k + 1);
                i += 3;
                continue;
            }
        }
        fprintf(out, "%02x", p[i]);
    }
}

static uint32_t u32at(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t u64at(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Blocks of an ioctl record; returns 0 when they do not fit the payload. */
static int put_blocks(FILE *out, const uint8_t *p, size_t n, uint32_t count)
{
    size_t at = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (at + sizeof(struct dxgcap_block) > n) {
            fprintf(out, "\n  ! block %u does not fit the record", i);
            return 0;
        }
        struct dxgcap_block b;
        memcpy(&b, p + at, sizeof b);
        at += sizeof b;
        size_t padded = ((size_t)b.size + 7) & ~(size_t)7;
        if (b.size > n - at) {
            fprintf(out, "\n  ! block %u does not fit the record", i);
            return 0;
        }
        fprintf(out, "\n  block role=%u flags=%u buffer=%u element=%u address=0x%llx wanted=%llu size=%u data=",
                b.role, b.flags, b.buffer, b.element, (unsigned long long)b.address, (unsigned long long)b.wanted,
                b.size);
        put_hex(out, p + at, b.size);
        at += padded > n - at ? n - at : padded;
    }
    return 1;
}

/* Small ordinals for pids/tids (--stable): the first one seen is 1. */
static uint32_t ordinal(uint32_t *seen, size_t *n, uint32_t id)
{
    for (size_t i = 0; i < *n; i++) {
        if (seen[i] == id) {
            return (uint32_t)i + 1;
        }
    }
    if (*n < 256) {
        seen[(*n)++] = id;
    }
    return (uint32_t)*n;
}

static void put_text(FILE *out, uint64_t offset, const struct dxgcap_header *h, int stable)
{
    const uint8_t *p = (const uint8_t *)h + DXGCAP_HEADER_SIZE;
    size_t n = h->size;
    const char *name = kind_name(h->kind);
    if (stable) {
        fprintf(out, "p%u t%u ", ordinal(stable_pids, &stable_npids, h->pid),
                h->tid ? ordinal(stable_tids, &stable_ntids, h->tid) : 0);
    } else {
        fprintf(out, "@%llu #%llu t=%llu pid=%u tid=%u ", (unsigned long long)offset, (unsigned long long)h->seq,
                (unsigned long long)h->ts_ns, h->pid, h->tid);
    }
    if (name) {
        fputs(name, out);
    } else {
        fprintf(out, "KIND_%u", h->kind);
    }
    switch (h->kind) {
    case DXGCAP_SESSION:
        fputc(' ', out);
        put_strings(out, p, n);
        break;
    case DXGCAP_ABI:
        /* name:length for each (name, text) pair */
        for (size_t i = 0, k = 0; i < n; k++) {
            size_t len = strnlen((const char *)p + i, n - i);
            if (k % 2 == 0) {
                fprintf(out, " %.*s", (int)len, (const char *)p + i);
            } else {
                fprintf(out, ":%zu", len);
            }
            i += len + 1;
        }
        break;
    case DXGCAP_END:
        if (n >= sizeof(struct dxgcap_end)) {
            struct dxgcap_end e;
            memcpy(&e, p, sizeof e);
            fprintf(out, " reason=%u (%s) status=%d lost=%llu", e.reason, WORD(end_reasons, e.reason), e.exit_status,
                    (unsigned long long)e.events_lost);
        }
        break;
    case DXGCAP_IOCTL_ENTER:
        if (n >= sizeof(struct dxgcap_ioctl_enter)) {
            struct dxgcap_ioctl_enter e;
            memcpy(&e, p, sizeof e);
            const dxgs_ioctl *d = dxgs_abi_ioctl_by_code(e.request);
            fprintf(out, " fd=%u request=0x%08x (%s) arg=0x%llx blocks=%u", e.fd, e.request, d ? d->name : "?",
                    (unsigned long long)e.arg, e.block_count);
            put_blocks(out, p + sizeof e, n - sizeof e, e.block_count);
        }
        break;
    case DXGCAP_IOCTL_LEAVE:
        if (n >= sizeof(struct dxgcap_ioctl_leave)) {
            struct dxgcap_ioctl_leave l;
            memcpy(&l, p, sizeof l);
            const dxgs_ioctl *d = dxgs_abi_ioctl_by_code(l.request);
            fprintf(out, " enter=#%llu ret=%d errno=%d fd=%u request=0x%08x (%s) blocks=%u",
                    (unsigned long long)l.enter_seq, l.ret, l.err, l.fd, l.request, d ? d->name : "?",
                    l.block_count);
            put_blocks(out, p + sizeof l, n - sizeof l, l.block_count);
        }
        break;
    case DXGCAP_FD:
        if (n >= sizeof(struct dxgcap_fd)) {
            struct dxgcap_fd f;
            memcpy(&f, p, sizeof f);
            size_t fds_end = sizeof f + (size_t)f.count * 4;
            fprintf(out, " op=%u (%s) fd=%d other=%d fds=[", f.op, WORD(fd_ops, f.op), f.fd, f.other_fd);
            for (uint32_t i = 0; i < f.count && sizeof f + (i + 1) * 4 <= n; i++) {
                fprintf(out, "%s%d", i ? "," : "", (int32_t)u32at(p + sizeof f + i * 4));
            }
            fputs("] ", out);
            put_strings(out, p + (fds_end < n ? fds_end : n), fds_end < n ? n - fds_end : 0);
        }
        break;
    case DXGCAP_MMAP:
        if (n >= sizeof(struct dxgcap_mmap)) {
            struct dxgcap_mmap m;
            memcpy(&m, p, sizeof m);
            fprintf(out, " op=%u (%s) fd=%d address=0x%llx length=%llu prot=%u what=%u (%s)", m.op, WORD(mmap_ops, m.op),
                    m.fd, (unsigned long long)m.address, (unsigned long long)m.length, m.prot, m.what,
                    WORD(mem_whats, m.what));
        }
        break;
    case DXGCAP_PROCESS:
        if (n >= sizeof(struct dxgcap_process)) {
            struct dxgcap_process pr;
            memcpy(&pr, p, sizeof pr);
            fprintf(out, " op=%u (%s) other=%d status=%d ", pr.op, WORD(proc_ops, pr.op), pr.other_pid, pr.status);
            put_strings(out, p + sizeof pr, n - sizeof pr);
        }
        break;
    case DXGCAP_FENCE_SAMPLE:
        if (n >= 8) {
            uint32_t count = u32at(p);
            fprintf(out, " count=%u", count);
            for (uint32_t i = 0; i < count && 8 + (i + 1) * 24 <= n; i++) {
                const uint8_t *e = p + 8 + i * 24;
                fprintf(out, " [handle=0x%08x kind=%u (%s) va=0x%llx value=%llu]", u32at(e), u32at(e + 4),
                        WORD(fence_kinds, u32at(e + 4)), (unsigned long long)u64at(e + 8),
                        (unsigned long long)u64at(e + 16));
            }
        }
        break;
    case DXGCAP_VMBUS:
        if (n >= sizeof(struct dxgcap_vmbus)) {
            struct dxgcap_vmbus v;
            memcpy(&v, p, sizeof v);
            fprintf(out, " channel=%u (%s) direction=%u (%s) luid=0x%llx cause=#%llu transaction=%llu flags=%u "
                         "status=0x%08x command=%u (%s) size=%u data=",
                    v.channel, WORD(channels, v.channel), v.direction, WORD(directions, v.direction),
                    (unsigned long long)v.adapter_luid, (unsigned long long)v.cause,
                    (unsigned long long)v.transaction, v.flags, (uint32_t)v.status, v.command_type,
                    vmbus_command(v.direction, v.command_type), v.size);
            put_hex(out, p + sizeof v, v.size <= n - sizeof v ? v.size : n - sizeof v);
        }
        break;
    case DXGCAP_LOG:
        if (n >= sizeof(struct dxgcap_log)) {
            struct dxgcap_log l;
            memcpy(&l, p, sizeof l);
            fprintf(out, " level=%u cause=#%llu ", l.level, (unsigned long long)l.cause);
            put_string(out, p + sizeof l, strnlen((const char *)p + sizeof l, n - sizeof l));
        }
        break;
    case DXGCAP_MARKER:
        fputc(' ', out);
        put_string(out, p, strnlen((const char *)p, n));
        break;
    case DXGCAP_DEVICE_SAMPLE:
        if (n >= sizeof(struct dxgcap_device_sample)) {
            struct dxgcap_device_sample d;
            memcpy(&d, p, sizeof d);
            fprintf(out, " kind=%u (%s) err=%d luid=0x%llx data=", d.kind, WORD(sample_kinds, d.kind), d.err,
                    (unsigned long long)d.luid_high << 32 | d.luid_low);
            put_hex(out, p + sizeof d, n - sizeof d);
        } else {
            fputs(" data=", out);
            put_hex(out, p, n);
        }
        break;
    case DXGCAP_LOST:
        if (n >= sizeof(struct dxgcap_lost)) {
            struct dxgcap_lost l;
            memcpy(&l, p, sizeof l);
            fprintf(out, " events=%llu bytes=%llu reason=%u (%s)", (unsigned long long)l.events,
                    (unsigned long long)l.bytes, l.reason, WORD(lost_reasons, l.reason));
        }
        break;
    default:
        fputs(" data=", out);
        put_hex(out, p, n);
        break;
    }
    fputc('\n', out);
}

/* ---- JSON lines ---- */

static void json_string(FILE *out, const uint8_t *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c < 0x20 || c >= 0x7f) {
            fprintf(out, "\\u%04x", c);
        } else {
            fputc(c, out);
        }
    }
    fputc('"', out);
}

static void put_json(FILE *out, uint64_t offset, const struct dxgcap_header *h)
{
    const uint8_t *p = (const uint8_t *)h + DXGCAP_HEADER_SIZE;
    const char *name = kind_name(h->kind);
    fprintf(out, "{\"offset\":%llu,\"seq\":%llu,\"ts_ns\":%llu,\"pid\":%u,\"tid\":%u,\"kind\":",
            (unsigned long long)offset, (unsigned long long)h->seq, (unsigned long long)h->ts_ns, h->pid, h->tid);
    if (name) {
        fprintf(out, "\"%s\"", name);
    } else {
        fprintf(out, "%u", h->kind);
    }
    if ((h->kind == DXGCAP_IOCTL_ENTER && h->size >= sizeof(struct dxgcap_ioctl_enter)) ||
        (h->kind == DXGCAP_IOCTL_LEAVE && h->size >= sizeof(struct dxgcap_ioctl_leave))) {
        uint32_t request = h->kind == DXGCAP_IOCTL_ENTER ? u32at(p + 4) : u32at(p + 20);
        const dxgs_ioctl *d = dxgs_abi_ioctl_by_code(request);
        fprintf(out, ",\"request\":%u,\"ioctl\":", request);
        json_string(out, (const uint8_t *)(d ? d->name : "?"), strlen(d ? d->name : "?"));
        if (h->kind == DXGCAP_IOCTL_LEAVE) {
            fprintf(out, ",\"enter_seq\":%llu,\"ret\":%d,\"errno\":%d", (unsigned long long)u64at(p),
                    (int32_t)u32at(p + 8), (int32_t)u32at(p + 12));
        }
    }
    fputs(",\"payload\":\"", out);
    put_hex(out, p, h->size);
    fputs("\"}\n", out);
}

/* ---- commands ---- */

static int open_capture(const char *cmd, const char *path, struct dxgs_reader *r)
{
    const char *why;
    int err = dxgs_reader_open(r, path, &why);
    if (err == EPROTO) {
        fprintf(stderr, "dxgcap %s: %s is not a readable capture: %s\n", cmd, path, why);
        return 1;
    }
    if (err) {
        fprintf(stderr, "dxgcap %s: cannot read %s: %s\n", cmd, path, strerror(err));
        return 1;
    }
    return 0;
}

static int by_seq(const void *a, const void *b)
{
    uint64_t x = (*(const struct dxgcap_header *const *)a)->seq, y = (*(const struct dxgcap_header *const *)b)->seq;
    return x < y ? -1 : x > y;
}

/* The part of a capture that a seed fixes: ioctls, VMBus messages and dmesg lines in seq order,
 * without times, offsets or OS-assigned ids (pids and tids become ordinals). Records about
 * processes, losses and the session are left out: their order against the simulator's depends on
 * scheduling. Used to check that dxgsim is deterministic. */
static void dump_stable(struct dxgs_reader *r)
{
    size_t cap = 1024, n = 0;
    const struct dxgcap_header **recs = malloc(cap * sizeof *recs);
    for (;;) {
        const struct dxgcap_header *h;
        enum dxgs_read_status st = dxgs_reader_next(r, &h);
        if (st == DXGS_READ_END || st == DXGS_READ_TRUNCATED) {
            break;
        }
        if (st != DXGS_READ_RECORD) {
            continue;
        }
        if (h->kind != DXGCAP_IOCTL_ENTER && h->kind != DXGCAP_IOCTL_LEAVE && h->kind != DXGCAP_VMBUS &&
            h->kind != DXGCAP_LOG) {
            continue;
        }
        if (n == cap) {
            cap *= 2;
            recs = realloc(recs, cap * sizeof *recs);
        }
        recs[n++] = h;
    }
    qsort(recs, n, sizeof *recs, by_seq);
    for (size_t i = 0; i < n; i++) {
        ordinal(stable_pids, &stable_npids, recs[i]->pid); /* number every pid before printing bytes */
    }
    stable_mode = 1;
    for (size_t i = 0; i < n; i++) {
        put_text(stdout, 0, recs[i], 1);
    }
    free(recs);
}

int dxgcap_cmd_dump(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0, stable = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--stable")) {
            stable = 1;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (argv[i][0] == '-' || path) {
            fprintf(stderr, "dxgcap dump: unexpected argument '%s' (usage: dxgcap dump FILE [--json | --stable])\n", argv[i]);
            return 2;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "dxgcap dump: missing FILE (usage: dxgcap dump FILE [--json | --stable])\n");
        return 2;
    }
    struct dxgs_reader r;
    if (open_capture("dump", path, &r)) {
        return 1;
    }
    if (stable) {
        dump_stable(&r);
        dxgs_reader_close(&r);
        return 0;
    }
    if (!json) {
        printf("capture version=%u state=%s cut_errno=%d end=%llu lost=%llu records=%llu\n", r.preamble.version,
               state_name(r.preamble.state), r.preamble.cut_errno, (unsigned long long)r.preamble.end_offset,
               (unsigned long long)r.preamble.events_lost, (unsigned long long)r.preamble.records);
    }
    for (;;) {
        uint64_t at = r.offset;
        const struct dxgcap_header *h;
        enum dxgs_read_status st = dxgs_reader_next(&r, &h);
        if (st == DXGS_READ_END) {
            break;
        }
        if (st == DXGS_READ_RECORD) {
            json ? put_json(stdout, at, h) : put_text(stdout, at, h, 0);
        } else if (st == DXGS_READ_DAMAGED) {
            if (!json) {
                printf("! damaged at %llu: %s (skipped %llu bytes)\n", (unsigned long long)r.problem_offset,
                       r.problem, (unsigned long long)(r.offset - r.problem_offset));
            }
        } else {
            if (!json) {
                printf("! truncated at %llu: %s\n", (unsigned long long)r.problem_offset, r.problem);
            }
            break;
        }
    }
    dxgs_reader_close(&r);
    return 0;
}

#define MAX_PIDS 256

struct pid_info {
    uint32_t pid;
    char exe[128];
    int sampler; /* dxgcap snapshot's own worker (argv[1] "__snapshot-worker") */
    int exited;
    int status;
};

/* Whether a PROCESS record's strings (path, then argv) are those of dxgcap snapshot's worker. */
static int is_snapshot_sampler(const char *strings, size_t n)
{
    size_t at = 0;
    for (int i = 0; i < 2 && at < n; i++) { /* past the path and argv[0] */
        const char *end = memchr(strings + at, 0, n - at);
        if (!end) {
            return 0;
        }
        at = (size_t)(end - strings) + 1;
    }
    static const char worker[] = "__snapshot-worker";
    return at + sizeof worker <= n && !memcmp(strings + at, worker, sizeof worker);
}

int dxgcap_cmd_info(int argc, char **argv)
{
    if (argc != 1 || argv[0][0] == '-') {
        fprintf(stderr, "dxgcap info: usage: dxgcap info FILE\n");
        return 2;
    }
    struct dxgs_reader r;
    if (open_capture("info", argv[0], &r)) {
        return 1;
    }
    uint64_t records = 0, first_ts = 0, last_ts = 0, lost = 0, damaged = 0;
    uint64_t calls[256] = {0}, failures[256] = {0}, other_calls = 0;
    struct pid_info pids[MAX_PIDS];
    size_t npids = 0;
    const char *command = NULL;
    size_t command_len = 0;
    int truncated = 0, ended = 0;
    struct dxgcap_end end = {0};
    uint64_t truncated_at = 0;
    for (;;) {
        const struct dxgcap_header *h;
        enum dxgs_read_status st = dxgs_reader_next(&r, &h);
        if (st == DXGS_READ_END) {
            break;
        }
        if (st == DXGS_READ_DAMAGED) {
            damaged++;
            continue;
        }
        if (st == DXGS_READ_TRUNCATED) {
            truncated = 1;
            truncated_at = r.problem_offset;
            break;
        }
        const uint8_t *p = (const uint8_t *)h + DXGCAP_HEADER_SIZE;
        records++;
        if (!first_ts) {
            first_ts = h->ts_ns;
        }
        last_ts = h->ts_ns > last_ts ? h->ts_ns : last_ts;
        if (h->kind == DXGCAP_SESSION) {
            for (size_t i = 0; i < h->size;) {
                size_t len = strnlen((const char *)p + i, h->size - i);
                if (len > 8 && !strncmp((const char *)p + i, "command=", 8)) {
                    command = (const char *)p + i + 8;
                    command_len = len - 8;
                }
                i += len + 1;
            }
        } else if (h->kind == DXGCAP_IOCTL_LEAVE && h->size >= sizeof(struct dxgcap_ioctl_leave)) {
            const dxgs_ioctl *d = dxgs_abi_ioctl_by_code(u32at(p + 20));
            if (d && d->nr < 256) {
                calls[d->nr]++;
                failures[d->nr] += (int32_t)u32at(p + 8) < 0;
            } else {
                other_calls++;
            }
        } else if (h->kind == DXGCAP_LOST && h->size >= 8) {
            lost += u64at(p);
        } else if (h->kind == DXGCAP_END) {
            ended = 1;
            memcpy(&end, p, h->size < sizeof end ? h->size : sizeof end);
        } else if (h->kind == DXGCAP_PROCESS && h->size >= sizeof(struct dxgcap_process)) {
            struct dxgcap_process pr;
            memcpy(&pr, p, sizeof pr);
            size_t k = 0;
            while (k < npids && pids[k].pid != h->pid) {
                k++;
            }
            if (k == npids && npids < MAX_PIDS) {
                memset(&pids[npids], 0, sizeof pids[0]);
                pids[npids++].pid = h->pid;
            }
            if (k < npids) {
                if ((pr.op == DXGCAP_PROC_START || pr.op == DXGCAP_PROC_EXEC) && h->size > sizeof pr) {
                    snprintf(pids[k].exe, sizeof pids[k].exe, "%.*s", (int)(h->size - sizeof pr),
                             (const char *)p + sizeof pr);
                    pids[k].sampler = is_snapshot_sampler((const char *)p + sizeof pr, h->size - sizeof pr);
                }
                /* a known status (the collector's, from wait) wins over the probe's unknown one */
                if (pr.op == DXGCAP_PROC_EXIT && (!pids[k].exited || pr.status != DXGCAP_STATUS_UNKNOWN)) {
                    pids[k].exited = 1;
                    pids[k].status = pr.status;
                }
            }
            if (pr.op == DXGCAP_PROC_REAPED) { /* its parent's wait: the child's status */
                for (size_t c = 0; c < npids; c++) {
                    if (pids[c].pid == (uint32_t)pr.other_pid) {
                        pids[c].exited = 1;
                        pids[c].status = pr.status;
                    }
                }
            }
        }
    }
    /* events dropped after a size limit have no LOST record (there is no room for one): the
     * preamble's and END's totals count every loss */
    lost = lost > r.preamble.events_lost ? lost : r.preamble.events_lost;
    lost = lost > end.events_lost ? lost : end.events_lost;
    printf("capture: %s\n", argv[0]);
    printf("version: %u, state: %s%s\n", r.preamble.version, state_name(r.preamble.state),
           truncated && r.preamble.state == DXGCAP_STATE_COMPLETE ? " (so its preamble says; the file is cut short)"
                                                                  : "");
    if (command) {
        printf("command: %.*s\n", (int)command_len, command);
    }
    printf("records: %llu, duration: %.3f s, events lost: %llu\n", (unsigned long long)records,
           last_ts > first_ts ? (double)(last_ts - first_ts) / 1e9 : 0.0, (unsigned long long)lost);
    printf("processes: %zu\n", npids);
    for (size_t k = 0; k < npids; k++) {
        printf("  %u %s%s", pids[k].pid, pids[k].exe[0] ? pids[k].exe : "?",
               pids[k].sampler ? " (the snapshot's sampler)" : "");
        if (pids[k].exited && pids[k].status == DXGCAP_STATUS_UNKNOWN) {
            printf(" (exited)");
        } else if (pids[k].exited) {
            printf(pids[k].status >= 0 ? " (exit %d)" : " (killed by signal %d)",
                   pids[k].status >= 0 ? pids[k].status : -pids[k].status);
        }
        printf("\n");
    }
    printf("ioctls:\n");
    size_t n;
    const dxgs_ioctl *table = dxgs_abi_ioctls(&n);
    for (size_t i = 0; i < n; i++) {
        if (table[i].nr < 256 && calls[table[i].nr]) {
            printf("  %-45s %8llu", table[i].name, (unsigned long long)calls[table[i].nr]);
            if (failures[table[i].nr]) {
                printf("  (%llu failed)", (unsigned long long)failures[table[i].nr]);
            }
            printf("\n");
        }
    }
    if (other_calls) {
        printf("  %-45s %8llu\n", "(unknown requests)", (unsigned long long)other_calls);
    }
    if (damaged) {
        printf("damage: %llu damaged region(s) skipped\n", (unsigned long long)damaged);
    }
    if (truncated) {
        printf("end: truncated at offset %llu (%s)\n", (unsigned long long)truncated_at, r.problem);
    } else if (r.preamble.state == DXGCAP_STATE_CUT) {
        printf("end: cut by the collector at offset %llu: %s\n", (unsigned long long)r.preamble.end_offset,
               strerror(r.preamble.cut_errno));
    } else if (r.preamble.state == DXGCAP_STATE_RECORDING) {
        printf("end: still being recorded, or the collector died (no clean end)\n");
    } else if (!ended) {
        printf("end: complete (no END record)\n");
    } else {
        static const char *const reasons[] = {"", "the command exited", "the size limit was reached",
                                              "the time limit was reached", "interrupted (SIGINT/SIGTERM/SIGHUP)",
                                              "a write error"};
        printf("end: complete: %s\n", end.reason >= 1 && end.reason <= 5 ? reasons[end.reason] : "reason unknown");
    }
    dxgs_reader_close(&r);
    return 0;
}
