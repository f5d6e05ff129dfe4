/**
 * The publish-subscribe pattern: an MQTT 3.1.1 and 5.0 broker. Netty's codec-mqtt does the
 * framing at the edge; one mapper turns its messages into this module's own records.
 */
package dev.switchboard.mqtt;
