/*
 * The dispatcher, as dxgk_ioctl does it (dxg-abi.md §2.1): reject nr 0 or past the table
 * ("bad ioctl"), empty slots ("ioctl callback is NULL"), any difference from the kernel's 32-bit
 * code ("ioctl mismatch": a wrong struct size gives ENOTTY), and a caller from another process
 * than the file's ("Call from a wrong process"). Then fault injection, the virtual clock, and
 * the handler.
 */
#include <errno.h>
#include <linux/ioctl.h>

#include "dxgscope/abi.h"
#include "sim.h"
#include "sim_server.h"

#define CALL_COST_NS 2000 /* guest work + VMBus round trip of a synchronous call */

void sim_dispatch(struct sim_call *c)
{
    struct sim *s = c->sim;
    c->handler = "dxgk_ioctl";
    uint32_t nr = _IOC_NR(c->request);
    const dxgs_ioctl *desc = dxgs_abi_ioctl_by_nr(nr);
    if (nr == 0 || !desc) {
        sim_log(c, "bad ioctl %x %x %x %x", nr, _IOC_TYPE(c->request), _IOC_SIZE(c->request), _IOC_DIR(c->request));
        c->ret = -1;
        c->err = ENOTTY;
        return;
    }
    const struct sim_handler_entry *h = sim_handler_for(nr);
    if (!h || !h->fn) {
        sim_log(c, "ioctl callback is NULL %x", nr);
        c->ret = -1;
        c->err = ENOTTY;
        return;
    }
    if (desc->code && c->request != desc->code) {
        sim_log(c, "ioctl mismatch. Code: %x User: %x Kernel: %x", nr, c->request, desc->code);
        c->ret = -1;
        c->err = ENOTTY;
        return;
    }
    if (!c->proc || c->proc->pid != c->pid) {
        sim_log(c, "Call from a wrong process: %d %d", c->proc ? c->proc->pid : 0, c->pid);
        c->ret = -1;
        c->err = ENOTTY;
        return;
    }
    c->handler = h->name;
    if (desc->arg_size && c->arg_size < desc->arg_size) {
        sim_log(c, "failed to copy input args");
        sim_fail(c, EFAULT);
        return;
    }
    s->call_count[nr & 127]++;
    sim_advance(s, s->now + CALL_COST_NS + sim_random(s) % 500);
    sim_faults_tick(s);
    int32_t injected = sim_fault_for_call(s, nr);
    if (injected != STATUS_SUCCESS) {
        sim_fail_status(c, injected);
        return;
    }
    if (desc->vmbus_command >= 0) {
        int drop = 0;
        uint64_t delay = sim_fault_reply_delay(s, (uint32_t)desc->vmbus_command, &drop);
        if (drop) {
            /* The request went out and no completion came back: the driver's wait gives up. */
            struct dxgkvmb_command_vgpu_to_host h;
            vmb_adapter_hdr(&h, c->proc->host_handle, (uint32_t)desc->vmbus_command);
            struct sim_adapter *a = NULL;
            for (int i = 0; i < s->nadapters && !a && desc->vmbus_command < 1000; i++) {
                a = c->proc->adapter_refs[i] ? &s->adapters[i] : NULL;
            }
            vmb_request_dropped(s, vmb_origin_of(c), a, &h, sizeof h);
            sim_log(c, "wait_for_completion failed: %x", (uint32_t)-ETIMEDOUT);
            sim_fail(c, ETIMEDOUT);
            return;
        }
        if (delay) {
            sim_advance(s, s->now + delay);
        }
    }
    c->ret = 0;
    h->fn(c);
}
