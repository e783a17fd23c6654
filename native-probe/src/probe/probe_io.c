/* open/close/dup/fcntl/mmap/munmap and SCM_RIGHTS passing of dxg file descriptors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "probe.h"

/* Two bits per fd (FD_KIND_*), for fds below FD_TRACK_MAX; larger fds are not traced. */
#define FD_TRACK_MAX (1u << 20)
static _Atomic uint64_t fd_kinds[FD_TRACK_MAX / 32];

int fd_kind(int fd)
{
    if (fd < 0 || (unsigned)fd >= FD_TRACK_MAX) {
        return FD_KIND_NONE;
    }
    uint64_t word = atomic_load_explicit(&fd_kinds[fd / 32], memory_order_relaxed);
    return (int)((word >> ((fd % 32) * 2)) & 3);
}

void fd_set_kind(int fd, int kind)
{
    if (fd < 0 || (unsigned)fd >= FD_TRACK_MAX) {
        return;
    }
    unsigned shift = (unsigned)(fd % 32) * 2;
    uint64_t old = atomic_load_explicit(&fd_kinds[fd / 32], memory_order_relaxed), next;
    do {
        next = (old & ~(3ull << shift)) | ((uint64_t)kind << shift);
    } while (!atomic_compare_exchange_weak(&fd_kinds[fd / 32], &old, next));
}

int probe_is_device_path(const char *path)
{
    if (!path || (path[0] != '/' && path[0] != 's')) {
        return 0;
    }
    if (!strcmp(path, "/dev/dxg")) {
        return 1;
    }
    if (cfg.device[0] && !strcmp(path, cfg.device)) {
        return 1;
    }
    return cfg.sim_socket[0] && !strncmp(path, "sim:", 4) && !strcmp(path + 4, cfg.sim_socket);
}

static void emit_fd(uint32_t op, int fd, int other, const int *fds, uint32_t count, const char *strings,
                    size_t strings_len)
{
    if (!cfg.recording) {
        return;
    }
    uint8_t *s = probe_scratch();
    if (!s) {
        return;
    }
    size_t room = probe_max_record() - DXGCAP_HEADER_SIZE;
    struct dxgcap_fd f = {.op = op, .fd = fd, .other_fd = other, .count = count};
    uint8_t *p = s + DXGCAP_HEADER_SIZE;
    size_t used = sizeof f;
    memcpy(p, &f, sizeof f);
    memcpy(p + used, fds, count * sizeof(int));
    used += count * sizeof(int);
    if (strings_len > room - used) {
        strings_len = room - used;
    }
    memcpy(p + used, strings, strings_len);
    used += strings_len;
    probe_commit(DXGCAP_FD, (uint32_t)used);
}

/* Opens the device: the real file (DXGSCOPE_DEVICE redirects /dev/dxg) or the simulator. */
static int device_open(int dirfd, const char *path, int flags, mode_t mode)
{
    tls.busy++;
    int fd;
    int kind = FD_KIND_DEVICE;
    if (cfg.sim_socket[0]) {
        fd = sim_client_open(cfg.sim_socket, flags);
        kind = FD_KIND_SIM;
    } else {
        const char *target = cfg.device[0] ? cfg.device : path;
        fd = real.openat(dirfd, target, flags, mode);
    }
    int err = errno;
    if (fd >= 0) {
        fd_set_kind(fd, kind);
        emit_fd(DXGCAP_FD_OPEN, fd, -1, NULL, 0, path, strlen(path) + 1);
    }
    tls.busy--;
    errno = err;
    return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

#define OPEN_WRAPPER(name, field)                                           \
    int name(const char *path, int flags, ...)                               \
    {                                                                        \
        va_list ap;                                                          \
        va_start(ap, flags);                                                 \
        mode_t mode = mode_arg(flags, ap);                                   \
        va_end(ap);                                                          \
        probe_ensure_init();                                                 \
        if (!tls.busy && probe_is_device_path(path)) {                       \
            return device_open(AT_FDCWD, path, flags, mode);                 \
        }                                                                    \
        return real.field(path, flags, mode);                                \
    }
OPEN_WRAPPER(open, open)
OPEN_WRAPPER(open64, open64)

#define OPENAT_WRAPPER(name, field)                                         \
    int name(int dirfd, const char *path, int flags, ...)                    \
    {                                                                        \
        va_list ap;                                                          \
        va_start(ap, flags);                                                 \
        mode_t mode = mode_arg(flags, ap);                                   \
        va_end(ap);                                                          \
        probe_ensure_init();                                                 \
        if (!tls.busy && probe_is_device_path(path)) {                       \
            return device_open(dirfd, path, flags, mode);                    \
        }                                                                    \
        return real.field(dirfd, path, flags, mode);                         \
    }
OPENAT_WRAPPER(openat, openat)
OPENAT_WRAPPER(openat64, openat64)

/* _FORTIFY_SOURCE variants. */
int __open_2(const char *path, int flags)
{
    probe_ensure_init();
    if (!tls.busy && probe_is_device_path(path)) {
        return device_open(AT_FDCWD, path, flags, 0);
    }
    return real.open_2(path, flags);
}

int __open64_2(const char *path, int flags)
{
    probe_ensure_init();
    if (!tls.busy && probe_is_device_path(path)) {
        return device_open(AT_FDCWD, path, flags, 0);
    }
    return real.open64_2(path, flags);
}

int __openat_2(int dirfd, const char *path, int flags)
{
    probe_ensure_init();
    if (!tls.busy && probe_is_device_path(path)) {
        return device_open(dirfd, path, flags, 0);
    }
    return real.openat_2(dirfd, path, flags);
}

int __openat64_2(int dirfd, const char *path, int flags)
{
    probe_ensure_init();
    if (!tls.busy && probe_is_device_path(path)) {
        return device_open(dirfd, path, flags, 0);
    }
    return real.openat64_2(dirfd, path, flags);
}

int close(int fd)
{
    probe_ensure_init();
    int kind = fd_kind(fd);
    if (kind == FD_KIND_NONE) {
        return real.close(fd);
    }
    fd_set_kind(fd, FD_KIND_NONE);
    int r = real.close(fd);
    int err = errno;
    if (!tls.busy) {
        tls.busy++;
        emit_fd(DXGCAP_FD_CLOSE, fd, -1, NULL, 0, NULL, 0);
        tls.busy--;
    }
    errno = err;
    return r;
}

/* newfd now refers to what oldfd refers to; a traced newfd that was open is implicitly closed. */
static int after_dup(int oldfd, int newfd, int kind)
{
    int err = errno;
    if (newfd >= 0 && newfd != oldfd) {
        int replaced = fd_kind(newfd);
        fd_set_kind(newfd, kind);
        if (!tls.busy && (kind || replaced)) {
            tls.busy++;
            if (replaced) {
                emit_fd(DXGCAP_FD_CLOSE, newfd, -1, NULL, 0, NULL, 0);
            }
            if (kind) {
                emit_fd(DXGCAP_FD_DUP, newfd, oldfd, NULL, 0, NULL, 0);
            }
            tls.busy--;
        }
    }
    errno = err;
    return newfd;
}

int dup(int oldfd)
{
    probe_ensure_init();
    int kind = fd_kind(oldfd);
    int fd = real.dup(oldfd);
    return kind ? after_dup(oldfd, fd, kind) : fd;
}

int dup2(int oldfd, int newfd)
{
    probe_ensure_init();
    int kind = fd_kind(oldfd);
    int replaced = fd_kind(newfd);
    int fd = real.dup2(oldfd, newfd);
    return (kind || replaced) && fd >= 0 ? after_dup(oldfd, fd, kind) : fd;
}

int dup3(int oldfd, int newfd, int flags)
{
    probe_ensure_init();
    int kind = fd_kind(oldfd);
    int replaced = fd_kind(newfd);
    int fd = real.dup3(oldfd, newfd, flags);
    return (kind || replaced) && fd >= 0 ? after_dup(oldfd, fd, kind) : fd;
}

static int fcntl_common(int (*fn)(int, int, ...), int fd, int cmd, va_list ap)
{
    /* Every fcntl argument is an int, a long or a pointer: pass it on as a pointer-sized word. */
    void *arg = va_arg(ap, void *);
    int kind = fd_kind(fd);
    int r = fn(fd, cmd, arg);
    if (kind && r >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) {
        return after_dup(fd, r, kind);
    }
    return r;
}

int fcntl(int fd, int cmd, ...)
{
    probe_ensure_init();
    va_list ap;
    va_start(ap, cmd);
    int r = fcntl_common(real.fcntl, fd, cmd, ap);
    va_end(ap);
    return r;
}

int fcntl64(int fd, int cmd, ...)
{
    probe_ensure_init();
    va_list ap;
    va_start(ap, cmd);
    int r = fcntl_common(real.fcntl64 ? real.fcntl64 : real.fcntl, fd, cmd, ap);
    va_end(ap);
    return r;
}

/* ---- SCM_RIGHTS ---- */

/* The fds carried by a message's SCM_RIGHTS control data (up to max). */
static uint32_t rights_fds(const struct msghdr *msg, int *out, uint32_t max)
{
    uint32_t n = 0;
    if (!msg || !msg->msg_control) {
        return 0;
    }
    for (struct cmsghdr *c = CMSG_FIRSTHDR((struct msghdr *)msg); c; c = CMSG_NXTHDR((struct msghdr *)msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {
            continue;
        }
        size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count && n < max; i++) {
            memcpy(&out[n++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        }
    }
    return n;
}

/* What each fd refers to ("anon_inode:dxgresource", "/memfd:dxgsim-..."), NUL-separated. */
static size_t describe_fds(const int *fds, uint32_t n, char *out, size_t cap)
{
    size_t used = 0;
    for (uint32_t i = 0; i < n && used + 2 < cap; i++) {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fds[i]);
        ssize_t len = readlink(link, out + used, cap - used - 1);
        used += len > 0 ? (size_t)len : 0;
        out[used++] = 0;
    }
    return used;
}

/* A dxg object fd: the driver's anon inodes, or a dxgsim object (a socket whose peer is dxgsim). */
static int is_dxg_object(const char *description, int fd)
{
    if (!strncmp(description, "anon_inode:dxg", 14) || !strncmp(description, "anon_inode:sync_file", 20)) {
        return 1;
    }
    if (strncmp(description, "socket:", 7) != 0) {
        return 0;
    }
    struct ucred peer;
    socklen_t len = sizeof peer;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) < 0 || peer.pid <= 0) {
        return 0;
    }
    char path[64], exe[512];
    snprintf(path, sizeof path, "/proc/%d/exe", peer.pid);
    ssize_t n = readlink(path, exe, sizeof exe - 1);
    if (n <= 0) {
        return 0;
    }
    exe[n] = 0;
    const char *base = strrchr(exe, '/');
    return base && !strcmp(base + 1, "dxgsim");
}

#define MAX_PASSED_FDS 64

ssize_t sendmsg(int sock, const struct msghdr *msg, int flags)
{
    probe_ensure_init();
    if (tls.busy || !cfg.recording) {
        return real.sendmsg(sock, msg, flags);
    }
    int fds[MAX_PASSED_FDS];
    uint32_t n = rights_fds(msg, fds, MAX_PASSED_FDS);
    int traced = 0;
    for (uint32_t i = 0; i < n; i++) {
        traced |= fd_kind(fds[i]) != FD_KIND_NONE;
    }
    if (traced) {
        /* Recorded before the call: once it returns the receiver may record its receive at once. */
        tls.busy++;
        char desc[2048];
        size_t len = describe_fds(fds, n, desc, sizeof desc);
        emit_fd(DXGCAP_FD_SEND, sock, -1, fds, n, desc, len);
        tls.busy--;
    }
    ssize_t r = real.sendmsg(sock, msg, flags);
    int err = errno;
    if (r < 0 && traced) {
        tls.busy++;
        emit_fd(DXGCAP_FD_SEND_FAILED, sock, -1, fds, n, NULL, 0);
        tls.busy--;
    }
    errno = err;
    return r;
}

ssize_t recvmsg(int sock, struct msghdr *msg, int flags)
{
    probe_ensure_init();
    ssize_t r = real.recvmsg(sock, msg, flags);
    if (r < 0 || tls.busy || !cfg.recording) {
        return r;
    }
    int err = errno;
    int fds[MAX_PASSED_FDS];
    uint32_t n = rights_fds(msg, fds, MAX_PASSED_FDS);
    if (n) {
        tls.busy++;
        char desc[2048];
        size_t len = describe_fds(fds, n, desc, sizeof desc);
        int any = 0;
        const char *d = desc;
        for (uint32_t i = 0; i < n && d < desc + len; i++) {
            if (is_dxg_object(d, fds[i])) {
                fd_set_kind(fds[i], FD_KIND_OBJECT);
                any = 1;
            }
            d += strlen(d) + 1;
        }
        if (any) {
            emit_fd(DXGCAP_FD_RECV, sock, -1, fds, n, desc, len);
        }
        tls.busy--;
    }
    errno = err;
    return r;
}
