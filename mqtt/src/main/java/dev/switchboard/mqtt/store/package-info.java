/**
 * What the broker keeps across restarts: sessions with their subscriptions and will, queued
 * messages of offline sessions, QoS 1 and 2 state in both directions, retained messages. Four
 * narrow interfaces ({@link dev.switchboard.mqtt.store.SessionStore},
 * {@link dev.switchboard.mqtt.store.MessageQueueStore}, {@link dev.switchboard.mqtt.store.InflightStore},
 * {@link dev.switchboard.mqtt.store.RetainedStore}), each with an in-memory and an H2 MVStore
 * implementation; {@link dev.switchboard.mqtt.store.StoreFile} owns the MVStore file (format
 * version, commits, corruption checks, close) and {@link dev.switchboard.mqtt.store.BrokerStores#open}
 * returns the set a {@link dev.switchboard.mqtt.store.StoreConfig} asks for. Byte layouts of the
 * stored values are documented on {@link dev.switchboard.mqtt.store.MessageFormat} and
 * {@link dev.switchboard.mqtt.store.SessionFormat}; docs/durability.md is the user's view.
 */
package dev.switchboard.mqtt.store;
