package dev.switchboard.bencode;

import java.util.OptionalLong;

/**
 * Any failure to decode bencoded input, or to read a dictionary entry with the expected type.
 *
 * <p>Decoding errors carry the byte offset into the input at which the problem was found, and their
 * message starts with {@code "at byte N: "}, e.g. {@code "at byte 17: dictionary keys out of order: 'b'
 * after 'c'"}. Errors raised by the typed getters of {@link BDictionary} have no offset and name the key
 * instead. The exception is unchecked so that the getters stay convenient to chain.
 */
public final class BencodeException extends RuntimeException {

    private static final long NO_OFFSET = -1;

    private final long offset;

    /** Creates an exception without a byte offset (used for type errors on already decoded values). */
    public BencodeException(String message) {
        super(message);
        this.offset = NO_OFFSET;
    }

    private BencodeException(long offset, String detail) {
        super("at byte " + offset + ": " + detail);
        this.offset = offset;
    }

    /** Creates a decoding exception whose message is {@code "at byte <offset>: <detail>"}. */
    public static BencodeException at(long offset, String detail) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        return new BencodeException(offset, detail);
    }

    /** Returns the byte offset into the decoded input, or empty when the error is not positional. */
    public OptionalLong offset() {
        return offset == NO_OFFSET ? OptionalLong.empty() : OptionalLong.of(offset);
    }
}
