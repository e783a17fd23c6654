package dev.dxgscope.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/** A read-only property source from name/value pairs, grouped by category, in insertion order. */
final class ReadOnlyProperties implements IPropertySource {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> categories = new LinkedHashMap<>();
    private String category = "Object";

    ReadOnlyProperties category(String c) {
        this.category = c;
        return this;
    }

    ReadOnlyProperties put(String name, Object value) {
        String key = category + "/" + name;
        values.put(key, value == null ? "" : value);
        categories.put(key, category);
        return this;
    }

    /** Like {@link #put}, leaving the row out when there is nothing to say (no empty rows). */
    ReadOnlyProperties putIfAny(String name, String value) {
        return value == null || value.isEmpty() ? this : put(name, value);
    }

    String get(String category, String name) {
        Object v = values.get(category + "/" + name);
        return v == null ? null : String.valueOf(v);
    }

    @Override
    public Object getEditableValue() {
        return null;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        List<IPropertyDescriptor> out = new ArrayList<>();
        for (String key : values.keySet()) {
            PropertyDescriptor d = new PropertyDescriptor(key, key.substring(key.indexOf('/') + 1));
            d.setCategory(categories.get(key));
            out.add(d);
        }
        return out.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return values.get(id);
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
    }
}
