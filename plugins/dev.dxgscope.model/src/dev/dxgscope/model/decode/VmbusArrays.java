package dev.dxgscope.model.decode;

import java.util.List;
import java.util.Map;

/**
 * The variable parts of VMBus messages that a layout table cannot express: arrays declared as
 * {@code x[1]} that really hold {@code count} elements, and the arrays and private data that follow
 * a command struct (dxgvmbus.h comments, dxg-abi.md §4.4). Only names live here: where an array
 * starts comes from the capture's ABI (the offset of its field, or the struct's size); how many
 * elements it has comes from a count field named here; element sizes are the C types' sizes.
 */
final class VmbusArrays {
    /** What one element is. */
    enum Element {
        HANDLE(4), U32(4), U64(8), RESIDENCY(4),
        /** An opaque byte blob: one node, {@link Count} gives its size in bytes. */
        BYTES(1),
        /** A struct of the capture's ABI ({@link Array#struct}). */
        STRUCT(0),
        /** The declared field's own size (an {@code x[1]} field of a primitive type). */
        FIELD(0);

        final int size;

        Element(int size) {
            this.size = size;
        }
    }

    /** Where an element count comes from. */
    sealed interface Count {
    }

    /** A field of the same struct instance. */
    record Field(String name) implements Count {
    }

    /** A field of the request this reply answers (CREATEALLOCATION replies do not repeat alloc_count). */
    record OfRequest(String struct, String name) implements Count {
    }

    /** As many as the rest of the message holds. */
    record Fill() implements Count {
    }

    /** The sum of a field over the elements of an earlier array (per-allocation private data). */
    record SumOf(String array, String field) implements Count {
    }

    /**
     * One array. {@code optional}: absent when no bytes are left (fence values of a signal are sent
     * only for monitored fences).
     */
    record Array(String name, Count count, Element element, String struct, boolean optional) {
        Array(String name, Count count, Element element) {
            this(name, count, element, null, false);
        }
    }

    private static final Field ALLOC_COUNT = new Field("alloc_count");
    private static final Field OBJECT_COUNT = new Field("object_count");
    private static final Field ALLOCATION_COUNT = new Field("allocation_count");

    /** Arrays that start at a field of a struct (the field is their first element). */
    private static final Map<String, List<Array>> INLINE = Map.ofEntries(
            Map.entry("dxgkvmb_command_makeresident.allocations",
                    List.of(new Array("allocations", ALLOC_COUNT, Element.HANDLE))),
            Map.entry("dxgkvmb_command_evict.allocations", List.of(new Array("allocations", ALLOC_COUNT, Element.HANDLE))),
            Map.entry("dxgkvmb_command_destroyallocation.allocations",
                    List.of(new Array("allocations", ALLOC_COUNT, Element.HANDLE))),
            /* resource handles instead when resources is set */
            Map.entry("dxgkvmb_command_offerallocations.allocations",
                    List.of(new Array("allocations", ALLOCATION_COUNT, Element.HANDLE))),
            Map.entry("dxgkvmb_command_reclaimallocations.allocations",
                    List.of(new Array("allocations", ALLOCATION_COUNT, Element.HANDLE))),
            /* the object handles come first, then one fence value per object (dxgvmb_send_wait_sync_object_gpu) */
            Map.entry("dxgkvmb_command_waitforsyncobjectfromgpu.fence_values",
                    List.of(new Array("objects", OBJECT_COUNT, Element.HANDLE),
                            new Array("fence_values", OBJECT_COUNT, Element.FIELD))),
            Map.entry("dxgkvmb_command_createallocation_return.allocation_info",
                    List.of(new Array("allocation_info",
                            new OfRequest("dxgkvmb_command_createallocation", "alloc_count"), Element.STRUCT,
                            "dxgkvmb_command_allocinfo_return", false))),
            Map.entry("dxgkvmb_command_queryadapterinfo.private_data",
                    List.of(new Array("private_data", new Field("private_data_size"), Element.BYTES))),
            /* with interface version 40 or newer: the status, then the private data */
            Map.entry("dxgkvmb_command_queryadapterinfo_return.private_data",
                    List.of(new Array("private_data", new Fill(), Element.BYTES))),
            Map.entry("dxgkvmb_command_createcontextvirtual.priv_drv_data",
                    List.of(new Array("priv_drv_data", new Field("priv_drv_data_size"), Element.BYTES))),
            Map.entry("dxgkvmb_command_createhwqueue.priv_drv_data",
                    List.of(new Array("priv_drv_data", new Field("priv_drv_data_size"), Element.BYTES))),
            Map.entry("dxgkvmb_command_escape.priv_drv_data",
                    List.of(new Array("priv_drv_data", new Fill(), Element.BYTES))));

    /** Arrays after the struct (or after its last inline array), in order. */
    private static final Map<String, List<Array>> TRAILING = Map.ofEntries(
            Map.entry("dxgkvmb_command_createallocation",
                    List.of(new Array("allocation infos", ALLOC_COUNT, Element.STRUCT,
                            "dxgkvmb_command_createallocation_allocinfo", false),
                            new Array("private runtime data", new Field("private_runtime_data_size"), Element.BYTES),
                            new Array("resource private driver data", new Field("priv_drv_data_size"), Element.BYTES),
                            new Array("allocation private driver data", new Fill(), Element.BYTES))),
            Map.entry("dxgkvmb_command_createallocation_return",
                    List.of(new Array("allocation private driver data",
                            new SumOf("allocation_info", "priv_drv_data_size"), Element.BYTES))),
            Map.entry("dxgkvmb_command_signalsyncobject",
                    List.of(new Array("objects", OBJECT_COUNT, Element.HANDLE),
                            new Array("contexts", new Field("context_count"), Element.HANDLE),
                            new Array("fence_values", OBJECT_COUNT, Element.U64, null, true))),
            Map.entry("dxgkvmb_command_waitforsyncobjectfromcpu",
                    List.of(new Array("objects", OBJECT_COUNT, Element.HANDLE),
                            new Array("fence_values", OBJECT_COUNT, Element.U64, null, true))),
            Map.entry("dxgkvmb_command_queryallocationresidency",
                    List.of(new Array("allocations", new Fill(), Element.HANDLE))),
            /* sized by the request's allocation_count */
            Map.entry("dxgkvmb_command_openresource_return",
                    List.of(new Array("allocations", new Fill(), Element.HANDLE))),
            Map.entry("dxgkvmb_command_queryallocationresidency_return",
                    List.of(new Array("residency states", new Fill(), Element.RESIDENCY))),
            /* the handles (none for a resource's priority), then the priorities set, or the result area */
            Map.entry("dxgkvmb_command_setallocationpriority",
                    List.of(new Array("allocations", ALLOCATION_COUNT, Element.HANDLE),
                            new Array("priorities", new Fill(), Element.U32))),
            Map.entry("dxgkvmb_command_getallocationpriority",
                    List.of(new Array("allocations", ALLOCATION_COUNT, Element.HANDLE),
                            new Array("result area", new Fill(), Element.U32))),
            Map.entry("dxgkvmb_command_getallocationpriority_return",
                    List.of(new Array("priorities", new Fill(), Element.U32))));

    /**
     * Struct-typed fields: the layout table names a field, not its type. Vmbus structs first, then
     * d3dkmthk; a field whose size differs from its type's stays one field. Most {@code args} are the
     * ioctl's own argument struct, forwarded as it is.
     */
    private static final Map<String, String> NESTED = Map.ofEntries(
            Map.entry("dxgkvmb_command_createsyncobject.args", "d3dkmt_createsynchronizationobject2"),
            Map.entry("dxgkvmb_command_allocinfo_return.driver_info", "dxgkarg_describeallocation"),
            Map.entry("dxgkvmb_command_allocinfo_return.allocation_flags", "dxgkvmb_allocflags"),
            Map.entry("dxgkvmb_command_createpagingqueue.args", "d3dkmt_createpagingqueue"),
            Map.entry("dxgkvmb_command_submitcommand.args", "d3dkmt_submitcommand"),
            Map.entry("dxgkvmb_command_submitcommandtohwqueue.args", "d3dkmt_submitcommandtohwqueue"),
            Map.entry("dxgkvmb_command_freegpuvirtualaddress.args", "d3dkmt_freegpuvirtualaddress"),
            Map.entry("dxgkvmb_command_mapgpuvirtualaddress.args", "d3dddi_mapgpuvirtualaddress"),
            Map.entry("dxgkvmb_command_reservegpuvirtualaddress.args", "d3dddi_reservegpuvirtualaddress"),
            Map.entry("dxgkvmb_command_queryclockcalibration.args", "d3dkmt_queryclockcalibration"),
            Map.entry("dxgkvmb_command_queryclockcalibration_return.clock_data", "dxgk_gpuclockdata"),
            Map.entry("dxgkvmb_command_querystatistics.args", "d3dkmt_querystatistics"),
            Map.entry("dxgkvmb_command_lock2.args", "d3dkmt_lock2"),
            Map.entry("dxgkvmb_command_unlock2.args", "d3dkmt_unlock2"),
            Map.entry("dxgkvmb_command_updateallocationproperty.args", "d3dddi_updateallocproperty"),
            Map.entry("dxgkvmb_command_markdeviceaserror.args", "d3dkmt_markdeviceaserror"),
            Map.entry("dxgkvmb_command_changevideomemoryreservation.args", "d3dkmt_changevideomemoryreservation"),
            Map.entry("dxgkvmb_command_queryallocationresidency.args", "d3dkmt_queryallocationresidency"),
            Map.entry("dxgkvmb_command_getdevicestate.args", "d3dkmt_getdevicestate"),
            Map.entry("dxgkvmb_command_getdevicestate_return.args", "d3dkmt_getdevicestate"),
            Map.entry("dxgkvmb_command_isfeatureenabled_return.descriptor", "dxgk_feature_desc"));

    private VmbusArrays() {
    }

    static List<Array> inline(String struct, String field) {
        return INLINE.getOrDefault(struct + "." + field, List.of());
    }

    static List<Array> trailing(String struct) {
        return TRAILING.getOrDefault(struct, List.of());
    }

    /** The struct type of a field, or null when it is not a struct (or not known to be one). */
    static String nested(String struct, String field) {
        return NESTED.get(struct + "." + field);
    }
}
