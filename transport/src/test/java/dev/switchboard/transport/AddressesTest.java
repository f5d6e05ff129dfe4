package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
    @ParameterizedTest
    @CsvSource({"127.0.0.1:1234,127.0.0.1,1234", "localhost:80,localhost,80", "[::1]:6881,::1,6881", "host:0,host,0"})
    void parsesHostPort(String text, String host, int port) {
        InetSocketAddress address = Addresses.parseHostPort(text);
        assertThat(address.getHostString()).isEqualTo(host);
        assertThat(address.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", ":1234", "host:", "host:port", "host:70000", "::1:80", "host:-1"})
    void rejectsWhatIsNotHostPort(String text) {
        assertThatThrownBy(() -> Addresses.parseHostPort(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "" : "'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1,9,127.0.0.1:9", "::1,9,[0:0:0:0:0:0:0:1]:9"})
    void formats(String host, int port, String expected) {
        assertThat(Addresses.format(new InetSocketAddress(host, port))).isEqualTo(expected);
    }
}
