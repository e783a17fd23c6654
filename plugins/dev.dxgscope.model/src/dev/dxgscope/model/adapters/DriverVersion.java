package dev.dxgscope.model.adapters;

/**
 * The KMTQAITYPE_DRIVERVERSION answer: a WDDM version coded as major*1000 + minor*100 (+ a
 * revision in the low digits, as in 1105 = WDDM 1.1).
 */
public record DriverVersion(int value) {

    /** "WDDM 3.1", or the raw number when it is not a plausible WDDM code. */
    public String wddm() {
        if (value < 1000 || value > 9999) {
            return "driver version " + value;
        }
        return "WDDM " + value / 1000 + "." + (value % 1000) / 100;
    }

    @Override
    public String toString() {
        return wddm();
    }
}
