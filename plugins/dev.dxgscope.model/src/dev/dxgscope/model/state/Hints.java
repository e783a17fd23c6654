package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.IoctlCall;

/** Known explanations of failures engineers meet on WSL (start-up probing, fork, budgets, removal). */
final class Hints {
    private Hints() {
    }

    /** A one-line hint for a failed call, or null. */
    static String of(IoctlCall c, boolean startingUp) {
        int errno = c.errno();
        String name = c.name();
        if (name.equals("LX_DXQUERYADAPTERINFO") && (errno == 22 || errno == 2) && startingUp) {
            return "during start-up this is usually the runtime probing child adapters or optional query types;"
                    + " usually harmless";
        }
        if (errno == 25) {
            return c.ioctl() == null
                    ? "the request code is not one this driver knows (size or direction bits differ from the ABI):"
                            + " the user-mode runtime was built against another dxgkrnl ABI"
                    : "a call from a process that did not open this /dev/dxg (after fork, reopen the device),"
                            + " or an ioctl this kernel does not implement";
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
        if (errno == 110 || errno == 62) {
            return "the host did not answer in time (VMBus timeout); the host driver may be hung";
        }
        return null;
    }
}
