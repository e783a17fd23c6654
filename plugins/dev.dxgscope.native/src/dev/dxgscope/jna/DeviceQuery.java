package dev.dxgscope.jna;

import dev.dxgscope.model.adapters.AdapterInfo;
import dev.dxgscope.model.adapters.AdapterType;
import dev.dxgscope.model.adapters.Answer;
import dev.dxgscope.model.adapters.DeviceStatus;
import dev.dxgscope.model.adapters.DriverVersion;
import dev.dxgscope.model.adapters.Luid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Live queries of a dxg device through libdxgscope.so: open the device, enumerate adapters
 * (LX_DXENUMADAPTERS3, compute-only included) and ask each for its type and driver facts
 * (LX_DXQUERYADAPTERINFO). Cost: a handful of ioctls per adapter, a few milliseconds on a real
 * device; call it off the UI thread.
 */
public final class DeviceQuery {
    private static NativeLibrary library;

    private DeviceQuery() {
    }

    private static synchronized NativeLibrary library() {
        if (library == null) {
            library = NativeLibrary.load();
        }
        return library;
    }

    /** Version of the loaded native library. Throws {@link UnsatisfiedLinkError} when it is missing. */
    public static String nativeVersion() {
        return library().dxgs_version();
    }

    /** The device path used by {@link #query(String)} with null: $DXGSCOPE_DEVICE or /dev/dxg. */
    public static String defaultDevice() {
        return library().dxgs_default_device();
    }

    /** Queries the device at {@code path} (null = the default device). Never throws for device errors. */
    public static DeviceStatus query(String path) {
        NativeLibrary.DeviceReport report = new NativeLibrary.DeviceReport();
        library().dxgs_query_device(path, report);
        report.read();
        String device = text(report.devicePath);
        if (report.openErrno != 0) {
            return new DeviceStatus.Unavailable(device, DeviceStatus.Stage.OPEN, report.openErrno);
        }
        if (report.enumErrno != 0) {
            return new DeviceStatus.Unavailable(device, DeviceStatus.Stage.ENUMERATE, report.enumErrno);
        }
        List<AdapterInfo> adapters = new ArrayList<>();
        for (int i = 0; i < report.adaptersReturned; i++) {
            NativeLibrary.AdapterRecord a = report.adapters[i];
            adapters.add(new AdapterInfo(new Luid(a.luidHigh, a.luidLow),
                    Answer.of(a.typeErrno, new AdapterType(a.typeFlags)),
                    Answer.of(a.driverVersionErrno, new DriverVersion(a.driverVersion)),
                    Answer.of(a.descriptionErrno, text(a.description)),
                    Answer.of(a.umdErrno, text(a.umdName))));
        }
        return new DeviceStatus.Available(device, report.adapterCount, List.copyOf(adapters));
    }

    private static String text(byte[] nulTerminated) {
        int n = 0;
        while (n < nulTerminated.length && nulTerminated[n] != 0) {
            n++;
        }
        return new String(nulTerminated, 0, n, StandardCharsets.UTF_8);
    }
}
