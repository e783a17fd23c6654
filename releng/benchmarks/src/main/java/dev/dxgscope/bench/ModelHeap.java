package dev.dxgscope.bench;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The heap a loaded model keeps (goal: <= 64 bytes per event): used heap after full collections,
 * before and after a load, with the model still reachable. Not a JMH benchmark (JMH measures
 * time); run in the calling JVM, which needs room for the model and the load's garbage.
 *
 * <p>Cost: writes the capture and loads it once, plus a few full collections.
 */
final class ModelHeap {
    /** Retained bytes of one loaded model. */
    record Result(long records, long objects, long bytes) {
        double perEvent() {
            return bytes / (double) records;
        }
    }

    private ModelHeap() {
    }

    static Result measure(long events, boolean waits) throws IOException, InterruptedException {
        Path file = Files.createTempFile("dxgscope-heap", ".dxgcap");
        try {
            ModelCaptures.Shape shape = ModelCaptures.write(file, events, false, waits);
            long before = usedAfterGc();
            CaptureModel model = ModelLoader.load(file);
            long after = usedAfterGc();
            ModelCheck.verify(model, shape);
            Reference.reachabilityFence(model);
            return new Result(shape.records(), shape.objects(), after - before);
        } finally {
            Files.delete(file);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
