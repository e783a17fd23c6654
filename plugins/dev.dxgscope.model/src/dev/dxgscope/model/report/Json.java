package dev.dxgscope.model.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Writes a report tree (maps, lists, strings, numbers, booleans, null) as JSON. */
public final class Json {
    private Json() {
    }

    public static void write(Object value, Writer out) throws IOException {
        write(value, out, 0);
        out.write('\n');
    }

    public static String toString(Object value) {
        var w = new java.io.StringWriter();
        try {
            write(value, w);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static void write(Object v, Writer out, int indent) throws IOException {
        if (v == null) {
            out.write("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Number || v instanceof Boolean) {
            out.write(v.toString());
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.write("{}");
                return;
            }
            out.write("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pad(out, indent + 1);
                string(String.valueOf(e.getKey()), out);
                out.write(": ");
                write(e.getValue(), out, indent + 1);
                out.write(++i < m.size() ? ",\n" : "\n");
            }
            pad(out, indent);
            out.write('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                out.write("[]");
                return;
            }
            boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            out.write(flat ? "[" : "[\n");
            for (int i = 0; i < l.size(); i++) {
                if (!flat) {
                    pad(out, indent + 1);
                }
                write(l.get(i), out, indent + 1);
                if (i + 1 < l.size()) {
                    out.write(flat ? ", " : ",\n");
                }
            }
            if (!flat) {
                out.write('\n');
                pad(out, indent);
            }
            out.write(']');
        } else {
            string(v.toString(), out);
        }
    }

    private static void pad(Writer out, int indent) throws IOException {
        for (int i = 0; i < indent; i++) {
            out.write("  ");
        }
    }

    static void string(String s, Writer out) throws IOException {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20) {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }
}
