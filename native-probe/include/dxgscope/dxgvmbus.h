/*
 * The dxgkrnl VMBus message protocol (guest view, x86_64): headers, command numbers and the
 * message structs the Linux guest sends and receives (dxg-abi.md §4).
 *
 * Layouts must match shared/abi/vmbus-layout.tsv (checked by the dxgcap_abi test).
 * Wire conventions: pointers the guest puts in messages are uint64_t; C `bool` members are
 * uint8_t (any byte value decodes); `[1]` trailing arrays are the first element of a variable
 * array that follows the struct. With vmbus_ver >= 40 every guest->host packet starts with a
 * struct dxgvmb_ext_header, then the 24-byte command header.
 */
#ifndef DXGSCOPE_DXGVMBUS_H
#define DXGSCOPE_DXGVMBUS_H

#include <stdint.h>

#include "dxgscope/d3dkmthk.h"

#define DXG_MAX_VM_BUS_PACKET_SIZE (1024 * 128)
#define DXG_VM_PROCESS_NAME_LENGTH 260
#define DXG_WIN_MAX_PATH 260

/* Interface versions (dxgkrnl.h). */
#define DXGK_VMBUS_INTERFACE_VERSION_OLD 27
#define DXGK_VMBUS_INTERFACE_VERSION 40
#define DXGK_VMBUS_LAST_COMPATIBLE_INTERFACE_VERSION 16
#define DXGK_VMBUS_VERSION_CREATENATIVEFENCE 45
#define DXGK_VMBUS_VERSION_OPENNATIVEFENCE_NT 46
#define DXGK_VMBUS_INTERFACE_VERSION_LATEST 46

enum dxgkvmb_commandchanneltype {
    DXGKVMB_VGPU_TO_HOST = 0,
    DXGKVMB_VM_TO_HOST = 1,
    DXGKVMB_HOST_TO_VM = 2,
};

/* Commands on the global channel (header struct dxgkvmb_command_vm_to_host). */
enum dxgkvmb_commandtype_global {
    DXGK_VMBCOMMAND_VM_TO_HOST_FIRST = 1000,
    DXGK_VMBCOMMAND_CREATEPROCESS = DXGK_VMBCOMMAND_VM_TO_HOST_FIRST,
    DXGK_VMBCOMMAND_DESTROYPROCESS = 1001,
    DXGK_VMBCOMMAND_OPENSYNCOBJECT = 1002,
    DXGK_VMBCOMMAND_DESTROYSYNCOBJECT = 1003,
    DXGK_VMBCOMMAND_CREATENTSHAREDOBJECT = 1004,
    DXGK_VMBCOMMAND_DESTROYNTSHAREDOBJECT = 1005,
    DXGK_VMBCOMMAND_SIGNALFENCE = 1006,
    DXGK_VMBCOMMAND_NOTIFYPROCESSFREEZE = 1007,
    DXGK_VMBCOMMAND_NOTIFYPROCESSTHAW = 1008,
    DXGK_VMBCOMMAND_QUERYETWSESSION = 1009,
    DXGK_VMBCOMMAND_SETIOSPACEREGION = 1010,
    DXGK_VMBCOMMAND_COMPLETETRANSACTION = 1011,
    DXGK_VMBCOMMAND_SHAREOBJECTWITHHOST = 1021,
    DXGK_VMBCOMMAND_ISFEATUREENABLED_GLOBAL = 1022,
    DXGK_VMBCOMMAND_INVALID_VM_TO_HOST = 1023,
};

/*
 * Commands on a per-adapter channel (header struct dxgkvmb_command_vgpu_to_host). 63 is unused.
 * CREATENATIVEFENCE / OPENNATIVEFENCEFROMNTHANDLE exist in the newest driver but their numbers
 * are not in any public header, so they are not listed.
 */
enum dxgkvmb_commandtype {
    DXGK_VMBCOMMAND_CREATEDEVICE = 0,
    DXGK_VMBCOMMAND_DESTROYDEVICE = 1,
    DXGK_VMBCOMMAND_QUERYADAPTERINFO = 2,
    DXGK_VMBCOMMAND_DDIQUERYADAPTERINFO = 3,
    DXGK_VMBCOMMAND_CREATEALLOCATION = 4,
    DXGK_VMBCOMMAND_DESTROYALLOCATION = 5,
    DXGK_VMBCOMMAND_CREATECONTEXTVIRTUAL = 6,
    DXGK_VMBCOMMAND_DESTROYCONTEXT = 7,
    DXGK_VMBCOMMAND_CREATESYNCOBJECT = 8,
    DXGK_VMBCOMMAND_CREATEPAGINGQUEUE = 9,
    DXGK_VMBCOMMAND_DESTROYPAGINGQUEUE = 10,
    DXGK_VMBCOMMAND_MAKERESIDENT = 11,
    DXGK_VMBCOMMAND_EVICT = 12,
    DXGK_VMBCOMMAND_ESCAPE = 13,
    DXGK_VMBCOMMAND_OPENADAPTER = 14,
    DXGK_VMBCOMMAND_CLOSEADAPTER = 15,
    DXGK_VMBCOMMAND_FREEGPUVIRTUALADDRESS = 16,
    DXGK_VMBCOMMAND_MAPGPUVIRTUALADDRESS = 17,
    DXGK_VMBCOMMAND_RESERVEGPUVIRTUALADDRESS = 18,
    DXGK_VMBCOMMAND_UPDATEGPUVIRTUALADDRESS = 19,
    DXGK_VMBCOMMAND_SUBMITCOMMAND = 20,
    DXGK_VMBCOMMAND_QUERYVIDEOMEMORYINFO = 21,
    dxgk_vmbcommand_queryvideomemoryinfo = 21, /* the kernel header's (lower-case) spelling */
    DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMCPU = 22,
    DXGK_VMBCOMMAND_LOCK2 = 23,
    DXGK_VMBCOMMAND_UNLOCK2 = 24,
    DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU = 25,
    DXGK_VMBCOMMAND_SIGNALSYNCOBJECT = 26,
    DXGK_VMBCOMMAND_SIGNALFENCENTSHAREDBYREF = 27,
    DXGK_VMBCOMMAND_GETDEVICESTATE = 28,
    DXGK_VMBCOMMAND_MARKDEVICEASERROR = 29,
    DXGK_VMBCOMMAND_ADAPTERSTOP = 30,
    DXGK_VMBCOMMAND_SETQUEUEDLIMIT = 31,
    DXGK_VMBCOMMAND_OPENRESOURCE = 32,
    DXGK_VMBCOMMAND_SETCONTEXTSCHEDULINGPRIORITY = 33,
    DXGK_VMBCOMMAND_PRESENTHISTORYTOKEN = 34,
    DXGK_VMBCOMMAND_SETREDIRECTEDFLIPFENCEVALUE = 35,
    DXGK_VMBCOMMAND_GETINTERNALADAPTERINFO = 36,
    DXGK_VMBCOMMAND_FLUSHHEAPTRANSITIONS = 37,
    DXGK_VMBCOMMAND_BLT = 38,
    DXGK_VMBCOMMAND_DDIGETSTANDARDALLOCATIONDRIVERDATA = 39,
    DXGK_VMBCOMMAND_CDDGDICOMMAND = 40,
    DXGK_VMBCOMMAND_QUERYALLOCATIONRESIDENCY = 41,
    DXGK_VMBCOMMAND_FLUSHDEVICE = 42,
    DXGK_VMBCOMMAND_FLUSHADAPTER = 43,
    DXGK_VMBCOMMAND_DDIGETNODEMETADATA = 44,
    DXGK_VMBCOMMAND_SETEXISTINGSYSMEMSTORE = 45,
    DXGK_VMBCOMMAND_ISSYNCOBJECTSIGNALED = 46,
    DXGK_VMBCOMMAND_CDDSYNCGPUACCESS = 47,
    DXGK_VMBCOMMAND_QUERYSTATISTICS = 48,
    DXGK_VMBCOMMAND_CHANGEVIDEOMEMORYRESERVATION = 49,
    DXGK_VMBCOMMAND_CREATEHWQUEUE = 50,
    DXGK_VMBCOMMAND_DESTROYHWQUEUE = 51,
    DXGK_VMBCOMMAND_SUBMITCOMMANDTOHWQUEUE = 52,
    DXGK_VMBCOMMAND_GETDRIVERSTOREFILE = 53,
    DXGK_VMBCOMMAND_READDRIVERSTOREFILE = 54,
    DXGK_VMBCOMMAND_GETNEXTHARDLINK = 55,
    DXGK_VMBCOMMAND_UPDATEALLOCATIONPROPERTY = 56,
    DXGK_VMBCOMMAND_OFFERALLOCATIONS = 57,
    DXGK_VMBCOMMAND_RECLAIMALLOCATIONS = 58,
    DXGK_VMBCOMMAND_SETALLOCATIONPRIORITY = 59,
    DXGK_VMBCOMMAND_GETALLOCATIONPRIORITY = 60,
    DXGK_VMBCOMMAND_GETCONTEXTSCHEDULINGPRIORITY = 61,
    DXGK_VMBCOMMAND_QUERYCLOCKCALIBRATION = 62,
    DXGK_VMBCOMMAND_QUERYRESOURCEINFO = 64,
    DXGK_VMBCOMMAND_LOGEVENT = 65,
    DXGK_VMBCOMMAND_SETEXISTINGSYSMEMPAGES = 66,
    DXGK_VMBCOMMAND_INVALIDATECACHE = 67,
    DXGK_VMBCOMMAND_ISFEATUREENABLED = 68,
    DXGK_VMBCOMMAND_INVALID = 69,
};

/* Commands the host sends on the global channel (header struct dxgkvmb_command_host_to_vm). */
enum dxgkvmb_commandtype_host_to_vm {
    DXGK_VMBCOMMAND_SIGNALGUESTEVENT = 0,
    DXGK_VMBCOMMAND_PROPAGATEPRESENTHISTORYTOKEN = 1,
    DXGK_VMBCOMMAND_SETGUESTDATA = 2,
    DXGK_VMBCOMMAND_SIGNALGUESTEVENTPASSIVE = 3,
    DXGK_VMBCOMMAND_SENDWNFNOTIFICATION = 4,
    DXGK_VMBCOMMAND_INVALID_HOST_TO_VM = 5,
};

enum set_guestdata_type {
    SETGUESTDATA_DATATYPE_DWORD = 0,
    SETGUESTDATA_DATATYPE_UINT64 = 1,
};

enum dxgdevice_flushschedulerreason {
    DXGDEVICE_FLUSHSCHEDULER_DEVICE_TERMINATE = 4,
};

/* ---------------------------------------------------------------------------------------------
 * Headers
 * ------------------------------------------------------------------------------------------- */

struct dxgvmb_ext_header {
    uint32_t command_offset; /* 16: the command header follows */
    uint32_t reserved;
    struct winluid vgpu_luid; /* host vGPU LUID; zero for global messages */
};

struct dxgkvmb_command_vm_to_host {
    uint64_t command_id;
    struct d3dkmthandle process;
    uint32_t channel_type; /* enum dxgkvmb_commandchanneltype */
    uint32_t command_type; /* enum dxgkvmb_commandtype_global */
};

struct dxgkvmb_command_vgpu_to_host {
    uint64_t command_id;
    struct d3dkmthandle process;
    uint32_t channel_type : 8;
    uint32_t async_msg : 1;
    uint32_t reserved : 23;
    uint32_t command_type; /* enum dxgkvmb_commandtype */
};

struct dxgkvmb_command_host_to_vm {
    uint64_t command_id;
    struct d3dkmthandle process;
    uint32_t channel_type : 8;
    uint32_t async_msg : 1;
    uint32_t reserved : 23;
    uint32_t command_type; /* enum dxgkvmb_commandtype_host_to_vm */
};

/* ---------------------------------------------------------------------------------------------
 * Host -> guest
 * ------------------------------------------------------------------------------------------- */

struct dxgkvmb_command_signalguestevent {
    struct dxgkvmb_command_host_to_vm hdr;
    uint64_t event; /* host-event id the guest handed out */
    uint64_t process_id;
    uint8_t dereference_event;
};

struct dxgkvmb_command_setguestdata {
    struct dxgkvmb_command_host_to_vm hdr;
    uint64_t guest_pointer;
    union {
        uint64_t data64;
        uint32_t data32;
    };
    uint32_t dereference : 1;
    uint32_t data_type : 4; /* enum set_guestdata_type */
};

/* ---------------------------------------------------------------------------------------------
 * Global channel messages
 * ------------------------------------------------------------------------------------------- */

struct dxgkvmb_command_opensyncobject {
    struct dxgkvmb_command_vm_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle global_sync_object;
    uint32_t engine_affinity;
    struct d3dddi_synchronizationobject_flags flags;
};

struct dxgkvmb_command_opensyncobject_return {
    struct d3dkmthandle sync_object;
    struct ntstatus status;
    uint64_t gpu_virtual_address;
    uint64_t guest_cpu_physical_address;
};

/* Reply: the struct d3dkmthandle of the NT shared object. */
struct dxgkvmb_command_createntsharedobject {
    struct dxgkvmb_command_vm_to_host hdr;
    struct d3dkmthandle object;
};

struct dxgkvmb_command_destroyntsharedobject {
    struct dxgkvmb_command_vm_to_host hdr;
    struct d3dkmthandle shared_handle;
};

struct dxgkvmb_command_setiospaceregion {
    struct dxgkvmb_command_vm_to_host hdr;
    uint64_t start;
    uint64_t length;
    uint32_t shared_page_gpadl;
};

struct dxgkvmb_command_setexistingsysmemstore {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle allocation;
    uint32_t gpadl;
};

/* Followed by uint64_t pfn_array[num_pages]. */
struct dxgkvmb_command_setexistingsysmempages {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle allocation;
    uint32_t num_pages;
    uint32_t alloc_offset_in_pages;
};

struct dxgkvmb_command_createprocess {
    struct dxgkvmb_command_vm_to_host hdr;
    uint64_t process;
    uint64_t process_id;
    uint16_t process_name[DXG_VM_PROCESS_NAME_LENGTH + 1]; /* UTF-16 */
    uint8_t csrss_process : 1;
    uint8_t dwm_process : 1;
    uint8_t wow64_process : 1;
    uint8_t linux_process : 1;
};

struct dxgkvmb_command_createprocess_return {
    struct d3dkmthandle hprocess;
};

struct dxgkvmb_command_destroyprocess {
    struct dxgkvmb_command_vm_to_host hdr;
};

/* ---------------------------------------------------------------------------------------------
 * Adapter bring-up
 * ------------------------------------------------------------------------------------------- */

struct dxgkvmb_command_openadapter {
    struct dxgkvmb_command_vgpu_to_host hdr;
    uint32_t vmbus_interface_version;
    uint32_t vmbus_last_compatible_interface_version;
    struct winluid guest_adapter_luid;
};

struct dxgkvmb_command_openadapter_return {
    struct d3dkmthandle host_adapter_handle;
    struct ntstatus status;
    uint32_t vmbus_interface_version;
    uint32_t vmbus_last_compatible_interface_version;
};

struct dxgkvmb_command_closeadapter {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle host_handle;
};

struct dxgkvmb_command_getinternaladapterinfo {
    struct dxgkvmb_command_vgpu_to_host hdr;
};

struct dxgk_device_types {
    uint32_t post_device : 1;
    uint32_t post_device_certain : 1;
    uint32_t software_device : 1;
    uint32_t soft_gpu_device : 1;
    uint32_t warp_device : 1;
    uint32_t bdd_device : 1;
    uint32_t support_miracast : 1;
    uint32_t mismatched_lda : 1;
    uint32_t indirect_display_device : 1;
    uint32_t xbox_one_device : 1;
    uint32_t child_id_support_dwm_clone : 1;
    uint32_t child_id_support_dwm_clone2 : 1;
    uint32_t has_internal_panel : 1;
    uint32_t rfx_vgpu_device : 1;
    uint32_t virtual_render_device : 1;
    uint32_t support_preserve_boot_display : 1;
    uint32_t is_uefi_frame_buffer : 1;
    uint32_t removable_device : 1;
    uint32_t virtual_monitor_device : 1;
    uint32_t reserved : 13;
};

/* With vmbus_ver < 40 the host sends this without the trailing host_vgpu_luid. */
struct dxgkvmb_command_getinternaladapterinfo_return {
    struct dxgk_device_types device_types;
    uint32_t driver_store_copy_mode;
    uint32_t driver_ddi_version;
    uint32_t secure_virtual_machine : 1;
    uint32_t virtual_machine_reset : 1;
    uint32_t is_vail_supported : 1;
    uint32_t hw_sch_enabled : 1;
    uint32_t hw_sch_capable : 1;
    uint32_t va_backed_vm : 1;
    uint32_t async_msg_enabled : 1;
    uint32_t hw_support_state : 2;
    uint32_t reserved : 23;
    struct winluid host_adapter_luid;
    uint16_t device_description[80];
    uint16_t device_instance_id[DXG_WIN_MAX_PATH];
    struct winluid host_vgpu_luid;
};

/* ---------------------------------------------------------------------------------------------
 * Per-adapter messages
 * ------------------------------------------------------------------------------------------- */

struct dxgkvmb_command_queryadapterinfo {
    struct dxgkvmb_command_vgpu_to_host hdr;
    uint32_t query_type; /* enum kmtqueryadapterinfotype */
    uint32_t private_data_size;
    uint8_t private_data[1];
};

struct dxgkvmb_command_queryadapterinfo_return {
    struct ntstatus status;
    uint8_t private_data[1];
};

/* Followed by handles[allocation_count] and uint32_t priorities[allocation_count or 1]. */
struct dxgkvmb_command_setallocationpriority {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint32_t allocation_count;
};

/* Followed by handles[allocation_count]. */
struct dxgkvmb_command_getallocationpriority {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint32_t allocation_count;
};

/* Followed by uint32_t priorities[allocation_count or 1]. */
struct dxgkvmb_command_getallocationpriority_return {
    struct ntstatus status;
};

struct dxgkvmb_command_setcontextschedulingpriority2 {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle context;
    int32_t priority;
    uint8_t in_process;
};

struct dxgkvmb_command_getcontextschedulingpriority {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle context;
    uint8_t in_process;
};

struct dxgkvmb_command_getcontextschedulingpriority_return {
    struct ntstatus status;
    int32_t priority;
};

struct dxgkvmb_command_createdevice {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_createdeviceflags flags;
    uint8_t cdd_device;
    uint64_t error_code; /* guest address of the device-state counter */
};

struct dxgkvmb_command_createdevice_return {
    struct d3dkmthandle device;
};

struct dxgkvmb_command_destroydevice {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
};

struct dxgkvmb_command_flushdevice {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    uint32_t reason; /* enum dxgdevice_flushschedulerreason */
};

struct dxgkvmb_command_makeresident {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle paging_queue;
    struct d3dddi_makeresident_flags flags;
    uint32_t alloc_count;
    struct d3dkmthandle allocations[1];
};

struct dxgkvmb_command_makeresident_return {
    uint64_t paging_fence_value;
    uint64_t num_bytes_to_trim;
    struct ntstatus status;
};

struct dxgkvmb_command_evict {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dddi_evict_flags flags;
    uint32_t alloc_count;
    struct d3dkmthandle allocations[1];
};

struct dxgkvmb_command_evict_return {
    uint64_t num_bytes_to_trim;
};

/* Followed by history buffer handles, then the private driver data. */
struct dxgkvmb_command_submitcommand {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_submitcommand args;
};

/* Followed by written primaries, then the private driver data. */
struct dxgkvmb_command_submitcommandtohwqueue {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_submitcommandtohwqueue args;
};

struct dxgkvmb_command_flushheaptransitions {
    struct dxgkvmb_command_vgpu_to_host hdr;
};

struct dxgkvmb_command_invalidatecache {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle allocation;
    uint64_t offset;
    uint64_t length;
    uint64_t reserved;
};

struct dxgkvmb_command_freegpuvirtualaddress {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_freegpuvirtualaddress args;
};

struct dxgkvmb_command_mapgpuvirtualaddress {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dddi_mapgpuvirtualaddress args;
    struct d3dkmthandle device;
};

struct dxgkvmb_command_mapgpuvirtualaddress_return {
    uint64_t virtual_address;
    uint64_t paging_fence_value;
    struct ntstatus status;
};

struct dxgkvmb_command_reservegpuvirtualaddress {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dddi_reservegpuvirtualaddress args;
};

struct dxgkvmb_command_reservegpuvirtualaddress_return {
    uint64_t virtual_address;
    uint64_t paging_fence_value;
};

struct dxgkvmb_command_updategpuvirtualaddress {
    struct dxgkvmb_command_vgpu_to_host hdr;
    uint64_t fence_value;
    struct d3dkmthandle device;
    struct d3dkmthandle context;
    struct d3dkmthandle fence_object;
    uint32_t num_operations;
    uint32_t flags;
    struct d3dddi_updategpuvirtualaddress_operation operations[1];
};

struct dxgkvmb_command_queryclockcalibration {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_queryclockcalibration args;
};

struct dxgkvmb_command_queryclockcalibration_return {
    struct ntstatus status;
    struct dxgk_gpuclockdata clock_data;
};

struct dxgkvmb_command_createallocation_allocinfo {
    uint32_t flags;
    uint32_t priv_drv_data_size;
    uint32_t vidpn_source_id;
};

/*
 * Followed by allocinfo[alloc_count], the runtime private data, the resource private data and
 * each allocation's private data.
 */
struct dxgkvmb_command_createallocation {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint32_t private_runtime_data_size;
    uint32_t priv_drv_data_size;
    uint32_t alloc_count;
    struct d3dkmt_createallocationflags flags;
    uint64_t private_runtime_resource_handle;
    uint8_t make_resident;
};

struct dxgkvmb_command_openresource {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    uint8_t nt_security_sharing;
    struct d3dkmthandle global_share;
    uint32_t allocation_count;
    uint32_t total_priv_drv_data_size;
};

/* Followed by the allocation handles[allocation_count]. */
struct dxgkvmb_command_openresource_return {
    struct d3dkmthandle resource;
    struct ntstatus status;
};

struct dxgkvmb_command_querystatistics {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_querystatistics args;
};

struct dxgkvmb_command_querystatistics_return {
    struct ntstatus status;
    uint32_t reserved;
    struct d3dkmt_querystatistics_result result;
};

struct dxgkvmb_command_getstandardallocprivdata {
    struct dxgkvmb_command_vgpu_to_host hdr;
    uint32_t alloc_type; /* enum d3dkmdt_standardallocationtype */
    uint32_t priv_driver_data_size;
    uint32_t priv_driver_resource_size;
    uint32_t physical_adapter_index;
    union {
        struct d3dkmdt_sharedprimarysurfacedata primary;
        struct d3dkmdt_shadowsurfacedata shadow;
        struct d3dkmdt_stagingsurfacedata staging;
        struct d3dkmdt_gdisurfacedata gdi_surface;
    };
};

/* Followed by the allocation private data, then the resource private data. */
struct dxgkvmb_command_getstandardallocprivdata_return {
    struct ntstatus status;
    uint32_t priv_driver_data_size;
    uint32_t priv_driver_resource_size;
    union {
        struct d3dkmdt_sharedprimarysurfacedata primary;
        struct d3dkmdt_shadowsurfacedata shadow;
        struct d3dkmdt_stagingsurfacedata staging;
        struct d3dkmdt_gdisurfacedata gdi_surface;
    };
};

struct dxgkarg_describeallocation {
    uint64_t allocation;
    uint32_t width;
    uint32_t height;
    uint32_t format;
    uint32_t multisample_method;
    struct d3dddi_rational refresh_rate;
    uint32_t private_driver_attribute;
    uint32_t flags;
    uint32_t rotation;
};

struct dxgkvmb_allocflags {
    union {
        uint32_t flags;
        struct {
            uint32_t primary : 1;
            uint32_t cdd_primary : 1;
            uint32_t dod_primary : 1;
            uint32_t overlay : 1;
            uint32_t reserved6 : 1;
            uint32_t capture : 1;
            uint32_t reserved0 : 4;
            uint32_t reserved1 : 1;
            uint32_t existing_sysmem : 1;
            uint32_t stereo : 1;
            uint32_t direct_flip : 1;
            uint32_t hardware_protected : 1;
            uint32_t reserved2 : 1;
            uint32_t reserved3 : 1;
            uint32_t reserved4 : 1;
            uint32_t protected_ : 1; /* "protected" in the kernel header */
            uint32_t cached : 1;
            uint32_t independent_primary : 1;
            uint32_t reserved : 11;
        };
    };
};

struct dxgkvmb_command_allocinfo_return {
    struct d3dkmthandle allocation;
    uint32_t priv_drv_data_size;
    struct dxgkvmb_allocflags allocation_flags;
    uint64_t allocation_size;
    struct dxgkarg_describeallocation driver_info;
};

/* allocation_info[alloc_count] is followed by each allocation's private data. */
struct dxgkvmb_command_createallocation_return {
    struct d3dkmt_createallocationflags flags;
    struct d3dkmthandle resource;
    struct d3dkmthandle global_share;
    uint32_t vgpu_flags;
    struct dxgkvmb_command_allocinfo_return allocation_info[1];
};

struct dxgkvmb_command_destroyallocation {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint32_t alloc_count;
    struct d3dddicb_destroyallocation2flags flags;
    struct d3dkmthandle allocations[1];
};

/* The host echoes this struct back as the reply (context and private data filled in). */
struct dxgkvmb_command_createcontextvirtual {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle context;
    struct d3dkmthandle device;
    uint32_t node_ordinal;
    uint32_t engine_affinity;
    struct d3dddi_createcontextflags flags;
    uint32_t client_hint; /* enum d3dkmt_clienthint */
    uint32_t priv_drv_data_size;
    uint8_t priv_drv_data[1];
};

struct dxgkvmb_command_destroycontext {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle context;
};

struct dxgkvmb_command_createpagingqueue {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_createpagingqueue args;
};

struct dxgkvmb_command_createpagingqueue_return {
    struct d3dkmthandle paging_queue;
    struct d3dkmthandle sync_object;
    uint64_t fence_storage_physical_address;
    uint64_t fence_storage_offset;
};

struct dxgkvmb_command_destroypagingqueue {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle paging_queue;
};

struct dxgkvmb_command_createsyncobject {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_createsynchronizationobject2 args;
    uint32_t client_hint;
};

struct dxgkvmb_command_createsyncobject_return {
    struct d3dkmthandle sync_object;
    struct d3dkmthandle global_sync_object;
    uint64_t fence_gpu_va;
    uint64_t fence_storage_address;
    uint32_t fence_storage_offset;
};

/* Global channel. */
struct dxgkvmb_command_destroysyncobject {
    struct dxgkvmb_command_vm_to_host hdr;
    struct d3dkmthandle sync_object;
};

/* Followed by object handles, context handles, then uint64_t fence values. */
struct dxgkvmb_command_signalsyncobject {
    struct dxgkvmb_command_vgpu_to_host hdr;
    uint32_t object_count;
    struct d3dddicb_signalflags flags;
    uint32_t context_count;
    uint64_t fence_value;
    union {
        uint64_t cpu_event_handle; /* host-event id with flags.enqueue_cpu_event */
        struct d3dkmthandle device; /* non-zero for a signal from the CPU */
    };
};

/* Followed by object handles, then uint64_t fence values. */
struct dxgkvmb_command_waitforsyncobjectfromcpu {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    uint32_t object_count;
    struct d3dddi_waitforsynchronizationobjectfromcpu_flags flags;
    uint64_t guest_event_pointer; /* host-event id */
    uint8_t dereference_event;
};

/* fence_values[object_count] is followed by the object handles. */
struct dxgkvmb_command_waitforsyncobjectfromgpu {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle context;
    uint32_t object_count;
    uint8_t legacy_fence_object;
    uint64_t fence_values[1];
};

struct dxgkvmb_command_lock2 {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_lock2 args;
    uint8_t use_legacy_lock;
    uint32_t flags;
    uint32_t priv_drv_data;
};

struct dxgkvmb_command_lock2_return {
    struct ntstatus status;
    uint64_t cpu_visible_buffer_offset;
};

struct dxgkvmb_command_unlock2 {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_unlock2 args;
    uint8_t use_legacy_unlock;
};

struct dxgkvmb_command_updateallocationproperty {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dddi_updateallocproperty args;
};

struct dxgkvmb_command_updateallocationproperty_return {
    uint64_t paging_fence_value;
    struct ntstatus status;
};

struct dxgkvmb_command_markdeviceaserror {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_markdeviceaserror args;
};

struct dxgkvmb_command_offerallocations {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    uint32_t allocation_count;
    uint32_t priority; /* enum d3dkmt_offer_priority */
    struct d3dkmt_offer_flags flags;
    uint8_t resources;
    struct d3dkmthandle allocations[1];
};

struct dxgkvmb_command_reclaimallocations {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle device;
    struct d3dkmthandle paging_queue;
    uint32_t allocation_count;
    uint8_t resources;
    uint8_t write_results;
    struct d3dkmthandle allocations[1];
};

struct dxgkvmb_command_reclaimallocations_return {
    uint64_t paging_fence_value;
    struct ntstatus status;
    uint32_t discarded[1]; /* enum d3dddi_reclaim_result */
};

struct dxgkvmb_command_changevideomemoryreservation {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_changevideomemoryreservation args;
};

/* The host echoes this struct back as the reply. */
struct dxgkvmb_command_createhwqueue {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct ntstatus status;
    struct d3dkmthandle hwqueue;
    struct d3dkmthandle hwqueue_progress_fence;
    uint64_t hwqueue_progress_fence_cpuva; /* IO-space address, mapped by the guest */
    uint64_t hwqueue_progress_fence_gpuva;
    struct d3dkmthandle context;
    struct d3dddi_createhwqueueflags flags;
    uint32_t priv_drv_data_size;
    uint8_t priv_drv_data[1];
};

struct dxgkvmb_command_destroyhwqueue {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle hwqueue;
};

/* Followed by the allocation handles (none for a resource). */
struct dxgkvmb_command_queryallocationresidency {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_queryallocationresidency args;
};

/* Followed by uint32_t residency status[allocation_count or 1]. */
struct dxgkvmb_command_queryallocationresidency_return {
    struct ntstatus status;
};

/* The reply is the private data only, written over priv_drv_data. */
struct dxgkvmb_command_escape {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle adapter;
    struct d3dkmthandle device;
    uint32_t type; /* enum d3dkmt_escapetype */
    struct d3dddi_escapeflags flags;
    uint32_t priv_drv_data_size;
    struct d3dkmthandle context;
    uint8_t priv_drv_data[1];
};

struct dxgkvmb_command_queryvideomemoryinfo {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmthandle adapter;
    uint32_t memory_segment_group; /* enum d3dkmt_memory_segment_group */
    uint32_t physical_adapter_index;
};

struct dxgkvmb_command_queryvideomemoryinfo_return {
    uint64_t budget;
    uint64_t current_usage;
    uint64_t current_reservation;
    uint64_t available_for_reservation;
};

struct dxgkvmb_command_getdevicestate {
    struct dxgkvmb_command_vgpu_to_host hdr;
    struct d3dkmt_getdevicestate args;
};

struct dxgkvmb_command_getdevicestate_return {
    struct d3dkmt_getdevicestate args;
    struct ntstatus status;
};

/* Global channel. */
struct dxgkvmb_command_shareobjectwithhost {
    struct dxgkvmb_command_vm_to_host hdr;
    struct d3dkmthandle device_handle;
    struct d3dkmthandle object_handle;
    uint64_t reserved;
};

struct dxgkvmb_command_shareobjectwithhost_return {
    struct ntstatus status;
    uint32_t alignment;
    uint64_t vail_nt_handle;
};

struct dxgk_feature_desc {
    uint16_t min_supported_version;
    uint16_t max_supported_version;
    struct {
        uint16_t supported : 1;
        uint16_t virtualization_mode : 3;
        uint16_t global : 1;
        uint16_t driver_feature : 1;
        uint16_t internal : 1;
        uint16_t reserved : 9;
    };
};

struct dxgkvmb_command_isfeatureenabled {
    struct dxgkvmb_command_vgpu_to_host hdr;
    uint32_t feature_id; /* enum dxgk_feature_id */
};

/* Global-channel variant, used when no adapter is given. */
struct dxgkvmb_command_isfeatureenabled_gbl {
    struct dxgkvmb_command_vm_to_host hdr;
    uint32_t feature_id; /* enum dxgk_feature_id */
};

struct dxgkvmb_command_isfeatureenabled_return {
    struct ntstatus status;
    struct dxgk_feature_desc descriptor;
    struct dxgk_isfeatureenabled_result result;
};

/* ---------------------------------------------------------------------------------------------
 * Sizes (x86_64, from shared/abi/vmbus-layout.tsv)
 * ------------------------------------------------------------------------------------------- */

#define DXGS_ASSERT_VMB_SIZE(s, n) _Static_assert(sizeof(struct s) == (n), "sizeof(struct " #s ")")

DXGS_ASSERT_VMB_SIZE(dxgvmb_ext_header, 16);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_vm_to_host, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_vgpu_to_host, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_host_to_vm, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_signalguestevent, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_setguestdata, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_opensyncobject, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_opensyncobject_return, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createntsharedobject, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroyntsharedobject, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_setiospaceregion, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_setexistingsysmemstore, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_setexistingsysmempages, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createprocess, 568);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createprocess_return, 4);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroyprocess, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_openadapter, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_openadapter_return, 16);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_closeadapter, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getinternaladapterinfo, 24);
DXGS_ASSERT_VMB_SIZE(dxgk_device_types, 4);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getinternaladapterinfo_return, 712);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryadapterinfo, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryadapterinfo_return, 8);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_setallocationpriority, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getallocationpriority, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getallocationpriority_return, 4);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_setcontextschedulingpriority2, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getcontextschedulingpriority, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getcontextschedulingpriority_return, 8);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createdevice, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createdevice_return, 4);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroydevice, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_flushdevice, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_makeresident, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_makeresident_return, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_evict, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_evict_return, 8);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_submitcommand, 408);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_submitcommandtohwqueue, 80);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_flushheaptransitions, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_invalidatecache, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_freegpuvirtualaddress, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_mapgpuvirtualaddress, 136);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_mapgpuvirtualaddress_return, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_reservegpuvirtualaddress, 96);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_reservegpuvirtualaddress_return, 16);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_updategpuvirtualaddress, 120);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryclockcalibration, 64);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryclockcalibration_return, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createallocation_allocinfo, 12);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createallocation, 64);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_openresource, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_openresource_return, 8);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_querystatistics, 832);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_querystatistics_return, 784);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getstandardallocprivdata, 64);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getstandardallocprivdata_return, 36);
DXGS_ASSERT_VMB_SIZE(dxgkarg_describeallocation, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_allocflags, 4);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_allocinfo_return, 72);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createallocation_return, 88);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroyallocation, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createcontextvirtual, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroycontext, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createpagingqueue, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createpagingqueue_return, 24);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroypagingqueue, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createsyncobject, 128);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createsyncobject_return, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroysyncobject, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_signalsyncobject, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_waitforsyncobjectfromcpu, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_waitforsyncobjectfromgpu, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_lock2, 64);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_lock2_return, 16);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_unlock2, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_updateallocationproperty, 64);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_updateallocationproperty_return, 16);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_markdeviceaserror, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_offerallocations, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_reclaimallocations, 48);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_reclaimallocations_return, 16);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_changevideomemoryreservation, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_createhwqueue, 72);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_destroyhwqueue, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryallocationresidency, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryallocationresidency_return, 4);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_escape, 56);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryvideomemoryinfo, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_queryvideomemoryinfo_return, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getdevicestate, 80);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_getdevicestate_return, 64);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_shareobjectwithhost, 40);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_shareobjectwithhost_return, 16);
DXGS_ASSERT_VMB_SIZE(dxgk_feature_desc, 6);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_isfeatureenabled, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_isfeatureenabled_gbl, 32);
DXGS_ASSERT_VMB_SIZE(dxgkvmb_command_isfeatureenabled_return, 16);

#endif
