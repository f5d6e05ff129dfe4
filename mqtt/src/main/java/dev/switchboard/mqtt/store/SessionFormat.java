package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.Will;
import dev.switchboard.mqtt.topic.RetainHandling;
import dev.switchboard.mqtt.topic.SubscriptionOptions;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Byte layouts of the stored values that describe a session, in the frame of {@link ValueOutput}
 * and with the field encodings of {@link MessageFormat}. The client id (and the filter, the packet
 * id) are in the key. Layout version 1:
 *
 * <pre>
 * session      'S' 1: expiryIntervalSeconds(varint) disconnectedAt(varint, 0 = online, else millis + 1)
 *                     hasWill(1: 0|1) [will]
 * will:        flags(1: bits 0-1 qos, 2 retain) topic(string) payload(bytes) delaySeconds(varint) properties
 * subscription 'B' 1: options(1: bits 0-1 qos, 2 no local, 3 retain as published, 4-5 retain handling,
 *                     6 identifier present) [subscriptionIdentifier(varint)]
 * awaiting     'A' 1: (empty body: an incoming QoS 2 packet id awaiting PUBREL)
 * </pre>
 */
final class SessionFormat {
    static final int SESSION = 'S';
    static final int SUBSCRIPTION = 'B';
    static final int AWAITING = 'A';
    static final int LAYOUT = 1;
    /** Layout 2 of a session record added the user; layout 1 records are still read. */
    static final int SESSION_LAYOUT = 2;

    private SessionFormat() {
    }

    static byte[] session(StoredSession s) {
        ValueOutput out = new ValueOutput(s.clientId(), SESSION, SESSION_LAYOUT);
        out.writeVarLong(s.expiryIntervalSeconds());
        out.writeVarLong(s.disconnectedAtMillis().isPresent() ? s.disconnectedAtMillis().getAsLong() + 1 : 0);
        out.writeByte(s.will().isPresent() ? 1 : 0);
        s.will().ifPresent(w -> writeWill(out, w));
        out.writeByte(s.username().isPresent() ? 1 : 0);
        s.username().ifPresent(out::writeString);
        return out.toByteArray();
    }

    static StoredSession readSession(String clientId, byte[] value) {
        ValueInput in = ValueInput.open(clientId, value, SESSION, 1, SESSION_LAYOUT);
        long expiry = in.readVarLong();
        if (expiry < 0 || expiry > 0xFFFF_FFFFL) {
            throw new CorruptValueException("session expiry interval " + expiry);
        }
        long disconnected = in.readVarLong();
        int hasWill = in.readByte();
        if (hasWill > 1) {
            throw new CorruptValueException("will flag " + hasWill);
        }
        Optional<Will> will = hasWill == 1 ? Optional.of(readWill(in)) : Optional.empty();
        Optional<String> user = Optional.empty();
        if (in.layout() >= 2) {
            int hasUser = in.readByte();
            if (hasUser > 1) {
                throw new CorruptValueException("user flag " + hasUser);
            }
            user = hasUser == 1 ? Optional.of(in.readString()) : Optional.empty();
        }
        in.end();
        return new StoredSession(clientId, expiry,
                disconnected == 0 ? OptionalLong.empty() : OptionalLong.of(disconnected - 1), will, user);
    }

    private static void writeWill(ValueOutput out, Will w) {
        out.writeByte(w.qos() | (w.retain() ? 4 : 0)).writeString(w.topic()).writeBytes(w.payload())
                .writeVarLong(w.delayIntervalSeconds());
        MessageFormat.writeProperties(out, w.properties());
    }

    private static Will readWill(ValueInput in) {
        int flags = in.readByte();
        if ((flags & 3) == 3 || flags > 7) {
            throw new CorruptValueException("will flags " + flags);
        }
        String topic = in.readString();
        byte[] payload = in.readBytes();
        long delay = in.readVarLong();
        MessageProperties properties = MessageFormat.readProperties(in);
        return new Will(topic, payload, flags & 3, (flags & 4) != 0, delay, properties);
    }

    static byte[] subscription(String key, SubscriptionOptions o) {
        ValueOutput out = new ValueOutput(key, SUBSCRIPTION, LAYOUT);
        out.writeByte(o.qos() | (o.noLocal() ? 4 : 0) | (o.retainAsPublished() ? 8 : 0)
                | o.retainHandling().code() << 4 | (o.subscriptionIdentifier().isPresent() ? 64 : 0));
        if (o.subscriptionIdentifier().isPresent()) {
            out.writeVarLong(o.subscriptionIdentifier().getAsInt());
        }
        return out.toByteArray();
    }

    static StoredSubscription readSubscription(String key, byte[] value) {
        String filter = ClientKey.suffix(key);
        ValueInput in = ValueInput.open(key, value, SUBSCRIPTION, LAYOUT);
        int flags = in.readByte();
        if ((flags & 3) == 3 || (flags >> 4 & 3) == 3 || flags > 127) {
            throw new CorruptValueException("subscription options " + flags);
        }
        OptionalInt id = (flags & 64) != 0
                ? OptionalInt.of(in.readVarInt(SubscriptionOptions.MAX_SUBSCRIPTION_IDENTIFIER))
                : OptionalInt.empty();
        in.end();
        try {
            return new StoredSubscription(filter, new SubscriptionOptions(flags & 3, (flags & 4) != 0,
                    (flags & 8) != 0, RetainHandling.ofCode(flags >> 4 & 3), id));
        } catch (IllegalArgumentException e) {
            throw new CorruptValueException(e.getMessage());
        }
    }

    static byte[] awaiting(String key) {
        return new ValueOutput(key, AWAITING, LAYOUT).toByteArray();
    }

    static int readAwaiting(String key, byte[] value) {
        int packetId = StoreLayout.packetId(key);
        ValueInput.open(key, value, AWAITING, LAYOUT).end();
        return packetId;
    }
}
