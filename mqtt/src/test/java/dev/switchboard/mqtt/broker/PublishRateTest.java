package dev.switchboard.mqtt.broker;

import static dev.switchboard.mqtt.broker.WirePackets.connect;
import static dev.switchboard.mqtt.broker.WirePackets.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-connection publish rate, measured: bytes (or messages) over wall-clock time, checked
 * against a wide band (the lower bound is what the bucket allows at most, less 20 %; the upper
 * bound only catches a stall), and nothing is lost: the broker delays reading instead.
 */
class PublishRateTest {
    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void bytesPerSecondIsHeldByDelayingReadsAndEveryMessageArrives() throws Exception {
        int rate = 50_000;
        int count = 40;
        int size = 5_000; // 200,000 bytes: one second's burst, then 150,000 bytes at 50,000 a second
        MqttBroker broker = brokers.start(b -> b.maxPublishBytesRate(rate));
        List<String> received = brokers.watch(broker, "rate/#", 0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(connect("fast", false));
        for (int i = 0; i < count; i++) {
            all.writeBytes(publish("rate/bytes", 0, 0, new byte[size], false));
        }
        try (RawClient publisher = RawClient.connect(broker.localAddress())) {
            long start = System.nanoTime();
            publisher.send(all.toByteArray());
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == count);
            double seconds = (System.nanoTime() - start) / 1e9;
            double least = (double) (count * size - rate) / rate;
            System.out.println("measured: " + count * size + " bytes in " + seconds + " s");
            assertThat(seconds).as("seconds for %d bytes at %d bytes/s", count * size, rate)
                    .isBetween(least * 0.8, least * 5 + 5);
        }
        assertThat(log.has("client fast at 127.0.0.1:", "publish rate limit hit", "50000 bytes/s (--max-publish-bytes-rate)",
                "reading paused")).isTrue();
    }

    @Test
    void messagesPerSecondHoldsQos1PublishesAndAcknowledgesEveryOne() {
        int rate = 20;
        int count = 60; // 20 at once, 40 more at 20 a second
        MqttBroker broker = brokers.start(b -> b.maxPublishRate(rate));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(connect("qos1", false));
        for (int i = 1; i <= count; i++) {
            all.writeBytes(publish("rate/msgs", 1, i, new byte[] {(byte) i}, false));
        }
        try (RawClient publisher = RawClient.connect(broker.localAddress()).timeout(Duration.ofSeconds(20))) {
            long start = System.nanoTime();
            publisher.send(all.toByteArray()).expectHex("20 02 00 00");
            for (int i = 1; i <= count; i++) {
                publisher.expectHex(String.format("40 02 %04x", i)); // PUBACK, in order, none missing
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double least = (double) (count - rate) / rate;
            assertThat(seconds).isBetween(least * 0.8, least * 5 + 5);
        }
        assertThat(log.has("client qos1", "publish rate limit hit", "20 messages/s (--max-publish-rate)")).isTrue();
    }
}
