package dev.dxgscope.model.decode;

import java.util.List;
import java.util.stream.Stream;

/**
 * One node of a decoded VMBus message (see {@link VmbusDecoder}): the message, a struct, a field,
 * an array or one of its elements, bytes the capture's ABI does not describe, padding a sender
 * includes unused, trailing bytes no layout explains, or a note about a problem. {@code offset}
 * and {@code size} are bytes within the message (a note has size 0), so a hex view can highlight
 * exactly a node's bytes.
 *
 * @param raw the bytes as hex (a little-endian number for fields of at most 8 bytes), "" for
 *        structs and notes
 * @param value what the bytes mean (enum and status names, handles in hex, flag names, sizes)
 */
public record VmbusField(String name, int offset, int size, String raw, String value, Kind kind,
        List<VmbusField> children) {

    public enum Kind {
        MESSAGE, STRUCT, FIELD, ARRAY, ELEMENT,
        /** Inside a struct, but no field of the capture's ABI covers these bytes (padding, or fields it omits). */
        UNDESCRIBED,
        /**
         * After a struct's last member when that is a variable {@code x[1]} array: the rest of the
         * struct's declared size, which senders include unused because they size the message from sizeof.
         */
        PADDING,
        /** After everything a layout explains. */
        UNPARSED,
        /** Something wrong with the message (too short, unknown command, absurd count); size 0. */
        PROBLEM
    }

    public VmbusField {
        children = List.copyOf(children);
    }

    public int end() {
        return offset + size;
    }

    public boolean leaf() {
        return children.isEmpty();
    }

    /** This node and all below it, depth first. */
    public Stream<VmbusField> flatten() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(VmbusField::flatten));
    }

    /** The first child with this name, or null. */
    public VmbusField child(String childName) {
        for (VmbusField c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** A node by its path of names ("reply/allocation_info[2]/[1]/allocation_size"), or null. */
    public VmbusField find(String path) {
        VmbusField at = this;
        for (String part : path.split("/")) {
            at = at.child(part);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** The deepest node whose bytes contain {@code byteOffset} (the hex view's click), or null. */
    public VmbusField at(int byteOffset) {
        if (byteOffset < offset || byteOffset >= end()) {
            return null;
        }
        for (VmbusField c : children) {
            VmbusField hit = c.at(byteOffset);
            if (hit != null) {
                return hit;
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return name + " @" + offset + "+" + size + (value.isEmpty() ? "" : " = " + value);
    }
}
