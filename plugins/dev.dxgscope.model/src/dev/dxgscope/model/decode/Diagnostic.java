package dev.dxgscope.model.decode;

/**
 * A capture-health finding: something the model could not use, or had to guess about. The load
 * never stops for one; it goes on the health list with where it was found.
 *
 * @param severity how much the finding can change the answers
 * @param offset file offset of the record concerned, -1 when none
 * @param seq seq of the record concerned, -1 when none
 * @param text one line, for a person
 */
public record Diagnostic(Severity severity, long offset, long seq, String text) {

    public enum Severity {
        /** Facts are missing from the model (damaged records, lost events). */
        ERROR,
        /** The model inferred something or could not interpret a record. */
        WARNING,
        /** Worth knowing, changes no answer. */
        INFO
    }

    @Override
    public String toString() {
        return severity + (offset >= 0 ? " @" + offset : "") + (seq >= 0 ? " #" + seq : "") + ": " + text;
    }
}
