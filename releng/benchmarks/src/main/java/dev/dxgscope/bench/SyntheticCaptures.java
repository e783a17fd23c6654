package dev.dxgscope.bench;

import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RecordKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Synthetic captures of a known size for benchmarks: ioctl enter/leave pairs of realistic size. */
final class SyntheticCaptures {
    private SyntheticCaptures() {
    }

    /** Writes {@code records} records (a SESSION, then ioctl enter/leave pairs of ~100-byte payloads). */
    static void write(Path path, int records) throws IOException {
        try (CaptureWriter w = new CaptureWriter(path)) {
            w.append(RecordKind.SESSION, 1, 0, 1, 1,
                    ByteBuffer.wrap("clock=CLOCK_MONOTONIC\0".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer enter = ByteBuffer.allocate(24 + 32 + 24).order(ByteOrder.LITTLE_ENDIAN);
            enter.putInt(0, 3).putInt(4, 0xc0184709).putLong(8, 0x7ffd0000L).putInt(16, 1);
            enter.putShort(24, (short) 0).putInt(36, 24).putLong(40, 0x7ffd0000L).putLong(48, 24);
            ByteBuffer leave = ByteBuffer.allocate(32 + 32 + 24).order(ByteOrder.LITTLE_ENDIAN);
            leave.putInt(8, -1).putInt(12, 25).putInt(16, 3).putInt(20, 0xc0184709).putInt(24, 1);
            leave.putInt(44, 24).putLong(48, 0x7ffd0000L).putLong(56, 24);
            for (int i = 1; i < records; i++) {
                long seq = i + 1;
                if (i % 2 == 1) {
                    enter.putInt(56 + 4, i);
                    w.append(RecordKind.IOCTL_ENTER, seq, 1000L * i, 100, 100 + i % 4, enter.clear());
                } else {
                    leave.putLong(0, seq - 1);
                    w.append(RecordKind.IOCTL_LEAVE, seq, 1000L * i + 500, 100, 100 + (i - 1) % 4, leave.clear());
                }
            }
        }
    }
}
