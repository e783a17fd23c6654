/* The records every capture starts with: SESSION (header facts) and ABI (layouts, self-describing). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "collector.h"
#include "dxgscope/abi.h"
#include "dxgscope/capture_format.h"
#include "dxgscope/device_query.h"
#include "writer.h"

uint64_t collector_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void add(FILE *out, const char *key, const char *value)
{
    fprintf(out, "%s=%s", key, value);
    fputc(0, out);
}

int collector_write_prologue(struct dxgs_writer *w, uint64_t *seq, const char *device, const char *command,
                             int private_data, unsigned fence_sample_ms, const char *kernel_log)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out) {
        return 12;
    }
    struct timespec real_now, mono_now;
    clock_gettime(CLOCK_REALTIME, &real_now);
    clock_gettime(CLOCK_MONOTONIC, &mono_now);
    char value[512];
    add(out, "clock", "CLOCK_MONOTONIC");
    snprintf(value, sizeof value, "%llu %llu",
             (unsigned long long)real_now.tv_sec * 1000000000ull + (unsigned long long)real_now.tv_nsec,
             (unsigned long long)mono_now.tv_sec * 1000000000ull + (unsigned long long)mono_now.tv_nsec);
    add(out, "wallclock", value);
    struct utsname u;
    if (uname(&u) == 0) {
        add(out, "kernel", u.release);
        add(out, "hostname", u.nodename);
    }
    add(out, "probe_version", dxgs_version());
    add(out, "collector_version", dxgs_version());
    add(out, "device", device);
    add(out, "command", command);
    add(out, "private_data", private_data ? "on" : "off");
    snprintf(value, sizeof value, "%u", fence_sample_ms);
    add(out, "fence_sample_ms", value);
    if (kernel_log) {
        add(out, "kernel_log", kernel_log);
    }
    fclose(out);
    uint64_t now = collector_now_ns();
    int err = dxgs_writer_emit(w, DXGCAP_SESSION, ++*seq, now, (uint32_t)getpid(), 0, buf, (uint32_t)len);
    free(buf);
    if (err) {
        return err;
    }

    buf = NULL;
    len = 0;
    out = open_memstream(&buf, &len);
    if (!out) {
        return 12;
    }
    fputs("d3dkmthk-layout.tsv", out);
    fputc(0, out);
    dxgs_abi_print_tsv(out);
    fputc(0, out);
    fputs("vmbus-layout.tsv", out);
    fputc(0, out);
    dxgs_abi_print_vmbus_tsv(out);
    fputc(0, out);
    fputs("vmbus-fields.tsv", out);
    fputc(0, out);
    dxgs_abi_print_vmbus_fields_tsv(out);
    fputc(0, out);
    fputs("buffers.tsv", out);
    fputc(0, out);
    dxgs_abi_print_buffers_tsv(out);
    fputc(0, out);
    fclose(out);
    err = dxgs_writer_emit(w, DXGCAP_ABI, ++*seq, now, (uint32_t)getpid(), 0, buf, (uint32_t)len);
    free(buf);
    return err;
}
