/*
 * dxgcap demo [-o FILE] [--seed N] [--duration S]: the embedded default. One dxgsim runs a mix of
 * the reference workloads, staggered and repeated until the duration ends (or SIGINT), recorded
 * like any command: a paced render loop, compute under memory pressure, a leaky sharer across two
 * processes, a stuck wait and an error storm. The host answers after about 40 us (dxgsim
 * --host-latency-us), so reply latencies are realistic.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "collector.h"

/* The workloads folder: ../workloads next to bin/ (installed), or workloads/ in the build tree. */
static int workload_path(const char *name, char *out, size_t cap)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        return -1;
    }
    exe[n] = 0;
    *strrchr(exe, '/') = 0;
    const char *where[] = {"%s/../workloads/%s", "%s/workloads/%s"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(out, cap, where[i], exe, name);
        if (access(out, X_OK) == 0) {
            return 0;
        }
    }
    return -1;
}

static pid_t start(const char *name, const char *a1, const char *a2)
{
    char path[4200];
    if (workload_path(name, path, sizeof path) < 0) {
        fprintf(stderr, "dxgcap demo: workload %s not found\n", name);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        execl(path, name, a1, a2, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static void pause_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    while (!stop && nanosleep(&t, &t) < 0 && errno == EINTR) {
    }
}

/* dxgcap __demo-worker SECONDS: run under the probe by `record --sim`. */
int dxgcap_demo_worker(int argc, char **argv)
{
    long seconds = argc > 0 ? atol(argv[0]) : 30;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    time_t end = time(NULL) + seconds;
    while (!stop && time(NULL) < end) {
        pid_t render = start("render-loop", "600", "16");
        pause_ms(1000);
        pid_t pressure = start("compute-pressure", NULL, NULL);
        pause_ms(1000);
        pid_t sharer = start("leaky-sharer", NULL, NULL);
        pause_ms(1000);
        pid_t stuck = start("stuck-wait", "2", NULL);
        pause_ms(1000);
        pid_t storm = start("error-storm", NULL, NULL);
        pid_t all[] = {render, pressure, sharer, stuck, storm};
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
            if (all[i] > 0) {
                if (stop) {
                    kill(all[i], SIGTERM);
                }
                waitpid(all[i], NULL, 0);
            }
        }
    }
    return 0;
}

int dxgcap_cmd_demo(int argc, char **argv)
{
    const char *output = NULL, *seed = "1", *duration = "30";
    for (int i = 0; i < argc; i++) {
        char *end;
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc) {
            output = argv[++i];
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc && (strtoull(argv[i + 1], &end, 10), !*end)) {
            seed = argv[++i];
        } else if (!strcmp(argv[i], "--duration") && i + 1 < argc && strtol(argv[i + 1], &end, 10) > 0 && !*end) {
            duration = argv[++i];
        } else {
            fprintf(stderr, "dxgcap demo: unexpected argument '%s'\n"
                            "usage: dxgcap demo [-o FILE] [--seed N] [--duration S]\n",
                    argv[i]);
            return 2;
        }
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        return 1;
    }
    self[n] = 0;
    char sim[64];
    snprintf(sim, sizeof sim, "--sim=%s", seed);
    const char *args[16];
    int k = 0;
    if (output) {
        args[k++] = "-o";
        args[k++] = output;
    }
    args[k++] = sim;
    /* a host that takes tens of microseconds to answer, with a tail: the VMBus view shows latencies */
    args[k++] = "--sim-arg";
    args[k++] = "--host-latency-us";
    args[k++] = "--sim-arg";
    args[k++] = "40";
    args[k++] = "--";
    args[k++] = self;
    args[k++] = "__demo-worker";
    args[k++] = duration;
    args[k] = NULL;
    return dxgcap_cmd_record(k, (char **)args);
}
