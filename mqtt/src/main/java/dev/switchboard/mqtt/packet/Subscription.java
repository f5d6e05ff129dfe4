package dev.switchboard.mqtt.packet;

import java.util.Objects;

/** One topic filter of a SUBSCRIBE with its options (MQTT 5 options false/0 for 3.1.1). */
public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {
    public Subscription {
        Objects.requireNonNull(filter, "filter");
    }
}
