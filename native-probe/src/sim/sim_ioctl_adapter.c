/* Adapters and queries: enumeration and adapter handles, QueryAdapterInfo, video memory budgets,
 * statistics, process enumeration, features, clock calibration, escapes and device state. */
#include <time.h>

#include "dxgscope/dxgsim.h"
#include "sim_ioctl.h"

static struct sim_adapter *adapter_by_luid(struct sim *s, struct winluid luid)
{
    for (int i = 0; i < s->nadapters; i++) {
        if (s->adapters[i].luid.a == luid.a && s->adapters[i].luid.b == luid.b) {
            return &s->adapters[i];
        }
    }
    return NULL;
}

/* A new adapter handle for the process (one more reference on its process-adapter info). */
static uint32_t open_adapter(struct sim_process *p, struct sim_adapter *a)
{
    p->adapter_refs[a->index]++;
    return hmgr_alloc(&p->local, HMGR_ADAPTER, a);
}

/* An adapter handle's adapter; fails the call with EINVAL (unknown) or ENODEV (removed). */
static struct sim_adapter *adapter_of(struct sim_call *c, uint32_t handle)
{
    struct sim_adapter *a = sim_adapter_of_handle(c->proc, handle);
    if (!a) {
        sim_log(c, "adapter_by_handle failed %x", handle);
        sim_fail(c, EINVAL);
        return NULL;
    }
    if (a->removed) {
        sim_fail(c, ENODEV);
        return NULL;
    }
    return a;
}

int sim_open_adapter_from_luid(struct sim_call *c)
{
    struct d3dkmt_openadapterfromluid *a = ARG(struct d3dkmt_openadapterfromluid);
    struct sim_adapter *adapter = adapter_by_luid(c->sim, a->adapter_luid);
    if (!adapter) {
        sim_log(c, "Adapter not found %x", a->adapter_luid.a);
        return sim_fail(c, EINVAL);
    }
    a->adapter_handle.v = open_adapter(c->proc, adapter);
    return 0;
}

int sim_enum_adapters2(struct sim_call *c)
{
    struct d3dkmt_enumadapters2 *a = ARG(struct d3dkmt_enumadapters2);
    uint32_t total = (uint32_t)c->sim->nadapters;
    if (!a->adapters) {
        a->num_adapters = total;
        return 0;
    }
    if (a->num_adapters > 64) {
        return sim_fail(c, EINVAL);
    }
    if (a->num_adapters < total) {
        sim_fail(c, EOVERFLOW);
        c->arg_size = 0; /* nothing is written back */
        return -1;
    }
    struct d3dkmt_adapterinfo *out = (void *)sim_out(c, a->adapters, a->num_adapters * (uint32_t)sizeof *out);
    uint32_t n = 0;
    for (int i = 0; out && i < c->sim->nadapters; i++) {
        struct sim_adapter *ad = &c->sim->adapters[i];
        if (ad->compute_only) {
            continue; /* EnumAdapters2 never lists compute-only adapters */
        }
        out[n].adapter_handle.v = open_adapter(c->proc, ad);
        out[n].adapter_luid = ad->luid;
        n++;
    }
    a->num_adapters = n;
    return 0;
}

int sim_enum_adapters3(struct sim_call *c)
{
    struct d3dkmt_enumadapters3 *a = ARG(struct d3dkmt_enumadapters3);
    uint32_t total = (uint32_t)c->sim->nadapters;
    if (!a->adapters || a->adapter_count == 0) {
        a->adapter_count = total;
        return 0;
    }
    if (a->adapter_count > 0xFFFF) {
        return sim_fail(c, EINVAL);
    }
    uint32_t room = a->adapter_count < total ? a->adapter_count : total;
    struct d3dkmt_adapterinfo *out = (void *)sim_out(c, a->adapters, room * (uint32_t)sizeof *out);
    uint32_t n = 0;
    for (int i = 0; out && i < c->sim->nadapters && n < room; i++) {
        struct sim_adapter *ad = &c->sim->adapters[i];
        if (ad->compute_only && !a->filter.include_compute_only) {
            continue;
        }
        out[n].adapter_handle.v = open_adapter(c->proc, ad);
        out[n].adapter_luid = ad->luid;
        n++;
    }
    a->adapter_count = n;
    return 0;
}

int sim_close_adapter(struct sim_call *c)
{
    struct d3dkmt_closeadapter *a = ARG(struct d3dkmt_closeadapter);
    struct sim_adapter *adapter = sim_adapter_of_handle(c->proc, a->adapter_handle.v);
    if (!adapter) {
        sim_log(c, "adapter_by_handle failed %x", a->adapter_handle.v);
        return sim_fail(c, EINVAL);
    }
    hmgr_free(&c->proc->local, a->adapter_handle.v);
    if (--c->proc->adapter_refs[adapter->index] == 0) {
        sim_process_adapter_release(c->sim, c, c->proc, adapter);
    }
    return 0;
}

static void put_utf16(uint8_t *out, uint32_t room_chars, const char *s)
{
    for (uint32_t i = 0; i + 1 < room_chars && s[i]; i++) {
        uint16_t ch = (uint8_t)s[i];
        memcpy(out + i * 2, &ch, 2);
    }
}

/* The answer of dxgsim's host to one KMTQAITYPE query; STATUS_INVALID_PARAMETER when it has none
 * (as real hosts answer the child-adapter probes runtimes make at start-up). */
static int32_t adapter_info(struct sim_adapter *a, uint32_t type, uint8_t *data, uint32_t size)
{
    switch (type) {
    case KMTQAITYPE_ADAPTERTYPE:
    case KMTQAITYPE_ADAPTERTYPE_RENDER: {
        if (size < 4) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        struct d3dkmt_adaptertype t = {0};
        t.render_supported = !a->compute_only;
        t.paravirtualized = 1; /* the guest driver forces these (dxg-abi.md §5) */
        t.compute_only = (uint32_t)a->compute_only;
        memcpy(data, &t, 4);
        return STATUS_SUCCESS;
    }
    case KMTQAITYPE_DRIVERVERSION:
    case KMTQAITYPE_DRIVERVERSION_RENDER: {
        uint32_t wddm = 3100;
        if (size < 4) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        memcpy(data, &wddm, 4);
        return STATUS_SUCCESS;
    }
    case KMTQAITYPE_DRIVER_DESCRIPTION:
    case KMTQAITYPE_DRIVER_DESCRIPTION_RENDER:
        put_utf16(data, size / 2, a->description);
        return STATUS_SUCCESS;
    case KMTQAITYPE_UMDRIVERNAME:
        if (size < 4 + 2) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        put_utf16(data + 4, (size - 4) / 2, "/usr/lib/wsl/drivers/dxgsim/libdxgsim_umd.so");
        return STATUS_SUCCESS;
    case KMTQAITYPE_ADAPTERGUID:
        if (size < 16) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        memset(data, 0, 16);
        memcpy(data, &a->luid, sizeof a->luid);
        return STATUS_SUCCESS;
    case KMTQAITYPE_GETSEGMENTSIZE:
        if (size < 24) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        memcpy(data, &a->segment_size[0], 8);      /* dedicated video memory */
        memset(data + 8, 0, 8);                    /* dedicated system memory */
        memcpy(data + 16, &a->segment_size[1], 8); /* shared system memory */
        return STATUS_SUCCESS;
    case KMTQAITYPE_PHYSICALADAPTERCOUNT: {
        uint32_t one = 1;
        if (size < 4) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        memcpy(data, &one, 4);
        return STATUS_SUCCESS;
    }
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

int sim_query_adapter_info(struct sim_call *c)
{
    struct d3dkmt_queryadapterinfo *a = ARG(struct d3dkmt_queryadapterinfo);
    if (a->private_data_size == 0 || a->private_data_size > DXG_MAX_VM_BUS_PACKET_SIZE) {
        sim_log(c, "invalid private data size");
        return sim_fail(c, EINVAL);
    }
    struct sim_adapter *adapter = adapter_of(c, a->adapter.v);
    if (!adapter) {
        return -1;
    }
    const uint8_t *in = need_in(c, a->private_data, a->private_data_size);
    if (!in) {
        return -1;
    }
    uint8_t *data = calloc(1, a->private_data_size);
    memcpy(data, in, a->private_data_size);
    int32_t status = adapter_info(adapter, a->type, data, a->private_data_size);
    size_t len = sizeof(struct dxgkvmb_command_queryadapterinfo) - 1 + a->private_data_size;
    struct dxgkvmb_command_queryadapterinfo *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_QUERYADAPTERINFO);
    m->query_type = a->type;
    m->private_data_size = a->private_data_size;
    memcpy(m->private_data, in, a->private_data_size);
    /* With interface version >= 40 the reply is the status followed by the private data. */
    size_t rlen = 4 + a->private_data_size;
    uint8_t *r = calloc(1, rlen);
    memcpy(r, &status, 4);
    memcpy(r + 4, data, a->private_data_size);
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, m, len, r, rlen, status);
    free(m);
    free(r);
    if (status != STATUS_SUCCESS) {
        free(data);
        return sim_fail_status(c, status);
    }
    uint8_t *out = sim_out(c, a->private_data, a->private_data_size);
    if (out) {
        memcpy(out, data, a->private_data_size);
    }
    free(data);
    return 0;
}

int sim_query_video_memory_info(struct sim_call *c)
{
    struct d3dkmt_queryvideomemoryinfo *a = ARG(struct d3dkmt_queryvideomemoryinfo);
    c->handler = "dxgkio_query_vidmem_info";
    if (a->process) {
        sim_log(c, "query vidmem info from another process");
        return sim_fail(c, EINVAL);
    }
    struct sim_adapter *adapter = adapter_of(c, a->adapter.v);
    if (!adapter) {
        return -1;
    }
    if (a->memory_segment_group > 1) {
        return sim_fail(c, EINVAL);
    }
    int g = (int)a->memory_segment_group;
    a->budget = sim_budget(c->proc, adapter, g);
    a->current_usage = c->proc->usage[adapter->index][g];
    a->current_reservation = c->proc->reservation[adapter->index][g];
    a->available_for_reservation = a->budget / 2;
    struct dxgkvmb_command_queryvideomemoryinfo m;
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_QUERYVIDEOMEMORYINFO);
    m.adapter.v = adapter->host_handle;
    m.memory_segment_group = a->memory_segment_group;
    m.physical_adapter_index = a->physical_adapter_index;
    struct dxgkvmb_command_queryvideomemoryinfo_return r = {a->budget, a->current_usage, a->current_reservation,
                                                            a->available_for_reservation};
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    return 0;
}

int sim_change_video_memory_reservation(struct sim_call *c)
{
    struct d3dkmt_changevideomemoryreservation *a = ARG(struct d3dkmt_changevideomemoryreservation);
    if (a->process) {
        sim_log(c, "setting memory reservation for other process");
        return sim_fail(c, EINVAL);
    }
    struct sim_adapter *adapter = adapter_of(c, a->adapter.v);
    if (!adapter || a->memory_segment_group > 1) {
        return adapter ? sim_fail(c, EINVAL) : -1;
    }
    c->proc->reservation[adapter->index][a->memory_segment_group] = a->reservation;
    struct dxgkvmb_command_changevideomemoryreservation m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_CHANGEVIDEOMEMORYRESERVATION);
    m.args = *a;
    send_simple(c, adapter, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}

int sim_query_statistics(struct sim_call *c)
{
    struct d3dkmt_querystatistics *a = ARG(struct d3dkmt_querystatistics);
    struct sim_adapter *adapter = adapter_by_luid(c->sim, a->adapter_luid);
    if (!adapter) {
        sim_log(c, "Failed to find dxgadapter");
        return sim_fail(c, EINVAL);
    }
    struct sim_process *target = c->proc;
    if (a->process) {
        target = sim_process_get(c->sim, (pid_t)a->process, NULL, 0);
        if (!target) {
            sim_log(c, "Invalid process ID is specified: %lld", (long long)a->process);
            return sim_fail(c, EINVAL);
        }
    }
    /* The query selector sits after the 776-byte result (the Windows layout). */
    uint32_t selector;
    memcpy(&selector, a->size + 800, 4);
    memset(&a->result, 0, sizeof a->result);
    if (a->type == D3DKMT_QUERYSTATISTICS_PROCESS_SEGMENT_GROUP && selector <= 1) {
        /* D3DKMT_QUERYSTATISTICS_PROCESS_SEGMENT_GROUP_INFORMATION: Budget, Requested, Usage, ... */
        uint64_t v[3] = {sim_budget(target, adapter, (int)selector), target->usage[adapter->index][selector],
                         target->usage[adapter->index][selector]};
        memcpy(&a->result, v, sizeof v);
    }
    struct dxgkvmb_command_querystatistics m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, target->host_handle, DXGK_VMBCOMMAND_QUERYSTATISTICS);
    m.args = *a;
    m.args.adapter_luid = adapter->host_luid; /* the guest sends the host LUID */
    struct dxgkvmb_command_querystatistics_return r;
    memset(&r, 0, sizeof r);
    memcpy(&r.result, &a->result, sizeof r.result);
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    return 0;
}

int sim_enum_processes(struct sim_call *c)
{
    struct d3dkmt_enumprocesses *a = ARG(struct d3dkmt_enumprocesses);
    struct sim_adapter *adapter = adapter_by_luid(c->sim, a->adapter_luid);
    if (!adapter) {
        sim_log(c, "Failed to find dxgadapter");
        return sim_fail(c, EINVAL);
    }
    uint32_t pids[1024], n = 0;
    for (struct sim_process *p = c->sim->processes; p && n < 1024; p = p->next) {
        if (p->adapter_refs[adapter->index]) {
            pids[n++] = (uint32_t)p->pid;
        }
    }
    if (a->buffer_count < n || !a->buffer) {
        a->buffer_count = n; /* the needed count is written back */
        return a->buffer ? sim_fail(c, EOVERFLOW) : 0;
    }
    uint8_t *out = n ? sim_out(c, a->buffer, n * 4) : NULL;
    if (out) {
        memcpy(out, pids, (size_t)n * 4);
    }
    a->buffer_count = n;
    return 0;
}

int sim_is_feature_enabled(struct sim_call *c)
{
    struct d3dkmt_isfeatureenabled *a = ARG(struct d3dkmt_isfeatureenabled);
    struct sim_adapter *adapter = adapter_of(c, a->adapter.v);
    if (!adapter) {
        return -1;
    }
    struct dxgkvmb_command_isfeatureenabled m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr((struct dxgkvmb_command_vgpu_to_host *)&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_ISFEATUREENABLED);
    m.feature_id = a->feature_id;
    struct dxgkvmb_command_isfeatureenabled_return r;
    memset(&r, 0, sizeof r);
    int known = a->feature_id == DXGK_FEATURE_HWSCH || a->feature_id == DXGK_FEATURE_PAGE_BASED_MEMORY_MANAGER ||
                a->feature_id == DXGK_FEATURE_KERNEL_MODE_TESTING;
    r.status.v = known ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    r.result.version = 1;
    r.result.known_feature = (uint16_t)known;
    r.result.enabled = a->feature_id == DXGK_FEATURE_HWSCH;
    r.result.supported_by_driver = r.result.enabled;
    r.result.supported_on_config = r.result.enabled;
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, &r, sizeof r, r.status.v);
    if (!known) {
        return sim_fail_status(c, r.status.v);
    }
    a->result = r.result;
    return 0;
}

int sim_query_clock_calibration(struct sim_call *c)
{
    struct d3dkmt_queryclockcalibration *a = ARG(struct d3dkmt_queryclockcalibration);
    struct sim_adapter *adapter = adapter_of(c, a->adapter.v);
    if (!adapter) {
        return -1;
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    a->clock_data.gpu_frequency = 1000000000ull;
    a->clock_data.gpu_clock_counter = c->sim->now;
    a->clock_data.cpu_clock_counter = (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
    struct dxgkvmb_command_queryclockcalibration m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_QUERYCLOCKCALIBRATION);
    m.args = *a;
    struct dxgkvmb_command_queryclockcalibration_return r = {.status = {.v = STATUS_SUCCESS},
                                                             .clock_data = a->clock_data};
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    return 0;
}

int sim_escape(struct sim_call *c)
{
    struct d3dkmt_escape *a = ARG(struct d3dkmt_escape);
    struct sim_adapter *adapter = adapter_of(c, a->adapter.v);
    if (!adapter) {
        return -1;
    }
    if (a->priv_drv_data_size > DXG_MAX_VM_BUS_PACKET_SIZE) {
        sim_log(c, "Invalid private data size");
        return sim_fail(c, EINVAL);
    }
    const uint8_t *priv = need_in(c, a->priv_drv_data, a->priv_drv_data_size);
    if (!priv) {
        return -1;
    }
    uint32_t known;
    if (a->flags.driver_known_escape && a->priv_drv_data_size >= 4 && (memcpy(&known, priv, 4), known <= 1)) {
        return 0; /* TRANSLATE*HANDLE: guest handles are host handles, no message */
    }
    size_t len = sizeof(struct dxgkvmb_command_escape) - 1 + a->priv_drv_data_size;
    struct dxgkvmb_command_escape *m = calloc(1, len);
    vmb_adapter_hdr(&m->hdr, c->proc->host_handle, DXGK_VMBCOMMAND_ESCAPE);
    m->adapter.v = adapter->host_handle;
    m->device = a->device;
    m->type = a->type;
    m->flags = a->flags;
    m->priv_drv_data_size = a->priv_drv_data_size;
    m->context = a->context;
    memcpy(m->priv_drv_data, priv, a->priv_drv_data_size);
    /* The host answers in place: dxgsim's KMD echoes the data. */
    vmb_exchange(c->sim, vmb_origin_of(c), adapter, m, len, m, len, STATUS_SUCCESS);
    free(m);
    uint8_t *out = a->priv_drv_data_size ? sim_out(c, a->priv_drv_data, a->priv_drv_data_size) : NULL;
    if (out) {
        memcpy(out, priv, a->priv_drv_data_size);
    }
    return 0;
}

int sim_get_device_state(struct sim_call *c)
{
    struct d3dkmt_getdevicestate *a = ARG(struct d3dkmt_getdevicestate);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    if (a->state_type == D3DKMT_DEVICESTATE_EXECUTION) {
        a->execution_state = dev->adapter->reset ? D3DKMT_DEVICEEXECUTION_RESET
                             : dev->dev.state_counter ? D3DKMT_DEVICEEXECUTION_ERROR_DMAFAULT
                                                      : D3DKMT_DEVICEEXECUTION_ACTIVE;
    } else if (a->state_type == D3DKMT_DEVICESTATE_PAGE_FAULT || a->state_type == D3DKMT_DEVICESTATE_RESET) {
        memset((uint8_t *)a + 8, 0, 48);
    } else {
        sim_log(c, "Failed to get device state %x", (uint32_t)STATUS_INVALID_PARAMETER);
        return sim_fail(c, EINVAL);
    }
    struct dxgkvmb_command_getdevicestate m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_GETDEVICESTATE);
    m.args = *a;
    struct dxgkvmb_command_getdevicestate_return r;
    memset(&r, 0, sizeof r);
    r.args = *a;
    r.status.v = STATUS_SUCCESS;
    vmb_exchange(c->sim, vmb_origin_of(c), dev->adapter, &m, sizeof m, &r, sizeof r, STATUS_SUCCESS);
    return 0;
}

int sim_mark_device_as_error(struct sim_call *c)
{
    struct d3dkmt_markdeviceaserror *a = ARG(struct d3dkmt_markdeviceaserror);
    struct sim_object *dev = find_device(c, a->device.v);
    if (!dev) {
        return -1;
    }
    dev->dev.state_counter++;
    struct dxgkvmb_command_markdeviceaserror m;
    memset(&m, 0, sizeof m);
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_MARKDEVICEASERROR);
    m.args = *a;
    send_simple(c, dev->adapter, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}

int sim_flush_heap_transitions(struct sim_call *c)
{
    struct d3dkmt_flushheaptransitions *a = ARG(struct d3dkmt_flushheaptransitions);
    struct sim_adapter *adapter = adapter_of(c, a->adapter.v);
    if (!adapter) {
        return -1;
    }
    struct dxgkvmb_command_flushheaptransitions m;
    vmb_adapter_hdr(&m.hdr, c->proc->host_handle, DXGK_VMBCOMMAND_FLUSHHEAPTRANSITIONS);
    send_simple(c, adapter, &m, sizeof m, STATUS_SUCCESS);
    return 0;
}
