package dev.switchboard.cli.torrent;

/**
 * Text from a .torrent made safe for one line of a terminal: control characters (which could move the
 * cursor or change colours) are shown as {@code \xNN}.
 */
final class TerminalText {
    private TerminalText() {}

    static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
