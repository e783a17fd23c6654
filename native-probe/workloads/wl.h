/*
 * Support library of the reference workloads: checked wrappers around the /dev/dxg ioctls
 * (shared/docs/dxg-abi.md §2.2) so that each workload reads as the list of driver calls it makes.
 *
 * Conventions:
 *  - every wrapper returns >= 0 on success and -errno on failure; a failed call has already printed
 *    one line "workload: <call>: ret <r> errno <name>" on stderr, and the caller decides whether the
 *    failure was expected;
 *  - on the dxgsim adapter allocations carry struct dxgsim_alloc_private (size, segment group,
 *    priority); on any other adapter they are standard existing-heap allocations backed by mmap'd
 *    memory, one per CreateAllocation call (dxg-abi.md §2.3), and the segment group is ignored;
 *  - command buffers are fake GPU virtual addresses, so on a non-dxgsim adapter submissions are
 *    skipped unless DXGSCOPE_WORKLOAD_SUBMIT=1 (a real GPU would fault on them).
 */
#ifndef DXGSCOPE_WL_H
#define DXGSCOPE_WL_H

#include <stdint.h>

#include "dxgscope/d3dkmthk.h"

#define WL_STATUS_PENDING 0x103
#define WL_MIB (1ull << 20)
#define WL_FAKE_GPU_VA 0x100000000ull
#define WL_FAKE_COMMAND_LENGTH 256u
#define WL_MAX_FDS 8

enum wl_adapter_kind {
    WL_RENDER,          /* first adapter with render_supported and not compute_only */
    WL_COMPUTE_PREFERRED /* first compute_only adapter, else the first render adapter */
};

/* One process's view of the device: the /dev/dxg fd, the adapter it kept and its device. */
struct wl_dev {
    int fd;
    struct d3dkmthandle adapter;
    struct d3dkmthandle device;
    int is_sim;       /* driver description starts with "dxgsim" */
    int compute_only; /* KMTQAITYPE_ADAPTERTYPE bit 11 */
    int submits;      /* fake-VA submissions allowed (dxgsim, or DXGSCOPE_WORKLOAD_SUBMIT=1) */
    char description[128];
};

/* A hardware queue (progress fence) or a paging queue (paging fence). */
struct wl_queue {
    struct d3dkmthandle handle;
    struct d3dkmthandle fence;
    volatile uint64_t *fence_cpu;
};

struct wl_fence {
    struct d3dkmthandle handle;
    volatile uint64_t *cpu;
};

struct wl_alloc {
    struct d3dkmthandle handle;
    void *sysmem; /* non-dxgsim adapters: the mapping that backs the allocation */
    uint64_t size;
};

enum wl_alloc_kind {
    WL_ALLOC_PLAIN,          /* device-owned allocations */
    WL_ALLOC_RESOURCE,       /* create_resource */
    WL_ALLOC_SHARED_RESOURCE /* create_resource | create_shared | nt_security_sharing */
};

struct wl_alloc_spec {
    uint32_t count; /* 1..D3DKMT_CREATEALLOCATION_MAX */
    uint64_t size;  /* bytes, each */
    uint32_t segment_group; /* enum dxgsim_segment_group (dxgsim only) */
    enum wl_alloc_kind kind;
};

/* ---- process, reporting ---- */
void wl_init(const char *prog);
const char *wl_prog(void);
void wl_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *wl_errno_name(int err);
void wl_report(const char *call, long ret, int err);
int wl_ioctl(int fd, const char *call, unsigned long request, void *arg);
#define WL_IOCTL(fd, request, arg) wl_ioctl((fd), #request, (request), (arg))
uint32_t wl_arg_u32(int argc, char **argv, int index, uint32_t def, uint32_t min, uint32_t max);

/* ---- device, adapters ---- */
int wl_open_device(void);
int wl_open(struct wl_dev *d, enum wl_adapter_kind kind);
int wl_create_device(struct wl_dev *d);
int wl_setup(struct wl_dev *d, enum wl_adapter_kind kind);
int wl_destroy_device(struct wl_dev *d);
int wl_close_adapter(struct wl_dev *d);
int wl_teardown(struct wl_dev *d);

/* ---- contexts and queues ---- */
int wl_create_context(struct wl_dev *d, int hw_queue_supported, struct d3dkmthandle *ctx);
int wl_destroy_context(struct wl_dev *d, struct d3dkmthandle ctx);
int wl_create_hwqueue(struct wl_dev *d, struct d3dkmthandle ctx, struct wl_queue *q);
int wl_destroy_hwqueue(struct wl_dev *d, const struct wl_queue *q);
int wl_create_paging_queue(struct wl_dev *d, struct wl_queue *q);
int wl_destroy_paging_queue(struct wl_dev *d, const struct wl_queue *q);

/* ---- allocations and residency ---- */
int wl_create_allocations(struct wl_dev *d, const struct wl_alloc_spec *spec, struct wl_alloc *out,
                          struct d3dkmthandle *resource);
int wl_destroy_allocations(struct wl_dev *d, struct wl_alloc *a, uint32_t n);
int wl_destroy_resource(struct wl_dev *d, struct d3dkmthandle resource, struct wl_alloc *a, uint32_t n);
int wl_make_resident(struct wl_dev *d, const struct wl_queue *paging_queue, const struct wl_alloc *a,
                     uint32_t n, uint64_t *bytes_to_trim);
/* QueryVideoMemoryInfo of this process for a segment group (0 LOCAL, 1 NON_LOCAL). */
int wl_query_budget(struct wl_dev *d, uint32_t segment_group, uint64_t *budget, uint64_t *usage);
int wl_evict(struct wl_dev *d, const struct wl_alloc *a, uint32_t n, uint64_t *bytes_to_trim);
/* LX_DXQUERYALLOCATIONRESIDENCY for n allocations: status[i] is 1 (GPU memory), 2 (shared
 * memory) or 3 (not resident). Evictions by the host's memory manager show only this way. */
int wl_query_residency(struct wl_dev *d, const struct wl_alloc *a, uint32_t n, uint32_t *status);

/* ---- synchronization and submission ---- */
int wl_create_fence(struct wl_dev *d, int shared, struct wl_fence *f);
int wl_destroy_sync(struct wl_dev *d, struct d3dkmthandle sync_object);
int wl_submit(struct wl_dev *d, struct d3dkmthandle ctx);
int wl_submit_hwqueue(struct wl_dev *d, const struct wl_queue *q, uint64_t progress_fence_id);
int wl_signal_gpu(struct wl_dev *d, struct d3dkmthandle ctx, struct d3dkmthandle fence, uint64_t value);
int wl_wait_cpu(struct wl_dev *d, struct d3dkmthandle object, uint64_t value, int event_fd);
int wl_wait_gpu(struct wl_dev *d, struct d3dkmthandle ctx, struct d3dkmthandle fence, uint64_t value);

/* ---- sharing ---- */
int wl_share(struct wl_dev *d, struct d3dkmthandle object, int *fd_out);
int wl_open_resource(struct wl_dev *d, int nt_fd, struct d3dkmthandle *resource, struct wl_alloc *out,
                     uint32_t max, uint32_t *count);
int wl_open_fence(struct wl_dev *d, int nt_fd, struct wl_fence *f);
int wl_send_fds(int sock, const int *fds, int n);
int wl_recv_fds(int sock, int *fds, int n);

#endif
