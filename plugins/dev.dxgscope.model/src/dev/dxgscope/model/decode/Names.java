package dev.dxgscope.model.decode;

import dev.dxgscope.capture.AbiNames;
import dev.dxgscope.capture.Errno;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Display names of the ABI's numbers: errno and NTSTATUS values, VMBus command types, query types,
 * sync-object types, residency states and flag words. Unknown values get a name that still shows
 * the number ({@code "command 77"}), never an exception.
 */
public final class Names {
    private static final Map<Integer, String> NTSTATUS = Map.ofEntries(
            Map.entry(0x00000000, "STATUS_SUCCESS"),
            Map.entry(0x00000102, "STATUS_TIMEOUT"),
            Map.entry(0x00000103, "STATUS_PENDING"),
            Map.entry(0xC0000001, "STATUS_UNSUCCESSFUL"),
            Map.entry(0xC0000002, "STATUS_NOT_IMPLEMENTED"),
            Map.entry(0xC0000008, "STATUS_INVALID_HANDLE"),
            Map.entry(0xC000000D, "STATUS_INVALID_PARAMETER"),
            Map.entry(0xC0000017, "STATUS_NO_MEMORY"),
            Map.entry(0xC000001D, "STATUS_ILLEGAL_INSTRUCTION"),
            Map.entry(0xC0000022, "STATUS_ACCESS_DENIED"),
            Map.entry(0xC0000023, "STATUS_BUFFER_TOO_SMALL"),
            Map.entry(0xC0000024, "STATUS_OBJECT_TYPE_MISMATCH"),
            Map.entry(0xC0000033, "STATUS_OBJECT_NAME_INVALID"),
            Map.entry(0xC0000034, "STATUS_OBJECT_NAME_NOT_FOUND"),
            Map.entry(0xC0000035, "STATUS_OBJECT_NAME_COLLISION"),
            Map.entry(0xC00000BB, "STATUS_NOT_SUPPORTED"),
            Map.entry(0xC00002B6, "STATUS_DEVICE_REMOVED"),
            Map.entry(0xC01E0102, "STATUS_GRAPHICS_ALLOCATION_BUSY"));

    /** Residency status a QueryAllocationResidency reports for a resident allocation. */
    public static final int RESIDENT_IN_GPU_MEMORY = 1;
    public static final int RESIDENT_IN_SHARED_MEMORY = 2;
    public static final int NOT_RESIDENT = 3;

    public static final int STATUS_PENDING = 0x103;

    private Names() {
    }

    /** "ENOMEM" for 12 or -12. */
    public static String errno(int errno) {
        return Errno.name(errno);
    }

    /**
     * An ioctl request value with its fields: "0xc0144709 (_IOWR 'G' 0x09, 20 bytes)", so a size or
     * direction the driver does not know can be read off it.
     */
    public static String request(int request) {
        String dir = switch (request >>> 30) {
            case 0 -> "_IO";
            case 1 -> "_IOW";
            case 2 -> "_IOR";
            default -> "_IOWR";
        };
        int type = request >>> 8 & 0xff;
        String typeText = type >= 0x21 && type < 0x7f ? "'" + (char) type + "'" : String.format("0x%02x", type);
        return String.format("0x%08x (%s %s 0x%02x, %d bytes)", request, dir, typeText, request & 0xff,
                request >>> 16 & 0x3fff);
    }

    /** "STATUS_NO_MEMORY" for 0xC0000017, else "NTSTATUS 0x…". */
    public static String ntstatus(int status) {
        String n = NTSTATUS.get(status);
        return n != null ? n : String.format("NTSTATUS 0x%08x", status);
    }

    /** Whether an NTSTATUS is an error (severity bits 11). */
    public static boolean ntError(int status) {
        return (status >>> 30) == 3;
    }

    /**
     * The name of a VMBus command type as seen on a channel in a direction (FORMAT.md kind 50):
     * host-to-guest messages use their own numbering, global-channel commands start at 1000.
     */
    public static String vmbusCommand(int direction, int command) {
        String n = AbiNames.vmbusCommand(direction, command);
        return n != null ? n : "command " + command;
    }

    /** Every VMBus command type name (adapter, global and host-to-guest numbering). */
    public static java.util.Set<String> vmbusCommandNames() {
        java.util.Set<String> all = new java.util.TreeSet<>(AbiNames.VMBUS_ADAPTER_COMMAND.values());
        all.addAll(AbiNames.VMBUS_GLOBAL_COMMAND.values());
        all.addAll(AbiNames.VMBUS_HOST_COMMAND.values());
        return all;
    }

    /** The NTSTATUS value with this name ("STATUS_NO_MEMORY" or "NO_MEMORY"), or null. */
    public static Integer ntstatusValue(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        for (Map.Entry<Integer, String> e : NTSTATUS.entrySet()) {
            if (e.getValue().equals(n) || e.getValue().equals("STATUS_" + n)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** A VMBus command header's channel type ("VGPU_TO_HOST", "VM_TO_HOST", "HOST_TO_VM"). */
    public static String vmbusChannelType(int type) {
        return orNumber(AbiNames.VMBUS_CHANNEL_TYPE.get(type), "channel type", type);
    }

    /** How the capture names a message's direction (FORMAT.md kind 50): "request", "reply", "host message". */
    public static String vmbusDirection(int direction) {
        return switch (direction) {
            case 1 -> "request";
            case 2 -> "reply";
            case 3 -> "host message";
            default -> "direction " + direction;
        };
    }

    /** A KMTQAITYPE name without its prefix ("ADAPTERTYPE"). */
    public static String queryAdapterInfoType(int type) {
        return orNumber(AbiNames.KMTQAITYPE.get(type), "type", type);
    }

    /** The KMTQAITYPE value with this name ("ADAPTERTYPE" gives 15), -1 when unknown. */
    public static int queryAdapterInfoValue(String name) {
        for (Map.Entry<Integer, String> e : AbiNames.KMTQAITYPE.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return -1;
    }

    /** A sync-object type name ("MONITORED_FENCE"). */
    public static String syncObjectType(int type) {
        return orNumber(AbiNames.SYNC_OBJECT_TYPE.get(type), "type", type);
    }

    /** A residency status name ("RESIDENTINGPUMEMORY"). */
    public static String residencyStatus(int status) {
        return orNumber(AbiNames.RESIDENCY_STATUS.get(status), "status", status);
    }

    /** "LOCAL" or "NON_LOCAL". */
    public static String segmentGroup(int group) {
        return orNumber(AbiNames.SEGMENT_GROUP.get(group), "group", group);
    }

    public static String queryStatisticsType(int type) {
        return orNumber(AbiNames.QUERY_STATISTICS_TYPE.get(type), "type", type);
    }

    public static String deviceExecutionState(int state) {
        return orNumber(AbiNames.DEVICE_EXECUTION_STATE.get(state), "state", state);
    }

    /** The flag words whose bit names are known, by the struct that holds them. */
    public enum FlagWord {
        CREATE_DEVICE(AbiNames.CREATE_DEVICE_FLAGS), CREATE_CONTEXT(AbiNames.CREATE_CONTEXT_FLAGS),
        CREATE_HWQUEUE(AbiNames.CREATE_HWQUEUE_FLAGS), CREATE_ALLOCATION(AbiNames.CREATE_ALLOCATION_FLAGS),
        DESTROY_ALLOCATION(AbiNames.DESTROY_ALLOCATION_FLAGS), MAKE_RESIDENT(AbiNames.MAKE_RESIDENT_FLAGS),
        EVICT(AbiNames.EVICT_FLAGS), LOCK2(AbiNames.LOCK2_FLAGS), SYNC_OBJECT(AbiNames.SYNC_OBJECT_FLAGS),
        SIGNAL(AbiNames.SIGNAL_FLAGS), WAIT_FROM_CPU(AbiNames.WAIT_FROM_CPU_FLAGS), SUBMIT(AbiNames.SUBMIT_FLAGS);

        private final Object[][] bits;

        FlagWord(Object[][] bits) {
            this.bits = bits;
        }

        /** Names of the set bits joined by '|' ("create_resource|create_shared"), "0" for none. */
        public String describe(long value) {
            StringJoiner j = new StringJoiner("|");
            long rest = value;
            for (Object[] b : bits) {
                int at = (Integer) b[0];
                int width = (Integer) b[1];
                long mask = ((1L << width) - 1) << at;
                long v = (value & mask) >>> at;
                rest &= ~mask;
                if (v != 0) {
                    j.add(width == 1 ? (String) b[2] : b[2] + "=" + v);
                }
            }
            if (rest != 0) {
                j.add(String.format("0x%x", rest));
            }
            return j.length() == 0 ? "0" : j.toString();
        }

        /** Whether the named one-bit flag is set. */
        public boolean has(long value, String name) {
            for (Object[] b : bits) {
                if (b[2].equals(name)) {
                    return ((value >>> (Integer) b[0]) & 1) != 0;
                }
            }
            return false;
        }
    }

    private static String orNumber(String name, String what, int value) {
        return name != null ? name : what + " " + value;
    }
}
