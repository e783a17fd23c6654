package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.model.report.Json;
import dev.dxgscope.model.report.ReportBuilder;
import dev.dxgscope.model.state.CaptureModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole capture large enough to be read ahead on a second thread (windows handed over, calls in
 * flight copied as the windows move on) gives the same model as the same capture read record by
 * record on one thread, in slices, as a live session reads: the whole report, every section, is
 * the same text, and so is the health list in its order.
 */
class ReadAheadLoadTest {
    @TempDir
    Path dir;

    @Test
    void readingAheadBuildsTheModelReadingRecordByRecordBuilds() throws Exception {
        Path file = Workloads.record(dir, "render-loop", "6000", "0");
        assertTrue(Files.size(file) >= ModelLoader.READ_AHEAD_FROM, "large enough to be read ahead: "
                + Files.size(file));
        CaptureModel ahead = ModelLoader.load(file);
        CaptureModel single;
        try (CaptureFile f = CaptureFile.open(file)) {
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
    }
}
