package dev.dxgscope.capture;

import java.util.Map;

/**
 * Linux errno values (x86_64 / asm-generic numbering) as the dxg driver returns them: names for
 * display ("ENOENT") and the usual one-line meaning. The table is small and static; lookups are
 * a map read.
 */
public final class Errno {
    private static final Map<Integer, String[]> TABLE = Map.ofEntries(
            entry(1, "EPERM", "Operation not permitted"),
            entry(2, "ENOENT", "No such file or directory"),
            entry(3, "ESRCH", "No such process"),
            entry(4, "EINTR", "Interrupted system call"),
            entry(5, "EIO", "Input/output error"),
            entry(6, "ENXIO", "No such device or address"),
            entry(9, "EBADF", "Bad file descriptor"),
            entry(11, "EAGAIN", "Resource temporarily unavailable"),
            entry(12, "ENOMEM", "Cannot allocate memory"),
            entry(13, "EACCES", "Permission denied"),
            entry(14, "EFAULT", "Bad address"),
            entry(16, "EBUSY", "Device or resource busy"),
            entry(17, "EEXIST", "File exists"),
            entry(19, "ENODEV", "No such device"),
            entry(20, "ENOTDIR", "Not a directory"),
            entry(22, "EINVAL", "Invalid argument"),
            entry(24, "EMFILE", "Too many open files"),
            entry(25, "ENOTTY", "Inappropriate ioctl for device"),
            entry(28, "ENOSPC", "No space left on device"),
            entry(38, "ENOSYS", "Function not implemented"),
            entry(62, "ETIME", "Timer expired"),
            entry(71, "EPROTO", "Protocol error"),
            entry(75, "EOVERFLOW", "Value too large for defined data type"),
            entry(91, "EPROTOTYPE", "Protocol wrong type for socket"),
            entry(95, "EOPNOTSUPP", "Operation not supported"),
            entry(110, "ETIMEDOUT", "Connection timed out"),
            entry(115, "EINPROGRESS", "Operation now in progress"),
            entry(512, "ERESTARTSYS", "Interrupted; restart system call"));

    private Errno() {
    }

    private static Map.Entry<Integer, String[]> entry(int value, String name, String message) {
        return Map.entry(value, new String[] {name, message});
    }

    /** The symbolic name of a positive or negative errno value, or {@code "errno N"} when unknown. */
    public static String name(int errno) {
        String[] e = TABLE.get(Math.abs(errno));
        return e != null ? e[0] : "errno " + Math.abs(errno);
    }

    /** The one-line meaning of a positive or negative errno value, or {@code "unknown error"}. */
    public static String message(int errno) {
        String[] e = TABLE.get(Math.abs(errno));
        return e != null ? e[1] : "unknown error";
    }
}
