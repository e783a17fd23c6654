#include "sim_residency.h"

#include <string.h>

uint64_t sim_budget(const struct sim_process *p, const struct sim_adapter *a, int group)
{
    uint64_t b = p->budget_override[a->index][group];
    return b ? b : a->default_budget[group];
}

uint64_t sim_bytes_over_budget(const struct sim_process *p, const struct sim_adapter *a)
{
    uint64_t over = 0;
    for (int g = 0; g < 2; g++) {
        uint64_t budget = sim_budget(p, a, g);
        over += p->usage[a->index][g] > budget ? p->usage[a->index][g] - budget : 0;
    }
    return over;
}

static int in_list(struct sim_object *o, struct sim_object **list, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (list[i] == o) {
            return 1;
        }
    }
    return 0;
}

static void set_resident(struct sim_object *o, int resident)
{
    if (o->alloc.resident == resident) {
        return;
    }
    o->alloc.resident = resident;
    uint64_t *usage = &o->proc->usage[o->adapter->index][o->alloc.group];
    *usage = resident ? *usage + o->alloc.size : *usage - o->alloc.size;
}

/* The allocation to evict next: lowest priority, then least recently used. */
static struct sim_object *victim(struct sim_process *p, struct sim_adapter *a, uint32_t group,
                                 struct sim_object **keep, uint32_t n)
{
    struct sim_object *best = NULL;
    struct list *pos;
    for (pos = p->objects.next; pos != &p->objects; pos = pos->next) {
        struct sim_object *o = list_entry(pos, struct sim_object, in_process);
        if (o->type != HMGR_ALLOCATION || !o->alloc.resident || o->adapter != a || o->alloc.group != group ||
            in_list(o, keep, n)) {
            continue;
        }
        if (!best || o->alloc.priority < best->alloc.priority ||
            (o->alloc.priority == best->alloc.priority && o->alloc.lru < best->alloc.lru)) {
            best = o;
        }
    }
    return best;
}

int32_t sim_make_resident(struct sim *s, struct sim_object *pq, struct sim_object **allocs, uint32_t n,
                          uint64_t *fence_value, uint64_t *bytes_to_trim)
{
    struct sim_process *p = pq->proc;
    struct sim_adapter *a = pq->adapter;
    uint64_t need[2] = {0, 0}, wanted[2] = {0, 0};
    for (uint32_t i = 0; i < n; i++) {
        if (in_list(allocs[i], allocs, i)) {
            continue; /* listed twice */
        }
        wanted[allocs[i]->alloc.group] += allocs[i]->alloc.size;
        if (!allocs[i]->alloc.resident) {
            need[allocs[i]->alloc.group] += allocs[i]->alloc.size;
        }
    }
    for (int g = 0; g < 2; g++) {
        if (wanted[g] > sim_budget(p, a, g)) {
            *bytes_to_trim = wanted[g] - sim_budget(p, a, g);
            return STATUS_NO_MEMORY; /* the request alone is over budget */
        }
    }
    for (uint32_t g = 0; g < 2; g++) {
        while (p->usage[a->index][g] + need[g] > sim_budget(p, a, (int)g)) {
            struct sim_object *v = victim(p, a, g, allocs, n);
            if (!v) {
                *bytes_to_trim = p->usage[a->index][g] + need[g] - sim_budget(p, a, (int)g);
                return STATUS_NO_MEMORY;
            }
            set_resident(v, 0);
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        set_resident(allocs[i], 1);
        allocs[i]->alloc.lru = ++p->next_lru;
        allocs[i]->alloc.offered = 0;
    }
    *bytes_to_trim = sim_bytes_over_budget(p, a);
    uint64_t bytes = need[0] + need[1];
    if (bytes == 0) {
        *fence_value = pq->pq.fence_target;
        return STATUS_SUCCESS;
    }
    *fence_value = ++pq->pq.fence_target;
    sim_stream_push(s, pq->pq.stream,
                    (struct packet){.type = PKT_WORK, .duration = bytes / SIM_PAGING_BYTES_PER_US * 1000 + 2000});
    sim_stream_push(s, pq->pq.stream, (struct packet){.type = PKT_SIGNAL, .fence = pq->pq.fence, .value = *fence_value});
    return STATUS_PENDING;
}

void sim_evict(struct sim *s, struct sim_process *p, struct sim_object **allocs, uint32_t n, uint64_t *bytes_to_trim)
{
    (void)s;
    struct sim_adapter *a = n ? allocs[0]->adapter : NULL;
    for (uint32_t i = 0; i < n; i++) {
        set_resident(allocs[i], 0);
    }
    *bytes_to_trim = a ? sim_bytes_over_budget(p, a) : 0;
}

void sim_residency_forget(struct sim *s, struct sim_object *alloc)
{
    (void)s;
    set_resident(alloc, 0);
}
