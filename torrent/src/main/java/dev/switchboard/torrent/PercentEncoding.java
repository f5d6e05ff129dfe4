package dev.switchboard.torrent;

/**
 * Arbitrary bytes as a URL query value, as BEP 3 requires for {@code info_hash} and {@code peer_id}:
 * {@code 0-9 A-Z a-z . - _ ~} stand for themselves, every other byte becomes {@code %XX} (upper-case
 * hex). Each byte is encoded on its own; the bytes are never read as text.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
