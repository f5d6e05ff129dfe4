package dev.switchboard.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reported a leaked buffer while it ran. Registered for every Jupiter test
 * through extension auto-detection (see the surefire configuration in the parent POM).
 */
public final class LeakCheckExtension implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        LeakRecorder.install();
        List<String> leaks = LeakRecorder.collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(
                    leaks.size() + " Netty buffer leak(s) detected in or before "
                            + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }
}
