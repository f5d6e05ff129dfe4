package dev.switchboard.reqrep;

/** Bytes shown as a Python bytes literal ({@code b'Hello, server!'}), as the seed's programs print them. */
public final class ByteLiterals {
    private ByteLiterals() {
    }

    /** The literal of the first {@code max} bytes, followed by {@code ...} when there are more. */
    public static String python(byte[] bytes, int max) {
        int n = Math.min(bytes.length, max);
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int i = 0; i < n; i++) {
            hasSingle |= bytes[i] == '\'';
            hasDouble |= bytes[i] == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder(n + 3).append('b').append(quote);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == quote || b == '\\') {
                sb.append('\\').append((char) b);
            } else if (b == '\t') {
                sb.append("\\t");
            } else if (b == '\n') {
                sb.append("\\n");
            } else if (b == '\r') {
                sb.append("\\r");
            } else if (b < 0x20 || b >= 0x7F) {
                sb.append(String.format("\\x%02x", b));
            } else {
                sb.append((char) b);
            }
        }
        sb.append(quote);
        if (bytes.length > n) {
            sb.append("... (").append(bytes.length).append(" bytes)");
        }
        return sb.toString();
    }
}
