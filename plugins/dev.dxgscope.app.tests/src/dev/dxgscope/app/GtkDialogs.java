package dev.dxgscope.app;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Asks GTK whether its file chooser dialog is showing: SWT does not see native dialogs (its shell
 * stays the active one under Xvfb without a window manager), so a test that types into one learns
 * this way when the dialog is up. Call on the UI thread.
 */
final class GtkDialogs {
    private static final NativeLibrary GTK = NativeLibrary.getInstance("libgtk-3.so.0");
    private static final NativeLibrary GOBJECT = NativeLibrary.getInstance("libgobject-2.0.so.0");
    private static final NativeLibrary GLIB = NativeLibrary.getInstance("libglib-2.0.so.0");

    private GtkDialogs() {
    }

    static boolean fileChooserShowing() {
        Pointer list = (Pointer) GTK.getFunction("gtk_window_list_toplevels").invoke(Pointer.class, new Object[0]);
        try {
            /* a GList: data, next, prev */
            for (Pointer l = list; l != null; l = l.getPointer(Native.POINTER_SIZE)) {
                Pointer window = l.getPointer(0);
                String type = (String) GOBJECT.getFunction("g_type_name_from_instance").invoke(String.class,
                        new Object[] {window});
                if ("GtkFileChooserDialog".equals(type)
                        && GTK.getFunction("gtk_widget_get_visible").invokeInt(new Object[] {window}) != 0) {
                    return true;
                }
            }
            return false;
        } finally {
            if (list != null) {
                GLIB.getFunction("g_list_free").invokeVoid(new Object[] {list});
            }
        }
    }
}
