package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.Connect;
import dev.switchboard.mqtt.packet.MessageProperties;
import dev.switchboard.mqtt.packet.ProtocolVersion;
import dev.switchboard.mqtt.packet.Publish;
import dev.switchboard.mqtt.packet.Subscribe;
import dev.switchboard.mqtt.packet.Subscription;
import dev.switchboard.mqtt.packet.UserProperty;
import dev.switchboard.mqtt.packet.Will;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random records that a given protocol version can carry: for 3.1.1 the MQTT 5 fields hold what
 * the mapper fills in for 3.1.1 (no properties, session expiry from clean session, ...), so that a
 * round trip must give back an equal record.
 */
final class PacketArbitraries {
    private static final long MAX_FOUR_BYTE = 0xFFFF_FFFFL;
    private static final int MAX_VARIABLE_BYTE = 268_435_455;

    private PacketArbitraries() {
    }

    /** Well-formed MQTT strings: no U+0000, no lone surrogates; sometimes a character outside the BMP. */
    static Arbitrary<String> strings(int minLength, int maxLength) {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('\u0001', '\u007f')
                .withCharRange('\u00a0', '\ud7ff').ofMinLength(minLength).ofMaxLength(maxLength);
        Arbitrary<String> extra = Arbitraries.of("", "", "", "\uD83D\uDE00", "\u00e9");
        return Combinators.combine(plain, extra).as((s, e) -> s + e);
    }

    /** Topic names: no wildcards; never empty. */
    static Arbitrary<String> topicNames() {
        return Arbitraries.strings().withCharRange('\u0001', '\u007f').withCharRange('\u00a0', '\u3000')
                .excludeChars('+', '#').ofMinLength(1).ofMaxLength(40);
    }

    static Arbitrary<String> topicFilters() {
        return Arbitraries.oneOf(topicNames(), Arbitraries.of("#", "+", "a/+/b", "a/#", "+/+"));
    }

    static Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    static Arbitrary<List<UserProperty>> userProperties() {
        return Combinators.combine(strings(0, 10), strings(0, 10)).as(UserProperty::new).list().ofMaxSize(3);
    }

    static Arbitrary<OptionalInt> optionalInt(int min, int max) {
        return Arbitraries.integers().between(min, max).injectNull(0.4)
                .map(i -> i == null ? OptionalInt.empty() : OptionalInt.of(i));
    }

    static Arbitrary<OptionalLong> optionalFourByte() {
        return Arbitraries.longs().between(0, MAX_FOUR_BYTE).injectNull(0.4)
                .map(l -> l == null ? OptionalLong.empty() : OptionalLong.of(l));
    }

    static Arbitrary<MessageProperties> messageProperties() {
        return Combinators.combine(optionalInt(0, 1), optionalFourByte(), strings(0, 12).injectNull(0.5),
                topicNames().injectNull(0.5), payloads().injectNull(0.5), userProperties())
                .as(MessageProperties::new);
    }

    static Arbitrary<Publish> publishes(ProtocolVersion version) {
        boolean mqtt5 = version.isMqtt5();
        Arbitrary<MessageProperties> properties = mqtt5
                ? messageProperties()
                : Arbitraries.just(MessageProperties.NONE);
        Arbitrary<OptionalInt> alias = mqtt5 ? optionalInt(1, 65_535) : Arbitraries.just(OptionalInt.empty());
        Arbitrary<List<Integer>> subscriptionIds = mqtt5
                ? Arbitraries.integers().between(1, MAX_VARIABLE_BYTE).list().ofMaxSize(3)
                : Arbitraries.just(List.of());
        Arbitrary<Boolean> emptyTopic = mqtt5 ? Arbitraries.of(false, false, true) : Arbitraries.just(false);
        Arbitrary<Delivery> delivery = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(1, 65_535))
                .as((qos, retain, dup, packetId) -> new Delivery(qos, retain, qos > 0 && dup, qos == 0 ? 0 : packetId));
        return Combinators.combine(topicNames(), payloads(), delivery, properties,
                Combinators.combine(alias, emptyTopic).as(AliasedTopic::new), subscriptionIds)
                .as((topic, payload, d, props, aliased, subIds) -> new Publish(aliased.topic(topic), payload, d.qos(),
                        d.retain(), d.dup(), d.packetId(), props, aliased.alias(), subIds));
    }

    /** QoS, flags and packet id of a PUBLISH: DUP only above QoS 0, packet id 0 at QoS 0. */
    private record Delivery(int qos, boolean retain, boolean dup, int packetId) {
    }

    /** A PUBLISH to an alias may leave its topic empty. */
    private record AliasedTopic(OptionalInt alias, boolean emptyTopic) {
        String topic(String topic) {
            return alias.isPresent() && emptyTopic ? "" : topic;
        }
    }

    static Arbitrary<Subscribe> subscribes(ProtocolVersion version) {
        boolean mqtt5 = version.isMqtt5();
        Arbitrary<Boolean> flags = mqtt5 ? Arbitraries.of(true, false) : Arbitraries.just(false);
        Arbitrary<Integer> retainHandling = mqtt5 ? Arbitraries.integers().between(0, 2) : Arbitraries.just(0);
        Arbitrary<Subscription> subscription = Combinators.combine(topicFilters(),
                Arbitraries.integers().between(0, 2), flags, flags, retainHandling).as(Subscription::new);
        return Combinators.combine(Arbitraries.integers().between(1, 65_535), subscription.list().ofMinSize(1)
                        .ofMaxSize(4),
                mqtt5 ? optionalInt(1, MAX_VARIABLE_BYTE) : Arbitraries.just(OptionalInt.empty()),
                mqtt5 ? userProperties() : Arbitraries.just(List.<UserProperty>of()))
                .as(Subscribe::new);
    }

    static Arbitrary<Connect> connects(ProtocolVersion version) {
        return version.isMqtt5() ? connects5() : connects311();
    }

    private static Arbitrary<Connect> connects311() {
        Arbitrary<Optional<Will>> will = Combinators.combine(topicNames(), payloads(),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false))
                .as((topic, payload, qos, retain) -> new Will(topic, payload, qos, retain, 0, MessageProperties.NONE))
                .optional();
        return Combinators.combine(strings(0, 23), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 65_535), strings(0, 12).injectNull(0.3),
                payloads().injectNull(0.3), will)
                .as((clientId, clean, keepAlive, username, password, w) -> new Connect(ProtocolVersion.MQTT_3_1_1,
                        clientId, clean, keepAlive, clean ? 0 : Connect.NEVER_EXPIRES, 65_535, 0, 0, true, username,
                        username == null ? null : password, w, List.of()));
    }

    /** The MQTT 5 CONNECT properties; a maximum packet size of 0 means none was sent. */
    private record Limits(long sessionExpiry, int receiveMaximum, long maximumPacketSize, int topicAliasMaximum,
            boolean requestProblemInformation) {
    }

    private static Arbitrary<Connect> connects5() {
        Arbitrary<Optional<Will>> will = Combinators.combine(topicNames(), payloads(),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                Arbitraries.longs().between(0, MAX_FOUR_BYTE), messageProperties())
                .as(Will::new)
                .optional();
        Arbitrary<Limits> limits = Combinators.combine(Arbitraries.longs().between(0, MAX_FOUR_BYTE),
                Arbitraries.integers().between(1, 65_535), Arbitraries.longs().between(0, MAX_FOUR_BYTE),
                Arbitraries.integers().between(0, 65_535), Arbitraries.of(true, false))
                .as(Limits::new);
        return Combinators.combine(strings(0, 30), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 65_535), strings(0, 12).injectNull(0.3),
                payloads().injectNull(0.3), will, userProperties(), limits)
                .as((clientId, clean, keepAlive, username, password, w, users, l) -> new Connect(
                        ProtocolVersion.MQTT_5, clientId, clean, keepAlive, l.sessionExpiry(), l.receiveMaximum(),
                        l.maximumPacketSize(), l.topicAliasMaximum(), l.requestProblemInformation(), username,
                        password, w, users));
    }
}
