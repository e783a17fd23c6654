package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Records the reference workloads on the simulator with the dxgcap built earlier in the same build. */
public final class Workloads {
    public static final Path ROOT = Path.of(System.getProperty("dxgscope.root", "../.."));
    public static final Path DIST = ROOT.resolve("native-probe/target/dist");
    /**
     * The simulator conformance program of the native tests (native-probe/tests/sim_conformance.c): nearly
     * every ioctl family once, EVICT among them, which no workload calls.
     */
    public static final Path SIM_CONFORMANCE = ROOT.resolve("native-probe/target/build/tests/sim_conformance");

    private Workloads() {
    }

    /** Runs {@code dxgcap record --sim -- workloads/NAME ARGS} into dir; fails the test unless it exits 0. */
    public static Path record(Path dir, String name, String... args) throws IOException, InterruptedException {
        return recordProgram(dir, name, DIST.resolve("workloads/" + name), args);
    }

    /** Runs {@code dxgcap record --sim -- PROGRAM ARGS} into dir/NAME.dxgcap; fails the test unless it exits 0. */
    public static Path recordProgram(Path dir, String name, Path program, String... args)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".dxgcap");
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/dxgcap").toString(), "record", "--sim", "-o",
                out.toString(), "--", program.toString()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
        assertEquals(0, p.exitValue(), name + " failed:\n" + Files.readString(log));
        return out;
    }

    public static CaptureModel load(Path capture) throws IOException {
        return ModelLoader.load(capture);
    }
}
