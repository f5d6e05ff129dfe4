package dev.switchboard.torrent.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few MiB mounted on a test directory, so a test can fill a real file system: writes
 * past its size fail as on a full disk (ENOSPC). Needs root (or CAP_SYS_ADMIN); {@link #mount}
 * says when the machine does not allow it.
 */
final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (as mount's {@code size=} option, e.g. {@code 1m}) on the directory. */
    static Optional<SmallDisk> mount(Path directory, String size) throws IOException, InterruptedException {
        int exit = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString());
        return exit == 0 ? Optional.of(new SmallDisk(directory)) : Optional.empty();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }
}
