/*
 * reap_in_wait: a SIGCHLD handler reaps a child while the thread it interrupted is blocked inside a
 * traced ioctl (a CPU wait on a fence), as a program with an event loop does. The probe must still
 * record the child's end. A second thread, which blocks SIGCHLD, signals the fence later so that the
 * wait returns. Prints the child's pid; exits 0 when the handler reaped it with status 4.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wl.h"

static volatile sig_atomic_t reaped_pid;
static volatile sig_atomic_t reaped_status = -1;

static void on_child(int sig)
{
    (void)sig;
    int saved = errno;
    int status = 0;
    pid_t p = waitpid(-1, &status, WNOHANG);
    if (p > 0) {
        reaped_pid = p;
        reaped_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    errno = saved;
}

struct signaller {
    struct wl_dev *d;
    struct d3dkmthandle ctx;
    struct d3dkmthandle fence;
};

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) < 0 && errno == EINTR) {
    }
}

/* Signals the fence once the child has ended (or after 5 s), so the main thread's wait returns. */
static void *signal_later(void *p)
{
    struct signaller *s = p;
    for (int i = 0; i < 500 && !reaped_pid; i++) {
        sleep_ms(10);
    }
    sleep_ms(50);
    wl_signal_gpu(s->d, s->ctx, s->fence, 1);
    return NULL;
}

int main(void)
{
    wl_init("reap_in_wait");
    struct wl_dev d;
    struct d3dkmthandle ctx;
    struct wl_fence fence;
    if (wl_setup(&d, WL_RENDER) < 0 || wl_create_context(&d, 0, &ctx) < 0 || wl_create_fence(&d, 0, &fence) < 0) {
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);

    /* Only the main thread can take SIGCHLD: the signaller starts with it blocked. */
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    pthread_sigmask(SIG_BLOCK, &chld, &old);
    struct signaller s = {&d, ctx, fence.handle};
    pthread_t t;
    if (pthread_create(&t, NULL, signal_later, &s) != 0) {
        return 2;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    pid_t child = fork();
    if (child == 0) {
        sleep_ms(500); /* ends while the parent waits in the ioctl (the test checks that it did) */
        _exit(4);
    }
    printf("%d\n", (int)child);
    fflush(stdout);
    int waited = wl_wait_cpu(&d, fence.handle, 1, -1);
    pthread_join(t, NULL);
    wl_destroy_context(&d, ctx);
    wl_destroy_sync(&d, fence.handle);
    wl_teardown(&d);
    if (waited < 0 || reaped_pid != child || reaped_status != 4) {
        fprintf(stderr, "reap_in_wait: wait %d, handler reaped %d with status %d\n", waited, (int)reaped_pid,
                (int)reaped_status);
        return 1;
    }
    return 0;
}
