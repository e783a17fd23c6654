package dev.dxgscope.ui.allocations;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.ui.common.Formats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The rows of the Allocations table at one seq: which allocations (alive at the cursor, or every
 * one), in which order, with totals. Computed off the UI thread; cells are formatted on demand as
 * the virtual table asks for them, so a million allocations cost one array, not a million items.
 */
public final class AllocationRows {
    /** Columns, in order. */
    public enum Column {
        HANDLE("Handle", 95), PID("PID", 60), SIZE("Size", 80), SEGMENT("Segment", 85), RESIDENCY("Residency", 125),
        LOCKED("Locked", 55), OWNER("Owner", 150), FLAGS("Flags", 190), CREATED("Created", 95),
        DESTROYED("Destroyed", 95), CREATED_BY("Created by", 170);

        final String title;
        final int width;

        Column(String title, int width) {
            this.title = title;
            this.width = width;
        }
    }

    private final Allocation[] rows;
    private final long seq;
    private final long totalBytes;
    private final long residentBytes;
    private final int unknownSizes;
    private final String filter;
    private final boolean all;
    private final int destroyedLeftOut;

    private AllocationRows(Allocation[] rows, long seq, long totalBytes, long residentBytes, int unknownSizes,
            String filter, boolean all, int destroyedLeftOut) {
        this.rows = rows;
        this.seq = seq;
        this.totalBytes = totalBytes;
        this.residentBytes = residentBytes;
        this.unknownSizes = unknownSizes;
        this.filter = filter;
        this.all = all;
        this.destroyedLeftOut = destroyedLeftOut;
    }

    public static AllocationRows empty() {
        return new AllocationRows(new Allocation[0], 0, 0, 0, 0, "", false, 0);
    }

    /** Selects, filters and sorts; {@code descending} reverses the column's order. */
    public static AllocationRows build(CaptureModel m, long seq, boolean all, String filter, Column sort,
            boolean descending) {
        String f = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        List<Allocation> list = new ArrayList<>();
        long total = 0;
        long resident = 0;
        int unknown = 0;
        for (DxgObject o : m.objects()) {
            if (!(o instanceof Allocation a) || !(all || a.aliveAt(seq))) {
                continue;
            }
            if (!f.isEmpty() && !matches(m, a, seq, f)) {
                continue;
            }
            list.add(a);
            if (a.size() < 0) {
                unknown++;
            } else {
                total += a.size();
                if (a.aliveAt(seq) && a.residencyAt(seq).resident()) {
                    resident += a.size();
                }
            }
        }
        int destroyed = list.isEmpty() && !all ? destroyedBy(m, seq, f) : 0;
        Allocation[] rows = list.toArray(Allocation[]::new);
        Comparator<Allocation> c = comparator(m, seq, sort == null ? Column.CREATED : sort);
        Arrays.sort(rows, descending ? c.reversed() : c);
        return new AllocationRows(rows, seq, total, resident, unknown, filter == null ? "" : filter.trim(), all,
                destroyed);
    }

    /** How many allocations matching {@code f} were destroyed by {@code seq} (only asked when none is alive). */
    private static int destroyedBy(CaptureModel m, long seq, String f) {
        int n = 0;
        for (DxgObject o : m.objects()) {
            if (o instanceof Allocation a && a.createdSeq() <= seq && !a.aliveAt(seq)
                    && (f.isEmpty() || matches(m, a, seq, f))) {
                n++;
            }
        }
        return n;
    }

    private static boolean matches(CaptureModel m, Allocation a, long seq, String f) {
        for (Column c : Column.values()) {
            if (text(m, a, seq, c).toLowerCase(Locale.ROOT).contains(f)) {
                return true;
            }
        }
        return false;
    }

    private static Comparator<Allocation> comparator(CaptureModel m, long seq, Column c) {
        return switch (c) {
            case SIZE -> Comparator.comparingLong(Allocation::size);
            case PID -> Comparator.comparingInt(a -> a.process().pid());
            case CREATED -> Comparator.comparingLong(Allocation::createdSeq);
            case DESTROYED -> Comparator.comparingLong(Allocation::destroyedSeq);
            case HANDLE -> Comparator.comparingLong(a -> Integer.toUnsignedLong(a.handle()));
            default -> Comparator.comparing((Allocation a) -> text(m, a, seq, c)).thenComparingLong(Allocation::createdSeq);
        };
    }

    /** A cell's text. */
    public static String text(CaptureModel m, Allocation a, long seq, Column c) {
        return switch (c) {
            case HANDLE -> a.handleHex();
            case PID -> String.valueOf(a.process().pid());
            case SIZE -> a.size() < 0 ? "unknown" : Format.bytes(a.size());
            case SEGMENT -> a.segmentGroup() < 0 ? "unknown" : Names.segmentGroup(a.segmentGroup());
            case RESIDENCY -> a.stateAt(seq);
            case LOCKED -> a.lockedWhileAliveAt(seq) ? "locked" : "";
            case OWNER -> a.parent() == null ? "" : a.parent().type().label() + " " + a.parent().handleHex()
                    + (a.opened() || a.parent().opened() ? " (opened)" : "");
            case FLAGS -> Names.FlagWord.CREATE_ALLOCATION.describe(a.flags());
            case CREATED -> Formats.time(m, a.createdSeq());
            case DESTROYED -> a.aliveAtEnd() ? "" : Formats.time(m, a.destroyedSeq());
            case CREATED_BY -> a.createdBy();
        };
    }

    public int size() {
        return rows.length;
    }

    public Allocation get(int i) {
        return rows[i];
    }

    public long seq() {
        return seq;
    }

    public int indexOf(Object o) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == o) {
                return i;
            }
        }
        return -1;
    }

    /**
     * "24 allocations, 384 MiB (256 MiB resident)"; an empty list also says why it is empty, so an
     * empty table is never a puzzle.
     */
    public String totals() {
        String sums = String.format("%,d allocations, %s%s", rows.length, Format.bytes(totalBytes),
                (residentBytes > 0 ? " (" + Format.bytes(residentBytes) + " resident at the cursor)" : "")
                        + (unknownSizes > 0 ? ", " + unknownSizes + " of unknown size" : ""));
        if (rows.length > 0) {
            return sums;
        }
        if (all) {
            return sums + (filter.isEmpty() ? ": the capture has none" : ": nothing matches \"" + filter + "\"");
        }
        String gone = destroyedLeftOut == 0 ? "" : String.format("%,d destroyed by the cursor (tick Include destroyed "
                + "to list %s)", destroyedLeftOut, destroyedLeftOut == 1 ? "it" : "them");
        if (!filter.isEmpty()) {
            return sums + ": nothing alive matches \"" + filter + "\"" + (gone.isEmpty() ? "" : "; " + gone);
        }
        return sums + (gone.isEmpty() ? ": none created by the cursor" : ": none alive at the cursor; " + gone);
    }
}
