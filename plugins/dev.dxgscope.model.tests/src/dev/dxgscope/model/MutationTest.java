package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.state.CaptureModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    private static byte[] storm;
    private static long stuckEvents;

    @BeforeAll
    static void record() throws Exception {
        stuck = Files.readAllBytes(Workloads.record(dir, "stuck-wait", "0"));
        storm = Files.readAllBytes(Workloads.record(dir, "error-storm"));
        stuckEvents = load(stuck, "original").events();
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

    @Test
    void flippedBytesAreSkippedAsDamageAndReported() throws Exception {
        Random r = new Random(1);
        for (int i = 0; i < 80; i++) {
            byte[] b = stuck.clone();
            int at = PREAMBLE + r.nextInt(b.length - PREAMBLE);
            b[at] ^= (byte) (1 + r.nextInt(255));
            CaptureModel m = load(b, "flip at " + at);
            assertTrue(m.events() <= stuckEvents, "no events invented");
            assertFalse(m.diagnostics().isEmpty(), "the damage at " + at + " is reported");
        }
    }

    @Test
    void editedPayloadsBehindValidChecksumsNeverBreakTheModel() throws Exception {
        for (byte[] original : List.of(stuck, storm)) {
            List<Integer> recs = records(original);
            Random r = new Random(2);
            int[] absurd = {0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 1 << 30, 0};
            for (int i = 0; i < 150; i++) {
                byte[] b = original.clone();
                int at = recs.get(2 + r.nextInt(recs.size() - 2));
                int size = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at + 12);
                if (size < 4) {
                    continue;
                }
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int off = at + HEADER + (r.nextInt(size / 4) * 4);
                    int v = r.nextBoolean() ? absurd[r.nextInt(absurd.length)] : r.nextInt();
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(off, v);
                }
                fixCrc(b, at);
                load(b, "edit of the record at " + at);
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
            assertTrue(m.events() == stuckEvents, "every record used");
            assertTrue(m.diagnostics().stream().noneMatch(d -> d.severity()
                    == dev.dxgscope.model.decode.Diagnostic.Severity.ERROR), "nothing lost: " + m.diagnostics());
            assertTrue(m.waits().size() == 3, "the same waits");
        }
    }
}
