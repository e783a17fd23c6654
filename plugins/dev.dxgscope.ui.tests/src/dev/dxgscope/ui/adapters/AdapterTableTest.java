package dev.dxgscope.ui.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.adapters.AdapterInfo;
import dev.dxgscope.model.adapters.AdapterType;
import dev.dxgscope.model.adapters.Answer;
import dev.dxgscope.model.adapters.DeviceStatus;
import dev.dxgscope.model.adapters.DriverVersion;
import dev.dxgscope.model.adapters.Luid;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Adapters view's widgets, rendered with real SWT (under Xvfb). */
class AdapterTableTest {
    private Shell shell;
    private final List<Object> selected = new ArrayList<>();

    @BeforeEach
    void open() {
        shell = new Shell(Display.getDefault());
        shell.setLayout(new FillLayout());
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    @Test
    void listsEveryAdapterWithDecodedFactsAndRefusals() {
        AdapterTable table = new AdapterTable(shell, () -> { }, selected::add);
        AdapterInfo render = new AdapterInfo(new Luid(0, 0xd1a5), Answer.of(0, new AdapterType(0x81)),
                Answer.of(0, new DriverVersion(3100)), Answer.of(0, "Simulated Render GPU"), Answer.of(0, "libsim.so"));
        AdapterInfo compute = new AdapterInfo(new Luid(0, 0xd1a6), Answer.of(0, new AdapterType(0x880)),
                Answer.of(22, null), Answer.of(22, null), Answer.of(2, null));
        table.show(new DeviceStatus.Available("/dev/dxg", 2, List.of(render, compute)));
        shell.layout(true, true);

        Table widget = findTable(table);
        assertEquals(2, widget.getItemCount());
        assertEquals("0x00000000:0x0000d1a5", widget.getItem(0).getText(0));
        assertEquals("render", widget.getItem(0).getText(1));
        assertEquals("render_supported, paravirtualized", widget.getItem(0).getText(2));
        assertEquals("WDDM 3.1", widget.getItem(0).getText(3));
        assertEquals("Simulated Render GPU", widget.getItem(0).getText(4));
        assertEquals("compute-only", widget.getItem(1).getText(1));
        assertEquals("not answered: EINVAL", widget.getItem(1).getText(3));
        assertEquals("not answered: ENOENT", widget.getItem(1).getText(5));
        assertTrue(headerText(table).startsWith("/dev/dxg: 2 adapter(s)"), headerText(table));

        widget.setSelection(1);
        widget.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertEquals(List.of(compute), selected);
    }

    @Test
    void saysWhenMoreAdaptersExistThanListed() {
        AdapterTable table = new AdapterTable(shell, () -> { }, selected::add);
        table.show(new DeviceStatus.Available("/dev/dxg", 20, List.of()));
        assertEquals("/dev/dxg: 20 adapter(s), first 0 shown", headerText(table));
    }

    @Test
    void unavailablePageShowsProblemAndAdvice() {
        UnavailablePage page = new UnavailablePage(shell, () -> { });
        page.show(new DeviceStatus.Unavailable("/dev/dxg", DeviceStatus.Stage.OPEN, 13), false);
        List<String> texts = labels(page);
        assertEquals("No dxg device available", texts.get(0));
        assertEquals("Cannot open /dev/dxg: EACCES (Permission denied).", texts.get(1));
        assertTrue(texts.get(2).contains("permission"), texts.get(2));
        /* a capture open: what is missing is this machine's device, not the capture's adapters */
        page.show(new DeviceStatus.Unavailable("/dev/dxg", DeviceStatus.Stage.OPEN, 2), true);
        texts = labels(page);
        assertEquals("No dxg device on this machine (the capture's adapters are below)", texts.get(0));
        assertEquals("Cannot open /dev/dxg: ENOENT (No such file or directory).", texts.get(1));
    }

    private static List<String> labels(UnavailablePage page) {
        List<String> texts = new ArrayList<>();
        for (var c : ((org.eclipse.swt.widgets.Composite) page.control()).getChildren()) {
            if (c instanceof Label l) {
                texts.add(l.getText());
            }
        }
        return texts;
    }

    private static Table findTable(AdapterTable table) {
        for (var c : ((org.eclipse.swt.widgets.Composite) table.control()).getChildren()) {
            if (c instanceof Table t) {
                return t;
            }
        }
        throw new AssertionError("no table");
    }

    private static String headerText(AdapterTable table) {
        for (var c : ((org.eclipse.swt.widgets.Composite) table.control()).getChildren()) {
            if (c instanceof Label l) {
                return l.getText();
            }
        }
        throw new AssertionError("no header");
    }
}
