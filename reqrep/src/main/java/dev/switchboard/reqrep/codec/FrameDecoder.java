package dev.switchboard.reqrep.codec;

import static dev.switchboard.reqrep.ErrorCode.FRAME_TOO_LARGE;
import static dev.switchboard.reqrep.ErrorCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.CharacterCodingException;
import java.util.List;

/**
 * Bytes to {@link Frame}s, after the preamble. A frame whose length exceeds the maximum fails at
 * once, before its body is buffered. After the first failure the decoder discards all further
 * input: the pipeline answers the {@link FrameException} and closes the connection. Per channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** type(1) + flags(1) + id(4). */
    public static final int HEADER_LENGTH = 6;
    private final int maxFrameLength;
    private boolean failed;
    /** The last route name decoded, with its bytes: most connections call one route over and over. */
    private byte[] lastRouteBytes = new byte[0];
    private String lastRoute;

    /** @param maxFrameLength the largest value the length field may hold (bytes after it) */
    public FrameDecoder(int maxFrameLength) {
        if (maxFrameLength < HEADER_LENGTH + Frame.MAX_ROUTE_BYTES + 1) {
            throw new IllegalArgumentException("max frame length must be at least "
                    + (HEADER_LENGTH + Frame.MAX_ROUTE_BYTES + 1) + " bytes, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Frame frame = decodeOne(in);
            if (frame != null) {
                out.add(frame);
            }
        } catch (FrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Decodes one frame if it is all there; null when more bytes are needed. Pure: no context. */
    public Frame decodeOne(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxFrameLength) {
            throw new FrameException(FRAME_TOO_LARGE, 0,
                    "frame of " + length + " bytes exceeds the maximum of " + maxFrameLength + " bytes");
        }
        if (length < HEADER_LENGTH) {
            throw new FrameException(PROTOCOL_ERROR, 0,
                    "frame length " + length + " is shorter than the " + HEADER_LENGTH + "-byte header");
        }
        if (in.readableBytes() < 4 + length) {
            return null;
        }
        int start = in.readerIndex() + 4;
        int end = start + (int) length;
        byte type = in.getByte(start);
        byte flags = in.getByte(start + 1);
        int id = in.getInt(start + 2);
        int payload = start + HEADER_LENGTH;
        int payloadLength = end - payload;
        if (flags != 0) {
            throw new FrameException(PROTOCOL_ERROR, id, "reserved flags must be 0, got 0x" + hex(flags));
        }
        Frame frame = switch (type) {
            case Frame.TYPE_REQUEST -> request(in, id, payload, payloadLength);
            case Frame.TYPE_RESPONSE -> new Frame.Response(id, bytes(in, payload, payloadLength));
            case Frame.TYPE_ERROR -> error(in, id, payload, payloadLength);
            case Frame.TYPE_PING -> new Frame.Ping(ping(in, id, payload, payloadLength, "ping"));
            case Frame.TYPE_PONG -> new Frame.Pong(ping(in, id, payload, payloadLength, "pong"));
            case Frame.TYPE_GOAWAY -> goAway(in, id, payload, payloadLength);
            default -> throw new FrameException(PROTOCOL_ERROR, id, "unknown frame type 0x" + hex(type));
        };
        in.readerIndex(end);
        return frame;
    }

    private Frame request(ByteBuf in, int id, int payload, int payloadLength) {
        if (id == 0) {
            throw new FrameException(PROTOCOL_ERROR, 0, "request id 0 is reserved");
        }
        if (payloadLength < 1) {
            throw new FrameException(PROTOCOL_ERROR, id, "request frame has no route length byte");
        }
        int routeLength = in.getUnsignedByte(payload);
        if (routeLength == 0) {
            throw new FrameException(PROTOCOL_ERROR, id, "route name is empty");
        }
        if (1 + routeLength > payloadLength) {
            throw new FrameException(PROTOCOL_ERROR, id,
                    "route length " + routeLength + " runs past the end of the frame");
        }
        String route = route(in, payload + 1, routeLength, id);
        byte[] body = bytes(in, payload + 1 + routeLength, payloadLength - 1 - routeLength);
        return new Frame.Request(id, route, body);
    }

    private String route(ByteBuf in, int index, int length, int id) {
        if (length == lastRouteBytes.length) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = in.getByte(index + i) == lastRouteBytes[i];
            }
            if (same && lastRoute != null) {
                return lastRoute;
            }
        }
        String route = utf8(in, index, length, id, "route name");
        lastRouteBytes = bytes(in, index, length);
        lastRoute = route;
        return route;
    }

    private static Frame error(ByteBuf in, int id, int payload, int payloadLength) {
        if (payloadLength < 2) {
            throw new FrameException(PROTOCOL_ERROR, id, "error frame shorter than its 2-byte code");
        }
        int code = in.getUnsignedShort(payload);
        if (code == 0) {
            throw new FrameException(PROTOCOL_ERROR, id, "error code 0 is not allowed");
        }
        return new Frame.Error(id, code, utf8(in, payload + 2, payloadLength - 2, id, "error message"));
    }

    private static Frame goAway(ByteBuf in, int id, int payload, int payloadLength) {
        if (id != 0) {
            throw new FrameException(PROTOCOL_ERROR, id, "go-away frame must carry id 0");
        }
        if (payloadLength < 2) {
            throw new FrameException(PROTOCOL_ERROR, 0, "go-away frame shorter than its 2-byte code");
        }
        int code = in.getUnsignedShort(payload);
        return new Frame.GoAway(code, utf8(in, payload + 2, payloadLength - 2, 0, "go-away message"));
    }

    private static long ping(ByteBuf in, int id, int payload, int payloadLength, String what) {
        if (id != 0) {
            throw new FrameException(PROTOCOL_ERROR, id, what + " frame must carry id 0");
        }
        if (payloadLength != 8) {
            throw new FrameException(PROTOCOL_ERROR, 0,
                    what + " payload must be 8 bytes, got " + payloadLength);
        }
        return in.getLong(payload);
    }

    private static byte[] bytes(ByteBuf in, int index, int length) {
        byte[] bytes = new byte[length];
        in.getBytes(index, bytes);
        return bytes;
    }

    private static String utf8(ByteBuf in, int index, int length, int id, String what) {
        try {
            return Utf8Text.read(in, index, length);
        } catch (CharacterCodingException e) {
            throw new FrameException(PROTOCOL_ERROR, id, what + " is not valid UTF-8: "
                    + ByteBufUtil.hexDump(in, index, Math.min(length, 32)));
        }
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xFF);
    }
}
