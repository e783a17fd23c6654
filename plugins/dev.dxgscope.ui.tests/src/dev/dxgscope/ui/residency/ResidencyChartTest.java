package dev.dxgscope.ui.residency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.CaptureModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device snapshot (dxgcap snapshot on the simulator) has budgets and no resident bytes: the
 * Residency chart draws no line, says where the budgets are, and its time axis still spans the
 * whole capture (it showed 0 to 1 s of a 2 s snapshot).
 */
class ResidencyChartTest {
    @TempDir
    Path dir;

    @Test
    void aSnapshotWithoutResidentBytesSpansTheCaptureAndPointsToItsBudgets() throws Exception {
        Path dist = Path.of(System.getProperty("dxgscope.root", "../.."), "native-probe/target/dist");
        Path capture = dir.resolve("snap.dxgcap");
        Process p = new ProcessBuilder(dist.resolve("bin/dxgcap").toString(), "snapshot", "--sim", "--interval", "200",
                "--duration", "2", "-o", capture.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("snap.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "snapshot recorded");
        CaptureModel m = ModelLoader.load(capture);
        ResidencyData d = ResidencyData.of(m, "snap.dxgcap");
        assertTrue(d.lines().isEmpty(), "no MakeResident: no resident line");
        assertTrue(d.end() > 1.5, "a 2 s snapshot: " + d.end());
        assertTrue(d.summary().endsWith("its " + m.budgets().size() + " budgets are listed in Adapters"), d.summary());
        ResidencyChart chart = new ResidencyChart();
        chart.show(d);
        Range shown = ((XYPlot) chart.chart().getPlot()).getDomainAxis().getRange();
        assertEquals(d.end(), shown.getUpperBound(), d.end() * 0.05, "the time axis spans the capture: " + shown);
    }
}
