/*
 * dxgsim: a simulated /dev/dxg device and Windows host (see sim.h). Clients reach it through the
 * dxgscope probe with DXGSCOPE_DEVICE=sim:SOCKET; `dxgcap record --sim` starts one for you.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <signal.h>
#include <unistd.h>

#include "dxgscope/dxgsim.h"
#include "sim.h"
#include "sim_emit.h"
#include "sim_server.h"

static int usage(FILE *to, int status)
{
    fprintf(to,
            "usage: dxgsim --socket PATH [options]\n"
            "\n"
            "  --socket PATH            where clients connect (DXGSCOPE_DEVICE=sim:PATH)\n"
            "  --seed N                 seed of every random choice (default 1): same seed, same results\n"
            "  --render N               render adapters (default 1)\n"
            "  --compute N              compute-only adapters (default 1)\n"
            "  --local-budget MIB       per-process budget, local segment group (default 256)\n"
            "  --non-local-budget MIB   per-process budget, non-local segment group (default 1024)\n"
            "  --vmbus-version N        VMBus interface version (default 40; < 40: no extension header)\n"
            "  --async-vmbus            the host enables asynchronous messages\n"
            "  --host-latency-us N      the host answers a synchronous message after about N us of real\n"
            "                           time (N/2 to 3N/2; one reply in 256 takes 20 N); default 0\n"
            "  --fault SPEC             inject a fault (repeatable):\n"
            "      fail:IOCTL:N:NTSTATUS   the Nth call of an ioctl fails with that host status\n"
            "      budget:MS:local|non-local:MIB   a budget changes at virtual time MS\n"
            "      remove:MS[:ADAPTER]     the host removes an adapter (calls then fail ENODEV)\n"
            "      reset:MS[:ADAPTER]      the adapter's devices are reset (GetDeviceState: RESET)\n"
            "      delay:COMMAND:MS        replies to a VMBus command arrive later\n"
            "      drop:COMMAND:N          the Nth such message is never answered (ETIMEDOUT)\n"
            "  --faults FILE            fault specs, one per line (# comments)\n");
    return status;
}

static int number(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end) {
        return -1;
    }
    *out = v;
    return 0;
}

static int read_faults(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dxgsim: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[256];
    int bad = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n#")] = 0;
        char *s = line;
        while (*s == ' ' || *s == '\t') {
            s++;
        }
        if (*s && sim_fault_add(s) < 0) {
            bad = 1;
        }
    }
    fclose(f);
    return bad ? -1 : 0;
}

/* Adapter bring-up as the guest driver does it at boot: SETIOSPACEREGION on the global channel,
 * then OPENADAPTER and GETINTERNALADAPTERINFO per adapter (dxg-abi.md §4.6). */
static void bring_up(struct sim *s)
{
    struct vmb_origin boot = {0, 0, 0};
    struct dxgkvmb_command_setiospaceregion io;
    memset(&io, 0, sizeof io);
    vmb_global_hdr(&io.hdr, 0, DXGK_VMBCOMMAND_SETIOSPACEREGION);
    io.start = 0xE0000000ull;
    io.length = 256ull << 20;
    struct vmb_status ok = {STATUS_SUCCESS};
    vmb_exchange(s, boot, NULL, &io, sizeof io, &ok, sizeof ok, STATUS_SUCCESS);
    for (int i = 0; i < s->nadapters; i++) {
        struct sim_adapter *a = &s->adapters[i];
        struct dxgkvmb_command_openadapter m;
        vmb_adapter_hdr(&m.hdr, 0, DXGK_VMBCOMMAND_OPENADAPTER);
        m.vmbus_interface_version = s->cfg.vmbus_version;
        m.vmbus_last_compatible_interface_version = 16;
        m.guest_adapter_luid = a->luid;
        struct dxgkvmb_command_openadapter_return r = {.host_adapter_handle = {a->host_handle},
                                                       .status = {.v = STATUS_SUCCESS},
                                                       .vmbus_interface_version = s->cfg.vmbus_version,
                                                       .vmbus_last_compatible_interface_version = 16};
        vmb_exchange(s, boot, a, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
        struct dxgkvmb_command_getinternaladapterinfo g;
        vmb_adapter_hdr(&g.hdr, 0, DXGK_VMBCOMMAND_GETINTERNALADAPTERINFO);
        struct dxgkvmb_command_getinternaladapterinfo_return info;
        memset(&info, 0, sizeof info);
        info.driver_ddi_version = 0xC000;
        info.async_msg_enabled = (uint32_t)s->cfg.async_vmbus;
        info.hw_sch_enabled = 1;
        info.host_adapter_luid = a->host_luid;
        info.host_vgpu_luid = a->vgpu_luid;
        for (size_t k = 0; k < sizeof info.device_description / 2 - 1 && a->description[k]; k++) {
            info.device_description[k] = (uint8_t)a->description[k];
        }
        size_t len = s->cfg.vmbus_version >= 40 ? sizeof info : sizeof info - 8;
        vmb_exchange(s, boot, a, &g, sizeof g, &info, len, STATUS_SUCCESS);
    }
}

int main(int argc, char **argv)
{
    struct sim_config cfg = {.seed = 1, .adapters_render = 1, .adapters_compute = 1,
                             .local_budget = DXGSIM_DEFAULT_LOCAL_BUDGET,
                             .non_local_budget = DXGSIM_DEFAULT_NON_LOCAL_BUDGET,
                             .vmbus_version = DXGSIM_VMBUS_VERSION};
    const char *socket_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint64_t v = 0;
        int has = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            return usage(stdout, 0);
        } else if (!strcmp(a, "--socket") && has) {
            socket_path = argv[++i];
        } else if (!strcmp(a, "--seed") && has && !number(argv[i + 1], &v)) {
            cfg.seed = v;
            i++;
        } else if (!strcmp(a, "--render") && has && !number(argv[i + 1], &v) && v <= 4) {
            cfg.adapters_render = (int)v;
            i++;
        } else if (!strcmp(a, "--compute") && has && !number(argv[i + 1], &v) && v <= 4) {
            cfg.adapters_compute = (int)v;
            i++;
        } else if (!strcmp(a, "--local-budget") && has && !number(argv[i + 1], &v) && v) {
            cfg.local_budget = v << 20;
            i++;
        } else if (!strcmp(a, "--non-local-budget") && has && !number(argv[i + 1], &v) && v) {
            cfg.non_local_budget = v << 20;
            i++;
        } else if (!strcmp(a, "--vmbus-version") && has && !number(argv[i + 1], &v) && v >= 16 && v <= 46) {
            cfg.vmbus_version = (uint32_t)v;
            i++;
        } else if (!strcmp(a, "--host-latency-us") && has && !number(argv[i + 1], &v) && v <= 1000000) {
            cfg.host_latency_ns = v * 1000;
            i++;
        } else if (!strcmp(a, "--async-vmbus")) {
            cfg.async_vmbus = 1;
        } else if (!strcmp(a, "--fault") && has) {
            if (sim_fault_add(argv[++i]) < 0) {
                return 2;
            }
        } else if (!strcmp(a, "--faults") && has) {
            if (read_faults(argv[++i]) < 0) {
                return 2;
            }
        } else {
            fprintf(stderr, "dxgsim: unknown or incomplete option '%s'\n", a);
            return usage(stderr, 2);
        }
    }
    if (!socket_path) {
        fprintf(stderr, "dxgsim: --socket PATH is required\n");
        return usage(stderr, 2);
    }
    if (cfg.adapters_render + cfg.adapters_compute == 0) {
        fprintf(stderr, "dxgsim: at least one adapter is needed\n");
        return 2;
    }
    prctl(PR_SET_PDEATHSIG, SIGTERM); /* go away with whoever started us */
    struct rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    sim_emit_attach();
    static struct sim s;
    sim_init(&s, &cfg);
    bring_up(&s);
    return sim_serve(&s, socket_path);
}
