package dev.dxgscope.capture;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ABI a capture was recorded with, from its ABI record (docs/FORMAT.md kind 2): the ioctl table,
 * every struct's fields, the VMBus message layouts and the buffer descriptors. Decoders look fields
 * up by name here, so no Java code repeats a C offset. The VMBus structs are vmbus-layout.tsv with
 * the members of vmbus-fields.tsv merged in (captures without that part have only the former).
 */
public final class AbiTables {

    /** One ioctl row: name, number, full code (0 when unknown), argument struct and size. */
    public record Ioctl(String name, int nr, int code, String argStruct, int argSize) {
    }

    /** One field: offset and size in bytes. */
    public record Field(String name, int offset, int size) {
    }

    /** One struct: its size and fields by name, in table order. */
    public record Struct(String name, int size, Map<String, Field> fields) {
        /** The field, or throws with a message naming struct and field. */
        public Field field(String field) {
            Field f = fields.get(field);
            if (f == null) {
                throw new IllegalArgumentException("no field " + name + "." + field + " in the capture's ABI");
            }
            return f;
        }
    }

    /** One buffer descriptor (a row of buffers.tsv). */
    public record Buffer(String ioctl, int parent, String name, String elemStruct, int ptrOffset, String count,
            int countSize, int elemSize, String dir, String kind, long maxElems) {
        public boolean in() {
            return dir.startsWith("in");
        }

        public boolean out() {
            return dir.endsWith("out");
        }
    }

    private final Map<Integer, Ioctl> byCode = new HashMap<>();
    private final Map<Integer, Ioctl> byNr = new HashMap<>();
    private final Map<String, Ioctl> byName = new HashMap<>();
    private final Map<String, Struct> structs = new HashMap<>();
    private final Map<String, Struct> vmbusStructs = new HashMap<>();
    private final Map<String, List<Buffer>> buffers = new HashMap<>();

    private AbiTables() {
    }

    /** An empty table (a capture without an ABI record): every lookup misses. */
    public static AbiTables empty() {
        return new AbiTables();
    }

    /** Parses the payload of an ABI record. Malformed rows are skipped. */
    public static AbiTables parse(ByteBuffer abiPayload) {
        AbiTables t = new AbiTables();
        List<String> parts = Payloads.strings(abiPayload, 0);
        String vmbusFields = null;
        for (int i = 0; i + 1 < parts.size(); i += 2) {
            switch (parts.get(i)) {
                case "d3dkmthk-layout.tsv" -> t.parseLayout(parts.get(i + 1), true, t.structs);
                case "vmbus-layout.tsv" -> t.parseLayout(parts.get(i + 1), false, t.vmbusStructs);
                case "vmbus-fields.tsv" -> vmbusFields = parts.get(i + 1);
                case "buffers.tsv" -> t.parseBuffers(parts.get(i + 1));
                default -> { }
            }
        }
        if (vmbusFields != null) {
            t.mergeVmbusFields(vmbusFields);
        }
        return t;
    }

    /**
     * Adds the members of vmbus-fields.tsv to the VMBus structs of vmbus-layout.tsv: a field the
     * reference already has keeps the reference's row, fields are ordered by offset (reference first
     * at equal offsets). Rows of a struct the reference does not size, or that do not fit in it, are
     * skipped.
     */
    private void mergeVmbusFields(String text) {
        Map<String, Struct> extra = new HashMap<>();
        parseLayout(text, false, extra);
        extra.forEach((name, more) -> {
            Struct s = vmbusStructs.get(name);
            if (s == null || s.size() == 0) {
                return;
            }
            List<Field> all = new ArrayList<>(s.fields().values());
            for (Field f : more.fields().values()) {
                if (!s.fields().containsKey(f.name()) && f.offset() >= 0 && f.size() > 0
                        && (long) f.offset() + f.size() <= s.size()) {
                    all.add(f);
                }
            }
            all.sort(Comparator.comparingInt(Field::offset)); // stable: the reference first at equal offsets
            Map<String, Field> merged = new LinkedHashMap<>();
            all.forEach(f -> merged.put(f.name(), f));
            vmbusStructs.put(name, new Struct(name, s.size(), merged));
        });
    }

    private void parseLayout(String text, boolean ioctls, Map<String, Struct> target) {
        Map<String, Map<String, Field>> fields = new LinkedHashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] c = line.split("\t");
            if (c.length != 4) {
                continue;
            }
            if (ioctls && c[0].startsWith("LX_")) {
                int code = c[1].startsWith("0x") ? (int) Long.parseLong(c[1].substring(2), 16) : 0;
                int size = c[3].equals("unknown") ? 0 : Integer.parseInt(c[3]);
                int nr = code != 0 ? code & 0xff : byNr.size() + 1;
                /* interned like field names: trackers switch on the name, and equals starts with == */
                Ioctl io = new Ioctl(c[0].intern(), nr, code, c[2], size);
                if (code != 0) {
                    byCode.put(code, io);
                }
                byNr.putIfAbsent(nr, io);
                byName.put(c[0], io);
                continue;
            }
            try {
                int offset = Integer.parseInt(c[2]);
                int size = Integer.parseInt(c[3]);
                if (c[1].equals("__sizeof__")) {
                    sizes.put(c[0], size);
                    fields.computeIfAbsent(c[0], k -> new LinkedHashMap<>());
                } else {
                    /* interned: decoders look fields up by literal names, and equals starts with == */
                    String name = c[1].intern();
                    fields.computeIfAbsent(c[0], k -> new LinkedHashMap<>()).put(name, new Field(name, offset, size));
                }
            } catch (NumberFormatException e) {
                // not a field row
            }
        }
        fields.forEach((name, f) -> target.put(name, new Struct(name, sizes.getOrDefault(name, 0), f)));
    }

    private void parseBuffers(String text) {
        for (String line : text.split("\n")) {
            String[] c = line.split("\t");
            if (c.length < 11 || !c[0].startsWith("LX_")) {
                continue;
            }
            try {
                buffers.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new Buffer(c[0], Integer.parseInt(c[1]), c[2].intern(),
                        c[3], Integer.parseInt(c[4]), c[5], Integer.parseInt(c[6]), Integer.parseInt(c[7]), c[8], c[9],
                        Long.parseLong(c[10])));
            } catch (NumberFormatException e) {
                // header or malformed row
            }
        }
    }

    /** The ioctl with this exact 32-bit code, or null. */
    public Ioctl ioctlByCode(int code) {
        return byCode.get(code);
    }

    public Ioctl ioctlByNr(int nr) {
        return byNr.get(nr);
    }

    public Ioctl ioctlByName(String name) {
        return byName.get(name);
    }

    /** A d3dkmthk struct by name, or null. */
    public Struct struct(String name) {
        return structs.get(name);
    }

    /** A VMBus message struct by name, or null. */
    public Struct vmbusStruct(String name) {
        return vmbusStructs.get(name);
    }

    /** The buffer descriptors of an ioctl, in table order (block buffer indexes refer to it). */
    public List<Buffer> buffers(String ioctlName) {
        return buffers.getOrDefault(ioctlName, List.of());
    }

    public boolean isEmpty() {
        return structs.isEmpty();
    }
}
