/*
 * dxgsim: a simulated /dev/dxg device and the Windows host behind it.
 *
 *   sim_server.c    sockets, connections, parked requests, object fds (the "guest kernel" edges)
 *   hmgr.c          handle tables with the driver's encoding and free-list behaviour
 *   sim_objects.c   processes, devices, contexts, queues, allocations, resources, sync objects,
 *                   shared objects; destruction cascades as the driver's
 *   sim_gpu.c       virtual time, engines and streams, fences, CPU/GPU waits
 *   sim_residency.c budgets, MakeResident/Evict, LRU eviction by priority, paging fences
 *   sim_vmbus.c     the VMBus messages each call sends and the host's replies (recorded)
 *   sim_ioctl_*.c   one handler per ioctl: the driver's validation, errno/NTSTATUS, dmesg lines
 *   sim_faults.c    fault injection
 *
 * Everything runs on one thread, in the order requests arrive, on a virtual clock: the same
 * requests and seed give the same results.
 */
#ifndef DXGSCOPE_SIM_H
#define DXGSCOPE_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "dxgscope/d3dkmthk.h"
#include "dxgscope/dxgvmbus.h"
#include "hmgr.h"
#include "simproto.h"

struct sim_conn;

#define SIM_MAX_ADAPTERS 8
#define SIM_ENGINES 3            /* node 0 3D, 1 compute, 2 copy (paging) */
#define SIM_FENCE_POOL_SIZE (1u << 20)
#define SIM_MAX_WAIT_OBJECTS 32

/* NTSTATUS values the simulated host returns (dxg-abi.md §2.1). */
#define STATUS_SUCCESS 0x00000000
#define STATUS_PENDING 0x00000103
#define STATUS_TIMEOUT 0x00000102
#define STATUS_INVALID_PARAMETER ((int32_t)0xC000000D)
#define STATUS_NO_MEMORY ((int32_t)0xC0000017)
#define STATUS_OBJECT_NAME_COLLISION ((int32_t)0xC0000035)
#define STATUS_OBJECT_NAME_NOT_FOUND ((int32_t)0xC0000034)
#define STATUS_BUFFER_TOO_SMALL ((int32_t)0xC0000023)
#define STATUS_DEVICE_REMOVED ((int32_t)0xC00002B6)
#define STATUS_ACCESS_DENIED ((int32_t)0xC0000022)
#define STATUS_NOT_SUPPORTED ((int32_t)0xC00000BB)
#define STATUS_INVALID_HANDLE ((int32_t)0xC0000008)
#define STATUS_GRAPHICS_ALLOCATION_BUSY ((int32_t)0xC01E0102)
#define STATUS_OBJECT_TYPE_MISMATCH ((int32_t)0xC0000024)
#define STATUS_UNSUCCESSFUL ((int32_t)0xC0000001)

struct list {
    struct list *prev, *next;
};

void list_init(struct list *l);
void list_add_tail(struct list *l, struct list *node);
void list_del(struct list *node);
int list_empty(const struct list *l);
#define list_entry(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define list_for_each_safe(pos, n, head) for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)

struct sim;
struct sim_process;
struct sim_object;

/* ---- fences: 64-bit values in the fence pool every client maps ---- */

struct sim_fence {
    uint32_t slot;           /* 8-byte slot in the pool */
    uint64_t value;
    uint64_t changed_at;     /* virtual time of the last change */
    int refs;
};

/* ---- GPU streams: contexts, hardware queues and paging queues execute packets in order ---- */

enum packet_type { PKT_WORK = 1, PKT_SIGNAL = 2, PKT_WAIT = 3 };

struct packet {
    uint8_t type;
    uint64_t duration;       /* WORK */
    uint64_t submitted;      /* virtual time it was queued */
    struct sim_fence *fence; /* SIGNAL, WAIT */
    uint64_t value;
};

struct sim_stream {
    struct sim_adapter *adapter;
    int engine;
    uint64_t t;              /* when its last packet finished */
    struct packet *q;
    size_t head, len, cap;
    struct sim_stream *next_stream; /* all streams of the sim */
    int dead;
};

/* ---- adapters ---- */

struct sim_adapter {
    int index;
    struct winluid luid;     /* guest LUID */
    struct winluid host_luid;
    struct winluid vgpu_luid;
    uint32_t host_handle;
    int compute_only;
    int removed;             /* fault: removed by the host (every call: ENODEV) */
    int reset;               /* fault: device reset (GetDeviceState reports it) */
    char description[80];
    uint64_t segment_size[2];    /* local, non-local */
    uint64_t default_budget[2];  /* per process, changes with faults */
    uint64_t busy_until[SIM_ENGINES];
    uint32_t channel_transaction;
};

/* ---- processes ---- */

struct sim_process {
    pid_t pid;
    char comm[16];
    uint32_t host_handle;
    int files;               /* open device files */
    struct hmgr local;       /* adapter handles (guest-chosen) */
    struct hmgr table;       /* everything else (host-chosen values) */
    struct list objects;     /* every live object, creation order */
    int adapter_refs[SIM_MAX_ADAPTERS];
    uint64_t usage[SIM_MAX_ADAPTERS][2];       /* resident bytes per segment group */
    uint64_t reservation[SIM_MAX_ADAPTERS][2];
    uint64_t budget_override[SIM_MAX_ADAPTERS][2]; /* 0 = adapter default */
    uint64_t next_gpu_va;
    uint64_t next_lru;
    struct sim_process *next;
};

/* ---- shared objects (NT handles, targets of object fds) ---- */

enum shared_kind { SHARED_RESOURCE = 1, SHARED_SYNC = 2, SHARED_SYNCFILE = 3 };

struct sim_shared {
    uint64_t id;
    int kind;
    struct sim_adapter *adapter;
    uint32_t nt_handle;      /* host NT shared object, 0 until the first share */
    int fds;                 /* open file descriptions */
    int objects;             /* resources / sync objects opened from it */
    int sealed;
    /* resource */
    uint8_t *runtime_data;
    uint32_t runtime_size;
    uint8_t *resource_data;
    uint32_t resource_size;
    uint32_t alloc_count;
    uint64_t alloc_size[D3DKMT_CREATEALLOCATION_MAX];
    uint32_t alloc_group[D3DKMT_CREATEALLOCATION_MAX];
    uint8_t *alloc_data[D3DKMT_CREATEALLOCATION_MAX];
    uint32_t alloc_data_size[D3DKMT_CREATEALLOCATION_MAX];
    /* sync object */
    uint32_t sync_type;
    struct sim_fence *fence;
    uint32_t global_handle;
    /* sync file: (fence, value) */
    uint64_t syncfile_value;
    int signaled;
    struct sim_shared *next;
};

/* ---- objects in a process's table ---- */

struct sim_object {
    uint32_t type;           /* HMGR_* entry type */
    uint32_t handle;
    struct sim_process *proc;
    struct sim_adapter *adapter;
    struct sim_object *device;   /* owning device, NULL for devices and adapter-level sync objects */
    struct sim_object *owner;    /* resource of an allocation, context of a hardware queue */
    struct list in_process;      /* proc->objects */
    int destroyed;
    union {
        struct {
            uint32_t state_counter;
        } dev;
        struct {
            uint32_t node;
            uint32_t engine_affinity;
            int32_t priority;
            int32_t in_process_priority;
            struct sim_stream *stream;
        } ctx;
        struct {
            struct sim_stream *stream;
            struct sim_fence *fence;
            struct sim_object *fence_entry;
        } hwq;
        struct {
            struct sim_stream *stream;
            struct sim_fence *fence;
            struct sim_object *fence_entry;
            uint64_t fence_target;
        } pq;
        struct {
            uint64_t size;
            uint32_t group;
            uint32_t priority;
            int resident;        /* 1 resident (or paging in), 0 not */
            uint64_t lru;
            int offered;
            int lock_count;
            int backing_fd;      /* Lock2 CPU view, -1 until locked */
            uint64_t gpu_va;
        } alloc;
        struct {
            struct sim_shared *shared;
        } res;
        struct {
            uint32_t kind;       /* D3DDDI_* sync type */
            uint32_t flags;
            struct sim_fence *fence; /* monitored / fence kinds */
            struct sim_shared *shared;
            int eventfd;         /* CPU notification */
            uint64_t event_id;
        } sync;
        struct {
            struct sim_fence *fence; /* MONITOREDFENCE entries of paging/progress fences */
        } mf;
    };
};

/* ---- one request being handled ---- */

struct sim_call {
    struct sim *sim;
    struct sim_process *proc;
    struct sim_conn *conn;
    uint32_t nr;
    uint32_t request;
    uint64_t enter_seq;
    pid_t pid, tid;
    uint8_t *arg;            /* the argument struct (out: as left for the client) */
    uint32_t arg_size;
    /* input buffers by table index (element 0 for top-level ones) */
    struct sim_buf {
        uint16_t index;
        uint32_t element;
        uint64_t address;
        uint8_t *data;
        uint32_t size;
        int unreadable;
    } in[DXGSIM_MAX_BUFFERS];
    int nin;
    /* reply */
    struct sim_buf out[DXGSIM_MAX_BUFFERS];
    int nout;
    struct dxgsim_fixup *fixups;
    int nfixups;
    int reply_fds[8];
    int nreply_fds;
    int in_fds[8];           /* fds that came with the request (SCM_RIGHTS) */
    int nin_fds;
    int32_t ret;
    int err;
    int parked;              /* the reply comes later (blocking wait) */
    const char *handler;     /* dxgkio_* name for dmesg lines */
};

/* ---- the whole simulator ---- */

struct sim_config {
    uint64_t seed;
    int adapters_render;
    int adapters_compute;
    uint64_t local_budget;
    uint64_t non_local_budget;
    int async_vmbus;
    uint32_t vmbus_version;
    uint64_t host_latency_ns; /* mean time the host takes to answer a synchronous message; 0: at once */
};

struct sim {
    struct sim_config cfg;
    uint64_t now;            /* virtual ns */
    uint64_t rng;
    uint64_t latency_rng;    /* its own stream: latencies do not change any other random choice */
    struct sim_adapter adapters[SIM_MAX_ADAPTERS];
    int nadapters;
    struct sim_process *processes;
    struct sim_shared *shared;
    uint64_t next_shared_id;
    uint32_t next_global_handle;
    uint64_t next_event_id;
    uint32_t global_transaction;
    uint32_t host_process_handles;
    int fence_pool_fd;
    uint64_t *fence_pool;
    uint8_t fence_slots[SIM_FENCE_POOL_SIZE / 8];
    struct sim_stream *streams;
    struct list waits;
    uint64_t call_count[128];    /* per ioctl nr, for fault injection */
};

/* hmgr entry types used by the Linux driver (dxg-abi.md §1.2) */
enum {
    HMGR_ADAPTER = 1, HMGR_SHAREDRESOURCE = 2, HMGR_DEVICE = 3, HMGR_RESOURCE = 4, HMGR_ALLOCATION = 5,
    HMGR_CONTEXT = 7, HMGR_SYNCOBJECT = 8, HMGR_PAGINGQUEUE = 10, HMGR_HWQUEUE = 15, HMGR_MONITOREDFENCE = 32,
};

/* ---- sim.c ---- */
void sim_init(struct sim *s, const struct sim_config *cfg);
uint64_t sim_random(struct sim *s);
/* errno for a host NTSTATUS failure (dxg-abi.md §2.1) */
int sim_errno_of(int32_t status);
/* A dmesg line "misc dxg: dxgk: <handler>: <message>" for the current call. */
void sim_log(struct sim_call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fails the call: ret -1, errno, and the driver's "Ioctl failed: -<errno>" line. */
int sim_fail(struct sim_call *c, int err);
/* Fails the call with a host status converted as the driver does. */
int sim_fail_status(struct sim_call *c, int32_t status);

/* ---- objects ---- */
struct sim_process *sim_process_get(struct sim *s, pid_t pid, const char *comm, int create);
void sim_process_file_closed(struct sim *s, struct sim_process *p);
struct sim_object *sim_object_new(struct sim_process *p, uint32_t type, struct sim_adapter *a);
struct sim_object *sim_lookup(struct sim_process *p, uint32_t handle, uint32_t type);
struct sim_adapter *sim_adapter_of_handle(struct sim_process *p, uint32_t handle);
void sim_destroy_object(struct sim *s, struct sim_call *c, struct sim_object *o, int tell_host);
void sim_destroy_device(struct sim *s, struct sim_call *c, struct sim_object *dev);
/* The process's last handle on adapter a went away: flush and destroy its devices there. */
void sim_process_adapter_release(struct sim *s, struct sim_call *c, struct sim_process *p, struct sim_adapter *a);
void sim_shared_put(struct sim *s, struct sim_shared *sh);
struct sim_shared *sim_shared_new(struct sim *s, int kind, struct sim_adapter *a);

/* ---- GPU ---- */
struct sim_fence *sim_fence_new(struct sim *s, uint64_t initial);
void sim_fence_put(struct sim *s, struct sim_fence *f);
void sim_fence_set(struct sim *s, struct sim_fence *f, uint64_t value);
uint64_t sim_fence_cpu_offset(const struct sim_fence *f);
struct sim_stream *sim_stream_new(struct sim *s, struct sim_adapter *a, int engine);
void sim_stream_kill(struct sim_stream *st);
void sim_stream_push(struct sim *s, struct sim_stream *st, struct packet p);
/* Runs the GPU up to virtual time t; returns 1 if anything happened. */
int sim_gpu_run(struct sim *s, uint64_t t);
/* Virtual time of the next GPU event, or UINT64_MAX. */
uint64_t sim_gpu_next_event(struct sim *s);
void sim_advance(struct sim *s, uint64_t to);


/* ---- waits: satisfied when all (or any) fences reach their values ---- */

struct sim_wait {
    struct list node;
    int any;
    int count;
    struct sim_fence *fences[SIM_MAX_WAIT_OBJECTS];
    uint64_t values[SIM_MAX_WAIT_OBJECTS];
    void (*done)(struct sim *s, struct sim_wait *w); /* called once, then the wait is freed */
    void *ctx;
    uint64_t event_id;   /* host event (async waits) */
    int eventfd;         /* async: signalled when done */
    pid_t pid, tid;
    uint64_t cause;
    struct sim_adapter *adapter;
};

int sim_wait_satisfied(const struct sim_wait *w);
/* Adds a wait; when it is already satisfied `done` runs at once. */
void sim_wait_add(struct sim *s, struct sim_wait *w);
/* Runs the GPU forward in virtual time until w is satisfied or nothing more can happen;
 * returns 1 when satisfied. */
int sim_wait_jump(struct sim *s, struct sim_wait *w);
void sim_waits_check(struct sim *s);

/* ---- VMBus (sim_vmbus.c) ---- */

/* Who caused a message: the client call (pid, tid, IOCTL_ENTER seq), or a process with no call. */
struct vmb_origin {
    uint32_t pid, tid;
    uint64_t cause;
};
struct vmb_origin vmb_origin_of(const struct sim_call *c);
struct vmb_origin vmb_origin_process(const struct sim_process *p);

void vmb_adapter_hdr(struct dxgkvmb_command_vgpu_to_host *h, uint32_t process, uint32_t type);
void vmb_global_hdr(struct dxgkvmb_command_vm_to_host *h, uint32_t process, uint32_t type);
/* Records one guest-to-host message (msg starts with its 24-byte header; a = NULL for a global
 * command) and, unless it went asynchronously, the host's reply with its status. */
void vmb_exchange(struct sim *s, struct vmb_origin o, struct sim_adapter *a, void *msg, size_t len,
                  const void *reply, size_t reply_len, int32_t status);
/* Records a request whose reply never comes (fault injection: dropped). */
void vmb_request_dropped(struct sim *s, struct vmb_origin o, struct sim_adapter *a, void *msg, size_t len);
/* Records a host-to-guest message (global channel). */
void vmb_host_message(struct sim *s, struct vmb_origin o, struct sim_adapter *a, const void *msg, size_t len);
/* Whether an adapter command of this type goes asynchronously (host enabled async messages). */
int vmb_is_async(const struct sim *s, uint32_t command_type);
/* The NTSTATUS-only reply most commands get. */
struct vmb_status {
    int32_t status;
};

/* ---- calls (sim_server.c) ---- */

/* The input buffer the client sent for this address with at least `size` bytes, else NULL. */
const uint8_t *sim_in(const struct sim_call *c, uint64_t address, uint64_t size);
/* Room for an output buffer the client copies to `address`; zeroed; NULL when the reply is full. */
uint8_t *sim_out(struct sim_call *c, uint64_t address, uint32_t size);
/* Position of the output buffer most recently made (for fixups aimed at it). */
int sim_out_last(const struct sim_call *c);
/* Map the fence pool into the client and write the fence's CPU address at arg offset. */
void sim_fixup_fence(struct sim_call *c, uint32_t arg_offset, const struct sim_fence *f);
/* Map fd (length bytes) into the client as pool `pool_id`; write its address at arg offset. */
void sim_fixup_map(struct sim_call *c, uint32_t arg_offset, int fd, uint64_t length, uint64_t pool_id);
/* Unmap pool `pool_id` in the client. */
void sim_fixup_unmap(struct sim_call *c, uint64_t pool_id, uint64_t length);
/* Give the client a new object fd for sh (a socketpair end); its number goes to the u64 at
 * `dest_offset` of the argument (dest_buffer < 0) or of output buffer dest_buffer. */
int sim_give_object_fd(struct sim_call *c, struct sim_shared *sh, int dest_buffer, uint32_t dest_offset);
/* The shared object behind an fd that came with the request (by its number in the client), or NULL. */
struct sim_shared *sim_object_of_fd(struct sim_call *c, uint64_t client_fd);
/* An fd the client sent (eventfd, ...): the index-th one; -1 when absent. */
int sim_take_fd(struct sim_call *c, int index);
/* The reply goes later (a blocking wait); sim_complete sends it. */
struct sim_call *sim_park(struct sim_call *c);
void sim_complete(struct sim *s, struct sim_call *parked);
/* Tell the owner of a sync file that it was signalled (a byte it can poll for). */
void sim_signal_syncfile(struct sim *s, struct sim_shared *sh);

/* ---- ioctl handlers (sim_ioctl_*.c) ---- */

typedef int (*sim_handler)(struct sim_call *c);
struct sim_handler_entry {
    sim_handler fn;
    const char *name;        /* dxgkio_* (dmesg lines) */
};
/* Handler for ioctl nr, or fn NULL for empty kernel slots. */
const struct sim_handler_entry *sim_handler_for(uint32_t nr);
/* Runs one ioctl: the dispatcher's checks, then the handler. */
void sim_dispatch(struct sim_call *c);

#endif
