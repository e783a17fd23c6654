package dev.dxgscope.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.adapters.DeviceStatus;
import org.junit.jupiter.api.Test;

/** Runs the real libdxgscope.so from the fragment through JNA. */
class DeviceQueryTest {
    @Test
    void loadsTheNativeLibraryFromTheFragment() {
        assertTrue(DeviceQuery.nativeVersion().matches("\\d+\\.\\d+\\.\\d+"), DeviceQuery.nativeVersion());
    }

    @Test
    void missingDeviceIsReportedWithEnoent() {
        DeviceStatus status = DeviceQuery.query("/nonexistent/dxg");
        var unavailable = assertInstanceOf(DeviceStatus.Unavailable.class, status);
        assertEquals("/nonexistent/dxg", unavailable.devicePath());
        assertEquals(DeviceStatus.Stage.OPEN, unavailable.stage());
        assertEquals(2, unavailable.errno());
    }

    @Test
    void aFileThatIsNotADxgDeviceRefusesTheIoctl() {
        var unavailable = assertInstanceOf(DeviceStatus.Unavailable.class, DeviceQuery.query("/dev/null"));
        assertEquals(DeviceStatus.Stage.ENUMERATE, unavailable.stage());
        assertEquals(25, unavailable.errno());
    }
}
