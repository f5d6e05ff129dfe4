package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import dev.switchboard.mqtt.store.StoreCorruptedException;
import dev.switchboard.testkit.RawClient;
import dev.switchboard.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again on the same data directory, scripted byte by byte: a
 * persistent session comes back with its subscriptions, its queue, its unacknowledged messages
 * and its QoS 2 ids awaiting PUBREL; retained messages come back; expiry counts the time down.
 */
class BrokerRestartTest {
    /** MQTT 3.1.1 CONNECT, clean session 0, keep alive 60 s, a three-letter client id (hex). */
    static String connect(String clientIdHex) {
        return "10 0f 0004 4d515454 04 00 003c 0003 " + clientIdHex;
    }

    static final String SUB = "737562";  // "sub"
    static final String PUB = "707562";  // "pub"
    static final String SLOW = "736c6f"; // "slo"
    static final String NEW_SESSION = "20 02 00 00";
    static final String SESSION_PRESENT = "20 02 01 00";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @TempDir
    Path dataDir;

    private MqttBroker start(Clock clock) {
        return brokers.start(b -> b.clock(clock).store(StoreConfig.builder().dataDir(dataDir)
                .durability(Durability.ALWAYS).build()));
    }

    private MqttBroker start() {
        return start(Clock.systemUTC());
    }

    @Test
    void aPersistentSessionComesBackWithQueueInflightAwaitingReleaseAndRetained() {
        MqttBroker first = start();
        try (RawClient sub = RawClient.connect(first.localAddress())) {
            sub.sendHex(connect(SUB)).expectHex(NEW_SESSION);
            sub.sendHex("82 08 0001 0003 742f23 02").expectHex("90 03 0001 02"); // SUBSCRIBE t/# QoS 2
            sub.sendHex("e0 00");
            assertThat(sub.isClosedByPeer()).isTrue();
        }
        first.close();

        MqttBroker second = start(); // "sub" is offline now: what follows is queued for it in the file
        assertThat(second.sessions()).isEqualTo(1);
        assertThat(second.subscriptions()).isEqualTo(1);
        try (RawClient slow = RawClient.connect(second.localAddress());
                RawClient pub = RawClient.connect(second.localAddress())) {
            slow.sendHex(connect(SLOW)).expectHex(NEW_SESSION);
            slow.sendHex("82 08 0001 0003 742f23 01").expectHex("90 03 0001 01"); // t/# QoS 1; never acknowledges
            pub.sendHex(connect(PUB)).expectHex(NEW_SESSION);
            pub.sendHex("32 09 0003 742f61 0001 6d31").expectHex("40 02 0001"); // QoS 1 t/a "m1": PUBACK
            pub.sendHex("34 09 0003 742f62 0002 6d32").expectHex("50 02 0002"); // QoS 2 t/b "m2": PUBREC, no PUBREL
            pub.sendHex("33 09 0003 722f78 0003 6d33").expectHex("40 02 0003"); // QoS 1 retained r/x "m3"
            slow.expectHex("32 09 0003 742f61 0001 6d31"); // id 1, left unacknowledged
            slow.expectHex("32 09 0003 742f62 0002 6d32"); // id 2, at the subscription's QoS 1
            second.close();
        }

        MqttBroker third = start();
        assertThat(third.sessions()).isEqualTo(3);
        assertThat(third.subscriptions()).isEqualTo(2);
        assertThat(third.retainedMessages()).isEqualTo(1);
        try (RawClient sub = RawClient.connect(third.localAddress());
                RawClient slow = RawClient.connect(third.localAddress());
                RawClient pub = RawClient.connect(third.localAddress())) {
            slow.sendHex(connect(SLOW)).expectHex(SESSION_PRESENT);
            slow.expectHex("3a 09 0003 742f61 0001 6d31"); // sent again with DUP, same ids
            slow.expectHex("3a 09 0003 742f62 0002 6d32");

            sub.sendHex(connect(SUB)).expectHex(SESSION_PRESENT);
            sub.expectHex("32 09 0003 742f61 0001 6d31"); // the queue, in order
            sub.expectHex("34 09 0003 742f62 0002 6d32");
            sub.sendHex("40 02 0001 50 02 0002").expectHex("62 02 0002"); // PUBACK, PUBREC: PUBREL
            sub.sendHex("70 02 0002");

            pub.sendHex(connect(PUB)).expectHex(SESSION_PRESENT);
            pub.sendHex("3c 09 0003 742f62 0002 6d32").expectHex("50 02 0002"); // DUP of m2: known, not routed again
            pub.sendHex("62 02 0002").expectHex("70 02 0002");                  // PUBREL: PUBCOMP
            pub.sendHex("32 09 0003 742f63 0004 6d34").expectHex("40 02 0004"); // QoS 1 t/c "m4"
            sub.expectHex("32 09 0003 742f63 0003 6d34");  // next is m4: m2 came once
        }
        try (RawClient late = RawClient.connect(third.localAddress())) {
            late.sendHex("10 0f 0004 4d515454 04 02 003c 0003 6c6174").expectHex(NEW_SESSION); // "lat", clean
            late.sendHex("82 08 0001 0003 722f23 01").expectHex("90 03 0001 01");              // r/# QoS 1
            late.expectHex("33 09 0003 722f78 0001 6d33");                                     // retained m3
        }
    }

    @Test
    void aCleanSessionAfterARestartDiscardsWhatWasStored() {
        MqttBroker first = start();
        try (RawClient sub = RawClient.connect(first.localAddress())) {
            sub.sendHex(connect(SUB)).expectHex(NEW_SESSION);
            sub.sendHex("82 08 0001 0003 742f23 02").expectHex("90 03 0001 02");
        }
        first.close();
        MqttBroker second = start();
        try (RawClient sub = RawClient.connect(second.localAddress())) {
            sub.sendHex("10 0f 0004 4d515454 04 02 003c 0003 " + SUB).expectHex(NEW_SESSION); // clean session 1
            sub.sendHex("e0 00");
            assertThat(sub.isClosedByPeer()).isTrue();
        }
        second.close();
        MqttBroker third = start();
        assertThat(third.sessions()).isZero();
        assertThat(third.subscriptions()).isZero();
    }

    @Test
    void sessionExpiryCountsTheTimeTheBrokerWasDown() {
        SettableClock clock = new SettableClock();
        MqttBroker first = start(clock);
        for (String idAndExpiry : new String[] {"657831 0000000a", "657832 00000064"}) { // ex1 10 s, ex2 100 s
            String[] parts = idAndExpiry.split(" ");
            try (RawClient client = RawClient.connect(first.localAddress())) {
                // MQTT 5 CONNECT, clean start 0, properties: Session Expiry Interval
                client.sendHex("10 15 0004 4d515454 05 00 003c 05 11 " + parts[1] + " 0003 " + parts[0]);
                byte[] header = client.read(2);
                assertThat(header[0]).isEqualTo((byte) 0x20);
                client.read(header[1]);
                client.sendHex("e0 00");
                assertThat(client.isClosedByPeer()).isTrue();
            }
        }
        first.close();
        clock.advance(Duration.ofSeconds(11));
        MqttBroker second = start(clock);
        assertThat(second.sessions()).isEqualTo(1); // ex1 expired while the broker was down
        second.close();
        MqttBroker third = start(clock);
        assertThat(third.sessions()).isEqualTo(1); // and its state was removed from the file
    }

    @Test
    void aDamagedStoreFileRefusesToStartNamingTheFileAndRecover() throws Exception {
        Files.write(dataDir.resolve("broker.mv.db"), new byte[100]);
        assertThatThrownBy(this::start).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(dataDir.resolve("broker.mv.db").toString())
                .hasMessageContaining("--recover");
    }

    @Test
    void theBuilderDefaultKeepsStateInMemory() {
        assertThat(BrokerConfig.builder().build().store().persistence()).isEqualTo(StoreConfig.Persistence.MEMORY);
    }
}
