package dev.dxgscope.model.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file whole or not at all, for every export. The bytes go to a hidden sibling
 * (".NAME.PID-N.part") that is renamed over the target only once the write has completed, so a
 * write that fails (a full disk, an I/O error) or is cancelled leaves the target as it was (an
 * earlier export of that name included) and no half file beside it.
 * Devices and pipes (a report to /dev/stdout) are written directly.
 *
 * <p>Cost: one rename; the sibling needs room for the whole file until then.
 */
public final class WholeFile {
    /** Writes the part file; returns false when cancelled (nothing is kept). */
    public interface Body {
        boolean write(Path part) throws IOException;
    }

    private static final AtomicLong PARTS = new AtomicLong();

    private WholeFile() {
    }

    /**
     * Writes {@code file} through {@code body}; returns false when the body was cancelled. A link to
     * a regular file writes that file; something that is no regular file (/dev/null, a pipe) is
     * written directly, as nothing can be renamed over it.
     */
    public static boolean write(Path file, Body body) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            return body.write(file);
        }
        if (Files.isSymbolicLink(file) && Files.exists(file)) {
            file = file.toRealPath();
        }
        Path name = file.getFileName();
        if (name == null) {
            throw new IOException(file + " is no file name");
        }
        Path part = file.resolveSibling("." + name + "." + ProcessHandle.current().pid() + "-"
                + PARTS.incrementAndGet() + ".part");
        boolean kept = false;
        try {
            if (!body.write(part)) {
                return false;
            }
            try {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            kept = true;
            return true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(part);
            }
        }
    }
}
