package dev.dxgscope.model.state;

/** Why an object went away. */
public enum DestroyReason {
    /** Its own destroy/close call. */
    CALL("destroyed by call"),
    /** Its parent was destroyed (device teardown, resource destroy, queue destroy). */
    PARENT("destroyed with its parent"),
    /** The process's last adapter handle for that adapter was closed (devices on it go). */
    ADAPTER_CLOSED("adapter handle closed"),
    /** The driver freed it when the process's dxg file was released (exit or last close). */
    PROCESS_TEARDOWN("freed by the driver at process teardown"),
    /** A shared object whose last reference (fd or opened object) went away. */
    LAST_REFERENCE("last reference released");

    private final String text;

    DestroyReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Whether the application itself let the object go (as opposed to the driver cleaning up). */
    public boolean explicit() {
        return this == CALL || this == PARENT || this == ADAPTER_CLOSED || this == LAST_REFERENCE;
    }
}
