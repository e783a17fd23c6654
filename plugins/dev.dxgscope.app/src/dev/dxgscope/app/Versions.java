package dev.dxgscope.app;

import dev.dxgscope.jna.DeviceQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.SWT;
import org.osgi.framework.Bundle;

/** The versions Help > About shows: product, platform, Java and the native library. */
final class Versions {
    private Versions() {
    }

    static Map<String, String> collect() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("dxgscope", bundleVersion("dev.dxgscope.app"));
        versions.put("Eclipse platform", "workbench " + bundleVersion("org.eclipse.ui.workbench")
                + ", runtime " + bundleVersion("org.eclipse.core.runtime"));
        versions.put("SWT", bundleVersion("org.eclipse.swt") + " (" + SWT.getPlatform() + ")");
        versions.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        versions.put("Native library", nativeVersion());
        versions.put("Device", DeviceQuery.defaultDevice());
        versions.put("Operating system", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        return versions;
    }

    private static String bundleVersion(String symbolicName) {
        Bundle bundle = Platform.getBundle(symbolicName);
        return bundle == null ? "not installed" : bundle.getVersion().toString();
    }

    private static String nativeVersion() {
        try {
            return "libdxgscope " + DeviceQuery.nativeVersion();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "not loaded: " + e.getMessage();
        }
    }
}
