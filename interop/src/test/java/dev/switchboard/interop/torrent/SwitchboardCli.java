package dev.switchboard.interop.torrent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our own peer, run as a user runs it: {@code java -jar cli/target/switchboard.jar torrent get|seed ...}
 * in a separate JVM. When the reactor has not packaged the jar yet (a {@code mvn test} run stops before
 * {@code package}), or the jar is older than cli's compiled classes, the same main class is run from the
 * test class path instead, so a stale jar is never tested. The contract:
 * <pre>
 *   switchboard torrent get FILE.torrent -o DIR [--port P] [--seed]
 *   switchboard torrent seed FILE.torrent DIR [--port P]
 *   switchboard torrent info FILE.torrent
 * </pre>
 */
final class SwitchboardCli implements BtClient {
    static final String MAIN_CLASS = "dev.switchboard.cli.Main";

    @Override
    public String name() {
        return "switchboard";
    }

    @Override
    public void require() {
        // built by the reactor before this module: always there
    }

    @Override
    public List<String> seed(Path torrent, Path directory, int port) {
        return command("torrent", "seed", torrent.toString(), directory.toString(), "--port", String.valueOf(port));
    }

    @Override
    public List<String> leech(Path torrent, Path directory, int port) {
        return command("torrent", "get", torrent.toString(), "-o", directory.toString(), "--port", String.valueOf(port));
    }

    List<String> info(Path torrent) {
        return command("torrent", "info", torrent.toString());
    }

    /** {@code java [-jar JAR | -cp CLASSPATH MAIN] arguments...}. */
    static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC"));
        Path jar = freshJar();
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    /** The packaged jar when it exists and is newer than every compiled class of cli, else null. */
    static Path freshJar() {
        String jarProperty = System.getProperty("switchboard.cli.jar");
        String classesProperty = System.getProperty("switchboard.cli.classes");
        if (jarProperty == null || classesProperty == null || !Files.isRegularFile(Path.of(jarProperty))) {
            return null;
        }
        Path jar = Path.of(jarProperty).normalize();
        try (Stream<Path> classes = Files.walk(Path.of(classesProperty))) {
            FileTime built = Files.getLastModifiedTime(jar);
            boolean stale = classes.filter(Files::isRegularFile).anyMatch(file -> newer(file, built));
            return stale ? null : jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean newer(Path file, FileTime than) {
        try {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
