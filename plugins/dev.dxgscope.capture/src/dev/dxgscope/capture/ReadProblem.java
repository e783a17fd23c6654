package dev.dxgscope.capture;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Says in a few words why a capture could not be opened, for a one-line error. The JDK's file
 * exceptions carry only the path as their message (an unreadable file said "cannot read:
 * /path/to/file"), so the reason is taken from the exception's type and reason instead.
 */
public final class ReadProblem {
    private ReadProblem() {
    }

    /** "no such file", "permission denied", "not a dxgscope capture: ...", or "cannot read: ...". */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotACaptureException) {
            return "not a dxgscope capture: " + e.getMessage();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return "cannot read: " + f.getReason();
        }
        return "cannot read: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
}
