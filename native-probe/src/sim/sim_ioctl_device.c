/* Devices, contexts, hardware queues, paging queues and scheduling priorities. */
#include "sim_ioctl.h"

int sim_create_device(struct sim_call *c)
{
    struct d3dkmt_createdevice *a = ARG(struct d3dkmt_createdevice);
    struct sim_adapter *adapter = sim_adapter_of_handle(c->proc, a->adapter.v);
    if (!adapter) {
        sim_log(c, "adapter_by_handle failed %x", a->adapter.v);
        return sim_fail(c, EINVAL);
    }
    if (adapter->removed) {
        return sim_fail(c, ENODEV);
    }
    struct sim_object *dev = sim_object_new(c->proc, HMGR_DEVICE, adapter);
    struct dxgkvmb_command_createdevice m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CREATEDEVICE);
    m.flags = a->flags;
    struct dxgkvmb_command_createdevice_return r = {.device = {dev->handle}};
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    a->device.v = dev->handle;
    return 0;
}

int sim_destroy_device_ioctl(struct sim_call *c)
{
    struct d3dkmt_destroydevice *a = ARG(struct d3dkmt_destroydevice);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    sim_destroy_device(c->sim, c, dev);
    return 0;
}

int sim_create_context(struct sim_call *c)
{
    struct d3dkmt_createcontextvirtual *a = ARG(struct d3dkmt_createcontextvirtual);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    if (a->priv_drv_data_size > DXG_MAX_VM_BUS_PACKET_SIZE) {
        sim_log(c, "invalid private data size");
        return sim_fail(c, EINVAL);
    }
    const uint8_t *priv = need_in(c, a->priv_drv_data, a->priv_drv_data_size);
    if (!priv) {
        return -1;
    }
    int engine = a->node_ordinal < SIM_ENGINES ? (int)a->node_ordinal : 0;
    struct sim_object *ctx = sim_object_new(c->proc, HMGR_CONTEXT, dev->adapter);
    ctx->device = dev;
    ctx->ctx.node = a->node_ordinal;
    ctx->ctx.engine_affinity = a->engine_affinity;
    ctx->ctx.stream = sim_stream_new(c->sim, dev->adapter, engine);
    size_t len = sizeof(struct dxgkvmb_command_createcontextvirtual) + a->priv_drv_data_size;
    struct dxgkvmb_command_createcontextvirtual *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CREATECONTEXTVIRTUAL);
    m->device = a->device;
    m->node_ordinal = a->node_ordinal;
    m->engine_affinity = a->engine_affinity;
    m->flags = a->flags;
    m->client_hint = a->client_hint;
    m->priv_drv_data_size = a->priv_drv_data_size;
    memcpy(m->priv_drv_data, priv, a->priv_drv_data_size);
    /* The host answers in the request buffer: the context handle filled in. */
    struct dxgkvmb_command_createcontextvirtual *reply = calloc(1, len);
    memcpy(reply, m, len);
    reply->context.v = ctx->handle;
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, m, len, reply, len, STATUS_SUCCESS);
    free(m);
    free(reply);
    a->context.v = ctx->handle;
    return 0;
}

int sim_destroy_context(struct sim_call *c)
{
    struct d3dkmt_destroycontext *a = ARG(struct d3dkmt_destroycontext);
    struct sim_object *ctx = find(c, a->context.v, HMGR_CONTEXT, "invalid context handle:");
    if (!ctx) {
        return -1;
    }
    struct sim_adapter *adapter = ctx->adapter;
    sim_destroy_object(c->sim, c, ctx, 0);
    struct dxgkvmb_command_destroycontext m;
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_DESTROYCONTEXT);
    m.context = a->context;
    send_simple(c, adapter, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}

/* A MONITOREDFENCE table entry for a host-made fence (paging and progress fences). */
static struct sim_object *fence_entry(struct sim_call *c, struct sim_object *parent, struct sim_fence *f)
{
    struct sim_object *e = sim_object_new(c->proc, HMGR_MONITOREDFENCE, parent->adapter);
    e->device = parent->device;
    e->owner = parent;
    e->mf.fence = f;
    f->refs++;
    /* Not in the process list as a destroyable child: its parent frees it. */
    list_del(&e->in_process);
    list_init(&e->in_process);
    return e;
}

int sim_create_hwqueue(struct sim_call *c)
{
    struct d3dkmt_createhwqueue *a = ARG(struct d3dkmt_createhwqueue);
    struct sim_object *ctx = find(c, a->context.v, HMGR_CONTEXT, "invalid context handle:");
    if (!ctx) {
        return -1;
    }
    const uint8_t *priv = need_in(c, a->priv_drv_data, a->priv_drv_data_size);
    if (!priv) {
        return -1;
    }
    struct sim_object *q = sim_object_new(c->proc, HMGR_HWQUEUE, ctx->adapter);
    q->device = ctx->device;
    q->owner = ctx;
    q->hwq.stream = sim_stream_new(c->sim, ctx->adapter, ctx->ctx.stream->engine);
    q->hwq.fence = sim_fence_new(c->sim, 0);
    q->hwq.fence_entry = fence_entry(c, q, q->hwq.fence);
    size_t len = sizeof(struct dxgkvmb_command_createhwqueue) + a->priv_drv_data_size;
    struct dxgkvmb_command_createhwqueue *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CREATEHWQUEUE);
    m->context = a->context;
    m->flags = a->flags;
    m->priv_drv_data_size = a->priv_drv_data_size;
    memcpy(m->priv_drv_data, priv, a->priv_drv_data_size);
    struct dxgkvmb_command_createhwqueue *reply = calloc(1, len);
    memcpy(reply, m, len);
    reply->hwqueue.v = q->handle;
    reply->hwqueue_progress_fence.v = q->hwq.fence_entry->handle;
    reply->hwqueue_progress_fence_cpuva = sim_fence_cpu_offset(q->hwq.fence);
    reply->hwqueue_progress_fence_gpuva = 0xF00000000ull + sim_fence_cpu_offset(q->hwq.fence);
    vmb_exchange(c->sim, vmb_origin_of(c), ctx->adapter, m, len, reply, len, STATUS_SUCCESS);
    free(m);
    free(reply);
    a->queue.v = q->handle;
    a->queue_progress_fence.v = q->hwq.fence_entry->handle;
    a->queue_progress_fence_gpu_va = 0xF00000000ull + sim_fence_cpu_offset(q->hwq.fence);
    sim_fixup_fence(c, offsetof(struct d3dkmt_createhwqueue, queue_progress_fence_cpu_va), q->hwq.fence);
    return 0;
}

int sim_destroy_hwqueue(struct sim_call *c)
{
    struct d3dkmt_destroyhwqueue *a = ARG(struct d3dkmt_destroyhwqueue);
    struct sim_object *q = find(c, a->queue.v, HMGR_HWQUEUE, "invalid hwqueue handle:");
    if (!q) {
        return -1;
    }
    struct sim_adapter *adapter = q->adapter;
    sim_destroy_object(c->sim, c, q, 0);
    struct dxgkvmb_command_destroyhwqueue m;
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_DESTROYHWQUEUE);
    m.hwqueue = a->queue;
    send_simple(c, adapter, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}

int sim_create_paging_queue(struct sim_call *c)
{
    struct d3dkmt_createpagingqueue *a = ARG(struct d3dkmt_createpagingqueue);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    struct sim_object *q = sim_object_new(c->proc, HMGR_PAGINGQUEUE, dev->adapter);
    q->device = dev;
    q->pq.stream = sim_stream_new(c->sim, dev->adapter, 2);
    q->pq.fence = sim_fence_new(c->sim, 0);
    q->pq.fence_entry = fence_entry(c, q, q->pq.fence);
    struct dxgkvmb_command_createpagingqueue m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CREATEPAGINGQUEUE);
    m.args = *a;
    struct dxgkvmb_command_createpagingqueue_return r = {
        .paging_queue = {q->handle},
        .sync_object = {q->pq.fence_entry->handle},
        .fence_storage_physical_address = 0xE0000000ull,
        .fence_storage_offset = sim_fence_cpu_offset(q->pq.fence),
    };
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    a->paging_queue.v = q->handle;
    a->sync_object.v = q->pq.fence_entry->handle;
    sim_fixup_fence(c, offsetof(struct d3dkmt_createpagingqueue, fence_cpu_virtual_address), q->pq.fence);
    return 0;
}

int sim_destroy_paging_queue(struct sim_call *c)
{
    struct d3dddi_destroypagingqueue *a = ARG(struct d3dddi_destroypagingqueue);
    struct sim_object *q = find(c, a->paging_queue.v, HMGR_PAGINGQUEUE, "invalid paging queue handle:");
    if (!q) {
        return -1;
    }
    struct sim_adapter *adapter = q->adapter;
    sim_destroy_object(c->sim, c, q, 0);
    struct dxgkvmb_command_destroypagingqueue m;
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_DESTROYPAGINGQUEUE);
    m.paging_queue = a->paging_queue;
    /* DESTROYPAGINGQUEUE completes with an empty reply. */
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, NULL, 0, STATUS_SUCCESS);
    return 0;
}

/* Get/SetContext[InProcess]SchedulingPriority share one shape: context + priority. */
static int context_priority(struct sim_call *c, int set, int in_process)
{
    struct d3dkmt_setcontextschedulingpriority *a = ARG(struct d3dkmt_setcontextschedulingpriority);
    struct sim_object *ctx = find(c, a->context.v, HMGR_CONTEXT, "invalid context handle:");
    if (!ctx) {
        return -1;
    }
    int32_t *stored = in_process ? &ctx->ctx.in_process_priority : &ctx->ctx.priority;
    if (set) {
        *stored = a->priority;
        struct dxgkvmb_command_setcontextschedulingpriority2 m;
        vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_SETCONTEXTSCHEDULINGPRIORITY);
        m.context = a->context;
        m.priority = a->priority;
        m.in_process = (uint8_t)in_process;
        send_simple(c, ctx->adapter, &m, sizeof m, STATUS_SUCCESS);
    } else {
        struct dxgkvmb_command_getcontextschedulingpriority m;
        vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_GETCONTEXTSCHEDULINGPRIORITY);
        m.context = a->context;
        m.in_process = (uint8_t)in_process;
        struct dxgkvmb_command_getcontextschedulingpriority_return r = {.priority = *stored};
        vmb_exchange(c->sim, vmb_origin_of(c), ctx->adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
        a->priority = *stored;
    }
    return 0;
}

int sim_get_context_inprocess_priority(struct sim_call *c)
{
    return context_priority(c, 0, 1);
}

int sim_get_context_priority(struct sim_call *c)
{
    return context_priority(c, 0, 0);
}

int sim_set_context_inprocess_priority(struct sim_call *c)
{
    return context_priority(c, 1, 1);
}

int sim_set_context_priority(struct sim_call *c)
{
    return context_priority(c, 1, 0);
}
