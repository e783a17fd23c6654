package dev.dxgscope.model.state;

/**
 * An allocation the memory manager evicted on its own, seen when a QueryAllocationResidency
 * reported NOT_RESIDENT for an allocation that was resident.
 *
 * @param seq the query's leave seq (the eviction happened between residentSince and here)
 * @param residentSince seq of its last transition to resident
 */
public record Eviction(long seq, Allocation allocation, long residentSince) {
}
