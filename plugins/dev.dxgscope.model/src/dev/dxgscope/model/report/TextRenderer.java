package dev.dxgscope.model.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a report tree for a terminal: sections, "key: value" lines and aligned tables. */
public final class TextRenderer {
    /** Longest cell shown in a text table; longer ones are cut with "…" (JSON/CSV have them whole). */
    static final int MAX_CELL = 72;

    private final int maxCell;
    private boolean cut;

    private TextRenderer(int maxCell) {
        this.maxCell = maxCell;
    }

    /** Cells longer than {@link #MAX_CELL} are cut, and a last line says so. */
    public static void write(Map<String, Object> tree, Writer out) throws IOException {
        write(tree, out, false);
    }

    /** {@code wide}: every cell whole (dmesg lines, hints, paths), however long the lines get. */
    public static void write(Map<String, Object> tree, Writer out, boolean wide) throws IOException {
        TextRenderer r = new TextRenderer(wide ? Integer.MAX_VALUE : MAX_CELL);
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (e.getKey().equals("schema")) {
                continue;
            }
            r.section(e.getKey(), e.getValue(), out, 0);
        }
        if (r.cut) {
            out.write("(cells longer than " + MAX_CELL + " characters were cut with …: --wide shows them whole)\n");
        }
    }

    private void section(String name, Object v, Writer out, int depth) throws IOException {
        if (Tables.isTable(v)) {
            out.write(heading(name, depth) + " (" + ((List<?>) v).size() + ")\n");
            table(Tables.of(name, (List<?>) v), out);
            out.write('\n');
        } else if (v instanceof Map<?, ?> m) {
            out.write(heading(name, depth) + "\n");
            List<Map.Entry<?, ?>> nested = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object x = e.getValue();
                if (x instanceof Map || Tables.isTable(x)) {
                    nested.add(e);
                } else if (x instanceof List<?> l && l.isEmpty()) {
                    out.write("  " + e.getKey() + ": none\n");
                } else {
                    out.write("  " + e.getKey() + ": " + Tables.cell(e.getKey(), x) + "\n");
                }
            }
            out.write('\n');
            for (Map.Entry<?, ?> e : nested) {
                section(name + " / " + e.getKey(), e.getValue(), out, depth + 1);
            }
        } else if (v instanceof List<?> l && l.isEmpty()) {
            out.write(heading(name, depth) + ": none\n\n");
        } else {
            out.write(heading(name, depth) + ": " + Tables.cell(name, v) + "\n\n");
        }
    }

    private static String heading(String name, int depth) {
        return depth == 0 ? "== " + name + " ==" : "-- " + name;
    }

    private void table(Tables.Table t, Writer out) throws IOException {
        List<String> cols = t.columns();
        int[] width = new int[cols.size()];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            width[c] = cols.get(c).length();
        }
        for (Map<?, ?> row : t.rows()) {
            String[] r = new String[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                String s = Tables.cell(cols.get(c), row.get(cols.get(c)));
                if (s.length() > maxCell) {
                    s = s.substring(0, maxCell - 1) + "…";
                    cut = true;
                }
                r[c] = s;
                width[c] = Math.max(width[c], s.length());
            }
            cells.add(r);
        }
        StringBuilder b = new StringBuilder("  ");
        for (int c = 0; c < cols.size(); c++) {
            b.append(pad(cols.get(c), width[c])).append(c + 1 < cols.size() ? "  " : "");
        }
        out.write(b.toString().stripTrailing() + "\n");
        for (String[] r : cells) {
            b.setLength(0);
            b.append("  ");
            for (int c = 0; c < r.length; c++) {
                b.append(pad(r[c], width[c])).append(c + 1 < r.length ? "  " : "");
            }
            out.write(b.toString().stripTrailing() + "\n");
        }
    }

    private static String pad(String s, int w) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < w) {
            b.append(' ');
        }
        return b.toString();
    }
}
