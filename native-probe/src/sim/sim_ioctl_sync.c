/* Sync objects: create/destroy, CPU and GPU signals and waits, submissions, sharing and opening
 * sync objects by fd, sync files. Blocking CPU waits park the call until their fences get there;
 * async waits signal their eventfd, and every completion is a host SIGNALGUESTEVENT message. */
#include <unistd.h>

#include "sim_ioctl.h"

#define MAX_OBJECTS 32
#define MAX_CPU_WAIT_OBJECTS 131072

/* The fence behind a handle: a fence-like sync object or a paging/progress fence entry. */
static struct sim_fence *fence_of(struct sim_call *c, uint32_t handle)
{
    uint32_t type = hmgr_type(&c->proc->table, handle);
    struct sim_object *o = type ? sim_lookup(c->proc, handle, type) : NULL;
    if (o && type == HMGR_SYNCOBJECT && o->sync.fence) {
        return o->sync.fence;
    }
    if (o && type == HMGR_MONITOREDFENCE) {
        return o->mf.fence;
    }
    sim_log(c, "Invalid syncobj: %x", handle);
    sim_fail(c, EINVAL);
    return NULL;
}

static int fences_of(struct sim_call *c, const uint8_t *handles, uint32_t n, struct sim_fence **out)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h;
        memcpy(&h, handles + i * 4, 4);
        if (!(out[i] = fence_of(c, h))) {
            return -1;
        }
    }
    return 0;
}

/* A stream (context or hardware queue) by handle. */
static struct sim_stream *stream_of(struct sim_call *c, uint32_t handle, struct sim_adapter **adapter)
{
    struct sim_object *o = sim_lookup(c->proc, handle, HMGR_CONTEXT);
    if (o) {
        *adapter = o->adapter;
        return o->ctx.stream;
    }
    o = sim_lookup(c->proc, handle, HMGR_HWQUEUE);
    if (o) {
        *adapter = o->adapter;
        return o->hwq.stream;
    }
    sim_log(c, "Invalid context handle %x", handle);
    sim_fail(c, EINVAL);
    return NULL;
}

static void signal_guest_event(struct sim *s, struct sim_wait *w)
{
    struct dxgkvmb_command_signalguestevent m;
    memset(&m, 0, sizeof m);
    m.hdr.command_type = DXGK_VMBCOMMAND_SIGNALGUESTEVENT;
    m.hdr.channel_type = DXGKVMB_HOST_TO_VM;
    m.event = w->event_id;
    m.process_id = (uint64_t)w->pid;
    m.dereference_event = 1;
    vmb_host_message(s, (struct vmb_origin){(uint32_t)w->pid, (uint32_t)w->tid, w->cause}, w->adapter, &m, sizeof m);
}

static void async_wait_done(struct sim *s, struct sim_wait *w);

static void eventfd_signal(int fd)
{
    uint64_t one = 1;
    (void)!write(fd, &one, sizeof one);
}

/* ---- create / destroy ---- */

int sim_create_sync(struct sim_call *c)
{
    struct d3dkmt_createsynchronizationobject2 *a = ARG(struct d3dkmt_createsynchronizationobject2);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    struct d3dddi_synchronizationobjectinfo2 *info = &a->info;
    if (info->flags.shared && !info->flags.nt_security_sharing) {
        sim_log(c, "shared handle should not be 0");
        return sim_fail(c, EINVAL);
    }
    if (info->type < D3DDDI_SYNCHRONIZATION_MUTEX || info->type > D3DDDI_PERIODIC_MONITORED_FENCE) {
        sim_log(c, "Invalid syncobj type: %x", info->type);
        return sim_fail(c, EINVAL);
    }
    int eventfd = -1;
    if (info->type == D3DDDI_CPU_NOTIFICATION) {
        eventfd = sim_take_fd(c, 0);
        if (eventfd < 0) {
            sim_log(c, "failed to reference the event");
            return sim_fail(c, EINVAL);
        }
    }
    int monitored = info->type == D3DDDI_MONITORED_FENCE || info->type == D3DDDI_PERIODIC_MONITORED_FENCE;
    struct sim_object *o = sim_object_new(c->proc, HMGR_SYNCOBJECT, dev->adapter);
    o->device = monitored ? dev : NULL; /* other kinds live at adapter level */
    o->sync.kind = info->type;
    o->sync.flags = info->flags.value;
    o->sync.eventfd = eventfd;
    if (monitored) {
        o->sync.fence = sim_fence_new(c->sim, info->monitored_fence.initial_fence_value);
    } else if (info->type == D3DDDI_FENCE) {
        o->sync.fence = sim_fence_new(c->sim, info->fence.fence_value);
    }
    if (eventfd >= 0) {
        o->sync.event_id = c->sim->next_event_id++;
    }
    uint32_t global = 0;
    if (info->flags.shared) {
        struct sim_shared *sh = sim_shared_new(c->sim, SHARED_SYNC, dev->adapter);
        sh->sync_type = info->type;
        sh->fence = o->sync.fence;
        if (sh->fence) {
            sh->fence->refs++;
        }
        sh->objects = 1;
        sh->global_handle = global = c->sim->next_global_handle += 0x40;
        o->sync.shared = sh;
    }
    struct dxgkvmb_command_createsyncobject m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CREATESYNCOBJECT);
    m.args = *a;
    if (eventfd >= 0) {
        m.args.info.cpu_notification.event = o->sync.event_id; /* the fd becomes a host-event id */
    }
    struct dxgkvmb_command_createsyncobject_return r = {.sync_object = {o->handle}, .global_sync_object = {global}};
    if (o->sync.fence) {
        r.fence_gpu_va = 0xF00000000ull + sim_fence_cpu_offset(o->sync.fence);
        r.fence_storage_address = 0xE0000000ull;
        r.fence_storage_offset = (uint32_t)sim_fence_cpu_offset(o->sync.fence);
    }
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    a->sync_object.v = o->handle;
    info->shared_handle.v = global;
    if (monitored) {
        size_t base = offsetof(struct d3dkmt_createsynchronizationobject2, info);
        size_t cpu = info->type == D3DDDI_MONITORED_FENCE
                         ? offsetof(struct d3dddi_synchronizationobjectinfo2, monitored_fence.fence_cpu_virtual_address)
                         : offsetof(struct d3dddi_synchronizationobjectinfo2,
                                    periodic_monitored_fence.fence_cpu_virtual_address);
        size_t gpu = info->type == D3DDDI_MONITORED_FENCE
                         ? offsetof(struct d3dddi_synchronizationobjectinfo2, monitored_fence.fence_gpu_virtual_address)
                         : offsetof(struct d3dddi_synchronizationobjectinfo2,
                                    periodic_monitored_fence.fence_gpu_virtual_address);
        uint64_t gva = r.fence_gpu_va;
        memcpy(c->arg + base + gpu, &gva, 8);
        sim_fixup_fence(c, (uint32_t)(base + cpu), o->sync.fence);
    }
    return 0;
}

int sim_destroy_sync(struct sim_call *c)
{
    struct d3dkmt_destroysynchronizationobject *a = ARG(struct d3dkmt_destroysynchronizationobject);
    struct sim_object *o = find(c, a->sync_object.v, HMGR_SYNCOBJECT, "Invalid syncobj:");
    if (!o) {
        return -1;
    }
    sim_destroy_object(c->sim, c, o, 0);
    struct dxgkvmb_command_destroysyncobject m;
    vmb_global_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_DESTROYSYNCOBJECT);
    m.sync_object = a->sync_object;
    send_simple(c, NULL, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}

/* ---- signals ---- */

/* SIGNALSYNCOBJECT: header, object handles, context handles, fence values. */
static void send_signal(struct sim_call *c, struct sim_adapter *adapter, const uint32_t *objects, uint32_t nobj,
                        const uint32_t *contexts, uint32_t nctx, const uint64_t *values, struct d3dddicb_signalflags flags,
                        uint32_t device, uint64_t event)
{
    size_t len = sizeof(struct dxgkvmb_command_signalsyncobject) + (nobj + nctx) * 4 + (size_t)nobj * 8;
    struct dxgkvmb_command_signalsyncobject *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_SIGNALSYNCOBJECT);
    m->object_count = nobj;
    m->flags = flags;
    m->context_count = nctx;
    m->fence_value = nobj ? values[0] : 0;
    if (flags.enqueue_cpu_event) {
        m->cpu_event_handle = event;
    } else {
        m->device.v = device;
    }
    uint8_t *p = (uint8_t *)(m + 1);
    memcpy(p, objects, (size_t)nobj * 4);
    memcpy(p + nobj * 4, contexts, (size_t)nctx * 4);
    memcpy(p + (nobj + nctx) * 4, values, (size_t)nobj * 8);
    send_simple(c, adapter, m, len, STATUS_SUCCESS);
    free(m);
}

/* Queues GPU signals of objects[i] = values[i] on each stream; an enqueued CPU event fires when
 * the last stream gets there. */
static int gpu_signal(struct sim_call *c, const uint32_t *contexts, uint32_t nctx, const uint32_t *objects,
                      uint32_t nobj, const uint64_t *values, struct d3dddicb_signalflags flags, int event_fd)
{
    struct sim_fence *fences[MAX_OBJECTS];
    if (fences_of(c, (const uint8_t *)objects, nobj, fences) < 0) {
        return -1;
    }
    struct sim_adapter *adapter = NULL;
    struct sim_stream *streams[64];
    for (uint32_t i = 0; i < nctx; i++) {
        if (!(streams[i] = stream_of(c, contexts[i], &adapter))) {
            return -1;
        }
    }
    if (adapter && adapter->reset) {
        return sim_fail_status(c, STATUS_DEVICE_REMOVED);
    }
    for (uint32_t k = 0; k < nctx; k++) {
        for (uint32_t i = 0; i < nobj; i++) {
            sim_stream_push(c->sim, streams[k], (struct packet){.type = PKT_SIGNAL, .fence = fences[i], .value = values[i]});
        }
    }
    uint64_t event = 0;
    if (flags.enqueue_cpu_event && event_fd >= 0 && nctx) {
        /* A private fence marks the moment: the eventfd fires when the stream reaches it. */
        struct sim_fence *marker = sim_fence_new(c->sim, 0);
        sim_stream_push(c->sim, streams[nctx - 1], (struct packet){.type = PKT_SIGNAL, .fence = marker, .value = 1});
        struct sim_wait *w = calloc(1, sizeof *w);
        w->count = 1;
        w->fences[0] = marker;
        w->values[0] = 1;
        w->eventfd = event_fd;
        w->event_id = event = c->sim->next_event_id++;
        w->pid = c->pid;
        w->tid = c->tid;
        w->cause = c->enter_seq;
        w->adapter = adapter;
        w->done = async_wait_done;
        sim_wait_add(c->sim, w);
        sim_fence_put(c->sim, marker);
    } else if (event_fd >= 0) {
        close(event_fd);
    }
    send_signal(c, adapter, objects, nobj, contexts, nctx, values, flags, 0, event);
    return 0;
}

/* An async wait (eventfd) completed: signal it and tell the guest, as the host does. */
static void async_wait_done(struct sim *s, struct sim_wait *w)
{
    if (w->eventfd >= 0) {
        eventfd_signal(w->eventfd);
        close(w->eventfd);
    }
    signal_guest_event(s, w);
}

int sim_signal_legacy(struct sim_call *c)
{
    struct d3dkmt_signalsynchronizationobject2 *a = ARG(struct d3dkmt_signalsynchronizationobject2);
    if (a->context_count >= 64 || a->object_count > MAX_OBJECTS) {
        sim_log(c, "Invalid input: %d %d", a->object_count, a->context_count);
        return sim_fail(c, EINVAL);
    }
    uint32_t contexts[65];
    contexts[0] = a->context.v;
    for (uint32_t i = 0; i < a->context_count; i++) {
        contexts[i + 1] = a->contexts[i].v;
    }
    uint64_t values[MAX_OBJECTS];
    for (uint32_t i = 0; i < a->object_count; i++) {
        values[i] = a->fence.fence_value;
    }
    int event_fd = a->flags.enqueue_cpu_event ? sim_take_fd(c, 0) : -1;
    if (a->flags.enqueue_cpu_event && event_fd < 0) {
        sim_log(c, "failed to reference the event");
        return sim_fail(c, EINVAL);
    }
    return gpu_signal(c, contexts, a->context_count + 1, (const uint32_t *)a->object_array, a->object_count, values,
                      a->flags, event_fd);
}

int sim_signal_from_cpu(struct sim_call *c)
{
    struct d3dkmt_signalsynchronizationobjectfromcpu *a = ARG(struct d3dkmt_signalsynchronizationobjectfromcpu);
    if (a->object_count == 0 || a->object_count > MAX_OBJECTS) {
        sim_log(c, "Invalid object count: %d", a->object_count);
        return sim_fail(c, EINVAL);
    }
    struct sim_object *dev = find_device(c, a->device.v);
    const uint8_t *objects = dev ? need_in(c, a->objects, (uint64_t)a->object_count * 4) : NULL;
    const uint8_t *values = objects ? need_in(c, a->fence_values, (uint64_t)a->object_count * 8) : NULL;
    struct sim_fence *fences[MAX_OBJECTS];
    if (!values || fences_of(c, objects, a->object_count, fences) < 0) {
        return -1;
    }
    for (uint32_t i = 0; i < a->object_count; i++) {
        uint64_t v;
        memcpy(&v, values + i * 8, 8);
        sim_fence_set(c->sim, fences[i], v);
    }
    sim_waits_check(c->sim);
    send_signal(c, dev->adapter, (const uint32_t *)objects, a->object_count, NULL, 0, (const uint64_t *)values,
                a->flags, a->device.v, 0);
    return 0;
}

int sim_signal_from_gpu(struct sim_call *c)
{
    struct d3dkmt_signalsynchronizationobjectfromgpu *a = ARG(struct d3dkmt_signalsynchronizationobjectfromgpu);
    if (a->object_count == 0 || a->object_count > MAX_OBJECTS) {
        sim_log(c, "Invalid object count: %d", a->object_count);
        return sim_fail(c, EINVAL);
    }
    const uint8_t *objects = need_in(c, a->objects, (uint64_t)a->object_count * 4);
    const uint8_t *values = objects ? need_in(c, a->monitored_fence_values, (uint64_t)a->object_count * 8) : NULL;
    if (!values) {
        return -1;
    }
    uint32_t ctx = a->context.v;
    struct d3dddicb_signalflags none = {0};
    return gpu_signal(c, &ctx, 1, (const uint32_t *)objects, a->object_count, (const uint64_t *)values, none, -1);
}

int sim_signal_from_gpu2(struct sim_call *c)
{
    struct d3dkmt_signalsynchronizationobjectfromgpu2 *a = ARG(struct d3dkmt_signalsynchronizationobjectfromgpu2);
    if (a->object_count > MAX_OBJECTS || a->context_count == 0 || a->context_count > 64 ||
        (a->flags.enqueue_cpu_event ? a->object_count != 0 : a->object_count == 0)) {
        sim_log(c, "Invalid input: %d %d", a->object_count, a->context_count);
        return sim_fail(c, EINVAL);
    }
    const uint8_t *contexts = need_in(c, a->contexts, (uint64_t)a->context_count * 4);
    if (!contexts) {
        return -1;
    }
    const uint8_t *objects = a->object_count ? need_in(c, a->objects, (uint64_t)a->object_count * 4) : (const uint8_t *)"";
    const uint8_t *values =
        a->object_count ? (objects ? need_in(c, a->monitored_fence_values, (uint64_t)a->object_count * 8) : NULL)
                        : (const uint8_t *)"";
    if (!objects || !values) {
        return -1;
    }
    int event_fd = a->flags.enqueue_cpu_event ? sim_take_fd(c, 0) : -1;
    if (a->flags.enqueue_cpu_event && event_fd < 0) {
        sim_log(c, "Bad input in EnqueueCpuEvent: %d %lld", a->object_count, (long long)a->cpu_event_handle);
        return sim_fail(c, EINVAL);
    }
    return gpu_signal(c, (const uint32_t *)contexts, a->context_count, (const uint32_t *)objects, a->object_count,
                      (const uint64_t *)values, a->flags, event_fd);
}

int sim_submit_signal_to_hwqueue(struct sim_call *c)
{
    struct d3dkmt_submitsignalsyncobjectstohwqueue *a = ARG(struct d3dkmt_submitsignalsyncobjectstohwqueue);
    if (a->hwqueue_count == 0 || a->hwqueue_count > 64 || a->object_count == 0 || a->object_count > MAX_OBJECTS) {
        sim_log(c, "invalid hwqueue count: %d", a->hwqueue_count);
        return sim_fail(c, EINVAL);
    }
    const uint8_t *queues = need_in(c, a->hwqueues, (uint64_t)a->hwqueue_count * 4);
    const uint8_t *objects = queues ? need_in(c, a->objects, (uint64_t)a->object_count * 4) : NULL;
    const uint8_t *values = objects ? need_in(c, a->fence_values, (uint64_t)a->object_count * 8) : NULL;
    if (!values) {
        return -1;
    }
    return gpu_signal(c, (const uint32_t *)queues, a->hwqueue_count, (const uint32_t *)objects, a->object_count,
                      (const uint64_t *)values, a->flags, -1);
}

/* ---- GPU waits: the stream stops until the fences get there ---- */

static int gpu_wait(struct sim_call *c, uint32_t stream_handle, const uint8_t *objects, uint32_t n,
                    const uint64_t *values, int legacy)
{
    if (n == 0 || n > MAX_OBJECTS) {
        sim_log(c, "Invalid object count: %d", n);
        return sim_fail(c, EINVAL);
    }
    struct sim_adapter *adapter;
    struct sim_stream *st = stream_of(c, stream_handle, &adapter);
    struct sim_fence *fences[MAX_OBJECTS];
    if (!st || fences_of(c, objects, n, fences) < 0) {
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        sim_stream_push(c->sim, st, (struct packet){.type = PKT_WAIT, .fence = fences[i], .value = values[legacy ? 0 : i]});
    }
    size_t len = sizeof(struct dxgkvmb_command_waitforsyncobjectfromgpu) - 8 + (size_t)n * 4 + (size_t)n * 8;
    uint8_t *m = calloc(1, len);
    struct dxgkvmb_command_waitforsyncobjectfromgpu *h = (void *)m;
    vmb_adapter_hdr(&h->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU);
    h->context.v = stream_handle;
    h->object_count = n;
    h->legacy_fence_object = (uint8_t)legacy;
    size_t at = offsetof(struct dxgkvmb_command_waitforsyncobjectfromgpu, fence_values);
    memcpy(m + at, objects, (size_t)n * 4);
    for (uint32_t i = 0; i < n; i++) {
        memcpy(m + at + n * 4 + i * 8, &values[legacy ? 0 : i], 8);
    }
    send_simple(c, adapter, m, len, STATUS_SUCCESS);
    free(m);
    return 0;
}

int sim_wait_legacy(struct sim_call *c)
{
    struct d3dkmt_waitforsynchronizationobject2 *a = ARG(struct d3dkmt_waitforsynchronizationobject2);
    uint64_t value = a->fence.fence_value;
    return gpu_wait(c, a->context.v, (const uint8_t *)a->object_array, a->object_count, &value, 1);
}

int sim_wait_from_gpu(struct sim_call *c)
{
    struct d3dkmt_waitforsynchronizationobjectfromgpu *a = ARG(struct d3dkmt_waitforsynchronizationobjectfromgpu);
    if (a->object_count == 0 || a->object_count > MAX_OBJECTS) {
        sim_log(c, "Invalid object count: %d", a->object_count);
        return sim_fail(c, EINVAL);
    }
    const uint8_t *objects = need_in(c, a->objects, (uint64_t)a->object_count * 4);
    if (!objects) {
        return -1;
    }
    /* monitored fences: a pointer to one value per object; legacy fences: one value */
    const uint8_t *values = sim_in(c, a->monitored_fence_values, (uint64_t)a->object_count * 8);
    if (values) {
        return gpu_wait(c, a->context.v, objects, a->object_count, (const uint64_t *)values, 0);
    }
    uint64_t value = a->fence_value;
    return gpu_wait(c, a->context.v, objects, a->object_count, &value, 1);
}

int sim_submit_wait_to_hwqueue(struct sim_call *c)
{
    struct d3dkmt_submitwaitforsyncobjectstohwqueue *a = ARG(struct d3dkmt_submitwaitforsyncobjectstohwqueue);
    if (a->object_count == 0 || a->object_count > MAX_OBJECTS) {
        sim_log(c, "invalid number of syncobjects: %d", a->object_count);
        return sim_fail(c, EINVAL);
    }
    const uint8_t *objects = need_in(c, a->objects, (uint64_t)a->object_count * 4);
    const uint8_t *values = objects ? need_in(c, a->fence_values, (uint64_t)a->object_count * 8) : NULL;
    if (!values) {
        return -1;
    }
    return gpu_wait(c, a->hwqueue.v, objects, a->object_count, (const uint64_t *)values, 0);
}

/* ---- CPU waits ---- */

static void blocking_wait_done(struct sim *s, struct sim_wait *w)
{
    signal_guest_event(s, w);
    sim_complete(s, w->ctx);
}

int sim_wait_from_cpu(struct sim_call *c)
{
    struct d3dkmt_waitforsynchronizationobjectfromcpu *a = ARG(struct d3dkmt_waitforsynchronizationobjectfromcpu);
    if (a->object_count == 0 || a->object_count > MAX_CPU_WAIT_OBJECTS) {
        sim_log(c, "Invalid object count: %d", a->object_count);
        return sim_fail(c, EINVAL);
    }
    if (a->object_count > MAX_OBJECTS) {
        sim_log(c, "Too many syncobjects");
        return sim_fail(c, EINVAL);
    }
    struct sim_object *dev = find_device(c, a->device.v);
    const uint8_t *objects = dev ? need_in(c, a->objects, (uint64_t)a->object_count * 4) : NULL;
    const uint8_t *values = objects ? need_in(c, a->fence_values, (uint64_t)a->object_count * 8) : NULL;
    struct sim_fence *fences[MAX_OBJECTS];
    if (!values || fences_of(c, objects, a->object_count, fences) < 0) {
        return -1;
    }
    int event_fd = -1;
    if (a->async_event) {
        event_fd = sim_take_fd(c, 0);
        if (event_fd < 0) {
            sim_log(c, "failed to reference the event");
            return sim_fail(c, EINVAL);
        }
    }
    struct sim_wait *w = calloc(1, sizeof *w);
    w->any = a->flags.wait_any;
    w->count = (int)a->object_count;
    for (uint32_t i = 0; i < a->object_count; i++) {
        w->fences[i] = fences[i];
        memcpy(&w->values[i], values + i * 8, 8);
    }
    w->event_id = c->sim->next_event_id++;
    w->eventfd = event_fd;
    w->pid = c->pid;
    w->tid = c->tid;
    w->cause = c->enter_seq;
    w->adapter = dev->adapter;
    size_t len = sizeof(struct dxgkvmb_command_waitforsyncobjectfromcpu) + (size_t)a->object_count * 12;
    uint8_t *m = calloc(1, len);
    struct dxgkvmb_command_waitforsyncobjectfromcpu *h = (void *)m;
    vmb_adapter_hdr(&h->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMCPU);
    h->device = a->device;
    h->object_count = a->object_count;
    h->flags = a->flags;
    h->guest_event_pointer = w->event_id;
    h->dereference_event = event_fd >= 0;
    memcpy(m + sizeof *h, objects, (size_t)a->object_count * 4);
    memcpy(m + sizeof *h + a->object_count * 4, values, (size_t)a->object_count * 8);
    send_simple(c, dev->adapter, m, len, STATUS_SUCCESS);
    free(m);
    if (event_fd >= 0) {
        w->done = async_wait_done;
        sim_wait_add(c->sim, w);
        return 0;
    }
    /* Blocking: the reply waits for the fences. Virtual time runs to them when queued GPU work gets
     * there; otherwise the call stays parked until another call signals them (or forever). */
    w->ctx = sim_park(c);
    w->done = blocking_wait_done;
    sim_wait_jump(c->sim, w);
    sim_wait_add(c->sim, w);
    return 0;
}

/* ---- submissions ---- */

static uint64_t work_duration(struct sim *s, uint32_t command_length)
{
    return 20000 + (uint64_t)command_length * 10 + sim_random(s) % 5000;
}

int sim_submit_command(struct sim_call *c)
{
    struct d3dkmt_submitcommand *a = ARG(struct d3dkmt_submitcommand);
    if (a->broadcast_context_count == 0 || a->broadcast_context_count > 64) {
        sim_log(c, "invalid number of contexts");
        return sim_fail(c, EINVAL);
    }
    if (a->priv_drv_data_size > DXG_MAX_VM_BUS_PACKET_SIZE) {
        sim_log(c, "invalid private data size");
        return sim_fail(c, EINVAL);
    }
    if (a->num_history_buffers > 1024) {
        sim_log(c, "invalid number of history buffers");
        return sim_fail(c, EINVAL);
    }
    struct sim_adapter *adapter = NULL;
    struct sim_stream *streams[64];
    for (uint32_t i = 0; i < a->broadcast_context_count; i++) {
        if (!(streams[i] = stream_of(c, a->broadcast_context[i].v, &adapter))) {
            return -1;
        }
    }
    const uint8_t *priv = need_in(c, a->priv_drv_data, a->priv_drv_data_size);
    if (!priv) {
        return -1;
    }
    if (adapter->reset || adapter->removed) {
        return sim_fail_status(c, STATUS_DEVICE_REMOVED);
    }
    for (uint32_t i = 0; i < a->broadcast_context_count; i++) {
        sim_stream_push(c->sim, streams[i],
                        (struct packet){.type = PKT_WORK, .duration = work_duration(c->sim, a->command_length)});
    }
    size_t len = sizeof(struct dxgkvmb_command_submitcommand) + (size_t)a->num_history_buffers * 4 + a->priv_drv_data_size;
    uint8_t *m = calloc(1, len);
    struct dxgkvmb_command_submitcommand *h = (void *)m;
    vmb_adapter_hdr(&h->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_SUBMITCOMMAND);
    h->args = *a;
    const uint8_t *history = sim_in(c, a->history_buffer_array, (uint64_t)a->num_history_buffers * 4);
    if (history) {
        memcpy(m + sizeof *h, history, (size_t)a->num_history_buffers * 4);
    }
    memcpy(m + sizeof *h + a->num_history_buffers * 4, priv, a->priv_drv_data_size);
    send_simple(c, adapter, m, len, STATUS_SUCCESS);
    free(m);
    return 0;
}

int sim_submit_to_hwqueue(struct sim_call *c)
{
    struct d3dkmt_submitcommandtohwqueue *a = ARG(struct d3dkmt_submitcommandtohwqueue);
    struct sim_object *q = find(c, a->hwqueue.v, HMGR_HWQUEUE, "invalid hwqueue handle:");
    if (!q) {
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
    if (q->adapter->reset) {
        return sim_fail_status(c, STATUS_DEVICE_REMOVED);
    }
    sim_stream_push(c->sim, q->hwq.stream,
                    (struct packet){.type = PKT_WORK, .duration = work_duration(c->sim, a->command_length)});
    sim_stream_push(c->sim, q->hwq.stream,
                    (struct packet){.type = PKT_SIGNAL, .fence = q->hwq.fence, .value = a->hwqueue_progress_fence_id});
    size_t len = sizeof(struct dxgkvmb_command_submitcommandtohwqueue) + a->priv_drv_data_size;
    uint8_t *m = calloc(1, len);
    struct dxgkvmb_command_submitcommandtohwqueue *h = (void *)m;
    vmb_adapter_hdr(&h->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_SUBMITCOMMANDTOHWQUEUE);
    h->args = *a;
    memcpy(m + sizeof *h, priv, a->priv_drv_data_size);
    send_simple(c, q->adapter, m, len, STATUS_SUCCESS);
    free(m);
    return 0;
}

/* ---- sharing sync objects, sync files ---- */

static struct sim_object *open_sync(struct sim_call *c, struct sim_object *dev, struct sim_shared *sh,
                                    uint32_t kind, uint32_t cpu_va_offset)
{
    struct sim_object *o = sim_object_new(c->proc, HMGR_SYNCOBJECT, dev->adapter);
    o->device = dev;
    o->sync.kind = kind;
    o->sync.eventfd = -1;
    o->sync.fence = sh->fence;
    if (sh->fence) {
        sh->fence->refs++;
    }
    if (sh->kind == SHARED_SYNC) {
        o->sync.shared = sh;
        sh->objects++;
    }
    struct dxgkvmb_command_opensyncobject m;
    memset(&m, 0, sizeof m);
    vmb_global_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_OPENSYNCOBJECT);
    m.device.v = dev->handle;
    m.global_sync_object.v = sh->nt_handle ? sh->nt_handle : sh->global_handle;
    struct dxgkvmb_command_opensyncobject_return r = {.sync_object = {o->handle}, .status = {.v = STATUS_SUCCESS}};
    if (sh->fence) {
        r.gpu_virtual_address = 0xF00000000ull + sim_fence_cpu_offset(sh->fence);
        r.guest_cpu_physical_address = 0xE0000000ull + sim_fence_cpu_offset(sh->fence);
        sim_fixup_fence(c, cpu_va_offset, sh->fence);
    }
    vmb_exchange(c->sim, vmb_origin_of(c), NULL, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    return o;
}

int sim_open_sync_nt(struct sim_call *c)
{
    struct d3dkmt_opensyncobjectfromnthandle2 *a = ARG(struct d3dkmt_opensyncobjectfromnthandle2);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    if (c->nin_fds < 1) {
        sim_log(c, "failed to get file from handle: %llx", (unsigned long long)a->nt_handle);
        return sim_fail(c, EBADF);
    }
    struct sim_shared *sh = sim_object_of_fd(c, a->nt_handle);
    if (!sh || sh->kind != SHARED_SYNC) {
        sim_log(c, "invalid fd type: %llx", (unsigned long long)a->nt_handle);
        return sim_fail(c, EINVAL);
    }
    struct sim_object *o = open_sync(c, dev, sh, sh->sync_type,
                                     offsetof(struct d3dkmt_opensyncobjectfromnthandle2, monitored_fence.fence_value_cpu_va));
    a->sync_object.v = o->handle;
    if (sh->fence) {
        a->monitored_fence.fence_value_gpu_va = 0xF00000000ull + sim_fence_cpu_offset(sh->fence);
    }
    return 0;
}

static void syncfile_ready(struct sim *s, struct sim_wait *w)
{
    sim_signal_syncfile(s, w->ctx);
    signal_guest_event(s, w);
}

int sim_create_sync_file(struct sim_call *c)
{
    struct d3dkmt_createsyncfile *a = ARG(struct d3dkmt_createsyncfile);
    struct sim_object *dev = find_device(c, a->device.v);
    struct sim_object *f = dev ? sim_lookup(c->proc, a->monitored_fence.v, HMGR_SYNCOBJECT) : NULL;
    if (!dev) {
        return -1;
    }
    if (!f || !f->sync.fence) {
        sim_log(c, "invalid syncobj handle %x", a->monitored_fence.v);
        return sim_fail(c, EINVAL);
    }
    struct sim_shared *sh = sim_shared_new(c->sim, SHARED_SYNCFILE, dev->adapter);
    sh->fence = f->sync.fence;
    sh->fence->refs++;
    sh->syncfile_value = a->fence_value;
    if (sim_give_object_fd(c, sh, -1, offsetof(struct d3dkmt_createsyncfile, sync_file_handle)) < 0) {
        return sim_fail(c, ENOMEM);
    }
    struct sim_wait *w = calloc(1, sizeof *w);
    w->count = 1;
    w->fences[0] = sh->fence;
    w->values[0] = a->fence_value;
    w->event_id = c->sim->next_event_id++;
    w->eventfd = -1;
    w->pid = c->pid;
    w->tid = c->tid;
    w->cause = c->enter_seq;
    w->adapter = dev->adapter;
    w->ctx = sh;
    w->done = syncfile_ready;
    size_t len = sizeof(struct dxgkvmb_command_waitforsyncobjectfromcpu) + 12;
    uint8_t *m = calloc(1, len);
    struct dxgkvmb_command_waitforsyncobjectfromcpu *h = (void *)m;
    vmb_adapter_hdr(&h->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMCPU);
    h->device = a->device;
    h->object_count = 1;
    h->guest_event_pointer = w->event_id;
    memcpy(m + sizeof *h, &a->monitored_fence, 4);
    memcpy(m + sizeof *h + 4, &a->fence_value, 8);
    send_simple(c, dev->adapter, m, len, STATUS_SUCCESS);
    free(m);
    sim_wait_add(c->sim, w);
    return 0;
}

static struct sim_shared *syncfile_of(struct sim_call *c, uint64_t fd)
{
    struct sim_shared *sh = c->nin_fds ? sim_object_of_fd(c, fd) : NULL;
    if (!sh || sh->kind != SHARED_SYNCFILE) {
        sim_log(c, "failed to get dmafence from handle: %llx", (unsigned long long)fd);
        sim_fail(c, EINVAL);
        return NULL;
    }
    return sh;
}

int sim_wait_sync_file(struct sim_call *c)
{
    struct d3dkmt_waitsyncfile *a = ARG(struct d3dkmt_waitsyncfile);
    struct sim_shared *sh = syncfile_of(c, a->sync_file_handle);
    if (!sh) {
        return -1;
    }
    struct sim_adapter *adapter;
    struct sim_stream *st = stream_of(c, a->context.v, &adapter);
    if (!st) {
        return -1;
    }
    sim_stream_push(c->sim, st, (struct packet){.type = PKT_WAIT, .fence = sh->fence, .value = sh->syncfile_value});
    /* OPENSYNCOBJECT + WAITFORSYNCOBJECTFROMGPU + DESTROYSYNCOBJECT (dxg-abi.md §2.2) */
    struct dxgkvmb_command_opensyncobject o;
    memset(&o, 0, sizeof o);
    vmb_global_hdr(&o.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_OPENSYNCOBJECT);
    struct dxgkvmb_command_opensyncobject_return r = {.sync_object = {0x7FFFFFC0u}, .status = {.v = STATUS_SUCCESS}};
    vmb_exchange(c->sim, vmb_origin_of(c), NULL, &o, sizeof o, &r, sizeof r, STATUS_SUCCESS);
    size_t len = sizeof(struct dxgkvmb_command_waitforsyncobjectfromgpu) + 4;
    uint8_t *m = calloc(1, len);
    struct dxgkvmb_command_waitforsyncobjectfromgpu *h = (void *)m;
    vmb_adapter_hdr(&h->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU);
    h->context = a->context;
    h->object_count = 1;
    size_t at = offsetof(struct dxgkvmb_command_waitforsyncobjectfromgpu, fence_values);
    uint32_t temp = 0x7FFFFFC0u;
    memcpy(m + at, &temp, 4);
    memcpy(m + at + 4, &sh->syncfile_value, 8);
    send_simple(c, adapter, m, len, STATUS_SUCCESS);
    free(m);
    struct dxgkvmb_command_destroysyncobject d;
    vmb_global_hdr(&d.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_DESTROYSYNCOBJECT);
    d.sync_object.v = temp;
    send_simple(c, NULL, &d, sizeof d, STATUS_SUCCESS);
    return 0;
}

int sim_open_sync_from_syncfile(struct sim_call *c)
{
    struct d3dkmt_opensyncobjectfromsyncfile *a = ARG(struct d3dkmt_opensyncobjectfromsyncfile);
    struct sim_object *dev = find_device(c, a->device.v);
    struct sim_shared *sh = dev ? syncfile_of(c, a->sync_file_handle) : NULL;
    if (!sh) {
        return -1;
    }
    struct sim_object *o = open_sync(c, dev, sh, D3DDDI_MONITORED_FENCE,
                                     offsetof(struct d3dkmt_opensyncobjectfromsyncfile, fence_value_cpu_va));
    a->syncobj.v = o->handle;
    a->fence_value = sh->syncfile_value;
    a->fence_value_gpu_va = 0xF00000000ull + sim_fence_cpu_offset(sh->fence);
    return 0;
}

int sim_native_fence(struct sim_call *c)
{
    /* Native fences need interface version 45 (open: 46). */
    uint32_t needed = c->nr == 0x4a ? 45 : 46;
    sim_log(c, "%sative fence not supported (vmbus ver %d < %d)", c->nr == 0x4a ? "N" : "Open n",
            c->sim->cfg.vmbus_version, needed);
    return sim_fail(c, EOPNOTSUPP);
}
