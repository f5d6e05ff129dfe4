package dev.switchboard.mqtt.store;

import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.UserProperty;
import dev.switchboard.mqtt.packet.Will;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Messages with every field set, for the store tests. */
final class Messages {
    static final MessageProperties FULL_PROPERTIES = new MessageProperties(OptionalInt.of(1), OptionalLong.of(3600),
            "text/plain; charset=utf-8", "reply/to/é", new byte[] {0, 1, (byte) 0xFF},
            List.of(new UserProperty("k", "v"), new UserProperty("k", "v2"), new UserProperty("名", "")));

    private Messages() {
    }

    static Publish full(String topic, String payload) {
        return new Publish(topic, payload.getBytes(StandardCharsets.UTF_8), 2, true, true, 65_535, FULL_PROPERTIES,
                OptionalInt.of(7), List.of(1, 268_435_455));
    }

    static Publish plain(String topic, String payload, int qos) {
        return Publish.of(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, 0);
    }

    static Will will() {
        return new Will("clients/gone", "bye".getBytes(StandardCharsets.UTF_8), 1, true, 30, FULL_PROPERTIES);
    }
}
