/*
 * claim_in_handler: SIGCHLD arrives while a thread is claiming its first ring (inside the probe,
 * between taking the ring and mapping the scratch buffer), and its handler reaps a child. The
 * probe must take the signal only once the claim is done: a handler that recorded inside it would
 * claim a second ring, and one would stay active, owned by no thread, until the process ends.
 * This program maps that scratch buffer itself (it exports mmap, which the probe calls) and sends
 * the thread SIGCHLD from there. Then it checks that the handler did not run inside the claim but
 * did run, and, from the session, that no ring of the ended thread is active. Prints the two
 * children's pids; exits 0 when all holds.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "session.h"

static pid_t first, second;
static volatile sig_atomic_t armed, handled, handled_inside;
static pid_t reaper_tid;

static void on_child(int sig)
{
    (void)sig;
    int saved = errno;
    int status;
    if (waitpid(second, &status, WNOHANG) == second) {
        handled = 1;
    }
    errno = saved;
}

/* Every mmap of the process comes here (the probe's too). Armed, the first one sends this thread
 * SIGCHLD: a handler that may run now runs before the mapping is made. */
__attribute__((visibility("default"))) void *mmap(void *addr, size_t length, int prot, int flags, int fd,
                                                 off_t offset)
{
    if (armed) {
        armed = 0;
        pthread_kill(pthread_self(), SIGCHLD);
        handled_inside = handled;
    }
    long r = syscall(SYS_mmap, addr, length, prot, flags, fd, offset);
    return r == -1 ? MAP_FAILED : (void *)r;
}

/* Its first traced call (a wait) makes the probe claim this thread's ring. */
static void *reaper(void *unused)
{
    (void)unused;
    reaper_tid = (pid_t)syscall(SYS_gettid);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    pthread_sigmask(SIG_UNBLOCK, &chld, NULL);
    armed = 1;
    int status;
    waitpid(first, &status, 0);
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    pthread_sigmask(SIG_BLOCK, &chld, NULL); /* only the reaper takes SIGCHLD, and only the one it sends */

    if ((first = fork()) == 0) {
        _exit(0);
    }
    if ((second = fork()) == 0) {
        _exit(0);
    }
    siginfo_t info;
    if (waitid(P_PID, (id_t)first, &info, WEXITED | WNOWAIT) != 0 ||
        waitid(P_PID, (id_t)second, &info, WEXITED | WNOWAIT) != 0) { /* both are zombies now */
        return 2;
    }
    struct timespec now = {0, 0};
    while (sigtimedwait(&chld, NULL, &now) == SIGCHLD) { /* their SIGCHLD is taken here, not by the reaper */
    }
    printf("%d %d\n", (int)first, (int)second);
    fflush(stdout);
    pthread_t t;
    if (pthread_create(&t, NULL, reaper, NULL) != 0 || pthread_join(t, NULL) != 0) {
        return 2;
    }
    if (armed) {
        fprintf(stderr, "claim_in_handler: the probe mapped no scratch buffer for the thread\n");
        return 2;
    }
    int bad = 0;
    if (handled_inside) {
        fprintf(stderr, "claim_in_handler: the handler ran inside the probe's claim\n");
        bad = 1;
    }
    if (!handled) {
        fprintf(stderr, "claim_in_handler: the handler never ran\n");
        bad = 1;
    }

    const char *path = getenv("DXGSCOPE_SESSION");
    struct dxgs_session s;
    if (!path || dxgs_session_attach(&s, path) != 0) {
        fprintf(stderr, "claim_in_handler: no session to check\n");
        return 2;
    }
    int active = 0;
    for (uint32_t i = 0; i < s.hdr->ring_count; i++) {
        if (atomic_load(&s.rings[i].state) == DXGS_RING_ACTIVE && (pid_t)atomic_load(&s.rings[i].tid) == reaper_tid) {
            active++;
        }
    }
    if (active != 0) {
        fprintf(stderr, "claim_in_handler: %d rings of the ended thread %d are still active\n", active, (int)reaper_tid);
        bad = 1;
    }
    return bad;
}
