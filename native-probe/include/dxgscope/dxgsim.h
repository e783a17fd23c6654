/*
 * Conventions of dxgsim's simulated host driver that clients may rely on. On a real GPU the
 * driver-private data of an allocation is the vendor's business; dxgsim's "KMD" reads this struct
 * from an allocation's private driver data (d3dddi_allocationinfo2.priv_drv_data) to learn the
 * allocation's size, placement and priority. Clients recognise the simulator by the adapter's
 * KMTQAITYPE_DRIVER_DESCRIPTION, which starts with DXGSIM_DESCRIPTION_PREFIX; on any other adapter
 * they must use standard (existing-heap) allocations instead.
 */
#ifndef DXGSCOPE_DXGSIM_H
#define DXGSCOPE_DXGSIM_H

#include <stdint.h>

#define DXGSIM_DESCRIPTION_PREFIX "dxgsim"
#define DXGSIM_ALLOC_MAGIC 0x4c414744u /* "DGAL" */

enum dxgsim_segment_group { DXGSIM_LOCAL = 0, DXGSIM_NON_LOCAL = 1 };

/* Private driver data of one allocation, as dxgsim's KMD understands it. */
struct dxgsim_alloc_private {
    uint32_t magic;          /* DXGSIM_ALLOC_MAGIC */
    uint32_t segment_group;  /* enum dxgsim_segment_group: where it lives when resident */
    uint64_t size;           /* bytes */
    uint32_t priority;       /* D3DDDI allocation priority (higher = evicted later); 0 = normal */
    uint32_t reserved;
};

/* Defaults (dxgsim --help lists the options that change them). */
#define DXGSIM_DEFAULT_LOCAL_BUDGET (256ull << 20)     /* per process, local segment group */
#define DXGSIM_DEFAULT_NON_LOCAL_BUDGET (1024ull << 20)
#define DXGSIM_DEFAULT_ALLOC_SIZE (64u << 10)          /* allocations without dxgsim private data */
#define DXGSIM_VMBUS_VERSION 40

#endif
