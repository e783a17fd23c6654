package dev.dxgscope.model.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every table of a report tree as one RFC 4180 CSV file, named after the table's path. */
public final class CsvExport {
    private CsvExport() {
    }

    /**
     * Writes the tables into {@code dir}, as a set: none replaces an earlier export's until all are
     * written ({@link WholeFile#writeAll}). Returns the files written.
     */
    public static List<Path> write(Map<String, Object> tree, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<WholeFile.Body> bodies = new ArrayList<>();
        for (Tables.Table t : Tables.all(tree).values()) {
            files.add(dir.resolve(t.name().replace('.', '-') + ".csv"));
            bodies.add(part -> {
                try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                    write(t.columns(), t.rows(), w);
                }
                return true;
            });
        }
        WholeFile.writeAll(files, bodies);
        return files;
    }

    /** Writes one table. */
    public static void write(List<String> columns, List<? extends Map<?, ?>> rows, Writer w) throws IOException {
        w.write(line(columns));
        for (Map<?, ?> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(Tables.cell(c, row.get(c)));
            }
            w.write(line(cells));
        }
    }

    /** One CSV line (with CRLF, as RFC 4180 says). */
    public static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String s = cells.get(i);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        return b.append("\r\n").toString();
    }
}
