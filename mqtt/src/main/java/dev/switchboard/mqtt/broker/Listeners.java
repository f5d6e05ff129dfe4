package dev.switchboard.mqtt.broker;

import dev.switchboard.transport.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's listeners besides plain MQTT over TCP: MQTT over TLS, over WebSocket and over
 * WebSocket with TLS. All bind the broker's bind host. Without {@code tls} there is no TLS or
 * secure WebSocket listener; a port of {@link #OFF} turns a listener off.
 *
 * @param tlsPort MQTT over TLS, 8883 by default; used only when {@code tls} is given
 * @param webSocketPort MQTT over WebSocket (ws://host:port/mqtt); off by default, 8083 customary
 * @param secureWebSocketPort MQTT over WebSocket with TLS (wss://host:port/mqtt); off by default,
 *     8084 customary; needs {@code tls}
 * @param tls certificate, key and client-certificate settings; null for no TLS
 * @param useCnAsUsername a client certificate's CN stands for the username
 *     ({@code TlsIdentity.username()}); needs client certificates to be required
 * @param tlsFileCheck how often the certificate and key files are checked for changes (and
 *     reloaded); zero: only on {@code MqttBroker.reloadTls()}
 */
public record Listeners(int tlsPort, int webSocketPort, int secureWebSocketPort, TlsConfig tls,
        boolean useCnAsUsername, Duration tlsFileCheck) {
    public static final int OFF = -1;
    public static final int DEFAULT_TLS_PORT = 8883;
    public static final int DEFAULT_WEBSOCKET_PORT = 8083;
    public static final int DEFAULT_SECURE_WEBSOCKET_PORT = 8084;
    /** The HTTP path MQTT over WebSocket is served on. */
    public static final String WEBSOCKET_PATH = "/mqtt";

    public Listeners {
        requirePort(tlsPort, "TLS");
        requirePort(webSocketPort, "WebSocket");
        requirePort(secureWebSocketPort, "secure WebSocket");
        Objects.requireNonNull(tlsFileCheck, "tlsFileCheck");
        if (tlsFileCheck.isNegative()) {
            throw new IllegalArgumentException("TLS file check interval must not be negative");
        }
        if (secureWebSocketPort != OFF && tls == null) {
            throw new IllegalArgumentException("a secure WebSocket listener needs a certificate and key (--cert, --key)");
        }
        if (useCnAsUsername && (tls == null || !tls.requireClientCert())) {
            throw new IllegalArgumentException("using the certificate CN as username needs --require-client-cert");
        }
    }

    private static void requirePort(int port, String what) {
        if (port != OFF && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException(what + " port must be 0-65535, got " + port);
        }
    }

    /** Plain TCP only. */
    public static Listeners none() {
        return builder().build();
    }

    public Optional<TlsConfig> tlsConfig() {
        return Optional.ofNullable(tls);
    }

    boolean tlsListener() {
        return tls != null && tlsPort != OFF;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int tlsPort = DEFAULT_TLS_PORT;
        private int webSocketPort = OFF;
        private int secureWebSocketPort = OFF;
        private TlsConfig tls;
        private boolean useCnAsUsername;
        private Duration tlsFileCheck = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        public Builder tlsPort(int tlsPort) {
            this.tlsPort = tlsPort;
            return this;
        }

        public Builder webSocketPort(int webSocketPort) {
            this.webSocketPort = webSocketPort;
            return this;
        }

        public Builder secureWebSocketPort(int secureWebSocketPort) {
            this.secureWebSocketPort = secureWebSocketPort;
            return this;
        }

        public Builder useCnAsUsername(boolean useCnAsUsername) {
            this.useCnAsUsername = useCnAsUsername;
            return this;
        }

        public Builder tlsFileCheck(Duration tlsFileCheck) {
            this.tlsFileCheck = tlsFileCheck;
            return this;
        }

        public Listeners build() {
            return new Listeners(tlsPort, webSocketPort, secureWebSocketPort, tls, useCnAsUsername, tlsFileCheck);
        }
    }
}
