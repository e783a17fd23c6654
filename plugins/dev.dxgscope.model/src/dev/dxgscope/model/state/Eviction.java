package dev.dxgscope.model.state;

/**
 * An allocation the memory manager evicted on its own, revealed when a QueryAllocationResidency
 * reported NOT_RESIDENT for an allocation that was resident.
 *
 * @param seq when it is taken to have been evicted: the MakeResident that needed the room (the first
 *     one after {@code residentSince} that took the usage past the known budget and was not given
 *     its room yet), else the query itself
 * @param seenSeq the query that revealed it
 * @param residentSince seq of its last transition to resident
 * @param makeResidentSeq the seq of that MakeResident (its entry, as operations list it), or -1
 *     when the eviction is placed at the query
 */
public record Eviction(long seq, long seenSeq, Allocation allocation, long residentSince, long makeResidentSeq) {
    /** Whether {@code seq} is inferred from a MakeResident rather than seen. */
    public boolean inferred() {
        return makeResidentSeq >= 0;
    }
}
