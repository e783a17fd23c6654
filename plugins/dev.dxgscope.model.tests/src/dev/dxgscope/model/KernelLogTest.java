package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.analysis.ErrorAnalysis;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel-log lines that name no call (a real device's log, read by the collector) are linked to
 * the failure that printed them by handler name, errno, process and time, in print order.
 */
class KernelLogTest {
    private static final int A = 100;
    private static final int B = 200;
    private static final int ADAPTER = 0x40000000;
    private static final String PREFIX = "misc dxg: dxgk: dxgkio_query_adapter_info: ";

    @TempDir
    Path dir;

    private static Script started(Path file) throws Exception {
        Script s = new Script(file);
        for (int pid : new int[] {A, B}) {
            s.process(pid, 1, 1, 0, "/bin/app", "app");
            s.fd(pid, 1, 3, -1, new int[0], "/dev/dxg");
        }
        return s;
    }

    /** A QueryAdapterInfo of {@code pid} that fails with {@code errno}; returns its enter seq. */
    private static long fail(Script s, int pid, int errno) throws Exception {
        var c = s.call(pid, "LX_DXQUERYADAPTERINFO").in("adapter", ADAPTER).in("type", 0x7fff);
        long enter = c.enter();
        c.leave(-1, errno);
        return enter;
    }

    private static List<String> texts(FailedCall f) {
        return f.lines().stream().map(LogLine::text).toList();
    }

    @Test
    void twoAlikeFailuresEachGetTheirOwnLinesInPrintOrder() throws Exception {
        Script s = started(dir.resolve("alike.dxgcap"));
        fail(s, A, 22);
        fail(s, A, 22);
        s.log(0, 0, 1_000_000, PREFIX + "invalid adapter type 0x7fff");
        s.log(0, 0, 1_000_000, PREFIX + "Ioctl failed: -22");
        s.log(0, 0, 1_000_000, PREFIX + "Ioctl failed: -22");
        s.end(0);
        List<FailedCall> f = s.model().failedCalls();
        assertEquals(List.of(PREFIX + "invalid adapter type 0x7fff", PREFIX + "Ioctl failed: -22"), texts(f.get(0)));
        assertEquals(List.of(PREFIX + "Ioctl failed: -22"), texts(f.get(1)));
        assertTrue(f.get(0).linesInferred());
        assertTrue(f.get(1).linesInferred());
    }

    @Test
    void aLineReadBeforeItsCallReturnedIsLinkedWhenItReturns() throws Exception {
        Script s = started(dir.resolve("early.dxgcap"));
        var c = s.call(A, "LX_DXQUERYADAPTERINFO").in("adapter", ADAPTER).in("type", 0x7fff);
        c.enter();
        s.log(0, 0, 0, PREFIX + "Ioctl failed: -2");
        c.leave(-1, 2);
        s.end(0);
        FailedCall f = s.model().failedCalls().get(0);
        assertEquals(List.of(PREFIX + "Ioctl failed: -2"), texts(f));
        assertTrue(f.linesInferred());
    }

    /** Another errno, another process, another ioctl, too late, or before the call: not its line. */
    @Test
    void aLineThatDoesNotFitStaysUnlinked() throws Exception {
        Script s = started(dir.resolve("misfit.dxgcap"));
        s.log(0, 0, 0, PREFIX + "Ioctl failed: -2"); /* before any call */
        fail(s, A, 2);
        s.log(0, 0, 0, PREFIX + "Ioctl failed: -22"); /* errno differs */
        s.log(B, 0, 0, PREFIX + "Ioctl failed: -2"); /* the line's process differs */
        s.log(0, 0, 0, "misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -2"); /* another ioctl */
        s.log(0, 0, 0, "misc dxg: dxgk: dxgk_ioctl: bad ioctl 99 47 0 3"); /* names no handler */
        fail(s, B, 2);
        s.log(0, 0, 3_000_000_000L, PREFIX + "Ioctl failed: -2"); /* read 3 s later */
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(List.of(), texts(m.failedCalls().get(0)));
        assertEquals(List.of(), texts(m.failedCalls().get(1)));
        assertFalse(m.failedCalls().get(0).linesInferred());
        assertEquals(6, ErrorAnalysis.of(m).unlinkedLines().size());
    }

    @Test
    void aLineWithTheProcessOfItsCallIsLinkedOnlyToThatProcess() throws Exception {
        Script s = started(dir.resolve("pids.dxgcap"));
        fail(s, A, 22);
        fail(s, B, 22);
        s.log(B, 0, 0, PREFIX + "Ioctl failed: -22");
        s.end(0);
        List<FailedCall> f = s.model().failedCalls();
        assertEquals(List.of(), texts(f.get(0)));
        assertEquals(List.of(PREFIX + "Ioctl failed: -22"), texts(f.get(1)));
    }

    /**
     * The dispatcher's refusals (a wrong struct size, a legacy request, an fd used by another
     * process) name no handler: linked to the ENOTTY failure with the request or caller they name.
     */
    @Test
    void theDispatchersLinesAreLinkedByTheRequestOrCallerTheyName() throws Exception {
        Script s = started(dir.resolve("dispatcher.dxgcap"));
        fail(s, A, 25); /* an ordinary ENOTTY that none of these lines name */
        var sized = s.call(A, "LX_DXQUERYADAPTERINFO").code(0xc0144709);
        sized.enter();
        sized.leave(-1, 25);
        var legacy = s.call(A, "LX_DXQUERYADAPTERINFO").code(0xc0604703);
        legacy.enter();
        legacy.leave(-1, 25);
        var foreign = s.call(B, "LX_DXQUERYADAPTERINFO").in("adapter", ADAPTER);
        foreign.enter();
        foreign.leave(-1, 25);
        var newer = s.call(A, "LX_DXQUERYADAPTERINFO").code(0xc0004799);
        newer.enter();
        newer.leave(-1, 25);
        String dispatcher = "misc dxg: dxgk: dxgk_ioctl: ";
        s.log(0, 0, 0, dispatcher + "Call from a wrong process: " + A + " " + B);
        s.log(0, 0, 0, dispatcher + "ioctl callback is NULL 3");
        s.log(0, 0, 0, dispatcher + "ioctl mismatch. Code: 9 User: c0144709 Kernel: c0184709");
        s.log(0, 0, 0, dispatcher + "bad ioctl 99 47 0 3");
        s.end(0);
        CaptureModel m = s.model();
        List<FailedCall> f = m.failedCalls();
        assertEquals(List.of(), texts(f.get(0)));
        assertEquals(List.of(dispatcher + "ioctl mismatch. Code: 9 User: c0144709 Kernel: c0184709"), texts(f.get(1)));
        assertEquals(List.of(dispatcher + "ioctl callback is NULL 3"), texts(f.get(2)));
        assertEquals(List.of(dispatcher + "Call from a wrong process: " + A + " " + B), texts(f.get(3)));
        assertEquals(0xc0144709, f.get(1).request());
        assertTrue(f.get(1).linesInferred());
        assertEquals(List.of(Refusal.NONE, Refusal.MISMATCH, Refusal.NO_HANDLER, Refusal.WRONG_PROCESS,
                Refusal.OUT_OF_RANGE), f.stream().map(FailedCall::refusal).toList(), "each refusal as the kernel says it");
        assertTrue(f.get(4).hint().startsWith("this dxgkrnl has no request number 0x99: the kernel is older"),
                f.get(4).hint());
        assertTrue(f.get(0).hint().startsWith("the caller opened this /dev/dxg itself, so the dispatcher did not refuse"),
                "not known why, but not the process: " + f.get(0).hint());
        assertTrue(f.get(3).hint().startsWith("this process did not open the /dev/dxg it called through:"),
                f.get(3).hint());
        assertEquals(List.of(), ErrorAnalysis.of(m).unlinkedLines());
    }

    /**
     * With no kernel line, the model reads why the dispatcher refused a call in the order the
     * dispatcher checks: number 0, a legacy number (even from the wrong process), an unknown request
     * value, then a descriptor another process opened; an ENOTTY none of these explains stays NONE.
     */
    @Test
    void withoutItsLineARefusalIsReadInTheDispatchersOrder() throws Exception {
        Script s = new Script(dir.resolve("order.dxgcap"));
        s.process(A, 1, 1, 0, "/bin/app", "app");
        s.fd(A, 1, 3, -1, new int[0], "/dev/dxg");
        s.process(B, 1, A, 0, "/bin/app", "app"); /* forked: B's fd 3 is A's file */
        int[][] calls = {{B, 0xc0604703}, {B, 0xc0144709}, {B, 0}, {A, 0}, {A, 0xc0004700}};
        for (int[] c : calls) {
            var call = s.call(c[0], "LX_DXQUERYADAPTERINFO").in("adapter", ADAPTER);
            if (c[1] != 0) {
                call.code(c[1]);
            }
            call.enter();
            call.leave(-1, 25);
        }
        s.end(0);
        List<FailedCall> f = s.model().failedCalls();
        assertEquals(List.of(Refusal.NO_HANDLER, Refusal.MISMATCH, Refusal.WRONG_PROCESS, Refusal.NONE,
                Refusal.OUT_OF_RANGE), f.stream().map(FailedCall::refusal).toList());
        assertEquals("this process did not open the /dev/dxg it called through (fd 3, opened by pid " + A + "):"
                + " dxgkrnl serves only the process that opened the file; after fork, open /dev/dxg again", f.get(2).hint());
        assertTrue(f.get(4).hint().startsWith("request number 0 is no dxgkrnl request"), f.get(4).hint());
    }

    /**
     * The dispatcher checks in order, so a legacy number is refused before the caller's process is
     * looked at: a "wrong process" line is another call's, not this one's.
     */
    @Test
    void aDispatcherLineTheCallsNumberRulesOutIsNotItsLine() throws Exception {
        Script s = started(dir.resolve("ruled-out.dxgcap"));
        var legacy = s.call(A, "LX_DXQUERYADAPTERINFO").code(0xc0604703);
        legacy.enter();
        legacy.leave(-1, 25);
        s.log(0, 0, 0, "misc dxg: dxgk: dxgk_ioctl: Call from a wrong process: " + B + " " + A);
        s.end(0);
        CaptureModel m = s.model();
        FailedCall f = m.failedCalls().get(0);
        assertEquals(List.of(), texts(f));
        assertEquals(Refusal.NO_HANDLER, f.refusal(), "the number decides, not the line");
        assertEquals(1, ErrorAnalysis.of(m).unlinkedLines().size());
    }

    /** dxgsim names the call: linked by seq, not inferred, even when the text would fit another. */
    @Test
    void aLineThatNamesItsCallIsLinkedByIt() throws Exception {
        Script s = started(dir.resolve("cause.dxgcap"));
        long first = fail(s, A, 22);
        fail(s, A, 22);
        s.log(A, first, 0, PREFIX + "Ioctl failed: -22");
        s.end(0);
        List<FailedCall> f = s.model().failedCalls();
        assertEquals(List.of(PREFIX + "Ioctl failed: -22"), texts(f.get(0)));
        assertFalse(f.get(0).linesInferred());
        assertEquals(List.of(), texts(f.get(1)));
    }

    /** A recording that could not read the kernel log says so in the capture's health list. */
    @Test
    void anUnreadKernelLogIsAHealthWarning() throws Exception {
        Script denied = new Script(dir.resolve("denied.dxgcap"), "kernel_log=off: /dev/kmsg: Permission denied");
        denied.end(0);
        List<String> health = denied.model().diagnostics().stream().map(d -> d.text()).toList();
        assertTrue(health.contains("the kernel log was not read (/dev/kmsg: Permission denied): failed calls have no "
                + "dmesg lines"), health.toString());
        Script sim = new Script(dir.resolve("sim.dxgcap"), "kernel_log=off: the simulator writes its own lines");
        sim.end(0);
        assertTrue(sim.model().diagnostics().stream().noneMatch(d -> d.text().contains("kernel log")));
    }
}
