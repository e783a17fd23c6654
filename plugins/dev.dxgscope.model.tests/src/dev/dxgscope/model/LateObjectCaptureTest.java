package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.analysis.HandleHistory;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.FailedCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * resources/captures/late-object.dxgcap, the capture the workbench's live Log test streams: app
 * (pid 100) fails a call naming device 0x4000beef, which nothing has yet; a MARKER record is
 * where the stream pauses; then app makes device 0x4000beef, and exits. Written by {@link #write};
 * {@code DXGSCOPE_REBASELINE=1} writes the committed file again, as for the golden files.
 */
class LateObjectCaptureTest {
    static final Path COMMITTED = Workloads.ROOT.resolve("plugins/dev.dxgscope.model.tests/resources/captures/late-object.dxgcap");
    private static final int APP = 100;
    private static final int ADAPTER = 0x40000000;

    @TempDir
    Path dir;

    static void write(Path path) throws Exception {
        try (Script s = new Script(path)) {
            s.process(APP, 1, 1, 0, "/bin/app", "app");
            s.fd(APP, 1, 3, -1, new int[0], "/dev/dxg");
            s.call(APP, "LX_DXENUMADAPTERS3").in("adapter_count", 1).in("adapters", 0x7200_0000L)
                    .outStructs("adapters", "d3dkmt_adapterinfo", new Object[] {"adapter_handle", ADAPTER,
                        "adapter_luid", 0x1234L})
                    .ok();
            var bad = s.call(APP, "LX_DXCREATECONTEXTVIRTUAL").in("device", 0x4000beef);
            bad.enter();
            bad.leave(-1, 22);
            s.marker(APP, 0); /* the stream pauses here */
            s.call(APP, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", 0x4000beef).ok();
            s.process(APP, 4, 0, 0);
            s.end(0);
        }
    }

    @Test
    void theCommittedCaptureIsWhatTheScriptWrites() throws Exception {
        if ("1".equals(System.getenv("DXGSCOPE_REBASELINE"))) {
            write(COMMITTED);
        }
        Path fresh = dir.resolve("late-object.dxgcap");
        write(fresh);
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(COMMITTED),
                "late-object.dxgcap differs from what the script writes (DXGSCOPE_REBASELINE=1 to write it again)");
    }

    @Test
    void itsFailedCallNamesADeviceCreatedOnlyLater() throws Exception {
        CaptureModel m = ModelLoader.load(COMMITTED);
        List<FailedCall> failed = m.failedCalls();
        assertEquals(1, failed.size());
        List<String> findings = HandleHistory.of(m).explain(failed.get(0));
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).startsWith("device 0x4000beef: not yet created: device created at #"), findings.get(0));
    }
}
