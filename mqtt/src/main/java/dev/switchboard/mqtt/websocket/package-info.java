/**
 * MQTT over WebSocket: the HTTP upgrade gate (path, subprotocol, size) and the adapter that turns
 * binary WebSocket frames into the byte stream the MQTT decoder reads, and MQTT bytes back into frames.
 */
package dev.switchboard.mqtt.websocket;
