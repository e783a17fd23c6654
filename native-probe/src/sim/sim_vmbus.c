/*
 * The VMBus messages the guest driver sends for each call and the host's replies (dxg-abi.md §4),
 * recorded into the capture as VMBUS records. Framing: the 16-byte extension header when the
 * interface version is >= 40, then the command (its 24-byte header first). Adapter commands use
 * the adapter's channel, or the global channel when the host enabled asynchronous messages;
 * global commands always use the global channel. Sync requests get a per-channel request id
 * counting from 1; async ones have id 0 and no reply.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "dxgscope/capture_format.h"
#include "sim.h"
#include "sim_emit.h"

struct vmb_origin vmb_origin_of(const struct sim_call *c)
{
    return (struct vmb_origin){(uint32_t)c->pid, (uint32_t)c->tid, c->enter_seq};
}

struct vmb_origin vmb_origin_process(const struct sim_process *p)
{
    return (struct vmb_origin){(uint32_t)p->pid, 0, 0};
}

void vmb_adapter_hdr(struct dxgkvmb_command_vgpu_to_host *h, uint32_t process, uint32_t type)
{
    memset(h, 0, sizeof *h);
    h->process.v = process;
    h->channel_type = DXGKVMB_VGPU_TO_HOST;
    h->command_type = type;
}

void vmb_global_hdr(struct dxgkvmb_command_vm_to_host *h, uint32_t process, uint32_t type)
{
    memset(h, 0, sizeof *h);
    h->process.v = process;
    h->channel_type = DXGKVMB_VM_TO_HOST;
    h->command_type = type;
}

int vmb_is_async(const struct sim *s, uint32_t command_type)
{
    if (!s->cfg.async_vmbus) {
        return 0;
    }
    return command_type == DXGK_VMBCOMMAND_SUBMITCOMMAND || command_type == DXGK_VMBCOMMAND_SUBMITCOMMANDTOHWQUEUE ||
           command_type == DXGK_VMBCOMMAND_SIGNALSYNCOBJECT || command_type == DXGK_VMBCOMMAND_WAITFORSYNCOBJECTFROMGPU;
}

static uint64_t luid64(struct winluid l)
{
    return ((uint64_t)l.b << 32) | l.a;
}

/*
 * The host's time to answer (--host-latency-us): uniform in [mean/2, 3*mean/2), and one reply in
 * 256 takes 20 times the mean (a host that is busy elsewhere), so the VMBus view has a latency
 * distribution with a tail. Real time passes: the guest thread waits for the reply as it would.
 */
static void host_latency(struct sim *s)
{
    uint64_t mean = s->cfg.host_latency_ns;
    if (!mean) {
        return;
    }
    uint64_t z = (s->latency_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    uint64_t ns = (z >> 56) == 0 ? 20 * mean : mean / 2 + (z % (mean ? mean : 1));
    struct timespec t = {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

void vmb_exchange(struct sim *s, struct vmb_origin o, struct sim_adapter *a, void *msg, size_t len,
                  const void *reply, size_t reply_len, int32_t status)
{
    if (!sim_emit_recording()) {
        return;
    }
    uint32_t type = ((const struct dxgkvmb_command_vgpu_to_host *)msg)->command_type;
    int global_command = a == NULL;
    int async = !global_command && vmb_is_async(s, type);
    if (async) {
        ((struct dxgkvmb_command_vgpu_to_host *)msg)->async_msg = 1;
    }
    int on_global = global_command || s->cfg.async_vmbus;
    uint32_t transaction = 0;
    if (!async) {
        transaction = on_global ? ++s->global_transaction : ++a->channel_transaction;
    }
    uint8_t packet[DXG_MAX_VM_BUS_PACKET_SIZE + sizeof(struct dxgvmb_ext_header)];
    size_t at = 0;
    if (s->cfg.vmbus_version >= 40) {
        struct dxgvmb_ext_header ext = {.command_offset = sizeof ext};
        if (a) {
            ext.vgpu_luid = a->vgpu_luid;
        }
        memcpy(packet, &ext, sizeof ext);
        at = sizeof ext;
    }
    if (len > sizeof packet - at) {
        len = sizeof packet - at;
    }
    memcpy(packet + at, msg, len);
    uint64_t luid = a ? luid64(a->luid) : 0;
    uint32_t channel = on_global ? DXGCAP_CHANNEL_GLOBAL : DXGCAP_CHANNEL_ADAPTER;
    sim_emit_vmbus(o.pid, o.tid, channel, DXGCAP_VMBUS_REQUEST, luid, o.cause, transaction,
                   async ? DXGCAP_VMBUS_ASYNC : 0, 0, type, packet, (uint32_t)(at + len));
    if (!async) {
        host_latency(s);
        sim_emit_vmbus(o.pid, o.tid, channel, DXGCAP_VMBUS_REPLY, luid, o.cause, transaction, 0, status, type,
                       reply, (uint32_t)reply_len);
    }
}

void vmb_request_dropped(struct sim *s, struct vmb_origin o, struct sim_adapter *a, void *msg, size_t len)
{
    uint32_t type = ((const struct dxgkvmb_command_vgpu_to_host *)msg)->command_type;
    int on_global = a == NULL || s->cfg.async_vmbus;
    uint32_t transaction = on_global ? ++s->global_transaction : ++a->channel_transaction;
    uint8_t packet[sizeof(struct dxgvmb_ext_header) + 256];
    struct dxgvmb_ext_header ext = {.command_offset = sizeof ext};
    if (a) {
        ext.vgpu_luid = a->vgpu_luid;
    }
    size_t at = 0;
    if (s->cfg.vmbus_version >= 40) {
        memcpy(packet, &ext, sizeof ext);
        at = sizeof ext;
    }
    len = len > 256 ? 256 : len;
    memcpy(packet + at, msg, len);
    sim_emit_vmbus(o.pid, o.tid, on_global ? DXGCAP_CHANNEL_GLOBAL : DXGCAP_CHANNEL_ADAPTER, DXGCAP_VMBUS_REQUEST,
                   a ? luid64(a->luid) : 0, o.cause, transaction, DXGCAP_VMBUS_DROPPED, 0, type, packet,
                   (uint32_t)(at + len));
}

void vmb_host_message(struct sim *s, struct vmb_origin o, struct sim_adapter *a, const void *msg, size_t len)
{
    (void)s;
    uint32_t type = ((const struct dxgkvmb_command_host_to_vm *)msg)->command_type;
    sim_emit_vmbus(o.pid, o.tid, DXGCAP_CHANNEL_GLOBAL, DXGCAP_VMBUS_HOST_MESSAGE, a ? luid64(a->luid) : 0, o.cause, 0,
                   0, 0, type, msg, (uint32_t)len);
}
