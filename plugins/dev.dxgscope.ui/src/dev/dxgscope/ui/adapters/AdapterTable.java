package dev.dxgscope.ui.adapters;

import dev.dxgscope.model.adapters.AdapterInfo;
import dev.dxgscope.model.adapters.AdapterType;
import dev.dxgscope.model.adapters.Answer;
import dev.dxgscope.model.adapters.DeviceStatus;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/** The Adapters view's table of enumerated adapters, one row per adapter. */
final class AdapterTable {
    private final Composite page;
    private final Label header;
    private final TableViewer viewer;

    AdapterTable(Composite parent, Runnable refresh, Consumer<Object> onSelect) {
        page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(page);
        header = new Label(page, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(header);
        Button again = new Button(page, SWT.PUSH);
        again.setText("Refresh");
        again.addListener(SWT.Selection, e -> refresh.run());
        viewer = new TableViewer(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(viewer.getControl());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("LUID", 190, a -> a.luid().toString());
        column("Kind", 110, a -> a.type() instanceof Answer.Value<AdapterType> v ? v.value().summary() : "unknown");
        column("Type flags", 260, a -> a.type() instanceof Answer.Value<AdapterType> v
                ? String.join(", ", v.value().names()) : a.type().describe("not answered"));
        column("Driver", 110, a -> a.driverVersion().describe("not answered"));
        column("Description", 260, a -> a.description().describe("not answered"));
        column("User-mode driver", 260, a -> a.userModeDriver().describe("not answered"));
        viewer.addSelectionChangedListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first != null) {
                onSelect.accept(first);
            }
        });
    }

    private void column(String title, int width, Function<AdapterInfo, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((AdapterInfo) element);
            }
        });
    }

    Control control() {
        return page;
    }

    void show(DeviceStatus.Available status) {
        int listed = status.adapters().size();
        header.setText(status.devicePath() + ": " + status.adapterCount() + " adapter(s)"
                + (listed < status.adapterCount() ? ", first " + listed + " shown" : ""));
        viewer.setInput(status.adapters());
        page.layout(true, true);
    }
}
