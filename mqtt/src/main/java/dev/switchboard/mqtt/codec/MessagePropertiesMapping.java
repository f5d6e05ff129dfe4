package dev.switchboard.mqtt.codec;

import static io.netty.handler.codec.mqtt.MqttProperties.CONTENT_TYPE;
import static io.netty.handler.codec.mqtt.MqttProperties.CORRELATION_DATA;
import static io.netty.handler.codec.mqtt.MqttProperties.PAYLOAD_FORMAT_INDICATOR;
import static io.netty.handler.codec.mqtt.MqttProperties.PUBLICATION_EXPIRY_INTERVAL;
import static io.netty.handler.codec.mqtt.MqttProperties.RESPONSE_TOPIC;

import dev.switchboard.mqtt.packet.MessageProperties;

/**
 * The application-message properties shared by PUBLISH and the will of a CONNECT: payload format
 * indicator, message expiry interval, content type, response topic, correlation data and user
 * properties. A message without any of them maps to {@link MessageProperties#NONE}.
 */
final class MessagePropertiesMapping {
    private MessagePropertiesMapping() {
    }

    static MessageProperties fromNetty(Mqtt5Properties properties) {
        MessageProperties mapped = new MessageProperties(
                properties.integer(PAYLOAD_FORMAT_INDICATOR),
                properties.fourByteInteger(PUBLICATION_EXPIRY_INTERVAL),
                properties.string(CONTENT_TYPE),
                properties.string(RESPONSE_TOPIC),
                properties.binary(CORRELATION_DATA),
                properties.userProperties());
        return mapped.equals(MessageProperties.NONE) ? MessageProperties.NONE : mapped;
    }

    /** Adds the message properties to properties being built for an MQTT 5 packet. */
    static Mqtt5Properties.Builder toNetty(MessageProperties message, Mqtt5Properties.Builder properties) {
        return properties
                .integer(PAYLOAD_FORMAT_INDICATOR, message.payloadFormatIndicator())
                .fourByteInteger(PUBLICATION_EXPIRY_INTERVAL, message.messageExpiryIntervalSeconds())
                .string(CONTENT_TYPE, message.contentType())
                .string(RESPONSE_TOPIC, message.responseTopic())
                .binary(CORRELATION_DATA, message.correlationData())
                .userProperties(message.userProperties());
    }
}
