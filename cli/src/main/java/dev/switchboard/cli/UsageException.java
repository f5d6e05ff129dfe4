package dev.switchboard.cli;

/** A combination of arguments that makes no sense; reported as one line with exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
