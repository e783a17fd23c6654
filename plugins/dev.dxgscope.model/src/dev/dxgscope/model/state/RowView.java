package dev.dxgscope.model.state;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * A view of one row of a row store ({@link WaitStore}, {@link SignalStore}, {@link ResidencyOpStore}):
 * made when asked for, and equal to every other view of the same row, so views can be selected,
 * compared and kept in sets like the objects they stand for.
 */
abstract class RowView<S> {
    final S store;
    final int index;

    RowView(S store, int index) {
        this.store = store;
        this.index = index;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof RowView<?> v && v.getClass() == getClass() && v.store == store && v.index == index;
    }

    @Override
    public final int hashCode() {
        return 31 * System.identityHashCode(store) + index;
    }

    /** A read-only live list of {@code size} rows, a view made per {@code get}. */
    static <V> List<V> list(IntSupplier size, IntFunction<V> view) {
        final class Views extends AbstractList<V> implements RandomAccess {
            @Override
            public V get(int i) {
                return view.apply(Objects.checkIndex(i, size.getAsInt()));
            }

            @Override
            public int size() {
                return size.getAsInt();
            }
        }
        return new Views();
    }
}
