package dev.dxgscope.model.decode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * What a VMBus field's bytes mean, decided by its name (the layout table gives names, offsets and
 * sizes, not types): handles and addresses in hex, NTSTATUS, command and channel types, query
 * types and segment groups by name, flag words bit by bit, LUIDs, UTF-16 names, byte sizes.
 */
final class VmbusValues {
    private static final Set<String> HANDLES = Set.of("process", "device", "resource", "paging_queue", "allocation",
            "allocations", "objects", "contexts", "context", "hwqueue", "hwqueue_progress_fence", "sync_object",
            "global_sync_object", "global_share", "host_adapter_handle", "adapter", "guest_adapter_handle", "hprocess",
            "host_handle", "object", "shared_handle", "object_handle", "device_handle", "fence_object");
    private static final Set<String> ADDRESSES = Set.of("event", "guest_pointer", "guest_event_pointer",
            "cpu_event_handle", "fence_gpu_va", "fence_storage_address", "fence_storage_physical_address",
            "hwqueue_progress_fence_cpuva", "hwqueue_progress_fence_gpuva", "gpu_virtual_address",
            "guest_cpu_physical_address", "cpu_visible_buffer_offset", "private_runtime_resource_handle",
            "command_id", "virtual_address", "base_address", "minimum_address", "maximum_address", "start",
            "vail_nt_handle", "error_code");
    private static final Set<String> BYTE_COUNTS = Set.of("allocation_size", "num_bytes_to_trim", "budget",
            "current_usage", "current_reservation", "available_for_reservation");
    private static final Set<String> BOOLEANS = Set.of("make_resident", "dereference_event", "legacy_fence_object",
            "cdd_device", "in_process", "nt_security_sharing", "resources", "write_results", "use_legacy_lock",
            "use_legacy_unlock");
    private static final Set<String> UTF16 = Set.of("process_name", "device_description", "device_instance_id");
    private static final Map<String, Names.FlagWord> FLAGS = Map.ofEntries(
            Map.entry("dxgkvmb_command_createallocation", Names.FlagWord.CREATE_ALLOCATION),
            Map.entry("dxgkvmb_command_createallocation_return", Names.FlagWord.CREATE_ALLOCATION),
            Map.entry("dxgkvmb_command_makeresident", Names.FlagWord.MAKE_RESIDENT),
            Map.entry("dxgkvmb_command_evict", Names.FlagWord.EVICT),
            Map.entry("dxgkvmb_command_destroyallocation", Names.FlagWord.DESTROY_ALLOCATION),
            Map.entry("dxgkvmb_command_signalsyncobject", Names.FlagWord.SIGNAL),
            Map.entry("dxgkvmb_command_waitforsyncobjectfromcpu", Names.FlagWord.WAIT_FROM_CPU),
            Map.entry("dxgkvmb_command_createhwqueue", Names.FlagWord.CREATE_HWQUEUE),
            Map.entry("dxgkvmb_command_opensyncobject", Names.FlagWord.SYNC_OBJECT),
            Map.entry("dxgkvmb_command_createcontextvirtual", Names.FlagWord.CREATE_CONTEXT),
            Map.entry("dxgkvmb_command_createdevice", Names.FlagWord.CREATE_DEVICE));

    private VmbusValues() {
    }

    /** Unsigned little-endian value of 1 to 8 bytes at {@code at}. */
    static long number(ByteBuffer b, int at, int size) {
        long v = 0;
        for (int i = Math.min(size, 8) - 1; i >= 0; i--) {
            v = (v << 8) | (b.get(at + i) & 0xff);
        }
        return v;
    }

    /** "0x00400000" for numbers of up to 8 bytes, else the bytes in hex (the first 16, then "…"). */
    static String raw(ByteBuffer b, int at, int size) {
        if (size <= 0) {
            return "";
        }
        if (size <= 8) {
            return String.format("0x%0" + (size * 2) + "x", number(b, at, size));
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(size, 16); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b.get(at + i)));
        }
        return size > 16 ? s.append(" …").toString() : s.toString();
    }

    /**
     * The meaning of a field. {@code direction} names the command type's numbering (host messages
     * number theirs apart).
     */
    static String describe(String struct, String field, ByteBuffer b, int at, int size, int direction) {
        if (UTF16.contains(field)) {
            return utf16(b, at, size);
        }
        if (size > 8) {
            return size + " bytes";
        }
        long v = number(b, at, size);
        if (field.endsWith("_luid")) {
            return size == 8 ? String.format("0x%08x:0x%08x", v >>> 32, v & 0xffffffffL) : hex(v);
        }
        if (field.equals("status")) {
            return Names.ntstatus((int) v);
        }
        if (field.equals("command_type")) {
            return Names.vmbusCommand(direction, (int) v) + " (" + v + ")";
        }
        if (field.equals("channel_type")) {
            return Names.vmbusChannelType((int) v);
        }
        if (field.equals("query_type")) {
            return Names.queryAdapterInfoType((int) v);
        }
        if (field.equals("memory_segment_group")) {
            return Names.segmentGroup((int) v);
        }
        if (field.equals("flags") && FLAGS.containsKey(struct)) {
            return FLAGS.get(struct).describe(v);
        }
        if (HANDLES.contains(field) || ADDRESSES.contains(field) || field.endsWith("flags")) {
            return hex(v);
        }
        if (field.equals("priority") && size == 4) {
            return Integer.toString((int) v); // scheduling priorities are signed
        }
        if (BOOLEANS.contains(field) && size == 1) {
            return v == 0 ? "false" : "true";
        }
        if (BYTE_COUNTS.contains(field) || field.endsWith("_size")) {
            return v + binary(v);
        }
        return Long.toUnsignedString(v);
    }

    /** " (4 MiB)" for exact multiples of KiB, MiB, GiB; "" otherwise (the number says it all). */
    private static String binary(long v) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        for (int u = units.length - 1; u >= 0; u--) {
            long unit = 1L << (10 * (u + 1));
            if (v >= unit && v % unit == 0) {
                return " (" + v / unit + " " + units[u] + ")";
            }
        }
        return "";
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** A NUL-terminated UTF-16LE string, quoted. */
    static String utf16(ByteBuffer b, int at, int size) {
        int n = 0;
        while (n + 1 < size && (b.get(at + n) != 0 || b.get(at + n + 1) != 0)) {
            n += 2;
        }
        byte[] chars = new byte[n];
        b.get(at, chars);
        return "\"" + new String(chars, StandardCharsets.UTF_16LE) + "\"";
    }
}
