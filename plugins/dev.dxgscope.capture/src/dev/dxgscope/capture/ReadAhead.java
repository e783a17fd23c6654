package dev.dxgscope.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a whole capture ahead of its consumer on a thread of its own: the file reads and every
 * record's checksum (about a third of loading a capture) overlap with decoding. The cursor hands
 * over its windows instead of reusing one ({@link RecordCursor#windowSource}), as batches of
 * record positions; the consumer reads them in place through a {@link WindowRecord} and gives each
 * window back ({@link #release}) when it has moved past it, and each batch's positions
 * ({@link #recycle}). Windows and position arrays come from small pools, so loading allocates no
 * 8 MiB buffer per 8 MiB read; an empty pool never blocks (a new one is made). Damage is skipped and listed by the cursor as always (read
 * {@link RecordCursor#problems()} after {@link #close()}). Not for a growing file: follow mode
 * stays on the consumer's thread.
 *
 * <p>Cost: one thread, about {@value #POOL} windows of 8 MiB and as many position arrays of 256 KiB.
 */
public final class ReadAhead implements AutoCloseable {
    /** Records whose positions one batch carries at most (a window holds about 40,000 ioctl records). */
    static final int BATCH = 1 << 16;
    private static final int QUEUED = 2;
    private static final int POOL = QUEUED + 3;
    private static final int WINDOW = 8 << 20;

    /**
     * Records {@code at[i]} of {@code window}, i < count, whose byte 0 is at file offset
     * {@code windowStart} (so record i is at {@code windowStart + at[i]}); the file position after
     * them, for progress.
     */
    public record Batch(ByteBuffer window, long windowStart, int[] at, int count, long position) {
        /** The file offset of record {@code i}. */
        public long offset(int i) {
            return windowStart + at[i];
        }
    }

    private static final Batch END = new Batch(null, 0, null, 0, -1);

    private final RecordCursor cursor;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(POOL);
    private final BlockingQueue<int[]> freePositions = new ArrayBlockingQueue<>(POOL);
    private final Thread thread;
    private volatile boolean stopped;
    private boolean ended;

    private ReadAhead(RecordCursor cursor) {
        this.cursor = cursor;
        this.thread = new Thread(this::produce, "dxgscope capture read-ahead");
        thread.setDaemon(true);
    }

    /** Starts reading from the cursor's position; the cursor belongs to the read-ahead until {@link #close()}. */
    public static ReadAhead start(RecordCursor cursor) {
        ReadAhead r = new ReadAhead(cursor);
        cursor.follow(false);
        cursor.windowSource(r::window);
        r.thread.start();
        return r;
    }

    /** A window for the cursor: a released one, or a new one when none is free. */
    private ByteBuffer window() {
        ByteBuffer w = free.poll();
        return w != null ? w : ByteBuffer.allocate(WINDOW).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** The consumer is done with a window (nothing it keeps points into it): it may be read into again. */
    public void release(ByteBuffer window) {
        if (window != null) {
            free.offer(window); /* dropped when the pool is full */
        }
    }

    /** The consumer is done with a batch's record positions: the array may carry another batch. */
    public void recycle(Batch b) {
        if (b != null) {
            freePositions.offer(b.at()); /* dropped when the pool is full */
        }
    }

    private int[] positions() {
        int[] at = freePositions.poll();
        return at != null ? at : new int[BATCH];
    }

    private void produce() {
        try {
            ByteBuffer window = null;
            long windowStart = 0;
            boolean sent = false;
            int[] at = positions();
            int n = 0;
            while (!stopped && cursor.next()) {
                if ((cursor.window() != window || n == BATCH) && n > 0) {
                    put(new Batch(window, windowStart, at, n, cursor.offset()));
                    sent = true;
                    at = positions();
                    n = 0;
                }
                if (cursor.window() != window) {
                    if (!sent) {
                        release(window); /* read over damage without a whole record: nobody saw it */
                    }
                    sent = false;
                }
                window = cursor.window();
                windowStart = cursor.windowStart();
                at[n] = cursor.at();
                n++;
            }
            if (n > 0) {
                put(new Batch(window, windowStart, at, n, cursor.position()));
            }
            put(END);
        } catch (IOException | RuntimeException | Error e) {
            putQuietly(e); /* an Error too (out of memory for a window): the consumer must not wait for a dead thread */
        } catch (InterruptedException e) {
            /* closed by the consumer */
        }
    }

    private void put(Object item) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void putQuietly(Throwable e) {
        try {
            put(e);
        } catch (InterruptedException ignored) {
            /* closed */
        }
    }

    /** The next batch, or null at the end of the file. Rethrows what failed on the reading thread. */
    public Batch next() throws IOException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading ahead", e);
        }
        if (item instanceof IOException e) {
            ended = true;
            throw e;
        }
        if (item instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        if (item instanceof Error e) {
            ended = true;
            throw e;
        }
        if (item == END) {
            ended = true;
            return null;
        }
        return (Batch) item;
    }

    /** Stops reading (if it has not ended) and gives the cursor back, reusing its window again. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while stopping the read-ahead", e));
        }
        cursor.windowSource(null);
    }
}
