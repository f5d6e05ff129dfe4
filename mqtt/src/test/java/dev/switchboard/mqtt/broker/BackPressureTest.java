package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3 point 11: a client that floods faster than its subscribers read is slowed by
 * back-pressure (the broker stops reading its socket), and QoS 1 messages to an online subscriber
 * are never dropped to make room (unlike Mosquitto's default max_queued_messages behaviour).
 */
class BackPressureTest {
    private static final int MESSAGES = 2_000;
    private static final int PAYLOAD = 4096;

    @RegisterExtension
    final BrokerFixture fixture = new BrokerFixture();

    @Test
    void aSlowSubscriberHoldsThePublisherBackAndLosesNoQos1Message() throws Exception {
        MqttBroker broker = fixture.start(b -> b.maxQueuedMessages(50));
        CountDownLatch stalled = new CountDownLatch(1);
        List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        MqttClient subscriber = fixture.closeLater(new MqttClient(BrokerFixture.uri(broker), "slow",
                new MemoryPersistence()));
        MqttConnectOptions subOptions = new MqttConnectOptions();
        subOptions.setSocketFactory(new SmallBufferSocketFactory());
        subOptions.setMaxInflight(1000);
        subscriber.connect(subOptions);
        subscriber.subscribe("bp/#", 1, (topic, message) -> {
            stalled.await(30, TimeUnit.SECONDS); // the subscriber stops reading until released
            byte[] p = message.getPayload();
            received.add(((p[0] & 0xFF) << 8) | (p[1] & 0xFF));
        });

        MqttAsyncClient publisher = new MqttAsyncClient(BrokerFixture.uri(broker), "fast", new MemoryPersistence());
        fixture.closeLater(publisher::close);
        MqttConnectOptions pubOptions = new MqttConnectOptions();
        pubOptions.setMaxInflight(MESSAGES);
        publisher.connect(pubOptions).waitForCompletion(5_000);
        AtomicInteger acked = new AtomicInteger();
        IMqttActionListener onAck = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
            }
        };
        for (int i = 0; i < MESSAGES; i++) {
            byte[] payload = new byte[PAYLOAD];
            payload[0] = (byte) (i >> 8);
            payload[1] = (byte) i;
            publisher.publish("bp/t", payload, 1, false, null, onAck);
        }

        // the subscriber reads nothing: the publisher is held well short of the end, and nothing is dropped
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(10))
                .until(() -> acked.get() < MESSAGES / 2 && broker.droppedMessages() == 0);

        stalled.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= MESSAGES && acked.get() == MESSAGES);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(i);
        }
        assertThat(received).as("every message, once, in order").containsExactlyElementsOf(expected);
        assertThat(broker.droppedMessages()).isZero();
    }

    @Test
    void aPublisherThatNeverReadsItsAcknowledgementsIsNoLongerRead() throws Exception {
        MqttBroker broker = fixture.start();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(broker.localAddress());
            OutputStream out = socket.getOutputStream();
            out.write(connect("flooder"));
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00); // CONNACK accepted
            byte[] publish = publishQos1("flood/t", 1, new byte[1000]);
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 200_000; i++) {
                        out.write(publish);
                        written.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            }, "flooder");
            writer.setDaemon(true);
            writer.start();
            // 200,000 PUBACKs (800 KB) nobody reads fill the broker's outbound buffer; then it stops
            // reading, and the flooder's writes block far short of the end
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(20))
                    .until(() -> writer.isAlive() && written.get() < 200_000);
        }
    }

    private static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 10 + 2 + id.length;
        byte[] b = new byte[2 + remaining];
        int i = 0;
        b[i++] = 0x10;
        b[i++] = (byte) remaining;
        for (byte x : new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60}) { // MQTT 3.1.1, clean, keep alive 60
            b[i++] = x;
        }
        b[i++] = 0;
        b[i++] = (byte) id.length;
        System.arraycopy(id, 0, b, i, id.length);
        return b;
    }

    private static byte[] publishQos1(String topic, int packetId, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + 2 + payload.length; // < 16384: two length bytes
        byte[] b = new byte[3 + remaining];
        b[0] = 0x32; // PUBLISH, QoS 1
        b[1] = (byte) ((remaining & 0x7F) | 0x80);
        b[2] = (byte) (remaining >> 7);
        b[3] = 0;
        b[4] = (byte) t.length;
        System.arraycopy(t, 0, b, 5, t.length);
        int i = 5 + t.length;
        b[i++] = (byte) (packetId >> 8);
        b[i++] = (byte) packetId;
        System.arraycopy(payload, 0, b, i, payload.length);
        return b;
    }

    /** Sockets with small receive buffers, so a subscriber that stops reading is felt at once. */
    private static final class SmallBufferSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setReceiveBufferSize(8192);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException();
        }
    }
}
