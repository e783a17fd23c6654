/*
 * The dxgcap capture format, version 1 (docs/FORMAT.md is the normative description; this header
 * follows it). Little-endian, 8-byte aligned records with a 40-byte header.
 */
#ifndef DXGSCOPE_CAPTURE_FORMAT_H
#define DXGSCOPE_CAPTURE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define DXGCAP_MAGIC "\x89" "DXGCAP\n"
#define DXGCAP_VERSION 1
#define DXGCAP_PREAMBLE_SIZE 64
#define DXGCAP_BYTE_ORDER 0x01020304u
#define DXGCAP_HEADER_SIZE 40
#define DXGCAP_MAX_RECORD (16u << 20)

enum dxgcap_state { DXGCAP_STATE_RECORDING = 0, DXGCAP_STATE_COMPLETE = 1, DXGCAP_STATE_CUT = 2 };

struct dxgcap_preamble {
    char magic[8];
    uint16_t version;
    uint16_t preamble_size;
    uint32_t byte_order;
    uint32_t state;
    int32_t cut_errno;
    uint64_t end_offset;
    uint64_t events_lost;
    uint64_t records;
    uint8_t reserved[16];
};
_Static_assert(sizeof(struct dxgcap_preamble) == DXGCAP_PREAMBLE_SIZE, "preamble is 64 bytes");

struct dxgcap_header {
    uint32_t length;   /* header + payload + padding, multiple of 8 */
    uint16_t kind;
    uint16_t flags;
    uint32_t crc;      /* CRC-32C of bytes [0,8) and [12, 40 + size) */
    uint32_t size;     /* payload bytes */
    uint64_t seq;
    uint64_t ts_ns;
    uint32_t pid;
    uint32_t tid;
};
_Static_assert(sizeof(struct dxgcap_header) == DXGCAP_HEADER_SIZE, "record header is 40 bytes");

enum dxgcap_kind {
    DXGCAP_PAD = 0, /* ring-buffer filler, never written to a file */
    DXGCAP_SESSION = 1,
    DXGCAP_ABI = 2,
    DXGCAP_END = 3,
    DXGCAP_IOCTL_ENTER = 10,
    DXGCAP_IOCTL_LEAVE = 11,
    DXGCAP_FD = 20,
    DXGCAP_MMAP = 21,
    DXGCAP_PROCESS = 30,
    DXGCAP_FENCE_SAMPLE = 40,
    DXGCAP_DEVICE_SAMPLE = 41,
    DXGCAP_VMBUS = 50,
    DXGCAP_LOG = 60,
    DXGCAP_MARKER = 61,
    DXGCAP_LOST = 62,
};

enum dxgcap_end_reason {
    DXGCAP_END_TARGET_EXITED = 1,
    DXGCAP_END_SIZE_LIMIT = 2,
    DXGCAP_END_TIME_LIMIT = 3,
    DXGCAP_END_INTERRUPTED = 4,
    DXGCAP_END_WRITE_ERROR = 5,
};
#define DXGCAP_STATUS_UNKNOWN INT32_MIN

struct dxgcap_end {
    uint32_t reason;
    int32_t exit_status;
    uint64_t events_lost;
};

struct dxgcap_ioctl_enter {
    uint32_t fd;
    uint32_t request;
    uint64_t arg;
    uint32_t block_count;
    uint32_t reserved;
};

struct dxgcap_ioctl_leave {
    uint64_t enter_seq;
    int32_t ret;
    int32_t err;
    uint32_t fd;
    uint32_t request;
    uint32_t block_count;
    uint32_t reserved;
};

enum { DXGCAP_BLOCK_ARG = 0, DXGCAP_BLOCK_BUFFER = 1 };
enum { DXGCAP_BLOCK_UNREADABLE = 1, DXGCAP_BLOCK_TRUNCATED = 2, DXGCAP_BLOCK_OMITTED = 4 };

struct dxgcap_block {
    uint16_t role;
    uint16_t flags;
    uint16_t buffer;
    uint16_t reserved;
    uint32_t element;
    uint32_t size;
    uint64_t address;
    uint64_t wanted;
};
_Static_assert(sizeof(struct dxgcap_block) == 32, "block header is 32 bytes");

/* A send is recorded before the call (so its receive can never come first); SEND_FAILED follows one whose call failed. */
enum {
    DXGCAP_FD_OPEN = 1,
    DXGCAP_FD_CLOSE = 2,
    DXGCAP_FD_DUP = 3,
    DXGCAP_FD_SEND = 4,
    DXGCAP_FD_RECV = 5,
    DXGCAP_FD_SEND_FAILED = 6
};

struct dxgcap_fd {
    uint32_t op;
    int32_t fd;
    int32_t other_fd;
    uint32_t count;
};

enum { DXGCAP_MMAP_MAP = 1, DXGCAP_MMAP_UNMAP = 2 };
enum { DXGCAP_MEM_FD = 0, DXGCAP_MEM_FENCE = 1, DXGCAP_MEM_LOCK = 2 };

struct dxgcap_mmap {
    uint32_t op;
    int32_t fd;       /* mapped fd, -1 for driver-made mappings */
    uint64_t address;
    uint64_t length;
    uint32_t prot;
    uint32_t what;    /* DXGCAP_MEM_*: a mapping of a dxg fd, a fence page, a Lock2 range */
};

enum {
    DXGCAP_PROC_START = 1,
    DXGCAP_PROC_FORK = 2,
    DXGCAP_PROC_EXEC = 3,
    DXGCAP_PROC_EXIT = 4,
    DXGCAP_PROC_VANISHED = 5,
    DXGCAP_PROC_REAPED = 6, /* the process reaped child other_pid, which ended with status */
};

struct dxgcap_process {
    uint32_t op;
    int32_t other_pid;
    int32_t status;
    uint32_t reserved;
};

enum { DXGCAP_FENCE_MONITORED = 1, DXGCAP_FENCE_PAGING = 2, DXGCAP_FENCE_HWQUEUE = 3 };

struct dxgcap_fence_value {
    uint32_t handle;
    uint32_t kind;
    uint64_t cpu_va;
    uint64_t value;
};

enum { DXGCAP_SAMPLE_ADAPTER = 1, DXGCAP_SAMPLE_VIDMEM = 2, DXGCAP_SAMPLE_PROCESSES = 3, DXGCAP_SAMPLE_STATISTICS = 4 };

struct dxgcap_device_sample {
    uint32_t kind;
    int32_t err;
    uint32_t luid_low;
    uint32_t luid_high;
};

struct dxgcap_vidmem_sample {
    uint32_t segment_group;
    uint32_t physical_adapter;
    uint64_t budget;
    uint64_t current_usage;
    uint64_t current_reservation;
    uint64_t available_for_reservation;
};

enum { DXGCAP_CHANNEL_GLOBAL = 0, DXGCAP_CHANNEL_ADAPTER = 1 };
enum { DXGCAP_VMBUS_REQUEST = 1, DXGCAP_VMBUS_REPLY = 2, DXGCAP_VMBUS_HOST_MESSAGE = 3 };
enum { DXGCAP_VMBUS_RECONSTRUCTED = 1, DXGCAP_VMBUS_ASYNC = 2, DXGCAP_VMBUS_DROPPED = 4 };

struct dxgcap_vmbus {
    uint32_t channel;
    uint32_t direction;
    uint64_t adapter_luid;
    uint64_t cause;
    uint64_t transaction;
    uint32_t flags;
    int32_t status;
    uint32_t command_type;
    uint32_t size;
};
_Static_assert(sizeof(struct dxgcap_vmbus) == 48, "vmbus record head is 48 bytes");

struct dxgcap_log {
    uint32_t level;
    uint32_t reserved;
    uint64_t cause;
};

enum { DXGCAP_LOST_BLOCKED = 1, DXGCAP_LOST_NO_COLLECTOR = 2, DXGCAP_LOST_NO_RING = 3, DXGCAP_LOST_SIZE_LIMIT = 4 };

struct dxgcap_lost {
    uint64_t events;
    uint64_t bytes;
    uint32_t reason;
    uint32_t reserved;
};

static inline uint32_t dxgcap_record_length(uint32_t payload_size)
{
    return (DXGCAP_HEADER_SIZE + payload_size + 7u) & ~7u;
}

/* CRC-32C of a record as FORMAT.md defines it (header field crc excluded, padding excluded). */
uint32_t dxgcap_record_crc(const void *record);

/* Plain CRC-32C (Castagnoli), continuing from crc (start with 0). */
uint32_t dxgs_crc32c(uint32_t crc, const void *data, size_t len);

#endif
