package dev.dxgscope.bench;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a capture to "model ready" ({@link ModelLoader#load}) against a baseline in the same
 * run: reading the file's bytes sequentially (rawBytes, 8 MiB reads). The goal is >= 5M events/s
 * and at most 3x the byte read. One load is one shot (seconds at 10M events), so few iterations;
 * each loaded model is checked against what was written ({@link ModelCheck}) and then dropped.
 *
 * <p>Cost: a capture of about 200 bytes a record in the temp folder (2 GB at 10M events), written
 * once per trial; the loaded model needs a heap of a few GB at 10M events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class ModelLoadBenchmark {
    /** Records in the capture. */
    @Param("10000000")
    public long events;

    /** Whether the mix has CPU waits (see {@link ModelCaptures#write}). */
    @Param("true")
    public boolean waits;

    private Path file;
    private ModelCaptures.Shape shape;
    private CaptureModel loaded;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("dxgscope-model", ".dxgcap");
        shape = ModelCaptures.write(file, events, false, waits);
    }

    @TearDown(Level.Iteration)
    public void check() {
        if (loaded != null) {
            ModelCheck.verify(loaded, shape);
            loaded = null;
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long rawBytes() throws IOException {
        return readBytes(file);
    }

    @Benchmark
    public CaptureModel load() throws IOException {
        loaded = ModelLoader.load(file);
        return loaded;
    }

    /** Reads a file sequentially into an 8 MiB buffer: what reading anything of it costs at least. */
    static long readBytes(Path file) throws IOException {
        long sum = 0;
        ByteBuffer buffer = ByteBuffer.allocate(8 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = 0;
            int n;
            while ((n = ch.read(buffer.clear(), at)) > 0) {
                at += n;
                sum += buffer.get(0);
            }
        }
        return sum;
    }
}
