package dev.switchboard.interop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.interop.ExternalProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 02: mosquitto_pub to mosquitto_sub at QoS 0, 1 and 2, with a short, an empty and a
 * 100 KiB payload (sent from a file with {@code -f}). One subscriber prints {@code -v} lines (topic,
 * payload); a second prints the QoS it received, the retain flag and the payload length, so a
 * downgraded QoS or a cut payload fails the test too.
 */
class Mqtt02PubSubQosTest {
    private static final String TOPIC = "interop/02/qos";
    private static final int BIG = 100 * 1024;

    @RegisterExtension
    final InteropBroker interop = new InteropBroker();

    @TempDir
    Path dir;

    static Stream<Arguments> versionsAndQos() {
        return Stream.of(MqttVersion.values()).flatMap(v -> Stream.of(0, 1, 2).map(q -> Arguments.of(v, q)));
    }

    @ParameterizedTest(name = "{0} QoS {1}")
    @MethodSource("versionsAndQos")
    void everyPayloadArrivesOnceInOrderAtTheQosSent(MqttVersion version, int qos) throws IOException {
        String q = String.valueOf(qos);
        String text = "hello at QoS " + qos;
        String big = bigPayload();
        Path bigFile = Files.writeString(dir.resolve("big.txt"), big, StandardCharsets.US_ASCII);

        ExternalProgram verbose = interop.mosquittoSub(version, "-t", TOPIC, "-q", q, "-C", "3", "-v");
        ExternalProgram formatted = interop.mosquittoSub(version, "-t", TOPIC, "-q", q, "-C", "3",
                "-F", "%q %r %l %t");
        interop.awaitSubscriptions(2);

        interop.mosquittoPub(version, "-t", TOPIC, "-q", q, "-m", text);
        interop.mosquittoPub(version, "-t", TOPIC, "-q", q, "-n");
        interop.mosquittoPub(version, "-t", TOPIC, "-q", q, "-f", bigFile.toString());

        assertThat(verbose.awaitSuccess()).containsExactly(
                TOPIC + " " + text,
                TOPIC + " (null)", // how mosquitto_sub -v prints an empty payload
                TOPIC + " " + big);
        assertThat(formatted.awaitSuccess()).containsExactly(
                qos + " 0 " + text.length() + " " + TOPIC,
                qos + " 0 0 " + TOPIC,
                qos + " 0 " + BIG + " " + TOPIC);
    }

    /** 100 KiB of printable ASCII, no line break, not periodic at any small length. */
    private static String bigPayload() {
        StringBuilder payload = new StringBuilder(BIG);
        long x = 0x2545F4914F6CDD1DL;
        while (payload.length() < BIG) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            payload.append((char) ('!' + Math.floorMod(x, 94)));
        }
        return payload.toString();
    }
}
