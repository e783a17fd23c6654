/*
 * dxgcap: the dxgscope command-line collector. Subcommands grow with the capture work; each one
 * validates its arguments and reports problems in one line on stderr with exit status 2.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../collector/collector.h"
#include "dxgcap_cmds.h"
#include "dxgscope/device_query.h"

static int usage(FILE *to, int status)
{
    fprintf(to,
            "usage: dxgcap <command> [options]\n"
            "\n"
            "commands:\n"
            "  abi [--vmbus | --vmbus-fields | --buffers]\n"
            "                             print the compiled-in dxg ABI tables (ioctls and struct\n"
            "                             layouts, VMBus message layouts, the VMBus members the\n"
            "                             reference layouts lack, ioctl buffers) as TSV\n"
            "  record [OPTIONS] -- CMD    run CMD under the probe and write its capture (see\n"
            "                             'dxgcap record --help')\n"
            "  snapshot [-o FILE] [--interval MS] [--duration S] [--sim[=SEED]]\n"
            "                             sample the device itself over time (adapters, budgets, processes)\n"
            "  demo [-o FILE] [--seed N] [--duration S]\n"
            "                             record a mix of the reference workloads on dxgsim (the demo)\n"
            "  info FILE                  summary of a capture: duration, processes, ioctls, losses, end\n"
            "  dump FILE [--json|--stable] every record of a capture, decoded (--stable: only what a\n"
            "                             simulator seed determines, for comparing runs)\n"
            "  adapters [--device PATH]   enumerate the adapters of a dxg device and query their type\n"
            "                             and driver (default device: $DXGSCOPE_DEVICE or /dev/dxg)\n"
            "  version                    print the dxgscope native version\n");
    return status;
}

static const char *errno_name(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOTTY: return "ENOTTY";
    case EINVAL: return "EINVAL";
    case ENODEV: return "ENODEV";
    case EOVERFLOW: return "EOVERFLOW";
    case ENXIO: return "ENXIO";
    default: return "errno";
    }
}

static int cmd_adapters(int argc, char **argv)
{
    const char *device = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--device") && i + 1 < argc) {
            device = argv[++i];
        } else {
            fprintf(stderr, "dxgcap adapters: unknown argument '%s' (expected --device PATH)\n", argv[i]);
            return 2;
        }
    }
    static dxgs_device_report r;
    int err = dxgs_query_device(device, &r);
    if (r.open_errno) {
        fprintf(stderr, "dxgcap: cannot open %s: %s (%s)\n", r.device_path, strerror(err), errno_name(err));
        return 1;
    }
    if (r.enum_errno) {
        fprintf(stderr, "dxgcap: %s does not answer LX_DXENUMADAPTERS3: %s (%s)\n", r.device_path,
                strerror(err), errno_name(err));
        return 1;
    }
    printf("device %s: %u adapter(s)\n", r.device_path, r.adapter_count);
    for (uint32_t i = 0; i < r.adapters_returned; i++) {
        const dxgs_adapter_info *a = &r.adapters[i];
        printf("adapter %u: luid %08x:%08x", i, a->luid_high, a->luid_low);
        if (!a->type_errno) {
            printf(" type 0x%08x%s", a->type_flags, (a->type_flags & (1u << 11)) ? " (compute-only)" : "");
        }
        if (!a->driver_version_errno) {
            printf(" wddm %u", a->driver_version);
        }
        if (!a->description_errno) {
            printf(" \"%s\"", a->description);
        }
        printf("\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        return usage(stderr, 2);
    }
    if (!strcmp(argv[1], "record")) {
        return dxgcap_cmd_record(argc - 2, argv + 2); /* its own, longer --help */
    }
    static const char *const listed[] = {"snapshot", "demo", "info", "dump", "abi", "adapters"};
    for (size_t i = 0; argc > 2 && i < sizeof listed / sizeof listed[0]; i++) {
        if (!strcmp(argv[1], listed[i]) && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
            return usage(stdout, 0); /* 'dxgcap dump --help': the one table says every command's syntax */
        }
    }
    if (!strcmp(argv[1], "snapshot")) {
        return dxgcap_cmd_snapshot(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "__snapshot-worker")) {
        return dxgcap_snapshot_worker(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "demo")) {
        return dxgcap_cmd_demo(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "__demo-worker")) {
        return dxgcap_demo_worker(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "info")) {
        return dxgcap_cmd_info(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "dump")) {
        return dxgcap_cmd_dump(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "abi")) {
        return dxgcap_cmd_abi(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "adapters")) {
        return cmd_adapters(argc - 2, argv + 2);
    }
    if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
        printf("dxgcap %s\n", dxgs_version());
        return 0;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        return usage(stdout, 0);
    }
    fprintf(stderr, "dxgcap: unknown command '%s'\n", argv[1]);
    return usage(stderr, 2);
}
