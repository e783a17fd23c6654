package dev.dxgscope.model.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export is written whole or not at all: a failed or cancelled one loses nothing that was there. */
class WholeFileTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCompleteWriteReplacesTheFile() throws IOException {
        Path f = dir.resolve("report.html");
        Files.writeString(f, "old");
        assertTrue(WholeFile.write(f, part -> {
            Files.writeString(part, "new");
            return true;
        }));
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("report.html"), names(), "no part file left");
    }

    @Test
    void aFailedWriteLeavesTheEarlierFileAsItWasAndNoPart() throws IOException {
        Path f = dir.resolve("waits.csv");
        Files.writeString(f, "the earlier export");
        IOException full = assertThrows(IOException.class, () -> WholeFile.write(f, part -> {
            Files.writeString(part, "half a tab");
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", full.getMessage());
        assertEquals("the earlier export", Files.readString(f));
        assertEquals(List.of("waits.csv"), names());
    }

    @Test
    void runningOutOfMemoryWhileWritingLeavesTheEarlierFileAndNoPart() throws IOException {
        Path f = dir.resolve("report.html");
        Files.writeString(f, "the earlier report");
        assertThrows(OutOfMemoryError.class, () -> WholeFile.write(f, part -> {
            Files.writeString(part, "half a report");
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals("the earlier report", Files.readString(f));
        assertEquals(List.of("report.html"), names(), "no part file left");
    }

    @Test
    void aSetThatFailsPartwayLeavesEveryEarlierFileAsItWas() throws IOException {
        Path a = dir.resolve("objects.csv");
        Path b = dir.resolve("waits.csv");
        Path c = dir.resolve("errors.csv");
        Files.writeString(a, "earlier objects");
        Files.writeString(b, "earlier waits");
        List<WholeFile.Body> bodies = List.of(part -> {
            Files.writeString(part, "new objects");
            return true;
        }, part -> {
            Files.writeString(part, "half the waits");
            throw new IOException("No space left on device");
        }, part -> {
            Files.writeString(part, "new errors");
            return true;
        });
        IOException full = assertThrows(IOException.class, () -> WholeFile.writeAll(List.of(a, b, c), bodies));
        assertEquals("No space left on device", full.getMessage());
        assertEquals("earlier objects", Files.readString(a), "the table written before the failure is not kept");
        assertEquals("earlier waits", Files.readString(b));
        assertEquals(List.of("objects.csv", "waits.csv"), names(), "no part, and no table of the new set alone");

        assertTrue(WholeFile.writeAll(List.of(a, b, c), List.of(bodies.get(0), part -> {
            Files.writeString(part, "new waits");
            return true;
        }, bodies.get(2))));
        assertEquals(List.of("new objects", "new waits", "new errors"),
                List.of(Files.readString(a), Files.readString(b), Files.readString(c)), "a whole set replaces the old one");
        assertEquals(List.of("errors.csv", "objects.csv", "waits.csv"), names());
    }

    @Test
    void aRenameThatFailsLeavesNoPartBehind() throws IOException {
        Path a = dir.resolve("objects.csv");
        Path b = dir.resolve("waits.csv");
        Files.writeString(a, "earlier objects");
        List<WholeFile.Body> bodies = List.of(part -> {
            Files.writeString(part, "new objects");
            return true;
        }, part -> {
            Files.writeString(part, "new waits");
            Files.createDirectory(b); /* a directory where the table goes: its rename fails */
            Files.writeString(b.resolve("inside"), "x");
            return true;
        });
        assertThrows(IOException.class, () -> WholeFile.writeAll(List.of(a, b), bodies));
        assertEquals(List.of("objects.csv", "waits.csv"), names(), "no part left");
        assertTrue(Files.isDirectory(b));
    }

    @Test
    void aSetCancelledPartwayKeepsNothing() throws IOException {
        Path a = dir.resolve("objects.csv");
        Files.writeString(a, "earlier objects");
        assertFalse(WholeFile.writeAll(List.of(a, dir.resolve("waits.csv")), List.of(part -> {
            Files.writeString(part, "new objects");
            return true;
        }, part -> false)));
        assertEquals("earlier objects", Files.readString(a));
        assertEquals(List.of("objects.csv"), names());
    }

    @Test
    void aCancelledWriteKeepsNothingAndMakesNoFile() throws IOException {
        Path f = dir.resolve("trace.json");
        assertFalse(WholeFile.write(f, part -> {
            Files.writeString(part, "[{");
            return false;
        }));
        assertEquals(List.of(), names(), "no file, no part");
    }

    @Test
    void aLinkKeepsPointingAtTheFileItNamesWhichIsReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        assertTrue(WholeFile.write(link, part -> {
            Files.writeString(part, "new");
            return true;
        }));
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertEquals("new", Files.readString(real));
        assertEquals(List.of("link.json", "real.json"), names());
    }

    @Test
    void aDanglingLinkMakesTheFileItNames() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("made.csv"));
        assertTrue(WholeFile.write(link, part -> {
            Files.writeString(part, "x");
            return true;
        }));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("x", Files.readString(dir.resolve("made.csv")));
    }

    @Test
    void theReplacedFileKeepsItsPermissionsAndALongNameFits() throws IOException {
        Path f = dir.resolve("r".repeat(240) + ".html");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertTrue(WholeFile.write(f, part -> {
            Files.writeString(part, "new");
            return true;
        }));
        assertEquals("new", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "user.name", matches = "root",
            disabledReason = "only root may give a file away")
    void aFileOfAnotherOwnerKeepsItsOwnerAndGroupWhenRootReplacesIt() throws IOException {
        Path f = dir.resolve("objects.csv");
        Files.writeString(f, "old");
        java.nio.file.attribute.UserPrincipalLookupService users = f.getFileSystem().getUserPrincipalLookupService();
        java.nio.file.attribute.PosixFileAttributeView view = Files.getFileAttributeView(f,
                java.nio.file.attribute.PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("nobody"));
        String group = Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("nogroup:"))
                ? "nogroup" : "nobody"; /* Debian's, else the others' */
        view.setGroup(users.lookupPrincipalByGroupName(group));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        assertTrue(WholeFile.write(f, part -> {
            Files.writeString(part, "new");
            return true;
        }));
        assertEquals("new", Files.readString(f));
        assertEquals("nobody", Files.getOwner(f).getName());
        assertEquals(group, Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class).group().getName());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aLinkPutAtThePartsPathMeanwhileIsNotGivenTheTargetsOwnerOrPermissions() throws IOException {
        Path f = dir.resolve("objects.csv");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "someone's");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
        assertTrue(WholeFile.write(f, part -> {
            Files.writeString(part, "new");
            /* whoever may write the directory swaps the part for a link while the export runs */
            Path moved = part.resolveSibling("moved");
            Files.move(part, moved);
            Files.createSymbolicLink(part, victim);
            return true;
        }));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)),
                "the link's target is not changed");
        assertTrue(Files.isSymbolicLink(f), "what was at the part's path is what was renamed");
    }

    @Test
    void aDeviceIsWrittenDirectlyNeverReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        assertTrue(WholeFile.write(devNull, part -> {
            assertEquals(devNull, part, "no part file in /dev");
            Files.writeString(part, "discarded");
            return true;
        }));
        assertFalse(Files.isRegularFile(devNull), "still the device");
        Path stdout = Path.of("/dev/stdout");
        assertTrue(WholeFile.write(stdout, part -> {
            assertEquals(stdout, part, "as given: its link leads to /proc/self/fd/1, maybe a pipe with no path");
            return true;
        }));
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsAClearErrorAndMakesNothing() throws IOException {
        Path f = dir.resolve("missing").resolve("x.csv");
        IOException e = assertThrows(IOException.class, () -> WholeFile.write(f, part -> {
            Files.writeString(part, "x");
            return true;
        }));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertEquals(List.of(), names());
    }
}
