/*
 * Buffer descriptors: which pointer fields of an ioctl's argument struct refer to memory the
 * driver reads or writes, how many elements they hold and what an element is, so that an
 * LD_PRELOAD probe can copy them around the call and a decoder can interpret them.
 *
 * What the driver touches was read from ioctl.c / dxgvmbus.c (microsoft/WSL2-Linux-Kernel
 * @00e17b1d); limits are the checks it makes (dxg-abi.md §2.3). Not buffers: GPU virtual
 * addresses (command buffers), CPU mappings the driver returns (fence pages, Lock2 data),
 * existing-sysmem backing memory, eventfd/fd numbers, and pointers the Linux driver ignores
 * (CreateDevice's legacy lists, ShareObjects.object_attr, keyed_mutex_private_data).
 */
#include "dxgscope/abi.h"

#include <stddef.h>
#include <stdio.h>

#include "dxgscope/d3dkmthk.h"
#include "dxgscope/dxgvmbus.h"

/* Element types, by the name the table prints. */
#define DXGS_ELEM_u8 uint8_t
#define DXGS_ELEM_u32 uint32_t
#define DXGS_ELEM_u64 uint64_t
#define DXGS_ELEM_d3dkmthandle struct d3dkmthandle
#define DXGS_ELEM_d3dkmt_adapterinfo struct d3dkmt_adapterinfo
#define DXGS_ELEM_d3dddi_allocationinfo2 struct d3dddi_allocationinfo2
#define DXGS_ELEM_d3dkmt_createstandardallocation struct d3dkmt_createstandardallocation
#define DXGS_ELEM_d3dddi_openallocationinfo2 struct d3dddi_openallocationinfo2
#define DXGS_ELEM_d3dddi_updategpuvirtualaddress_operation \
    struct d3dddi_updategpuvirtualaddress_operation

#define IN DXGS_BUF_IN
#define OUT DXGS_BUF_OUT
#define INOUT (DXGS_BUF_IN | DXGS_BUF_OUT)
#define DATA DXGS_BUF_DATA
#define PRIVATE DXGS_BUF_PRIVATE
#define IF_READABLE DXGS_BUF_IF_READABLE

/* Sizes the driver rejects with ">= 128 KiB" (CreateAllocation) rather than "> 128 KiB". */
#define BELOW_PACKET (DXG_MAX_VM_BUS_PACKET_SIZE - 1)
#define PACKET DXG_MAX_VM_BUS_PACKET_SIZE

/*
 * Rows grouped by ioctl nr (ascending), parents before children:
 *   N(nr, parent, parent struct, pointer field, elem, count field, dir, kind, max_elems)
 *   C(nr, parent, parent struct, pointer field, elem, constant count, dir, kind, max_elems)
 * The parent struct is the ioctl's argument struct for parent -1, else the element struct of
 * buffer number `parent` of the same ioctl. Where a count can also be "1 for a resource" (the
 * resource XOR allocation-list ioctls), a second row for the same pointer gives that reading.
 */
#define DXGS_BUFFER_ROWS(N, C) \
    N(0x04, -1, d3dkmt_createcontextvirtual, priv_drv_data, u8, priv_drv_data_size, INOUT, \
      PRIVATE, PACKET) \
    N(0x06, -1, d3dkmt_createallocation, private_runtime_data, u8, private_runtime_data_size, IN, \
      PRIVATE, BELOW_PACKET) \
    N(0x06, -1, d3dkmt_createallocation, priv_drv_data, u8, priv_drv_data_size, IN, PRIVATE, \
      BELOW_PACKET) \
    C(0x06, -1, d3dkmt_createallocation, standard_allocation, d3dkmt_createstandardallocation, 1, \
      IN, IF_READABLE, 0) \
    N(0x06, -1, d3dkmt_createallocation, allocation_info, d3dddi_allocationinfo2, alloc_count, \
      INOUT, DATA, D3DKMT_CREATEALLOCATION_MAX) \
    N(0x06, 3, d3dddi_allocationinfo2, priv_drv_data, u8, priv_drv_data_size, INOUT, PRIVATE, \
      BELOW_PACKET) \
    N(0x09, -1, d3dkmt_queryadapterinfo, private_data, u8, private_data_size, INOUT, DATA, PACKET) \
    N(0x0b, -1, d3dddi_makeresident, allocation_list, d3dkmthandle, alloc_count, IN, DATA, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x0b, -1, d3dddi_makeresident, priority_list, u32, alloc_count, IN, IF_READABLE, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x0d, -1, d3dkmt_escape, priv_drv_data, u8, priv_drv_data_size, INOUT, PRIVATE, PACKET) \
    N(0x0f, -1, d3dkmt_submitcommand, priv_drv_data, u8, priv_drv_data_size, IN, PRIVATE, PACKET) \
    N(0x0f, -1, d3dkmt_submitcommand, history_buffer_array, d3dkmthandle, num_history_buffers, IN, \
      DATA, 1024) \
    N(0x13, -1, d3dkmt_destroyallocation2, allocations, d3dkmthandle, alloc_count, IN, DATA, \
      D3DKMT_CREATEALLOCATION_MAX) \
    N(0x14, -1, d3dkmt_enumadapters2, adapters, d3dkmt_adapterinfo, num_adapters, OUT, DATA, \
      D3DKMT_ADAPTERS_MAX) \
    N(0x18, -1, d3dkmt_createhwqueue, priv_drv_data, u8, priv_drv_data_size, INOUT, PRIVATE, \
      PACKET) \
    N(0x1e, -1, d3dkmt_evict, allocations, d3dkmthandle, alloc_count, IN, DATA, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x27, -1, d3dkmt_offerallocations, resources, d3dkmthandle, allocation_count, IN, DATA, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x27, -1, d3dkmt_offerallocations, allocations, d3dkmthandle, allocation_count, IN, DATA, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x2a, -1, d3dkmt_queryallocationresidency, allocations, d3dkmthandle, allocation_count, IN, \
      DATA, PACKET) \
    N(0x2a, -1, d3dkmt_queryallocationresidency, residency_status, u32, allocation_count, OUT, \
      DATA, PACKET) \
    C(0x2a, -1, d3dkmt_queryallocationresidency, residency_status, u32, 1, OUT, IF_READABLE, 0) \
    N(0x2c, -1, d3dkmt_reclaimallocations2, resources, d3dkmthandle, allocation_count, IN, DATA, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x2c, -1, d3dkmt_reclaimallocations2, allocations, d3dkmthandle, allocation_count, IN, DATA, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x2c, -1, d3dkmt_reclaimallocations2, results, u32, allocation_count, OUT, DATA, \
      D3DKMT_MAKERESIDENT_ALLOC_MAX) \
    N(0x2e, -1, d3dkmt_setallocationpriority, allocation_list, d3dkmthandle, allocation_count, IN, \
      DATA, PACKET) \
    N(0x2e, -1, d3dkmt_setallocationpriority, priorities, u32, allocation_count, IN, DATA, PACKET) \
    C(0x2e, -1, d3dkmt_setallocationpriority, priorities, u32, 1, IN, IF_READABLE, 0) \
    N(0x31, -1, d3dkmt_signalsynchronizationobjectfromcpu, objects, d3dkmthandle, object_count, \
      IN, DATA, D3DDDI_MAX_OBJECT_SIGNALED) \
    N(0x31, -1, d3dkmt_signalsynchronizationobjectfromcpu, fence_values, u64, object_count, IN, \
      DATA, D3DDDI_MAX_OBJECT_SIGNALED) \
    N(0x32, -1, d3dkmt_signalsynchronizationobjectfromgpu, objects, d3dkmthandle, object_count, \
      IN, DATA, PACKET) \
    N(0x32, -1, d3dkmt_signalsynchronizationobjectfromgpu, monitored_fence_values, u64, \
      object_count, IN, DATA, PACKET) \
    N(0x33, -1, d3dkmt_signalsynchronizationobjectfromgpu2, objects, d3dkmthandle, object_count, \
      IN, DATA, PACKET) \
    N(0x33, -1, d3dkmt_signalsynchronizationobjectfromgpu2, contexts, d3dkmthandle, \
      context_count, IN, DATA, PACKET) \
    N(0x33, -1, d3dkmt_signalsynchronizationobjectfromgpu2, monitored_fence_values, u64, \
      object_count, IN, IF_READABLE, PACKET) \
    N(0x34, -1, d3dkmt_submitcommandtohwqueue, priv_drv_data, u8, priv_drv_data_size, IN, \
      PRIVATE, PACKET) \
    N(0x34, -1, d3dkmt_submitcommandtohwqueue, written_primaries, d3dkmthandle, num_primaries, \
      IN, DATA, PACKET) \
    N(0x35, -1, d3dkmt_submitsignalsyncobjectstohwqueue, hwqueues, d3dkmthandle, hwqueue_count, \
      IN, DATA, D3DDDI_MAX_BROADCAST_CONTEXT) \
    N(0x35, -1, d3dkmt_submitsignalsyncobjectstohwqueue, objects, d3dkmthandle, object_count, IN, \
      DATA, D3DDDI_MAX_OBJECT_SIGNALED) \
    N(0x35, -1, d3dkmt_submitsignalsyncobjectstohwqueue, fence_values, u64, object_count, IN, \
      DATA, D3DDDI_MAX_OBJECT_SIGNALED) \
    N(0x36, -1, d3dkmt_submitwaitforsyncobjectstohwqueue, objects, d3dkmthandle, object_count, IN, \
      DATA, D3DDDI_MAX_OBJECT_WAITED_ON) \
    N(0x36, -1, d3dkmt_submitwaitforsyncobjectstohwqueue, fence_values, u64, object_count, IN, \
      DATA, D3DDDI_MAX_OBJECT_WAITED_ON) \
    N(0x39, -1, d3dkmt_updategpuvirtualaddress, operations, \
      d3dddi_updategpuvirtualaddress_operation, num_operations, IN, DATA, \
      PACKET / sizeof(struct d3dddi_updategpuvirtualaddress_operation)) \
    N(0x3a, -1, d3dkmt_waitforsynchronizationobjectfromcpu, objects, d3dkmthandle, object_count, \
      IN, DATA, PACKET) \
    N(0x3a, -1, d3dkmt_waitforsynchronizationobjectfromcpu, fence_values, u64, object_count, IN, \
      DATA, PACKET) \
    N(0x3b, -1, d3dkmt_waitforsynchronizationobjectfromgpu, objects, d3dkmthandle, object_count, \
      IN, DATA, PACKET) \
    N(0x3b, -1, d3dkmt_waitforsynchronizationobjectfromgpu, monitored_fence_values, u64, \
      object_count, IN, IF_READABLE, PACKET) \
    N(0x3c, -1, d3dkmt_getallocationpriority, allocation_list, d3dkmthandle, allocation_count, IN, \
      DATA, PACKET) \
    N(0x3c, -1, d3dkmt_getallocationpriority, priorities, u32, allocation_count, OUT, DATA, PACKET) \
    C(0x3c, -1, d3dkmt_getallocationpriority, priorities, u32, 1, OUT, IF_READABLE, 0) \
    N(0x3e, -1, d3dkmt_enumadapters3, adapters, d3dkmt_adapterinfo, adapter_count, OUT, DATA, \
      0xFFFF) \
    N(0x3f, -1, d3dkmt_shareobjects, objects, d3dkmthandle, object_count, IN, DATA, 1) \
    C(0x3f, -1, d3dkmt_shareobjects, shared_handle, u64, 1, OUT, DATA, 0) \
    N(0x41, -1, d3dkmt_queryresourceinfofromnthandle, private_runtime_data, u8, \
      private_runtime_data_size, OUT, PRIVATE, 0) \
    N(0x42, -1, d3dkmt_openresourcefromnthandle, open_alloc_info, d3dddi_openallocationinfo2, \
      allocation_count, OUT, DATA, 0) \
    N(0x42, 0, d3dddi_openallocationinfo2, priv_drv_data, u8, priv_drv_data_size, OUT, PRIVATE, 0) \
    N(0x42, -1, d3dkmt_openresourcefromnthandle, private_runtime_data, u8, \
      private_runtime_data_size, OUT, PRIVATE, 0) \
    N(0x42, -1, d3dkmt_openresourcefromnthandle, resource_priv_drv_data, u8, \
      resource_priv_drv_data_size, OUT, PRIVATE, 0) \
    N(0x42, -1, d3dkmt_openresourcefromnthandle, total_priv_drv_data, u8, \
      total_priv_drv_data_size, OUT, PRIVATE, 0) \
    N(0x48, -1, d3dkmt_enumprocesses, buffer, u32, buffer_count, OUT, DATA, 0)

#define MEMBER_SIZE(strct, member) ((uint32_t)sizeof(((struct strct *)0)->member))

#define AS_COUNTED(nr, parent, strct, field, elem, count, dir, kind, max) \
    {nr, parent, #field, #elem, (uint32_t)offsetof(struct strct, field), \
     (int32_t)offsetof(struct strct, count), MEMBER_SIZE(strct, count), 0, \
     (uint32_t)sizeof(DXGS_ELEM_##elem), dir, kind, (uint32_t)(max)},
#define AS_CONSTANT(nr, parent, strct, field, elem, count, dir, kind, max) \
    {nr, parent, #field, #elem, (uint32_t)offsetof(struct strct, field), -1, 0, count, \
     (uint32_t)sizeof(DXGS_ELEM_##elem), dir, kind, (uint32_t)(max)},

static const dxgs_buffer buffers[] = {DXGS_BUFFER_ROWS(AS_COUNTED, AS_CONSTANT)};

#define AS_COUNT_NAME(nr, parent, strct, field, elem, count, dir, kind, max) #count,
#define AS_NO_COUNT_NAME(nr, parent, strct, field, elem, count, dir, kind, max) NULL,

/* The count field's name per row (NULL for constant counts), printed in the buffer TSV. */
static const char *const count_names[] = {DXGS_BUFFER_ROWS(AS_COUNT_NAME, AS_NO_COUNT_NAME)};

_Static_assert(sizeof buffers / sizeof buffers[0] == sizeof count_names / sizeof count_names[0],
               "one count name per buffer row");

#define BUFFER_COUNT (sizeof buffers / sizeof buffers[0])

const dxgs_buffer *dxgs_abi_buffers(uint32_t ioctl_nr, size_t *count)
{
    /* rows of one ioctl are contiguous */
    for (size_t i = 0; i < BUFFER_COUNT; i++) {
        if (buffers[i].ioctl_nr == ioctl_nr) {
            size_t n = 1;
            while (i + n < BUFFER_COUNT && buffers[i + n].ioctl_nr == ioctl_nr) {
                n++;
            }
            *count = n;
            return &buffers[i];
        }
    }
    *count = 0;
    return NULL;
}

static const char *dir_name(uint32_t dir)
{
    switch (dir) {
    case DXGS_BUF_IN: return "in";
    case DXGS_BUF_OUT: return "out";
    case DXGS_BUF_IN | DXGS_BUF_OUT: return "inout";
    default: return "?";
    }
}

static const char *kind_name(uint32_t kind)
{
    switch (kind) {
    case DXGS_BUF_DATA: return "data";
    case DXGS_BUF_PRIVATE: return "private";
    case DXGS_BUF_IF_READABLE: return "if_readable";
    default: return "?";
    }
}

void dxgs_abi_print_buffers_tsv(FILE *out)
{
    for (size_t i = 0; i < BUFFER_COUNT; i++) {
        const dxgs_buffer *b = &buffers[i];
        const dxgs_ioctl *io = dxgs_abi_ioctl_by_nr(b->ioctl_nr);
        fprintf(out, "%s\t%d\t%s\t%s\t%u\t", io ? io->name : "?", b->parent, b->name,
                b->elem_struct, b->ptr_offset);
        if (count_names[i]) {
            fprintf(out, "%s", count_names[i]);
        } else {
            fprintf(out, "%u", b->count_const);
        }
        fprintf(out, "\t%u\t%u\t%s\t%s\t%u\n", b->count_size, b->elem_size, dir_name(b->dir),
                kind_name(b->kind), b->max_elems);
    }
}
