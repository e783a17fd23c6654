package dev.dxgscope.ui.processes;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FdRef;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.common.Pages;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Processes & Handles tree at one seq: process -> adapter handle -> device -> its objects,
 * plus the process's dxg descriptors. A filter keeps matching nodes and their ancestors.
 * <p>
 * Only the processes are made up front ({@link #build}, in a Job under the session's lock, which
 * also finds a filter's matches: time in proportion to the objects). A node's children are made
 * when first asked for, under the session's lock, and more than {@link #PAGE} of them come in
 * pages of at most {@code PAGE} ("objects 1–1,000"), nested for larger counts: expanding a device
 * of a million objects makes a thousand nodes, not a million, and never the texts of the rest.
 */
public final class HandleTree {
    /** The most children a node shows; more come in pages of this many (or pages of pages). */
    static final int PAGE = 1000;

    /**
     * One row. {@code target} is what selecting it selects (object, process or descriptor; null for
     * the descriptors and page groups); {@code key} identifies the row across trees of other seqs.
     */
    public static final class Node {
        private final Object target;
        private final Object key;
        private final String name;
        private final String handle;
        private final String type;
        private final String created;
        private final String createdBy;
        private final String size;
        private final String state;
        private final Supplier<List<Node>> source;
        private final List<?> members;
        private List<Node> children;

        Node(HandleTree tree, Object target, Object key, String name, String handle, String type, String created,
                String createdBy, String size, String state, Supplier<List<Node>> source, List<?> members) {
            tree.made++;
            this.target = target;
            this.key = key;
            this.name = name;
            this.handle = handle;
            this.type = type;
            this.created = created;
            this.createdBy = createdBy;
            this.size = size;
            this.state = state;
            this.source = source;
            this.members = members;
        }

        public Object target() {
            return target;
        }

        /** The same row in another tree has an equal key: the target, or the group's parent and name. */
        public Object key() {
            return key;
        }

        public String name() {
            return name;
        }

        public String handle() {
            return handle;
        }

        public String type() {
            return type;
        }

        public String created() {
            return created;
        }

        public String createdBy() {
            return createdBy;
        }

        public String size() {
            return size;
        }

        public String state() {
            return state;
        }

        /** A page of another node's children (not a row of the handle table itself). */
        public boolean page() {
            return members != null;
        }

        /** Whether it has children (without making them). */
        public boolean hasChildren() {
            return source != null;
        }

        /**
         * The children, made on the first call: hold the session's read lock. Synchronized: the tree
         * is expanded on the UI thread while an export Job may walk it.
         */
        public synchronized List<Node> children() {
            if (children == null) {
                children = source == null ? List.of() : source.get();
            }
            return children;
        }

        @Override
        public String toString() {
            return name + (handle.isEmpty() ? "" : " " + handle);
        }
    }

    /** A group row's key: its parent's target and its name. */
    private record GroupKey(Object parent, String name) {
    }

    private final CaptureModel m;
    private final long seq;
    private final int page;
    private final String filter;
    /** By object id: matching objects and their ancestors; null without a filter (every alive object). */
    private final BitSet kept;
    private final List<Node> roots = new ArrayList<>();
    private int made;
    private int exitedLeftOut;

    private HandleTree(CaptureModel m, long seq, String filter, int page) {
        this.m = m;
        this.seq = seq;
        this.page = Math.max(2, page);
        this.filter = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        this.kept = this.filter.isEmpty() ? null : new BitSet();
    }

    /** All processes that used dxg up to {@code seq}; {@code exited}: also those that exited holding nothing. */
    public static HandleTree build(CaptureModel m, long seq, String filter, boolean exited) {
        return build(m, seq, filter, exited, PAGE);
    }

    /** With pages of {@code page} children (tests). */
    static HandleTree build(CaptureModel m, long seq, String filter, boolean exited, int page) {
        HandleTree t = new HandleTree(m, seq, filter, page);
        for (DxgProcess p : m.dxgProcesses()) {
            if (p.startSeq() <= seq) {
                t.process(p, exited);
            }
        }
        return t;
    }

    public List<Node> roots() {
        return roots;
    }

    /**
     * Processes left out because they had exited and showed nothing (Exited processes unticked):
     * they held nothing, or nothing the filter matched.
     */
    public int exitedLeftOut() {
        return exitedLeftOut;
    }

    /** How many rows were made so far (tests: children are made when asked for). */
    int made() {
        return made;
    }

    private void process(DxgProcess p, boolean exited) {
        int alive = 0;
        List<DxgObject> top = new ArrayList<>();
        for (DxgObject o : p.objects()) {
            if (o.aliveAt(seq)) {
                alive++;
                if (kept != null && matches(objectNode(o))) {
                    keep(o);
                }
                if (!underParent(o)) {
                    top.add(o);
                }
            }
        }
        if (kept != null) {
            top.removeIf(o -> !kept.get(o.id()));
        }
        List<FdRef> fds = new ArrayList<>();
        for (FdRef fd : p.fds()) {
            if (fd.openAt(seq) && (kept == null || matches(fdNode(fd)))) {
                fds.add(fd);
            }
        }
        boolean gone = p.exitSeq() <= seq;
        if (gone && top.isEmpty() && fds.isEmpty() && !exited) {
            exitedLeftOut++;
            return;
        }
        Supplier<List<Node>> children = () -> {
            List<Node> out = nodes(p, top);
            if (!fds.isEmpty()) {
                out = new ArrayList<>(out);
                out.add(new Node(this, null, new GroupKey(p, "descriptors"), "descriptors", "", "", "", "", "",
                        fds.size() + " open", () -> fds.stream().map(this::fdNode).toList(), null));
            }
            return out;
        };
        Node pn = new Node(this, p, p, p.label(), "", "process", Formats.time(m, p.startSeq()), p.commandLine(), "",
                gone ? "exited " + (p.exitStatus() == DxgProcess.UNKNOWN_STATUS ? "" : "(" + p.exitStatus() + ")")
                        : alive + " objects", top.isEmpty() && fds.isEmpty() ? null : children, null);
        if (!top.isEmpty() || !fds.isEmpty() || matches(pn)) {
            roots.add(pn);
        }
    }

    /** Whether an alive object shows under its parent (else under its process). */
    private boolean underParent(DxgObject o) {
        DxgObject parent = o.parent();
        return parent != null && parent.process() == o.process() && parent.aliveAt(seq);
    }

    /** Marks a matching object and its ancestors as kept. */
    private void keep(DxgObject o) {
        for (DxgObject x = o; x != null && !kept.get(x.id()); x = underParent(x) ? x.parent() : null) {
            kept.set(x.id());
        }
    }

    /** Whether an object shows under its parent: alive, of the same process, and kept by the filter. */
    private boolean shown(DxgObject parent, DxgObject child) {
        return child.aliveAt(seq) && child.process() == parent.process() && (kept == null || kept.get(child.id()));
    }

    /** The children an object shows. */
    private List<DxgObject> shownChildren(DxgObject o) {
        List<DxgObject> out = new ArrayList<>();
        for (DxgObject c : o.children()) {
            if (shown(o, c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Nodes for objects under {@code parent}: the objects themselves, or pages of them. */
    private List<Node> nodes(Object parent, List<DxgObject> objects) {
        return nodes(parent, objects, 0, objects.size());
    }

    /** Nodes for {@code objects}, which are rows {@code offset...} of the {@code total} under {@code parent}. */
    private List<Node> nodes(Object parent, List<DxgObject> objects, int offset, int total) {
        List<Pages.Span> spans = Pages.of(objects.size(), page);
        if (spans.isEmpty()) {
            return objects.stream().map(this::objectNode).toList();
        }
        List<Node> pages = new ArrayList<>();
        for (var span : spans) {
            List<DxgObject> part = objects.subList(span.from(), span.to());
            int first = offset + span.from();
            String name = span.label(offset);
            pages.add(new Node(this, null, new GroupKey(parent, name), name, "", "", "", "", "",
                    String.format("of %,d", total), () -> nodes(parent, part, first, total), part));
        }
        return pages;
    }

    private Node objectNode(DxgObject o) {
        String size = "";
        String state = "";
        if (o instanceof Allocation a) {
            size = a.size() < 0 ? "unknown" : Format.bytes(a.size());
            state = a.residencyAt(seq).label() + (a.lockedAt(seq) ? ", locked" : "");
        } else if (o instanceof SyncObject s) {
            long v = s.fence().valueAt(seq);
            state = v < 0 ? "" : "value " + v;
        } else {
            long bytes = 0;
            for (DxgObject c : o.children()) {
                if (c instanceof Allocation a && a.size() > 0 && c.aliveAt(seq) && c.process() == o.process()) {
                    bytes += a.size();
                }
            }
            size = bytes > 0 ? Format.bytes(bytes) : "";
        }
        boolean any = false;
        for (DxgObject c : o.children()) {
            if (shown(o, c)) {
                any = true;
                break;
            }
        }
        String name = o.type().label() + (o.opened() ? " (opened)" : o.shared() != null ? " (shared)" : "");
        return new Node(this, o, o, name, o.handleHex(), o.type().label(), Formats.time(m, o.createdSeq()), o.createdBy(),
                size, state, any ? () -> nodes(o, shownChildren(o)) : null, null);
    }

    private Node fdNode(FdRef fd) {
        String kind = fd.shared() != null ? "NT handle" : fd.syncFence() != null ? "sync file" : "/dev/dxg";
        String state = fd.shared() != null ? fd.shared().describe()
                : fd.syncFence() != null ? fd.syncFileText() : "";
        return new Node(this, fd, fd, "fd " + fd.fd(), "", kind, Formats.time(m, fd.openedSeq()), fd.origin().label(), "",
                state, null, null);
    }

    private boolean matches(Node n) {
        if (filter.isEmpty()) {
            return true;
        }
        return (n.name() + " " + n.handle() + " " + n.createdBy() + " " + n.state() + " " + n.size())
                .toLowerCase(Locale.ROOT).contains(filter);
    }

    /**
     * The nodes from a root down to the row of {@code target} (a process, an object or a
     * descriptor), pages included; null when the tree does not show it. Makes only the children
     * on the way: hold the session's read lock.
     */
    public List<Node> path(Object target) {
        List<Object> chain = new ArrayList<>();
        DxgProcess p;
        if (target instanceof DxgObject o) {
            for (DxgObject x = o; x != null; x = underParent(x) ? x.parent() : null) {
                chain.add(0, x);
            }
            p = o.process();
        } else if (target instanceof FdRef fd) {
            chain.add(new GroupKey(fd.process(), "descriptors"));
            chain.add(fd);
            p = fd.process();
        } else if (target instanceof DxgProcess dp) {
            p = dp;
        } else {
            return null;
        }
        Node at = roots.stream().filter(r -> r.target() == p).findFirst().orElse(null);
        List<Node> path = new ArrayList<>();
        for (int i = 0; at != null; ) {
            path.add(at);
            if (i == chain.size()) {
                return path;
            }
            Object next = chain.get(i);
            Node step = null;
            for (Node c : at.children()) {
                if (c.key().equals(next)) {
                    step = c;
                    i++;
                    break;
                }
                if (c.members != null && c.members.contains(next)) {
                    step = c; /* the page holding it */
                    break;
                }
            }
            at = step;
        }
        return null;
    }
}
