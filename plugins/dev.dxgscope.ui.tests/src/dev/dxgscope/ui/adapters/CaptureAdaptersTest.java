package dev.dxgscope.ui.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.Budget;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.ui.SimCaptures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Adapters page of a capture: compute-pressure (recorded now on the simulator) queries its
 * 256 MiB LOCAL budget on the compute-only adapter, then exits. While it runs its budget is listed
 * under its name; once it has exited the budget is counted, not listed.
 */
class CaptureAdaptersTest {
    private static final int BUDGET = 4;
    @TempDir
    static Path dir;
    private static CaptureModel model;
    private static DxgProcess process;
    private static Budget budget;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.load(SimCaptures.record(dir, "compute-pressure"));
        process = model.dxgProcesses().get(0);
        budget = model.budgets().stream().filter(b -> b.pid() == process.pid()).findFirst().orElseThrow();
    }

    private static String budgetCell(long seq) {
        List<String[]> rows = CaptureAdapters.rows(model, seq);
        return rows.stream().filter(r -> r[1].equals("compute-only")).findFirst().orElseThrow()[BUDGET];
    }

    @Test
    void aRunningProcessesBudgetIsListedUnderItsName() {
        assertTrue(process.exitSeq() > budget.seq(), "the budget was learned before the exit");
        String cell = budgetCell(process.exitSeq() - 1);
        assertTrue(cell.startsWith(process.label() + " LOCAL: ") && cell.contains(" of 256 MiB (asked at "), cell);
        assertTrue(cell.endsWith("(#" + budget.seq() + "))"), "when the host's answer was given: " + cell);
        assertTrue(!cell.contains("exited"), cell);
    }

    @Test
    void anExitedProcessesBudgetIsCountedNotListed() {
        String counted = "no running process has one (1 budget of an exited process not listed)";
        assertEquals(counted, budgetCell(model.timeline().lastSeq()));
        assertEquals(counted, budgetCell(process.exitSeq()), "from the exit's own record on");
    }

    @Test
    void beforeAnyQueryTheCellSaysNoneIsKnown() {
        assertEquals("none known: no process queried it by the cursor", budgetCell(budget.seq() - 1));
    }
}
