/* Helpers shared by the ioctl handlers (sim_ioctl_*.c). */
#ifndef DXGSCOPE_SIM_IOCTL_H
#define DXGSCOPE_SIM_IOCTL_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "sim_residency.h"
#include "sim_server.h"

#define ARG(type) ((type *)(void *)c->arg)

/* A live object of the process by handle and type; otherwise logs "<what>" with the handle and
 * fails the call with EINVAL (the driver's lookups). */
static inline struct sim_object *find(struct sim_call *c, uint32_t handle, uint32_t type, const char *what)
{
    struct sim_object *o = sim_lookup(c->proc, handle, type);
    if (!o) {
        sim_log(c, "%s %x", what, handle);
        sim_fail(c, EINVAL);
        return NULL;
    }
    if (o->adapter && o->adapter->removed) {
        sim_fail(c, ENODEV); /* the adapter lock cannot be taken once the host stopped it */
        return NULL;
    }
    return o;
}

static inline struct sim_object *find_device(struct sim_call *c, uint32_t handle)
{
    return find(c, handle, HMGR_DEVICE, "invalid device handle:");
}

static inline uint64_t luid64(struct winluid l)
{
    return ((uint64_t)l.b << 32) | l.a;
}

/* Records the call's adapter command with a bare NTSTATUS reply. */
static inline void send_simple(struct sim_call *c, struct sim_adapter *a, void *msg, size_t len, int32_t status)
{
    struct vmb_status r = {status};
    vmb_exchange(c->sim, vmb_origin_of(c), a, msg, len, &r, sizeof r, status);
}

/* Copies a sized input buffer, failing with EFAULT when the client's memory was unreadable. */
static inline const uint8_t *need_in(struct sim_call *c, uint64_t address, uint64_t size)
{
    if (size == 0) {
        return (const uint8_t *)"";
    }
    const uint8_t *p = sim_in(c, address, size);
    if (!p) {
        sim_log(c, "failed to copy input args");
        sim_fail(c, EFAULT);
    }
    return p;
}

#endif
