package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.PubRel;
import dev.switchboard.mqtt.packet.Publish;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The session state machine on its own: windows, queues, redelivery, QoS 2 receipt. */
class SessionTest {
    private static Connect connect(long expiry) {
        return new Connect(ProtocolVersion.MQTT_3_1_1, "c1", expiry == 0, 60, expiry, 65535, 0, 0, true, null, null,
                Optional.empty(), List.of());
    }

    private static Publish message(String text, int qos) {
        return Publish.of("t", text.getBytes(StandardCharsets.UTF_8), qos, false, 0);
    }

    private static String text(Packet p) {
        return new String(((Publish) p).payload(), StandardCharsets.UTF_8);
    }

    @Test
    void qos1MessagesGetDistinctPacketIdsAndStayInflightUntilAcknowledged() {
        Session session = new Session("c1", 10, 100);
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(c, connect(0));
        session.deliver(message("a", 1));
        session.deliver(message("b", 1));
        List<Packet> sent = c.takeSent();
        assertThat(sent).hasSize(2);
        int first = ((Publish) sent.get(0)).packetId();
        int second = ((Publish) sent.get(1)).packetId();
        assertThat(first).isNotZero().isNotEqualTo(second);
        assertThat(session.inflightCount()).isEqualTo(2);
        assertThat(session.acknowledged(first)).isTrue();
        assertThat(session.acknowledged(first)).isFalse();
        assertThat(session.inflightCount()).isEqualTo(1);
    }

    @Test
    void theClientsReceiveMaximumLimitsTheWindowAndTheRestWaitsInOrder() {
        Session session = new Session("c1", 10, 100);
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_5, 2);
        session.attach(c, connect(0));
        for (String s : new String[] {"1", "2", "3", "4"}) {
            session.deliver(message(s, 1));
        }
        List<Packet> sent = c.takeSent();
        assertThat(sent).extracting(SessionTest::text).containsExactly("1", "2");
        assertThat(session.queued()).isEqualTo(2);
        session.acknowledged(((Publish) sent.get(0)).packetId());
        assertThat(c.takeSent()).extracting(SessionTest::text).containsExactly("3");
    }

    @Test
    void qos0WaitsBehindQueuedMessagesSoOrderIsKept() {
        Session session = new Session("c1", 10, 1);
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(c, connect(0));
        session.deliver(message("q1", 1));
        session.deliver(message("q1-second", 1)); // window of 1: queued
        session.deliver(message("zero", 0));      // must not overtake
        assertThat(c.takeSent()).extracting(SessionTest::text).containsExactly("q1");
        session.acknowledged(1);
        assertThat(c.takeSent()).extracting(SessionTest::text).containsExactly("q1-second", "zero");
    }

    @Test
    void unacknowledgedMessagesAreResentWithDupOnReconnect() {
        Session session = new Session("c1", 10, 100);
        FakeConnection first = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(first, connect(Connect.NEVER_EXPIRES));
        session.deliver(message("a", 1));
        session.deliver(message("b", 2));
        List<Packet> original = first.takeSent();
        int qos2Id = ((Publish) original.get(1)).packetId();
        assertThat(session.received(qos2Id)).isTrue(); // PUBREC came: only PUBREL is resent
        session.detach();
        session.deliver(message("while offline", 1));
        session.deliver(message("qos0 offline", 0)); // not kept for an offline client

        FakeConnection second = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(second, connect(Connect.NEVER_EXPIRES));
        List<Packet> resent = second.takeSent();
        assertThat(resent).hasSize(3);
        Publish again = (Publish) resent.get(0);
        assertThat(again.dup()).isTrue();
        assertThat(again.packetId()).isEqualTo(((Publish) original.get(0)).packetId());
        assertThat(resent.get(1)).isEqualTo(PubRel.success(qos2Id));
        assertThat(text(resent.get(2))).isEqualTo("while offline");
    }

    @Test
    void aFullQueueOfAnOnlineClientDropsOnlyQos0AndHoldsPublishersInstead() {
        Session session = new Session("c1", 4, 100);
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        FakeConnection publisher = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(c, connect(0));
        c.writable = false; // slow reader: everything queues
        session.deliver(message("q0-old", 0));
        session.deliver(message("q1-a", 1));
        session.deliver(message("q1-b", 1));
        session.deliver(message("q1-c", 1));
        assertThat(session.isCongested()).isFalse();
        session.deliver(message("q1-d", 1)); // full: the QoS 0 message makes room, and it is counted
        assertThat(session.dropped()).isEqualTo(1);
        assertThat(session.isCongested()).as("at the limit, publishers are held").isTrue();
        session.holdPublisher(publisher);
        assertThat(publisher.held).isTrue();
        session.deliver(message("q1-e", 1)); // MQTT-4.3.2-x: never dropped while the client is online
        session.deliver(message("q0-new", 0)); // a QoS 0 message past the limit is dropped
        assertThat(session.dropped()).isEqualTo(2);
        assertThat(session.queuedMessages()).extracting(m -> text(m))
                .containsExactly("q1-a", "q1-b", "q1-c", "q1-d", "q1-e");

        c.writable = true;
        session.drain();
        assertThat(c.takeSent()).extracting(SessionTest::text).containsExactly("q1-a", "q1-b", "q1-c", "q1-d", "q1-e");
        assertThat(session.isCongested()).isFalse();
        assertThat(publisher.held).as("released once the queue is down to half the limit").isFalse();
    }

    @Test
    void aFullQueueOfAnOfflineClientDropsAndCountsAndHoldsNobody() {
        Session session = new Session("c1", 2, 100);
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(c, connect(Connect.NEVER_EXPIRES));
        session.detach();
        session.deliver(message("q1-a", 1));
        session.deliver(message("q1-b", 1));
        session.deliver(message("q1-c", 1)); // bounded while offline: dropped and counted
        assertThat(session.dropped()).isEqualTo(1);
        assertThat(session.isCongested()).isFalse();
        assertThat(session.queuedMessages()).extracting(m -> text(m)).containsExactly("q1-a", "q1-b");
    }

    @Test
    void aCongestedClientGoingOfflineReleasesItsPublishers() {
        Session session = new Session("c1", 1, 100);
        FakeConnection c = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        FakeConnection publisher = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.attach(c, connect(Connect.NEVER_EXPIRES));
        c.writable = false;
        session.deliver(message("a", 1));
        session.deliver(message("b", 1));
        session.holdPublisher(publisher);
        assertThat(publisher.held).isTrue();
        session.detach();
        assertThat(publisher.held).isFalse();
    }

    @Test
    void aPublisherHeldAfterTheCongestionEndedIsReleasedAtOnce() {
        Session session = new Session("c1", 10, 100);
        FakeConnection publisher = new FakeConnection(ProtocolVersion.MQTT_3_1_1, 65535);
        session.holdPublisher(publisher); // the race: the subscriber caught up just before
        assertThat(publisher.held).isFalse();
    }

    @Test
    void aQos2PacketIdIsRoutedOnceUntilReleased() {
        Session session = new Session("c1", 10, 100);
        assertThat(session.firstReceipt(7)).isTrue();
        assertThat(session.firstReceipt(7)).as("DUP before PUBREL").isFalse();
        assertThat(session.released(7)).isTrue();
        assertThat(session.released(7)).isFalse();
        assertThat(session.firstReceipt(7)).as("a new message may reuse the id").isTrue();
    }

    @Test
    void messageExpiryCountsDownWhileQueuedAndExpiredMessagesAreNeverSent() {
        // MQTT-3.3.2-5 and MQTT-3.3.2-6
        dev.switchboard.testkit.SettableClock clock = new dev.switchboard.testkit.SettableClock();
        Session session = new Session("c1", 10, 100, clock);
        FakeConnection first = new FakeConnection(ProtocolVersion.MQTT_5, 65535);
        session.attach(first, connect(Connect.NEVER_EXPIRES));
        session.detach();
        session.deliver(expiring("lasts", 10));
        session.deliver(expiring("short", 2));
        session.deliver(message("forever", 1));
        clock.advance(java.time.Duration.ofSeconds(4));
        FakeConnection second = new FakeConnection(ProtocolVersion.MQTT_5, 65535);
        session.attach(second, connect(Connect.NEVER_EXPIRES));
        List<Packet> sent = second.takeSent();
        assertThat(sent).extracting(SessionTest::text).containsExactly("lasts", "forever");
        assertThat(((Publish) sent.get(0)).properties().messageExpiryIntervalSeconds())
                .hasValue(6);
        assertThat(((Publish) sent.get(1)).properties().messageExpiryIntervalSeconds()).isEmpty();
        assertThat(session.expired()).isEqualTo(1);
    }

    private static Publish expiring(String text, long seconds) {
        return new Publish("t", text.getBytes(StandardCharsets.UTF_8), 1, false, false, 0,
                dev.switchboard.mqtt.packet.MessageProperties.NONE.withMessageExpiry(java.util.OptionalLong.of(seconds)),
                java.util.OptionalInt.empty(), List.of());
    }
}
