/*
 * The /dev/dxg ioctl table and the d3dkmthk field table (see include/dxgscope/abi.h).
 *
 * Both are X-macro lists: one line per ioctl or per field, naming the struct and member, so
 * every offset and size below comes from offsetof/sizeof on include/dxgscope/d3dkmthk.h. The
 * row order is the order of shared/abi/d3dkmthk-layout.tsv, which dxgs_abi_print_tsv reproduces.
 */
#include "dxgscope/abi.h"

#include <stddef.h>
#include <stdio.h>

#include "dxgscope/d3dkmthk.h"
#include "dxgscope/dxgvmbus.h"

/*
 * Ioctl rows, in nr order (the TSV's order):
 *   IOCTL(macro, nr, arg struct, kernel handler, main VMBus command or -1)
 *   LEGACY(macro, nr, arg struct)              defined by the older header, no kernel handler
 *   UNKNOWN(name, nr, arg struct, handler)     registered by the newest kernel, layout not public
 * Handler names are the ioctl.c table's (microsoft/WSL2-Linux-Kernel @00e17b1d).
 */
#define DXGS_IOCTL_ROWS(IOCTL, LEGACY, UNKNOWN) \
    IOCTL(LX_DXOPENADAPTERFROMLUID, 0x01, d3dkmt_openadapterfromluid, \
          "dxgkio_open_adapter_from_luid", -1) \
    IOCTL(LX_DXCREATEDEVICE, 0x02, d3dkmt_createdevice, "dxgkio_create_device", \
          DXGK_VMBCOMMAND_CREATEDEVICE) \
    LEGACY(LX_DXCREATECONTEXT, 0x03, d3dkmt_createcontext) \
    IOCTL(LX_DXCREATECONTEXTVIRTUAL, 0x04, d3dkmt_createcontextvirtual, \
          "dxgkio_create_context_virtual", DXGK_VMBCOMMAND_CREATECONTEXTVIRTUAL) \
    IOCTL(LX_DXDESTROYCONTEXT, 0x05, d3dkmt_destroycontext, "dxgkio_destroy_context", \
          DXGK_VMBCOMMAND_DESTROYCONTEXT) \
    IOCTL(LX_DXCREATEALLOCATION, 0x06, d3dkmt_createallocation, "dxgkio_create_allocation", \
          DXGK_VMBCOMMAND_CREATEALLOCATION) \
    IOCTL(LX_DXCREATEPAGINGQUEUE, 0x07, d3dkmt_createpagingqueue, "dxgkio_create_paging_queue", \
          DXGK_VMBCOMMAND_CREATEPAGINGQUEUE) \
    IOCTL(LX_DXRESERVEGPUVIRTUALADDRESS, 0x08, d3dddi_reservegpuvirtualaddress, \
          "dxgkio_reserve_gpu_va", DXGK_VMBCOMMAND_RESERVEGPUVIRTUALADDRESS) \
    IOCTL(LX_DXQUERYADAPTERINFO, 0x09, d3dkmt_queryadapterinfo, "dxgkio_query_adapter_info", \
          DXGK_VMBCOMMAND_QUERYADAPTERINFO) \
    IOCTL(LX_DXQUERYVIDEOMEMORYINFO, 0x0a, d3dkmt_queryvideomemoryinfo, \
          "dxgkio_query_vidmem_info", DXGK_VMBCOMMAND_QUERYVIDEOMEMORYINFO) \
    IOCTL(LX_DXMAKERESIDENT, 0x0b, d3dddi_makeresident, "dxgkio_make_resident", \
          DXGK_VMBCOMMAND_MAKERESIDENT) \
    IOCTL(LX_DXMAPGPUVIRTUALADDRESS, 0x0c, d3dddi_mapgpuvirtualaddress, "dxgkio_map_gpu_va", \
          DXGK_VMBCOMMAND_MAPGPUVIRTUALADDRESS) \
    IOCTL(LX_DXESCAPE, 0x0d, d3dkmt_escape, "dxgkio_escape", DXGK_VMBCOMMAND_ESCAPE) \
    IOCTL(LX_DXGETDEVICESTATE, 0x0e, d3dkmt_getdevicestate, "dxgkio_get_device_state", \
          DXGK_VMBCOMMAND_GETDEVICESTATE) \
    IOCTL(LX_DXSUBMITCOMMAND, 0x0f, d3dkmt_submitcommand, "dxgkio_submit_command", \
          DXGK_VMBCOMMAND_SUBMITCOMMAND) \
    IOCTL(LX_DXCREATESYNCHRONIZATIONOBJECT, 0x10, d3dkmt_createsynchronizationobject2, \
          "dxgkio_create_sync_object", DXGK_VMBCOMMAND_CREATESYNCOBJECT) \
    IOCTL(LX_DXSIGNALSYNCHRONIZATIONOBJECT, 0x11, d3dkmt_signalsynchronizationobject2, \
          "dxgkio_signal_sync_object", DXGK_VMBCOMMAND_SIGNALSYNCOBJECT) \
    IOCTL(LX_DXWAITFORSYNCHRONIZATIONOBJECT, 0x12, d3dkmt_waitforsynchronizationobject2, \
          "dxgkio_wait_sync_object", DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU) \
    IOCTL(LX_DXDESTROYALLOCATION2, 0x13, d3dkmt_destroyallocation2, "dxgkio_destroy_allocation", \
          DXGK_VMBCOMMAND_DESTROYALLOCATION) \
    IOCTL(LX_DXENUMADAPTERS2, 0x14, d3dkmt_enumadapters2, "dxgkio_enum_adapters", -1) \
    IOCTL(LX_DXCLOSEADAPTER, 0x15, d3dkmt_closeadapter, "dxgkio_close_adapter", -1) \
    IOCTL(LX_DXCHANGEVIDEOMEMORYRESERVATION, 0x16, d3dkmt_changevideomemoryreservation, \
          "dxgkio_change_vidmem_reservation", DXGK_VMBCOMMAND_CHANGEVIDEOMEMORYRESERVATION) \
    LEGACY(LX_DXCREATEHWCONTEXT, 0x17, d3dkmt_createhwcontext) \
    IOCTL(LX_DXCREATEHWQUEUE, 0x18, d3dkmt_createhwqueue, "dxgkio_create_hwqueue", \
          DXGK_VMBCOMMAND_CREATEHWQUEUE) \
    IOCTL(LX_DXDESTROYDEVICE, 0x19, d3dkmt_destroydevice, "dxgkio_destroy_device", \
          DXGK_VMBCOMMAND_DESTROYDEVICE) \
    LEGACY(LX_DXDESTROYHWCONTEXT, 0x1a, d3dkmt_destroyhwcontext) \
    IOCTL(LX_DXDESTROYHWQUEUE, 0x1b, d3dkmt_destroyhwqueue, "dxgkio_destroy_hwqueue", \
          DXGK_VMBCOMMAND_DESTROYHWQUEUE) \
    IOCTL(LX_DXDESTROYPAGINGQUEUE, 0x1c, d3dddi_destroypagingqueue, \
          "dxgkio_destroy_paging_queue", DXGK_VMBCOMMAND_DESTROYPAGINGQUEUE) \
    IOCTL(LX_DXDESTROYSYNCHRONIZATIONOBJECT, 0x1d, d3dkmt_destroysynchronizationobject, \
          "dxgkio_destroy_sync_object", DXGK_VMBCOMMAND_DESTROYSYNCOBJECT) \
    IOCTL(LX_DXEVICT, 0x1e, d3dkmt_evict, "dxgkio_evict", DXGK_VMBCOMMAND_EVICT) \
    IOCTL(LX_DXFLUSHHEAPTRANSITIONS, 0x1f, d3dkmt_flushheaptransitions, \
          "dxgkio_flush_heap_transitions", DXGK_VMBCOMMAND_FLUSHHEAPTRANSITIONS) \
    IOCTL(LX_DXFREEGPUVIRTUALADDRESS, 0x20, d3dkmt_freegpuvirtualaddress, "dxgkio_free_gpu_va", \
          DXGK_VMBCOMMAND_FREEGPUVIRTUALADDRESS) \
    IOCTL(LX_DXGETCONTEXTINPROCESSSCHEDULINGPRIORITY, 0x21, \
          d3dkmt_getcontextinprocessschedulingpriority, \
          "dxgkio_get_context_process_scheduling_priority", \
          DXGK_VMBCOMMAND_GETCONTEXTSCHEDULINGPRIORITY) \
    IOCTL(LX_DXGETCONTEXTSCHEDULINGPRIORITY, 0x22, d3dkmt_getcontextschedulingpriority, \
          "dxgkio_get_context_scheduling_priority", DXGK_VMBCOMMAND_GETCONTEXTSCHEDULINGPRIORITY) \
    LEGACY(LX_DXGETSHAREDRESOURCEADAPTERLUID, 0x23, d3dkmt_getsharedresourceadapterluid) \
    IOCTL(LX_DXINVALIDATECACHE, 0x24, d3dkmt_invalidatecache, "dxgkio_invalidate_cache", \
          DXGK_VMBCOMMAND_INVALIDATECACHE) \
    IOCTL(LX_DXLOCK2, 0x25, d3dkmt_lock2, "dxgkio_lock2", DXGK_VMBCOMMAND_LOCK2) \
    IOCTL(LX_DXMARKDEVICEASERROR, 0x26, d3dkmt_markdeviceaserror, "dxgkio_mark_device_as_error", \
          DXGK_VMBCOMMAND_MARKDEVICEASERROR) \
    IOCTL(LX_DXOFFERALLOCATIONS, 0x27, d3dkmt_offerallocations, "dxgkio_offer_allocations", \
          DXGK_VMBCOMMAND_OFFERALLOCATIONS) \
    LEGACY(LX_DXOPENRESOURCE, 0x28, d3dkmt_openresource) \
    LEGACY(LX_DXOPENSYNCHRONIZATIONOBJECT, 0x29, d3dkmt_opensynchronizationobject) \
    IOCTL(LX_DXQUERYALLOCATIONRESIDENCY, 0x2a, d3dkmt_queryallocationresidency, \
          "dxgkio_query_alloc_residency", DXGK_VMBCOMMAND_QUERYALLOCATIONRESIDENCY) \
    LEGACY(LX_DXQUERYRESOURCEINFO, 0x2b, d3dkmt_queryresourceinfo) \
    IOCTL(LX_DXRECLAIMALLOCATIONS2, 0x2c, d3dkmt_reclaimallocations2, \
          "dxgkio_reclaim_allocations", DXGK_VMBCOMMAND_RECLAIMALLOCATIONS) \
    LEGACY(LX_DXRENDER, 0x2d, d3dkmt_render) \
    IOCTL(LX_DXSETALLOCATIONPRIORITY, 0x2e, d3dkmt_setallocationpriority, \
          "dxgkio_set_allocation_priority", DXGK_VMBCOMMAND_SETALLOCATIONPRIORITY) \
    IOCTL(LX_DXSETCONTEXTINPROCESSSCHEDULINGPRIORITY, 0x2f, \
          d3dkmt_setcontextinprocessschedulingpriority, \
          "dxgkio_set_context_process_scheduling_priority", \
          DXGK_VMBCOMMAND_SETCONTEXTSCHEDULINGPRIORITY) \
    IOCTL(LX_DXSETCONTEXTSCHEDULINGPRIORITY, 0x30, d3dkmt_setcontextschedulingpriority, \
          "dxgkio_set_context_scheduling_priority", DXGK_VMBCOMMAND_SETCONTEXTSCHEDULINGPRIORITY) \
    IOCTL(LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU, 0x31, \
          d3dkmt_signalsynchronizationobjectfromcpu, "dxgkio_signal_sync_object_cpu", \
          DXGK_VMBCOMMAND_SIGNALSYNCOBJECT) \
    IOCTL(LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU, 0x32, \
          d3dkmt_signalsynchronizationobjectfromgpu, "dxgkio_signal_sync_object_gpu", \
          DXGK_VMBCOMMAND_SIGNALSYNCOBJECT) \
    IOCTL(LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU2, 0x33, \
          d3dkmt_signalsynchronizationobjectfromgpu2, "dxgkio_signal_sync_object_gpu2", \
          DXGK_VMBCOMMAND_SIGNALSYNCOBJECT) \
    IOCTL(LX_DXSUBMITCOMMANDTOHWQUEUE, 0x34, d3dkmt_submitcommandtohwqueue, \
          "dxgkio_submit_command_to_hwqueue", DXGK_VMBCOMMAND_SUBMITCOMMANDTOHWQUEUE) \
    IOCTL(LX_DXSUBMITSIGNALSYNCOBJECTSTOHWQUEUE, 0x35, d3dkmt_submitsignalsyncobjectstohwqueue, \
          "dxgkio_submit_signal_to_hwqueue", DXGK_VMBCOMMAND_SIGNALSYNCOBJECT) \
    IOCTL(LX_DXSUBMITWAITFORSYNCOBJECTSTOHWQUEUE, 0x36, \
          d3dkmt_submitwaitforsyncobjectstohwqueue, "dxgkio_submit_wait_to_hwqueue", \
          DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU) \
    IOCTL(LX_DXUNLOCK2, 0x37, d3dkmt_unlock2, "dxgkio_unlock2", DXGK_VMBCOMMAND_UNLOCK2) \
    IOCTL(LX_DXUPDATEALLOCPROPERTY, 0x38, d3dddi_updateallocproperty, \
          "dxgkio_update_alloc_property", DXGK_VMBCOMMAND_UPDATEALLOCATIONPROPERTY) \
    IOCTL(LX_DXUPDATEGPUVIRTUALADDRESS, 0x39, d3dkmt_updategpuvirtualaddress, \
          "dxgkio_update_gpu_va", DXGK_VMBCOMMAND_UPDATEGPUVIRTUALADDRESS) \
    IOCTL(LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU, 0x3a, \
          d3dkmt_waitforsynchronizationobjectfromcpu, "dxgkio_wait_sync_object_cpu", \
          DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMCPU) \
    IOCTL(LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMGPU, 0x3b, \
          d3dkmt_waitforsynchronizationobjectfromgpu, "dxgkio_wait_sync_object_gpu", \
          DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU) \
    IOCTL(LX_DXGETALLOCATIONPRIORITY, 0x3c, d3dkmt_getallocationpriority, \
          "dxgkio_get_allocation_priority", DXGK_VMBCOMMAND_GETALLOCATIONPRIORITY) \
    IOCTL(LX_DXQUERYCLOCKCALIBRATION, 0x3d, d3dkmt_queryclockcalibration, \
          "dxgkio_query_clock_calibration", DXGK_VMBCOMMAND_QUERYCLOCKCALIBRATION) \
    IOCTL(LX_DXENUMADAPTERS3, 0x3e, d3dkmt_enumadapters3, "dxgkio_enum_adapters3", -1) \
    IOCTL(LX_DXSHAREOBJECTS, 0x3f, d3dkmt_shareobjects, "dxgkio_share_objects", \
          DXGK_VMBCOMMAND_CREATENTSHAREDOBJECT) \
    IOCTL(LX_DXOPENSYNCOBJECTFROMNTHANDLE2, 0x40, d3dkmt_opensyncobjectfromnthandle2, \
          "dxgkio_open_sync_object_nt", DXGK_VMBCOMMAND_OPENSYNCOBJECT) \
    IOCTL(LX_DXQUERYRESOURCEINFOFROMNTHANDLE, 0x41, d3dkmt_queryresourceinfofromnthandle, \
          "dxgkio_query_resource_info_nt", -1) \
    IOCTL(LX_DXOPENRESOURCEFROMNTHANDLE, 0x42, d3dkmt_openresourcefromnthandle, \
          "dxgkio_open_resource_nt", DXGK_VMBCOMMAND_OPENRESOURCE) \
    IOCTL(LX_DXQUERYSTATISTICS, 0x43, d3dkmt_querystatistics, "dxgkio_query_statistics", \
          DXGK_VMBCOMMAND_QUERYSTATISTICS) \
    IOCTL(LX_DXSHAREOBJECTWITHHOST, 0x44, d3dkmt_shareobjectwithhost, \
          "dxgkio_share_object_with_host", DXGK_VMBCOMMAND_SHAREOBJECTWITHHOST) \
    IOCTL(LX_DXCREATESYNCFILE, 0x45, d3dkmt_createsyncfile, "dxgkio_create_sync_file", \
          DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMCPU) \
    IOCTL(LX_DXWAITSYNCFILE, 0x46, d3dkmt_waitsyncfile, "dxgkio_wait_sync_file", \
          DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU) \
    IOCTL(LX_DXOPENSYNCOBJECTFROMSYNCFILE, 0x47, d3dkmt_opensyncobjectfromsyncfile, \
          "dxgkio_open_syncobj_from_syncfile", DXGK_VMBCOMMAND_OPENSYNCOBJECT) \
    IOCTL(LX_DXENUMPROCESSES, 0x48, d3dkmt_enumprocesses, "dxgkio_enum_processes", -1) \
    IOCTL(LX_ISFEATUREENABLED, 0x49, d3dkmt_isfeatureenabled, "dxgkio_is_feature_enabled", \
          DXGK_VMBCOMMAND_ISFEATUREENABLED) \
    UNKNOWN(LX_CREATENATIVEFENCE, 0x4a, d3dkmt_createnativefence, "dxgkio_create_native_fence") \
    UNKNOWN(LX_DXOPENNATIVEFENCEFROMNTHANDLE, 0x4b, d3dkmt_opennativefencefromnthandle, \
            "dxgkio_open_native_fence_object_nt")

#define AS_IOCTL(macro, nr, strct, handler, vmbus) \
    {#macro, nr, (uint32_t)(macro), #strct, (uint32_t)sizeof(struct strct), handler, 0, vmbus},
#define AS_LEGACY(macro, nr, strct) \
    {#macro, nr, (uint32_t)(macro), #strct, (uint32_t)sizeof(struct strct), NULL, \
     DXGS_IOCTL_LEGACY, -1},
/* The native-fence VMBus command numbers are unknown too, hence -1. */
#define AS_UNKNOWN(name, nr, strct, handler) \
    {#name, nr, 0, #strct, 0, handler, DXGS_IOCTL_LAYOUT_UNKNOWN, -1},

static const dxgs_ioctl ioctls[] = {DXGS_IOCTL_ROWS(AS_IOCTL, AS_LEGACY, AS_UNKNOWN)};

/*
 * d3dkmthk field rows, in TSV order: S(struct) is the struct's __sizeof__ row, F(struct, member)
 * one field; nested members are written outer.inner. Unions are flattened and bit-fields are not
 * listed (only their containing word), as in the reference TSV.
 */
#define DXGS_D3DKMT_FIELD_ROWS(S, F) \
    S(d3dkmthandle) \
    F(d3dkmthandle, v) \
    S(winluid) \
    F(winluid, a) \
    F(winluid, b) \
    S(d3dkmt_adapterinfo) \
    F(d3dkmt_adapterinfo, adapter_handle) \
    F(d3dkmt_adapterinfo, adapter_luid) \
    F(d3dkmt_adapterinfo, num_sources) \
    F(d3dkmt_adapterinfo, present_move_regions_preferred) \
    S(d3dkmt_enumadapters2) \
    F(d3dkmt_enumadapters2, num_adapters) \
    F(d3dkmt_enumadapters2, reserved) \
    F(d3dkmt_enumadapters2, adapters) \
    S(d3dkmt_enumadapters3) \
    F(d3dkmt_enumadapters3, filter) \
    F(d3dkmt_enumadapters3, adapter_count) \
    F(d3dkmt_enumadapters3, reserved) \
    F(d3dkmt_enumadapters3, adapters) \
    S(d3dkmt_openadapterfromluid) \
    F(d3dkmt_openadapterfromluid, adapter_luid) \
    F(d3dkmt_openadapterfromluid, adapter_handle) \
    S(d3dkmt_closeadapter) \
    F(d3dkmt_closeadapter, adapter_handle) \
    S(d3dkmt_queryadapterinfo) \
    F(d3dkmt_queryadapterinfo, adapter) \
    F(d3dkmt_queryadapterinfo, type) \
    F(d3dkmt_queryadapterinfo, private_data) \
    F(d3dkmt_queryadapterinfo, private_data_size) \
    S(d3dkmt_adaptertype) \
    F(d3dkmt_adaptertype, value) \
    S(d3dkmt_createdevice) \
    F(d3dkmt_createdevice, adapter) \
    F(d3dkmt_createdevice, reserved3) \
    F(d3dkmt_createdevice, flags) \
    F(d3dkmt_createdevice, device) \
    F(d3dkmt_createdevice, command_buffer) \
    F(d3dkmt_createdevice, command_buffer_size) \
    F(d3dkmt_createdevice, reserved) \
    F(d3dkmt_createdevice, allocation_list) \
    F(d3dkmt_createdevice, allocation_list_size) \
    F(d3dkmt_createdevice, reserved1) \
    F(d3dkmt_createdevice, patch_location_list) \
    F(d3dkmt_createdevice, patch_location_list_size) \
    F(d3dkmt_createdevice, reserved2) \
    S(d3dkmt_destroydevice) \
    F(d3dkmt_destroydevice, device) \
    S(d3dkmt_createcontextvirtual) \
    F(d3dkmt_createcontextvirtual, device) \
    F(d3dkmt_createcontextvirtual, node_ordinal) \
    F(d3dkmt_createcontextvirtual, engine_affinity) \
    F(d3dkmt_createcontextvirtual, flags) \
    F(d3dkmt_createcontextvirtual, priv_drv_data) \
    F(d3dkmt_createcontextvirtual, priv_drv_data_size) \
    F(d3dkmt_createcontextvirtual, client_hint) \
    F(d3dkmt_createcontextvirtual, context) \
    S(d3dkmt_destroycontext) \
    F(d3dkmt_destroycontext, context) \
    S(d3dkmt_createhwqueue) \
    F(d3dkmt_createhwqueue, context) \
    F(d3dkmt_createhwqueue, flags) \
    F(d3dkmt_createhwqueue, priv_drv_data_size) \
    F(d3dkmt_createhwqueue, reserved) \
    F(d3dkmt_createhwqueue, priv_drv_data) \
    F(d3dkmt_createhwqueue, queue) \
    F(d3dkmt_createhwqueue, queue_progress_fence) \
    F(d3dkmt_createhwqueue, queue_progress_fence_cpu_va) \
    F(d3dkmt_createhwqueue, queue_progress_fence_gpu_va) \
    S(d3dkmt_destroyhwqueue) \
    F(d3dkmt_destroyhwqueue, queue) \
    S(d3dkmt_createallocation) \
    F(d3dkmt_createallocation, device) \
    F(d3dkmt_createallocation, resource) \
    F(d3dkmt_createallocation, global_share) \
    F(d3dkmt_createallocation, reserved) \
    F(d3dkmt_createallocation, private_runtime_data) \
    F(d3dkmt_createallocation, private_runtime_data_size) \
    F(d3dkmt_createallocation, reserved1) \
    F(d3dkmt_createallocation, standard_allocation) \
    F(d3dkmt_createallocation, priv_drv_data) \
    F(d3dkmt_createallocation, priv_drv_data_size) \
    F(d3dkmt_createallocation, alloc_count) \
    F(d3dkmt_createallocation, allocation_info) \
    F(d3dkmt_createallocation, flags) \
    F(d3dkmt_createallocation, reserved2) \
    F(d3dkmt_createallocation, private_runtime_resource_handle) \
    S(d3dddi_allocationinfo2) \
    F(d3dddi_allocationinfo2, allocation) \
    F(d3dddi_allocationinfo2, sysmem) \
    F(d3dddi_allocationinfo2, priv_drv_data) \
    F(d3dddi_allocationinfo2, priv_drv_data_size) \
    F(d3dddi_allocationinfo2, vidpn_source_id) \
    F(d3dddi_allocationinfo2, flags) \
    F(d3dddi_allocationinfo2, gpu_virtual_address) \
    F(d3dddi_allocationinfo2, priority) \
    F(d3dddi_allocationinfo2, unused) \
    F(d3dddi_allocationinfo2, reserved) \
    S(d3dkmt_createstandardallocation) \
    F(d3dkmt_createstandardallocation, type) \
    F(d3dkmt_createstandardallocation, reserved) \
    F(d3dkmt_createstandardallocation, existing_heap_data) \
    F(d3dkmt_createstandardallocation, flags) \
    F(d3dkmt_createstandardallocation, reserved1) \
    S(d3dkmt_destroyallocation2) \
    F(d3dkmt_destroyallocation2, device) \
    F(d3dkmt_destroyallocation2, resource) \
    F(d3dkmt_destroyallocation2, allocations) \
    F(d3dkmt_destroyallocation2, alloc_count) \
    F(d3dkmt_destroyallocation2, flags) \
    S(d3dddi_makeresident) \
    F(d3dddi_makeresident, paging_queue) \
    F(d3dddi_makeresident, alloc_count) \
    F(d3dddi_makeresident, allocation_list) \
    F(d3dddi_makeresident, priority_list) \
    F(d3dddi_makeresident, flags) \
    F(d3dddi_makeresident, paging_fence_value) \
    F(d3dddi_makeresident, num_bytes_to_trim) \
    S(d3dkmt_evict) \
    F(d3dkmt_evict, device) \
    F(d3dkmt_evict, alloc_count) \
    F(d3dkmt_evict, allocations) \
    F(d3dkmt_evict, flags) \
    F(d3dkmt_evict, reserved) \
    F(d3dkmt_evict, num_bytes_to_trim) \
    S(d3dkmt_lock2) \
    F(d3dkmt_lock2, device) \
    F(d3dkmt_lock2, allocation) \
    F(d3dkmt_lock2, flags) \
    F(d3dkmt_lock2, reserved) \
    F(d3dkmt_lock2, data) \
    S(d3dkmt_unlock2) \
    F(d3dkmt_unlock2, device) \
    F(d3dkmt_unlock2, allocation) \
    S(d3dkmt_createpagingqueue) \
    F(d3dkmt_createpagingqueue, device) \
    F(d3dkmt_createpagingqueue, priority) \
    F(d3dkmt_createpagingqueue, paging_queue) \
    F(d3dkmt_createpagingqueue, sync_object) \
    F(d3dkmt_createpagingqueue, fence_cpu_virtual_address) \
    F(d3dkmt_createpagingqueue, physical_adapter_index) \
    S(d3dddi_destroypagingqueue) \
    F(d3dddi_destroypagingqueue, paging_queue) \
    S(d3dddi_synchronizationobjectinfo2) \
    F(d3dddi_synchronizationobjectinfo2, type) \
    F(d3dddi_synchronizationobjectinfo2, flags) \
    F(d3dddi_synchronizationobjectinfo2, synchronization_mutex.initial_state) \
    F(d3dddi_synchronizationobjectinfo2, semaphore.max_count) \
    F(d3dddi_synchronizationobjectinfo2, semaphore.initial_count) \
    F(d3dddi_synchronizationobjectinfo2, fence.fence_value) \
    F(d3dddi_synchronizationobjectinfo2, cpu_notification.event) \
    F(d3dddi_synchronizationobjectinfo2, monitored_fence.initial_fence_value) \
    F(d3dddi_synchronizationobjectinfo2, monitored_fence.fence_cpu_virtual_address) \
    F(d3dddi_synchronizationobjectinfo2, monitored_fence.fence_gpu_virtual_address) \
    F(d3dddi_synchronizationobjectinfo2, monitored_fence.engine_affinity) \
    F(d3dddi_synchronizationobjectinfo2, periodic_monitored_fence.adapter) \
    F(d3dddi_synchronizationobjectinfo2, periodic_monitored_fence.vidpn_target_id) \
    F(d3dddi_synchronizationobjectinfo2, periodic_monitored_fence.time) \
    F(d3dddi_synchronizationobjectinfo2, periodic_monitored_fence.fence_cpu_virtual_address) \
    F(d3dddi_synchronizationobjectinfo2, periodic_monitored_fence.fence_gpu_virtual_address) \
    F(d3dddi_synchronizationobjectinfo2, periodic_monitored_fence.engine_affinity) \
    F(d3dddi_synchronizationobjectinfo2, reserved.reserved) \
    F(d3dddi_synchronizationobjectinfo2, shared_handle) \
    S(d3dkmt_createsynchronizationobject2) \
    F(d3dkmt_createsynchronizationobject2, device) \
    F(d3dkmt_createsynchronizationobject2, reserved) \
    F(d3dkmt_createsynchronizationobject2, info) \
    F(d3dkmt_createsynchronizationobject2, sync_object) \
    F(d3dkmt_createsynchronizationobject2, reserved1) \
    S(d3dkmt_destroysynchronizationobject) \
    F(d3dkmt_destroysynchronizationobject, sync_object) \
    S(d3dkmt_signalsynchronizationobject2) \
    F(d3dkmt_signalsynchronizationobject2, context) \
    F(d3dkmt_signalsynchronizationobject2, object_count) \
    F(d3dkmt_signalsynchronizationobject2, object_array) \
    F(d3dkmt_signalsynchronizationobject2, flags) \
    F(d3dkmt_signalsynchronizationobject2, context_count) \
    F(d3dkmt_signalsynchronizationobject2, contexts) \
    F(d3dkmt_signalsynchronizationobject2, fence.fence_value) \
    F(d3dkmt_signalsynchronizationobject2, cpu_event_handle) \
    F(d3dkmt_signalsynchronizationobject2, reserved) \
    S(d3dkmt_waitforsynchronizationobject2) \
    F(d3dkmt_waitforsynchronizationobject2, context) \
    F(d3dkmt_waitforsynchronizationobject2, object_count) \
    F(d3dkmt_waitforsynchronizationobject2, object_array) \
    F(d3dkmt_waitforsynchronizationobject2, fence.fence_value) \
    F(d3dkmt_waitforsynchronizationobject2, reserved) \
    S(d3dkmt_signalsynchronizationobjectfromcpu) \
    F(d3dkmt_signalsynchronizationobjectfromcpu, device) \
    F(d3dkmt_signalsynchronizationobjectfromcpu, object_count) \
    F(d3dkmt_signalsynchronizationobjectfromcpu, objects) \
    F(d3dkmt_signalsynchronizationobjectfromcpu, fence_values) \
    F(d3dkmt_signalsynchronizationobjectfromcpu, flags) \
    S(d3dkmt_waitforsynchronizationobjectfromcpu) \
    F(d3dkmt_waitforsynchronizationobjectfromcpu, device) \
    F(d3dkmt_waitforsynchronizationobjectfromcpu, object_count) \
    F(d3dkmt_waitforsynchronizationobjectfromcpu, objects) \
    F(d3dkmt_waitforsynchronizationobjectfromcpu, fence_values) \
    F(d3dkmt_waitforsynchronizationobjectfromcpu, async_event) \
    F(d3dkmt_waitforsynchronizationobjectfromcpu, flags) \
    S(d3dkmt_signalsynchronizationobjectfromgpu) \
    F(d3dkmt_signalsynchronizationobjectfromgpu, context) \
    F(d3dkmt_signalsynchronizationobjectfromgpu, object_count) \
    F(d3dkmt_signalsynchronizationobjectfromgpu, objects) \
    F(d3dkmt_signalsynchronizationobjectfromgpu, monitored_fence_values) \
    F(d3dkmt_signalsynchronizationobjectfromgpu, reserved) \
    S(d3dkmt_signalsynchronizationobjectfromgpu2) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, object_count) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, reserved1) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, objects) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, flags) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, context_count) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, contexts) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, fence_value) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, cpu_event_handle) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, monitored_fence_values) \
    F(d3dkmt_signalsynchronizationobjectfromgpu2, reserved) \
    S(d3dkmt_waitforsynchronizationobjectfromgpu) \
    F(d3dkmt_waitforsynchronizationobjectfromgpu, context) \
    F(d3dkmt_waitforsynchronizationobjectfromgpu, object_count) \
    F(d3dkmt_waitforsynchronizationobjectfromgpu, objects) \
    F(d3dkmt_waitforsynchronizationobjectfromgpu, monitored_fence_values) \
    F(d3dkmt_waitforsynchronizationobjectfromgpu, fence_value) \
    F(d3dkmt_waitforsynchronizationobjectfromgpu, reserved) \
    S(d3dkmt_submitsignalsyncobjectstohwqueue) \
    F(d3dkmt_submitsignalsyncobjectstohwqueue, flags) \
    F(d3dkmt_submitsignalsyncobjectstohwqueue, hwqueue_count) \
    F(d3dkmt_submitsignalsyncobjectstohwqueue, hwqueues) \
    F(d3dkmt_submitsignalsyncobjectstohwqueue, object_count) \
    F(d3dkmt_submitsignalsyncobjectstohwqueue, reserved) \
    F(d3dkmt_submitsignalsyncobjectstohwqueue, objects) \
    F(d3dkmt_submitsignalsyncobjectstohwqueue, fence_values) \
    S(d3dkmt_submitwaitforsyncobjectstohwqueue) \
    F(d3dkmt_submitwaitforsyncobjectstohwqueue, hwqueue) \
    F(d3dkmt_submitwaitforsyncobjectstohwqueue, object_count) \
    F(d3dkmt_submitwaitforsyncobjectstohwqueue, objects) \
    F(d3dkmt_submitwaitforsyncobjectstohwqueue, fence_values) \
    S(d3dkmt_submitcommand) \
    F(d3dkmt_submitcommand, command_buffer) \
    F(d3dkmt_submitcommand, command_length) \
    F(d3dkmt_submitcommand, flags) \
    F(d3dkmt_submitcommand, present_history_token) \
    F(d3dkmt_submitcommand, broadcast_context_count) \
    F(d3dkmt_submitcommand, broadcast_context) \
    F(d3dkmt_submitcommand, reserved) \
    F(d3dkmt_submitcommand, priv_drv_data) \
    F(d3dkmt_submitcommand, priv_drv_data_size) \
    F(d3dkmt_submitcommand, num_primaries) \
    F(d3dkmt_submitcommand, written_primaries) \
    F(d3dkmt_submitcommand, num_history_buffers) \
    F(d3dkmt_submitcommand, reserved1) \
    F(d3dkmt_submitcommand, history_buffer_array) \
    S(d3dkmt_submitcommandtohwqueue) \
    F(d3dkmt_submitcommandtohwqueue, hwqueue) \
    F(d3dkmt_submitcommandtohwqueue, reserved) \
    F(d3dkmt_submitcommandtohwqueue, hwqueue_progress_fence_id) \
    F(d3dkmt_submitcommandtohwqueue, command_buffer) \
    F(d3dkmt_submitcommandtohwqueue, command_length) \
    F(d3dkmt_submitcommandtohwqueue, priv_drv_data_size) \
    F(d3dkmt_submitcommandtohwqueue, priv_drv_data) \
    F(d3dkmt_submitcommandtohwqueue, num_primaries) \
    F(d3dkmt_submitcommandtohwqueue, reserved1) \
    F(d3dkmt_submitcommandtohwqueue, written_primaries) \
    S(d3dkmt_shareobjects) \
    F(d3dkmt_shareobjects, object_count) \
    F(d3dkmt_shareobjects, reserved) \
    F(d3dkmt_shareobjects, objects) \
    F(d3dkmt_shareobjects, object_attr) \
    F(d3dkmt_shareobjects, desired_access) \
    F(d3dkmt_shareobjects, reserved1) \
    F(d3dkmt_shareobjects, shared_handle) \
    S(d3dddi_openallocationinfo2) \
    F(d3dddi_openallocationinfo2, allocation) \
    F(d3dddi_openallocationinfo2, priv_drv_data) \
    F(d3dddi_openallocationinfo2, priv_drv_data_size) \
    F(d3dddi_openallocationinfo2, gpu_va) \
    F(d3dddi_openallocationinfo2, reserved) \
    S(d3dkmt_openresourcefromnthandle) \
    F(d3dkmt_openresourcefromnthandle, device) \
    F(d3dkmt_openresourcefromnthandle, reserved) \
    F(d3dkmt_openresourcefromnthandle, nt_handle) \
    F(d3dkmt_openresourcefromnthandle, allocation_count) \
    F(d3dkmt_openresourcefromnthandle, reserved1) \
    F(d3dkmt_openresourcefromnthandle, open_alloc_info) \
    F(d3dkmt_openresourcefromnthandle, private_runtime_data_size) \
    F(d3dkmt_openresourcefromnthandle, reserved2) \
    F(d3dkmt_openresourcefromnthandle, private_runtime_data) \
    F(d3dkmt_openresourcefromnthandle, resource_priv_drv_data_size) \
    F(d3dkmt_openresourcefromnthandle, reserved3) \
    F(d3dkmt_openresourcefromnthandle, resource_priv_drv_data) \
    F(d3dkmt_openresourcefromnthandle, total_priv_drv_data_size) \
    F(d3dkmt_openresourcefromnthandle, total_priv_drv_data) \
    F(d3dkmt_openresourcefromnthandle, resource) \
    F(d3dkmt_openresourcefromnthandle, keyed_mutex) \
    F(d3dkmt_openresourcefromnthandle, keyed_mutex_private_data) \
    F(d3dkmt_openresourcefromnthandle, keyed_mutex_private_data_size) \
    F(d3dkmt_openresourcefromnthandle, sync_object) \
    S(d3dkmt_queryresourceinfofromnthandle) \
    F(d3dkmt_queryresourceinfofromnthandle, device) \
    F(d3dkmt_queryresourceinfofromnthandle, reserved) \
    F(d3dkmt_queryresourceinfofromnthandle, nt_handle) \
    F(d3dkmt_queryresourceinfofromnthandle, private_runtime_data) \
    F(d3dkmt_queryresourceinfofromnthandle, private_runtime_data_size) \
    F(d3dkmt_queryresourceinfofromnthandle, total_priv_drv_data_size) \
    F(d3dkmt_queryresourceinfofromnthandle, resource_priv_drv_data_size) \
    F(d3dkmt_queryresourceinfofromnthandle, allocation_count) \
    S(d3dkmt_opensyncobjectfromnthandle2) \
    F(d3dkmt_opensyncobjectfromnthandle2, nt_handle) \
    F(d3dkmt_opensyncobjectfromnthandle2, device) \
    F(d3dkmt_opensyncobjectfromnthandle2, flags) \
    F(d3dkmt_opensyncobjectfromnthandle2, sync_object) \
    F(d3dkmt_opensyncobjectfromnthandle2, reserved1) \
    F(d3dkmt_opensyncobjectfromnthandle2, monitored_fence.fence_value_cpu_va) \
    F(d3dkmt_opensyncobjectfromnthandle2, monitored_fence.fence_value_gpu_va) \
    F(d3dkmt_opensyncobjectfromnthandle2, monitored_fence.engine_affinity) \
    F(d3dkmt_opensyncobjectfromnthandle2, reserved) \
    S(d3dkmt_queryvideomemoryinfo) \
    F(d3dkmt_queryvideomemoryinfo, process) \
    F(d3dkmt_queryvideomemoryinfo, adapter) \
    F(d3dkmt_queryvideomemoryinfo, memory_segment_group) \
    F(d3dkmt_queryvideomemoryinfo, budget) \
    F(d3dkmt_queryvideomemoryinfo, current_usage) \
    F(d3dkmt_queryvideomemoryinfo, current_reservation) \
    F(d3dkmt_queryvideomemoryinfo, available_for_reservation) \
    F(d3dkmt_queryvideomemoryinfo, physical_adapter_index) \
    S(d3dkmt_querystatistics) \
    F(d3dkmt_querystatistics, type) \
    F(d3dkmt_querystatistics, adapter_luid) \
    F(d3dkmt_querystatistics, process) \
    F(d3dkmt_querystatistics, result) \
    F(d3dkmt_querystatistics, size) \
    S(d3dkmt_getdevicestate) \
    F(d3dkmt_getdevicestate, device) \
    F(d3dkmt_getdevicestate, state_type) \
    F(d3dkmt_getdevicestate, execution_state) \
    F(d3dkmt_getdevicestate, reset_state) \
    F(d3dkmt_getdevicestate, page_fault_state) \
    F(d3dkmt_getdevicestate, alignment) \
    S(d3dkmt_devicepagefault_state) \
    F(d3dkmt_devicepagefault_state, faulted_primitive_api_sequence_number) \
    F(d3dkmt_devicepagefault_state, faulted_pipeline_stage) \
    F(d3dkmt_devicepagefault_state, faulted_bind_table_entry) \
    F(d3dkmt_devicepagefault_state, page_fault_flags) \
    F(d3dkmt_devicepagefault_state, fault_error_code) \
    F(d3dkmt_devicepagefault_state, faulted_virtual_address) \
    S(d3dkmt_setallocationpriority) \
    F(d3dkmt_setallocationpriority, device) \
    F(d3dkmt_setallocationpriority, resource) \
    F(d3dkmt_setallocationpriority, allocation_list) \
    F(d3dkmt_setallocationpriority, allocation_count) \
    F(d3dkmt_setallocationpriority, reserved) \
    F(d3dkmt_setallocationpriority, priorities) \
    S(d3dkmt_getallocationpriority) \
    F(d3dkmt_getallocationpriority, device) \
    F(d3dkmt_getallocationpriority, resource) \
    F(d3dkmt_getallocationpriority, allocation_list) \
    F(d3dkmt_getallocationpriority, allocation_count) \
    F(d3dkmt_getallocationpriority, reserved) \
    F(d3dkmt_getallocationpriority, priorities) \
    S(d3dkmt_queryallocationresidency) \
    F(d3dkmt_queryallocationresidency, device) \
    F(d3dkmt_queryallocationresidency, resource) \
    F(d3dkmt_queryallocationresidency, allocations) \
    F(d3dkmt_queryallocationresidency, allocation_count) \
    F(d3dkmt_queryallocationresidency, reserved) \
    F(d3dkmt_queryallocationresidency, residency_status) \
    S(d3dkmt_escape) \
    F(d3dkmt_escape, adapter) \
    F(d3dkmt_escape, device) \
    F(d3dkmt_escape, type) \
    F(d3dkmt_escape, flags) \
    F(d3dkmt_escape, priv_drv_data) \
    F(d3dkmt_escape, priv_drv_data_size) \
    F(d3dkmt_escape, context) \
    S(d3dddi_mapgpuvirtualaddress) \
    F(d3dddi_mapgpuvirtualaddress, paging_queue) \
    F(d3dddi_mapgpuvirtualaddress, base_address) \
    F(d3dddi_mapgpuvirtualaddress, minimum_address) \
    F(d3dddi_mapgpuvirtualaddress, maximum_address) \
    F(d3dddi_mapgpuvirtualaddress, allocation) \
    F(d3dddi_mapgpuvirtualaddress, offset_in_pages) \
    F(d3dddi_mapgpuvirtualaddress, size_in_pages) \
    F(d3dddi_mapgpuvirtualaddress, protection) \
    F(d3dddi_mapgpuvirtualaddress, driver_protection) \
    F(d3dddi_mapgpuvirtualaddress, reserved0) \
    F(d3dddi_mapgpuvirtualaddress, reserved1) \
    F(d3dddi_mapgpuvirtualaddress, virtual_address) \
    F(d3dddi_mapgpuvirtualaddress, paging_fence_value) \
    S(d3dddi_reservegpuvirtualaddress) \
    F(d3dddi_reservegpuvirtualaddress, adapter) \
    F(d3dddi_reservegpuvirtualaddress, base_address) \
    F(d3dddi_reservegpuvirtualaddress, minimum_address) \
    F(d3dddi_reservegpuvirtualaddress, maximum_address) \
    F(d3dddi_reservegpuvirtualaddress, size) \
    F(d3dddi_reservegpuvirtualaddress, reservation_type) \
    F(d3dddi_reservegpuvirtualaddress, driver_protection) \
    F(d3dddi_reservegpuvirtualaddress, virtual_address) \
    F(d3dddi_reservegpuvirtualaddress, paging_fence_value) \
    S(d3dkmt_freegpuvirtualaddress) \
    F(d3dkmt_freegpuvirtualaddress, adapter) \
    F(d3dkmt_freegpuvirtualaddress, reserved) \
    F(d3dkmt_freegpuvirtualaddress, base_address) \
    F(d3dkmt_freegpuvirtualaddress, size) \
    S(d3dkmt_updategpuvirtualaddress) \
    F(d3dkmt_updategpuvirtualaddress, device) \
    F(d3dkmt_updategpuvirtualaddress, context) \
    F(d3dkmt_updategpuvirtualaddress, fence_object) \
    F(d3dkmt_updategpuvirtualaddress, num_operations) \
    F(d3dkmt_updategpuvirtualaddress, operations) \
    F(d3dkmt_updategpuvirtualaddress, reserved0) \
    F(d3dkmt_updategpuvirtualaddress, reserved1) \
    F(d3dkmt_updategpuvirtualaddress, reserved2) \
    F(d3dkmt_updategpuvirtualaddress, fence_value) \
    F(d3dkmt_updategpuvirtualaddress, flags) \
    F(d3dkmt_updategpuvirtualaddress, reserved3) \
    S(d3dddi_updategpuvirtualaddress_operation) \
    S(d3dddi_updateallocproperty) \
    F(d3dddi_updateallocproperty, paging_queue) \
    F(d3dddi_updateallocproperty, allocation) \
    F(d3dddi_updateallocproperty, supported_segment_set) \
    F(d3dddi_updateallocproperty, preferred_segment) \
    F(d3dddi_updateallocproperty, flags) \
    F(d3dddi_updateallocproperty, paging_fence_value) \
    F(d3dddi_updateallocproperty, property_mask_value) \
    S(d3dkmt_offerallocations) \
    F(d3dkmt_offerallocations, device) \
    F(d3dkmt_offerallocations, reserved) \
    F(d3dkmt_offerallocations, resources) \
    F(d3dkmt_offerallocations, allocations) \
    F(d3dkmt_offerallocations, allocation_count) \
    F(d3dkmt_offerallocations, priority) \
    F(d3dkmt_offerallocations, flags) \
    F(d3dkmt_offerallocations, reserved1) \
    S(d3dkmt_reclaimallocations2) \
    F(d3dkmt_reclaimallocations2, paging_queue) \
    F(d3dkmt_reclaimallocations2, allocation_count) \
    F(d3dkmt_reclaimallocations2, resources) \
    F(d3dkmt_reclaimallocations2, allocations) \
    F(d3dkmt_reclaimallocations2, discarded) \
    F(d3dkmt_reclaimallocations2, results) \
    F(d3dkmt_reclaimallocations2, paging_fence_value) \
    S(d3dkmt_changevideomemoryreservation) \
    F(d3dkmt_changevideomemoryreservation, process) \
    F(d3dkmt_changevideomemoryreservation, adapter) \
    F(d3dkmt_changevideomemoryreservation, memory_segment_group) \
    F(d3dkmt_changevideomemoryreservation, reservation) \
    F(d3dkmt_changevideomemoryreservation, physical_adapter_index) \
    S(d3dkmt_queryclockcalibration) \
    F(d3dkmt_queryclockcalibration, adapter) \
    F(d3dkmt_queryclockcalibration, node_ordinal) \
    F(d3dkmt_queryclockcalibration, physical_adapter_index) \
    F(d3dkmt_queryclockcalibration, clock_data) \
    S(dxgk_gpuclockdata) \
    F(dxgk_gpuclockdata, gpu_frequency) \
    F(dxgk_gpuclockdata, gpu_clock_counter) \
    F(dxgk_gpuclockdata, cpu_clock_counter) \
    F(dxgk_gpuclockdata, flags) \
    S(d3dkmt_shareobjectwithhost) \
    F(d3dkmt_shareobjectwithhost, device_handle) \
    F(d3dkmt_shareobjectwithhost, object_handle) \
    F(d3dkmt_shareobjectwithhost, reserved) \
    F(d3dkmt_shareobjectwithhost, object_vail_nt_handle) \
    S(d3dkmt_createsyncfile) \
    F(d3dkmt_createsyncfile, device) \
    F(d3dkmt_createsyncfile, monitored_fence) \
    F(d3dkmt_createsyncfile, fence_value) \
    F(d3dkmt_createsyncfile, sync_file_handle) \
    S(d3dkmt_waitsyncfile) \
    F(d3dkmt_waitsyncfile, sync_file_handle) \
    F(d3dkmt_waitsyncfile, context) \
    F(d3dkmt_waitsyncfile, reserved) \
    S(d3dkmt_opensyncobjectfromsyncfile) \
    F(d3dkmt_opensyncobjectfromsyncfile, sync_file_handle) \
    F(d3dkmt_opensyncobjectfromsyncfile, device) \
    F(d3dkmt_opensyncobjectfromsyncfile, syncobj) \
    F(d3dkmt_opensyncobjectfromsyncfile, fence_value) \
    F(d3dkmt_opensyncobjectfromsyncfile, fence_value_cpu_va) \
    F(d3dkmt_opensyncobjectfromsyncfile, fence_value_gpu_va) \
    S(d3dkmt_enumprocesses) \
    F(d3dkmt_enumprocesses, adapter_luid) \
    F(d3dkmt_enumprocesses, buffer) \
    F(d3dkmt_enumprocesses, buffer_count) \
    S(d3dkmt_isfeatureenabled) \
    F(d3dkmt_isfeatureenabled, adapter) \
    F(d3dkmt_isfeatureenabled, feature_id) \
    F(d3dkmt_isfeatureenabled, result) \
    S(d3dkmt_invalidatecache) \
    F(d3dkmt_invalidatecache, device) \
    F(d3dkmt_invalidatecache, allocation) \
    F(d3dkmt_invalidatecache, offset) \
    F(d3dkmt_invalidatecache, length) \
    S(d3dkmt_markdeviceaserror) \
    F(d3dkmt_markdeviceaserror, device) \
    F(d3dkmt_markdeviceaserror, reason) \
    S(d3dkmt_setcontextschedulingpriority) \
    F(d3dkmt_setcontextschedulingpriority, context) \
    F(d3dkmt_setcontextschedulingpriority, priority) \
    S(d3dkmt_createcontext) \
    S(d3dkmt_render) \
    S(d3dkmt_openresource) \
    S(d3dkmt_queryresourceinfo) \
    S(old_d3dkmt_createdevice) \
    S(old_d3dkmt_getdevicestate)

#define AS_SIZEOF_ROW(strct) {#strct, "__sizeof__", 0, (uint32_t)sizeof(struct strct)},
#define AS_FIELD_ROW(strct, member) \
    {#strct, #member, (uint32_t)offsetof(struct strct, member), \
     (uint32_t)sizeof(((struct strct *)0)->member)},

static const dxgs_field d3dkmt_fields[] = {DXGS_D3DKMT_FIELD_ROWS(AS_SIZEOF_ROW, AS_FIELD_ROW)};

const dxgs_ioctl *dxgs_abi_ioctls(size_t *count)
{
    *count = sizeof ioctls / sizeof ioctls[0];
    return ioctls;
}

const dxgs_ioctl *dxgs_abi_ioctl_by_nr(uint32_t nr)
{
    for (size_t i = 0; i < sizeof ioctls / sizeof ioctls[0]; i++) {
        if (ioctls[i].nr == nr) {
            return &ioctls[i];
        }
    }
    return NULL;
}

const dxgs_ioctl *dxgs_abi_ioctl_by_code(uint32_t code)
{
    /* 0 marks an unknown code, never a match */
    if (code == 0) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof ioctls / sizeof ioctls[0]; i++) {
        if (ioctls[i].code == code) {
            return &ioctls[i];
        }
    }
    return NULL;
}

const dxgs_field *dxgs_abi_fields(size_t *count)
{
    *count = sizeof d3dkmt_fields / sizeof d3dkmt_fields[0];
    return d3dkmt_fields;
}

void dxgs_abi_print_tsv(FILE *out)
{
    for (size_t i = 0; i < sizeof ioctls / sizeof ioctls[0]; i++) {
        const dxgs_ioctl *io = &ioctls[i];
        if (io->flags & DXGS_IOCTL_LAYOUT_UNKNOWN) {
            fprintf(out, "%s\tunknown\t%s\tunknown\n", io->name, io->arg_struct);
        } else {
            fprintf(out, "%s\t0x%08x\t%s\t%u\n", io->name, io->code, io->arg_struct, io->arg_size);
        }
    }
    for (size_t i = 0; i < sizeof d3dkmt_fields / sizeof d3dkmt_fields[0]; i++) {
        const dxgs_field *f = &d3dkmt_fields[i];
        fprintf(out, "%s\t%s\t%u\t%u\n", f->strct, f->field, f->offset, f->size);
    }
}
