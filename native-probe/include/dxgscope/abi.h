/*
 * The dxg ABI as data: the ioctl table, the struct field tables (d3dkmthk and VMBus), VMBus
 * command names and the buffer descriptors a probe needs to copy what an ioctl's pointers refer
 * to. Every offset and size comes from offsetof/sizeof on include/dxgscope/d3dkmthk.h and
 * include/dxgscope/dxgvmbus.h; the printed tables equal the shared/abi TSV files byte for byte,
 * except the VMBus members those files leave out (vmbus-fields.tsv), which has no reference copy.
 */
#ifndef DXGSCOPE_ABI_H
#define DXGSCOPE_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One row of a layout table: a field, or the struct size when field is "__sizeof__". */
typedef struct dxgs_field {
    const char *strct;
    const char *field;
    uint32_t offset;
    uint32_t size;
} dxgs_field;

enum {
    DXGS_IOCTL_LEGACY = 1,         /* kernel slot has no handler: -ENOTTY */
    DXGS_IOCTL_LAYOUT_UNKNOWN = 2, /* native fence 0x4a/0x4b */
};

typedef struct dxgs_ioctl {
    const char *name;       /* "LX_DXCREATEALLOCATION" */
    uint32_t nr;            /* 0x06 */
    uint32_t code;          /* full _IOWR value; 0 when unknown */
    const char *arg_struct; /* "d3dkmt_createallocation" */
    uint32_t arg_size;      /* 0 when unknown */
    const char *handler;    /* kernel handler name, e.g. "dxgkio_create_allocation"; NULL for legacy */
    uint32_t flags;
    int32_t vmbus_command;  /* main VMBus command type the ioctl sends (dxg-abi.md §2.2), -1 for none */
} dxgs_ioctl;

/* All 75 rows (nr 0x01..0x4b), in the TSV's order. */
const dxgs_ioctl *dxgs_abi_ioctls(size_t *count);
/* NULL when none. */
const dxgs_ioctl *dxgs_abi_ioctl_by_nr(uint32_t nr);
/* Exact 32-bit match; NULL when none (and for the unknown native-fence codes). */
const dxgs_ioctl *dxgs_abi_ioctl_by_code(uint32_t code);

/* d3dkmthk structs, TSV row order. */
const dxgs_field *dxgs_abi_fields(size_t *count);
/* VMBus structs, TSV row order. */
const dxgs_field *dxgs_abi_vmbus_fields(size_t *count);
/*
 * The VMBus members the reference table lacks (vmbus-fields.tsv): named members of the structs
 * vmbus-layout.tsv lists only by size; no __sizeof__, header or bit-field rows.
 */
const dxgs_field *dxgs_abi_vmbus_extra_fields(size_t *count);

/*
 * Command name without the DXGK_VMBCOMMAND_ prefix ("CREATEALLOCATION") for a channel type
 * (enum dxgkvmb_commandchanneltype) and command type; NULL if unknown.
 */
const char *dxgs_abi_vmbus_command_name(uint32_t channel_type, uint32_t command_type);

/* Byte-for-byte identical to shared/abi/d3dkmthk-layout.tsv. */
void dxgs_abi_print_tsv(FILE *out);
/* Byte-for-byte identical to shared/abi/vmbus-layout.tsv. */
void dxgs_abi_print_vmbus_tsv(FILE *out);
/* dxgs_abi_vmbus_extra_fields in the same row format (struct, field, offset, size). */
void dxgs_abi_print_vmbus_fields_tsv(FILE *out);

/* ---------------------------------------------------------------------------------------------
 * Buffer descriptors
 * ------------------------------------------------------------------------------------------- */

enum { DXGS_BUF_IN = 1, DXGS_BUF_OUT = 2 }; /* dir bits */

enum {
    DXGS_BUF_DATA = 0,       /* always captured (handle arrays, fence values, query results) */
    DXGS_BUF_PRIVATE = 1,    /* driver-private blob: omitted with --no-private-data */
    DXGS_BUF_IF_READABLE = 2 /* pointer only in some union interpretations: capture when readable */
};

typedef struct dxgs_buffer {
    uint32_t ioctl_nr;
    int32_t parent;          /* -1: the pointer is in the arg struct; else index (within this
                                ioctl's list) of the buffer whose ELEMENTS hold the pointer */
    const char *name;        /* the pointer field's name in the parent struct, as in the TSV */
    const char *elem_struct; /* struct name of one element, or "u8"/"u32"/"u64"/"d3dkmthandle" */
    uint32_t ptr_offset;     /* offset of the u64 pointer in the parent */
    int32_t count_offset;    /* offset of the element count in the same parent, -1 when constant */
    uint32_t count_size;     /* 4 or 8 (0 when constant) */
    uint32_t count_const;    /* element count when count_offset == -1 */
    uint32_t elem_size;      /* bytes per element */
    uint32_t dir;            /* DXGS_BUF_IN | DXGS_BUF_OUT */
    uint32_t kind;           /* DXGS_BUF_DATA, DXGS_BUF_PRIVATE or DXGS_BUF_IF_READABLE */
    uint32_t max_elems;      /* the driver's limit, 0 = none known */
} dxgs_buffer;

/* The buffers of one ioctl, parents before children; *count is 0 (and NULL returned) for none. */
const dxgs_buffer *dxgs_abi_buffers(uint32_t ioctl_nr, size_t *count);

/*
 * One row per buffer, tab-separated: ioctl_name, parent_index, name, elem_struct, ptr_offset,
 * count_field_name_or_const, count_size, elem_size, dir (in/out/inout),
 * kind (data/private/if_readable), max_elems.
 */
void dxgs_abi_print_buffers_tsv(FILE *out);

#endif
