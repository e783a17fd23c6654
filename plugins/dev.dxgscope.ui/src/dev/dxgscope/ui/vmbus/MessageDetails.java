package dev.dxgscope.ui.vmbus;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.EventDecoder;
import dev.dxgscope.model.decode.VmbusDecoder;
import dev.dxgscope.model.decode.VmbusField;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.VmbusMessage;
import dev.dxgscope.model.state.VmbusTable;
import dev.dxgscope.ui.session.CaptureSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One message ready to show: its row, its bytes read back from the capture file (the model keeps
 * only offsets) and its decoded tree (a reply is decoded with its request). A record that cannot be
 * read gives a tree with one problem node saying why, never an exception.
 */
record MessageDetails(VmbusMessage row, VmbusField tree, ByteBuffer bytes) {

    static MessageDetails load(CaptureSession s, int i) {
        record Rows(VmbusMessage row, VmbusMessage request, AbiTables abi) {
        }
        Rows rows = s.read((CaptureModel m) -> {
            VmbusTable t = m.vmbus();
            if (i < 0 || i >= t.size()) {
                return null;
            }
            VmbusMessage row = t.row(i);
            boolean reply = row.direction() == VmbusTable.REPLY && row.pair() >= 0;
            return new Rows(row, reply ? t.row(row.pair()) : null, m.abi());
        });
        if (rows == null) {
            return null;
        }
        try {
            Event.Vmbus message = EventDecoder.vmbus(s.readRecord(rows.row().offset()));
            if (message == null) {
                return failed(rows.row(), "the record at byte " + rows.row().offset() + " is not a whole VMBUS record");
            }
            Event.Vmbus request = rows.request() == null ? null
                    : EventDecoder.vmbus(s.readRecord(rows.request().offset()));
            return new MessageDetails(rows.row(), VmbusDecoder.decode(rows.abi(), message, request),
                    message.message());
        } catch (IOException e) {
            return failed(rows.row(), "cannot read the record at byte " + rows.row().offset() + ": " + e.getMessage());
        }
    }

    private static MessageDetails failed(VmbusMessage row, String why) {
        return new MessageDetails(row, new VmbusField(row.commandName() + " " + row.directionName(), 0, 0, "", why,
                VmbusField.Kind.PROBLEM, List.of()), ByteBuffer.allocate(0));
    }
}
