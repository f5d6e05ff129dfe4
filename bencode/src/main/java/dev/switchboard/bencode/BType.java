package dev.switchboard.bencode;

/** The four bencode types, each with the human-readable name used in error messages. */
public enum BType {
    /** A byte string such as {@code 4:spam}. */
    BYTE_STRING("byte string"),
    /** A signed 64-bit integer such as {@code i42e}. */
    INTEGER("integer"),
    /** A list such as {@code l4:spami42ee}. */
    LIST("list"),
    /** A dictionary such as {@code d3:cow3:mooe}. */
    DICTIONARY("dictionary");

    private final String displayName;

    BType(String displayName) {
        this.displayName = displayName;
    }

    /** Returns the name used in error messages, e.g. {@code "byte string"}. */
    public String displayName() {
        return displayName;
    }
}
