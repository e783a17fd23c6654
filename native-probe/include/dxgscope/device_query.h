/*
 * Direct device queries without a target process: what the workbench's Adapters view (through
 * JNA) and `dxgcap adapters` ask /dev/dxg. Handles are per process, so this can only see
 * adapter-level facts (dxg-abi.md §5). Every failure is reported as an errno in the result,
 * never by crashing or blocking: the caller always gets a filled report.
 */
#ifndef DXGSCOPE_DEVICE_QUERY_H
#define DXGSCOPE_DEVICE_QUERY_H

#include <stdint.h>
#include "dxgscope/export.h"

#define DXGS_MAX_ADAPTERS 16
#define DXGS_TEXT_MAX 256

/* Flat, fixed-size records so that JNA can map them without pointers. */
typedef struct dxgs_adapter_info {
    uint32_t handle;               /* adapter handle in this process (closed again before return) */
    uint32_t luid_low;             /* guest LUID */
    uint32_t luid_high;
    uint32_t type_flags;           /* KMTQAITYPE_ADAPTERTYPE flag word */
    int32_t type_errno;            /* 0, or errno of that query (then type_flags is unknown) */
    uint32_t driver_version;       /* KMTQAITYPE_DRIVERVERSION (e.g. 3100 = WDDM 3.1) */
    int32_t driver_version_errno;
    int32_t description_errno;     /* KMTQAITYPE_DRIVER_DESCRIPTION */
    int32_t umd_errno;             /* KMTQAITYPE_UMDRIVERNAME (DX12 UMD file name) */
    char description[DXGS_TEXT_MAX];
    char umd_name[DXGS_TEXT_MAX];
} dxgs_adapter_info;

typedef struct dxgs_device_report {
    int32_t open_errno;            /* 0 when the device opened */
    int32_t enum_errno;            /* 0 when LX_DXENUMADAPTERS3 answered */
    uint32_t adapter_count;        /* adapters the device reported (compute-only included) */
    uint32_t adapters_returned;    /* entries filled in adapters[] (<= DXGS_MAX_ADAPTERS) */
    char device_path[DXGS_TEXT_MAX];
    dxgs_adapter_info adapters[DXGS_MAX_ADAPTERS];
} dxgs_device_report;

/* The device path used when none is given: $DXGSCOPE_DEVICE, else "/dev/dxg". */
DXGS_API const char *dxgs_default_device(void);

/* Opens path (NULL = default), enumerates adapters and queries their type and driver facts.
 * Returns 0 when the adapters were enumerated, otherwise the errno that stopped it (also in
 * out->open_errno or out->enum_errno). Never blocks longer than the device's own answers. */
DXGS_API int dxgs_query_device(const char *path, dxgs_device_report *out);

/* Version of this native library ("0.1.0"). */
DXGS_API const char *dxgs_version(void);

#endif
