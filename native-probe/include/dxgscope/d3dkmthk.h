/*
 * The /dev/dxg ioctl ABI (userspace view, x86_64), written once for the probe, the collector,
 * the simulator, the workloads and the JNA device-query library.
 *
 * Facts come from shared/docs/dxg-abi.md and shared/abi/d3dkmthk-layout.tsv; the field table in
 * src/common/abi_table.c prints this header's offsetof/sizeof in that TSV's format and
 * tests/test_abi.c diffs it against the committed copy, so a wrong offset fails the build.
 * Every request is _IOWR('G', nr, struct): 0xC0000000 | sizeof << 16 | 0x4700 | nr.
 */
#ifndef DXGSCOPE_D3DKMTHK_H
#define DXGSCOPE_D3DKMTHK_H

#include <linux/ioctl.h>
#include <stdint.h>

#define DXG_IOCTL_TYPE 0x47

struct d3dkmthandle {
    uint32_t v;
};

struct winluid {
    uint32_t a;
    uint32_t b;
};

/* KMTQAITYPE values dxgscope asks for (Windows enum numbering). */
enum {
    KMTQAITYPE_UMDRIVERNAME = 1,
    KMTQAITYPE_DRIVERVERSION = 13,
    KMTQAITYPE_ADAPTERTYPE = 15,
    KMTQAITYPE_DRIVER_DESCRIPTION = 65,
};

struct d3dkmt_adapterinfo {
    struct d3dkmthandle adapter_handle;
    struct winluid adapter_luid;
    uint32_t num_sources;
    uint32_t present_move_regions_preferred;
};

struct d3dkmt_enumadapters3 {
    union {
        struct {
            uint32_t include_compute_only : 1;
            uint32_t include_display_only : 1;
            uint32_t reserved : 30;
        };
        uint64_t value;
    } filter;
    uint32_t adapter_count;
    uint32_t reserved;
    uint64_t adapters;
};

struct d3dkmt_closeadapter {
    struct d3dkmthandle adapter_handle;
};

struct d3dkmt_queryadapterinfo {
    struct d3dkmthandle adapter;
    uint32_t type;
    uint64_t private_data;
    uint32_t private_data_size;
};

/* KMTQAITYPE_ADAPTERTYPE result: a 32-bit flag word (Windows D3DKMT_ADAPTERTYPE bit order). */
struct d3dkmt_adaptertype {
    union {
        struct {
            uint32_t render_supported : 1;
            uint32_t display_supported : 1;
            uint32_t software_device : 1;
            uint32_t post_device : 1;
            uint32_t hybrid_discrete : 1;
            uint32_t hybrid_integrated : 1;
            uint32_t indirect_display_device : 1;
            uint32_t paravirtualized : 1;
            uint32_t acg_supported : 1;
            uint32_t support_set_timings_from_vidpn : 1;
            uint32_t detachable : 1;
            uint32_t compute_only : 1;
            uint32_t prototype : 1;
            uint32_t reserved : 19;
        };
        uint32_t value;
    };
};

#define LX_DXENUMADAPTERS3 _IOWR(DXG_IOCTL_TYPE, 0x3e, struct d3dkmt_enumadapters3)
#define LX_DXCLOSEADAPTER _IOWR(DXG_IOCTL_TYPE, 0x15, struct d3dkmt_closeadapter)
#define LX_DXQUERYADAPTERINFO _IOWR(DXG_IOCTL_TYPE, 0x09, struct d3dkmt_queryadapterinfo)

#endif
