package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.VmbusTable;

/**
 * A display filter over VMBus messages, like a protocol analyser's: comparisons of message fields
 * combined with {@code &&}, {@code ||}, {@code !} and parentheses ({@link #SYNTAX}). Parsing
 * checks names and values, so a typo is an error with its position instead of an empty list.
 * Compiled once; testing a message reads its columns only (no message bytes).
 */
public final class VmbusFilter {
    /** The syntax, for the filter box's tooltip. */
    public static final String SYNTAX = """
            Show only the messages that match, e.g.
              command == MAKERESIDENT          status != 0          pid == 1234
              channel == global                flags ~ error        latency > 1ms
              command ~ ALLOC && (status == STATUS_NO_MEMORY || flags ~ slow)
            Fields: no, seq, pid, channel (global, adapter), luid, direction (request, reply, host),
              command (name or number), status (NTSTATUS name or number), size (bytes),
              latency (ns, us, ms, s), cause (seq of the ioctl), transaction, flags
              (error, slow, unanswered, dropped, async, reconstructed)
            Operators: == != < <= > >=, ~ contains (!~ does not), && || ! ( ); and, or, not also work.
            A bare word is a flag (error) or a command (MAKERESIDENT).""";

    /** A message test. */
    @FunctionalInterface
    interface Test {
        boolean test(VmbusTable t, VmbusExpert x, int i);
    }

    /** A filter that does not parse: what is wrong, and where (a character index of the text). */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int position;

        SyntaxError(String message, int position) {
            super(message);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    private static final VmbusFilter ALL = new VmbusFilter("", (t, x, i) -> true);

    private final String text;
    private final Test test;

    private VmbusFilter(String text, Test test) {
        this.text = text;
        this.test = test;
    }

    /** The filter that shows everything. */
    public static VmbusFilter all() {
        return ALL;
    }

    /** Parses a filter; blank text shows everything. */
    public static VmbusFilter parse(String text) throws SyntaxError {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        return new VmbusFilter(text.trim(), new VmbusFilterParser(text).parse());
    }

    public String text() {
        return text;
    }

    public boolean showsAll() {
        return this == ALL;
    }

    public boolean test(VmbusTable t, VmbusExpert x, int i) {
        return test.test(t, x, i);
    }

    /** Rows of {@code [0, t.size())} that match, in order. */
    public int[] apply(VmbusTable t, VmbusExpert x) {
        int n = t.size();
        if (showsAll()) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[Math.min(n, 1024)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (test.test(t, x, i)) {
                if (k == out.length) {
                    out = java.util.Arrays.copyOf(out, Math.min(n, out.length * 2));
                }
                out[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }
}
