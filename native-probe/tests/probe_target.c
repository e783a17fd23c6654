/*
 * A program for the probe tests: talks to the dxg device ($DXGSCOPE_DEVICE, e.g. /dev/null) in
 * known ways so a test can check the capture against what it did.
 *
 *   probe_target threads N M      N threads x M ioctls; each argument carries (thread, iteration)
 *   probe_target tree             fork; the child execs "probe_target leaf"; everyone does ioctls
 *   probe_target leaf             3 ioctls
 *   probe_target badptr           ioctls with bad argument pointers; checks errno, exits 0
 *   probe_target slow SECONDS PIDFILE DONEFILE   ioctls for SECONDS, writing its pid first and the
 *                                 number of ioctls it made at the end (for collector-death tests)
 *   probe_target scm              passes the device fd to a child over a Unix socket, after one
 *                                 send that fails (its socket's peer is closed)
 *   probe_target reap             three children: one execs "probe_target exit7" (returns 7 from
 *                                 main), one dies of SIGSEGV, one calls _exit(3); waits with
 *                                 waitpid (no status pointer), waitid WNOWAIT then wait4, and
 *                                 wait; a fourth _exit(3)s, waited for with a bad status
 *                                 pointer (EFAULT); then
 *                                 ignores SIGSEGV (SA_SIGINFO set) and sends it to itself
 *                                 reaped by waitpid with no status pointer, waitid and wait; prints
 *                                 their pids in that order
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dxgscope/d3dkmthk.h"

static int open_device(void)
{
    const char *dev = getenv("DXGSCOPE_DEVICE");
    int fd = open(dev && *dev ? dev : "/dev/dxg", O_RDWR);
    if (fd < 0) {
        perror("probe_target: open device");
        exit(2);
    }
    return fd;
}

/* One LX_DXQUERYADAPTERINFO whose argument encodes who and when: adapter = thread, type = i. */
static void marked_ioctl(int fd, uint32_t thread, uint32_t i)
{
    struct d3dkmt_queryadapterinfo q = {.adapter = {thread}, .type = i};
    ioctl(fd, LX_DXQUERYADAPTERINFO, &q);
}

struct worker {
    int fd;
    uint32_t index;
    uint32_t count;
};

static void *work(void *p)
{
    struct worker *w = p;
    for (uint32_t i = 0; i < w->count; i++) {
        marked_ioctl(w->fd, w->index, i);
    }
    return NULL;
}

static int run_threads(int n, int m)
{
    int fd = open_device();
    pthread_t t[256];
    struct worker w[256];
    for (int i = 0; i < n && i < 256; i++) {
        w[i] = (struct worker){fd, (uint32_t)i, (uint32_t)m};
        pthread_create(&t[i], NULL, work, &w[i]);
    }
    for (int i = 0; i < n && i < 256; i++) {
        pthread_join(t[i], NULL);
    }
    close(fd);
    return 0;
}

static int run_tree(const char *self)
{
    int fd = open_device();
    marked_ioctl(fd, 100, 0);
    pid_t child = fork();
    if (child == 0) {
        int cfd = open_device();
        marked_ioctl(cfd, 200, 0);
        close(cfd);
        execl(self, self, "leaf", (char *)NULL);
        _exit(127);
    }
    marked_ioctl(fd, 100, 1);
    int status;
    waitpid(child, &status, 0);
    close(fd);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static int run_leaf(void)
{
    int fd = open_device();
    for (uint32_t i = 0; i < 3; i++) {
        marked_ioctl(fd, 300, i);
    }
    close(fd);
    return 0;
}

static int expect_fail(const char *what, int r, int want_errno)
{
    if (r != -1 || errno != want_errno) {
        fprintf(stderr, "probe_target: %s: got %d errno %d, want -1 errno %d\n", what, r, errno, want_errno);
        return 1;
    }
    return 0;
}

static int run_badptr(void)
{
    int fd = open_device();
    int bad = 0;
    void *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* /dev/null refuses every ioctl with ENOTTY: that is the "driver's own errno" here. */
    bad |= expect_fail("(void*)1", ioctl(fd, LX_DXQUERYADAPTERINFO, (void *)1), ENOTTY);
    bad |= expect_fail("NULL", ioctl(fd, LX_DXQUERYADAPTERINFO, NULL), ENOTTY);
    bad |= expect_fail("PROT_NONE", ioctl(fd, LX_DXQUERYADAPTERINFO, none), ENOTTY);
    /* A readable struct whose buffer pointer is bad: only the buffer is unreadable. */
    struct d3dkmt_queryadapterinfo q = {.private_data = 8, .private_data_size = 64};
    bad |= expect_fail("bad buffer", ioctl(fd, LX_DXQUERYADAPTERINFO, &q), ENOTTY);
    /* errno survives a traced close. */
    errno = 0;
    close(fd);
    bad |= errno != 0;
    return bad;
}

static int run_slow(int seconds, const char *pidfile, const char *donefile)
{
    FILE *f = fopen(pidfile, "w");
    fprintf(f, "%d\n", getpid());
    fclose(f);
    int fd = open_device();
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    unsigned long n = 0;
    do {
        marked_ioctl(fd, 1, (uint32_t)n++);
        struct timespec pause = {0, 100000};
        nanosleep(&pause, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while (now.tv_sec - start.tv_sec < seconds);
    close(fd);
    f = fopen(donefile, "w");
    fprintf(f, "%lu\n", n);
    fclose(f);
    return 0;
}

static int run_scm(void)
{
    int fd = open_device();
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pid_t child = fork();
    if (child == 0) {
        char byte;
        struct iovec iov = {&byte, 1};
        char control[CMSG_SPACE(sizeof(int))];
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                             .msg_controllen = sizeof control};
        recvmsg(sv[1], &msg, 0);
        _exit(0);
    }
    char byte = 'x';
    struct iovec iov = {&byte, 1};
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    int dead[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, dead);
    close(dead[1]);
    if (sendmsg(dead[0], &msg, MSG_NOSIGNAL) >= 0) {
        fprintf(stderr, "probe_target: a send to a closed peer succeeded\n");
        return 3;
    }
    close(dead[0]);
    sendmsg(sv[0], &msg, 0);
    int status;
    waitpid(child, &status, 0);
    close(fd);
    return 0;
}

/* A child that opens the device, makes one call and ends as `how` says. */
static pid_t child(int how, const char *self)
{
    pid_t pid = fork();
    if (pid == 0 && how == 0) {
        execl(self, self, "exit7", (char *)NULL); /* returns 7 from main: the probe learns no status */
        _exit(126);
    }
    if (pid == 0) {
        int fd = open_device();
        struct d3dkmt_enumadapters3 e = {0};
        ioctl(fd, LX_DXENUMADAPTERS3, &e);
        if (how == 1) {
            struct rlimit none = {0, 0};
            setrlimit(RLIMIT_CORE, &none); /* no core file in the test's folder */
            signal(SIGSEGV, SIG_DFL);
            raise(SIGSEGV);
            _exit(99); /* the signal was swallowed */
        }
        if (how == 2) {
            _exit(3);
        }
    }
    return pid;
}

static int run_reap(const char *self)
{
    pid_t a = child(0, self), b = child(1, self), c = child(2, self);
    printf("%d %d %d\n", (int)a, (int)b, (int)c);
    fflush(stdout);
    if (waitpid(a, NULL, 0) != a) {
        return 1;
    }
    siginfo_t info;
    /* WNOWAIT only looks: b is reaped by wait4 after it */
    if (waitid(P_PID, (id_t)b, &info, WEXITED | WNOWAIT) != 0 || info.si_code == CLD_EXITED) {
        return 1;
    }
    int status = 0;
    if (wait4(b, &status, 0, NULL) != b || !WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV) {
        return 1;
    }
    if (wait(&status) != c || !WIFEXITED(status) || WEXITSTATUS(status) != 3) {
        return 1;
    }
    /* a status pointer the kernel cannot write: EFAULT, as without the probe, not a crash (the
     * kernel reaps the child all the same, and no status is known) */
    pid_t d = child(2, self);
    errno = 0;
    if (waitpid(d, (int *)8, 0) != -1 || errno != EFAULT) {
        return 1;
    }
    /* SIGSEGV ignored with SA_SIGINFO set, then sent: ignored, as without the probe */
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    ignore.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &ignore, NULL);
    kill(getpid(), SIGSEGV);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "reap")) {
        return run_reap(argv[0]);
    }
    if (argc >= 2 && !strcmp(argv[1], "exit7")) {
        int fd = open_device();
        struct d3dkmt_enumadapters3 e = {0};
        ioctl(fd, LX_DXENUMADAPTERS3, &e);
        return 7;
    }
    if (argc >= 4 && !strcmp(argv[1], "threads")) {
        return run_threads(atoi(argv[2]), atoi(argv[3]));
    }
    if (argc >= 2 && !strcmp(argv[1], "tree")) {
        return run_tree(argv[0]);
    }
    if (argc >= 2 && !strcmp(argv[1], "leaf")) {
        return run_leaf();
    }
    if (argc >= 2 && !strcmp(argv[1], "badptr")) {
        return run_badptr();
    }
    if (argc >= 5 && !strcmp(argv[1], "slow")) {
        return run_slow(atoi(argv[2]), argv[3], argv[4]);
    }
    if (argc >= 2 && !strcmp(argv[1], "scm")) {
        return run_scm();
    }
    fprintf(stderr, "probe_target: unknown mode\n");
    return 2;
}
