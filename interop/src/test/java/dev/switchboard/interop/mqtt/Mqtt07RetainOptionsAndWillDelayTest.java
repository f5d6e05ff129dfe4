package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 07 (MQTT 5 only): the subscription options Retain Handling and Retain As Published, and
 * the Will Delay Interval, with Eclipse Paho's Java MQTT 5 client as the subscriber.
 */
class Mqtt07RetainOptionsAndWillDelayTest {
    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    /** What one subscriber received: "topic payload retained=true|false". */
    private final List<String> received = new CopyOnWriteArrayList<>();

    private MqttClient subscriber(String id) throws MqttException {
        MqttClient client = new MqttClient(interop.uri(), id, new MemoryPersistence());
        interop.closeLater(() -> {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        });
        // one callback for the client: Paho hands a message to every matching per-subscription
        // listener, which would count one delivery several times
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8) + " retained="
                        + message.isRetained());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(false);
        client.connect(options);
        return client;
    }

    private void subscribe(MqttClient client, String filter, int retainHandling, boolean retainAsPublished)
            throws MqttException {
        MqttSubscription subscription = new MqttSubscription(filter, 1);
        subscription.setRetainHandling(retainHandling);
        subscription.setRetainAsPublished(retainAsPublished);
        client.subscribe(new MqttSubscription[] {subscription});
    }

    private void publish(MqttClient client, String topic, String payload, boolean retain) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(retain);
        client.publish(topic, message);
    }

    @Test
    void retainHandlingDecidesWhenRetainedMessagesAreSent() throws Exception {
        MqttClient publisher = subscriber("pub");
        publish(publisher, "rh/a", "kept", true);
        MqttClient client = subscriber("sub");

        subscribe(client, "rh/+", 0, false); // 0: at every subscribe
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        subscribe(client, "rh/+", 1, false); // 1: only when the subscription is new: it is not
        subscribe(client, "rh/#", 2, false); // 2: never
        subscribe(client, "rh/a", 1, false); // 1 and new: sent
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received).hasSize(2));
        publish(publisher, "rh/marker", "end", false); // everything before it has arrived once it has
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().anyMatch(r -> r.startsWith("rh/marker")));
        assertThat(received).filteredOn(r -> r.startsWith("rh/a")).containsExactly(
                "rh/a kept retained=true", "rh/a kept retained=true");
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOnLiveMessages() throws Exception {
        MqttClient client = subscriber("sub");
        subscribe(client, "rap/plain", 0, false);
        subscribe(client, "rap/kept", 0, true);
        MqttClient publisher = subscriber("pub");
        publish(publisher, "rap/plain", "p", true);
        publish(publisher, "rap/kept", "k", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        // MQTT-3.3.1-12: without RAP the flag is cleared on forwarding; MQTT-3.3.1-13: with RAP it is kept
        assertThat(received).containsExactlyInAnyOrder("rap/plain p retained=false", "rap/kept k retained=true");
    }

    @Test
    void aDelayedWillIsCancelledWhenTheClientComesBackInTime() throws Exception {
        MqttClient watcher = subscriber("watcher");
        subscribe(watcher, "will/#", 0, false);
        // will delay 2 s, session expiry 60 s; the connection drops without DISCONNECT
        try (Socket socket = new Socket(InteropBroker.HOST, interop.port())) {
            socket.getOutputStream().write(connectWithWill("dropper", 60, 2, "will/dropper", "gone"));
            socket.getInputStream().readNBytes(4);
        }
        try (Socket again = new Socket(InteropBroker.HOST, interop.port())) {
            // back within the delay, with a session kept: MQTT-3.1.3-9, the will is not sent
            OutputStream out = again.getOutputStream();
            out.write(connectWithWill("dropper", 60, 0, null, null));
            again.getInputStream().readNBytes(4);
            publish(watcher, "will/marker", "after 3 s", false);
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> received.stream().anyMatch(r -> r.startsWith("will/marker")));
            assertThat(received).noneMatch(r -> r.startsWith("will/dropper"));
            out.write(new byte[] {(byte) 0xE0, 0x00}); // DISCONNECT
        }
    }

    @Test
    void aDelayedWillIsSentWhenTheDelayRunsOutAndAtOnceWhenTheSessionEndsFirst() throws Exception {
        MqttClient watcher = subscriber("watcher");
        subscribe(watcher, "will/#", 0, false);
        long dropped = System.nanoTime();
        try (Socket socket = new Socket(InteropBroker.HOST, interop.port())) {
            socket.getOutputStream().write(connectWithWill("delayed", 60, 1, "will/delayed", "late"));
            socket.getInputStream().readNBytes(4);
        }
        try (Socket socket = new Socket(InteropBroker.HOST, interop.port())) {
            // session expiry 0 ends the session with the connection: the will goes out at once
            socket.getOutputStream().write(connectWithWill("ended", 0, 30, "will/ended", "now"));
            socket.getInputStream().readNBytes(4);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("will/ended now retained=false"));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("will/delayed late retained=false"));
        assertThat(Duration.ofNanos(System.nanoTime() - dropped)).as("not before its delay")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    /** An MQTT 5 CONNECT, clean start, with a session expiry and, when {@code willTopic} is set, a QoS 0 will. */
    private static byte[] connectWithWill(String clientId, int sessionExpiry, int willDelay, String willTopic,
            String willPayload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5});
        body.write(willTopic == null ? 0x02 : 0x06); // clean start, will flag
        body.writeBytes(new byte[] {0, 60});        // keep alive 60 s
        body.writeBytes(new byte[] {5, 0x11});      // properties: Session Expiry Interval
        body.writeBytes(fourBytes(sessionExpiry));
        string(body, clientId);
        if (willTopic != null) {
            body.writeBytes(new byte[] {5, 0x18});  // will properties: Will Delay Interval
            body.writeBytes(fourBytes(willDelay));
            string(body, willTopic);
            string(body, willPayload);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size()); // < 128 here
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static byte[] fourBytes(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length);
        out.writeBytes(b);
    }
}
