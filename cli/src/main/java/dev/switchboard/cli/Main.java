package dev.switchboard.cli;

/** Entry point of the {@code switchboard} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SwitchboardCommand.execute(args));
    }
}
