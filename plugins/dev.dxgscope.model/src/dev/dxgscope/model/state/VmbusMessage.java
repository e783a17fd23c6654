package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.Names;

/**
 * One VMBus message of the capture as a value (a row of {@link VmbusTable}): what the message list,
 * the Properties view and the Log view's links show and select.
 *
 * @param index the row in the table (0-based, the order of seqs)
 * @param pair the row of the paired request or reply, -1 when none
 * @param latencyNs reply time minus request time, -1 when unpaired
 */
public record VmbusMessage(int index, long seq, long ts, long offset, int pid, int channel, int direction, long luid,
        long cause, long transaction, int flags, int status, int command, int size, int pair, long latencyNs) {

    public String commandName() {
        return Names.vmbusCommand(direction, command);
    }

    /** "request", "reply", "host message". */
    public String directionName() {
        return Names.vmbusDirection(direction);
    }

    /** "global", or "adapter" with the adapter's LUID. */
    public String channelName() {
        return channel == 0 ? "global" : "adapter " + CapturedAdapter.luidText(luid);
    }

    @Override
    public String toString() {
        return "VMBus #" + seq + " " + commandName() + " " + directionName();
    }
}
