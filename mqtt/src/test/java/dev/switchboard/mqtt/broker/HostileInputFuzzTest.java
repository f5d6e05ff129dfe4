package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.transport.IdleSweep;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 4 point 11: a million random and mutated packets through the decoder and the session layer
 * (the real {@link MqttConnectionHandler} and {@link Broker}, on embedded channels so it runs in
 * seconds). Each hostile packet follows a valid CONNECT most of the time, so it reaches the session
 * layer; whatever it does, no exception may escape to the handler's last resort, no buffer may
 * leak (the suite's leak check runs after the test), and a bystander client subscribed to
 * everything stays connected and still gets a message published at the end.
 */
class HostileInputFuzzTest {
    private static final int PACKETS = Integer.getInteger("fuzz.packets", 1_000_000);
    private static final HexFormat HEX = HexFormat.of();

    /** Valid packets to mutate, MQTT 3.1.1 and 5. */
    private static final List<byte[]> CORPUS = List.of(
            hex("100e00044d5154540402003c00026831"),                 // CONNECT 3.1.1 "h1"
            hex("100f00044d5154540502003c0000026831"),               // CONNECT 5 "h1"
            hex("3209000361 2f62 0001 6869"),                         // PUBLISH QoS 1 "a/b" "hi"
            hex("3408000361 2f62 0002 78"),                           // PUBLISH QoS 2
            hex("3106000361 2f62 7a"),                                // PUBLISH QoS 0 retained
            hex("3b0a000361 2f62 0003 00 7a7a"),                      // PUBLISH 5 QoS 1 retain dup, no props
            hex("3d0d000361 2f62 0004 03 230001 7a7a"),               // PUBLISH 5 QoS 2 with topic alias 1
            hex("820800010003612f2301"),                              // SUBSCRIBE "a/#" QoS 1
            hex("82090001 00 0003612f2b 2a"),                         // SUBSCRIBE 5 options 0x2a
            hex("a2070002 0003612f23"),                               // UNSUBSCRIBE "a/#"
            hex("40020001"), hex("50020002"), hex("62020002"), hex("70020002"), // PUBACK, PUBREC, PUBREL, PUBCOMP
            hex("c000"), hex("e000"), hex("e0020400"));               // PINGREQ, DISCONNECT, DISCONNECT with will

    private final Random random = new Random(20261125L);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(MqttConnectionHandler.class);
    private Level savedLevel;
    private BrokerConfig config;
    private Broker broker;
    private EmbeddedChannel lane;

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @BeforeEach
    void startBroker() {
        savedLevel = handlerLog.getLevel();
        handlerLog.setLevel(Level.WARN); // thousands of refused clients: keep the run quiet, but see failures
        log.start();
        handlerLog.addAppender(log);
        config = BrokerConfig.builder().port(0).maxPacketSize(64 * 1024).maxQueuedMessages(100).build();
        TopicTreeIndex index = new TopicTreeIndex(config.clock());
        lane = new EmbeddedChannel();
        broker = new Broker(config, index, index, new EventExecutor[] {lane.eventLoop()});
    }

    @AfterEach
    void stop() {
        handlerLog.detachAppender(log);
        handlerLog.setLevel(savedLevel);
        lane.finishAndReleaseAll();
    }

    private EmbeddedChannel client() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(MqttChannelInitializer.MQTT_DECODER, new MqttDecoder(config.maxPacketSize()));
        channel.pipeline().addLast(MqttChannelInitializer.MQTT_CONNECTION, new MqttConnectionHandler(broker, config,
                new IdleSweep(config.clock(), Duration.ofSeconds(1))));
        return channel;
    }

    private static void send(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    /** Releases what the broker wrote to the client; returns the topics of the PUBLISH packets among it. */
    private static List<String> drain(EmbeddedChannel channel) {
        List<String> topics = new java.util.ArrayList<>();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            if (out instanceof MqttPublishMessage publish) {
                topics.add(publish.variableHeader().topicName());
            }
            ReferenceCountUtil.release(out);
        }
        return topics;
    }

    private byte[] mutate(byte[] packet) {
        byte[] b = packet.clone();
        switch (random.nextInt(8)) {
            case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8)); // one bit
            case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);        // one byte
            case 2 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length));         // truncated
            case 3 -> {                                                                   // remaining length lies
                if (b.length > 1) {
                    b[1] = (byte) random.nextInt(256);
                }
            }
            case 4 -> {                                                                   // garbage appended
                byte[] tail = new byte[1 + random.nextInt(16)];
                random.nextBytes(tail);
                b = concat(b, tail);
            }
            case 5 -> {                                                                   // pure noise
                b = new byte[1 + random.nextInt(64)];
                random.nextBytes(b);
            }
            case 6 -> b = concat(b, CORPUS.get(random.nextInt(CORPUS.size())));        // two packets spliced
            default -> {                                                                  // several bytes changed
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void aMillionHostilePacketsLeaveTheBrokerAndABystanderUnharmed() {
        EmbeddedChannel bystander = client();
        send(bystander, hex("100f00044d51545404020000 0003 627973"));  // CONNECT 3.1.1 "bys", no keep alive
        send(bystander, hex("82060001 0001 23 00"));                   // SUBSCRIBE "#" QoS 0
        assertThat(drain(bystander)).isEmpty();

        EmbeddedChannel hostile = null;
        long packets = 0;
        long connections = 0;
        while (packets < PACKETS) {
            if (hostile == null || !hostile.isActive()) {
                if (hostile != null) {
                    drain(hostile);
                    hostile.finishAndReleaseAll();
                }
                hostile = client();
                connections++;
                if (random.nextInt(10) != 0) { // mostly past CONNECT, into the session layer
                    send(hostile, CORPUS.get(random.nextInt(2)));
                    packets++;
                }
            }
            byte[] packet = CORPUS.get(random.nextInt(CORPUS.size()));
            send(hostile, random.nextInt(4) == 0 ? packet : mutate(packet));
            packets++;
            drain(hostile);
            if (packets % 1024 == 0) {
                lane.runPendingTasks();
                drain(bystander);
                assertThat(bystander.isActive()).as("bystander after %d packets", packets).isTrue();
            }
        }
        drain(hostile);
        hostile.finishAndReleaseAll();
        drain(bystander);

        EmbeddedChannel publisher = client();
        send(publisher, hex("100e00044d5154540402003c0002 7031")); // CONNECT "p1"
        send(publisher, hex("300b 0009 70726f62652f656e64"));      // PUBLISH QoS 0 "probe/end", empty payload
        assertThat(drain(bystander)).as("the bystander still gets messages").contains("probe/end");
        assertThat(bystander.isActive()).isTrue();
        publisher.finishAndReleaseAll();
        bystander.finishAndReleaseAll();

        assertThat(log.list).as("exceptions that reached the handler's last resort")
                .filteredOn(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(" failed: "))
                .isEmpty();
        System.out.printf("fuzz: %,d packets on %,d connections; broker has %d sessions, %d retained%n",
                packets, connections, broker.sessionCount(), broker.retainedCount());
    }
}
