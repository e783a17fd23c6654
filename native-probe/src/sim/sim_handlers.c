/* The ioctl table: one handler per kernel slot (dxg-abi.md §2.2); empty slots are the legacy
 * numbers with no kernel handler, which the dispatcher answers with ENOTTY. Handler names are the
 * driver's, for the dmesg lines. */
#include "sim.h"

#define H(nr, fn, name) [nr] = {fn, name}

int sim_open_adapter_from_luid(struct sim_call *c);
int sim_create_device(struct sim_call *c);
int sim_create_context(struct sim_call *c);
int sim_destroy_context(struct sim_call *c);
int sim_create_allocation(struct sim_call *c);
int sim_create_paging_queue(struct sim_call *c);
int sim_reserve_gpu_va(struct sim_call *c);
int sim_query_adapter_info(struct sim_call *c);
int sim_query_video_memory_info(struct sim_call *c);
int sim_make_resident_ioctl(struct sim_call *c);
int sim_map_gpu_va(struct sim_call *c);
int sim_escape(struct sim_call *c);
int sim_get_device_state(struct sim_call *c);
int sim_submit_command(struct sim_call *c);
int sim_create_sync(struct sim_call *c);
int sim_signal_legacy(struct sim_call *c);
int sim_wait_legacy(struct sim_call *c);
int sim_destroy_allocation(struct sim_call *c);
int sim_enum_adapters2(struct sim_call *c);
int sim_close_adapter(struct sim_call *c);
int sim_change_video_memory_reservation(struct sim_call *c);
int sim_create_hwqueue(struct sim_call *c);
int sim_destroy_device_ioctl(struct sim_call *c);
int sim_destroy_hwqueue(struct sim_call *c);
int sim_destroy_paging_queue(struct sim_call *c);
int sim_destroy_sync(struct sim_call *c);
int sim_evict_ioctl(struct sim_call *c);
int sim_flush_heap_transitions(struct sim_call *c);
int sim_free_gpu_va(struct sim_call *c);
int sim_get_context_inprocess_priority(struct sim_call *c);
int sim_get_context_priority(struct sim_call *c);
int sim_invalidate_cache(struct sim_call *c);
int sim_lock2(struct sim_call *c);
int sim_mark_device_as_error(struct sim_call *c);
int sim_offer_allocations(struct sim_call *c);
int sim_query_allocation_residency(struct sim_call *c);
int sim_reclaim_allocations(struct sim_call *c);
int sim_set_allocation_priority(struct sim_call *c);
int sim_set_context_inprocess_priority(struct sim_call *c);
int sim_set_context_priority(struct sim_call *c);
int sim_signal_from_cpu(struct sim_call *c);
int sim_signal_from_gpu(struct sim_call *c);
int sim_signal_from_gpu2(struct sim_call *c);
int sim_submit_to_hwqueue(struct sim_call *c);
int sim_submit_signal_to_hwqueue(struct sim_call *c);
int sim_submit_wait_to_hwqueue(struct sim_call *c);
int sim_unlock2(struct sim_call *c);
int sim_update_alloc_property(struct sim_call *c);
int sim_update_gpu_va(struct sim_call *c);
int sim_wait_from_cpu(struct sim_call *c);
int sim_wait_from_gpu(struct sim_call *c);
int sim_get_allocation_priority(struct sim_call *c);
int sim_query_clock_calibration(struct sim_call *c);
int sim_enum_adapters3(struct sim_call *c);
int sim_share_objects(struct sim_call *c);
int sim_open_sync_nt(struct sim_call *c);
int sim_query_resource_info_nt(struct sim_call *c);
int sim_open_resource_nt(struct sim_call *c);
int sim_query_statistics(struct sim_call *c);
int sim_share_object_with_host(struct sim_call *c);
int sim_create_sync_file(struct sim_call *c);
int sim_wait_sync_file(struct sim_call *c);
int sim_open_sync_from_syncfile(struct sim_call *c);
int sim_enum_processes(struct sim_call *c);
int sim_is_feature_enabled(struct sim_call *c);
int sim_native_fence(struct sim_call *c);

static const struct sim_handler_entry table[0x4c] = {
    H(0x01, sim_open_adapter_from_luid, "dxgkio_open_adapter_from_luid"),
    H(0x02, sim_create_device, "dxgkio_create_device"),
    H(0x04, sim_create_context, "dxgkio_create_context_virtual"),
    H(0x05, sim_destroy_context, "dxgkio_destroy_context"),
    H(0x06, sim_create_allocation, "dxgkio_create_allocation"),
    H(0x07, sim_create_paging_queue, "dxgkio_create_paging_queue"),
    H(0x08, sim_reserve_gpu_va, "dxgkio_reserve_gpu_va"),
    H(0x09, sim_query_adapter_info, "dxgkio_query_adapter_info"),
    H(0x0a, sim_query_video_memory_info, "dxgkio_query_vidmem_info"),
    H(0x0b, sim_make_resident_ioctl, "dxgkio_make_resident"),
    H(0x0c, sim_map_gpu_va, "dxgkio_map_gpu_va"),
    H(0x0d, sim_escape, "dxgkio_escape"),
    H(0x0e, sim_get_device_state, "dxgkio_get_device_state"),
    H(0x0f, sim_submit_command, "dxgkio_submit_command"),
    H(0x10, sim_create_sync, "dxgkio_create_sync_object"),
    H(0x11, sim_signal_legacy, "dxgkio_signal_sync_object"),
    H(0x12, sim_wait_legacy, "dxgkio_wait_sync_object"),
    H(0x13, sim_destroy_allocation, "dxgkio_destroy_allocation"),
    H(0x14, sim_enum_adapters2, "dxgkio_enum_adapters"),
    H(0x15, sim_close_adapter, "dxgkio_close_adapter"),
    H(0x16, sim_change_video_memory_reservation, "dxgkio_change_vidmem_reservation"),
    H(0x18, sim_create_hwqueue, "dxgkio_create_hwqueue"),
    H(0x19, sim_destroy_device_ioctl, "dxgkio_destroy_device"),
    H(0x1b, sim_destroy_hwqueue, "dxgkio_destroy_hwqueue"),
    H(0x1c, sim_destroy_paging_queue, "dxgkio_destroy_paging_queue"),
    H(0x1d, sim_destroy_sync, "dxgkio_destroy_sync_object"),
    H(0x1e, sim_evict_ioctl, "dxgkio_evict"),
    H(0x1f, sim_flush_heap_transitions, "dxgkio_flush_heap_transitions"),
    H(0x20, sim_free_gpu_va, "dxgkio_free_gpu_va"),
    H(0x21, sim_get_context_inprocess_priority, "dxgkio_get_context_process_scheduling_priority"),
    H(0x22, sim_get_context_priority, "dxgkio_get_context_scheduling_priority"),
    H(0x24, sim_invalidate_cache, "dxgkio_invalidate_cache"),
    H(0x25, sim_lock2, "dxgkio_lock2"),
    H(0x26, sim_mark_device_as_error, "dxgkio_mark_device_as_error"),
    H(0x27, sim_offer_allocations, "dxgkio_offer_allocations"),
    H(0x2a, sim_query_allocation_residency, "dxgkio_query_alloc_residency"),
    H(0x2c, sim_reclaim_allocations, "dxgkio_reclaim_allocations"),
    H(0x2e, sim_set_allocation_priority, "dxgkio_set_allocation_priority"),
    H(0x2f, sim_set_context_inprocess_priority, "dxgkio_set_context_process_scheduling_priority"),
    H(0x30, sim_set_context_priority, "dxgkio_set_context_scheduling_priority"),
    H(0x31, sim_signal_from_cpu, "dxgkio_signal_sync_object_cpu"),
    H(0x32, sim_signal_from_gpu, "dxgkio_signal_sync_object_gpu"),
    H(0x33, sim_signal_from_gpu2, "dxgkio_signal_sync_object_gpu2"),
    H(0x34, sim_submit_to_hwqueue, "dxgkio_submit_command_hwqueue"),
    H(0x35, sim_submit_signal_to_hwqueue, "dxgkio_submit_signal_to_hwqueue"),
    H(0x36, sim_submit_wait_to_hwqueue, "dxgkio_submit_wait_to_hwqueue"),
    H(0x37, sim_unlock2, "dxgkio_unlock2"),
    H(0x38, sim_update_alloc_property, "dxgkio_update_alloc_property"),
    H(0x39, sim_update_gpu_va, "dxgkio_update_gpu_va"),
    H(0x3a, sim_wait_from_cpu, "dxgkio_wait_sync_object_cpu"),
    H(0x3b, sim_wait_from_gpu, "dxgkio_wait_sync_object_gpu"),
    H(0x3c, sim_get_allocation_priority, "dxgkio_get_allocation_priority"),
    H(0x3d, sim_query_clock_calibration, "dxgkio_query_clock_calibration"),
    H(0x3e, sim_enum_adapters3, "dxgkio_enum_adapters3"),
    H(0x3f, sim_share_objects, "dxgkio_share_objects"),
    H(0x40, sim_open_sync_nt, "dxgkio_open_sync_object_nt"),
    H(0x41, sim_query_resource_info_nt, "dxgkio_query_resource_info_nt"),
    H(0x42, sim_open_resource_nt, "dxgkio_open_resource_nt"),
    H(0x43, sim_query_statistics, "dxgkio_query_statistics"),
    H(0x44, sim_share_object_with_host, "dxgkio_share_object_with_host"),
    H(0x45, sim_create_sync_file, "dxgkio_create_sync_file"),
    H(0x46, sim_wait_sync_file, "dxgkio_wait_sync_file"),
    H(0x47, sim_open_sync_from_syncfile, "dxgkio_open_syncobj_from_syncfile"),
    H(0x48, sim_enum_processes, "dxgkio_enum_processes"),
    H(0x49, sim_is_feature_enabled, "dxgkio_is_feature_enabled"),
    H(0x4a, sim_native_fence, "dxgkio_create_native_fence"),
    H(0x4b, sim_native_fence, "dxgkio_open_native_fence_object_nt"),
};

const struct sim_handler_entry *sim_handler_for(uint32_t nr)
{
    return nr < sizeof table / sizeof table[0] ? &table[nr] : NULL;
}
