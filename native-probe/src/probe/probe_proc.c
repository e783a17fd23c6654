/*
 * fork/vfork/clone, the exec family, posix_spawn and exit. A forked child gets its own ring; an
 * exec keeps LD_PRELOAD and the DXGSCOPE_* variables in the new environment (unless
 * DXGSCOPE_FOLLOW_EXEC=0) so the new image records too. vfork is served by fork: a vfork child may
 * only exec or _exit, which behave the same after fork, and the probe must not write the parent's
 * memory from a child that shares it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

extern char **environ;

static void emit_process(uint32_t op, int other_pid, int status, const char *path, char *const argv[])
{
    if (!cfg.recording) {
        return;
    }
    uint8_t *s = probe_scratch();
    if (!s) {
        return;
    }
    size_t room = probe_max_record() - DXGCAP_HEADER_SIZE;
    uint8_t *p = s + DXGCAP_HEADER_SIZE;
    struct dxgcap_process rec = {.op = op, .other_pid = other_pid, .status = status};
    memcpy(p, &rec, sizeof rec);
    size_t used = sizeof rec;
    if (path) {
        size_t len = strnlen(path, room - used - 1);
        memcpy(p + used, path, len);
        used += len;
        p[used++] = 0;
        for (size_t i = 0; argv && argv[i] && used + 1 < room; i++) {
            len = strnlen(argv[i], room - used - 1);
            memcpy(p + used, argv[i], len);
            used += len;
            p[used++] = 0;
        }
    }
    probe_commit(DXGCAP_PROCESS, (uint32_t)used);
}

pid_t fork(void)
{
    probe_ensure_init();
    if (!cfg.recording || tls.busy) {
        return real.fork();
    }
    pid_t pid = real.fork(); /* atfork (after_fork_child) resets the child's ring state */
    int err = errno;
    tls.busy++;
    if (pid == 0) {
        probe_emit_process_start();
    } else if (pid > 0) {
        emit_process(DXGCAP_PROC_FORK, pid, 0, NULL, NULL);
    }
    tls.busy--;
    errno = err;
    return pid;
}

pid_t vfork(void)
{
    return fork();
}

/* ---- environments that keep the probe across exec ---- */

static int has_prefix(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* LD_PRELOAD value with this library first (kept if already listed). Caller frees. */
static char *preload_value(const char *current)
{
    size_t need = strlen(cfg.self_path) + (current ? strlen(current) : 0) + 16;
    char *v = malloc(need);
    if (!v) {
        return NULL;
    }
    if (current && strstr(current, cfg.self_path)) {
        strcpy(v, "LD_PRELOAD=");
        strcat(v, current);
    } else {
        strcpy(v, "LD_PRELOAD=");
        strcat(v, cfg.self_path);
        if (current && *current) {
            strcat(v, ":");
            strcat(v, current);
        }
    }
    return v;
}

/* LD_PRELOAD's value without this library (entries split by ':' or ' '), or NULL when nothing is
 * left or out of memory. Caller frees. */
static char *preload_without_self(const char *current)
{
    char *v = malloc(strlen(current) + 16);
    if (!v) {
        return NULL;
    }
    strcpy(v, "LD_PRELOAD=");
    size_t len = strlen(v), start = len;
    for (const char *p = current; *p;) {
        size_t n = strcspn(p, ": ");
        if (n && !(n == strlen(cfg.self_path) && !strncmp(p, cfg.self_path, n))) {
            if (len > start) {
                v[len++] = ':';
            }
            memcpy(v + len, p, n);
            len += n;
        }
        p += n;
        p += *p != 0;
    }
    v[len] = 0;
    if (len == start) {
        free(v);
        return NULL;
    }
    return v;
}

/* DXGSCOPE_FOLLOW_EXEC=0: envp without this library in LD_PRELOAD and without the session, so the
 * new image runs unrecorded (a new array as probe_envp makes, or envp when the probe is not in it). */
static char *const *unprobed_envp(char *const envp[], char **owned)
{
    size_t n = 0;
    int found = 0;
    for (; envp[n]; n++) {
        found |= has_prefix(envp[n], "LD_PRELOAD=") || has_prefix(envp[n], "DXGSCOPE_SESSION=");
    }
    if (!found) {
        return envp;
    }
    char **out = calloc(n + 1, sizeof(char *));
    if (!out) {
        return envp;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (has_prefix(envp[i], "DXGSCOPE_SESSION=")) {
            continue;
        }
        if (has_prefix(envp[i], "LD_PRELOAD=")) {
            char *v = cfg.self_path[0] ? preload_without_self(envp[i] + 11) : NULL;
            if (v) {
                out[k++] = owned[0] = v;
            }
            continue;
        }
        out[k++] = envp[i];
    }
    out[k] = NULL;
    return out;
}

/* envp plus what the probe needs, as a new NULL-terminated array (caller frees the array and the
 * strings it marks in *owned), or envp itself when nothing is missing. */
static char *const *probe_envp(char *const envp[], char **owned, size_t owned_max)
{
    if (!envp) {
        return envp;
    }
    if (!cfg.follow_exec) {
        return unprobed_envp(envp, owned);
    }
    if (!cfg.self_path[0]) {
        return envp;
    }
    static const char *keep[] = {"DXGSCOPE_SESSION", "DXGSCOPE_DEVICE", "DXGSCOPE_FOLLOW_EXEC"};
    size_t n = 0;
    const char *preload = NULL;
    for (; envp[n]; n++) {
        if (has_prefix(envp[n], "LD_PRELOAD=")) {
            preload = envp[n] + 11;
        }
    }
    char **out = calloc(n + 8, sizeof(char *));
    if (!out) {
        return envp;
    }
    size_t k = 0, o = 0;
    for (size_t i = 0; i < n; i++) {
        if (!has_prefix(envp[i], "LD_PRELOAD=")) {
            out[k++] = envp[i];
        }
    }
    char *pre = preload_value(preload);
    if (pre) {
        out[k++] = owned[o++] = pre;
    }
    for (size_t j = 0; j < sizeof keep / sizeof keep[0] && o < owned_max; j++) {
        const char *value = getenv(keep[j]);
        int present = 0;
        for (size_t i = 0; i < n; i++) {
            present |= has_prefix(envp[i], keep[j]) && envp[i][strlen(keep[j])] == '=';
        }
        if (value && !present) {
            char *v = malloc(strlen(keep[j]) + strlen(value) + 2);
            if (v) {
                strcpy(v, keep[j]);
                strcat(v, "=");
                strcat(v, value);
                out[k++] = owned[o++] = v;
            }
        }
    }
    out[k] = NULL;
    return out;
}

static void free_envp(char *const *made, char *const envp[], char **owned)
{
    if (made != envp) {
        for (size_t i = 0; owned[i]; i++) {
            free(owned[i]);
        }
        free((void *)made);
    }
}

/* Before an exec: record it and hand back the ring (the image that follows claims its own). */
static void before_exec(const char *path, char *const argv[])
{
    tls.busy++;
    emit_process(DXGCAP_PROC_EXEC, 0, 0, path, argv);
    if (tls.ring_state == 1) {
        dxgs_ring_release(&tls.ring);
        tls.ring_state = 0;
    }
    tls.busy--;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    probe_ensure_init();
    if (tls.busy) {
        return real.execve(path, argv, envp);
    }
    char *owned[8] = {0};
    char *const *env = probe_envp(envp, owned, 7);
    before_exec(path, argv);
    int r = real.execve(path, argv, env);
    int err = errno;
    free_envp(env, envp, owned);
    errno = err;
    return r;
}

int execveat(int dirfd, const char *path, char *const argv[], char *const envp[], int flags)
{
    probe_ensure_init();
    if (tls.busy || !real.execveat) {
        return real.execveat ? real.execveat(dirfd, path, argv, envp, flags) : (errno = ENOSYS, -1);
    }
    char *owned[8] = {0};
    char *const *env = probe_envp(envp, owned, 7);
    before_exec(path, argv);
    int r = real.execveat(dirfd, path, argv, env, flags);
    int err = errno;
    free_envp(env, envp, owned);
    errno = err;
    return r;
}

int fexecve(int fd, char *const argv[], char *const envp[])
{
    probe_ensure_init();
    if (tls.busy) {
        return real.fexecve(fd, argv, envp);
    }
    char *owned[8] = {0};
    char *const *env = probe_envp(envp, owned, 7);
    before_exec(argv[0] ? argv[0] : "(fexecve)", argv);
    int r = real.fexecve(fd, argv, env);
    int err = errno;
    free_envp(env, envp, owned);
    errno = err;
    return r;
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/* PATH search as execvp does it, through our execve. */
static int exec_search(const char *file, char *const argv[], char *const envp[])
{
    if (strchr(file, '/')) {
        return execve(file, argv, envp);
    }
    const char *path = getenv("PATH");
    if (!path) {
        path = "/usr/local/bin:/bin:/usr/bin";
    }
    size_t flen = strlen(file);
    int last_err = ENOENT;
    for (const char *p = path;; p = strchr(p, ':') + 1) {
        const char *end = strchr(p, ':');
        size_t dlen = end ? (size_t)(end - p) : strlen(p);
        char *full = malloc(dlen + flen + 2);
        if (!full) {
            return -1;
        }
        memcpy(full, p, dlen);
        size_t at = dlen;
        if (dlen) {
            full[at++] = '/';
        }
        memcpy(full + at, file, flen + 1);
        execve(full, argv, envp);
        int err = errno;
        free(full);
        if (err != ENOENT && err != ENOTDIR) {
            last_err = err;
            if (err != EACCES) {
                break;
            }
        }
        if (!end) {
            break;
        }
    }
    errno = last_err;
    return -1;
}

int execvp(const char *file, char *const argv[])
{
    return exec_search(file, argv, environ);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
    return exec_search(file, argv, envp);
}

/* execl*: gather the variable arguments into an argv array. */
#define GATHER_ARGS(first, ap, argv)                                   \
    size_t argc_ = 1;                                                  \
    va_start(ap, first);                                               \
    while (va_arg(ap, char *)) {                                       \
        argc_++;                                                       \
    }                                                                  \
    va_end(ap);                                                        \
    char **argv = calloc(argc_ + 1, sizeof(char *));                   \
    if (!argv) {                                                       \
        errno = ENOMEM;                                                \
        return -1;                                                     \
    }                                                                  \
    argv[0] = (char *)(first);                                         \
    va_start(ap, first);                                               \
    for (size_t i_ = 1; i_ < argc_; i_++) {                            \
        argv[i_] = va_arg(ap, char *);                                 \
    }                                                                  \
    (void)va_arg(ap, char *)

int execl(const char *path, const char *arg, ...)
{
    va_list ap;
    GATHER_ARGS(arg, ap, argv);
    va_end(ap);
    int r = execve(path, argv, environ);
    free(argv);
    return r;
}

int execlp(const char *file, const char *arg, ...)
{
    va_list ap;
    GATHER_ARGS(arg, ap, argv);
    va_end(ap);
    int r = exec_search(file, argv, environ);
    free(argv);
    return r;
}

int execle(const char *path, const char *arg, ...)
{
    va_list ap;
    GATHER_ARGS(arg, ap, argv);
    char *const *envp = va_arg(ap, char *const *);
    va_end(ap);
    int r = execve(path, argv, envp);
    free(argv);
    return r;
}

int posix_spawn(pid_t *pid, const char *path, const void *actions, const void *attr, char *const argv[],
                char *const envp[])
{
    probe_ensure_init();
    char *owned[8] = {0};
    char *const *env = tls.busy ? envp : probe_envp(envp, owned, 7);
    int r = real.posix_spawn(pid, path, actions, attr, argv, env);
    free_envp(env, envp, owned);
    return r;
}

int posix_spawnp(pid_t *pid, const char *file, const void *actions, const void *attr, char *const argv[],
                 char *const envp[])
{
    probe_ensure_init();
    char *owned[8] = {0};
    char *const *env = tls.busy ? envp : probe_envp(envp, owned, 7);
    int r = real.posix_spawnp(pid, file, actions, attr, argv, env);
    free_envp(env, envp, owned);
    return r;
}

/* ---- exit: the status as the process gives it (the collector also reaps what it can) ---- */

static int exit_recorded;

static void record_exit(int status)
{
    if (cfg.recording && !exit_recorded) {
        exit_recorded = 1;
        tls.busy++;
        emit_process(DXGCAP_PROC_EXIT, 0, status & 0xff, NULL, NULL);
        tls.busy--;
    }
}

/* Returning from main reaches glibc's exit through an internal call the probe cannot see: record
 * the end with an unknown status (the collector adds the real one when it reaps the process). */
__attribute__((destructor)) static void record_exit_at_unload(void)
{
    if (probe_ready && cfg.recording && !exit_recorded) {
        exit_recorded = 1;
        tls.busy++;
        emit_process(DXGCAP_PROC_EXIT, 0, DXGCAP_STATUS_UNKNOWN, NULL, NULL);
        tls.busy--;
    }
}

void exit(int status)
{
    probe_ensure_init();
    record_exit(status);
    real.exit(status);
}

void _exit(int status)
{
    probe_ensure_init();
    record_exit(status);
    real._exit(status);
}

void _Exit(int status)
{
    probe_ensure_init();
    record_exit(status);
    real._Exit(status);
}

/* ---- wait: a child's end as its parent learns it ----
 * A child the recorded program reaps itself is not the collector's to reap, and one that returns
 * from main or dies of a signal tells the probe no status. Its parent's wait does: each interposer
 * records the status it got (exit code, or minus the signal) as PROCESS REAPED, asking for it
 * when the caller passed no status pointer, and leaves the result and errno as they were. */

static void record_reaped(pid_t child, int wait_status)
{
    if (child <= 0 || !(WIFEXITED(wait_status) || WIFSIGNALED(wait_status))) {
        return;
    }
    /* Not skipped when the thread is busy: a SIGCHLD handler often reaps while the thread it
     * interrupted waits inside a traced ioctl (the probe itself never waits for a child). The record
     * is built on the stack, since the interrupted code may be building one in scratch. */
    int saved = errno;
    _Alignas(8) uint8_t record[DXGCAP_HEADER_SIZE + ((sizeof(struct dxgcap_process) + 7) & ~(size_t)7)];
    if (probe_can_commit_now(sizeof record)) {
        struct dxgcap_process rec = {.op = DXGCAP_PROC_REAPED, .other_pid = child,
                                     .status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -WTERMSIG(wait_status)};
        memcpy(record + DXGCAP_HEADER_SIZE, &rec, sizeof rec);
        probe_commit_from(record, DXGCAP_PROCESS, sizeof rec);
    }
    errno = saved;
}

/* wait, waitpid and wait3 are wait4 with defaults (as glibc makes them): one path for all four. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
    probe_ensure_init();
    int own = 0;
    int *st = status ? status : &own;
    pid_t r = real.wait4(pid, st, options, usage);
    if (r > 0) { /* only then is *st the callee's to have written (a bad pointer gave EFAULT) */
        record_reaped(r, *st);
    }
    return r;
}

pid_t wait(int *status)
{
    return wait4(-1, status, 0, NULL);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return wait4(pid, status, options, NULL);
}

pid_t wait3(int *status, int options, struct rusage *usage)
{
    return wait4(-1, status, options, usage);
}

int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
    probe_ensure_init();
    int r = real.waitid(idtype, id, info, options);
    /* WNOWAIT leaves the child to be reaped: its end is recorded when it is */
    if (r == 0 && info && !(options & WNOWAIT) && info->si_pid > 0) {
        int code = info->si_code;
        if (code == CLD_EXITED) {
            record_reaped(info->si_pid, W_EXITCODE(info->si_status, 0));
        } else if (code == CLD_KILLED || code == CLD_DUMPED) {
            record_reaped(info->si_pid, info->si_status & 0x7f);
        }
    }
    return r;
}
