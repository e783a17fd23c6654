package dev.dxgscope.bench;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Leak analysis over a capture whose allocations are never destroyed ({@code live} of them alive
 * at the end, about 8 records each): {@link Leaks#ofCapture} and {@link Leaks#at} the last seq
 * (goal: <= 1 s at 1M live objects). Baseline in the same run: the state scan that finds the live
 * objects (aliveAtEnd), which Leaks.at does first.
 *
 * <p>Cost: one leaking capture written and loaded per trial (the file is deleted once loaded).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class LeakBenchmark {
    /** Allocations alive at the end. */
    @Param("1000000")
    public long live;

    @Param("true")
    public boolean waits;

    private CaptureModel model;
    private long lastSeq;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path file = Files.createTempFile("dxgscope-leaks", ".dxgcap");
        ModelCaptures.Shape shape;
        try {
            shape = ModelCaptures.write(file, ModelCaptures.eventsForLeak(live, waits), true, waits);
            model = ModelLoader.load(file);
            ModelCheck.verify(model, shape);
        } finally {
            Files.delete(file);
        }
        if (shape.allocations() != live) {
            throw new IllegalStateException("wrote " + shape.allocations() + " allocations, wanted " + live);
        }
        lastSeq = model.timeline().lastSeq();
        Leaks.Result all = Leaks.ofCapture(model);
        Leaks.Result end = Leaks.at(model, lastSeq);
        long below = all.suspects().stream().filter(s -> s.reason() == Leaks.Reason.ALIVE_AT_END)
                .mapToLong(Leaks.Suspect::count).sum();
        if (all.objects().size() != shape.objects() || end.objects().size() != shape.objects()
                || below != shape.objects()) {
            throw new IllegalStateException("leak analysis found " + all.objects().size() + " and "
                    + end.objects().size() + " objects, " + below + " below its suspects; " + shape.objects()
                    + " objects are alive at the end");
        }
    }

    @Benchmark
    public Leaks.Result ofCapture() {
        return Leaks.ofCapture(model);
    }

    @Benchmark
    public Leaks.Result atEnd() {
        return Leaks.at(model, lastSeq);
    }

    @Benchmark
    public int aliveAtEnd() {
        return model.at(lastSeq).objects().size();
    }
}
