package dev.dxgscope.model.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Renders a report tree as one self-contained HTML page (no scripts, no external files). */
public final class HtmlRenderer {
    private HtmlRenderer() {
    }

    public static void write(Map<String, Object> tree, String title, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>\n"
                + "body{font:14px/1.4 sans-serif;margin:2em;color:#222}h1{font-size:1.4em}"
                + "h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}h3{font-size:1em}"
                + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 6px;"
                + "text-align:left;vertical-align:top;font-family:monospace;font-size:12px}th{background:#f3f3f3}"
                + "dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#666}dd{margin:0}"
                + "nav a{margin-right:1em}\n</style></head><body>\n<h1>" + esc(title) + "</h1>\n<nav>");
        for (String k : tree.keySet()) {
            if (!k.equals("schema")) {
                out.write("<a href=\"#" + esc(k) + "\">" + esc(k) + "</a>");
            }
        }
        out.write("</nav>\n");
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (!e.getKey().equals("schema")) {
                section(e.getKey(), e.getKey(), e.getValue(), out, 2);
            }
        }
        out.write("<p><small>" + esc(String.valueOf(tree.get("schema"))) + "</small></p></body></html>\n");
    }

    private static void section(String id, String name, Object v, Writer out, int level) throws IOException {
        String h = "h" + Math.min(level, 4);
        out.write("<" + h + " id=\"" + esc(id) + "\">" + esc(name) + "</" + h + ">\n");
        if (Tables.isTable(v)) {
            table(Tables.of(name, (List<?>) v), out);
        } else if (v instanceof Map<?, ?> m) {
            out.write("<dl>");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object x = e.getValue();
                if (!(x instanceof Map) && !Tables.isTable(x)) {
                    out.write("<dt>" + esc(String.valueOf(e.getKey())) + "</dt><dd>"
                            + (x instanceof List<?> l && l.isEmpty() ? "none" : esc(Tables.cell(e.getKey(), x))) + "</dd>");
                }
            }
            out.write("</dl>\n");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object x = e.getValue();
                if (x instanceof Map || Tables.isTable(x)) {
                    section(id + "." + e.getKey(), String.valueOf(e.getKey()), x, out, level + 1);
                }
            }
        } else {
            out.write("<p>" + (v instanceof List<?> l && l.isEmpty() ? "none" : esc(Tables.cell(name, v))) + "</p>\n");
        }
    }

    private static void table(Tables.Table t, Writer out) throws IOException {
        out.write("<table><tr>");
        for (String c : t.columns()) {
            out.write("<th>" + esc(c) + "</th>");
        }
        out.write("</tr>\n");
        for (Map<?, ?> row : t.rows()) {
            out.write("<tr>");
            for (String c : t.columns()) {
                out.write("<td>" + esc(Tables.cell(c, row.get(c))) + "</td>");
            }
            out.write("</tr>\n");
        }
        out.write("</table>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
