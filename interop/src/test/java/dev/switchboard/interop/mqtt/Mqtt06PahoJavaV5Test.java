package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.interop.ExternalProgram;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 06: Eclipse Paho's Java MQTT 5 client. An empty client id gets an Assigned Client
 * Identifier; a QoS 2 message keeps its user properties (order and repeated keys included), content
 * type, response topic, correlation data and payload format indicator from publisher to subscriber,
 * and arrives with the subscriber's subscription identifiers; Session Expiry Interval decides
 * whether a session is present on reconnect. (MQTT 5 only: these are MQTT 5 features.)
 */
class Mqtt06PahoJavaV5Test {
    private static final String TOPIC = "interop/06/properties";

    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    private MqttClient client(String id) throws MqttException {
        MqttClient client = new MqttClient(interop.uri(), id, new MemoryPersistence());
        interop.closeLater(() -> {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        });
        return client;
    }

    private static MqttConnectionOptions options(boolean cleanStart, long sessionExpirySeconds) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(sessionExpirySeconds);
        options.setAutomaticReconnect(false);
        return options;
    }

    @Test
    void anEmptyClientIdGetsAnAssignedClientIdentifier() throws MqttException {
        MqttClient first = client("");
        IMqttToken connected = first.connectWithResult(options(true, 0));
        String assigned = connected.getResponseProperties().getAssignedClientIdentifier();
        assertThat(assigned).as("Assigned Client Identifier in CONNACK").isNotBlank();
        assertThat(connected.getSessionPresent()).isFalse();

        MqttClient second = client("");
        String other = second.connectWithResult(options(true, 0)).getResponseProperties()
                .getAssignedClientIdentifier();
        assertThat(other).as("a second client gets its own identifier").isNotBlank().isNotEqualTo(assigned);
        assertThat(first.isConnected()).as("no takeover between assigned identifiers").isTrue();
        assertThat(interop.broker().sessions()).isEqualTo(2);

        MqttClient named = client("interop-06-named");
        assertThat(named.connectWithResult(options(true, 0)).getResponseProperties()
                .getAssignedClientIdentifier()).as("none when the client chose its id").isNull();
    }

    /** Records what arrives, properties included. */
    @Test
    void aQos2MessageKeepsItsPropertiesAndCarriesTheSubscriptionIdentifiers() throws MqttException {
        // Paho's blocking MqttClient cannot send SUBSCRIBE properties, so the subscriber is its
        // MqttAsyncClient, waited on at every step.
        MqttAsyncClient subscriber = new MqttAsyncClient(interop.uri(), "interop-06-sub", new MemoryPersistence());
        interop.closeLater(() -> {
            if (subscriber.isConnected()) {
                subscriber.disconnect().waitForCompletion();
            }
            subscriber.close();
        });
        PahoV5Inbox inbox = new PahoV5Inbox();
        subscriber.setCallback(inbox);
        subscriber.connect(options(true, 0)).waitForCompletion();
        assertThat(subscribe(subscriber, TOPIC, 2, 42)).containsExactly(2);
        assertThat(subscribe(subscriber, "interop/06/#", 1, 7)).containsExactly(1);

        MqttProperties sent = new MqttProperties();
        sent.setUserProperties(List.of(new UserProperty("trace", "abc"), new UserProperty("unit", "°C"),
                new UserProperty("trace", "def")));
        sent.setContentType("application/json; charset=utf-8");
        sent.setResponseTopic("interop/06/reply");
        sent.setCorrelationData(new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff});
        sent.setPayloadFormat(true);
        MqttMessage message = new MqttMessage("{\"t\": 21.5}".getBytes(StandardCharsets.UTF_8), 2, false, sent);
        MqttClient publisher = client("interop-06-pub");
        publisher.connect(options(true, 0));
        publisher.publish(TOPIC, message); // returns once PUBCOMP arrived

        await().atMost(ExternalProgram.PATIENCE).until(() -> !inbox.messages.isEmpty());
        MqttMessage received = inbox.messages.get(0);
        assertThat(received.getQos()).as("QoS: the higher of the two matching subscriptions").isEqualTo(2);
        assertThat(new String(received.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"t\": 21.5}");
        MqttProperties got = received.getProperties();
        assertThat(got.getUserProperties()).as("user properties, in order, repeated keys kept")
                .containsExactly(new UserProperty("trace", "abc"), new UserProperty("unit", "°C"),
                        new UserProperty("trace", "def"));
        assertThat(got.getContentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(got.getResponseTopic()).isEqualTo("interop/06/reply");
        assertThat(got.getCorrelationData()).containsExactly(0, 1, 2, 0xfe, 0xff);
        assertThat(got.getPayloadFormat()).isTrue();
        assertThat(got.getSubscriptionIdentifiers()).as("one copy, with both subscriptions' identifiers")
                .containsExactlyInAnyOrder(42, 7);

        publisher.publish("interop/06/other", new MqttMessage(new byte[] {1}, 1, false, new MqttProperties()));
        await().atMost(ExternalProgram.PATIENCE).until(() -> inbox.messages.size() == 2);
        assertThat(inbox.messages).as("exactly one copy of the QoS 2 message").hasSize(2);
        assertThat(inbox.messages.get(1).getProperties().getSubscriptionIdentifiers()).containsExactly(7);
    }

    private static int[] subscribe(MqttAsyncClient client, String filter, int qos, int subscriptionIdentifier)
            throws MqttException {
        MqttProperties properties = new MqttProperties();
        properties.setSubscriptionIdentifier(subscriptionIdentifier);
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, qos)}, null, null,
                properties);
        token.waitForCompletion(ExternalProgram.PATIENCE.toMillis());
        return token.getReasonCodes();
    }

    @ParameterizedTest(name = "session expiry {0} s")
    @ValueSource(longs = {0, 300})
    void aSessionIsPresentOnReconnectOnlyIfItOutlivedTheConnection(long sessionExpiry) throws MqttException {
        String id = "interop-06-expiry-" + sessionExpiry;
        MqttClient first = client(id);
        assertThat(first.connectWithResult(options(true, sessionExpiry)).getSessionPresent()).isFalse();
        first.subscribe(TOPIC, 1);
        first.disconnect();
        interop.awaitSessions(sessionExpiry == 0 ? 0 : 1);

        MqttClient publisher = client("interop-06-pub");
        publisher.connect(options(true, 0));
        publisher.publish(TOPIC, new MqttMessage("while away".getBytes(StandardCharsets.UTF_8), 1, false,
                new MqttProperties()));

        MqttClient again = client(id);
        PahoV5Inbox inbox = new PahoV5Inbox();
        again.setCallback(inbox);
        boolean present = again.connectWithResult(options(false, sessionExpiry)).getSessionPresent();
        assertThat(present).as("session present").isEqualTo(sessionExpiry > 0);
        if (sessionExpiry > 0) {
            await().atMost(ExternalProgram.PATIENCE).until(() -> inbox.messages.size() == 1);
            assertThat(new String(inbox.messages.get(0).getPayload(), StandardCharsets.UTF_8))
                    .isEqualTo("while away");
        } else {
            assertThat(interop.broker().subscriptions()).as("the ended session's subscription is gone").isZero();
        }
    }

    @Test
    void takingOverAConnectionWhoseSessionEndsWithItStartsAFreshSession() throws MqttException {
        // Session Expiry 0: the session ends when its network connection closes, and a takeover
        // closes it; the new connection must not be told the session is present (as Mosquitto does).
        String id = "interop-06-takeover";
        MqttClient first = client(id);
        first.connect(options(true, 0));
        first.subscribe(TOPIC, 1);

        MqttClient second = client(id);
        boolean present = second.connectWithResult(options(false, 300)).getSessionPresent();

        assertThat(present).as("session present after taking over a session that expired with its connection")
                .isFalse();
        await().atMost(ExternalProgram.PATIENCE).until(() -> !first.isConnected());
        assertThat(interop.broker().subscriptions()).as("the old session's subscription is gone").isZero();
    }

    @Test
    void takingOverAConnectionWhoseSessionOutlivesItResumesTheSession() throws MqttException {
        String id = "interop-06-takeover-kept";
        MqttClient first = client(id);
        first.connect(options(true, 300));
        first.subscribe(TOPIC, 1);

        MqttClient second = client(id);
        boolean present = second.connectWithResult(options(false, 300)).getSessionPresent();

        assertThat(present).as("session present after taking over a session that outlives its connection")
                .isTrue();
        assertThat(interop.broker().subscriptions()).as("the subscription carried over").isOne();
    }
}
