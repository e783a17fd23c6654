package dev.dxgscope.capture;

/**
 * Something wrong in a capture file, where it is and what the reader did about it.
 *
 * @param offset byte offset of the problem
 * @param kind damaged bytes that were skipped, or the end of a truncated file
 * @param skipped bytes skipped (damage) or left unread (truncation)
 * @param reason what was wrong, e.g. "checksum mismatch"
 */
public record CaptureProblem(long offset, Kind kind, long skipped, String reason) {

    public enum Kind {
        /** Bytes that are not a whole record; reading went on after them. */
        DAMAGED,
        /** The file ends inside a record; everything before was read. */
        TRUNCATED
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DAMAGED -> "damaged at " + offset + ": " + reason + " (skipped " + skipped + " bytes)";
            case TRUNCATED -> "truncated at " + offset + ": " + reason;
        };
    }
}
