package dev.switchboard.mqtt.broker;

/**
 * The broker's per-address and per-client limits, beside the older ones kept directly in
 * {@link BrokerConfig} (connections, packet size, inflight, queued messages). Each is logged, rate
 * limited, when hit, naming the client or address and the flag. 0 turns a limit off where that is
 * allowed (said per component).
 *
 * @param maxConnectionsPerAddress connections open at once from one IP address; 0: no limit. More
 *     are closed on accept
 * @param maxConnectRatePerAddress new connections per second from one IP address (also the burst);
 *     0: no limit. More are closed on accept
 * @param maxQueuedBytes payload bytes queued per session, with the same rules as the message count:
 *     offline, past it messages are dropped and counted; online, its publishers are held instead and
 *     no QoS 1 or 2 message is dropped; 0: no limit
 * @param maxTopicLevels levels ('/'-separated) in a topic name or filter: a PUBLISH over it ends the
 *     connection (MQTT 5: DISCONNECT 0x90 Topic Name invalid), a SUBSCRIBE filter over it is refused
 *     (SUBACK 0x8F, 3.1.1: 0x80)
 * @param maxTopicLength bytes (UTF-8) in a topic name or filter, handled as the levels are
 * @param maxSubscriptionsPerClient topic filters one session may hold; a SUBSCRIBE past it is
 *     refused per filter (SUBACK 0x97 Quota exceeded, 3.1.1: 0x80); 0: no limit
 * @param maxPublishRate PUBLISH packets per second one connection may send; past it the broker
 *     stops reading that connection until the rate allows (nothing is dropped); 0: no limit
 * @param maxPublishBytesRate payload bytes per second one connection may publish, enforced the same
 *     way; 0: no limit
 */
public record Limits(
        int maxConnectionsPerAddress,
        int maxConnectRatePerAddress,
        long maxQueuedBytes,
        int maxTopicLevels,
        int maxTopicLength,
        int maxSubscriptionsPerClient,
        int maxPublishRate,
        long maxPublishBytesRate) {

    /** The broker's defaults: topic shape and queued bytes bounded, the rest off. */
    public static final Limits DEFAULTS = new Limits(0, 0, 16L * 1024 * 1024, 128, 65_535, 0, 0, 0);

    public Limits {
        require(maxConnectionsPerAddress >= 0, "max connections per address must not be negative");
        require(maxConnectRatePerAddress >= 0, "max connect rate per address must not be negative");
        require(maxQueuedBytes >= 0, "max queued bytes must not be negative");
        require(maxTopicLevels >= 1 && maxTopicLevels <= 65_535, "max topic levels must be 1-65535, got "
                + maxTopicLevels);
        require(maxTopicLength >= 1 && maxTopicLength <= 65_535, "max topic length must be 1-65535, got "
                + maxTopicLength);
        require(maxSubscriptionsPerClient >= 0, "max subscriptions per client must not be negative");
        require(maxPublishRate >= 0, "max publish rate must not be negative");
        require(maxPublishBytesRate >= 0, "max publish bytes rate must not be negative");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Why a topic name or filter breaks {@link #maxTopicLevels} or {@link #maxTopicLength}, for the log
     * and the reason string; null when it does not.
     */
    String topicProblem(String topic) {
        if (topic.length() > maxTopicLength / 3) { // at most 3 UTF-8 bytes per UTF-16 char: count only then
            int bytes = topic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > maxTopicLength) {
                return "topic of " + bytes + " bytes, limit is " + maxTopicLength + " (--max-topic-length)";
            }
        }
        int levels = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/' && ++levels > maxTopicLevels) {
                return "topic of more than " + maxTopicLevels + " levels, limit is " + maxTopicLevels
                        + " (--max-topic-levels)";
            }
        }
        return null;
    }

    /** Whether a per-connection publish rate is set. */
    boolean limitsPublishRate() {
        return maxPublishRate > 0 || maxPublishBytesRate > 0;
    }
}
