/*
 * The ioctl interposer. For a dxg fd it records IOCTL_ENTER (the argument struct and every input
 * buffer named by the ABI's buffer table) and IOCTL_LEAVE (return value, errno, the argument struct
 * as the driver left it and every output buffer), then lets probe_observe learn what it needs for
 * fence sampling and fd tracking. Everything is read with guard_copy, so a bad pointer costs an
 * "unreadable" flag, never a crash.
 */
#include <errno.h>
#include <linux/ioctl.h>
#include <stdarg.h>
#include <string.h>

#include "dxgscope/abi.h"
#include "probe.h"
#include "probe_observe.h"

#define MAX_BUFFERS 24
#define MAX_ARG 4096

struct blocks {
    uint8_t *base;   /* first byte of the payload */
    size_t used;     /* payload bytes so far */
    size_t room;     /* payload capacity */
    uint32_t count;
    /* where each buffer's block landed (offset of its bytes in the payload), for nested pointers */
    size_t at[MAX_BUFFERS];
    uint32_t len[MAX_BUFFERS];
};

/* Appends one block copied (guarded) from target memory; returns a pointer to its bytes or NULL. */
static const uint8_t *add_block(struct blocks *b, uint16_t role, uint16_t buffer, uint32_t element,
                                uint64_t address, uint64_t wanted, int omit, uint32_t *size_out)
{
    if (b->used + sizeof(struct dxgcap_block) > b->room) {
        return NULL;
    }
    struct dxgcap_block blk = {.role = role, .buffer = buffer, .element = element, .address = address,
                               .wanted = wanted};
    size_t cap = (b->room - b->used - sizeof blk) & ~(size_t)7;
    uint64_t size = wanted < cap ? wanted : cap;
    uint8_t *dst = b->base + b->used + sizeof blk;
    if (omit) {
        blk.flags |= DXGCAP_BLOCK_OMITTED;
        size = 0;
    } else if (guard_copy(dst, (const void *)(uintptr_t)address, (size_t)size) != 0) {
        blk.flags |= DXGCAP_BLOCK_UNREADABLE;
        size = 0;
    } else if (size < wanted) {
        blk.flags |= DXGCAP_BLOCK_TRUNCATED;
    }
    blk.size = (uint32_t)size;
    memcpy(b->base + b->used, &blk, sizeof blk);
    size_t padded = (size + 7) & ~(uint64_t)7;
    memset(dst + size, 0, padded - size);
    b->used += sizeof blk + padded;
    b->count++;
    *size_out = (uint32_t)size;
    return (blk.flags & (DXGCAP_BLOCK_UNREADABLE | DXGCAP_BLOCK_OMITTED)) ? NULL : dst;
}

static uint64_t read_uint(const uint8_t *p, uint32_t size)
{
    if (size == 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* The pointer and element count of buffer d inside one parent record of len bytes. */
static int locate(const dxgs_buffer *d, const uint8_t *parent, uint32_t len, uint64_t *ptr, uint64_t *count)
{
    if (d->ptr_offset + 8 > len) {
        return 0;
    }
    *ptr = read_uint(parent + d->ptr_offset, 8);
    if (d->count_offset < 0) {
        *count = d->count_const;
    } else if ((uint32_t)d->count_offset + d->count_size <= len) {
        *count = read_uint(parent + d->count_offset, d->count_size);
    } else {
        return 0;
    }
    if (d->max_elems && *count > d->max_elems) {
        *count = d->max_elems; /* the driver refuses more; the block is marked truncated */
    }
    return *ptr != 0 && *count != 0;
}

/* Adds every buffer whose direction matches `dir`, top-level ones from the argument copy, nested
 * ones from the elements of their parent's block captured just before. */
static void add_buffers(struct blocks *b, uint32_t nr, const uint8_t *arg, uint32_t arg_len, uint32_t dir)
{
    size_t n = 0;
    const dxgs_buffer *bufs = dxgs_abi_buffers(nr, &n);
    for (size_t i = 0; i < n && i < MAX_BUFFERS; i++) {
        b->len[i] = 0;
        const dxgs_buffer *d = &bufs[i];
        if (!(d->dir & dir)) {
            continue;
        }
        int omit = d->kind == DXGS_BUF_PRIVATE && !cfg.private_data;
        uint64_t ptr, count;
        if (d->parent < 0) {
            if (!locate(d, arg, arg_len, &ptr, &count)) {
                continue;
            }
            uint64_t wanted = count * d->elem_size;
            if (d->kind == DXGS_BUF_IF_READABLE) {
                uint8_t probe_byte;
                if (guard_copy(&probe_byte, (const void *)(uintptr_t)ptr, 1) != 0) {
                    continue;
                }
            }
            uint32_t got = 0;
            const uint8_t *bytes = add_block(b, DXGCAP_BLOCK_BUFFER, (uint16_t)i, 0, ptr, wanted, omit, &got);
            if (bytes) {
                b->at[i] = (size_t)(bytes - b->base);
                b->len[i] = got;
            }
        } else if ((size_t)d->parent < i && b->len[d->parent]) {
            const dxgs_buffer *p = &bufs[d->parent];
            const uint8_t *elems = b->base + b->at[d->parent];
            uint32_t parent_len = b->len[d->parent];
            for (uint32_t e = 0; p->elem_size && (uint64_t)(e + 1) * p->elem_size <= parent_len; e++) {
                if (!locate(d, elems + (size_t)e * p->elem_size, p->elem_size, &ptr, &count)) {
                    continue;
                }
                uint32_t got = 0;
                add_block(b, DXGCAP_BLOCK_BUFFER, (uint16_t)i, e, ptr, count * d->elem_size, omit, &got);
            }
        }
    }
}

static uint32_t arg_size_of(unsigned long request, const dxgs_ioctl **desc)
{
    *desc = dxgs_abi_ioctl_by_code((uint32_t)request);
    uint32_t size = *desc && (*desc)->arg_size ? (*desc)->arg_size : _IOC_SIZE(request);
    return size > MAX_ARG ? MAX_ARG : size;
}

static uint64_t emit_enter(int fd, unsigned long request, void *arg)
{
    uint8_t *s = probe_scratch();
    if (!s) {
        return 0;
    }
    const dxgs_ioctl *desc;
    uint32_t arg_size = arg_size_of(request, &desc);
    struct blocks b = {.base = s + DXGCAP_HEADER_SIZE + sizeof(struct dxgcap_ioctl_enter),
                       .room = probe_max_record() - DXGCAP_HEADER_SIZE - sizeof(struct dxgcap_ioctl_enter)};
    uint32_t got = 0;
    const uint8_t *a = add_block(&b, DXGCAP_BLOCK_ARG, 0, 0, (uint64_t)(uintptr_t)arg, arg_size, 0, &got);
    if (a && desc) {
        add_buffers(&b, desc->nr, a, got, DXGS_BUF_IN);
        probe_observe_enter(desc->nr, a, got);
    }
    struct dxgcap_ioctl_enter e = {.fd = (uint32_t)fd, .request = (uint32_t)request,
                                   .arg = (uint64_t)(uintptr_t)arg, .block_count = b.count};
    memcpy(s + DXGCAP_HEADER_SIZE, &e, sizeof e);
    return probe_commit(DXGCAP_IOCTL_ENTER, (uint32_t)(sizeof e + b.used));
}

static void emit_leave(uint64_t enter_seq, int fd, unsigned long request, void *arg, int ret, int err)
{
    uint8_t *s = probe_scratch();
    if (!s) {
        return;
    }
    const dxgs_ioctl *desc;
    uint32_t arg_size = arg_size_of(request, &desc);
    struct blocks b = {.base = s + DXGCAP_HEADER_SIZE + sizeof(struct dxgcap_ioctl_leave),
                       .room = probe_max_record() - DXGCAP_HEADER_SIZE - sizeof(struct dxgcap_ioctl_leave)};
    uint32_t got = 0;
    const uint8_t *a = add_block(&b, DXGCAP_BLOCK_ARG, 0, 0, (uint64_t)(uintptr_t)arg, arg_size, 0, &got);
    if (a && desc) {
        add_buffers(&b, desc->nr, a, got, DXGS_BUF_OUT);
        if (ret >= 0) {
            probe_observe(desc->nr, a, got);
        } else {
            probe_observe_failed(desc->nr, a, got);
        }
    }
    struct dxgcap_ioctl_leave l = {.enter_seq = enter_seq, .ret = ret, .err = ret < 0 ? err : 0,
                                   .fd = (uint32_t)fd, .request = (uint32_t)request, .block_count = b.count};
    memcpy(s + DXGCAP_HEADER_SIZE, &l, sizeof l);
    probe_commit(DXGCAP_IOCTL_LEAVE, (uint32_t)(sizeof l + b.used));
}

int probe_traced_ioctl(int fd, unsigned long request, void *arg)
{
    tls.busy++;
    int sim = fd_kind(fd) == FD_KIND_SIM;
    uint64_t enter_seq = cfg.recording ? emit_enter(fd, request, arg) : 0;
    tls.enter_seq = enter_seq;
    int ret = sim ? sim_client_ioctl(fd, request, arg) : real.ioctl(fd, request, arg);
    int err = errno;
    if (cfg.recording) {
        emit_leave(enter_seq, fd, request, arg, ret, err);
    }
    tls.busy--;
    errno = err;
    return ret;
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    probe_ensure_init();
    int kind = fd_kind(fd);
    if (__builtin_expect(kind == FD_KIND_NONE || kind == FD_KIND_OBJECT || tls.busy, 1)) {
        return real.ioctl(fd, request, arg);
    }
    return probe_traced_ioctl(fd, request, arg);
}
