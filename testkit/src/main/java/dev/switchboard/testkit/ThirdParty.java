package dev.switchboard.testkit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Third-party programs that interop tests run (aria2c, mosquitto_sub, /usr/bin/python3 with a
 * module, ...). On CI (environment variable CI set) a missing program fails the test, because
 * .ci/run installs every one of them; on a developer machine it skips the test with the package
 * to install.
 */
public final class ThirdParty {
    private ThirdParty() {
    }

    /** Requires {@code command} on the PATH, installed by Debian package {@code debianPackage}. */
    public static void requireCommand(String command, String debianPackage) {
        require(runs("sh", "-c", "command -v " + command), command + " (apt-get install " + debianPackage + ")");
    }

    /** Requires {@code /usr/bin/python3} to import {@code module}, from Debian package {@code debianPackage}. */
    public static void requirePythonModule(String module, String debianPackage) {
        require(runs("/usr/bin/python3", "-c", "import " + module),
                "/usr/bin/python3 with module " + module + " (apt-get install " + debianPackage + ")");
    }

    private static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("missing on CI: " + what + "; .ci/run must install it");
        }
        Assumptions.abort("skipped: needs " + what);
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
