/*
 * Fault-safe reads of target memory. guard_copy arms a thread-local jump buffer; the probe's
 * SIGSEGV/SIGBUS handler jumps back when armed and otherwise passes the signal on to whatever
 * handler the target installed (or to the default action). sigaction/signal are interposed for
 * those two signals so a target that installs its own handler later does not take the probe's
 * place: its handler is kept and chained, as JVM signal chaining does.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "probe.h"

static __thread sigjmp_buf *armed;
static struct sigaction chained[2]; /* what the target wants for SIGSEGV, SIGBUS */
static int installed;
static pthread_mutex_t chain_lock = PTHREAD_MUTEX_INITIALIZER;

static int slot(int sig)
{
    return sig == SIGSEGV ? 0 : sig == SIGBUS ? 1 : -1;
}

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
    /* Sent by kill, raise or sigqueue (si_code <= 0), not raised by a faulting access: it is not
     * the probe's read that failed, and nothing is re-executed on return. */
    int sent = info == NULL || info->si_code <= 0;
    if (armed && !sent) {
        sigjmp_buf *jb = armed;
        armed = NULL;
        siglongjmp(*jb, 1);
    }
    struct sigaction *next = &chained[slot(sig)];
    /* SIG_DFL and SIG_IGN are what they are whatever the flags say (the kernel ignores SA_SIGINFO
     * for them): only a real handler is called, by the form the flags name. */
    int is_default = next->sa_handler == SIG_DFL, ignored = next->sa_handler == SIG_IGN;
    if (!is_default && !ignored) {
        if (next->sa_flags & SA_SIGINFO) {
            next->sa_sigaction(sig, info, uctx);
        } else {
            next->sa_handler(sig);
        }
        return;
    }
    if (sent && ignored) {
        return; /* ignored, as without the probe */
    }
    /* Default action: restore it; returning re-executes the faulting access, which then kills
     * the process exactly as it would have without the probe (a fault the target ignores kills
     * it too, as the kernel does). */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    real.sigaction(sig, &dfl, NULL);
    if (sent) {
        raise(sig);
    }
}

void guard_install(void)
{
    pthread_mutex_lock(&chain_lock);
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_fault;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        real.sigaction(SIGSEGV, &sa, &chained[0]);
        real.sigaction(SIGBUS, &sa, &chained[1]);
        installed = 1;
    }
    pthread_mutex_unlock(&chain_lock);
}

int guard_copy(void *dst, const void *src, size_t n)
{
    if (n == 0) {
        return 0;
    }
    if (!src) {
        return -1;
    }
    sigjmp_buf jb;
    /* savesigs = 0: no syscall. SA_NODEFER keeps the fault signal unblocked after the jump. */
    if (sigsetjmp(jb, 0)) {
        return -1;
    }
    armed = &jb;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    memcpy(dst, src, n);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    armed = NULL;
    return 0;
}

/* ---- keep the probe's handler first in line ---- */

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    probe_ensure_init();
    int s = slot(sig);
    if (s < 0 || !installed) {
        return real.sigaction(sig, act, old);
    }
    pthread_mutex_lock(&chain_lock);
    if (old) {
        *old = chained[s];
    }
    if (act) {
        chained[s] = *act;
    }
    pthread_mutex_unlock(&chain_lock);
    return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
    probe_ensure_init();
    int s = slot(sig);
    if (s < 0 || !installed) {
        return real.signal(sig, handler);
    }
    if (handler == SIG_ERR) {
        errno = EINVAL;
        return SIG_ERR;
    }
    pthread_mutex_lock(&chain_lock);
    sighandler_t previous = (chained[s].sa_flags & SA_SIGINFO) ? (sighandler_t)(void *)chained[s].sa_sigaction
                                                               : chained[s].sa_handler;
    memset(&chained[s], 0, sizeof chained[s]);
    chained[s].sa_handler = handler;
    chained[s].sa_flags = SA_RESTART;
    pthread_mutex_unlock(&chain_lock);
    return previous;
}
