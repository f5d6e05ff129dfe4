package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.decodeOne;
import static dev.switchboard.mqtt.codec.Wire.hex;
import static dev.switchboard.mqtt.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.UserProperty;
import dev.switchboard.mqtt.packet.Will;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** CONNECT bytes for each protocol version decoded and mapped; every field asserted. */
class ConnectDecodingTest {
    static final byte[] CONNECT_311_WILL = hex(
            "10", // CONNECT
            "28", // remaining length 40
            "0004 4d515454", // protocol name "MQTT"
            "04", // protocol level 4 (3.1.1)
            "ee", // flags: user name, password, will retain, will QoS 1, will, clean session
            "003c", // keep alive 60 s
            "0003 636c69", // client id "cli"
            "0006 772f6c617374", // will topic "w/last"
            "0003 627965", // will payload "bye"
            "0005 616c696365", // user name "alice"
            "0003 010203"); // password 01 02 03

    static final Connect CONNECT_311_WILL_RECORD = new Connect(ProtocolVersion.MQTT_3_1_1, "cli", true, 60,
            0, 65_535, 0, 0, true, "alice", new byte[] {1, 2, 3},
            Optional.of(new Will("w/last", utf8("bye"), 1, true, 0, MessageProperties.NONE)), List.of());

    static final byte[] CONNECT_5 = hex(
            "10", // CONNECT
            "72", // remaining length 114
            "0004 4d515454", // protocol name "MQTT"
            "05", // protocol level 5
            "d6", // flags: user name, password, will QoS 2, will, clean start
            "001e", // keep alive 30 s
            "19", // properties length 25
            "11 00000e10", //   session expiry interval 3600 s
            "21 000a", //   receive maximum 10
            "27 00004000", //   maximum packet size 16384
            "22 0005", //   topic alias maximum 5
            "17 00", //   request problem information 0
            "26 0001 6b 0001 76", //   user property k=v
            "0004 64657631", // client id "dev1"
            "2d", // will properties length 45
            "18 00000005", //   will delay interval 5 s
            "01 01", //   payload format indicator 1 (UTF-8)
            "02 0000003c", //   message expiry interval 60 s
            "03 000a 746578742f706c61696e", //   content type "text/plain"
            "08 0005 7265706c79", //   response topic "reply"
            "09 0002 cafe", //   correlation data ca fe
            "26 0001 61 0001 62", //   user property a=b
            "0006 737461747573", // will topic "status"
            "0007 6f66666c696e65", // will payload "offline"
            "0003 626f62", // user name "bob"
            "0002 7077"); // password "pw"

    static final Connect CONNECT_5_RECORD = new Connect(ProtocolVersion.MQTT_5, "dev1", true, 30, 3600, 10,
            16_384, 5, false, "bob", utf8("pw"),
            Optional.of(new Will("status", utf8("offline"), 2, false, 5, new MessageProperties(OptionalInt.of(1),
                    OptionalLong.of(60), "text/plain", "reply", new byte[] {(byte) 0xca, (byte) 0xfe},
                    List.of(new UserProperty("a", "b"))))),
            List.of(new UserProperty("k", "v")));

    @Test
    void mqtt311ConnectWithWillUserNameAndPassword() {
        Connect connect = (Connect) decodeOne(null, CONNECT_311_WILL);

        assertThat(connect.version()).isEqualTo(ProtocolVersion.MQTT_3_1_1);
        assertThat(connect.clientId()).isEqualTo("cli");
        assertThat(connect.cleanStart()).isTrue();
        assertThat(connect.keepAliveSeconds()).isEqualTo(60);
        assertThat(connect.sessionExpiryIntervalSeconds()).as("clean session: ends with the connection").isZero();
        assertThat(connect.receiveMaximum()).isEqualTo(65_535);
        assertThat(connect.maximumPacketSize()).as("no limit").isZero();
        assertThat(connect.topicAliasMaximum()).isZero();
        assertThat(connect.requestProblemInformation()).isTrue();
        assertThat(connect.username()).isEqualTo("alice");
        assertThat(connect.password()).containsExactly(1, 2, 3);
        assertThat(connect.userProperties()).isEmpty();
        Will will = connect.will().orElseThrow();
        assertThat(will.topic()).isEqualTo("w/last");
        assertThat(will.payload()).isEqualTo(utf8("bye"));
        assertThat(will.qos()).isEqualTo(1);
        assertThat(will.retain()).isTrue();
        assertThat(will.delayIntervalSeconds()).isZero();
        assertThat(will.properties()).isEqualTo(MessageProperties.NONE);
        assertThat(connect).isEqualTo(CONNECT_311_WILL_RECORD);
    }

    @Test
    void mqtt311PersistentSessionNeverExpires() {
        Connect connect = (Connect) decodeOne(null, hex(
                "10", // CONNECT
                "0d", // remaining length 13
                "0004 4d515454", // protocol name "MQTT"
                "04", // protocol level 4
                "00", // flags: none (clean session 0)
                "0000", // keep alive 0 (off)
                "0001 61")); // client id "a"

        assertThat(connect).isEqualTo(new Connect(ProtocolVersion.MQTT_3_1_1, "a", false, 0, Connect.NEVER_EXPIRES,
                65_535, 0, 0, true, null, null, Optional.empty(), List.of()));
    }

    @Test
    void mqtt31ConnectIsNamedMqIsdp() {
        Connect connect = (Connect) decodeOne(null, hex(
                "10", // CONNECT
                "10", // remaining length 16
                "0006 4d5149736470", // protocol name "MQIsdp"
                "03", // protocol level 3 (3.1)
                "02", // flags: clean session
                "000a", // keep alive 10 s
                "0002 6331")); // client id "c1"

        assertThat(connect).isEqualTo(new Connect(ProtocolVersion.MQTT_3_1, "c1", true, 10, 0, 65_535, 0, 0, true,
                null, null, Optional.empty(), List.of()));
        assertThat(connect.version().protocolName()).isEqualTo("MQIsdp");
    }

    @Test
    void mqtt5ConnectWithPropertiesAndWillProperties() {
        Connect connect = (Connect) decodeOne(null, CONNECT_5);

        assertThat(connect.version()).isEqualTo(ProtocolVersion.MQTT_5);
        assertThat(connect.clientId()).isEqualTo("dev1");
        assertThat(connect.cleanStart()).isTrue();
        assertThat(connect.keepAliveSeconds()).isEqualTo(30);
        assertThat(connect.sessionExpiryIntervalSeconds()).isEqualTo(3600);
        assertThat(connect.receiveMaximum()).isEqualTo(10);
        assertThat(connect.maximumPacketSize()).isEqualTo(16_384);
        assertThat(connect.topicAliasMaximum()).isEqualTo(5);
        assertThat(connect.requestProblemInformation()).isFalse();
        assertThat(connect.username()).isEqualTo("bob");
        assertThat(connect.password()).isEqualTo(utf8("pw"));
        assertThat(connect.userProperties()).containsExactly(new UserProperty("k", "v"));
        Will will = connect.will().orElseThrow();
        assertThat(will.topic()).isEqualTo("status");
        assertThat(will.payload()).isEqualTo(utf8("offline"));
        assertThat(will.qos()).isEqualTo(2);
        assertThat(will.retain()).isFalse();
        assertThat(will.delayIntervalSeconds()).isEqualTo(5);
        MessageProperties props = will.properties();
        assertThat(props.payloadFormatIndicator()).hasValue(1);
        assertThat(props.messageExpiryIntervalSeconds()).hasValue(60);
        assertThat(props.contentType()).isEqualTo("text/plain");
        assertThat(props.responseTopic()).isEqualTo("reply");
        assertThat(props.correlationData()).containsExactly(0xca, 0xfe);
        assertThat(props.userProperties()).containsExactly(new UserProperty("a", "b"));
        assertThat(connect).isEqualTo(CONNECT_5_RECORD);
    }

    @Test
    void mqtt5ConnectWithoutPropertiesGetsTheDefaults() {
        Connect connect = (Connect) decodeOne(null, hex(
                "10", // CONNECT
                "0e", // remaining length 14
                "0004 4d515454", // protocol name "MQTT"
                "05", // protocol level 5
                "00", // flags: none (clean start 0)
                "0000", // keep alive 0
                "00", // properties length 0
                "0001 78")); // client id "x"

        assertThat(connect).isEqualTo(new Connect(ProtocolVersion.MQTT_5, "x", false, 0, 0, 65_535, 0, 0, true,
                null, null, Optional.empty(), List.of()));
    }

    @Test
    void sessionExpiryIsAnUnsignedFourByteInteger() {
        Connect connect = (Connect) decodeOne(null, hex(
                "10", // CONNECT
                "13", // remaining length 19
                "0004 4d515454", // protocol name "MQTT"
                "05", // protocol level 5
                "00", // flags: none
                "0000", // keep alive 0
                "05", // properties length 5
                "11 ffffffff", //   session expiry interval 0xFFFFFFFF (never)
                "0001 78")); // client id "x"

        assertThat(connect.sessionExpiryIntervalSeconds()).isEqualTo(Connect.NEVER_EXPIRES);
    }

    @Test
    void theDecoderTellsTheChannelWhichVersionTheConnectDeclared() {
        EmbeddedChannel channel = Wire.decoder(Wire.MAX_BYTES, null);
        try {
            assertThat(MqttVersionAttribute.get(channel)).isEmpty();
            Wire.writeInbound(channel, CONNECT_5);
            assertThat(Wire.mapInbound(channel)).extracting(Wire.Decoded::packet).containsExactly(CONNECT_5_RECORD);
            assertThat(MqttVersionAttribute.get(channel)).hasValue(ProtocolVersion.MQTT_5);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
