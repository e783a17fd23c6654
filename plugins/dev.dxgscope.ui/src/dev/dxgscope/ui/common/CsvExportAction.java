package dev.dxgscope.ui.common;

import dev.dxgscope.model.report.CsvExport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/** "Export CSV…": every row of a table, as RFC 4180 CSV. */
public final class CsvExportAction extends Action {
    private final Supplier<Shell> shell;
    private final Supplier<CsvSource> source;
    private final String name;

    public CsvExportAction(String name, Supplier<Shell> shell, Supplier<CsvSource> source) {
        super("Export CSV…");
        this.name = name;
        this.shell = shell;
        this.source = source;
        setToolTipText("Save every row of this table as CSV");
    }

    @Override
    public void run() {
        FileDialog d = new FileDialog(shell.get(), SWT.SAVE);
        d.setFileName(name + ".csv");
        d.setFilterExtensions(new String[] {"*.csv"});
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            try {
                write(Path.of(f));
            } catch (IOException e) {
                MessageDialog.openError(shell.get(), "Export CSV", "Cannot write " + f + ": " + e.getMessage());
            }
        }
    }

    /** Writes the CSV (also used by tests). */
    public void write(Path file) throws IOException {
        CsvSource s = source.get();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CsvExport.line(s.columns()));
            for (var row : s.rows()) {
                w.write(CsvExport.line(row));
            }
        }
    }
}
