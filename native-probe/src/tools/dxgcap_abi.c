/*
 * dxgcap abi: print the compiled-in ABI tables as TSV. Without options it prints the ioctl and
 * struct layout table (equal to shared/abi/d3dkmthk-layout.tsv); --vmbus prints the VMBus
 * message layouts (shared/abi/vmbus-layout.tsv), --vmbus-fields the VMBus members that table
 * lacks, and --buffers the buffer descriptors.
 */
#include "dxgcap_cmds.h"

#include <stdio.h>
#include <string.h>

#include "dxgscope/abi.h"

static const struct {
    const char *option;
    void (*print)(FILE *);
} tables[] = {
    {"--vmbus", dxgs_abi_print_vmbus_tsv},
    {"--vmbus-fields", dxgs_abi_print_vmbus_fields_tsv},
    {"--buffers", dxgs_abi_print_buffers_tsv},
};

#define OPTIONS "--vmbus, --vmbus-fields or --buffers"

int dxgcap_cmd_abi(int argc, char **argv)
{
    void (*print)(FILE *) = dxgs_abi_print_tsv;
    if (argc > 1) {
        fprintf(stderr, "dxgcap abi: too many arguments (expected at most one of " OPTIONS ")\n");
        return 2;
    }
    if (argc == 1) {
        print = NULL;
        for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
            if (!strcmp(argv[0], tables[i].option)) {
                print = tables[i].print;
            }
        }
        if (!print) {
            fprintf(stderr, "dxgcap abi: unknown argument '%s' (expected " OPTIONS ")\n", argv[0]);
            return 2;
        }
    }
    print(stdout);
    /* a short write (full disk, closed pipe) must not look like a complete table */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dxgcap abi: cannot write the table\n");
        return 1;
    }
    return 0;
}
