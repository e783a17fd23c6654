package dev.dxgscope.ui.commands;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Milestones;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

/** Steps the time cursor: next/previous milestone, start, end (Alt+Right/Left/Home/End). */
public final class CursorHandler extends AbstractHandler {
    public static final String NEXT = "dev.dxgscope.ui.cursor.next";
    public static final String PREVIOUS = "dev.dxgscope.ui.cursor.previous";
    public static final String START = "dev.dxgscope.ui.cursor.start";
    public static final String END = "dev.dxgscope.ui.cursor.end";

    @Override
    public Object execute(ExecutionEvent event) {
        step(event.getCommand().getId());
        return null;
    }

    /** Applies a cursor command (also used by tests). */
    public static void step(String command) {
        Sessions s = Sessions.get();
        CaptureSession session = s.current();
        if (session == null) {
            return;
        }
        if (END.equals(command)) {
            s.cursorToEnd();
            return;
        }
        long at = s.cursor();
        Long target = session.read((CaptureModel m) -> switch (command) {
            case START -> m.timeline().firstSeq();
            case NEXT -> Milestones.next(Milestones.cached(m), at);
            case PREVIOUS -> Milestones.previous(Milestones.cached(m), at);
            default -> at;
        });
        if (target != null) {
            s.moveCursor(target);
        }
    }
}
