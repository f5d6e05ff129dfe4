package dev.switchboard.mqtt.broker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** MQTT packets as bytes for raw-wire tests, built field by field (3.1.1 and 5). */
final class WirePackets {
    private WirePackets() {
    }

    /** CONNECT, clean start, keep alive 60 s; MQTT 5 with an empty property list. */
    static byte[] connect(String clientId, boolean v5) {
        Body b = new Body().string("MQTT").u8(v5 ? 5 : 4).u8(0x02).u16(60);
        if (v5) {
            b.u8(0); // properties: none
        }
        return b.string(clientId).packet(0x10);
    }

    static byte[] publish(String topic, int qos, int packetId, byte[] payload, boolean v5) {
        Body b = new Body().string(topic);
        if (qos > 0) {
            b.u16(packetId);
        }
        if (v5) {
            b.u8(0);
        }
        return b.bytes(payload).packet(0x30 | (qos << 1));
    }

    /** SUBSCRIBE, every filter at QoS 1. */
    static byte[] subscribe(int packetId, boolean v5, String... filters) {
        Body b = new Body().u16(packetId);
        if (v5) {
            b.u8(0);
        }
        for (String f : filters) {
            b.string(f).u8(1);
        }
        return b.packet(0x82);
    }

    /** SUBACK with these return (3.1.1) or reason (5) codes, as hex for RawClient.expectHex. */
    static String subAck(int packetId, boolean v5, int... codes) {
        Body b = new Body().u16(packetId);
        if (v5) {
            b.u8(0);
        }
        for (int c : codes) {
            b.u8(c);
        }
        return hex(b.packet(0x90));
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte x : bytes) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }

    private static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body u8(int v) {
            out.write(v);
            return this;
        }

        Body u16(int v) {
            return u8(v >> 8).u8(v & 0xFF);
        }

        Body string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return u16(utf8.length).bytes(utf8);
        }

        Body bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] packet(int firstByte) {
            byte[] body = out.toByteArray();
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(firstByte);
            int remaining = body.length;
            do { // variable byte integer
                int digit = remaining % 128;
                remaining /= 128;
                p.write(remaining > 0 ? digit | 0x80 : digit);
            } while (remaining > 0);
            p.writeBytes(body);
            return p.toByteArray();
        }
    }
}
