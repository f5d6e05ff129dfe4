package dev.switchboard.mqtt.codec;

import static io.netty.handler.codec.mqtt.MqttProperties.SUBSCRIPTION_IDENTIFIER;
import static io.netty.handler.codec.mqtt.MqttProperties.TOPIC_ALIAS;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.Publish;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * PUBLISH. The payload is copied out of Netty's buffer (which stays owned by the caller) on the way
 * in, and wrapped, not copied, on the way out. A QoS 0 PUBLISH has packet id 0 here (Netty says -1).
 * For 3.1.1 the MQTT 5 fields are left out on the way out and empty on the way in.
 */
final class PublishMapping {
    private PublishMapping() {
    }

    static Publish fromNetty(MqttPublishMessage message) {
        MqttFixedHeader fixed = message.fixedHeader();
        MqttPublishVariableHeader header = message.variableHeader();
        Mqtt5Properties properties = Mqtt5Properties.of(header.properties());
        int qos = fixed.qosLevel().value();
        return new Publish(header.topicName(), ByteBufUtil.getBytes(message.payload()), qos, fixed.isRetain(),
                fixed.isDup(), qos == 0 ? 0 : header.packetId(), MessagePropertiesMapping.fromNetty(properties),
                properties.integer(TOPIC_ALIAS), properties.integers(SUBSCRIPTION_IDENTIFIER));
    }

    /** The returned message holds the payload array wrapped in an unpooled buffer; writing it releases it. */
    static MqttPublishMessage toNetty(Publish publish, ProtocolVersion version) {
        MqttFixedHeader fixed = new MqttFixedHeader(MqttMessageType.PUBLISH, publish.dup(),
                MqttQoS.valueOf(publish.qos()), publish.retain(), 0);
        MqttProperties properties = version.isMqtt5()
                ? MessagePropertiesMapping.toNetty(publish.properties(), Mqtt5Properties.builder())
                        .integer(TOPIC_ALIAS, publish.topicAlias())
                        .integers(SUBSCRIPTION_IDENTIFIER, publish.subscriptionIdentifiers())
                        .build()
                : MqttProperties.NO_PROPERTIES;
        MqttPublishVariableHeader header = new MqttPublishVariableHeader(publish.topic(), publish.packetId(),
                properties);
        return new MqttPublishMessage(fixed, header, Unpooled.wrappedBuffer(publish.payload()));
    }
}
