package dev.switchboard.bencode;

/**
 * Resource limits the {@link BencodeDecoder} enforces, so that hostile input (from a peer, a tracker or
 * a downloaded .torrent file) cannot exhaust memory or the stack. Input over any limit is rejected with
 * a {@link BencodeException} naming the offset and the limit.
 *
 * <p>{@link #DEFAULTS} fits .torrent files and wire messages: 16 MiB of input (a multi-terabyte torrent
 * with small pieces stays below that), strings as long as the whole input (the {@code pieces} string is
 * most of a torrent), 64 levels of nesting (real documents use fewer than 10) and 1,048,576 elements
 * per list or dictionary.
 *
 * @param maxInputLength most bytes a whole document may have
 * @param maxStringLength most bytes a single byte string may have
 * @param maxDepth most lists/dictionaries that may enclose one another; a top-level list is at depth 1,
 *     and at most {@value #MAX_SUPPORTED_DEPTH} because decoding and encoding recurse once per level
 * @param maxElements most elements in one list, or entries in one dictionary
 */
public record BencodeLimits(int maxInputLength, int maxStringLength, int maxDepth, int maxElements) {

    /** The largest {@link #maxDepth} accepted, keeping recursion well within default thread stacks. */
    public static final int MAX_SUPPORTED_DEPTH = 512;

    /** Defaults for .torrent files and wire messages; see the class documentation. */
    public static final BencodeLimits DEFAULTS = new BencodeLimits(16 * 1024 * 1024, 16 * 1024 * 1024, 64, 1 << 20);

    /** Validates the limits: all must be positive and the depth at most {@value #MAX_SUPPORTED_DEPTH}. */
    public BencodeLimits {
        requirePositive("maxInputLength", maxInputLength);
        requirePositive("maxStringLength", maxStringLength);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxElements", maxElements);
        if (maxDepth > MAX_SUPPORTED_DEPTH) {
            throw new IllegalArgumentException(
                    "maxDepth must be at most " + MAX_SUPPORTED_DEPTH + ", got " + maxDepth);
        }
    }

    /** Returns these limits with {@code maxInputLength} replaced. */
    public BencodeLimits withMaxInputLength(int value) {
        return new BencodeLimits(value, maxStringLength, maxDepth, maxElements);
    }

    /** Returns these limits with {@code maxStringLength} replaced. */
    public BencodeLimits withMaxStringLength(int value) {
        return new BencodeLimits(maxInputLength, value, maxDepth, maxElements);
    }

    /** Returns these limits with {@code maxDepth} replaced. */
    public BencodeLimits withMaxDepth(int value) {
        return new BencodeLimits(maxInputLength, maxStringLength, value, maxElements);
    }

    /** Returns these limits with {@code maxElements} replaced. */
    public BencodeLimits withMaxElements(int value) {
        return new BencodeLimits(maxInputLength, maxStringLength, maxDepth, value);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
