package dev.dxgscope.ui.allocations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.ui.SimCaptures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Allocations list of compute-pressure (recorded now on the simulator: 24 allocations of
 * 16 MiB and one of 300 MiB, all gone when it exits): its totals line, and why an empty list is
 * empty.
 */
class AllocationRowsTest {
    private static final String TICK = " destroyed by the cursor (tick Include destroyed to list them)";
    @TempDir
    static Path dir;
    private static CaptureModel model;
    private static List<Allocation> allocations;
    private static long end;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.load(SimCaptures.record(dir, "compute-pressure"));
        allocations = model.objects().stream().filter(Allocation.class::isInstance).map(Allocation.class::cast).toList();
        end = model.timeline().lastSeq();
    }

    private static String totals(long seq, boolean all, String filter) {
        return AllocationRows.build(model, seq, all, filter, AllocationRows.Column.CREATED, false).totals();
    }

    @Test
    void afterTheProcessExitedTheDestroyedOnesAreCounted() {
        assertEquals(25, allocations.size());
        assertEquals("0 allocations, 0 B: none alive at the cursor; 25" + TICK, totals(end, false, ""));
    }

    @Test
    void aFilterCountsOnlyTheDestroyedOnesItMatches() {
        DxgProcess p = allocations.get(0).process();
        assertEquals("0 allocations, 0 B: nothing alive matches \"" + p.pid() + "\"; 25" + TICK,
                totals(end, false, " " + p.pid() + " "));
        assertEquals("0 allocations, 0 B: nothing alive matches \"No Such Text\"", totals(end, false, "No Such Text"));
        assertEquals("0 allocations, 0 B: nothing matches \"No Such Text\"", totals(end, true, "No Such Text"));
    }

    @Test
    void beforeTheFirstAllocationNoneWasCreated() {
        long first = allocations.stream().mapToLong(Allocation::createdSeq).min().orElseThrow();
        assertEquals("0 allocations, 0 B: none created by the cursor", totals(first - 1, false, ""));
    }

    /** With Include destroyed ticked the list has every allocation: each says what it is at the cursor. */
    @Test
    void everyAllocationListedSaysWhetherItExistsAtTheCursor() {
        long first = allocations.stream().mapToLong(Allocation::createdSeq).min().orElseThrow();
        assertEquals(List.of("not yet created"), residencies(first - 1));
        assertEquals(List.of("destroyed"), residencies(end));
        long last = allocations.stream().mapToLong(Allocation::createdSeq).max().orElseThrow();
        List<String> mid = residencies(last);
        assertTrue(!mid.contains("destroyed") && !mid.contains("not yet created"), mid.toString());
    }

    /** The distinct texts of the Residency column, all allocations listed. */
    private static List<String> residencies(long seq) {
        AllocationRows rows = AllocationRows.build(model, seq, true, "", AllocationRows.Column.CREATED, false);
        assertEquals(25, rows.size());
        return java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(i -> AllocationRows.text(model, rows.get(i), seq, AllocationRows.Column.RESIDENCY))
                .distinct().toList();
    }

    @Test
    void aListWithRowsSaysOnlyItsSums() {
        long last = allocations.stream().mapToLong(Allocation::createdSeq).max().orElseThrow();
        String t = totals(last, false, "");
        long alive = allocations.stream().filter(a -> a.aliveAt(last)).count();
        assertTrue(alive > 0 && t.startsWith(alive + " allocations, ") && !t.contains(":"), t);
    }
}
