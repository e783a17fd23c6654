package dev.dxgscope.model.adapters;

/**
 * What a device query learned about one adapter. Only adapter-level facts: handles are per
 * process, so a query cannot see other processes' objects (dxg-abi.md §5).
 *
 * @param luid the guest LUID
 * @param type KMTQAITYPE_ADAPTERTYPE
 * @param driverVersion KMTQAITYPE_DRIVERVERSION
 * @param description KMTQAITYPE_DRIVER_DESCRIPTION
 * @param userModeDriver KMTQAITYPE_UMDRIVERNAME (DX12 user-mode driver file)
 */
public record AdapterInfo(Luid luid, Answer<AdapterType> type, Answer<DriverVersion> driverVersion,
        Answer<String> description, Answer<String> userModeDriver) {
}
