package dev.dxgscope.ui.preferences;

import dev.dxgscope.ui.adapters.AdaptersView;
import dev.dxgscope.ui.session.SessionJobs;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window > Preferences > dxgscope: how often the Adapters view asks the live device. */
public final class DxgscopePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public DxgscopePreferencePage() {
        super(GRID);
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, SessionJobs.PLUGIN);
        store.setDefault(AdaptersView.POLL_SECONDS, AdaptersView.DEFAULT_POLL_SECONDS);
        setPreferenceStore(store);
        setDescription("Live device queries");
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor poll = new IntegerFieldEditor(AdaptersView.POLL_SECONDS,
                "Adapters view: query the device every (seconds, 0 = only on Refresh):", getFieldEditorParent());
        poll.setValidRange(0, 3600);
        addField(poll);
    }

    @Override
    public void init(IWorkbench workbench) {
    }
}
