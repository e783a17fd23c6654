package dev.dxgscope.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Records a simulator workload with the built dxgcap, for tests that need a real capture. */
public final class SimCaptures {
    private SimCaptures() {
    }

    /** Records {@code workload} with {@code args} into {@code dir}/WORKLOAD.dxgcap; fails the test if it cannot. */
    public static Path record(Path dir, String workload, String... args) throws Exception {
        Path dist = Path.of(System.getProperty("dxgscope.root", "../.."), "native-probe/target/dist");
        Path capture = dir.resolve(workload + ".dxgcap");
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/dxgcap").toString(), "record", "--sim", "-o",
                capture.toString(), "--", dist.resolve("workloads/" + workload).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(workload + ".log").toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done && p.exitValue() == 0, () -> workload + " recorded; its output: "
                + readLog(dir.resolve(workload + ".log")));
        return capture;
    }

    private static String readLog(Path log) {
        try {
            return java.nio.file.Files.readString(log);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
