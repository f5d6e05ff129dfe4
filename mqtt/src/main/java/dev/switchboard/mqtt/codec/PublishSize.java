package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.UserProperty;
import java.nio.charset.StandardCharsets;

/**
 * The exact number of bytes a PUBLISH takes on the wire, without encoding it: what the broker
 * checks against a client's Maximum Packet Size (MQTT-3.1.2-24: the server must not send a client
 * a packet larger than it asked for).
 */
public final class PublishSize {
    private PublishSize() {
    }

    /** The whole packet: fixed header, variable header with properties, payload. */
    public static long encodedLength(Publish publish, ProtocolVersion version) {
        long remaining = 2L + utf8Length(publish.topic()) + (publish.qos() > 0 ? 2 : 0) + publish.payload().length;
        if (version.isMqtt5()) {
            long properties = propertiesLength(publish);
            remaining += variableByteIntegerLength(properties) + properties;
        }
        return 1 + variableByteIntegerLength(remaining) + remaining;
    }

    private static long propertiesLength(Publish publish) {
        MessageProperties p = publish.properties();
        long length = 0;
        if (p.payloadFormatIndicator().isPresent()) {
            length += 2;
        }
        if (p.messageExpiryIntervalSeconds().isPresent()) {
            length += 5;
        }
        if (p.contentType() != null) {
            length += 3 + utf8Length(p.contentType());
        }
        if (p.responseTopic() != null) {
            length += 3 + utf8Length(p.responseTopic());
        }
        if (p.correlationData() != null) {
            length += 3 + p.correlationData().length;
        }
        for (UserProperty u : p.userProperties()) {
            length += 5 + utf8Length(u.name()) + utf8Length(u.value());
        }
        if (publish.topicAlias().isPresent()) {
            length += 3;
        }
        for (int id : publish.subscriptionIdentifiers()) {
            length += 1 + variableByteIntegerLength(id);
        }
        return length;
    }

    static int variableByteIntegerLength(long value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        return value < 2_097_152 ? 3 : 4;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
