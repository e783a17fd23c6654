package dev.dxgscope.app;

import dev.dxgscope.ui.commands.SessionHandlers;
import java.nio.file.Path;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Shell;

/** Opens a capture file dropped anywhere on the workbench window. */
final class CaptureDrop {
    private CaptureDrop() {
    }

    static void install(Shell shell) {
        DropTarget target = new DropTarget(shell, DND.DROP_COPY | DND.DROP_DEFAULT);
        target.setTransfer(new Transfer[] {FileTransfer.getInstance()});
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent e) {
                e.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent e) {
                if (e.data instanceof String[] files && files.length > 0) {
                    SessionHandlers.open(Path.of(files[0]));
                }
            }
        });
    }
}
