/* Allocations and resources: create/destroy (with the driver's validation), residency, priorities,
 * offer/reclaim, Lock2/Unlock2, GPU virtual addresses, and sharing resources by NT-handle fd. */
#include <sys/mman.h>
#include <unistd.h>

#include "dxgscope/dxgsim.h"
#include "sim_ioctl.h"

#define PAGE 4096u
#define MAX_ALLOCS 1024
#define MAX_RESIDENCY 10240

/* What dxgsim's KMD makes of an allocation's private driver data. */
static void kmd_describe(const uint8_t *priv, uint32_t size, uint64_t *bytes, uint32_t *group, uint32_t *priority)
{
    struct dxgsim_alloc_private p;
    *bytes = DXGSIM_DEFAULT_ALLOC_SIZE;
    *group = DXGSIM_LOCAL;
    *priority = 0;
    if (priv && size >= sizeof p) {
        memcpy(&p, priv, sizeof p);
        if (p.magic == DXGSIM_ALLOC_MAGIC && p.size && p.segment_group <= DXGSIM_NON_LOCAL) {
            *bytes = p.size;
            *group = p.segment_group;
            *priority = p.priority;
        }
    }
}

static struct sim_object *new_allocation(struct sim_call *c, struct sim_object *dev, struct sim_object *owner,
                                         uint64_t size, uint32_t group, uint32_t priority)
{
    struct sim_object *o = sim_object_new(c->proc, HMGR_ALLOCATION, dev->adapter);
    o->device = dev;
    o->owner = owner;
    o->alloc.size = size;
    o->alloc.group = group;
    o->alloc.priority = priority;
    o->alloc.backing_fd = -1;
    return o;
}

/* DDIGETSTANDARDALLOCATIONDRIVERDATA, twice: the sizes, then the data (dxg-abi.md §2.2). */
static void standard_allocation_messages(struct sim_call *c, struct sim_adapter *adapter, uint32_t type)
{
    for (int pass = 0; pass < 2; pass++) {
        struct dxgkvmb_command_getstandardallocprivdata m;
        memset(&m, 0, sizeof m);
        vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_DDIGETSTANDARDALLOCATIONDRIVERDATA);
        m.alloc_type = type;
        m.priv_driver_data_size = pass ? 48 : 0;
        struct dxgkvmb_command_getstandardallocprivdata_return r;
        memset(&r, 0, sizeof r);
        r.priv_driver_data_size = 48;
        vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    }
}

static int validate_create(struct sim_call *c, const struct d3dkmt_createallocation *a)
{
    if (a->alloc_count == 0 || a->alloc_count > MAX_ALLOCS) {
        sim_log(c, "invalid number of allocations to create");
        return sim_fail(c, EINVAL);
    }
    if (a->flags.existing_section || a->flags.create_protected) {
        sim_log(c, "invalid allocation flags");
        return sim_fail(c, EINVAL);
    }
    if (a->flags.create_shared && !a->flags.create_resource) {
        sim_log(c, "create_resource must be set for create_shared");
        return sim_fail(c, EINVAL);
    }
    if (a->flags.create_shared && !a->flags.nt_security_sharing) {
        sim_log(c, "nt_security_sharing must be set");
        return sim_fail(c, EINVAL);
    }
    if (!a->flags.standard_allocation && a->priv_drv_data_size >= DXG_MAX_VM_BUS_PACKET_SIZE) {
        sim_log(c, "private data size too big: %d %d %ld", a->priv_drv_data_size, a->alloc_count, 0L);
        return sim_fail(c, EINVAL);
    }
    return 0;
}

int sim_create_allocation(struct sim_call *c)
{
    struct d3dkmt_createallocation *a = ARG(struct d3dkmt_createallocation);
    if (validate_create(c, a) < 0) {
        return -1;
    }
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    const uint8_t *infos_in = need_in(c, a->allocation_info, (uint64_t)a->alloc_count * sizeof(struct d3dddi_allocationinfo2));
    const uint8_t *runtime = infos_in ? need_in(c, a->private_runtime_data, a->private_runtime_data_size) : NULL;
    if (!infos_in || !runtime) {
        return -1;
    }
    const uint8_t *resource_priv = NULL;
    uint64_t standard_size = 0;
    uint32_t standard_type = 0;
    if (a->flags.standard_allocation) {
        const uint8_t *sa = need_in(c, a->standard_allocation, sizeof(struct d3dkmt_createstandardallocation));
        if (!sa) {
            return -1;
        }
        struct d3dkmt_createstandardallocation std;
        memcpy(&std, sa, sizeof std);
        const struct d3dddi_allocationinfo2 *first = (const void *)infos_in;
        int ok = a->alloc_count == 1 && std.existing_heap_data.size && std.existing_heap_data.size % PAGE == 0 &&
                 first->priv_drv_data_size == 0;
        if (std.type == D3DKMT_STANDARDALLOCATIONTYPE_EXISTINGHEAP) {
            ok = ok && a->flags.existing_sysmem && first->sysmem && first->sysmem % PAGE == 0;
        } else if (std.type == D3DKMT_STANDARDALLOCATIONTYPE_CROSSADAPTER) {
            ok = ok && !first->sysmem;
        } else {
            sim_log(c, "invalid standard allocation type");
            return sim_fail(c, EINVAL);
        }
        if (!ok) {
            sim_log(c, "invalid standard allocation");
            return sim_fail(c, EINVAL);
        }
        standard_size = std.existing_heap_data.size;
        standard_type = std.type;
    } else {
        resource_priv = need_in(c, a->priv_drv_data, a->priv_drv_data_size);
        if (!resource_priv) {
            return -1;
        }
    }
    /* sysmem: page-aligned, and all or none */
    const struct d3dddi_allocationinfo2 *infos = (const void *)infos_in;
    uint32_t with_sysmem = 0;
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        if (infos[i].sysmem && infos[i].sysmem % PAGE) {
            sim_log(c, "invalid sysmem pointer");
            return sim_fail(c, EINVAL);
        }
        with_sysmem += infos[i].sysmem != 0;
        if (infos[i].priv_drv_data_size >= DXG_MAX_VM_BUS_PACKET_SIZE) {
            sim_log(c, "private data size too big: %d %d %ld", infos[i].priv_drv_data_size, a->alloc_count, 0L);
            return sim_fail(c, EINVAL);
        }
    }
    if (with_sysmem && with_sysmem != a->alloc_count) {
        sim_log(c, "All allocs must have sysmem pointer");
        return sim_fail(c, EINVAL);
    }
    if (with_sysmem && !a->flags.existing_sysmem) {
        sim_log(c, "expect existing_sysmem flag");
        return sim_fail(c, EINVAL);
    }
    /* Adding to an existing resource, or creating one. */
    struct sim_object *resource = NULL;
    if (a->resource.v) {
        resource = find(c, a->resource.v, HMGR_RESOURCE, "invalid resource handle");
        if (!resource) {
            return -1;
        }
        if (resource->res.shared && resource->res.shared->sealed) {
            sim_log(c, "Resource is sealed");
            return sim_fail(c, EINVAL);
        }
    }
    const uint8_t *alloc_priv[MAX_ALLOCS];
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        alloc_priv[i] = need_in(c, infos[i].priv_drv_data, infos[i].priv_drv_data_size);
        if (!alloc_priv[i]) {
            return -1;
        }
    }
    if (standard_type) {
        standard_allocation_messages(c, dev->adapter, standard_type);
    }

    int created_resource = 0;
    if (!resource && a->flags.create_resource) {
        resource = sim_object_new(c->proc, HMGR_RESOURCE, dev->adapter);
        resource->device = dev;
        created_resource = 1;
        if (a->flags.create_shared) {
            struct sim_shared *sh = sim_shared_new(c->sim, SHARED_RESOURCE, dev->adapter);
            sh->runtime_size = a->private_runtime_data_size;
            sh->runtime_data = malloc(sh->runtime_size + 1);
            memcpy(sh->runtime_data, runtime, sh->runtime_size);
            sh->resource_size = standard_type ? 0 : a->priv_drv_data_size;
            sh->resource_data = malloc(sh->resource_size + 1);
            if (resource_priv) {
                memcpy(sh->resource_data, resource_priv, sh->resource_size);
            }
            sh->objects = 1;
            resource->res.shared = sh;
        }
    }
    struct sim_object *allocs[MAX_ALLOCS];
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        uint64_t size;
        uint32_t group, priority;
        kmd_describe(alloc_priv[i], infos[i].priv_drv_data_size, &size, &group, &priority);
        if (standard_type) {
            size = standard_size;
        }
        if (infos[i].sysmem) {
            group = DXGSIM_NON_LOCAL; /* guest pages: system memory */
        }
        if (infos[i].flags.override_priority) {
            priority = infos[i].priority;
        }
        allocs[i] = new_allocation(c, dev, resource, size, group, priority);
        struct sim_shared *sh = resource ? resource->res.shared : NULL;
        if (sh && sh->alloc_count < D3DKMT_CREATEALLOCATION_MAX) {
            uint32_t k = sh->alloc_count++;
            sh->alloc_size[k] = size;
            sh->alloc_group[k] = group;
            sh->alloc_data_size[k] = infos[i].priv_drv_data_size;
            sh->alloc_data[k] = malloc(infos[i].priv_drv_data_size + 1);
            memcpy(sh->alloc_data[k], alloc_priv[i], infos[i].priv_drv_data_size);
        }
    }

    /* CREATEALLOCATION: header, per-allocation info, runtime data, resource data, allocation data. */
    size_t len = sizeof(struct dxgkvmb_command_createallocation) +
                 a->alloc_count * sizeof(struct dxgkvmb_command_createallocation_allocinfo) +
                 a->private_runtime_data_size + (resource_priv ? a->priv_drv_data_size : 0);
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        len += infos[i].priv_drv_data_size;
    }
    if (len > DXG_MAX_VM_BUS_PACKET_SIZE) {
        for (uint32_t i = 0; i < a->alloc_count; i++) {
            sim_destroy_object(c->sim, c, allocs[i], 0);
        }
        if (created_resource) {
            sim_destroy_object(c->sim, c, resource, 0);
        }
        return sim_fail(c, EOVERFLOW);
    }
    uint8_t *m = calloc(1, len);
    struct dxgkvmb_command_createallocation *h = (void *)m;
    vmb_adapter_hdr(&h->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CREATEALLOCATION);
    h->device = a->device;
    h->resource.v = resource && !created_resource ? resource->handle : 0;
    h->private_runtime_data_size = a->private_runtime_data_size;
    h->priv_drv_data_size = resource_priv ? a->priv_drv_data_size : 0;
    h->alloc_count = a->alloc_count;
    h->flags = a->flags;
    h->private_runtime_resource_handle = a->private_runtime_resource_handle;
    size_t at = sizeof *h;
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        struct dxgkvmb_command_createallocation_allocinfo ai = {.flags = infos[i].flags.value,
                                                                 .priv_drv_data_size = infos[i].priv_drv_data_size,
                                                                 .vidpn_source_id = infos[i].vidpn_source_id};
        memcpy(m + at, &ai, sizeof ai);
        at += sizeof ai;
    }
    memcpy(m + at, runtime, a->private_runtime_data_size);
    at += a->private_runtime_data_size;
    if (resource_priv) {
        memcpy(m + at, resource_priv, a->priv_drv_data_size);
        at += a->priv_drv_data_size;
    }
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        memcpy(m + at, alloc_priv[i], infos[i].priv_drv_data_size);
        at += infos[i].priv_drv_data_size;
    }
    size_t rlen = sizeof(struct dxgkvmb_command_createallocation_return) +
                  (a->alloc_count - 1) * sizeof(struct dxgkvmb_command_allocinfo_return);
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        rlen += infos[i].priv_drv_data_size;
    }
    uint8_t *r = calloc(1, rlen);
    struct dxgkvmb_command_createallocation_return *rh = (void *)r;
    rh->flags = a->flags;
    rh->resource.v = resource ? resource->handle : 0;
    rh->global_share.v = resource && resource->res.shared ? c->sim->next_global_handle += 0x40 : 0;
    size_t rat = offsetof(struct dxgkvmb_command_createallocation_return, allocation_info) +
                 a->alloc_count * sizeof(struct dxgkvmb_command_allocinfo_return);
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        rh->allocation_info[i].allocation.v = allocs[i]->handle;
        rh->allocation_info[i].priv_drv_data_size = infos[i].priv_drv_data_size;
        rh->allocation_info[i].allocation_size = allocs[i]->alloc.size;
        memcpy(r + rat, alloc_priv[i], infos[i].priv_drv_data_size);
        rat += infos[i].priv_drv_data_size;
    }
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, m, len, r, rlen, STATUS_SUCCESS);
    if (with_sysmem) {
        for (uint32_t i = 0; i < a->alloc_count; i++) {
            struct dxgkvmb_command_setexistingsysmemstore s;
            memset(&s, 0, sizeof s);
            vmb_adapter_hdr(&s.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_SETEXISTINGSYSMEMSTORE);
            s.device = a->device;
            s.allocation.v = allocs[i]->handle;
            s.gpadl = 0x1000u + (uint32_t)i;
            send_simple(c, dev->adapter, &s, sizeof s, STATUS_SUCCESS);
        }
    }
    a->resource.v = rh->resource.v;
    a->global_share = rh->global_share;
    uint8_t *out = sim_out(c, a->allocation_info, a->alloc_count * (uint32_t)sizeof(struct d3dddi_allocationinfo2));
    if (out) {
        memcpy(out, infos_in, a->alloc_count * sizeof(struct d3dddi_allocationinfo2));
        struct d3dddi_allocationinfo2 *oi = (void *)out;
        for (uint32_t i = 0; i < a->alloc_count; i++) {
            oi[i].allocation.v = allocs[i]->handle;
        }
    }
    free(m);
    free(r);
    return 0;
}

/* Looks up a list of allocation handles of dev; fails the call on the first bad one. */
static int allocations_of(struct sim_call *c, uint64_t address, uint32_t count, struct sim_object **out,
                          struct sim_object *dev)
{
    const uint8_t *handles = need_in(c, address, (uint64_t)count * 4);
    if (!handles) {
        return -1;
    }
    for (uint32_t i = 0; i < count; i++) {
        uint32_t h;
        memcpy(&h, handles + i * 4, 4);
        out[i] = sim_lookup(c->proc, h, HMGR_ALLOCATION);
        if (!out[i] || (dev && out[i]->device != dev)) {
            sim_log(c, "invalid allocation handle %x", h);
            return sim_fail(c, EINVAL);
        }
    }
    return 0;
}

int sim_destroy_allocation(struct sim_call *c)
{
    struct d3dkmt_destroyallocation2 *a = ARG(struct d3dkmt_destroyallocation2);
    if (a->alloc_count > MAX_ALLOCS || (a->alloc_count == 0) == (a->resource.v == 0)) {
        sim_log(c, "invalid number of allocations");
        return sim_fail(c, EINVAL);
    }
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    if (a->resource.v) {
        struct sim_object *res = find(c, a->resource.v, HMGR_RESOURCE, "invalid resource handle");
        if (!res) {
            return -1;
        }
        if (res->device != dev) {
            sim_log(c, "Resource belongs to wrong device: %x", a->resource.v);
            return sim_fail(c, EINVAL);
        }
        sim_destroy_object(c->sim, c, res, 1);
        return 0;
    }
    struct sim_object *allocs[MAX_ALLOCS];
    const uint8_t *handles = need_in(c, a->allocations, (uint64_t)a->alloc_count * 4);
    if (!handles) {
        return -1;
    }
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        uint32_t h;
        memcpy(&h, handles + i * 4, 4);
        allocs[i] = sim_lookup(c->proc, h, HMGR_ALLOCATION);
        int reason = !allocs[i] ? 1 : allocs[i]->owner != allocs[0]->owner ? 2 : allocs[i]->device != dev ? 4
                   : allocs[i]->owner && allocs[i]->owner->res.shared ? 5 : 0;
        if (reason) {
            sim_log(c, "Alloc validation failed: reason: %d %x", reason, h);
            return sim_fail(c, EINVAL);
        }
    }
    size_t len = sizeof(struct dxgkvmb_command_destroyallocation) + (a->alloc_count - 1) * 4;
    struct dxgkvmb_command_destroyallocation *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_DESTROYALLOCATION);
    m->device = a->device;
    m->alloc_count = a->alloc_count;
    m->flags = a->flags;
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        m->allocations[i].v = allocs[i]->handle;
        sim_destroy_object(c->sim, c, allocs[i], 0);
    }
    send_simple(c, dev->adapter, m, len, STATUS_SUCCESS);
    free(m);
    return 0;
}

int sim_make_resident_ioctl(struct sim_call *c)
{
    struct d3dddi_makeresident *a = ARG(struct d3dddi_makeresident);
    if (a->alloc_count == 0 || a->alloc_count > MAX_RESIDENCY) {
        sim_log(c, "invalid number of allocations");
        return sim_fail(c, EINVAL);
    }
    if (!a->paging_queue.v) {
        sim_log(c, "paging queue is missing");
        return sim_fail(c, EINVAL);
    }
    struct sim_object *pq = find(c, a->paging_queue.v, HMGR_PAGINGQUEUE, "invalid paging queue handle:");
    if (!pq) {
        return -1;
    }
    struct sim_object **allocs = calloc(a->alloc_count, sizeof *allocs);
    const uint8_t *handles = need_in(c, a->allocation_list, (uint64_t)a->alloc_count * 4);
    int32_t status = STATUS_SUCCESS;
    for (uint32_t i = 0; handles && i < a->alloc_count; i++) {
        uint32_t h;
        memcpy(&h, handles + i * 4, 4);
        allocs[i] = sim_lookup(c->proc, h, HMGR_ALLOCATION);
        if (!allocs[i] || allocs[i]->device != pq->device) {
            status = STATUS_INVALID_PARAMETER; /* the host refuses the list */
        }
    }
    if (!handles) {
        free(allocs);
        return -1;
    }
    uint64_t fence = 0, trim = 0;
    if (status == STATUS_SUCCESS) {
        status = sim_make_resident(c->sim, pq, allocs, a->alloc_count, &fence, &trim);
    }
    size_t len = sizeof(struct dxgkvmb_command_makeresident) + (a->alloc_count - 1) * 4;
    struct dxgkvmb_command_makeresident *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_MAKERESIDENT);
    m->paging_queue = a->paging_queue; /* the guest never fills device */
    m->flags = a->flags;
    m->alloc_count = a->alloc_count;
    memcpy(m->allocations, handles, (size_t)a->alloc_count * 4);
    struct dxgkvmb_command_makeresident_return r = {.paging_fence_value = fence, .num_bytes_to_trim = trim,
                                                    .status = {.v = status}};
    vmb_exchange(c->sim, vmb_origin_of(c), pq->adapter, m, len, &r, sizeof r, status);
    free(m);
    free(allocs);
    a->paging_fence_value = fence;
    a->num_bytes_to_trim = trim;
    if (status != STATUS_SUCCESS && status != STATUS_PENDING) {
        sim_log(c, "send_make_resident failed %x", (uint32_t)status);
        return sim_fail_status(c, status);
    }
    c->ret = status; /* STATUS_PENDING comes back as a positive value */
    return 0;
}

int sim_evict_ioctl(struct sim_call *c)
{
    struct d3dkmt_evict *a = ARG(struct d3dkmt_evict);
    if (a->alloc_count == 0 || a->alloc_count > MAX_RESIDENCY) {
        sim_log(c, "invalid number of allocations");
        return sim_fail(c, EINVAL);
    }
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    struct sim_object **allocs = calloc(a->alloc_count, sizeof *allocs);
    if (allocations_of(c, a->allocations, a->alloc_count, allocs, dev) < 0) {
        free(allocs);
        return -1;
    }
    uint64_t trim = 0;
    sim_evict(c->sim, c->proc, allocs, a->alloc_count, &trim);
    size_t len = sizeof(struct dxgkvmb_command_evict) + (a->alloc_count - 1) * 4;
    struct dxgkvmb_command_evict *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_EVICT);
    m->device = a->device;
    m->flags = a->flags;
    m->alloc_count = a->alloc_count;
    for (uint32_t i = 0; i < a->alloc_count; i++) {
        m->allocations[i].v = allocs[i]->handle;
    }
    struct dxgkvmb_command_evict_return r = {.num_bytes_to_trim = trim};
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, m, len, &r, sizeof r, STATUS_SUCCESS);
    free(m);
    free(allocs);
    a->num_bytes_to_trim = trim;
    return 0;
}

/* Query/Set/GetAllocationPriority take a resource XOR a list of allocations. */
static int resource_or_list(struct sim_call *c, struct sim_object *dev, uint32_t resource, uint64_t list,
                            uint32_t count, struct sim_object ***out, uint32_t *n)
{
    if ((resource != 0) == (count != 0 && list != 0)) {
        sim_log(c, "invalid allocation count");
        return sim_fail(c, EINVAL);
    }
    if (resource) {
        struct sim_object *res = find(c, resource, HMGR_RESOURCE, "invalid resource handle");
        if (!res) {
            return -1;
        }
        *n = 0;
        *out = calloc(MAX_ALLOCS, sizeof **out);
        struct list *pos;
        for (pos = c->proc->objects.next; pos != &c->proc->objects && *n < MAX_ALLOCS; pos = pos->next) {
            struct sim_object *o = list_entry(pos, struct sim_object, in_process);
            if (o->type == HMGR_ALLOCATION && o->owner == res) {
                (*out)[(*n)++] = o;
            }
        }
        return 0;
    }
    if (count > 131072) {
        sim_log(c, "invalid allocation count");
        return sim_fail(c, EINVAL);
    }
    *out = calloc(count, sizeof **out);
    *n = count;
    if (allocations_of(c, list, count, *out, dev) < 0) {
        free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

static uint32_t residency_status(const struct sim_object *o)
{
    if (!o->alloc.resident) {
        return D3DKMT_ALLOCATIONRESIDENCYSTATUS_NOTRESIDENT;
    }
    return o->alloc.group == DXGSIM_LOCAL ? D3DKMT_ALLOCATIONRESIDENCYSTATUS_RESIDENTINGPUMEMORY
                                          : D3DKMT_ALLOCATIONRESIDENCYSTATUS_RESIDENTINSHAREDMEMORY;
}

int sim_query_allocation_residency(struct sim_call *c)
{
    struct d3dkmt_queryallocationresidency *a = ARG(struct d3dkmt_queryallocationresidency);
    struct sim_object *dev = find_device(c, a->device.v);
    struct sim_object **allocs = NULL;
    uint32_t n = 0;
    if (!dev || resource_or_list(c, dev, a->resource.v, a->allocations, a->allocation_count, &allocs, &n) < 0) {
        return -1;
    }
    uint32_t nstatus = a->resource.v ? 1 : n;
    uint32_t *status = (uint32_t *)sim_out(c, a->residency_status, nstatus * 4);
    for (uint32_t i = 0; status && i < nstatus; i++) {
        status[i] = residency_status(allocs[a->resource.v ? 0 : i]);
        if (a->resource.v) {
            /* a resource is resident when all its allocations are */
            for (uint32_t k = 0; k < n; k++) {
                if (!allocs[k]->alloc.resident) {
                    status[i] = D3DKMT_ALLOCATIONRESIDENCYSTATUS_NOTRESIDENT;
                }
            }
        }
    }
    size_t len = sizeof(struct dxgkvmb_command_queryallocationresidency) + (size_t)(a->resource.v ? 0 : n) * 4;
    struct dxgkvmb_command_queryallocationresidency *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_QUERYALLOCATIONRESIDENCY);
    m->args = *a;
    uint32_t *handles = (uint32_t *)(m + 1);
    for (uint32_t i = 0; !a->resource.v && i < n; i++) {
        handles[i] = allocs[i]->handle;
    }
    size_t rlen = 4 + (size_t)nstatus * 4;
    uint8_t *r = calloc(1, rlen);
    if (status) {
        memcpy(r + 4, status, (size_t)nstatus * 4);
    }
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, m, len, r, rlen, STATUS_SUCCESS);
    free(m);
    free(r);
    free(allocs);
    return 0;
}

static int allocation_priority(struct sim_call *c, int set)
{
    struct d3dkmt_setallocationpriority *a = ARG(struct d3dkmt_setallocationpriority);
    struct sim_object *dev = find_device(c, a->device.v);
    struct sim_object **allocs = NULL;
    uint32_t n = 0;
    if (!dev || resource_or_list(c, dev, a->resource.v, a->allocation_list, a->allocation_count, &allocs, &n) < 0) {
        return -1;
    }
    uint32_t npri = a->resource.v ? 1 : n;
    if (set) {
        const uint8_t *pri = need_in(c, a->priorities, (uint64_t)npri * 4);
        if (!pri) {
            free(allocs);
            return -1;
        }
        for (uint32_t i = 0; i < n; i++) {
            memcpy(&allocs[i]->alloc.priority, pri + (a->resource.v ? 0 : i) * 4, 4);
        }
        size_t len = sizeof(struct dxgkvmb_command_setallocationpriority) + (size_t)(a->resource.v ? 0 : n) * 4 +
                     (size_t)npri * 4;
        struct dxgkvmb_command_setallocationpriority *m = calloc(1, len);
        vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_SETALLOCATIONPRIORITY);
        m->device = a->device;
        m->resource = a->resource;
        m->allocation_count = a->resource.v ? 0 : n;
        send_simple(c, dev->adapter, m, len, STATUS_SUCCESS);
        free(m);
    } else {
        uint32_t *out = (uint32_t *)sim_out(c, a->priorities, npri * 4);
        for (uint32_t i = 0; out && i < npri; i++) {
            out[i] = n ? allocs[i]->alloc.priority : 0;
        }
        /* GETALLOCATIONPRIORITY is sent with its result area appended (dxg-abi.md §4.4). */
        size_t len = sizeof(struct dxgkvmb_command_getallocationpriority) + (size_t)(a->resource.v ? 0 : n) * 4 +
                     (size_t)npri * 4;
        struct dxgkvmb_command_getallocationpriority *m = calloc(1, len);
        vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_GETALLOCATIONPRIORITY);
        m->device = a->device;
        m->resource = a->resource;
        m->allocation_count = a->resource.v ? 0 : n;
        size_t rlen = 4 + (size_t)npri * 4;
        uint8_t *r = calloc(1, rlen);
        if (out) {
            memcpy(r + 4, out, (size_t)npri * 4);
        }
        vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, m, len, r, rlen, STATUS_SUCCESS);
        free(m);
        free(r);
    }
    free(allocs);
    return 0;
}

int sim_set_allocation_priority(struct sim_call *c)
{
    return allocation_priority(c, 1);
}

int sim_get_allocation_priority(struct sim_call *c)
{
    return allocation_priority(c, 0);
}

int sim_offer_allocations(struct sim_call *c)
{
    struct d3dkmt_offerallocations *a = ARG(struct d3dkmt_offerallocations);
    if (a->allocation_count == 0 || a->allocation_count > MAX_RESIDENCY || (a->resources != 0) == (a->allocations != 0)) {
        sim_log(c, "invalid number of allocations");
        return sim_fail(c, EINVAL);
    }
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    struct sim_object **allocs = calloc(a->allocation_count, sizeof *allocs);
    if (a->allocations && allocations_of(c, a->allocations, a->allocation_count, allocs, dev) < 0) {
        free(allocs);
        return -1;
    }
    for (uint32_t i = 0; a->allocations && i < a->allocation_count; i++) {
        allocs[i]->alloc.offered = 1;
    }
    size_t len = sizeof(struct dxgkvmb_command_offerallocations) + (a->allocation_count - 1) * 4;
    struct dxgkvmb_command_offerallocations *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_OFFERALLOCATIONS);
    m->device = a->device;
    m->allocation_count = a->allocation_count;
    m->priority = a->priority;
    m->flags = a->flags;
    m->resources = a->resources != 0;
    const uint8_t *handles = sim_in(c, a->resources ? a->resources : a->allocations, (uint64_t)a->allocation_count * 4);
    if (handles) {
        memcpy(m->allocations, handles, (size_t)a->allocation_count * 4);
    }
    send_simple(c, dev->adapter, m, len, STATUS_SUCCESS);
    free(m);
    free(allocs);
    return 0;
}

int sim_reclaim_allocations(struct sim_call *c)
{
    struct d3dkmt_reclaimallocations2 *a = ARG(struct d3dkmt_reclaimallocations2);
    if (a->allocation_count == 0 || a->allocation_count > MAX_RESIDENCY || (a->resources != 0) == (a->allocations != 0)) {
        sim_log(c, "invalid number of allocations");
        return sim_fail(c, EINVAL);
    }
    struct sim_object *pq = find(c, a->paging_queue.v, HMGR_PAGINGQUEUE, "invalid paging queue handle:");
    if (!pq) {
        return -1;
    }
    struct sim_object **allocs = calloc(a->allocation_count, sizeof *allocs);
    if (a->allocations && allocations_of(c, a->allocations, a->allocation_count, allocs, pq->device) < 0) {
        free(allocs);
        return -1;
    }
    uint32_t *results = (uint32_t *)sim_out(c, a->results, a->allocation_count * 4);
    for (uint32_t i = 0; a->allocations && i < a->allocation_count; i++) {
        /* An offered allocation the memory manager took back is discarded. */
        if (results) {
            results[i] = allocs[i]->alloc.offered && !allocs[i]->alloc.resident ? 1 : 0;
        }
        allocs[i]->alloc.offered = 0;
    }
    size_t len = sizeof(struct dxgkvmb_command_reclaimallocations) + (a->allocation_count - 1) * 4;
    struct dxgkvmb_command_reclaimallocations *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_RECLAIMALLOCATIONS);
    m->device.v = pq->device->handle;
    m->paging_queue = a->paging_queue;
    m->allocation_count = a->allocation_count;
    m->resources = a->resources != 0;
    m->write_results = a->results != 0;
    size_t rlen = sizeof(struct dxgkvmb_command_reclaimallocations_return) + (a->allocation_count - 1) * 4;
    struct dxgkvmb_command_reclaimallocations_return *r = calloc(1, rlen);
    r->paging_fence_value = pq->pq.fence_target;
    if (results) {
        memcpy(r->discarded, results, (size_t)a->allocation_count * 4);
    }
    vmb_exchange(c->sim, vmb_origin_of(c), pq->adapter, m, len, r, rlen, STATUS_SUCCESS);
    a->paging_fence_value = pq->pq.fence_target;
    free(m);
    free(r);
    free(allocs);
    return 0;
}

int sim_lock2(struct sim_call *c)
{
    struct d3dkmt_lock2 *a = ARG(struct d3dkmt_lock2);
    struct sim_object *dev = find_device(c, a->device.v);
    struct sim_object *o = dev ? find(c, a->allocation.v, HMGR_ALLOCATION, "invalid alloc") : NULL;
    if (!o) {
        return -1;
    }
    uint64_t length = (o->alloc.size + PAGE - 1) / PAGE * PAGE;
    if (o->alloc.lock_count == 0) {
        if (o->alloc.backing_fd < 0) {
            o->alloc.backing_fd = memfd_create("dxgsim-allocation", MFD_CLOEXEC);
            if (o->alloc.backing_fd < 0 || ftruncate(o->alloc.backing_fd, (off_t)length) < 0) {
                return sim_fail(c, ENOMEM);
            }
        }
        struct dxgkvmb_command_lock2 m;
        memset(&m, 0, sizeof m);
        vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_LOCK2);
        m.args = *a;
        struct dxgkvmb_command_lock2_return r = {.status = {.v = STATUS_SUCCESS},
                                                 .cpu_visible_buffer_offset = 0x10000000ull};
        vmb_exchange(c->sim, vmb_origin_of(c), o->adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    }
    o->alloc.lock_count++;
    sim_fixup_map(c, offsetof(struct d3dkmt_lock2, data), o->alloc.backing_fd, length,
                  (1ull << 32) | o->handle);
    return 0;
}

int sim_unlock2(struct sim_call *c)
{
    struct d3dkmt_unlock2 *a = ARG(struct d3dkmt_unlock2);
    struct sim_object *dev = find_device(c, a->device.v);
    struct sim_object *o = dev ? find(c, a->allocation.v, HMGR_ALLOCATION, "invalid alloc") : NULL;
    if (!o) {
        return -1;
    }
    if (o->alloc.lock_count == 0) {
        sim_log(c, "Allocation is not locked: %p", (void *)o);
        return sim_fail(c, EINVAL);
    }
    if (--o->alloc.lock_count == 0) {
        struct dxgkvmb_command_unlock2 m;
        memset(&m, 0, sizeof m);
        vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_UNLOCK2);
        m.args = *a;
        send_simple(c, o->adapter, &m, sizeof m, STATUS_SUCCESS);
        sim_fixup_unmap(c, (1ull << 32) | o->handle, (o->alloc.size + PAGE - 1) / PAGE * PAGE);
    }
    return 0;
}

int sim_invalidate_cache(struct sim_call *c)
{
    struct d3dkmt_invalidatecache *a = ARG(struct d3dkmt_invalidatecache);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev || !find(c, a->allocation.v, HMGR_ALLOCATION, "invalid alloc")) {
        return -1;
    }
    struct dxgkvmb_command_invalidatecache m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_INVALIDATECACHE);
    m.device = a->device;
    m.allocation = a->allocation;
    m.offset = a->offset;
    m.length = a->length;
    send_simple(c, dev->adapter, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}

/* The next paging-fence value of a queue, reached after a short paging operation. */
static uint64_t paging_operation(struct sim_call *c, struct sim_object *pq)
{
    uint64_t value = ++pq->pq.fence_target;
    sim_stream_push(c->sim, pq->pq.stream, (struct packet){.type = PKT_WORK, .duration = 3000});
    sim_stream_push(c->sim, pq->pq.stream, (struct packet){.type = PKT_SIGNAL, .fence = pq->pq.fence, .value = value});
    return value;
}

int sim_update_alloc_property(struct sim_call *c)
{
    struct d3dddi_updateallocproperty *a = ARG(struct d3dddi_updateallocproperty);
    struct sim_object *pq = find(c, a->paging_queue.v, HMGR_PAGINGQUEUE, "invalid paging queue handle:");
    if (!pq || !find(c, a->allocation.v, HMGR_ALLOCATION, "invalid alloc")) {
        return -1;
    }
    struct dxgkvmb_command_updateallocationproperty m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_UPDATEALLOCATIONPROPERTY);
    m.args = *a;
    uint64_t fence = paging_operation(c, pq);
    struct dxgkvmb_command_updateallocationproperty_return r = {.paging_fence_value = fence,
                                                                .status = {.v = STATUS_PENDING}};
    vmb_exchange(c->sim, vmb_origin_of(c), pq->adapter, &m, sizeof m, &r, sizeof r, STATUS_PENDING);
    a->paging_fence_value = fence;
    c->ret = STATUS_PENDING;
    return 0;
}

int sim_reserve_gpu_va(struct sim_call *c)
{
    struct d3dddi_reservegpuvirtualaddress *a = ARG(struct d3dddi_reservegpuvirtualaddress);
    struct sim_adapter *adapter = sim_adapter_of_handle(c->proc, a->adapter.v);
    if (!adapter) {
        struct sim_object *pq = sim_lookup(c->proc, a->adapter.v, HMGR_PAGINGQUEUE);
        adapter = pq ? pq->adapter : NULL;
    }
    if (!adapter || !a->size) {
        sim_log(c, "invalid adapter or paging queue handle %x", a->adapter.v);
        return sim_fail(c, EINVAL);
    }
    uint64_t va = a->base_address ? a->base_address : (c->proc->next_gpu_va + 0xFFFF) & ~0xFFFFull;
    if (!a->base_address) {
        c->proc->next_gpu_va = va + a->size;
    }
    struct dxgkvmb_command_reservegpuvirtualaddress m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_RESERVEGPUVIRTUALADDRESS);
    m.args = *a;
    struct dxgkvmb_command_reservegpuvirtualaddress_return r = {.virtual_address = va};
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    a->virtual_address = va;
    return 0;
}

int sim_map_gpu_va(struct sim_call *c)
{
    struct d3dddi_mapgpuvirtualaddress *a = ARG(struct d3dddi_mapgpuvirtualaddress);
    struct sim_object *pq = find(c, a->paging_queue.v, HMGR_PAGINGQUEUE, "invalid paging queue handle:");
    struct sim_object *o = pq ? find(c, a->allocation.v, HMGR_ALLOCATION, "invalid alloc") : NULL;
    if (!o) {
        return -1;
    }
    uint64_t va = a->base_address ? a->base_address : (c->proc->next_gpu_va + 0xFFFF) & ~0xFFFFull;
    if (!a->base_address) {
        c->proc->next_gpu_va = va + (a->size_in_pages ? a->size_in_pages * PAGE : o->alloc.size);
    }
    o->alloc.gpu_va = va;
    uint64_t fence = paging_operation(c, pq);
    struct dxgkvmb_command_mapgpuvirtualaddress m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_MAPGPUVIRTUALADDRESS);
    m.args = *a;
    m.device.v = pq->device->handle;
    struct dxgkvmb_command_mapgpuvirtualaddress_return r = {.virtual_address = va, .paging_fence_value = fence,
                                                            .status = {.v = STATUS_PENDING}};
    vmb_exchange(c->sim, vmb_origin_of(c), pq->adapter, &m, sizeof m, &r, sizeof r, STATUS_PENDING);
    a->virtual_address = va;
    a->paging_fence_value = fence;
    c->ret = STATUS_PENDING;
    return 0;
}

int sim_free_gpu_va(struct sim_call *c)
{
    struct d3dkmt_freegpuvirtualaddress *a = ARG(struct d3dkmt_freegpuvirtualaddress);
    struct sim_adapter *adapter = sim_adapter_of_handle(c->proc, a->adapter.v);
    if (!adapter) {
        return sim_fail(c, EINVAL);
    }
    struct dxgkvmb_command_freegpuvirtualaddress m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_FREEGPUVIRTUALADDRESS);
    m.args = *a;
    send_simple(c, adapter, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}

int sim_update_gpu_va(struct sim_call *c)
{
    struct d3dkmt_updategpuvirtualaddress *a = ARG(struct d3dkmt_updategpuvirtualaddress);
    if (a->num_operations == 0 || a->num_operations > 2048) {
        return sim_fail(c, EINVAL);
    }
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    const uint8_t *ops = need_in(c, a->operations, (uint64_t)a->num_operations * 64);
    if (!ops) {
        return -1;
    }
    size_t len = sizeof(struct dxgkvmb_command_updategpuvirtualaddress) + (a->num_operations - 1) * 64;
    struct dxgkvmb_command_updategpuvirtualaddress *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_UPDATEGPUVIRTUALADDRESS);
    m->fence_value = a->fence_value;
    m->device = a->device;
    m->context = a->context;
    m->fence_object = a->fence_object;
    m->num_operations = a->num_operations;
    memcpy(m->operations, ops, (size_t)a->num_operations * 64);
    send_simple(c, dev->adapter, m, len, STATUS_SUCCESS);
    free(m);
    return 0;
}

/* ---- sharing resources ---- */

int sim_share_objects(struct sim_call *c)
{
    struct d3dkmt_shareobjects *a = ARG(struct d3dkmt_shareobjects);
    if (a->object_count != 1) {
        sim_log(c, "invalid object count %d", a->object_count);
        return sim_fail(c, EINVAL);
    }
    const uint8_t *handles = need_in(c, a->objects, 4);
    if (!handles) {
        return -1;
    }
    uint32_t h;
    memcpy(&h, handles, 4);
    uint32_t type = hmgr_type(&c->proc->table, h);
    struct sim_shared *sh = NULL;
    if (type == HMGR_RESOURCE) {
        struct sim_object *res = sim_lookup(c->proc, h, HMGR_RESOURCE);
        sh = res ? res->res.shared : NULL;
        if (!sh) {
            sim_log(c, "resource object shared");
            return sim_fail(c, EINVAL);
        }
        sh->sealed = 1;
    } else if (type == HMGR_SYNCOBJECT) {
        struct sim_object *so = sim_lookup(c->proc, h, HMGR_SYNCOBJECT);
        sh = so ? so->sync.shared : NULL;
        if (!sh) {
            sim_log(c, "sync object is not shared");
            return sim_fail(c, EINVAL);
        }
    } else {
        sim_log(c, "invalid object handle %x", h);
        return sim_fail(c, EINVAL);
    }
    if (!sh->nt_handle) {
        sh->nt_handle = c->sim->next_global_handle += 0x40;
        struct dxgkvmb_command_createntsharedobject m;
        vmb_global_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CREATENTSHAREDOBJECT);
        m.object.v = h;
        struct d3dkmthandle r = {sh->nt_handle};
        vmb_exchange(c->sim, vmb_origin_of(c), NULL, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    }
    if (!sim_out(c, a->shared_handle, 8) || sim_give_object_fd(c, sh, sim_out_last(c), 0) < 0) {
        return sim_fail(c, ENOMEM);
    }
    return 0;
}

/* The shared resource behind the request's nt_handle fd; fails the call when there is none. */
static struct sim_shared *shared_resource_of(struct sim_call *c, uint64_t fd)
{
    if (c->nin_fds < 1) {
        sim_log(c, "failed to get file from handle: %llx", (unsigned long long)fd);
        sim_fail(c, EBADF);
        return NULL;
    }
    struct sim_shared *sh = sim_object_of_fd(c, fd);
    if (!sh || sh->kind != SHARED_RESOURCE) {
        sim_log(c, "invalid fd type: %llx", (unsigned long long)fd);
        sim_fail(c, EINVAL);
        return NULL;
    }
    return sh;
}

static uint32_t total_alloc_data(const struct sim_shared *sh)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < sh->alloc_count; i++) {
        total += sh->alloc_data_size[i];
    }
    return total;
}

int sim_query_resource_info_nt(struct sim_call *c)
{
    struct d3dkmt_queryresourceinfofromnthandle *a = ARG(struct d3dkmt_queryresourceinfofromnthandle);
    if (!find_device(c, a->device.v)) {
        return -1;
    }
    struct sim_shared *sh = shared_resource_of(c, a->nt_handle);
    if (!sh) {
        return -1;
    }
    sh->sealed = 1;
    a->private_runtime_data_size = sh->runtime_size;
    a->resource_priv_drv_data_size = sh->resource_size;
    a->total_priv_drv_data_size = total_alloc_data(sh);
    a->allocation_count = sh->alloc_count;
    return 0;
}

int sim_open_resource_nt(struct sim_call *c)
{
    struct d3dkmt_openresourcefromnthandle *a = ARG(struct d3dkmt_openresourcefromnthandle);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    struct sim_shared *sh = shared_resource_of(c, a->nt_handle);
    if (!sh) {
        return -1;
    }
    uint32_t total = total_alloc_data(sh);
    if (a->allocation_count != sh->alloc_count || (uint32_t)a->private_runtime_data_size < sh->runtime_size ||
        a->resource_priv_drv_data_size < sh->resource_size || a->total_priv_drv_data_size < total) {
        sim_log(c, "Invalid data sizes");
        return sim_fail(c, EINVAL);
    }
    struct sim_object *res = sim_object_new(c->proc, HMGR_RESOURCE, dev->adapter);
    res->device = dev;
    res->res.shared = sh;
    sh->objects++;
    struct sim_object *allocs[D3DKMT_CREATEALLOCATION_MAX];
    for (uint32_t i = 0; i < sh->alloc_count; i++) {
        allocs[i] = new_allocation(c, dev, res, sh->alloc_size[i], sh->alloc_group[i], 0);
    }
    size_t len = sizeof(struct dxgkvmb_command_openresource);
    struct dxgkvmb_command_openresource m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_OPENRESOURCE);
    m.device = a->device;
    m.nt_security_sharing = 1;
    m.global_share.v = sh->nt_handle;
    m.allocation_count = sh->alloc_count;
    m.total_priv_drv_data_size = total;
    size_t rlen = sizeof(struct dxgkvmb_command_openresource_return) + (size_t)sh->alloc_count * 4;
    uint8_t *r = calloc(1, rlen);
    struct dxgkvmb_command_openresource_return *rh = (void *)r;
    rh->resource.v = res->handle;
    for (uint32_t i = 0; i < sh->alloc_count; i++) {
        uint32_t h = allocs[i]->handle;
        memcpy(r + sizeof *rh + i * 4, &h, 4);
    }
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, &m, len, r, rlen, STATUS_SUCCESS);
    free(r);
    /* Outputs: allocation handles and private data (each allocation's data inside the total). */
    uint8_t *infos = sim_out(c, a->open_alloc_info, sh->alloc_count * (uint32_t)sizeof(struct d3dddi_openallocationinfo2));
    uint32_t at = 0;
    for (uint32_t i = 0; infos && i < sh->alloc_count; i++) {
        struct d3dddi_openallocationinfo2 *oi = (void *)(infos + i * sizeof *oi);
        oi->allocation.v = allocs[i]->handle;
        oi->priv_drv_data = a->total_priv_drv_data + at;
        oi->priv_drv_data_size = sh->alloc_data_size[i];
        at += sh->alloc_data_size[i];
    }
    uint8_t *total_out = total ? sim_out(c, a->total_priv_drv_data, total) : NULL;
    for (uint32_t i = 0, off = 0; total_out && i < sh->alloc_count; i++) {
        memcpy(total_out + off, sh->alloc_data[i], sh->alloc_data_size[i]);
        off += sh->alloc_data_size[i];
    }
    if (sh->runtime_size) {
        uint8_t *o = sim_out(c, a->private_runtime_data, sh->runtime_size);
        if (o) {
            memcpy(o, sh->runtime_data, sh->runtime_size);
        }
    }
    if (sh->resource_size) {
        uint8_t *o = sim_out(c, a->resource_priv_drv_data, sh->resource_size);
        if (o) {
            memcpy(o, sh->resource_data, sh->resource_size);
        }
    }
    a->resource.v = res->handle;
    a->total_priv_drv_data_size = total;
    a->private_runtime_data_size = (int32_t)sh->runtime_size;
    a->resource_priv_drv_data_size = sh->resource_size;
    return 0;
}

int sim_share_object_with_host(struct sim_call *c)
{
    struct d3dkmt_shareobjectwithhost *a = ARG(struct d3dkmt_shareobjectwithhost);
    if (!find_device(c, a->device_handle.v)) {
        return -1;
    }
    if (!hmgr_type(&c->proc->table, a->object_handle.v)) {
        sim_log(c, "invalid object handle %x", a->object_handle.v);
        return sim_fail(c, EINVAL);
    }
    struct dxgkvmb_command_shareobjectwithhost m;
    memset(&m, 0, sizeof m);
    vmb_global_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_SHAREOBJECTWITHHOST);
    m.device_handle = a->device_handle;
    m.object_handle = a->object_handle;
    struct dxgkvmb_command_shareobjectwithhost_return r = {.status = {.v = STATUS_SUCCESS},
                                                            .vail_nt_handle = 0x1000u + a->object_handle.v};
    vmb_exchange(c->sim, vmb_origin_of(c), NULL, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    a->object_vail_nt_handle = r.vail_nt_handle;
    return 0;
}
