package dev.switchboard.cli.torrent;

/** Whether output goes to a person at a terminal, for progress bars that redraw in place. */
final class Terminal {
    private Terminal() {}

    /**
     * Returns whether the process is attached to a terminal: {@code System.console()} exists (Java 17-21
     * return null when stdin or stdout is redirected) and, on Java 22 and later, says it is a terminal.
     */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console exists only for a terminal
        }
    }
}
