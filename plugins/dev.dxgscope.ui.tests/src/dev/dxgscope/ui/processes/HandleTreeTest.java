package dev.dxgscope.ui.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.ui.SimCaptures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handle tree of compute-pressure with 48 allocations (recorded now on the simulator) in
 * pages of 2 children, so that its device's objects come in pages of pages of pages: nothing is
 * lost, children are made only when asked for, and a selection finds its way through the pages.
 */
class HandleTreeTest {
    private static final int PAGE = 2;
    @TempDir
    static Path dir;
    private static CaptureModel model;
    private static DxgProcess process;
    private static long seq;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.load(SimCaptures.record(dir, "compute-pressure", "48", "1"));
        process = model.dxgProcesses().get(0);
        /* the moment the first process holds the most objects */
        int most = -1;
        for (DxgObject o : process.objects()) {
            long at = o.createdSeq();
            int alive = (int) process.objects().stream().filter(x -> x.aliveAt(at)).count();
            if (alive > most) {
                most = alive;
                seq = at;
            }
        }
    }

    /** Rows depth-first as "depth name handle", pages left out (what the CSV export writes). */
    private static List<String> rows(List<HandleTree.Node> nodes, int depth, List<String> out) {
        for (HandleTree.Node n : nodes) {
            if (n.page()) {
                rows(n.children(), depth, out);
            } else {
                out.add(depth + " " + n);
                rows(n.children(), depth + 1, out);
            }
        }
        return out;
    }

    private static int widest(List<HandleTree.Node> nodes) {
        int w = nodes.size();
        for (HandleTree.Node n : nodes) {
            w = Math.max(w, widest(n.children()));
        }
        return w;
    }

    private static boolean anyPageOfPages(List<HandleTree.Node> nodes) {
        for (HandleTree.Node n : nodes) {
            if (n.page() && n.children().stream().anyMatch(HandleTree.Node::page) || anyPageOfPages(n.children())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pagesKeepEveryRowAndShowAtMostAPageOfChildren() {
        HandleTree whole = HandleTree.build(model, seq, "", true);
        HandleTree paged = HandleTree.build(model, seq, "", true, PAGE);
        assertTrue(widest(whole.roots()) > PAGE * PAGE, "a node with more than a page of pages of children: "
                + widest(whole.roots()));
        assertEquals(rows(whole.roots(), 0, new ArrayList<>()), rows(paged.roots(), 0, new ArrayList<>()));
        assertTrue(widest(paged.roots()) <= Math.max(PAGE, paged.roots().size()));
        assertTrue(anyPageOfPages(paged.roots()), "pages of pages");
    }

    @Test
    void processesThatExitedHoldingNothingAreCountedWhenLeftOut() {
        long end = model.timeline().lastSeq();
        assertTrue(process.exitSeq() <= end, "compute-pressure exits");
        HandleTree without = HandleTree.build(model, end, "", false, PAGE);
        assertTrue(without.roots().isEmpty(), "nothing is alive at the end");
        assertEquals(model.dxgProcesses().size(), without.exitedLeftOut());
        HandleTree with = HandleTree.build(model, end, "", true, PAGE);
        assertEquals(model.dxgProcesses().size(), with.roots().size());
        assertEquals(0, with.exitedLeftOut());
        assertEquals(0, HandleTree.build(model, seq, "", false, PAGE).exitedLeftOut(), "alive at seq");
    }

    @Test
    void childrenAreMadeOnlyWhenAskedFor() {
        HandleTree t = HandleTree.build(model, seq, "", true, PAGE);
        assertEquals(t.roots().size(), t.made(), "only the processes");
        HandleTree.Node p = t.roots().get(0);
        int before = t.made();
        List<HandleTree.Node> children = p.children();
        assertEquals(before + children.size(), t.made(), "a process's children, not their children");
        assertTrue(children.size() <= PAGE);
        assertSame(children, p.children(), "made once");
        int made = t.made();
        assertTrue(children.stream().anyMatch(HandleTree.Node::hasChildren));
        assertEquals(made, t.made(), "asking whether a node has children makes none");
        int depth = 0;
        for (HandleTree.Node n = p; n != null; depth++) { /* down to a leaf, through the device's pages */
            n = n.children().stream().filter(HandleTree.Node::hasChildren).findFirst().orElse(null);
        }
        assertTrue(depth > 4, "adapter, device, pages: " + depth);
        assertTrue(t.made() < made + 20, "one path down makes a page per level: " + (t.made() - made));
    }

    @Test
    void aPathLeadsThroughThePagesToEveryAliveObject() {
        HandleTree t = HandleTree.build(model, seq, "", true, PAGE);
        int found = 0;
        for (DxgObject o : process.objects()) {
            List<HandleTree.Node> path = t.path(o);
            if (!o.aliveAt(seq)) {
                assertNull(path, "not alive at the cursor: " + o);
                continue;
            }
            assertNotNull(path, o.toString());
            assertSame(process, path.get(0).target());
            assertSame(o, path.get(path.size() - 1).target());
            for (int i = 1; i < path.size(); i++) {
                assertTrue(path.get(i - 1).children().contains(path.get(i)), "each step is a child of the one before");
            }
            found++;
        }
        assertTrue(found > PAGE * PAGE, "objects found: " + found);
        assertEquals(List.of(t.roots().get(0)), t.path(process));
        assertNull(t.path("something else"));
    }

    @Test
    void aFilterKeepsMatchesAndTheirAncestorsOnly() {
        Allocation a = (Allocation) process.objects().stream().filter(o -> o instanceof Allocation && o.aliveAt(seq))
                .findFirst().orElseThrow();
        HandleTree t = HandleTree.build(model, seq, a.handleHex().toUpperCase(java.util.Locale.ROOT), true, PAGE);
        List<HandleTree.Node> path = t.path(a);
        assertNotNull(path);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            expected.add(i + " " + path.get(i));
        }
        assertSame(process, t.roots().get(0).target());
        List<String> shown = rows(List.of(t.roots().get(0)), 0, new ArrayList<>()); /* its process's rows */
        assertTrue(shown.containsAll(expected), shown.toString());
        assertTrue(shown.stream().allMatch(r -> expected.contains(r) || r.contains(a.handleHex())),
                "only matches and their ancestors: " + shown);
        DxgObject other = process.objects().stream().filter(o -> o.aliveAt(seq) && !path.stream()
                .anyMatch(n -> n.target() == o) && !o.handleHex().equals(a.handleHex())).findFirst().orElseThrow();
        assertNull(t.path(other), "filtered out: " + other);
    }
}
