package dev.dxgscope.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.util.Map;

/**
 * JNA binding of libdxgscope.so (native-probe/include/dxgscope/device_query.h). The library
 * comes from the dev.dxgscope.native.linux.x86_64 fragment (resource linux-x86-64/), or from
 * {@code -Djna.library.path}. Loading costs one extraction to jna.tmpdir on first use.
 */
interface NativeLibrary extends Library {
    int MAX_ADAPTERS = 16;
    int TEXT_MAX = 256;

    /** Loads the library once, through this bundle's class loader so the fragment is seen. */
    static NativeLibrary load() {
        return Native.load("dxgscope", NativeLibrary.class,
                Map.of(Library.OPTION_CLASSLOADER, NativeLibrary.class.getClassLoader()));
    }

    String dxgs_version();

    String dxgs_default_device();

    int dxgs_query_device(String path, DeviceReport out);

    /** Mirrors {@code dxgs_adapter_info}. */
    @Structure.FieldOrder({"handle", "luidLow", "luidHigh", "typeFlags", "typeErrno", "driverVersion",
        "driverVersionErrno", "descriptionErrno", "umdErrno", "description", "umdName"})
    class AdapterRecord extends Structure {
        public int handle;
        public int luidLow;
        public int luidHigh;
        public int typeFlags;
        public int typeErrno;
        public int driverVersion;
        public int driverVersionErrno;
        public int descriptionErrno;
        public int umdErrno;
        public byte[] description = new byte[TEXT_MAX];
        public byte[] umdName = new byte[TEXT_MAX];
    }

    /** Mirrors {@code dxgs_device_report}. */
    @Structure.FieldOrder({"openErrno", "enumErrno", "adapterCount", "adaptersReturned", "devicePath", "adapters"})
    class DeviceReport extends Structure {
        public int openErrno;
        public int enumErrno;
        public int adapterCount;
        public int adaptersReturned;
        public byte[] devicePath = new byte[TEXT_MAX];
        public AdapterRecord[] adapters = (AdapterRecord[]) new AdapterRecord().toArray(MAX_ADAPTERS);
    }
}
