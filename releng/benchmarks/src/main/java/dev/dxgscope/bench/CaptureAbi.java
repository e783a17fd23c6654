package dev.dxgscope.bench;

import dev.dxgscope.capture.AbiTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ABI record a capture of this build carries (FORMAT.md kind 2): the three tables `dxgcap abi`
 * prints, so synthetic records are laid out by field name exactly as real ones. Runs dxgcap three
 * times, once per JVM. dxgcap is {@code -Ddxgscope.dxgcap=...}, else
 * native-probe/target/dist/bin/dxgcap in the working directory or a folder above it.
 */
final class CaptureAbi {
    private static byte[] payload;
    private static AbiTables tables;

    private CaptureAbi() {
    }

    /** The ABI record's payload. */
    static synchronized byte[] payload() throws IOException {
        if (payload == null) {
            payload = load(dxgcap());
            tables = AbiTables.parse(ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN));
            if (tables.isEmpty() || tables.ioctlByName("LX_DXCREATEALLOCATION") == null) {
                throw new IOException("dxgcap abi printed no usable tables");
            }
        }
        return payload;
    }

    static synchronized AbiTables tables() throws IOException {
        payload();
        return tables;
    }

    private static Path dxgcap() throws IOException {
        String given = System.getProperty("dxgscope.dxgcap");
        if (given != null) {
            return Path.of(given);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("native-probe/target/dist/bin/dxgcap");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IOException("no native-probe/target/dist/bin/dxgcap in or above " + Path.of("").toAbsolutePath()
                + "; build native-probe or pass -Ddxgscope.dxgcap=<path>");
    }

    private static byte[] load(Path dxgcap) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[][] parts = {{"d3dkmthk-layout.tsv"}, {"vmbus-layout.tsv", "--vmbus"},
            {"vmbus-fields.tsv", "--vmbus-fields"}, {"buffers.tsv", "--buffers"}};
        for (String[] part : parts) {
            List<String> cmd = new ArrayList<>(List.of(dxgcap.toString(), "abi"));
            if (part.length > 1) {
                cmd.add(part[1]);
            }
            Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] text = proc.getInputStream().readAllBytes();
            try {
                if (!proc.waitFor(30, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                    throw new IOException(String.join(" ", cmd) + " failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            b.writeBytes(part[0].getBytes(StandardCharsets.UTF_8));
            b.write(0);
            b.writeBytes(text);
            b.write(0);
        }
        return b.toByteArray();
    }
}
