/*
 * Timed ioctl loop for the probe benchmarks, on $DXGSCOPE_DEVICE (e.g. /dev/null, whose driver
 * answers at once, so the probe's own cost is what changes).
 *
 *   bench_ioctl latency N      N ioctls in 20 batches; prints the median ns per ioctl
 *   bench_ioctl sustained T S  T threads issue ioctls for S seconds; prints ioctls and ioctls/s
 *   bench_ioctl roundtrip N    N ioctls timed one by one; prints median and p99 ns
 * Against a device that answers (dxgsim), BENCH_VALID=1 makes every call a valid one (an
 * EnumAdapters3 count query) instead of QueryAdapterInfo on a handle that does not exist.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "dxgscope/d3dkmthk.h"

static int device;
static volatile int stop;

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int valid_calls;

static void one(uint32_t i)
{
    if (valid_calls) {
        struct d3dkmt_enumadapters3 e = {0};
        ioctl(device, LX_DXENUMADAPTERS3, &e);
        return;
    }
    struct d3dkmt_queryadapterinfo q = {.adapter = {0x40000000}, .type = i};
    ioctl(device, LX_DXQUERYADAPTERINFO, &q);
}

static void *spin(void *counter)
{
    uint64_t n = 0;
    while (!stop) {
        one((uint32_t)n++);
    }
    *(uint64_t *)counter = n;
    return NULL;
}

int main(int argc, char **argv)
{
    const char *dev = getenv("DXGSCOPE_DEVICE");
    device = open(dev && *dev ? dev : "/dev/dxg", O_RDWR);
    valid_calls = getenv("BENCH_VALID") != NULL;
    if (device < 0) {
        perror("bench_ioctl: open");
        return 1;
    }
    if (argc == 3 && !strcmp(argv[1], "latency")) {
        long n = atol(argv[2]);
        enum { BATCHES = 20 };
        double per[BATCHES];
        for (int w = 0; w < 1000; w++) {
            one(0); /* warm up */
        }
        for (int b = 0; b < BATCHES; b++) {
            uint64_t t0 = now_ns();
            for (long i = 0; i < n / BATCHES; i++) {
                one((uint32_t)i);
            }
            per[b] = (double)(now_ns() - t0) / (double)(n / BATCHES);
        }
        qsort(per, BATCHES, sizeof per[0], cmp);
        printf("%.1f\n", per[BATCHES / 2]);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "roundtrip")) {
        long n = atol(argv[2]);
        double *t = malloc((size_t)n * sizeof *t);
        for (long i = 0; i < n; i++) {
            uint64_t t0 = now_ns();
            one((uint32_t)i);
            t[i] = (double)(now_ns() - t0);
        }
        qsort(t, (size_t)n, sizeof *t, cmp);
        printf("%.0f %.0f\n", t[n / 2], t[n * 99 / 100]);
        free(t);
        return 0;
    }
    if (argc == 4 && !strcmp(argv[1], "sustained")) {
        int threads = atoi(argv[2]);
        int seconds = atoi(argv[3]);
        pthread_t t[64];
        uint64_t counts[64] = {0};
        uint64_t t0 = now_ns();
        for (int i = 0; i < threads && i < 64; i++) {
            pthread_create(&t[i], NULL, spin, &counts[i]);
        }
        sleep((unsigned)seconds);
        stop = 1;
        uint64_t total = 0;
        for (int i = 0; i < threads && i < 64; i++) {
            pthread_join(t[i], NULL);
            total += counts[i];
        }
        double s = (double)(now_ns() - t0) / 1e9;
        printf("%llu %.0f\n", (unsigned long long)total, (double)total / s);
        return 0;
    }
    fprintf(stderr, "usage: bench_ioctl latency N | sustained THREADS SECONDS\n");
    return 2;
}
