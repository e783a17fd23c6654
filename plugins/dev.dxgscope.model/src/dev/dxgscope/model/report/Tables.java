package dev.dxgscope.model.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The tables of a report tree: every list of maps, named by its path ("residency.operations"),
 * with the union of its rows' keys as columns. The text, HTML and CSV outputs render these.
 */
final class Tables {
    record Table(String name, List<String> columns, List<Map<?, ?>> rows) {
    }

    private Tables() {
    }

    static boolean isTable(Object v) {
        return v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Map);
    }

    static Table of(String name, List<?> list) {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        List<Map<?, ?>> rows = new ArrayList<>();
        for (Object o : list) {
            Map<?, ?> m = (Map<?, ?>) o;
            m.keySet().forEach(k -> columns.add(String.valueOf(k)));
            rows.add(m);
        }
        return new Table(name, new ArrayList<>(columns), rows);
    }

    /** Every table in the tree, depth first. */
    static Map<String, Table> all(Map<String, Object> tree) {
        Map<String, Table> out = new LinkedHashMap<>();
        collect("", tree, out);
        return out;
    }

    private static void collect(String prefix, Object v, Map<String, Table> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
                if (isTable(e.getValue())) {
                    out.put(name, of(name, (List<?>) e.getValue()));
                } else {
                    collect(name, e.getValue(), out);
                }
            }
        }
    }

    /**
     * A cell as text: the nodes of a leak's path ({@code key} "path") joined with " > ", several
     * whole paths (each "a -> b -> c", as a share kept alive by more than one reference has) and
     * every other list with "; ".
     */
    static String cell(Object key, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(cell(null, x)));
            boolean nodes = "path".equals(key) && parts.stream().noneMatch(s -> s.contains(" -> "));
            return String.join(nodes ? " > " : "; ", parts);
        }
        return String.valueOf(v);
    }
}
