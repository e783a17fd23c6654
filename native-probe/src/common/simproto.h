/*
 * The wire protocol between the probe's simulator client (an unmodified program's open/ioctl on
 * /dev/dxg, redirected by DXGSCOPE_DEVICE=sim:SOCKET) and dxgsim. SOCK_SEQPACKET: one message per
 * request or reply, file descriptors travel as SCM_RIGHTS.
 *
 * A device open is one HELLO connection (the "device file", owned by the opening process). Each
 * further thread that uses that file gets its own connection with ATTACH, so a thread blocked in a
 * wait never holds up another thread's ioctls. Requests carry the caller's pid so the simulator can
 * refuse calls from another process (ENOTTY, as the driver does after fork).
 *
 * A request carries the argument struct and every input buffer of the ABI buffer table; the reply
 * carries the argument struct as the driver leaves it, every output buffer, and fixups: memory to
 * map (fence pages, Lock2 ranges) or file descriptors to install, whose address or number the
 * client writes into the argument or an output buffer before copying them back.
 */
#ifndef DXGSCOPE_SIMPROTO_H
#define DXGSCOPE_SIMPROTO_H

#include <stdint.h>

#define DXGSIM_MAGIC 0x4d495344u /* "DSIM" */
#define DXGSIM_VERSION 1
#define DXGSIM_MAX_MESSAGE (8u << 20)
#define DXGSIM_MAX_FDS 8
/* Buffers one call carries each way: CreateAllocation's 1024 allocations (D3DKMT_CREATEALLOCATION_MAX),
 * each with its private data, plus the top-level buffers. */
#define DXGSIM_MAX_BUFFERS 1100

enum dxgsim_type {
    DXGSIM_HELLO = 1,  /* client -> sim: open the device */
    DXGSIM_ATTACH = 2, /* client -> sim: another thread of an open device */
    DXGSIM_WELCOME = 3,/* sim -> client: answer to HELLO/ATTACH */
    DXGSIM_IOCTL = 4,  /* client -> sim */
    DXGSIM_REPLY = 5,  /* sim -> client */
};

struct dxgsim_hello {
    uint32_t magic;
    uint32_t type;      /* HELLO or ATTACH */
    uint32_t version;
    int32_t pid;
    int32_t tid;
    uint32_t reserved;
    uint64_t file_id;   /* ATTACH: the file to attach to (from WELCOME) */
    char comm[16];      /* process name, for CREATEPROCESS */
};

struct dxgsim_welcome {
    uint32_t magic;
    uint32_t type;
    int32_t err;        /* 0, or the errno the open fails with */
    uint32_t vmbus_version;
    uint64_t file_id;
};

enum { DXGSIM_BUF_UNREADABLE = 1 };

/* One buffer in a request or reply, followed by `size` bytes padded to 8. */
struct dxgsim_buffer {
    uint16_t index;     /* row of the ioctl's buffer table */
    uint16_t flags;
    uint32_t element;   /* parent element for nested buffers */
    uint64_t address;   /* where it lives in the client */
    uint32_t size;
    uint32_t reserved;
};

struct dxgsim_request {
    uint32_t magic;
    uint32_t type;          /* IOCTL */
    uint32_t request;       /* ioctl code */
    uint32_t arg_size;
    uint64_t enter_seq;     /* seq of the capture's IOCTL_ENTER, 0 when not recording */
    int32_t pid;
    int32_t tid;
    uint32_t buffer_count;
    uint32_t arg_flags;     /* DXGSIM_BUF_UNREADABLE: the argument struct itself faulted */
    /* arg bytes (padded to 8), then buffers */
};

enum dxgsim_fixup_op {
    DXGSIM_FIX_MAP = 1,        /* map fd (or pool) and write base + offset */
    DXGSIM_FIX_INSTALL_FD = 2, /* write the received fd's number */
    DXGSIM_FIX_UNMAP = 3,      /* munmap(address, length) in the client */
};

enum { DXGSIM_DEST_ARG = 0, DXGSIM_DEST_BUFFER = 1, DXGSIM_DEST_NONE = 2 };

struct dxgsim_fixup {
    uint32_t op;
    uint32_t dest;          /* DXGSIM_DEST_* */
    uint32_t dest_buffer;   /* reply buffer position (DEST_BUFFER) */
    uint32_t dest_offset;   /* byte offset of the u64 to write */
    int32_t fd_index;       /* index of the attached fd, -1 for none */
    uint32_t prot;
    uint64_t pool_id;       /* MAP: mappings with the same pool id are made once per client */
    uint64_t offset;        /* MAP: offset added to the base; UNMAP: address */
    uint64_t length;
};

struct dxgsim_reply {
    uint32_t magic;
    uint32_t type;          /* REPLY */
    int32_t ret;
    int32_t err;
    uint32_t arg_size;
    uint32_t buffer_count;
    uint32_t fixup_count;
    uint32_t reserved;
    /* arg bytes (padded to 8), then buffers, then fixups */
};

#endif
