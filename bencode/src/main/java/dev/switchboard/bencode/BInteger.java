package dev.switchboard.bencode;

/**
 * A bencode integer. Bencoding itself has no range limit, but this model (and therefore the decoder,
 * which rejects anything larger) is restricted to signed 64-bit values.
 *
 * @param value the integer value
 */
public record BInteger(long value) implements BValue {

    /** Returns the integer {@code value}. */
    public static BInteger of(long value) {
        return new BInteger(value);
    }

    @Override
    public BType type() {
        return BType.INTEGER;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
