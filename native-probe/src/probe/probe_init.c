/* Probe start-up, configuration, per-thread rings and record emission. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"

struct probe_real real;
struct probe_config cfg;
struct dxgs_session session = {.fd = -1};
__thread struct probe_tls tls;
int probe_ready;
int probe_initializing;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_key_t thread_exit_key;

static void warn(const char *what, int err)
{
    char line[256];
    int n = snprintf(line, sizeof line, "dxgscope: probe: %s: %s\n", what, strerror(err));
    if (n > 0) {
        (void)!write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
}

static void *resolve(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

static void resolve_all(void)
{
#define R(field, sym) real.field = resolve(sym)
    R(open, "open");
    R(open64, "open64");
    R(openat, "openat");
    R(openat64, "openat64");
    R(open_2, "__open_2");
    R(open64_2, "__open64_2");
    R(openat_2, "__openat_2");
    R(openat64_2, "__openat64_2");
    R(close, "close");
    R(dup, "dup");
    R(dup2, "dup2");
    R(dup3, "dup3");
    R(fcntl, "fcntl");
    R(fcntl64, "fcntl64");
    R(ioctl, "ioctl");
    R(mmap, "mmap");
    R(mmap64, "mmap64");
    R(munmap, "munmap");
    R(sendmsg, "sendmsg");
    R(recvmsg, "recvmsg");
    R(fork, "fork");
    R(execve, "execve");
    R(execveat, "execveat");
    R(fexecve, "fexecve");
    R(posix_spawn, "posix_spawn");
    R(posix_spawnp, "posix_spawnp");
    R(exit, "exit");
    R(_exit, "_exit");
    R(_Exit, "_Exit");
    R(sigaction, "sigaction");
    R(signal, "signal");
    R(wait4, "wait4");
    R(waitid, "waitid");
#undef R
}

static void release_thread_ring(void *unused)
{
    (void)unused;
    int had = tls.ring_state == 1 && tls.pid == getpid();
    tls.ring_state = 0; /* first: a signal handler that records from here on finds no ring, not half of one */
    atomic_signal_fence(memory_order_seq_cst);
    if (had) {
        dxgs_ring_release(&tls.ring);
    }
}

static void after_fork_child(void)
{
    /* The child's copy of this thread's state belongs to the parent's ring. */
    tls.ring_state = 0;
    tls.pid = 0;
    fences_after_fork();
    sim_client_after_fork();
}

static void locate_self(void)
{
    Dl_info info;
    if (dladdr((void *)&probe_init, &info) && info.dli_fname) {
        strncpy(cfg.self_path, info.dli_fname, sizeof cfg.self_path - 1);
    }
}

static void do_init(void)
{
    probe_initializing = 1;
    tls.busy++;
    resolve_all();
    locate_self();
    const char *follow = getenv("DXGSCOPE_FOLLOW_EXEC");
    cfg.follow_exec = !(follow && !strcmp(follow, "0"));
    cfg.private_data = 1;
    const char *device = getenv("DXGSCOPE_DEVICE");
    if (device && !strncmp(device, "sim:", 4)) {
        strncpy(cfg.sim_socket, device + 4, sizeof cfg.sim_socket - 1);
    } else if (device && *device) {
        strncpy(cfg.device, device, sizeof cfg.device - 1);
    }
    const char *path = getenv("DXGSCOPE_SESSION");
    if (path && *path) {
        strncpy(cfg.session_path, path, sizeof cfg.session_path - 1);
        int err = dxgs_session_attach(&session, path);
        if (err) {
            warn("cannot attach to the recording session (not recording)", err);
        } else {
            cfg.recording = 1;
            cfg.private_data = !(session.hdr->flags & DXGS_SESSION_NO_PRIVATE_DATA);
        }
    }
    if (cfg.recording || cfg.sim_socket[0]) {
        guard_install();
    }
    pthread_key_create(&thread_exit_key, release_thread_ring);
    pthread_atfork(NULL, NULL, after_fork_child);
    tls.busy--;
    __atomic_store_n(&probe_ready, 1, __ATOMIC_RELEASE);
    probe_initializing = 0;
}

void probe_init(void)
{
    pthread_once(&init_once, do_init);
}

__attribute__((constructor)) static void probe_constructor(void)
{
    probe_init();
    if (cfg.recording) {
        probe_emit_process_start();
    }
}

uint64_t probe_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

uint32_t probe_max_record(void)
{
    return cfg.recording ? dxgs_ring_max_record(&session) : 0;
}

/* Claims this thread's ring and maps its scratch buffer. */
static int claim_ring(void)
{
    tls.pid = getpid();
    tls.tid = (pid_t)syscall(SYS_gettid);
    if (dxgs_ring_claim(&session, &tls.ring, tls.pid, tls.tid) != 0) {
        tls.ring_state = -1;
        return 0;
    }
    if (!tls.scratch) {
        void *m = mmap(NULL, dxgs_ring_max_record(&session), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) {
            dxgs_ring_release(&tls.ring);
            tls.ring_state = -1;
            return 0;
        }
        tls.scratch = m;
    }
    tls.ring_state = 1;
    pthread_setspecific(thread_exit_key, (void *)1);
    return 1;
}

/* This thread's ring, claimed on first use (and again in a forked child). No asynchronous signal
 * is taken meanwhile: a handler that records (a SIGCHLD handler's wait) would claim a second ring,
 * and one of the two would stay claimed, by no thread, until the process ends. The signal waits
 * for the claim, a few microseconds, and its handler then records into the ring. Faults stay
 * unblocked: a blocked one kills the process. Costs two sigprocmask calls a thread. */
static int ensure_ring(void)
{
    if (__builtin_expect(tls.ring_state == 1, 1)) {
        return 1;
    }
    if (tls.ring_state == -1 || !cfg.recording) {
        return 0;
    }
    sigset_t async, old;
    sigfillset(&async);
    static const int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        sigdelset(&async, faults[i]);
    }
    int err = errno;
    pthread_sigmask(SIG_BLOCK, &async, &old);
    int claimed = claim_ring();
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = err;
    return claimed;
}

uint8_t *probe_scratch(void)
{
    if (!ensure_ring()) {
        if (cfg.recording && tls.ring_state == -1) {
            atomic_fetch_add_explicit(&session.hdr->lost_no_ring, 1, memory_order_relaxed);
        }
        return NULL;
    }
    return tls.scratch;
}

uint64_t probe_commit(uint16_t kind, uint32_t payload_size)
{
    return probe_commit_from(tls.scratch, kind, payload_size);
}

uint64_t probe_commit_from(uint8_t *record, uint16_t kind, uint32_t payload_size)
{
    uint32_t length = dxgcap_record_length(payload_size);
    struct dxgcap_header *h = (struct dxgcap_header *)record;
    h->length = length;
    h->kind = kind;
    h->flags = 0;
    h->crc = 0;
    h->size = payload_size;
    h->pid = (uint32_t)tls.pid;
    h->tid = (uint32_t)tls.tid;
    /* Zero the padding so files are deterministic. */
    memset(record + DXGCAP_HEADER_SIZE + payload_size, 0, length - DXGCAP_HEADER_SIZE - payload_size);
    tls.committing = 1; /* a signal handler's record waits for none of this (probe_can_commit_now) */
    atomic_signal_fence(memory_order_seq_cst);
    void *slot = dxgs_ring_reserve(&tls.ring, length);
    if (!slot) {
        dxgs_ring_count_lost(&tls.ring, length);
        tls.committing = 0;
        return 0;
    }
    /* The record is copied first (any page fault on the ring happens now), then seq and time are
     * stamped in place and committed at once: a dropped event takes no number, and nothing can
     * stall a thread between taking its seq and committing it (seqs stay dense, FORMAT.md). */
    memcpy(slot, record, length);
    struct dxgcap_header *r = (struct dxgcap_header *)slot;
    r->seq = dxgs_session_next_seq(&session);
    r->ts_ns = probe_now_ns();
    uint64_t seq = r->seq;
    dxgs_ring_commit(&tls.ring);
    tls.committing = 0;
    return seq;
}

int probe_can_commit_now(uint32_t record_length)
{
    if (!cfg.recording) {
        return 0;
    }
    if (tls.committing || (tls.busy && tls.ring_state != 1)) {
        if (tls.ring_state == 1) {
            dxgs_ring_count_lost(&tls.ring, record_length);
        } else {
            atomic_fetch_add_explicit(&session.hdr->lost_no_ring, 1, memory_order_relaxed);
        }
        return 0;
    }
    return tls.ring_state == 1 || probe_scratch() != NULL;
}

uint64_t probe_emit(uint16_t kind, const void *payload, uint32_t size)
{
    uint8_t *s = probe_scratch();
    if (!s || DXGCAP_HEADER_SIZE + size > probe_max_record()) {
        return 0;
    }
    memcpy(s + DXGCAP_HEADER_SIZE, payload, size);
    return probe_commit(kind, size);
}

/* Reads a whole small file (cmdline) with the real open; returns bytes read. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
    int fd = real.open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    size_t n = 0;
    while (n < cap) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r <= 0) {
            break;
        }
        n += (size_t)r;
    }
    real.close(fd);
    return n;
}

void probe_emit_process_start(void)
{
    tls.busy++;
    uint8_t *s = probe_scratch();
    if (s) {
        uint32_t room = probe_max_record() - DXGCAP_HEADER_SIZE;
        struct dxgcap_process p = {.op = DXGCAP_PROC_START, .other_pid = getppid()};
        uint8_t *payload = s + DXGCAP_HEADER_SIZE;
        memcpy(payload, &p, sizeof p);
        size_t used = sizeof p;
        ssize_t exe = readlink("/proc/self/exe", (char *)payload + used, room - used - 1);
        used += exe > 0 ? (size_t)exe : 0;
        payload[used++] = 0;
        size_t cap = room - used < 8192 ? room - used : 8192;
        used += slurp("/proc/self/cmdline", (char *)payload + used, cap);
        probe_commit(DXGCAP_PROCESS, (uint32_t)used);
    }
    tls.busy--;
}
