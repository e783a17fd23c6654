/* Adapter enumeration and adapter-info queries on a dxg device (see device_query.h). */
#include "dxgscope/device_query.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dxgscope/d3dkmthk.h"
#include "utf16.h"

/* D3DKMT_UMDFILENAMEINFO / D3DKMT_DRIVER_DESCRIPTION result sizes (Windows layouts). */
#define UMD_NAME_CHARS 260
#define DRIVER_DESCRIPTION_CHARS 4096
#define KMTUMDVERSION_DX12 3

const char *dxgs_default_device(void)
{
    const char *env = getenv("DXGSCOPE_DEVICE");
    return (env && *env) ? env : "/dev/dxg";
}

static int xioctl(int fd, unsigned long request, void *arg)
{
    int r;
    do {
        r = ioctl(fd, request, arg);
    } while (r < 0 && errno == EINTR);
    return r < 0 ? errno : 0;
}

static int query_info(int fd, uint32_t adapter, uint32_t type, void *data, uint32_t size)
{
    struct d3dkmt_queryadapterinfo q = {
        .adapter = {adapter},
        .type = type,
        .private_data = (uint64_t)(uintptr_t)data,
        .private_data_size = size,
    };
    return xioctl(fd, LX_DXQUERYADAPTERINFO, &q);
}

static void query_adapter(int fd, dxgs_adapter_info *a)
{
    uint32_t word = 0;
    a->type_errno = query_info(fd, a->handle, KMTQAITYPE_ADAPTERTYPE, &word, sizeof word);
    a->type_flags = a->type_errno ? 0 : word;

    word = 0;
    a->driver_version_errno = query_info(fd, a->handle, KMTQAITYPE_DRIVERVERSION, &word, sizeof word);
    a->driver_version = a->driver_version_errno ? 0 : word;

    uint16_t *text = calloc(DRIVER_DESCRIPTION_CHARS, sizeof(uint16_t));
    if (!text) {
        a->description_errno = a->umd_errno = ENOMEM;
        return;
    }
    a->description_errno = query_info(fd, a->handle, KMTQAITYPE_DRIVER_DESCRIPTION, text,
                                      DRIVER_DESCRIPTION_CHARS * sizeof(uint16_t));
    if (!a->description_errno) {
        dxgs_utf16_to_utf8(text, DRIVER_DESCRIPTION_CHARS, a->description, sizeof a->description);
    }

    /* D3DKMT_UMDFILENAMEINFO: u32 version in, WCHAR name[260] out. */
    memset(text, 0, 4 + UMD_NAME_CHARS * sizeof(uint16_t));
    uint32_t version = KMTUMDVERSION_DX12;
    memcpy(text, &version, sizeof version);
    a->umd_errno = query_info(fd, a->handle, KMTQAITYPE_UMDRIVERNAME, text,
                              4 + UMD_NAME_CHARS * sizeof(uint16_t));
    if (!a->umd_errno) {
        dxgs_utf16_to_utf8(text + 2, UMD_NAME_CHARS, a->umd_name, sizeof a->umd_name);
    }
    free(text);
}

int dxgs_query_device(const char *path, dxgs_device_report *out)
{
    memset(out, 0, sizeof *out);
    if (!path) {
        path = dxgs_default_device();
    }
    strncpy(out->device_path, path, sizeof out->device_path - 1);

    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        out->open_errno = errno;
        return out->open_errno;
    }

    /* First ask for the count (adapters = NULL), then for the entries with room for all. */
    struct d3dkmt_enumadapters3 e = {0};
    e.filter.include_compute_only = 1;
    out->enum_errno = xioctl(fd, LX_DXENUMADAPTERS3, &e);
    struct d3dkmt_adapterinfo infos[DXGS_MAX_ADAPTERS * 4];
    if (!out->enum_errno && e.adapter_count > 0) {
        if (e.adapter_count > sizeof infos / sizeof infos[0]) {
            out->enum_errno = EOVERFLOW;
        } else {
            memset(infos, 0, sizeof infos);
            e.adapters = (uint64_t)(uintptr_t)infos;
            out->enum_errno = xioctl(fd, LX_DXENUMADAPTERS3, &e);
        }
    }
    if (out->enum_errno) {
        close(fd);
        return out->enum_errno;
    }

    out->adapter_count = e.adapter_count;
    uint32_t n = e.adapter_count < DXGS_MAX_ADAPTERS ? e.adapter_count : DXGS_MAX_ADAPTERS;
    for (uint32_t i = 0; i < e.adapter_count; i++) {
        if (i < n) {
            dxgs_adapter_info *a = &out->adapters[i];
            a->handle = infos[i].adapter_handle.v;
            a->luid_low = infos[i].adapter_luid.a;
            a->luid_high = infos[i].adapter_luid.b;
            query_adapter(fd, a);
        }
        /* Each enumeration opened a handle per adapter: close them all again. */
        struct d3dkmt_closeadapter c = {infos[i].adapter_handle};
        (void)xioctl(fd, LX_DXCLOSEADAPTER, &c);
    }
    out->adapters_returned = n;
    close(fd);
    return 0;
}
