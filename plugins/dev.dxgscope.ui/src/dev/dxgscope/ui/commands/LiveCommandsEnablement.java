package dev.dxgscope.ui.commands;

import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;

/**
 * Asks the workbench to look at its commands' enablement again when the current capture starts or
 * stops being recorded, so Stop and Pause/Follow grey out for a file or a finished recording. The
 * toolbar does not poll handlers; one request per change of state costs nothing per model update.
 */
public final class LiveCommandsEnablement implements SessionListener {
    static final String STOP = "dev.dxgscope.ui.stop";
    static final String FOLLOW = "dev.dxgscope.ui.follow";
    private Boolean recording;

    private LiveCommandsEnablement() {
    }

    /**
     * Activates the Stop and Pause/Follow handlers and listens to the sessions from now on; UI
     * thread, once, after the workbench started. The handlers are activated here, not declared in
     * plugin.xml, since a declared handler is only a proxy until first run, and a proxy says enabled.
     */
    public static void install() {
        IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
        handlers.activateHandler(STOP, new SessionHandlers.Stop());
        handlers.activateHandler(FOLLOW, new SessionHandlers.Follow());
        LiveCommandsEnablement l = new LiveCommandsEnablement();
        Sessions.get().addListener(l);
        l.check(Sessions.get().current());
    }

    @Override
    public void sessionChanged(CaptureSession session) {
        check(session);
    }

    @Override
    public void modelUpdated(CaptureSession session) {
        check(session);
    }

    private void check(CaptureSession session) {
        boolean now = SessionHandlers.LiveOnly.recording(session);
        if (recording == null || recording != now) {
            recording = now;
            IEventBroker broker = PlatformUI.getWorkbench().getService(IEventBroker.class);
            if (broker != null) {
                broker.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
            }
        }
    }
}
