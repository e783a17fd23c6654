package dev.dxgscope.model.state;

/** Residency of an allocation as far as the capture shows it. */
public enum Residency {
    /** Nothing in the capture says (never made resident, never queried). */
    UNKNOWN("unknown"),
    /** MakeResident returned STATUS_PENDING; resident once the paging fence reaches its value. */
    PENDING("pending"),
    RESIDENT("resident"),
    /**
     * Reclaimed with D3DDDI_RECLAIM_RESULT_DISCARDED: resident again, but the host dropped the
     * content while it was offered, so the application must write it again. Until the next change.
     */
    DISCARDED("resident, discarded"),
    /** Evicted by an Evict call. */
    EVICTED("evicted"),
    /** Reported not resident by QueryAllocationResidency: the memory manager evicted it. */
    NOT_RESIDENT("not resident"),
    /** Offered (OfferAllocations): the memory manager may discard it; it does not count as resident. */
    OFFERED("offered");

    private static final Residency[] ALL = values();
    private final String label;

    Residency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Counts toward resident bytes. */
    public boolean resident() {
        return this == RESIDENT || this == PENDING || this == DISCARDED;
    }

    /** The state of ordinal {@code ordinal} (values() copies its array on every call). */
    static Residency of(int ordinal) {
        return ALL[ordinal];
    }
}
