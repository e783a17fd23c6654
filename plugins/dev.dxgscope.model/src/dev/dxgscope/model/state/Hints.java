package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import java.util.Set;

/** Known explanations of failures engineers meet on WSL (start-up probing, fork, budgets, removal). */
final class Hints {
    /** Request numbers whose slot in dxgkrnl's ioctl table has no handler: legacy calls (dxg-abi.md). */
    private static final Set<Integer> NO_HANDLER = Set.of(0x03, 0x17, 0x1a, 0x23, 0x28, 0x29, 0x2b, 0x2d);
    /** The last request number of the newest kernel's table (dxg-abi.md 2.2): past it, none has a slot. */
    static final int LAST_NR = 0x4b;

    private Hints() {
    }

    /**
     * Why the dispatcher most likely refused an ENOTTY call, from what the model knows, in the order
     * the dispatcher checks: a number outside the newest table, a legacy number with no handler, a
     * request value the ABI does not have, a descriptor another process opened ({@code through}:
     * the caller's descriptor the call was made on, or null). NONE when it cannot tell; a
     * dispatcher line in the kernel log says for sure (an older kernel's shorter table only it can tell).
     */
    static Refusal refusal(IoctlCall c, DxgProcess caller, FdRef through) {
        int nr = c.code() & 0xff;
        if (nr == 0 || nr > LAST_NR) {
            return Refusal.OUT_OF_RANGE;
        }
        if (NO_HANDLER.contains(nr)) {
            return Refusal.NO_HANDLER;
        }
        if (c.ioctl() == null) {
            return Refusal.MISMATCH;
        }
        if (opener(caller, through) != null) {
            return Refusal.WRONG_PROCESS;
        }
        return Refusal.NONE;
    }

    /**
     * Whether the dispatcher's line giving {@code line} can be about a call the model read as
     * {@code reading}: it checks in order, so a call whose number or value the model knows to be
     * refused early cannot have been refused at a later check (a line saying so is another call's).
     */
    static boolean consistent(Refusal reading, Refusal line) {
        return switch (reading) {
            case NONE -> true;
            case OUT_OF_RANGE, NO_HANDLER -> line == reading;
            case MISMATCH -> line == Refusal.MISMATCH || line == Refusal.OUT_OF_RANGE;
            case WRONG_PROCESS -> line != Refusal.NO_HANDLER;
        };
    }

    /** The process that opened the /dev/dxg {@code through} refers to, when it is not {@code caller}; else null. */
    static DxgProcess opener(DxgProcess caller, FdRef through) {
        return through != null && through.file() != null && through.file().opener() != caller
                ? through.file().opener() : null;
    }

    /** The hint for an ENOTTY call the dispatcher refused for {@code why} (NONE: not known why). */
    static String refused(Refusal why, int request, DxgProcess caller, FdRef through) {
        DxgProcess opener = opener(caller, through);
        return switch (why) {
            case WRONG_PROCESS -> "this process did not open the /dev/dxg it called through"
                    + (opener != null ? " (fd " + through.fd() + ", opened by pid " + opener.pid() + ")" : "")
                    + ": dxgkrnl serves only the process that opened the file; after fork, open /dev/dxg again";
            case NO_HANDLER -> "dxgkrnl has no handler for this legacy request (an empty slot in its ioctl table):"
                    + " only its replacement call is implemented on Linux";
            case MISMATCH -> "the request code is not one this driver knows (size or direction bits differ from the"
                    + " ABI): the user-mode runtime was built against another dxgkrnl ABI";
            case OUT_OF_RANGE -> (request & 0xff) == 0
                    ? "request number 0 is no dxgkrnl request (its table starts at 1): the caller passed a wrong request"
                    : String.format("this dxgkrnl has no request number 0x%02x: the kernel is older than the runtime"
                            + " that called it (update the WSL kernel), or the request is not a dxg one", request & 0xff);
            case NONE -> through != null && through.file() != null
                    ? "the caller opened this /dev/dxg itself, so the dispatcher did not refuse it for the process:"
                            + " this kernel's ioctl table may end before the request (an older WSL kernel), or the"
                            + " handler returned ENOTTY"
                    : "a call from a process that did not open this /dev/dxg (after fork, reopen the device),"
                            + " or an ioctl this kernel does not implement";
        };
    }

    /** A one-line hint for a failed call other than ENOTTY (see {@link #refused}), or null. */
    static String of(IoctlCall c, boolean startingUp) {
        int errno = c.errno();
        String name = c.name();
        if ((name.equals("LX_DXQUERYADAPTERINFO") || name.equals("LX_ISFEATUREENABLED")) && (errno == 22 || errno == 2)
                && startingUp) {
            return "during start-up this is usually the runtime probing child adapters or optional query types;"
                    + " usually harmless";
        }
        if (errno == 14) {
            return "a pointer in the arguments was not readable or writable";
        }
        if (errno == 19) {
            return "the adapter stopped or the device was removed (host reset or GPU removal); recreate the device";
        }
        if (name.equals("LX_DXMAKERESIDENT") && errno == 12) {
            return "the allocations do not fit the process's video-memory budget even after eviction;"
                    + " make fewer allocations resident at once or lower their size";
        }
        if (errno == 12) {
            return "the host ran out of memory for this object";
        }
        if (errno == 75) {
            return switch (name) {
                case "LX_DXENUMADAPTERS2", "LX_DXENUMADAPTERS3" ->
                    "the array holds fewer adapters than there are: ask for the count first (no array), then enumerate";
                case "LX_DXENUMPROCESSES" -> "the buffer holds fewer processes than use the adapter: the driver wrote"
                        + " the count needed";
                case "LX_DXCREATEALLOCATION" -> "the allocations' private data make a host message over 128 KiB:"
                        + " create fewer allocations per call";
                case "LX_DXQUERYADAPTERINFO" -> "the host's answer does not fit the private data buffer"
                        + " (STATUS_BUFFER_TOO_SMALL): pass a larger size";
                default -> "the host answered STATUS_BUFFER_TOO_SMALL (or its reply was shorter than expected); if"
                        + " every later call fails alike (reported after GPU processes were killed), the VMBus"
                        + " connection stays broken until WSL restarts";
            };
        }
        if (errno == 110 || errno == 62) {
            return "the host did not answer in time (VMBus timeout); the host driver may be hung";
        }
        if (errno == 22) {
            return outOfRange(c);
        }
        return null;
    }

    /** A count or size dxgkrnl checks before it asks the host (dxg-abi.md 2.3): ioctl, field, least, most. */
    private record Limit(String ioctl, String field, long min, long max) {
    }

    private static final java.util.List<Limit> LIMITS = java.util.List.of(
            new Limit("LX_DXQUERYADAPTERINFO", "private_data_size", 1, 131072),
            new Limit("LX_DXCREATEALLOCATION", "alloc_count", 1, 1024),
            new Limit("LX_DXDESTROYALLOCATION2", "alloc_count", 0, 1024),
            new Limit("LX_DXMAKERESIDENT", "alloc_count", 1, 10240),
            new Limit("LX_DXMAKERESIDENT", "paging_queue", 1, 0xffffffffL),
            new Limit("LX_DXEVICT", "alloc_count", 1, 10240),
            new Limit("LX_DXOFFERALLOCATIONS", "allocation_count", 1, 10240),
            new Limit("LX_DXRECLAIMALLOCATIONS2", "allocation_count", 1, 10240),
            new Limit("LX_DXSHAREOBJECTS", "object_count", 1, 1),
            new Limit("LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU", "object_count", 1, 32),
            new Limit("LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU", "object_count", 1, 131072),
            new Limit("LX_DXQUERYVIDEOMEMORYINFO", "process", 0, 0));

    /** For EINVAL: the argument the driver's own checks refuse, with its range, or null. */
    private static String outOfRange(IoctlCall c) {
        for (Limit l : LIMITS) {
            if (!l.ioctl().equals(c.name())) {
                continue;
            }
            long v = l.field().equals("process") ? c.u64In(l.field()) : c.u32In(l.field());
            if (v == IoctlCall.UNKNOWN || (v >= l.min() && v <= l.max())) {
                continue;
            }
            String range = l.min() == l.max() ? "must be " + l.min()
                    : l.max() == 0xffffffffL ? "must not be 0" : "must be in " + l.min() + ".." + l.max();
            return l.field() + " is " + v + ": dxgkrnl refuses it before asking the host (" + l.field() + " " + range
                    + ")";
        }
        return null;
    }
}
