package dev.dxgscope.bench;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks and prints the figures the issues ask for, as ratios within one run.
 * Arguments: a regex of the benchmarks to run (default: all), then {@code name=value} benchmark
 * parameters, e.g. {@code Model events=1000000} for a quick run of the model benchmarks, or
 * {@code ModelLoad waits=false}. Each benchmark class sets its own iterations and heap.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : ".*";
        ChainedOptionsBuilder opts = new OptionsBuilder().include(include).forks(1);
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value, got " + args[i]);
            }
            opts.param(args[i].substring(0, eq), args[i].substring(eq + 1).split(","));
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        /* by "Class.method", and the parameters by "Class.param" (one value of each per run) */
        Map<String, Result<?>> r = new HashMap<>();
        Map<String, String> params = new HashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
            String type = name.substring(0, name.indexOf('.'));
            r.put(name, run.getPrimaryResult());
            for (String key : run.getParams().getParamsKeys()) {
                params.put(type + "." + key, run.getParams().getParam(key));
            }
        }
        if (r.containsKey("ReaderBenchmark.sequentialDecode")) {
            reportReader(Integer.parseInt(params.get("ReaderBenchmark.records")), score(r, "ReaderBenchmark.rawBytes"),
                    score(r, "ReaderBenchmark.sequentialDecode"), score(r, "ReaderBenchmark.buildIndex"));
        }
        if (r.containsKey("ModelLoadBenchmark.load")) {
            reportLoad(Long.parseLong(params.get("ModelLoadBenchmark.events")),
                    Boolean.parseBoolean(params.get("ModelLoadBenchmark.waits")), score(r, "ModelLoadBenchmark.rawBytes"),
                    score(r, "ModelLoadBenchmark.load"));
        }
        if (r.containsKey("ModelStateBenchmark.stateAt")) {
            reportState(params.get("ModelStateBenchmark.events"), r.get("ModelStateBenchmark.stateAt"),
                    r.get("ModelStateBenchmark.scanObjects"));
        }
        if (r.containsKey("LeakBenchmark.ofCapture") || r.containsKey("LeakBenchmark.atEnd")) {
            double scan = score(r, "LeakBenchmark.aliveAtEnd");
            System.out.printf("%nLeak analysis, %s allocations alive:%n", params.get("LeakBenchmark.live"));
            System.out.printf("  %-25s %8.1f ms%n", "live objects (state scan):", scan);
            leakLine("Leaks.ofCapture", score(r, "LeakBenchmark.ofCapture"), scan);
            leakLine("Leaks.at(end)", score(r, "LeakBenchmark.atEnd"), scan);
        }
    }

    private static double score(Map<String, Result<?>> r, String name) {
        Result<?> x = r.get(name);
        return x == null ? Double.NaN : x.getScore();
    }

    private static void reportReader(int records, double raw, double decode, double index) throws Exception {
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

    private static void reportLoad(long events, boolean waits, double raw, double load) throws Exception {
        System.out.printf("%nModel load, %d events (%s):%n", events, waits ? "with CPU waits" : "no CPU waits");
        System.out.printf("  read the bytes only:   %8.1f ms%n", raw);
        System.out.printf("  load to model ready:   %8.1f ms = %.2f M events/s (goal >= 5 M/s), %.1fx the byte read"
                + " (goal <= 3x)%n", load, events / load / 1e3, load / raw);
        long max = Runtime.getRuntime().maxMemory();
        if (max < events * 400) {
            System.out.printf("  model heap:            not measured: -Xmx%dm is too small for %d events%n", max >> 20,
                    events);
            return;
        }
        ModelHeap.Result heap = ModelHeap.measure(events, waits);
        System.out.printf("  model heap:            %.1f bytes per event (goal <= 64), %d MiB for %d records, %d"
                + " objects%n", heap.perEvent(), heap.bytes() >> 20, heap.records(), heap.objects());
    }

    private static void reportState(String events, Result<?> state, Result<?> scan) {
        double median = state.getStatistics().getPercentile(50);
        double p99 = state.getStatistics().getPercentile(99);
        double bare = scan == null ? Double.NaN : scan.getStatistics().getPercentile(50);
        System.out.printf("%nState at a random seq of %s events (objects, residencies, fence values):%n", events);
        System.out.printf("  bare pass over objects: %7.2f ms median%n", bare);
        System.out.printf("  at(seq):                %7.2f ms median (goal <= 10 ms), %.2f ms p99, %.1fx the bare pass%n",
                median, p99, median / bare);
    }

    private static void leakLine(String what, double ms, double scan) {
        System.out.printf("  %-25s %8.1f ms (goal <= 1000 ms), %.1fx the state scan%n", what + ":", ms, ms / scan);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        Thread.sleep(100);
        return rt.totalMemory() - rt.freeMemory();
    }
}
