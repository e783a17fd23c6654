/*
 * error-storm: a fixed list of bad calls on a valid device, each of which must fail. A check that
 * fails as expected prints "expect <call>: <errno name>"; a failure with another errno than the one
 * dxg-abi.md determines prints "mismatch <call>: <got> (expected <want>)"; a check that could not
 * be made (no memory, no fork) prints "not run <call>: <reason>". Exits 0 when every bad call
 * failed, 1 if any succeeded or could not be made.
 */
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dxgscope/dxgsim.h"
#include "wl.h"

/* QueryAdapterInfo's number with a 20-byte size: the dispatcher compares the whole value. */
#define BAD_SIZE_QUERYADAPTERINFO _IOWR(DXG_IOCTL_TYPE, 0x09, char[20])
#define INVALID_DEVICE 0x12345678u
/* Index 0xFFFFFE, generation 1: a handle no one hands out this early. */
#define NEVER_CREATED 0x7FFFFF80u
#define TOO_MANY_ALLOCS 2000
/* A check's result when it could not make its call: not_run_why says why, or else errno. */
#define NOT_RUN INT_MIN
static char not_run_why[64];

struct storm {
    struct wl_dev d;
    struct wl_queue paging;
    struct wl_alloc dead; /* created, then destroyed */
};

struct check {
    const char *call;
    int expected; /* errno the ABI document determines; 0: any failure */
    int (*run)(struct storm *s, const char *call);
};

static int invalid_device_context(struct storm *s, const char *call)
{
    struct d3dkmt_createcontextvirtual c = {0};
    c.device.v = INVALID_DEVICE;
    c.engine_affinity = 1;
    return wl_ioctl(s->d.fd, call, LX_DXCREATECONTEXTVIRTUAL, &c);
}

static int destroy_destroyed(struct storm *s, const char *call)
{
    struct d3dkmt_destroyallocation2 x = {0};
    x.device = s->d.device;
    x.allocations = (uint64_t)(uintptr_t)&s->dead.handle;
    x.alloc_count = 1;
    return wl_ioctl(s->d.fd, call, LX_DXDESTROYALLOCATION2, &x);
}

static int resident_destroyed(struct storm *s, const char *call)
{
    struct d3dddi_makeresident m = {0};
    m.paging_queue = s->paging.handle;
    m.alloc_count = 1;
    m.allocation_list = (uint64_t)(uintptr_t)&s->dead.handle;
    return wl_ioctl(s->d.fd, call, LX_DXMAKERESIDENT, &m);
}

static int query_info(struct storm *s, const char *call, unsigned long request, uint32_t size)
{
    uint32_t word = 0;
    struct d3dkmt_queryadapterinfo q = {0};
    q.adapter = s->d.adapter;
    q.type = KMTQAITYPE_ADAPTERTYPE;
    q.private_data = (uint64_t)(uintptr_t)&word;
    q.private_data_size = size;
    return wl_ioctl(s->d.fd, call, request, &q);
}

static int wrong_struct_size(struct storm *s, const char *call)
{
    return query_info(s, call, BAD_SIZE_QUERYADAPTERINFO, sizeof(uint32_t));
}

/*
 * A forked child calls through the descriptor it inherited: the driver binds a /dev/dxg file to the
 * process that opened it and refuses everyone else ("Call from a wrong process", ENOTTY). The child
 * exits with the errno (0 when the call succeeded), which becomes this check's result.
 */
static int forked_child(struct storm *s, const char *call)
{
    fflush(NULL);
    pid_t child = fork();
    if (child < 0) {
        return NOT_RUN;
    }
    if (child == 0) {
        int r = query_info(s, call, LX_DXQUERYADAPTERINFO, sizeof(uint32_t));
        _exit(r < 0 ? -r : 0);
    }
    int status = 0;
    pid_t got;
    do {
        got = waitpid(child, &status, 0);
    } while (got < 0 && errno == EINTR);
    if (got != child) {
        return NOT_RUN;
    }
    if (!WIFEXITED(status)) { /* whatever it called, its result never came back */
        snprintf(not_run_why, sizeof not_run_why, "the child was killed by signal %d",
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        return NOT_RUN;
    }
    return -WEXITSTATUS(status);
}

static int zero_private_data(struct storm *s, const char *call)
{
    return query_info(s, call, LX_DXQUERYADAPTERINFO, 0);
}

static int legacy_create_context(struct storm *s, const char *call)
{
    struct d3dkmt_createcontext c = {0};
    c.device = s->d.device;
    c.engine_affinity = 1;
    return wl_ioctl(s->d.fd, call, LX_DXCREATECONTEXT, &c);
}

/* The array is real and zeroed so that only the count can be what is wrong. */
static int create_count(struct storm *s, const char *call, uint32_t count)
{
    struct d3dddi_allocationinfo2 *info = calloc(TOO_MANY_ALLOCS, sizeof *info);
    if (!info) {
        return NOT_RUN;
    }
    struct d3dkmt_createallocation c = {0};
    c.device = s->d.device;
    c.alloc_count = count;
    c.allocation_info = (uint64_t)(uintptr_t)info;
    int r = wl_ioctl(s->d.fd, call, LX_DXCREATEALLOCATION, &c);
    free(info);
    return r;
}

static int create_zero(struct storm *s, const char *call)
{
    return create_count(s, call, 0);
}

static int create_too_many(struct storm *s, const char *call)
{
    return create_count(s, call, TOO_MANY_ALLOCS);
}

static int resident_zero(struct storm *s, const char *call)
{
    struct d3dddi_makeresident m = {0};
    m.paging_queue = s->paging.handle;
    m.alloc_count = 0;
    m.allocation_list = (uint64_t)(uintptr_t)&s->dead.handle;
    return wl_ioctl(s->d.fd, call, LX_DXMAKERESIDENT, &m);
}

static int share_two(struct storm *s, const char *call)
{
    struct d3dkmthandle objects[2] = {s->paging.fence, s->paging.fence};
    uint64_t fd = 0;
    struct d3dkmt_shareobjects x = {0};
    x.object_count = 2;
    x.objects = (uint64_t)(uintptr_t)objects;
    x.shared_handle = (uint64_t)(uintptr_t)&fd;
    return wl_ioctl(s->d.fd, call, LX_DXSHAREOBJECTS, &x);
}

static int bad_pointer(struct storm *s, const char *call)
{
    return wl_ioctl(s->d.fd, call, LX_DXQUERYADAPTERINFO, (void *)1);
}

static int destroy_never_created(struct storm *s, const char *call)
{
    struct d3dkmt_destroysynchronizationobject x = {{NEVER_CREATED}};
    return wl_ioctl(s->d.fd, call, LX_DXDESTROYSYNCHRONIZATIONOBJECT, &x);
}

static const struct check checks[] = {
    {"LX_DXCREATECONTEXTVIRTUAL[device=0x12345678]", 0, invalid_device_context},
    {"LX_DXDESTROYALLOCATION2[destroyed-allocation]", 0, destroy_destroyed},
    {"LX_DXMAKERESIDENT[destroyed-allocation]", 0, resident_destroyed},
    {"LX_DXQUERYADAPTERINFO[ioctl-size=20]", ENOTTY, wrong_struct_size},
    {"LX_DXCREATECONTEXT[legacy-0x03]", ENOTTY, legacy_create_context},
    {"LX_DXQUERYADAPTERINFO[private_data_size=0]", EINVAL, zero_private_data},
    {"LX_DXCREATEALLOCATION[alloc_count=0]", EINVAL, create_zero},
    {"LX_DXCREATEALLOCATION[alloc_count=2000]", EINVAL, create_too_many},
    {"LX_DXMAKERESIDENT[alloc_count=0]", 0, resident_zero},
    {"LX_DXSHAREOBJECTS[object_count=2]", 0, share_two},
    {"LX_DXQUERYADAPTERINFO[arg=0x1]", EFAULT, bad_pointer},
    {"LX_DXDESTROYSYNCHRONIZATIONOBJECT[never-created]", 0, destroy_never_created},
    {"LX_DXQUERYADAPTERINFO[forked-child]", ENOTTY, forked_child},
};

/* Returns 1 when the bad call succeeded or could not be made. */
static int run_check(struct storm *s, const struct check *c)
{
    errno = 0;
    not_run_why[0] = '\0';
    int r = c->run(s, c->call);
    if (r == NOT_RUN) {
        printf("not run %s: %s\n", c->call, not_run_why[0] ? not_run_why : strerror(errno ? errno : EAGAIN));
        return 1;
    }
    if (r >= 0) {
        printf("UNEXPECTED SUCCESS %s: ret %d\n", c->call, r);
        return 1;
    }
    if (c->expected && -r != c->expected) {
        printf("mismatch %s: %s (expected %s)\n", c->call, wl_errno_name(-r), wl_errno_name(c->expected));
        return 0;
    }
    printf("expect %s: %s\n", c->call, wl_errno_name(-r));
    return 0;
}

static int build(struct storm *s)
{
    const struct wl_alloc_spec spec = {1, WL_MIB, DXGSIM_LOCAL, WL_ALLOC_PLAIN};
    if (wl_setup(&s->d, WL_RENDER) < 0 || wl_create_paging_queue(&s->d, &s->paging) < 0 ||
        wl_create_allocations(&s->d, &spec, &s->dead, NULL) < 0) {
        return -1;
    }
    /* Keep the handle value: the bad calls reuse it after the destroy. */
    struct wl_alloc gone = s->dead;
    return wl_destroy_allocations(&s->d, &gone, 1);
}

int main(void)
{
    wl_init("error-storm");
    struct storm s = {0};
    if (build(&s) < 0) {
        return 1;
    }
    int succeeded = 0;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        succeeded += run_check(&s, &checks[i]);
    }
    int bad = wl_destroy_paging_queue(&s.d, &s.paging) < 0;
    bad |= wl_teardown(&s.d) < 0;
    wl_info("%zu bad calls, %d succeeded or not run", sizeof checks / sizeof checks[0], succeeded);
    return succeeded || bad ? 1 : 0;
}
