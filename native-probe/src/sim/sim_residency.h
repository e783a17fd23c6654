/*
 * Residency as the simulated host's video memory manager does it: per process, per adapter and
 * segment group, resident bytes against a budget. MakeResident evicts the process's other
 * resident allocations of the same group, lowest priority first and least recently used within a
 * priority, until the request fits; when it cannot fit at all it fails with STATUS_NO_MEMORY.
 * Paging happens on the paging queue's stream at a fixed bandwidth and ends by signalling the
 * paging fence; the call returns STATUS_PENDING with that fence value.
 */
#ifndef DXGSCOPE_SIM_RESIDENCY_H
#define DXGSCOPE_SIM_RESIDENCY_H

#include "sim.h"

#define SIM_PAGING_BYTES_PER_US 8192u /* 8 GB/s */

uint64_t sim_budget(const struct sim_process *p, const struct sim_adapter *a, int group);
int32_t sim_make_resident(struct sim *s, struct sim_object *paging_queue, struct sim_object **allocs, uint32_t n,
                          uint64_t *fence_value, uint64_t *bytes_to_trim);
void sim_evict(struct sim *s, struct sim_process *p, struct sim_object **allocs, uint32_t n, uint64_t *bytes_to_trim);
void sim_residency_forget(struct sim *s, struct sim_object *alloc);
/* Bytes over budget in the allocations' group(s) after a change. */
uint64_t sim_bytes_over_budget(const struct sim_process *p, const struct sim_adapter *a);

#endif
