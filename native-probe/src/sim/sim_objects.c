/*
 * Processes and objects, and their teardown as the driver does it (dxg-abi.md §1.6):
 * destroying a device destroys its sync objects, allocations, resources, contexts (with their
 * hardware queues) and paging queues, telling the host only DESTROYALLOCATION for live
 * device-owned allocations and resources, then DESTROYDEVICE; the last file of a process flushes
 * and destroys its devices, closes its adapter handles and remaining sync objects, then
 * DESTROYPROCESS. Shared objects live while an object opened from them or a file description
 * refers to them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"
#include "sim_residency.h"

struct sim_process *sim_process_get(struct sim *s, pid_t pid, const char *comm, int create)
{
    for (struct sim_process *p = s->processes; p; p = p->next) {
        if (p->pid == pid) {
            return p;
        }
    }
    if (!create) {
        return NULL;
    }
    struct sim_process *p = calloc(1, sizeof *p);
    p->pid = pid;
    strncpy(p->comm, comm ? comm : "", sizeof p->comm - 1);
    hmgr_init(&p->local);
    hmgr_init(&p->table);
    list_init(&p->objects);
    p->host_handle = 0x40000000u | ((++s->host_process_handles) << 6);
    p->next_gpu_va = 0x100000000ull;
    p->next = s->processes;
    s->processes = p;

    struct dxgkvmb_command_createprocess m;
    memset(&m, 0, sizeof m);
    vmb_global_hdr(&m.hdr, 0, DXGK_VMBCOMMAND_CREATEPROCESS);
    m.process = (uint64_t)(uintptr_t)p;
    m.process_id = (uint64_t)pid;
    for (size_t i = 0; i < sizeof p->comm && p->comm[i]; i++) {
        m.process_name[i] = (uint8_t)p->comm[i];
    }
    m.linux_process = 1;
    struct dxgkvmb_command_createprocess_return r = {.hprocess = {p->host_handle}};
    vmb_exchange(s, vmb_origin_process(p), NULL, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    return p;
}

struct sim_object *sim_object_new(struct sim_process *p, uint32_t type, struct sim_adapter *a)
{
    struct sim_object *o = calloc(1, sizeof *o);
    o->type = type;
    o->proc = p;
    o->adapter = a;
    o->handle = hmgr_alloc(&p->table, type, o);
    list_add_tail(&p->objects, &o->in_process);
    return o;
}

struct sim_object *sim_lookup(struct sim_process *p, uint32_t handle, uint32_t type)
{
    struct sim_object *o = hmgr_get(&p->table, handle, type);
    return o && !o->destroyed ? o : NULL;
}

struct sim_adapter *sim_adapter_of_handle(struct sim_process *p, uint32_t handle)
{
    return hmgr_get(&p->local, handle, HMGR_ADAPTER);
}

/* Frees an object's handle and memory; the caller has done its type-specific teardown. */
static void release(struct sim_object *o)
{
    hmgr_free(&o->proc->table, o->handle);
    list_del(&o->in_process);
    free(o);
}

static void destroy_allocation(struct sim *s, struct sim_object *o)
{
    sim_residency_forget(s, o);
    if (o->alloc.backing_fd >= 0) {
        close(o->alloc.backing_fd);
    }
    release(o);
}

static void send_destroy_allocation(struct sim *s, struct sim_call *c, struct sim_object *dev,
                                    struct sim_object *resource, struct sim_object *alloc)
{
    struct {
        struct dxgkvmb_command_destroyallocation m;
    } msg;
    memset(&msg, 0, sizeof msg);
    vmb_adapter_hdr(&msg.m.hdr, dev->proc->host_handle, DXGK_VMBCOMMAND_DESTROYALLOCATION);
    msg.m.device.v = dev->handle;
    if (resource) {
        msg.m.resource.v = resource->handle;
    } else {
        msg.m.alloc_count = 1;
        msg.m.allocations[0].v = alloc->handle;
    }
    struct vmb_status r = {STATUS_SUCCESS};
    vmb_exchange(s, c ? vmb_origin_of(c) : vmb_origin_process(dev->proc), dev->adapter, &msg, sizeof msg, &r, sizeof r,
                 STATUS_SUCCESS);
}

static void destroy_resource(struct sim *s, struct sim_object *res)
{
    struct list *pos, *n;
    list_for_each_safe(pos, n, &res->proc->objects) {
        struct sim_object *o = list_entry(pos, struct sim_object, in_process);
        if (o->type == HMGR_ALLOCATION && o->owner == res) {
            destroy_allocation(s, o);
        }
    }
    if (res->res.shared) {
        res->res.shared->objects--;
        sim_shared_put(s, res->res.shared);
    }
    release(res);
}

static void destroy_sync(struct sim *s, struct sim_object *o)
{
    sim_fence_put(s, o->sync.fence);
    if (o->sync.eventfd >= 0) {
        close(o->sync.eventfd);
    }
    if (o->sync.shared) {
        o->sync.shared->objects--;
        sim_shared_put(s, o->sync.shared);
    }
    release(o);
}

void sim_destroy_object(struct sim *s, struct sim_call *c, struct sim_object *o, int tell_host)
{
    switch (o->type) {
    case HMGR_ALLOCATION:
        if (tell_host && o->device) {
            send_destroy_allocation(s, c, o->device, NULL, o);
        }
        destroy_allocation(s, o);
        break;
    case HMGR_RESOURCE:
        if (tell_host && o->device) {
            send_destroy_allocation(s, c, o->device, o, NULL);
        }
        destroy_resource(s, o);
        break;
    case HMGR_SYNCOBJECT:
        destroy_sync(s, o);
        break;
    case HMGR_HWQUEUE:
        sim_stream_kill(o->hwq.stream);
        if (o->hwq.fence_entry) {
            sim_fence_put(s, o->hwq.fence_entry->mf.fence);
            release(o->hwq.fence_entry);
        }
        sim_fence_put(s, o->hwq.fence);
        release(o);
        break;
    case HMGR_CONTEXT: {
        struct list *pos, *n;
        list_for_each_safe(pos, n, &o->proc->objects) {
            struct sim_object *q = list_entry(pos, struct sim_object, in_process);
            if (q->type == HMGR_HWQUEUE && q->owner == o) {
                sim_destroy_object(s, c, q, 0);
            }
        }
        sim_stream_kill(o->ctx.stream);
        release(o);
        break;
    }
    case HMGR_PAGINGQUEUE:
        sim_stream_kill(o->pq.stream);
        if (o->pq.fence_entry) {
            sim_fence_put(s, o->pq.fence_entry->mf.fence);
            release(o->pq.fence_entry);
        }
        sim_fence_put(s, o->pq.fence);
        release(o);
        break;
    default:
        release(o);
        break;
    }
}

/* Children of dev of one type, destroyed in creation order. */
static void destroy_children(struct sim *s, struct sim_call *c, struct sim_object *dev, uint32_t type,
                             int tell_host)
{
    struct list *pos, *n;
    list_for_each_safe(pos, n, &dev->proc->objects) {
        struct sim_object *o = list_entry(pos, struct sim_object, in_process);
        if (o->device == dev && o->type == type && !(type == HMGR_ALLOCATION && o->owner)) {
            sim_destroy_object(s, c, o, tell_host);
            n = dev->proc->objects.next; /* a cascade may have removed more than o */
        }
    }
}

void sim_destroy_device(struct sim *s, struct sim_call *c, struct sim_object *dev)
{
    dev->destroyed = 1;
    destroy_children(s, c, dev, HMGR_SYNCOBJECT, 0);
    destroy_children(s, c, dev, HMGR_ALLOCATION, 1);
    destroy_children(s, c, dev, HMGR_RESOURCE, 1);
    destroy_children(s, c, dev, HMGR_CONTEXT, 0);
    destroy_children(s, c, dev, HMGR_PAGINGQUEUE, 0);
    struct sim_process *p = dev->proc;
    struct sim_adapter *a = dev->adapter;
    uint32_t handle = dev->handle;
    release(dev);
    struct dxgkvmb_command_destroydevice m;
    vmb_adapter_hdr(&m.hdr, p->host_handle, DXGK_VMBCOMMAND_DESTROYDEVICE);
    m.device.v = handle;
    struct vmb_status r = {STATUS_SUCCESS};
    vmb_exchange(s, c ? vmb_origin_of(c) : vmb_origin_process(p), a, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
}

/* Flushes and destroys every device of p on adapter a (the process-adapter info goes away). */
void sim_process_adapter_release(struct sim *s, struct sim_call *c, struct sim_process *p, struct sim_adapter *a)
{
    struct list *pos, *n;
    list_for_each_safe(pos, n, &p->objects) {
        struct sim_object *o = list_entry(pos, struct sim_object, in_process);
        if (o->type == HMGR_DEVICE && o->adapter == a) {
            struct dxgkvmb_command_flushdevice m;
            vmb_adapter_hdr(&m.hdr, p->host_handle, DXGK_VMBCOMMAND_FLUSHDEVICE);
            m.device.v = o->handle;
            m.reason = DXGDEVICE_FLUSHSCHEDULER_DEVICE_TERMINATE;
            struct vmb_status r = {STATUS_SUCCESS};
            vmb_exchange(s, c ? vmb_origin_of(c) : vmb_origin_process(p), a, &m, sizeof m, &r, sizeof r,
                         STATUS_SUCCESS);
            sim_destroy_device(s, c, o);
            n = p->objects.next;
        }
    }
}

void sim_process_file_closed(struct sim *s, struct sim_process *p)
{
    if (--p->files > 0) {
        return;
    }
    for (int i = 0; i < s->nadapters; i++) {
        if (p->adapter_refs[i]) {
            sim_process_adapter_release(s, NULL, p, &s->adapters[i]);
            p->adapter_refs[i] = 0;
        }
    }
    /* Whatever is left (adapter-level sync objects) goes with the process. */
    struct list *pos, *n;
    list_for_each_safe(pos, n, &p->objects) {
        struct sim_object *o = list_entry(pos, struct sim_object, in_process);
        if (o->type == HMGR_SYNCOBJECT) {
            struct dxgkvmb_command_destroysyncobject m;
            vmb_global_hdr(&m.hdr, p->host_handle, DXGK_VMBCOMMAND_DESTROYSYNCOBJECT);
            m.sync_object.v = o->handle;
            struct vmb_status r = {STATUS_SUCCESS};
            vmb_exchange(s, vmb_origin_process(p), NULL, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
        }
        sim_destroy_object(s, NULL, o, 0);
        n = p->objects.next;
    }
    struct dxgkvmb_command_destroyprocess m;
    vmb_global_hdr(&m.hdr, p->host_handle, DXGK_VMBCOMMAND_DESTROYPROCESS);
    struct vmb_status r = {STATUS_SUCCESS};
    vmb_exchange(s, vmb_origin_process(p), NULL, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    for (struct sim_process **pp = &s->processes; *pp; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    }
    hmgr_destroy(&p->local);
    hmgr_destroy(&p->table);
    free(p);
}

struct sim_shared *sim_shared_new(struct sim *s, int kind, struct sim_adapter *a)
{
    struct sim_shared *sh = calloc(1, sizeof *sh);
    sh->id = s->next_shared_id++;
    sh->kind = kind;
    sh->adapter = a;
    sh->next = s->shared;
    s->shared = sh;
    return sh;
}

void sim_shared_put(struct sim *s, struct sim_shared *sh)
{
    if (sh->fds > 0 || sh->objects > 0) {
        return;
    }
    for (struct sim_shared **pp = &s->shared; *pp; pp = &(*pp)->next) {
        if (*pp == sh) {
            *pp = sh->next;
            break;
        }
    }
    sim_fence_put(s, sh->fence);
    free(sh->runtime_data);
    free(sh->resource_data);
    for (uint32_t i = 0; i < sh->alloc_count; i++) {
        free(sh->alloc_data[i]);
    }
    free(sh);
}
