package dev.dxgscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrnoTest {
    @ParameterizedTest
    @CsvSource({"2,ENOENT", "-2,ENOENT", "13,EACCES", "25,ENOTTY", "-12,ENOMEM", "75,EOVERFLOW", "91,EPROTOTYPE",
            "115,EINPROGRESS", "4242,errno 4242"})
    void namesKnownAndUnknownValues(int value, String name) {
        assertEquals(name, Errno.name(value));
    }

    @ParameterizedTest
    @CsvSource({"2,No such file or directory", "-22,Invalid argument", "9999,unknown error"})
    void explainsValues(int value, String message) {
        assertEquals(message, Errno.message(value));
    }
}
