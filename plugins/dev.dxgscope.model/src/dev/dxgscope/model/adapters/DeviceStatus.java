package dev.dxgscope.model.adapters;

import dev.dxgscope.capture.Errno;
import java.util.List;

/**
 * The outcome of looking at a dxg device: its adapters, or why it could not be asked, in words a
 * user can act on.
 */
public sealed interface DeviceStatus {

    /** The device path that was asked. */
    String devicePath();

    /** The device answered and enumerated {@code adapterCount} adapters (maybe more than listed). */
    record Available(String devicePath, int adapterCount, List<AdapterInfo> adapters) implements DeviceStatus {
    }

    /** The device could not be opened or did not answer the enumeration ioctl. */
    record Unavailable(String devicePath, Stage stage, int errno) implements DeviceStatus {

        /** One sentence: what failed and why. */
        public String problem() {
            String what = stage == Stage.OPEN ? "Cannot open " + devicePath
                    : devicePath + " did not answer LX_DXENUMADAPTERS3";
            return what + ": " + Errno.name(errno) + " (" + Errno.message(errno) + ").";
        }

        /** What the user can do instead. */
        public String advice() {
            return switch (Errno.name(errno)) {
                case "ENOENT" -> "This machine has no paravirtualized GPU: /dev/dxg exists only inside WSL2 "
                        + "with GPU support. Open a capture (File > Open Capture), or run the built-in "
                        + "simulator (File > Demo, or File > Live Session on the simulator) to explore "
                        + "dxgscope here.";
                case "EACCES", "EPERM" -> "You lack permission to open the device. Add your user to the "
                        + "group that owns " + devicePath + " (see 'ls -l " + devicePath + "'), or run "
                        + "the capture tools with enough rights.";
                case "ENOTTY" -> devicePath + " is not a dxg device (it refuses dxg ioctls). Point "
                        + "DXGSCOPE_DEVICE at /dev/dxg, or use the simulator (File > Demo).";
                case "ENODEV" -> "The adapter was removed or stopped by the host. Restart the WSL "
                        + "session (wsl --shutdown) and check the Windows GPU driver.";
                default -> "Check dmesg for 'misc dxg' lines and try again.";
            };
        }
    }

    /** Where the query stopped. */
    enum Stage {
        OPEN, ENUMERATE
    }
}
