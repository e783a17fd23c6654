package dev.dxgscope.capture;

import java.util.Map;

/**
 * Names of the dxg ABI's enumeration values and flag bits, generated from the native headers by
 * {@code releng/scripts/gen-names.py} (do not edit). Only names live here: struct offsets come from
 * each capture's own ABI record. Here, beside the reader, so that the model's decoder and the
 * reader's text dump ({@link CaptureDump}, equal to {@code dxgcap dump}) name values alike.
 */
public final class AbiNames {
    private AbiNames() {
    }

    /** {@code enum kmtqueryadapterinfotype}. */
    public static final Map<Integer, String> KMTQAITYPE = Map.ofEntries(
            Map.entry(0, "UMDRIVERPRIVATE"),
            Map.entry(1, "UMDRIVERNAME"),
            Map.entry(2, "UMOPENGLINFO"),
            Map.entry(3, "GETSEGMENTSIZE"),
            Map.entry(4, "ADAPTERGUID"),
            Map.entry(5, "FLIPQUEUEINFO"),
            Map.entry(6, "ADAPTERADDRESS"),
            Map.entry(7, "SETWORKINGSETINFO"),
            Map.entry(8, "ADAPTERREGISTRYINFO"),
            Map.entry(9, "CURRENTDISPLAYMODE"),
            Map.entry(10, "MODELIST"),
            Map.entry(11, "CHECKDRIVERUPDATESTATUS"),
            Map.entry(12, "VIRTUALADDRESSINFO"),
            Map.entry(13, "DRIVERVERSION"),
            Map.entry(15, "ADAPTERTYPE"),
            Map.entry(16, "OUTPUTDUPLCONTEXTSCOUNT"),
            Map.entry(17, "WDDM_1_2_CAPS"),
            Map.entry(18, "UMD_DRIVER_VERSION"),
            Map.entry(19, "DIRECTFLIP_SUPPORT"),
            Map.entry(20, "MULTIPLANEOVERLAY_SUPPORT"),
            Map.entry(21, "DLIST_DRIVER_NAME"),
            Map.entry(22, "WDDM_1_3_CAPS"),
            Map.entry(23, "MULTIPLANEOVERLAY_HUD_SUPPORT"),
            Map.entry(24, "WDDM_2_0_CAPS"),
            Map.entry(25, "NODEMETADATA"),
            Map.entry(26, "CPDRIVERNAME"),
            Map.entry(27, "XBOX"),
            Map.entry(28, "INDEPENDENTFLIP_SUPPORT"),
            Map.entry(29, "MIRACASTCOMPANIONDRIVERNAME"),
            Map.entry(30, "PHYSICALADAPTERCOUNT"),
            Map.entry(31, "PHYSICALADAPTERDEVICEIDS"),
            Map.entry(32, "DRIVERCAPS_EXT"),
            Map.entry(33, "QUERY_MIRACAST_DRIVER_TYPE"),
            Map.entry(34, "QUERY_GPUMMU_CAPS"),
            Map.entry(35, "QUERY_MULTIPLANEOVERLAY_DECODE_SUPPORT"),
            Map.entry(36, "QUERY_HW_PROTECTION_TEARDOWN_COUNT"),
            Map.entry(37, "QUERY_ISBADDRIVERFORHWPROTECTIONDISABLED"),
            Map.entry(38, "MULTIPLANEOVERLAY_SECONDARY_SUPPORT"),
            Map.entry(39, "INDEPENDENTFLIP_SECONDARY_SUPPORT"),
            Map.entry(40, "PANELFITTER_SUPPORT"),
            Map.entry(41, "PHYSICALADAPTERPNPKEY"),
            Map.entry(42, "GETSEGMENTGROUPSIZE"),
            Map.entry(43, "MPO3DDI_SUPPORT"),
            Map.entry(44, "HWDRM_SUPPORT"),
            Map.entry(45, "MPOKERNELCAPS_SUPPORT"),
            Map.entry(46, "MULTIPLANEOVERLAY_STRETCH_SUPPORT"),
            Map.entry(47, "GET_DEVICE_VIDPN_OWNERSHIP_INFO"),
            Map.entry(48, "QUERYREGISTRY"),
            Map.entry(49, "KMD_DRIVER_VERSION"),
            Map.entry(50, "BLOCKLIST_KERNEL"),
            Map.entry(51, "BLOCKLIST_RUNTIME"),
            Map.entry(52, "ADAPTERGUID_RENDER"),
            Map.entry(53, "ADAPTERADDRESS_RENDER"),
            Map.entry(54, "ADAPTERREGISTRYINFO_RENDER"),
            Map.entry(55, "CHECKDRIVERUPDATESTATUS_RENDER"),
            Map.entry(56, "DRIVERVERSION_RENDER"),
            Map.entry(57, "ADAPTERTYPE_RENDER"),
            Map.entry(58, "WDDM_1_2_CAPS_RENDER"),
            Map.entry(59, "WDDM_1_3_CAPS_RENDER"),
            Map.entry(60, "QUERY_ADAPTER_UNIQUE_GUID"),
            Map.entry(61, "NODEPERFDATA"),
            Map.entry(62, "ADAPTERPERFDATA"),
            Map.entry(63, "ADAPTERPERFDATA_CAPS"),
            Map.entry(64, "GPUVERSION"),
            Map.entry(65, "DRIVER_DESCRIPTION"),
            Map.entry(66, "DRIVER_DESCRIPTION_RENDER"),
            Map.entry(67, "SCANOUT_CAPS"),
            Map.entry(68, "PARAVIRTUALIZATION_RENDER"));

    /** {@code enum d3dddi_synchronizationobject_type}. */
    public static final Map<Integer, String> SYNC_OBJECT_TYPE = Map.ofEntries(
            Map.entry(1, "SYNCHRONIZATION_MUTEX"),
            Map.entry(2, "SEMAPHORE"),
            Map.entry(3, "FENCE"),
            Map.entry(4, "CPU_NOTIFICATION"),
            Map.entry(5, "MONITORED_FENCE"),
            Map.entry(6, "PERIODIC_MONITORED_FENCE"));

    /** {@code enum d3dkmt_allocationresidencystatus}. */
    public static final Map<Integer, String> RESIDENCY_STATUS = Map.ofEntries(
            Map.entry(1, "RESIDENTINGPUMEMORY"),
            Map.entry(2, "RESIDENTINSHAREDMEMORY"),
            Map.entry(3, "NOTRESIDENT"));

    /** {@code enum d3dkmt_memory_segment_group}. */
    public static final Map<Integer, String> SEGMENT_GROUP = Map.ofEntries(
            Map.entry(0, "LOCAL"),
            Map.entry(1, "NON_LOCAL"));

    /** {@code enum d3dkmt_querystatistics_type}. */
    public static final Map<Integer, String> QUERY_STATISTICS_TYPE = Map.ofEntries(
            Map.entry(0, "ADAPTER"),
            Map.entry(1, "PROCESS"),
            Map.entry(2, "PROCESS_ADAPTER"),
            Map.entry(3, "SEGMENT"),
            Map.entry(4, "PROCESS_SEGMENT"),
            Map.entry(5, "NODE"),
            Map.entry(6, "PROCESS_NODE"),
            Map.entry(7, "VIDPNSOURCE"),
            Map.entry(8, "PROCESS_VIDPNSOURCE"),
            Map.entry(9, "PROCESS_SEGMENT_GROUP"),
            Map.entry(10, "PHYSICAL_ADAPTER"));

    /** {@code enum d3dkmt_standardallocationtype}. */
    public static final Map<Integer, String> STANDARD_ALLOCATION_TYPE = Map.ofEntries(
            Map.entry(1, "EXISTINGHEAP"),
            Map.entry(2, "CROSSADAPTER"));

    /** {@code enum d3dddi_pagingqueue_priority}. */
    public static final Map<Integer, String> PAGING_QUEUE_PRIORITY = Map.ofEntries(
            Map.entry(-1, "BELOW_NORMAL"),
            Map.entry(0, "NORMAL"),
            Map.entry(1, "ABOVE_NORMAL"));

    /** {@code enum d3dkmt_deviceexecution_state}. */
    public static final Map<Integer, String> DEVICE_EXECUTION_STATE = Map.ofEntries(
            Map.entry(1, "ACTIVE"),
            Map.entry(2, "RESET"),
            Map.entry(3, "HUNG"),
            Map.entry(4, "STOPPED"),
            Map.entry(5, "ERROR_OUTOFMEMORY"),
            Map.entry(6, "ERROR_DMAFAULT"),
            Map.entry(7, "ERROR_DMAPAGEFAULT"));

    /** {@code enum dxgkvmb_commandtype_global}. */
    public static final Map<Integer, String> VMBUS_GLOBAL_COMMAND = Map.ofEntries(
            Map.entry(1000, "CREATEPROCESS"),
            Map.entry(1001, "DESTROYPROCESS"),
            Map.entry(1002, "OPENSYNCOBJECT"),
            Map.entry(1003, "DESTROYSYNCOBJECT"),
            Map.entry(1004, "CREATENTSHAREDOBJECT"),
            Map.entry(1005, "DESTROYNTSHAREDOBJECT"),
            Map.entry(1006, "SIGNALFENCE"),
            Map.entry(1007, "NOTIFYPROCESSFREEZE"),
            Map.entry(1008, "NOTIFYPROCESSTHAW"),
            Map.entry(1009, "QUERYETWSESSION"),
            Map.entry(1010, "SETIOSPACEREGION"),
            Map.entry(1011, "COMPLETETRANSACTION"),
            Map.entry(1021, "SHAREOBJECTWITHHOST"),
            Map.entry(1022, "ISFEATUREENABLED_GLOBAL"));

    /** {@code enum dxgkvmb_commandtype}. */
    public static final Map<Integer, String> VMBUS_ADAPTER_COMMAND = Map.ofEntries(
            Map.entry(0, "CREATEDEVICE"),
            Map.entry(1, "DESTROYDEVICE"),
            Map.entry(2, "QUERYADAPTERINFO"),
            Map.entry(3, "DDIQUERYADAPTERINFO"),
            Map.entry(4, "CREATEALLOCATION"),
            Map.entry(5, "DESTROYALLOCATION"),
            Map.entry(6, "CREATECONTEXTVIRTUAL"),
            Map.entry(7, "DESTROYCONTEXT"),
            Map.entry(8, "CREATESYNCOBJECT"),
            Map.entry(9, "CREATEPAGINGQUEUE"),
            Map.entry(10, "DESTROYPAGINGQUEUE"),
            Map.entry(11, "MAKERESIDENT"),
            Map.entry(12, "EVICT"),
            Map.entry(13, "ESCAPE"),
            Map.entry(14, "OPENADAPTER"),
            Map.entry(15, "CLOSEADAPTER"),
            Map.entry(16, "FREEGPUVIRTUALADDRESS"),
            Map.entry(17, "MAPGPUVIRTUALADDRESS"),
            Map.entry(18, "RESERVEGPUVIRTUALADDRESS"),
            Map.entry(19, "UPDATEGPUVIRTUALADDRESS"),
            Map.entry(20, "SUBMITCOMMAND"),
            Map.entry(21, "QUERYVIDEOMEMORYINFO"),
            Map.entry(22, "WAITFORSYNCOBJECTFROMCPU"),
            Map.entry(23, "LOCK2"),
            Map.entry(24, "UNLOCK2"),
            Map.entry(25, "WAITFORSYNCOBJECTFROMGPU"),
            Map.entry(26, "SIGNALSYNCOBJECT"),
            Map.entry(27, "SIGNALFENCENTSHAREDBYREF"),
            Map.entry(28, "GETDEVICESTATE"),
            Map.entry(29, "MARKDEVICEASERROR"),
            Map.entry(30, "ADAPTERSTOP"),
            Map.entry(31, "SETQUEUEDLIMIT"),
            Map.entry(32, "OPENRESOURCE"),
            Map.entry(33, "SETCONTEXTSCHEDULINGPRIORITY"),
            Map.entry(34, "PRESENTHISTORYTOKEN"),
            Map.entry(35, "SETREDIRECTEDFLIPFENCEVALUE"),
            Map.entry(36, "GETINTERNALADAPTERINFO"),
            Map.entry(37, "FLUSHHEAPTRANSITIONS"),
            Map.entry(38, "BLT"),
            Map.entry(39, "DDIGETSTANDARDALLOCATIONDRIVERDATA"),
            Map.entry(40, "CDDGDICOMMAND"),
            Map.entry(41, "QUERYALLOCATIONRESIDENCY"),
            Map.entry(42, "FLUSHDEVICE"),
            Map.entry(43, "FLUSHADAPTER"),
            Map.entry(44, "DDIGETNODEMETADATA"),
            Map.entry(45, "SETEXISTINGSYSMEMSTORE"),
            Map.entry(46, "ISSYNCOBJECTSIGNALED"),
            Map.entry(47, "CDDSYNCGPUACCESS"),
            Map.entry(48, "QUERYSTATISTICS"),
            Map.entry(49, "CHANGEVIDEOMEMORYRESERVATION"),
            Map.entry(50, "CREATEHWQUEUE"),
            Map.entry(51, "DESTROYHWQUEUE"),
            Map.entry(52, "SUBMITCOMMANDTOHWQUEUE"),
            Map.entry(53, "GETDRIVERSTOREFILE"),
            Map.entry(54, "READDRIVERSTOREFILE"),
            Map.entry(55, "GETNEXTHARDLINK"),
            Map.entry(56, "UPDATEALLOCATIONPROPERTY"),
            Map.entry(57, "OFFERALLOCATIONS"),
            Map.entry(58, "RECLAIMALLOCATIONS"),
            Map.entry(59, "SETALLOCATIONPRIORITY"),
            Map.entry(60, "GETALLOCATIONPRIORITY"),
            Map.entry(61, "GETCONTEXTSCHEDULINGPRIORITY"),
            Map.entry(62, "QUERYCLOCKCALIBRATION"),
            Map.entry(64, "QUERYRESOURCEINFO"),
            Map.entry(65, "LOGEVENT"),
            Map.entry(66, "SETEXISTINGSYSMEMPAGES"),
            Map.entry(67, "INVALIDATECACHE"),
            Map.entry(68, "ISFEATUREENABLED"));

    /** {@code enum dxgkvmb_commandtype_host_to_vm}. */
    public static final Map<Integer, String> VMBUS_HOST_COMMAND = Map.ofEntries(
            Map.entry(0, "SIGNALGUESTEVENT"),
            Map.entry(1, "PROPAGATEPRESENTHISTORYTOKEN"),
            Map.entry(2, "SETGUESTDATA"),
            Map.entry(3, "SIGNALGUESTEVENTPASSIVE"),
            Map.entry(4, "SENDWNFNOTIFICATION"));

    /** {@code enum dxgkvmb_commandchanneltype}. */
    public static final Map<Integer, String> VMBUS_CHANNEL_TYPE = Map.ofEntries(
            Map.entry(0, "VGPU_TO_HOST"),
            Map.entry(1, "VM_TO_HOST"),
            Map.entry(2, "HOST_TO_VM"));

    /** Bits of {@code struct d3dkmt_createdeviceflags}: {bit, width, name}. */
    public static final Object[][] CREATE_DEVICE_FLAGS = {
            {0, 1, "legacy_mode"},
            {1, 1, "request_vsync"},
            {2, 1, "disable_gpu_timeout"},
            {3, 1, "gdi_device"},
    };

    /** Bits of {@code struct d3dddi_createcontextflags}: {bit, width, name}. */
    public static final Object[][] CREATE_CONTEXT_FLAGS = {
            {0, 1, "null_rendering"},
            {1, 1, "initial_data"},
            {2, 1, "disable_gpu_timeout"},
            {3, 1, "synchronization_only"},
            {4, 1, "hw_queue_supported"},
    };

    /** Bits of {@code struct d3dddi_createhwqueueflags}: {bit, width, name}. */
    public static final Object[][] CREATE_HWQUEUE_FLAGS = {
            {0, 1, "disable_gpu_timeout"},
    };

    /** Bits of {@code struct d3dkmt_createallocationflags}: {bit, width, name}. */
    public static final Object[][] CREATE_ALLOCATION_FLAGS = {
            {0, 1, "create_resource"},
            {1, 1, "create_shared"},
            {2, 1, "non_secure"},
            {3, 1, "create_protected"},
            {4, 1, "restrict_shared_access"},
            {5, 1, "existing_sysmem"},
            {6, 1, "nt_security_sharing"},
            {7, 1, "read_only"},
            {8, 1, "create_write_combined"},
            {9, 1, "create_cached"},
            {10, 1, "swap_chain_back_buffer"},
            {11, 1, "cross_adapter"},
            {12, 1, "open_cross_adapter"},
            {13, 1, "partial_shared_creation"},
            {14, 1, "zeroed"},
            {15, 1, "write_watch"},
            {16, 1, "standard_allocation"},
            {17, 1, "existing_section"},
    };

    /** Bits of {@code struct d3dddicb_destroyallocation2flags}: {bit, width, name}. */
    public static final Object[][] DESTROY_ALLOCATION_FLAGS = {
            {0, 1, "assume_not_in_use"},
            {1, 1, "synchronous_destroy"},
            {31, 1, "system_use_only"},
    };

    /** Bits of {@code struct d3dddi_makeresident_flags}: {bit, width, name}. */
    public static final Object[][] MAKE_RESIDENT_FLAGS = {
            {0, 1, "cant_trim_further"},
            {1, 1, "must_succeed"},
    };

    /** Bits of {@code struct d3dddi_evict_flags}: {bit, width, name}. */
    public static final Object[][] EVICT_FLAGS = {
            {0, 1, "evict_only_if_necessary"},
            {1, 1, "not_written_to"},
    };

    /** Bits of {@code struct d3dddicb_lock2flags}: {bit, width, name}. */
    public static final Object[][] LOCK2_FLAGS = {
    };

    /** Bits of {@code struct d3dddi_synchronizationobject_flags}: {bit, width, name}. */
    public static final Object[][] SYNC_OBJECT_FLAGS = {
            {0, 1, "shared"},
            {1, 1, "nt_security_sharing"},
            {2, 1, "cross_adapter"},
            {3, 1, "top_of_pipeline"},
            {4, 1, "no_signal"},
            {5, 1, "no_wait"},
            {6, 1, "no_signal_max_value_on_tdr"},
            {7, 1, "no_gpu_access"},
    };

    /** Bits of {@code struct d3dddicb_signalflags}: {bit, width, name}. */
    public static final Object[][] SIGNAL_FLAGS = {
            {0, 1, "signal_at_submission"},
            {1, 1, "enqueue_cpu_event"},
            {2, 1, "allow_fence_rewind"},
            {31, 1, "internal0"},
    };

    /** Bits of {@code struct d3dddi_waitforsynchronizationobjectfromcpu_flags}: {bit, width, name}. */
    public static final Object[][] WAIT_FROM_CPU_FLAGS = {
            {0, 1, "wait_any"},
    };

    /** Bits of {@code struct d3dkmt_submitcommandflags}: {bit, width, name}. */
    public static final Object[][] SUBMIT_FLAGS = {
            {0, 1, "null_rendering"},
            {1, 1, "present_redirected"},
    };

    /** Each ioctl's kernel handler, by handler name (native-probe/src/common/abi_table.c). */
    public static final Map<String, String> IOCTL_BY_HANDLER = Map.ofEntries(
            Map.entry("dxgkio_open_adapter_from_luid", "LX_DXOPENADAPTERFROMLUID"),
            Map.entry("dxgkio_create_device", "LX_DXCREATEDEVICE"),
            Map.entry("dxgkio_create_context_virtual", "LX_DXCREATECONTEXTVIRTUAL"),
            Map.entry("dxgkio_destroy_context", "LX_DXDESTROYCONTEXT"),
            Map.entry("dxgkio_create_allocation", "LX_DXCREATEALLOCATION"),
            Map.entry("dxgkio_create_paging_queue", "LX_DXCREATEPAGINGQUEUE"),
            Map.entry("dxgkio_reserve_gpu_va", "LX_DXRESERVEGPUVIRTUALADDRESS"),
            Map.entry("dxgkio_query_adapter_info", "LX_DXQUERYADAPTERINFO"),
            Map.entry("dxgkio_query_vidmem_info", "LX_DXQUERYVIDEOMEMORYINFO"),
            Map.entry("dxgkio_make_resident", "LX_DXMAKERESIDENT"),
            Map.entry("dxgkio_map_gpu_va", "LX_DXMAPGPUVIRTUALADDRESS"),
            Map.entry("dxgkio_escape", "LX_DXESCAPE"),
            Map.entry("dxgkio_get_device_state", "LX_DXGETDEVICESTATE"),
            Map.entry("dxgkio_submit_command", "LX_DXSUBMITCOMMAND"),
            Map.entry("dxgkio_create_sync_object", "LX_DXCREATESYNCHRONIZATIONOBJECT"),
            Map.entry("dxgkio_signal_sync_object", "LX_DXSIGNALSYNCHRONIZATIONOBJECT"),
            Map.entry("dxgkio_wait_sync_object", "LX_DXWAITFORSYNCHRONIZATIONOBJECT"),
            Map.entry("dxgkio_destroy_allocation", "LX_DXDESTROYALLOCATION2"),
            Map.entry("dxgkio_enum_adapters", "LX_DXENUMADAPTERS2"),
            Map.entry("dxgkio_close_adapter", "LX_DXCLOSEADAPTER"),
            Map.entry("dxgkio_change_vidmem_reservation", "LX_DXCHANGEVIDEOMEMORYRESERVATION"),
            Map.entry("dxgkio_create_hwqueue", "LX_DXCREATEHWQUEUE"),
            Map.entry("dxgkio_destroy_device", "LX_DXDESTROYDEVICE"),
            Map.entry("dxgkio_destroy_hwqueue", "LX_DXDESTROYHWQUEUE"),
            Map.entry("dxgkio_destroy_paging_queue", "LX_DXDESTROYPAGINGQUEUE"),
            Map.entry("dxgkio_destroy_sync_object", "LX_DXDESTROYSYNCHRONIZATIONOBJECT"),
            Map.entry("dxgkio_evict", "LX_DXEVICT"),
            Map.entry("dxgkio_flush_heap_transitions", "LX_DXFLUSHHEAPTRANSITIONS"),
            Map.entry("dxgkio_free_gpu_va", "LX_DXFREEGPUVIRTUALADDRESS"),
            Map.entry("dxgkio_get_context_process_scheduling_priority", "LX_DXGETCONTEXTINPROCESSSCHEDULINGPRIORITY"),
            Map.entry("dxgkio_get_context_scheduling_priority", "LX_DXGETCONTEXTSCHEDULINGPRIORITY"),
            Map.entry("dxgkio_invalidate_cache", "LX_DXINVALIDATECACHE"),
            Map.entry("dxgkio_lock2", "LX_DXLOCK2"),
            Map.entry("dxgkio_mark_device_as_error", "LX_DXMARKDEVICEASERROR"),
            Map.entry("dxgkio_offer_allocations", "LX_DXOFFERALLOCATIONS"),
            Map.entry("dxgkio_query_alloc_residency", "LX_DXQUERYALLOCATIONRESIDENCY"),
            Map.entry("dxgkio_reclaim_allocations", "LX_DXRECLAIMALLOCATIONS2"),
            Map.entry("dxgkio_set_allocation_priority", "LX_DXSETALLOCATIONPRIORITY"),
            Map.entry("dxgkio_set_context_process_scheduling_priority", "LX_DXSETCONTEXTINPROCESSSCHEDULINGPRIORITY"),
            Map.entry("dxgkio_set_context_scheduling_priority", "LX_DXSETCONTEXTSCHEDULINGPRIORITY"),
            Map.entry("dxgkio_signal_sync_object_cpu", "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU"),
            Map.entry("dxgkio_signal_sync_object_gpu", "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU"),
            Map.entry("dxgkio_signal_sync_object_gpu2", "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU2"),
            Map.entry("dxgkio_submit_command_to_hwqueue", "LX_DXSUBMITCOMMANDTOHWQUEUE"),
            Map.entry("dxgkio_submit_signal_to_hwqueue", "LX_DXSUBMITSIGNALSYNCOBJECTSTOHWQUEUE"),
            Map.entry("dxgkio_submit_wait_to_hwqueue", "LX_DXSUBMITWAITFORSYNCOBJECTSTOHWQUEUE"),
            Map.entry("dxgkio_unlock2", "LX_DXUNLOCK2"),
            Map.entry("dxgkio_update_alloc_property", "LX_DXUPDATEALLOCPROPERTY"),
            Map.entry("dxgkio_update_gpu_va", "LX_DXUPDATEGPUVIRTUALADDRESS"),
            Map.entry("dxgkio_wait_sync_object_cpu", "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU"),
            Map.entry("dxgkio_wait_sync_object_gpu", "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMGPU"),
            Map.entry("dxgkio_get_allocation_priority", "LX_DXGETALLOCATIONPRIORITY"),
            Map.entry("dxgkio_query_clock_calibration", "LX_DXQUERYCLOCKCALIBRATION"),
            Map.entry("dxgkio_enum_adapters3", "LX_DXENUMADAPTERS3"),
            Map.entry("dxgkio_share_objects", "LX_DXSHAREOBJECTS"),
            Map.entry("dxgkio_open_sync_object_nt", "LX_DXOPENSYNCOBJECTFROMNTHANDLE2"),
            Map.entry("dxgkio_query_resource_info_nt", "LX_DXQUERYRESOURCEINFOFROMNTHANDLE"),
            Map.entry("dxgkio_open_resource_nt", "LX_DXOPENRESOURCEFROMNTHANDLE"),
            Map.entry("dxgkio_query_statistics", "LX_DXQUERYSTATISTICS"),
            Map.entry("dxgkio_share_object_with_host", "LX_DXSHAREOBJECTWITHHOST"),
            Map.entry("dxgkio_create_sync_file", "LX_DXCREATESYNCFILE"),
            Map.entry("dxgkio_wait_sync_file", "LX_DXWAITSYNCFILE"),
            Map.entry("dxgkio_open_syncobj_from_syncfile", "LX_DXOPENSYNCOBJECTFROMSYNCFILE"),
            Map.entry("dxgkio_enum_processes", "LX_DXENUMPROCESSES"),
            Map.entry("dxgkio_is_feature_enabled", "LX_ISFEATUREENABLED"),
            Map.entry("dxgkio_create_native_fence", "LX_CREATENATIVEFENCE"),
            Map.entry("dxgkio_open_native_fence_object_nt", "LX_DXOPENNATIVEFENCEFROMNTHANDLE"));

    /**
     * A VMBus command's name by its numbering: a host-to-guest message (direction 3) by the host's
     * table, 1000 and up by the global channel's, the rest by an adapter channel's; null when unknown.
     */
    public static String vmbusCommand(int direction, int command) {
        Map<Integer, String> table = direction == 3 ? VMBUS_HOST_COMMAND
                : command >= 1000 ? VMBUS_GLOBAL_COMMAND : VMBUS_ADAPTER_COMMAND;
        return table.get(command);
    }
}
