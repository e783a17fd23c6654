package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.analysis.SyncAnalysis;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.Wait;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.charts.ChartCanvas;
import dev.dxgscope.ui.charts.ChartExport;
import dev.dxgscope.ui.charts.MarkerDataset;
import dev.dxgscope.ui.commands.SessionHandlers;
import dev.dxgscope.ui.residency.ResidencyData;
import dev.dxgscope.ui.residency.ResidencyView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import dev.dxgscope.ui.sync.SyncChart;
import dev.dxgscope.ui.sync.SyncData;
import dev.dxgscope.ui.sync.SyncView;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.PageBookView;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The Residency and Sync objects views in the real workbench, on captures recorded here with
 * dxgcap on the simulator: compute-pressure (budget 256 MiB, a failed MakeResident) and stuck-wait
 * (waits that are never satisfied). Asserts on the charts' datasets, drives the time cursor, clicks
 * a wait, exports PNG and SVG, and saves a screenshot of each view.
 */
class ChartViewsTest {
    private static final long MIB = 1L << 20;
    @org.junit.jupiter.api.io.TempDir
    static Path dir;
    private static Path computePressure;
    private static Path stuckWait;
    private final Display display = PlatformUI.getWorkbench().getDisplay();

    @BeforeAll
    static void record() throws Exception {
        computePressure = record("compute-pressure.dxgcap", "compute-pressure");
        stuckWait = record("stuck-wait.dxgcap", "stuck-wait", "1");
    }

    private static Path record(String name, String... workload) throws Exception {
        Path bin = Path.of(System.getProperty("dxgscope.root"), "native-probe", "target", "dist", "bin");
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("dxgcap").toString(), "record", "--sim", "-o",
                out.toString(), "--", bin.resolveSibling("workloads").resolve(workload[0]).toString()));
        cmd.addAll(List.of(workload).subList(1, workload.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dxgcap record " + workload[0] + " finished");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve(name + ".log")));
        assertTrue(Files.size(out) > 0, name);
        return out;
    }

    @Test
    void residencyShowsResidentBytesAgainstTheBudgetAndTheFailedMakeResident() throws Exception {
        CaptureSession session = open(computePressure);
        ResidencyView view = show(ViewIds.RESIDENCY, ResidencyView.class);
        waitUntil(() -> !view.busy() && !view.chart().data().lines().isEmpty(), "residency data shown");
        XYPlot plot = view.chart().plot();

        XYDataset resident = plot.getDataset(0);
        assertEquals(1, resident.getSeriesCount(), "one process, one segment group");
        assertTrue(resident.getSeriesKey(0).toString().contains("compute-pressure"), resident.getSeriesKey(0).toString());
        assertEquals(256 * MIB, (long) max(resident, 0), "the resident-bytes peak is the budget");
        XYDataset budgets = plot.getDataset(1);
        assertEquals(1, budgets.getSeriesCount(), "its budget is known");
        assertEquals(256 * MIB, (long) max(budgets, 0));

        MarkerDataset markers = (MarkerDataset) plot.getDataset(3);
        int failed = seriesIndex(markers, ResidencyData.Kind.FAILED.label());
        assertTrue(failed >= 0, "a failed-MakeResident series");
        assertEquals(1, markers.getItemCount(failed));
        String tip = ((ResidencyData.Marker) markers.payload(failed, 0)).tooltip();
        assertTrue(tip.contains("ENOMEM") && tip.contains("budget 256 MiB") && tip.contains("300 MiB"), tip);
        assertTrue(tip.contains("the request alone (300 MiB) is more than the budget"), "why no eviction helps: " + tip);
        assertTrue(seriesIndex(markers, ResidencyData.Kind.EVICTED_BY_MM.label()) >= 0, "evictions are marked");
        dev.dxgscope.model.state.Eviction eviction = session.read((CaptureModel m) -> m.evictions().get(0));
        String evicted = property(eviction.allocation(), "evicted by the memory manager");
        assertTrue(evicted.startsWith(session.read((CaptureModel m) -> dev.dxgscope.ui.common.Formats.position(m,
                eviction.seq()))) && evicted.contains("making room for the MakeResident there"), evicted);
        String summary = view.chart().data().summary();
        assertTrue(summary.contains("0 Evict calls · 8 allocations (128 MiB) evicted by the memory manager, 2 times"),
                "allocations counted, not markers: " + summary);

        ChartCanvas canvas = view.canvas();
        assertCursorFollows(session, canvas, ((ResidencyData.Marker) markers.payload(failed, 0)).seq());
        clickMovesTheCursor(session, canvas);
        exportsValidFiles(canvas, "residency", "Resident bytes");
        Path png = UiTestSupport.screenshot(shell(), "residency-view.png");
        assertTrue(Files.size(png) > 10_000);
    }

    @Test
    void syncShowsStuckWaitsAndSelectsTheClickedWait() throws Exception {
        CaptureSession session = open(stuckWait);
        SyncView view = show(ViewIds.SYNC, SyncView.class);
        waitUntil(() -> !view.busy() && !view.chart().tracks().isEmpty(), "sync data shown");
        SyncAnalysis.Result truth = session.read((CaptureModel m) -> SyncAnalysis.of(m));
        SyncData data = view.chart().data();

        assertEquals(1, view.chart().tracks().size(), "one fence has waits");
        SyncChart.Track track = view.chart().tracks().get(0);
        MarkerDataset waits = track.waits();
        int stuck = seriesIndex(waits, "wait never satisfied (stuck)");
        assertEquals(2, truth.stuck().size(), "stuck-wait 1 leaves two waits pending");
        assertEquals(truth.stuck().size(), waits.getItemCount(stuck), "every stuck wait is a red bar");
        for (int i = 0; i < waits.getItemCount(stuck); i++) {
            SyncData.WaitRow row = (SyncData.WaitRow) waits.payload(stuck, i);
            double abandoned = session.read((CaptureModel m) -> m.timeline().sinceStart(row.target().abandonedSeq()) / 1e9);
            assertEquals(abandoned, waits.getEndXValue(stuck, i), 1e-12,
                    "a stuck wait ends where its fence was destroyed, not at the capture's end");
            assertTrue(abandoned < data.end());
            assertTrue(row.tooltip().contains("abandoned at") && row.tooltip().contains("its object was destroyed"),
                    row.tooltip());
            assertFalse(row.duration().startsWith("≥"), "an abandoned wait's duration is exact: " + row.duration());
        }
        assertEquals(1, track.signals().getItemCount(0), "the satisfied wait is linked to its signal");
        SyncData.WaitRow linked = (SyncData.WaitRow) track.signals().payload(0, 0);
        assertTrue(linked.satisfiedBy().contains("signal"), linked.satisfiedBy());
        assertEquals(truth.waits().size(), view.tableRows().size(), "every wait is in the table");
        assertEquals(2, view.tableRows().stream().filter(SyncData.WaitRow::stuck).count());

        ChartCanvas canvas = view.canvas();
        assertCursorFollows(session, canvas, data.waits().get(0).seq());

        /* click a stuck wait's bar: it becomes the selection everywhere */
        XYItemEntity bar = entity(canvas, waits, stuck);
        SyncData.WaitRow clicked = (SyncData.WaitRow) waits.payload(stuck, bar.getItem());
        Point at = canvas.centreOf(bar);
        click(canvas, at.x, at.y);
        assertSame(clicked.target(), Sessions.get().selection(), "the clicked wait is selected");
        assertTrue(((Wait) Sessions.get().selection()).stuck());
        assertSame(clicked, view.chart().selected());
        assertPropertiesShow("never satisfied");
        /* another view activated shows the same selection in Properties, not nothing */
        page().showView(ViewIds.PROCESSES);
        page().activate(page().findView(ViewIds.PROCESSES));
        UiTestSupport.spin(display, 300);
        assertPropertiesShow("never satisfied");
        page().activate(page().findView(ViewIds.SYNC));
        for (Wait w : session.read((CaptureModel m) -> m.waits())) {
            assertEquals(w.kind() == Wait.Kind.GPU ? w.context().describe() : null, propertyOrNull(w, "context (GPU wait)"),
                    "a GPU wait names the context that waits; a CPU wait has no such row");
            String behind = propertyOrNull(w, "submit behind it");
            assertTrue(w.kind() == Wait.Kind.GPU ? behind.startsWith("LX_DXSUBMITCOMMAND ") : behind == null,
                    "stuck-wait queues a submit behind its GPU wait: " + behind);
        }

        /* a row of the table selects its wait too */
        int row = view.tableRows().indexOf(linked);
        view.clickRow(row);
        assertSame(linked.target(), Sessions.get().selection(), "the row's wait is selected");
        assertPropertiesShow("satisfied");

        /* "Fences…": None leaves no track, Cancel changes nothing, All gives each fence a track */
        chooseFences(view, "None");
        assertEquals(0, view.chart().tracks().size(), "no track");
        chooseFences(view, null);
        assertEquals(0, view.chart().tracks().size(), "Cancel keeps the choice");
        chooseFences(view, "All");
        assertEquals(data.fences().size(), view.chart().tracks().size(), "a track per fence");
        assertEquals(track.fence(), view.chart().tracks().get(0).fence());

        clickMovesTheCursor(session, canvas);
        exportsValidFiles(canvas, "sync-objects", "Time since capture start (s)");
        Path csv = dir.resolve("waits.csv");
        view.csvExport().write(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(truth.waits().size() + 1, lines.size(), "a header and one line per wait");
        assertTrue(lines.get(0).startsWith("Kind,Object,Value,Start (s)"), lines.get(0));
        Path png = UiTestSupport.screenshot(shell(), "sync-view.png");
        assertTrue(Files.size(png) > 10_000);
    }

    /**
     * Opens "Fences…" and, once the dialog is up, presses {@code button} and then OK ({@code null}:
     * Cancel), as a user would; returns when the dialog is closed.
     */
    private void chooseFences(SyncView view, String button) {
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell s : display.getShells()) {
                if ("Fences to Show".equals(s.getText()) && s.isVisible()) {
                    if (button != null) {
                        press(s, button);
                    }
                    press(s, button != null ? "OK" : "Cancel");
                    return;
                }
            }
            display.timerExec(50, poll[0]);
        };
        display.timerExec(50, poll[0]);
        view.chooseFences();
    }

    /** Clicks the button with this text somewhere in {@code c}; fails when there is none. */
    private static void press(org.eclipse.swt.widgets.Composite c, String text) {
        org.eclipse.swt.widgets.Button b = findButton(c, text);
        assertNotNull(b, "a button " + text);
        b.notifyListeners(SWT.Selection, new Event());
    }

    private static org.eclipse.swt.widgets.Button findButton(org.eclipse.swt.widgets.Composite c, String text) {
        for (org.eclipse.swt.widgets.Control k : c.getChildren()) {
            if (k instanceof org.eclipse.swt.widgets.Button b && text.equals(b.getText().replace("&", ""))) {
                return b;
            }
            if (k instanceof org.eclipse.swt.widgets.Composite inner) {
                org.eclipse.swt.widgets.Button found = findButton(inner, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The Properties view shows the selected wait (its adapter in the ui bundle turns it into rows). */
    private void assertPropertiesShow(String value) {
        PageBookView properties = (PageBookView) page().findView(ViewIds.PROPERTIES);
        assertNotNull(properties, "the Properties view is open");
        page().bringToTop(properties); /* a hidden Properties view updates when shown */
        waitUntil(() -> properties.getCurrentPage().getControl() instanceof Tree t && t.getItemCount() > 0,
                "the Properties view shows the selection");
        List<String> texts = new ArrayList<>();
        for (TreeItem category : ((Tree) properties.getCurrentPage().getControl()).getItems()) {
            for (TreeItem row : category.getItems()) {
                texts.add(row.getText(0) + "=" + row.getText(1));
            }
        }
        assertTrue(texts.contains("outcome=" + value), texts.toString());
        assertEquals(Boolean.TRUE, properties.getCurrentPage().getControl().getData("dxgscope.cellToolTips"),
                "a value its column cuts shows whole on hover");
    }

    /** Moving the time cursor moves the chart's cursor line to that time. */
    private void assertCursorFollows(CaptureSession session, ChartCanvas canvas, long seq) {
        double before = canvas.cursorValue();
        Sessions.get().moveCursor(seq);
        double expected = session.read((CaptureModel m) -> m.timeline().sinceStart(seq) / 1e9);
        assertEquals(expected, canvas.cursorValue(), 1e-12, "the cursor line is at the cursor's time");
        assertNotEquals(before, canvas.cursorValue(), "the cursor line moved");
        UiTestSupport.spin(display, 200);
    }

    /** A click in the plot (away from markers) moves the time cursor to the time under the mouse. */
    private void clickMovesTheCursor(CaptureSession session, ChartCanvas canvas) {
        org.eclipse.swt.graphics.Rectangle area = canvas.getScreenDataArea();
        long before = Sessions.get().cursor();
        /* three quarters across, or a quarter if that time falls on the cursor's record already (the
           captures are recorded afresh, so where records fall in time varies from run to run) */
        int x = area.x + area.width * 3 / 4;
        if (seqAt(session, canvas.valueAt(x)) == before) {
            x = area.x + area.width / 4;
        }
        int y = area.y + 3;
        double time = canvas.valueAt(x);
        click(canvas, x, y);
        long expected = seqAt(session, time);
        assertEquals(expected, Sessions.get().cursor(), "the click moved the cursor");
        assertNotEquals(before, Sessions.get().cursor());
        assertEquals(session.read((CaptureModel m) -> m.timeline().sinceStart(expected) / 1e9), canvas.cursorValue(),
                1e-12);
    }

    /** Pixels whose colour differs by more than anti-aliasing noise (a few levels in a channel). */
    private static int differingPixels(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    if (Math.abs((p >> shift & 0xff) - (q >> shift & 0xff)) > 8) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    private static long seqAt(CaptureSession session, double time) {
        return session.read((CaptureModel m) -> m.timeline().seqAt(m.timeline().startNs() + Math.round(time * 1e9)));
    }

    /**
     * A PNG drawn from the export's clone after the view's level of detail changed (as a zoom changes
     * it) has the pixels of the chart drawn before (the clone keeps what the view showed); the exported PNG decodes at the chart's size;
     * SVG is XML with an svg root and the axis labels as text.
     */
    private void exportsValidFiles(ChartCanvas canvas, String name, String label) throws Exception {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        Point size = canvas.canvas().getSize();
        Path direct = dir.resolve(name + "-direct.png");
        Path cloned = dir.resolve(name + "-cloned.png");
        ChartExport.write(canvas.getChart(), direct, ChartExport.Format.PNG, size.x, size.y);
        ChartExport.Drawn later = ChartExport.prepare(canvas.getChart(), ChartExport.Format.PNG, size.x, size.y);
        double lo = canvas.domainAxis().getLowerBound();
        double half = (lo + canvas.domainAxis().getUpperBound()) / 2;
        for (XYPlot p : canvas.plots()) { /* the view's detail changes before the clone is drawn, as a zoom would */
            for (int i = 0; i < p.getDatasetCount(); i++) {
                if (p.getDataset(i) instanceof dev.dxgscope.ui.charts.LevelOfDetail d) {
                    d.setView(lo, half, 50);
                }
            }
        }
        later.writeTo(cloned);
        canvas.updateDetail();
        org.eclipse.core.runtime.jobs.Job export = canvas.export(png, ChartExport.Format.PNG);
        export.join();
        assertTrue(export.getResult().isOK(), export.getResult().toString());
        java.awt.image.BufferedImage a = javax.imageio.ImageIO.read(direct.toFile());
        java.awt.image.BufferedImage b = javax.imageio.ImageIO.read(cloned.toFile());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(0, differingPixels(a, b), "the PNG drawn from the clone is the chart as it was shown");
        canvas.export(svg, ChartExport.Format.SVG).join();
        ImageData[] images = new ImageLoader().load(png.toString());
        assertEquals(size.x, images[0].width, "PNG width");
        assertEquals(size.y, images[0].height, "PNG height");
        java.awt.image.BufferedImage awt = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(size.x, awt.getWidth());
        Document doc;
        try (InputStream in = Files.newInputStream(svg)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            /* JFreeSVG writes the SVG 1.1 DOCTYPE: parse without fetching its DTD from the network */
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            doc = f.newDocumentBuilder().parse(in);
        }
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains(label), "the SVG has the axis label " + label);
        assertTrue(text.contains("Time since capture start (s)"), "the SVG has the time axis label");
    }

    private CaptureSession open(Path file) {
        SessionHandlers.open(file);
        waitUntil(() -> Sessions.get().current() != null && Sessions.get().current().file().equals(file)
                && Sessions.get().current().finished(), "capture " + file.getFileName() + " open");
        return Sessions.get().current();
    }

    private <T> T show(String id, Class<T> type) throws Exception {
        IViewPart part = page().showView(id);
        UiTestSupport.spin(display, 300);
        T view = part.getAdapter(type);
        assertNotNull(view, id + " is a " + type.getSimpleName());
        return view;
    }

    private static XYItemEntity entity(ChartCanvas canvas, XYDataset dataset, int series) {
        for (Object o : canvas.getChartRenderingInfo().getEntityCollection().getEntities()) {
            if (o instanceof XYItemEntity e && e.getDataset() == dataset && e.getSeriesIndex() == series) {
                return e;
            }
        }
        throw new AssertionError("no entity of series " + series + " drawn");
    }

    /** A left click as SWT delivers it to the chart's canvas. */
    private void click(ChartCanvas canvas, int x, int y) {
        for (int type : new int[] {SWT.MouseDown, SWT.MouseUp}) {
            Event e = new Event();
            e.x = x;
            e.y = y;
            e.button = 1;
            canvas.canvas().notifyListeners(type, e);
        }
        UiTestSupport.spin(display, 100);
    }

    private static int seriesIndex(XYDataset d, String key) {
        for (int s = 0; s < d.getSeriesCount(); s++) {
            if (d.getSeriesKey(s).equals(key)) {
                return s;
            }
        }
        return -1;
    }

    private static double max(XYDataset d, int series) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.getItemCount(series); i++) {
            m = Math.max(m, d.getYValue(series, i));
        }
        return m;
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            UiTestSupport.spin(display, 50);
        }
    }

    private IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    /** A property of {@code o} as the Properties view shows it. */
    private static String property(Object o, String name) {
        String value = propertyOrNull(o, name);
        if (value == null) {
            throw new AssertionError("no property " + name);
        }
        return value;
    }

    /** The value of the Properties row {@code name} of {@code o}, or null when it has no such row. */
    private static String propertyOrNull(Object o, String name) {
        org.eclipse.ui.views.properties.IPropertySource props = org.eclipse.core.runtime.Adapters.adapt(o,
                org.eclipse.ui.views.properties.IPropertySource.class);
        for (org.eclipse.ui.views.properties.IPropertyDescriptor d : props.getPropertyDescriptors()) {
            if (d.getDisplayName().equals(name)) {
                return String.valueOf(props.getPropertyValue(d.getId()));
            }
        }
        return null;
    }
}
