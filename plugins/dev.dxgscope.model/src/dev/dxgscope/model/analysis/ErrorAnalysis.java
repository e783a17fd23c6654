package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Failures counted by call, query and errno (start-up probing fails many queries, each type its own
 * way: the type tells the harmless from the blocking), and the dmesg lines no failed call explains.
 */
public final class ErrorAnalysis {
    /**
     * Failures of one call, asking one thing ({@link FailedCall#query()}, often ""), with one errno
     * (and refused by the dispatcher for one reason).
     */
    public record Count(String call, String query, int errno, int count, String hint) {
    }

    public record Result(List<FailedCall> failed, List<Count> counts, List<LogLine> unlinkedLines) {
    }

    private ErrorAnalysis() {
    }

    public static Result of(CaptureModel m) {
        Map<String, Count> counts = new LinkedHashMap<>();
        Set<LogLine> linked = new HashSet<>();
        for (FailedCall f : m.failedCalls()) {
            String key = f.call() + "/" + f.query() + "/" + f.errno() + "/" + f.refusal(); /* each its own hint */
            Count c = counts.get(key);
            counts.put(key, c == null ? new Count(f.call(), f.query(), f.errno(), 1, f.hint())
                    : new Count(c.call(), c.query(), c.errno(), c.count() + 1, c.hint() != null ? c.hint() : f.hint()));
            linked.addAll(f.lines());
        }
        List<LogLine> unlinked = new ArrayList<>();
        for (LogLine l : m.logLines()) {
            if (!linked.contains(l)) {
                unlinked.add(l);
            }
        }
        List<Count> list = new ArrayList<>(counts.values());
        list.sort(Comparator.comparingInt((Count c) -> -c.count()).thenComparing(Count::call).thenComparing(Count::query));
        return new Result(m.failedCalls(), list, unlinked);
    }
}
