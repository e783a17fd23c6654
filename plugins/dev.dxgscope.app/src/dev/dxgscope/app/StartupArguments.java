package dev.dxgscope.app;

import dev.dxgscope.ui.commands.SessionHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * What the command line asks for at start-up: {@code FILE.dxgcap} opens it, {@code --demo} starts the
 * demo; values of other launcher options are left alone.
 */
final class StartupArguments {
    private StartupArguments() {
    }

    static void apply(String[] args, Shell shell) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--demo")) {
                SessionHandlers.demo(shell);
                return;
            }
            /* a value of another option (such as the test harness's -testproperties FILE) is not a capture */
            boolean optionValue = i > 0 && args[i - 1].startsWith("-") && !args[i - 1].equals("--demo");
            if (!a.startsWith("-") && (a.endsWith(".dxgcap") || !optionValue)) {
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
