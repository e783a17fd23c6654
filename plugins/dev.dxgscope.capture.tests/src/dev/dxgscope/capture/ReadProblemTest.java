package dev.dxgscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadProblemTest {
    @TempDir
    Path dir;

    @Test
    void saysWhyNotWhere() {
        String path = "/captures/a.dxgcap";
        assertEquals("permission denied", ReadProblem.of(new AccessDeniedException(path)));
        assertEquals("no such file", ReadProblem.of(new NoSuchFileException(path)));
        assertEquals("cannot read: Input/output error",
                ReadProblem.of(new FileSystemException(path, null, "Input/output error")));
        assertEquals("cannot read: " + path, ReadProblem.of(new FileSystemException(path)), "no reason: the message");
        assertEquals("not a dxgscope capture: bad magic", ReadProblem.of(new NotACaptureException("bad magic")));
        assertEquals("cannot read: IOException", ReadProblem.of(new IOException()));
    }

    @Test
    void aMissingFileAndAFolderAreNamedAsSuch() {
        IOException missing = assertThrows(IOException.class, () -> CaptureFile.open(dir.resolve("gone.dxgcap")));
        assertEquals("no such file", ReadProblem.of(missing));
        IOException folder = assertThrows(IOException.class, () -> CaptureFile.open(dir).close());
        assertEquals("cannot read: Is a directory", ReadProblem.of(folder));
    }
}
