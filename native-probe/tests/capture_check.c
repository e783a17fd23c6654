/*
 * Checks a capture recorded from probe_target against what probe_target did. One mode per test;
 * prints what it found and exits 1 on any mismatch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dxgscope/abi.h"
#include "dxgscope/capture_format.h"
#include "dxgscope/dxgvmbus.h"
#include "dxgscope/d3dkmthk.h"
#include "reader.h"

struct rec {
    const struct dxgcap_header *h;
    const uint8_t *p;
};

static struct rec *recs;
static size_t nrecs;
static int damaged, truncated;
static struct dxgs_reader reader;

static int by_seq(const void *a, const void *b)
{
    uint64_t x = ((const struct rec *)a)->h->seq, y = ((const struct rec *)b)->h->seq;
    return x < y ? -1 : x > y;
}

static void load(const char *path)
{
    const char *why;
    if (dxgs_reader_open(&reader, path, &why)) {
        fprintf(stderr, "capture_check: cannot read %s: %s\n", path, why ? why : strerror(errno));
        exit(1);
    }
    size_t cap = 1024;
    recs = malloc(cap * sizeof *recs);
    for (;;) {
        const struct dxgcap_header *h;
        enum dxgs_read_status st = dxgs_reader_next(&reader, &h);
        if (st == DXGS_READ_END) {
            break;
        }
        if (st == DXGS_READ_DAMAGED) {
            damaged++;
            continue;
        }
        if (st == DXGS_READ_TRUNCATED) {
            truncated++;
            break;
        }
        if (nrecs == cap) {
            cap *= 2;
            recs = realloc(recs, cap * sizeof *recs);
        }
        recs[nrecs++] = (struct rec){h, (const uint8_t *)h + DXGCAP_HEADER_SIZE};
    }
    qsort(recs, nrecs, sizeof *recs, by_seq);
}

/* The ARG block of an ioctl record (enter: after 24 bytes, leave: after 32). */
static const struct dxgcap_block *arg_block(const struct rec *r, const uint8_t **data)
{
    size_t head = r->h->kind == DXGCAP_IOCTL_ENTER ? sizeof(struct dxgcap_ioctl_enter) : sizeof(struct dxgcap_ioctl_leave);
    if (r->h->size < head + sizeof(struct dxgcap_block)) {
        return NULL;
    }
    *data = r->p + head + sizeof(struct dxgcap_block);
    return (const struct dxgcap_block *)(r->p + head);
}

static uint64_t lost_events(void)
{
    uint64_t lost = 0;
    for (size_t i = 0; i < nrecs; i++) {
        if (recs[i].h->kind == DXGCAP_LOST) {
            lost += ((const struct dxgcap_lost *)recs[i].p)->events;
        }
    }
    return lost;
}

static int check_threads(int n, int m)
{
    int bad = 0;
    uint32_t *next = calloc((size_t)n, sizeof *next);
    uint32_t *tid_of = calloc((size_t)n, sizeof *tid_of);
    uint64_t enters = 0, leaves = 0;
    for (size_t i = 1; i < nrecs; i++) {
        if (recs[i].h->seq == recs[i - 1].h->seq) {
            fprintf(stderr, "duplicate seq %llu\n", (unsigned long long)recs[i].h->seq);
            bad = 1;
        }
    }
    uint64_t lost = lost_events();
    /* enter seq -> tid, to pair leaves */
    for (size_t i = 0; i < nrecs; i++) {
        const struct rec *r = &recs[i];
        if (r->h->kind == DXGCAP_IOCTL_ENTER) {
            const uint8_t *data;
            const struct dxgcap_block *b = arg_block(r, &data);
            if (!b || b->size < sizeof(struct d3dkmt_queryadapterinfo)) {
                continue;
            }
            const struct d3dkmt_queryadapterinfo *q = (const void *)data;
            uint32_t t = q->adapter.v;
            if (t >= (uint32_t)n) {
                continue;
            }
            enters++;
            if (tid_of[t] == 0) {
                tid_of[t] = r->h->tid;
            } else if (tid_of[t] != r->h->tid) {
                fprintf(stderr, "thread %u seen on tids %u and %u\n", t, tid_of[t], r->h->tid);
                bad = 1;
            }
            /* Per-thread order always holds; a gap is only allowed when losses were counted. */
            if (q->type < next[t] || (q->type != next[t] && !lost)) {
                fprintf(stderr, "thread %u: iteration %u where %u was next (order or loss)\n", t, q->type, next[t]);
                bad = 1;
            }
            next[t] = q->type + 1;
        } else if (r->h->kind == DXGCAP_IOCTL_LEAVE) {
            const struct dxgcap_ioctl_leave *l = (const void *)r->p;
            struct dxgcap_header key = {.seq = l->enter_seq};
            struct rec k = {&key, NULL};
            const struct rec *e = bsearch(&k, recs, nrecs, sizeof *recs, by_seq);
            if (l->enter_seq == 0 && lost) {
                leaves++; /* its enter was one of the lost events */
                continue;
            }
            if (!e || e->h->kind != DXGCAP_IOCTL_ENTER || e->h->tid != r->h->tid || e->h->seq >= r->h->seq) {
                fprintf(stderr, "leave #%llu has no matching enter #%llu\n", (unsigned long long)r->h->seq,
                        (unsigned long long)l->enter_seq);
                bad = 1;
            }
            leaves++;
        }
    }
    uint64_t want = (uint64_t)n * (uint64_t)m;
    printf("threads=%d ioctls/thread=%d enters=%llu leaves=%llu lost=%llu\n", n, m, (unsigned long long)enters,
           (unsigned long long)leaves, (unsigned long long)lost);
    if (lost == 0) {
        for (int t = 0; t < n; t++) {
            if (next[t] != (uint32_t)m) {
                fprintf(stderr, "thread %d: %u of %d ioctls recorded\n", t, next[t], m);
                bad = 1;
            }
        }
        bad |= enters != want || leaves != want;
    } else if (enters + leaves + lost != 2 * want) {
        fprintf(stderr, "recorded %llu + lost %llu != %llu events issued\n", (unsigned long long)(enters + leaves),
                (unsigned long long)lost, (unsigned long long)(2 * want));
        bad = 1;
    }
    return bad;
}

static uint32_t marker(const struct rec *r)
{
    const uint8_t *data;
    const struct dxgcap_block *b = arg_block(r, &data);
    return b && b->size >= 4 ? ((const struct d3dkmt_queryadapterinfo *)(const void *)data)->adapter.v : 0;
}

/* want_leaf: ioctls of the exec'd image (3 when the probe follows exec, 0 with DXGSCOPE_FOLLOW_EXEC=0) */
static int check_tree(int want_leaf)
{
    uint32_t parent = 0, child = 0, forked = 0;
    int parent_ioctls = 0, child_ioctls = 0, leaf_ioctls = 0, exec_in_child = 0, starts_in_child = 0;
    for (size_t i = 0; i < nrecs; i++) {
        const struct rec *r = &recs[i];
        if (r->h->kind == DXGCAP_IOCTL_ENTER) {
            uint32_t m = marker(r);
            if (m == 100) {
                parent = r->h->pid;
                parent_ioctls++;
            } else if (m == 200) {
                child = r->h->pid;
                child_ioctls++;
            } else if (m == 300) {
                leaf_ioctls += r->h->pid == child;
            }
        }
    }
    for (size_t i = 0; i < nrecs; i++) {
        const struct rec *r = &recs[i];
        if (r->h->kind != DXGCAP_PROCESS) {
            continue;
        }
        const struct dxgcap_process *p = (const void *)r->p;
        if (p->op == DXGCAP_PROC_FORK && r->h->pid == parent) {
            forked = (uint32_t)p->other_pid;
        }
        exec_in_child += p->op == DXGCAP_PROC_EXEC && r->h->pid == child;
        starts_in_child += p->op == DXGCAP_PROC_START && r->h->pid == child;
    }
    printf("parent=%u child=%u forked=%u parent_ioctls=%d child_ioctls=%d leaf_ioctls=%d exec=%d starts=%d\n", parent,
           child, forked, parent_ioctls, child_ioctls, leaf_ioctls, exec_in_child, starts_in_child);
    return !(parent && child && parent != child && forked == child && parent_ioctls == 2 && child_ioctls == 1 &&
             leaf_ioctls == want_leaf && exec_in_child == 1 && starts_in_child == (want_leaf ? 2 : 1));
}

static int check_badptr(void)
{
    int unreadable_args = 0, unreadable_buffers = 0;
    for (size_t i = 0; i < nrecs; i++) {
        const struct rec *r = &recs[i];
        if (r->h->kind != DXGCAP_IOCTL_ENTER) {
            continue;
        }
        const struct dxgcap_ioctl_enter *e = (const void *)r->p;
        const uint8_t *p = r->p + sizeof *e;
        for (uint32_t b = 0; b < e->block_count; b++) {
            const struct dxgcap_block *blk = (const void *)p;
            if (blk->flags & DXGCAP_BLOCK_UNREADABLE) {
                blk->role == DXGCAP_BLOCK_ARG ? unreadable_args++ : unreadable_buffers++;
            }
            p += sizeof *blk + ((blk->size + 7) & ~7u);
        }
    }
    printf("unreadable args=%d buffers=%d\n", unreadable_args, unreadable_buffers);
    return !(unreadable_args == 3 && unreadable_buffers == 1);
}

/*
 * Driver-private buffers (buffers.tsv kind "private") of every ioctl record: with private data on,
 * some are captured and none omitted; with --no-private-data, some are omitted (flag, no bytes)
 * and none captured.
 */
static int check_private(int on)
{
    int captured = 0, omitted = 0;
    for (size_t i = 0; i < nrecs; i++) {
        const struct rec *r = &recs[i];
        uint32_t request, count, head;
        if (r->h->kind == DXGCAP_IOCTL_ENTER) {
            const struct dxgcap_ioctl_enter *e = (const void *)r->p;
            request = e->request, count = e->block_count, head = sizeof *e;
        } else if (r->h->kind == DXGCAP_IOCTL_LEAVE) {
            const struct dxgcap_ioctl_leave *l = (const void *)r->p;
            request = l->request, count = l->block_count, head = sizeof *l;
        } else {
            continue;
        }
        size_t ndesc;
        const dxgs_buffer *desc = dxgs_abi_buffers(request & 0xff, &ndesc);
        const uint8_t *p = r->p + head;
        for (uint32_t b = 0; b < count; b++) {
            const struct dxgcap_block *blk = (const void *)p;
            if (blk->role == DXGCAP_BLOCK_BUFFER && blk->buffer < ndesc && desc[blk->buffer].kind == DXGS_BUF_PRIVATE) {
                if (blk->flags & DXGCAP_BLOCK_OMITTED) {
                    omitted += blk->size == 0;
                } else {
                    captured += blk->size > 0;
                }
            }
            p += sizeof *blk + ((blk->size + 7) & ~7u);
        }
    }
    printf("private buffers captured=%d omitted=%d\n", captured, omitted);
    return on ? !(captured > 0 && omitted == 0) : !(omitted > 0 && captured == 0);
}

/* Two sends of one fd, each recorded before its call; the first failed, and says so next. */
static int check_scm(void)
{
    int sends = 0, failed = 0, failed_after_send = 0;
    const struct dxgcap_fd *last = NULL;
    for (size_t i = 0; i < nrecs; i++) {
        if (recs[i].h->kind != DXGCAP_FD) {
            continue;
        }
        const struct dxgcap_fd *f = (const struct dxgcap_fd *)recs[i].p;
        if (f->op == DXGCAP_FD_SEND) {
            sends += f->count == 1;
        } else if (f->op == DXGCAP_FD_SEND_FAILED) {
            failed += f->count == 1;
            failed_after_send += last && last->op == DXGCAP_FD_SEND && last->fd == f->fd && f->count == 1;
        }
        last = f;
    }
    printf("fd sends=%d failed=%d failed-after-its-send=%d\n", sends, failed, failed_after_send);
    return !(sends == 2 && failed == 1 && failed_after_send == 1);
}

static int check_cut(int want_errno)
{
    printf("state=%u cut_errno=%d end=%llu size=%llu records=%zu damaged=%d truncated=%d\n", reader.preamble.state,
           reader.preamble.cut_errno, (unsigned long long)reader.preamble.end_offset,
           (unsigned long long)reader.size, nrecs, damaged, truncated);
    return !(reader.preamble.state == DXGCAP_STATE_CUT && reader.preamble.cut_errno == want_errno &&
             reader.preamble.end_offset == reader.size && !damaged && !truncated && nrecs > 2);
}

static int check_killed(int min_enters)
{
    int enters = 0;
    for (size_t i = 0; i < nrecs; i++) {
        enters += recs[i].h->kind == DXGCAP_IOCTL_ENTER;
    }
    printf("state=%u records=%zu enters=%d damaged=%d truncated=%d\n", reader.preamble.state, nrecs, enters, damaged,
           truncated);
    return !(reader.preamble.state == DXGCAP_STATE_RECORDING && enters >= min_enters && !damaged);
}

static int by_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * Host latency (dxgsim --host-latency-us MEAN): every synchronous reply comes at least MEAN/2 after
 * its request, the median lies in [MEAN/2, 3*MEAN/2), and none takes more than 20 MEAN plus
 * scheduling slack. Without latency (MEAN 0) the median is well under 1 ms.
 */
static int check_latency(uint64_t mean_us)
{
    size_t cap = 1024, n = 0;
    uint64_t *lat = malloc(cap * sizeof *lat);
    for (size_t i = 0; i < nrecs; i++) {
        const struct dxgcap_vmbus *v = (const void *)recs[i].p;
        if (recs[i].h->kind != DXGCAP_VMBUS || v->direction != DXGCAP_VMBUS_REQUEST ||
            (v->flags & (DXGCAP_VMBUS_ASYNC | DXGCAP_VMBUS_DROPPED))) {
            continue;
        }
        for (size_t k = i + 1; k < nrecs; k++) {
            const struct dxgcap_vmbus *w = (const void *)recs[k].p;
            if (recs[k].h->kind == DXGCAP_VMBUS && w->direction == DXGCAP_VMBUS_REPLY &&
                w->transaction == v->transaction && w->channel == v->channel && w->adapter_luid == v->adapter_luid) {
                if (n == cap) {
                    cap *= 2;
                    lat = realloc(lat, cap * sizeof *lat);
                }
                lat[n++] = recs[k].h->ts_ns - recs[i].h->ts_ns;
                break;
            }
        }
    }
    if (n == 0) {
        printf("no synchronous exchanges\n");
        return 1;
    }
    qsort(lat, n, sizeof *lat, by_u64);
    uint64_t mean = mean_us * 1000, median = lat[n / 2];
    printf("exchanges=%zu min=%llu median=%llu max=%llu ns (mean asked %llu)\n", n, (unsigned long long)lat[0],
           (unsigned long long)median, (unsigned long long)lat[n - 1], (unsigned long long)mean);
    uint64_t least = lat[0];
    free(lat);
    if (!mean) {
        return median >= 1000000;
    }
    return !(least >= mean / 2 && median >= mean / 2 && median < 3 * mean / 2 + 200000);
}

/* Every successful ioctl that the driver forwards sent its VMBus command (dxg-abi.md §2.2), every
 * request is framed as the driver frames it, and every synchronous request got its reply. */
static int check_vmbus(void)
{
    int bad = 0, requests = 0, replies = 0, checked = 0, processes_created = 0, processes_destroyed = 0;
    for (size_t i = 0; i < nrecs; i++) {
        const struct rec *r = &recs[i];
        if (r->h->kind != DXGCAP_VMBUS) {
            continue;
        }
        const struct dxgcap_vmbus *v = (const void *)r->p;
        const uint8_t *bytes = r->p + sizeof *v;
        if (v->direction == DXGCAP_VMBUS_REPLY) {
            replies++;
            continue;
        }
        if (v->direction != DXGCAP_VMBUS_REQUEST) {
            continue;
        }
        requests++;
        processes_created += v->command_type == DXGK_VMBCOMMAND_CREATEPROCESS;
        processes_destroyed += v->command_type == DXGK_VMBCOMMAND_DESTROYPROCESS;
        struct dxgvmb_ext_header ext;
        uint32_t type, channel_type;
        if (v->size < sizeof ext + 24) {
            fprintf(stderr, "vmbus #%llu: %u bytes, shorter than the headers\n", (unsigned long long)r->h->seq, v->size);
            bad = 1;
            continue;
        }
        memcpy(&ext, bytes, sizeof ext);
        memcpy(&channel_type, bytes + sizeof ext + 12, 4);
        memcpy(&type, bytes + sizeof ext + 16, 4);
        int global = v->command_type >= 1000;
        if (ext.command_offset != 16 || type != v->command_type || (channel_type & 0xff) != (global ? 1u : 0u)) {
            fprintf(stderr, "vmbus #%llu: framing (offset %u, type %u/%u, channel type %u)\n",
                    (unsigned long long)r->h->seq, ext.command_offset, type, v->command_type, channel_type & 0xff);
            bad = 1;
        }
        if (!(v->flags & (DXGCAP_VMBUS_ASYNC | DXGCAP_VMBUS_DROPPED))) {
            int answered = 0;
            for (size_t k = i + 1; k < nrecs && !answered; k++) {
                const struct dxgcap_vmbus *w = (const void *)recs[k].p;
                answered = recs[k].h->kind == DXGCAP_VMBUS && w->direction == DXGCAP_VMBUS_REPLY &&
                           w->transaction == v->transaction && w->channel == v->channel;
            }
            if (!answered) {
                fprintf(stderr, "vmbus #%llu: request %llu has no reply\n", (unsigned long long)r->h->seq,
                        (unsigned long long)v->transaction);
                bad = 1;
            }
        }
    }
    for (size_t i = 0; i < nrecs; i++) {
        const struct rec *r = &recs[i];
        if (r->h->kind != DXGCAP_IOCTL_LEAVE) {
            continue;
        }
        const struct dxgcap_ioctl_leave *l = (const void *)r->p;
        const dxgs_ioctl *d = dxgs_abi_ioctl_by_code(l->request);
        /* Lock2/Unlock2/Escape/ShareObjects send only sometimes (mapping refcount, driver-known
         * escapes, first share only). */
        if (!d || d->vmbus_command < 0 || l->ret < 0 || d->nr == 0x25 || d->nr == 0x37 || d->nr == 0x0d ||
            d->nr == 0x3f) {
            continue;
        }
        checked++;
        int sent = 0;
        for (size_t k = 0; k < nrecs && !sent; k++) {
            const struct dxgcap_vmbus *w = (const void *)recs[k].p;
            sent = recs[k].h->kind == DXGCAP_VMBUS && w->direction == DXGCAP_VMBUS_REQUEST && w->cause == l->enter_seq &&
                   (int32_t)w->command_type == d->vmbus_command;
        }
        if (!sent) {
            fprintf(stderr, "%s (enter #%llu) sent no %s\n", d->name, (unsigned long long)l->enter_seq,
                    dxgs_abi_vmbus_command_name(d->vmbus_command >= 1000, (uint32_t)d->vmbus_command));
            bad = 1;
        }
    }
    printf("vmbus requests=%d replies=%d ioctls checked=%d createprocess=%d destroyprocess=%d\n", requests, replies,
           checked, processes_created, processes_destroyed);
    return bad || checked == 0 || processes_created == 0 || processes_created != processes_destroyed;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: capture_check MODE FILE [ARGS]\n");
        return 2;
    }
    load(argv[2]);
    const char *mode = argv[1];
    if (!strcmp(mode, "threads") && argc == 5) {
        return check_threads(atoi(argv[3]), atoi(argv[4]));
    }
    if (!strcmp(mode, "tree")) {
        return check_tree(3);
    }
    if (!strcmp(mode, "tree-nofollow")) {
        return check_tree(0);
    }
    if (!strcmp(mode, "private") && argc == 4) {
        return check_private(!strcmp(argv[3], "on"));
    }
    if (!strcmp(mode, "vmbus")) {
        return check_vmbus();
    }
    if (!strcmp(mode, "latency") && argc == 4) {
        return check_latency(strtoull(argv[3], NULL, 10));
    }
    if (!strcmp(mode, "badptr")) {
        return check_badptr();
    }
    if (!strcmp(mode, "scm")) {
        return check_scm();
    }
    if (!strcmp(mode, "cut") && argc == 4) {
        return check_cut(atoi(argv[3]));
    }
    if (!strcmp(mode, "killed") && argc == 4) {
        return check_killed(atoi(argv[3]));
    }
    fprintf(stderr, "capture_check: bad mode or arguments\n");
    return 2;
}
