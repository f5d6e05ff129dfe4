package dev.switchboard.reqrep.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** What the named classes log during each test; register with @RegisterExtension. */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers;

    private LogCapture(List<Logger> loggers) {
        this.loggers = loggers;
    }

    static LogCapture of(Class<?>... classes) {
        return new LogCapture(Arrays.stream(classes).map(c -> (Logger) LoggerFactory.getLogger(c)).toList());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.list.clear();
        appender.start();
        loggers.forEach(l -> l.addAppender(appender));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        loggers.forEach(l -> l.detachAppender(appender));
    }

    /** Each line so far as "LEVEL Class: message". */
    List<String> lines() {
        return events().stream().map(e -> e.getLevel() + " "
                + e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1) + ": " + e.getFormattedMessage())
                .toList();
    }

    /** Each message so far, formatted. */
    List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<ILoggingEvent> events() {
        synchronized (appender) { // the appender appends under its own lock
            return List.copyOf(appender.list);
        }
    }
}
