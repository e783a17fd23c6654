package dev.dxgscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;

/** Widget-level helpers for UI tests: spin the event loop, find texts, save screenshots. */
final class UiTestSupport {
    private UiTestSupport() {
    }

    /** Runs the event loop for about {@code millis} ms. */
    static void spin(Display display, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /**
     * Collects the errors the workbench logs from dxgscope's UI code while a test runs (an
     * exception in an SWT listener does not fail the test by itself; it lands in the log).
     */
    static final class LogWatch implements org.eclipse.core.runtime.ILogListener, AutoCloseable {
        private final List<String> errors = new ArrayList<>();

        LogWatch() {
            org.eclipse.core.runtime.Platform.addLogListener(this);
        }

        @Override
        public void logging(org.eclipse.core.runtime.IStatus status, String plugin) {
            Throwable t = status.getException();
            if (status.getSeverity() == org.eclipse.core.runtime.IStatus.ERROR && t != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                t.printStackTrace(new java.io.PrintWriter(w));
                if (w.toString().contains("dev.dxgscope.ui.")) {
                    errors.add(status.getMessage() + ": " + w);
                }
            }
        }

        /** Fails with the first error logged, if any. */
        @Override
        public void close() {
            org.eclipse.core.runtime.Platform.removeLogListener(this);
            if (!errors.isEmpty()) {
                throw new AssertionError(errors.size() + " error(s) logged by the UI, the first: " + errors.get(0));
            }
        }
    }

    /** Spins until the condition holds; fails with {@code what} after the timeout. */
    static void waitUntil(Display display, java.util.function.BooleanSupplier condition, long timeoutMillis,
            String what) {
        waitUntil(display, condition, timeoutMillis, () -> what);
    }

    /** Spins until the condition holds; fails with {@code what}, asked at the timeout (the state then). */
    static void waitUntil(Display display, java.util.function.BooleanSupplier condition, long timeoutMillis,
            java.util.function.Supplier<String> what) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what.get());
            }
            spin(display, 50);
        }
    }

    /**
     * Opens a capture as File > Open does and waits until it is the current session (the loading
     * job is done and its result reached the views).
     */
    static dev.dxgscope.ui.session.CaptureSession open(Display display, Path capture) {
        dev.dxgscope.ui.commands.SessionHandlers.open(capture);
        /* the event loop runs while waiting (a join here was the UI-thread block the scale test reported) */
        waitUntil(display, () -> {
            var s = dev.dxgscope.ui.session.Sessions.get().current();
            return s != null && s.file().equals(capture) && s.finished()
                    && org.eclipse.core.runtime.jobs.Job.getJobManager().find(dev.dxgscope.ui.session.SessionJobs.FAMILY).length == 0;
        }, 30_000, capture + " to open");
        spin(display, 200);
        return dev.dxgscope.ui.session.Sessions.get().current();
    }

    /** The built native tools and workloads. */
    static final Path DIST = Path.of(System.getProperty("dxgscope.root", "../..")).resolve("native-probe/target/dist");

    /** Records a reference workload on the simulator with the dxgcap of this build. */
    static Path record(Path dir, String workload, String... args) throws Exception {
        return recordProgram(dir, workload, DIST.resolve("workloads/" + workload), args);
    }

    /** Records {@code program ARGS} on the simulator into dir/NAME.dxgcap with the dxgcap of this build. */
    static Path recordProgram(Path dir, String name, Path program, String... args) throws Exception {
        Path out = dir.resolve(name + ".dxgcap");
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/dxgcap").toString(), "record", "--sim", "-o",
                out.toString(), "--", program.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log")
                .toFile()).start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(name + " did not record: " + Files.readString(dir.resolve(name + ".log")));
        }
        return out;
    }

    /** The item of a visible tool bar under {@code root} whose text or tooltip is {@code text}. */
    static ToolItem visibleToolItem(Control root, String text) {
        Predicate<ToolItem> named = i -> text.equals(i.getText()) || text.equals(i.getToolTipText());
        ToolBar bar = find(root, ToolBar.class, t -> t.isVisible() && Arrays.stream(t.getItems()).anyMatch(named));
        if (bar == null) {
            throw new AssertionError("no visible tool bar with " + text);
        }
        return Arrays.stream(bar.getItems()).filter(named).findFirst().orElseThrow();
    }

    /** The first control of a type under {@code root} that matches, or null. */
    static <T extends Control> T find(Control root, Class<T> type, Predicate<T> match) {
        if (type.isInstance(root) && match.test(type.cast(root))) {
            return type.cast(root);
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                T found = find(child, type, match);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Sends a key press to a control, as the keyboard would. */
    static void press(Control c, int keyCode, int stateMask) {
        org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
        e.keyCode = keyCode;
        e.stateMask = stateMask;
        e.doit = true;
        c.notifyListeners(SWT.KeyDown, e);
        spin(c.getDisplay(), 50);
    }

    /** The texts of every item of a tree, expanded or not, depth first: "name = value" per item. */
    static List<String> treeTexts(org.eclipse.swt.widgets.Tree tree) {
        List<String> out = new ArrayList<>();
        for (org.eclipse.swt.widgets.TreeItem item : tree.getItems()) {
            treeTexts(item, out, tree.getColumnCount());
        }
        return out;
    }

    private static void treeTexts(org.eclipse.swt.widgets.TreeItem item, List<String> out, int columns) {
        StringBuilder s = new StringBuilder(item.getText(0));
        for (int c = 1; c < columns; c++) {
            s.append(c == 1 ? " = " : " | ").append(item.getText(c));
        }
        out.add(s.toString());
        for (org.eclipse.swt.widgets.TreeItem child : item.getItems()) {
            treeTexts(child, out, columns);
        }
    }

    /** Spins until a visible text under {@code root} matches, and returns it; fails after the timeout. */
    static String waitForText(Display display, Control root, Predicate<String> match, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        List<String> texts = new ArrayList<>();
        while (System.currentTimeMillis() < end) {
            texts.clear();
            collectTexts(root, texts);
            for (String t : texts) {
                if (match.test(t)) {
                    return t;
                }
            }
            spin(display, 50);
        }
        throw new AssertionError("no matching text within " + timeoutMillis + " ms; texts: " + texts);
    }

    /** Collects the texts of labels, buttons, text fields and table cells below {@code control}. */
    static void collectTexts(Control control, List<String> out) {
        if (control.isDisposed() || !control.isVisible()) {
            return;
        }
        switch (control) {
            case Label l -> out.add(l.getText());
            case Button b -> out.add(b.getText());
            case Text t -> out.add(t.getText());
            case Table table -> {
                for (TableItem item : table.getItems()) {
                    for (int c = 0; c < Math.max(1, table.getColumnCount()); c++) {
                        out.add(item.getText(c));
                    }
                }
            }
            case Tree tree -> treeTexts(tree.getItems(), Math.max(1, tree.getColumnCount()), out);
            default -> { }
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collectTexts(child, out);
            }
        }
    }

    private static void treeTexts(TreeItem[] items, int columns, List<String> out) {
        for (TreeItem item : items) {
            for (int c = 0; c < columns; c++) {
                out.add(item.getText(c));
            }
            treeTexts(item.getItems(), columns, out);
        }
    }

    /** The POJO behind an e4view part (ProcessesView, AllocationsView, ...). */
    static <T> T pojo(org.eclipse.ui.IViewPart view, Class<T> type) {
        org.eclipse.e4.ui.model.application.ui.basic.MPart part = view.getSite()
                .getService(org.eclipse.e4.ui.model.application.ui.basic.MPart.class);
        return type.cast(part.getObject());
    }

    /** Saves a PNG of the shell under target/screenshots/ and returns its path. */
    static Path screenshot(Shell shell, String name) {
        Display display = shell.getDisplay();
        shell.forceActive();
        spin(display, 300);
        return capture(display, shell.getBounds(), name);
    }

    /** Saves the whole screen, native dialogs included, as {@code name}. */
    static Path screenshot(Display display, String name) {
        return capture(display, display.getBounds(), name);
    }

    private static Path capture(Display display, Rectangle bounds, String name) {
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {grab(display, bounds)};
        try {
            Path dir = Path.of(System.getProperty("dxgscope.output", "target"), "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot write screenshot " + name, e);
        }
    }

    /** The pixels on the screen in {@code bounds} (display coordinates), as drawn now. */
    static ImageData grab(Display display, Rectangle bounds) {
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
