/**
 * The MQTT wire edge. Netty's codec-mqtt ({@code MqttDecoder}, {@code MqttEncoder}) frames the
 * bytes; {@link dev.switchboard.mqtt.codec.PacketMapper} turns its messages into the module's
 * immutable {@code Packet} records and back, so no reference-counted buffer gets further in.
 * Malformed input becomes a {@link dev.switchboard.mqtt.codec.MqttProtocolException} carrying an
 * MQTT 5 reason code, and {@link dev.switchboard.mqtt.codec.ProtocolErrors} decides what goes on the
 * wire for it before the connection closes.
 */
package dev.switchboard.mqtt.codec;
