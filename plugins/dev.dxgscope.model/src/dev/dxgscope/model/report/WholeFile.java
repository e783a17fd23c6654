package dev.dxgscope.model.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file whole or not at all, for every export. The bytes go to a hidden sibling
 * (".NAME.PID-N.part", made new, never through a link) that is renamed over the target only once
 * the write has completed, with the target's permissions, so a write that fails (a full disk, an
 * I/O error) or is cancelled leaves the target as it was (an earlier export of that name included)
 * and no half file beside it. Devices, pipes and /dev or /proc paths (a report to /dev/stdout),
 * and files in a directory where no sibling can be made, are written in place.
 *
 * <p>Cost: one rename; the sibling needs room for the whole file until then.
 */
public final class WholeFile {
    /** Writes the file it is given; returns false when cancelled (nothing is kept). */
    public interface Body {
        boolean write(Path part) throws IOException;
    }

    /** Writes text into the file's UTF-8 writer; returns false when cancelled (nothing is kept). */
    public interface TextBody {
        boolean write(Writer w) throws IOException;
    }

    private static final AtomicLong PARTS = new AtomicLong();
    /** Links followed to the file they name, at most (then the path is written as it is). */
    private static final int MAX_LINKS = 8;

    private WholeFile() {
    }

    /**
     * Writes {@code file} through {@code body}; returns false when the body was cancelled. A link
     * writes the file it names (made if it does not exist yet), the link stays.
     */
    public static boolean write(Path file, Body body) throws IOException {
        if (special(file)) {
            return body.write(file); /* as given: /dev/stdout leads to /proc/self/fd/1, then to "pipe:[…]" */
        }
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(file); i++) {
            file = file.resolveSibling(Files.readSymbolicLink(file)).normalize();
        }
        if (special(file) || Files.exists(file) && !Files.isRegularFile(file)) {
            return body.write(file);
        }
        Path part = part(file);
        try {
            Files.createFile(part);
        } catch (AccessDeniedException e) {
            return body.write(file); /* a file we may write in a directory we may not: in place */
        }
        try {
            if (body.write(part)) {
                keepPermissions(file, part);
                try {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
                }
                return true;
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); /* the write's failure is the one to report */
            }
            throw e;
        }
        Files.deleteIfExists(part); /* cancelled */
        return false;
    }

    /**
     * Why a write failed, in a few words ("no such directory", "No space left on device"): the
     * JDK's file exceptions carry only a path as their message, here often the hidden part's.
     */
    public static String problem(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it exists and is not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@link #write} of UTF-8 text. */
    public static boolean writeText(Path file, TextBody body) throws IOException {
        return write(file, part -> {
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                return body.write(w);
            }
        });
    }

    /** Whether {@code file} is under /dev or /proc, where nothing is renamed over anything. */
    private static boolean special(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith("/dev") || absolute.startsWith("/proc");
    }

    /** Gives the part the permissions of the file it replaces (else it has the defaults). */
    private static void keepPermissions(Path file, Path part) {
        if (Files.exists(file)) {
            try {
                Files.setPosixFilePermissions(part, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException | IOException e) {
                /* no POSIX permissions on this file system, or not ours to set: the defaults */
            }
        }
    }

    /** The sibling: a short form of the name (a long one would pass the file system's limit). */
    private static Path part(Path file) throws IOException {
        Path name = file.getFileName();
        if (name == null) {
            throw new IOException(file + " is no file name");
        }
        String stem = name.toString();
        stem = stem.length() > 64 ? stem.substring(0, 64) : stem;
        return file.resolveSibling("." + stem + "." + ProcessHandle.current().pid() + "-" + PARTS.incrementAndGet()
                + ".part");
    }
}
