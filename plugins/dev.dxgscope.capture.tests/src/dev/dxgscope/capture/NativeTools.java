package dev.dxgscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The native tools built earlier in the same build (native-probe/target), for tests that record. */
final class NativeTools {
    static final Path ROOT = Path.of(System.getProperty("dxgscope.root", "../.."));
    static final Path DXGCAP = ROOT.resolve("native-probe/target/dist/bin/dxgcap");
    static final Path PROBE_TARGET = ROOT.resolve("native-probe/target/build/tests/probe_target");

    private NativeTools() {
    }

    /** Runs a command; returns stdout; fails the test on a non-zero status. */
    static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command));
        pb.environment().putAll(env);
        Path err = Files.createTempFile("dxgs-err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + Files.readString(err));
        Files.delete(err);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Records probe_target with the given arguments on DXGSCOPE_DEVICE=/dev/null. */
    static Path record(Path dir, String name, String... targetArgs) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".dxgcap");
        List<String> cmd = new ArrayList<>(List.of(DXGCAP.toString(), "record", "--fence-sample-ms", "0", "-o",
                out.toString(), "--", PROBE_TARGET.toString()));
        cmd.addAll(List.of(targetArgs));
        run(Map.of("DXGSCOPE_DEVICE", "/dev/null"), cmd.toArray(String[]::new));
        return out;
    }
}
