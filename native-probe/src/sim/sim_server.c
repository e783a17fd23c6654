/*
 * dxgsim's edges: the listening socket, client connections (device files and their per-thread
 * attachments), request and reply marshalling (docs of the protocol: src/common/simproto.h),
 * calls parked until a wait completes, and object fds: every NT-handle fd and sync file is one
 * end of a socketpair whose other end dxgsim keeps, so it learns when the last descriptor of that
 * file is closed (hang-up), whichever process held it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "dxgscope/abi.h"
#include "sim.h"
#include "sim_server.h"

/* One open of the device. Its lifetime is the HELLO connection's (the device fd the client holds);
 * ATTACH connections are per-thread plumbing of the probe and do not keep it open, just as a
 * forked child's leftover copies of them must not. */
struct sim_file {
    uint64_t id;
    struct sim_process *proc;
    struct sim_conn *primary;
    struct sim_file *next;
};

struct sim_conn {
    int fd;
    struct sim_file *file;
    struct sim_call *parked;
    struct sim_conn *next;
};

struct objfd {
    int sim_end;
    ino_t client_ino;
    struct sim_shared *shared;
    struct objfd *next;
};

static struct {
    struct sim *sim;
    int listen_fd;
    struct sim_conn *conns;
    struct sim_file *files;
    struct objfd *objfds;
    uint64_t next_file_id;
    uint8_t *request;
    volatile sig_atomic_t stop;
} srv;

/* ---- call helpers used by handlers ---- */

const uint8_t *sim_in(const struct sim_call *c, uint64_t address, uint64_t size)
{
    if (!address) {
        return NULL;
    }
    for (int i = 0; i < c->nin; i++) {
        if (c->in[i].address == address && !c->in[i].unreadable && c->in[i].size >= size) {
            return c->in[i].data;
        }
    }
    return NULL;
}

uint8_t *sim_out(struct sim_call *c, uint64_t address, uint32_t size)
{
    if (c->nout >= (int)(sizeof c->out / sizeof c->out[0]) || !address) {
        return NULL;
    }
    uint8_t *data = calloc(1, size ? size : 1);
    c->out[c->nout++] = (struct sim_buf){.address = address, .data = data, .size = size};
    return data;
}

int sim_out_last(const struct sim_call *c)
{
    return c->nout - 1;
}

static struct dxgsim_fixup *new_fixup(struct sim_call *c)
{
    c->fixups = realloc(c->fixups, (size_t)(c->nfixups + 1) * sizeof *c->fixups);
    struct dxgsim_fixup *f = &c->fixups[c->nfixups++];
    memset(f, 0, sizeof *f);
    f->fd_index = -1;
    return f;
}

static int add_reply_fd(struct sim_call *c, int fd)
{
    if (c->nreply_fds >= (int)(sizeof c->reply_fds / sizeof c->reply_fds[0])) {
        return -1;
    }
    c->reply_fds[c->nreply_fds] = fd;
    return c->nreply_fds++;
}

void sim_fixup_map(struct sim_call *c, uint32_t arg_offset, int fd, uint64_t length, uint64_t pool_id)
{
    struct dxgsim_fixup *f = new_fixup(c);
    f->op = DXGSIM_FIX_MAP;
    f->dest = DXGSIM_DEST_ARG;
    f->dest_offset = arg_offset;
    f->prot = 3; /* PROT_READ | PROT_WRITE */
    f->pool_id = pool_id;
    f->length = length;
    f->fd_index = add_reply_fd(c, dup(fd));
}

void sim_fixup_fence(struct sim_call *c, uint32_t arg_offset, const struct sim_fence *fence)
{
    sim_fixup_map(c, arg_offset, c->sim->fence_pool_fd, SIM_FENCE_POOL_SIZE, 1);
    c->fixups[c->nfixups - 1].offset = sim_fence_cpu_offset(fence);
}

void sim_fixup_unmap(struct sim_call *c, uint64_t pool_id, uint64_t length)
{
    struct dxgsim_fixup *f = new_fixup(c);
    f->op = DXGSIM_FIX_UNMAP;
    f->dest = DXGSIM_DEST_NONE;
    f->pool_id = pool_id;
    f->length = length;
}

static ino_t inode_of(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

int sim_give_object_fd(struct sim_call *c, struct sim_shared *sh, int dest_buffer, uint32_t dest_offset)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
        return -1;
    }
    struct objfd *o = calloc(1, sizeof *o);
    o->sim_end = sv[0];
    o->client_ino = inode_of(sv[1]);
    o->shared = sh;
    o->next = srv.objfds;
    srv.objfds = o;
    sh->fds++;
    struct dxgsim_fixup *f = new_fixup(c);
    f->op = DXGSIM_FIX_INSTALL_FD;
    f->dest = dest_buffer < 0 ? DXGSIM_DEST_ARG : DXGSIM_DEST_BUFFER;
    f->dest_buffer = dest_buffer < 0 ? 0 : (uint32_t)dest_buffer;
    f->dest_offset = dest_offset;
    f->fd_index = add_reply_fd(c, sv[1]); /* closed here once sent */
    return 0;
}

struct sim_shared *sim_object_of_fd(struct sim_call *c, uint64_t client_fd)
{
    (void)client_fd; /* the fd itself came with the request: the first one */
    if (c->nin_fds < 1 || c->in_fds[0] < 0) {
        return NULL;
    }
    ino_t ino = inode_of(c->in_fds[0]);
    for (struct objfd *o = srv.objfds; o; o = o->next) {
        if (o->client_ino == ino) {
            return o->shared;
        }
    }
    return NULL;
}

int sim_take_fd(struct sim_call *c, int index)
{
    if (index >= c->nin_fds || c->in_fds[index] < 0) {
        return -1;
    }
    int fd = c->in_fds[index];
    c->in_fds[index] = -1; /* the handler keeps it */
    return fd;
}

void sim_signal_syncfile(struct sim *s, struct sim_shared *sh)
{
    (void)s;
    sh->signaled = 1;
    for (struct objfd *o = srv.objfds; o; o = o->next) {
        if (o->shared == sh) {
            char byte = 1;
            (void)!send(o->sim_end, &byte, 1, MSG_DONTWAIT | MSG_NOSIGNAL);
        }
    }
}

/* ---- replies ---- */

static void free_call_buffers(struct sim_call *c)
{
    for (int i = 0; i < c->nout; i++) {
        free(c->out[i].data);
    }
    c->nout = 0;
    free(c->fixups);
    c->fixups = NULL;
    c->nfixups = 0;
    for (int i = 0; i < c->nreply_fds; i++) {
        close(c->reply_fds[i]);
    }
    c->nreply_fds = 0;
}

static void send_reply(int fd, struct sim_call *c)
{
    size_t size = sizeof(struct dxgsim_reply) + ((c->arg_size + 7) & ~7u);
    for (int i = 0; i < c->nout; i++) {
        size += sizeof(struct dxgsim_buffer) + ((c->out[i].size + 7) & ~7u);
    }
    size += (size_t)c->nfixups * sizeof(struct dxgsim_fixup);
    uint8_t *msg = calloc(1, size);
    struct dxgsim_reply *r = (struct dxgsim_reply *)msg;
    *r = (struct dxgsim_reply){.magic = DXGSIM_MAGIC, .type = DXGSIM_REPLY, .ret = c->ret, .err = c->err,
                               .arg_size = c->arg_size, .buffer_count = (uint32_t)c->nout,
                               .fixup_count = (uint32_t)c->nfixups};
    size_t at = sizeof *r;
    memcpy(msg + at, c->arg, c->arg_size);
    at += (c->arg_size + 7) & ~7u;
    for (int i = 0; i < c->nout; i++) {
        struct dxgsim_buffer b = {.address = c->out[i].address, .size = c->out[i].size};
        memcpy(msg + at, &b, sizeof b);
        memcpy(msg + at + sizeof b, c->out[i].data, c->out[i].size);
        at += sizeof b + ((c->out[i].size + 7) & ~7u);
    }
    memcpy(msg + at, c->fixups, (size_t)c->nfixups * sizeof(struct dxgsim_fixup));

    struct iovec iov = {msg, size};
    union {
        char buf[CMSG_SPACE(sizeof(int) * 8)];
        struct cmsghdr align;
    } control;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
    if (c->nreply_fds) {
        memset(&control, 0, sizeof control);
        m.msg_control = control.buf;
        m.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)c->nreply_fds);
        struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        cm->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)c->nreply_fds);
        memcpy(CMSG_DATA(cm), c->reply_fds, sizeof(int) * (size_t)c->nreply_fds);
    }
    (void)!sendmsg(fd, &m, MSG_NOSIGNAL);
    free(msg);
}

struct sim_call *sim_park(struct sim_call *c)
{
    struct sim_call *p = malloc(sizeof *p);
    *p = *c;
    p->arg = malloc(c->arg_size ? c->arg_size : 1);
    memcpy(p->arg, c->arg, c->arg_size);
    p->nin = 0; /* input buffers lived in the request */
    p->nin_fds = 0;
    p->parked = 1;
    c->conn->parked = p;
    c->parked = 1;
    /* the parked copy owns the reply parts now */
    c->nout = 0;
    c->fixups = NULL;
    c->nfixups = 0;
    c->nreply_fds = 0;
    return p;
}

void sim_complete(struct sim *s, struct sim_call *p)
{
    (void)s;
    if (p->conn) {
        send_reply(p->conn->fd, p);
        p->conn->parked = NULL;
    }
    free_call_buffers(p);
    free(p->arg);
    free(p);
}

/* ---- requests ---- */

static int recv_message(int fd, uint8_t *buf, size_t cap, int *fds, int *nfds)
{
    struct iovec iov = {buf, cap};
    union {
        char b[CMSG_SPACE(sizeof(int) * 8)];
        struct cmsghdr align;
    } control;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.b, .msg_controllen = sizeof control.b};
    ssize_t n = recvmsg(fd, &m, MSG_CMSG_CLOEXEC);
    *nfds = 0;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m); n >= 0 && cm; cm = CMSG_NXTHDR(&m, cm)) {
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            int k = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < k && *nfds < 8; i++) {
                memcpy(&fds[(*nfds)++], CMSG_DATA(cm) + (size_t)i * sizeof(int), sizeof(int));
            }
        }
    }
    return (int)n;
}

static void welcome(int fd, int err, uint64_t file_id)
{
    struct dxgsim_welcome w = {.magic = DXGSIM_MAGIC, .type = DXGSIM_WELCOME, .err = err,
                               .vmbus_version = srv.sim->cfg.vmbus_version, .file_id = file_id};
    (void)!send(fd, &w, sizeof w, MSG_NOSIGNAL);
}

static void hello(struct sim_conn *conn, const struct dxgsim_hello *h)
{
    if (h->version != DXGSIM_VERSION) {
        welcome(conn->fd, EPROTO, 0);
        return;
    }
    if (h->type == DXGSIM_ATTACH) {
        for (struct sim_file *f = srv.files; f; f = f->next) {
            if (f->id == h->file_id) {
                conn->file = f;
                welcome(conn->fd, 0, f->id);
                return;
            }
        }
        welcome(conn->fd, EBADF, 0);
        return;
    }
    char comm[17] = {0};
    memcpy(comm, h->comm, 16);
    struct sim_file *f = calloc(1, sizeof *f);
    f->id = ++srv.next_file_id;
    f->proc = sim_process_get(srv.sim, h->pid, comm, 1);
    f->proc->files++;
    f->primary = conn;
    f->next = srv.files;
    srv.files = f;
    conn->file = f;
    welcome(conn->fd, 0, f->id);
}

static void ioctl_request(struct sim_conn *conn, uint8_t *msg, int len, int *fds, int nfds)
{
    struct dxgsim_request *rq = (struct dxgsim_request *)msg;
    struct sim_call c;
    memset(&c, 0, sizeof c);
    c.sim = srv.sim;
    c.conn = conn;
    c.request = rq->request;
    c.nr = (rq->request & 0xff);
    c.enter_seq = rq->enter_seq;
    c.pid = rq->pid;
    c.tid = rq->tid;
    c.proc = conn->file ? conn->file->proc : NULL;
    c.arg = msg + sizeof *rq;
    c.arg_size = rq->arg_size;
    size_t at = sizeof *rq + ((rq->arg_size + 7) & ~7u);
    for (uint32_t i = 0; i < rq->buffer_count && c.nin < DXGSIM_MAX_BUFFERS && at + sizeof(struct dxgsim_buffer) <= (size_t)len; i++) {
        struct dxgsim_buffer *b = (struct dxgsim_buffer *)(msg + at);
        if (at + sizeof *b + b->size > (size_t)len) {
            break;
        }
        c.in[c.nin++] = (struct sim_buf){.index = b->index, .element = b->element, .address = b->address,
                                         .data = msg + at + sizeof *b, .size = b->size,
                                         .unreadable = (b->flags & DXGSIM_BUF_UNREADABLE) != 0};
        at += sizeof *b + ((b->size + 7) & ~7u);
    }
    memcpy(c.in_fds, fds, sizeof(int) * (size_t)nfds);
    c.nin_fds = nfds;
    if (rq->arg_flags & DXGSIM_BUF_UNREADABLE) {
        c.arg_size = 0;
    }
    sim_dispatch(&c);
    for (int i = 0; i < c.nin_fds; i++) {
        if (c.in_fds[i] >= 0) {
            close(c.in_fds[i]);
        }
    }
    if (!c.parked) {
        send_reply(conn->fd, &c);
        free_call_buffers(&c);
    }
}

static void close_conn(struct sim_conn *conn)
{
    if (conn->parked) {
        conn->parked->conn = NULL; /* a wait left behind completes into the void */
    }
    close(conn->fd);
    struct sim_file *f = conn->file;
    if (f && f->primary == conn) {
        for (struct sim_file **pp = &srv.files; *pp; pp = &(*pp)->next) {
            if (*pp == f) {
                *pp = f->next;
                break;
            }
        }
        for (struct sim_conn *other = srv.conns; other; other = other->next) {
            if (other->file == f) {
                other->file = NULL; /* later requests on it are refused */
            }
        }
        sim_process_file_closed(srv.sim, f->proc);
        free(f);
    }
    for (struct sim_conn **pp = &srv.conns; *pp; pp = &(*pp)->next) {
        if (*pp == conn) {
            *pp = conn->next;
            break;
        }
    }
    free(conn);
}

static void serve_conn(struct sim_conn *conn)
{
    int fds[8], nfds = 0;
    int n = recv_message(conn->fd, srv.request, DXGSIM_MAX_MESSAGE, fds, &nfds);
    if (n <= 0) {
        for (int i = 0; i < nfds; i++) {
            close(fds[i]);
        }
        close_conn(conn);
        return;
    }
    uint32_t magic, type;
    memcpy(&magic, srv.request, 4);
    memcpy(&type, srv.request + 4, 4);
    if (magic != DXGSIM_MAGIC) {
        close_conn(conn);
        return;
    }
    if ((type == DXGSIM_HELLO || type == DXGSIM_ATTACH) && n >= (int)sizeof(struct dxgsim_hello) && !conn->file) {
        hello(conn, (const struct dxgsim_hello *)srv.request);
    } else if (type == DXGSIM_IOCTL && n >= (int)sizeof(struct dxgsim_request) && conn->file) {
        ioctl_request(conn, srv.request, n, fds, nfds);
        nfds = 0;
    } else {
        close_conn(conn);
    }
    for (int i = 0; i < nfds; i++) {
        close(fds[i]);
    }
}

/* The last descriptor of an object fd went away (in whichever process held it). */
static void object_fd_closed(struct objfd *o)
{
    struct sim_shared *sh = o->shared;
    close(o->sim_end);
    for (struct objfd **pp = &srv.objfds; *pp; pp = &(*pp)->next) {
        if (*pp == o) {
            *pp = o->next;
            break;
        }
    }
    free(o);
    if (--sh->fds == 0 && sh->nt_handle) {
        struct dxgkvmb_command_destroyntsharedobject m;
        vmb_global_hdr(&m.hdr, 0, DXGK_VMBCOMMAND_DESTROYNTSHAREDOBJECT);
        m.shared_handle.v = sh->nt_handle;
        struct vmb_status r = {STATUS_SUCCESS};
        vmb_exchange(srv.sim, (struct vmb_origin){0, 0, 0}, NULL, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    }
    sim_shared_put(srv.sim, sh);
}

static void on_term(int sig)
{
    (void)sig;
    srv.stop = 1;
}

int sim_serve(struct sim *s, const char *socket_path)
{
    srv.sim = s;
    srv.request = malloc(DXGSIM_MAX_MESSAGE);
    srv.listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path) {
        fprintf(stderr, "dxgsim: socket path too long: %s\n", socket_path);
        return 1;
    }
    strcpy(addr.sun_path, socket_path);
    unlink(socket_path);
    if (bind(srv.listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(srv.listen_fd, 64) < 0) {
        fprintf(stderr, "dxgsim: cannot listen on %s: %s\n", socket_path, strerror(errno));
        return 1;
    }
    chmod(socket_path, 0600);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct pollfd *pfd = NULL;
    size_t pcap = 0;
    /* After SIGTERM one more pass without waiting: clients that went away are torn down. */
    for (int last_pass = 0; !srv.stop || !last_pass; last_pass = srv.stop) {
        size_t n = 1;
        for (struct sim_conn *c = srv.conns; c; c = c->next) {
            n++;
        }
        for (struct objfd *o = srv.objfds; o; o = o->next) {
            n++;
        }
        if (n > pcap) {
            pcap = n * 2;
            pfd = realloc(pfd, pcap * sizeof *pfd);
        }
        size_t k = 0;
        pfd[k++] = (struct pollfd){srv.listen_fd, POLLIN, 0};
        for (struct sim_conn *c = srv.conns; c; c = c->next) {
            pfd[k++] = (struct pollfd){c->fd, POLLIN, 0};
        }
        for (struct objfd *o = srv.objfds; o; o = o->next) {
            pfd[k++] = (struct pollfd){o->sim_end, POLLIN, 0};
        }
        /* Idle with GPU work queued: let virtual time move on (async waits, spinning clients). */
        int timeout = srv.stop ? 0 : sim_gpu_next_event(s) != UINT64_MAX ? 2 : 200;
        int ready = poll(pfd, k, timeout);
        if (ready < 0) {
            continue;
        }
        if (ready == 0 && srv.stop) {
            break;
        }
        if (ready == 0) {
            uint64_t next = sim_gpu_next_event(s);
            if (next != UINT64_MAX) {
                sim_advance(s, next);
            }
            sim_faults_tick(s);
            continue;
        }
        /* Walk the same lists in the same order; handlers may remove entries, so collect first. */
        size_t i = 1;
        struct sim_conn *conns[1024];
        size_t nconns = 0;
        for (struct sim_conn *c = srv.conns; c && nconns < 1024; c = c->next, i++) {
            if (pfd[i].revents) {
                conns[nconns++] = c;
            }
        }
        struct objfd *closed[1024];
        size_t nclosed = 0;
        for (struct objfd *o = srv.objfds; o && nclosed < 1024; o = o->next, i++) {
            if (pfd[i].revents & (POLLHUP | POLLERR)) {
                closed[nclosed++] = o;
            } else if (pfd[i].revents & POLLIN) {
                char drain[64];
                if (recv(o->sim_end, drain, sizeof drain, MSG_DONTWAIT) == 0) {
                    closed[nclosed++] = o;
                }
            }
        }
        for (size_t j = 0; j < nconns; j++) {
            serve_conn(conns[j]);
        }
        for (size_t j = 0; j < nclosed; j++) {
            object_fd_closed(closed[j]);
        }
        if (pfd[0].revents & POLLIN) {
            int fd = accept4(srv.listen_fd, NULL, NULL, SOCK_CLOEXEC);
            if (fd >= 0) {
                struct sim_conn *c = calloc(1, sizeof *c);
                c->fd = fd;
                c->next = srv.conns;
                srv.conns = c;
            }
        }
    }
    unlink(socket_path);
    return 0;
}
