package dev.dxgscope.app;

import dev.dxgscope.ui.commands.SessionHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** What the command line asks for at start-up: {@code FILE.dxgcap} opens it, {@code --demo} starts the demo. */
final class StartupArguments {
    private StartupArguments() {
    }

    static void apply(String[] args, Shell shell) {
        for (String a : args) {
            if (a.equals("--demo")) {
                SessionHandlers.demo(shell);
                return;
            }
            if (!a.startsWith("-")) {
                Path p = Path.of(a);
                if (Files.exists(p)) {
                    SessionHandlers.open(p);
                } else {
                    MessageDialog.openError(shell, "dxgscope", "Cannot open " + a + ": no such file.");
                }
                return;
            }
        }
    }
}
