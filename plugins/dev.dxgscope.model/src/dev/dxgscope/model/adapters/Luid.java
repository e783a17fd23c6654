package dev.dxgscope.model.adapters;

/**
 * A Windows locally unique identifier as dxg uses it for adapters: two 32-bit halves (the guest
 * LUID is the first 8 bytes of the vGPU's VMBus channel instance GUID). Printed the way Windows
 * tools print it, high part first: {@code 0x00000000:0x0000d1a5}.
 */
public record Luid(int high, int low) {

    /** The 64-bit value, high part in the upper half. */
    public long value() {
        return ((long) high << 32) | Integer.toUnsignedLong(low);
    }

    @Override
    public String toString() {
        return String.format("0x%08x:0x%08x", high, low);
    }
}
