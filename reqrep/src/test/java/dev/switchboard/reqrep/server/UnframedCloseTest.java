package dev.switchboard.reqrep.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transport.IdleSweep;
import dev.switchboard.transport.ReadDeadline;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a connection that speaks no framed protocol (not decided yet, or raw) ends: closed with one
 * log line naming the peer when it idles out or fails; a plain I/O error closes it without a line.
 */
class UnframedCloseTest {
    @RegisterExtension
    final LogCapture log = LogCapture.of(UndecidedHandler.class, RawHandler.class);
    private final List<ReadDeadline> deadlines = new ArrayList<>();

    @AfterEach
    void cancelDeadlines() {
        deadlines.forEach(ReadDeadline::cancel);
    }

    @Test
    void anUndecidedConnectionThatIdlesOutIsClosedWithOneLine() {
        assertIdleEnds(new EmbeddedChannel(UndecidedHandler.INSTANCE),
                "INFO UndecidedHandler: closing connection from embedded: nothing received within the idle timeout");
    }

    @Test
    void anUndecidedConnectionThatFailsIsClosedAndOnlyANonIoFailureIsLogged() {
        assertFailureEnds(() -> new EmbeddedChannel(UndecidedHandler.INSTANCE),
                "WARN UndecidedHandler: connection from embedded failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void aRawConnectionThatIdlesOutBeforeItsRequestIsClosedWithOneLine() {
        assertIdleEnds(rawChannel(),
                "INFO RawHandler: closing raw connection from embedded: nothing received within the idle timeout");
    }

    @Test
    void aRawConnectionThatFailsIsClosedAndOnlyANonIoFailureIsLogged() {
        assertFailureEnds(this::rawChannel,
                "WARN RawHandler: raw connection from embedded failed: java.lang.IllegalStateException: boom");
    }

    private void assertIdleEnds(EmbeddedChannel idle, String line) {
        idle.pipeline().fireUserEventTriggered(IdleEvent.INSTANCE);
        assertThat(idle.isOpen()).isFalse();
        assertThat(log.lines()).containsExactly(line);
    }

    private void assertFailureEnds(Supplier<EmbeddedChannel> channels, String line) {
        EmbeddedChannel failing = channels.get();
        failing.pipeline().fireExceptionCaught(new IllegalStateException("boom"));
        assertThat(failing.isOpen()).isFalse();
        EmbeddedChannel reset = channels.get();
        reset.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(reset.isOpen()).isFalse();
        assertThat(log.lines()).containsExactly(line);
    }

    private EmbeddedChannel rawChannel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ReadDeadline deadline = new IdleSweep(Clock.systemUTC(), Duration.ofSeconds(1))
                .watch(ch.eventLoop(), Duration.ofSeconds(30), () -> { });
        deadlines.add(deadline);
        ch.pipeline().addLast(new RawHandler("hello", new Dispatcher(Routes.builtIn(), Runnable::run, 0), deadline));
        return ch;
    }
}
