/*
 * The VMBus field table and command names (see include/dxgscope/abi.h). Offsets and sizes come
 * from offsetof/sizeof on include/dxgscope/dxgvmbus.h; the row order is the order of
 * shared/abi/vmbus-layout.tsv, which dxgs_abi_print_vmbus_tsv reproduces.
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

void dxgs_abi_print_vmbus_tsv(FILE *out)
{
    for (size_t i = 0; i < sizeof vmbus_fields / sizeof vmbus_fields[0]; i++) {
        const dxgs_field *f = &vmbus_fields[i];
        fprintf(out, "%s\t%s\t%u\t%u\n", f->strct, f->field, f->offset, f->size);
    }
}
