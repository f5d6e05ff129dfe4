package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ACLs on a running broker: SUBSCRIBE, PUBLISH, delivery, retained messages, reload. */
class AclBrokerTest {
    private static final String[] RULES = {
        "user alice",
        "topic readwrite public/#",
        "topic deny public/secret",
        "topic write inbox/#",
        "user bob",
        "topic readwrite #",
    };

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @TempDir
    Path dir;

    private Path acl;
    private Path passwords;
    private MqttBroker broker;

    @BeforeEach
    void start() throws Exception {
        passwords = AuthFiles.passwords(dir, "alice", "wonderland", "bob", "builder");
        acl = AuthFiles.acl(dir, RULES);
        broker = brokers.start(b -> b.passwordFile(passwords).aclFile(acl).allowAnonymous(false));
    }

    private MqttClient v3(String user, String password) throws MqttException {
        MqttClient client = new MqttClient(BrokerFixture.uri(broker), "v3-" + user, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        brokers.closeLater(() -> {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        });
        client.connect(options);
        return client;
    }

    private static List<String> subscribe(MqttClient client, String filter) throws MqttException {
        List<String> received = new CopyOnWriteArrayList<>();
        client.subscribe(filter, 1, (t, m) -> received.add(t + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)
                + (m.isRetained() ? " (retained)" : "")));
        return received;
    }

    private static void publish(MqttClient client, String topic, String payload, boolean retain) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(retain);
        client.publish(topic, m);
    }

    @Test
    void aDeniedSubscriptionGets0x80In311() {
        try (RawClient alice = RawClient.connect(broker.localAddress())) {
            alice.sendHex(AuthBrokerTest.CONNECT_ALICE + AuthBrokerTest.RIGHT)
                    .expectHex(AuthBrokerTest.CONNACK_ACCEPTED);
            alice.sendHex("82 17 0001"                     // SUBSCRIBE, remaining length 23, packet id 1
                    + " 0008 7075626c69632f23 01"          // "public/#" QoS 1
                    + " 0007 696e626f782f78 00")           // "inbox/x" QoS 0: alice may only write there
                    .expectHex("90 04 0001 01 80");        // SUBACK: granted 1, failure
        }
    }

    @Test
    void mqtt5IsToldNotAuthorizedForADeniedSubscribeAndPublish() throws Exception {
        MqttAsyncClient alice = new MqttAsyncClient(BrokerFixture.uri(broker), "v5-alice",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        brokers.closeLater(alice::close);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("alice");
        options.setPassword("wonderland".getBytes(StandardCharsets.UTF_8));
        alice.connect(options).waitForCompletion(10_000);
        brokers.closeLater(() -> alice.disconnect().waitForCompletion(5_000));
        List<String> bobGot = subscribe(v3("bob", "builder"), "#");

        IMqttToken denied = alice.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription("inbox/#", 1));
        denied.waitForCompletion(10_000);
        assertThat(denied.getReasonCodes()).containsExactly(0x87);

        IMqttToken publish = alice.publish("elsewhere/x", "no".getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(reasonCodeOf(publish)).isEqualTo(0x87);
        IMqttToken allowed = alice.publish("inbox/bob", "yes".getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(reasonCodeOf(allowed)).isLessThan(0x80);
        await().atMost(Duration.ofSeconds(10)).until(() -> bobGot.contains("inbox/bob=yes"));
        assertThat(bobGot).containsExactly("inbox/bob=yes");
    }

    private static int reasonCodeOf(IMqttToken token) {
        try {
            token.waitForCompletion(10_000);
            return token.getReasonCodes()[0];
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        }
    }

    @Test
    void aDeniedPublishIsAcknowledgedIn311ButNotDelivered() throws Exception {
        List<String> bobGot = subscribe(v3("bob", "builder"), "#");
        MqttClient alice = v3("alice", "wonderland");
        publish(alice, "elsewhere/x", "denied", false); // PUBACK comes back: Paho returns normally
        publish(alice, "public/secret", "denied too", false);
        publish(alice, "public/open", "marker", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> bobGot.contains("public/open=marker"));
        assertThat(bobGot).containsExactly("public/open=marker");
        assertThat(alice.isConnected()).isTrue();
    }

    @Test
    void aWildcardSubscriberDoesNotGetADeniedTopic() throws Exception {
        List<String> aliceGot = subscribe(v3("alice", "wonderland"), "public/#");
        MqttClient bob = v3("bob", "builder");
        publish(bob, "public/secret", "hidden", false);
        publish(bob, "public/news", "visible", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceGot.contains("public/news=visible"));
        assertThat(aliceGot).containsExactly("public/news=visible");
    }

    @Test
    void retainedMessagesObeyTheSameRules() throws Exception {
        MqttClient bob = v3("bob", "builder");
        publish(bob, "public/secret", "hidden", true);
        publish(bob, "public/news", "visible", true);
        MqttClient alice = v3("alice", "wonderland");
        publish(alice, "elsewhere/x", "never retained", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.retainedMessages() == 2);
        List<String> aliceGot = subscribe(alice, "public/#");
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceGot.contains("public/news=visible (retained)"));
        List<String> bobGot = subscribe(bob, "#");
        await().atMost(Duration.ofSeconds(10)).until(() -> bobGot.size() == 2);
        assertThat(aliceGot).containsExactly("public/news=visible (retained)");
        assertThat(bobGot).containsExactlyInAnyOrder("public/news=visible (retained)",
                "public/secret=hidden (retained)");
    }

    @Test
    void aReloadChangesTheRulesAndKeepsTheConnections() throws Exception {
        MqttClient alice = v3("alice", "wonderland");
        MqttClient bob = v3("bob", "builder");
        List<String> aliceGot = subscribe(alice, "public/#");
        Files.write(acl, List.of("user alice", "topic read news/#", "topic read public/#", "user bob", "topic readwrite #"));
        AuthFiles.passwords(dir, "alice", "wonderland", "bob", "builder", "carol", "singer");
        assertThat(broker.reloadAuth()).isTrue();

        List<String> news = subscribe(alice, "news/#"); // refused before the reload
        publish(bob, "news/today", "fresh", false);
        publish(bob, "public/secret", "no longer secret", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> news.size() == 1 && aliceGot.size() == 1);
        assertThat(news).containsExactly("news/today=fresh");
        assertThat(aliceGot).containsExactly("public/secret=no longer secret");
        assertThat(v3("carol", "singer").isConnected()).isTrue();
        assertThat(alice.isConnected()).isTrue();
        assertThat(bob.isConnected()).isTrue();

        Files.writeString(acl, "user alice\ntopic read nothing/#/wrong\n");
        assertThat(broker.reloadAuth()).isFalse(); // the old rules stay
        publish(bob, "news/tomorrow", "still", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> news.size() == 2);
        assertThat(alice.isConnected()).isTrue();
    }
}
