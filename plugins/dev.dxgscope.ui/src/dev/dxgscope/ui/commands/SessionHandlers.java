package dev.dxgscope.ui.commands;

import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Recorders;
import dev.dxgscope.ui.session.SessionJobs;
import dev.dxgscope.ui.session.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.osgi.service.prefs.BackingStoreException;

/** Opening captures and starting/stopping live sessions; the handlers of the File menu. */
public final class SessionHandlers {
    private static final String RECENT = "recentCaptures";
    private static final int MAX_RECENT = 8;

    private SessionHandlers() {
    }

    /** Opens a capture file in the background (and remembers it). */
    public static void open(Path file) {
        remember(file);
        SessionJobs.open(CaptureSession.ofFile(file));
    }

    /** Starts the demo live (the README's run command does this at start-up). */
    public static void demo(Shell shell) {
        try {
            SessionJobs.open(Recorders.demo(120));
        } catch (IOException e) {
            MessageDialog.openError(shell, "Demo", "Cannot start the demo: " + e.getMessage());
        }
    }

    /** The recently opened captures, newest first. */
    public static List<Path> recent() {
        String v = InstanceScope.INSTANCE.getNode(SessionJobs.PLUGIN).get(RECENT, "");
        List<Path> out = new ArrayList<>();
        for (String s : v.split("\n")) {
            if (!s.isBlank() && Files.exists(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    private static void remember(Path file) {
        List<String> list = new ArrayList<>(recent().stream().map(Path::toString).toList());
        String p = file.toAbsolutePath().toString();
        list.remove(p);
        list.add(0, p);
        var node = InstanceScope.INSTANCE.getNode(SessionJobs.PLUGIN);
        node.put(RECENT, String.join("\n", list.subList(0, Math.min(MAX_RECENT, list.size()))));
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // recent files are a convenience
        }
    }

    public static final class Open extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            FileDialog d = new FileDialog(HandlerUtil.getActiveShell(event), SWT.OPEN);
            d.setText("Open Capture");
            d.setFilterExtensions(new String[] {"*.dxgcap", "*"});
            d.setFilterNames(new String[] {"dxgscope captures (*.dxgcap)", "All files"});
            String f = d.open();
            if (f != null) {
                open(Path.of(f));
            }
            return null;
        }
    }

    public static final class Demo extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            demo(HandlerUtil.getActiveShell(event));
            return null;
        }
    }

    public static final class Live extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            Shell shell = HandlerUtil.getActiveShell(event);
            LiveSessionDialog d = new LiveSessionDialog(shell);
            if (d.open() != LiveSessionDialog.OK) {
                return null;
            }
            try {
                SessionJobs.open(d.snapshot() ? Recorders.snapshot(d.simulator())
                        : Recorders.record(split(d.command()), d.simulator()));
            } catch (IOException e) {
                MessageDialog.openError(shell, "Live Session", "Cannot start the session: " + e.getMessage());
            }
            return null;
        }
    }

    /** Splits a command line on spaces, keeping "quoted words" together. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.trim().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * A command that only a recording can do (Stop, Pause/Follow): enabled while the current capture
     * is still being recorded, so its buttons look disabled for a file or a finished recording. The
     * toolbar asks again whenever the session or its state changes ({@link LiveCommandsEnablement}).
     */
    abstract static class LiveOnly extends AbstractHandler {
        @Override
        public boolean isEnabled() {
            return recording(Sessions.get().current());
        }

        static boolean recording(CaptureSession s) {
            return s != null && s.live() && !s.finished();
        }
    }

    public static final class Stop extends LiveOnly {
        @Override
        public Object execute(ExecutionEvent event) {
            CaptureSession s = Sessions.get().current();
            if (recording(s)) {
                try {
                    s.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        }
    }

    public static final class Follow extends LiveOnly {
        @Override
        public Object execute(ExecutionEvent event) {
            CaptureSession s = Sessions.get().current();
            if (recording(s)) {
                s.follow(!s.following());
                if (s.following()) {
                    Sessions.get().cursorToEnd();
                }
            }
            return null;
        }
    }

    /** Opens a recent capture: the command's parameter is its path. */
    public static final class OpenRecent extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            String path = event.getParameter("dev.dxgscope.ui.path");
            if (path != null) {
                open(Path.of(path));
            }
            return null;
        }
    }
}
