package dev.dxgscope.model.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.Workloads;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.VmbusTable;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VMBus display filter and expert flags on error-storm (one failing reply) and leaky-sharer. */
class VmbusFilterTest {
    @TempDir
    static Path dir;
    private static CaptureModel storm;
    private static CaptureModel sharer;

    @BeforeAll
    static void load() throws Exception {
        storm = ModelLoader.load(Workloads.record(dir, "error-storm"));
        sharer = ModelLoader.load(Workloads.ROOT.resolve(
                "plugins/dev.dxgscope.model.tests/resources/captures/leaky-sharer.dxgcap"));
    }

    private static int count(CaptureModel m, String filter) throws Exception {
        return VmbusFilter.parse(filter).apply(m.vmbus(), VmbusExpert.of(m.vmbus())).length;
    }

    private static int expected(CaptureModel m, IntPredicate p) {
        int n = 0;
        for (int i = 0; i < m.vmbus().size(); i++) {
            n += p.test(i) ? 1 : 0;
        }
        return n;
    }

    @Test
    void fieldsCompareByNameAndNumber() throws Exception {
        VmbusTable t = storm.vmbus();
        assertEquals(t.size(), count(storm, ""));
        assertEquals(t.size(), count(storm, "   "));
        int makeResident = expected(storm, i -> t.commandName(i).equals("MAKERESIDENT"));
        assertEquals(2, makeResident, "request and reply");
        assertEquals(makeResident, count(storm, "command == MAKERESIDENT"));
        assertEquals(makeResident, count(storm, "cmd == makeresident"));
        assertEquals(makeResident, count(storm, "command == 11"));
        assertEquals(makeResident, count(storm, "MAKERESIDENT"));
        assertEquals(t.size() - makeResident, count(storm, "command != MAKERESIDENT"));
        assertEquals(expected(storm, i -> t.commandName(i).contains("ADAPTER")), count(storm, "command ~ adapter"));
        assertEquals(1, count(storm, "status != 0"));
        assertEquals(1, count(storm, "status == STATUS_INVALID_PARAMETER"));
        assertEquals(1, count(storm, "status == INVALID_PARAMETER"));
        assertEquals(1, count(storm, "status == 0xc000000d"));
        assertEquals(1, count(storm, "status ~ INVALID"));
        int global = expected(storm, i -> t.channel(i) == 0);
        assertEquals(global, count(storm, "channel == global"));
        assertEquals(t.size() - global, count(storm, "channel == adapter"));
        assertEquals(expected(storm, i -> t.direction(i) == VmbusTable.REPLY), count(storm, "direction == reply"));
        int pid = t.pid(t.size() - 1);
        assertEquals(expected(storm, i -> t.pid(i) == pid), count(storm, "pid == " + pid));
        assertEquals(expected(storm, i -> t.messageSize(i) > 100), count(storm, "size > 100"));
        assertEquals(3, count(storm, "no <= 3"));
        assertEquals(expected(storm, i -> t.seq(i) >= 20), count(storm, "seq >= #20"));
        assertEquals(expected(storm, i -> t.pair(i) >= 0), count(storm, "latency >= 0"));
        assertEquals(0, count(storm, "latency > 1s"));
    }

    @Test
    void flagsAndCombinations() throws Exception {
        VmbusTable t = storm.vmbus();
        assertEquals(1, count(storm, "flags ~ error"));
        assertEquals(1, count(storm, "error"));
        assertEquals(t.size() - 1, count(storm, "flags !~ error"));
        assertEquals(t.size() - 1, count(storm, "!error"));
        assertEquals(0, count(storm, "flags ~ unanswered"));
        assertEquals(1, count(storm, "command == MAKERESIDENT && status != 0"));
        assertEquals(2, count(storm, "command == MAKERESIDENT && (status != 0 || direction == request)"));
        assertEquals(count(storm, "channel == global") + 2, count(storm, "channel == global || command == MAKERESIDENT"));
        assertEquals(1, count(storm, "command == MAKERESIDENT and not direction == request"));
        int mr = t.indexAtOrAfter(0);
        assertTrue(mr >= 0);
    }

    @Test
    void mistakesAreErrorsWithTheirPosition() {
        String[][] bad = {
            {"command == FROBNICATE", "unknown command", "12"},
            {"pid == abc", "a number expected", "8"},
            {"colour == red", "unknown field", "1"},
            {"flags ~ shiny", "unknown flag", "9"},
            {"status == STATUS_WHATEVER", "unknown NTSTATUS", "11"},
            {"(command == EVICT", "')' expected", "18"},
            {"command ==", "a value expected", "11"},
            {"pid == 1 &&", "ends too early", "12"},
            {"pid ~ 12", "compares text", "5"},
            {"latency > 5 parsecs", "unexpected", "13"},
            {"latency > 5pc", "duration", "11"},
            {"frobnicate", "neither", "1"},
            {"pid == 1 $", "unexpected character", "10"},
            {"channel == pci", "global or adapter", "12"},
            {"command contains WAIT", "'command' is a field: compare it", "1"},
            {"WAIT", "(part of a command name: command ~ WAIT)", "1"},
        };
        for (String[] b : bad) {
            VmbusFilter.SyntaxError e = assertThrows(VmbusFilter.SyntaxError.class, () -> VmbusFilter.parse(b[0]),
                    b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().endsWith("(at character " + b[2] + ")"), b[0] + ": " + e.getMessage());
        }
    }

    @Test
    void expertFlagsMarkFailuresAndOnlyUnusualLatencies() throws Exception {
        VmbusTable t = storm.vmbus();
        VmbusExpert x = VmbusExpert.of(t);
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.failed(i), x.has(i, VmbusExpert.ERROR), "row " + i);
            assertEquals(t.unanswered(i), x.has(i, VmbusExpert.UNANSWERED), "row " + i);
            assertTrue(!x.has(i, VmbusExpert.SLOW), "a handful of replies is never 'slow' by p99");
        }
        assertEquals(-1, x.p99(11), "MAKERESIDENT: too few replies for a p99");
        assertEquals("error, slow", VmbusExpert.names(VmbusExpert.ERROR | VmbusExpert.SLOW));
        VmbusExpert sx = VmbusExpert.of(sharer.vmbus());
        assertEquals(0, VmbusFilter.parse("flags ~ error || flags ~ unanswered").apply(sharer.vmbus(), sx).length);
    }
}
