package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.report.HtmlRenderer;
import dev.dxgscope.model.report.ReportBuilder;
import dev.dxgscope.model.report.TraceExport;
import dev.dxgscope.model.state.CaptureModel;
import java.nio.ByteBuffer;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged, truncated, reordered and maliciously edited captures (absurd counts and sizes behind
 * valid checksums): the model loads what is whole, lists what it skipped, never throws, never hangs,
 * never allocates by a length field. Deterministic (fixed seeds), a few hundred mutations.
 */
class MutationTest {
    private static final int HEADER = 40;
    private static final int PREAMBLE = 64;

    @TempDir
    static Path dir;

    private static byte[] stuck;
    private static long stuckEvents;
    private static List<dev.dxgscope.model.decode.Diagnostic> stuckDiagnostics;
    /** Every reference workload but many-objects (44 MB: too slow to load hundreds of times). */
    private static final List<byte[]> workloads = new ArrayList<>();

    @BeforeAll
    static void record() throws Exception {
        stuck = Files.readAllBytes(Workloads.record(dir, "stuck-wait", "0"));
        CaptureModel original = load(stuck, "original");
        stuckEvents = original.events();
        stuckDiagnostics = original.diagnostics();
        workloads.add(stuck);
        workloads.add(Files.readAllBytes(Workloads.record(dir, "error-storm")));
        workloads.add(Files.readAllBytes(Workloads.record(dir, "leaky-sharer")));
        workloads.add(Files.readAllBytes(Workloads.record(dir, "compute-pressure")));
        workloads.add(Files.readAllBytes(Workloads.record(dir, "render-loop", "5", "1")));
    }

    /** Every analysis, the HTML page and the trace of a model: what the report and the views ask. */
    private static void analyse(CaptureModel m, String what) throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            var t = m.timeline();
            long middle = t.size() == 0 ? 0 : t.seq(t.size() / 2);
            ReportBuilder all = new ReportBuilder(m, what);
            HtmlRenderer.write(all.build(null, new long[] {t.firstSeq(), t.lastSeq()}, Set.of()), what,
                    new StringWriter());
            all.build(middle, null, Set.of());
            TraceExport.write(m, new StringWriter());
        }, what);
    }

    /**
     * Damage is the input's fault and gets a finding of its own; a tracker that throws on it (the
     * model's guard then lists an "internal error") is a dxgscope bug.
     */
    private static void noInternalErrors(CaptureModel m, String what) {
        assertEquals(List.of(), m.diagnostics().stream().map(d -> d.text())
                .filter(t -> t.startsWith("internal error") || t.contains("failed in the trackers")).toList(), what);
    }

    private static CaptureModel load(byte[] bytes, String what) throws Exception {
        Path f = Files.createTempFile(dir, "m", ".dxgcap");
        Files.write(f, bytes);
        try {
            return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ModelLoader.load(f), what);
        } finally {
            Files.delete(f);
        }
    }

    /** Offsets of the records of a whole capture. */
    private static List<Integer> records(byte[] b) {
        List<Integer> out = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = PREAMBLE; at + HEADER <= b.length;) {
            out.add(at);
            at += bb.getInt(at);
        }
        return out;
    }

    /** Recomputes a record's checksum, so an edit reaches the decoders instead of being skipped as damage. */
    private static void fixCrc(byte[] b, int at) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int size = bb.getInt(at + 12);
        CRC32C crc = new CRC32C();
        crc.update(b, at, 8);
        crc.update(b, at + 12, HEADER - 12 + size);
        bb.putInt(at + 8, (int) crc.getValue());
    }

    /** Whether byte {@code at} is the padding after a record's payload (outside its checksum, never read). */
    private static boolean padding(byte[] b, int at) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int r : records(b)) {
            int length = bb.getInt(r);
            if (at >= r && at < r + length) {
                return at >= r + HEADER + bb.getInt(r + 12);
            }
        }
        return false;
    }

    /**
     * A flipped byte is damage that is reported, except in a record's padding, which nothing reads:
     * there it changes nothing. Which bytes are padding depends on the recording (a pid with one
     * digit more lengthens a log line), so each flip is classified against the capture at hand.
     */
    @Test
    void flippedBytesAreSkippedAsDamageAndReported() throws Exception {
        Random r = new Random(1);
        int reported = 0;
        for (int i = 0; i < 80; i++) {
            byte[] b = stuck.clone();
            int at = PREAMBLE + r.nextInt(b.length - PREAMBLE);
            b[at] ^= (byte) (1 + r.nextInt(255));
            CaptureModel m = load(b, "flip at " + at);
            noInternalErrors(m, "flip at " + at);
            analyse(m, "flip at " + at);
            if (padding(stuck, at)) {
                assertEquals(stuckEvents, m.events(), "a flip in padding at " + at + " loses nothing");
                assertEquals(stuckDiagnostics, m.diagnostics(), "a flip in padding at " + at + " is harmless");
            } else {
                assertTrue(m.events() <= stuckEvents, "no events invented");
                assertTrue(m.diagnostics().stream().anyMatch(d -> !stuckDiagnostics.contains(d)),
                        "the damage at " + at + " is reported");
                reported++;
            }
        }
        assertTrue(reported >= 60, "most flips land in checked bytes: " + reported + " of 80");
    }

    /**
     * Fields edited to absurd values, to handles of other objects and to near misses, in records
     * whose checksums are then made valid again: the load and every analysis of the result finish
     * (the model's record count stays the file's).
     */
    @Test
    void editedPayloadsBehindValidChecksumsNeverBreakTheModelOrItsAnalyses() throws Exception {
        int[] absurd = {0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 1 << 30, 0, 1, 3, 0x40000000, 0x40000040,
            0x40000080};
        for (byte[] original : workloads) {
            List<Integer> recs = records(original);
            Random r = new Random(2);
            for (int i = 0; i < 80; i++) {
                byte[] b = original.clone();
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = recs.get(2 + r.nextInt(recs.size() - 2));
                    int size = bb.getInt(at + 12);
                    if (size < 4) {
                        continue;
                    }
                    int off = at + HEADER + (r.nextInt(size / 4) * 4);
                    int v = switch (r.nextInt(3)) {
                        case 0 -> absurd[r.nextInt(absurd.length)];
                        case 1 -> bb.getInt(off) + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(0x100));
                        default -> r.nextInt();
                    };
                    bb.putInt(off, v);
                    fixCrc(b, at);
                }
                String what = "edits " + i + " of a " + original.length + "-byte capture";
                CaptureModel m = load(b, what);
                assertTrue(m.timeline().size() == recs.size(), what + ": every record is still read");
                noInternalErrors(m, what);
                analyse(m, what);
            }
        }
    }

    @Test
    void truncationAtAnyPointKeepsEverythingBefore() throws Exception {
        Random r = new Random(3);
        for (int i = 0; i < 60; i++) {
            int cut = PREAMBLE + r.nextInt(stuck.length - PREAMBLE);
            byte[] b = java.util.Arrays.copyOf(stuck, cut);
            CaptureModel m = load(b, "cut at " + cut);
            noInternalErrors(m, "cut at " + cut);
            analyse(m, "cut at " + cut);
            long whole = records(stuck).stream().filter(o -> o + ByteBuffer.wrap(stuck).order(ByteOrder.LITTLE_ENDIAN)
                    .getInt(o) <= cut).count();
            assertTrue(m.timeline().size() == whole, "cut at " + cut + ": " + m.timeline().size() + " of " + whole
                    + " whole records read");
        }
    }

    @Test
    void reorderedRecordsAreAppliedInSeqOrder() throws Exception {
        List<Integer> recs = records(stuck);
        Random r = new Random(4);
        for (int i = 0; i < 30; i++) {
            int k = 2 + r.nextInt(recs.size() - 4);
            int a = recs.get(k);
            int bStart = recs.get(k + 1);
            int bEnd = k + 2 < recs.size() ? recs.get(k + 2) : stuck.length;
            byte[] out = stuck.clone();
            int lenB = bEnd - bStart;
            System.arraycopy(stuck, bStart, out, a, lenB);
            System.arraycopy(stuck, a, out, a + lenB, bStart - a);
            CaptureModel m = load(out, "swap at " + a);
            noInternalErrors(m, "swap at " + a);
            analyse(m, "swap at " + a);
            assertTrue(m.events() == stuckEvents, "every record used");
            assertTrue(m.diagnostics().stream().noneMatch(d -> d.severity()
                    == dev.dxgscope.model.decode.Diagnostic.Severity.ERROR), "nothing lost: " + m.diagnostics());
            assertTrue(m.waits().size() == 3, "the same waits");
        }
    }
}
