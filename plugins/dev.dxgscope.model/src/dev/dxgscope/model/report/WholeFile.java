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
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file whole or not at all, for every export. The bytes go to a hidden sibling
 * (".NAME.PID-N.part", made new, never through a link) that is renamed over the target only once
 * the write has completed, with the target's permissions, owner and group (as far as we may set
 * them), so a write that fails (a full disk, an I/O error) or is cancelled leaves the target as it
 * was (an earlier export of that name included) and no half file beside it. The target is a new
 * file then: a hard link to the old one keeps the old bytes. Devices, pipes and /dev or /proc paths (a report to /dev/stdout),
 * and files in a directory where no sibling can be made, are written in place.
 *
 * A set of files ({@link #writeAll}) is renamed into place only once all of it is written.
 *
 * <p>Cost: one rename a file; the siblings need room for the whole files until then.
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
        return writeAll(List.of(file), List.of(body));
    }

    /**
     * Writes a set of files whole or not at all ({@code bodies[i]} writes {@code files[i]}): every
     * part is written before any is renamed over its target, so a write that fails or is cancelled
     * partway leaves every target as it was (a set of CSV tables is never half old, half new), and
     * a rename that fails leaves no part behind. A file that cannot have a part (a device, a file in
     * a directory we may not write) is written in place once every part is written, so only it can
     * be left half written. Returns false when a body was cancelled.
     */
    public static boolean writeAll(List<Path> files, List<? extends Body> bodies) throws IOException {
        if (files.size() != bodies.size()) {
            throw new IllegalArgumentException(files.size() + " files, " + bodies.size() + " bodies");
        }
        List<Part> parts = new ArrayList<>();
        List<Integer> inPlace = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = target(files.get(i));
                Part part = file == null ? null : newPart(file);
                if (part == null) {
                    inPlace.add(i);
                    continue;
                }
                parts.add(part);
                if (!bodies.get(i).write(part.part())) {
                    deleteParts(parts, null);
                    return false;
                }
            }
            for (int i : inPlace) {
                if (!bodies.get(i).write(files.get(i))) {
                    deleteParts(parts, null);
                    return false;
                }
            }
            for (Part p : parts) {
                keepPermissions(p);
                try {
                    Files.move(p.part(), p.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(p.part(), p.target(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException | Error e) { /* an Error too: no memory left to write with */
            deleteParts(parts, e); /* those not renamed yet */
            throw e;
        }
        return true;
    }

    /**
     * The regular file a path writes (links followed to the file they name), or null when it is to
     * be written in place as given: /dev/stdout leads to /proc/self/fd/1, then to "pipe:[…]".
     */
    private static Path target(Path file) throws IOException {
        if (special(file)) {
            return null;
        }
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(file); i++) {
            file = file.resolveSibling(Files.readSymbolicLink(file)).normalize();
        }
        return special(file) || Files.exists(file) && !Files.isRegularFile(file) ? null : file;
    }

    /**
     * A sibling written in place of {@code target}: the file made new, known by its file key (device
     * and inode), so what is done to it later is done to that file only, not to whatever someone
     * who may write the directory put at its path meanwhile.
     */
    private record Part(Path target, Path part, Object key) {
    }

    /** A new part beside {@code file}, or null in a directory we may not write (a file we may: in place). */
    private static Part newPart(Path file) throws IOException {
        Path part = part(file);
        try {
            Files.createFile(part);
        } catch (AccessDeniedException e) {
            return null;
        }
        return new Part(file, part, Files.readAttributes(part, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
    }

    /** Deletes the parts of a set that are still there; a failure to delete is added to {@code why}'s. */
    private static void deleteParts(List<Part> written, Throwable why) throws IOException {
        for (Part w : written) {
            try {
                Files.deleteIfExists(w.part());
            } catch (IOException cleanup) {
                if (why == null) {
                    throw cleanup;
                }
                why.addSuppressed(cleanup); /* the write's failure is the one to report */
            }
        }
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

    /**
     * Gives the part the owner, group and permissions of the file it replaces, as far as we may
     * (else it keeps the defaults): owner first, since a change of owner clears set-id bits. Never
     * through a link, and only while the part is still the file we made: root writing into a user's
     * directory must not change a file the user put at the part's path.
     */
    private static void keepPermissions(Part p) {
        try {
            if (!Files.exists(p.target())) {
                return;
            }
            PosixFileAttributes was = Files.readAttributes(p.target(), PosixFileAttributes.class);
            PosixFileAttributeView view = Files.getFileAttributeView(p.part(), PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes now = view.readAttributes();
            if (!now.isRegularFile() || !java.util.Objects.equals(now.fileKey(), p.key())) {
                return;
            }
            try {
                /* root exporting over a user's file; the group a user may set to one of theirs */
                if (!was.owner().equals(now.owner())) {
                    view.setOwner(was.owner());
                }
                if (!was.group().equals(now.group())) {
                    view.setGroup(was.group());
                }
            } catch (IOException e) {
                /* not ours to give (only root may give a file away): it stays the writer's */
            }
            view.setPermissions(was.permissions());
        } catch (UnsupportedOperationException | IOException e) {
            /* no POSIX attributes on this file system, or not ours to set: the defaults */
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
