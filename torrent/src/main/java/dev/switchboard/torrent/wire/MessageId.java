package dev.switchboard.torrent.wire;

/**
 * The one-byte ids of peer wire messages: BEP 3 (0-8), BEP 5 (9, port), BEP 6 fast extension
 * (0x0D-0x11) and BEP 10 (20, extended), with the exact length prefix each one must carry.
 */
public final class MessageId {
    public static final int CHOKE = 0;
    public static final int UNCHOKE = 1;
    public static final int INTERESTED = 2;
    public static final int NOT_INTERESTED = 3;
    public static final int HAVE = 4;
    public static final int BITFIELD = 5;
    public static final int REQUEST = 6;
    public static final int PIECE = 7;
    public static final int CANCEL = 8;
    public static final int PORT = 9;
    public static final int SUGGEST = 0x0D;
    public static final int HAVE_ALL = 0x0E;
    public static final int HAVE_NONE = 0x0F;
    public static final int REJECT = 0x10;
    public static final int ALLOWED_FAST = 0x11;
    public static final int EXTENDED = 20;

    /** Marks ids whose messages have a variable length (with this minimum). */
    private static final int VARIABLE = -1;

    private MessageId() {
    }

    /**
     * The exact length prefix (id byte included) a message with this id must carry, {@link
     * #minimumLength} for variable-length ones; -1 for an unknown id.
     */
    static int fixedLength(int id) {
        return switch (id) {
            case CHOKE, UNCHOKE, INTERESTED, NOT_INTERESTED, HAVE_ALL, HAVE_NONE -> 1;
            case HAVE, SUGGEST, ALLOWED_FAST -> 5;
            case REQUEST, CANCEL, REJECT -> 13;
            case PORT -> 3;
            case BITFIELD, PIECE, EXTENDED -> VARIABLE;
            default -> -2;
        };
    }

    /** Whether {@code id} is known. */
    static boolean isKnown(int id) {
        return fixedLength(id) != -2;
    }

    /** The smallest length prefix of a variable-length message: the id plus its fixed fields. */
    static int minimumLength(int id) {
        return switch (id) {
            case BITFIELD -> 1;   // id; the bitfield itself may be empty only for a 0-piece torrent
            case PIECE -> 9;      // id, index, begin; an empty block is refused by PeerConnection
            case EXTENDED -> 2;   // id, extended message id
            default -> fixedLength(id);
        };
    }

    /** Whether a message with {@code id} has a fixed length. */
    static boolean isFixed(int id) {
        return fixedLength(id) >= 0;
    }

    /** The spec's name for {@code id}, for error messages. */
    public static String name(int id) {
        return switch (id) {
            case CHOKE -> "choke";
            case UNCHOKE -> "unchoke";
            case INTERESTED -> "interested";
            case NOT_INTERESTED -> "not interested";
            case HAVE -> "have";
            case BITFIELD -> "bitfield";
            case REQUEST -> "request";
            case PIECE -> "piece";
            case CANCEL -> "cancel";
            case PORT -> "port";
            case SUGGEST -> "suggest piece";
            case HAVE_ALL -> "have all";
            case HAVE_NONE -> "have none";
            case REJECT -> "reject request";
            case ALLOWED_FAST -> "allowed fast";
            case EXTENDED -> "extended";
            default -> "unknown id " + id;
        };
    }
}
