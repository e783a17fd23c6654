/*
 * dxgcap record: runs a command under the probe and writes its capture as it goes.
 *
 *   dxgcap record [-o FILE] [--sim[=SEED]] [--sim-arg ARG]... [--no-private-data] [--limit-size BYTES]
 *                 [--limit-time S] [--block-timeout-us US] [--fence-sample-ms MS] [--rings N]
 *                 [--ring-size BYTES] [--no-kernel-log] -- CMD [ARGS]
 *
 * With --sim the command talks to a fresh dxgsim (started here, on a socket in the session
 * directory, with the given seed and any --sim-arg options) instead of /dev/dxg; dxgsim's VMBus
 * messages and dmesg lines go into the same capture. Without --sim the collector follows the kernel
 * log (/dev/kmsg, or DXGSCOPE_KMSG) and writes dxgkrnl's lines as LOG records (kmsg.h) unless
 * --no-kernel-log; the SESSION's kernel_log key says whether it could.
 * The session lives in a private 0700 directory; the command gets LD_PRELOAD and DXGSCOPE_SESSION.
 * The collector is a child subreaper, so it reaps every descendant and records each exit status.
 * It stops when the command and every descendant have exited, at a limit, or on SIGINT/SIGTERM
 * (then it finishes the capture and waits for the command without disturbing it), and exits with
 * the command's status, or 1 when the command succeeded but a write error cut the capture.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "collector.h"
#include "dxgscope/capture_format.h"
#include "kmsg.h"
#include "session.h"
#include "writer.h"

#define FLUSH_INTERVAL_NS 50000000ull /* readers see data at least this often (< 100 ms) */

struct options {
    const char *output;
    int private_data;
    uint64_t limit_size;
    uint64_t limit_time_ns;
    uint32_t block_timeout_us;
    uint32_t fence_sample_ms;
    uint32_t rings;
    uint32_t ring_size;
    int sim;
    int kernel_log;
    const char *sim_seed;
    const char *sim_args[32];
    int nsim_args;
    char **command;
};

struct batch_entry {
    uint64_t seq;
    size_t offset;
    uint32_t length;
};

struct collector {
    struct dxgs_session session;
    struct dxgs_writer writer;
    uint8_t *arena;
    size_t arena_len, arena_cap;
    struct batch_entry *entries;
    size_t entries_len, entries_cap;
    uint64_t *seen_lost;   /* per ring: lost_events already reported */
    uint64_t seen_lost_bytes_total;
    uint64_t seen_no_ring;
    uint64_t released_below; /* seq counter at the previous drain: every record below it is committed */
    uint64_t events_lost;
    int stopped;           /* no more records are written */
    uint32_t end_reason;
    uint64_t stopped_ns;   /* when it stopped: the END record's time, so the capture lasts as long as it recorded */
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted++;
}

static int usage_error(const char *what)
{
    fprintf(stderr, "dxgcap record: %s\n"
                    "usage: dxgcap record [-o FILE] [--sim[=SEED]] [--sim-arg ARG]... [--no-private-data]\n"
                    "                     [--limit-size BYTES] [--limit-time S] [--block-timeout-us US]\n"
                    "                     [--fence-sample-ms MS] [--rings N] [--ring-size BYTES] [--no-kernel-log]\n"
                    "                     -- CMD [ARGS]\n",
            what);
    return 2;
}

/* 'dxgcap record --help': what each option does, its default, and what the exit status means. */
static int help(void)
{
    printf("usage: dxgcap record [OPTIONS] -- CMD [ARGS]\n"
           "\n"
           "Runs CMD (and every process it starts) under the probe and writes its capture as it goes.\n"
           "It stops when CMD and all its descendants have exited, at a limit, or on SIGINT/SIGTERM/SIGHUP\n"
           "(then it finishes the capture and waits for CMD without disturbing it).\n"
           "\n"
           "options:\n"
           "  -o, --output FILE       the capture (default: dxgscope-YYYYMMDD-HHMMSS.dxgcap here)\n"
           "  --sim[=SEED]            run CMD against a private dxgsim instead of /dev/dxg (seed 1);\n"
           "                          without it the device is $DXGSCOPE_DEVICE or /dev/dxg\n"
           "  --sim-arg ARG           pass ARG to that dxgsim (repeatable; implies --sim; see dxgsim --help)\n"
           "  --no-private-data       leave out the bytes of drivers' private data (marked omitted)\n"
           "  --no-kernel-log         do not follow the kernel log for dxgkrnl's lines\n"
           "                          (default: /dev/kmsg, or $DXGSCOPE_KMSG)\n"
           "  --limit-size BYTES      end the capture before it grows past BYTES (at least 4096)\n"
           "  --limit-time S          end the capture after S seconds\n"
           "  --block-timeout-us US   longest a traced thread waits for ring space before its event is\n"
           "                          dropped and counted as lost (default 10000; 0: never wait)\n"
           "  --fence-sample-ms MS    how often the probe reads mapped fence values (default 2; 0: off)\n"
           "  --rings N               ring buffers, one per traced thread at a time (default 128)\n"
           "  --ring-size BYTES       bytes per ring, a power of two (default 1048576)\n"
           "  -h, --help              this text\n"
           "\n"
           "exit status: CMD's status (128 + N when a signal N killed it); 127 when CMD cannot be run;\n"
           "2 for a wrong option; 1 when the capture could not be made, or was cut by a write error\n"
           "(a full disk) while CMD succeeded.\n");
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-') {
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
    *o = (struct options){.sim_seed = "1", .private_data = 1, .kernel_log = 1, .block_timeout_us = 10000,
                          .fence_sample_ms = 2, .rings = 128, .ring_size = 1u << 20};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        uint64_t v;
        if (!strcmp(a, "--")) {
            o->command = argv + i + 1;
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            return -1;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
            o->output = argv[++i];
        } else if (!strcmp(a, "--sim") || !strncmp(a, "--sim=", 6)) {
            o->sim = 1;
            o->sim_seed = a[5] == '=' ? a + 6 : "1";
            if (parse_u64(o->sim_seed, &v)) {
                return usage_error("--sim=SEED takes a number");
            }
        } else if (!strcmp(a, "--sim-arg") && i + 1 < argc) {
            if (o->nsim_args == (int)(sizeof o->sim_args / sizeof o->sim_args[0])) {
                return usage_error("too many --sim-arg options");
            }
            o->sim = 1;
            o->sim_args[o->nsim_args++] = argv[++i];
        } else if (!strcmp(a, "--no-private-data")) {
            o->private_data = 0;
        } else if (!strcmp(a, "--no-kernel-log")) {
            o->kernel_log = 0;
        } else if (!strcmp(a, "--limit-size") && i + 1 < argc) {
            if (parse_u64(argv[++i], &o->limit_size) || o->limit_size < 4096) {
                return usage_error("--limit-size takes a byte count of at least 4096");
            }
        } else if (!strcmp(a, "--limit-time") && i + 1 < argc) {
            if (parse_u64(argv[++i], &v) || v == 0) {
                return usage_error("--limit-time takes a positive number of seconds");
            }
            o->limit_time_ns = v * 1000000000ull;
        } else if (!strcmp(a, "--block-timeout-us") && i + 1 < argc) {
            if (parse_u64(argv[++i], &v) || v > 10000000) {
                return usage_error("--block-timeout-us takes microseconds (0 to 10000000)");
            }
            o->block_timeout_us = (uint32_t)v;
        } else if (!strcmp(a, "--fence-sample-ms") && i + 1 < argc) {
            if (parse_u64(argv[++i], &v) || v > 60000) {
                return usage_error("--fence-sample-ms takes milliseconds (0 = off, at most 60000)");
            }
            o->fence_sample_ms = (uint32_t)v;
        } else if (!strcmp(a, "--rings") && i + 1 < argc) {
            if (parse_u64(argv[++i], &v) || v == 0 || v > 4096) {
                return usage_error("--rings takes a count from 1 to 4096");
            }
            o->rings = (uint32_t)v;
        } else if (!strcmp(a, "--ring-size") && i + 1 < argc) {
            if (parse_u64(argv[++i], &v) || v < 65536 || v > (1u << 30) || (v & (v - 1))) {
                return usage_error("--ring-size takes a power of two from 65536 to 1073741824");
            }
            o->ring_size = (uint32_t)v;
        } else {
            char msg[256];
            snprintf(msg, sizeof msg, "unknown or incomplete option '%s'", a);
            return usage_error(msg);
        }
    }
    if (!o->command || !o->command[0]) {
        return usage_error("missing the command to record (after --)");
    }
    return 0;
}

/* A file of the installation next to this dxgcap: `installed` (relative to bin/, e.g.
 * "../lib/libdxgscope-probe.so") or `name` in the same folder (the build tree); $env overrides. */
static int find_tool(const char *env_name, const char *installed, const char *name, char *out, size_t cap)
{
    const char *env = getenv(env_name);
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return access(out, R_OK) == 0 ? 0 : errno;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        return errno;
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    *slash = 0;
    if (snprintf(out, cap, "%s/%s", exe, installed) >= (int)cap) {
        return ENAMETOOLONG;
    }
    if (access(out, R_OK) == 0) {
        return 0;
    }
    if (snprintf(out, cap, "%s/%s", exe, name) >= (int)cap) {
        return ENAMETOOLONG;
    }
    return access(out, R_OK) == 0 ? 0 : ENOENT;
}

/* Starts dxgsim on socket_path (inheriting DXGSCOPE_SESSION, so it records into this capture) and
 * waits until it listens. Returns its pid, or -1 with a message printed. */
static pid_t start_sim(const struct options *o, const char *socket_path, const char *session_path)
{
    char sim[PATH_MAX];
    int err = find_tool("DXGSCOPE_SIM", "dxgsim", "dxgsim", sim, sizeof sim);
    if (err) {
        fprintf(stderr, "dxgcap: cannot find dxgsim next to dxgcap (set DXGSCOPE_SIM): %s\n", strerror(err));
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        const char *argv[48] = {sim, "--socket", socket_path, "--seed", o->sim_seed};
        int n = 5;
        for (int i = 0; i < o->nsim_args; i++) {
            argv[n++] = o->sim_args[i];
        }
        argv[n] = NULL;
        setenv("DXGSCOPE_SESSION", session_path, 1);
        execv(sim, (char *const *)argv);
        _exit(127);
    }
    for (int i = 0; i < 500; i++) {
        if (access(socket_path, F_OK) == 0) {
            return pid;
        }
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            fprintf(stderr, "dxgcap: dxgsim did not start (status %d)\n", WEXITSTATUS(status));
            return -1;
        }
        struct timespec pause = {0, 10000000};
        nanosleep(&pause, NULL);
    }
    kill(pid, SIGKILL);
    fprintf(stderr, "dxgcap: dxgsim did not listen on %s within 5 s\n", socket_path);
    return -1;
}

/* Whether any child of ours other than `except` is still alive (orphans come to us: subreaper). */
static int other_children(pid_t except)
{
    DIR *d = opendir("/proc");
    if (!d) {
        return 0;
    }
    int found = 0;
    pid_t self = getpid();
    for (struct dirent *e; !found && (e = readdir(d));) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end || pid <= 0 || pid == except) {
            continue;
        }
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) {
            continue;
        }
        buf[n] = 0;
        const char *rp = strrchr(buf, ')'); /* comm may contain spaces */
        char state;
        long ppid;
        if (rp && sscanf(rp + 1, " %c %ld", &state, &ppid) == 2 && ppid == self) {
            found = 1;
        }
    }
    closedir(d);
    return found;
}

static void collect(void *ctx, const void *record, uint32_t length)
{
    struct collector *c = ctx;
    if (c->arena_len + length > c->arena_cap) {
        size_t cap = c->arena_cap ? c->arena_cap * 2 : (4u << 20);
        while (cap < c->arena_len + length) {
            cap *= 2;
        }
        uint8_t *a = realloc(c->arena, cap);
        if (!a) {
            c->events_lost++;
            return;
        }
        c->arena = a;
        c->arena_cap = cap;
    }
    if (c->entries_len == c->entries_cap) {
        size_t cap = c->entries_cap ? c->entries_cap * 2 : 4096;
        struct batch_entry *e = realloc(c->entries, cap * sizeof *e);
        if (!e) {
            c->events_lost++;
            return;
        }
        c->entries = e;
        c->entries_cap = cap;
    }
    memcpy(c->arena + c->arena_len, record, length);
    const struct dxgcap_header *h = record;
    c->entries[c->entries_len++] = (struct batch_entry){h->seq, c->arena_len, length};
    c->arena_len += length;
}

static int by_seq(const void *a, const void *b)
{
    uint64_t x = ((const struct batch_entry *)a)->seq, y = ((const struct batch_entry *)b)->seq;
    return x < y ? -1 : x > y;
}

static int by_offset(const void *a, const void *b)
{
    size_t x = ((const struct batch_entry *)a)->offset, y = ((const struct batch_entry *)b)->offset;
    return x < y ? -1 : x > y;
}

static void stop_recording(struct collector *c, uint32_t reason)
{
    if (!c->stopped) {
        c->stopped = 1;
        c->end_reason = reason;
        c->stopped_ns = collector_now_ns();
        atomic_store(&c->session.hdr->collector_state, DXGS_COLLECTOR_STOPPED);
    }
}

static void append(struct collector *c, const void *record, uint32_t length)
{
    if (c->stopped) {
        c->events_lost++;
        return;
    }
    int err = dxgs_writer_append(&c->writer, record, length);
    if (err == EFBIG && c->writer.limit_reached) {
        c->events_lost++;
        stop_recording(c, DXGCAP_END_SIZE_LIMIT);
    } else if (err) {
        c->events_lost++;
        fprintf(stderr, "dxgcap: writing the capture failed: %s; the capture ends at its last whole record\n",
                strerror(err));
        stop_recording(c, DXGCAP_END_WRITE_ERROR);
    }
}

/* Builds a collector record of time `ts_ns`; `always` bypasses the stopped state (the END record). */
static void emit_record_at(struct collector *c, uint16_t kind, uint32_t pid, uint32_t tid, const void *payload,
                           uint32_t size, int always, uint64_t ts_ns)
{
    uint32_t length = dxgcap_record_length(size);
    uint8_t rec[512];
    if (length > sizeof rec) {
        return;
    }
    memset(rec, 0, length);
    struct dxgcap_header *h = (struct dxgcap_header *)rec;
    *h = (struct dxgcap_header){.length = length, .kind = kind, .size = size,
                                .seq = dxgs_session_next_seq(&c->session), .ts_ns = ts_ns,
                                .pid = pid, .tid = tid};
    memcpy(rec + DXGCAP_HEADER_SIZE, payload, size);
    if (always) {
        dxgs_writer_append(&c->writer, rec, length);
    } else {
        collect(c, rec, length); /* in seq order with everything else */
    }
}

static void emit_record(struct collector *c, uint16_t kind, uint32_t pid, uint32_t tid, const void *payload,
                        uint32_t size, int always)
{
    emit_record_at(c, kind, pid, tid, payload, size, always, collector_now_ns());
}

static void emit(struct collector *c, uint16_t kind, uint32_t pid, uint32_t tid, const void *payload,
                 uint32_t size)
{
    emit_record(c, kind, pid, tid, payload, size, 0);
}

/* A dxgkrnl line from the kernel log: a LOG record naming no call (pid 0; the kernel says none).
 * The kernel's own time of the line leads the text as dmesg prints it ("[    5.310000] "), so the
 * line can be found in `dmesg` of the same boot; the record's time is when it was read. */
static void on_kernel_line(void *ctx, int level, uint64_t usec, const char *text, size_t len)
{
    struct {
        struct dxgcap_log log;
        char text[400];
    } p;
    memset(&p, 0, sizeof p);
    p.log.level = (uint32_t)level;
    size_t at = 0;
    if (usec != KMSG_NO_TIME) {
        at = (size_t)snprintf(p.text, sizeof p.text, "[%5llu.%06llu] ", (unsigned long long)(usec / 1000000),
                              (unsigned long long)(usec % 1000000));
    }
    len = len < sizeof p.text - 1 - at ? len : sizeof p.text - 1 - at;
    memcpy(p.text + at, text, len);
    emit(ctx, DXGCAP_LOG, 0, 0, &p, (uint32_t)(sizeof p.log + at + len + 1));
}

/* Drains every ring once and writes, in seq order, the records whose seq was handed out before
 * the previous drain began; younger ones wait for the next drain. A producer takes its seq just
 * before it copies and commits the record, so by then every older record is committed: the file
 * comes out in seq order (readers still sort, for the pathological case of a producer stalled
 * for a whole drain cycle in that window). `final` writes everything. Frees rings whose owner is
 * done. */
static size_t drain_batch(struct collector *c, int check_owners, int final)
{
    struct dxgs_session *s = &c->session;
    uint64_t counter = atomic_load(&s->hdr->seq);
    for (uint32_t i = 0; i < s->hdr->ring_count; i++) {
        struct dxgs_ring_desc *d = &s->rings[i];
        uint32_t state = atomic_load(&d->state);
        if (state == DXGS_RING_FREE || state == DXGS_RING_CLAIMING) {
            continue;
        }
        dxgs_ring_drain(s, i, collect, c);
        uint64_t lost = atomic_load(&d->lost_events);
        if (lost != c->seen_lost[i]) {
            struct dxgcap_lost l = {.events = lost - c->seen_lost[i], .reason = DXGCAP_LOST_BLOCKED};
            c->events_lost += l.events;
            c->seen_lost[i] = lost;
            emit(c, DXGCAP_LOST, (uint32_t)atomic_load(&d->pid), (uint32_t)atomic_load(&d->tid), &l, sizeof l);
        }
        int owner_gone = check_owners && state == DXGS_RING_ACTIVE && kill(atomic_load(&d->pid), 0) < 0 &&
                         errno == ESRCH;
        if (state == DXGS_RING_RELEASED || owner_gone) {
            dxgs_ring_drain(s, i, collect, c);
            uint32_t expected = state;
            atomic_compare_exchange_strong(&d->state, &expected, DXGS_RING_FREE);
        }
    }
    uint64_t no_ring = atomic_load(&s->hdr->lost_no_ring);
    if (no_ring != c->seen_no_ring) {
        struct dxgcap_lost l = {.events = no_ring - c->seen_no_ring, .reason = DXGCAP_LOST_NO_RING};
        c->events_lost += l.events;
        c->seen_no_ring = no_ring;
        emit(c, DXGCAP_LOST, 0, 0, &l, sizeof l);
    }
    qsort(c->entries, c->entries_len, sizeof *c->entries, by_seq);
    size_t written = 0, kept = 0;
    for (size_t k = 0; k < c->entries_len; k++) {
        if (final || c->entries[k].seq < c->released_below) {
            append(c, c->arena + c->entries[k].offset, c->entries[k].length);
            written++;
        } else {
            c->entries[kept++] = c->entries[k];
        }
    }
    /* the held-back records move to the front of the arena; compacting in arena order keeps every
     * move's destination at or below its source */
    qsort(c->entries, kept, sizeof *c->entries, by_offset);
    size_t kept_bytes = 0;
    for (size_t k = 0; k < kept; k++) {
        memmove(c->arena + kept_bytes, c->arena + c->entries[k].offset, c->entries[k].length);
        c->entries[k].offset = kept_bytes;
        kept_bytes += c->entries[k].length;
    }
    c->entries_len = kept;
    c->arena_len = kept_bytes;
    c->released_below = counter;
    return written;
}

static size_t drain(struct collector *c, int check_owners)
{
    return drain_batch(c, check_owners, 0);
}

/* Reaps every exited descendant; records its status. Returns 1 while descendants remain. */
static int reap(struct collector *c, pid_t child, pid_t sim, int *child_status, int *child_done)
{
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid == 0) {
            /* Only the simulator left? Then the recorded command tree is done. */
            return sim <= 0 || !*child_done || other_children(sim);
        }
        if (pid < 0) {
            return errno == EINTR ? 1 : 0; /* ECHILD: nobody left */
        }
        if (pid == sim) {
            fprintf(stderr, "dxgcap: dxgsim exited early (status %d)\n", status);
            continue;
        }
        struct dxgcap_process p = {.op = DXGCAP_PROC_EXIT,
                                   .status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status)};
        /* tid 0: written by the collector, which saw the real wait status. */
        drain(c, 0);
        emit(c, DXGCAP_PROCESS, (uint32_t)pid, 0, &p, sizeof p);
        if (pid == child) {
            *child_status = status;
            *child_done = 1;
        }
    }
}

static char *join_command(char **argv)
{
    size_t len = 1;
    for (char **a = argv; *a; a++) {
        len += strlen(*a) + 1;
    }
    char *s = calloc(1, len);
    for (char **a = argv; s && *a; a++) {
        if (a != argv) {
            strcat(s, " ");
        }
        strcat(s, *a);
    }
    return s;
}

static int make_private_dir(char *dir, size_t cap)
{
    /* Memory-backed first: the session's rings are shared memory mapped from a file there, and a
     * page fault on a disk-backed mapping can wait for the file system's journal. */
    const char *base = getenv("XDG_RUNTIME_DIR");
    if (!base || access(base, W_OK) != 0) {
        base = "/dev/shm";
    }
    if (access(base, W_OK) != 0) {
        base = getenv("TMPDIR");
    }
    if (!base || access(base, W_OK) != 0) {
        base = "/tmp";
    }
    snprintf(dir, cap, "%s/dxgscope-XXXXXX", base);
    return mkdtemp(dir) ? 0 : errno; /* mkdtemp creates it 0700 */
}

static void default_output(char *out, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, cap, "dxgscope-%Y%m%d-%H%M%S.dxgcap", &tm);
}

int dxgcap_cmd_record(int argc, char **argv)
{
    signal(SIGXFSZ, SIG_IGN); /* a file-size limit must come back as EFBIG, not kill us */
    struct options o;
    int bad = parse_options(argc, argv, &o);
    if (bad) {
        return bad < 0 ? help() : bad;
    }
    char probe[PATH_MAX];
    int err = find_tool("DXGSCOPE_PROBE", "../lib/libdxgscope-probe.so", "libdxgscope-probe.so", probe, sizeof probe);
    if (err) {
        fprintf(stderr, "dxgcap: cannot find libdxgscope-probe.so next to dxgcap (set DXGSCOPE_PROBE): %s\n",
                strerror(err));
        return 1;
    }
    char output[PATH_MAX];
    if (o.output) {
        snprintf(output, sizeof output, "%s", o.output);
    } else {
        default_output(output, sizeof output);
    }
    char dir[PATH_MAX], session_path[PATH_MAX + 16];
    if ((err = make_private_dir(dir, sizeof dir)) != 0) {
        fprintf(stderr, "dxgcap: cannot create a private session directory: %s\n", strerror(err));
        return 1;
    }
    snprintf(session_path, sizeof session_path, "%s/session", dir);

    struct collector c;
    memset(&c, 0, sizeof c);
    c.session.fd = -1;
    const char *device_env = getenv("DXGSCOPE_DEVICE");
    char sim_socket[PATH_MAX + 16], sim_device[PATH_MAX + 32];
    snprintf(sim_socket, sizeof sim_socket, "%s/dxgsim", dir);
    snprintf(sim_device, sizeof sim_device, "sim:%s", sim_socket);
    const char *device = o.sim ? sim_device : device_env && *device_env ? device_env : "/dev/dxg";
    err = dxgs_session_create(&c.session, session_path, o.rings, o.ring_size,
                              o.private_data ? 0 : DXGS_SESSION_NO_PRIVATE_DATA, o.block_timeout_us,
                              o.fence_sample_ms, device);
    if (err) {
        fprintf(stderr, "dxgcap: cannot create the session memory (%u x %u bytes): %s\n", o.rings, o.ring_size,
                strerror(err));
        rmdir(dir);
        return 1;
    }
    c.seen_lost = calloc(o.rings, sizeof *c.seen_lost);
    struct stat before;
    int output_existed = lstat(output, &before) == 0; /* only a file made here may be removed again */
    if ((err = dxgs_writer_open(&c.writer, output, o.limit_size)) != 0) {
        fprintf(stderr, "dxgcap: cannot create %s: %s\n", output, strerror(err));
        unlink(session_path);
        rmdir(dir);
        return 1;
    }
    char *command = join_command(o.command);
    uint64_t seq = 0;
    struct kmsg_reader kernel = {.fd = -1};
    char kernel_log[PATH_MAX + 64];
    if (o.sim) {
        snprintf(kernel_log, sizeof kernel_log, "off: the simulator writes its own lines");
    } else if (!o.kernel_log) {
        snprintf(kernel_log, sizeof kernel_log, "off: --no-kernel-log");
    } else {
        const char *kmsg = getenv("DXGSCOPE_KMSG");
        kmsg = kmsg && *kmsg ? kmsg : "/dev/kmsg";
        int kerr = kmsg_open(&kernel, kmsg);
        if (kerr) {
            fprintf(stderr, "dxgcap: cannot read the kernel log %s (%s): failed calls will have no dmesg lines\n",
                    kmsg, strerror(kerr));
            snprintf(kernel_log, sizeof kernel_log, "off: %s: %s", kmsg, strerror(kerr));
        } else {
            snprintf(kernel_log, sizeof kernel_log, "%s", kmsg);
        }
    }
    err = collector_write_prologue(&c.writer, &seq, device, command ? command : "", o.private_data,
                                   o.fence_sample_ms, kernel_log);
    free(command);
    atomic_store(&c.session.hdr->seq, seq);
    if (err) {
        fprintf(stderr, "dxgcap: cannot write %s: %s\n", output, strerror(err));
        return 1;
    }
    dxgs_writer_flush(&c.writer);

    pid_t sim = -1;
    if (o.sim && (sim = start_sim(&o, sim_socket, session_path)) < 0) {
        dxgs_writer_close(&c.writer, 0);
        if (!output_existed) {
            unlink(output); /* nothing was recorded: no capture of nothing left behind */
        }
        unlink(session_path);
        rmdir(dir);
        return 1;
    }
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "dxgcap: fork failed: %s\n", strerror(errno));
        return 1;
    }
    if (child == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        signal(SIGXFSZ, SIG_DFL);
        const char *old = getenv("LD_PRELOAD");
        char *preload = malloc(strlen(probe) + (old ? strlen(old) : 0) + 2);
        strcpy(preload, probe);
        if (old && *old) {
            strcat(preload, ":");
            strcat(preload, old);
        }
        setenv("LD_PRELOAD", preload, 1);
        setenv("DXGSCOPE_SESSION", session_path, 1);
        if (o.sim) {
            setenv("DXGSCOPE_DEVICE", device, 1);
        }
        execvp(o.command[0], o.command);
        fprintf(stderr, "dxgcap: cannot run %s: %s\n", o.command[0], strerror(errno));
        _exit(127);
    }

    uint64_t start = collector_now_ns(), last_flush = start;
    int child_status = 0, child_done = 0, descendants = 1, signals_seen = 0;
    uint64_t last_owner_check = start;
    while (descendants) {
        uint64_t now = collector_now_ns();
        int check_owners = now - last_owner_check > 200000000ull;
        if (check_owners) {
            last_owner_check = now;
        }
        size_t n = kmsg_poll(&kernel, on_kernel_line, &c);
        n += drain(&c, check_owners);
        descendants = reap(&c, child, sim, &child_status, &child_done);
        if (interrupted > signals_seen) {
            if (signals_seen == 0) {
                stop_recording(&c, DXGCAP_END_INTERRUPTED);
            } else if (!child_done) {
                kill(child, SIGTERM); /* asked twice: pass it on */
            }
            signals_seen = interrupted;
        }
        if (o.limit_time_ns && now - start >= o.limit_time_ns) {
            stop_recording(&c, DXGCAP_END_TIME_LIMIT);
        }
        if (now - last_flush >= FLUSH_INTERVAL_NS) {
            dxgs_writer_flush(&c.writer);
            last_flush = now;
        }
        if (n == 0 && descendants) {
            struct timespec pause = {0, 1000000};
            nanosleep(&pause, NULL);
        }
    }
    if (sim > 0) {
        /* dxgsim finishes what the exits of its clients left (teardown messages), then goes. */
        kill(sim, SIGTERM);
        waitpid(sim, NULL, 0);
        unlink(sim_socket);
    }
    kmsg_poll(&kernel, on_kernel_line, &c); /* the last calls' lines are printed before they return */
    kmsg_close(&kernel);
    if (kernel.missed) {
        fprintf(stderr, "dxgcap: the kernel log overwrote %llu line(s) before they were read\n",
                (unsigned long long)kernel.missed);
    }
    drain_batch(&c, 1, 1);
    int exit_status = WIFEXITED(child_status) ? WEXITSTATUS(child_status) : 128 + WTERMSIG(child_status);
    struct dxgcap_end end = {
        .reason = c.stopped ? c.end_reason : DXGCAP_END_TARGET_EXITED,
        .exit_status = !child_done ? DXGCAP_STATUS_UNKNOWN
                       : WIFEXITED(child_status) ? WEXITSTATUS(child_status) : -WTERMSIG(child_status),
        .events_lost = c.events_lost,
    };
    /* stopped early (a limit, a signal, a write error), the capture ends when it stopped recording,
     * not when CMD exited later (its status is still the one END gives) */
    emit_record_at(&c, DXGCAP_END, (uint32_t)getpid(), 0, &end, sizeof end, 1,
                   c.stopped ? c.stopped_ns : collector_now_ns());
    err = dxgs_writer_close(&c.writer, c.events_lost);
    if (err) {
        fprintf(stderr, "dxgcap: %s was cut: %s (it reads up to its last whole record)\n", output, strerror(err));
        if (exit_status == 0) {
            exit_status = 1; /* a script must not take a cut capture for a whole one */
        }
    } else {
        /* where the capture is, for the next command (dxgscope FILE, dxgcap info FILE) */
        fprintf(stderr, "dxgcap: wrote %s (%llu records, %.1f MiB)\n", output, (unsigned long long)c.writer.records,
                (double)c.writer.file_offset / (1024.0 * 1024.0));
        if (c.events_lost) {
            fprintf(stderr, "dxgcap: %llu event(s) were lost%s\n", (unsigned long long)c.events_lost,
                    c.stopped && c.end_reason != DXGCAP_END_WRITE_ERROR
                        ? " (LOST records name those dropped while recording; the rest came after it stopped)"
                        : " (see LOST records)");
        }
    }
    dxgs_session_detach(&c.session);
    unlink(session_path);
    rmdir(dir);
    free(c.arena);
    free(c.entries);
    free(c.seen_lost);
    return exit_status;
}
