package dev.dxgscope.model.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The few distinct call names a row store refers to, as small numbers, so a row keeps a few bits
 * rather than a reference. Lookup is a scan of the names seen (a handful).
 */
final class CallNames {
    private final List<String> names = new ArrayList<>();

    short id(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) { /* equals compares references first */
                return (short) i;
            }
        }
        names.add(name);
        return (short) (names.size() - 1);
    }

    String name(short id) {
        return names.get(id);
    }
}
