package dev.dxgscope.ui.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.ui.actions.CompoundContributionItem;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;
import org.eclipse.ui.PlatformUI;

/** File > Open Recent: the last captures opened. */
public final class RecentCapturesMenu extends CompoundContributionItem {
    @Override
    protected IContributionItem[] getContributionItems() {
        List<Path> recent = SessionHandlers.recent();
        IContributionItem[] items = new IContributionItem[recent.size()];
        for (int i = 0; i < items.length; i++) {
            CommandContributionItemParameter p = new CommandContributionItemParameter(
                    PlatformUI.getWorkbench(), "dev.dxgscope.ui.recent." + i, "dev.dxgscope.ui.openRecent",
                    CommandContributionItem.STYLE_PUSH);
            p.label = (i + 1) + " " + recent.get(i).getFileName() + "  " + recent.get(i).getParent();
            p.parameters = Map.of("dev.dxgscope.ui.path", recent.get(i).toString());
            items[i] = new CommandContributionItem(p);
        }
        return items;
    }
}
