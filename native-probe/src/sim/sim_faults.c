/*
 * Fault injection, from `--fault SPEC` options or a file of specs (one per line, # comments):
 *   fail:IOCTL:N:NTSTATUS      the Nth call (1-based, all processes) of an ioctl (name or nr) fails
 *                              with that host status, converted to errno as the driver does
 *   budget:MS:GROUP:MIB        at virtual time MS, every process's budget of segment group
 *                              (local | non-local) on every adapter becomes MIB
 *   remove:MS[:ADAPTER]        at MS the host removes an adapter (default 0): every call on it
 *                              then fails with ENODEV
 *   reset:MS[:ADAPTER]         at MS the adapter's devices are reset: GetDeviceState reports
 *                              RESET and submissions fail with ENODEV
 *   delay:COMMAND:MS           replies to a VMBus command type (name or number) arrive MS later
 *   drop:COMMAND:N             the Nth message of that command type is never answered: the call
 *                              fails as the driver's wait for completion does (ETIMEDOUT)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dxgscope/abi.h"
#include "sim_server.h"

enum fault_kind { FAULT_FAIL, FAULT_BUDGET, FAULT_REMOVE, FAULT_RESET, FAULT_DELAY, FAULT_DROP };

struct fault {
    enum fault_kind kind;
    uint32_t key;        /* ioctl nr, command type, adapter index, segment group */
    uint64_t n;          /* call number, time (ns), count */
    uint64_t value;      /* status, budget bytes, delay ns */
    uint64_t seen;
    int done;
};

static struct fault faults[64];
static int nfaults;

static int parse_ioctl(const char *s, uint32_t *nr)
{
    char *end;
    unsigned long v = strtoul(s, &end, 0);
    if (*s && !*end && v > 0 && v < 0x100) {
        *nr = (uint32_t)v;
        return 0;
    }
    size_t n;
    const dxgs_ioctl *t = dxgs_abi_ioctls(&n);
    for (size_t i = 0; i < n; i++) {
        const char *name = t[i].name;
        if (!strcasecmp(s, name) || (!strncasecmp(name, "LX_DX", 5) && !strcasecmp(s, name + 5)) ||
            (!strncasecmp(name, "LX_", 3) && !strcasecmp(s, name + 3))) {
            *nr = t[i].nr;
            return 0;
        }
    }
    return -1;
}

static int parse_command(const char *s, uint32_t *type)
{
    char *end;
    unsigned long v = strtoul(s, &end, 0);
    if (*s && !*end) {
        *type = (uint32_t)v;
        return 0;
    }
    for (uint32_t t = 0; t < 1100; t++) {
        const char *name = dxgs_abi_vmbus_command_name(t >= 1000 ? 1 : 0, t);
        if (name && !strcasecmp(name, s)) {
            *type = t;
            return 0;
        }
    }
    return -1;
}

int sim_fault_add(const char *spec)
{
    if (nfaults == (int)(sizeof faults / sizeof faults[0])) {
        fprintf(stderr, "dxgsim: too many faults\n");
        return -1;
    }
    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    char *parts[5] = {0};
    int np = 0;
    for (char *save = NULL, *p = strtok_r(buf, ":", &save); p && np < 5; p = strtok_r(NULL, ":", &save)) {
        parts[np++] = p;
    }
    struct fault f = {0};
    int ok = 0;
    if (np == 4 && !strcmp(parts[0], "fail")) {
        f.kind = FAULT_FAIL;
        f.n = strtoull(parts[2], NULL, 0);
        f.value = strtoull(parts[3], NULL, 0);
        ok = parse_ioctl(parts[1], &f.key) == 0 && f.n > 0 && f.value;
    } else if (np == 4 && !strcmp(parts[0], "budget")) {
        f.kind = FAULT_BUDGET;
        f.n = strtoull(parts[1], NULL, 0) * 1000000ull;
        f.key = !strcmp(parts[2], "local") ? 0 : !strcmp(parts[2], "non-local") ? 1 : 9;
        f.value = strtoull(parts[3], NULL, 0) << 20;
        ok = f.key < 2 && f.value;
    } else if ((np == 2 || np == 3) && (!strcmp(parts[0], "remove") || !strcmp(parts[0], "reset"))) {
        f.kind = !strcmp(parts[0], "remove") ? FAULT_REMOVE : FAULT_RESET;
        f.n = strtoull(parts[1], NULL, 0) * 1000000ull;
        f.key = np == 3 ? (uint32_t)strtoul(parts[2], NULL, 0) : 0;
        ok = f.key < SIM_MAX_ADAPTERS;
    } else if (np == 3 && !strcmp(parts[0], "delay")) {
        f.kind = FAULT_DELAY;
        f.value = strtoull(parts[2], NULL, 0) * 1000000ull;
        ok = parse_command(parts[1], &f.key) == 0;
    } else if (np == 3 && !strcmp(parts[0], "drop")) {
        f.kind = FAULT_DROP;
        f.n = strtoull(parts[2], NULL, 0);
        ok = parse_command(parts[1], &f.key) == 0 && f.n > 0;
    }
    if (!ok) {
        fprintf(stderr, "dxgsim: cannot understand fault '%s' (see dxgsim --help)\n", spec);
        return -1;
    }
    faults[nfaults++] = f;
    return 0;
}

void sim_faults_tick(struct sim *s)
{
    for (int i = 0; i < nfaults; i++) {
        struct fault *f = &faults[i];
        if (f->done || s->now < f->n) {
            continue;
        }
        if (f->kind == FAULT_BUDGET) {
            for (int a = 0; a < s->nadapters; a++) {
                s->adapters[a].default_budget[f->key] = f->value;
            }
            f->done = 1;
        } else if ((f->kind == FAULT_REMOVE || f->kind == FAULT_RESET) && (int)f->key < s->nadapters) {
            if (f->kind == FAULT_REMOVE) {
                s->adapters[f->key].removed = 1;
            } else {
                s->adapters[f->key].reset = 1;
            }
            f->done = 1;
        }
    }
}

int32_t sim_fault_for_call(struct sim *s, uint32_t nr)
{
    (void)s;
    for (int i = 0; i < nfaults; i++) {
        struct fault *f = &faults[i];
        if (f->kind == FAULT_FAIL && f->key == nr && ++f->seen == f->n) {
            return (int32_t)f->value;
        }
    }
    return STATUS_SUCCESS;
}

uint64_t sim_fault_reply_delay(struct sim *s, uint32_t command_type, int *drop)
{
    (void)s;
    uint64_t delay = 0;
    *drop = 0;
    for (int i = 0; i < nfaults; i++) {
        struct fault *f = &faults[i];
        if (f->key != command_type) {
            continue;
        }
        if (f->kind == FAULT_DELAY) {
            delay += f->value;
        } else if (f->kind == FAULT_DROP && ++f->seen == f->n) {
            *drop = 1;
        }
    }
    return delay;
}
