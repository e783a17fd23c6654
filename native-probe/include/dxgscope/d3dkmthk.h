/*
 * The /dev/dxg ioctl ABI (userspace view, x86_64), written once for the probe, the collector,
 * the simulator, the workloads and the JNA device-query library.
 *
 * Facts come from shared/docs/dxg-abi.md and shared/abi/d3dkmthk-layout.tsv; the field table in
 * src/common/abi_table.c prints this header's offsetof/sizeof in that TSV's format and the
 * dxgcap_abi CTest case diffs it against the committed copy (tests/abi), so a wrong offset fails
 * the tests; tests/test_abi.c checks the ioctl and buffer tables.
 *
 * Conventions (userspace view):
 *  - every pointer is a uint64_t (32-bit callers use the same 64-bit layouts);
 *  - every enum-typed field is a fixed 4-byte integer, the enum it holds is named in a comment;
 *  - flag words are unions of bit-fields and a 32-bit `value`, bit 0 first (x86_64, GCC layout);
 *  - explicit `reserved` members are part of the ABI (the layouts mirror Windows x64 D3DKMT).
 * Every request is _IOWR('G', nr, struct): 0xC0000000 | sizeof << 16 | 0x4700 | nr.
 */
#ifndef DXGSCOPE_D3DKMTHK_H
#define DXGSCOPE_D3DKMTHK_H

#include <linux/ioctl.h>
#include <stdint.h>

#define DXG_IOCTL_TYPE 0x47

/* Driver limits (UAPI header constants). */
#define D3DDDI_MAX_WRITTEN_PRIMARIES 16
#define D3DKMT_CREATEALLOCATION_MAX 1024
#define D3DKMT_MAKERESIDENT_ALLOC_MAX (1024 * 10)
#define D3DKMT_ADAPTERS_MAX 64
#define D3DDDI_MAX_BROADCAST_CONTEXT 64
#define D3DDDI_MAX_OBJECT_WAITED_ON 32
#define D3DDDI_MAX_OBJECT_SIGNALED 32

/* ---------------------------------------------------------------------------------------------
 * Enumerations (dxg-abi.md §11; the leading underscore of the kernel names is dropped)
 * ------------------------------------------------------------------------------------------- */

/* KMTQAITYPE values (Windows enum numbering; the Linux header only names 0, 15 and 57). */
enum kmtqueryadapterinfotype {
    KMTQAITYPE_UMDRIVERPRIVATE = 0,
    KMTQAITYPE_UMDRIVERNAME = 1,
    KMTQAITYPE_UMOPENGLINFO = 2,
    KMTQAITYPE_GETSEGMENTSIZE = 3,
    KMTQAITYPE_ADAPTERGUID = 4,
    KMTQAITYPE_FLIPQUEUEINFO = 5,
    KMTQAITYPE_ADAPTERADDRESS = 6,
    KMTQAITYPE_SETWORKINGSETINFO = 7,
    KMTQAITYPE_ADAPTERREGISTRYINFO = 8,
    KMTQAITYPE_CURRENTDISPLAYMODE = 9,
    KMTQAITYPE_MODELIST = 10,
    KMTQAITYPE_CHECKDRIVERUPDATESTATUS = 11,
    KMTQAITYPE_VIRTUALADDRESSINFO = 12,
    KMTQAITYPE_DRIVERVERSION = 13,
    KMTQAITYPE_ADAPTERTYPE = 15,
    KMTQAITYPE_OUTPUTDUPLCONTEXTSCOUNT = 16,
    KMTQAITYPE_WDDM_1_2_CAPS = 17,
    KMTQAITYPE_UMD_DRIVER_VERSION = 18,
    KMTQAITYPE_DIRECTFLIP_SUPPORT = 19,
    KMTQAITYPE_MULTIPLANEOVERLAY_SUPPORT = 20,
    KMTQAITYPE_DLIST_DRIVER_NAME = 21,
    KMTQAITYPE_WDDM_1_3_CAPS = 22,
    KMTQAITYPE_MULTIPLANEOVERLAY_HUD_SUPPORT = 23,
    KMTQAITYPE_WDDM_2_0_CAPS = 24,
    KMTQAITYPE_NODEMETADATA = 25,
    KMTQAITYPE_CPDRIVERNAME = 26,
    KMTQAITYPE_XBOX = 27,
    KMTQAITYPE_INDEPENDENTFLIP_SUPPORT = 28,
    KMTQAITYPE_MIRACASTCOMPANIONDRIVERNAME = 29,
    KMTQAITYPE_PHYSICALADAPTERCOUNT = 30,
    KMTQAITYPE_PHYSICALADAPTERDEVICEIDS = 31,
    KMTQAITYPE_DRIVERCAPS_EXT = 32,
    KMTQAITYPE_QUERY_MIRACAST_DRIVER_TYPE = 33,
    KMTQAITYPE_QUERY_GPUMMU_CAPS = 34,
    KMTQAITYPE_QUERY_MULTIPLANEOVERLAY_DECODE_SUPPORT = 35,
    KMTQAITYPE_QUERY_HW_PROTECTION_TEARDOWN_COUNT = 36,
    KMTQAITYPE_QUERY_ISBADDRIVERFORHWPROTECTIONDISABLED = 37,
    KMTQAITYPE_MULTIPLANEOVERLAY_SECONDARY_SUPPORT = 38,
    KMTQAITYPE_INDEPENDENTFLIP_SECONDARY_SUPPORT = 39,
    KMTQAITYPE_PANELFITTER_SUPPORT = 40,
    KMTQAITYPE_PHYSICALADAPTERPNPKEY = 41,
    KMTQAITYPE_GETSEGMENTGROUPSIZE = 42,
    KMTQAITYPE_MPO3DDI_SUPPORT = 43,
    KMTQAITYPE_HWDRM_SUPPORT = 44,
    KMTQAITYPE_MPOKERNELCAPS_SUPPORT = 45,
    KMTQAITYPE_MULTIPLANEOVERLAY_STRETCH_SUPPORT = 46,
    KMTQAITYPE_GET_DEVICE_VIDPN_OWNERSHIP_INFO = 47,
    KMTQAITYPE_QUERYREGISTRY = 48,
    KMTQAITYPE_KMD_DRIVER_VERSION = 49,
    KMTQAITYPE_BLOCKLIST_KERNEL = 50,
    KMTQAITYPE_BLOCKLIST_RUNTIME = 51,
    KMTQAITYPE_ADAPTERGUID_RENDER = 52,
    KMTQAITYPE_ADAPTERADDRESS_RENDER = 53,
    KMTQAITYPE_ADAPTERREGISTRYINFO_RENDER = 54,
    KMTQAITYPE_CHECKDRIVERUPDATESTATUS_RENDER = 55,
    KMTQAITYPE_DRIVERVERSION_RENDER = 56,
    KMTQAITYPE_ADAPTERTYPE_RENDER = 57,
    KMTQAITYPE_WDDM_1_2_CAPS_RENDER = 58,
    KMTQAITYPE_WDDM_1_3_CAPS_RENDER = 59,
    KMTQAITYPE_QUERY_ADAPTER_UNIQUE_GUID = 60,
    KMTQAITYPE_NODEPERFDATA = 61,
    KMTQAITYPE_ADAPTERPERFDATA = 62,
    KMTQAITYPE_ADAPTERPERFDATA_CAPS = 63,
    KMTQAITYPE_GPUVERSION = 64,
    KMTQAITYPE_DRIVER_DESCRIPTION = 65,
    KMTQAITYPE_DRIVER_DESCRIPTION_RENDER = 66,
    KMTQAITYPE_SCANOUT_CAPS = 67,
    KMTQAITYPE_PARAVIRTUALIZATION_RENDER = 68,
};

enum d3dkmt_clienthint {
    D3DKMT_CLIENTHINT_UNKNOWN = 0,
    D3DKMT_CLIENTHINT_OPENGL = 1,
    D3DKMT_CLIENTHINT_CDD = 2,
    D3DKMT_CLIENTHINT_DX7 = 7,
    D3DKMT_CLIENTHINT_DX8 = 8,
    D3DKMT_CLIENTHINT_DX9 = 9,
    D3DKMT_CLIENTHINT_DX10 = 10,
};

enum d3dddi_pagingqueue_priority {
    D3DDDI_PAGINGQUEUE_PRIORITY_BELOW_NORMAL = -1,
    D3DDDI_PAGINGQUEUE_PRIORITY_NORMAL = 0,
    D3DDDI_PAGINGQUEUE_PRIORITY_ABOVE_NORMAL = 1,
};

enum d3dddi_knownescapetype {
    D3DDDI_DRIVERESCAPETYPE_TRANSLATEALLOCATIONHANDLE = 0,
    D3DDDI_DRIVERESCAPETYPE_TRANSLATERESOURCEHANDLE = 1,
    D3DDDI_DRIVERESCAPETYPE_CPUEVENTUSAGE = 2,
    D3DDDI_DRIVERESCAPETYPE_BUILDTESTCOMMANDBUFFER = 3,
};

enum d3dkmt_escapetype {
    D3DKMT_ESCAPE_DRIVERPRIVATE = 0,
    D3DKMT_ESCAPE_VIDMM = 1,
    D3DKMT_ESCAPE_VIDSCH = 3,
    D3DKMT_ESCAPE_DEVICE = 4,
    D3DKMT_ESCAPE_DRT_TEST = 8,
};

enum dxgk_render_pipeline_stage {
    DXGK_RENDER_PIPELINE_STAGE_UNKNOWN = 0,
    DXGK_RENDER_PIPELINE_STAGE_INPUT_ASSEMBLER = 1,
    DXGK_RENDER_PIPELINE_STAGE_VERTEX_SHADER = 2,
    DXGK_RENDER_PIPELINE_STAGE_GEOMETRY_SHADER = 3,
    DXGK_RENDER_PIPELINE_STAGE_STREAM_OUTPUT = 4,
    DXGK_RENDER_PIPELINE_STAGE_RASTERIZER = 5,
    DXGK_RENDER_PIPELINE_STAGE_PIXEL_SHADER = 6,
    DXGK_RENDER_PIPELINE_STAGE_OUTPUT_MERGER = 7,
};

enum dxgk_page_fault_flags {
    DXGK_PAGE_FAULT_WRITE = 0x1,
    DXGK_PAGE_FAULT_FENCE_INVALID = 0x2,
    DXGK_PAGE_FAULT_ADAPTER_RESET_REQUIRED = 0x4,
    DXGK_PAGE_FAULT_ENGINE_RESET_REQUIRED = 0x8,
    DXGK_PAGE_FAULT_FATAL_HARDWARE_ERROR = 0x10,
    DXGK_PAGE_FAULT_IOMMU = 0x20,
    DXGK_PAGE_FAULT_HW_CONTEXT_VALID = 0x40,
    DXGK_PAGE_FAULT_PROCESS_HANDLE_VALID = 0x80,
};

enum dxgk_general_error_code {
    DXGK_GENERAL_ERROR_PAGE_FAULT = 0,
    DXGK_GENERAL_ERROR_INVALID_INSTRUCTION = 1,
};

enum d3dkmt_deviceexecution_state {
    D3DKMT_DEVICEEXECUTION_ACTIVE = 1,
    D3DKMT_DEVICEEXECUTION_RESET = 2,
    D3DKMT_DEVICEEXECUTION_HUNG = 3,
    D3DKMT_DEVICEEXECUTION_STOPPED = 4,
    D3DKMT_DEVICEEXECUTION_ERROR_OUTOFMEMORY = 5,
    D3DKMT_DEVICEEXECUTION_ERROR_DMAFAULT = 6,
    D3DKMT_DEVICEEXECUTION_ERROR_DMAPAGEFAULT = 7,
};

enum d3dkmt_devicestate_type {
    D3DKMT_DEVICESTATE_EXECUTION = 1,
    D3DKMT_DEVICESTATE_PRESENT = 2,
    D3DKMT_DEVICESTATE_RESET = 3,
    D3DKMT_DEVICESTATE_PRESENT_DWM = 4,
    D3DKMT_DEVICESTATE_PAGE_FAULT = 5,
    D3DKMT_DEVICESTATE_PRESENT_QUEUE = 6,
};

enum d3dkmdt_gdisurfacetype {
    D3DKMDT_GDISURFACE_INVALID = 0,
    D3DKMDT_GDISURFACE_TEXTURE = 1,
    D3DKMDT_GDISURFACE_STAGING_CPUVISIBLE = 2,
    D3DKMDT_GDISURFACE_STAGING = 3,
    D3DKMDT_GDISURFACE_LOOKUPTABLE = 4,
    D3DKMDT_GDISURFACE_EXISTINGSYSMEM = 5,
    D3DKMDT_GDISURFACE_TEXTURE_CPUVISIBLE = 6,
    D3DKMDT_GDISURFACE_TEXTURE_CROSSADAPTER = 7,
    D3DKMDT_GDISURFACE_TEXTURE_CPUVISIBLE_CROSSADAPTER = 8,
};

enum d3dddiformat {
    D3DDDIFMT_UNKNOWN = 0,
};

/* Standard allocation kinds the host driver describes (GETSTANDARDALLOCPRIVDATA). */
enum d3dkmdt_standardallocationtype {
    D3DKMDT_STANDARDALLOCATION_SHAREDPRIMARYSURFACE = 1,
    D3DKMDT_STANDARDALLOCATION_SHADOWSURFACE = 2,
    D3DKMDT_STANDARDALLOCATION_STAGINGSURFACE = 3,
    D3DKMDT_STANDARDALLOCATION_GDISURFACE = 4,
};

/* Standard allocation types accepted by LX_DXCREATEALLOCATION. */
enum d3dkmt_standardallocationtype {
    D3DKMT_STANDARDALLOCATIONTYPE_EXISTINGHEAP = 1,
    D3DKMT_STANDARDALLOCATIONTYPE_CROSSADAPTER = 2,
};

enum d3dddi_synchronizationobject_type {
    D3DDDI_SYNCHRONIZATION_MUTEX = 1,
    D3DDDI_SEMAPHORE = 2,
    D3DDDI_FENCE = 3,
    D3DDDI_CPU_NOTIFICATION = 4,
    D3DDDI_MONITORED_FENCE = 5,
    D3DDDI_PERIODIC_MONITORED_FENCE = 6,
    D3DDDI_SYNCHRONIZATION_TYPE_LIMIT = 7,
};

enum d3dkmt_allocationresidencystatus {
    D3DKMT_ALLOCATIONRESIDENCYSTATUS_RESIDENTINGPUMEMORY = 1,
    D3DKMT_ALLOCATIONRESIDENCYSTATUS_RESIDENTINSHAREDMEMORY = 2,
    D3DKMT_ALLOCATIONRESIDENCYSTATUS_NOTRESIDENT = 3,
};

/* d3dkmt_device_error_reason: values above INT_MAX, so plain macros instead of an enum. */
#define D3DKMT_DEVICE_ERROR_REASON_GENERIC 0x80000000u
#define D3DKMT_DEVICE_ERROR_REASON_DRIVER_ERROR 0x80000006u

enum d3dddi_updategpuvirtualaddress_operation_type {
    D3DDDI_UPDATEGPUVIRTUALADDRESS_MAP = 0,
    D3DDDI_UPDATEGPUVIRTUALADDRESS_UNMAP = 1,
    D3DDDI_UPDATEGPUVIRTUALADDRESS_COPY = 2,
    D3DDDI_UPDATEGPUVIRTUALADDRESS_MAP_PROTECT = 3,
};

enum d3dddigpuva_reservation_type {
    D3DDDIGPUVA_RESERVE_NO_ACCESS = 0,
    D3DDDIGPUVA_RESERVE_ZERO = 1,
    D3DDDIGPUVA_RESERVE_NO_COMMIT = 2,
};

enum d3dkmt_memory_segment_group {
    D3DKMT_MEMORY_SEGMENT_GROUP_LOCAL = 0,
    D3DKMT_MEMORY_SEGMENT_GROUP_NON_LOCAL = 1,
};

enum d3dkmt_offer_priority {
    D3DKMT_OFFER_PRIORITY_LOW = 1,
    D3DKMT_OFFER_PRIORITY_NORMAL = 2,
    D3DKMT_OFFER_PRIORITY_HIGH = 3,
    D3DKMT_OFFER_PRIORITY_AUTO = 4,
};

enum d3dddi_reclaim_result {
    D3DDDI_RECLAIM_RESULT_OK = 0,
    D3DDDI_RECLAIM_RESULT_DISCARDED = 1,
    D3DDDI_RECLAIM_RESULT_NOT_COMMITTED = 2,
};

/* Types 0..10 are named by the Linux header; the kernel passes any other value through. */
enum d3dkmt_querystatistics_type {
    D3DKMT_QUERYSTATISTICS_ADAPTER = 0,
    D3DKMT_QUERYSTATISTICS_PROCESS = 1,
    D3DKMT_QUERYSTATISTICS_PROCESS_ADAPTER = 2,
    D3DKMT_QUERYSTATISTICS_SEGMENT = 3,
    D3DKMT_QUERYSTATISTICS_PROCESS_SEGMENT = 4,
    D3DKMT_QUERYSTATISTICS_NODE = 5,
    D3DKMT_QUERYSTATISTICS_PROCESS_NODE = 6,
    D3DKMT_QUERYSTATISTICS_VIDPNSOURCE = 7,
    D3DKMT_QUERYSTATISTICS_PROCESS_VIDPNSOURCE = 8,
    D3DKMT_QUERYSTATISTICS_PROCESS_SEGMENT_GROUP = 9,
    D3DKMT_QUERYSTATISTICS_PHYSICAL_ADAPTER = 10,
};

enum dxgk_feature_id {
    DXGK_FEATURE_HWSCH = 0,
    DXGK_FEATURE_PAGE_BASED_MEMORY_MANAGER = 32,
    DXGK_FEATURE_KERNEL_MODE_TESTING = 33,
    DXGK_FEATURE_MAX = 34,
};

/* ---------------------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------------------- */

/* Opaque handle: bits 0-5 instance, 6-29 table index, 30-31 generation (dxg-abi.md §1.4). */
struct d3dkmthandle {
    uint32_t v;
};

struct winluid {
    uint32_t a;
    uint32_t b;
};

/* Windows NTSTATUS as carried in VMBus replies: negative = failure. */
struct ntstatus {
    union {
        struct {
            int32_t code : 16;
            int32_t facility : 13;
            int32_t customer : 1;
            int32_t severity : 2;
        };
        int32_t v;
    };
};

/* ---------------------------------------------------------------------------------------------
 * Adapters
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_adapterinfo {
    struct d3dkmthandle adapter_handle;
    struct winluid adapter_luid;
    uint32_t num_sources;
    uint32_t present_move_regions_preferred;
};

struct d3dkmt_enumadapters2 {
    uint32_t num_adapters;
    uint32_t reserved;
    uint64_t adapters; /* struct d3dkmt_adapterinfo[num_adapters] */
};

union d3dkmt_enumadapters_filter {
    struct {
        uint32_t include_compute_only : 1;
        uint32_t include_display_only : 1;
        uint32_t reserved : 30;
    };
    uint64_t value;
};

struct d3dkmt_enumadapters3 {
    union d3dkmt_enumadapters_filter filter;
    uint32_t adapter_count;
    uint32_t reserved;
    uint64_t adapters; /* struct d3dkmt_adapterinfo[adapter_count] */
};

struct d3dkmt_openadapterfromluid {
    struct winluid adapter_luid;
    struct d3dkmthandle adapter_handle;
};

struct d3dkmt_closeadapter {
    struct d3dkmthandle adapter_handle;
};

struct d3dkmt_queryadapterinfo {
    struct d3dkmthandle adapter;
    uint32_t type; /* enum kmtqueryadapterinfotype */
    uint64_t private_data;
    uint32_t private_data_size;
};

/* KMTQAITYPE_ADAPTERTYPE result: a 32-bit flag word (Windows D3DKMT_ADAPTERTYPE bit order). */
struct d3dkmt_adaptertype {
    union {
        struct {
            uint32_t render_supported : 1;
            uint32_t display_supported : 1;
            uint32_t software_device : 1;
            uint32_t post_device : 1;
            uint32_t hybrid_discrete : 1;
            uint32_t hybrid_integrated : 1;
            uint32_t indirect_display_device : 1;
            uint32_t paravirtualized : 1;
            uint32_t acg_supported : 1;
            uint32_t support_set_timings_from_vidpn : 1;
            uint32_t detachable : 1;
            uint32_t compute_only : 1;
            uint32_t prototype : 1;
            uint32_t reserved : 19;
        };
        uint32_t value;
    };
};

/* ---------------------------------------------------------------------------------------------
 * Devices, contexts, hardware queues
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_createdeviceflags {
    uint32_t legacy_mode : 1;
    uint32_t request_vsync : 1;
    uint32_t disable_gpu_timeout : 1;
    uint32_t gdi_device : 1;
    uint32_t reserved : 28;
};

/* The command buffer / list pointers are legacy: the Linux driver ignores them. */
struct d3dkmt_createdevice {
    struct d3dkmthandle adapter;
    uint32_t reserved3;
    struct d3dkmt_createdeviceflags flags;
    struct d3dkmthandle device;
    uint64_t command_buffer;
    uint32_t command_buffer_size;
    uint32_t reserved;
    uint64_t allocation_list;
    uint32_t allocation_list_size;
    uint32_t reserved1;
    uint64_t patch_location_list;
    uint32_t patch_location_list_size;
    uint32_t reserved2;
};

struct d3dkmt_destroydevice {
    struct d3dkmthandle device;
};

struct d3dddi_createcontextflags {
    union {
        struct {
            uint32_t null_rendering : 1;
            uint32_t initial_data : 1;
            uint32_t disable_gpu_timeout : 1;
            uint32_t synchronization_only : 1;
            uint32_t hw_queue_supported : 1;
            uint32_t reserved : 27;
        };
        uint32_t value;
    };
};

struct d3dkmt_createcontextvirtual {
    struct d3dkmthandle device;
    uint32_t node_ordinal;
    uint32_t engine_affinity;
    struct d3dddi_createcontextflags flags;
    uint64_t priv_drv_data;
    uint32_t priv_drv_data_size;
    uint32_t client_hint; /* enum d3dkmt_clienthint */
    struct d3dkmthandle context;
};

struct d3dkmt_destroycontext {
    struct d3dkmthandle context;
};

struct d3dddi_createhwqueueflags {
    union {
        struct {
            uint32_t disable_gpu_timeout : 1;
            uint32_t reserved : 31;
        };
        uint32_t value;
    };
};

struct d3dkmt_createhwqueue {
    struct d3dkmthandle context;
    struct d3dddi_createhwqueueflags flags;
    uint32_t priv_drv_data_size;
    uint32_t reserved;
    uint64_t priv_drv_data;
    struct d3dkmthandle queue;
    struct d3dkmthandle queue_progress_fence;
    uint64_t queue_progress_fence_cpu_va;
    uint64_t queue_progress_fence_gpu_va;
};

struct d3dkmt_destroyhwqueue {
    struct d3dkmthandle queue;
};

/* ---------------------------------------------------------------------------------------------
 * Allocations and resources
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_createallocationflags {
    union {
        struct {
            uint32_t create_resource : 1;
            uint32_t create_shared : 1;
            uint32_t non_secure : 1;
            uint32_t create_protected : 1;
            uint32_t restrict_shared_access : 1;
            uint32_t existing_sysmem : 1;
            uint32_t nt_security_sharing : 1;
            uint32_t read_only : 1;
            uint32_t create_write_combined : 1;
            uint32_t create_cached : 1;
            uint32_t swap_chain_back_buffer : 1;
            uint32_t cross_adapter : 1;
            uint32_t open_cross_adapter : 1;
            uint32_t partial_shared_creation : 1;
            uint32_t zeroed : 1;
            uint32_t write_watch : 1;
            uint32_t standard_allocation : 1;
            uint32_t existing_section : 1;
            uint32_t reserved : 14;
        };
        uint32_t value;
    };
};

struct d3dkmt_createallocation {
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    struct d3dkmthandle global_share;
    uint32_t reserved;
    uint64_t private_runtime_data;
    uint32_t private_runtime_data_size;
    uint32_t reserved1;
    /* flags.standard_allocation selects the interpretation of this pointer */
    union {
        uint64_t standard_allocation; /* struct d3dkmt_createstandardallocation * */
        uint64_t priv_drv_data;
    };
    uint32_t priv_drv_data_size;
    uint32_t alloc_count;
    uint64_t allocation_info; /* struct d3dddi_allocationinfo2[alloc_count] */
    struct d3dkmt_createallocationflags flags;
    uint32_t reserved2;
    uint64_t private_runtime_resource_handle;
};

struct d3dddi_allocationinfo2 {
    struct d3dkmthandle allocation;
    uint64_t sysmem; /* page-aligned user memory backing the allocation, not a copied buffer */
    uint64_t priv_drv_data;
    uint32_t priv_drv_data_size;
    uint32_t vidpn_source_id;
    union {
        struct {
            uint32_t primary : 1;
            uint32_t stereo : 1;
            uint32_t override_priority : 1;
            uint32_t reserved : 29;
        };
        uint32_t value;
    } flags;
    uint64_t gpu_virtual_address;
    union {
        uint32_t priority;
        uint64_t unused;
    };
    uint64_t reserved[5];
};

struct d3dkmt_standardallocation_existingheap {
    uint64_t size;
};

struct d3dkmt_createstandardallocationflags {
    union {
        struct {
            uint32_t reserved : 32;
        };
        uint32_t value;
    };
};

struct d3dkmt_createstandardallocation {
    uint32_t type; /* enum d3dkmt_standardallocationtype */
    uint32_t reserved;
    struct d3dkmt_standardallocation_existingheap existing_heap_data;
    struct d3dkmt_createstandardallocationflags flags;
    uint32_t reserved1;
};

struct d3dddicb_destroyallocation2flags {
    union {
        struct {
            uint32_t assume_not_in_use : 1;
            uint32_t synchronous_destroy : 1;
            uint32_t reserved : 29;
            uint32_t system_use_only : 1;
        };
        uint32_t value;
    };
};

struct d3dkmt_destroyallocation2 {
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint64_t allocations; /* struct d3dkmthandle[alloc_count] */
    uint32_t alloc_count;
    struct d3dddicb_destroyallocation2flags flags;
};

/* ---------------------------------------------------------------------------------------------
 * Residency
 * ------------------------------------------------------------------------------------------- */

struct d3dddi_makeresident_flags {
    union {
        struct {
            uint32_t cant_trim_further : 1;
            uint32_t must_succeed : 1;
            uint32_t reserved : 30;
        };
        uint32_t value;
    };
};

struct d3dddi_makeresident {
    struct d3dkmthandle paging_queue;
    uint32_t alloc_count;
    uint64_t allocation_list; /* struct d3dkmthandle[alloc_count] */
    uint64_t priority_list;   /* uint32_t[alloc_count], not forwarded by the driver */
    struct d3dddi_makeresident_flags flags;
    uint64_t paging_fence_value;
    uint64_t num_bytes_to_trim;
};

struct d3dddi_evict_flags {
    union {
        struct {
            uint32_t evict_only_if_necessary : 1;
            uint32_t not_written_to : 1;
            uint32_t reserved : 30;
        };
        uint32_t value;
    };
};

struct d3dkmt_evict {
    struct d3dkmthandle device;
    uint32_t alloc_count;
    uint64_t allocations; /* struct d3dkmthandle[alloc_count] */
    struct d3dddi_evict_flags flags;
    uint32_t reserved;
    uint64_t num_bytes_to_trim;
};

struct d3dddicb_lock2flags {
    union {
        struct {
            uint32_t reserved : 32;
        };
        uint32_t value;
    };
};

struct d3dkmt_lock2 {
    struct d3dkmthandle device;
    struct d3dkmthandle allocation;
    struct d3dddicb_lock2flags flags;
    uint32_t reserved;
    uint64_t data; /* out: CPU mapping of the allocation */
};

struct d3dkmt_unlock2 {
    struct d3dkmthandle device;
    struct d3dkmthandle allocation;
};

struct d3dkmt_createpagingqueue {
    struct d3dkmthandle device;
    int32_t priority; /* enum d3dddi_pagingqueue_priority */
    struct d3dkmthandle paging_queue;
    struct d3dkmthandle sync_object;
    uint64_t fence_cpu_virtual_address; /* out: mapped paging-fence page */
    uint32_t physical_adapter_index;
};

struct d3dddi_destroypagingqueue {
    struct d3dkmthandle paging_queue;
};

/* ---------------------------------------------------------------------------------------------
 * Synchronization objects
 * ------------------------------------------------------------------------------------------- */

struct d3dddi_synchronizationobject_flags {
    union {
        struct {
            uint32_t shared : 1;
            uint32_t nt_security_sharing : 1;
            uint32_t cross_adapter : 1;
            uint32_t top_of_pipeline : 1;
            uint32_t no_signal : 1;
            uint32_t no_wait : 1;
            uint32_t no_signal_max_value_on_tdr : 1;
            uint32_t no_gpu_access : 1;
            uint32_t reserved : 23;
        };
        uint32_t value;
    };
};

struct d3dddi_synchronizationobjectinfo2 {
    uint32_t type; /* enum d3dddi_synchronizationobject_type; selects the union member */
    struct d3dddi_synchronizationobject_flags flags;
    union {
        struct {
            uint32_t initial_state;
        } synchronization_mutex;
        struct {
            uint32_t max_count;
            uint32_t initial_count;
        } semaphore;
        struct {
            uint64_t fence_value;
        } fence;
        struct {
            uint64_t event; /* eventfd number on input */
        } cpu_notification;
        struct {
            uint64_t initial_fence_value;
            uint64_t fence_cpu_virtual_address;
            uint64_t fence_gpu_virtual_address;
            uint32_t engine_affinity;
        } monitored_fence;
        struct {
            struct d3dkmthandle adapter;
            uint32_t vidpn_target_id;
            uint64_t time;
            uint64_t fence_cpu_virtual_address;
            uint64_t fence_gpu_virtual_address;
            uint32_t engine_affinity;
        } periodic_monitored_fence;
        struct {
            uint64_t reserved[8];
        } reserved;
    };
    struct d3dkmthandle shared_handle;
};

struct d3dkmt_createsynchronizationobject2 {
    struct d3dkmthandle device;
    uint32_t reserved;
    struct d3dddi_synchronizationobjectinfo2 info;
    struct d3dkmthandle sync_object;
    uint32_t reserved1;
};

struct d3dkmt_destroysynchronizationobject {
    struct d3dkmthandle sync_object;
};

struct d3dddicb_signalflags {
    union {
        struct {
            uint32_t signal_at_submission : 1;
            uint32_t enqueue_cpu_event : 1;
            uint32_t allow_fence_rewind : 1;
            uint32_t reserved : 28;
            uint32_t internal0 : 1; /* DXGK_SIGNAL_FLAG_INTERNAL0 */
        };
        uint32_t value;
    };
};

struct d3dkmt_signalsynchronizationobject2 {
    struct d3dkmthandle context;
    uint32_t object_count;
    struct d3dkmthandle object_array[D3DDDI_MAX_OBJECT_SIGNALED];
    struct d3dddicb_signalflags flags;
    uint32_t context_count;
    struct d3dkmthandle contexts[D3DDDI_MAX_BROADCAST_CONTEXT];
    union {
        struct {
            uint64_t fence_value;
        } fence;
        uint64_t cpu_event_handle; /* eventfd number with flags.enqueue_cpu_event */
        uint64_t reserved[8];
    };
};

struct d3dkmt_waitforsynchronizationobject2 {
    struct d3dkmthandle context;
    uint32_t object_count;
    struct d3dkmthandle object_array[D3DDDI_MAX_OBJECT_WAITED_ON];
    union {
        struct {
            uint64_t fence_value;
        } fence;
        uint64_t reserved[8];
    };
};

struct d3dddi_waitforsynchronizationobjectfromcpu_flags {
    union {
        struct {
            uint32_t wait_any : 1;
            uint32_t reserved : 31;
        };
        uint32_t value;
    };
};

struct d3dkmt_signalsynchronizationobjectfromcpu {
    struct d3dkmthandle device;
    uint32_t object_count;
    uint64_t objects;      /* struct d3dkmthandle[object_count] */
    uint64_t fence_values; /* uint64_t[object_count] */
    struct d3dddicb_signalflags flags;
};

struct d3dkmt_waitforsynchronizationobjectfromcpu {
    struct d3dkmthandle device;
    uint32_t object_count;
    uint64_t objects;      /* struct d3dkmthandle[object_count] */
    uint64_t fence_values; /* uint64_t[object_count] */
    uint64_t async_event;  /* eventfd number, or 0 to block in the ioctl */
    struct d3dddi_waitforsynchronizationobjectfromcpu_flags flags;
};

struct d3dkmt_signalsynchronizationobjectfromgpu {
    struct d3dkmthandle context;
    uint32_t object_count;
    uint64_t objects; /* struct d3dkmthandle[object_count] */
    union {
        uint64_t monitored_fence_values; /* uint64_t[object_count] */
        uint64_t reserved[8];
    };
};

struct d3dkmt_signalsynchronizationobjectfromgpu2 {
    uint32_t object_count;
    uint32_t reserved1;
    uint64_t objects; /* struct d3dkmthandle[object_count] */
    struct d3dddicb_signalflags flags;
    uint32_t context_count;
    uint64_t contexts; /* struct d3dkmthandle[context_count] */
    union {
        uint64_t fence_value;
        uint64_t cpu_event_handle;       /* with flags.enqueue_cpu_event */
        uint64_t monitored_fence_values; /* uint64_t[object_count] otherwise */
        uint64_t reserved[8];
    };
};

struct d3dkmt_waitforsynchronizationobjectfromgpu {
    struct d3dkmthandle context;
    uint32_t object_count;
    uint64_t objects; /* struct d3dkmthandle[object_count] */
    union {
        uint64_t monitored_fence_values; /* when objects[0] is a monitored fence */
        uint64_t fence_value;            /* legacy fence otherwise */
        uint64_t reserved[8];
    };
};

struct d3dkmt_submitsignalsyncobjectstohwqueue {
    struct d3dddicb_signalflags flags;
    uint32_t hwqueue_count;
    uint64_t hwqueues; /* struct d3dkmthandle[hwqueue_count] */
    uint32_t object_count;
    uint32_t reserved;
    uint64_t objects;      /* struct d3dkmthandle[object_count] */
    uint64_t fence_values; /* uint64_t[object_count] */
};

struct d3dkmt_submitwaitforsyncobjectstohwqueue {
    struct d3dkmthandle hwqueue;
    uint32_t object_count;
    uint64_t objects;      /* struct d3dkmthandle[object_count] */
    uint64_t fence_values; /* uint64_t[object_count] */
};

/* ---------------------------------------------------------------------------------------------
 * Submission
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_submitcommandflags {
    uint32_t null_rendering : 1;
    uint32_t present_redirected : 1;
    uint32_t reserved : 30;
};

struct d3dkmt_submitcommand {
    uint64_t command_buffer; /* GPU virtual address */
    uint32_t command_length;
    struct d3dkmt_submitcommandflags flags;
    uint64_t present_history_token;
    uint32_t broadcast_context_count;
    struct d3dkmthandle broadcast_context[D3DDDI_MAX_BROADCAST_CONTEXT];
    uint32_t reserved;
    uint64_t priv_drv_data;
    uint32_t priv_drv_data_size;
    uint32_t num_primaries;
    struct d3dkmthandle written_primaries[D3DDDI_MAX_WRITTEN_PRIMARIES];
    uint32_t num_history_buffers;
    uint32_t reserved1;
    uint64_t history_buffer_array; /* struct d3dkmthandle[num_history_buffers] */
};

struct d3dkmt_submitcommandtohwqueue {
    struct d3dkmthandle hwqueue;
    uint32_t reserved;
    uint64_t hwqueue_progress_fence_id;
    uint64_t command_buffer; /* GPU virtual address */
    uint32_t command_length;
    uint32_t priv_drv_data_size;
    uint64_t priv_drv_data;
    uint32_t num_primaries;
    uint32_t reserved1;
    uint64_t written_primaries; /* struct d3dkmthandle[num_primaries] */
};

/* ---------------------------------------------------------------------------------------------
 * Sharing (NT handles are file descriptors on Linux)
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_shareobjects {
    uint32_t object_count;
    uint32_t reserved;
    uint64_t objects;     /* struct d3dkmthandle[object_count] */
    uint64_t object_attr; /* security attributes, ignored */
    uint32_t desired_access;
    uint32_t reserved1;
    uint64_t shared_handle; /* uint64_t *: receives the new fd */
};

struct d3dddi_openallocationinfo2 {
    struct d3dkmthandle allocation;
    uint64_t priv_drv_data;
    uint32_t priv_drv_data_size;
    uint64_t gpu_va;
    uint64_t reserved[6];
};

struct d3dkmt_openresourcefromnthandle {
    struct d3dkmthandle device;
    uint32_t reserved;
    uint64_t nt_handle;
    uint32_t allocation_count;
    uint32_t reserved1;
    uint64_t open_alloc_info; /* struct d3dddi_openallocationinfo2[allocation_count] */
    int32_t private_runtime_data_size;
    uint32_t reserved2;
    uint64_t private_runtime_data;
    uint32_t resource_priv_drv_data_size;
    uint32_t reserved3;
    uint64_t resource_priv_drv_data;
    uint32_t total_priv_drv_data_size;
    uint64_t total_priv_drv_data;
    struct d3dkmthandle resource;
    struct d3dkmthandle keyed_mutex;
    uint64_t keyed_mutex_private_data;
    uint32_t keyed_mutex_private_data_size;
    struct d3dkmthandle sync_object;
};

struct d3dkmt_queryresourceinfofromnthandle {
    struct d3dkmthandle device;
    uint32_t reserved;
    uint64_t nt_handle;
    uint64_t private_runtime_data;
    uint32_t private_runtime_data_size;
    uint32_t total_priv_drv_data_size;
    uint32_t resource_priv_drv_data_size;
    uint32_t allocation_count;
};

struct d3dkmt_opensyncobjectfromnthandle2 {
    uint64_t nt_handle;
    struct d3dkmthandle device;
    struct d3dddi_synchronizationobject_flags flags;
    struct d3dkmthandle sync_object;
    uint32_t reserved1;
    union {
        struct {
            uint64_t fence_value_cpu_va;
            uint64_t fence_value_gpu_va;
            uint32_t engine_affinity;
        } monitored_fence;
        uint64_t reserved[8];
    };
};

struct d3dkmt_shareobjectwithhost {
    struct d3dkmthandle device_handle;
    struct d3dkmthandle object_handle;
    uint64_t reserved;
    uint64_t object_vail_nt_handle;
};

/* ---------------------------------------------------------------------------------------------
 * Queries
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_queryvideomemoryinfo {
    uint64_t process; /* must be 0 */
    struct d3dkmthandle adapter;
    uint32_t memory_segment_group; /* enum d3dkmt_memory_segment_group */
    uint64_t budget;
    uint64_t current_usage;
    uint64_t current_reservation;
    uint64_t available_for_reservation;
    uint32_t physical_adapter_index;
};

/* Windows D3DKMT_QUERYSTATISTICS_RESULT, opaque on Linux. */
struct d3dkmt_querystatistics_result {
    uint8_t bytes[0x308];
};

struct d3dkmt_querystatistics {
    union {
        struct {
            uint32_t type; /* enum d3dkmt_querystatistics_type */
            struct winluid adapter_luid;
            uint64_t process; /* 0 (self) or a PID */
            struct d3dkmt_querystatistics_result result;
        };
        uint8_t size[0x328];
    };
};

struct d3dkmt_devicereset_state {
    union {
        struct {
            uint32_t desktop_switched : 1;
            uint32_t reserved : 31;
        };
        uint32_t value;
    };
};

struct dxgk_fault_error_code {
    union {
        struct {
            uint32_t is_device_specific_code : 1;
            uint32_t general_error_code : 31; /* enum dxgk_general_error_code */
        };
        struct {
            uint32_t is_device_specific_code_reserved_bit : 1;
            uint32_t device_specific_code : 31;
        };
    };
};

struct d3dkmt_devicepagefault_state {
    uint64_t faulted_primitive_api_sequence_number;
    uint32_t faulted_pipeline_stage; /* enum dxgk_render_pipeline_stage */
    uint32_t faulted_bind_table_entry;
    uint32_t page_fault_flags; /* enum dxgk_page_fault_flags */
    struct dxgk_fault_error_code fault_error_code;
    uint64_t faulted_virtual_address;
};

struct d3dkmt_getdevicestate {
    struct d3dkmthandle device;
    uint32_t state_type; /* enum d3dkmt_devicestate_type */
    union {
        uint32_t execution_state; /* enum d3dkmt_deviceexecution_state */
        struct d3dkmt_devicereset_state reset_state;
        struct d3dkmt_devicepagefault_state page_fault_state;
        uint8_t alignment[48];
    };
};

struct d3dkmt_setallocationpriority {
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint64_t allocation_list; /* struct d3dkmthandle[allocation_count] */
    uint32_t allocation_count;
    uint32_t reserved;
    uint64_t priorities; /* uint32_t[allocation_count], or one uint32_t for a resource */
};

struct d3dkmt_getallocationpriority {
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint64_t allocation_list; /* struct d3dkmthandle[allocation_count] */
    uint32_t allocation_count;
    uint32_t reserved;
    uint64_t priorities; /* out: uint32_t[allocation_count], or one uint32_t for a resource */
};

struct d3dkmt_queryallocationresidency {
    struct d3dkmthandle device;
    struct d3dkmthandle resource;
    uint64_t allocations; /* struct d3dkmthandle[allocation_count] */
    uint32_t allocation_count;
    uint32_t reserved;
    uint64_t residency_status; /* out: uint32_t[allocation_count], or one for a resource */
};

struct d3dddi_escapeflags {
    union {
        struct {
            uint32_t hardware_access : 1;
            uint32_t device_status_query : 1;
            uint32_t change_frame_latency : 1;
            uint32_t no_adapter_synchronization : 1;
            uint32_t reserved : 1;
            uint32_t virtual_machine_data : 1;
            uint32_t driver_known_escape : 1;
            uint32_t driver_common_escape : 1;
            uint32_t reserved2 : 24;
        };
        uint32_t value;
    };
};

struct d3dkmt_escape {
    struct d3dkmthandle adapter;
    struct d3dkmthandle device;
    uint32_t type; /* enum d3dkmt_escapetype */
    struct d3dddi_escapeflags flags;
    uint64_t priv_drv_data;
    uint32_t priv_drv_data_size;
    struct d3dkmthandle context;
};

/* ---------------------------------------------------------------------------------------------
 * GPU virtual addresses
 * ------------------------------------------------------------------------------------------- */

struct d3dddigpuva_protection_type {
    union {
        struct {
            uint64_t write : 1;
            uint64_t execute : 1;
            uint64_t zero : 1;
            uint64_t no_access : 1;
            uint64_t system_use_only : 1;
            uint64_t reserved : 59;
        };
        uint64_t value;
    };
};

struct d3dddi_mapgpuvirtualaddress {
    struct d3dkmthandle paging_queue;
    uint64_t base_address;
    uint64_t minimum_address;
    uint64_t maximum_address;
    struct d3dkmthandle allocation;
    uint64_t offset_in_pages;
    uint64_t size_in_pages;
    struct d3dddigpuva_protection_type protection;
    uint64_t driver_protection;
    uint32_t reserved0;
    uint64_t reserved1;
    uint64_t virtual_address;
    uint64_t paging_fence_value;
};

struct d3dddi_reservegpuvirtualaddress {
    struct d3dkmthandle adapter; /* or a paging-queue handle */
    uint64_t base_address;
    uint64_t minimum_address;
    uint64_t maximum_address;
    uint64_t size;
    uint32_t reservation_type; /* enum d3dddigpuva_reservation_type */
    uint64_t driver_protection;
    uint64_t virtual_address;
    uint64_t paging_fence_value;
};

struct d3dkmt_freegpuvirtualaddress {
    struct d3dkmthandle adapter;
    uint32_t reserved;
    uint64_t base_address;
    uint64_t size;
};

/* One 64-byte record of LX_DXUPDATEGPUVIRTUALADDRESS's operations array. */
struct d3dddi_updategpuvirtualaddress_operation {
    uint32_t operation; /* enum d3dddi_updategpuvirtualaddress_operation_type */
    union {
        struct {
            uint64_t base_address;
            uint64_t size;
            struct d3dkmthandle allocation;
            uint64_t allocation_offset;
            uint64_t allocation_size;
        } map;
        struct {
            uint64_t base_address;
            uint64_t size;
            struct d3dkmthandle allocation;
            uint64_t allocation_offset;
            uint64_t allocation_size;
            struct d3dddigpuva_protection_type protection;
            uint64_t driver_protection;
        } map_protect;
        struct {
            uint64_t base_address;
            uint64_t size;
            struct d3dddigpuva_protection_type protection;
        } unmap;
        struct {
            uint64_t source_address;
            uint64_t size;
            uint64_t dest_address;
        } copy;
    };
};

struct d3dkmt_updategpuvirtualaddress {
    struct d3dkmthandle device;
    struct d3dkmthandle context;
    struct d3dkmthandle fence_object;
    uint32_t num_operations;
    uint64_t operations; /* struct d3dddi_updategpuvirtualaddress_operation[num_operations] */
    uint32_t reserved0;
    uint32_t reserved1;
    uint64_t reserved2;
    uint64_t fence_value;
    union {
        struct {
            uint32_t do_not_wait : 1;
            uint32_t reserved : 31;
        };
        uint32_t value;
    } flags;
    uint32_t reserved3;
};

struct d3dddi_updateallocproperty_flags {
    union {
        struct {
            uint32_t accessed_physically : 1;
            uint32_t reserved : 31;
        };
        uint32_t value;
    };
};

struct d3dddi_segmentpreference {
    union {
        struct {
            uint32_t segment_id0 : 5;
            uint32_t direction0 : 1;
            uint32_t segment_id1 : 5;
            uint32_t direction1 : 1;
            uint32_t segment_id2 : 5;
            uint32_t direction2 : 1;
            uint32_t segment_id3 : 5;
            uint32_t direction3 : 1;
            uint32_t segment_id4 : 5;
            uint32_t direction4 : 1;
            uint32_t reserved : 2;
        };
        uint32_t value;
    };
};

struct d3dddi_updateallocproperty {
    struct d3dkmthandle paging_queue;
    struct d3dkmthandle allocation;
    uint32_t supported_segment_set;
    struct d3dddi_segmentpreference preferred_segment;
    struct d3dddi_updateallocproperty_flags flags;
    uint64_t paging_fence_value;
    union {
        struct {
            uint32_t set_accessed_physically : 1;
            uint32_t set_supported_segment_set : 1;
            uint32_t set_preferred_segment : 1;
            uint32_t reserved : 29;
        };
        uint32_t property_mask_value;
    };
};

/* ---------------------------------------------------------------------------------------------
 * Offer / reclaim, reservations, scheduling
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_offer_flags {
    union {
        struct {
            uint32_t offer_immediately : 1;
            uint32_t allow_decommit : 1;
            uint32_t reserved : 30;
        };
        uint32_t value;
    };
};

struct d3dkmt_offerallocations {
    struct d3dkmthandle device;
    uint32_t reserved;
    uint64_t resources;   /* struct d3dkmthandle[allocation_count] (XOR allocations) */
    uint64_t allocations; /* struct d3dkmthandle[allocation_count] */
    uint32_t allocation_count;
    uint32_t priority; /* enum d3dkmt_offer_priority */
    struct d3dkmt_offer_flags flags;
    uint32_t reserved1;
};

struct d3dkmt_reclaimallocations2 {
    struct d3dkmthandle paging_queue;
    uint32_t allocation_count;
    uint64_t resources;   /* struct d3dkmthandle[allocation_count] (XOR allocations) */
    uint64_t allocations; /* struct d3dkmthandle[allocation_count] */
    union {
        uint64_t discarded; /* uint32_t[allocation_count] */
        uint64_t results;   /* enum d3dddi_reclaim_result[allocation_count] */
    };
    uint64_t paging_fence_value;
};

struct d3dkmt_changevideomemoryreservation {
    uint64_t process; /* must be 0 */
    struct d3dkmthandle adapter;
    uint32_t memory_segment_group; /* enum d3dkmt_memory_segment_group */
    uint64_t reservation;
    uint32_t physical_adapter_index;
};

struct d3dkmt_setcontextschedulingpriority {
    struct d3dkmthandle context;
    int32_t priority;
};

struct d3dkmt_setcontextinprocessschedulingpriority {
    struct d3dkmthandle context;
    int32_t priority;
};

struct d3dkmt_getcontextschedulingpriority {
    struct d3dkmthandle context;
    int32_t priority;
};

struct d3dkmt_getcontextinprocessschedulingpriority {
    struct d3dkmthandle context;
    int32_t priority;
};

/* The clock calibration structs are byte-packed in the UAPI header (clock_data at offset 12). */
#pragma pack(push, 1)

struct dxgk_gpuclockdata_flags {
    union {
        struct {
            uint32_t context_management_processor : 1;
            uint32_t reserved : 31;
        };
        uint32_t value;
    };
};

struct dxgk_gpuclockdata {
    uint64_t gpu_frequency;
    uint64_t gpu_clock_counter;
    uint64_t cpu_clock_counter;
    struct dxgk_gpuclockdata_flags flags;
};

struct d3dkmt_queryclockcalibration {
    struct d3dkmthandle adapter;
    uint32_t node_ordinal;
    uint32_t physical_adapter_index;
    struct dxgk_gpuclockdata clock_data;
};

#pragma pack(pop)

struct d3dkmt_flushheaptransitions {
    struct d3dkmthandle adapter;
};

struct d3dkmt_invalidatecache {
    struct d3dkmthandle device;
    struct d3dkmthandle allocation;
    uint64_t offset;
    uint64_t length;
};

struct d3dkmt_markdeviceaserror {
    struct d3dkmthandle device;
    uint32_t reason; /* D3DKMT_DEVICE_ERROR_REASON_* */
};

/* ---------------------------------------------------------------------------------------------
 * Sync files, processes, features
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_createsyncfile {
    struct d3dkmthandle device;
    struct d3dkmthandle monitored_fence;
    uint64_t fence_value;
    uint64_t sync_file_handle; /* out: fd */
};

struct d3dkmt_waitsyncfile {
    uint64_t sync_file_handle;
    struct d3dkmthandle context;
    uint32_t reserved;
};

struct d3dkmt_opensyncobjectfromsyncfile {
    uint64_t sync_file_handle;
    struct d3dkmthandle device;
    struct d3dkmthandle syncobj;  /* out */
    uint64_t fence_value;         /* out */
    uint64_t fence_value_cpu_va;  /* out */
    uint64_t fence_value_gpu_va;  /* out */
};

struct d3dkmt_enumprocesses {
    struct winluid adapter_luid;
    uint64_t buffer;       /* uint32_t[buffer_count]: PIDs */
    uint64_t buffer_count; /* in: capacity; out: PIDs written */
};

struct dxgk_isfeatureenabled_result {
    uint16_t version;
    union {
        struct {
            uint16_t enabled : 1;
            uint16_t known_feature : 1;
            uint16_t supported_by_driver : 1;
            uint16_t supported_on_config : 1;
            uint16_t reserved : 12;
        };
        uint16_t value;
    };
};

struct d3dkmt_isfeatureenabled {
    struct d3dkmthandle adapter;
    uint32_t feature_id; /* enum dxgk_feature_id */
    struct dxgk_isfeatureenabled_result result;
};

/* ---------------------------------------------------------------------------------------------
 * Standard allocation surface descriptions (carried in VMBus GETSTANDARDALLOCPRIVDATA)
 * ------------------------------------------------------------------------------------------- */

struct d3dddi_rational {
    uint32_t numerator;
    uint32_t denominator;
};

struct d3dkmdt_gdisurfacedata {
    uint32_t width;
    uint32_t height;
    uint32_t format;
    uint32_t type; /* enum d3dkmdt_gdisurfacetype */
    uint32_t flags;
    uint32_t pitch;
};

struct d3dkmdt_stagingsurfacedata {
    uint32_t width;
    uint32_t height;
    uint32_t pitch;
};

struct d3dkmdt_sharedprimarysurfacedata {
    uint32_t width;
    uint32_t height;
    uint32_t format; /* enum d3dddiformat */
    struct d3dddi_rational refresh_rate;
    uint32_t vidpn_source_id;
};

struct d3dkmdt_shadowsurfacedata {
    uint32_t width;
    uint32_t height;
    uint32_t format; /* enum d3dddiformat */
    uint32_t pitch;
};

/* ---------------------------------------------------------------------------------------------
 * Legacy argument structs: defined by the older UAPI header and used by libdxg's thunks, but
 * the kernel slot has no handler (-ENOTTY). Kept so a probe can name and size the calls.
 * ------------------------------------------------------------------------------------------- */

struct d3dkmt_createcontext {
    struct d3dkmthandle device;
    uint32_t node_ordinal;
    uint32_t engine_affinity;
    struct d3dddi_createcontextflags flags;
    uint64_t priv_drv_data;
    uint32_t priv_drv_data_size;
    uint32_t client_hint; /* enum d3dkmt_clienthint */
    struct d3dkmthandle context;
    uint64_t command_buffer;
    uint32_t command_buffer_size;
    uint64_t allocation_list;
    uint32_t allocation_list_size;
    uint64_t patch_location_list;
    uint32_t patch_location_list_size;
    uint64_t obsolete;
};

struct d3dddi_createhwcontextflags {
    union {
        struct {
            uint32_t reserved : 32;
        };
        uint32_t value;
    };
};

struct d3dkmt_createhwcontext {
    struct d3dkmthandle device;
    uint32_t node_ordinal;
    uint32_t engine_affinity;
    struct d3dddi_createhwcontextflags flags;
    uint32_t priv_drv_data_size;
    uint64_t priv_drv_data;
    struct d3dkmthandle context;
};

struct d3dkmt_destroyhwcontext {
    struct d3dkmthandle context;
};

struct d3dkmt_getsharedresourceadapterluid {
    struct d3dkmthandle global_share;
    uint64_t handle;
    struct winluid adapter_luid;
};

struct d3dkmt_openresource {
    struct d3dkmthandle device;
    struct d3dkmthandle global_share;
    uint32_t allocation_count;
    uint64_t open_alloc_info;
    uint64_t private_runtime_data;
    int32_t private_runtime_data_size;
    uint64_t resource_priv_drv_data;
    uint32_t resource_priv_drv_data_size;
    uint64_t total_priv_drv_data;
    uint32_t total_priv_drv_data_size;
    struct d3dkmthandle resource;
};

struct d3dkmt_opensynchronizationobject {
    struct d3dkmthandle shared_handle;
    struct d3dkmthandle sync_object;
    uint64_t reserved[8];
};

struct d3dkmt_queryresourceinfo {
    struct d3dkmthandle device;
    struct d3dkmthandle global_share;
    uint64_t private_runtime_data;
    uint32_t private_runtime_data_size;
    uint32_t total_priv_drv_data_size;
    uint32_t resource_priv_drv_data_size;
    uint32_t allocation_count;
};

struct d3dkmt_renderflags {
    uint32_t resize_command_buffer : 1;
    uint32_t resize_allocation_list : 1;
    uint32_t resize_patch_location_list : 1;
    uint32_t null_rendering : 1;
    uint32_t present_redirected : 1;
    uint32_t render_km : 1;
    uint32_t render_km_readback : 1;
    uint32_t reserved : 25;
};

struct d3dkmt_render {
    union {
        struct d3dkmthandle device;
        struct d3dkmthandle context;
    };
    uint32_t command_offset;
    uint32_t command_length;
    uint32_t allocation_count;
    uint32_t patch_location_count;
    uint64_t new_command_buffer;
    uint32_t new_command_buffer_size;
    uint64_t new_allocation_list;
    uint32_t new_allocation_list_size;
    uint64_t new_patch_location_list;
    uint32_t new_patch_location_list_size;
    struct d3dkmt_renderflags flags;
    uint64_t present_history_token;
    uint32_t broadcast_context_count;
    struct d3dkmthandle broadcast_context[D3DDDI_MAX_BROADCAST_CONTEXT];
    uint32_t queued_buffer_count;
    uint64_t obsolete;
    uint64_t priv_drv_data;
    uint32_t priv_drv_data_size;
};

/* The older header's spelling of d3dkmt_createdevice (adapter handle or pointer union). */
struct old_d3dkmt_createdevice {
    union {
        struct d3dkmthandle adapter;
        uint64_t adapter_pointer;
    };
    struct d3dkmt_createdeviceflags flags;
    struct d3dkmthandle device;
    uint64_t command_buffer;
    uint32_t command_buffer_size;
    uint32_t reserved;
    uint64_t allocation_list;
    uint32_t allocation_list_size;
    uint32_t reserved1;
    uint64_t patch_location_list;
    uint32_t patch_location_list_size;
    uint32_t reserved2;
};

struct d3dkmt_present_stats {
    uint32_t present_count;
    uint32_t present_refresh_count;
    uint32_t sync_refresh_count;
    uint32_t reserved;
    uint64_t sync_qpc_time;
    uint64_t sync_gpu_time;
};

struct d3dkmt_devicepresent_state {
    uint32_t vidpn_source_id;
    uint32_t reserved;
    struct d3dkmt_present_stats present_stats;
};

struct d3dkmt_present_stats_dwm {
    uint32_t present_count;
    uint32_t present_refresh_count;
    uint64_t present_qpc_time;
    uint32_t sync_refresh_count;
    uint32_t reserved;
    uint64_t sync_qpc_time;
    uint32_t custom_present_duration;
    uint32_t reserved1;
};

struct d3dkmt_devicepresent_state_dwm {
    uint32_t vidpn_source_id;
    uint32_t reserved;
    struct d3dkmt_present_stats_dwm present_stats;
};

struct d3dkmt_devicepresent_queue_state {
    uint32_t vidpn_source_id;
    uint8_t queued_present_limit_reached; /* C bool */
};

/* The older header's spelling of d3dkmt_getdevicestate (present states spelled out). */
struct old_d3dkmt_getdevicestate {
    struct d3dkmthandle device;
    uint32_t state_type; /* enum d3dkmt_devicestate_type */
    union {
        uint32_t execution_state;
        struct d3dkmt_devicepresent_state present_state;
        struct d3dkmt_devicereset_state reset_state;
        struct d3dkmt_devicepresent_state_dwm present_state_dwm;
        struct d3dkmt_devicepagefault_state page_fault_state;
        struct d3dkmt_devicepresent_queue_state present_queue_state;
    };
};

/* ---------------------------------------------------------------------------------------------
 * Sizes (x86_64, from shared/abi/d3dkmthk-layout.tsv)
 * ------------------------------------------------------------------------------------------- */

#define DXGS_ASSERT_SIZE(s, n) _Static_assert(sizeof(struct s) == (n), "sizeof(struct " #s ")")

DXGS_ASSERT_SIZE(d3dkmthandle, 4);
DXGS_ASSERT_SIZE(winluid, 8);
DXGS_ASSERT_SIZE(ntstatus, 4);
DXGS_ASSERT_SIZE(d3dkmt_adapterinfo, 20);
DXGS_ASSERT_SIZE(d3dkmt_enumadapters2, 16);
_Static_assert(sizeof(union d3dkmt_enumadapters_filter) == 8, "sizeof(union d3dkmt_enumadapters_filter)");
DXGS_ASSERT_SIZE(d3dkmt_enumadapters3, 24);
DXGS_ASSERT_SIZE(d3dkmt_openadapterfromluid, 12);
DXGS_ASSERT_SIZE(d3dkmt_closeadapter, 4);
DXGS_ASSERT_SIZE(d3dkmt_queryadapterinfo, 24);
DXGS_ASSERT_SIZE(d3dkmt_adaptertype, 4);
DXGS_ASSERT_SIZE(d3dkmt_createdeviceflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_createdevice, 64);
DXGS_ASSERT_SIZE(d3dkmt_destroydevice, 4);
DXGS_ASSERT_SIZE(d3dddi_createcontextflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_createcontextvirtual, 40);
DXGS_ASSERT_SIZE(d3dkmt_destroycontext, 4);
DXGS_ASSERT_SIZE(d3dddi_createhwqueueflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_createhwqueue, 48);
DXGS_ASSERT_SIZE(d3dkmt_destroyhwqueue, 4);
DXGS_ASSERT_SIZE(d3dkmt_createallocationflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_createallocation, 72);
DXGS_ASSERT_SIZE(d3dddi_allocationinfo2, 96);
DXGS_ASSERT_SIZE(d3dkmt_standardallocation_existingheap, 8);
DXGS_ASSERT_SIZE(d3dkmt_createstandardallocationflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_createstandardallocation, 24);
DXGS_ASSERT_SIZE(d3dddicb_destroyallocation2flags, 4);
DXGS_ASSERT_SIZE(d3dkmt_destroyallocation2, 24);
DXGS_ASSERT_SIZE(d3dddi_makeresident_flags, 4);
DXGS_ASSERT_SIZE(d3dddi_makeresident, 48);
DXGS_ASSERT_SIZE(d3dddi_evict_flags, 4);
DXGS_ASSERT_SIZE(d3dkmt_evict, 32);
DXGS_ASSERT_SIZE(d3dddicb_lock2flags, 4);
DXGS_ASSERT_SIZE(d3dkmt_lock2, 24);
DXGS_ASSERT_SIZE(d3dkmt_unlock2, 8);
DXGS_ASSERT_SIZE(d3dkmt_createpagingqueue, 32);
DXGS_ASSERT_SIZE(d3dddi_destroypagingqueue, 4);
DXGS_ASSERT_SIZE(d3dddi_synchronizationobject_flags, 4);
DXGS_ASSERT_SIZE(d3dddi_synchronizationobjectinfo2, 80);
DXGS_ASSERT_SIZE(d3dkmt_createsynchronizationobject2, 96);
DXGS_ASSERT_SIZE(d3dkmt_destroysynchronizationobject, 4);
DXGS_ASSERT_SIZE(d3dddicb_signalflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_signalsynchronizationobject2, 464);
DXGS_ASSERT_SIZE(d3dkmt_waitforsynchronizationobject2, 200);
DXGS_ASSERT_SIZE(d3dddi_waitforsynchronizationobjectfromcpu_flags, 4);
DXGS_ASSERT_SIZE(d3dkmt_signalsynchronizationobjectfromcpu, 32);
DXGS_ASSERT_SIZE(d3dkmt_waitforsynchronizationobjectfromcpu, 40);
DXGS_ASSERT_SIZE(d3dkmt_signalsynchronizationobjectfromgpu, 80);
DXGS_ASSERT_SIZE(d3dkmt_signalsynchronizationobjectfromgpu2, 96);
DXGS_ASSERT_SIZE(d3dkmt_waitforsynchronizationobjectfromgpu, 80);
DXGS_ASSERT_SIZE(d3dkmt_submitsignalsyncobjectstohwqueue, 40);
DXGS_ASSERT_SIZE(d3dkmt_submitwaitforsyncobjectstohwqueue, 24);
DXGS_ASSERT_SIZE(d3dkmt_submitcommandflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_submitcommand, 384);
DXGS_ASSERT_SIZE(d3dkmt_submitcommandtohwqueue, 56);
DXGS_ASSERT_SIZE(d3dkmt_shareobjects, 40);
DXGS_ASSERT_SIZE(d3dddi_openallocationinfo2, 80);
DXGS_ASSERT_SIZE(d3dkmt_openresourcefromnthandle, 104);
DXGS_ASSERT_SIZE(d3dkmt_queryresourceinfofromnthandle, 40);
DXGS_ASSERT_SIZE(d3dkmt_opensyncobjectfromnthandle2, 88);
DXGS_ASSERT_SIZE(d3dkmt_shareobjectwithhost, 24);
DXGS_ASSERT_SIZE(d3dkmt_queryvideomemoryinfo, 56);
DXGS_ASSERT_SIZE(d3dkmt_querystatistics_result, 776);
DXGS_ASSERT_SIZE(d3dkmt_querystatistics, 808);
DXGS_ASSERT_SIZE(d3dkmt_devicereset_state, 4);
DXGS_ASSERT_SIZE(dxgk_fault_error_code, 4);
DXGS_ASSERT_SIZE(d3dkmt_devicepagefault_state, 32);
DXGS_ASSERT_SIZE(d3dkmt_getdevicestate, 56);
DXGS_ASSERT_SIZE(d3dkmt_setallocationpriority, 32);
DXGS_ASSERT_SIZE(d3dkmt_getallocationpriority, 32);
DXGS_ASSERT_SIZE(d3dkmt_queryallocationresidency, 32);
DXGS_ASSERT_SIZE(d3dddi_escapeflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_escape, 32);
DXGS_ASSERT_SIZE(d3dddigpuva_protection_type, 8);
DXGS_ASSERT_SIZE(d3dddi_mapgpuvirtualaddress, 104);
DXGS_ASSERT_SIZE(d3dddi_reservegpuvirtualaddress, 72);
DXGS_ASSERT_SIZE(d3dkmt_freegpuvirtualaddress, 24);
DXGS_ASSERT_SIZE(d3dddi_updategpuvirtualaddress_operation, 64);
DXGS_ASSERT_SIZE(d3dkmt_updategpuvirtualaddress, 56);
DXGS_ASSERT_SIZE(d3dddi_updateallocproperty_flags, 4);
DXGS_ASSERT_SIZE(d3dddi_segmentpreference, 4);
DXGS_ASSERT_SIZE(d3dddi_updateallocproperty, 40);
DXGS_ASSERT_SIZE(d3dkmt_offer_flags, 4);
DXGS_ASSERT_SIZE(d3dkmt_offerallocations, 40);
DXGS_ASSERT_SIZE(d3dkmt_reclaimallocations2, 40);
DXGS_ASSERT_SIZE(d3dkmt_changevideomemoryreservation, 32);
DXGS_ASSERT_SIZE(d3dkmt_setcontextschedulingpriority, 8);
DXGS_ASSERT_SIZE(d3dkmt_setcontextinprocessschedulingpriority, 8);
DXGS_ASSERT_SIZE(d3dkmt_getcontextschedulingpriority, 8);
DXGS_ASSERT_SIZE(d3dkmt_getcontextinprocessschedulingpriority, 8);
DXGS_ASSERT_SIZE(dxgk_gpuclockdata_flags, 4);
DXGS_ASSERT_SIZE(dxgk_gpuclockdata, 28);
DXGS_ASSERT_SIZE(d3dkmt_queryclockcalibration, 40);
DXGS_ASSERT_SIZE(d3dkmt_flushheaptransitions, 4);
DXGS_ASSERT_SIZE(d3dkmt_invalidatecache, 24);
DXGS_ASSERT_SIZE(d3dkmt_markdeviceaserror, 8);
DXGS_ASSERT_SIZE(d3dkmt_createsyncfile, 24);
DXGS_ASSERT_SIZE(d3dkmt_waitsyncfile, 16);
DXGS_ASSERT_SIZE(d3dkmt_opensyncobjectfromsyncfile, 40);
DXGS_ASSERT_SIZE(d3dkmt_enumprocesses, 24);
DXGS_ASSERT_SIZE(dxgk_isfeatureenabled_result, 4);
DXGS_ASSERT_SIZE(d3dkmt_isfeatureenabled, 12);
DXGS_ASSERT_SIZE(d3dddi_rational, 8);
DXGS_ASSERT_SIZE(d3dkmdt_gdisurfacedata, 24);
DXGS_ASSERT_SIZE(d3dkmdt_stagingsurfacedata, 12);
DXGS_ASSERT_SIZE(d3dkmdt_sharedprimarysurfacedata, 24);
DXGS_ASSERT_SIZE(d3dkmdt_shadowsurfacedata, 16);
DXGS_ASSERT_SIZE(d3dkmt_createcontext, 96);
DXGS_ASSERT_SIZE(d3dddi_createhwcontextflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_createhwcontext, 40);
DXGS_ASSERT_SIZE(d3dkmt_destroyhwcontext, 4);
DXGS_ASSERT_SIZE(d3dkmt_getsharedresourceadapterluid, 24);
DXGS_ASSERT_SIZE(d3dkmt_openresource, 72);
DXGS_ASSERT_SIZE(d3dkmt_opensynchronizationobject, 72);
DXGS_ASSERT_SIZE(d3dkmt_queryresourceinfo, 32);
DXGS_ASSERT_SIZE(d3dkmt_renderflags, 4);
DXGS_ASSERT_SIZE(d3dkmt_render, 368);
DXGS_ASSERT_SIZE(old_d3dkmt_createdevice, 64);
DXGS_ASSERT_SIZE(d3dkmt_present_stats, 32);
DXGS_ASSERT_SIZE(d3dkmt_devicepresent_state, 40);
DXGS_ASSERT_SIZE(d3dkmt_present_stats_dwm, 40);
DXGS_ASSERT_SIZE(d3dkmt_devicepresent_state_dwm, 48);
DXGS_ASSERT_SIZE(d3dkmt_devicepresent_queue_state, 8);
DXGS_ASSERT_SIZE(old_d3dkmt_getdevicestate, 56);

/* ---------------------------------------------------------------------------------------------
 * Ioctl requests (nr 0x4a LX_CREATENATIVEFENCE and 0x4b LX_DXOPENNATIVEFENCEFROMNTHANDLE have no
 * macro: their argument structs are not in the public headers, so the value is unknown)
 * ------------------------------------------------------------------------------------------- */

#define LX_DXOPENADAPTERFROMLUID _IOWR(DXG_IOCTL_TYPE, 0x01, struct d3dkmt_openadapterfromluid)
#define LX_DXCREATEDEVICE _IOWR(DXG_IOCTL_TYPE, 0x02, struct d3dkmt_createdevice)
#define LX_DXCREATECONTEXT _IOWR(DXG_IOCTL_TYPE, 0x03, struct d3dkmt_createcontext)
#define LX_DXCREATECONTEXTVIRTUAL _IOWR(DXG_IOCTL_TYPE, 0x04, struct d3dkmt_createcontextvirtual)
#define LX_DXDESTROYCONTEXT _IOWR(DXG_IOCTL_TYPE, 0x05, struct d3dkmt_destroycontext)
#define LX_DXCREATEALLOCATION _IOWR(DXG_IOCTL_TYPE, 0x06, struct d3dkmt_createallocation)
#define LX_DXCREATEPAGINGQUEUE _IOWR(DXG_IOCTL_TYPE, 0x07, struct d3dkmt_createpagingqueue)
#define LX_DXRESERVEGPUVIRTUALADDRESS \
    _IOWR(DXG_IOCTL_TYPE, 0x08, struct d3dddi_reservegpuvirtualaddress)
#define LX_DXQUERYADAPTERINFO _IOWR(DXG_IOCTL_TYPE, 0x09, struct d3dkmt_queryadapterinfo)
#define LX_DXQUERYVIDEOMEMORYINFO _IOWR(DXG_IOCTL_TYPE, 0x0a, struct d3dkmt_queryvideomemoryinfo)
#define LX_DXMAKERESIDENT _IOWR(DXG_IOCTL_TYPE, 0x0b, struct d3dddi_makeresident)
#define LX_DXMAPGPUVIRTUALADDRESS _IOWR(DXG_IOCTL_TYPE, 0x0c, struct d3dddi_mapgpuvirtualaddress)
#define LX_DXESCAPE _IOWR(DXG_IOCTL_TYPE, 0x0d, struct d3dkmt_escape)
#define LX_DXGETDEVICESTATE _IOWR(DXG_IOCTL_TYPE, 0x0e, struct d3dkmt_getdevicestate)
#define LX_DXSUBMITCOMMAND _IOWR(DXG_IOCTL_TYPE, 0x0f, struct d3dkmt_submitcommand)
#define LX_DXCREATESYNCHRONIZATIONOBJECT \
    _IOWR(DXG_IOCTL_TYPE, 0x10, struct d3dkmt_createsynchronizationobject2)
#define LX_DXSIGNALSYNCHRONIZATIONOBJECT \
    _IOWR(DXG_IOCTL_TYPE, 0x11, struct d3dkmt_signalsynchronizationobject2)
#define LX_DXWAITFORSYNCHRONIZATIONOBJECT \
    _IOWR(DXG_IOCTL_TYPE, 0x12, struct d3dkmt_waitforsynchronizationobject2)
#define LX_DXDESTROYALLOCATION2 _IOWR(DXG_IOCTL_TYPE, 0x13, struct d3dkmt_destroyallocation2)
#define LX_DXENUMADAPTERS2 _IOWR(DXG_IOCTL_TYPE, 0x14, struct d3dkmt_enumadapters2)
#define LX_DXCLOSEADAPTER _IOWR(DXG_IOCTL_TYPE, 0x15, struct d3dkmt_closeadapter)
#define LX_DXCHANGEVIDEOMEMORYRESERVATION \
    _IOWR(DXG_IOCTL_TYPE, 0x16, struct d3dkmt_changevideomemoryreservation)
#define LX_DXCREATEHWCONTEXT _IOWR(DXG_IOCTL_TYPE, 0x17, struct d3dkmt_createhwcontext)
#define LX_DXCREATEHWQUEUE _IOWR(DXG_IOCTL_TYPE, 0x18, struct d3dkmt_createhwqueue)
#define LX_DXDESTROYDEVICE _IOWR(DXG_IOCTL_TYPE, 0x19, struct d3dkmt_destroydevice)
#define LX_DXDESTROYHWCONTEXT _IOWR(DXG_IOCTL_TYPE, 0x1a, struct d3dkmt_destroyhwcontext)
#define LX_DXDESTROYHWQUEUE _IOWR(DXG_IOCTL_TYPE, 0x1b, struct d3dkmt_destroyhwqueue)
#define LX_DXDESTROYPAGINGQUEUE _IOWR(DXG_IOCTL_TYPE, 0x1c, struct d3dddi_destroypagingqueue)
#define LX_DXDESTROYSYNCHRONIZATIONOBJECT \
    _IOWR(DXG_IOCTL_TYPE, 0x1d, struct d3dkmt_destroysynchronizationobject)
#define LX_DXEVICT _IOWR(DXG_IOCTL_TYPE, 0x1e, struct d3dkmt_evict)
#define LX_DXFLUSHHEAPTRANSITIONS _IOWR(DXG_IOCTL_TYPE, 0x1f, struct d3dkmt_flushheaptransitions)
#define LX_DXFREEGPUVIRTUALADDRESS _IOWR(DXG_IOCTL_TYPE, 0x20, struct d3dkmt_freegpuvirtualaddress)
#define LX_DXGETCONTEXTINPROCESSSCHEDULINGPRIORITY \
    _IOWR(DXG_IOCTL_TYPE, 0x21, struct d3dkmt_getcontextinprocessschedulingpriority)
#define LX_DXGETCONTEXTSCHEDULINGPRIORITY \
    _IOWR(DXG_IOCTL_TYPE, 0x22, struct d3dkmt_getcontextschedulingpriority)
#define LX_DXGETSHAREDRESOURCEADAPTERLUID \
    _IOWR(DXG_IOCTL_TYPE, 0x23, struct d3dkmt_getsharedresourceadapterluid)
#define LX_DXINVALIDATECACHE _IOWR(DXG_IOCTL_TYPE, 0x24, struct d3dkmt_invalidatecache)
#define LX_DXLOCK2 _IOWR(DXG_IOCTL_TYPE, 0x25, struct d3dkmt_lock2)
#define LX_DXMARKDEVICEASERROR _IOWR(DXG_IOCTL_TYPE, 0x26, struct d3dkmt_markdeviceaserror)
#define LX_DXOFFERALLOCATIONS _IOWR(DXG_IOCTL_TYPE, 0x27, struct d3dkmt_offerallocations)
#define LX_DXOPENRESOURCE _IOWR(DXG_IOCTL_TYPE, 0x28, struct d3dkmt_openresource)
#define LX_DXOPENSYNCHRONIZATIONOBJECT \
    _IOWR(DXG_IOCTL_TYPE, 0x29, struct d3dkmt_opensynchronizationobject)
#define LX_DXQUERYALLOCATIONRESIDENCY \
    _IOWR(DXG_IOCTL_TYPE, 0x2a, struct d3dkmt_queryallocationresidency)
#define LX_DXQUERYRESOURCEINFO _IOWR(DXG_IOCTL_TYPE, 0x2b, struct d3dkmt_queryresourceinfo)
#define LX_DXRECLAIMALLOCATIONS2 _IOWR(DXG_IOCTL_TYPE, 0x2c, struct d3dkmt_reclaimallocations2)
#define LX_DXRENDER _IOWR(DXG_IOCTL_TYPE, 0x2d, struct d3dkmt_render)
#define LX_DXSETALLOCATIONPRIORITY _IOWR(DXG_IOCTL_TYPE, 0x2e, struct d3dkmt_setallocationpriority)
#define LX_DXSETCONTEXTINPROCESSSCHEDULINGPRIORITY \
    _IOWR(DXG_IOCTL_TYPE, 0x2f, struct d3dkmt_setcontextinprocessschedulingpriority)
#define LX_DXSETCONTEXTSCHEDULINGPRIORITY \
    _IOWR(DXG_IOCTL_TYPE, 0x30, struct d3dkmt_setcontextschedulingpriority)
#define LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU \
    _IOWR(DXG_IOCTL_TYPE, 0x31, struct d3dkmt_signalsynchronizationobjectfromcpu)
#define LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU \
    _IOWR(DXG_IOCTL_TYPE, 0x32, struct d3dkmt_signalsynchronizationobjectfromgpu)
#define LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU2 \
    _IOWR(DXG_IOCTL_TYPE, 0x33, struct d3dkmt_signalsynchronizationobjectfromgpu2)
#define LX_DXSUBMITCOMMANDTOHWQUEUE \
    _IOWR(DXG_IOCTL_TYPE, 0x34, struct d3dkmt_submitcommandtohwqueue)
#define LX_DXSUBMITSIGNALSYNCOBJECTSTOHWQUEUE \
    _IOWR(DXG_IOCTL_TYPE, 0x35, struct d3dkmt_submitsignalsyncobjectstohwqueue)
#define LX_DXSUBMITWAITFORSYNCOBJECTSTOHWQUEUE \
    _IOWR(DXG_IOCTL_TYPE, 0x36, struct d3dkmt_submitwaitforsyncobjectstohwqueue)
#define LX_DXUNLOCK2 _IOWR(DXG_IOCTL_TYPE, 0x37, struct d3dkmt_unlock2)
#define LX_DXUPDATEALLOCPROPERTY _IOWR(DXG_IOCTL_TYPE, 0x38, struct d3dddi_updateallocproperty)
#define LX_DXUPDATEGPUVIRTUALADDRESS \
    _IOWR(DXG_IOCTL_TYPE, 0x39, struct d3dkmt_updategpuvirtualaddress)
#define LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU \
    _IOWR(DXG_IOCTL_TYPE, 0x3a, struct d3dkmt_waitforsynchronizationobjectfromcpu)
#define LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMGPU \
    _IOWR(DXG_IOCTL_TYPE, 0x3b, struct d3dkmt_waitforsynchronizationobjectfromgpu)
#define LX_DXGETALLOCATIONPRIORITY _IOWR(DXG_IOCTL_TYPE, 0x3c, struct d3dkmt_getallocationpriority)
#define LX_DXQUERYCLOCKCALIBRATION _IOWR(DXG_IOCTL_TYPE, 0x3d, struct d3dkmt_queryclockcalibration)
#define LX_DXENUMADAPTERS3 _IOWR(DXG_IOCTL_TYPE, 0x3e, struct d3dkmt_enumadapters3)
#define LX_DXSHAREOBJECTS _IOWR(DXG_IOCTL_TYPE, 0x3f, struct d3dkmt_shareobjects)
#define LX_DXOPENSYNCOBJECTFROMNTHANDLE2 \
    _IOWR(DXG_IOCTL_TYPE, 0x40, struct d3dkmt_opensyncobjectfromnthandle2)
#define LX_DXQUERYRESOURCEINFOFROMNTHANDLE \
    _IOWR(DXG_IOCTL_TYPE, 0x41, struct d3dkmt_queryresourceinfofromnthandle)
#define LX_DXOPENRESOURCEFROMNTHANDLE \
    _IOWR(DXG_IOCTL_TYPE, 0x42, struct d3dkmt_openresourcefromnthandle)
#define LX_DXQUERYSTATISTICS _IOWR(DXG_IOCTL_TYPE, 0x43, struct d3dkmt_querystatistics)
#define LX_DXSHAREOBJECTWITHHOST _IOWR(DXG_IOCTL_TYPE, 0x44, struct d3dkmt_shareobjectwithhost)
#define LX_DXCREATESYNCFILE _IOWR(DXG_IOCTL_TYPE, 0x45, struct d3dkmt_createsyncfile)
#define LX_DXWAITSYNCFILE _IOWR(DXG_IOCTL_TYPE, 0x46, struct d3dkmt_waitsyncfile)
#define LX_DXOPENSYNCOBJECTFROMSYNCFILE \
    _IOWR(DXG_IOCTL_TYPE, 0x47, struct d3dkmt_opensyncobjectfromsyncfile)
#define LX_DXENUMPROCESSES _IOWR(DXG_IOCTL_TYPE, 0x48, struct d3dkmt_enumprocesses)
#define LX_ISFEATUREENABLED _IOWR(DXG_IOCTL_TYPE, 0x49, struct d3dkmt_isfeatureenabled)

#endif
