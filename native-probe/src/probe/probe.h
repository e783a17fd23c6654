/*
 * libdxgscope-probe.so internals. Rules every interposer follows (after apitrace):
 *  1. Real symbols are resolved once, in probe_init, with dlsym(RTLD_NEXT).
 *  2. A thread-local re-entrancy flag (tls.busy) sends calls made by the probe itself straight to
 *     the real function, untraced.
 *  3. No lock is held across a real call; per-thread rings need none on the hot path.
 *  4. Target memory is read only through guard_copy: a bad pointer is recorded as unreadable and the
 *     target still gets the driver's own errno.
 *  5. The target's errno is saved after the real call and restored before returning.
 *  6. A forked child gets its own ring (and its own records); exec keeps the probe unless
 *     DXGSCOPE_FOLLOW_EXEC=0.
 *  7. Memory is bounded: a full ring makes the thread wait at most the session's block timeout,
 *     then its events are dropped and counted.
 */
#ifndef DXGSCOPE_PROBE_H
#define DXGSCOPE_PROBE_H

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "dxgscope/capture_format.h"
#include "session.h"

struct probe_real {
    int (*open)(const char *, int, ...);
    int (*open64)(const char *, int, ...);
    int (*openat)(int, const char *, int, ...);
    int (*openat64)(int, const char *, int, ...);
    int (*open_2)(const char *, int);
    int (*open64_2)(const char *, int);
    int (*openat_2)(int, const char *, int);
    int (*openat64_2)(int, const char *, int);
    int (*close)(int);
    int (*dup)(int);
    int (*dup2)(int, int);
    int (*dup3)(int, int, int);
    int (*fcntl)(int, int, ...);
    int (*fcntl64)(int, int, ...);
    int (*ioctl)(int, unsigned long, ...);
    void *(*mmap)(void *, size_t, int, int, int, off_t);
    void *(*mmap64)(void *, size_t, int, int, int, off_t);
    int (*munmap)(void *, size_t);
    ssize_t (*sendmsg)(int, const struct msghdr *, int);
    ssize_t (*recvmsg)(int, struct msghdr *, int);
    pid_t (*fork)(void);
    int (*execve)(const char *, char *const[], char *const[]);
    int (*execveat)(int, const char *, char *const[], char *const[], int);
    int (*fexecve)(int, char *const[], char *const[]);
    int (*posix_spawn)(pid_t *, const char *, const void *, const void *, char *const[], char *const[]);
    int (*posix_spawnp)(pid_t *, const char *, const void *, const void *, char *const[], char *const[]);
    void (*exit)(int) __attribute__((noreturn));
    void (*_exit)(int) __attribute__((noreturn));
    void (*_Exit)(int) __attribute__((noreturn));
    int (*sigaction)(int, const struct sigaction *, struct sigaction *);
    sighandler_t (*signal)(int, sighandler_t);
    pid_t (*wait4)(pid_t, int *, int, struct rusage *);
    int (*waitid)(idtype_t, id_t, siginfo_t *, int);
};

extern struct probe_real real;

struct probe_config {
    int recording;            /* a session is attached */
    int follow_exec;
    int private_data;
    char device[DXGS_SESSION_DEVICE_MAX];   /* DXGSCOPE_DEVICE path, "" when /dev/dxg */
    char sim_socket[DXGS_SESSION_DEVICE_MAX]; /* set when DXGSCOPE_DEVICE=sim:SOCKET */
    char self_path[512];      /* this library, for LD_PRELOAD on exec */
    char session_path[512];
};

extern struct probe_config cfg;
extern struct dxgs_session session;

struct probe_tls {
    int busy;
    int ring_state;           /* 0 none yet, 1 claimed, -1 no ring available */
    pid_t pid;                /* process the ring belongs to */
    pid_t tid;
    struct dxgs_ring_writer ring;
    uint8_t *scratch;         /* record under construction (ring max record bytes) */
    uint64_t enter_seq;       /* seq of the IOCTL_ENTER in progress (the simulator links to it) */
    volatile sig_atomic_t committing; /* inside probe_commit_from: this thread's ring is mid-write */
};

extern __thread struct probe_tls tls;

void probe_init(void);
extern int probe_ready;
extern int probe_initializing;
/* Called first by every interposer. During initialization the probe's own calls (open of the
 * session file, ...) reach the interposers too: they go straight to the real functions, which
 * are resolved before anything else. */
static inline void probe_ensure_init(void)
{
    if (__builtin_expect(!probe_ready, 0) && !probe_initializing) {
        probe_init();
    }
}

/* ---- records ---- */

uint64_t probe_now_ns(void);

/* Scratch space for one record; NULL when this thread cannot record. */
uint8_t *probe_scratch(void);
uint32_t probe_max_record(void);

/* Copies a finished record from scratch into this thread's ring (fills seq/ts/pid/tid). Returns
 * the record's seq, or 0 when it was dropped. */
uint64_t probe_commit(uint16_t kind, uint32_t payload_size);

/* probe_commit for a record built in the caller's buffer (header room first, padded length), so
 * a signal handler can record while the thread it interrupted is building one in scratch. */
uint64_t probe_commit_from(uint8_t *record, uint16_t kind, uint32_t payload_size);

/* Whether a record can be committed from here, even inside a signal handler that interrupted the
 * probe: not while this thread's ring is mid-write, nor when claiming a ring would be needed inside
 * the probe. A record that cannot be (record_length bytes) is counted as lost. */
int probe_can_commit_now(uint32_t record_length);

/* Convenience: a record made of one contiguous payload. */
uint64_t probe_emit(uint16_t kind, const void *payload, uint32_t size);

/* PROCESS start record for this process image. */
void probe_emit_process_start(void);

/* ---- fault-safe access to target memory ---- */

void guard_install(void);
/* Copies n bytes; returns 0, or -1 when the source faulted (dst content then undefined). */
int guard_copy(void *dst, const void *src, size_t n);

/* ---- file descriptors ---- */

enum { FD_KIND_NONE = 0, FD_KIND_DEVICE = 1, FD_KIND_SIM = 2, FD_KIND_OBJECT = 3 };
int fd_kind(int fd);
void fd_set_kind(int fd, int kind);
int probe_is_device_path(const char *path);

/* ---- ioctl ---- */
int probe_traced_ioctl(int fd, unsigned long request, void *arg);

/* ---- fences (sampled from their CPU-visible pages) ---- */
/* owner: the paging queue or hardware queue the fence belongs to (0 for sync objects). */
void fences_add(uint32_t handle, uint32_t kind, uint64_t cpu_va, uint32_t device, uint32_t owner);
/* Which fences a destroy call takes: one sync object, those of a queue (owner), those of a device. */
enum fence_key { FENCE_BY_HANDLE, FENCE_BY_OWNER, FENCE_BY_DEVICE };
/* Stops (hold 1) or resumes sampling the matching fences: set while a destroy call is in progress. */
void fences_hold(enum fence_key key, uint32_t value, int hold);
void fences_remove(enum fence_key key, uint32_t value);
void fences_after_fork(void);

/* ---- simulator transport (DXGSCOPE_DEVICE=sim:SOCKET) ---- */
int sim_client_open(const char *socket_path, int flags);
/* In a forked child: closes the forking thread's simulator connections, which belong to the parent. */
void sim_client_after_fork(void);
int sim_client_ioctl(int fd, unsigned long request, void *arg);

#endif
