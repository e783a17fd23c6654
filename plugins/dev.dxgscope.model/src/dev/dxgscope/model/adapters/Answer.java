package dev.dxgscope.model.adapters;

import dev.dxgscope.capture.Errno;

/**
 * The answer to one device query: a value, or the errno the device returned. Keeps "the device
 * refused" distinct from "zero" so views can say which facts are unknown and why.
 */
public sealed interface Answer<T> {

    record Value<T>(T value) implements Answer<T> {
    }

    record Refused<T>(int errno) implements Answer<T> {
        /** "EINVAL (Invalid argument)". */
        public String reason() {
            return Errno.name(errno) + " (" + Errno.message(errno) + ")";
        }
    }

    static <T> Answer<T> of(int errno, T value) {
        return errno == 0 ? new Value<>(value) : new Refused<>(errno);
    }

    /** The value, or the given text when the device refused. */
    default String describe(String whenRefused) {
        return switch (this) {
            case Value<T> v -> String.valueOf(v.value());
            case Refused<T> r -> whenRefused + ": " + Errno.name(r.errno());
        };
    }
}
