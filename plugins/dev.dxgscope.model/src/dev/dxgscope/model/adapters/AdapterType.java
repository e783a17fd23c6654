package dev.dxgscope.model.adapters;

import java.util.ArrayList;
import java.util.List;

/**
 * The KMTQAITYPE_ADAPTERTYPE flag word of an adapter, decoded by name. On WSL the guest driver
 * forces {@code paravirtualized} on and the display-related bits off, and sets
 * {@code compute_only} for compute accelerators (PCI 1414:008A).
 */
public record AdapterType(int value) {
    private static final String[] BITS = {
        "render_supported", "display_supported", "software_device", "post_device", "hybrid_discrete",
        "hybrid_integrated", "indirect_display_device", "paravirtualized", "acg_supported",
        "support_set_timings_from_vidpn", "detachable", "compute_only", "prototype",
        "runtime_power_management",
    };
    static final int RENDER_SUPPORTED = 1;
    static final int PARAVIRTUALIZED = 1 << 7;
    static final int COMPUTE_ONLY = 1 << 11;

    public boolean renderSupported() {
        return (value & RENDER_SUPPORTED) != 0;
    }

    public boolean paravirtualized() {
        return (value & PARAVIRTUALIZED) != 0;
    }

    public boolean computeOnly() {
        return (value & COMPUTE_ONLY) != 0;
    }

    /** Names of the bits that are set; unnamed high bits appear as {@code bit N}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((value & (1 << bit)) != 0) {
                names.add(bit < BITS.length ? BITS[bit] : "bit " + bit);
            }
        }
        return names;
    }

    /** A short label for tables: "render", "compute-only" or "display-less" and so on. */
    public String summary() {
        if (computeOnly()) {
            return "compute-only";
        }
        return renderSupported() ? "render" : "no render";
    }
}
