package dev.dxgscope.ui.adapters;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.Budget;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.CapturedAdapter;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.ui.common.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The adapters a capture shows, at the time cursor: LUID, kind and description (from the
 * processes' own queries), which processes held a handle to it, and the last budget and usage each
 * process still running learned per segment group (QueryVideoMemoryInfo or device samples). Those
 * of processes that have exited are counted, not listed: in a long session they would make the
 * cell grow with every run of a workload.
 */
final class CaptureAdapters {
    private static final String[] TITLES = {"LUID", "Kind", "Description", "Processes with a handle",
        "Budget and usage (last known)"};
    /** Least widths; a column grows to its longest cell. */
    private static final int[] WIDTHS = {190, 110, 240, 220, 380};
    private final Composite page;
    private final Label header;
    private final Table table;

    CaptureAdapters(Composite parent) {
        page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(page);
        header = new Label(page, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        table = new Table(page, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        for (int i = 0; i < TITLES.length; i++) {
            TableColumn tc = new TableColumn(table, SWT.NONE);
            tc.setText(TITLES[i]);
            tc.setWidth(WIDTHS[i]);
        }
    }

    Control control() {
        return page;
    }

    /** Rows for tests and CSV: one string array per adapter. */
    static List<String[]> rows(CaptureModel m, long seq) {
        List<String[]> out = new ArrayList<>();
        for (CapturedAdapter a : m.adapters()) {
            Set<String> holders = new LinkedHashSet<>();
            for (DxgObject o : m.objects()) {
                if (o.type() == ObjectType.ADAPTER && o.luid() == a.luid() && o.aliveAt(seq)) {
                    holders.add(o.process().label());
                }
            }
            Map<String, String> budgets = new LinkedHashMap<>();
            Set<String> exited = new HashSet<>();
            for (Budget b : m.budgets()) {
                if (b.seq() <= seq && (b.luid() == a.luid() || b.luid() == 0)) {
                    DxgProcess p = b.process();
                    String key = (p != null ? "p" + p.index() : "pid " + b.pid()) + "/" + b.segmentGroup();
                    if (p != null && p.exitSeq() <= seq && !Budget.DEVICE_SAMPLE.equals(b.source())) {
                        budgets.remove(key);
                        exited.add(key);
                        continue;
                    }
                    /* the usage is the host's answer then, not now: say when it was asked */
                    budgets.put(key, (p != null ? p.label() : "pid " + b.pid()) + " "
                            + Names.segmentGroup(b.segmentGroup()) + ": " + Format.bytes(b.currentUsage()) + " of "
                            + Format.bytes(b.budget()) + " (asked at " + Formats.position(m, b.seq()) + ")");
                }
            }
            String budgetText = String.join("; ", budgets.values());
            if (!exited.isEmpty()) {
                String left = exited.size() == 1 ? "1 budget of an exited process"
                        : exited.size() + " budgets of exited processes";
                budgetText = budgetText.isEmpty() ? "no running process has one (" + left + " not listed)"
                        : budgetText + "; " + left + " not listed";
            } else if (budgetText.isEmpty()) {
                budgetText = "none known: no process queried it by the cursor";
            }
            out.add(new String[] {a.luidText(), a.type() == null ? "unknown" : a.type().summary(),
                a.description() == null ? "" : a.description(), String.join(", ", holders),
                budgetText});
        }
        return out;
    }

    void show(String title, List<String[]> rows) {
        header.setText(title);
        table.removeAll();
        for (String[] r : rows) {
            new TableItem(table, SWT.NONE).setText(r);
        }
        for (int i = 0; i < WIDTHS.length; i++) { /* whole cells: a cut list of processes hides who holds it */
            TableColumn c = table.getColumn(i);
            c.pack();
            c.setWidth(Math.max(c.getWidth(), WIDTHS[i]));
        }
        page.layout(true, true);
    }
}
