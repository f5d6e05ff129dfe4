package dev.switchboard.interop.mqtt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The one callback of a Paho MQTT 5 client: keeps every message it receives, once. (Paho hands a
 * message to every matching per-subscription listener, so those would count a delivery several times.)
 */
final class PahoV5Inbox implements MqttCallback {
    final List<MqttMessage> messages = new CopyOnWriteArrayList<>();
    private final BiConsumer<String, MqttMessage> also;

    PahoV5Inbox() {
        this((topic, message) -> {
        });
    }

    /** {@code also} sees each message with its topic as it arrives. */
    PahoV5Inbox(BiConsumer<String, MqttMessage> also) {
        this.also = also;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(message);
        also.accept(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
