package dev.dxgscope.bench;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks and prints the figures the issues ask for, as ratios within one run. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : "ReaderBenchmark";
        Options opts = new OptionsBuilder().include(include).forks(1).warmupIterations(2)
                .warmupTime(TimeValue.seconds(2)).measurementIterations(3).measurementTime(TimeValue.seconds(3))
                .jvmArgs("-Xmx4g").build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> ms = new HashMap<>();
        int records = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            ms.put(name, r.getPrimaryResult().getScore());
            records = Integer.parseInt(r.getParams().getParam("records"));
        }
        if (ms.containsKey("sequentialDecode")) {
            reportReader(records, ms);
        }
    }

    private static void reportReader(int records, Map<String, Double> ms) throws Exception {
        double raw = ms.get("rawBytes");
        double decode = ms.get("sequentialDecode");
        double index = ms.get("buildIndex");
        System.out.printf("%nCapture reader, %d records:%n", records);
        System.out.printf("  read the bytes only:   %8.1f ms%n", raw);
        System.out.printf("  sequential decode:     %8.1f ms = %.1f M records/s (goal >= 5 M/s), %.2fx the byte read%n",
                decode, records / decode / 1e3, decode / raw);
        System.out.printf("  build the index:       %8.1f ms = %.1f M records/s%n", index, records / index / 1e3);
        Path file = Files.createTempFile("dxgscope-index", ".dxgcap");
        SyntheticCaptures.write(file, records);
        try (CaptureFile capture = CaptureFile.open(file)) {
            System.gc();
            long before = usedHeap();
            CaptureIndex idx = CaptureIndex.build(capture);
            System.gc();
            long after = usedHeap();
            System.out.printf("  index heap:            %.1f bytes per record (goal <= 16), %d records%n",
                    (after - before) / (double) idx.size(), idx.size());
        } finally {
            Files.delete(file);
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        Thread.sleep(100);
        return rt.totalMemory() - rt.freeMemory();
    }
}
