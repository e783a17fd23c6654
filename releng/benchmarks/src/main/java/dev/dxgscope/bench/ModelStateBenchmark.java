package dev.dxgscope.bench;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.Fence;
import dev.dxgscope.model.state.StateAt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
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
 * The state at a random moment of a loaded capture, as a timeline click asks for it:
 * {@code at(seq).objects()}, the residency of each live allocation and the value of every fence
 * (goal: median <= 10 ms at 10M events). Sampled, so JMH reports the median and p99. Baseline in
 * the same run: a bare pass over the model's object list (scanObjects), the least any answer that
 * looks at every object costs.
 *
 * <p>Cost: one capture written and loaded per trial (the file is deleted once loaded).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class ModelStateBenchmark {
    @Param("10000000")
    public long events;

    @Param("true")
    public boolean waits;

    private CaptureModel model;
    private long[] seqs;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path file = Files.createTempFile("dxgscope-state", ".dxgcap");
        try {
            ModelCaptures.Shape shape = ModelCaptures.write(file, events, false, waits);
            model = ModelLoader.load(file);
            ModelCheck.verify(model, shape);
        } finally {
            Files.delete(file);
        }
        SplittableRandom random = new SplittableRandom(42);
        seqs = new long[4096];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = random.nextLong(model.timeline().firstSeq(), model.timeline().lastSeq() + 1);
        }
        long mid = model.timeline().seq(model.timeline().size() / 2);
        int alive = model.at(mid).objects().size();
        int fixed = ModelCaptures.PROCESSES * (4 + ModelCaptures.FENCES);
        if (alive < fixed || alive > fixed + ModelCaptures.PROCESSES * (ModelCaptures.WINDOW + 1)) {
            throw new IllegalStateException(alive + " objects alive at #" + mid + "; expected " + fixed + " plus up to "
                    + ModelCaptures.WINDOW + " allocations per process");
        }
    }

    @Benchmark
    public long stateAt() {
        long seq = seqs[next++ & (seqs.length - 1)];
        StateAt s = model.at(seq);
        List<DxgObject> objects = s.objects();
        long sum = objects.size();
        for (DxgObject o : objects) {
            if (o instanceof Allocation a) {
                sum += s.residency(a).ordinal();
            }
        }
        for (Fence f : model.fences()) {
            sum += s.fenceValue(f);
        }
        return sum;
    }

    @Benchmark
    public long scanObjects() {
        long sum = 0;
        for (DxgObject o : model.objects()) {
            sum += o.createdSeq();
        }
        return sum;
    }
}
