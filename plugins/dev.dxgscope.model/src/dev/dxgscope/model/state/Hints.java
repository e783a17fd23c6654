package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import java.util.Set;

/** Known explanations of failures engineers meet on WSL (start-up probing, fork, budgets, removal). */
final class Hints {
    /** Request numbers whose slot in dxgkrnl's ioctl table has no handler: legacy calls (dxg-abi.md). */
    private static final Set<Integer> NO_HANDLER = Set.of(0x03, 0x17, 0x1a, 0x23, 0x28, 0x29, 0x2b, 0x2d);

    private Hints() {
    }

    /**
     * Why the dispatcher most likely refused an ENOTTY call, from what the model knows, in the order
     * the dispatcher checks: request number 0, a legacy number with no handler, a request value the
     * ABI does not have, a descriptor another process opened ({@code through}: the caller's
     * descriptor the call was made on, or null). NONE when it cannot tell; a dispatcher line in the
     * kernel log says for sure (a number past the end of the kernel's table only it can tell).
     */
    static Refusal refusal(IoctlCall c, DxgProcess caller, FdRef through) {
        int nr = c.code() & 0xff;
        if (nr == 0) {
            return Refusal.OUT_OF_RANGE;
        }
        if (NO_HANDLER.contains(nr)) {
            return Refusal.NO_HANDLER;
        }
        if (c.ioctl() == null) {
            return Refusal.MISMATCH;
        }
        if (through != null && through.file() != null && through.file().opener() != caller) {
            return Refusal.WRONG_PROCESS;
        }
        return Refusal.NONE;
    }

    /** The hint for an ENOTTY call the dispatcher refused for {@code why} (NONE: not known why). */
    static String refused(Refusal why, int request, DxgProcess caller, FdRef through) {
        return switch (why) {
            case WRONG_PROCESS -> "this process did not open the /dev/dxg it called through"
                    + (through != null && through.file() != null && through.file().opener() != caller
                            ? " (fd " + through.fd() + ", opened by pid " + through.file().opener().pid() + ")" : "")
                    + ": dxgkrnl serves only the process that opened the file; after fork, open /dev/dxg again";
            case NO_HANDLER -> "dxgkrnl has no handler for this legacy request (an empty slot in its ioctl table):"
                    + " only its replacement call is implemented on Linux";
            case MISMATCH -> "the request code is not one this driver knows (size or direction bits differ from the"
                    + " ABI): the user-mode runtime was built against another dxgkrnl ABI";
            case OUT_OF_RANGE -> (request & 0xff) == 0
                    ? "request number 0 is no dxgkrnl request (its table starts at 1): the caller passed a wrong request"
                    : String.format("this dxgkrnl has no request number 0x%02x: the kernel is older than the runtime"
                            + " that called it (update the WSL kernel)", request & 0xff);
            case NONE -> "a call from a process that did not open this /dev/dxg (after fork, reopen the device),"
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
            return name.equals("LX_DXQUERYADAPTERINFO")
                    ? "the host's answer does not fit the private data buffer (STATUS_BUFFER_TOO_SMALL): pass a larger size"
                    : "the host answered STATUS_BUFFER_TOO_SMALL; if every later call fails alike (reported after GPU"
                            + " processes were killed), the VMBus connection stays broken until WSL restarts";
        }
        if (errno == 110 || errno == 62) {
            return "the host did not answer in time (VMBus timeout); the host driver may be hung";
        }
        return null;
    }
}
