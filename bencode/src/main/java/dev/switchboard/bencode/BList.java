package dev.switchboard.bencode;

import java.util.Arrays;
import java.util.List;

/** An immutable bencode list. Elements keep their order; {@code null} elements are rejected. */
public final class BList implements BValue {

    private static final BList EMPTY = new BList(List.of());

    private final List<BValue> values;

    private BList(List<BValue> values) {
        this.values = values;
    }

    /** Returns a list of {@code values} (copied). */
    public static BList of(List<? extends BValue> values) {
        return values.isEmpty() ? EMPTY : new BList(List.copyOf(values));
    }

    /** Returns a list of {@code values}. */
    public static BList of(BValue... values) {
        return of(Arrays.asList(values));
    }

    /** Returns the empty list. */
    public static BList empty() {
        return EMPTY;
    }

    /** Returns the elements as an unmodifiable list. */
    public List<BValue> values() {
        return values;
    }

    /** Returns the element at {@code index}. */
    public BValue get(int index) {
        return values.get(index);
    }

    /** Returns the number of elements. */
    public int size() {
        return values.size();
    }

    /** Returns whether the list has no elements. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public BType type() {
        return BType.LIST;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BList that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
