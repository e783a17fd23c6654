/*
 * The VMBus field table and command names (see include/dxgscope/abi.h). Offsets and sizes come
 * from offsetof/sizeof on include/dxgscope/dxgvmbus.h. The main table's row order is the order of
 * shared/abi/vmbus-layout.tsv, which dxgs_abi_print_vmbus_tsv reproduces; the extra table adds the
 * members that reference lists no fields for (dxgs_abi_print_vmbus_fields_tsv).
 */
#include "dxgscope/abi.h"

#include <stddef.h>
#include <stdio.h>

#include "dxgscope/dxgvmbus.h"

/*
 * VMBus field rows, in TSV order: S(struct) is the __sizeof__ row, F(struct, member) one field.
 * The reference lists only some members of each message (no headers, no bit-fields).
 */
#define DXGS_VMBUS_FIELD_ROWS(S, F) \
    S(dxgvmb_ext_header) \
    F(dxgvmb_ext_header, command_offset) \
    F(dxgvmb_ext_header, reserved) \
    F(dxgvmb_ext_header, vgpu_luid) \
    S(dxgkvmb_command_vm_to_host) \
    F(dxgkvmb_command_vm_to_host, command_id) \
    F(dxgkvmb_command_vm_to_host, process) \
    F(dxgkvmb_command_vm_to_host, channel_type) \
    F(dxgkvmb_command_vm_to_host, command_type) \
    S(dxgkvmb_command_vgpu_to_host) \
    F(dxgkvmb_command_vgpu_to_host, command_id) \
    F(dxgkvmb_command_vgpu_to_host, process) \
    F(dxgkvmb_command_vgpu_to_host, command_type) \
    S(dxgkvmb_command_host_to_vm) \
    F(dxgkvmb_command_host_to_vm, command_id) \
    F(dxgkvmb_command_host_to_vm, process) \
    F(dxgkvmb_command_host_to_vm, command_type) \
    S(dxgkvmb_command_signalguestevent) \
    F(dxgkvmb_command_signalguestevent, event) \
    F(dxgkvmb_command_signalguestevent, process_id) \
    F(dxgkvmb_command_signalguestevent, dereference_event) \
    S(dxgkvmb_command_setguestdata) \
    F(dxgkvmb_command_setguestdata, guest_pointer) \
    F(dxgkvmb_command_setguestdata, data64) \
    S(dxgkvmb_command_opensyncobject) \
    S(dxgkvmb_command_opensyncobject_return) \
    S(dxgkvmb_command_createntsharedobject) \
    S(dxgkvmb_command_destroyntsharedobject) \
    S(dxgkvmb_command_setiospaceregion) \
    S(dxgkvmb_command_setexistingsysmemstore) \
    S(dxgkvmb_command_setexistingsysmempages) \
    S(dxgkvmb_command_createprocess) \
    F(dxgkvmb_command_createprocess, process) \
    F(dxgkvmb_command_createprocess, process_id) \
    F(dxgkvmb_command_createprocess, process_name) \
    S(dxgkvmb_command_createprocess_return) \
    S(dxgkvmb_command_destroyprocess) \
    S(dxgkvmb_command_openadapter) \
    F(dxgkvmb_command_openadapter, vmbus_interface_version) \
    F(dxgkvmb_command_openadapter, vmbus_last_compatible_interface_version) \
    F(dxgkvmb_command_openadapter, guest_adapter_luid) \
    S(dxgkvmb_command_openadapter_return) \
    S(dxgkvmb_command_closeadapter) \
    S(dxgkvmb_command_getinternaladapterinfo) \
    S(dxgkvmb_command_getinternaladapterinfo_return) \
    F(dxgkvmb_command_getinternaladapterinfo_return, host_adapter_luid) \
    F(dxgkvmb_command_getinternaladapterinfo_return, device_description) \
    F(dxgkvmb_command_getinternaladapterinfo_return, device_instance_id) \
    F(dxgkvmb_command_getinternaladapterinfo_return, host_vgpu_luid) \
    S(dxgkvmb_command_queryadapterinfo) \
    F(dxgkvmb_command_queryadapterinfo, query_type) \
    F(dxgkvmb_command_queryadapterinfo, private_data_size) \
    F(dxgkvmb_command_queryadapterinfo, private_data) \
    S(dxgkvmb_command_queryadapterinfo_return) \
    S(dxgkvmb_command_setallocationpriority) \
    S(dxgkvmb_command_getallocationpriority) \
    S(dxgkvmb_command_getallocationpriority_return) \
    S(dxgkvmb_command_setcontextschedulingpriority2) \
    S(dxgkvmb_command_getcontextschedulingpriority) \
    S(dxgkvmb_command_getcontextschedulingpriority_return) \
    S(dxgkvmb_command_createdevice) \
    S(dxgkvmb_command_createdevice_return) \
    S(dxgkvmb_command_destroydevice) \
    S(dxgkvmb_command_flushdevice) \
    S(dxgkvmb_command_makeresident) \
    F(dxgkvmb_command_makeresident, device) \
    F(dxgkvmb_command_makeresident, paging_queue) \
    F(dxgkvmb_command_makeresident, flags) \
    F(dxgkvmb_command_makeresident, alloc_count) \
    F(dxgkvmb_command_makeresident, allocations) \
    S(dxgkvmb_command_makeresident_return) \
    F(dxgkvmb_command_makeresident_return, paging_fence_value) \
    F(dxgkvmb_command_makeresident_return, num_bytes_to_trim) \
    F(dxgkvmb_command_makeresident_return, status) \
    S(dxgkvmb_command_evict) \
    S(dxgkvmb_command_evict_return) \
    S(dxgkvmb_command_submitcommand) \
    S(dxgkvmb_command_submitcommandtohwqueue) \
    S(dxgkvmb_command_flushheaptransitions) \
    S(dxgkvmb_command_invalidatecache) \
    S(dxgkvmb_command_freegpuvirtualaddress) \
    S(dxgkvmb_command_mapgpuvirtualaddress) \
    S(dxgkvmb_command_mapgpuvirtualaddress_return) \
    S(dxgkvmb_command_reservegpuvirtualaddress) \
    S(dxgkvmb_command_reservegpuvirtualaddress_return) \
    S(dxgkvmb_command_updategpuvirtualaddress) \
    S(dxgkvmb_command_queryclockcalibration) \
    S(dxgkvmb_command_queryclockcalibration_return) \
    S(dxgkvmb_command_createallocation_allocinfo) \
    S(dxgkvmb_command_createallocation) \
    F(dxgkvmb_command_createallocation, device) \
    F(dxgkvmb_command_createallocation, resource) \
    F(dxgkvmb_command_createallocation, private_runtime_data_size) \
    F(dxgkvmb_command_createallocation, priv_drv_data_size) \
    F(dxgkvmb_command_createallocation, alloc_count) \
    F(dxgkvmb_command_createallocation, flags) \
    F(dxgkvmb_command_createallocation, private_runtime_resource_handle) \
    F(dxgkvmb_command_createallocation, make_resident) \
    S(dxgkvmb_command_openresource) \
    S(dxgkvmb_command_openresource_return) \
    S(dxgkvmb_command_querystatistics) \
    S(dxgkvmb_command_querystatistics_return) \
    S(dxgkvmb_command_getstandardallocprivdata) \
    S(dxgkvmb_command_getstandardallocprivdata_return) \
    S(dxgkarg_describeallocation) \
    S(dxgkvmb_allocflags) \
    S(dxgkvmb_command_allocinfo_return) \
    F(dxgkvmb_command_allocinfo_return, allocation) \
    F(dxgkvmb_command_allocinfo_return, priv_drv_data_size) \
    F(dxgkvmb_command_allocinfo_return, allocation_flags) \
    F(dxgkvmb_command_allocinfo_return, allocation_size) \
    F(dxgkvmb_command_allocinfo_return, driver_info) \
    S(dxgkvmb_command_createallocation_return) \
    F(dxgkvmb_command_createallocation_return, flags) \
    F(dxgkvmb_command_createallocation_return, resource) \
    F(dxgkvmb_command_createallocation_return, global_share) \
    F(dxgkvmb_command_createallocation_return, vgpu_flags) \
    F(dxgkvmb_command_createallocation_return, allocation_info) \
    S(dxgkvmb_command_destroyallocation) \
    S(dxgkvmb_command_createcontextvirtual) \
    S(dxgkvmb_command_destroycontext) \
    S(dxgkvmb_command_createpagingqueue) \
    S(dxgkvmb_command_createpagingqueue_return) \
    F(dxgkvmb_command_createpagingqueue_return, paging_queue) \
    F(dxgkvmb_command_createpagingqueue_return, sync_object) \
    F(dxgkvmb_command_createpagingqueue_return, fence_storage_physical_address) \
    F(dxgkvmb_command_createpagingqueue_return, fence_storage_offset) \
    S(dxgkvmb_command_destroypagingqueue) \
    S(dxgkvmb_command_createsyncobject) \
    F(dxgkvmb_command_createsyncobject, args) \
    F(dxgkvmb_command_createsyncobject, client_hint) \
    S(dxgkvmb_command_createsyncobject_return) \
    F(dxgkvmb_command_createsyncobject_return, sync_object) \
    F(dxgkvmb_command_createsyncobject_return, global_sync_object) \
    F(dxgkvmb_command_createsyncobject_return, fence_gpu_va) \
    F(dxgkvmb_command_createsyncobject_return, fence_storage_address) \
    F(dxgkvmb_command_createsyncobject_return, fence_storage_offset) \
    S(dxgkvmb_command_destroysyncobject) \
    S(dxgkvmb_command_signalsyncobject) \
    F(dxgkvmb_command_signalsyncobject, object_count) \
    F(dxgkvmb_command_signalsyncobject, flags) \
    F(dxgkvmb_command_signalsyncobject, context_count) \
    F(dxgkvmb_command_signalsyncobject, fence_value) \
    F(dxgkvmb_command_signalsyncobject, cpu_event_handle) \
    F(dxgkvmb_command_signalsyncobject, device) \
    S(dxgkvmb_command_waitforsyncobjectfromcpu) \
    F(dxgkvmb_command_waitforsyncobjectfromcpu, device) \
    F(dxgkvmb_command_waitforsyncobjectfromcpu, object_count) \
    F(dxgkvmb_command_waitforsyncobjectfromcpu, flags) \
    F(dxgkvmb_command_waitforsyncobjectfromcpu, guest_event_pointer) \
    F(dxgkvmb_command_waitforsyncobjectfromcpu, dereference_event) \
    S(dxgkvmb_command_waitforsyncobjectfromgpu) \
    F(dxgkvmb_command_waitforsyncobjectfromgpu, context) \
    F(dxgkvmb_command_waitforsyncobjectfromgpu, object_count) \
    F(dxgkvmb_command_waitforsyncobjectfromgpu, legacy_fence_object) \
    F(dxgkvmb_command_waitforsyncobjectfromgpu, fence_values) \
    S(dxgkvmb_command_lock2) \
    S(dxgkvmb_command_lock2_return) \
    S(dxgkvmb_command_unlock2) \
    S(dxgkvmb_command_updateallocationproperty) \
    S(dxgkvmb_command_updateallocationproperty_return) \
    S(dxgkvmb_command_markdeviceaserror) \
    S(dxgkvmb_command_offerallocations) \
    S(dxgkvmb_command_reclaimallocations) \
    S(dxgkvmb_command_reclaimallocations_return) \
    S(dxgkvmb_command_changevideomemoryreservation) \
    S(dxgkvmb_command_createhwqueue) \
    F(dxgkvmb_command_createhwqueue, status) \
    F(dxgkvmb_command_createhwqueue, hwqueue) \
    F(dxgkvmb_command_createhwqueue, hwqueue_progress_fence) \
    F(dxgkvmb_command_createhwqueue, hwqueue_progress_fence_cpuva) \
    F(dxgkvmb_command_createhwqueue, hwqueue_progress_fence_gpuva) \
    F(dxgkvmb_command_createhwqueue, context) \
    F(dxgkvmb_command_createhwqueue, flags) \
    F(dxgkvmb_command_createhwqueue, priv_drv_data_size) \
    F(dxgkvmb_command_createhwqueue, priv_drv_data) \
    S(dxgkvmb_command_destroyhwqueue) \
    S(dxgkvmb_command_queryallocationresidency) \
    S(dxgkvmb_command_queryallocationresidency_return) \
    S(dxgkvmb_command_escape) \
    F(dxgkvmb_command_escape, priv_drv_data) \
    S(dxgkvmb_command_queryvideomemoryinfo) \
    S(dxgkvmb_command_queryvideomemoryinfo_return) \
    S(dxgkvmb_command_getdevicestate) \
    S(dxgkvmb_command_getdevicestate_return) \
    S(dxgkvmb_command_shareobjectwithhost) \
    S(dxgkvmb_command_shareobjectwithhost_return) \
    S(dxgk_feature_desc) \
    S(dxgkvmb_command_isfeatureenabled) \
    S(dxgkvmb_command_isfeatureenabled_gbl) \
    S(dxgkvmb_command_isfeatureenabled_return)

#define AS_SIZEOF_ROW(strct) {#strct, "__sizeof__", 0, (uint32_t)sizeof(struct strct)},
#define AS_FIELD_ROW(strct, member) \
    {#strct, #member, (uint32_t)offsetof(struct strct, member), \
     (uint32_t)sizeof(((struct strct *)0)->member)},

static const dxgs_field vmbus_fields[] = {DXGS_VMBUS_FIELD_ROWS(AS_SIZEOF_ROW, AS_FIELD_ROW)};

/*
 * The members shared/abi/vmbus-layout.tsv leaves out: for every message struct it lists only by
 * size, the named members this header declares, in the reference's struct order and declaration
 * order (vmbus-fields.tsv). No __sizeof__ rows (the reference has them), no command headers (hdr,
 * which decoders read with the header structs), no bit-fields; a nested struct (flags, args) is
 * one row of its own size, union alternatives are one row each. Structs that are only a header
 * (destroyprocess, getinternaladapterinfo, flushheaptransitions) have no rows.
 */
#define DXGS_VMBUS_EXTRA_FIELD_ROWS(F) \
    F(dxgkvmb_command_opensyncobject, device) \
    F(dxgkvmb_command_opensyncobject, global_sync_object) \
    F(dxgkvmb_command_opensyncobject, engine_affinity) \
    F(dxgkvmb_command_opensyncobject, flags) \
    F(dxgkvmb_command_opensyncobject_return, sync_object) \
    F(dxgkvmb_command_opensyncobject_return, status) \
    F(dxgkvmb_command_opensyncobject_return, gpu_virtual_address) \
    F(dxgkvmb_command_opensyncobject_return, guest_cpu_physical_address) \
    F(dxgkvmb_command_createntsharedobject, object) \
    F(dxgkvmb_command_destroyntsharedobject, shared_handle) \
    F(dxgkvmb_command_setiospaceregion, start) \
    F(dxgkvmb_command_setiospaceregion, length) \
    F(dxgkvmb_command_setiospaceregion, shared_page_gpadl) \
    F(dxgkvmb_command_setexistingsysmemstore, device) \
    F(dxgkvmb_command_setexistingsysmemstore, allocation) \
    F(dxgkvmb_command_setexistingsysmemstore, gpadl) \
    F(dxgkvmb_command_setexistingsysmempages, device) \
    F(dxgkvmb_command_setexistingsysmempages, allocation) \
    F(dxgkvmb_command_setexistingsysmempages, num_pages) \
    F(dxgkvmb_command_setexistingsysmempages, alloc_offset_in_pages) \
    F(dxgkvmb_command_createprocess_return, hprocess) \
    F(dxgkvmb_command_openadapter_return, host_adapter_handle) \
    F(dxgkvmb_command_openadapter_return, status) \
    F(dxgkvmb_command_openadapter_return, vmbus_interface_version) \
    F(dxgkvmb_command_openadapter_return, vmbus_last_compatible_interface_version) \
    F(dxgkvmb_command_closeadapter, host_handle) \
    F(dxgkvmb_command_queryadapterinfo_return, status) \
    F(dxgkvmb_command_queryadapterinfo_return, private_data) \
    F(dxgkvmb_command_setallocationpriority, device) \
    F(dxgkvmb_command_setallocationpriority, resource) \
    F(dxgkvmb_command_setallocationpriority, allocation_count) \
    F(dxgkvmb_command_getallocationpriority, device) \
    F(dxgkvmb_command_getallocationpriority, resource) \
    F(dxgkvmb_command_getallocationpriority, allocation_count) \
    F(dxgkvmb_command_getallocationpriority_return, status) \
    F(dxgkvmb_command_setcontextschedulingpriority2, context) \
    F(dxgkvmb_command_setcontextschedulingpriority2, priority) \
    F(dxgkvmb_command_setcontextschedulingpriority2, in_process) \
    F(dxgkvmb_command_getcontextschedulingpriority, context) \
    F(dxgkvmb_command_getcontextschedulingpriority, in_process) \
    F(dxgkvmb_command_getcontextschedulingpriority_return, status) \
    F(dxgkvmb_command_getcontextschedulingpriority_return, priority) \
    F(dxgkvmb_command_createdevice, flags) \
    F(dxgkvmb_command_createdevice, cdd_device) \
    F(dxgkvmb_command_createdevice, error_code) \
    F(dxgkvmb_command_createdevice_return, device) \
    F(dxgkvmb_command_destroydevice, device) \
    F(dxgkvmb_command_flushdevice, device) \
    F(dxgkvmb_command_flushdevice, reason) \
    F(dxgkvmb_command_evict, device) \
    F(dxgkvmb_command_evict, flags) \
    F(dxgkvmb_command_evict, alloc_count) \
    F(dxgkvmb_command_evict, allocations) \
    F(dxgkvmb_command_evict_return, num_bytes_to_trim) \
    F(dxgkvmb_command_submitcommand, args) \
    F(dxgkvmb_command_submitcommandtohwqueue, args) \
    F(dxgkvmb_command_invalidatecache, device) \
    F(dxgkvmb_command_invalidatecache, allocation) \
    F(dxgkvmb_command_invalidatecache, offset) \
    F(dxgkvmb_command_invalidatecache, length) \
    F(dxgkvmb_command_invalidatecache, reserved) \
    F(dxgkvmb_command_freegpuvirtualaddress, args) \
    F(dxgkvmb_command_mapgpuvirtualaddress, args) \
    F(dxgkvmb_command_mapgpuvirtualaddress, device) \
    F(dxgkvmb_command_mapgpuvirtualaddress_return, virtual_address) \
    F(dxgkvmb_command_mapgpuvirtualaddress_return, paging_fence_value) \
    F(dxgkvmb_command_mapgpuvirtualaddress_return, status) \
    F(dxgkvmb_command_reservegpuvirtualaddress, args) \
    F(dxgkvmb_command_reservegpuvirtualaddress_return, virtual_address) \
    F(dxgkvmb_command_reservegpuvirtualaddress_return, paging_fence_value) \
    F(dxgkvmb_command_updategpuvirtualaddress, fence_value) \
    F(dxgkvmb_command_updategpuvirtualaddress, device) \
    F(dxgkvmb_command_updategpuvirtualaddress, context) \
    F(dxgkvmb_command_updategpuvirtualaddress, fence_object) \
    F(dxgkvmb_command_updategpuvirtualaddress, num_operations) \
    F(dxgkvmb_command_updategpuvirtualaddress, flags) \
    F(dxgkvmb_command_updategpuvirtualaddress, operations) \
    F(dxgkvmb_command_queryclockcalibration, args) \
    F(dxgkvmb_command_queryclockcalibration_return, status) \
    F(dxgkvmb_command_queryclockcalibration_return, clock_data) \
    F(dxgkvmb_command_createallocation_allocinfo, flags) \
    F(dxgkvmb_command_createallocation_allocinfo, priv_drv_data_size) \
    F(dxgkvmb_command_createallocation_allocinfo, vidpn_source_id) \
    F(dxgkvmb_command_openresource, device) \
    F(dxgkvmb_command_openresource, nt_security_sharing) \
    F(dxgkvmb_command_openresource, global_share) \
    F(dxgkvmb_command_openresource, allocation_count) \
    F(dxgkvmb_command_openresource, total_priv_drv_data_size) \
    F(dxgkvmb_command_openresource_return, resource) \
    F(dxgkvmb_command_openresource_return, status) \
    F(dxgkvmb_command_querystatistics, args) \
    F(dxgkvmb_command_querystatistics_return, status) \
    F(dxgkvmb_command_querystatistics_return, reserved) \
    F(dxgkvmb_command_querystatistics_return, result) \
    F(dxgkvmb_command_getstandardallocprivdata, alloc_type) \
    F(dxgkvmb_command_getstandardallocprivdata, priv_driver_data_size) \
    F(dxgkvmb_command_getstandardallocprivdata, priv_driver_resource_size) \
    F(dxgkvmb_command_getstandardallocprivdata, physical_adapter_index) \
    F(dxgkvmb_command_getstandardallocprivdata, primary) \
    F(dxgkvmb_command_getstandardallocprivdata, shadow) \
    F(dxgkvmb_command_getstandardallocprivdata, staging) \
    F(dxgkvmb_command_getstandardallocprivdata, gdi_surface) \
    F(dxgkvmb_command_getstandardallocprivdata_return, status) \
    F(dxgkvmb_command_getstandardallocprivdata_return, priv_driver_data_size) \
    F(dxgkvmb_command_getstandardallocprivdata_return, priv_driver_resource_size) \
    F(dxgkvmb_command_getstandardallocprivdata_return, primary) \
    F(dxgkvmb_command_getstandardallocprivdata_return, shadow) \
    F(dxgkvmb_command_getstandardallocprivdata_return, staging) \
    F(dxgkvmb_command_getstandardallocprivdata_return, gdi_surface) \
    F(dxgkarg_describeallocation, allocation) \
    F(dxgkarg_describeallocation, width) \
    F(dxgkarg_describeallocation, height) \
    F(dxgkarg_describeallocation, format) \
    F(dxgkarg_describeallocation, multisample_method) \
    F(dxgkarg_describeallocation, refresh_rate) \
    F(dxgkarg_describeallocation, private_driver_attribute) \
    F(dxgkarg_describeallocation, flags) \
    F(dxgkarg_describeallocation, rotation) \
    F(dxgkvmb_allocflags, flags) \
    F(dxgkvmb_command_destroyallocation, device) \
    F(dxgkvmb_command_destroyallocation, resource) \
    F(dxgkvmb_command_destroyallocation, alloc_count) \
    F(dxgkvmb_command_destroyallocation, flags) \
    F(dxgkvmb_command_destroyallocation, allocations) \
    F(dxgkvmb_command_createcontextvirtual, context) \
    F(dxgkvmb_command_createcontextvirtual, device) \
    F(dxgkvmb_command_createcontextvirtual, node_ordinal) \
    F(dxgkvmb_command_createcontextvirtual, engine_affinity) \
    F(dxgkvmb_command_createcontextvirtual, flags) \
    F(dxgkvmb_command_createcontextvirtual, client_hint) \
    F(dxgkvmb_command_createcontextvirtual, priv_drv_data_size) \
    F(dxgkvmb_command_createcontextvirtual, priv_drv_data) \
    F(dxgkvmb_command_destroycontext, context) \
    F(dxgkvmb_command_createpagingqueue, args) \
    F(dxgkvmb_command_destroypagingqueue, paging_queue) \
    F(dxgkvmb_command_destroysyncobject, sync_object) \
    F(dxgkvmb_command_lock2, args) \
    F(dxgkvmb_command_lock2, use_legacy_lock) \
    F(dxgkvmb_command_lock2, flags) \
    F(dxgkvmb_command_lock2, priv_drv_data) \
    F(dxgkvmb_command_lock2_return, status) \
    F(dxgkvmb_command_lock2_return, cpu_visible_buffer_offset) \
    F(dxgkvmb_command_unlock2, args) \
    F(dxgkvmb_command_unlock2, use_legacy_unlock) \
    F(dxgkvmb_command_updateallocationproperty, args) \
    F(dxgkvmb_command_updateallocationproperty_return, paging_fence_value) \
    F(dxgkvmb_command_updateallocationproperty_return, status) \
    F(dxgkvmb_command_markdeviceaserror, args) \
    F(dxgkvmb_command_offerallocations, device) \
    F(dxgkvmb_command_offerallocations, allocation_count) \
    F(dxgkvmb_command_offerallocations, priority) \
    F(dxgkvmb_command_offerallocations, flags) \
    F(dxgkvmb_command_offerallocations, resources) \
    F(dxgkvmb_command_offerallocations, allocations) \
    F(dxgkvmb_command_reclaimallocations, device) \
    F(dxgkvmb_command_reclaimallocations, paging_queue) \
    F(dxgkvmb_command_reclaimallocations, allocation_count) \
    F(dxgkvmb_command_reclaimallocations, resources) \
    F(dxgkvmb_command_reclaimallocations, write_results) \
    F(dxgkvmb_command_reclaimallocations, allocations) \
    F(dxgkvmb_command_reclaimallocations_return, paging_fence_value) \
    F(dxgkvmb_command_reclaimallocations_return, status) \
    F(dxgkvmb_command_reclaimallocations_return, discarded) \
    F(dxgkvmb_command_changevideomemoryreservation, args) \
    F(dxgkvmb_command_destroyhwqueue, hwqueue) \
    F(dxgkvmb_command_queryallocationresidency, args) \
    F(dxgkvmb_command_queryallocationresidency_return, status) \
    F(dxgkvmb_command_queryvideomemoryinfo, adapter) \
    F(dxgkvmb_command_queryvideomemoryinfo, memory_segment_group) \
    F(dxgkvmb_command_queryvideomemoryinfo, physical_adapter_index) \
    F(dxgkvmb_command_queryvideomemoryinfo_return, budget) \
    F(dxgkvmb_command_queryvideomemoryinfo_return, current_usage) \
    F(dxgkvmb_command_queryvideomemoryinfo_return, current_reservation) \
    F(dxgkvmb_command_queryvideomemoryinfo_return, available_for_reservation) \
    F(dxgkvmb_command_getdevicestate, args) \
    F(dxgkvmb_command_getdevicestate_return, args) \
    F(dxgkvmb_command_getdevicestate_return, status) \
    F(dxgkvmb_command_shareobjectwithhost, device_handle) \
    F(dxgkvmb_command_shareobjectwithhost, object_handle) \
    F(dxgkvmb_command_shareobjectwithhost, reserved) \
    F(dxgkvmb_command_shareobjectwithhost_return, status) \
    F(dxgkvmb_command_shareobjectwithhost_return, alignment) \
    F(dxgkvmb_command_shareobjectwithhost_return, vail_nt_handle) \
    F(dxgk_feature_desc, min_supported_version) \
    F(dxgk_feature_desc, max_supported_version) \
    F(dxgkvmb_command_isfeatureenabled, feature_id) \
    F(dxgkvmb_command_isfeatureenabled_gbl, feature_id) \
    F(dxgkvmb_command_isfeatureenabled_return, status) \
    F(dxgkvmb_command_isfeatureenabled_return, descriptor) \
    F(dxgkvmb_command_isfeatureenabled_return, result)

static const dxgs_field vmbus_extra_fields[] = {DXGS_VMBUS_EXTRA_FIELD_ROWS(AS_FIELD_ROW)};

/* Command names per channel; the values come from the enums in dxgvmbus.h. */
#define DXGS_VGPU_TO_HOST_COMMANDS(X) \
    X(CREATEDEVICE) X(DESTROYDEVICE) X(QUERYADAPTERINFO) X(DDIQUERYADAPTERINFO) \
    X(CREATEALLOCATION) X(DESTROYALLOCATION) X(CREATECONTEXTVIRTUAL) X(DESTROYCONTEXT) \
    X(CREATESYNCOBJECT) X(CREATEPAGINGQUEUE) X(DESTROYPAGINGQUEUE) X(MAKERESIDENT) X(EVICT) \
    X(ESCAPE) X(OPENADAPTER) X(CLOSEADAPTER) X(FREEGPUVIRTUALADDRESS) X(MAPGPUVIRTUALADDRESS) \
    X(RESERVEGPUVIRTUALADDRESS) X(UPDATEGPUVIRTUALADDRESS) X(SUBMITCOMMAND) \
    X(QUERYVIDEOMEMORYINFO) X(WAITFORSYNCOBJECTFROMCPU) X(LOCK2) X(UNLOCK2) \
    X(WAITFORSYNCOBJECTFROMGPU) X(SIGNALSYNCOBJECT) X(SIGNALFENCENTSHAREDBYREF) \
    X(GETDEVICESTATE) X(MARKDEVICEASERROR) X(ADAPTERSTOP) X(SETQUEUEDLIMIT) X(OPENRESOURCE) \
    X(SETCONTEXTSCHEDULINGPRIORITY) X(PRESENTHISTORYTOKEN) X(SETREDIRECTEDFLIPFENCEVALUE) \
    X(GETINTERNALADAPTERINFO) X(FLUSHHEAPTRANSITIONS) X(BLT) \
    X(DDIGETSTANDARDALLOCATIONDRIVERDATA) X(CDDGDICOMMAND) X(QUERYALLOCATIONRESIDENCY) \
    X(FLUSHDEVICE) X(FLUSHADAPTER) X(DDIGETNODEMETADATA) X(SETEXISTINGSYSMEMSTORE) \
    X(ISSYNCOBJECTSIGNALED) X(CDDSYNCGPUACCESS) X(QUERYSTATISTICS) \
    X(CHANGEVIDEOMEMORYRESERVATION) X(CREATEHWQUEUE) X(DESTROYHWQUEUE) \
    X(SUBMITCOMMANDTOHWQUEUE) X(GETDRIVERSTOREFILE) X(READDRIVERSTOREFILE) X(GETNEXTHARDLINK) \
    X(UPDATEALLOCATIONPROPERTY) X(OFFERALLOCATIONS) X(RECLAIMALLOCATIONS) \
    X(SETALLOCATIONPRIORITY) X(GETALLOCATIONPRIORITY) X(GETCONTEXTSCHEDULINGPRIORITY) \
    X(QUERYCLOCKCALIBRATION) X(QUERYRESOURCEINFO) X(LOGEVENT) X(SETEXISTINGSYSMEMPAGES) \
    X(INVALIDATECACHE) X(ISFEATUREENABLED)

#define DXGS_VM_TO_HOST_COMMANDS(X) \
    X(CREATEPROCESS) X(DESTROYPROCESS) X(OPENSYNCOBJECT) X(DESTROYSYNCOBJECT) \
    X(CREATENTSHAREDOBJECT) X(DESTROYNTSHAREDOBJECT) X(SIGNALFENCE) X(NOTIFYPROCESSFREEZE) \
    X(NOTIFYPROCESSTHAW) X(QUERYETWSESSION) X(SETIOSPACEREGION) X(COMPLETETRANSACTION) \
    X(SHAREOBJECTWITHHOST) X(ISFEATUREENABLED_GLOBAL)

#define DXGS_HOST_TO_VM_COMMANDS(X) \
    X(SIGNALGUESTEVENT) X(PROPAGATEPRESENTHISTORYTOKEN) X(SETGUESTDATA) \
    X(SIGNALGUESTEVENTPASSIVE) X(SENDWNFNOTIFICATION)

typedef struct command_name {
    uint32_t type;
    const char *name;
} command_name;

#define AS_COMMAND_NAME(name) {DXGK_VMBCOMMAND_##name, #name},

static const command_name vgpu_to_host[] = {DXGS_VGPU_TO_HOST_COMMANDS(AS_COMMAND_NAME)};
static const command_name vm_to_host[] = {DXGS_VM_TO_HOST_COMMANDS(AS_COMMAND_NAME)};
static const command_name host_to_vm[] = {DXGS_HOST_TO_VM_COMMANDS(AS_COMMAND_NAME)};

static const char *find_command(const command_name *table, size_t n, uint32_t type)
{
    for (size_t i = 0; i < n; i++) {
        if (table[i].type == type) {
            return table[i].name;
        }
    }
    return NULL;
}

const char *dxgs_abi_vmbus_command_name(uint32_t channel_type, uint32_t command_type)
{
    switch (channel_type) {
    case DXGKVMB_VGPU_TO_HOST:
        return find_command(vgpu_to_host, sizeof vgpu_to_host / sizeof vgpu_to_host[0],
                            command_type);
    case DXGKVMB_VM_TO_HOST:
        return find_command(vm_to_host, sizeof vm_to_host / sizeof vm_to_host[0], command_type);
    case DXGKVMB_HOST_TO_VM:
        return find_command(host_to_vm, sizeof host_to_vm / sizeof host_to_vm[0], command_type);
    default:
        return NULL;
    }
}

const dxgs_field *dxgs_abi_vmbus_fields(size_t *count)
{
    *count = sizeof vmbus_fields / sizeof vmbus_fields[0];
    return vmbus_fields;
}

static void print_rows(FILE *out, const dxgs_field *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s\t%s\t%u\t%u\n", rows[i].strct, rows[i].field, rows[i].offset, rows[i].size);
    }
}

const dxgs_field *dxgs_abi_vmbus_extra_fields(size_t *count)
{
    *count = sizeof vmbus_extra_fields / sizeof vmbus_extra_fields[0];
    return vmbus_extra_fields;
}

void dxgs_abi_print_vmbus_tsv(FILE *out)
{
    print_rows(out, vmbus_fields, sizeof vmbus_fields / sizeof vmbus_fields[0]);
}

void dxgs_abi_print_vmbus_fields_tsv(FILE *out)
{
    print_rows(out, vmbus_extra_fields, sizeof vmbus_extra_fields / sizeof vmbus_extra_fields[0]);
}
