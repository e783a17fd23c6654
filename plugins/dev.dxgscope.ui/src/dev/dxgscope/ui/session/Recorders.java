package dev.dxgscope.ui.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the recorder processes of live sessions: {@code dxgcap record} (a command under the
 * probe, on the real device or a private simulator), {@code dxgcap demo} (the reference workloads
 * on one simulator) and {@code dxgcap snapshot} (device samples). Their output goes to a log next
 * to the capture, so a failing start can be explained.
 */
public final class Recorders {
    private Recorders() {
    }

    /** A new capture file in the user's capture folder. */
    public static Path newCaptureFile(String stem) throws IOException {
        String home = System.getProperty("user.home");
        Path dir = Path.of(System.getenv().getOrDefault("XDG_STATE_HOME", home + "/.local/state"), "dxgscope",
                "captures");
        Files.createDirectories(dir);
        String stamp = java.time.LocalDateTime.now().toString().replace(':', '-').replace('.', '-');
        return dir.resolve(stem + "-" + stamp + ".dxgcap");
    }

    private static Path tool() throws IOException {
        Path cap = NativeTools.dxgcap();
        if (cap == null) {
            throw new IOException("dxgcap was not found (looked on PATH, next to the installation and in the build"
                    + " output); start dxgscope with its 'dxgscope' script");
        }
        return cap;
    }

    /** Where a recorder's output goes: beside its capture, {@code NAME.dxgcap.log}. */
    static Path logOf(Path capture) {
        return capture.resolveSibling(capture.getFileName() + ".log");
    }

    /** The last {@code lines} lines of a log (of its last 8 KiB), or "" when it cannot be read. */
    static String tail(Path log, int lines) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(log)) {
            long from = Math.max(0, ch.size() - 8192);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) (ch.size() - from));
            ch.position(from);
            while (b.hasRemaining() && ch.read(b) > 0) {
                /* read to the end */
            }
            List<String> all = new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.UTF_8)
                    .strip().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static Process start(List<String> cmd, Path capture) throws IOException {
        Path log = logOf(capture);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        /* the capture file exists as soon as the collector has written its preamble */
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(capture) || Files.size(capture) < 64) {
            if (!p.isAlive()) {
                String out = Files.exists(log) ? Files.readString(log).strip() : "";
                throw new IOException("the recorder exited with status " + p.exitValue()
                        + (out.isEmpty() ? "" : ": " + out));
            }
            if (System.nanoTime() > deadline) {
                p.destroy();
                throw new IOException("the recorder did not start writing " + capture + " within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroy();
                throw new IOException("interrupted while starting the recorder", e);
            }
        }
        return p;
    }

    /** Records {@code command} under the probe; {@code sim}: on a private simulator. */
    public static CaptureSession record(List<String> command, boolean sim) throws IOException {
        if (command.isEmpty()) {
            throw new IOException("no command to record");
        }
        Path capture = newCaptureFile(Path.of(command.get(0)).getFileName().toString());
        List<String> cmd = new ArrayList<>(List.of(tool().toString(), "record", "-o", capture.toString()));
        if (sim) {
            cmd.add("--sim");
        }
        cmd.add("--");
        cmd.addAll(command);
        return CaptureSession.live(capture, String.join(" ", command), start(cmd, capture));
    }

    /** The reference workloads together on one simulator, for {@code seconds}. */
    public static CaptureSession demo(int seconds) throws IOException {
        Path capture = newCaptureFile("demo");
        List<String> cmd = List.of(tool().toString(), "demo", "-o", capture.toString(), "--duration",
                Integer.toString(seconds));
        return CaptureSession.live(capture, "demo", start(cmd, capture));
    }

    /** Samples the device (adapters, budgets, processes) until stopped; {@code sim}: a simulator. */
    public static CaptureSession snapshot(boolean sim) throws IOException {
        Path capture = newCaptureFile("snapshot");
        List<String> cmd = new ArrayList<>(List.of(tool().toString(), "snapshot", "-o", capture.toString()));
        if (sim) {
            cmd.add("--sim");
        }
        return CaptureSession.live(capture, "device snapshots", start(cmd, capture));
    }
}
