package dev.dxgscope.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Random access to a capture by position in sequence order: record offsets and sequence numbers in
 * two long arrays (16 bytes per record), sorted by seq. Built by one sequential pass; records the
 * collector wrote slightly out of seq order are put in order here.
 */
public final class CaptureIndex {
    private final long[] offsets;
    private final long[] seqs;
    private final List<CaptureProblem> problems;

    private CaptureIndex(long[] offsets, long[] seqs, List<CaptureProblem> problems) {
        this.offsets = offsets;
        this.seqs = seqs;
        this.problems = problems;
    }

    /** Reads the whole capture once. Cost: one pass over the file, 16 bytes of heap per record. */
    public static CaptureIndex build(CaptureFile file) throws IOException {
        long[] offsets = new long[1024];
        long[] seqs = new long[1024];
        int n = 0;
        boolean sorted = true;
        RecordCursor cursor = file.records();
        while (cursor.next()) {
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n * 2);
                seqs = Arrays.copyOf(seqs, n * 2);
            }
            offsets[n] = cursor.offset();
            seqs[n] = cursor.seq();
            sorted &= n == 0 || seqs[n - 1] <= seqs[n];
            n++;
        }
        offsets = Arrays.copyOf(offsets, n);
        seqs = Arrays.copyOf(seqs, n);
        if (!sorted) {
            sortBySeq(offsets, seqs);
        }
        return new CaptureIndex(offsets, seqs, List.copyOf(cursor.problems()));
    }

    private static void sortBySeq(long[] offsets, long[] seqs) {
        Integer[] order = new Integer[seqs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(seqs[a], seqs[b]));
        long[] o = offsets.clone();
        long[] s = seqs.clone();
        for (int i = 0; i < order.length; i++) {
            offsets[i] = o[order[i]];
            seqs[i] = s[order[i]];
        }
    }

    public int size() {
        return offsets.length;
    }

    public long offset(int i) {
        return offsets[i];
    }

    public long seq(int i) {
        return seqs[i];
    }

    /** Position of the record with this seq, or -(insertion point) - 1 as Arrays.binarySearch. */
    public int indexOfSeq(long seq) {
        return Arrays.binarySearch(seqs, seq);
    }

    /** Problems met while indexing. */
    public List<CaptureProblem> problems() {
        return problems;
    }

    /** Reads the i-th record in seq order. */
    public RawRecord read(CaptureFile file, int i) throws IOException {
        return file.readAt(offsets[i]);
    }

    /** All offsets in seq order (a copy). */
    public List<Long> offsets() {
        List<Long> list = new ArrayList<>(offsets.length);
        for (long o : offsets) {
            list.add(o);
        }
        return list;
    }
}
