package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dxgscope.ui.charts.ChartExport.Format;
import dev.dxgscope.ui.charts.ExportChartAction.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What "Export chart…" writes for the name the file dialog returns. */
class ExportTargetTest {
    private static void writes(String file, Format format, Target t) {
        assertEquals(new Target(Path.of(file), format), t);
    }

    @Test
    void theActionsOwnFormatWinsAndGetsItsExtension() {
        writes("/tmp/a.png", Format.PNG, Target.of("/tmp/a.png", Format.PNG, 1));
        writes("/tmp/a.png", Format.PNG, Target.of("/tmp/a", Format.PNG, 1));
        writes("/tmp/a.png.svg", Format.SVG, Target.of("/tmp/a.png", Format.SVG, 0));
    }

    @Test
    void otherwiseTheNamesExtensionThenTheDialogsFilterDecide() {
        writes("/tmp/a.svg", Format.SVG, Target.of("/tmp/a.svg", null, 0));
        writes("/tmp/A.SVG", Format.SVG, Target.of("/tmp/A.SVG", null, 0));
        writes("/tmp/a.png", Format.PNG, Target.of("/tmp/a.png", null, 1));
        writes("/tmp/a.svg", Format.SVG, Target.of("/tmp/a", null, 1));
        writes("/tmp/a.png", Format.PNG, Target.of("/tmp/a", null, 0));
        writes("/tmp/a.png", Format.PNG, Target.of("/tmp/a", null, -1)); /* no filter chosen */
        writes("/tmp/chart.v2.png", Format.PNG, Target.of("/tmp/chart.v2", null, 0));
    }
}
