package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.RawClient;
import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.transport.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over WebSocket end to end: framing either way, the upgrade's refusals, and WebSocket over TLS. */
class MqttWebSocketTest {
    /** CONNECT 3.1.1, clean session, keep alive 60, client id "ws", split after the protocol name. */
    private static final String CONNECT_HEAD = "100e" + "00044d515454";
    private static final String CONNECT_TAIL = "04" + "02" + "003c" + "00027773";
    private static final String CONNACK = "20020000";
    /** SUBSCRIBE packet id 1, filter "t" at QoS 0; then PINGREQ. */
    private static final String SUBSCRIBE_AND_PING = "820600010001" + "7400" + "c000";
    private static final String SUBACK_AND_PINGRESP = "9003000100" + "d000";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @TempDir
    Path dir;

    private MqttBroker webSocketBroker() {
        return brokers.start(b -> b.listeners(Listeners.builder().webSocketPort(0).build()));
    }

    private static URI ws(InetSocketAddress address, String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + address.getPort() + "/mqtt");
    }

    @Test
    void packetsSpanFramesAndFramesHoldSeveralPacketsAndTcpPublishesArrive() throws Exception {
        MqttBroker broker = webSocketBroker();
        try (WebSocketClient client = WebSocketClient.open(ws(broker.webSocketAddress().orElseThrow(), "ws"), null,
                "mqtt")) {
            assertThat(client.subprotocol()).isEqualTo("mqtt");
            client.send(CONNECT_HEAD).send(CONNECT_TAIL).expect(CONNACK);
            client.send(SUBSCRIBE_AND_PING).expect(SUBACK_AND_PINGRESP);
            MqttClient publisher = new MqttClient(BrokerFixture.uri(broker), "tcp-pub", new MemoryPersistence());
            publisher.connect();
            brokers.closeLater(publisher::close);
            publisher.publish("t", "hi".getBytes(StandardCharsets.UTF_8), 0, false);
            publisher.disconnect();
            client.expect("3005" + "000174" + "6869"); // PUBLISH QoS 0, topic "t", payload "hi"
        }
    }

    @Test
    void fragmentedMessageIsOneByteStream() throws Exception {
        MqttBroker broker = webSocketBroker();
        try (WebSocketClient client = WebSocketClient.open(ws(broker.webSocketAddress().orElseThrow(), "ws"), null,
                "mqtt")) {
            client.send(CONNECT_HEAD, false).send(CONNECT_TAIL, true).expect(CONNACK);
        }
    }

    @Test
    void mqttv31SubprotocolIsAcceptedToo() throws Exception {
        MqttBroker broker = webSocketBroker();
        try (WebSocketClient client = WebSocketClient.open(ws(broker.webSocketAddress().orElseThrow(), "ws"), null,
                "mqttv3.1")) {
            assertThat(client.subprotocol()).isEqualTo("mqttv3.1");
        }
    }

    @Test
    void frameLargerThanTheMaxPacketSizeClosesTheConnection() throws Exception {
        MqttBroker broker = brokers.start(b -> b.maxPacketSize(1024)
                .listeners(Listeners.builder().webSocketPort(0).build()));
        try (WebSocketClient client = WebSocketClient.open(ws(broker.webSocketAddress().orElseThrow(), "ws"), null,
                "mqtt")) {
            client.send("00".repeat(2048));
            assertThat(client.awaitClosed()).isIn(1009, -1);
        }
        await().until(() -> broker.openConnections() == 0);
    }

    @Test
    void secureWebSocketCarriesMqtt() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        TestCertificates.Issued server = certs.server("server");
        MqttBroker broker = brokers.start(b -> b.listeners(Listeners.builder().tls(TlsConfig.of(server.cert(),
                server.key())).tlsPort(Listeners.OFF).secureWebSocketPort(0).build()));
        assertThat(broker.tlsAddress()).isEmpty();
        try (WebSocketClient client = WebSocketClient.open(ws(broker.secureWebSocketAddress().orElseThrow(), "wss"),
                certs.clientContext(null), "mqtt")) {
            client.send(CONNECT_HEAD + CONNECT_TAIL).expect(CONNACK);
        }
    }

    @Test
    void wrongPathIs404AndClosed() {
        assertThat(answer(upgrade("/other", "mqtt"))).startsWith("HTTP/1.1 404 Not Found")
                .contains("MQTT over WebSocket is served on /mqtt");
    }

    @Test
    void missingSubprotocolIs400AndClosed() {
        assertThat(answer(upgrade("/mqtt", null))).startsWith("HTTP/1.1 400 Bad Request")
                .contains("Sec-WebSocket-Protocol must offer mqtt or mqttv3.1");
    }

    @Test
    void otherSubprotocolIs400() {
        assertThat(answer(upgrade("/mqtt", "chat, superchat"))).startsWith("HTTP/1.1 400 Bad Request");
    }

    @Test
    void plainGetIs400() {
        assertThat(answer("GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request")
                .contains("not a WebSocket upgrade");
    }

    @Test
    void postIs405() {
        assertThat(answer("POST /mqtt HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 405 Method Not Allowed");
    }

    @Test
    void oversizedHeadersAre431AndClosed() {
        String request = "GET /mqtt HTTP/1.1\r\nHost: x\r\nX-Filler: " + "a".repeat(10_000) + "\r\n\r\n";
        assertThat(answer(request)).startsWith("HTTP/1.1 431 Request Header Fields Too Large");
    }

    @Test
    void oversizedRequestLineIs414() {
        assertThat(answer("GET /mqtt?" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414 Request-URI Too Long");
    }

    @Test
    void garbageInsteadOfHttpIs400() {
        assertThat(answer("\u0010\u000e\u0000\u0004MQTT\u0004\u0002\u0000<\u0000\u0002ws\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request");
    }

    @Test
    void noWebSocketListenerUnlessConfigured() {
        MqttBroker broker = brokers.start();
        assertThat(broker.webSocketAddress()).isEmpty();
        assertThat(broker.secureWebSocketAddress()).isEmpty();
        assertThat(broker.tlsAddress()).isEmpty();
    }

    private static String upgrade(String path, String subprotocols) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (subprotocols == null ? "" : "Sec-WebSocket-Protocol: " + subprotocols + "\r\n") + "\r\n";
    }

    /** Sends {@code request} to a fresh WebSocket broker and returns everything it answered before closing. */
    private String answer(String request) {
        MqttBroker broker = webSocketBroker();
        try (RawClient raw = RawClient.connect(broker.webSocketAddress().orElseThrow())) {
            raw.send(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(raw.readToEnd(), StandardCharsets.ISO_8859_1);
            await().until(() -> broker.openConnections() == 0);
            return answer;
        }
    }
}
