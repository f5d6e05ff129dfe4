package dev.switchboard.mqtt.codec;

import static io.netty.handler.codec.mqtt.MqttProperties.REASON_STRING;
import static io.netty.handler.codec.mqtt.MqttProperties.SUBSCRIPTION_IDENTIFIER;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.SubAck;
import dev.switchboard.mqtt.packet.Subscribe;
import dev.switchboard.mqtt.packet.Subscription;
import dev.switchboard.mqtt.packet.UnsubAck;
import dev.switchboard.mqtt.packet.Unsubscribe;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribePayload;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK. A SUBSCRIBE or UNSUBSCRIBE without topic filters and
 * a Subscription Identifier of 0 are protocol errors (0x82). On the way out to 3.1.1 a SUBACK failure
 * code becomes 0x80 and an UNSUBACK carries no reason codes.
 */
final class SubscriptionMapping {
    private static final int SUBACK_FAILURE_311 = 0x80;

    private SubscriptionMapping() {
    }

    static Subscribe fromNetty(MqttSubscribeMessage message) {
        Mqtt5Properties properties = Mqtt5Properties.of(message.idAndPropertiesVariableHeader().properties());
        List<Subscription> subscriptions = new ArrayList<>();
        for (MqttTopicSubscription topic : message.payload().topicSubscriptions()) {
            MqttSubscriptionOption option = topic.option();
            subscriptions.add(new Subscription(topic.topicFilter(), option.qos().value(), option.isNoLocal(),
                    option.isRetainAsPublished(), option.retainHandling().value()));
        }
        if (subscriptions.isEmpty()) {
            throw MqttProtocolException.protocolError("SUBSCRIBE without topic filters");
        }
        OptionalInt subscriptionIdentifier = properties.integer(SUBSCRIPTION_IDENTIFIER);
        if (subscriptionIdentifier.isPresent() && subscriptionIdentifier.getAsInt() == 0) {
            throw MqttProtocolException.protocolError("Subscription Identifier 0");
        }
        return new Subscribe(message.variableHeader().messageId(), subscriptions, subscriptionIdentifier,
                properties.userProperties());
    }

    static MqttSubscribeMessage toNetty(Subscribe subscribe, ProtocolVersion version) {
        List<MqttTopicSubscription> topics = new ArrayList<>();
        for (Subscription subscription : subscribe.subscriptions()) {
            topics.add(new MqttTopicSubscription(subscription.filter(), new MqttSubscriptionOption(
                    MqttQoS.valueOf(subscription.qos()), subscription.noLocal(), subscription.retainAsPublished(),
                    RetainedHandlingPolicy.valueOf(subscription.retainHandling()))));
        }
        MqttProperties properties = version.isMqtt5() ? Mqtt5Properties.builder()
                .integer(SUBSCRIPTION_IDENTIFIER, subscribe.subscriptionIdentifier())
                .userProperties(subscribe.userProperties())
                .build() : MqttProperties.NO_PROPERTIES;
        return new MqttSubscribeMessage(fixedHeader(MqttMessageType.SUBSCRIBE, MqttQoS.AT_LEAST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(subscribe.packetId(), properties),
                new MqttSubscribePayload(topics));
    }

    static SubAck fromNetty(MqttSubAckMessage message) {
        Mqtt5Properties properties = Mqtt5Properties.of(message.idAndPropertiesVariableHeader().properties());
        // Netty keeps a code it does not know as null, and its reasonCodes() then throws
        List<Integer> codes = new ArrayList<>();
        for (MqttReasonCodes.SubAck code : message.payload().typedReasonCodes()) {
            if (code == null) {
                throw MqttProtocolException.malformed("SUBACK with a reason code that is not one (MQTT-3.9.3)");
            }
            codes.add(code.byteValue() & 0xFF);
        }
        return new SubAck(message.variableHeader().messageId(), codes, properties.string(REASON_STRING));
    }

    static MqttSubAckMessage toNetty(SubAck subAck, ProtocolVersion version) {
        List<Integer> codes = new ArrayList<>();
        for (int code : subAck.reasonCodes()) {
            codes.add(version.isMqtt5() || code < SUBACK_FAILURE_311 ? code : SUBACK_FAILURE_311);
        }
        return new MqttSubAckMessage(fixedHeader(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(subAck.packetId(), reasonString(subAck.reasonString(),
                        version)),
                new MqttSubAckPayload(codes));
    }

    static Unsubscribe fromNetty(MqttUnsubscribeMessage message) {
        Mqtt5Properties properties = Mqtt5Properties.of(message.idAndPropertiesVariableHeader().properties());
        List<String> filters = message.payload().topics();
        if (filters.isEmpty()) {
            throw MqttProtocolException.protocolError("UNSUBSCRIBE without topic filters");
        }
        return new Unsubscribe(message.variableHeader().messageId(), filters, properties.userProperties());
    }

    static MqttUnsubscribeMessage toNetty(Unsubscribe unsubscribe, ProtocolVersion version) {
        MqttProperties properties = version.isMqtt5()
                ? Mqtt5Properties.builder().userProperties(unsubscribe.userProperties()).build()
                : MqttProperties.NO_PROPERTIES;
        return new MqttUnsubscribeMessage(fixedHeader(MqttMessageType.UNSUBSCRIBE, MqttQoS.AT_LEAST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(unsubscribe.packetId(), properties),
                new MqttUnsubscribePayload(unsubscribe.filters()));
    }

    static UnsubAck fromNetty(MqttUnsubAckMessage message) {
        MqttUnsubAckPayload payload = message.payload();
        List<Integer> codes = new ArrayList<>();
        if (payload != null) {
            payload.unsubscribeReasonCodes().forEach(code -> codes.add(code & 0xFF));
        }
        Mqtt5Properties properties = Mqtt5Properties.of(message.idAndPropertiesVariableHeader().properties());
        return new UnsubAck(message.variableHeader().messageId(), codes, properties.string(REASON_STRING));
    }

    static MqttUnsubAckMessage toNetty(UnsubAck unsubAck, ProtocolVersion version) {
        MqttFixedHeader fixed = fixedHeader(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE);
        if (!version.isMqtt5()) {
            return new MqttUnsubAckMessage(fixed, MqttMessageIdVariableHeader.from(unsubAck.packetId()));
        }
        List<Short> codes = new ArrayList<>();
        unsubAck.reasonCodes().forEach(code -> codes.add(code.shortValue()));
        return new MqttUnsubAckMessage(fixed,
                new MqttMessageIdAndPropertiesVariableHeader(unsubAck.packetId(), reasonString(
                        unsubAck.reasonString(), version)),
                new MqttUnsubAckPayload(codes));
    }

    private static MqttProperties reasonString(String reasonString, ProtocolVersion version) {
        return version.isMqtt5() ? Mqtt5Properties.builder().string(REASON_STRING, reasonString).build()
                : MqttProperties.NO_PROPERTIES;
    }

    private static MqttFixedHeader fixedHeader(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }
}
