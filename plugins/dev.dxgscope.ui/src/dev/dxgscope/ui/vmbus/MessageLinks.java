package dev.dxgscope.ui.vmbus;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.model.state.VmbusMessage;
import dev.dxgscope.model.state.VmbusTable;
import dev.dxgscope.ui.session.CaptureSession;

/**
 * Which message another view's selection points at: a message itself, or what a failed call or a
 * dmesg line caused (the failing reply first), so the Log's double-click lands on the host's answer.
 */
final class MessageLinks {
    private MessageLinks() {
    }

    /** The message index for a selection, -1 when it points at none. */
    static int messageOf(CaptureSession s, Object selection) {
        return switch (selection) {
            case VmbusMessage v -> v.index();
            case FailedCall f -> causedBy(s, f.seq(), f.leaveSeq());
            case LogLine l -> l.cause() == 0 ? -1 : causedBy(s, l.cause(), l.seq());
            case null, default -> -1;
        };
    }

    /** The message an ioctl sent (its failing reply first) between its enter and {@code until}, -1 for none. */
    private static int causedBy(CaptureSession s, long cause, long until) {
        Integer found = s.read((CaptureModel m) -> {
            VmbusTable t = m.vmbus();
            int first = -1;
            for (int i = t.indexAtOrAfter(cause); i < t.size() && t.seq(i) <= until; i++) {
                if (t.cause(i) == cause) {
                    if (t.failed(i)) {
                        return i;
                    }
                    first = first < 0 ? i : first;
                }
            }
            return first;
        });
        return found == null ? -1 : found;
    }
}
