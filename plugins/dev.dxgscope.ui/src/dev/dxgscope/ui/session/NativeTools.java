package dev.dxgscope.ui.session;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds dxgscope's native tools (dxgcap): on PATH (the product's start script puts its bin/ there),
 * next to the installation, or in the source tree's build output when run from a build
 * ({@code -Ddxgscope.root}).
 */
public final class NativeTools {
    private NativeTools() {
    }

    /** The dxgcap executable, or null when none is found. */
    public static Path dxgcap() {
        return find("dxgcap");
    }

    /** The folder of the reference workloads, or null. */
    public static Path workloads() {
        Path cap = dxgcap();
        if (cap == null) {
            return null;
        }
        Path w = cap.getParent().getParent().resolve("workloads");
        return Files.isDirectory(w) ? w : null;
    }

    static Path find(String tool) {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getProperty("dxgscope.bin");
        if (explicit != null) {
            candidates.add(Path.of(explicit, tool));
        }
        String root = System.getProperty("dxgscope.root");
        if (root != null) {
            candidates.add(Path.of(root, "native-probe/target/dist/bin", tool));
        }
        String install = System.getProperty("eclipse.home.location");
        if (install != null && install.startsWith("file:")) {
            candidates.add(Path.of(install.substring(5), "bin", tool));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, tool));
                }
            }
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
