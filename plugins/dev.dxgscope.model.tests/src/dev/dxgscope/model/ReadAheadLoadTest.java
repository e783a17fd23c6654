package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.report.Json;
import dev.dxgscope.model.report.ReportBuilder;
import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole capture large enough to be read ahead on a second thread (windows handed over, calls in
 * flight copied as the windows move on) gives the same model as the same capture read record by record on one thread, in slices, as a
 * live session reads: the whole report, every section, is the same text, and so is the health list
 * in its order. Also with damage in the middle, where records after each gap are held back, across
 * batches and windows, until the gap is given up on.
 */
class ReadAheadLoadTest {
    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void record() throws Exception {
        file = Workloads.record(dir, "render-loop", "6000", "0");
        assertTrue(Files.size(file) >= ModelLoader.READ_AHEAD_FROM, "large enough to be read ahead: "
                + Files.size(file));
    }

    @Test
    void readingAheadBuildsTheModelReadingRecordByRecordBuilds() throws Exception {
        CaptureModel ahead = sameModelBothWays(file);
        assertTrue(ahead.diagnostics().stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR),
                ahead.diagnostics().toString());
    }

    /**
     * A loaded model keeps no reader window (8 MiB each): nothing reachable from it through our
     * classes' fields, arrays and collections is a buffer or byte array of a megabyte or more.
     */
    @Test
    void aLoadedModelKeepsNoReaderWindow() throws Exception {
        CaptureModel model = ModelLoader.load(file);
        java.util.Map<Object, Boolean> seen = new java.util.IdentityHashMap<>();
        java.util.ArrayList<Object> todo = new java.util.ArrayList<>(java.util.List.of(model)); /* a stack */
        int walked = 0;
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            walked++;
            if (o instanceof ByteBuffer b) {
                assertTrue(b.capacity() < (1 << 20), "the model keeps a buffer of " + b.capacity() + " bytes");
            }
            if (o instanceof byte[] b) {
                assertTrue(b.length < (1 << 20), "the model keeps a byte array of " + b.length + " bytes");
            }
            if (o instanceof Object[] array) {
                todo.addAll(java.util.Arrays.asList(array));
            } else if (o instanceof java.util.Collection<?> c) {
                todo.addAll(c);
            } else if (o instanceof java.util.Map<?, ?> m) {
                todo.addAll(m.keySet());
                todo.addAll(m.values());
            } else if (o.getClass().getName().startsWith("dev.dxgscope.")) {
                for (Class<?> k = o.getClass(); k.getName().startsWith("dev.dxgscope."); k = k.getSuperclass()) {
                    for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                        if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            f.setAccessible(true);
                            todo.add(f.get(o));
                        }
                    }
                }
            }
        }
        assertTrue(walked > 5_000, "walked the model's objects: " + walked);
    }

    @Test
    void damageInTheMiddleGivesTheSameModelAndHealthListBothWays() throws Exception {
        Path damaged = dir.resolve("damaged.dxgcap");
        Files.copy(file, damaged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(damaged);
        try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
            for (double at : new double[] {0.3, 0.5, 0.52, 0.8}) {
                scribble(ch, (long) (size * at), 300);
            }
        }
        CaptureModel ahead = sameModelBothWays(damaged);
        long missing = ahead.diagnostics().stream().filter(d -> d.text().contains("missing")).count();
        long skipped = ahead.diagnostics().stream().filter(d -> d.text().startsWith("damaged bytes skipped"))
                .count();
        assertTrue(missing >= 3 && skipped >= 3, "each damaged place is skipped and its records listed missing: "
                + ahead.diagnostics());
    }

    private static void scribble(FileChannel ch, long at, int bytes) throws IOException {
        ByteBuffer junk = ByteBuffer.allocate(bytes);
        for (int i = 0; i < bytes; i++) {
            junk.put((byte) (0xA5 ^ i));
        }
        ch.write(junk.flip(), at);
    }

    /** Loads a capture both ways, checks they agree, and returns the read-ahead model. */
    private static CaptureModel sameModelBothWays(Path capture) throws IOException {
        CaptureModel ahead = ModelLoader.load(capture);
        CaptureModel single;
        try (CaptureFile f = CaptureFile.open(capture)) {
            ModelLoader l = new ModelLoader(f);
            while (l.update(100_000) > 0) {
                /* one thread, in slices, as a live session reads */
            }
            single = l.finish();
        }
        assertEquals(single.timeline().size(), ahead.timeline().size());
        assertEquals(single.diagnostics(), ahead.diagnostics());
        var sections = new HashSet<>(ReportBuilder.SECTIONS);
        String a = Json.toString(new ReportBuilder(single, "x").build(null, null, sections));
        String b = Json.toString(new ReportBuilder(ahead, "x").build(null, null, sections));
        assertTrue(a.length() > 10_000, "a report with content: " + a.length());
        assertEquals(a, b);
        return ahead;
    }
}
