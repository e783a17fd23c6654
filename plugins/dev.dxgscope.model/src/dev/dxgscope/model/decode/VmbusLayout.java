package dev.dxgscope.model.decode;

import dev.dxgscope.capture.AbiTables;
import java.nio.ByteBuffer;

/**
 * Where a VMBus message's command struct starts and which struct describes it. Requests carry the
 * 16-byte extension header when the interface version is 40 or newer; replies and host messages do
 * not. The header's own command_type must match the record's, which tells the two cases apart
 * without knowing the version.
 */
public final class VmbusLayout {
    private VmbusLayout() {
    }

    /** Offset of the command struct in the message bytes. */
    public static int commandBase(AbiTables abi, ByteBuffer msg, int direction, int command) {
        if (direction == Event.Vmbus.REPLY) {
            return 0;
        }
        AbiTables.Struct ext = abi.vmbusStruct("dxgvmb_ext_header");
        AbiTables.Struct hdr = abi.vmbusStruct(direction == Event.Vmbus.HOST_MESSAGE ? "dxgkvmb_command_host_to_vm"
                : "dxgkvmb_command_vgpu_to_host");
        int extSize = ext != null ? ext.size() : 16;
        int typeAt = hdr != null && hdr.fields().containsKey("command_type") ? hdr.field("command_type").offset() : 16;
        int p = msg.position();
        if (msg.remaining() >= extSize + typeAt + 4 && msg.getInt(p) == extSize
                && msg.getInt(p + extSize + typeAt) == command) {
            return extSize;
        }
        return 0;
    }

    /**
     * The struct name of a message: the request struct of its command, the command's
     * {@code _return} struct for replies (null when the reply is a bare status or unknown).
     */
    public static String structName(AbiTables abi, int direction, int command) {
        String name = Names.vmbusCommand(direction, command);
        if (name.startsWith("command ")) {
            return null;
        }
        String base = "dxgkvmb_command_" + switch (name) {
            case "SETCONTEXTSCHEDULINGPRIORITY" -> "setcontextschedulingpriority2";
            case "DDIGETSTANDARDALLOCATIONDRIVERDATA" -> "getstandardallocprivdata";
            case "ISFEATUREENABLED_GLOBAL" -> "isfeatureenabled_gbl";
            default -> name.toLowerCase(java.util.Locale.ROOT);
        };
        if (direction == Event.Vmbus.REPLY) {
            String r = base + "_return";
            return abi.vmbusStruct(r) != null ? r : null;
        }
        return abi.vmbusStruct(base) != null ? base : null;
    }

    /**
     * Whether the host answers this command in the request's own buffer (header and command struct,
     * its output fields filled in), as the driver reads CREATECONTEXTVIRTUAL's context and
     * CREATEHWQUEUE's queue handles back out of the command (dxgvmbus.c).
     */
    public static boolean replyEchoesRequest(int command) {
        String name = Names.vmbusCommand(Event.Vmbus.REPLY, command);
        return name.equals("CREATECONTEXTVIRTUAL") || name.equals("CREATEHWQUEUE");
    }

    /** A field of the command struct, or {@link IoctlCall#UNKNOWN}. */
    public static long field(AbiTables abi, ByteBuffer msg, int base, String struct, String field) {
        AbiTables.Struct s = abi.vmbusStruct(struct);
        AbiTables.Field f = s == null ? null : s.fields().get(field);
        if (f == null) {
            return IoctlCall.UNKNOWN;
        }
        int at = msg.position() + base + f.offset();
        if (at + Math.min(f.size(), 8) > msg.limit()) {
            return IoctlCall.UNKNOWN;
        }
        return switch (f.size()) {
            case 1 -> Byte.toUnsignedLong(msg.get(at));
            case 2 -> Short.toUnsignedLong(msg.getShort(at));
            case 4 -> Integer.toUnsignedLong(msg.getInt(at));
            default -> msg.getLong(at);
        };
    }
}
