/* Support library of the reference workloads (see wl.h for the conventions). */
#include "wl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dxgscope/dxgsim.h"
#include "utf16.h"

/* KMTQAITYPE_DRIVER_DESCRIPTION result: D3DKMT_DRIVER_DESCRIPTION, WCHAR[4096]. */
#define DRIVER_DESCRIPTION_CHARS 4096
#define ADAPTERS_ROOM D3DKMT_ADAPTERS_MAX

static const char *prog_name = "workload";

static void *ptr(uint64_t v)
{
    return (void *)(uintptr_t)v;
}

static uint64_t u64(const void *p)
{
    return (uint64_t)(uintptr_t)p;
}

/* ------------------------------------------------------------------------------------------ */
/* Process, reporting                                                                          */
/* ------------------------------------------------------------------------------------------ */

void wl_init(const char *prog)
{
    prog_name = prog;
    /* Line-buffered so output is not duplicated by fork() and interleaves sanely in a pipe. */
    setvbuf(stdout, NULL, _IOLBF, 0);
}

const char *wl_prog(void)
{
    return prog_name;
}

void wl_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s: ", prog_name);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

const char *wl_errno_name(int err)
{
    /* strerrorname_np needs glibc 2.32; WSL distributions can be older. */
    static const struct {
        int err;
        const char *name;
    } names[] = {
        {EPERM, "EPERM"},         {ENOENT, "ENOENT"},           {ESRCH, "ESRCH"},
        {EINTR, "EINTR"},         {EIO, "EIO"},                 {ENXIO, "ENXIO"},
        {E2BIG, "E2BIG"},         {EBADF, "EBADF"},             {ECHILD, "ECHILD"},
        {EAGAIN, "EAGAIN"},       {ENOMEM, "ENOMEM"},           {EACCES, "EACCES"},
        {EFAULT, "EFAULT"},       {EBUSY, "EBUSY"},             {EEXIST, "EEXIST"},
        {ENODEV, "ENODEV"},       {EINVAL, "EINVAL"},           {ENFILE, "ENFILE"},
        {EMFILE, "EMFILE"},       {ENOTTY, "ENOTTY"},           {ENOSPC, "ENOSPC"},
        {EPIPE, "EPIPE"},         {ERANGE, "ERANGE"},           {ENOSYS, "ENOSYS"},
        {EPROTO, "EPROTO"},       {EOVERFLOW, "EOVERFLOW"},     {ENOTSOCK, "ENOTSOCK"},
        {EPROTOTYPE, "EPROTOTYPE"}, {EOPNOTSUPP, "EOPNOTSUPP"}, {ECONNRESET, "ECONNRESET"},
        {ENOTCONN, "ENOTCONN"},   {ETIMEDOUT, "ETIMEDOUT"},     {ECONNREFUSED, "ECONNREFUSED"},
        {EINPROGRESS, "EINPROGRESS"},
    };
    static char other[24];
    if (err == 0) {
        return "none";
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].err == err) {
            return names[i].name;
        }
    }
    snprintf(other, sizeof other, "E%d", err);
    return other;
}

void wl_report(const char *call, long ret, int err)
{
    fprintf(stderr, "workload: %s: ret %ld errno %s\n", call, ret, wl_errno_name(err));
}

int wl_ioctl(int fd, const char *call, unsigned long request, void *arg)
{
    int r = ioctl(fd, request, arg);
    if (r < 0) {
        int err = errno;
        wl_report(call, r, err);
        return -err;
    }
    return r;
}

uint32_t wl_arg_u32(int argc, char **argv, int index, uint32_t def, uint32_t min, uint32_t max)
{
    if (index >= argc) {
        return def;
    }
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(argv[index], &end, 10);
    if (errno || !end || *end || end == argv[index] || v < min || v > max) {
        fprintf(stderr, "%s: argument %d must be a number in %u..%u\n", prog_name, index, min, max);
        exit(2);
    }
    return (uint32_t)v;
}

/* ------------------------------------------------------------------------------------------ */
/* Device and adapters                                                                         */
/* ------------------------------------------------------------------------------------------ */

int wl_open_device(void)
{
    /* sim:SOCKET is handled by the probe, which redirects the literal /dev/dxg. */
    const char *env = getenv("DXGSCOPE_DEVICE");
    const char *path = (env && *env && strncmp(env, "sim:", 4) != 0) ? env : "/dev/dxg";
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        char call[300];
        snprintf(call, sizeof call, "open(%s)", path);
        wl_report(call, fd, err);
        return -err;
    }
    return fd;
}

static int query_info(int fd, struct d3dkmthandle adapter, uint32_t type, void *data, uint32_t size)
{
    struct d3dkmt_queryadapterinfo q = {0};
    q.adapter = adapter;
    q.type = type;
    q.private_data = u64(data);
    q.private_data_size = size;
    return WL_IOCTL(fd, LX_DXQUERYADAPTERINFO, &q);
}

static int starts_with_sim(const uint16_t *text)
{
    const char *prefix = DXGSIM_DESCRIPTION_PREFIX;
    for (size_t i = 0; prefix[i]; i++) {
        if (text[i] != (uint16_t)(unsigned char)prefix[i]) {
            return 0;
        }
    }
    return 1;
}

struct adapter_probe {
    struct d3dkmthandle handle;
    struct d3dkmt_adaptertype type;
    int type_ok;
    int is_sim;
    char description[128];
};

/* A description that cannot be read just means "not dxgsim"; the failure line is printed. */
static void probe_adapter(int fd, struct adapter_probe *a)
{
    a->type_ok = query_info(fd, a->handle, KMTQAITYPE_ADAPTERTYPE, &a->type, sizeof a->type) >= 0;
    uint16_t *text = calloc(DRIVER_DESCRIPTION_CHARS, sizeof(uint16_t));
    if (!text) {
        return;
    }
    if (query_info(fd, a->handle, KMTQAITYPE_DRIVER_DESCRIPTION, text,
                   DRIVER_DESCRIPTION_CHARS * sizeof(uint16_t)) >= 0) {
        text[DRIVER_DESCRIPTION_CHARS - 1] = 0;
        a->is_sim = starts_with_sim(text);
        dxgs_utf16_to_utf8(text, DRIVER_DESCRIPTION_CHARS, a->description, sizeof a->description);
    }
    free(text);
}

/* EnumAdapters3 opens one adapter handle per adapter; *out must later be closed. */
static int enum_adapters(int fd, struct d3dkmt_adapterinfo **out, uint32_t *count)
{
    struct d3dkmt_enumadapters3 e = {0};
    e.filter.include_compute_only = 1;
    int r = WL_IOCTL(fd, LX_DXENUMADAPTERS3, &e);
    if (r < 0) {
        return r;
    }
    /* The driver's fill loop does not bound itself by our count: leave room for hot-adds. */
    uint32_t total = e.adapter_count;
    uint32_t room = total > ADAPTERS_ROOM ? total : ADAPTERS_ROOM;
    struct d3dkmt_adapterinfo *list = calloc(room, sizeof *list);
    if (!list) {
        return -ENOMEM;
    }
    e.adapter_count = total;
    e.adapters = u64(list);
    r = total ? WL_IOCTL(fd, LX_DXENUMADAPTERS3, &e) : 0;
    if (r < 0) {
        free(list);
        return r;
    }
    *out = list;
    *count = total ? (e.adapter_count < room ? e.adapter_count : room) : 0;
    return 0;
}

static int close_adapter_handle(int fd, struct d3dkmthandle h)
{
    struct d3dkmt_closeadapter c = {h};
    return WL_IOCTL(fd, LX_DXCLOSEADAPTER, &c);
}

static int wanted(const struct adapter_probe *a, int compute)
{
    if (!a->type_ok) {
        return 0;
    }
    return compute ? a->type.compute_only : (a->type.render_supported && !a->type.compute_only);
}

static int choose_adapter(const struct adapter_probe *a, uint32_t n, enum wl_adapter_kind kind)
{
    if (kind == WL_COMPUTE_PREFERRED) {
        for (uint32_t i = 0; i < n; i++) {
            if (wanted(&a[i], 1)) {
                return (int)i;
            }
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        if (wanted(&a[i], 0)) {
            return (int)i;
        }
    }
    return -1;
}

static void keep_adapter(struct wl_dev *d, const struct adapter_probe *a)
{
    d->adapter = a->handle;
    d->is_sim = a->is_sim;
    d->compute_only = a->type.compute_only;
    snprintf(d->description, sizeof d->description, "%s", a->description);
    const char *force = getenv("DXGSCOPE_WORKLOAD_SUBMIT");
    d->submits = d->is_sim || (force && !strcmp(force, "1"));
}

static int pick_adapter(struct wl_dev *d, struct adapter_probe *probes, uint32_t n,
                        enum wl_adapter_kind kind)
{
    for (uint32_t i = 0; i < n; i++) {
        probe_adapter(d->fd, &probes[i]);
    }
    int chosen = choose_adapter(probes, n, kind);
    int r = 0;
    for (uint32_t i = 0; i < n; i++) {
        if ((int)i != chosen && close_adapter_handle(d->fd, probes[i].handle) < 0) {
            r = -EIO;
        }
    }
    if (chosen < 0) {
        fprintf(stderr, "workload: no %s adapter among %u\n",
                kind == WL_RENDER ? "render" : "compute or render", n);
        return -ENODEV;
    }
    keep_adapter(d, &probes[chosen]);
    return r;
}

int wl_open(struct wl_dev *d, enum wl_adapter_kind kind)
{
    memset(d, 0, sizeof *d);
    d->fd = wl_open_device();
    if (d->fd < 0) {
        return d->fd;
    }
    struct d3dkmt_adapterinfo *list = NULL;
    uint32_t n = 0;
    int r = enum_adapters(d->fd, &list, &n);
    if (r < 0) {
        return r;
    }
    struct adapter_probe *probes = calloc(n ? n : 1, sizeof *probes);
    if (!probes) {
        free(list);
        return -ENOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        probes[i].handle = list[i].adapter_handle;
    }
    r = pick_adapter(d, probes, n, kind);
    free(probes);
    free(list);
    if (r == 0) {
        wl_info("adapter 0x%08x%s%s, description \"%s\"", d->adapter.v, d->is_sim ? " (dxgsim)" : "",
                d->compute_only ? " compute-only" : "", d->description);
    }
    return r;
}

int wl_create_device(struct wl_dev *d)
{
    struct d3dkmt_createdevice c = {0};
    c.adapter = d->adapter;
    int r = WL_IOCTL(d->fd, LX_DXCREATEDEVICE, &c);
    if (r >= 0) {
        d->device = c.device;
    }
    return r < 0 ? r : 0;
}

int wl_setup(struct wl_dev *d, enum wl_adapter_kind kind)
{
    int r = wl_open(d, kind);
    return r < 0 ? r : wl_create_device(d);
}

int wl_destroy_device(struct wl_dev *d)
{
    struct d3dkmt_destroydevice x = {d->device};
    int r = WL_IOCTL(d->fd, LX_DXDESTROYDEVICE, &x);
    return r < 0 ? r : 0;
}

int wl_close_adapter(struct wl_dev *d)
{
    int r = close_adapter_handle(d->fd, d->adapter);
    return r < 0 ? r : 0;
}

int wl_teardown(struct wl_dev *d)
{
    int r = wl_destroy_device(d);
    int r2 = wl_close_adapter(d);
    if (close(d->fd) < 0) {
        wl_report("close(/dev/dxg)", -1, errno);
        return -EIO;
    }
    d->fd = -1;
    return r < 0 ? r : r2;
}

/* ------------------------------------------------------------------------------------------ */
/* Contexts and queues                                                                         */
/* ------------------------------------------------------------------------------------------ */

int wl_create_context(struct wl_dev *d, int hw_queue_supported, struct d3dkmthandle *ctx)
{
    struct d3dkmt_createcontextvirtual c = {0};
    c.device = d->device;
    c.node_ordinal = 0;
    c.engine_affinity = 1;
    c.flags.hw_queue_supported = hw_queue_supported ? 1 : 0;
    c.client_hint = D3DKMT_CLIENTHINT_UNKNOWN;
    int r = WL_IOCTL(d->fd, LX_DXCREATECONTEXTVIRTUAL, &c);
    if (r >= 0) {
        *ctx = c.context;
    }
    return r < 0 ? r : 0;
}

int wl_destroy_context(struct wl_dev *d, struct d3dkmthandle ctx)
{
    struct d3dkmt_destroycontext x = {ctx};
    int r = WL_IOCTL(d->fd, LX_DXDESTROYCONTEXT, &x);
    return r < 0 ? r : 0;
}

int wl_create_hwqueue(struct wl_dev *d, struct d3dkmthandle ctx, struct wl_queue *q)
{
    struct d3dkmt_createhwqueue c = {0};
    c.context = ctx;
    int r = WL_IOCTL(d->fd, LX_DXCREATEHWQUEUE, &c);
    if (r >= 0) {
        q->handle = c.queue;
        q->fence = c.queue_progress_fence;
        q->fence_cpu = ptr(c.queue_progress_fence_cpu_va);
    }
    return r < 0 ? r : 0;
}

int wl_destroy_hwqueue(struct wl_dev *d, const struct wl_queue *q)
{
    struct d3dkmt_destroyhwqueue x = {q->handle};
    int r = WL_IOCTL(d->fd, LX_DXDESTROYHWQUEUE, &x);
    return r < 0 ? r : 0;
}

int wl_create_paging_queue(struct wl_dev *d, struct wl_queue *q)
{
    struct d3dkmt_createpagingqueue c = {0};
    c.device = d->device;
    c.priority = D3DDDI_PAGINGQUEUE_PRIORITY_NORMAL;
    c.physical_adapter_index = 0;
    int r = WL_IOCTL(d->fd, LX_DXCREATEPAGINGQUEUE, &c);
    if (r >= 0) {
        q->handle = c.paging_queue;
        q->fence = c.sync_object;
        q->fence_cpu = ptr(c.fence_cpu_virtual_address);
    }
    return r < 0 ? r : 0;
}

int wl_destroy_paging_queue(struct wl_dev *d, const struct wl_queue *q)
{
    struct d3dddi_destroypagingqueue x = {q->handle};
    int r = WL_IOCTL(d->fd, LX_DXDESTROYPAGINGQUEUE, &x);
    return r < 0 ? r : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Allocations                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static struct d3dkmt_createallocationflags kind_flags(enum wl_alloc_kind kind)
{
    struct d3dkmt_createallocationflags f = {0};
    f.create_resource = kind != WL_ALLOC_PLAIN;
    /* create_shared is refused without create_resource and nt_security_sharing (§2.3). */
    f.create_shared = kind == WL_ALLOC_SHARED_RESOURCE;
    f.nt_security_sharing = kind == WL_ALLOC_SHARED_RESOURCE;
    return f;
}

static int create_sim_call(struct wl_dev *d, const struct wl_alloc_spec *s, struct d3dddi_allocationinfo2 *info,
                           struct dxgsim_alloc_private *priv, struct d3dkmthandle *resource)
{
    for (uint32_t i = 0; i < s->count; i++) {
        priv[i].magic = DXGSIM_ALLOC_MAGIC;
        priv[i].segment_group = s->segment_group;
        priv[i].size = s->size;
        info[i].priv_drv_data = u64(&priv[i]);
        info[i].priv_drv_data_size = sizeof priv[i];
    }
    struct d3dkmt_createallocation c = {0};
    c.device = d->device;
    c.alloc_count = s->count;
    c.allocation_info = u64(info);
    c.flags = kind_flags(s->kind);
    int r = WL_IOCTL(d->fd, LX_DXCREATEALLOCATION, &c);
    if (r >= 0 && resource) {
        *resource = c.resource;
    }
    return r < 0 ? r : 0;
}

/* dxgsim: one call; the simulated KMD learns size and placement from the private data. */
static int create_sim(struct wl_dev *d, const struct wl_alloc_spec *s, struct wl_alloc *out,
                      struct d3dkmthandle *resource)
{
    struct d3dddi_allocationinfo2 *info = calloc(s->count, sizeof *info);
    struct dxgsim_alloc_private *priv = calloc(s->count, sizeof *priv);
    int r = (info && priv) ? create_sim_call(d, s, info, priv, resource) : -ENOMEM;
    for (uint32_t i = 0; r == 0 && i < s->count; i++) {
        out[i].handle = info[i].allocation;
        out[i].sysmem = NULL;
        out[i].size = s->size;
    }
    free(info);
    free(priv);
    return r;
}

static int map_sysmem(uint64_t size, void **mem, uint64_t *mapped)
{
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
    *mapped = (size + page - 1) / page * page;
    *mem = mmap(NULL, *mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (*mem == MAP_FAILED) {
        int err = errno;
        wl_report("mmap(sysmem)", -1, err);
        return -err;
    }
    return 0;
}

/* A real host: a standard existing-heap allocation, exactly one per call (§2.3). */
static int create_standard_one(struct wl_dev *d, uint64_t size, struct d3dkmt_createallocationflags flags,
                               struct d3dkmthandle *resource, struct wl_alloc *out)
{
    void *mem;
    uint64_t mapped;
    int r = map_sysmem(size, &mem, &mapped);
    if (r < 0) {
        return r;
    }
    struct d3dkmt_createstandardallocation std = {0};
    std.type = D3DKMT_STANDARDALLOCATIONTYPE_EXISTINGHEAP;
    std.existing_heap_data.size = mapped;
    struct d3dddi_allocationinfo2 info = {0};
    info.sysmem = u64(mem);
    struct d3dkmt_createallocation c = {0};
    c.device = d->device;
    c.resource = *resource;
    c.standard_allocation = u64(&std);
    c.alloc_count = 1;
    c.allocation_info = u64(&info);
    c.flags = flags;
    c.flags.standard_allocation = 1;
    c.flags.existing_sysmem = 1;
    r = WL_IOCTL(d->fd, LX_DXCREATEALLOCATION, &c);
    if (r < 0) {
        munmap(mem, mapped);
        return r;
    }
    *resource = c.resource;
    *out = (struct wl_alloc){info.allocation, mem, mapped};
    return 0;
}

/* The first call creates the resource (if any); later calls add to it while it is unsealed. */
static int create_standard(struct wl_dev *d, const struct wl_alloc_spec *s, struct wl_alloc *out,
                           struct d3dkmthandle *resource)
{
    struct d3dkmthandle res = {0};
    for (uint32_t i = 0; i < s->count; i++) {
        struct d3dkmt_createallocationflags f = {0};
        if (i == 0) {
            f = kind_flags(s->kind);
        }
        int r = create_standard_one(d, s->size, f, &res, &out[i]);
        if (r < 0) {
            return r;
        }
    }
    if (resource) {
        *resource = res;
    }
    return 0;
}

int wl_create_allocations(struct wl_dev *d, const struct wl_alloc_spec *spec, struct wl_alloc *out,
                          struct d3dkmthandle *resource)
{
    if (spec->count == 0 || spec->count > D3DKMT_CREATEALLOCATION_MAX) {
        return -EINVAL;
    }
    if (d->is_sim) {
        return create_sim(d, spec, out, resource);
    }
    return create_standard(d, spec, out, resource);
}

static void release_sysmem(struct wl_alloc *a, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (a[i].sysmem) {
            munmap(a[i].sysmem, a[i].size);
            a[i].sysmem = NULL;
        }
    }
}

static struct d3dkmthandle *handles_of(const struct wl_alloc *a, uint32_t n)
{
    struct d3dkmthandle *h = calloc(n ? n : 1, sizeof *h);
    for (uint32_t i = 0; h && i < n; i++) {
        h[i] = a[i].handle;
    }
    return h;
}

int wl_destroy_allocations(struct wl_dev *d, struct wl_alloc *a, uint32_t n)
{
    struct d3dkmthandle *h = handles_of(a, n);
    if (!h) {
        return -ENOMEM;
    }
    struct d3dkmt_destroyallocation2 x = {0};
    x.device = d->device;
    x.allocations = u64(h);
    x.alloc_count = n;
    int r = WL_IOCTL(d->fd, LX_DXDESTROYALLOCATION2, &x);
    free(h);
    /* The driver unpins existing-sysmem pages at destroy; only then may they go. */
    if (r >= 0) {
        release_sysmem(a, n);
    }
    return r < 0 ? r : 0;
}

int wl_destroy_resource(struct wl_dev *d, struct d3dkmthandle resource, struct wl_alloc *a, uint32_t n)
{
    struct d3dkmt_destroyallocation2 x = {0};
    x.device = d->device;
    x.resource = resource;
    int r = WL_IOCTL(d->fd, LX_DXDESTROYALLOCATION2, &x);
    if (r >= 0) {
        release_sysmem(a, n);
    }
    return r < 0 ? r : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Residency                                                                                   */
/* ------------------------------------------------------------------------------------------ */

int wl_make_resident(struct wl_dev *d, const struct wl_queue *paging_queue, const struct wl_alloc *a,
                     uint32_t n, uint64_t *bytes_to_trim)
{
    struct d3dkmthandle *h = handles_of(a, n);
    if (!h) {
        return -ENOMEM;
    }
    struct d3dddi_makeresident m = {0};
    m.paging_queue = paging_queue->handle;
    m.alloc_count = n;
    m.allocation_list = u64(h);
    int r = WL_IOCTL(d->fd, LX_DXMAKERESIDENT, &m);
    free(h);
    if (r < 0) {
        return r;
    }
    if (bytes_to_trim) {
        *bytes_to_trim = m.num_bytes_to_trim;
    }
    if (r == 0) {
        return 0;
    }
    if (r != WL_STATUS_PENDING) {
        wl_report("LX_DXMAKERESIDENT (status neither 0 nor STATUS_PENDING)", r, 0);
        return -EPROTO;
    }
    /* Pending: the allocations are usable once the paging fence reaches the returned value. */
    return wl_wait_cpu(d, paging_queue->fence, m.paging_fence_value, -1);
}

int wl_query_residency(struct wl_dev *d, const struct wl_alloc *a, uint32_t n, uint32_t *status)
{
    struct d3dkmthandle *h = handles_of(a, n);
    if (!h) {
        return -ENOMEM;
    }
    struct d3dkmt_queryallocationresidency q = {0};
    q.device = d->device;
    q.allocations = u64(h);
    q.allocation_count = n;
    q.residency_status = u64(status);
    int r = WL_IOCTL(d->fd, LX_DXQUERYALLOCATIONRESIDENCY, &q);
    free(h);
    return r < 0 ? r : 0;
}

int wl_query_budget(struct wl_dev *d, uint32_t segment_group, uint64_t *budget, uint64_t *usage)
{
    struct d3dkmt_queryvideomemoryinfo q = {0};
    q.adapter = d->adapter;
    q.memory_segment_group = segment_group;
    int r = WL_IOCTL(d->fd, LX_DXQUERYVIDEOMEMORYINFO, &q);
    if (r >= 0) {
        *budget = q.budget;
        *usage = q.current_usage;
    }
    return r < 0 ? r : 0;
}

int wl_evict(struct wl_dev *d, const struct wl_alloc *a, uint32_t n, uint64_t *bytes_to_trim)
{
    struct d3dkmthandle *h = handles_of(a, n);
    if (!h) {
        return -ENOMEM;
    }
    struct d3dkmt_evict e = {0};
    e.device = d->device;
    e.alloc_count = n;
    e.allocations = u64(h);
    int r = WL_IOCTL(d->fd, LX_DXEVICT, &e);
    free(h);
    if (r >= 0 && bytes_to_trim) {
        *bytes_to_trim = e.num_bytes_to_trim;
    }
    return r < 0 ? r : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Synchronization and submission                                                              */
/* ------------------------------------------------------------------------------------------ */

int wl_create_fence(struct wl_dev *d, int shared, struct wl_fence *f)
{
    struct d3dkmt_createsynchronizationobject2 c = {0};
    c.device = d->device;
    c.info.type = D3DDDI_MONITORED_FENCE;
    /* shared without nt_security_sharing is refused (§1.3): fds are the only way to share. */
    c.info.flags.shared = shared ? 1 : 0;
    c.info.flags.nt_security_sharing = shared ? 1 : 0;
    c.info.monitored_fence.initial_fence_value = 0;
    int r = WL_IOCTL(d->fd, LX_DXCREATESYNCHRONIZATIONOBJECT, &c);
    if (r >= 0) {
        f->handle = c.sync_object;
        f->cpu = ptr(c.info.monitored_fence.fence_cpu_virtual_address);
    }
    return r < 0 ? r : 0;
}

int wl_destroy_sync(struct wl_dev *d, struct d3dkmthandle sync_object)
{
    struct d3dkmt_destroysynchronizationobject x = {sync_object};
    int r = WL_IOCTL(d->fd, LX_DXDESTROYSYNCHRONIZATIONOBJECT, &x);
    return r < 0 ? r : 0;
}

static void note_skipped_submit(void)
{
    static int said;
    if (!said) {
        said = 1;
        wl_info("not dxgsim: submissions with a fake GPU VA are skipped (DXGSCOPE_WORKLOAD_SUBMIT=1 forces them)");
    }
}

int wl_submit(struct wl_dev *d, struct d3dkmthandle ctx)
{
    if (!d->submits) {
        note_skipped_submit();
        return 0;
    }
    struct d3dkmt_submitcommand s = {0};
    s.command_buffer = WL_FAKE_GPU_VA;
    s.command_length = WL_FAKE_COMMAND_LENGTH;
    s.broadcast_context_count = 1;
    s.broadcast_context[0] = ctx;
    int r = WL_IOCTL(d->fd, LX_DXSUBMITCOMMAND, &s);
    return r < 0 ? r : 0;
}

int wl_submit_hwqueue(struct wl_dev *d, const struct wl_queue *q, uint64_t progress_fence_id)
{
    if (!d->submits) {
        note_skipped_submit();
        return 0;
    }
    struct d3dkmt_submitcommandtohwqueue s = {0};
    s.hwqueue = q->handle;
    s.hwqueue_progress_fence_id = progress_fence_id;
    s.command_buffer = WL_FAKE_GPU_VA;
    s.command_length = WL_FAKE_COMMAND_LENGTH;
    int r = WL_IOCTL(d->fd, LX_DXSUBMITCOMMANDTOHWQUEUE, &s);
    return r < 0 ? r : 0;
}

int wl_signal_gpu(struct wl_dev *d, struct d3dkmthandle ctx, struct d3dkmthandle fence, uint64_t value)
{
    struct d3dkmt_signalsynchronizationobjectfromgpu s = {0};
    s.context = ctx;
    s.object_count = 1;
    s.objects = u64(&fence);
    s.monitored_fence_values = u64(&value);
    int r = WL_IOCTL(d->fd, LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU, &s);
    return r < 0 ? r : 0;
}

/* event_fd < 0 blocks in the ioctl; otherwise the driver signals that eventfd once. */
int wl_wait_cpu(struct wl_dev *d, struct d3dkmthandle object, uint64_t value, int event_fd)
{
    struct d3dkmt_waitforsynchronizationobjectfromcpu w = {0};
    w.device = d->device;
    w.object_count = 1;
    w.objects = u64(&object);
    w.fence_values = u64(&value);
    w.async_event = event_fd < 0 ? 0 : (uint64_t)event_fd;
    int r;
    /* A blocking wait is interruptible (-ERESTARTSYS); a retry waits for the same value. */
    do {
        r = ioctl(d->fd, LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU, &w);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        int err = errno;
        wl_report("LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU", r, err);
        return -err;
    }
    return 0;
}

int wl_wait_gpu(struct wl_dev *d, struct d3dkmthandle ctx, struct d3dkmthandle fence, uint64_t value)
{
    struct d3dkmt_waitforsynchronizationobjectfromgpu w = {0};
    w.context = ctx;
    w.object_count = 1;
    w.objects = u64(&fence);
    /* The first object is a monitored fence, so the union is a pointer to per-object values. */
    w.monitored_fence_values = u64(&value);
    int r = WL_IOCTL(d->fd, LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMGPU, &w);
    return r < 0 ? r : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Sharing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

int wl_share(struct wl_dev *d, struct d3dkmthandle object, int *fd_out)
{
    uint64_t fd = 0;
    struct d3dkmt_shareobjects s = {0};
    s.object_count = 1;
    s.objects = u64(&object);
    s.shared_handle = u64(&fd);
    int r = WL_IOCTL(d->fd, LX_DXSHAREOBJECTS, &s);
    if (r >= 0) {
        *fd_out = (int)fd;
    }
    return r < 0 ? r : 0;
}

struct open_buffers {
    void *runtime;
    void *resource_priv;
    void *total_priv;
    struct d3dddi_openallocationinfo2 *infos;
};

static void *maybe_alloc(uint32_t size, int *failed)
{
    void *p = size ? calloc(1, size) : NULL;
    if (size && !p) {
        *failed = 1;
    }
    return p;
}

static void free_open_buffers(struct open_buffers *b)
{
    free(b->runtime);
    free(b->resource_priv);
    free(b->total_priv);
    free(b->infos);
}

/* OpenResourceFromNtHandle wants buffers of exactly the sizes the query reported. */
static int open_resource_call(struct wl_dev *d, int nt_fd, const struct d3dkmt_queryresourceinfofromnthandle *q,
                              struct open_buffers *b, struct d3dkmthandle *resource)
{
    struct d3dkmt_openresourcefromnthandle o = {0};
    o.device = d->device;
    o.nt_handle = (uint64_t)nt_fd;
    o.allocation_count = q->allocation_count;
    o.open_alloc_info = u64(b->infos);
    o.private_runtime_data_size = (int32_t)q->private_runtime_data_size;
    o.private_runtime_data = u64(b->runtime);
    o.resource_priv_drv_data_size = q->resource_priv_drv_data_size;
    o.resource_priv_drv_data = u64(b->resource_priv);
    o.total_priv_drv_data_size = q->total_priv_drv_data_size;
    o.total_priv_drv_data = u64(b->total_priv);
    int r = WL_IOCTL(d->fd, LX_DXOPENRESOURCEFROMNTHANDLE, &o);
    if (r >= 0) {
        *resource = o.resource;
    }
    return r < 0 ? r : 0;
}

int wl_open_resource(struct wl_dev *d, int nt_fd, struct d3dkmthandle *resource, struct wl_alloc *out,
                     uint32_t max, uint32_t *count)
{
    struct d3dkmt_queryresourceinfofromnthandle q = {0};
    q.device = d->device;
    q.nt_handle = (uint64_t)nt_fd;
    int r = WL_IOCTL(d->fd, LX_DXQUERYRESOURCEINFOFROMNTHANDLE, &q);
    if (r < 0) {
        return r;
    }
    if (q.allocation_count == 0 || q.allocation_count > max) {
        fprintf(stderr, "workload: shared resource has %u allocations, expected 1..%u\n", q.allocation_count, max);
        return -EPROTO;
    }
    int failed = 0;
    struct open_buffers b = {0};
    b.runtime = maybe_alloc(q.private_runtime_data_size, &failed);
    b.resource_priv = maybe_alloc(q.resource_priv_drv_data_size, &failed);
    b.total_priv = maybe_alloc(q.total_priv_drv_data_size, &failed);
    b.infos = maybe_alloc(q.allocation_count * (uint32_t)sizeof *b.infos, &failed);
    r = failed ? -ENOMEM : open_resource_call(d, nt_fd, &q, &b, resource);
    for (uint32_t i = 0; r == 0 && i < q.allocation_count; i++) {
        out[i] = (struct wl_alloc){b.infos[i].allocation, NULL, 0};
    }
    if (r == 0) {
        *count = q.allocation_count;
    }
    free_open_buffers(&b);
    return r;
}

int wl_open_fence(struct wl_dev *d, int nt_fd, struct wl_fence *f)
{
    struct d3dkmt_opensyncobjectfromnthandle2 o = {0};
    o.nt_handle = (uint64_t)nt_fd;
    o.device = d->device;
    int r = WL_IOCTL(d->fd, LX_DXOPENSYNCOBJECTFROMNTHANDLE2, &o);
    if (r >= 0) {
        f->handle = o.sync_object;
        f->cpu = ptr(o.monitored_fence.fence_value_cpu_va);
    }
    return r < 0 ? r : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* fd passing (SCM_RIGHTS)                                                                     */
/* ------------------------------------------------------------------------------------------ */

union fd_control {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof(int) * WL_MAX_FDS)];
};

int wl_send_fds(int sock, const int *fds, int n)
{
    if (n < 1 || n > WL_MAX_FDS) {
        return -EINVAL;
    }
    char byte = 'F';
    struct iovec iov = {&byte, 1};
    union fd_control u;
    memset(&u, 0, sizeof u);
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)n);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)n);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)n);
    if (sendmsg(sock, &m, MSG_NOSIGNAL) < 0) {
        int err = errno;
        wl_report("sendmsg(SCM_RIGHTS)", -1, err);
        return -err;
    }
    return 0;
}

static int take_fds(struct msghdr *m, int *fds, int n)
{
    struct cmsghdr *c = CMSG_FIRSTHDR(m);
    if ((m->msg_flags & MSG_CTRUNC) || !c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
        c->cmsg_len != CMSG_LEN(sizeof(int) * (size_t)n)) {
        fprintf(stderr, "workload: recvmsg(SCM_RIGHTS): expected %d fds\n", n);
        return -EPROTO;
    }
    memcpy(fds, CMSG_DATA(c), sizeof(int) * (size_t)n);
    return 0;
}

int wl_recv_fds(int sock, int *fds, int n)
{
    if (n < 1 || n > WL_MAX_FDS) {
        return -EINVAL;
    }
    char byte;
    struct iovec iov = {&byte, 1};
    union fd_control u;
    memset(&u, 0, sizeof u);
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof u.buf;
    ssize_t r;
    do {
        r = recvmsg(sock, &m, MSG_CMSG_CLOEXEC);
    } while (r < 0 && errno == EINTR);
    if (r <= 0) {
        int err = r < 0 ? errno : EPIPE;
        wl_report("recvmsg(SCM_RIGHTS)", (long)r, err);
        return -err;
    }
    return take_fds(&m, fds, n);
}
