package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.decode.KernelLine.Refusal;
import org.junit.jupiter.api.Test;

class KernelLineTest {
    @Test
    void theHandlerNamesTheIoctlAndTheClosingLineItsErrno() {
        KernelLine k = KernelLine.parse("misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12");
        assertEquals(new KernelLine("LX_DXMAKERESIDENT", 12), k);
        assertTrue(k.closing());
        assertEquals(Refusal.NONE, k.refusal());
        assertFalse(k.dispatcher());
        KernelLine detail = KernelLine.parse("misc dxg: dxgk: dxgkio_create_allocation: invalid standard allocation");
        assertEquals("LX_DXCREATEALLOCATION", detail.ioctl());
        assertFalse(detail.closing());
        assertEquals("LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU",
                KernelLine.parse("dxgk: dxgkio_wait_sync_object_cpu: Ioctl failed: -110").ioctl());
        assertEquals(new KernelLine("LX_DXMAKERESIDENT", 12),
                KernelLine.parse("[ 1234.567890] misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12"),
                "the kernel's time the collector puts first");
        assertEquals(0xc0144709, KernelLine.parse(
                "[    5.310000] misc dxg: dxgk: dxgk_ioctl: ioctl mismatch. Code: 9 User: c0144709 Kernel: c0184709")
                .request());
        assertEquals("LX_ISFEATUREENABLED",
                KernelLine.parse("misc dxg: dxgk: dxgkio_is_feature_enabled: Ioctl failed: -22").ioctl());
    }

    @Test
    void theDispatchersRefusalsNameTheRequestOrTheCaller() {
        KernelLine bad = KernelLine.parse("misc dxg: dxgk: dxgk_ioctl: bad ioctl 99 47 0 3");
        assertEquals(new KernelLine(KernelLine.DISPATCHER, KernelLine.ENOTTY, Refusal.OUT_OF_RANGE, 0xc0004799, -1, 0), bad,
                "the request rebuilt from nr, type, size and direction");
        assertTrue(bad.dispatcher());
        assertTrue(bad.closing(), "the dispatcher prints one line and returns");
        assertEquals(new KernelLine(KernelLine.DISPATCHER, KernelLine.ENOTTY, Refusal.NO_HANDLER, 0, 3, 0),
                KernelLine.parse("misc dxg: dxgk: dxgk_ioctl: ioctl callback is NULL 3"));
        KernelLine mismatch = KernelLine.parse(
                "misc dxg: dxgk: dxgk_ioctl: ioctl mismatch. Code: 9 User: c0144709 Kernel: c0184709");
        assertEquals(0xc0144709, mismatch.request());
        assertEquals(Refusal.MISMATCH, mismatch.refusal());
        assertTrue(mismatch.names(0xc0144709, 42));
        assertFalse(mismatch.names(0xc0184709, 42), "the kernel's own value is not the caller's");
        KernelLine wrong = KernelLine.parse("misc dxg: dxgk: dxgk_ioctl: Call from a wrong process: 100 200");
        assertEquals(200, wrong.caller());
        assertEquals(Refusal.WRONG_PROCESS, wrong.refusal());
        assertTrue(wrong.names(0xc0184709, 200));
        assertFalse(wrong.names(0xc0184709, 100), "the file's owner did not make the call");
        assertNull(KernelLine.parse("misc dxg: dxgk: dxgk_ioctl: bad ioctl zz 47 0 3"), "not the kernel's format");
        assertNull(KernelLine.parse("misc dxg: dxgk: dxgk_ioctl: bad ioctl 999 47 0 3"), "no such request number");
        assertNull(KernelLine.parse("misc dxg: dxgk: dxgk_ioctl: something else"));
    }

    @Test
    void linesThatNameNoKnownHandlerAreNotKernelLinesOfACall() {
        assertNull(KernelLine.parse("misc dxg: dxgk: dxgkio_no_such_handler: Ioctl failed: -22"));
        assertNull(KernelLine.parse("dxgkio_make_resident"), "no colon after the name");
        assertNull(KernelLine.parse(""));
        assertEquals(0, KernelLine.parse("dxgkio_make_resident: Ioctl failed: -99999999999").errno(),
                "an absurd errno is not parsed");
    }
}
