package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.transport.TokenBucket;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * How fast one connection may publish: PUBLISH packets per second and payload bytes per second, each
 * a token bucket holding one second's worth. A publish is let through while both balances are
 * positive and then charged (a payload larger than a second's worth passes and leaves a debt), so
 * over time a connection gets the rate and no more. {@link InboundGate} asks before it forwards a
 * PUBLISH and, when told to wait, holds it and stops reading: nothing is ever dropped. Per
 * connection, used on its event loop only.
 */
final class PublishRate {
    private final TokenBucket messages;
    private final TokenBucket bytes;
    private final int messagesPerSecond;
    private final long bytesPerSecond;
    private final Clock clock;
    private final Supplier<String> who;
    private final LimitLog log;

    /** @param who the client and address, for the log line */
    PublishRate(Limits limits, Clock clock, LimitLog log, Supplier<String> who) {
        this.log = log;
        long now = clock.millis();
        this.messagesPerSecond = limits.maxPublishRate();
        this.bytesPerSecond = limits.maxPublishBytesRate();
        this.messages = messagesPerSecond > 0 ? new TokenBucket(messagesPerSecond, messagesPerSecond, now) : null;
        this.bytes = bytesPerSecond > 0 ? new TokenBucket(bytesPerSecond, bytesPerSecond, now) : null;
        this.clock = clock;
        this.who = who;
    }

    /** 0 when {@code packet} may go now (anything but a PUBLISH always may); else how many ms to wait. */
    long delayMillis(Packet packet) {
        if (!(packet instanceof Publish)) {
            return 0;
        }
        long now = clock.millis();
        long wait = Math.max(messages == null ? 0 : messages.millisUntilPositive(now),
                bytes == null ? 0 : bytes.millisUntilPositive(now));
        if (wait > 0) {
            log.hit(LimitLog.Limit.PUBLISH_RATE, "{}: publish rate limit hit ({}), reading paused for {} ms", who.get(), describe(), wait);
        }
        return wait;
    }

    /** Charges a forwarded packet to the buckets. */
    void charge(Packet packet) {
        if (packet instanceof Publish publish) {
            long now = clock.millis();
            if (messages != null) {
                messages.spend(1, now);
            }
            if (bytes != null) {
                bytes.spend(publish.payload().length, now);
            }
        }
    }

    private String describe() {
        String m = messagesPerSecond > 0 ? messagesPerSecond + " messages/s (--max-publish-rate)" : "";
        String b = bytesPerSecond > 0 ? bytesPerSecond + " bytes/s (--max-publish-bytes-rate)" : "";
        return m.isEmpty() ? b : b.isEmpty() ? m : m + ", " + b;
    }
}
