package dev.dxgscope.model.report;

import dev.dxgscope.capture.ReadProblem;
import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.CaptureModel;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dxgscope report FILE [--format text|json|html] [--at T] [--diff T1 T2] [--section NAME]...
 * [--csv DIR] [--trace FILE] [-o FILE]}: the headless report (no display, no workbench). T is
 * seconds since the capture's first record ({@code 1.5}, {@code 1.5s}, {@code 250ms}), {@code #SEQ}
 * or {@code end}. Exit status 0, 1 when the capture cannot be read or an output cannot be written,
 * 2 for a bad command line (an output that is the capture itself included), 3 when memory ran out
 * (the report covers the capture up to where it did, and says so), 141 (as a program killed by
 * SIGPIPE) without a word when the standard output's reader went away ({@code | head}).
 */
public final class ReportMain {
    static final String USAGE = "usage: dxgscope report FILE [--format text|json|html] [--at T] [--diff T1 T2]\n"
            + "                       [--section NAME]... [--csv DIR] [--trace FILE] [-o FILE] [--wide]\n"
            + "  T: seconds since the capture's start (1.5, 1.5s, 250ms, 40us, 900ns), #SEQ, start or end\n"
            + "  -o -: the standard output (the default); --wide: text cells whole, not cut at 72 characters\n"
            + "  sections: " + String.join(", ", ReportBuilder.SECTIONS) + "\n"
            + "  exit status: 0; 1 when the capture cannot be read or an output cannot be written;\n"
            + "  2 for a bad command line; 3 when memory ran out (the report covers the capture up to\n"
            + "  there; DXGSCOPE_HEAP=8g gives it 8 GiB); 141 when the standard output's reader went away\n";

    /** The exit status when the capture's model did not fit in memory. */
    static final int NO_MEMORY = 3;

    /** The exit status of a program killed by SIGPIPE, which a shell's pipefail expects. */
    static final int CLOSED_PIPE = 141;

    private ReportMain() {
    }

    public static void main(String[] args) {
        /* the standard output itself, not System.out: a PrintStream hides why a write failed */
        System.exit(run(args, new FileOutputStream(FileDescriptor.out), System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, OutputStream stdout, PrintStream stderr) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            stderr.print("dxgscope report: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (o.help) {
            return toStandardOutput(stdout, stderr, w -> w.write(USAGE));
        }
        try {
            checkOutputs(o);
        } catch (IllegalArgumentException e) {
            stderr.print("dxgscope report: " + e.getMessage() + "\n");
            return 2;
        }
        CaptureModel model;
        try {
            model = ModelLoader.load(o.file);
        } catch (IOException e) {
            stderr.println("dxgscope report: " + o.file + ": " + ReadProblem.of(e));
            return 1;
        } catch (OutOfMemoryError e) {
            stderr.println("dxgscope report: " + o.file + ": " + noMemory());
            return NO_MEMORY;
        }
        int status;
        try {
            status = report(model, o, stdout, stderr);
        } catch (OutOfMemoryError e) {
            stderr.println("dxgscope report: building the report of " + o.file + ": " + noMemory());
            return NO_MEMORY;
        }
        if (status == 0 && model.memoryCut() != null) {
            stderr.println("dxgscope report: " + o.file + ": " + model.memoryCut().text());
            return NO_MEMORY;
        }
        return status;
    }

    private static String noMemory() {
        return "not enough memory " + dev.dxgscope.model.MemoryGuard.moreMemory();
    }

    /** Builds and writes the report and its exports; returns the exit status. */
    private static int report(CaptureModel model, Options o, OutputStream stdout, PrintStream stderr) {
        Path writing = null;
        try {
            Long at = o.at == null ? null : TimeArg.seq(model, o.at);
            long[] diff = o.diff == null ? null : new long[] {TimeArg.seq(model, o.diff[0]), TimeArg.seq(model, o.diff[1])};
            if (diff != null && diff[1] < diff[0]) {
                throw new IllegalArgumentException("--diff T1 T2: T2 (#" + diff[1] + ") is before T1 (#" + diff[0]
                        + "); give the earlier time first");
            }
            Map<String, Object> tree = new ReportBuilder(model, o.file.toString()).build(at, diff, o.sections);
            if (o.csv != null) {
                writing = o.csv;
                List<Path> files = CsvExport.write(tree, o.csv);
                stderr.println("dxgscope report: wrote " + files.size() + " CSV tables to " + o.csv);
            }
            if (o.trace != null) {
                writing = o.trace;
                WholeFile.writeText(o.trace, w -> {
                    TraceExport.write(model, w);
                    return true;
                });
                stderr.println("dxgscope report: wrote the trace to " + o.trace);
            }
            if (o.out != null) {
                writing = o.out;
                WholeFile.writeText(o.out, w -> {
                    render(tree, o, w);
                    return true;
                });
            } else {
                return toStandardOutput(stdout, stderr, w -> render(tree, o, w));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            stderr.print("dxgscope report: " + e.getMessage() + "\n");
            return 2;
        } catch (IOException e) {
            stderr.println("dxgscope report: cannot write " + writing + ": " + WholeFile.problem(e));
            return 1;
        }
    }

    /**
     * Refuses an output that is the capture itself or another output: a recording may be the only
     * copy, and '-o' over it would replace it with its own report.
     */
    private static void checkOutputs(Options o) {
        List<Path> outputs = new java.util.ArrayList<>();
        for (Path p : new Path[] {o.trace, o.out}) {
            if (p != null) {
                for (Path other : outputs) {
                    if (same(p, other)) {
                        throw new IllegalArgumentException("--trace and -o name the same file, " + p);
                    }
                }
                if (sameExistingFile(p, o.file)) {
                    throw new IllegalArgumentException(p + " is the capture being read; write the report elsewhere");
                }
                outputs.add(p);
            }
        }
    }

    /** Two outputs: the same file, or (not made yet) the same path. */
    private static boolean same(Path a, Path b) {
        return Files.exists(a) && Files.exists(b) ? sameExistingFile(a, b)
                : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** One file under both paths (links included); a path not there is no file. */
    private static boolean sameExistingFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** What is written to the standard output. */
    private interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes {@code body} to the standard output; returns the exit status. A reader that went away
     * ({@code report | head}) is not an error worth a word: the status is that of a program killed
     * by SIGPIPE. Any other failure (a full disk) is said, with why when the stream tells.
     */
    private static int toStandardOutput(OutputStream stdout, PrintStream stderr, Body body) {
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        } catch (IOException e) {
            if (closedPipe(e) || stdout instanceof FileOutputStream && standardOutputIsPipe()) {
                return CLOSED_PIPE;
            }
            stderr.println("dxgscope report: cannot write to the standard output: " + WholeFile.problem(e));
            return 1;
        }
        if (stdout instanceof PrintStream p && p.checkError()) { /* a PrintStream never says why */
            stderr.println("dxgscope report: cannot write to the standard output");
            return 1;
        }
        return 0;
    }

    /** Whether a write failed because the pipe's reader closed it (EPIPE, as the C library words it). */
    static boolean closedPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("broken pipe");
    }

    /**
     * Whether the process's standard output is a pipe: a write to a pipe fails only when its reader
     * went away, whatever language the system words that in.
     */
    private static boolean standardOutputIsPipe() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString().startsWith("pipe:");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void render(Map<String, Object> tree, Options o, Writer w) throws IOException {
        switch (o.format) {
            case "json" -> Json.write(tree, w);
            case "html" -> HtmlRenderer.write(tree, "dxgscope report: " + o.file.getFileName(), w);
            default -> TextRenderer.write(tree, w, o.wide);
        }
    }

    static final class Options {
        Path file;
        String format = "text";
        String at;
        String[] diff;
        Set<String> sections = new LinkedHashSet<>();
        Path csv;
        Path trace;
        Path out;
        boolean wide;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--wide" -> o.wide = true;
                    case "--format" -> {
                        o.format = value(args, ++i, a);
                        if (!List.of("text", "json", "html").contains(o.format)) {
                            throw new IllegalArgumentException("unknown format '" + o.format + "' (text, json or html)");
                        }
                    }
                    case "--at" -> o.at = value(args, ++i, a);
                    case "--diff" -> {
                        if (i + 2 >= args.length || args[i + 1].startsWith("--") || args[i + 2].startsWith("--")) {
                            throw new IllegalArgumentException("--diff needs two times: --diff T1 T2");
                        }
                        o.diff = new String[] {args[++i], args[++i]};
                    }
                    case "--section" -> {
                        String s = value(args, ++i, a);
                        if (!ReportBuilder.SECTIONS.contains(s)) {
                            throw new IllegalArgumentException("unknown section '" + s + "'");
                        }
                        o.sections.add(s);
                    }
                    case "--csv" -> o.csv = Path.of(value(args, ++i, a));
                    case "--trace" -> o.trace = Path.of(value(args, ++i, a));
                    case "-o" -> {
                        String v = value(args, ++i, a);
                        o.out = v.equals("-") ? null : Path.of(v); /* '-o -': the standard output */
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (o.file != null) {
                            throw new IllegalArgumentException("one capture file only (got " + o.file + " and " + a + ")");
                        }
                        o.file = Path.of(a);
                    }
                }
            }
            if (o.file == null && !o.help) {
                throw new IllegalArgumentException("which capture? give a .dxgcap file");
            }
            if (o.sections.contains("diff") && o.diff == null) {
                throw new IllegalArgumentException("--section diff needs --diff T1 T2");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
