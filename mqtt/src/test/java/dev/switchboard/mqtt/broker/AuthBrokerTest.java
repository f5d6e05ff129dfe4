package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mqtt.auth.AuthFileException;
import dev.switchboard.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Logins against a password file with Paho 3.1.1 and 5.0 clients and scripted bytes. */
class AuthBrokerTest {
    /** MQTT 3.1.1 CONNECT from "c1" with user "alice" and a 10-byte password; append the password's hex. */
    static final String CONNECT_ALICE = "10 21"   // CONNECT, remaining length 33
            + " 0004 4d515454 04"                          // "MQTT", level 4
            + " c2 003c"                                   // flags: user name, password, clean session; keep alive 60
            + " 0002 6331"                                 // client id "c1"
            + " 0005 616c696365"                           // user name "alice"
            + " 000a";                                     // password length 10
    static final String RIGHT = "776f6e6465726c616e64"; // "wonderland"
    private static final String WRONG = "776f6e6465726c616e78"; // "wonderlanx"
    static final String CONNACK_ACCEPTED = "20 02 00 00";
    private static final String CONNACK_NOT_AUTHORIZED = "20 02 00 05";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @TempDir
    Path dir;

    private MqttBroker broker(boolean allowAnonymous) throws Exception {
        Path passwords = AuthFiles.passwords(dir, "alice", "wonderland", "bob", "builder");
        return brokers.start(b -> b.passwordFile(passwords).allowAnonymous(allowAnonymous));
    }

    private MqttClient v3(MqttBroker broker, String user, String password) throws MqttException {
        MqttClient client = new MqttClient(BrokerFixture.uri(broker), "v3-" + user, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        brokers.closeLater(client::close);
        client.connect(options);
        return client;
    }

    private org.eclipse.paho.mqttv5.client.MqttClient v5(MqttBroker broker, String user, String password)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        var client = new org.eclipse.paho.mqttv5.client.MqttClient(BrokerFixture.uri(broker), "v5-" + user,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        brokers.closeLater(client::close);
        client.connect(options);
        return client;
    }

    @Test
    void theRightPasswordGetsIn() throws Exception {
        MqttBroker broker = broker(false);
        assertThat(v3(broker, "alice", "wonderland").isConnected()).isTrue();
        assertThat(v5(broker, "bob", "builder").isConnected()).isTrue();
        try (RawClient raw = RawClient.connect(broker.localAddress())) {
            raw.sendHex(CONNECT_ALICE + RIGHT).expectHex(CONNACK_ACCEPTED);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWith0x05In311() throws Exception {
        MqttBroker broker = broker(false);
        assertThatThrownBy(() -> v3(broker, "alice", "wonderlanx")).isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(5));
        try (RawClient raw = RawClient.connect(broker.localAddress()).timeout(Duration.ofSeconds(20))) {
            raw.sendHex(CONNECT_ALICE + WRONG).expectHex(CONNACK_NOT_AUTHORIZED);
            assertThat(raw.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefusedWith0x86In5() throws Exception {
        MqttBroker broker = broker(false);
        assertThatThrownBy(() -> v5(broker, "bob", "builders"))
                .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class)
                .satisfies(e -> assertThat(((org.eclipse.paho.mqttv5.common.MqttException) e).getReasonCode())
                        .isEqualTo(0x86));
        assertThatThrownBy(() -> v5(broker, "mallory", "builder"))
                .satisfies(e -> assertThat(((org.eclipse.paho.mqttv5.common.MqttException) e).getReasonCode())
                        .isEqualTo(0x86));
    }

    @Test
    void anonymousClientsAreRefusedWhenNotAllowed() throws Exception {
        MqttBroker broker = broker(false);
        assertThatThrownBy(() -> v3(broker, null, null))
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(5));
        assertThatThrownBy(() -> v5(broker, null, null))
                .satisfies(e -> assertThat(((org.eclipse.paho.mqttv5.common.MqttException) e).getReasonCode())
                        .isEqualTo(0x87));
    }

    @Test
    void anonymousClientsGetInWhenAllowedButAWrongPasswordStillDoesNot() throws Exception {
        MqttBroker broker = broker(true);
        assertThat(v3(broker, null, null).isConnected()).isTrue();
        assertThatThrownBy(() -> v3(broker, "alice", "nope"))
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(5));
    }

    @Test
    void repeatedFailuresFromOneAddressAreAnsweredLaterEachTime() throws Exception {
        MqttBroker broker = broker(false);
        long first = refusalMillis(broker);
        long second = refusalMillis(broker);
        long third = refusalMillis(broker);
        assertThat(first).isGreaterThanOrEqualTo(450);
        assertThat(second).as("first %d ms, second %d ms", first, second).isGreaterThan(first + 100);
        assertThat(third).as("second %d ms, third %d ms", second, third).isGreaterThan(second + 300);
        try (RawClient raw = RawClient.connect(broker.localAddress()).timeout(Duration.ofSeconds(20))) {
            raw.sendHex(CONNECT_ALICE + RIGHT).expectHex(CONNACK_ACCEPTED); // the right password still works
        }
        assertThat(refusalMillis(broker)).isLessThan(second); // and a success forgot the failures
    }

    private static long refusalMillis(MqttBroker broker) {
        try (RawClient raw = RawClient.connect(broker.localAddress()).timeout(Duration.ofSeconds(20))) {
            long start = System.nanoTime();
            raw.sendHex(CONNECT_ALICE + WRONG).expectHex(CONNACK_NOT_AUTHORIZED);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    @Test
    void packetsSentRightBehindTheConnectWaitForTheCheck() throws Exception {
        MqttBroker broker = broker(false);
        try (RawClient raw = RawClient.connect(broker.localAddress())) {
            raw.sendHex(CONNECT_ALICE + RIGHT + " c0 00"); // PINGREQ before the CONNACK
            raw.expectHex(CONNACK_ACCEPTED + " d0 00");   // CONNACK, then PINGRESP
        }
    }

    @Test
    void anonymousIsAllowedByDefaultOnlyOnLoopback() throws Exception {
        assertThat(BrokerConfig.builder().build().auth().allowAnonymous()).isTrue();
        assertThat(BrokerConfig.builder().bindHost("::1").build().auth().allowAnonymous()).isTrue();
        assertThat(BrokerConfig.builder().bindHost("0.0.0.0").build().auth().allowAnonymous()).isFalse();
        assertThat(BrokerConfig.builder().bindHost("192.168.1.10").build().auth().allowAnonymous()).isFalse();
        assertThat(BrokerConfig.builder().bindHost("example.org").build().auth().allowAnonymous()).isFalse();
        assertThat(BrokerConfig.builder().bindHost("0.0.0.0").allowAnonymous(true).build().auth().allowAnonymous())
                .isTrue();
    }

    @Test
    void theBuilderRefusesMissingFilesAndTheStartRefusesBadOnes() throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> BrokerConfig.builder().passwordFile(missing).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password file " + missing
                        + " does not exist or is not a file");
        assertThatThrownBy(() -> BrokerConfig.builder().aclFile(dir).build())
                .hasMessage("ACL file " + dir + " does not exist or is not a file");
        Path bad = Files.writeString(dir.resolve("bad"), "# users\nalice:$plain$secret\n");
        assertThatThrownBy(() -> brokers.start(b -> b.passwordFile(bad))).isInstanceOf(AuthFileException.class)
                .hasMessage(bad + ":2: user 'alice': unknown hash scheme 'plain' (only pbkdf2-sha512)");
        Path worse = AuthFiles.acl(dir, "user a", "topic read a/#/b");
        assertThatThrownBy(() -> brokers.start(b -> b.aclFile(worse))).isInstanceOf(AuthFileException.class)
                .hasMessageStartingWith(worse + ":2: 'a/#/b' is not a valid topic filter");
    }
}
