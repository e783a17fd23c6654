package dev.dxgscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Export CSV…" writes in a Job off the UI thread; a cancelled export leaves no file, and an
 * earlier file of that name as it was.
 */
class CsvExportActionTest {
    @TempDir
    Path dir;
    private final Shell shell = new Shell(Display.getDefault());

    @AfterEach
    void close() {
        shell.dispose();
    }

    /** {@code n} rows "i,i*i"; each row made notes the thread it was made on. */
    private static CsvSource rows(int n, Thread[] madeOn, CountDownLatch started, CountDownLatch release) {
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return List.of("i", "square");
            }

            @Override
            public List<List<String>> rows() {
                return new AbstractList<>() {
                    @Override
                    public List<String> get(int i) {
                        madeOn[0] = Thread.currentThread();
                        if (i == 0) {
                            started.countDown();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return List.of(String.valueOf(i), String.valueOf((long) i * i));
                    }

                    @Override
                    public int size() {
                        return n;
                    }
                };
            }
        };
    }

    /** An export of {@code n} rows that has started writing and waits on {@code release}. */
    private record Started(Job job, Path file, Thread[] madeOn, CountDownLatch release) {
    }

    private Started start(String name, int n) throws InterruptedException {
        Thread[] madeOn = new Thread[1];
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Path file = dir.resolve(name + ".csv");
        Job job = new CsvExportAction(name, () -> shell, () -> rows(n, madeOn, started, release)).export(file);
        assertTrue(started.await(10, TimeUnit.SECONDS), "the Job started writing");
        return new Started(job, file, madeOn, release);
    }

    @Test
    void writesEveryRowOffTheUiThread() throws Exception {
        Started s = start("squares", 5000);
        Job job = s.job();
        Thread[] madeOn = s.madeOn();
        Path file = s.file();
        s.release().countDown();
        job.join();
        assertTrue(job.getResult().isOK(), job.getResult().toString());
        assertFalse(madeOn[0] == Display.getDefault().getThread(), "rows are made off the UI thread");
        List<String> lines = Files.readAllLines(file);
        assertEquals(5001, lines.size());
        assertEquals("i,square", lines.get(0));
        assertEquals("4999,24990001", lines.get(5000));
    }

    @Test
    void aCancelledExportLeavesNoFile() throws Exception {
        Started s = start("cancelled", 100_000);
        Job job = s.job();
        Path file = s.file();
        job.cancel();
        s.release().countDown();
        job.join();
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        assertFalse(Files.exists(file), "no half-written table");
        try (var names = Files.list(dir)) {
            assertEquals(List.of(), names.toList(), "nor a part file beside it");
        }
    }

    @Test
    void aCancelledExportOverAnEarlierOneKeepsTheEarlierOne() throws Exception {
        Files.writeString(dir.resolve("kept.csv"), "i,square\r\n0,0\r\n");
        Started s = start("kept", 100_000);
        s.job().cancel();
        s.release().countDown();
        s.job().join();
        assertEquals(IStatus.CANCEL, s.job().getResult().getSeverity());
        assertEquals("i,square\r\n0,0\r\n", Files.readString(s.file()), "the earlier export, whole");
    }
}
