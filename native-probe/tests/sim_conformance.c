/*
 * Runs under `dxgcap record --sim` and checks that each ioctl family behaves as dxg-abi.md
 * describes: handle values, results, errnos, STATUS_PENDING, fence pages, eventfds, Lock2
 * mappings, the wrong-process check after fork, sharing by fd and cascaded destruction.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dxgscope/d3dkmthk.h"
#include "dxgscope/dxgsim.h"
#include "harness.h"

#define STATUS_PENDING 0x103
#define MIB (1024ull * 1024)

static int fd;

static int call(unsigned long request, void *arg)
{
    int r = ioctl(fd, request, arg);
    return r < 0 ? -errno : r;
}

static uint32_t adapters[8];
static struct winluid luids[8];

static void enumerate(void)
{
    struct d3dkmt_enumadapters3 e = {0};
    e.filter.include_compute_only = 1;
    CHECK_EQ_INT(call(LX_DXENUMADAPTERS3, &e), 0);
    CHECK_EQ_INT(e.adapter_count, 2); /* one render, one compute-only by default */
    struct d3dkmt_adapterinfo info[8] = {0};
    e.adapters = (uint64_t)(uintptr_t)info;
    CHECK_EQ_INT(call(LX_DXENUMADAPTERS3, &e), 0);
    CHECK_EQ_INT(e.adapter_count, 2);
    /* The first handles of a fresh adapter table (dxg-abi.md §1.4). */
    CHECK_EQ_INT(info[0].adapter_handle.v, 0x40000000);
    CHECK_EQ_INT(info[1].adapter_handle.v, 0x40000040);
    CHECK(info[0].adapter_luid.a != info[1].adapter_luid.a);
    for (int i = 0; i < 2; i++) {
        adapters[i] = info[i].adapter_handle.v;
        luids[i] = info[i].adapter_luid;
    }
    /* EnumAdapters2: count query, EOVERFLOW when too small, compute-only adapters skipped. */
    struct d3dkmt_enumadapters2 e2 = {0};
    CHECK_EQ_INT(call(LX_DXENUMADAPTERS2, &e2), 0);
    CHECK_EQ_INT(e2.num_adapters, 2);
    struct d3dkmt_adapterinfo info2[8];
    e2.num_adapters = 1;
    e2.adapters = (uint64_t)(uintptr_t)info2;
    CHECK_EQ_INT(call(LX_DXENUMADAPTERS2, &e2), -EOVERFLOW);
    e2.num_adapters = 8;
    CHECK_EQ_INT(call(LX_DXENUMADAPTERS2, &e2), 0);
    CHECK_EQ_INT(e2.num_adapters, 1);
    struct d3dkmt_closeadapter close_it = {info2[0].adapter_handle};
    CHECK_EQ_INT(call(LX_DXCLOSEADAPTER, &close_it), 0);
    CHECK_EQ_INT(call(LX_DXCLOSEADAPTER, &close_it), -EINVAL); /* already closed */
}

static void adapter_info(void)
{
    uint32_t type = 0;
    struct d3dkmt_queryadapterinfo q = {.adapter = {adapters[0]}, .type = KMTQAITYPE_ADAPTERTYPE,
                                        .private_data = (uint64_t)(uintptr_t)&type, .private_data_size = 4};
    CHECK_EQ_INT(call(LX_DXQUERYADAPTERINFO, &q), 0);
    CHECK((type & 1) && (type & (1u << 7)) && !(type & (1u << 11))); /* render, paravirtualized */
    q.adapter.v = adapters[1];
    CHECK_EQ_INT(call(LX_DXQUERYADAPTERINFO, &q), 0);
    CHECK(!(type & 1) && (type & (1u << 11))); /* compute-only */
    q.private_data_size = 0;
    CHECK_EQ_INT(call(LX_DXQUERYADAPTERINFO, &q), -EINVAL);
    q.private_data_size = 4;
    q.type = 44; /* a query the host does not answer */
    CHECK_EQ_INT(call(LX_DXQUERYADAPTERINFO, &q), -EINVAL);
    q.adapter.v = 0x12345640;
    q.type = KMTQAITYPE_ADAPTERTYPE;
    CHECK_EQ_INT(call(LX_DXQUERYADAPTERINFO, &q), -EINVAL);
}

static void dispatcher(void)
{
    struct d3dkmt_createcontext legacy = {0};
    CHECK_EQ_INT(call(LX_DXCREATECONTEXT, &legacy), -ENOTTY);        /* no kernel handler */
    char small[20] = {0};
    CHECK_EQ_INT(call(_IOWR(0x47, 0x09, char[20]), small), -ENOTTY); /* wrong size */
    CHECK_EQ_INT(call(_IOWR(0x47, 0x4c, char[8]), small), -ENOTTY);  /* past the table */
    CHECK_EQ_INT(call(LX_DXQUERYADAPTERINFO, (void *)1), -EFAULT);    /* unreadable argument */
}

static uint32_t create_device(uint32_t adapter)
{
    struct d3dkmt_createdevice d = {.adapter = {adapter}};
    CHECK_EQ_INT(call(LX_DXCREATEDEVICE, &d), 0);
    return d.device.v;
}

static void allocations_and_residency(uint32_t device)
{
    struct d3dkmt_createpagingqueue pq = {.device = {device}};
    CHECK_EQ_INT(call(LX_DXCREATEPAGINGQUEUE, &pq), 0);
    CHECK(pq.fence_cpu_virtual_address != 0);
    volatile uint64_t *paging_fence = (volatile uint64_t *)(uintptr_t)pq.fence_cpu_virtual_address;
    CHECK_EQ_INT(*paging_fence, 0);

    struct dxgsim_alloc_private priv[2] = {{DXGSIM_ALLOC_MAGIC, DXGSIM_LOCAL, 4 * MIB, 0, 0},
                                           {DXGSIM_ALLOC_MAGIC, DXGSIM_LOCAL, 4 * MIB, 0, 0}};
    struct d3dddi_allocationinfo2 info[2] = {0};
    for (int i = 0; i < 2; i++) {
        info[i].priv_drv_data = (uint64_t)(uintptr_t)&priv[i];
        info[i].priv_drv_data_size = sizeof priv[i];
    }
    struct d3dkmt_createallocation ca = {.device = {device}, .alloc_count = 0,
                                         .allocation_info = (uint64_t)(uintptr_t)info};
    CHECK_EQ_INT(call(LX_DXCREATEALLOCATION, &ca), -EINVAL); /* count 0 */
    ca.alloc_count = 2;
    CHECK_EQ_INT(call(LX_DXCREATEALLOCATION, &ca), 0);
    CHECK(info[0].allocation.v && info[1].allocation.v && info[0].allocation.v != info[1].allocation.v);

    struct d3dkmthandle list[2] = {info[0].allocation, info[1].allocation};
    struct d3dddi_makeresident mr = {.paging_queue = pq.paging_queue, .alloc_count = 2,
                                     .allocation_list = (uint64_t)(uintptr_t)list};
    CHECK_EQ_INT(call(LX_DXMAKERESIDENT, &mr), STATUS_PENDING);
    CHECK_EQ_INT(mr.paging_fence_value, 1);
    uint64_t value = 1;
    struct d3dkmt_waitforsynchronizationobjectfromcpu w = {.device = {device}, .object_count = 1,
                                                           .objects = (uint64_t)(uintptr_t)&pq.sync_object,
                                                           .fence_values = (uint64_t)(uintptr_t)&value};
    CHECK_EQ_INT(call(LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU, &w), 0);
    CHECK_EQ_INT(*paging_fence, 1); /* the paging fence page shows the paging work done */
    CHECK_EQ_INT(call(LX_DXMAKERESIDENT, &mr), 0); /* already resident */

    struct d3dkmt_queryvideomemoryinfo vm = {.adapter = {adapters[0]}, .memory_segment_group = 0};
    CHECK_EQ_INT(call(LX_DXQUERYVIDEOMEMORYINFO, &vm), 0);
    CHECK_EQ_INT(vm.current_usage, 8 * MIB);
    CHECK_EQ_INT(vm.budget, DXGSIM_DEFAULT_LOCAL_BUDGET);
    vm.process = 1;
    CHECK_EQ_INT(call(LX_DXQUERYVIDEOMEMORYINFO, &vm), -EINVAL); /* another process */

    uint32_t status[2] = {0};
    struct d3dkmt_queryallocationresidency qr = {.device = {device}, .allocations = (uint64_t)(uintptr_t)list,
                                                 .allocation_count = 2,
                                                 .residency_status = (uint64_t)(uintptr_t)status};
    CHECK_EQ_INT(call(LX_DXQUERYALLOCATIONRESIDENCY, &qr), 0);
    CHECK(status[0] == 1 && status[1] == 1);
    struct d3dkmt_evict ev = {.device = {device}, .alloc_count = 1, .allocations = (uint64_t)(uintptr_t)list};
    CHECK_EQ_INT(call(LX_DXEVICT, &ev), 0);
    CHECK_EQ_INT(call(LX_DXQUERYALLOCATIONRESIDENCY, &qr), 0);
    CHECK(status[0] == 3 && status[1] == 1);

    /* More than the whole budget cannot be made resident: ENOMEM. */
    struct dxgsim_alloc_private big = {DXGSIM_ALLOC_MAGIC, DXGSIM_LOCAL, 300 * MIB, 0, 0};
    struct d3dddi_allocationinfo2 bi = {.priv_drv_data = (uint64_t)(uintptr_t)&big, .priv_drv_data_size = sizeof big};
    struct d3dkmt_createallocation cb = {.device = {device}, .alloc_count = 1, .allocation_info = (uint64_t)(uintptr_t)&bi};
    CHECK_EQ_INT(call(LX_DXCREATEALLOCATION, &cb), 0);
    struct d3dddi_makeresident mb = {.paging_queue = pq.paging_queue, .alloc_count = 1,
                                     .allocation_list = (uint64_t)(uintptr_t)&bi.allocation};
    CHECK_EQ_INT(call(LX_DXMAKERESIDENT, &mb), -ENOMEM);

    /* Lock2 gives a CPU mapping until the matching Unlock2. */
    struct d3dkmt_lock2 lk = {.device = {device}, .allocation = list[1]};
    CHECK_EQ_INT(call(LX_DXLOCK2, &lk), 0);
    CHECK(lk.data != 0);
    if (lk.data) {
        memset((void *)(uintptr_t)lk.data, 0x5a, 4096);
    }
    struct d3dkmt_unlock2 ul = {.device = {device}, .allocation = list[1]};
    CHECK_EQ_INT(call(LX_DXUNLOCK2, &ul), 0);
    CHECK_EQ_INT(call(LX_DXUNLOCK2, &ul), -EINVAL); /* not locked */

    struct d3dkmt_destroyallocation2 da = {.device = {device}, .alloc_count = 2, .allocations = (uint64_t)(uintptr_t)list};
    CHECK_EQ_INT(call(LX_DXDESTROYALLOCATION2, &da), 0);
    CHECK_EQ_INT(call(LX_DXDESTROYALLOCATION2, &da), -EINVAL); /* destroyed already */
    CHECK_EQ_INT(call(LX_DXMAKERESIDENT, &mr), -EINVAL);       /* handles of destroyed allocations */
}

static void fences_and_waits(uint32_t device)
{
    struct d3dkmt_createcontextvirtual ctx = {.device = {device}, .engine_affinity = 1};
    CHECK_EQ_INT(call(LX_DXCREATECONTEXTVIRTUAL, &ctx), 0);
    struct d3dkmt_createsynchronizationobject2 so = {.device = {device}};
    so.info.type = D3DDDI_MONITORED_FENCE;
    so.info.monitored_fence.initial_fence_value = 3;
    CHECK_EQ_INT(call(LX_DXCREATESYNCHRONIZATIONOBJECT, &so), 0);
    volatile uint64_t *page = (volatile uint64_t *)(uintptr_t)so.info.monitored_fence.fence_cpu_virtual_address;
    CHECK(page && *page == 3);

    uint64_t five = 5;
    struct d3dkmt_signalsynchronizationobjectfromcpu sc = {.device = {device}, .object_count = 1,
                                                           .objects = (uint64_t)(uintptr_t)&so.sync_object,
                                                           .fence_values = (uint64_t)(uintptr_t)&five};
    CHECK_EQ_INT(call(LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU, &sc), 0);
    CHECK_EQ_INT(*page, 5);

    /* Work, then a GPU signal behind it: a blocking CPU wait returns when the GPU gets there. */
    struct d3dkmt_submitcommand sub = {.command_buffer = 0x100000000ull, .command_length = 4096,
                                       .broadcast_context_count = 1};
    sub.broadcast_context[0] = ctx.context;
    CHECK_EQ_INT(call(LX_DXSUBMITCOMMAND, &sub), 0);
    uint64_t seven = 7;
    struct d3dkmt_signalsynchronizationobjectfromgpu sg = {.context = ctx.context, .object_count = 1,
                                                           .objects = (uint64_t)(uintptr_t)&so.sync_object};
    sg.monitored_fence_values = (uint64_t)(uintptr_t)&seven;
    CHECK_EQ_INT(call(LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU, &sg), 0);
    struct d3dkmt_waitforsynchronizationobjectfromcpu w = {.device = {device}, .object_count = 1,
                                                           .objects = (uint64_t)(uintptr_t)&so.sync_object,
                                                           .fence_values = (uint64_t)(uintptr_t)&seven};
    CHECK_EQ_INT(call(LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU, &w), 0);
    CHECK_EQ_INT(*page, 7);

    /* An async wait signals its eventfd once the value is reached, not before. */
    int efd = eventfd(0, EFD_CLOEXEC);
    uint64_t nine = 9;
    w.fence_values = (uint64_t)(uintptr_t)&nine;
    w.async_event = (uint64_t)efd;
    CHECK_EQ_INT(call(LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU, &w), 0);
    struct pollfd p = {efd, POLLIN, 0};
    CHECK_EQ_INT(poll(&p, 1, 50), 0);
    sc.fence_values = (uint64_t)(uintptr_t)&nine;
    CHECK_EQ_INT(call(LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU, &sc), 0);
    CHECK_EQ_INT(poll(&p, 1, 2000), 1);
    close(efd);

    /* Object limits. */
    sc.object_count = 33;
    CHECK_EQ_INT(call(LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU, &sc), -EINVAL);
    struct d3dkmt_destroysynchronizationobject ds = {so.sync_object};
    CHECK_EQ_INT(call(LX_DXDESTROYSYNCHRONIZATIONOBJECT, &ds), 0);
    CHECK_EQ_INT(call(LX_DXDESTROYSYNCHRONIZATIONOBJECT, &ds), -EINVAL);
    struct d3dkmt_destroycontext dc = {ctx.context};
    CHECK_EQ_INT(call(LX_DXDESTROYCONTEXT, &dc), 0);
}

static void sharing(uint32_t device)
{
    struct d3dddi_allocationinfo2 info = {0};
    struct dxgsim_alloc_private priv = {DXGSIM_ALLOC_MAGIC, DXGSIM_NON_LOCAL, MIB, 0, 0};
    info.priv_drv_data = (uint64_t)(uintptr_t)&priv;
    info.priv_drv_data_size = sizeof priv;
    struct d3dkmt_createallocation ca = {.device = {device}, .alloc_count = 1, .allocation_info = (uint64_t)(uintptr_t)&info};
    ca.flags.create_resource = 1;
    ca.flags.create_shared = 1;
    CHECK_EQ_INT(call(LX_DXCREATEALLOCATION, &ca), -EINVAL); /* shared needs nt_security_sharing */
    ca.flags.nt_security_sharing = 1;
    CHECK_EQ_INT(call(LX_DXCREATEALLOCATION, &ca), 0);
    CHECK(ca.resource.v != 0);
    uint64_t shared_fd = 0;
    struct d3dkmthandle objs[2] = {ca.resource, ca.resource};
    struct d3dkmt_shareobjects sh = {.object_count = 2, .objects = (uint64_t)(uintptr_t)objs,
                                     .shared_handle = (uint64_t)(uintptr_t)&shared_fd};
    CHECK_EQ_INT(call(LX_DXSHAREOBJECTS, &sh), -EINVAL); /* exactly one object */
    sh.object_count = 1;
    CHECK_EQ_INT(call(LX_DXSHAREOBJECTS, &sh), 0);
    CHECK(shared_fd > 2 && fcntl((int)shared_fd, F_GETFD) >= 0);

    struct d3dkmt_queryresourceinfofromnthandle qi = {.device = {device}, .nt_handle = shared_fd};
    CHECK_EQ_INT(call(LX_DXQUERYRESOURCEINFOFROMNTHANDLE, &qi), 0);
    CHECK_EQ_INT(qi.allocation_count, 1);
    CHECK_EQ_INT(qi.total_priv_drv_data_size, sizeof priv);
    struct d3dddi_openallocationinfo2 oi = {0};
    uint8_t total[64];
    struct d3dkmt_openresourcefromnthandle op = {.device = {device}, .nt_handle = shared_fd, .allocation_count = 1,
                                                 .open_alloc_info = (uint64_t)(uintptr_t)&oi,
                                                 .total_priv_drv_data_size = sizeof total,
                                                 .total_priv_drv_data = (uint64_t)(uintptr_t)total};
    CHECK_EQ_INT(call(LX_DXOPENRESOURCEFROMNTHANDLE, &op), 0);
    CHECK(op.resource.v != 0 && op.resource.v != ca.resource.v && oi.allocation.v != 0);
    CHECK(memcmp(total, &priv, sizeof priv) == 0);

    /* A bad fd: not one of the simulator's objects. */
    int pipefd[2];
    CHECK_EQ_INT(pipe(pipefd), 0);
    qi.nt_handle = (uint64_t)pipefd[0];
    CHECK_EQ_INT(call(LX_DXQUERYRESOURCEINFOFROMNTHANDLE, &qi), -EINVAL);
    close(pipefd[0]);
    close(pipefd[1]);
    close((int)shared_fd);
}

static void cascade(uint32_t adapter)
{
    uint32_t device = create_device(adapter);
    struct d3dkmt_createcontextvirtual ctx = {.device = {device}};
    CHECK_EQ_INT(call(LX_DXCREATECONTEXTVIRTUAL, &ctx), 0);
    struct d3dkmt_createsynchronizationobject2 so = {.device = {device}};
    so.info.type = D3DDDI_MONITORED_FENCE;
    CHECK_EQ_INT(call(LX_DXCREATESYNCHRONIZATIONOBJECT, &so), 0);
    struct d3dkmt_destroydevice dd = {{device}};
    CHECK_EQ_INT(call(LX_DXDESTROYDEVICE, &dd), 0);
    /* Everything the device owned went with it. */
    struct d3dkmt_destroycontext dc = {ctx.context};
    CHECK_EQ_INT(call(LX_DXDESTROYCONTEXT, &dc), -EINVAL);
    struct d3dkmt_destroysynchronizationobject ds = {so.sync_object};
    CHECK_EQ_INT(call(LX_DXDESTROYSYNCHRONIZATIONOBJECT, &ds), -EINVAL);
    CHECK_EQ_INT(call(LX_DXDESTROYDEVICE, &dd), -EINVAL);
}

static void queries(uint32_t device)
{
    uint32_t pids[16];
    struct d3dkmt_enumprocesses ep = {.adapter_luid = luids[0], .buffer = (uint64_t)(uintptr_t)pids, .buffer_count = 16};
    CHECK_EQ_INT(call(LX_DXENUMPROCESSES, &ep), 0);
    int found = 0;
    for (uint64_t i = 0; i < ep.buffer_count; i++) {
        found |= pids[i] == (uint32_t)getpid();
    }
    CHECK(found);
    struct d3dkmt_getdevicestate st = {.device = {device}, .state_type = D3DKMT_DEVICESTATE_EXECUTION};
    CHECK_EQ_INT(call(LX_DXGETDEVICESTATE, &st), 0);
    CHECK_EQ_INT(st.execution_state, D3DKMT_DEVICEEXECUTION_ACTIVE);
    struct d3dkmt_querystatistics qs;
    memset(&qs, 0, sizeof qs);
    qs.type = D3DKMT_QUERYSTATISTICS_PROCESS_SEGMENT_GROUP;
    qs.adapter_luid = luids[0];
    CHECK_EQ_INT(call(LX_DXQUERYSTATISTICS, &qs), 0);
    uint64_t budget;
    memcpy(&budget, &qs.result, 8);
    CHECK_EQ_INT(budget, DXGSIM_DEFAULT_LOCAL_BUDGET);
    qs.process = 999999;
    CHECK_EQ_INT(call(LX_DXQUERYSTATISTICS, &qs), -EINVAL);
}

static void wrong_process(uint32_t adapter)
{
    pid_t child = fork();
    if (child == 0) {
        /* The parent's file belongs to the parent's dxg process. */
        struct d3dkmt_createdevice d = {.adapter = {adapter}};
        _exit(call(LX_DXCREATEDEVICE, &d) == -ENOTTY ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
    fd = open("/dev/dxg", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        perror("sim_conformance: open /dev/dxg (run under dxgcap record --sim)");
        return 2;
    }
    enumerate();
    adapter_info();
    dispatcher();
    uint32_t device = create_device(adapters[0]);
    CHECK_EQ_INT(device, 0x40000000); /* the host's first handle for this process */
    struct d3dkmt_createdevice bad = {.adapter = {0x7fffffc0}};
    CHECK_EQ_INT(call(LX_DXCREATEDEVICE, &bad), -EINVAL);
    allocations_and_residency(device);
    fences_and_waits(device);
    sharing(device);
    queries(device);
    cascade(adapters[0]);
    wrong_process(adapters[0]);
    close(fd);
    return HARNESS_RESULT();
}
