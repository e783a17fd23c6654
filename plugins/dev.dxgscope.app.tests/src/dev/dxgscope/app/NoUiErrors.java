package dev.dxgscope.app;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when dxgscope's UI code logged an error while it ran (an exception in an SWT
 * listener does not fail the test by itself; it lands in the log). Use with {@code @ExtendWith}.
 */
public final class NoUiErrors implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoUiErrors.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("watch", new UiTestSupport.LogWatch());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        UiTestSupport.LogWatch watch = context.getStore(NS).remove("watch", UiTestSupport.LogWatch.class);
        if (watch != null) {
            watch.close();
        }
    }
}
