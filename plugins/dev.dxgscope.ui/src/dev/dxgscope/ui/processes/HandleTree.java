package dev.dxgscope.ui.processes;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FdRef;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.ui.common.Formats;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Processes & Handles tree at one seq, computed once per refresh (off the model, under the
 * session's lock) into plain nodes the viewer shows: process -> adapter handle -> device -> its
 * objects, plus the process's dxg descriptors. A filter keeps matching nodes and their ancestors.
 */
public final class HandleTree {
    /** One row. {@code target} is what selecting it selects (object, process or descriptor). */
    public record Node(Object target, String name, String handle, String type, String created, String createdBy,
            String size, String state, List<Node> children) {
    }

    private HandleTree() {
    }

    /** All processes that used dxg up to {@code seq}; {@code exited}: also those that exited holding nothing. */
    public static List<Node> build(CaptureModel m, long seq, String filter, boolean exited) {
        String f = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        List<Node> roots = new ArrayList<>();
        for (DxgProcess p : m.dxgProcesses()) {
            if (p.startSeq() > seq) {
                continue;
            }
            List<Node> children = new ArrayList<>();
            Map<DxgObject, Boolean> alive = new IdentityHashMap<>();
            for (DxgObject o : p.objects()) {
                if (o.aliveAt(seq)) {
                    alive.put(o, true);
                }
            }
            for (DxgObject o : p.objects()) {
                if (alive.containsKey(o) && (o.parent() == null || !alive.containsKey(o.parent()))) {
                    Node n = node(m, o, seq, alive, f);
                    if (n != null) {
                        children.add(n);
                    }
                }
            }
            List<Node> fds = new ArrayList<>();
            for (FdRef fd : p.fds()) {
                if (fd.openAt(seq)) {
                    Node n = new Node(fd, "fd " + fd.fd(), "", fd.shared() != null ? "NT handle" : "/dev/dxg",
                            Formats.time(m, fd.openedSeq()), fd.origin().label(), "",
                            fd.shared() != null ? fd.shared().describe() : "", List.of());
                    if (matches(n, f)) {
                        fds.add(n);
                    }
                }
            }
            if (!fds.isEmpty()) {
                children.add(new Node(null, "descriptors", "", "", "", "", "", fds.size() + " open", fds));
            }
            boolean gone = p.exitSeq() <= seq;
            if (gone && children.isEmpty() && !exited) {
                continue;
            }
            Node pn = new Node(p, p.label(), "", "process", Formats.time(m, p.startSeq()), p.commandLine(), "",
                    gone ? "exited " + (p.exitStatus() == DxgProcess.UNKNOWN_STATUS ? "" : "(" + p.exitStatus() + ")")
                            : alive.size() + " objects", children);
            if (!children.isEmpty() || matches(pn, f)) {
                roots.add(pn);
            }
        }
        return roots;
    }

    private static Node node(CaptureModel m, DxgObject o, long seq, Map<DxgObject, Boolean> alive, String f) {
        List<Node> children = new ArrayList<>();
        for (DxgObject c : o.children()) {
            if (alive.containsKey(c)) {
                Node n = node(m, c, seq, alive, f);
                if (n != null) {
                    children.add(n);
                }
            }
        }
        String size = "";
        String state = "";
        if (o instanceof Allocation a) {
            size = a.size() < 0 ? "unknown" : Format.bytes(a.size());
            state = a.residencyAt(seq).label() + (a.lockedAt(seq) ? ", locked" : "");
        } else if (o instanceof SyncObject s) {
            long v = s.fence().valueAt(seq);
            state = v < 0 ? "" : "value " + v;
        } else if (!children.isEmpty()) {
            long bytes = 0;
            for (DxgObject c : o.children()) {
                if (alive.containsKey(c) && c instanceof Allocation a && a.size() > 0) {
                    bytes += a.size();
                }
            }
            size = bytes > 0 ? Format.bytes(bytes) : "";
        }
        String name = o.type().label() + (o.opened() ? " (opened)" : o.shared() != null ? " (shared)" : "");
        Node n = new Node(o, name, o.handleHex(), o.type().label(), Formats.time(m, o.createdSeq()), o.createdBy(),
                size, state, children);
        return children.isEmpty() && !matches(n, f) ? null : n;
    }

    private static boolean matches(Node n, String f) {
        if (f.isEmpty()) {
            return true;
        }
        return (n.name() + " " + n.handle() + " " + n.createdBy() + " " + n.state() + " " + n.size())
                .toLowerCase(Locale.ROOT).contains(f);
    }
}
