package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.ui.ViewIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/** Drives the real dxgscope workbench (started by the Tycho UI harness under Xvfb). */
class WorkbenchTest {
    private final Display display = PlatformUI.getWorkbench().getDisplay();

    private IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @Test
    void opensOnTheDxgscopePerspectiveWithEveryView() throws Exception {
        assertEquals(ViewIds.PERSPECTIVE, page().getPerspective().getId());
        List<String> ids = List.of(ViewIds.PROCESSES, ViewIds.ALLOCATIONS, ViewIds.LEAKS, ViewIds.RESIDENCY,
                ViewIds.SYNC, ViewIds.VMBUS, ViewIds.ADAPTERS, ViewIds.PROPERTIES, ViewIds.LOG, ViewIds.PROGRESS,
                ViewIds.ERROR_LOG);
        for (String id : ids) {
            IViewPart view = page().showView(id);
            assertNotNull(view, id);
            UiTestSupport.spin(display, 200);
        }
        page().showView(ViewIds.ADAPTERS);
        List<String> open = java.util.Arrays.stream(page().getViewReferences()).map(r -> r.getId()).toList();
        assertTrue(open.containsAll(ids), "views open in the perspective: " + open);
    }

    @Test
    void theFirstWindowTakesMostOfTheScreenButNeverMore() {
        assertEquals(new Point(2176, 1224), DxgscopeWindowAdvisor.firstSize(new Rectangle(0, 0, 2560, 1440)));
        assertEquals(new Point(1280, 800), DxgscopeWindowAdvisor.firstSize(new Rectangle(0, 0, 1440, 900)));
        assertEquals(new Point(1024, 768), DxgscopeWindowAdvisor.firstSize(new Rectangle(0, 0, 1024, 768)));
        Rectangle screen = display.getPrimaryMonitor().getClientArea();
        Point size = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getSize();
        Point wanted = DxgscopeWindowAdvisor.firstSize(screen);
        assertTrue(Math.abs(size.x - wanted.x) < 40 && Math.abs(size.y - wanted.y) < 60,
                "the window is about " + wanted + " on a " + screen + " screen: " + size);
    }

    @Test
    void adaptersViewExplainsTheMissingDevice() throws Exception {
        page().showView(ViewIds.ADAPTERS);
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        // This machine has no /dev/dxg: the view must say so, with the errno and a way out.
        String problem = UiTestSupport.waitForText(display, shell, t -> t.contains("Cannot open /dev/dxg"), 15_000);
        assertTrue(problem.contains("ENOENT"), problem);
        List<String> texts = new ArrayList<>();
        UiTestSupport.collectTexts(shell, texts);
        assertTrue(texts.contains("No dxg device available"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("simulator")), texts.toString());
        Path png = UiTestSupport.screenshot(shell, "workbench.png");
        assertTrue(Files.size(png) > 10_000, "screenshot has content");
    }

    @Test
    void aboutListsProductPlatformJavaAndNativeVersions() {
        Map<String, String> versions = Versions.collect();
        assertTrue(versions.get("dxgscope").startsWith("0.1.0"), versions.toString());
        assertTrue(versions.get("Eclipse platform").contains("workbench 3."), versions.toString());
        assertTrue(versions.get("Java").startsWith(System.getProperty("java.version")), versions.toString());
        assertTrue(versions.get("Native library").matches("libdxgscope \\d+\\.\\d+\\.\\d+"), versions.toString());

        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        AboutDialog about = new AboutDialog(shell, versions);
        about.setBlockOnOpen(false);
        about.open();
        try {
            UiTestSupport.spin(display, 300);
            List<String> texts = new ArrayList<>();
            UiTestSupport.collectTexts(about.getShell(), texts);
            assertTrue(texts.stream().anyMatch(t -> t.startsWith("libdxgscope")), texts.toString());
            UiTestSupport.screenshot(about.getShell(), "about.png");
        } finally {
            about.close();
        }
    }
}
