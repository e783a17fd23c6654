package dev.dxgscope.bench;

import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.Residency;
import dev.dxgscope.model.state.Wait;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a loaded model against what {@link ModelCaptures} wrote and throws when it differs: a
 * benchmark of a model that silently dropped the events would be worthless. Cost: one pass over
 * the objects and waits (well under a second for 10M events).
 */
final class ModelCheck {
    private ModelCheck() {
    }

    static void verify(CaptureModel m, ModelCaptures.Shape s) {
        List<String> wrong = new ArrayList<>();
        expect(wrong, "records on the timeline", s.records(), m.timeline().size());
        expect(wrong, "last seq", s.lastSeq(), m.timeline().lastSeq());
        expect(wrong, "dxg processes", s.processes(), m.dxgProcesses().size());
        expect(wrong, "objects", s.objects(), m.objects().size());
        expect(wrong, "fences", s.fences(), m.fences().size());
        expect(wrong, "CPU signals", s.signals(), m.signals().size());
        expect(wrong, "waits", s.waits(), m.waits().size());
        expect(wrong, "MakeResident calls", s.residencyOps(), m.residencyOps().size());
        long allocations = 0;
        long alive = 0;
        long sized = 0;
        long resident = 0;
        for (DxgObject o : m.objects()) {
            if (o.aliveAtEnd()) {
                alive++;
            }
            if (o instanceof Allocation a) {
                allocations++;
                if (a.size() > 0) {
                    sized++;
                }
                if (a.residencyTransitions() > 0 && a.residencyState(0) == Residency.RESIDENT) {
                    resident++;
                }
            }
        }
        expect(wrong, "allocations", s.allocations(), allocations);
        expect(wrong, "allocations with a size", s.allocations(), sized);
        expect(wrong, "allocations made resident", s.allocations(), resident);
        expect(wrong, "objects alive at the end", s.aliveAtEnd(), alive);
        long satisfied = m.waits().stream().filter(w -> w.outcome() == Wait.Outcome.SATISFIED).count();
        expect(wrong, "satisfied waits", s.waits(), satisfied);
        for (Diagnostic d : m.diagnostics()) {
            if (d.severity() != Diagnostic.Severity.INFO && wrong.size() < 20) {
                wrong.add("diagnostic " + d);
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("the loaded model does not match the synthetic capture:\n  "
                    + String.join("\n  ", wrong));
        }
    }

    private static void expect(List<String> wrong, String what, long expected, long actual) {
        if (expected != actual) {
            wrong.add(what + ": expected " + expected + ", the model has " + actual);
        }
    }
}
