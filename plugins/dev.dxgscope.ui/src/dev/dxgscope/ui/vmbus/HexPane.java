package dev.dxgscope.ui.vmbus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;

/**
 * The bytes of one message as a classic hex dump (offset, 16 bytes in hex, the same as ASCII),
 * with one range highlighted in both columns: the field selected in the tree. Clicking a byte
 * reports its offset, so the tree can select the field that holds it.
 */
final class HexPane {
    private static final int PER_LINE = 16;

    private final StyledText text;
    private final Color highlight;
    private int[] hexAt = new int[0];
    private int[] asciiAt = new int[0];
    private int length;
    private int from;
    private int size;

    HexPane(Composite parent, IntConsumer byteClicked) {
        text = new StyledText(parent, SWT.READ_ONLY | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        text.setMargins(6, 4, 6, 4);
        highlight = new Color(text.getDisplay(), 255, 214, 120);
        text.addDisposeListener(e -> highlight.dispose());
        text.addListener(SWT.MouseUp, e -> {
            int b = byteAtChar(text.getCaretOffset());
            if (b >= 0) {
                byteClicked.accept(b);
            }
        });
    }

    StyledText control() {
        return text;
    }

    /** The width a full line of 16 bytes needs (with margins and a scroll bar). */
    int preferredWidth() {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(text);
        try {
            gc.setFont(text.getFont());
            int line = gc.textExtent("00000  " + "00 ".repeat(PER_LINE) + "  " + "0".repeat(PER_LINE)).x;
            return line + text.getLeftMargin() + text.getRightMargin() + 24;
        } finally {
            gc.dispose();
        }
    }

    /** Shows a message's bytes (null: nothing). */
    void show(ByteBuffer bytes) {
        ByteBuffer b = bytes == null ? ByteBuffer.allocate(0) : bytes.duplicate();
        length = b.remaining();
        hexAt = new int[length];
        asciiAt = new int[length];
        int width = Math.max(4, Integer.toHexString(Math.max(0, length - 1)).length());
        StringBuilder s = new StringBuilder(length * 4 + length / PER_LINE * (width + 8));
        for (int line = 0; line * PER_LINE < length; line++) {
            if (line > 0) {
                s.append('\n');
            }
            s.append(String.format("%0" + width + "x  ", line * PER_LINE));
            int asciiStart = s.length() + PER_LINE * 3 + 2;
            for (int col = 0; col < PER_LINE; col++) {
                int i = line * PER_LINE + col;
                if (col == 8) {
                    s.append(' ');
                }
                if (i < length) {
                    hexAt[i] = s.length();
                    s.append(String.format("%02x ", b.get(b.position() + i)));
                } else {
                    s.append("   ");
                }
            }
            s.append(' ');
            for (int col = 0; col < PER_LINE && line * PER_LINE + col < length; col++) {
                int i = line * PER_LINE + col;
                int c = b.get(b.position() + i) & 0xff;
                asciiAt[i] = asciiStart + col;
                s.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
        }
        text.setText(s.toString());
        from = 0;
        size = 0;
    }

    /** Highlights bytes [offset, offset + size) and scrolls to them; size 0 clears. */
    void highlight(int offset, int count) {
        from = Math.max(0, Math.min(offset, length));
        size = Math.max(0, Math.min(count, length - from));
        List<StyleRange> ranges = new ArrayList<>();
        for (int b = from; b < from + size;) {
            int lineEnd = Math.min(from + size, (b / PER_LINE + 1) * PER_LINE);
            ranges.add(range(hexAt[b], hexAt[lineEnd - 1] + 2));
            ranges.add(range(asciiAt[b], asciiAt[lineEnd - 1] + 1));
            b = lineEnd;
        }
        ranges.sort((x, y) -> Integer.compare(x.start, y.start));
        text.setStyleRanges(ranges.toArray(StyleRange[]::new));
        if (size > 0) {
            int line = text.getLineAtOffset(hexAt[from]);
            if (line < text.getTopIndex() || line >= text.getTopIndex() + visibleLines()) {
                text.setTopIndex(Math.max(0, line - 1));
            }
        }
    }

    private StyleRange range(int start, int end) {
        StyleRange r = new StyleRange();
        r.start = start;
        r.length = end - start;
        r.background = highlight;
        return r;
    }

    private int visibleLines() {
        return Math.max(1, text.getClientArea().height / Math.max(1, text.getLineHeight()));
    }

    /** The byte shown at a character offset (hex or ASCII column), -1 for none. */
    int byteAtChar(int offset) {
        for (int i = 0; i < length; i++) {
            if ((offset >= hexAt[i] && offset < hexAt[i] + 2) || offset == asciiAt[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes the highlight covers, read back from the styles on the text (tests). */
    List<Integer> highlightedBytes() {
        List<Integer> out = new ArrayList<>();
        StyleRange[] ranges = text.getStyleRanges();
        for (int i = 0; i < length; i++) {
            for (StyleRange r : ranges) {
                if (hexAt[i] >= r.start && hexAt[i] + 2 <= r.start + r.length) {
                    out.add(i);
                    break;
                }
            }
        }
        return out;
    }

    int length() {
        return length;
    }
}
