/*
 * The ABI tables: ioctl lookups, legacy/unknown flags, VMBus command names, and the buffer
 * descriptors checked against the field table (the field table itself is diffed against the
 * reference TSVs by the dxgcap_abi_* tests).
 */
#include <linux/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dxgscope/abi.h"
#include "dxgscope/d3dkmthk.h"
#include "dxgscope/dxgvmbus.h"
#include "harness.h"

static const dxgs_field *find_field(const char *strct, const char *field)
{
    size_t n;
    const dxgs_field *f = dxgs_abi_fields(&n);
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(f[i].strct, strct) && !strcmp(f[i].field, field)) {
            return &f[i];
        }
    }
    return NULL;
}

static int is_legacy_nr(uint32_t nr)
{
    static const uint32_t legacy[] = {0x03, 0x17, 0x1a, 0x23, 0x28, 0x29, 0x2b, 0x2d};
    for (size_t i = 0; i < sizeof legacy / sizeof legacy[0]; i++) {
        if (legacy[i] == nr) {
            return 1;
        }
    }
    return 0;
}

static void check_known_rows(void)
{
    const dxgs_ioctl *io = dxgs_abi_ioctl_by_nr(0x06);
    CHECK(io != NULL);
    if (io) {
        CHECK(!strcmp(io->name, "LX_DXCREATEALLOCATION"));
        CHECK_EQ_INT(io->code, 0xc0484706u);
        CHECK(!strcmp(io->arg_struct, "d3dkmt_createallocation"));
        CHECK_EQ_INT(io->arg_size, 72);
        CHECK(io->handler && !strcmp(io->handler, "dxgkio_create_allocation"));
        CHECK_EQ_INT(io->flags, 0);
        CHECK_EQ_INT(io->vmbus_command, DXGK_VMBCOMMAND_CREATEALLOCATION);
    }

    io = dxgs_abi_ioctl_by_nr(0x3e);
    CHECK(io && io->code == 0xc018473eu && io->code == (uint32_t)LX_DXENUMADAPTERS3);
    CHECK(io && io->vmbus_command == -1 && !strcmp(io->handler, "dxgkio_enum_adapters3"));

    io = dxgs_abi_ioctl_by_nr(0x43);
    CHECK(io && io->code == 0xc3284743u && io->arg_size == 808);

    io = dxgs_abi_ioctl_by_nr(0x1d);
    CHECK(io && io->vmbus_command == DXGK_VMBCOMMAND_DESTROYSYNCOBJECT);

    io = dxgs_abi_ioctl_by_nr(0x49);
    CHECK(io && !strcmp(io->name, "LX_ISFEATUREENABLED") && io->code == 0xc00c4749u);

    io = dxgs_abi_ioctl_by_nr(0x03);
    CHECK(io && (io->flags & DXGS_IOCTL_LEGACY) && io->handler == NULL);
    CHECK(io && io->code == 0xc0604703u && io->arg_size == 96);

    io = dxgs_abi_ioctl_by_nr(0x4a);
    CHECK(io && (io->flags & DXGS_IOCTL_LAYOUT_UNKNOWN) && io->code == 0 && io->arg_size == 0);
    CHECK(io && !strcmp(io->name, "LX_CREATENATIVEFENCE"));
    CHECK(io && io->handler && !strcmp(io->handler, "dxgkio_create_native_fence"));
    io = dxgs_abi_ioctl_by_nr(0x4b);
    CHECK(io && !strcmp(io->arg_struct, "d3dkmt_opennativefencefromnthandle"));
    CHECK(io && io->handler && !strcmp(io->handler, "dxgkio_open_native_fence_object_nt"));

    CHECK(dxgs_abi_ioctl_by_nr(0) == NULL);
    CHECK(dxgs_abi_ioctl_by_nr(0x4c) == NULL);
    CHECK(dxgs_abi_ioctl_by_nr(0xffffffffu) == NULL);

    CHECK(dxgs_abi_ioctl_by_code(0xc0484706u) == dxgs_abi_ioctl_by_nr(0x06));
    CHECK(dxgs_abi_ioctl_by_code((uint32_t)LX_DXQUERYADAPTERINFO) == dxgs_abi_ioctl_by_nr(0x09));
    CHECK(dxgs_abi_ioctl_by_code(0xc0484707u) == NULL); /* right size, wrong nr */
    CHECK(dxgs_abi_ioctl_by_code(0xc0494706u) == NULL); /* wrong size */
    CHECK(dxgs_abi_ioctl_by_code(0x80484706u) == NULL); /* wrong direction */
    CHECK(dxgs_abi_ioctl_by_code(0xc0484806u) == NULL); /* wrong type */
    CHECK(dxgs_abi_ioctl_by_code(0) == NULL);           /* the unknown-code marker */
    CHECK(dxgs_abi_ioctl_by_code(0xc0d8474au) == NULL); /* estimated native fence value */
}

static void check_all_rows(void)
{
    size_t n;
    const dxgs_ioctl *t = dxgs_abi_ioctls(&n);
    CHECK_EQ_INT(n, 75);
    for (size_t i = 0; i < n; i++) {
        const dxgs_ioctl *io = &t[i];
        CHECK_EQ_INT(io->nr, i + 1);
        CHECK(dxgs_abi_ioctl_by_nr(io->nr) == io);
        CHECK(!strncmp(io->name, "LX_", 3));
        if (is_legacy_nr(io->nr)) {
            CHECK(io->flags == DXGS_IOCTL_LEGACY && io->handler == NULL && io->vmbus_command == -1);
        } else {
            CHECK(!(io->flags & DXGS_IOCTL_LEGACY));
            CHECK(io->handler && !strncmp(io->handler, "dxgkio_", 7));
        }
        if (io->flags & DXGS_IOCTL_LAYOUT_UNKNOWN) {
            CHECK(io->nr == 0x4a || io->nr == 0x4b);
            continue;
        }
        CHECK_EQ_INT(_IOC_NR(io->code), io->nr);
        CHECK_EQ_INT(_IOC_TYPE(io->code), DXG_IOCTL_TYPE);
        CHECK_EQ_INT(_IOC_DIR(io->code), _IOC_READ | _IOC_WRITE);
        CHECK_EQ_INT(_IOC_SIZE(io->code), io->arg_size);
        CHECK(dxgs_abi_ioctl_by_code(io->code) == io);
        /* where the TSV lists the arg struct, its size agrees */
        const dxgs_field *size = find_field(io->arg_struct, "__sizeof__");
        if (size) {
            CHECK_EQ_INT(size->size, io->arg_size);
        }
        if (io->vmbus_command >= 0) {
            uint32_t channel = io->vmbus_command >= DXGK_VMBCOMMAND_VM_TO_HOST_FIRST
                                   ? DXGKVMB_VM_TO_HOST
                                   : DXGKVMB_VGPU_TO_HOST;
            CHECK(dxgs_abi_vmbus_command_name(channel, (uint32_t)io->vmbus_command) != NULL);
        }
    }
}

static void check_command_names(void)
{
    const char *s = dxgs_abi_vmbus_command_name(DXGKVMB_VGPU_TO_HOST, 4);
    CHECK(s && !strcmp(s, "CREATEALLOCATION"));
    s = dxgs_abi_vmbus_command_name(DXGKVMB_VGPU_TO_HOST, 21);
    CHECK(s && !strcmp(s, "QUERYVIDEOMEMORYINFO"));
    s = dxgs_abi_vmbus_command_name(DXGKVMB_VGPU_TO_HOST, 68);
    CHECK(s && !strcmp(s, "ISFEATUREENABLED"));
    s = dxgs_abi_vmbus_command_name(DXGKVMB_VM_TO_HOST, 1003);
    CHECK(s && !strcmp(s, "DESTROYSYNCOBJECT"));
    s = dxgs_abi_vmbus_command_name(DXGKVMB_VM_TO_HOST, 1022);
    CHECK(s && !strcmp(s, "ISFEATUREENABLED_GLOBAL"));
    s = dxgs_abi_vmbus_command_name(DXGKVMB_HOST_TO_VM, 2);
    CHECK(s && !strcmp(s, "SETGUESTDATA"));
    CHECK(dxgs_abi_vmbus_command_name(DXGKVMB_VGPU_TO_HOST, 63) == NULL); /* unused number */
    CHECK(dxgs_abi_vmbus_command_name(DXGKVMB_VGPU_TO_HOST, 69) == NULL); /* INVALID */
    CHECK(dxgs_abi_vmbus_command_name(DXGKVMB_VGPU_TO_HOST, 1000) == NULL);
    CHECK(dxgs_abi_vmbus_command_name(DXGKVMB_VM_TO_HOST, 4) == NULL);
    CHECK(dxgs_abi_vmbus_command_name(DXGKVMB_VM_TO_HOST, 1012) == NULL);
    CHECK(dxgs_abi_vmbus_command_name(DXGKVMB_HOST_TO_VM, 5) == NULL);
    CHECK(dxgs_abi_vmbus_command_name(3, 0) == NULL);
    /* every number of the per-adapter enum except 63 has a name */
    for (uint32_t c = 0; c < DXGK_VMBCOMMAND_INVALID; c++) {
        CHECK((c == 63) == (dxgs_abi_vmbus_command_name(DXGKVMB_VGPU_TO_HOST, c) == NULL));
    }
}

/* One parsed row of the buffer TSV. */
typedef struct buffer_row {
    char ioctl[64];
    int parent;
    char name[64];
    char elem[64];
    unsigned ptr_offset;
    char count[64];
} buffer_row;

static size_t read_buffer_rows(buffer_row *rows, size_t max)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f) {
        return 0;
    }
    dxgs_abi_print_buffers_tsv(f);
    rewind(f);
    char line[512];
    size_t n = 0;
    while (n < max && fgets(line, sizeof line, f)) {
        buffer_row *r = &rows[n];
        int got = sscanf(line, "%63[^\t]\t%d\t%63[^\t]\t%63[^\t]\t%u\t%63[^\t]", r->ioctl, &r->parent,
                         r->name, r->elem, &r->ptr_offset, r->count);
        CHECK_EQ_INT(got, 6);
        /* eleven columns, tab separated, one line per row */
        int tabs = 0;
        for (const char *p = line; *p; p++) {
            tabs += *p == '\t';
        }
        CHECK_EQ_INT(tabs, 10);
        n++;
    }
    fclose(f);
    return n;
}

static uint32_t plain_elem_size(const char *elem)
{
    if (!strcmp(elem, "u8")) {
        return 1;
    }
    if (!strcmp(elem, "u32")) {
        return 4;
    }
    if (!strcmp(elem, "u64")) {
        return 8;
    }
    return 0;
}

static void check_buffers(void)
{
    static buffer_row rows[256];
    size_t nrows = read_buffer_rows(rows, sizeof rows / sizeof rows[0]);
    CHECK(nrows > 0);

    size_t n_ioctls;
    const dxgs_ioctl *t = dxgs_abi_ioctls(&n_ioctls);
    size_t row = 0;
    for (size_t k = 0; k < n_ioctls; k++) {
        const dxgs_ioctl *io = &t[k];
        size_t n;
        const dxgs_buffer *b = dxgs_abi_buffers(io->nr, &n);
        CHECK((n == 0) == (b == NULL));
        if (io->flags & (DXGS_IOCTL_LEGACY | DXGS_IOCTL_LAYOUT_UNKNOWN)) {
            CHECK_EQ_INT(n, 0);
        }
        for (size_t i = 0; i < n; i++, row++) {
            const dxgs_buffer *d = &b[i];
            CHECK_EQ_INT(d->ioctl_nr, io->nr);
            CHECK(d->parent >= -1 && d->parent < (int32_t)i);
            if (row >= nrows) {
                CHECK(row < nrows);
                continue;
            }
            /* the TSV lists the same buffers in the same order */
            const buffer_row *r = &rows[row];
            CHECK(!strcmp(r->ioctl, io->name));
            CHECK(!strcmp(r->name, d->name));
            CHECK(!strcmp(r->elem, d->elem_struct));
            CHECK_EQ_INT(r->parent, d->parent);
            CHECK_EQ_INT(r->ptr_offset, d->ptr_offset);

            if (d->parent < -1 || d->parent >= (int32_t)i) {
                continue;
            }
            const char *parent = d->parent < 0 ? io->arg_struct : b[d->parent].elem_struct;
            const dxgs_field *ptr = find_field(parent, d->name);
            CHECK(ptr != NULL);
            if (!ptr) {
                fprintf(stderr, "no field %s.%s\n", parent, d->name);
                continue;
            }
            CHECK_EQ_INT(ptr->offset, d->ptr_offset);
            CHECK_EQ_INT(ptr->size, 8);

            if (d->count_offset >= 0) {
                CHECK(d->count_size == 4 || d->count_size == 8);
                CHECK_EQ_INT(d->count_const, 0);
                const dxgs_field *count = find_field(parent, r->count);
                CHECK(count != NULL);
                if (count) {
                    CHECK_EQ_INT(count->offset, d->count_offset);
                    CHECK_EQ_INT(count->size, d->count_size);
                } else {
                    fprintf(stderr, "no count field %s.%s\n", parent, r->count);
                }
            } else {
                CHECK_EQ_INT(d->count_offset, -1);
                CHECK_EQ_INT(d->count_size, 0);
                CHECK(d->count_const >= 1);
                CHECK_EQ_INT(strtoul(r->count, NULL, 10), d->count_const);
            }

            uint32_t plain = plain_elem_size(d->elem_struct);
            if (plain) {
                CHECK_EQ_INT(d->elem_size, plain);
            } else {
                const dxgs_field *size = find_field(d->elem_struct, "__sizeof__");
                CHECK(size != NULL);
                if (size) {
                    CHECK_EQ_INT(size->size, d->elem_size);
                } else {
                    fprintf(stderr, "no struct %s\n", d->elem_struct);
                }
            }
            CHECK(d->dir == DXGS_BUF_IN || d->dir == DXGS_BUF_OUT ||
                  d->dir == (DXGS_BUF_IN | DXGS_BUF_OUT));
            CHECK(d->kind == DXGS_BUF_DATA || d->kind == DXGS_BUF_PRIVATE ||
                  d->kind == DXGS_BUF_IF_READABLE);
        }
    }
    /* every printed row was reached through dxgs_abi_buffers: one ioctl's rows are contiguous */
    CHECK_EQ_INT(row, nrows);

    size_t n;
    CHECK(dxgs_abi_buffers(0x99, &n) == NULL && n == 0);
    CHECK(dxgs_abi_buffers(0x43, &n) == NULL && n == 0); /* QueryStatistics: all inline */
    CHECK(dxgs_abi_buffers(0x45, &n) == NULL && n == 0); /* CreateSyncFile: no pointers */

    /* CreateAllocation: per-allocation private data hangs off allocation_info's elements */
    const dxgs_buffer *b = dxgs_abi_buffers(0x06, &n);
    int found_nested = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK(strcmp(b[i].name, "sysmem") != 0);
        if (b[i].parent >= 0) {
            const dxgs_buffer *p = &b[b[i].parent];
            CHECK(!strcmp(p->name, "allocation_info"));
            CHECK(!strcmp(b[i].name, "priv_drv_data") && b[i].kind == DXGS_BUF_PRIVATE);
            CHECK_EQ_INT(b[i].count_offset, 24);
            found_nested = 1;
        }
        if (!strcmp(b[i].name, "allocation_info")) {
            CHECK_EQ_INT(b[i].max_elems, 1024);
            CHECK_EQ_INT(b[i].dir, DXGS_BUF_IN | DXGS_BUF_OUT);
        }
    }
    CHECK(found_nested);

    /* ShareObjects: the new fd comes back through a pointer to one u64 */
    b = dxgs_abi_buffers(0x3f, &n);
    CHECK_EQ_INT(n, 2);
    if (n == 2) {
        CHECK(!strcmp(b[1].name, "shared_handle") && b[1].count_offset == -1);
        CHECK(b[1].count_const == 1 && b[1].elem_size == 8 && b[1].dir == DXGS_BUF_OUT);
    }

    /* EnumProcesses counts with a u64 */
    b = dxgs_abi_buffers(0x48, &n);
    CHECK(n == 1 && b[0].count_size == 8 && b[0].elem_size == 4 && b[0].dir == DXGS_BUF_OUT);

    /* the union members that are pointers only in some modes */
    b = dxgs_abi_buffers(0x3b, &n);
    CHECK(n == 2 && b[1].kind == DXGS_BUF_IF_READABLE);
}

int main(void)
{
    check_known_rows();
    check_all_rows();
    check_command_names();
    check_buffers();
    return HARNESS_RESULT();
}
