package dev.switchboard.mqtt.codec;

import dev.switchboard.mqtt.packet.UserProperty;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.BinaryProperty;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed access to the MQTT 5 properties of a Netty message, both ways. Netty keeps every integer
 * property in an {@code Integer}; Four Byte Integers (session expiry, message expiry, maximum packet
 * size, will delay) are unsigned on the wire and are read and written here as {@code long}. Binary
 * values are copied, so no array is shared with Netty. A null {@link MqttProperties} reads as empty.
 */
final class Mqtt5Properties {
    private final MqttProperties properties;

    private Mqtt5Properties(MqttProperties properties) {
        this.properties = properties == null ? MqttProperties.NO_PROPERTIES : properties;
    }

    static Mqtt5Properties of(MqttProperties properties) {
        return new Mqtt5Properties(properties);
    }

    boolean has(int id) {
        return properties.getProperty(id) != null;
    }

    /** A Byte, Two Byte Integer or Variable Byte Integer property. */
    OptionalInt integer(int id) {
        MqttProperty<?> property = properties.getProperty(id);
        return property == null ? OptionalInt.empty() : OptionalInt.of((Integer) property.value());
    }

    /** A Four Byte Integer property, unsigned. */
    OptionalLong fourByteInteger(int id) {
        OptionalInt value = integer(id);
        return value.isPresent() ? OptionalLong.of(Integer.toUnsignedLong(value.getAsInt())) : OptionalLong.empty();
    }

    /** A UTF-8 string property, or null. */
    String string(int id) {
        MqttProperty<?> property = properties.getProperty(id);
        return property == null ? null : (String) property.value();
    }

    /** A copy of a binary property, or null. */
    byte[] binary(int id) {
        MqttProperty<?> property = properties.getProperty(id);
        return property == null ? null : ((byte[]) property.value()).clone();
    }

    /** Every value of a property that may appear more than once (the Subscription Identifier). */
    List<Integer> integers(int id) {
        List<Integer> values = new ArrayList<>();
        for (MqttProperty<?> property : properties.getProperties(id)) {
            values.add((Integer) property.value());
        }
        return values;
    }

    /** The user properties in wire order, duplicates kept. */
    List<UserProperty> userProperties() {
        List<UserProperty> values = new ArrayList<>();
        for (MqttProperty<?> property : properties.getProperties(MqttProperties.USER_PROPERTY)) {
            MqttProperties.StringPair pair = (MqttProperties.StringPair) property.value();
            values.add(new UserProperty(pair.key, pair.value));
        }
        return values;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects properties to send; absent values (empty, null) are left out. */
    static final class Builder {
        private final MqttProperties properties = new MqttProperties();

        Builder integer(int id, int value) {
            properties.add(new IntegerProperty(id, value));
            return this;
        }

        Builder integer(int id, OptionalInt value) {
            value.ifPresent(v -> integer(id, v));
            return this;
        }

        /** Leaves the property out when it has the value its absence means. */
        Builder integerUnless(int id, int value, int absentMeans) {
            return value == absentMeans ? this : integer(id, value);
        }

        /** Leaves the property out when it has the value its absence means. */
        Builder fourByteIntegerUnless(int id, long value, long absentMeans) {
            return value == absentMeans ? this : fourByteInteger(id, value);
        }

        Builder fourByteInteger(int id, long value) {
            return integer(id, (int) value);
        }

        Builder fourByteInteger(int id, OptionalLong value) {
            value.ifPresent(v -> fourByteInteger(id, v));
            return this;
        }

        Builder string(int id, String value) {
            if (value != null) {
                properties.add(new StringProperty(id, value));
            }
            return this;
        }

        Builder binary(int id, byte[] value) {
            if (value != null) {
                properties.add(new BinaryProperty(id, value.clone()));
            }
            return this;
        }

        Builder integers(int id, List<Integer> values) {
            values.forEach(v -> integer(id, v));
            return this;
        }

        Builder userProperties(List<UserProperty> values) {
            for (UserProperty user : values) {
                properties.add(new MqttProperties.UserProperty(user.name(), user.value()));
            }
            return this;
        }

        MqttProperties build() {
            return properties.isEmpty() ? MqttProperties.NO_PROPERTIES : properties;
        }
    }
}
