package dev.dxgscope.model.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.Workloads;
import dev.dxgscope.model.state.CaptureModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless report on committed captures: golden CSV tables (rebaseline with
 * DXGSCOPE_REBASELINE=1, docs/REPORT.md), every format, time arguments and the command line.
 */
class ReportTest {
    static final Path RESOURCES = Workloads.ROOT.resolve("plugins/dev.dxgscope.model.tests/resources");
    static final List<String> CAPTURES = List.of("stuck-wait", "leaky-sharer");

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path capture(String name) {
        return RESOURCES.resolve("captures/" + name + ".dxgcap");
    }

    @Test
    void csvTablesMatchTheGoldenFiles() throws IOException {
        boolean rebaseline = "1".equals(System.getenv("DXGSCOPE_REBASELINE"));
        for (String name : CAPTURES) {
            CaptureModel m = ModelLoader.load(capture(name));
            Map<String, Object> tree = new ReportBuilder(m, name + ".dxgcap").build(null, null, Set.of());
            Path out = dir.resolve(name);
            List<Path> files = CsvExport.write(tree, out);
            Path golden = RESOURCES.resolve("golden/" + name);
            if (rebaseline) {
                Files.createDirectories(golden);
                try (Stream<Path> old = Files.list(golden)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
                for (Path f : files) {
                    Files.copy(f, golden.resolve(f.getFileName()));
                }
                continue;
            }
            try (Stream<Path> expected = Files.list(golden)) {
                List<String> want = expected.map(p -> p.getFileName().toString()).sorted().toList();
                List<String> got = files.stream().map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(want, got, name + ": the tables");
            }
            for (Path f : files) {
                assertEquals(Files.readString(golden.resolve(f.getFileName())), Files.readString(f),
                        name + "/" + f.getFileName() + " differs from the golden file (DXGSCOPE_REBASELINE=1 to accept)");
            }
        }
    }

    @Test
    void everyFormatRenders() {
        Run text = run(capture("leaky-sharer").toString());
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("== leaks =="));
        assertTrue(text.out().contains("kept_alive_by_share"));
        Run json = run(capture("leaky-sharer").toString(), "--format", "json");
        assertEquals(0, json.status());
        assertTrue(json.out().startsWith("{\n  \"schema\": \"dxgscope-report/1\""));
        assertTrue(json.out().contains("\"suspects\": ["));
        assertEquals(count(json.out(), '{'), count(json.out(), '}'), "balanced braces");
        Run html = run(capture("stuck-wait").toString(), "--format", "html");
        assertEquals(0, html.status());
        assertTrue(html.out().contains("<h2 id=\"sync\">sync</h2>"));
        assertTrue(html.out().contains("never satisfied"));
        assertTrue(html.out().trim().endsWith("</html>"));
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    @Test
    void atAndDiffShowTheStateAtThoseTimes() {
        Run at = run(capture("stuck-wait").toString(), "--format", "json", "--section", "objects", "--at", "#60");
        assertEquals(0, at.status(), at.err());
        assertTrue(at.out().contains("\"at\": {"));
        assertTrue(at.out().replaceAll("\\s", "").contains("\"applies_to\":[\"processes\",\"objects\",\"leaks\"]"),
                "which sections are at that moment: " + at.out());
        assertTrue(at.out().contains("\"type\": \"sync object\""), "the fence is alive at #60");
        Run start = run(capture("stuck-wait").toString(), "--format", "json", "--section", "objects", "--at", "0");
        assertFalse(start.out().contains("\"type\": \"sync object\""), "nothing exists at the start");
        Run end = run(capture("stuck-wait").toString(), "--format", "json", "--section", "objects", "--at", "end");
        for (String late : List.of("1e6s", "1e12s", "Infinity")) { /* past the end: the end, not an overflow to the start */
            Run past = run(capture("stuck-wait").toString(), "--format", "json", "--section", "objects", "--at", late);
            assertEquals(0, past.status(), past.err());
            assertEquals(end.out().replaceAll("\"file\": \"[^\"]*\"", ""), past.out().replaceAll("\"file\": \"[^\"]*\"", ""),
                    "--at " + late);
        }
        Run diff = run(capture("stuck-wait").toString(), "--section", "diff", "--diff", "start", "#60");
        assertEquals(0, diff.status(), diff.err());
        assertTrue(diff.out().contains("created_and_alive"));
    }

    /** stuck-wait's ground truth (workloads/README.md) seen through the diff section. */
    @Test
    @SuppressWarnings("unchecked")
    void theDiffSectionShowsWhatTheWorkloadDidBetweenTwoTimes() throws IOException {
        CaptureModel m = ModelLoader.load(capture("stuck-wait"));
        long first = m.timeline().firstSeq();
        long end = m.timeline().lastSeq();
        Map<String, Object> whole = (Map<String, Object>) new ReportBuilder(m, "x")
                .build(null, new long[] {first, end}, Set.of("diff")).get("diff");
        assertEquals(List.of("device", "context", "sync object"), types(whole.get("created")).stream()
                .filter(t -> !t.equals("adapter")).toList());
        assertEquals(List.of(), whole.get("created_and_alive"), "no leaks");
        assertEquals(((List<?>) whole.get("created")).size(), ((List<?>) whole.get("destroyed")).size());
        List<Map<String, Object>> byType = (List<Map<String, Object>>) whole.get("by_process_and_type");
        for (String type : List.of("device", "context", "sync object")) {
            Map<String, Object> row = byType.stream().filter(r -> type.equals(r.get("type"))).findFirst().orElseThrow();
            assertEquals(List.of(0, 1, 1, 0), List.of(row.get("at_from"), row.get("created"), row.get("destroyed"),
                    row.get("at_to")), type + ": made and destroyed in between, both sides counted");
        }
        assertEquals(1, ((List<?>) whole.get("fds_opened")).size(), "/dev/dxg");
        assertEquals(List.of(), whole.get("fds_opened_and_open"));
        assertEquals(List.of(), whole.get("shares_created"), "not shared");
        List<Map<String, Object>> fences = (List<Map<String, Object>>) whole.get("fence_values");
        assertEquals(1, fences.size());
        assertEquals(null, fences.get(0).get("from_value"), "no value before it existed");
        assertEquals(1L, fences.get(0).get("to_value"), "value 1 from the GPU signal, never higher");

        /* just before DestroyContext: the GPU wait for 7 and the CPU wait for 5 pend */
        long destroyContext = m.objects().stream().filter(o -> o.type().label().equals("context")).findFirst()
                .orElseThrow().destroyedByCall();
        Map<String, Object> before = (Map<String, Object>) new ReportBuilder(m, "x")
                .build(null, new long[] {first, destroyContext - 1}, Set.of("diff")).get("diff");
        List<Object> pending = ((List<Map<String, Object>>) before.get("waits_begun_and_pending")).stream()
                .map(w -> w.get("value")).toList();
        assertEquals(List.of(7L, 5L), pending);
        assertEquals(List.of("device", "context", "sync object"), types(before.get("created_and_alive")).stream()
                .filter(t -> !t.equals("adapter")).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<String> types(Object rows) {
        return ((List<Map<String, Object>>) rows).stream().map(r -> (String) r.get("type")).toList();
    }

    @Test
    void exportsWriteCsvAndTraceFiles() throws IOException {
        Path csv = dir.resolve("csv");
        Path trace = dir.resolve("trace.json");
        Run r = run(capture("stuck-wait").toString(), "--csv", csv.toString(), "--trace", trace.toString(), "-o",
                dir.resolve("report.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(csv.resolve("sync-waits.csv")));
        String t = Files.readString(trace);
        assertTrue(t.startsWith("{\"displayTimeUnit\":\"ms\",\"traceEvents\":["));
        assertTrue(t.contains("\"ph\":\"X\",\"cat\":\"wait\""), "waits as slices");
        assertTrue(t.contains("\"ph\":\"C\""), "fence values as counters");
        assertTrue(t.contains("\"process_name\""), "processes as tracks");
        assertTrue(Files.readString(dir.resolve("report.txt")).contains("== sync =="));
    }

    @Test
    void badCommandLinesAndFilesGetOneClearLine() throws IOException {
        Run none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().contains("which capture?"));
        Run fmt = run(capture("stuck-wait").toString(), "--format", "xml");
        assertEquals(2, fmt.status());
        assertTrue(fmt.err().contains("unknown format 'xml'"));
        Run time = run(capture("stuck-wait").toString(), "--at", "soon");
        assertEquals(2, time.status());
        assertTrue(time.err().contains("bad time 'soon'"));
        Run missing = run(dir.resolve("nope.dxgcap").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no such file"));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a capture at all, but it is long enough for a preamble .....");
        Run notCapture = run(text.toString());
        assertEquals(1, notCapture.status());
        assertTrue(notCapture.err().contains("not a dxgscope capture"), notCapture.err());
        Run section = run(capture("stuck-wait").toString(), "--section", "diff");
        assertEquals(2, section.status());
        Run oneTime = run(capture("stuck-wait").toString(), "--diff", "0");
        assertEquals(2, oneTime.status());
        assertTrue(oneTime.err().contains("--diff needs two times"), oneTime.err());
        Run reversed = run(capture("stuck-wait").toString(), "--diff", "end", "start");
        assertEquals(2, reversed.status());
        assertTrue(reversed.err().contains("give the earlier time first"), reversed.err());
        Run optionForValue = run(capture("stuck-wait").toString(), "--at", "--format", "json");
        assertEquals(2, optionForValue.status());
        assertTrue(optionForValue.err().contains("--at needs a value"), optionForValue.err());
    }

    /** Text tables cut long cells and say so at the end; --wide keeps them whole. Lists of lines join with "; ". */
    @Test
    void longTextCellsAreCutVisiblyOrShownWhole() throws Exception {
        Path storm = Workloads.record(dir, "error-storm");
        Run cut = run(storm.toString(), "--section", "errors");
        assertEquals(0, cut.status());
        assertTrue(cut.out().contains("…"), "error-storm's dmesg lines are longer than a cell");
        assertTrue(cut.out().endsWith("(cells longer than 72 characters were cut with …: --wide shows them whole)\n"),
                cut.out());
        Run wide = run(storm.toString(), "--section", "errors", "--wide");
        assertFalse(wide.out().contains("…"));
        assertTrue(wide.out().contains("invalid device handle: 12345678; misc dxg: dxgk: dxgkio_create_context_virtual: "
                + "Ioctl failed: -22"), "a call's two dmesg lines, joined as a list: " + wide.out());
        assertFalse(wide.out().contains(" > misc dxg"), "not as the nodes of a path");
    }

    /** A report never replaces the capture it reads (a recording may be the only copy), nor its other output. */
    @Test
    void anOutputThatIsTheCaptureIsRefusedAndTheCaptureKept() throws IOException {
        Path copy = Files.copy(capture("stuck-wait"), dir.resolve("only-copy.dxgcap"));
        byte[] before = Files.readAllBytes(copy);
        Run o = run(copy.toString(), "--format", "json", "-o", copy.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("is the capture being read"), o.err());
        Files.createSymbolicLink(dir.resolve("link.dxgcap"), copy);
        Run trace = run(copy.toString(), "--trace", dir.resolve("link.dxgcap").toString());
        assertEquals(2, trace.status(), "a link to it is the capture too");
        assertArrayEquals(before, Files.readAllBytes(copy));
        Path out = dir.resolve("r.txt");
        Run both = run(copy.toString(), "--trace", out.toString(), "-o", out.toString());
        assertEquals(2, both.status());
        assertTrue(both.err().contains("--trace and -o name the same file"), both.err());
        Path gone = dir.resolve("gone.dxgcap");
        Run missing = run(gone.toString(), "-o", gone.toString());
        assertEquals(1, missing.status(), "a capture that is not there is that, not an output in its way");
        assertTrue(missing.err().contains("no such file"), missing.err());
        Run diffOption = run(copy.toString(), "--diff", "0", "--wide");
        assertEquals(2, diffOption.status());
        assertTrue(diffOption.err().contains("--diff needs two times"), diffOption.err());
        Run dash = run(copy.toString(), "--section", "capture", "-o", "-");
        assertEquals(0, dash.status());
        assertTrue(dash.out().contains("capture"), "'-o -' is the standard output");
    }

    /** A write that fails names the output and why, not a hidden part file. */
    @Test
    void anOutputThatCannotBeWrittenSaysWhy() throws IOException {
        Run noDir = run(capture("stuck-wait").toString(), "-o", dir.resolve("no/such/dir/r.txt").toString());
        assertEquals(1, noDir.status());
        assertEquals("dxgscope report: cannot write " + dir.resolve("no/such/dir/r.txt") + ": no such directory\n",
                noDir.err());
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Run csvOnFile = run(capture("stuck-wait").toString(), "--csv", file.toString());
        assertEquals(1, csvOnFile.status());
        assertEquals("dxgscope report: cannot write " + file + ": it exists and is not a directory\n", csvOnFile.err());
    }

    /**
     * The standard output failing: a reader that went away ({@code report | head}) ends quietly with
     * SIGPIPE's status, as {@code cat} would; a full disk is said, with why.
     */
    @Test
    void aClosedPipeEndsQuietlyAndAFullDiskIsSaid() {
        for (String format : List.of("text", "json", "html")) {
            Failing pipe = new Failing("Broken pipe");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ReportMain.run(new String[] {capture("stuck-wait").toString(), "--format", format}, pipe,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(ReportMain.CLOSED_PIPE, status, format);
            assertEquals("", err.toString(StandardCharsets.UTF_8), format);
            assertTrue(pipe.tried, "the report was written until the pipe closed");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportMain.run(new String[] {capture("stuck-wait").toString()}, new Failing("No space left on device"),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals("dxgscope report: cannot write to the standard output: No space left on device\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(ReportMain.CLOSED_PIPE, ReportMain.run(new String[] {"--help"}, new Failing("Broken pipe"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    /** A standard output whose every write fails as the system says. */
    private static final class Failing extends java.io.OutputStream {
        private final String why;
        boolean tried;

        Failing(String why) {
            this.why = why;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            tried = true;
            throw new IOException(why);
        }
    }
}
