package dev.dxgscope.model.state;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.LongMap;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.decode.VmbusLayout;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * VMBus messages into the {@link VmbusTable}, requests paired with replies by channel and
 * transaction id; and the facts other trackers need from message bodies: allocation sizes from
 * CREATEALLOCATION replies, the event ids CPU waits give the host, host signals, failing statuses.
 */
final class VmbusTracker {
    private static final int CREATEALLOCATION = 4;
    private static final int WAITFORSYNCOBJECTFROMCPU = 22;
    private static final int SIGNALGUESTEVENT = 0;
    private static final int SIGNALGUESTEVENTPASSIVE = 3;

    final VmbusTable table = new VmbusTable();
    private final ObjectTracker objects;
    private final SyncTracker sync;
    private final ErrorTracker errors;
    /**
     * Requests waiting for their reply by transaction id, one map per channel (transaction ids
     * count per channel): the global channel's, then each adapter's by LUID.
     */
    private final LongMap<Integer> global = new LongMap<>();
    private final Map<Long, LongMap<Integer>> adapters = new HashMap<>();
    private long lastLuid;
    private LongMap<Integer> lastAdapter;
    private final Map<Long, Long> allocCounts = new HashMap<>();

    VmbusTracker(ObjectTracker objects, SyncTracker sync, ErrorTracker errors) {
        this.objects = objects;
        this.sync = sync;
        this.errors = errors;
    }

    /** The open requests of the message's channel (nearly every message is on the adapter of the last). */
    private LongMap<Integer> open(Event.Vmbus e) {
        if (e.channel() == 0) {
            return global;
        }
        if (lastAdapter == null || e.luid() != lastLuid) {
            lastLuid = e.luid();
            lastAdapter = adapters.computeIfAbsent(e.luid(), k -> new LongMap<>());
        }
        return lastAdapter;
    }

    void onVmbus(Event.Vmbus e, AbiTables abi) {
        int i = table.add(e.seq(), e.ts(), e.offset(), e.pid(), e.channel(), e.direction(), e.luid(), e.cause(),
                e.transaction(), e.flags(), e.status(), e.command(), e.message().remaining());
        boolean async = (e.flags() & Event.Vmbus.FLAG_ASYNC) != 0;
        boolean dropped = (e.flags() & Event.Vmbus.FLAG_DROPPED) != 0;
        if (e.direction() == Event.Vmbus.REQUEST && !async && !dropped && e.transaction() != 0) {
            open(e).put(e.transaction(), i);
        } else if (e.direction() == Event.Vmbus.REPLY) {
            Integer request = open(e).remove(e.transaction());
            if (request != null) {
                table.pair(request, i);
            }
            errors.hostStatus(e.cause(), e.status());
        }
        body(e, abi);
    }

    private void body(Event.Vmbus e, AbiTables abi) {
        ByteBuffer msg = e.message();
        int base = VmbusLayout.commandBase(abi, msg, e.direction(), e.command());
        if (e.direction() == Event.Vmbus.REQUEST && e.command() == CREATEALLOCATION) {
            long n = VmbusLayout.field(abi, msg, base, "dxgkvmb_command_createallocation", "alloc_count");
            if (n != IoctlCall.UNKNOWN && e.cause() != 0) {
                allocCounts.put(e.cause(), n);
            }
        } else if (e.direction() == Event.Vmbus.REPLY && e.command() == CREATEALLOCATION && e.cause() != 0) {
            Long n = allocCounts.remove(e.cause());
            AbiTables.Struct ret = abi.vmbusStruct("dxgkvmb_command_createallocation_return");
            AbiTables.Struct info = abi.vmbusStruct("dxgkvmb_command_allocinfo_return");
            if (n == null || ret == null || info == null || Names.ntError(e.status())) {
                return;
            }
            int first = ret.field("allocation_info").offset();
            int sizeAt = info.field("allocation_size").offset();
            long[] sizes = new long[(int) Math.min(n, 1 << 16)];
            for (int k = 0; k < sizes.length; k++) {
                int at = msg.position() + first + k * info.size() + sizeAt;
                sizes[k] = at + 8 <= msg.limit() ? msg.getLong(at) : -1;
            }
            objects.hostAllocationSizes(e.cause(), sizes);
        } else if (e.direction() == Event.Vmbus.REQUEST && e.command() == WAITFORSYNCOBJECTFROMCPU) {
            long id = VmbusLayout.field(abi, msg, base, "dxgkvmb_command_waitforsyncobjectfromcpu",
                    "guest_event_pointer");
            if (id != IoctlCall.UNKNOWN) {
                sync.waitEvent(e.cause(), id);
            }
        } else if (e.direction() == Event.Vmbus.HOST_MESSAGE
                && (e.command() == SIGNALGUESTEVENT || e.command() == SIGNALGUESTEVENTPASSIVE)) {
            long id = VmbusLayout.field(abi, msg, base, "dxgkvmb_command_signalguestevent", "event");
            if (id != IoctlCall.UNKNOWN) {
                sync.hostSignal(id, e.seq());
            }
        }
    }
}
