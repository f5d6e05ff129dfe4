package dev.switchboard.mqtt.broker;

import dev.switchboard.mqtt.packet.Publish;
import java.util.List;

/** Retained messages by topic, looked up by filter. Thread-safe. */
interface RetainedMessages {
    /** Stores {@code message} for its topic, or clears the topic when its payload is empty. */
    void retain(Publish message);

    List<Publish> matching(String filter);

    int countRetained();
}
