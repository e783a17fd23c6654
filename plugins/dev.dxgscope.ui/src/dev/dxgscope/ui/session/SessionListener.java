package dev.dxgscope.ui.session;

/** What views hear from {@link Sessions}, always on the UI thread. */
public interface SessionListener {
    /** Another capture is shown (null: none). */
    default void sessionChanged(CaptureSession session) {
    }

    /** A live capture grew (or finished). */
    default void modelUpdated(CaptureSession session) {
    }

    /** The time cursor moved to a seq. */
    default void cursorMoved(long seq) {
    }

    /** Something was selected in a view (an object, wait, message, call...); {@code source} is the view. */
    default void selected(Object selection, Object source) {
    }
}
