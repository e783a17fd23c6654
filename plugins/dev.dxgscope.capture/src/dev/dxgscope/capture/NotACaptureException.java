package dev.dxgscope.capture;

import java.io.IOException;

/** The file is not a dxgcap capture this reader can read (wrong magic, newer version, ...). */
public final class NotACaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotACaptureException(String message) {
        super(message);
    }
}
