package dev.dxgscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Spins until the condition holds; fails after the timeout with the message. */
    static void waitUntil(Display display, java.util.function.BooleanSupplier condition, long timeoutMillis,
            String what) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            spin(display, 30);
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
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            Path dir = Path.of(System.getProperty("dxgscope.output", "target"), "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot write screenshot " + name, e);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
