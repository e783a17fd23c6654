/*
 * The probe's side of DXGSCOPE_DEVICE=sim:SOCKET: opening the device connects to dxgsim; every
 * ioctl on that fd becomes a request carrying the argument struct and the input buffers of the ABI
 * buffer table, and the reply's argument struct, output buffers and fixups (fence pages and Lock2
 * ranges to map, fds to install) are written back into the caller's memory, through guard_copy:
 * a bad pointer gets EFAULT as from the driver, never a crash.
 *
 * Each thread talks on its own connection (ATTACH), keyed by the device socket's inode, so a
 * thread blocked in a wait does not hold up the others. The eventfds and NT-handle fds an ioctl
 * names travel to the simulator as SCM_RIGHTS.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/ioctl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "dxgscope/abi.h"
#include "dxgscope/d3dkmthk.h"
#include "probe.h"
#include "simproto.h"

#define MAX_THREAD_LINKS 64
#define MAX_POOLS 64

/* Per thread: connections of this thread to device files, by the device socket's inode. */
struct link {
    ino_t device;
    int fd;
    pid_t pid;
};
static __thread struct link links[MAX_THREAD_LINKS];

/* Per process: device files and the shared mappings (pools) already made. */
struct file_info {
    ino_t device;
    uint64_t file_id;
};
struct pool {
    uint64_t id;
    uint8_t *base;
    uint64_t length;
};
static struct file_info files[256];
static struct pool pools[MAX_POOLS];
static pid_t pools_pid;
static pthread_mutex_t sim_lock = PTHREAD_MUTEX_INITIALIZER;

static pid_t current_tid(void)
{
    return (pid_t)syscall(SYS_gettid);
}

static int connect_socket(const char *path)
{
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) {
        real.close(fd);
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(addr.sun_path, path);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        int err = errno;
        real.close(fd);
        errno = err == ECONNREFUSED || err == ENOENT ? ENOENT : err;
        return -1;
    }
    return fd;
}

static ssize_t send_fds(int sock, const void *data, size_t len, const int *fds, int nfds)
{
    struct iovec iov = {(void *)data, len};
    union {
        char buf[CMSG_SPACE(sizeof(int) * DXGSIM_MAX_FDS)];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    if (nfds > 0) {
        memset(&control, 0, sizeof control);
        msg.msg_control = control.buf;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
        memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
    }
    ssize_t r;
    do {
        r = real.sendmsg(sock, &msg, MSG_NOSIGNAL);
    } while (r < 0 && errno == EINTR);
    return r;
}

static ssize_t recv_fds(int sock, void *data, size_t cap, int *fds, int *nfds)
{
    struct iovec iov = {data, cap};
    union {
        char buf[CMSG_SPACE(sizeof(int) * DXGSIM_MAX_FDS)];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                         .msg_controllen = sizeof control.buf};
    ssize_t r;
    do {
        r = real.recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    } while (r < 0 && errno == EINTR);
    *nfds = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); r >= 0 && c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < n && *nfds < DXGSIM_MAX_FDS; i++) {
                memcpy(&fds[(*nfds)++], CMSG_DATA(c) + (size_t)i * sizeof(int), sizeof(int));
            }
        }
    }
    if (r >= 0 && (msg.msg_flags & MSG_TRUNC)) {
        errno = EMSGSIZE;
        return -1;
    }
    return r;
}

/* Sends HELLO or ATTACH on sock and reads the WELCOME. Returns 0 or errno. */
static int greet(int sock, uint32_t type, uint64_t file_id, uint64_t *file_id_out)
{
    struct dxgsim_hello h = {.magic = DXGSIM_MAGIC, .type = type, .version = DXGSIM_VERSION, .pid = getpid(),
                             .tid = current_tid(), .file_id = file_id};
    prctl(PR_GET_NAME, h.comm);
    if (send_fds(sock, &h, sizeof h, NULL, 0) < 0) {
        return errno;
    }
    struct dxgsim_welcome w;
    int fds[DXGSIM_MAX_FDS], nfds;
    ssize_t r = recv_fds(sock, &w, sizeof w, fds, &nfds);
    for (int i = 0; i < nfds; i++) {
        real.close(fds[i]);
    }
    if (r != (ssize_t)sizeof w || w.magic != DXGSIM_MAGIC || w.type != DXGSIM_WELCOME) {
        return EPROTO;
    }
    if (w.err) {
        return w.err;
    }
    *file_id_out = w.file_id;
    return 0;
}

void sim_client_after_fork(void)
{
    for (int i = 0; i < MAX_THREAD_LINKS; i++) {
        if (links[i].device) {
            real.close(links[i].fd);
            links[i] = (struct link){0};
        }
    }
}

static ino_t inode_of(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

int sim_client_open(const char *socket_path, int flags)
{
    int sock = connect_socket(socket_path);
    if (sock < 0) {
        return -1;
    }
    uint64_t file_id = 0;
    int err = greet(sock, DXGSIM_HELLO, 0, &file_id);
    if (err) {
        real.close(sock);
        errno = err;
        return -1;
    }
    if (!(flags & O_CLOEXEC)) {
        int fl = real.fcntl(sock, F_GETFD);
        real.fcntl(sock, F_SETFD, fl & ~FD_CLOEXEC);
    }
    pthread_mutex_lock(&sim_lock);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (!files[i].device) {
            files[i] = (struct file_info){inode_of(sock), file_id};
            break;
        }
    }
    pthread_mutex_unlock(&sim_lock);
    return sock;
}

/* This thread's connection for the device file behind fd: the fd itself for the opening thread's
 * first use, an ATTACH connection otherwise. */
static int thread_link(int fd)
{
    ino_t device = inode_of(fd);
    pid_t pid = getpid();
    for (int i = 0; i < MAX_THREAD_LINKS; i++) {
        if (links[i].device == device && links[i].pid == pid) {
            return links[i].fd;
        }
    }
    uint64_t file_id = 0;
    pthread_mutex_lock(&sim_lock);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (files[i].device == device) {
            file_id = files[i].file_id;
        }
    }
    pthread_mutex_unlock(&sim_lock);
    if (!file_id) {
        return fd; /* inherited over fork: the simulator answers ENOTTY for the wrong process */
    }
    struct sockaddr_un addr;
    socklen_t len = sizeof addr;
    if (getpeername(fd, (struct sockaddr *)&addr, &len) < 0) {
        return fd;
    }
    int link = connect_socket(addr.sun_path);
    uint64_t ignored;
    if (link < 0 || greet(link, DXGSIM_ATTACH, file_id, &ignored) != 0) {
        if (link >= 0) {
            real.close(link);
        }
        return fd;
    }
    for (int i = 0; i < MAX_THREAD_LINKS; i++) {
        if (!links[i].device || links[i].pid != pid) {
            links[i] = (struct link){device, link, pid};
            return link;
        }
    }
    return link;
}

/* fds an ioctl names by number: they must travel as SCM_RIGHTS. Returns the count. */
static int fds_named(uint32_t nr, const uint8_t *arg, uint32_t len, int *fds)
{
    int n = 0;
    uint64_t v = 0;
#define FIELD(type, member) (len >= sizeof(type) ? (memcpy(&v, arg + offsetof(type, member), sizeof v), 1) : 0)
    switch (nr) {
    case 0x10: { /* CreateSynchronizationObject: CPU notification eventfd */
        const struct d3dkmt_createsynchronizationobject2 *a = (const void *)arg;
        if (len >= sizeof *a && a->info.type == D3DDDI_CPU_NOTIFICATION) {
            fds[n++] = (int)a->info.cpu_notification.event;
        }
        break;
    }
    case 0x11: { /* Signal with enqueue_cpu_event */
        const struct d3dkmt_signalsynchronizationobject2 *a = (const void *)arg;
        if (len >= sizeof *a && a->flags.enqueue_cpu_event) {
            fds[n++] = (int)a->cpu_event_handle;
        }
        break;
    }
    case 0x33: { /* SignalFromGpu2 with enqueue_cpu_event */
        const struct d3dkmt_signalsynchronizationobjectfromgpu2 *a = (const void *)arg;
        if (len >= sizeof *a && a->flags.enqueue_cpu_event) {
            fds[n++] = (int)a->cpu_event_handle;
        }
        break;
    }
    case 0x3a: /* WaitForSynchronizationObjectFromCpu: async eventfd (0 = blocking) */
        if (FIELD(struct d3dkmt_waitforsynchronizationobjectfromcpu, async_event) && v) {
            fds[n++] = (int)v;
        }
        break;
    case 0x40:
        if (FIELD(struct d3dkmt_opensyncobjectfromnthandle2, nt_handle)) {
            fds[n++] = (int)v;
        }
        break;
    case 0x41:
        if (FIELD(struct d3dkmt_queryresourceinfofromnthandle, nt_handle)) {
            fds[n++] = (int)v;
        }
        break;
    case 0x42:
        if (FIELD(struct d3dkmt_openresourcefromnthandle, nt_handle)) {
            fds[n++] = (int)v;
        }
        break;
    case 0x46:
        if (FIELD(struct d3dkmt_waitsyncfile, sync_file_handle)) {
            fds[n++] = (int)v;
        }
        break;
    case 0x47:
        if (FIELD(struct d3dkmt_opensyncobjectfromsyncfile, sync_file_handle)) {
            fds[n++] = (int)v;
        }
        break;
    default:
        break;
    }
#undef FIELD
    /* An fd that is not open cannot travel: the simulator sees -1 and answers as the driver does. */
    for (int i = 0; i < n; i++) {
        if (fds[i] < 0 || real.fcntl(fds[i], F_GETFD) < 0) {
            fds[i] = -1;
        }
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (fds[i] >= 0) {
            fds[k++] = fds[i];
        }
    }
    return k;
}

struct out_buf {
    const struct dxgsim_buffer *head;
    uint8_t *bytes;
};

static uint8_t *pool_map(uint64_t id, int fd, uint64_t length, int prot)
{
    pid_t pid = getpid();
    if (pools_pid != pid) {
        memset(pools, 0, sizeof pools); /* a forked child maps its own */
        pools_pid = pid;
    }
    for (int i = 0; id && i < MAX_POOLS; i++) {
        if (pools[i].id == id) {
            return pools[i].base;
        }
    }
    if (fd < 0) {
        return NULL;
    }
    void *m = real.mmap(NULL, length, prot, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) {
        return NULL;
    }
    for (int i = 0; id && i < MAX_POOLS; i++) {
        if (!pools[i].id) {
            pools[i] = (struct pool){id, m, length};
            break;
        }
    }
    return m;
}

/* Applies fixups to the reply's argument and buffers; returns 0 or an errno. */
static int apply_fixups(const struct dxgsim_fixup *fx, uint32_t count, uint8_t *arg, uint32_t arg_size,
                        struct out_buf *bufs, uint32_t nbufs, const int *fds, int nfds, int *fd_used)
{
    for (uint32_t i = 0; i < count; i++) {
        const struct dxgsim_fixup *f = &fx[i];
        uint64_t value = 0;
        if (f->op == DXGSIM_FIX_UNMAP) {
            pthread_mutex_lock(&sim_lock);
            for (int k = 0; k < MAX_POOLS; k++) {
                if (pools[k].id == f->pool_id && f->pool_id) {
                    pools[k].id = 0;
                }
            }
            pthread_mutex_unlock(&sim_lock);
            real.munmap((void *)(uintptr_t)f->offset, f->length);
            continue;
        }
        int fd = f->fd_index >= 0 && f->fd_index < nfds ? fds[f->fd_index] : -1;
        if (f->op == DXGSIM_FIX_MAP) {
            pthread_mutex_lock(&sim_lock);
            uint8_t *base = pool_map(f->pool_id, fd, f->length, (int)f->prot);
            pthread_mutex_unlock(&sim_lock);
            if (!base) {
                return ENOMEM;
            }
            value = (uint64_t)(uintptr_t)base + (f->pool_id ? f->offset : 0);
        } else if (f->op == DXGSIM_FIX_INSTALL_FD) {
            if (fd < 0) {
                return EPROTO;
            }
            fd_used[f->fd_index] = 1;
            int cloexec = real.fcntl(fd, F_GETFD);
            real.fcntl(fd, F_SETFD, cloexec | FD_CLOEXEC); /* dxg object fds are O_CLOEXEC */
            fd_set_kind(fd, FD_KIND_OBJECT);
            value = (uint64_t)fd;
        }
        if (f->dest == DXGSIM_DEST_ARG && f->dest_offset + 8 <= arg_size) {
            memcpy(arg + f->dest_offset, &value, 8);
        } else if (f->dest == DXGSIM_DEST_BUFFER && f->dest_buffer < nbufs &&
                   f->dest_offset + 8 <= bufs[f->dest_buffer].head->size) {
            memcpy(bufs[f->dest_buffer].bytes + f->dest_offset, &value, 8);
        }
    }
    return 0;
}

int sim_client_ioctl(int fd, unsigned long request, void *arg)
{
    const dxgs_ioctl *desc = dxgs_abi_ioctl_by_code((uint32_t)request);
    uint32_t arg_size = desc && desc->arg_size ? desc->arg_size : _IOC_SIZE(request);
    size_t cap = DXGSIM_MAX_MESSAGE;
    static __thread uint8_t *message; /* per thread, made once; pages are touched as needed */
    if (!message) {
        void *m = real.mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) {
            errno = ENOMEM;
            return -1;
        }
        message = m;
    }
    uint8_t *msg = message;
    int result = -1, err = 0;
    struct dxgsim_request *rq = (struct dxgsim_request *)msg;
    *rq = (struct dxgsim_request){.magic = DXGSIM_MAGIC, .type = DXGSIM_IOCTL, .request = (uint32_t)request,
                                  .arg_size = arg_size, .enter_seq = tls.enter_seq, .pid = getpid(),
                                  .tid = current_tid()};
    size_t used = sizeof *rq;
    uint8_t *arg_copy = msg + used;
    if (arg_size > 4096 || guard_copy(arg_copy, arg, arg_size) != 0) {
        rq->arg_flags = DXGSIM_BUF_UNREADABLE;
        arg_size = rq->arg_size = 0;
    }
    used += (arg_size + 7) & ~7u;

    /* Input buffers, top level from the argument copy, nested from their parent's bytes. */
    size_t nb = 0;
    const dxgs_buffer *table = desc ? dxgs_abi_buffers(desc->nr, &nb) : NULL;
    size_t parent_at[32] = {0};
    uint32_t parent_len[32] = {0};
    for (size_t i = 0; arg_size && i < nb && i < 32; i++) {
        const dxgs_buffer *d = &table[i];
        if (!(d->dir & DXGS_BUF_IN)) {
            continue;
        }
        const uint8_t *parent = arg_copy;
        uint32_t elems = 1, elem_size = arg_size;
        if (d->parent >= 0) {
            if (!parent_len[d->parent]) {
                continue;
            }
            parent = msg + parent_at[d->parent];
            elem_size = table[d->parent].elem_size;
            elems = parent_len[d->parent] / elem_size;
        }
        for (uint32_t e = 0; e < elems; e++) {
            const uint8_t *p = parent + (size_t)e * elem_size;
            uint64_t ptr, count = d->count_const;
            memcpy(&ptr, p + d->ptr_offset, 8);
            if (d->count_offset >= 0) {
                uint64_t c = 0;
                memcpy(&c, p + d->count_offset, d->count_size);
                count = d->count_size == 4 ? (uint32_t)c : c;
            }
            if (d->max_elems && count > d->max_elems) {
                count = d->max_elems + 1; /* enough for the simulator to refuse it as the driver does */
            }
            uint64_t size = count * d->elem_size;
            if (!ptr || !count || used + sizeof(struct dxgsim_buffer) + size + 8 > cap) {
                continue;
            }
            struct dxgsim_buffer *b = (struct dxgsim_buffer *)(msg + used);
            *b = (struct dxgsim_buffer){.index = (uint16_t)i, .element = e, .address = ptr, .size = (uint32_t)size};
            uint8_t *bytes = msg + used + sizeof *b;
            if (guard_copy(bytes, (const void *)(uintptr_t)ptr, (size_t)size) != 0) {
                if (d->kind == DXGS_BUF_IF_READABLE) {
                    continue;
                }
                b->flags = DXGSIM_BUF_UNREADABLE;
                b->size = 0;
            } else if (d->parent < 0 || elems == 1) {
                parent_at[i] = (size_t)(bytes - msg);
                parent_len[i] = (uint32_t)size;
            }
            used += sizeof *b + ((b->size + 7) & ~7u);
            rq->buffer_count++;
        }
    }

    int fds[DXGSIM_MAX_FDS] = {0}; /* only [0, n) is read; initialized for -O3 -Werror */
    int nfds = desc && arg_size ? fds_named(desc->nr, arg_copy, arg_size, fds) : 0;
    int link = thread_link(fd);
    if (send_fds(link, msg, used, fds, nfds) < 0) {
        err = errno == EPIPE || errno == ECONNRESET ? ENODEV : errno;
        goto out;
    }
    int rfds[DXGSIM_MAX_FDS], nrfds = 0, fd_used[DXGSIM_MAX_FDS] = {0};
    ssize_t got = recv_fds(link, msg, cap, rfds, &nrfds);
    if (got < (ssize_t)sizeof(struct dxgsim_reply)) {
        err = got < 0 ? errno : ENODEV; /* the simulator went away: the device is gone */
        goto close_fds;
    }
    struct dxgsim_reply *rp = (struct dxgsim_reply *)msg;
    if (rp->magic != DXGSIM_MAGIC || rp->type != DXGSIM_REPLY) {
        err = EPROTO;
        goto close_fds;
    }
    size_t at = sizeof *rp;
    uint8_t *out_arg = msg + at;
    at += (rp->arg_size + 7) & ~7u;
    struct out_buf bufs[DXGSIM_MAX_BUFFERS];
    uint32_t nbufs = 0;
    for (uint32_t i = 0; i < rp->buffer_count && nbufs < DXGSIM_MAX_BUFFERS && at + sizeof(struct dxgsim_buffer) <= (size_t)got; i++) {
        const struct dxgsim_buffer *b = (const struct dxgsim_buffer *)(msg + at);
        bufs[nbufs++] = (struct out_buf){b, msg + at + sizeof *b};
        at += sizeof *b + ((b->size + 7) & ~7u);
    }
    const struct dxgsim_fixup *fx = (const struct dxgsim_fixup *)(msg + at);
    if (at + rp->fixup_count * sizeof *fx > (size_t)got) {
        err = EPROTO;
        goto close_fds;
    }
    err = apply_fixups(fx, rp->fixup_count, out_arg, rp->arg_size, bufs, nbufs, rfds, nrfds, fd_used);
    if (!err) {
        for (uint32_t i = 0; i < nbufs; i++) {
            if (guard_copy((void *)(uintptr_t)bufs[i].head->address, bufs[i].bytes, bufs[i].head->size) != 0) {
                err = EFAULT;
            }
        }
        if (rp->arg_size && rp->arg_size <= arg_size && guard_copy(arg, out_arg, rp->arg_size) != 0) {
            err = EFAULT;
        }
    }
    if (!err) {
        result = rp->ret;
        err = rp->ret < 0 ? rp->err : 0;
    }
close_fds:
    for (int i = 0; i < nrfds; i++) {
        if (!fd_used[i]) {
            real.close(rfds[i]);
        }
    }
out:
    if (err && result >= 0) {
        result = -1; /* a local failure (EFAULT writing results back, the simulator gone) */
    }
    errno = err;
    return result;
}
