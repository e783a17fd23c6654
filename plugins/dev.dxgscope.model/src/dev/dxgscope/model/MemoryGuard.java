package dev.dxgscope.model;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Tells a load when the Java heap is nearly full, so it stops at a record boundary and keeps what
 * it read, rather than failing with an OutOfMemoryError somewhere in a tracker and leaving no
 * room for the views. It counts what every heap pool holds now, except the young generation's
 * allocation space (eden), which counts as the last collection left it (empty): what is not in
 * eden was kept by a collection. That counts garbage the old generation has not collected yet, so
 * before it first says "full", and again each time the use has grown by {@value #RECHECK_STEP}
 * of the heap since, it has the heap collected whole and looks again (with explicit collections
 * disabled, it believes the count).
 *
 * <p>Cost: a few MXBean reads per check (the loader checks every 16K records); a full collection
 * only near the limit, two or three at most in a load.
 */
public final class MemoryGuard {
    /**
     * The share of the heap a model may fill; the rest is for the views, whose copies of a large
     * capture (chart series, rows, analyses) take about as much again: measured with a 400 MiB heap,
     * every view drew a model cut at half, and the Sync Objects chart, the hungriest, did not fit
     * beside one cut at 70%.
     */
    public static final double LIMIT = 0.5;
    static final double RECHECK_STEP = 0.05;

    private final LongSupplier usedAfterCollection;
    private final Runnable collect;
    private final long max;
    private final double limit;
    private double checkedAt;

    /** A guard of this JVM's heap, at {@link #LIMIT} unless the system property {@code dxgscope.modelShare} (0 to 1) says otherwise. */
    public static MemoryGuard ofHeap() {
        double share = LIMIT;
        try {
            share = Double.parseDouble(System.getProperty("dxgscope.modelShare", Double.toString(LIMIT)));
        } catch (NumberFormatException e) {
            /* the default */
        }
        return ofHeap(Double.isNaN(share) ? LIMIT : Math.max(0, Math.min(1, share)));
    }

    /** A guard of this JVM's heap that says full past {@code limit} of it. */
    public static MemoryGuard ofHeap(double limit) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        return new MemoryGuard(() -> {
            long used = 0;
            for (MemoryPoolMXBean p : heap) {
                MemoryUsage u = eden(p) ? p.getCollectionUsage() : p.getUsage();
                used += u == null ? 0 : u.getUsed();
            }
            return used;
        }, System::gc, Runtime.getRuntime().maxMemory(), limit);
    }

    /** Where new objects are allocated (G1, Parallel and Serial name it so): garbage until a collection. */
    private static boolean eden(MemoryPoolMXBean p) {
        return p.getName().contains("Eden");
    }

    /**
     * "(dxgscope may use 4 GiB): start it with more, DXGSCOPE_HEAP=8g for example": what every
     * "not enough memory" that cannot tell how much is needed goes on with (twice the heap there is).
     */
    public static String moreMemory() {
        long max = Runtime.getRuntime().maxMemory();
        return "(dxgscope may use " + dev.dxgscope.model.analysis.Format.bytes(max) + "): start it with more, DXGSCOPE_HEAP="
                + Math.max(2, 2 * ((max + (1L << 29)) >> 30)) + "g for example";
    }

    /** A guard over any measure (tests): bytes in use after the last collection, how to collect, the most there is. */
    MemoryGuard(LongSupplier usedAfterCollection, Runnable collect, long max, double limit) {
        this.usedAfterCollection = usedAfterCollection;
        this.collect = collect;
        this.max = max;
        this.limit = limit;
    }

    /** Whether the heap is past the limit, after a whole collection when the use grew enough since the last. */
    public boolean full() {
        double used = share();
        if (used < limit) {
            return false;
        }
        if (used >= checkedAt + RECHECK_STEP) {
            collect.run();
            used = share();
            checkedAt = used;
        }
        return used >= limit;
    }

    private double share() {
        return (double) usedAfterCollection.getAsLong() / max;
    }

    /** The heap's limit in bytes (-Xmx). */
    public long max() {
        return max;
    }

    /** The share of the heap it lets a model fill. */
    public double limit() {
        return limit;
    }
}
