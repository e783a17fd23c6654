package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelLineTest {
    @Test
    void theHandlerNamesTheIoctlAndTheClosingLineItsErrno() {
        KernelLine k = KernelLine.parse("misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12");
        assertEquals(new KernelLine("LX_DXMAKERESIDENT", 12), k);
        assertTrue(k.closing());
        KernelLine detail = KernelLine.parse("misc dxg: dxgk: dxgkio_create_allocation: invalid standard allocation");
        assertEquals("LX_DXCREATEALLOCATION", detail.ioctl());
        assertFalse(detail.closing());
        assertEquals("LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU",
                KernelLine.parse("dxgk: dxgkio_wait_sync_object_cpu: Ioctl failed: -110").ioctl());
        assertEquals("LX_ISFEATUREENABLED",
                KernelLine.parse("misc dxg: dxgk: dxgkio_is_feature_enabled: Ioctl failed: -22").ioctl());
    }

    @Test
    void linesThatNameNoKnownHandlerAreNotKernelLinesOfACall() {
        assertNull(KernelLine.parse("misc dxg: dxgk: dxgk_ioctl: bad ioctl 99 47 0 3"));
        assertNull(KernelLine.parse("misc dxg: dxgk: dxgkio_no_such_handler: Ioctl failed: -22"));
        assertNull(KernelLine.parse("dxgkio_make_resident"), "no colon after the name");
        assertNull(KernelLine.parse(""));
        assertEquals(0, KernelLine.parse("dxgkio_make_resident: Ioctl failed: -99999999999").errno(),
                "an absurd errno is not parsed");
    }
}
