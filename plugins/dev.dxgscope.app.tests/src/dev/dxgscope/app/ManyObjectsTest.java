package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.allocations.AllocationsView;
import dev.dxgscope.ui.common.UiWatchdog;
import dev.dxgscope.ui.leaks.LeaksView;
import dev.dxgscope.ui.processes.ProcessesView;
import dev.dxgscope.ui.session.Sessions;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process with 100,000 allocations alive (the many-objects workload): the handle tree lists them
 * in pages, the Allocations table has every one, the Leaks view counts them, and the longest
 * UI-thread block of each step is printed (timings are reported, not asserted).
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class ManyObjectsTest {
    private static final int COUNT = 100_000;
    private final Display display = PlatformUI.getWorkbench().getDisplay();
    @TempDir
    static Path dir;

    @Test
    void aHundredThousandObjectsAreListedInPagesAndEveryTableHasThem() throws Exception {
        Path capture = UiTestSupport.record(dir, "many-objects", Integer.toString(COUNT));
        UiTestSupport.open(display, capture);
        long allAlive = Sessions.get().current().read((CaptureModel m) -> m.objects().stream()
                .filter(o -> o.type() == ObjectType.ALLOCATION).mapToLong(DxgObject::createdSeq).max().orElseThrow());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Object selectedBefore = Sessions.get().selection();
        StringBuilder report = new StringBuilder("many objects: UI thread blocked at most");
        try (UiWatchdog watchdog = UiWatchdog.start(display)) {
            ProcessesView processes = UiTestSupport.pojo(page.showView(ViewIds.PROCESSES), ProcessesView.class);
            Sessions.get().moveCursor(allAlive);
            UiTestSupport.waitUntil(display, processes::listed, 30_000, "the handle tree with every allocation");
            UiTestSupport.spin(display, 300);
            report.append(String.format(" %.0f ms listing the handle tree", watchdog.worstMs()));
            watchdog.reset();

            AllocationsView allocations = UiTestSupport.pojo(page.showView(ViewIds.ALLOCATIONS), AllocationsView.class);
            UiTestSupport.waitUntil(display, () -> allocations.rows() != null && allocations.rows().size() == COUNT,
                    30_000, "every allocation in the table");
            UiTestSupport.spin(display, 300);
            report.append(String.format(", %.0f ms%s listing allocations", watchdog.worstMs(), where(watchdog)));
            watchdog.reset();

            LeaksView leaks = UiTestSupport.pojo(page.showView(ViewIds.LEAKS), LeaksView.class);
            UiTestSupport.waitUntil(display, () -> leaks.result() != null, 30_000, "the leak analysis");
            UiTestSupport.spin(display, 300);
            report.append(String.format(", %.0f ms%s analysing leaks", watchdog.worstMs(), where(watchdog)));
        }
        System.out.println(report);
        assertSame(selectedBefore, Sessions.get().selection(), "showing a view does not select anything");

        List<String> rows = UiTestSupport.pojo(page.findView(ViewIds.PROCESSES), ProcessesView.class).rows();
        assertEquals(COUNT, rows.stream().filter(r -> r.trim().startsWith("allocation ")).count(),
                "every allocation is in the tree");
        assertTrue(rows.stream().anyMatch(r -> r.trim().startsWith("objects 1–1,000")), "the first page");
        assertTrue(rows.stream().anyMatch(r -> r.trim().startsWith("objects 99,001–100,000")), "the last page");
        UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "many-objects.png");
    }

    /** Where the UI thread was in the worst block, when it was long enough to have been sampled. */
    private static String where(UiWatchdog watchdog) {
        return watchdog.worstWhere().isEmpty() ? "" : " (" + watchdog.worstWhere() + ")";
    }
}
