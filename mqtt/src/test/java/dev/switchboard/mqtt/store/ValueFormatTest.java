package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.topic.RetainHandling;
import dev.switchboard.mqtt.topic.SubscriptionOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every stored value round-trips every field; damaged, truncated and hostile bytes are refused. */
class ValueFormatTest {
    private static final String QUEUE_KEY = StoreLayout.sequenceKey("client", 42);
    private static final String INFLIGHT_KEY = StoreLayout.packetIdKey("client", 65_535);
    private static final String SUB_KEY = ClientKey.of("client", "$share/g/a/+");

    @Test
    void queuedKeepsEveryPublishField() {
        Publish full = Messages.full("a/b/ü", "payload");
        assertThat(MessageFormat.readQueued(QUEUE_KEY, MessageFormat.queued(QUEUE_KEY, full, 1234L)))
                .isEqualTo(new QueuedMessage(42, full, 1234L));
        Publish bare = new Publish("t", new byte[0], 0, false, false, 0, MessageProperties.NONE, OptionalInt.empty(),
                List.of());
        assertThat(MessageFormat.readQueued(QUEUE_KEY, MessageFormat.queued(QUEUE_KEY, bare, Long.MAX_VALUE)))
                .isEqualTo(new QueuedMessage(42, bare, Long.MAX_VALUE));
        assertThat(MessageFormat.readQueued(QUEUE_KEY, MessageFormat.queued(QUEUE_KEY, bare, 0)).expiresAtMillis())
                .isZero();
    }

    @Test
    void inflightKeepsOrderAndReleased() {
        Publish full = Messages.full("x", "y");
        MessageFormat.Inflight read = MessageFormat.readInflight(INFLIGHT_KEY,
                MessageFormat.inflight(INFLIGHT_KEY, Long.MAX_VALUE - 1, true, full));
        assertThat(read.order()).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(read.entry()).isEqualTo(new InflightMessage(65_535, full, true));
    }

    @Test
    void retainedKeepsArrivalTime() {
        RetainedMessage message = new RetainedMessage(Messages.full("r/1", "v"), 1_700_000_000_123L);
        assertThat(MessageFormat.readRetained("r/1", MessageFormat.retained(message))).isEqualTo(message);
    }

    @Test
    void sessionKeepsExpiryDisconnectTimeAndWill() {
        StoredSession withWill = new StoredSession("client", 0xFFFF_FFFFL, OptionalLong.of(0),
                Optional.of(Messages.will()));
        StoredSession bare = new StoredSession("client", 0, OptionalLong.empty(), Optional.empty());
        assertThat(SessionFormat.readSession("client", SessionFormat.session(withWill))).isEqualTo(withWill);
        assertThat(SessionFormat.readSession("client", SessionFormat.session(bare))).isEqualTo(bare);
        StoredSession user = new StoredSession("client", 60, OptionalLong.of(5), Optional.of(Messages.will()),
                Optional.of("alice ü"));
        assertThat(SessionFormat.readSession("client", SessionFormat.session(user))).isEqualTo(user);
    }

    @Test
    void aLayout1SessionWrittenBeforeUsersWereStoredReadsAsAnonymous() {
        // 'S' 1: expiry 60, disconnected at millis 4 (+1), no will, and no user field
        ValueOutput layout1 = new ValueOutput("client", SessionFormat.SESSION, 1);
        layout1.writeVarLong(60).writeVarLong(5).writeByte(0);
        assertThat(SessionFormat.readSession("client", layout1.toByteArray()))
                .isEqualTo(new StoredSession("client", 60, OptionalLong.of(4), Optional.empty(), Optional.empty()));
        ValueOutput layout3 = new ValueOutput("client", SessionFormat.SESSION, 3);
        layout3.writeVarLong(60).writeVarLong(5).writeByte(0).writeByte(0);
        byte[] newer = layout3.toByteArray();
        assertThatThrownBy(() -> SessionFormat.readSession("client", newer))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("this build reads 1 to 2");
        ValueOutput badFlag = new ValueOutput("client", SessionFormat.SESSION, 2);
        badFlag.writeVarLong(60).writeVarLong(5).writeByte(0).writeByte(2);
        byte[] flag = badFlag.toByteArray();
        assertThatThrownBy(() -> SessionFormat.readSession("client", flag))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("user flag 2");
    }

    @Test
    void subscriptionKeepsEveryOption() {
        for (RetainHandling handling : RetainHandling.values()) {
            SubscriptionOptions options = SubscriptionOptions.atQos(2).withNoLocal(true).withRetainAsPublished(true)
                    .withRetainHandling(handling).withSubscriptionIdentifier(SubscriptionOptions.MAX_SUBSCRIPTION_IDENTIFIER);
            assertThat(SessionFormat.readSubscription(SUB_KEY, SessionFormat.subscription(SUB_KEY, options)))
                    .isEqualTo(new StoredSubscription("$share/g/a/+", options));
        }
        assertThat(SessionFormat.readSubscription(SUB_KEY,
                SessionFormat.subscription(SUB_KEY, SubscriptionOptions.atQos(0))).options())
                .isEqualTo(SubscriptionOptions.atQos(0));
    }

    @Test
    void everyTruncationAndEveryChangedByteIsRefused() {
        byte[] value = MessageFormat.queued(QUEUE_KEY, Messages.full("a/b", "payload"), 99L);
        assertEveryDamageRefused(value, v -> MessageFormat.readQueued(QUEUE_KEY, v));
        byte[] session = SessionFormat.session(new StoredSession("client", 5, OptionalLong.of(7),
                Optional.of(Messages.will()), Optional.of("alice")));
        assertEveryDamageRefused(session, v -> SessionFormat.readSession("client", v));
    }

    @Test
    void aValueUnderAnotherKeyIsRefused() {
        byte[] value = MessageFormat.queued(QUEUE_KEY, Messages.plain("t", "p", 1), Long.MAX_VALUE);
        assertThatThrownBy(() -> MessageFormat.readQueued(StoreLayout.sequenceKey("client", 43), value))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> MessageFormat.readQueued(StoreLayout.sequenceKey("other", 42), value))
                .isInstanceOf(CorruptValueException.class);
    }

    @Test
    void wrongKindAndUnknownLayoutAreNamed() {
        byte[] retained = MessageFormat.retained(new RetainedMessage(Messages.plain("t", "p", 1), 1));
        assertThatThrownBy(() -> MessageFormat.readQueued("t", retained)).isInstanceOf(CorruptValueException.class);
        byte[] session = SessionFormat.session(new StoredSession("t", 1, OptionalLong.empty(), Optional.empty()));
        assertThatThrownBy(() -> MessageFormat.readRetained("t", session))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("kind 'R'");
        ValueOutput future = new ValueOutput("t", MessageFormat.RETAINED, 2);
        future.writeVarLong(1);
        byte[] newer = future.toByteArray();
        assertThatThrownBy(() -> MessageFormat.readRetained("t", newer))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("unknown layout version 2");
    }

    @Test
    void hostileLengthsAndCountsDoNotAllocate() {
        ValueOutput out = new ValueOutput("t", MessageFormat.RETAINED, MessageFormat.LAYOUT);
        out.writeVarLong(1).writeByte(1).writeVarLong(Integer.MAX_VALUE); // topic length 2 GiB
        byte[] hostile = out.toByteArray();
        assertThatThrownBy(() -> MessageFormat.readRetained("t", hostile)).isInstanceOf(CorruptValueException.class);
        ValueOutput tooLong = new ValueOutput("t", MessageFormat.RETAINED, MessageFormat.LAYOUT);
        for (int i = 0; i < 11; i++) {
            tooLong.writeByte(0xFF);
        }
        byte[] varint = tooLong.toByteArray();
        assertThatThrownBy(() -> MessageFormat.readRetained("t", varint)).isInstanceOf(CorruptValueException.class);
        assertThatThrownBy(() -> MessageFormat.readRetained("t", null)).isInstanceOf(CorruptValueException.class);
        ValueOutput badUtf8 = new ValueOutput("t", MessageFormat.RETAINED, MessageFormat.LAYOUT);
        badUtf8.writeVarLong(1).writeByte(1).writeBytes(new byte[] {(byte) 0xC3, 0x28});
        byte[] utf8 = badUtf8.toByteArray();
        assertThatThrownBy(() -> MessageFormat.readRetained("t", utf8)).isInstanceOf(CorruptValueException.class)
                .hasMessageContaining("UTF-8");
    }

    private static void assertEveryDamageRefused(byte[] value, Consumer<byte[]> read) {
        for (int length = 0; length < value.length; length++) {
            byte[] cut = Arrays.copyOf(value, length);
            assertThatThrownBy(() -> read.accept(cut)).as("cut to %d", length)
                    .isInstanceOf(CorruptValueException.class);
        }
        for (int i = 0; i < value.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = value.clone();
                flipped[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> read.accept(flipped)).as("byte %d bit %d", i, bit)
                        .isInstanceOf(CorruptValueException.class);
            }
        }
    }
}
