/* Simulator set-up, the deterministic random source, errno mapping and dmesg lines. */
#include "sim.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dxgscope/dxgsim.h"
#include "sim_emit.h"

void list_init(struct list *l)
{
    l->prev = l->next = l;
}

void list_add_tail(struct list *l, struct list *node)
{
    node->prev = l->prev;
    node->next = l;
    l->prev->next = node;
    l->prev = node;
}

void list_del(struct list *node)
{
    node->prev->next = node->next;
    node->next->prev = node->prev;
    node->prev = node->next = node;
}

int list_empty(const struct list *l)
{
    return l->next == l;
}

uint64_t sim_random(struct sim *s)
{
    /* splitmix64: small, good enough, and the same everywhere for a seed */
    uint64_t z = (s->rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void add_adapter(struct sim *s, int compute_only)
{
    struct sim_adapter *a = &s->adapters[s->nadapters];
    memset(a, 0, sizeof *a);
    a->index = s->nadapters;
    /* The guest LUID is the first 8 bytes of the vGPU channel's instance GUID, which differs per VM:
     * here it comes from the seed. */
    a->luid = (struct winluid){(uint32_t)sim_random(s) | 0x100u, (uint32_t)(sim_random(s) & 0xFFFF)};
    a->host_luid = (struct winluid){0x00012300u + (uint32_t)s->nadapters, 0};
    a->vgpu_luid = (struct winluid){0x00045600u + (uint32_t)s->nadapters, 0};
    a->host_handle = 0x40000000u | ((uint32_t)(s->nadapters + 1) << 6);
    a->compute_only = compute_only;
    snprintf(a->description, sizeof a->description, "%s %s adapter %d", DXGSIM_DESCRIPTION_PREFIX,
             compute_only ? "compute-only" : "render", s->nadapters);
    a->segment_size[0] = 8ull << 30;
    a->segment_size[1] = 16ull << 30;
    a->default_budget[0] = s->cfg.local_budget;
    a->default_budget[1] = s->cfg.non_local_budget;
    s->nadapters++;
}

void sim_init(struct sim *s, const struct sim_config *cfg)
{
    memset(s, 0, sizeof *s);
    s->cfg = *cfg;
    s->rng = cfg->seed;
    s->latency_rng = cfg->seed ^ 0x6C6174656E6379ull;
    s->now = 1000000; /* 1 ms: a recognisable non-zero start */
    list_init(&s->waits);
    s->next_shared_id = 1;
    s->next_global_handle = 0x40000000u;
    s->next_event_id = 2; /* the driver's first host-event id is 2 */
    for (int i = 0; i < cfg->adapters_render && s->nadapters < SIM_MAX_ADAPTERS; i++) {
        add_adapter(s, 0);
    }
    for (int i = 0; i < cfg->adapters_compute && s->nadapters < SIM_MAX_ADAPTERS; i++) {
        add_adapter(s, 1);
    }
    /* The fence pool every client maps: monitored, paging and progress fence values. */
    s->fence_pool_fd = memfd_create("dxgsim-fences", MFD_CLOEXEC);
    if (s->fence_pool_fd < 0 || ftruncate(s->fence_pool_fd, SIM_FENCE_POOL_SIZE) < 0) {
        perror("dxgsim: fence pool");
        exit(1);
    }
    s->fence_pool = mmap(NULL, SIM_FENCE_POOL_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, s->fence_pool_fd, 0);
    if (s->fence_pool == MAP_FAILED) {
        perror("dxgsim: fence pool");
        exit(1);
    }
}

int sim_errno_of(int32_t status)
{
    switch ((uint32_t)status) {
    case 0xC0000035: return EEXIST;
    case 0xC0000017: return ENOMEM;
    case 0xC000000D: return EINVAL;
    case 0xC0000033:
    case 0xC0000034: return ENOENT;
    case 0xC0000023: return EOVERFLOW;
    case 0xC00002B6: return ENODEV;
    case 0xC0000022: return EACCES;
    case 0xC00000BB:
    case 0xC0000002: return EPERM;
    case 0xC000001D: return EOPNOTSUPP;
    case 0xC0000008: return EBADF;
    case 0xC01E0102: return EINPROGRESS;
    case 0xC0000024: return EPROTOTYPE;
    default: return EINVAL;
    }
}

void sim_log(struct sim_call *c, const char *fmt, ...)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg, "misc dxg: dxgk: %s: ", c->handler ? c->handler : "dxgk_ioctl");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    sim_emit_log((uint32_t)c->pid, (uint32_t)c->tid, c->enter_seq, 3, msg);
}

int sim_fail(struct sim_call *c, int err)
{
    c->ret = -1;
    c->err = err;
    sim_log(c, "Ioctl failed: %d", -err);
    return -1;
}

int sim_fail_status(struct sim_call *c, int32_t status)
{
    return sim_fail(c, sim_errno_of(status));
}
