package dev.switchboard.cli.mqtt;

import dev.switchboard.cli.UsageException;
import dev.switchboard.mqtt.auth.PasswordFile;
import dev.switchboard.mqtt.auth.PasswordHash;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard mqtt passwd}: adds, changes or deletes a user in a broker password file, like
 * mosquitto_passwd. The file is created when missing and replaced atomically, mode 0600.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Add or change a user's password in an MQTT password file (created when missing),",
                "or delete a user with -D. Without -b the password is asked twice on the console.",
                "Lines: NAME:$pbkdf2-sha512$ITERATIONS$SALT$HASH (see docs/mqtt/auth.md)."})
public final class MqttPasswdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-b", description = "Batch mode: take the password from the command line (it shows in ps and history).")
    boolean batch;

    @Option(names = "-D", description = "Delete the user.")
    boolean delete;

    @Option(names = "--iterations", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS, paramLabel = "N",
            description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}, OWASP's figure for PBKDF2-HMAC-SHA512).")
    int iterations;

    @Parameters(index = "0", paramLabel = "FILE", description = "The password file.")
    Path file;

    @Parameters(index = "1", paramLabel = "USER", description = "The user name.")
    String user;

    @Parameters(index = "2", arity = "0..1", paramLabel = "PASSWORD", description = "The password (with -b only).")
    String password;

    @Override
    public Integer call() throws Exception {
        if (delete && (batch || password != null)) {
            throw new UsageException("-D takes FILE and USER only");
        }
        if (!delete && batch != (password != null)) {
            throw new UsageException(batch ? "-b needs FILE USER PASSWORD" : "give the password with -b, or leave it out to be asked");
        }
        String problem = PasswordFile.nameProblem(user);
        if (problem != null) {
            throw new UsageException(problem);
        }
        PasswordFile current = Files.exists(file) ? PasswordFile.load(file) : PasswordFile.empty();
        if (delete) {
            if (current.lookup(user).isEmpty()) {
                throw new IllegalArgumentException("user '" + user + "' is not in " + file);
            }
            current.without(user).write(file);
            spec.commandLine().getOut().println("deleted user " + user + " from " + file);
            return 0;
        }
        if (iterations < PasswordHash.MIN_ITERATIONS) {
            throw new UsageException("--iterations must be at least " + PasswordHash.MIN_ITERATIONS);
        }
        char[] secret = batch ? password.toCharArray() : askTwice();
        try {
            PasswordHash hash = PasswordHash.create(secret, iterations, new SecureRandom());
            boolean existed = current.lookup(user).isPresent();
            current.with(user, hash).write(file);
            spec.commandLine().getOut().println((existed ? "changed the password of user " : "added user ")
                    + user + (existed ? " in " : " to ") + file);
        } finally {
            Arrays.fill(secret, '\0');
        }
        return 0;
    }

    private static char[] askTwice() {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no console to ask the password on; use -b FILE USER PASSWORD");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Reenter password: ");
        if (first == null || second == null) {
            throw new IllegalArgumentException("no password given");
        }
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new IllegalArgumentException("the passwords do not match");
        }
        return first;
    }
}
