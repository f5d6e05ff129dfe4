package dev.switchboard.reqrep.server;

import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.reqrep.codec.FrameDecoder;
import dev.switchboard.reqrep.codec.FrameEncoder;
import dev.switchboard.testkit.RawClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/** Frames over a {@link RawClient}: the tests' side of the wire, through the pure codec. */
final class FramedWire {
    static final String PREAMBLE_HEX = "00535742 01";

    private FramedWire() {
    }

    /** Connects, sends the preamble and checks the server's. */
    static RawClient open(java.net.SocketAddress address) {
        RawClient client = RawClient.connect(address);
        client.sendHex(PREAMBLE_HEX).expectHex(PREAMBLE_HEX);
        return client;
    }

    static byte[] bytes(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FrameEncoder.write(frame, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static void send(RawClient client, Frame frame) {
        client.send(bytes(frame));
    }

    /** Reads exactly one frame. */
    static Frame read(RawClient client) {
        byte[] length = client.read(4);
        byte[] rest = client.read(ByteBuffer.wrap(length).getInt());
        ByteBuf buf = Unpooled.wrappedBuffer(length, rest);
        try {
            return new FrameDecoder(Integer.MAX_VALUE - 8).decodeOne(buf);
        } finally {
            buf.release();
        }
    }
}
