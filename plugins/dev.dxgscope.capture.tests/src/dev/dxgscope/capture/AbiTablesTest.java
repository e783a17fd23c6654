package dev.dxgscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ABI record's parts: vmbus-fields.tsv merged into the VMBus structs of vmbus-layout.tsv. */
class AbiTablesTest {
    private static final String LAYOUT = """
            dxgkvmb_command_evict\t__sizeof__\t0\t40
            dxgkvmb_command_makeresident\t__sizeof__\t0\t48
            dxgkvmb_command_makeresident\tpaging_queue\t28\t4
            dxgkvmb_command_makeresident\talloc_count\t36\t4
            """;

    private static ByteBuffer payload(String... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String p : parts) {
            b.writeBytes(p.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return ByteBuffer.wrap(b.toByteArray());
    }

    private static List<String> names(AbiTables.Struct s) {
        return List.copyOf(s.fields().keySet());
    }

    @Test
    void fieldsOfTheExtraPartJoinTheReferenceStructsInOffsetOrder() {
        AbiTables abi = AbiTables.parse(payload("vmbus-layout.tsv", LAYOUT, "vmbus-fields.tsv", """
                dxgkvmb_command_evict\tdevice\t24\t4
                dxgkvmb_command_evict\tflags\t28\t4
                dxgkvmb_command_evict\talloc_count\t32\t4
                dxgkvmb_command_evict\tallocations\t36\t4
                dxgkvmb_command_makeresident\tflags\t32\t4
                dxgkvmb_command_makeresident\tdevice\t24\t4
                """));
        AbiTables.Struct evict = abi.vmbusStruct("dxgkvmb_command_evict");
        assertEquals(40, evict.size());
        assertEquals(List.of("device", "flags", "alloc_count", "allocations"), names(evict));
        assertEquals(new AbiTables.Field("allocations", 36, 4), evict.field("allocations"));
        AbiTables.Struct mr = abi.vmbusStruct("dxgkvmb_command_makeresident");
        assertEquals(48, mr.size());
        assertEquals(List.of("device", "paging_queue", "flags", "alloc_count"), names(mr),
                "merged by offset, not appended");
    }

    @Test
    void theReferenceWinsAndRowsItCannotPlaceAreSkipped() {
        AbiTables abi = AbiTables.parse(payload("vmbus-fields.tsv", """
                dxgkvmb_command_makeresident\talloc_count\t40\t8
                dxgkvmb_command_makeresident\tbeyond\t46\t4
                dxgkvmb_command_makeresident\tempty\t24\t0
                dxgkvmb_command_evict\t__sizeof__\t0\t64
                dxgkvmb_command_evict\tdevice\t24\t4
                dxgkvmb_command_nosuchthing\tdevice\t24\t4
                dxgkvmb_command_evict\tbroken\tx\t4
                """, "vmbus-layout.tsv", LAYOUT));
        AbiTables.Struct mr = abi.vmbusStruct("dxgkvmb_command_makeresident");
        assertEquals(new AbiTables.Field("alloc_count", 36, 4), mr.field("alloc_count"), "the reference row");
        assertEquals(List.of("paging_queue", "alloc_count"), names(mr), "past the end, or empty: skipped");
        AbiTables.Struct evict = abi.vmbusStruct("dxgkvmb_command_evict");
        assertEquals(40, evict.size(), "the reference's size");
        assertEquals(List.of("device"), names(evict));
        assertNull(abi.vmbusStruct("dxgkvmb_command_nosuchthing"), "only structs the reference sizes");
    }

    @Test
    void withoutTheExtraPartTheReferenceStandsAlone() {
        AbiTables abi = AbiTables.parse(payload("vmbus-layout.tsv", LAYOUT, "later-part.tsv", "x\ty\t1\t2\n"));
        assertTrue(abi.vmbusStruct("dxgkvmb_command_evict").fields().isEmpty());
        assertEquals(List.of("paging_queue", "alloc_count"), names(abi.vmbusStruct("dxgkvmb_command_makeresident")));
    }

    /** What the collector writes: every row of dxgcap abi --vmbus-fields ends up in its struct. */
    @Test
    void theCollectorsTablesMerge() throws Exception {
        String layout = NativeTools.run(Map.of(), NativeTools.DXGCAP.toString(), "abi", "--vmbus");
        String fields = NativeTools.run(Map.of(), NativeTools.DXGCAP.toString(), "abi", "--vmbus-fields");
        AbiTables abi = AbiTables.parse(payload("vmbus-layout.tsv", layout, "vmbus-fields.tsv", fields));
        AbiTables base = AbiTables.parse(payload("vmbus-layout.tsv", layout));
        int rows = 0;
        for (String line : fields.split("\n")) {
            String[] c = line.split("\t");
            AbiTables.Struct s = abi.vmbusStruct(c[0]);
            assertEquals(base.vmbusStruct(c[0]).size(), s.size(), line);
            assertEquals(new AbiTables.Field(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3])), s.field(c[1]), line);
            rows++;
        }
        assertTrue(rows > 100, "rows: " + rows);
        assertEquals(List.of("device", "flags", "alloc_count", "allocations"),
                names(abi.vmbusStruct("dxgkvmb_command_evict")));
        assertEquals(24, abi.vmbusStruct("dxgkvmb_command_evict").field("device").offset());
        /* a struct the reference already describes is unchanged */
        assertEquals(base.vmbusStruct("dxgkvmb_command_makeresident"), abi.vmbusStruct("dxgkvmb_command_makeresident"));
    }
}
