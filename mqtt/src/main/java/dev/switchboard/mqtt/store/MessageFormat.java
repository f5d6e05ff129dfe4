package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.UserProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Byte layouts of the stored values that hold a message. Every value is
 * {@code kind(1) layout(1) body crc32c(4)}, the checksum taken over the key's UTF-8 bytes then the
 * value's ({@link ValueOutput}); integers in bodies are unsigned
 * LEB128 varints, strings and byte arrays a varint length then the bytes. Layout version 1:
 *
 * <pre>
 * queued   'Q' 1: expiresAt(varint, 0 = never) publish
 * inflight 'I' 1: order(varint) released(1: 0|1) publish
 * retained 'R' 1: arrivedAtMillis(varint) publish
 *
 * publish:    flags(1: bits 0-1 qos, 2 retain, 3 dup, 4 topic alias present) topic(string)
 *             packetId(varint) [topicAlias(varint)] payload(bytes) properties
 *             subscriptionIdCount(varint) subscriptionId(varint)*
 * properties: present(1: bit 0 payload format, 1 expiry, 2 content type, 3 response topic,
 *             4 correlation data) [payloadFormat(1)] [expirySeconds(varint)] [contentType(string)]
 *             [responseTopic(string)] [correlationData(bytes)]
 *             userPropertyCount(varint) (name(string) value(string))*
 * </pre>
 */
final class MessageFormat {
    static final int QUEUED = 'Q';
    static final int INFLIGHT = 'I';
    static final int RETAINED = 'R';
    static final int LAYOUT = 1;
    /** Caps element counts read back, so a damaged count cannot allocate without end. */
    private static final int MAX_COUNT = 65_535;

    private MessageFormat() {
    }

    static byte[] queued(String key, Publish message, long expiresAtMillis) {
        ValueOutput out = new ValueOutput(key, QUEUED, LAYOUT);
        out.writeVarLong(expiresAtMillis == Long.MAX_VALUE ? 0 : expiresAtMillis + 1);
        writePublish(out, message);
        return out.toByteArray();
    }

    static QueuedMessage readQueued(String key, byte[] value) {
        long sequence = StoreLayout.sequence(key);
        ValueInput in = ValueInput.open(key, value, QUEUED, LAYOUT);
        long expires = in.readVarLong();
        Publish message = readPublish(in);
        in.end();
        return new QueuedMessage(sequence, message, expires == 0 ? Long.MAX_VALUE : expires - 1);
    }

    static byte[] inflight(String key, long order, boolean released, Publish message) {
        ValueOutput out = new ValueOutput(key, INFLIGHT, LAYOUT);
        out.writeVarLong(order).writeByte(released ? 1 : 0);
        writePublish(out, message);
        return out.toByteArray();
    }

    /** An inflight entry and its order among the client's entries. */
    record Inflight(long order, InflightMessage entry) {
    }

    static Inflight readInflight(String key, byte[] value) {
        int packetId = StoreLayout.packetId(key);
        ValueInput in = ValueInput.open(key, value, INFLIGHT, LAYOUT);
        long order = in.readVarLong();
        int released = in.readByte();
        if (released > 1) {
            throw new CorruptValueException("released flag " + released);
        }
        Publish message = readPublish(in);
        in.end();
        return new Inflight(order, new InflightMessage(packetId, message, released == 1));
    }

    static byte[] retained(RetainedMessage message) {
        ValueOutput out = new ValueOutput(message.topic(), RETAINED, LAYOUT);
        out.writeVarLong(message.arrivedAtMillis());
        writePublish(out, message.message());
        return out.toByteArray();
    }

    static RetainedMessage readRetained(String topic, byte[] value) {
        ValueInput in = ValueInput.open(topic, value, RETAINED, LAYOUT);
        long arrived = in.readVarLong();
        Publish message = readPublish(in);
        in.end();
        if (!message.topic().equals(topic)) {
            throw new CorruptValueException("retained message of topic '" + message.topic() + "' under '" + topic + "'");
        }
        return new RetainedMessage(message, arrived);
    }

    static void writePublish(ValueOutput out, Publish p) {
        int flags = p.qos() | (p.retain() ? 4 : 0) | (p.dup() ? 8 : 0) | (p.topicAlias().isPresent() ? 16 : 0);
        out.writeByte(flags).writeString(p.topic()).writeVarLong(p.packetId());
        if (p.topicAlias().isPresent()) {
            out.writeVarLong(p.topicAlias().getAsInt());
        }
        out.writeBytes(p.payload());
        writeProperties(out, p.properties());
        out.writeVarLong(p.subscriptionIdentifiers().size());
        for (int id : p.subscriptionIdentifiers()) {
            out.writeVarLong(id);
        }
    }

    static Publish readPublish(ValueInput in) {
        int flags = in.readByte();
        if ((flags & 3) == 3 || flags > 31) {
            throw new CorruptValueException("publish flags " + flags);
        }
        String topic = in.readString();
        int packetId = in.readVarInt(0xFFFF);
        OptionalInt alias = (flags & 16) != 0 ? OptionalInt.of(in.readVarInt(0xFFFF)) : OptionalInt.empty();
        byte[] payload = in.readBytes();
        MessageProperties properties = readProperties(in);
        int n = in.readVarInt(MAX_COUNT);
        List<Integer> ids = new ArrayList<>(Math.min(n, 16));
        for (int i = 0; i < n; i++) {
            ids.add(in.readVarInt(Integer.MAX_VALUE));
        }
        return new Publish(topic, payload, flags & 3, (flags & 4) != 0, (flags & 8) != 0, packetId, properties, alias,
                ids);
    }

    static void writeProperties(ValueOutput out, MessageProperties p) {
        int present = (p.payloadFormatIndicator().isPresent() ? 1 : 0)
                | (p.messageExpiryIntervalSeconds().isPresent() ? 2 : 0) | (p.contentType() != null ? 4 : 0)
                | (p.responseTopic() != null ? 8 : 0) | (p.correlationData() != null ? 16 : 0);
        out.writeByte(present);
        if (p.payloadFormatIndicator().isPresent()) {
            out.writeByte(p.payloadFormatIndicator().getAsInt());
        }
        if (p.messageExpiryIntervalSeconds().isPresent()) {
            out.writeVarLong(p.messageExpiryIntervalSeconds().getAsLong());
        }
        if (p.contentType() != null) {
            out.writeString(p.contentType());
        }
        if (p.responseTopic() != null) {
            out.writeString(p.responseTopic());
        }
        if (p.correlationData() != null) {
            out.writeBytes(p.correlationData());
        }
        out.writeVarLong(p.userProperties().size());
        for (UserProperty u : p.userProperties()) {
            out.writeString(u.name()).writeString(u.value());
        }
    }

    static MessageProperties readProperties(ValueInput in) {
        int present = in.readByte();
        if (present > 31) {
            throw new CorruptValueException("property flags " + present);
        }
        OptionalInt format = (present & 1) != 0 ? OptionalInt.of(in.readByte()) : OptionalInt.empty();
        OptionalLong expiry = (present & 2) != 0 ? OptionalLong.of(in.readVarLong()) : OptionalLong.empty();
        String contentType = (present & 4) != 0 ? in.readString() : null;
        String responseTopic = (present & 8) != 0 ? in.readString() : null;
        byte[] correlation = (present & 16) != 0 ? in.readBytes() : null;
        int n = in.readVarInt(MAX_COUNT);
        List<UserProperty> user = new ArrayList<>(Math.min(n, 16));
        for (int i = 0; i < n; i++) {
            user.add(new UserProperty(in.readString(), in.readString()));
        }
        return new MessageProperties(format, expiry, contentType, responseTopic, correlation, user);
    }
}
