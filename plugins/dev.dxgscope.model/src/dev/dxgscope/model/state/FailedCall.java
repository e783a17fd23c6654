package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.KernelLine.Refusal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ioctl that failed: its errno, the host status when a VMBus reply says, and the dmesg lines it
 * caused.
 */
public final class FailedCall {
    private final long seq;
    private final long leaveSeq;
    private final DxgProcess process;
    private final int tid;
    private final String call;
    private final int request;
    private final int errno;
    private int hostStatus;
    private final long enterTs;
    private final long leaveTs;
    private final List<LogLine> lines = new ArrayList<>(2);
    private boolean closingLine;
    private String hint;
    private Refusal refusal = Refusal.NONE;
    private String query = "";
    private String adapter = "";
    private List<Named> handles = List.of();
    private DxgProcess through;

    FailedCall(long seq, long leaveSeq, long enterTs, long leaveTs, DxgProcess process, int tid, String call,
            int request, int errno) {
        this.seq = seq;
        this.leaveSeq = leaveSeq;
        this.enterTs = enterTs;
        this.leaveTs = leaveTs;
        this.process = process;
        this.tid = tid;
        this.call = call;
        this.request = request;
        this.errno = errno;
    }

    /** Enter seq of the call. */
    public long seq() {
        return seq;
    }

    public long leaveSeq() {
        return leaveSeq;
    }

    public DxgProcess process() {
        return process;
    }

    public int tid() {
        return tid;
    }

    public String call() {
        return call;
    }

    /** The ioctl request value the caller passed (what the dispatcher's lines name). */
    public int request() {
        return request;
    }

    public int errno() {
        return errno;
    }

    /** The NTSTATUS of the host's failing reply to this call, 0 when none. */
    public int hostStatus() {
        return hostStatus;
    }

    long enterTs() {
        return enterTs;
    }

    long leaveTs() {
        return leaveTs;
    }

    /**
     * True when some of {@link #lines()} were linked by the handler name, errno and time they
     * show (a real device's kernel log, whose lines name no call), not by the call's seq.
     */
    public boolean linesInferred() {
        for (LogLine l : lines) {
            if (l.cause() == 0) {
                return true;
            }
        }
        return false;
    }

    /** True once the handler's closing "Ioctl failed" line is linked: later lines are another call's. */
    boolean hasClosingLine() {
        return closingLine;
    }

    /** The dmesg lines this call caused. */
    public List<LogLine> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** A known explanation, or null. */
    public String hint() {
        return hint;
    }

    void setHostStatus(int status) {
        if (hostStatus == 0) {
            hostStatus = status;
        }
    }

    void addLine(LogLine line) {
        lines.add(line);
    }

    void addInferredLine(LogLine line, boolean closing) {
        lines.add(line);
        closingLine |= closing;
    }

    /**
     * For an ENOTTY call, why the driver's dispatcher refused it before any handler ran: the kernel's
     * own line says so when it was linked, else the model's reading (a descriptor another process
     * opened, a legacy request number, an unknown request code); NONE when neither tells.
     */
    public Refusal refusal() {
        return refusal;
    }

    /**
     * What a query asked for, so that failures of one call can be told apart: the KMTQAITYPE of a
     * QueryAdapterInfo ("ADAPTERTYPE"), the feature of an IsFeatureEnabled ("feature 3"); "" for
     * other calls or an unreadable argument.
     */
    public String query() {
        return query;
    }

    /** The adapter a query named: "0x40000000 (LUID 0x00000000:0x0001c9d2)", the handle alone when unknown, or "". */
    public String adapter() {
        return adapter;
    }

    /** A handle the call named: its argument field ("allocations[0]" for an array element) and value. */
    public record Named(String field, int handle) {
        /** "allocations[0] 0x40000400". */
        @Override
        public String toString() {
            return field + String.format(" 0x%08x", handle);
        }
    }

    /** The non-zero handles the call named, as the caller passed them (see HandleHistory). */
    public List<Named> handles() {
        return handles;
    }

    /**
     * The process that opened the /dev/dxg the call went through when that was not the caller (a
     * forked child using its parent's descriptor); else null.
     */
    public DxgProcess through() {
        return through;
    }

    void through(DxgProcess opener) {
        this.through = opener;
    }

    void named(List<Named> handles) {
        this.handles = List.copyOf(handles);
    }

    void asked(String query, String adapter) {
        this.query = query;
        this.adapter = adapter;
    }

    void setHint(String hint) {
        this.hint = hint;
    }

    void refused(Refusal why, String hint) {
        this.refusal = why;
        this.hint = hint;
    }
}
