package dev.dxgscope.bench;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureIndex;
import dev.dxgscope.capture.RecordCursor;
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
 * The capture reader against a baseline in the same run: reading the file's bytes (rawBytes)
 * versus decoding every record (sequentialDecode) and indexing it (buildIndex).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ReaderBenchmark {
    @Param("2000000")
    public int records;

    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("dxgscope-bench", ".dxgcap");
        SyntheticCaptures.write(file, records);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long rawBytes() throws IOException {
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

    @Benchmark
    public long sequentialDecode() throws IOException {
        long sum = 0;
        try (CaptureFile capture = CaptureFile.open(file)) {
            RecordCursor c = capture.records();
            while (c.next()) {
                sum += c.seq() + c.kindCode() + c.payloadSize() + c.pid();
            }
        }
        return sum;
    }

    @Benchmark
    public int buildIndex() throws IOException {
        try (CaptureFile capture = CaptureFile.open(file)) {
            return CaptureIndex.build(capture).size();
        }
    }
}
