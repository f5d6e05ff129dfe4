package dev.switchboard.mqtt.codec;

import static io.netty.handler.codec.mqtt.MqttProperties.ASSIGNED_CLIENT_IDENTIFIER;
import static io.netty.handler.codec.mqtt.MqttProperties.AUTHENTICATION_METHOD;
import static io.netty.handler.codec.mqtt.MqttProperties.MAXIMUM_PACKET_SIZE;
import static io.netty.handler.codec.mqtt.MqttProperties.REASON_STRING;
import static io.netty.handler.codec.mqtt.MqttProperties.RECEIVE_MAXIMUM;
import static io.netty.handler.codec.mqtt.MqttProperties.REQUEST_PROBLEM_INFORMATION;
import static io.netty.handler.codec.mqtt.MqttProperties.REQUEST_RESPONSE_INFORMATION;
import static io.netty.handler.codec.mqtt.MqttProperties.SERVER_KEEP_ALIVE;
import static io.netty.handler.codec.mqtt.MqttProperties.SESSION_EXPIRY_INTERVAL;
import static io.netty.handler.codec.mqtt.MqttProperties.TOPIC_ALIAS_MAXIMUM;
import static io.netty.handler.codec.mqtt.MqttProperties.WILL_DELAY_INTERVAL;

import dev.switchboard.mqtt.packet.ConnAck;
import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.ReasonCodes;
import dev.switchboard.mqtt.packet.Will;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Optional;

/**
 * CONNECT and CONNACK. For 3.1.1 the CONNECT's missing MQTT 5 fields get the defaults the
 * {@link Connect} record documents (session expiry from clean session, receive maximum 65535, no
 * packet size limit); a CONNACK reason code is sent as the 3.1.1 return code.
 *
 * <p>Wire rules checked here, beyond Netty's: will QoS 3 or will flags without the will flag and,
 * for 3.x, a password without a user name are malformed (0x81); Receive Maximum 0, Maximum Packet
 * Size 0, or Request Problem/Response Information other than 0 or 1 are protocol errors (0x82); an
 * Authentication Method is refused with 0x8C Bad Authentication Method since the broker supports no
 * enhanced authentication (so an AUTH packet is never valid).
 */
final class ConnectMapping {
    private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

    private ConnectMapping() {
    }

    static Connect fromNetty(MqttConnectMessage message) {
        MqttConnectVariableHeader header = message.variableHeader();
        MqttConnectPayload payload = message.payload();
        ProtocolVersion version = ProtocolVersion.ofLevel(header.version());
        Mqtt5Properties properties = Mqtt5Properties.of(header.properties());
        checkFlags(header, version);
        if (properties.has(AUTHENTICATION_METHOD)) {
            throw new MqttProtocolException(ReasonCodes.BAD_AUTHENTICATION_METHOD,
                    "enhanced authentication is not supported: " + properties.string(AUTHENTICATION_METHOD),
                    null, version);
        }
        int receiveMaximum = properties.integer(RECEIVE_MAXIMUM).orElse(DEFAULT_RECEIVE_MAXIMUM);
        requireProtocol(receiveMaximum != 0, "Receive Maximum 0", version);
        long maximumPacketSize = properties.fourByteInteger(MAXIMUM_PACKET_SIZE).orElse(0);
        requireProtocol(!properties.has(MAXIMUM_PACKET_SIZE) || maximumPacketSize != 0, "Maximum Packet Size 0",
                version);
        int requestProblemInformation = properties.integer(REQUEST_PROBLEM_INFORMATION).orElse(1);
        requireProtocol(requestProblemInformation <= 1, "Request Problem Information above 1", version);
        requireProtocol(properties.integer(REQUEST_RESPONSE_INFORMATION).orElse(0) <= 1,
                "Request Response Information above 1", version);
        long sessionExpiry = version.isMqtt5()
                ? properties.fourByteInteger(SESSION_EXPIRY_INTERVAL).orElse(0)
                : header.isCleanSession() ? 0 : Connect.NEVER_EXPIRES;
        return new Connect(version, payload.clientIdentifier(), header.isCleanSession(),
                header.keepAliveTimeSeconds(), sessionExpiry, receiveMaximum, maximumPacketSize,
                properties.integer(TOPIC_ALIAS_MAXIMUM).orElse(0), requestProblemInformation == 1,
                header.hasUserName() ? payload.userName() : null,
                header.hasPassword() ? payload.passwordInBytes().clone() : null,
                header.isWillFlag() ? Optional.of(will(header, payload)) : Optional.empty(),
                properties.userProperties());
    }

    private static Will will(MqttConnectVariableHeader header, MqttConnectPayload payload) {
        Mqtt5Properties properties = Mqtt5Properties.of(payload.willProperties());
        return new Will(payload.willTopic(), payload.willMessageInBytes().clone(), header.willQos(),
                header.isWillRetain(), properties.fourByteInteger(WILL_DELAY_INTERVAL).orElse(0),
                MessagePropertiesMapping.fromNetty(properties));
    }

    private static void checkFlags(MqttConnectVariableHeader header, ProtocolVersion version) {
        if (header.willQos() == 3) {
            throw new MqttProtocolException(ReasonCodes.MALFORMED_PACKET, "will QoS 3", null, version);
        }
        if (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain())) {
            throw new MqttProtocolException(ReasonCodes.MALFORMED_PACKET, "will QoS or retain without a will",
                    null, version);
        }
        if (!version.isMqtt5() && header.hasPassword() && !header.hasUserName()) {
            throw new MqttProtocolException(ReasonCodes.MALFORMED_PACKET, "password without a user name", null,
                    version);
        }
    }

    private static void requireProtocol(boolean rule, String broken, ProtocolVersion version) {
        if (!rule) {
            throw new MqttProtocolException(ReasonCodes.PROTOCOL_ERROR, broken, null, version);
        }
    }

    /** The CONNECT as its own version says; a 3.1.1 CONNECT cannot carry a session expiry. */
    static MqttConnectMessage toNetty(Connect connect) {
        ProtocolVersion version = connect.version();
        boolean mqtt5 = version.isMqtt5();
        Optional<Will> will = connect.will();
        MqttProperties properties = mqtt5 ? Mqtt5Properties.builder()
                .fourByteIntegerUnless(SESSION_EXPIRY_INTERVAL, connect.sessionExpiryIntervalSeconds(), 0)
                .integerUnless(RECEIVE_MAXIMUM, connect.receiveMaximum(), DEFAULT_RECEIVE_MAXIMUM)
                .fourByteIntegerUnless(MAXIMUM_PACKET_SIZE, connect.maximumPacketSize(), 0)
                .integerUnless(TOPIC_ALIAS_MAXIMUM, connect.topicAliasMaximum(), 0)
                .integerUnless(REQUEST_PROBLEM_INFORMATION, connect.requestProblemInformation() ? 1 : 0, 1)
                .userProperties(connect.userProperties())
                .build() : MqttProperties.NO_PROPERTIES;
        MqttConnectVariableHeader header = new MqttConnectVariableHeader(version.protocolName(), version.level(),
                connect.username() != null, connect.password() != null,
                will.map(Will::retain).orElse(false), will.map(Will::qos).orElse(0), will.isPresent(),
                connect.cleanStart(), connect.keepAliveSeconds(), properties);
        MqttProperties willProperties = mqtt5 && will.isPresent() ? willProperties(will.get())
                : MqttProperties.NO_PROPERTIES;
        MqttConnectPayload payload = new MqttConnectPayload(connect.clientId(), willProperties,
                will.map(Will::topic).orElse(null), will.map(w -> w.payload().clone()).orElse(null),
                connect.username(), connect.password() == null ? null : connect.password().clone());
        return new MqttConnectMessage(fixedHeader(MqttMessageType.CONNECT), header, payload);
    }

    private static MqttProperties willProperties(Will will) {
        Mqtt5Properties.Builder properties = Mqtt5Properties.builder()
                .fourByteIntegerUnless(WILL_DELAY_INTERVAL, will.delayIntervalSeconds(), 0);
        return MessagePropertiesMapping.toNetty(will.properties(), properties).build();
    }

    static ConnAck fromNetty(MqttConnAckMessage message) {
        MqttConnAckVariableHeader header = message.variableHeader();
        Mqtt5Properties properties = Mqtt5Properties.of(header.properties());
        return new ConnAck(header.isSessionPresent(),
                ReasonCodes.connectReasonCode(header.connectReturnCode().byteValue() & 0xFF),
                properties.string(REASON_STRING), properties.string(ASSIGNED_CLIENT_IDENTIFIER),
                properties.integer(SERVER_KEEP_ALIVE), properties.integer(RECEIVE_MAXIMUM),
                properties.integer(TOPIC_ALIAS_MAXIMUM), properties.fourByteInteger(SESSION_EXPIRY_INTERVAL),
                properties.fourByteInteger(MAXIMUM_PACKET_SIZE));
    }

    /**
     * For 3.x: the 3.1.1 return code, no properties, and session present only when accepted
     * (MQTT-3.2.2-4). For MQTT 5: the reason code with the reason string and properties.
     */
    static MqttConnAckMessage toNetty(ConnAck connAck, ProtocolVersion version) {
        boolean accepted = connAck.reasonCode() == ReasonCodes.SUCCESS;
        MqttConnAckVariableHeader header;
        if (version.isMqtt5()) {
            MqttProperties properties = Mqtt5Properties.builder()
                    .string(ASSIGNED_CLIENT_IDENTIFIER, connAck.assignedClientIdentifier())
                    .integer(SERVER_KEEP_ALIVE, connAck.serverKeepAlive())
                    .integer(RECEIVE_MAXIMUM, connAck.receiveMaximum())
                    .integer(TOPIC_ALIAS_MAXIMUM, connAck.topicAliasMaximum())
                    .fourByteInteger(SESSION_EXPIRY_INTERVAL, connAck.sessionExpiryInterval())
                    .fourByteInteger(MAXIMUM_PACKET_SIZE, connAck.maximumPacketSize())
                    .string(REASON_STRING, connAck.reasonString())
                    .build();
            header = new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) connAck.reasonCode()),
                    accepted && connAck.sessionPresent(), properties);
        } else {
            byte returnCode = (byte) ReasonCodes.connectReturnCode311(connAck.reasonCode());
            header = new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf(returnCode),
                    accepted && connAck.sessionPresent());
        }
        return new MqttConnAckMessage(fixedHeader(MqttMessageType.CONNACK), header);
    }

    private static MqttFixedHeader fixedHeader(MqttMessageType type) {
        return new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0);
    }
}
