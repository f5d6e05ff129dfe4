package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 11: the HiveMQ MQTT client (1.3.10), 3.1.1 and 5.0: QoS 0, 1 and 2 both ways, each message
 * once, in order, at the QoS granted; MQTT 5 topic aliases from the client and the broker's limits
 * as the client reads them from CONNACK.
 */
class Mqtt11HiveMqClientTest {
    private static final String TOPIC = "interop/11/t";

    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    @Test
    void mqtt311QosZeroOneAndTwo() throws Exception {
        Mqtt3BlockingClient sub = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion3().identifier("sub3")
                .serverHost(InteropBroker.HOST).serverPort(interop.port()).buildBlocking();
        Mqtt3BlockingClient pub = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion3().identifier("pub3")
                .serverHost(InteropBroker.HOST).serverPort(interop.port()).buildBlocking();
        interop.closeLater(sub::disconnect);
        interop.closeLater(pub::disconnect);
        sub.connect();
        pub.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("interop/11/#").qos(MqttQos.EXACTLY_ONCE).send();
            for (MqttQos qos : MqttQos.values()) {
                pub.publishWith().topic(TOPIC).qos(qos).payload(("qos " + qos.getCode()).getBytes(StandardCharsets.UTF_8))
                        .send();
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Optional<Mqtt3Publish> m = publishes.receive(10, TimeUnit.SECONDS);
                assertThat(m).as("message %d", i).isPresent();
                received.add(new String(m.get().getPayloadAsBytes(), StandardCharsets.UTF_8) + " at " + m.get().getQos());
            }
            assertThat(received).containsExactly("qos 0 at AT_MOST_ONCE", "qos 1 at AT_LEAST_ONCE",
                    "qos 2 at EXACTLY_ONCE");
            assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).as("no duplicate").isEmpty();
        }
    }

    @Test
    void mqtt5QosZeroOneAndTwoWithTopicAliases() throws Exception {
        Mqtt5BlockingClient sub = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier("sub5")
                .serverHost(InteropBroker.HOST).serverPort(interop.port()).buildBlocking();
        // the client may use up to 10 topic aliases towards the broker, as the CONNACK allows
        Mqtt5BlockingClient pub = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier("pub5")
                .serverHost(InteropBroker.HOST).serverPort(interop.port()).buildBlocking();
        interop.closeLater(sub::disconnect);
        interop.closeLater(pub::disconnect);
        sub.connect();
        Mqtt5ConnAck ack = pub.connect();
        assertThat(ack.getRestrictions().getTopicAliasMaximum()).isEqualTo(10);
        assertThat(ack.getRestrictions().getReceiveMaximum()).isEqualTo(100);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("interop/11/#").qos(MqttQos.EXACTLY_ONCE).send();
            for (int round = 0; round < 3; round++) {
                for (MqttQos qos : MqttQos.values()) {
                    pub.publishWith().topic(TOPIC).qos(qos)
                            .payload(("qos " + qos.getCode() + " round " + round).getBytes(StandardCharsets.UTF_8)).send();
                }
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                Optional<Mqtt5Publish> m = publishes.receive(10, TimeUnit.SECONDS);
                assertThat(m).as("message %d", i).isPresent();
                assertThat(m.get().getTopic().toString()).isEqualTo(TOPIC);
                received.add(new String(m.get().getPayloadAsBytes(), StandardCharsets.UTF_8) + " at " + m.get().getQos());
            }
            // MQTT 4.6: order is kept per topic and QoS (the client sends QoS 0 and QoS 1/2 on separate flows)
            for (MqttQos qos : MqttQos.values()) {
                assertThat(received).filteredOn(r -> r.startsWith("qos " + qos.getCode() + " "))
                        .containsExactly("qos " + qos.getCode() + " round 0 at " + qos,
                                "qos " + qos.getCode() + " round 1 at " + qos, "qos " + qos.getCode() + " round 2 at " + qos);
            }
            assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).as("no duplicate").isEmpty();
        }
    }
}
