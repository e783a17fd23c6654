#include "probe_observe.h"

#include <stddef.h>
#include <string.h>

#include "dxgscope/d3dkmthk.h"
#include "probe.h"

#define AS(type, arg, len) ((len) >= sizeof(type) ? (const type *)(const void *)(arg) : NULL)

static void track_fd_out(uint64_t where)
{
    uint64_t fd;
    if (where && guard_copy(&fd, (const void *)(uintptr_t)where, sizeof fd) == 0 && fd < (1u << 30)) {
        fd_set_kind((int)fd, FD_KIND_OBJECT);
    }
}

/* Whether the call destroys fences (and which): sync objects, queues' progress or paging fences, devices. */
static int destroys_fences(uint32_t nr, const uint8_t *arg, uint32_t len, enum fence_key *key, uint32_t *value)
{
    switch (nr) {
    case 0x1d: { /* DestroySynchronizationObject */
        const struct d3dkmt_destroysynchronizationobject *a = AS(struct d3dkmt_destroysynchronizationobject, arg, len);
        *key = FENCE_BY_HANDLE, *value = a ? a->sync_object.v : 0;
        return a != NULL;
    }
    case 0x1c: { /* DestroyPagingQueue: its paging fence */
        const struct d3dddi_destroypagingqueue *a = AS(struct d3dddi_destroypagingqueue, arg, len);
        *key = FENCE_BY_OWNER, *value = a ? a->paging_queue.v : 0;
        return a != NULL;
    }
    case 0x1b: { /* DestroyHwQueue: its progress fence */
        const struct d3dkmt_destroyhwqueue *a = AS(struct d3dkmt_destroyhwqueue, arg, len);
        *key = FENCE_BY_OWNER, *value = a ? a->queue.v : 0;
        return a != NULL;
    }
    case 0x19: { /* DestroyDevice: every fence of the device goes with it */
        const struct d3dkmt_destroydevice *a = AS(struct d3dkmt_destroydevice, arg, len);
        *key = FENCE_BY_DEVICE, *value = a ? a->device.v : 0;
        return a != NULL;
    }
    default:
        return 0;
    }
}

void probe_observe_enter(uint32_t nr, const uint8_t *arg, uint32_t len)
{
    enum fence_key key;
    uint32_t value;
    if (destroys_fences(nr, arg, len, &key, &value)) {
        fences_hold(key, value, 1);
    }
}

void probe_observe_failed(uint32_t nr, const uint8_t *arg, uint32_t len)
{
    enum fence_key key;
    uint32_t value;
    if (destroys_fences(nr, arg, len, &key, &value)) {
        fences_hold(key, value, 0);
    }
}

void probe_observe(uint32_t nr, const uint8_t *arg, uint32_t len)
{
    enum fence_key key;
    uint32_t value;
    if (destroys_fences(nr, arg, len, &key, &value)) {
        fences_remove(key, value);
        return;
    }
    switch (nr) {
    case 0x10: { /* CreateSynchronizationObject: monitored fences have a CPU-visible value page */
        const struct d3dkmt_createsynchronizationobject2 *a = AS(struct d3dkmt_createsynchronizationobject2, arg, len);
        if (a && a->info.type == D3DDDI_MONITORED_FENCE) {
            fences_add(a->sync_object.v, DXGCAP_FENCE_MONITORED, a->info.monitored_fence.fence_cpu_virtual_address,
                       a->device.v, 0);
        } else if (a && a->info.type == D3DDDI_PERIODIC_MONITORED_FENCE) {
            fences_add(a->sync_object.v, DXGCAP_FENCE_MONITORED,
                       a->info.periodic_monitored_fence.fence_cpu_virtual_address, a->device.v, 0);
        }
        break;
    }
    case 0x07: { /* CreatePagingQueue: the paging fence */
        const struct d3dkmt_createpagingqueue *a = AS(struct d3dkmt_createpagingqueue, arg, len);
        if (a) {
            fences_add(a->sync_object.v, DXGCAP_FENCE_PAGING, a->fence_cpu_virtual_address, a->device.v,
                       a->paging_queue.v);
        }
        break;
    }
    case 0x18: { /* CreateHwQueue: the progress fence (the device is not in the struct) */
        const struct d3dkmt_createhwqueue *a = AS(struct d3dkmt_createhwqueue, arg, len);
        if (a) {
            fences_add(a->queue_progress_fence.v, DXGCAP_FENCE_HWQUEUE, a->queue_progress_fence_cpu_va, 0, a->queue.v);
        }
        break;
    }
    case 0x40: { /* OpenSyncObjectFromNtHandle2 */
        const struct d3dkmt_opensyncobjectfromnthandle2 *a = AS(struct d3dkmt_opensyncobjectfromnthandle2, arg, len);
        if (a && a->monitored_fence.fence_value_cpu_va) {
            fences_add(a->sync_object.v, DXGCAP_FENCE_MONITORED, a->monitored_fence.fence_value_cpu_va, a->device.v,
                       0);
        }
        break;
    }
    case 0x47: { /* OpenSyncObjectFromSyncFile */
        const struct d3dkmt_opensyncobjectfromsyncfile *a = AS(struct d3dkmt_opensyncobjectfromsyncfile, arg, len);
        if (a && a->fence_value_cpu_va) {
            fences_add(a->syncobj.v, DXGCAP_FENCE_MONITORED, a->fence_value_cpu_va, a->device.v, 0);
        }
        break;
    }
    case 0x3f: { /* ShareObjects: *shared_handle receives a new NT-handle fd */
        const struct d3dkmt_shareobjects *a = AS(struct d3dkmt_shareobjects, arg, len);
        if (a) {
            track_fd_out(a->shared_handle);
        }
        break;
    }
    case 0x45: { /* CreateSyncFile: a sync_file fd */
        const struct d3dkmt_createsyncfile *a = AS(struct d3dkmt_createsyncfile, arg, len);
        if (a && a->sync_file_handle < (1u << 30)) {
            fd_set_kind((int)a->sync_file_handle, FD_KIND_OBJECT);
        }
        break;
    }
    default:
        break;
    }
}
