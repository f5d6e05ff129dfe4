package dev.switchboard.mqtt.codec;

import static dev.switchboard.mqtt.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

/**
 * Who owns what: {@link PacketMapper#fromNetty} neither retains nor releases, the caller releases,
 * and the record shares nothing with Netty's buffer. The leak detector (PARANOID, failing the test
 * on a report) checks that every decoded buffer here is released exactly by that rule.
 */
class PacketMapperOwnershipTest {
    @Test
    void fromNettyCopiesThePayloadAndLeavesReleasingToTheCaller() {
        EmbeddedChannel channel = Wire.decoder(Wire.MAX_BYTES, ProtocolVersion.MQTT_3_1_1);
        try {
            Wire.writeInbound(channel, PublishDecodingTest.PUBLISH_311_QOS0);
            MqttPublishMessage message = channel.readInbound();
            try {
                assertThat(message.refCnt()).isEqualTo(1);

                Publish publish = (Publish) PacketMapper.fromNetty(message);

                assertThat(message.refCnt()).as("not released or retained by the mapper").isEqualTo(1);
                message.payload().setByte(0, 'j');
                assertThat(publish.payload()).as("a copy").isEqualTo(Wire.utf8("hello"));
            } finally {
                assertThat(message.release()).as("the caller's release frees it").isTrue();
            }
        } finally {
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void whenMappingThrowsTheCallerStillReleases() {
        EmbeddedChannel channel = Wire.decoder(Wire.MAX_BYTES, ProtocolVersion.MQTT_3_1_1);
        try {
            Wire.writeInbound(channel, hex(
                    "82 02 0001")); // SUBSCRIBE without filters: Netty accepts it, the mapper does not
            MqttMessage message = channel.readInbound();
            try {
                assertThatThrownBy(() -> PacketMapper.fromNetty(message)).isInstanceOf(MqttProtocolException.class);
            } finally {
                ReferenceCountUtil.release(message);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aDecoderFailureCarriesNoBuffer() {
        EmbeddedChannel channel = Wire.decoder(Wire.MAX_BYTES, ProtocolVersion.MQTT_3_1_1);
        try {
            Wire.writeInbound(channel, hex("36 05 0001 61 0001")); // PUBLISH QoS 3
            MqttMessage message = channel.readInbound();

            assertThat(message.decoderResult().isFailure()).isTrue();
            assertThat(message).isNotInstanceOf(ByteBuf.class).isNotInstanceOf(MqttPublishMessage.class);
            assertThatThrownBy(() -> PacketMapper.fromNetty(message)).isInstanceOf(MqttProtocolException.class);
            assertThat(ReferenceCountUtil.release(message)).as("nothing to release").isFalse();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void toNettyWrapsThePayloadAndTheEncoderReleasesIt() {
        Publish publish = Publish.of("a", new byte[] {1, 2, 3}, 1, false, 9);
        MqttPublishMessage message = (MqttPublishMessage) PacketMapper.toNetty(publish, ProtocolVersion.MQTT_3_1_1);
        ByteBuf payload = message.payload();
        assertThat(payload.array()).as("wrapped, not copied").isSameAs(publish.payload());
        assertThat(message.refCnt()).isEqualTo(1);

        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            channel.writeOutbound(message);
            assertThat(message.refCnt()).as("released by the encoder").isZero();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
