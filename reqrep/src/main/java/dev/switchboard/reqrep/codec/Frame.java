package dev.switchboard.reqrep.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of the framed request/response protocol, as a plain immutable value: the codec turns
 * bytes into these and back, and no {@code ByteBuf} leaves the codec. Layout: docs/protocol/reqrep.md.
 */
public sealed interface Frame {
    /** Request id, or 0 for connection-level frames (ping, pong, go-away, connection errors). */
    int id();

    /** Frame type byte on the wire. */
    byte type();

    byte TYPE_REQUEST = 0x01;
    byte TYPE_RESPONSE = 0x02;
    byte TYPE_ERROR = 0x03;
    byte TYPE_PING = 0x04;
    byte TYPE_PONG = 0x05;
    byte TYPE_GOAWAY = 0x06;

    /** The most bytes a route name takes on the wire (its length is one byte). */
    int MAX_ROUTE_BYTES = 255;

    record Request(int id, String route, byte[] body) implements Frame {
        public Request {
            if (id == 0) {
                throw new IllegalArgumentException("request id 0 is reserved for connection-level frames");
            }
            Objects.requireNonNull(route, "route");
            int routeBytes = Utf8Text.length(route);
            if (routeBytes == 0 || routeBytes > MAX_ROUTE_BYTES) {
                throw new IllegalArgumentException("route name must be 1-255 bytes of UTF-8, got " + routeBytes);
            }
            Objects.requireNonNull(body, "body");
        }

        @Override
        public byte type() {
            return TYPE_REQUEST;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && r.id == id && r.route.equals(route) && Arrays.equals(r.body, body);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * id + route.hashCode()) + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Request[id=" + id + ", route=" + route + ", body=" + body.length + " bytes]";
        }
    }

    record Response(int id, byte[] body) implements Frame {
        public Response {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public byte type() {
            return TYPE_RESPONSE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && r.id == id && Arrays.equals(r.body, body);
        }

        @Override
        public int hashCode() {
            return 31 * id + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Response[id=" + id + ", body=" + body.length + " bytes]";
        }
    }

    /** An error answer to request {@code id}, or a connection-level error when {@code id} is 0. */
    record Error(int id, int code, String message) implements Frame {
        public Error {
            if (code < 1 || code > 0xFFFF) {
                throw new IllegalArgumentException("error code must be 1-65535, got " + code);
            }
            Objects.requireNonNull(message, "message");
        }

        @Override
        public byte type() {
            return TYPE_ERROR;
        }
    }

    record Ping(long payload) implements Frame {
        @Override
        public int id() {
            return 0;
        }

        @Override
        public byte type() {
            return TYPE_PING;
        }
    }

    record Pong(long payload) implements Frame {
        @Override
        public int id() {
            return 0;
        }

        @Override
        public byte type() {
            return TYPE_PONG;
        }
    }

    /** The server is draining: requests already sent are answered, new ones are refused. */
    record GoAway(int code, String message) implements Frame {
        public GoAway {
            if (code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("go-away code must be 0-65535, got " + code);
            }
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int id() {
            return 0;
        }

        @Override
        public byte type() {
            return TYPE_GOAWAY;
        }
    }
}
