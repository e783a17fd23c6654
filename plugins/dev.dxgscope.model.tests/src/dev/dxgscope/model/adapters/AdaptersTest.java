package dev.dxgscope.model.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptersTest {
    @Test
    void luidPrintsHighPartFirstAndCombinesUnsigned() {
        Luid luid = new Luid(0x1, 0x8000d1a5);
        assertEquals("0x00000001:0x8000d1a5", luid.toString());
        assertEquals(0x1_8000_d1a5L, luid.value());
    }

    @Test
    void wslRenderAdapterTypeDecodesByName() {
        AdapterType type = new AdapterType(AdapterType.RENDER_SUPPORTED | AdapterType.PARAVIRTUALIZED);
        assertEquals(List.of("render_supported", "paravirtualized"), type.names());
        assertEquals("render", type.summary());
        assertFalse(type.computeOnly());
    }

    @Test
    void computeOnlyAdapterAndUnnamedBits() {
        AdapterType type = new AdapterType(AdapterType.COMPUTE_ONLY | AdapterType.PARAVIRTUALIZED | (1 << 20));
        assertTrue(type.computeOnly());
        assertEquals("compute-only", type.summary());
        assertEquals(List.of("paravirtualized", "compute_only", "bit 20"), type.names());
    }

    @Test
    void driverVersionsAsWddm() {
        assertEquals("WDDM 3.1", new DriverVersion(3100).wddm());
        assertEquals("WDDM 1.1", new DriverVersion(1105).wddm());
        assertEquals("driver version 7", new DriverVersion(7).wddm());
    }

    @Test
    void refusedAnswersNameTheErrno() {
        Answer<String> refused = Answer.of(22, "ignored");
        assertEquals("not answered: EINVAL", refused.describe("not answered"));
        assertEquals("EINVAL (Invalid argument)", ((Answer.Refused<String>) refused).reason());
        assertEquals("NVIDIA", Answer.of(0, "NVIDIA").describe("x"));
    }

    @Test
    void missingDeviceExplainsItselfAndSuggestsAlternatives() {
        var status = new DeviceStatus.Unavailable("/dev/dxg", DeviceStatus.Stage.OPEN, 2);
        assertEquals("Cannot open /dev/dxg: ENOENT (No such file or directory).", status.problem());
        assertTrue(status.advice().contains("simulator"), status.advice());
        var denied = new DeviceStatus.Unavailable("/dev/dxg", DeviceStatus.Stage.OPEN, 13);
        assertTrue(denied.problem().contains("EACCES"));
        assertTrue(denied.advice().contains("permission"), denied.advice());
        var wrong = new DeviceStatus.Unavailable("/dev/null", DeviceStatus.Stage.ENUMERATE, 25);
        assertEquals("/dev/null did not answer LX_DXENUMADAPTERS3: ENOTTY (Inappropriate ioctl for device).",
                wrong.problem());
    }
}
