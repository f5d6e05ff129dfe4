package dev.switchboard.mqtt.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.packet.Packet;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.AbstractByteArrayAssert;

/**
 * Drivers for Netty's MQTT codec plus {@link PacketMapper}, shared by the codec tests. They release
 * every buffer and message they create or read, and use no Jupiter extension, so the jqwik
 * properties can use them too.
 */
final class Wire {
    static final int MAX_BYTES = 1 << 20;

    private Wire() {
    }

    /** Concatenates hex fields into bytes: one field per argument, so each can carry a comment. */
    static byte[] hex(String... fields) {
        return HexFormat.of().parseHex(String.join("", fields).replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A decoder channel. With a version, the channel attribute is set as if that version's CONNECT
     * had been read; with null, it is left unset (the decoder then reads 3.1.1 until a CONNECT).
     */
    static EmbeddedChannel decoder(int maxBytes, ProtocolVersion version) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(maxBytes));
        if (version != null) {
            MqttVersionAttribute.set(channel, version);
        }
        return channel;
    }

    /**
     * Writes the bytes into the channel as one read, in a buffer from the channel's pooled
     * allocator, so that the leak detector tracks it and every slice the decoder takes of it.
     */
    static void writeInbound(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(channel.alloc().buffer(bytes.length).writeBytes(bytes));
    }

    /** One result of decoding: a packet, or the protocol error the mapper threw. */
    record Decoded(Packet packet, MqttProtocolException error) {
    }

    /** Feeds each chunk as its own read and maps every message the decoder produced, releasing each. */
    static List<Decoded> decodeAll(int maxBytes, ProtocolVersion version, byte[]... chunks) {
        EmbeddedChannel channel = decoder(maxBytes, version);
        try {
            for (byte[] chunk : chunks) {
                writeInbound(channel, chunk);
            }
            return mapInbound(channel);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    static List<Decoded> mapInbound(EmbeddedChannel channel) {
        List<Decoded> decoded = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            try {
                decoded.add(new Decoded(PacketMapper.fromNetty((MqttMessage) msg), null));
            } catch (MqttProtocolException e) {
                decoded.add(new Decoded(null, e));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return decoded;
    }

    /** The packets in the bytes, which must all decode. */
    static List<Packet> decode(ProtocolVersion version, byte[]... chunks) {
        List<Packet> packets = new ArrayList<>();
        for (Decoded d : decodeAll(MAX_BYTES, version, chunks)) {
            if (d.error() != null) {
                throw new AssertionError("decoding failed", d.error());
            }
            packets.add(d.packet());
        }
        return packets;
    }

    /** The one packet in the bytes. */
    static Packet decodeOne(ProtocolVersion version, byte[] bytes) {
        List<Packet> packets = decode(version, bytes);
        assertThat(packets).hasSize(1);
        return packets.get(0);
    }

    /** The error the bytes end in: nothing else may come out of the decoder after it. */
    static MqttProtocolException failure(int maxBytes, ProtocolVersion version, byte[]... chunks) {
        List<Decoded> decoded = decodeAll(maxBytes, version, chunks);
        assertThat(decoded).as("decoded").isNotEmpty();
        Decoded last = decoded.get(decoded.size() - 1);
        assertThat(last.error()).as("error after " + decoded).isNotNull();
        return last.error();
    }

    static MqttProtocolException failure(ProtocolVersion version, byte[] bytes) {
        return failure(MAX_BYTES, version, bytes);
    }

    /** Assertions on bytes that print them in hexadecimal. */
    static AbstractByteArrayAssert<?> assertThatBytes(byte[] actual) {
        return assertThat(actual).inHexadecimal();
    }

    /** The bytes {@code MqttEncoder} writes for the records, on a channel speaking {@code version}. */
    static byte[] encode(ProtocolVersion version, Packet... packets) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        MqttVersionAttribute.set(channel, version);
        try {
            for (Packet packet : packets) {
                assertThat(channel.writeOutbound(PacketMapper.toNetty(packet, version))).isTrue();
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Object msg; (msg = channel.readOutbound()) != null; ) {
                try {
                    all.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
            return all.toByteArray();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
