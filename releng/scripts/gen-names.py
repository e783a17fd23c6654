#!/usr/bin/env python3
"""Generates plugins/dev.dxgscope.capture/src/dev/dxgscope/capture/AbiNames.java from the
native ABI headers and ioctl table: enumeration value names, flag bit names and each ioctl's kernel
handler (the function name dxgkrnl's dmesg lines start with). Offsets never come from here
(they travel in each capture's ABI record); only names do. Run after changing the headers:

    python3 releng/scripts/gen-names.py
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADERS = [ROOT / "native-probe/include/dxgscope/d3dkmthk.h", ROOT / "native-probe/include/dxgscope/dxgvmbus.h"]
IOCTL_TABLE = ROOT / "native-probe/src/common/abi_table.c"
OUT = ROOT / "plugins/dev.dxgscope.capture/src/dev/dxgscope/capture/AbiNames.java"

ENUMS = {
    "kmtqueryadapterinfotype": ("KMTQAITYPE", "KMTQAITYPE_"),
    "d3dddi_synchronizationobject_type": ("SYNC_OBJECT_TYPE", "D3DDDI_"),
    "d3dkmt_allocationresidencystatus": ("RESIDENCY_STATUS", "D3DKMT_ALLOCATIONRESIDENCYSTATUS_"),
    "d3dkmt_memory_segment_group": ("SEGMENT_GROUP", "D3DKMT_MEMORY_SEGMENT_GROUP_"),
    "d3dkmt_querystatistics_type": ("QUERY_STATISTICS_TYPE", "D3DKMT_QUERYSTATISTICS_"),
    "d3dkmt_standardallocationtype": ("STANDARD_ALLOCATION_TYPE", "D3DKMT_STANDARDALLOCATIONTYPE_"),
    "d3dddi_pagingqueue_priority": ("PAGING_QUEUE_PRIORITY", "D3DDDI_PAGINGQUEUE_PRIORITY_"),
    "d3dkmt_deviceexecution_state": ("DEVICE_EXECUTION_STATE", "D3DKMT_DEVICEEXECUTION_"),
    "dxgkvmb_commandtype_global": ("VMBUS_GLOBAL_COMMAND", "DXGK_VMBCOMMAND_"),
    "dxgkvmb_commandtype": ("VMBUS_ADAPTER_COMMAND", "DXGK_VMBCOMMAND_"),
    "dxgkvmb_commandtype_host_to_vm": ("VMBUS_HOST_COMMAND", "DXGK_VMBCOMMAND_"),
    "dxgkvmb_commandchanneltype": ("VMBUS_CHANNEL_TYPE", "DXGKVMB_"),
}
FLAGS = {
    "d3dkmt_createdeviceflags": "CREATE_DEVICE_FLAGS",
    "d3dddi_createcontextflags": "CREATE_CONTEXT_FLAGS",
    "d3dddi_createhwqueueflags": "CREATE_HWQUEUE_FLAGS",
    "d3dkmt_createallocationflags": "CREATE_ALLOCATION_FLAGS",
    "d3dddicb_destroyallocation2flags": "DESTROY_ALLOCATION_FLAGS",
    "d3dddi_makeresident_flags": "MAKE_RESIDENT_FLAGS",
    "d3dddi_evict_flags": "EVICT_FLAGS",
    "d3dddicb_lock2flags": "LOCK2_FLAGS",
    "d3dddi_synchronizationobject_flags": "SYNC_OBJECT_FLAGS",
    "d3dddicb_signalflags": "SIGNAL_FLAGS",
    "d3dddi_waitforsynchronizationobjectfromcpu_flags": "WAIT_FROM_CPU_FLAGS",
    "d3dkmt_submitcommandflags": "SUBMIT_FLAGS",
}

text = "\n".join(h.read_text() for h in HEADERS)
text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def enum_values(name):
    m = re.search(r"enum\s+" + name + r"\s*\{(.*?)\};", text, re.S)
    if not m:
        raise SystemExit("no enum " + name)
    values, known = [], {}
    for item in m.group(1).split(","):
        item = item.strip()
        if not item:
            continue
        key, _, val = item.partition("=")
        key, val = key.strip(), val.strip()
        if not key.isupper() and key.upper() in known:
            continue  # an alias spelling
        v = known[val] if val in known else int(val, 0)
        known[key] = v
        # range markers, not values (SETQUEUEDLIMIT and INVALIDATECACHE are real commands)
        if re.search(r"(_FIRST|_LIMIT|_INVALID(_\w+)?)$", key):
            continue
        values.append((v, key))
    return values


def flag_bits(name):
    m = re.search(r"struct\s+" + name + r"\s*\{(.*?)\n\};", text, re.S)
    if not m:
        raise SystemExit("no struct " + name)
    bits, at = [], 0
    for fm in re.finditer(r"uint32_t\s+(\w+)\s*:\s*(\d+)\s*;", m.group(1)):
        field, width = fm.group(1), int(fm.group(2))
        if not field.startswith("reserved"):
            bits.append((at, width, field))
        at += width
    return bits


out = [
    "package dev.dxgscope.capture;",
    "",
    "import java.util.Map;",
    "",
    "/**",
    " * Names of the dxg ABI's enumeration values and flag bits, generated from the native headers by",
    " * {@code releng/scripts/gen-names.py} (do not edit). Only names live here: struct offsets come from",
    " * each capture's own ABI record. Here, beside the reader, so that the model's decoder and the",
    " * reader's text dump ({@link CaptureDump}, equal to {@code dxgcap dump}) name values alike.",
    " */",
    "public final class AbiNames {",
    "    private AbiNames() {",
    "    }",
    "",
]
for enum, (const, prefix) in ENUMS.items():
    out.append("    /** {@code enum " + enum + "}. */")
    out.append("    public static final Map<Integer, String> " + const + " = Map.ofEntries(")
    entries = []
    for v, key in enum_values(enum):
        short = key[len(prefix):] if key.startswith(prefix) else key
        entries.append('            Map.entry(%d, "%s")' % (v, short))
    out.append(",\n".join(entries) + ");")
    out.append("")
for struct, const in FLAGS.items():
    out.append("    /** Bits of {@code struct " + struct + "}: {bit, width, name}. */")
    out.append("    public static final Object[][] " + const + " = {")
    for at, width, field in flag_bits(struct):
        out.append('            {%d, %d, "%s"},' % (at, width, field))
    out.append("    };")
    out.append("")
table = re.sub(r"\\\n", " ", IOCTL_TABLE.read_text())
handlers = re.findall(r"IOCTL\((LX_\w+),\s*0x[0-9a-f]+,\s*\w+,\s*\"(dxgkio_\w+)\"", table)
handlers += [(n, h) for n, h in re.findall(r"UNKNOWN\((LX_\w+),\s*0x[0-9a-f]+,\s*\w+,\s*\"(dxgkio_\w+)\"", table)]
if len(handlers) < 60 or len({h for _, h in handlers}) != len(handlers):
    raise SystemExit("ioctl handlers not found or not unique in " + str(IOCTL_TABLE))
out.append("    /** Each ioctl's kernel handler, by handler name (native-probe/src/common/abi_table.c). */")
out.append("    public static final Map<String, String> IOCTL_BY_HANDLER = Map.ofEntries(")
out.append(",\n".join('            Map.entry("%s", "%s")' % (h, n) for n, h in handlers) + ");")
out.append("")
out += [
    "    /**",
    "     * A VMBus command's name by its numbering: a host-to-guest message (direction 3) by the host's",
    "     * table, 1000 and up by the global channel's, the rest by an adapter channel's; null when unknown.",
    "     */",
    "    public static String vmbusCommand(int direction, int command) {",
    "        Map<Integer, String> table = direction == 3 ? VMBUS_HOST_COMMAND",
    "                : command >= 1000 ? VMBUS_GLOBAL_COMMAND : VMBUS_ADAPTER_COMMAND;",
    "        return table.get(command);",
    "    }",
]
out.append("}")
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text("\n".join(out) + "\n")
print("wrote", OUT.relative_to(ROOT))
