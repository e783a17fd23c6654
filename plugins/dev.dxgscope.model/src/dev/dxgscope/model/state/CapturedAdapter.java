package dev.dxgscope.model.state;

import dev.dxgscope.model.adapters.AdapterType;

/** An adapter as the capture shows it: LUID, and what its processes' queries learned. */
public final class CapturedAdapter {
    private final long luid;
    private final long firstSeq;
    private AdapterType type;
    private String description;

    CapturedAdapter(long luid, long firstSeq) {
        this.luid = luid;
        this.firstSeq = firstSeq;
    }

    /** The 64-bit LUID (high part in the upper half). */
    public long luid() {
        return luid;
    }

    /** "0x00000000:0x0000d1a5". */
    public String luidText() {
        return luidText(luid);
    }

    /** A LUID as the adapters list shows it: "0x00000000:0x0000d1a5" (high part first). */
    public static String luidText(long luid) {
        return String.format("0x%08x:0x%08x", luid >>> 32, luid & 0xffffffffL);
    }

    public long firstSeq() {
        return firstSeq;
    }

    /** KMTQAITYPE_ADAPTERTYPE when a process asked, else null. */
    public AdapterType type() {
        return type;
    }

    /** KMTQAITYPE_DRIVER_DESCRIPTION when a process asked, else null. */
    public String description() {
        return description;
    }

    void setType(AdapterType type) {
        this.type = type;
    }

    void setDescription(String description) {
        this.description = description;
    }
}
