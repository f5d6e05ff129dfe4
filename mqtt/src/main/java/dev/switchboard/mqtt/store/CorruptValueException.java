package dev.switchboard.mqtt.store;

/** A stored value that cannot be read: bad checksum, unknown layout, a field out of range. */
final class CorruptValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptValueException(String message) {
        super(message);
    }
}
